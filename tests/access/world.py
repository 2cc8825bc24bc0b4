"""The world the access-control matrix is walked in: process A with every kind of resource, process B
whose team must not reach A, a user for each role and a join link for each conference role.

Built once per test module with the services (as the pages would), then kept as a snapshot of every
table: `Snapshot.take()` reads all rows, `Snapshot.restore()` puts back exactly the tables a case
changed, so every case starts from the same state however destructive the one before it was."""
import random
from datetime import date, timedelta

import sqlalchemy as sa

from participation.auth.models import ProcessRole, ProcessRoleKind, User
from participation.auth.services import hash_password
from participation.database import unit_of_work, utcnow
from participation.extensions import db
from participation.markup import render_markdown
from participation.processes.models import DEFAULT_SECTORS, District, ModerationMode, Process, Sector
from tests.conference.live_helpers import Namespace, build_conference
from tests.conftest import PASSWORD, register_bytes

SLUG_A = "stadt-a"
SLUG_B = "stadt-b"
EVENT_CODE = "KLIMA2027"


def _process(slug, title):
    now = utcnow()
    process = Process(
        slug=slug, title=title, municipality="Musterstadt", description="Ein **Prozess**.",
        description_html=render_markdown("Ein **Prozess**."), idea_collection_opens_at=now - timedelta(days=1),
        idea_collection_closes_at=now + timedelta(days=60), is_public=True, moderation_mode=ModerationMode.POST,
    )
    process.sectors = [Sector(code=c, name=name, position=i) for i, (c, name) in enumerate(DEFAULT_SECTORS)]
    process.districts = [District(name=d, position=i) for i, d in enumerate(("Nord", "Süd", "Zentrum"))]
    db.session.add(process)
    db.session.flush()
    return process


def _user(key, *, admin=False, roles=()):
    user = User(email=f"{key}@example.org", display_name=key.replace("_", " ").title(),
                password_hash=hash_password(PASSWORD), is_admin=admin, email_verified_at=utcnow())
    db.session.add(user)
    db.session.flush()
    for process, role in roles:
        db.session.add(ProcessRole(user_id=user.id, process_id=process.id, role=role))
    db.session.flush()
    return user


