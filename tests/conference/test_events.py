"""Socket.IO flows of live conferences, with real clients and no mocks of our code.

- Flask-SocketIO's test client: joining, snapshots, voting, duplicates, closed rounds, limits,
  forged tokens, malformed events, visibility, announcements, presence, reconnect resync.
- python-socketio clients against the app served on loopback (threading server in a thread):
  the tally batching, a vote reaching the other members of a table, the long-polling fallback.
"""
import time

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.extensions import socketio
from tests.conference.live_helpers import build_conference, wait_for


@pytest.fixture
def setup(db, make_process, make_user):
    process = make_process()
    moderator = make_user(name="Mona Moderatorin", roles=[(process, ProcessRoleKind.MODERATOR)])
    conf = build_conference(db, process, tables=2, per_table=3)
    conf.moderator_user = moderator
    conf.process = process
    return conf


@pytest.fixture
def sockets(app):
    """Open Flask-SocketIO test clients; all are disconnected after the test."""
    opened = []

    def connect(token=None, flask_client=None, auth=None):
        client = socketio.test_client(app, auth=auth if auth is not None else ({"token": token} if token else None),
                                      flask_test_client=flask_client)
        opened.append(client)
        return client

    yield connect
    for client in opened:
        if client.is_connected():
            client.disconnect()
    from participation.conference import broadcast

    broadcast.stop()


def events(client, name):
    return [message["args"][0] for message in client.get_received() if message["name"] == name]


def received(client):
    """Every message since the last call, as (name, payload)."""
    return [(m["name"], m["args"][0] if m["args"] else None) for m in client.get_received()]


def join(client, **payload):
    answer = client.emit("join_table", payload, callback=True)
    assert answer["ok"], answer
    return answer["snapshot"]


@pytest.fixture
def moderator_socket(setup, sockets, make_client):
    http = make_client()
    http.login(setup.moderator_user.email)
    client = sockets(flask_client=http.http)
    assert client.is_connected()
    answer = client.emit("join_console", {"conference_id": setup.conference_id}, callback=True)
    assert answer["ok"], answer
    client.get_received()
    return client


def open_round(moderator, setup, table_id, method="dots", settings=None, duration=None, visibility="live"):
    answer = moderator.emit("create_round", {
        "conference_id": setup.conference_id, "table_id": table_id, "open": True,
        "template": {"title": "Welche Vorschläge zuerst?", "method": method, "settings": settings or {},
                     "duration_seconds": duration, "results_visibility": visibility},
    }, callback=True)
    assert answer["ok"], answer
    return answer["rounds"][0]


def ballot_count(db, round_id):
    from participation.conference.models import Ballot

    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Ballot).where(Ballot.round_id == round_id))


# --- connecting -------------------------------------------------------------------------------

def test_participant_joins_own_table_and_gets_a_snapshot(setup, sockets):
    table = setup.tables[0]
    person = setup.participants[table][0]
    client = sockets(setup.tokens[person])
    assert client.is_connected()
    snapshot = join(client)
    assert snapshot["table"]["id"] == table
    assert [i["id"] for i in snapshot["items"]] == setup.items[table]
    assert snapshot["round"] is None and snapshot["tally"] is None and snapshot["own_ballot"] is None
    assert snapshot["version"] == 0
    assert snapshot["participant"]["id"] == person
    assert snapshot["server_time"].endswith("Z")


@pytest.mark.parametrize("auth", [{"token": "forged-token-0123456789"}, {"token": 12345}, {"token": ["x"]}, {}, None])
def test_forged_or_missing_token_is_refused(setup, sockets, auth, db):
    from participation.conference.models import Participant

    client = sockets(auth=auth if auth is not None else {})
    assert not client.is_connected()
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)
                             .where(Participant.last_seen_at.is_not(None))) == 0


def test_participant_cannot_look_at_another_table(setup, sockets):
    person = setup.participants[setup.tables[0]][0]
    client = sockets(setup.tokens[person])
    answer = client.emit("join_table", {"table_id": setup.tables[1]}, callback=True)
    assert answer == {"ok": False, "error": "not_allowed", "message": answer["message"]}
    assert client.is_connected()
    assert join(client)["table"]["id"] == setup.tables[0]  # still fine afterwards


