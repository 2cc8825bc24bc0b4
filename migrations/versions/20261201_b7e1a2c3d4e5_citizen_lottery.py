"""Citizen lottery: register extracts and their rows, staged uploads, invitation draws, invitations
with response codes, responses, selection runs, panels and their members, generated files and the
access log.

Revision ID: b7e1a2c3d4e5
Revises: 20caf541e408
Create Date: 2026-12-01 21:45:00
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e1a2c3d4e5'
down_revision = '20caf541e408'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('lottery_access_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_lottery_access_log_process_id_processes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lottery_access_log_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lottery_access_log'))
    )
    with op.batch_alter_table('lottery_access_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lottery_access_log_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_lottery_access_log_process_id'), ['process_id'], unique=False)

    op.create_table('lottery_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('letter_subject', sa.String(length=200), nullable=False),
    sa.Column('letter_template', sa.Text(), nullable=False),
    sa.Column('sender', sa.JSON(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('retention_days', sa.Integer(), server_default='180', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_lottery_settings_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lottery_settings')),
    sa.UniqueConstraint('process_id', name=op.f('uq_lottery_settings_process_id'))
    )
    op.create_table('register_extracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('encoding', sa.String(length=20), nullable=False),
    sa.Column('delimiter', sa.String(length=4), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('retention_until', sa.Date(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('thinned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('purged_rows', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_register_extracts_imported_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_register_extracts_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_extracts'))
    )
    with op.batch_alter_table('register_extracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_extracts_process_id'), ['process_id'], unique=False)

    op.create_table('register_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_register_uploads_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_register_uploads_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_uploads')),
    sa.UniqueConstraint('token', name=op.f('uq_register_uploads_token'))
    )
    with op.batch_alter_table('register_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_uploads_process_id'), ['process_id'], unique=False)

    op.create_table('selection_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', 'cancelled', name='runstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('panel_size', sa.Integer(), nullable=False),
    sa.Column('reserve_size', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('pool_size', sa.Integer(), nullable=False),
    sa.Column('library_version', sa.String(length=40), nullable=False),
    sa.Column('algorithm', sa.String(length=40), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('progress_message', sa.String(length=300), nullable=False),
    sa.Column('cancel_requested', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('probabilities', sa.JSON(), nullable=True),
    sa.Column('min_probability', sa.Float(), nullable=True),
    sa.Column('protocol', sa.JSON(), nullable=True),
    sa.Column('lottery_hash', sa.String(length=64), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_selection_runs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_selection_runs_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_selection_runs'))
    )
    with op.batch_alter_table('selection_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_selection_runs_process_id'), ['process_id'], unique=False)
        batch_op.create_index('ix_selection_runs_one_active', ['process_id'], unique=True,
                              sqlite_where=sa.text("status IN ('queued', 'running')"),
                              postgresql_where=sa.text("status IN ('queued', 'running')"))

    op.create_table('draws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('extract_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('published', 'drawn', name='drawstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('parameters_hash', sa.String(length=64), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.Column('response_deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('seed', sa.String(length=200), nullable=True),
    sa.Column('seed_source', sa.Text(), nullable=True),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('drawn_by_id', sa.Integer(), nullable=True),
    sa.Column('selection_hash', sa.String(length=64), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('strata', sa.JSON(), nullable=True),
    sa.Column('letters_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['users.id'], name=op.f('fk_draws_drawn_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['extract_id'], ['register_extracts.id'], name=op.f('fk_draws_extract_id_register_extracts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_draws_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_draws_published_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draws')),
    sa.UniqueConstraint('process_id', 'number', name=op.f('uq_draws_process_id_number'))
    )
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draws_process_id'), ['process_id'], unique=False)

    op.create_table('panels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('draw_source', sa.Text(), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('annulled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('annulled_reason', sa.Text(), server_default='', nullable=False),
    sa.Column('annulled_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['annulled_by_id'], ['users.id'], name=op.f('fk_panels_annulled_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['users.id'], name=op.f('fk_panels_drawn_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_panels_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['selection_runs.id'], name=op.f('fk_panels_run_id_selection_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panels')),
    sa.UniqueConstraint('run_id', name=op.f('uq_panels_run_id'))
    )
    with op.batch_alter_table('panels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panels_process_id'), ['process_id'], unique=False)

    op.create_table('register_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('extract_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('family_name', sa.String(length=120), nullable=False),
    sa.Column('given_names', sa.String(length=160), nullable=False),
    sa.Column('street', sa.String(length=160), nullable=False),
    sa.Column('house_number', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('town', sa.String(length=120), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=False),
    sa.Column('household', sa.String(length=300), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['extract_id'], ['register_extracts.id'], name=op.f('fk_register_people_extract_id_register_extracts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_people')),
    sa.UniqueConstraint('extract_id', 'person_id', name=op.f('uq_register_people_extract_id_person_id'))
    )
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('person_ref', sa.String(length=64), nullable=False),
    sa.Column('hmac', sa.String(length=64), nullable=False),
    sa.Column('household', sa.String(length=64), server_default='', nullable=False),
    sa.Column('stratum', sa.JSON(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('status', sa.Enum('invited', 'accepted', 'declined', name='invitationstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['draw_id'], ['draws.id'], name=op.f('fk_invitations_draw_id_draws'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['register_people.id'], name=op.f('fk_invitations_person_id_register_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('code', name=op.f('uq_invitations_code')),
    sa.UniqueConstraint('draw_id', 'person_ref', name=op.f('uq_invitations_draw_id_person_ref'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_status'), ['status'], unique=False)

    op.create_table('lottery_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=80), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='filestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['draw_id'], ['draws.id'], name=op.f('fk_lottery_files_draw_id_draws'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_lottery_files_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_lottery_files_requested_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lottery_files'))
    )
    with op.batch_alter_table('lottery_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lottery_files_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lottery_files_process_id'), ['process_id'], unique=False)

    op.create_table('lottery_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('given_name', sa.String(length=120), nullable=False),
    sa.Column('family_name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('availability', sa.Text(), nullable=False),
    sa.Column('accessibility_needs', sa.Text(), nullable=False),
    sa.Column('consent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('channel', sa.Enum('online', 'phone', 'paper', name='responsechannel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_lottery_responses_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_lottery_responses_invitation_id_invitations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lottery_responses')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_lottery_responses_invitation_id'))
    )
    op.create_table('panel_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member', 'reserve', name='memberrole', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status', sa.Enum('active', 'withdrawn', name='memberstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_panel_members_invitation_id_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_panel_members_panel_id_panels'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['replaces_id'], ['panel_members.id'], name=op.f('fk_panel_members_replaces_id_panel_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_members')),
    sa.UniqueConstraint('panel_id', 'invitation_id', name=op.f('uq_panel_members_panel_id_invitation_id'))
    )
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_members_panel_id'), ['panel_id'], unique=False)



def downgrade():
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_members_panel_id'))

    op.drop_table('panel_members')
    op.drop_table('lottery_responses')
    with op.batch_alter_table('lottery_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lottery_files_process_id'))
        batch_op.drop_index(batch_op.f('ix_lottery_files_draw_id'))

    op.drop_table('lottery_files')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_status'))
        batch_op.drop_index(batch_op.f('ix_invitations_person_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_draw_id'))

    op.drop_table('invitations')
    op.drop_table('register_people')
    with op.batch_alter_table('panels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panels_process_id'))

    op.drop_table('panels')
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draws_process_id'))

    op.drop_table('draws')
    with op.batch_alter_table('selection_runs', schema=None) as batch_op:
        batch_op.drop_index('ix_selection_runs_one_active')
        batch_op.drop_index(batch_op.f('ix_selection_runs_process_id'))

    op.drop_table('selection_runs')
    with op.batch_alter_table('register_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_uploads_process_id'))

    op.drop_table('register_uploads')
    with op.batch_alter_table('register_extracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_extracts_process_id'))

    op.drop_table('register_extracts')
    op.drop_table('lottery_settings')
    with op.batch_alter_table('lottery_access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lottery_access_log_process_id'))
        batch_op.drop_index(batch_op.f('ix_lottery_access_log_created_at'))

    op.drop_table('lottery_access_log')
