"""Conference pages over HTTP: staff set-up, CSV import, join links and QR codes, voting without
JavaScript, walk-ins with the event code, ideas from a table in the moderation queue, results as CSV
and report, sending to the catalogue and the votes on the measure sheet; permissions."""
import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.conference import services as conf
from participation.conference.models import Ballot, Conference, Participant, ThemeTable, VotingRound
from participation.database import unit_of_work, utcnow
from participation.ideas.models import Idea
from tests.xlsx_helpers import assert_same_rows, xlsx_rows


@pytest.fixture
def team(make_user, make_process, make_client):
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    client = make_client()
    client.login(moderator.email)
    return process, moderator, client


def base(process):
    return f"/processes/{process.slug}/conferences"


def test_staff_set_up_a_conference_through_the_pages(team, db):
    process, moderator, client = team
    page = client.get(base(process))
    assert page.status_code == 200
    response = client.post(f"{base(process)}/new", {
        "title": "Klimakonferenz Jena", "starts_at": "2027-03-06T10:00", "ends_at": "2027-03-06T16:00",
        "mode": "hybrid", "agenda": "**10 Uhr** Begrüßung", "event_code": "jena27", "walk_ins_allowed": "y",
        "self_choice": "y"}, form_url=f"{base(process)}/new")
    assert response.status_code == 302, response.get_data(as_text=True)
    conference = db.session.scalar(sa.select(Conference))
    assert conference.event_code == "JENA27" and conference.starts_at.hour == 9  # 10:00 in Berlin is 09:00 UTC
    url = f"{base(process)}/{conference.id}"
    client.post(f"{url}/tables", {"table-topic": "Mobilität", "table-capacity": "8",
                                  "table-sector_id": str(process.sectors[3].id)}, form_url=url)
    table = db.session.scalar(sa.select(ThemeTable))
    assert table.topic == "Mobilität" and table.capacity == 8 and table.sector_id == process.sectors[3].id
    client.post(f"{url}/items", {"item-table_id": str(table.id), "item-kind": "option",
                                 "item-label": "Mehr Busse am Wochenende"}, form_url=url)
    client.post(f"{url}/participants", {"person-display_name": "Frau Fach", "person-email": "fach@example.org",
                                        "person-kind": "expert"}, form_url=url)
    shown = client.get(url).get_data(as_text=True)
    assert "Mehr Busse am Wochenende" in shown and "Frau Fach" in shown and "/k/" in shown
    bad = client.post(f"{url}/tables", {"table-topic": "x", "table-capacity": "0"}, form_url=url,
                      follow_redirects=True)
    assert bad.status_code == 200 and db.session.scalar(sa.select(sa.func.count()).select_from(ThemeTable)) == 1
    edit = client.post(f"{url}/edit", {"title": "Klimakonferenz Jena 2027", "starts_at": "2027-03-06T10:00",
                                       "mode": "online", "event_code": "!!"}, form_url=f"{url}/edit")
    assert edit.status_code == 200  # the code is refused, the form shows again
    assert db.session.get(Conference, conference.id).title == "Klimakonferenz Jena"


def test_csv_import_lists_problems_by_line_and_imports_nothing(team, db):
    process, moderator, client = team
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(title="Import",
                                                                                    starts_at=utcnow()))
    url = f"{base(process)}/{conference.id}"
    bad = b"Name;E-Mail;Art\nAnna Alt;anna@example.org;expert\nBert;kein-at;citizen\n"
    response = client.post(f"{url}/participants/import", {"import-file": (io.BytesIO(bad), "people.csv")},
                           form_url=url, content_type="multipart/form-data")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "<td>3</td>" in text and db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0
    good = b"Anna Alt;anna@example.org;expert\nBert Berg;;citizen\n"
    response = client.post(f"{url}/participants/import", {"import-file": (io.BytesIO(good), "people.csv")},
                           form_url=url, content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 2


@pytest.fixture
def running(team, db):
    """A conference with one table of two options, a plenary item, two citizens seated, a facilitator."""
    process, moderator, client = team
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(
            title="Live", starts_at=utcnow(), event_code="LIVE2027", walk_ins_allowed=True))
        table = conf.save_table(moderator, conference, topic="Wärme", capacity=3)
        for text in ("Fernwärme ausbauen", "Wärmepumpen fördern"):
            conf.add_item(moderator, conference, table.id, kind="option", label=text)
        people = conf.add_participants(moderator, conference, [
            {"display_name": name, "email": None, "kind": "citizen", "panel_member_id": None}
            for name in ("Clara Citoyen", "David Dorf")])
        for person in people:
            person.table_id = table.id
        facilitator = conf.add_participant(moderator, conference, "Fritz Tisch", kind="facilitator", invite=False)
        conf.save_table(moderator, conference, topic="Wärme", capacity=3, facilitator_id=facilitator.id,
                        table_id=table.id)
    return process, moderator, client, conference, table, people, facilitator