# --- voting -------------------------------------------------------------------------------------

def test_vote_is_counted_once_and_pushed_to_the_table_only(setup, sockets, moderator_socket, db):
    table, other = setup.tables
    voter, neighbour = setup.participants[table][:2]
    stranger = setup.participants[other][0]
    clients = {pid: sockets(setup.tokens[pid]) for pid in (voter, neighbour, stranger)}
    for client in clients.values():
        join(client)
        client.get_received()

    voting_round = open_round(moderator_socket, setup, table, settings={"dots": 5, "max_per_item": 3})
    assert voting_round["state"] == "open"
    update = events(clients[neighbour], "round_update")
    assert update and update[-1]["round"]["id"] == voting_round["id"] and update[-1]["tally"]["ballots"] == 0
    assert events(clients[stranger], "round_update") == []

    item = setup.items[table][0]
    message = {"round_id": voting_round["id"], "payload": {"dots": {str(item): 3, str(setup.items[table][1]): 2}}}
    first = clients[voter].emit("cast_vote", message, callback=True)
    assert first["ok"] and first["duplicate"] is False
    assert first["own_ballot"] == {"dots": {str(item): 3, str(setup.items[table][1]): 2}}
    again = clients[voter].emit("cast_vote", message, callback=True)
    assert again["ok"] and again["duplicate"] is True
    assert ballot_count(db, voting_round["id"]) == 1

    def tally_seen():
        for tally in events(clients[neighbour], "tally"):
            if tally["tally"]["ballots"] == 1:
                return tally
        return None

    tally = wait_for(tally_seen, message="the tally at the neighbour")
    assert tally["round_id"] == voting_round["id"] and tally["version"] >= first["version"]
    assert {i["id"]: i["dots"] for i in tally["tally"]["items"]}[item] == 3
    time.sleep(0.4)
    assert events(clients[stranger], "tally") == []
    steer = [t for t in events(moderator_socket, "tally") if t["round_id"] == voting_round["id"]]
    assert steer and steer[-1]["tally"]["ballots"] == 1


def test_refused_votes_change_nothing_and_leave_others_connected(setup, sockets, moderator_socket, db):
    table, other = setup.tables
    voter, neighbour = setup.participants[table][:2]
    client, bystander = sockets(setup.tokens[voter]), sockets(setup.tokens[neighbour])
    join(client)
    join(bystander)
    voting_round = open_round(moderator_socket, setup, table, settings={"dots": 4, "max_per_item": 2})
    other_round = open_round(moderator_socket, setup, other)
    item, second = setup.items[table][:2]
    rid = voting_round["id"]

    cases = {
        "bad_request": [None, "vote", 42, [rid], {"round_id": "abc", "payload": {}}, {"round_id": True, "payload": {}},
                        {"round_id": rid, "payload": "3 dots"}, {"round_id": rid}, {"round_id": -1, "payload": {}}],
        "invalid": [{"round_id": rid, "payload": {"dots": {str(item): 3}}},  # over the limit on one item
                    {"round_id": rid, "payload": {"dots": {str(item): 2, str(second): 2, str(setup.items[table][2]): 1}}},
                    {"round_id": rid, "payload": {"dots": {"999999": 1}}},
                    {"round_id": rid, "payload": {"dots": {str(item): "viele"}}},
                    {"round_id": rid, "payload": {"items": [item]}}],
        "not_allowed": [{"round_id": other_round["id"], "payload": {"dots": {str(setup.items[other][0]): 1}}}],
        "not_found": [{"round_id": 987654, "payload": {"dots": {str(item): 1}}}],
    }
    for code, payloads in cases.items():
        for payload in payloads:
            answer = client.emit("cast_vote", payload, callback=True)
            assert answer["ok"] is False and answer["error"] == code, (payload, answer)
            assert isinstance(answer["message"], str) and answer["message"]
    assert ballot_count(db, rid) == 0 and ballot_count(db, other_round["id"]) == 0
    assert client.is_connected() and bystander.is_connected()

    # Closed: no votes any more.
    assert moderator_socket.emit("close_round", {"round_id": rid}, callback=True)["ok"]
    answer = client.emit("cast_vote", {"round_id": rid, "payload": {"dots": {str(item): 1}}}, callback=True)
    assert answer["ok"] is False and answer["error"] == "invalid_state"
    assert ballot_count(db, rid) == 0
    closing = [u for u in events(bystander, "round_update") if u["round"]["state"] == "closed"]
    assert closing and closing[-1]["round"]["id"] == rid


