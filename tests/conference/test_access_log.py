"""Reads of conference people (list, join cards, a join link's QR code) and the audit CSV are written
to the process's access log, like register data, and staff see them with readable German labels."""
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.lottery.models import LotteryAccess
from tests.conference.live_helpers import build_conference


def _entries(db, process=None):
    query = sa.select(LotteryAccess).order_by(LotteryAccess.id)
    if process is not None:
        query = query.where(LotteryAccess.process_id == process.id)
    db.session.expire_all()
    return db.session.scalars(query).all()


def _setup(db, make_process, make_user, make_client):
    process = make_process()
    other = make_process()
    moderator = make_user(name="Mona Moderatorin", roles=[(process, ProcessRoleKind.MODERATOR)])
    conf = build_conference(db, process, tables=2, per_table=3, title="Klimakonferenz Nord")
    http = make_client()
    http.login(moderator.email)
    return process, other, moderator, conf, http


def test_each_read_of_conference_people_writes_exactly_one_entry(db, make_process, make_user, make_client):
    process, other, moderator, conf, http = _setup(db, make_process, make_user, make_client)
    base = f"/processes/{process.slug}/conferences/{conf.conference_id}"
    people = sum(len(p) for p in conf.participants.values()) + len(conf.facilitators) + 1
    assert _entries(db) == []

    page = http.get(base)
    assert page.status_code == 200 and "Teilnehmerin 1-1" in page.get_data(as_text=True)
    (entry,) = _entries(db)
    assert (entry.action, entry.user_id, entry.user_name, entry.process_id, entry.row_count) == (
        "view_participants", moderator.id, "Mona Moderatorin", process.id, people)
    assert entry.subject == f"Konferenz {conf.conference_id}: Klimakonferenz Nord"

    cards = http.get(f"{base}/join-cards.pdf")
    assert cards.status_code == 200 and cards.data.startswith(b"%PDF")
    entry = _entries(db)[-1]
    assert len(_entries(db)) == 2
    assert (entry.action, entry.user_id, entry.process_id, entry.row_count) == (
        "join_cards", moderator.id, process.id, people)

    citizens = http.get(f"{base}/join-cards.pdf?kind=citizen")
    assert citizens.status_code == 200
    entry = _entries(db)[-1]
    assert len(_entries(db)) == 3
    assert entry.action == "join_cards" and entry.row_count == 2 and entry.subject.endswith("(citizen)")

    person = conf.participants[conf.tables[0]][0]
    qr = http.get(f"{base}/participants/{person}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    entry = _entries(db)[-1]
    assert len(_entries(db)) == 4
    assert (entry.action, entry.user_id, entry.row_count) == ("view_join_qr", moderator.id, 1)
    assert entry.subject.endswith(f"Nr. {person}")
    assert _entries(db, other) == []  # the entries belong to the conference's process


def test_refused_reads_write_nothing(db, make_process, make_user, make_client):
    process, other, moderator, conf, http = _setup(db, make_process, make_user, make_client)
    outsider = make_user(roles=[(other, ProcessRoleKind.STAFF)])  # staff elsewhere only
    stranger = make_client()
    stranger.login(outsider.email)
    base = f"/processes/{process.slug}/conferences/{conf.conference_id}"
    for url in (base, f"{base}/join-cards.pdf", f"{base}/participants/{conf.moderator}/qr.svg",
                f"/processes/{process.slug}/audit.csv"):
        assert stranger.get(url).status_code == 403, url
    assert http.get(f"{base}/participants/999999/qr.svg").status_code == 404
    assert _entries(db) == []


def test_the_audit_csv_export_is_logged_with_its_rows(db, make_process, make_user, make_client):
    process, other, moderator, conf, http = _setup(db, make_process, make_user, make_client)
    staff = make_user(name="Stefan Stab", roles=[(process, ProcessRoleKind.STAFF)])
    office = make_client()
    office.login(staff.email)
    response = office.get(f"/processes/{process.slug}/audit.csv?action=audit.export")
    assert response.status_code == 200
    (entry,) = _entries(db)
    assert (entry.action, entry.user_id, entry.user_name, entry.process_id) == (
        "export_audit", staff.id, "Stefan Stab", process.id)
    rows = response.get_data(as_text=True).strip().splitlines()[1:]
    assert entry.row_count == len(rows) == 0  # the filter matched nothing before this export
    assert entry.subject == f"audit-{process.slug}.csv (action=audit.export)"
    office.get(f"/processes/{process.slug}/audit.csv")
    entry = _entries(db)[-1]
    assert len(_entries(db)) == 2 and entry.row_count == 1  # the first export's own audit entry


def test_staff_see_these_reads_on_the_access_log_page_in_german(db, make_process, make_user, make_client):
    process, other, moderator, conf, http = _setup(db, make_process, make_user, make_client)
    base = f"/processes/{process.slug}/conferences/{conf.conference_id}"
    http.get(base)
    http.get(f"{base}/join-cards.pdf")
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    office = make_client()
    office.login(staff.email)
    office.get(f"/processes/{process.slug}/audit.csv")
    page = office.get(f"/processes/{process.slug}/lottery/access-log")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for label in ("Teilnehmende einer Konferenz angesehen (Namen, E-Mail-Adressen, Teilnahmelinks)",
                  "Teilnahmekarten gedruckt (PDF)", "Protokoll exportiert (CSV oder Excel)"):
        assert label in text, label
    assert "view_participants" not in text and "join_cards" not in text
    assert "Mona Moderatorin" in text and "Klimakonferenz Nord" in text
    # The moderator reads people, but the log is for the process's staff.
    assert http.get(f"/processes/{process.slug}/lottery/access-log").status_code == 403