def test_voting_without_javascript(running, make_client, db):
    process, moderator, client, conference, table, people, _ = running
    url = f"{base(process)}/{conference.id}"
    client.post(f"{url}/rounds", {"round-table_id": str(table.id), "round-title": "Was zuerst?",
                                  "round-method": "single", "round-results_visibility": "live",
                                  "round-duration_minutes": "10"}, form_url=url)
    voting_round = db.session.scalar(sa.select(VotingRound))
    assert voting_round.state == "draft"
    client.post(f"{url}/rounds/{voting_round.id}/open", form_url=url)
    db.session.refresh(voting_round)
    assert voting_round.state == "open" and voting_round.ends_at is not None
    participant = make_client()
    join = f"/k/{people[0].token}"
    page = participant.get(join).get_data(as_text=True)
    assert "Was zuerst?" in page and 'name="item"' in page
    assert "Offen bis" in page or "Open until" in page  # the timer's end, in local time
    item = conf.items_for(conference.id, table.id)[1]
    response = participant.post(f"{join}/vote", {"round_id": str(voting_round.id), "item": str(item.id)},
                                form_url=join, follow_redirects=True)
    assert "your vote has been counted" in response.get_data(as_text=True).lower() or \
        "Stimme wurde gezählt" in response.get_data(as_text=True)
    again = participant.post(f"{join}/vote", {"round_id": str(voting_round.id), "item": str(item.id)},
                             form_url=join, follow_redirects=True)
    assert again.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 1
    staff_page = client.get(url).get_data(as_text=True)
    assert "Was zuerst?" in staff_page and f"/rounds/{voting_round.id}/close" in staff_page
    hostile = participant.post(f"{join}/vote", {"round_id": "99999999999999999999999", "item": "x"},
                               form_url=join)
    assert hostile.status_code == 302
    wrong = participant.post(f"{join}/vote", {"round_id": str(voting_round.id), "item": "not-a-number"},
                             form_url=join)
    assert wrong.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 1
    assert participant.get("/k/this-is-not-a-valid-token").status_code == 404
    visited = db.session.get(Participant, people[0].id)
    db.session.refresh(visited)
    assert visited.joined_at is not None and not visited.is_online  # online comes from the live connection


def test_every_method_from_the_plain_form(running, make_client, db):
    process, moderator, client, conference, table, people, _ = running
    a, b = [i.id for i in conf.items_for(conference.id, table.id)]
    forms = {
        "dots": {"dots-%d" % a: "2", "dots-%d" % b: "1"},
        "approval": {"item": [str(a), str(b)]},
        "ranking": {"rank-1": str(b), "rank-2": str(a)},
        "agreement": {"rating-%d" % a: "4", "rating-%d" % b: "2"},
    }
    participant = make_client()
    join = f"/k/{people[0].token}"
    for method, fields in forms.items():
        with unit_of_work():
            voting_round = conf.create_round(moderator, conference, table.id, title=method, method=method)
            conf.open_round(moderator, voting_round.id)
        page = participant.get(join).get_data(as_text=True)
        assert f'value="{voting_round.id}"' in page
        participant.post(f"{join}/vote", {"round_id": str(voting_round.id), **fields}, form_url=join)
        ballot = db.session.scalar(sa.select(Ballot).where(Ballot.round_id == voting_round.id))
        assert ballot is not None, method
        with unit_of_work():
            conf.close_round(moderator, voting_round.id)
    payloads = [b.payload for b in db.session.scalars(sa.select(Ballot).order_by(Ballot.id))]
    assert payloads == [{"dots": {str(a): 2, str(b): 1}}, {"items": [a, b]}, {"ranking": [b, a]},
                        {"ratings": {str(a): 4, str(b): 2}}]