def test_participants_cannot_steer_and_unknown_events_do_no_harm(setup, sockets, moderator_socket):
    table = setup.tables[0]
    citizen = sockets(setup.tokens[setup.participants[table][0]])
    join(citizen)
    answer = citizen.emit("create_round", {"table_id": table, "open": True,
                                           "template": {"title": "Heimlich", "method": "single"}}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"
    voting_round = open_round(moderator_socket, setup, table, method="single")
    for event, payload in [("close_round", {"round_id": voting_round["id"]}),
                           ("extend_round", {"round_id": voting_round["id"], "seconds": 60}),
                           ("announce", {"text": "Alle nach Hause!"}),
                           ("join_console", {})]:
        answer = citizen.emit(event, payload, callback=True)
        assert answer["ok"] is False and answer["error"] == "not_allowed", (event, answer)
    # Someone else's conference.
    answer = citizen.emit("announce", {"conference_id": setup.conference_id + 1, "text": "Hallo"}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"
    # Malformed steering payloads.
    for event, payload in [("extend_round", {"round_id": voting_round["id"], "seconds": "lang"}),
                           ("open_rounds", {"conference_id": setup.conference_id, "template": "dots"}),
                           ("announce", {"conference_id": setup.conference_id, "text": ["x"]})]:
        answer = moderator_socket.emit(event, payload, callback=True)
        assert answer["ok"] is False and answer["error"] == "bad_request", (event, answer)
    assert citizen.is_connected() and moderator_socket.is_connected()


def test_a_flood_of_events_is_throttled_for_that_socket_only(setup, sockets):
    table = setup.tables[0]
    flooder = sockets(setup.tokens[setup.participants[table][0]])
    calm = sockets(setup.tokens[setup.participants[table][1]])
    answers = [flooder.emit("join_table", {}, callback=True) for _ in range(60)]
    throttled = [a for a in answers if a["ok"] is False]
    assert throttled and all(a["error"] == "throttled" for a in throttled)
    assert sum(1 for a in answers if a["ok"]) >= 30
    assert flooder.is_connected() and calm.is_connected()
    assert join(calm)["table"]["id"] == table


def test_facilitator_steers_own_table(setup, sockets):
    table, other = setup.tables
    facilitator = sockets(setup.tokens[setup.facilitators[table]])
    snapshot = join(facilitator)
    assert snapshot["can_steer"] is True
    answer = facilitator.emit("create_round", {"table_id": table, "open": True,
                                               "template": {"title": "Zustimmung", "method": "agreement"}},
                              callback=True)
    assert answer["ok"], answer
    answer = facilitator.emit("create_round", {"table_id": other, "open": True,
                                               "template": {"title": "Fremd", "method": "single"}}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"


def test_results_after_close_are_hidden_from_the_table_until_closed(setup, sockets, moderator_socket):
    table = setup.tables[0]
    voter, neighbour = setup.participants[table][:2]
    client, other = sockets(setup.tokens[voter]), sockets(setup.tokens[neighbour])
    join(client)
    join(other)
    voting_round = open_round(moderator_socket, setup, table, method="single", visibility="after_close")
    assert events(other, "round_update")[-1]["tally"] is None
    moderator_socket.get_received()
    answer = client.emit("cast_vote", {"round_id": voting_round["id"], "payload": {"item": setup.items[table][1]}},
                         callback=True)
    assert answer["ok"]
    wait_for(lambda: [t for t in events(moderator_socket, "tally") if t["tally"]["ballots"] == 1],
             message="the hidden tally in the steering room")
    assert events(other, "tally") == []
    assert join(other)["tally"] is None
    assert moderator_socket.emit("close_round", {"round_id": voting_round["id"]}, callback=True)["ok"]
    closing = events(other, "round_update")[-1]
    assert closing["round"]["state"] == "closed" and closing["tally"]["ballots"] == 1
    assert {i["id"]: i["votes"] for i in closing["tally"]["items"]}[setup.items[table][1]] == 1


def test_reconnect_resyncs_from_the_snapshot(setup, sockets, moderator_socket):
    table = setup.tables[0]
    voter = setup.participants[table][0]
    client = sockets(setup.tokens[voter])
    join(client)
    voting_round = open_round(moderator_socket, setup, table, method="approval", duration=600)
    payload = {"items": [setup.items[table][0], setup.items[table][2]]}
    assert client.emit("cast_vote", {"round_id": voting_round["id"], "payload": payload}, callback=True)["ok"]
    client.disconnect()
    # Meanwhile: more time, and a vote by someone else.
    moderator_socket.emit("extend_round", {"round_id": voting_round["id"], "seconds": 120}, callback=True)
    neighbour = sockets(setup.tokens[setup.participants[table][1]])
    join(neighbour)
    assert neighbour.emit("cast_vote", {"round_id": voting_round["id"], "payload": {"items": [setup.items[table][0]]}},
                          callback=True)["ok"]

    again = sockets(setup.tokens[voter])
    snapshot = join(again)
    assert snapshot["round"]["id"] == voting_round["id"] and snapshot["round"]["state"] == "open"
    assert snapshot["own_ballot"] == {"items": sorted(payload["items"])}
    assert snapshot["tally"]["ballots"] == 2
    approvals = {i["id"]: i["approvals"] for i in snapshot["tally"]["items"]}
    assert approvals[setup.items[table][0]] == 2 and approvals[setup.items[table][2]] == 1
    assert snapshot["version"] > voting_round["version"]
    ends = snapshot["round"]["ends_at"]
    assert ends > voting_round["ends_at"]  # the extension is in the snapshot (ISO strings compare in time order)
    # A re-sent vote after the reconnect is a duplicate.
    answer = again.emit("cast_vote", {"round_id": voting_round["id"], "payload": payload}, callback=True)
    assert answer["ok"] and answer["duplicate"] is True


def test_timer_closes_the_round_at_its_end_time(setup, sockets, moderator_socket, db):
    table = setup.tables[0]
    client = sockets(setup.tokens[setup.participants[table][0]])
    join(client)
    voting_round = open_round(moderator_socket, setup, table, method="single", duration=1)

    def closed():
        return [u for u in events(client, "round_update") if u["round"]["state"] == "closed"]

    update = wait_for(closed, timeout=5, message="the timer closing the round")[-1]
    assert update["round"]["id"] == voting_round["id"]
    answer = client.emit("cast_vote", {"round_id": voting_round["id"], "payload": {"item": setup.items[table][0]}},
                         callback=True)
    assert answer["ok"] is False and answer["error"] == "invalid_state"
    assert ballot_count(db, voting_round["id"]) == 0


def test_plenary_round_and_open_close_extend_for_all_tables(setup, sockets, moderator_socket):
    clients = [sockets(setup.tokens[setup.participants[t][0]]) for t in setup.tables]
    for client in clients:
        join(client)
        join(client, table_id=None)
        client.get_received()
    answer = moderator_socket.emit("open_rounds", {
        "conference_id": setup.conference_id,
        "template": {"title": "Runde 1", "method": "dots", "settings": {"dots": 3, "max_per_item": 3},
                     "duration_seconds": 300}}, callback=True)
    assert answer["ok"] and len(answer["rounds"]) == 2
    for client, table in zip(clients, setup.tables):
        updates = events(client, "round_update")
        assert [u["table_id"] for u in updates] == [table]
    answer = moderator_socket.emit("extend_rounds", {"conference_id": setup.conference_id, "seconds": 60},
                                   callback=True)
    assert answer["ok"] and len(answer["rounds"]) == 2
    plenary = open_round(moderator_socket, setup, None, method="single")
    assert plenary["table_id"] is None
    for client in clients:
        updates = events(client, "round_update")
        assert {u["table_id"] for u in updates} == {None, setup.tables[0], setup.tables[1]} - {
            t for t in setup.tables if t not in {u["table_id"] for u in updates}}
        assert any(u["table_id"] is None and u["round"]["id"] == plenary["id"] for u in updates)
        answer = client.emit("cast_vote", {"round_id": plenary["id"], "payload": {"item": setup.items[None][0]}},
                             callback=True)
        assert answer["ok"] and not answer["duplicate"]
    answer = moderator_socket.emit("close_rounds", {"conference_id": setup.conference_id}, callback=True)
    assert answer["ok"] and len(answer["rounds"]) == 3


def test_announcements_to_everyone_and_to_one_table(setup, sockets, moderator_socket):
    first, second = setup.tables
    a, b = sockets(setup.tokens[setup.participants[first][0]]), sockets(setup.tokens[setup.participants[second][0]])
    join(a)
    join(b)
    a.get_received(), b.get_received()
    answer = moderator_socket.emit("announce", {"conference_id": setup.conference_id,
                                                "text": "In fünf Minuten geht es im Plenum weiter."}, callback=True)
    assert answer["ok"]
    assert [m["text"] for m in events(a, "announcement")] == ["In fünf Minuten geht es im Plenum weiter."]
    assert [m["text"] for m in events(b, "announcement")] == ["In fünf Minuten geht es im Plenum weiter."]
    answer = moderator_socket.emit("announce", {"conference_id": setup.conference_id, "table_id": second,
                                                "text": "Tisch 2 bitte zur Bühne."}, callback=True)
    assert answer["ok"]
    assert events(a, "announcement") == []
    assert [m["text"] for m in events(b, "announcement")] == ["Tisch 2 bitte zur Bühne."]
    # A late joiner sees the announcements in the snapshot.
    late = sockets(setup.tokens[setup.participants[second][1]])
    texts = [m["text"] for m in join(late)["announcements"]]
    assert texts == ["Tisch 2 bitte zur Bühne.", "In fünf Minuten geht es im Plenum weiter."]


def test_console_sees_presence_and_every_table(setup, sockets, moderator_socket):
    table = setup.tables[0]
    person = setup.participants[table][2]
    client = sockets(setup.tokens[person])
    presence = wait_for(lambda: [m for m in events(moderator_socket, "presence") if m["participant_id"] == person],
                        message="presence online")
    assert presence[-1]["online"] is True and presence[-1]["table_id"] == table
    state = moderator_socket.emit("join_console", {"conference_id": setup.conference_id}, callback=True)["console"]
    assert [t["table"]["id"] for t in state["tables"]] == setup.tables
    entry = state["tables"][0]
    assert {p["id"]: p["online"] for p in entry["participants"]}[person] is True
    assert entry["projector_url"].endswith(f"/tables/{table}/projector")
    client.disconnect()
    offline = wait_for(lambda: [m for m in events(moderator_socket, "presence") if m["participant_id"] == person
                                and m["online"] is False], message="presence offline")
    assert offline


def test_a_participant_with_two_tabs_goes_offline_with_the_last(setup, sockets, moderator_socket):
    person = setup.participants[setup.tables[1]][0]
    first, second = sockets(setup.tokens[person]), sockets(setup.tokens[person])
    first.disconnect()
    time.sleep(0.2)
    assert not [m for m in events(moderator_socket, "presence") if m["participant_id"] == person and not m["online"]]
    assert join(second)["participant"]["id"] == person
    second.disconnect()
    wait_for(lambda: [m for m in events(moderator_socket, "presence") if m["participant_id"] == person
                      and m["online"] is False], message="offline after the last tab")


def test_projector_hides_after_close_results(setup, sockets, moderator_socket, make_client):
    table = setup.tables[0]
    open_round(moderator_socket, setup, table, method="single", visibility="after_close")
    http = make_client()
    http.login(setup.moderator_user.email)
    projector = sockets(flask_client=http.http)
    snapshot = join(projector, conference_id=setup.conference_id, table_id=table, projector=True)
    assert snapshot["round"]["state"] == "open" and snapshot["tally"] is None and snapshot["can_steer"] is False
    console_view = join(projector, conference_id=setup.conference_id, table_id=table)
    assert console_view["tally"] is not None


def test_a_user_without_rights_cannot_steer(setup, sockets, make_client, make_user):
    stranger = make_user()
    http = make_client()
    http.login(stranger.email)
    client = sockets(flask_client=http.http)
    assert client.is_connected()
    answer = client.emit("join_console", {"conference_id": setup.conference_id}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"
    answer = client.emit("join_table", {"conference_id": setup.conference_id, "table_id": setup.tables[0]},
                         callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"


def test_pages_render_without_inline_scripts(setup, app, client, make_client):
    from flask import url_for

    table = setup.tables[0]
    token = setup.tokens[setup.participants[table][0]]
    slug, cid = setup.process_slug, setup.conference_id
    with app.test_request_context():
        live = url_for("conference.live", token=token)
        forged = url_for("conference.live", token="not-a-real-token-123")
        console = url_for("conference.console", slug=slug, conference_id=cid)
        projector = url_for("conference.projector", slug=slug, conference_id=cid, table_id=table)
        plenary = url_for("conference.projector", slug=slug, conference_id=cid)
        unknown_table = url_for("conference.projector", slug=slug, conference_id=cid, table_id=999999)
        wrong_slug = url_for("conference.console", slug="another-process", conference_id=cid)
        moderator_console = url_for("conference.participant_console", token=setup.tokens[setup.moderator])
        citizen_console = url_for("conference.participant_console", token=token)
    page = client.get(live)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "socket.io.min.js" in html and "conference.js" in html
    assert 'id="conference-config"' in html and "<script>" not in html
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert client.get(forged).status_code == 404
    assert client.get(console).status_code in (302, 401)
    moderator = make_client()
    moderator.login(setup.moderator_user.email)
    assert moderator.get(console).status_code == 200
    assert moderator.get(projector).status_code == 200
    assert moderator.get(plenary).status_code == 200
    assert moderator.get(unknown_table).status_code == 404
    assert moderator.get(wrong_slug).status_code == 404
    assert client.get(moderator_console).status_code == 200
    assert client.get(citizen_console).status_code == 403
    stranger = make_client()
    assert stranger.get("/static/vendor/socket.io/socket.io.min.js").status_code == 200


def test_tally_updates_are_limited_to_four_a_second_per_room(app):
    from participation.conference.broadcast import LiveTasks

    tasks = LiveTasks(app, socketio.server)  # not started: the clock is driven by hand
    assert tasks.interval == 0.25 and tasks.burst == 2
    sent = []
    for step in range(1000):  # a vote every 10 ms for 10 s in one room, and a quiet one in another
        now = 100.0 + step * 0.01
        tasks.mark(7)
        if step % 200 == 0:
            tasks.mark(8)
        due, wait = tasks._due(now=now)
        sent += [(now, r) for r in due]
        if 7 not in due:
            assert wait is not None and 0 < wait <= 0.25
    busy = [t for t, r in sent if r == 7]
    assert 40 <= len(busy) <= 42  # two at once, then four a second
    assert all(b - a >= 0.2 for a, b in zip(busy[1:], busy[2:]))
    quiet = [t for t, r in sent if r == 8]
    assert quiet == [100.0 + s * 0.01 for s in range(0, 1000, 200)]  # a quiet room's update goes out at once


# --- real clients against the served app -------------------------------------------------------

def _real_client(base_url, token, transports=("websocket",)):
    import socketio as python_socketio

    client = python_socketio.Client(reconnection=False)
    inbox = []
    client.on("*", lambda event, data: inbox.append((time.monotonic(), event, data)))
    client.connect(base_url, auth={"token": token}, transports=list(transports), wait_timeout=10)
    return client, inbox


@pytest.mark.parametrize("transports", [("websocket",), ("polling",)], ids=["websocket", "long-polling"])
def test_real_clients_vote_and_tallies_are_batched(setup, live_server, transports, db):
    base_url, _ = live_server
    table = setup.tables[0]
    members = setup.participants[table]
    moderator, _inbox = _real_client(base_url, setup.tokens[setup.moderator], transports)
    clients = [_real_client(base_url, setup.tokens[p], transports) for p in members]
    try:
        assert moderator.call("join_console", {}, timeout=10)["ok"]
        for client, _ in clients:
            answer = client.call("join_table", {}, timeout=10)
            assert answer["ok"] and answer["snapshot"]["table"]["id"] == table
        answer = moderator.call("create_round", {"table_id": table, "open": True, "template": {
            "title": "Schnell", "method": "single"}}, timeout=10)
        assert answer["ok"], answer
        round_id = answer["rounds"][0]["id"]
        watcher_inbox = clients[0][1]
        wait_for(lambda: [e for e in watcher_inbox if e[1] == "round_update"], message="round_update")
        started = time.monotonic()
        for client, _ in clients:  # three votes as fast as possible, each sent twice
            for _ in range(2):
                answer = client.call("cast_vote", {"round_id": round_id, "payload": {"item": setup.items[table][0]}},
                                     timeout=10)
                assert answer["ok"]
        wait_for(lambda: [e for e in watcher_inbox if e[1] == "tally" and e[2]["tally"]["ballots"] == len(members)],
                 message="the final tally")
        tallies = [e for e in watcher_inbox if e[1] == "tally" and e[0] >= started]
        assert 1 <= len(tallies) <= len(members)  # never more updates than counted votes
        assert ballot_count(db, round_id) == len(members)
    finally:
        for client, _ in clients:
            client.disconnect()
        moderator.disconnect()


def test_sockets_from_another_origin_are_refused(setup, live_server):
    import socketio as python_socketio

    base_url, _ = live_server
    token = setup.tokens[setup.participants[setup.tables[0]][0]]

    def connect(origin):  # long-polling: plain HTTP requests that carry exactly this Origin header
        client = python_socketio.Client(reconnection=False)
        client.connect(base_url, auth={"token": token}, transports=["polling"], wait_timeout=5,
                       headers={"Origin": origin})
        return client

    with pytest.raises(python_socketio.exceptions.ConnectionError):
        connect("https://elsewhere.example")
    same = connect(base_url)
    try:
        assert same.call("join_table", {}, timeout=10)["ok"]
    finally:
        same.disconnect()


def test_signing_out_ends_what_an_open_socket_may_do(setup, sockets, make_client):
    http = make_client()
    http.login(setup.moderator_user.email)
    client = sockets(flask_client=http.http)
    assert client.emit("join_console", {"conference_id": setup.conference_id}, callback=True)["ok"]
    http.logout()
    answer = client.emit("join_console", {"conference_id": setup.conference_id}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"


def test_a_moderator_without_the_second_factor_cannot_steer_over_a_socket(setup, sockets, make_client, make_user):
    from conftest import PASSWORD
    from participation.auth.models import ProcessRoleKind
    from participation.conference.models import Conference
    from participation.extensions import db

    process = db.session.get(Conference, setup.conference_id).process
    newcomer = make_user(roles=[(process, ProcessRoleKind.MODERATOR)], two_factor=False)
    http = make_client()
    response = http.post("/account/login", {"email": newcomer.email, "password": PASSWORD}, form_url="/account/login")
    assert response.headers["Location"].startswith("/account/two-factor/setup")  # signed in, not enrolled yet
    client = sockets(flask_client=http.http)
    assert client.is_connected()
    answer = client.emit("join_console", {"conference_id": setup.conference_id}, callback=True)
    assert answer["ok"] is False and answer["error"] == "not_allowed"


# --- a facilitator's console: their own table only ----------------------------------------------

def test_facilitator_console_shows_and_steers_only_their_own_table(setup, sockets, moderator_socket, db):
    from participation.conference.models import Announcement, RoundState, VotingRound

    own, other = setup.tables
    conference = setup.conference_id

    def announce(text, table_id=None):
        answer = moderator_socket.emit("announce", {"conference_id": conference, "text": text,
                                                    "table_id": table_id}, callback=True)
        assert answer["ok"], answer

    announce("An alle: gleich Pause.")
    announce("Nur für Tisch 2.", other)
    announce("Nur für Tisch 1.", own)
    foreign_round = open_round(moderator_socket, setup, other)

    facilitator = sockets(setup.tokens[setup.facilitators[own]])
    answer = facilitator.emit("join_console", {"conference_id": conference}, callback=True)
    assert answer["ok"], answer
    state = answer["console"]
    assert [t["table"]["id"] for t in state["tables"]] == [own] and state["plenary"] is None
    assert [a["text"] for a in state["announcements"]] == ["Nur für Tisch 1.", "An alle: gleich Pause."]
    # The conference's moderation sees every announcement, those to single tables included.
    everything = moderator_socket.emit("join_console", {"conference_id": conference}, callback=True)["console"]
    assert [a["text"] for a in everything["announcements"]] == [
        "Nur für Tisch 1.", "Nur für Tisch 2.", "An alle: gleich Pause."]

    # Live: another table's announcement does not reach the facilitator's console; their own table's does, once.
    facilitator.get_received()
    announce("Tisch 2 zur Bühne.", other)
    announce("Tisch 1 zur Bühne.", own)
    assert [m["text"] for m in events(facilitator, "announcement")] == ["Tisch 1 zur Bühne."]

    # Whatever the page offers, the services refuse another table, the plenary and "every table".
    refused = [
        ("announce", {"text": "An alle von der Tischmoderation"}),
        ("announce", {"text": "An den anderen Tisch", "table_id": other}),
        ("close_round", {"round_id": foreign_round["id"]}),
        ("extend_round", {"round_id": foreign_round["id"], "seconds": 60}),
        ("close_rounds", {}),
        ("close_rounds", {"table_ids": [other]}),
        ("extend_rounds", {"seconds": 60}),
        ("extend_rounds", {"seconds": 60, "table_ids": [other]}),
        ("open_rounds", {"template": {"title": "Überall", "method": "single"}}),
        ("create_round", {"table_id": None, "open": True, "template": {"title": "Plenum", "method": "single"}}),
        ("create_round", {"table_id": other, "open": True, "template": {"title": "Fremd", "method": "single"}}),
    ]
    for event, payload in refused:
        answer = facilitator.emit(event, dict(payload, conference_id=conference), callback=True)
        assert answer["ok"] is False and answer["error"] == "not_allowed", (event, payload, answer)
    db.session.expire_all()
    assert db.session.get(VotingRound, foreign_round["id"]).state == RoundState.OPEN
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VotingRound)
                             .where(VotingRound.conference_id == conference)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Announcement)
                             .where(Announcement.conference_id == conference)) == 5
    # Their own table works, also through the "selected tables" form of the commands.
    answer = facilitator.emit("create_round", {"conference_id": conference, "table_id": own, "open": True,
                                               "template": {"title": "Eigener Tisch", "method": "single"}},
                              callback=True)
    assert answer["ok"], answer
    answer = facilitator.emit("close_rounds", {"conference_id": conference, "table_ids": [own]}, callback=True)
    assert answer["ok"] and [r["table_id"] for r in answer["rounds"]] == [own]


def test_facilitator_console_page_offers_only_their_own_table(setup, app, db, client, make_client):
    from flask import url_for

    from participation.conference.models import ThemeTable

    own, other = (db.session.get(ThemeTable, t) for t in setup.tables)
    with app.test_request_context():
        facilitator_console = url_for("conference.participant_console", token=setup.tokens[setup.facilitators[own.id]])
        moderator_console = url_for("conference.participant_console", token=setup.tokens[setup.moderator])
    html = client.get(facilitator_console).get_data(as_text=True)
    assert f'<option value="{own.id}">{own.topic}</option>' in html
    assert f'value="{other.id}"' not in html and other.topic not in html
    assert 'value="all"' not in html and 'value="plenary"' not in html and "data-all-tables" not in html
    assert '<option value="">' not in html  # no announcement "to everyone"
    html = make_client().get(moderator_console).get_data(as_text=True)
    assert f'value="{other.id}"' in html and 'value="all"' in html and "data-all-tables" in html
    assert '<option value="">' in html
