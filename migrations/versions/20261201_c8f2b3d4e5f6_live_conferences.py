"""Live conferences: conferences, theme tables, their items, participants with join tokens,
seatings for the World-Café rotation, voting rounds, ballots (one per participant and round),
announcements, results sent to the catalogue, and the conference and table of ideas recorded there.

Revision ID: c8f2b3d4e5f6
Revises: b7e1a2c3d4e5
Create Date: 2026-12-01 22:10:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c8f2b3d4e5f6'
down_revision = 'b7e1a2c3d4e5'
branch_labels = None
depends_on = None

_IDEA_COLUMNS = (
    ('conference_id', 'conferences', 'fk_ideas_conference_id_conferences'),
    ('theme_table_id', 'theme_tables', 'fk_ideas_theme_table_id_theme_tables'),
)


def _sqlite_constraint(column, table, name):
    return f'CONSTRAINT {name} FOREIGN KEY({column}) REFERENCES {table} (id) ON DELETE SET NULL'


def _sqlite_rewrite_ideas(change):
    """Change the CREATE TABLE text of `ideas` in place (SQLite's documented way for changes that
    leave the stored rows alone). A batch copy cannot be used: it would write into the generated
    `listed` column and drop the full-text triggers."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ideas'").scalar()
    version = bind.exec_driver_sql('PRAGMA schema_version').scalar()
    bind.exec_driver_sql('PRAGMA writable_schema = ON')
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'ideas'",
                         (change(sql),))
    bind.exec_driver_sql(f'PRAGMA schema_version = {version + 1}')
    bind.exec_driver_sql('PRAGMA writable_schema = OFF')


def _add_idea_columns():
    if op.get_bind().dialect.name == 'sqlite':
        for column, _table, _name in _IDEA_COLUMNS:
            op.add_column('ideas', sa.Column(column, sa.Integer(), nullable=True))
        added = ''.join(f', \n\t{_sqlite_constraint(*c)}' for c in _IDEA_COLUMNS)
        _sqlite_rewrite_ideas(lambda sql: sql.rstrip().rstrip(')').rstrip() + added + '\n)')
        return
    for column, table, name in _IDEA_COLUMNS:
        op.add_column('ideas', sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, 'ideas', table, [column], ['id'], ondelete='SET NULL')


def _drop_idea_columns():
    if op.get_bind().dialect.name == 'sqlite':
        def without(sql):
            for constraint in _IDEA_COLUMNS:
                sql = sql.replace(f', \n\t{_sqlite_constraint(*constraint)}', '')
            return sql

        _sqlite_rewrite_ideas(without)
        for column, _table, _name in reversed(_IDEA_COLUMNS):
            op.drop_column('ideas', column)
        return
    for column, _table, name in reversed(_IDEA_COLUMNS):
        op.drop_constraint(name, 'ideas', type_='foreignkey')
        op.drop_column('ideas', column)