def test_walk_in_with_the_event_code_and_choosing_a_table(running, make_client, db):
    process, moderator, client, conference, table, people, _ = running
    visitor = make_client()
    assert visitor.get("/konferenz").status_code == 200
    wrong = visitor.post("/konferenz", {"code": "FALSCH1", "display_name": "Gast"}, form_url="/konferenz")
    assert wrong.status_code == 200 and db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 3
    response = visitor.post("/konferenz", {"code": "live2027", "display_name": "Gerda Gast"}, form_url="/konferenz")
    assert response.status_code == 302 and response.headers["Location"].startswith("/k/")
    token = response.headers["Location"].split("/k/")[1]
    walk_in = conf.participant_for_token(token)
    assert walk_in.walk_in and walk_in.display_name == "Gerda Gast"
    page = visitor.get(f"/k/{token}").get_data(as_text=True)
    assert "Wärme" in page
    visitor.post(f"/k/{token}/table", {"table_id": str(table.id)}, form_url=f"/k/{token}")
    db.session.refresh(walk_in)
    assert walk_in.table_id == table.id
    late = make_client()
    response = late.post("/konferenz", {"code": "LIVE2027", "display_name": "Zu Spät"}, form_url="/konferenz")
    late_token = response.headers["Location"].split("/k/")[1]
    late.post(f"/k/{late_token}/table", {"table_id": str(table.id)}, form_url=f"/k/{late_token}")
    assert conf.participant_for_token(late_token).table_id is None  # three seats, all taken


