"""What staff do on the HTTP pages reaches the live pages: rounds, announcements, seats, votes
without JavaScript. Real Flask-SocketIO test clients; no mocks of our code."""
import pytest

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work
from participation.extensions import socketio
from tests.conference.live_helpers import build_conference


@pytest.fixture
def live(db, make_process, make_user, make_client, app):
    process = make_process()
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    conference = build_conference(db, process, tables=2, per_table=2)
    http = make_client()
    http.login(staff.email)
    opened = []

    def participant(person_id):
        client = socketio.test_client(app, auth={"token": conference.tokens[person_id]})
        opened.append(client)
        answer = client.emit("join_table", {}, callback=True)
        assert answer["ok"], answer
        client.get_received()
        return client

    yield conference, http, staff, participant
    for client in opened:
        if client.is_connected():
            client.disconnect()
    from participation.conference import broadcast

    broadcast.stop()


def names(client):
    return [(m["name"], m["args"][0] if m["args"] else None) for m in client.get_received()]


def test_a_round_opened_and_an_announcement_sent_on_the_staff_page_are_pushed(db, live):
    from participation.conference import services

    conference, http, staff, participant = live
    table = conference.tables[0]
    person = participant(conference.participants[table][0])
    other_table = participant(conference.participants[conference.tables[1]][0])
    with unit_of_work():
        voting_round = services.create_round(staff, services.get_conference(conference.conference_id), table,
                                             title="Was zuerst?", method="single")
    base = f"/processes/{conference.process_slug}/conferences/{conference.conference_id}"
    response = http.post(f"{base}/rounds/{voting_round.id}/open", {}, form_url=base)
    assert response.status_code == 302
    updates = [payload for name, payload in names(person) if name == "round_update"]
    assert updates and updates[-1]["round"]["state"] == "open"
    assert not [1 for name, _ in names(other_table) if name == "round_update"]  # another table hears nothing

    response = http.post(f"{base}/announcements", {"announce-text": "Noch zehn Minuten!", "announce-table_id": ""},
                         form_url=base)
    assert response.status_code == 302
    assert any(name == "announcement" and payload["text"] == "Noch zehn Minuten!" for name, payload in names(person))


def test_a_move_by_hand_tells_the_live_pages_to_rejoin(db, live):
    conference, http, staff, participant = live
    first, second = conference.tables
    moved_id = conference.participants[first][0]
    person = participant(moved_id)
    base = f"/processes/{conference.process_slug}/conferences/{conference.conference_id}"
    response = http.post(f"{base}/participants/{moved_id}/move", {"move-table_id": str(second)}, form_url=base)
    assert response.status_code == 302
    assert any(name == "seats_changed" for name, _ in names(person))
    answer = person.emit("join_table", {}, callback=True)  # what the page does on seats_changed
    assert answer["ok"] and answer["snapshot"]["table"]["id"] == second


def test_a_vote_without_javascript_moves_the_live_tally(db, live):
    from participation.conference import services

    conference, http, staff, participant = live
    table = conference.tables[0]
    watcher = participant(conference.participants[table][1])
    with unit_of_work():
        voting_round = services.create_round(staff, services.get_conference(conference.conference_id), table,
                                             title="Was zuerst?", method="single")
        services.open_round(staff, voting_round)
    voter = conference.tokens[conference.participants[table][0]]
    plain = http.__class__(http.app.test_client())
    join_page = f"/k/{voter}"
    response = plain.post(f"/k/{voter}/vote", {"round_id": str(voting_round.id),
                                              "item": str(conference.items[table][0])}, form_url=join_page)
    assert response.status_code in (200, 302)
    import time

    deadline = time.monotonic() + 5
    seen = []
    while time.monotonic() < deadline and not seen:
        seen = [payload for name, payload in names(watcher) if name == "tally"]
        time.sleep(0.05)
    assert seen and seen[-1]["tally"]["ballots"] == 1


def test_the_join_pages_are_rate_limited_per_personal_link(make_app, _migrated, db, make_process, make_client):
    from participation.extensions import limiter

    Client = type(make_client())
    process = make_process()
    conference = build_conference(db, process, tables=1, per_table=2)
    table = conference.tables[0]
    first, second = (conference.tokens[p] for p in conference.participants[table])
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        client = Client(app.test_client())
        statuses = [client.post(f"/k/{first}/vote", {"round_id": "1"}, form_url=f"/k/{first}").status_code
                    for _ in range(31)]
        other = client.post(f"/k/{second}/vote", {"round_id": "1"}, form_url=f"/k/{second}").status_code
        limiter.reset()
    assert 429 not in statuses[:30] and statuses[30] == 429
    assert other != 429  # the next person at the same address still votes


def test_a_facilitator_hears_the_hidden_tally_of_their_own_table_only(db, live, app):
    import time

    from participation.conference import services

    conference, http, staff, participant = live
    table_a, table_b = conference.tables
    consoles = {}
    for table in (table_a, table_b):
        client = socketio.test_client(app, auth={"token": conference.tokens[conference.facilitators[table]]})
        assert client.emit("join_console", {"conference_id": conference.conference_id}, callback=True)["ok"]
        client.get_received()
        consoles[table] = client
    voter = participant(conference.participants[table_b][0])
    with unit_of_work():
        voting_round = services.create_round(staff, services.get_conference(conference.conference_id), table_b,
                                             title="Geheim bis zum Schluss", method="single",
                                             results_visibility="after_close")
        services.open_round(staff, voting_round)
    answer = voter.emit("cast_vote", {"round_id": voting_round.id,
                                      "payload": {"item": conference.items[table_b][0]}}, callback=True)
    assert answer["ok"], answer
    deadline, seen_b = time.monotonic() + 5, []
    while time.monotonic() < deadline and not seen_b:
        seen_b = [p for n, p in names(consoles[table_b]) if n == "tally" and p["round_id"] == voting_round.id]
        time.sleep(0.05)
    assert seen_b and seen_b[-1]["tally"]["ballots"] == 1  # table B's facilitator sees it live
    time.sleep(0.3)
    heard_by_a = [(n, p) for n, p in names(consoles[table_a]) if n in ("tally", "round_update", "presence")
                  and p.get("table_id") == table_b]
    assert heard_by_a == []
    for client in consoles.values():
        client.disconnect()


def test_a_facilitator_opens_the_projector_of_their_table_from_the_join_link(db, live, make_client, app):
    conference, http, staff, participant = live
    table_a, table_b = conference.tables
    token = conference.tokens[conference.facilitators[table_a]]
    visitor = make_client()  # no account
    assert visitor.get(f"/k/{token}/projector?table_id={table_a}").status_code == 200
    assert visitor.get(f"/k/{token}/projector?table_id={table_b}").status_code == 403
    assert visitor.get(f"/k/{token}/projector?table_id=999999").status_code == 404
    member = conference.tokens[conference.participants[table_a][0]]
    assert visitor.get(f"/k/{member}/projector?table_id={table_a}").status_code == 403
    client = socketio.test_client(app, auth={"token": token})
    answer = client.emit("join_console", {"conference_id": conference.conference_id}, callback=True)
    assert answer["ok"] and answer["console"]["tables"][0]["projector_url"].startswith(f"/k/{token}/projector")
    client.disconnect()
