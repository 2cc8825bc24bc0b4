"""Staff set up processes: settings, phase dates in local time, sectors, districts, team."""
from datetime import UTC, datetime

import pytest

from participation.auth.models import ProcessRole, ProcessRoleKind
from participation.database import unit_of_work
from participation.errors import NotAllowed, ValidationFailed
from participation.processes import services
from participation.processes.models import Process


def process_form(**changes):
    data = {"title": "Jena klimaneutral 2035", "slug": "jena-2035", "municipality": "Stadt Jena",
            "description": "Wir sammeln **Ideen** für den Klima-Aktionsplan.",
            "idea_collection_opens_at": "2026-03-01T09:00", "idea_collection_closes_at": "2026-05-31T18:00",
            "moderation_mode": "pre", "is_public": "y"}
    data.update(changes)
    return data


@pytest.fixture
def staff(client, make_user, make_process):
    home = make_process(slug="landkreis")
    user = make_user("verwaltung@example.org", roles=[(home, ProcessRoleKind.STAFF)])
    client.login("verwaltung@example.org")
    return user


def test_staff_create_a_process_with_default_sectors(client, db, staff):
    response = client.post("/processes/new", process_form(), form_url="/processes/new")
    assert response.status_code == 302
    process = db.session.scalar(db.select(Process).filter_by(slug="jena-2035"))
    assert [s.code for s in process.sectors] == ["GEB", "WIR", "VER", "MOB", "ENE", "LAN", "ANP"]
    assert process.sectors[3].name == "Mobilität"
    # Entered as local time in Jena (CET in March, CEST in May), stored in UTC.
    assert process.idea_collection_opens_at == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert process.idea_collection_closes_at == datetime(2026, 5, 31, 16, 0, tzinfo=UTC)
    assert "<strong>Ideen</strong>" in process.description_html
    assert staff.can_manage(process)
    page = client.get("/processes/jena-2035/").get_data(as_text=True)
    assert "Jena klimaneutral 2035" in page and "Mobilität" in page


@pytest.mark.parametrize("changes, message", [
    ({"slug": "Jena 2035!"}, "Kleinbuchstaben"),
    ({"slug": "landkreis"}, "bereits"),
    ({"slug": "new"}, "Kleinbuchstaben"),
    ({"idea_collection_closes_at": "2026-02-01T09:00"}, "nach ihrem Beginn"),
    ({"idea_collection_opens_at": "kein Datum"}, "Datum"),
    ({"moderation_mode": "anarchie"}, "gültige"),
    ({"title": "x" * 161}, "160"),
])
def test_bad_process_input_is_refused_with_a_message(client, db, staff, changes, message):
    response = client.post("/processes/new", process_form(**changes), form_url="/processes/new")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Process.id))) == 1


def test_residents_and_moderators_cannot_create_or_edit(client, db, make_user, make_process):
    process = make_process()
    make_user("mod@example.org", roles=[(process, ProcessRoleKind.MODERATOR)])
    client.login("mod@example.org")
    assert client.get("/processes/new").status_code == 403
    assert client.get(f"/processes/{process.slug}/edit").status_code == 403
    response = client.post(f"/processes/{process.slug}/edit", process_form(slug=process.slug, title="Gekapert"),
                           form_url="/")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Process, process.id).title != "Gekapert"
    with pytest.raises(NotAllowed):
        services.update_process(db.session.scalar(db.select(ProcessRole).filter_by(process_id=process.id)).user,
                                process, services.ProcessData(title="Gekapert", slug=process.slug, municipality="X"))


def test_staff_edit_their_process(client, db, staff):
    client.post("/processes/new", process_form(), form_url="/processes/new")
    response = client.post("/processes/jena-2035/edit", process_form(title="Jena klimaneutral bis 2035",
                                                                    moderation_mode="post"),
                           form_url="/processes/jena-2035/edit")
    assert response.status_code == 302
    process = db.session.scalar(db.select(Process).filter_by(slug="jena-2035"))
    db.session.refresh(process)
    assert process.title == "Jena klimaneutral bis 2035" and process.publishes_directly


def test_sectors_are_edited_as_lines_and_keep_their_ideas(db, make_user, make_process, make_idea):
    process = make_process()
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    mobility = process.sectors[3]
    make_idea(process, sector=mobility)
    text = "\n".join(f"{s.code} | {s.name}" for s in process.sectors) + "\nDIG | Digitalisierung"
    text = text.replace("MOB | Mobilität", "MOB | Mobilität und Verkehr")
    with unit_of_work():
        services.set_sectors(staff, process, text)
    assert process.sectors[3].id == mobility.id and process.sectors[3].name == "Mobilität und Verkehr"
    assert process.sectors[-1].code == "DIG"
    # A sector with ideas cannot go; the whole change is refused.
    without_mobility = "\n".join(line for line in text.splitlines() if not line.startswith("MOB"))
    with pytest.raises(ValidationFailed, match="Mobilität und Verkehr"):
        services.set_sectors(staff, process, without_mobility)


@pytest.mark.parametrize("text", ["MOB Mobilität", "mob | Mobilität\nMOB | Verkehr", "", "X | Zu kurzer Code"])
def test_malformed_sector_lines_are_named(db, make_user, make_process, text):
    process = make_process()
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    with pytest.raises(ValidationFailed):
        services.set_sectors(staff, process, text)


def test_districts_page(client, db, staff):
    client.post("/processes/new", process_form(), form_url="/processes/new")
    url = "/processes/jena-2035/sectors"
    response = client.post(url, {"districts-districts": "Lobeda\nWinzerla\n\nZentrum",
                                 "districts-csrf_token": client.csrf_token(url)}, csrf=False)
    assert response.status_code == 302
    process = db.session.scalar(db.select(Process).filter_by(slug="jena-2035"))
    db.session.refresh(process)
    assert [d.name for d in process.districts] == ["Lobeda", "Winzerla", "Zentrum"]
    response = client.post(url, {"districts-districts": "Lobeda\nlobeda",
                                 "districts-csrf_token": client.csrf_token(url)}, csrf=False)
    assert "doppelt" in response.get_data(as_text=True)


def test_team_page_gives_and_removes_roles(client, db, make_user, staff):
    client.post("/processes/new", process_form(), form_url="/processes/new")
    helper = make_user("helfer@example.org", name="Helferin")
    url = "/processes/jena-2035/team"
    response = client.post(url, {"email": "helfer@example.org", "role": "moderator"}, form_url=url)
    assert response.status_code == 302
    assert "Helferin" in client.get(url).get_data(as_text=True)
    grant = db.session.scalar(db.select(ProcessRole).filter_by(user_id=helper.id))
    response = client.post(f"{url}/{grant.id}/remove", {}, form_url=url)
    assert response.status_code == 302
    assert db.session.scalar(db.select(ProcessRole).filter_by(user_id=helper.id)) is None
    response = client.post(url, {"email": "niemand@example.org", "role": "moderator"}, form_url=url)
    assert "kein Konto" in response.get_data(as_text=True)


def test_hidden_processes_are_visible_to_their_team_only(client, make_user, make_process):
    process = make_process(public=False)
    assert client.get(f"/processes/{process.slug}/").status_code == 404
    make_user("mod@example.org", roles=[(process, ProcessRoleKind.MODERATOR)])
    client.login("mod@example.org")
    assert client.get(f"/processes/{process.slug}/").status_code == 200