def test_facilitator_records_an_idea_that_shows_in_the_queue(running, make_client, db):
    process, moderator, client, conference, table, people, facilitator = running
    helper = make_client()
    join = f"/k/{facilitator.token}"
    assert "Record an idea" in helper.get(join).get_data(as_text=True) or \
        "Idee vom Tisch" in helper.get(join).get_data(as_text=True)
    helper.post(f"{join}/ideas", {"table_id": str(table.id), "title": "Solardächer auf Schulen",
                                  "body": "Alle Schuldächer bis 2030 mit Photovoltaik belegen."}, form_url=join)
    idea = db.session.scalar(sa.select(Idea))
    assert idea.conference_id == conference.id and idea.theme_table_id == table.id
    queue = client.get(f"/processes/{process.slug}/moderation").get_data(as_text=True)
    assert "Solardächer auf Schulen" in queue and "Live" in queue and "Wärme" in queue
    assert "Solardächer auf Schulen" in client.get(f"{base(process)}/{conference.id}").get_data(as_text=True)
    review = client.get(f"/processes/{process.slug}/moderation/ideas/{idea.id}").get_data(as_text=True)
    assert "Konferenz Live, Tisch Wärme" in review or "conference Live, table Wärme" in review
    citizen = make_client()
    citizen.post(f"/k/{people[0].token}/ideas", {"table_id": str(table.id), "title": "Nicht erlaubt hier",
                                                 "body": "Bürger tragen keine Ideen für den Tisch ein."},
                 form_url=f"/k/{people[0].token}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Idea)) == 1


def test_join_links_qr_codes_and_cards(running, db):
    process, moderator, client, conference, table, people, _ = running
    url = f"{base(process)}/{conference.id}"
    svg = client.get(f"{url}/participants/{people[0].id}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<path" in svg.data
    assert people[0].token.encode() in svg.data  # the aria-label carries the link
    pdf = client.get(f"{url}/join-cards.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Clara Citoyen" in text and "/k/" in text
    assert client.get(f"{url}/participants/999999/qr.svg").status_code == 404


def test_results_csv_report_and_send_to_catalogue(running, db):
    from participation.catalogue.models import Measure, MeasureOrigin, MeasureType, TimeHorizon

    process, moderator, client, conference, table, people, _ = running
    measure = Measure(process_id=process.id, sector_id=process.sectors[1].id, code="WIR-02",
                      title="Abwärme nutzen", type=MeasureType.TECHNICAL, time_horizon=TimeHorizon.MEDIUM,
                      origin=MeasureOrigin.CONFERENCE, is_public=True, published_at=utcnow())
    db.session.add(measure)
    db.session.commit()
    with unit_of_work():
        item = conf.add_item(moderator, conference, table.id, kind="measure", measure_id=measure.id)
        voting_round = conf.create_round(moderator, conference, table.id, title="Zustimmung", method="agreement")
        conf.open_round(moderator, voting_round.id)
    for person, rating in zip(people, (5, 3)):
        with unit_of_work():
            conf.cast_vote(person, voting_round.id, {"ratings": {str(item.id): rating}})
    with unit_of_work():
        conf.close_round(moderator, voting_round.id)
    url = f"{base(process)}/{conference.id}"
    report = client.get(f"{url}/results").get_data(as_text=True)
    assert "Zustimmung" in report and "WIR-02 Abwärme nutzen" in report
    exported = client.get(f"{url}/results.csv")
    assert exported.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    measure_row = next(r for r in rows if r[3] == "WIR-02 Abwärme nutzen")
    assert measure_row[0] == "Wärme" and measure_row[4] == "2" and measure_row[10] == "4"
    assert measure_row[-1] == "WIR-02"
    assert exported.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    as_xlsx = client.get(f"{url}/results.xlsx")
    assert as_xlsx.status_code == 200 and as_xlsx.headers["Content-Type"].startswith("application/vnd.openxml")
    assert_same_rows(exported.data, as_xlsx.data)
    typed = next(r for r in xlsx_rows(as_xlsx.data) if r[3] == "WIR-02 Abwärme nutzen")
    assert typed[4] == 2 and typed[10] == 4 and typed[-1] == "WIR-02"  # numbers are numbers, codes text
    response = client.post(f"{url}/send-to-catalogue", form_url=url)
    assert response.status_code == 302
    sheet = client.get(f"/processes/{process.slug}/measures/WIR-02").get_data(as_text=True)
    assert 'id="conference-votes"' in sheet and "Zustimmung" in sheet


def test_pages_are_for_the_moderation_team(running, make_client, make_user, db):
    process, moderator, client, conference, table, people, _ = running
    outsider = make_client()
    outsider.login(make_user().email)
    url = f"{base(process)}/{conference.id}"
    for path in (base(process), url, f"{url}/results", f"{url}/results.csv", f"{url}/results.xlsx",
                 f"{url}/join-cards.pdf",
                 f"{url}/participants/{people[0].id}/qr.svg"):
        assert outsider.get(path).status_code == 403, path
    assert outsider.post(f"{url}/send-to-catalogue", form_url="/").status_code == 403
    anonymous = make_client()
    assert anonymous.get(url).status_code in (302, 401)
    other = make_client()
    other_process_url = f"/processes/{process.slug}/conferences/999999"
    assert client.get(other_process_url).status_code == 404
    assert other.get(f"/k/{people[0].token}").status_code == 200


def test_invitation_mail_from_the_page(running, mailbox, db):
    process, moderator, client, conference, table, people, _ = running
    url = f"{base(process)}/{conference.id}"
    client.post(f"{url}/participants", {"person-display_name": "Dr. Eva Energie", "person-email": "eva@example.org",
                                        "person-kind": "expert"}, form_url=url)
    person = db.session.scalar(sa.select(Participant).where(Participant.email == "eva@example.org"))
    message = mailbox.last_to("eva@example.org")
    assert mailbox.path_of_link(message, "/k/") == f"/k/{person.token}"
    assert "Live" in message["Subject"]
    client.post(f"{url}/participants/{person.id}/invite", form_url=url)
    deadline = utcnow() + timedelta(seconds=5)
    while len(mailbox.to("eva@example.org")) < 2 and utcnow() < deadline:
        pass
    assert len(mailbox.to("eva@example.org")) == 2


HOSTILE = ["", "abc", "-1", "99999999999999999999", "1.5", "²", "<script>x</script>", "\x00", "ü" * 3000]


@pytest.mark.parametrize("value", HOSTILE)
def test_no_conference_form_answers_500_to_hostile_values(running, make_client, value, db):
    process, moderator, client, conference, table, people, facilitator = running
    with unit_of_work():
        voting_round = conf.create_round(moderator, conference, table.id, title="Runde", method="dots")
        conf.open_round(moderator, voting_round.id)
    url = f"{base(process)}/{conference.id}"
    staff_forms = [
        (f"{url}/edit", f"{url}/edit", ("title", "starts_at", "ends_at", "mode", "agenda", "event_code")),
        (f"{url}/tables", url, ("table-topic", "table-capacity", "table-sector_id", "table-facilitator_id")),
        (f"{url}/tables/{table.id}", url, ("table-topic", "table-capacity", "table-sector_id")),
        (f"{url}/items", url, ("item-table_id", "item-kind", "item-idea_id", "item-measure_id", "item-label")),
        (f"{url}/participants", url, ("person-display_name", "person-email", "person-kind")),
        (f"{url}/participants/{people[0].id}/move", url, ("move-table_id",)),
        (f"{url}/rounds", url, ("round-table_id", "round-title", "round-method", "round-dots", "round-depth",
                                "round-duration_minutes", "round-results_visibility")),
        (f"{url}/announcements", url, ("announce-text", "announce-table_id")),
        (f"{url}/status", url, ("status",)),
        (f"{base(process)}/new", f"{base(process)}/new", ("title", "starts_at", "mode", "event_code")),
    ]
    for target, form_url, names in staff_forms:
        response = client.post(target, {name: value for name in names}, form_url=form_url)
        assert response.status_code < 500, (target, value)
    visitor = make_client()
    join = f"/k/{people[0].token}"
    a = conf.items_for(conference.id, table.id)[0].id
    for target, data in ((f"{join}/vote", {"round_id": str(voting_round.id), f"dots-{a}": value}),
                         (f"{join}/vote", {"round_id": value}),
                         (f"{join}/table", {"table_id": value}),
                         (f"{join}/choices", {"first_choice": value, "second_choice": value}),
                         (f"/k/{facilitator.token}/ideas", {"table_id": value, "title": value, "body": value}),
                         ("/konferenz", {"code": value, "display_name": value})):
        response = visitor.post(target, data, form_url=join)
        assert response.status_code < 500, (target, value)
    csv_file = ("%s;%s;%s\n" % (value, value, value)).encode("utf-8")
    response = client.post(f"{url}/participants/import", {"import-file": (io.BytesIO(csv_file), "x.csv")},
                           form_url=url, content_type="multipart/form-data")
    assert response.status_code < 500
    assert visitor.get(f"/k/{value}").status_code in (404, 308, 200) or value == ""


def _site_header(html):
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_people_who_came_by_join_link_see_who_they_are_in_the_header(running, make_client, db):
    process, moderator, client, conference, table, people, facilitator = running
    visitor = make_client()
    for person, pages, role in ((people[0], ("", "/live"), "Bürgerin/Bürger"),
                                (facilitator, ("", "/live", "/console"), "Tischmoderation")):
        for page in pages:
            response = visitor.get(f"/k/{person.token}{page}")
            assert response.status_code == 200, page
            header = _site_header(response.get_data(as_text=True))
            assert person.display_name in header and f"({role})" in header, (page, header)
            assert f'href="/k/{person.token}"' in header
            assert "Konferenz verlassen" in header and f'href="/processes/{process.slug}/"' in header
            assert "/account/login" not in header and "/account/register" not in header
            assert "Anmelden" not in header and "Registrieren" not in header
    assert visitor.get(f"/processes/{process.slug}/").status_code == 200  # where "leave" leads
    # Anywhere else the header offers signing in again, and a signed-in moderator keeps their account.
    header = _site_header(visitor.get(f"/processes/{process.slug}/").get_data(as_text=True))
    assert "/account/login" in header and people[0].display_name not in header
    header = _site_header(client.get(f"/k/{people[0].token}").get_data(as_text=True))
    assert moderator.display_name in header and "Konferenz verlassen" not in header
