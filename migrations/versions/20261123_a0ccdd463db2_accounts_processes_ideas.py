"""Accounts and process roles, processes with sectors and districts, ideas and comments (with
the moderation state they carry from the start), supports, and the full-text search over ideas
(FTS5 on SQLite, a german tsvector with a GIN index on PostgreSQL).

Revision ID: a0ccdd463db2
Revises:
Create Date: 2026-11-23 15:05:26
"""
import sqlalchemy as sa
from alembic import op

from participation.ideas.search import create_search_objects, drop_search_objects


# revision identifiers, used by Alembic.
revision = 'a0ccdd463db2'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('processes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('municipality', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('idea_collection_opens_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('idea_collection_closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('moderation_mode', sa.Enum('pre', 'post', name='moderationmode', native_enum=False, create_constraint=True), server_default='pre', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processes')),
    sa.UniqueConstraint('slug', name=op.f('uq_processes_slug'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('blocked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('session_token', sa.String(length=32), nullable=False),
    sa.Column('failed_login_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_failed_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('districts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_districts_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_districts')),
    sa.UniqueConstraint('process_id', 'name', name=op.f('uq_districts_process_id_name'))
    )
    op.create_table('process_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('moderator', 'staff', name='processrolekind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_process_roles_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_process_roles_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_process_roles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_roles')),
    sa.UniqueConstraint('user_id', 'process_id', 'role', name=op.f('uq_process_roles_user_id_process_id_role'))
    )
    with op.batch_alter_table('process_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_process_roles_process_id'), ['process_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_process_roles_user_id'), ['user_id'], unique=False)

    op.create_table('sectors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_sectors_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sectors')),
    sa.UniqueConstraint('process_id', 'code', name=op.f('uq_sectors_process_id_code')),
    sa.UniqueConstraint('process_id', 'name', name=op.f('uq_sectors_process_id_name'))
    )
    op.create_table('ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('submitted', 'published', 'rejected', 'merged', 'adopted', name='ideastatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('listed', sa.Boolean(), sa.Computed("status IN ('published', 'adopted') AND hidden_at IS NULL", persisted=True), nullable=False),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('support_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('edit_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('edit_request_note', sa.Text(), nullable=True),
    sa.Column('resubmitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moderator_edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source_note', sa.String(length=200), nullable=True),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('open_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('comment_count >= 0', name=op.f('ck_ideas_comment_count_not_negative')),
    sa.CheckConstraint('support_count >= 0', name=op.f('ck_ideas_support_count_not_negative')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_ideas_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_ideas_claimed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_ideas_district_id_districts'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_ideas_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['ideas.id'], name=op.f('fk_ideas_merged_into_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_ideas_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_ideas_sector_id_sectors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas'))
    )
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideas_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_ideas_district_newest', ['process_id', 'district_id', 'listed', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_ideas_district_supported', ['process_id', 'district_id', 'listed', 'support_count', 'id'], unique=False)
        batch_op.create_index('ix_ideas_place', ['process_id', 'district_id', 'sector_id', 'listed', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_ideas_listed_commented', ['process_id', 'listed', 'comment_count', 'id'], unique=False)
        batch_op.create_index('ix_ideas_listed_newest', ['process_id', 'listed', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_ideas_listed_supported', ['process_id', 'listed', 'support_count', 'id'], unique=False)
        batch_op.create_index('ix_ideas_sector_newest', ['process_id', 'sector_id', 'listed', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_ideas_sector_supported', ['process_id', 'sector_id', 'listed', 'support_count', 'id'], unique=False)
        batch_op.create_index('ix_ideas_status', ['process_id', 'status', 'created_at', 'id'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'published', 'rejected', name='commentstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('open_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_comments_claimed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_comments_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_comments_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_comments_idea_status_created', ['idea_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_parent_id'), ['parent_id'], unique=False)

    op.create_table('supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_supports_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_supports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supports')),
    sa.UniqueConstraint('idea_id', 'user_id', name=op.f('uq_supports_idea_id_user_id'))
    )
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supports_user_id'), ['user_id'], unique=False)

    create_search_objects(op.get_bind())


def downgrade():
    drop_search_objects(op.get_bind())
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supports_user_id'))

    op.drop_table('supports')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comments_parent_id'))
        batch_op.drop_index('ix_comments_idea_status_created')
        batch_op.drop_index(batch_op.f('ix_comments_author_id'))

    op.drop_table('comments')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_status')
        batch_op.drop_index('ix_ideas_sector_supported')
        batch_op.drop_index('ix_ideas_sector_newest')
        batch_op.drop_index('ix_ideas_listed_supported')
        batch_op.drop_index('ix_ideas_listed_newest')
        batch_op.drop_index('ix_ideas_listed_commented')
        batch_op.drop_index('ix_ideas_place')
        batch_op.drop_index('ix_ideas_district_supported')
        batch_op.drop_index('ix_ideas_district_newest')
        batch_op.drop_index(batch_op.f('ix_ideas_author_id'))

    op.drop_table('ideas')
    op.drop_table('sectors')
    with op.batch_alter_table('process_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_process_roles_user_id'))
        batch_op.drop_index(batch_op.f('ix_process_roles_process_id'))

    op.drop_table('process_roles')
    op.drop_table('districts')
    op.drop_table('users')
    op.drop_table('processes')
