"""Moderation (decisions, reason templates, reports, an append-only audit log, duplicate
suggestions), account notification settings, and the measure catalogue (measures, quantities,
relations, milestones, revisions, idea links, prioritisation criteria and scores).

Revision ID: 20caf541e408
Revises: a0ccdd463db2
Create Date: 2026-11-23 15:50:00
"""
import sqlalchemy as sa
from alembic import op

from participation.moderation.models import AUDIT_GUARD_DROP, AUDIT_GUARD_POSTGRES, AUDIT_GUARD_SQLITE


# revision identifiers, used by Alembic.
revision = '20caf541e408'
down_revision = 'a0ccdd463db2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=120), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('object_type', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before_state', sa.Text(), nullable=True),
    sa.Column('after_state', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_audit_entries_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_entries_process_created', ['process_id', 'created_at'], unique=False)

    op.create_table('priority_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_priority_criteria_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_criteria')),
    sa.UniqueConstraint('process_id', 'name', name=op.f('uq_priority_criteria_process_id_name'))
    )
    with op.batch_alter_table('priority_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_criteria_process_id'), ['process_id'], unique=False)

    op.create_table('reason_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_reason_templates_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reason_templates')),
    sa.UniqueConstraint('process_id', 'title', name=op.f('uq_reason_templates_process_id_title'))
    )
    with op.batch_alter_table('reason_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reason_templates_process_id'), ['process_id'], unique=False)

    op.create_table('measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('type', sa.Enum('technical', 'funding', 'regulatory', 'information', 'organisational', name='measuretype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('starting_situation', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('initiator', sa.String(length=200), nullable=False),
    sa.Column('lead_actor', sa.String(length=200), nullable=False),
    sa.Column('partners', sa.Text(), nullable=False),
    sa.Column('target_group', sa.Text(), nullable=False),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('success_indicators', sa.Text(), nullable=False),
    sa.Column('time_horizon', sa.Enum('short', 'medium', 'long', name='timehorizon', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='priority', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('council_decision_on', sa.Date(), nullable=True),
    sa.Column('council_reference', sa.String(length=80), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'prioritised', 'adopted', 'in_implementation', 'completed', 'discarded', name='measurestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('progress_percent', sa.Integer(), server_default='0', nullable=False),
    sa.Column('origin', sa.Enum('citizen_ideas', 'workshop', 'administration', 'council_motion', 'conference', name='measureorigin', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('origin_note', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('progress_percent BETWEEN 0 AND 100', name=op.f('ck_measures_progress_range')),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_measures_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_measures_sector_id_sectors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measures')),
    sa.UniqueConstraint('process_id', 'code', name=op.f('uq_measures_process_id_code'))
    )
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.create_index('ix_measures_process_sector', ['process_id', 'sector_id', 'status'], unique=False)

    op.create_table('idea_measure_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('adopted', 'merged', 'partly_adopted', 'inspired', name='linkkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_idea_measure_links_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_measure_links_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_idea_measure_links_measure_id_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_measure_links')),
    sa.UniqueConstraint('idea_id', 'measure_id', name=op.f('uq_idea_measure_links_idea_id_measure_id'))
    )
    with op.batch_alter_table('idea_measure_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_measure_links_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_measure_links_measure_id'), ['measure_id'], unique=False)

    op.create_table('idea_similarities',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('similar_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_similarities_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['similar_id'], ['ideas.id'], name=op.f('fk_idea_similarities_similar_id_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('idea_id', 'similar_id', name=op.f('pk_idea_similarities'))
    )
    op.create_table('measure_quantities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ghg_savings', 'energy_savings', 'investment', 'running_costs', 'value_added', name='quantitykind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_quantities_measure_id_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_quantities')),
    sa.UniqueConstraint('measure_id', 'kind', name=op.f('uq_measure_quantities_measure_id_kind'))
    )
    op.create_table('measure_relations',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('related', 'depends_on', name='relationkind', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_relations_measure_id_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['measures.id'], name=op.f('fk_measure_relations_other_id_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('measure_id', 'other_id', 'kind', name=op.f('pk_measure_relations'))
    )
    op.create_table('measure_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=120), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_measure_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_revisions_measure_id_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_revisions')),
    sa.UniqueConstraint('measure_id', 'number', name=op.f('uq_measure_revisions_measure_id_number'))
    )
    op.create_table('measure_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('scored_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('value BETWEEN 1 AND 5', name=op.f('ck_measure_scores_value_range')),
    sa.ForeignKeyConstraint(['criterion_id'], ['priority_criteria.id'], name=op.f('fk_measure_scores_criterion_id_priority_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_scores_measure_id_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scored_by_id'], ['users.id'], name=op.f('fk_measure_scores_scored_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_scores')),
    sa.UniqueConstraint('measure_id', 'criterion_id', name=op.f('uq_measure_scores_measure_id_criterion_id'))
    )
    with op.batch_alter_table('measure_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_scores_criterion_id'), ['criterion_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_milestones_measure_id_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_measure_id'), ['measure_id'], unique=False)

    op.create_table('moderation_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('publish', 'reject', 'request_edit', 'edit', 'merge', 'hide', 'unhide', 'dismiss_reports', name='moderationaction', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reason_template_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(idea_id IS NULL) != (comment_id IS NULL)', name=op.f('ck_moderation_decisions_one_subject')),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_moderation_decisions_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_moderation_decisions_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_moderation_decisions_moderator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_moderation_decisions_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reason_template_id'], ['reason_templates.id'], name=op.f('fk_moderation_decisions_reason_template_id_reason_templates'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_decisions'))
    )
    with op.batch_alter_table('moderation_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_decisions_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_decisions_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_decisions_process_id'), ['process_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.Enum('upheld', 'dismissed', name='reportresolution', native_enum=False, create_constraint=True), nullable=True),
    sa.CheckConstraint('(idea_id IS NULL) != (comment_id IS NULL)', name=op.f('ck_reports_one_subject')),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_reports_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_reports_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_reports_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('reporter_id', 'comment_id', name=op.f('uq_reports_reporter_id_comment_id')),
    sa.UniqueConstraint('reporter_id', 'idea_id', name=op.f('uq_reports_reporter_id_idea_id'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_process_id'), ['process_id'], unique=False)

    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_threshold', sa.Integer(), server_default='3', nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('blocked_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('notify_published', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_rejected', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_edit_requested', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_merged', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_adopted', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.create_index("ix_ideas_queue", ["process_id", "moderated_at", "created_at", "id", "status",
                                                 "edit_requested_at"], unique=False)
        batch_op.create_index("ix_ideas_reported", ["process_id", "open_reports"], unique=False)
        batch_op.create_index("ix_ideas_resubmitted", ["process_id", "resubmitted_at"], unique=False)
        batch_op.create_index("ix_ideas_claimed_by", ["claimed_by_id", "claimed_until"], unique=False)

    bind = op.get_bind()
    for statement in AUDIT_GUARD_POSTGRES if bind.dialect.name == "postgresql" else AUDIT_GUARD_SQLITE:
        op.execute(statement)


def downgrade():
    for statement in AUDIT_GUARD_DROP[op.get_bind().dialect.name]:
        op.execute(statement)
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_index("ix_ideas_claimed_by")
        batch_op.drop_index("ix_ideas_resubmitted")
        batch_op.drop_index("ix_ideas_reported")
        batch_op.drop_index("ix_ideas_queue")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notify_adopted')
        batch_op.drop_column('notify_merged')
        batch_op.drop_column('notify_edit_requested')
        batch_op.drop_column('notify_rejected')
        batch_op.drop_column('notify_published')
        batch_op.drop_column('blocked_reason')

    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.drop_column('report_threshold')

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_process_id'))
        batch_op.drop_index(batch_op.f('ix_reports_idea_id'))
        batch_op.drop_index(batch_op.f('ix_reports_comment_id'))

    op.drop_table('reports')
    with op.batch_alter_table('moderation_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_process_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_idea_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_comment_id'))

    op.drop_table('moderation_decisions')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_measure_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('measure_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_scores_criterion_id'))

    op.drop_table('measure_scores')
    op.drop_table('measure_revisions')
    op.drop_table('measure_relations')
    op.drop_table('measure_quantities')
    op.drop_table('idea_similarities')
    with op.batch_alter_table('idea_measure_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_measure_links_measure_id'))
        batch_op.drop_index(batch_op.f('ix_idea_measure_links_idea_id'))

    op.drop_table('idea_measure_links')
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.drop_index('ix_measures_process_sector')

    op.drop_table('measures')
    with op.batch_alter_table('reason_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reason_templates_process_id'))

    op.drop_table('reason_templates')
    with op.batch_alter_table('priority_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_criteria_process_id'))

    op.drop_table('priority_criteria')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_process_created')
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_action'))

    op.drop_table('audit_entries')
