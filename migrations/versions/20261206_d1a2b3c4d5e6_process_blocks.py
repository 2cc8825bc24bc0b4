"""Per-process account blocks: an account barred from taking part in one process (issue 9).

Revision ID: d1a2b3c4d5e6
Revises: c8f2b3d4e5f6
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d5e6'
down_revision = 'c8f2b3d4e5f6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('process_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('blocked_by_id', sa.Integer(), nullable=True),
    sa.Column('blocked_by_name', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['blocked_by_id'], ['users.id'], name=op.f('fk_process_blocks_blocked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_process_blocks_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_process_blocks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_blocks')),
    sa.UniqueConstraint('process_id', 'user_id', name=op.f('uq_process_blocks_process_id_user_id'))
    )
    with op.batch_alter_table('process_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_process_blocks_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('process_blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_process_blocks_user_id'))
    op.drop_table('process_blocks')
