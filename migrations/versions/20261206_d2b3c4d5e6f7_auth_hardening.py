"""Issue 9: sessions ended on the server, sign-in throttling per account and address with one-time
sign-in links, two-factor authentication (TOTP with recovery codes and remembered devices).

The per-account failure counter of users gives way to sign_in_events (account and address).

Revision ID: d2b3c4d5e6f7
Revises: d1a2b3c4d5e6
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd2b3c4d5e6f7'
down_revision = 'd1a2b3c4d5e6'
branch_labels = None
depends_on = None


def _user_fk():
    return sa.ForeignKey('users.id', ondelete='CASCADE')


def upgrade():
    # Native ADD/DROP COLUMN (SQLite >= 3.35 drops columns without a table copy, which would
    # disturb the many foreign keys that point at users).
    op.add_column('users', sa.Column('totp_secret', sa.String(length=255), nullable=True))
    op.add_column('users', sa.Column('totp_enabled_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('users', sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    op.drop_column('users', 'failed_login_count')
    op.drop_column('users', 'last_failed_login_at')

    op.create_table(
        'user_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE',
                                                         name=op.f('fk_user_sessions_user_id_users')), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('remember', sa.Boolean(), nullable=False),
        sa.Column('second_factor_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_user_sessions_secret_hash')),
    )
    op.create_index(op.f('ix_user_sessions_user_id'), 'user_sessions', ['user_id'])

    op.create_table(
        'trusted_devices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE',
                                                         name=op.f('fk_trusted_devices_user_id_users')), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_devices')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_trusted_devices_secret_hash')),
    )
    op.create_index(op.f('ix_trusted_devices_user_id'), 'trusted_devices', ['user_id'])

    op.create_table(
        'recovery_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE',
                                                         name=op.f('fk_recovery_codes_user_id_users')), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_codes')),
        sa.UniqueConstraint('user_id', 'code_hash', name=op.f('uq_recovery_codes_user_id_code_hash')),
    )
    op.create_index(op.f('ix_recovery_codes_user_id'), 'recovery_codes', ['user_id'])

    op.create_table(
        'sign_in_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE',
                                                         name=op.f('fk_sign_in_events_user_id_users')), nullable=True),
        sa.Column('address_key', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.Enum('password_failed', 'code_failed', 'signed_in', 'link_sent', name='signineventkind',
                                  native_enum=False, create_constraint=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_events')),
    )
    op.create_index('ix_sign_in_events_user_created', 'sign_in_events', ['user_id', 'created_at'])
    op.create_index('ix_sign_in_events_address_created', 'sign_in_events', ['address_key', 'created_at'])

    op.create_table(
        'sign_in_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE',
                                                         name=op.f('fk_sign_in_links_user_id_users')), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_links_token_hash')),
    )
    op.create_index(op.f('ix_sign_in_links_user_id'), 'sign_in_links', ['user_id'])


def downgrade():
    op.drop_index(op.f('ix_sign_in_links_user_id'), table_name='sign_in_links')
    op.drop_table('sign_in_links')
    op.drop_index('ix_sign_in_events_address_created', table_name='sign_in_events')
    op.drop_index('ix_sign_in_events_user_created', table_name='sign_in_events')
    op.drop_table('sign_in_events')
    op.drop_index(op.f('ix_recovery_codes_user_id'), table_name='recovery_codes')
    op.drop_table('recovery_codes')
    op.drop_index(op.f('ix_trusted_devices_user_id'), table_name='trusted_devices')
    op.drop_table('trusted_devices')
    op.drop_index(op.f('ix_user_sessions_user_id'), table_name='user_sessions')
    op.drop_table('user_sessions')

    op.add_column('users', sa.Column('last_failed_login_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('users', sa.Column('failed_login_count', sa.Integer(), server_default='0', nullable=False))
    op.drop_column('users', 'totp_last_step')
    op.drop_column('users', 'totp_enabled_at')
    op.drop_column('users', 'totp_secret')