def build_world():
    """Build everything and return a Namespace of plain ids, tokens and e-mail addresses."""
    from participation.catalogue import services as catalogue
    from participation.catalogue.models import Measure
    from participation.conference import services as conference_services
    from participation.conference.models import Conference, ConferenceStatus, VotingRound
    from participation.ideas import services as ideas
    from participation.ideas.models import Comment, Idea, IdeaStatus
    from participation.lottery import panels
    from participation.lottery import services as lottery
    from participation.lottery.models import Invitation, LotteryFile, PanelMember
    from participation.lottery.register_csv import sniff, suggest_mapping
    from participation.moderation import services as moderation

    w = Namespace(slug_a=SLUG_A, slug_b=SLUG_B, event_code=EVENT_CODE)
    with unit_of_work():
        a = _process(SLUG_A, "Klimaschutz Stadt A")
        b = _process(SLUG_B, "Klimaschutz Stadt B")
        users = {
            "resident": _user("resident"),
            "author": _user("author"),
            "moderator": _user("moderator", roles=[(a, ProcessRoleKind.MODERATOR)]),
            "staff": _user("staff", roles=[(a, ProcessRoleKind.STAFF)]),
            "moderator_b": _user("moderator_b", roles=[(b, ProcessRoleKind.MODERATOR)]),
            "staff_b": _user("staff_b", roles=[(b, ProcessRoleKind.STAFF)]),
            "admin": _user("admin", admin=True),
        }
    w.users = {key: user.id for key, user in users.items()}
    w.emails = {key: user.email for key, user in users.items()}
    staff, author = users["staff"], users["author"]
    w.process_a, w.process_b = a.id, b.id
    w.sector_a = a.sectors[0].id
    w.moderator_role = db.session.scalar(sa.select(ProcessRole.id).where(
        ProcessRole.user_id == users["moderator"].id, ProcessRole.process_id == a.id))

    # --- ideas, comments, moderation ---
    with unit_of_work():
        idea = ideas.submit_idea(author, a, "Mehr Bäume in der Innenstadt", "Schattige Straßen kühlen im Sommer.",
                                 a.sectors[0].id)
        second = ideas.submit_idea(author, a, "Radwege an der Hauptstraße", "Sichere Wege für alle, die Rad fahren.",
                                   a.sectors[1].id)
        comment = ideas.add_comment(author, idea, "Gute Idee, besonders am Marktplatz.")
        pending = Idea(process=a, author=author, title="Noch nicht geprüft: Solardächer",
                       body="Auf jede Schule eine Solaranlage.", body_html="<p>Auf jede Schule eine Solaranlage.</p>",
                       sector=a.sectors[2], status=IdeaStatus.SUBMITTED)
        db.session.add(pending)
        other = ideas.submit_idea(author, b, "Idee in Stadt B", "Eine Idee, die zu Prozess B gehört.",
                                  b.sectors[0].id)
        template = moderation.save_reason_template(staff, a, "Schon im Katalog", "Diese Idee steht schon im Katalog.")
        moderation.reason_templates(b)  # B's defaults, written on the first visit of its moderation pages
    w.idea, w.second_idea, w.pending_idea, w.idea_b = idea.id, second.id, pending.id, other.id
    w.comment, w.reason_template = comment.id, template.id
    w.idea_version = db.session.get(Idea, idea.id).version
    w.idea_b_version = db.session.get(Idea, other.id).version
    w.comment_version = db.session.get(Comment, comment.id).version

    # --- the catalogue: a published measure with the idea linked ---
    with unit_of_work():
        measure = catalogue.create_measure(staff, a, measure_data(a.sectors[0].id), [idea.id], "adopted",
                                           "Im Stadtrat beschlossen.")
        catalogue.set_public(staff, measure, True)
    with unit_of_work():
        w.criteria = [c.id for c in catalogue.ensure_default_criteria(staff, a)]
    measure = db.session.get(Measure, measure.id)
    w.measure, w.measure_code, w.measure_version = measure.id, measure.code, measure.version
    w.link = measure.idea_links[0].id

    with unit_of_work():
        measure_b = catalogue.create_measure(users["staff_b"], b, measure_data(b.sectors[0].id))
    w.measure_b_code = db.session.get(Measure, measure_b.id).code

    # --- a conference with tables, join links and rounds ---
    conf = build_conference(db, a, tables=2, per_table=2, title="Klimakonferenz A")
    with unit_of_work():
        conference = db.session.get(Conference, conf.conference_id)
        conference.status = ConferenceStatus.RUNNING
        conference.event_code = EVENT_CODE
        conference.walk_ins_allowed = True
        conference.self_choice = True
    t1, t2 = conf.tables
    w.conference, w.table, w.table_2 = conf.conference_id, t1, t2
    w.item, w.item_2 = conf.items[t1][0], conf.items[t2][0]
    w.citizen = next(p for p in conf.participants[t1] if conf.tokens[p]
                     and _kind(p) == "citizen")
    w.facilitator = conf.facilitators[t1]
    w.link_moderator = conf.moderator
    w.tokens = {"citizen": conf.tokens[w.citizen], "facilitator": conf.tokens[w.facilitator],
                "link_moderator": conf.tokens[w.link_moderator]}
    with unit_of_work():
        from participation.conference.models import Participant

        db.session.get(Participant, w.citizen).email = "citizen@example.org"
    conf_b = build_conference(db, b, tables=1, per_table=1, title="Klimakonferenz B")
    w.conference_b, w.table_b = conf_b.conference_id, conf_b.tables[0]
    w.tokens["link_b"] = conf_b.tokens[conf_b.moderator]
    with unit_of_work():
        live = conference_services.create_round(staff, conference, t1, title="Was zuerst?", method="dots",
                                                settings={"dots": 3, "max_per_item": 2}, duration_seconds=3600)
        conference_services.open_round(staff, live)
        draft = conference_services.create_round(staff, conference, None, title="Plenum: Was zuerst?",
                                                 method="single")
    w.open_round, w.draft_round = live.id, draft.id
    w.open_round_item = conf.items[t1][0]
    assert db.session.get(VotingRound, live.id).state.value == "open"

    # --- the lottery: register, a made draw with letters and answers, a selection run and its panel ---
    data = register_bytes(60, 5)
    with unit_of_work():
        upload = lottery.stage_upload(staff, a, "melderegister.csv", data)
        extract = lottery.import_upload(staff, a, upload, suggest_mapping(sniff(data).header),
                                        date.today() + timedelta(days=90))
    with unit_of_work():
        pending_upload = lottery.stage_upload(staff, a, "melderegister-2.csv", register_bytes(20, 9))
    w.extract, w.upload_token = extract.id, pending_upload.token
    deadline = utcnow() + timedelta(days=21)
    with unit_of_work():
        draw = lottery.publish_draw(staff, a, lottery.DrawData(
            extract_id=extract.id, letters=40, reference_date=date(2026, 11, 1), strata=("district",),
            exclude_earlier=True, response_deadline=deadline))
    with unit_of_work():
        lottery.perform_draw(staff, draw, "17 4 33 8 21", "Öffentliche Ziehung im Stadtrat")
    with unit_of_work():
        lottery.request_letters(staff, draw)
    with unit_of_work():
        second_draw = lottery.publish_draw(staff, a, lottery.DrawData(
            extract_id=extract.id, letters=5, reference_date=date(2026, 11, 1), strata=("district",),
            exclude_earlier=True, response_deadline=deadline))
    w.draw_number, w.undrawn_number = draw.number, second_draw.number
    w.letter_file = db.session.scalar(sa.select(LotteryFile.id).where(LotteryFile.draw_id == draw.id))
    assert w.letter_file, "the letters were not made"
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    categories = lottery.get_settings(a).categories
    rng = random.Random(3)
    for invitation in invitations[:24]:
        features = {c["key"]: rng.choice(c["values"])["value"] for c in categories}
        with unit_of_work():
            lottery.submit_response(invitation, lottery.ResponseData(
                accepted=True, given_name="Alex", family_name="Muster", email=f"p{invitation.id}@example.org",
                features=features, consent=True))
    w.invitation = invitations[0].id
    w.invitation_code = invitations[30].code  # a letter nobody has answered yet
    with unit_of_work():
        run = panels.start_run(staff, a, panels.categories_with_quotas(a, 6, {}), 6, reserve_size=2)
    db.session.expire_all()
    w.run = run.id
    from participation.lottery.models import SelectionRun

    assert db.session.get(SelectionRun, run.id).status.value == "done", db.session.get(SelectionRun, run.id).error
    with unit_of_work():
        panel = panels.draw_panel(staff, db.session.get(SelectionRun, run.id), "42", "Drei Würfel im Stadtrat")
    w.panel = panel.id
    w.member = db.session.scalar(sa.select(PanelMember.id).where(PanelMember.panel_id == panel.id)
                                 .order_by(PanelMember.id))
    db.session.remove()
    return w


