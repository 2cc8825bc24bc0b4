""""Meine Daten herunterladen": one JSON file with everything stored about the account, nothing of
anyone else's, hostile content kept as data; CSRF, rate limit, log, headers; and every column of
every model decided."""
import json
import re

import pytest
import sqlalchemy as sa

from conftest import PASSWORD
from participation.auth import data_export
from tests.ops.instance_data import populate

HOSTILE = {
    "idea_title": '<script>alert("t")</script> {{7*7}} \u202eevil',
    "idea_body": '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> <svg onload=alert(1)> '
                 '{% raw %}{{ config }}{% endraw %} "quotes" \\backslash\\ \u202e\u2066 ' + "Ä" * 4000,
    "comment": "</script><script>alert(2)</script> \u0007 bell, \t tab and ü",  # NUL is left out: PostgreSQL text refuses it
    "report": "<iframe src=//evil.example></iframe> ${7*7} ]]> --> <!--",
    "given_name": "<b>Anna</b>", "family_name": "O'Brien \"&amp;\"", "phone": "+49 (0) 123/456-7",
    "availability": "</textarea><script>x()</script>", "accessibility": "\u202eRollstuhl {{ 1 }}",
    "participant_name": "<svg/onload=alert(3)>", "display_name": "Anna <i>B</i>",
}


def _download(client, url="/account/settings"):
    token = re.search(r'name="data-csrf_token"[^>]*value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert token, "no download form on the settings page"
    return client.post("/account/data", {"data-csrf_token": token.group(1)}, csrf=False)


@pytest.fixture
def filled(app, db):
    made = populate()
    # A second resident, active in the same places, whose data must stay out of Anna's file.
    populate(resident_email="bernd.zweiter@example.org", resident_name="Bernd Z.", slug="nachbarort",
             texts={"idea_title": "Bernds geheime Idee zum Stadtpark", "idea_body": "Bernds Text, nur für Bernd.",
                    "comment": "Bernds Kommentar", "report": "Bernds Meldung an die Moderation",
                    "given_name": "Bernhard", "family_name": "Zweiter", "phone": "+49 30 999999",
                    "availability": "Bernd kann montags", "accessibility": "Bernd braucht Gebärdensprache",
                    "participant_name": "Bernd im Konferenzraum"})
    return made


def test_a_resident_downloads_every_item_and_nothing_of_anyone_else(filled, make_client, db):
    from participation.moderation.models import AuditEntry

    client = make_client()
    client.login("anna.beispiel@example.org")
    response = _download(client)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert re.fullmatch(r'attachment; filename="beteiligung-meine-daten-\d{4}-\d{2}-\d{2}\.json"',
                        response.headers["Content-Disposition"])
    data = json.loads(response.get_data())
    sections = data["sections"]
    assert data["about"]["format"] == "participation-personal-data/1"
    for name, section in sections.items():
        assert isinstance(section["description"], str) and len(section["description"]) > 20, name

    account = sections["account"]["data"]
    assert account["email"] == "anna.beispiel@example.org" and account["display_name"] == "Anna B."
    assert "password_hash" not in account and "session_token" not in account
    assert set(sections["notification_settings"]["data"]) == {
        "notify_published", "notify_rejected", "notify_edit_requested", "notify_merged", "notify_adopted"}

    ideas = sections["ideas"]["data"]
    assert [i["id"] for i in ideas] == [filled["own_idea"]]
    assert ideas[0]["title"] == filled["texts"]["idea_title"] and ideas[0]["process"]["slug"] == "musterstadt"
    assert ideas[0]["support_count"] == 3 and ideas[0]["sector"] and ideas[0]["district"] == "Nord"
    comments = sections["comments"]["data"]
    assert {c["body"] for c in comments} == {filled["texts"]["comment"], "Danke für die Unterstützung!"}
    assert any(c["parent_id"] for c in comments)
    assert sorted(s["idea_id"] for s in sections["supports"]["data"]) == sorted(filled["supported"])
    assert [(r["id"], r["reason"]) for r in sections["reports"]["data"]] == [(filled["report"], filled["texts"]["report"])]

    [person] = sections["conference_participations"]["data"]
    assert person["id"] == filled["participant"] and person["display_name"] == "Anna Beispiel"
    assert person["conference"]["title"] == "Klimakonferenz" and person["table_topic"] == "Mobilität"
    assert "token" not in person
    [ballot] = person["ballots"]
    assert ballot["round"]["title"] == "Welche Option zuerst?" and "item" in ballot["payload"]

    [answer] = sections["lottery_answers"]["data"]
    assert answer["id"] == filled["answers"][0]
    assert (answer["given_name"], answer["family_name"], answer["phone"]) == ("Anna", "Beispiel", "+49 3641 123456")
    assert answer["accessibility_needs"] == "Rollstuhlgerechter Zugang" and answer["consent_at"]
    assert answer["invitation"]["status"] == "accepted" and answer["draw_number"] == 1
    assert "code" not in answer["invitation"]
    assert "users.password_hash" in data["withheld"]["data"] and "invitations.code" in data["withheld"]["data"]

    text = response.get_data(as_text=True)
    for foreign in ("bernd", "Bernhard", "Zweiter", "Bernds", "Gebärdensprache", "Ein Kommentar von jemand anderem",
                    "Bitte prüfen, ob das passt", "Vorname1", "antwort1-", "gast0-", "Gast 0", "staff-musterstadt",
                    "Frau Verwaltung", "nachbar1-"):
        assert foreign.lower() not in text.lower(), foreign
    with client.app.app_context():
        joins = [p.token for p in db.session.scalars(sa.select(__import__(
            "participation.conference.models", fromlist=["Participant"]).Participant))]
        assert joins and not any(token in text for token in joins)

    # The download is in the audit log (and shows in the next file).
    with client.app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "account.data_download"))
        assert entry.actor_id == filled["resident"] and entry.object_id == filled["resident"] and entry.process_id is None
    again = json.loads(_download(client).get_data())
    assert [e["action"] for e in again["sections"]["account_events"]["data"]] == ["account.data_download"]