def upgrade():
    op.create_table('conferences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('agenda_html', sa.Text(), nullable=False),
    sa.Column('mode', sa.Enum('online', 'hybrid', name='conferencemode', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('event_code', sa.String(length=16), nullable=True),
    sa.Column('walk_ins_allowed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('self_choice', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'running', 'finished', name='conferencestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rotation', sa.Integer(), server_default='0', nullable=False),
    sa.Column('sent_to_catalogue_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_conferences_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conferences')),
    sa.UniqueConstraint('event_code', name=op.f('uq_conferences_event_code'))
    )
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conferences_process_id'), ['process_id'], unique=False)

    op.create_table('theme_tables',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=160), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_theme_tables_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_theme_tables_sector_id_sectors'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_tables'))
    )
    with op.batch_alter_table('theme_tables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_tables_conference_id'), ['conference_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('expert', 'citizen', 'facilitator', 'moderator', name='participantkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('token', sa.String(length=43), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('first_choice_id', sa.Integer(), nullable=True),
    sa.Column('second_choice_id', sa.Integer(), nullable=True),
    sa.Column('panel_member_id', sa.Integer(), nullable=True),
    sa.Column('walk_in', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_participants_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['first_choice_id'], ['theme_tables.id'], name=op.f('fk_participants_first_choice_id_theme_tables'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['panel_member_id'], ['panel_members.id'], name=op.f('fk_participants_panel_member_id_panel_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['second_choice_id'], ['theme_tables.id'], name=op.f('fk_participants_second_choice_id_theme_tables'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_participants_table_id_theme_tables'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('conference_id', 'email', name=op.f('uq_participants_conference_id_email')),
    sa.UniqueConstraint('token', name=op.f('uq_participants_token'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_conference_table', ['conference_id', 'table_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_panel_member_id'), ['panel_member_id'], unique=False)

    # The table's facilitator is a participant, and participants sit at tables: the cycle is closed here.
    with op.batch_alter_table('theme_tables', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_theme_tables_facilitator_id_participants'), 'participants',
                                    ['facilitator_id'], ['id'], ondelete='SET NULL')

    op.create_table('voting_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('method', sa.Enum('dots', 'approval', 'single', 'ranking', 'agreement', name='votemethod', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('results_visibility', sa.Enum('live', 'after_close', name='resultsvisibility', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('state', sa.Enum('draft', 'open', 'closed', name='roundstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('duration_seconds', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('item_ids', sa.JSON(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_voting_rounds_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_voting_rounds_table_id_theme_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_rounds'))
    )
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.create_index('ix_voting_rounds_conference_table', ['conference_id', 'table_id', 'state'], unique=False)
        batch_op.create_index('ix_voting_rounds_due', ['state', 'ends_at'], unique=False)
        batch_op.create_index('ix_voting_rounds_one_open', ['conference_id', sa.text('coalesce(table_id, 0)')],
                              unique=True, sqlite_where=sa.text("state = 'open'"),
                              postgresql_where=sa.text("state = 'open'"))

    op.create_table('announcements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.Column('author_participant_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_participant_id'], ['participants.id'], name=op.f('fk_announcements_author_participant_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_announcements_author_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_announcements_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_announcements_table_id_theme_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_announcements'))
    )
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.create_index('ix_announcements_conference_created', ['conference_id', 'created_at'], unique=False)

    op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_ballots_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], name=op.f('fk_ballots_round_id_voting_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('round_id', 'participant_id', name=op.f('uq_ballots_round_id_participant_id'))
    )
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballots_participant_id'), ['participant_id'], unique=False)

    op.create_table('conference_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('item_label', sa.String(length=200), nullable=False),
    sa.Column('table_topic', sa.String(length=160), nullable=False),
    sa.Column('round_title', sa.String(length=160), nullable=False),
    sa.Column('method', sa.Enum('dots', 'approval', 'single', 'ranking', 'agreement', name='votemethod', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_conference_results_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_conference_results_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_conference_results_measure_id_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], name=op.f('fk_conference_results_round_id_voting_rounds'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_conference_results_table_id_theme_tables'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conference_results'))
    )
    with op.batch_alter_table('conference_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conference_results_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index('ix_conference_results_idea', ['idea_id'], unique=False)
        batch_op.create_index('ix_conference_results_measure', ['measure_id'], unique=False)

    op.create_table('seatings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_seatings_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_seatings_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_seatings_table_id_theme_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seatings')),
    sa.UniqueConstraint('participant_id', 'rotation', name=op.f('uq_seatings_participant_id_rotation'))
    )
    with op.batch_alter_table('seatings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seatings_conference_id'), ['conference_id'], unique=False)

    op.create_table('table_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('idea', 'measure', 'option', name='itemkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_table_items_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_table_items_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_table_items_measure_id_measures'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['theme_tables.id'], name=op.f('fk_table_items_table_id_theme_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_table_items'))
    )
    with op.batch_alter_table('table_items', schema=None) as batch_op:
        batch_op.create_index('ix_table_items_conference_table', ['conference_id', 'table_id', 'position'], unique=False)

    _add_idea_columns()


def downgrade():
    _drop_idea_columns()

    with op.batch_alter_table('table_items', schema=None) as batch_op:
        batch_op.drop_index('ix_table_items_conference_table')

    op.drop_table('table_items')
    with op.batch_alter_table('seatings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seatings_conference_id'))

    op.drop_table('seatings')
    with op.batch_alter_table('conference_results', schema=None) as batch_op:
        batch_op.drop_index('ix_conference_results_measure')
        batch_op.drop_index('ix_conference_results_idea')
        batch_op.drop_index(batch_op.f('ix_conference_results_conference_id'))

    op.drop_table('conference_results')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballots_participant_id'))

    op.drop_table('ballots')
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.drop_index('ix_announcements_conference_created')

    op.drop_table('announcements')
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.drop_index('ix_voting_rounds_one_open')
        batch_op.drop_index('ix_voting_rounds_due')
        batch_op.drop_index('ix_voting_rounds_conference_table')

    op.drop_table('voting_rounds')
    with op.batch_alter_table('theme_tables', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_tables_facilitator_id_participants'), type_='foreignkey')

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_panel_member_id'))
        batch_op.drop_index('ix_participants_conference_table')

    op.drop_table('participants')
    with op.batch_alter_table('theme_tables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_tables_conference_id'))

    op.drop_table('theme_tables')
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conferences_process_id'))

    op.drop_table('conferences')