def _kind(participant_id):
    from participation.conference.models import Participant

    return db.session.get(Participant, participant_id).kind.value


def measure_data(sector_id):
    from participation.catalogue.services import MeasureData

    return MeasureData(title="Stadtbäume für heiße Sommer", sector_id=sector_id)


# --- snapshots of every table ----------------------------------------------------------------------

_TABLES = []


def _tables():
    if not _TABLES:
        _TABLES.extend(db.metadata.sorted_tables)
    return _TABLES


def _order(table):
    return list(table.primary_key.columns) or list(table.columns)


_SQL = {}


def _read_raw(connection, names=None):
    """The rows of the tables named (all when None) as the driver returns them, without SQLAlchemy's
    result processing (several times faster, and enough to compare)."""
    quote = connection.dialect.identifier_preparer.quote
    rows = {}
    cursor = connection.connection.cursor()
    try:
        for table in _tables():
            if names is None or table.name in names:
                if table.name not in _SQL:
                    _SQL[table.name] = (f"SELECT * FROM {quote(table.name)} ORDER BY "
                                        + ", ".join(quote(c.name) for c in _order(table)))
                cursor.execute(_SQL[table.name])
                rows[table.name] = cursor.fetchall()
    finally:
        cursor.close()
    return rows


class Snapshot:
    """Every row of every table, read in primary-key order. `take()` reads the raw values the driver
    returns (fast, for comparing); `take(typed=True)` also keeps the typed rows `restore()` writes back."""

    def __init__(self, rows, typed=None):
        self.rows, self.typed = rows, typed

    @classmethod
    def take(cls, typed=False):
        rows, typed_rows = {}, {} if typed else None
        with db.engine.connect() as connection:
            rows = _read_raw(connection)
            if typed:
                for table in _tables():
                    typed_rows[table.name] = connection.execute(sa.select(table).order_by(*_order(table))).all()
            connection.rollback()
        return cls(rows, typed_rows)

    def changed_tables(self, other):
        return [name for name, rows in self.rows.items() if other.rows.get(name) != rows]

    def restore(self, names):
        """Put back the rows of the tables named (foreign keys are checked again afterwards on SQLite)."""
        if not names:
            return
        tables = [t for t in _tables() if t.name in names]
        with db.engine.connect() as connection:
            postgres = connection.dialect.name == "postgresql"
            # Checks and triggers off while the rows go back: the tables are restored one by one.
            connection.exec_driver_sql("SET session_replication_role = replica" if postgres
                                       else "PRAGMA foreign_keys=OFF")
            connection.commit()
            try:
                for table in reversed(tables):
                    connection.execute(table.delete())
                for table in tables:
                    columns = [c for c in table.columns if c.computed is None]
                    rows = [{c.name: row._mapping[c] for c in columns} for row in self.typed[table.name]]
                    if rows:
                        connection.execute(table.insert(), rows)
                connection.commit()
            finally:
                connection.rollback()
                connection.exec_driver_sql("SET session_replication_role = DEFAULT" if postgres
                                           else "PRAGMA foreign_keys=ON")
                connection.commit()
            if not postgres:
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                assert not problems, problems
            # The same values, though not always the same bytes (JSON spacing, time formats) as the
            # services wrote them: compare later reads with what the restore wrote.
            self.rows.update(_read_raw(connection, names))
            connection.rollback()