def test_staff_see_their_team_records_without_the_content(filled, make_client):
    client = make_client()
    client.login("staff-musterstadt@example.org")
    data = json.loads(_download(client).get_data())
    kinds = {(r["record"], r["role"]) for r in data["sections"]["team_activity"]["data"]}
    assert {("register_extracts", "imported_by_id"), ("draws", "published_by_id"), ("draws", "drawn_by_id"),
            ("measure_revisions", "author_id"), ("lottery_access_log", "user_id")} <= kinds
    assert "Vorname1" not in json.dumps(data) and "melderegister" not in json.dumps(data)
    assert data["sections"]["process_roles"]["data"][0]["role"] == "staff"


def test_hostile_content_round_trips_as_data(app, db, make_client):
    made = populate(resident_email="hostile@example.org", texts=HOSTILE)
    from participation.ideas.models import Comment, Idea

    stored_title = db.session.get(Idea, made["own_idea"]).title
    stored_body = db.session.get(Idea, made["own_idea"]).body
    stored_comment = db.session.get(Comment, made["comment"]).body
    client = make_client()
    client.login("hostile@example.org")
    response = _download(client)
    assert response.mimetype == "application/json" and response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.get_data())
    sections = data["sections"]
    idea = sections["ideas"]["data"][0]
    assert (idea["title"], idea["body"]) == (stored_title, stored_body)
    assert idea["body"] == HOSTILE["idea_body"]  # stored as given, and given back as given
    assert "<script>" in idea["title"] and "\u202e" in idea["title"]
    assert stored_comment in {c["body"] for c in sections["comments"]["data"]}
    assert sections["reports"]["data"][0]["reason"] == HOSTILE["report"]
    answer = sections["lottery_answers"]["data"][0]
    assert (answer["given_name"], answer["family_name"], answer["availability"], answer["accessibility_needs"]) == (
        HOSTILE["given_name"], HOSTILE["family_name"], HOSTILE["availability"], HOSTILE["accessibility"])
    assert sections["conference_participations"]["data"][0]["display_name"] == HOSTILE["participant_name"]
    assert sections["account"]["data"]["display_name"] == HOSTILE["display_name"]
    # The bytes are one JSON document: nothing hostile breaks out of its string.
    assert json.loads(response.get_data().decode("utf-8")) == data


def test_without_a_confirmed_address_nothing_found_by_it_is_given(filled, db, make_client):
    from participation.auth.models import User

    user = db.session.get(User, filled["resident"])
    user.email_verified_at = None
    db.session.commit()
    client = make_client()
    client.login("anna.beispiel@example.org")
    data = json.loads(_download(client).get_data())
    for name in ("conference_participations", "lottery_answers"):
        assert data["sections"][name]["data"] == []
        assert "nicht bestätigt" in data["sections"][name]["description"]
    assert "Rollstuhl" not in json.dumps(data)
    assert data["sections"]["ideas"]["data"]  # the account's own data is there all the same


def test_the_download_needs_sign_in_csrf_and_a_post(app, make_user, make_client):
    make_user("resident@example.org")
    client = make_client()
    assert client.post("/account/data", {}, csrf=False).status_code in (302, 400, 401)
    client.login("resident@example.org")
    refused = client.post("/account/data", {"data-csrf_token": "forged"}, csrf=False)
    assert refused.status_code in (302, 400) and refused.mimetype != "application/json"
    assert client.get("/account/data").status_code == 405


def test_the_download_is_rate_limited_per_account(make_app, _migrated, make_user):
    from conftest import Client
    from participation.extensions import limiter

    limited = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    with limited.app_context():
        make_user("eager@example.org")
        limiter.reset()
    try:
        client = Client(limited.test_client())
        client.login("eager@example.org", PASSWORD)
        statuses = [_download(client).status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
    finally:
        with limited.app_context():
            limiter.reset()


def test_settings_and_privacy_pages_name_the_download(client, make_user):
    make_user("reader@example.org")
    client.login("reader@example.org")
    page = client.get("/account/settings").get_data(as_text=True)
    assert "Meine Daten herunterladen" in page and 'action="/account/data"' in page
    assert "Meine Daten herunterladen" in client.get("/datenschutz").get_data(as_text=True)


# --- every column of every model decided ------------------------------------------------------------

def test_every_column_about_an_account_is_decided(app, db):
    """Each column of a table the file reads is exported or withheld with a reason, and each column
    anywhere that points at an account is a section's owner, a team record, or read for the file."""
    tables = db.metadata.tables
    for name, decision in data_export.COLUMNS.items():
        if name not in tables:
            continue
        decided = set(decision["export"]) | set(decision["withhold"])
        assert not set(decision["export"]) & set(decision["withhold"]), name
        undecided = {c.name for c in tables[name].columns} - decided
        assert not undecided, f"{name}: decide for {sorted(undecided)} in participation/auth/data_export.py"
    handled = set(data_export.OWNER_COLUMNS) | {(t, c) for t, c, _ in data_export.TEAM_RECORDS}
    for table in tables.values():
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                assert (table.name, column.name) in handled, \
                    f"{table.name}.{column.name} points at an account: add it to participation/auth/data_export.py"
    # Tables holding contact data without an account link are read by e-mail address.
    for name in ("participants", "lottery_responses"):
        assert "email" in tables[name].c and name in data_export.COLUMNS
