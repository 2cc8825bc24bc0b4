"""Scale-out: two server processes (gunicorn, gevent, as in production) on loopback share their
events through Redis. A round opened and a vote cast on one server reach a participant connected
to the other; so do an announcement and the timer's closing. A restarted server resumes from the database.

Needs Redis at 127.0.0.1:6379 (or TEST_REDIS_URL); skipped with the reason when it is absent, and
failing under CI=true. Each run uses its own Socket.IO channel, so parallel runs do not mix.
"""
import os
import secrets
import sys
import time
from pathlib import Path

import pytest

from participation.auth.models import ProcessRoleKind
from tests.conference.live_helpers import build_conference, wait_for
from tests.conftest import redis_available, require_or_skip

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/13"


@pytest.fixture
def two_servers(app, database_url, tmp_path):
    require_or_skip(redis_available(REDIS_URL), f"Redis at {REDIS_URL} is not reachable (needed for the scale-out test)")
    sys.path.insert(0, str(BENCH_DIR))
    try:
        from common import GunicornServer
    finally:
        sys.path.remove(str(BENCH_DIR))
    env = dict(os.environ)
    for name in ("TEST_DATABASE_URL", "RATELIMIT_STORAGE_URI", "MAIL_SERVER"):
        env.pop(name, None)
    env.update({
        "PARTICIPATION_CONFIG": "production", "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"), "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0",
        "HUEY_IMMEDIATE": "0", "PYTHONUNBUFFERED": "1", "REDIS_URL": REDIS_URL,
        "SOCKETIO_CHANNEL": f"test-scaleout-{secrets.token_hex(6)}",
    })
    servers = [GunicornServer(env, tmp_path / f"server{n}.log", workers=1, worker_connections=200) for n in (1, 2)]
    try:
        for server in servers:
            server.start(ready_timeout=60)
        yield servers
    finally:
        for server in servers:
            server.stop()


def connect(base_url, token):
    import socketio

    client = socketio.Client(reconnection=False)
    inbox = []
    client.on("*", lambda event, data: inbox.append((event, data)))
    client.connect(base_url, auth={"token": token}, transports=["websocket"], wait_timeout=15)
    return client, inbox


def test_a_vote_on_one_server_reaches_a_participant_on_the_other(db, make_process, make_user, two_servers):
    process = make_process()
    make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    setup = build_conference(db, process, tables=1, per_table=2)
    table = setup.tables[0]
    voter_token, watcher_token = (setup.tokens[p] for p in setup.participants[table])
    first, second = two_servers
    assert first.port != second.port and first.process.pid != second.process.pid

    clients = []
    try:
        moderator, _ = connect(first.base_url, setup.tokens[setup.moderator])
        voter, _ = connect(first.base_url, voter_token)
        watcher, inbox = connect(second.base_url, watcher_token)
        clients += [moderator, voter, watcher]
        assert moderator.call("join_console", {}, timeout=15)["ok"]
        assert voter.call("join_table", {}, timeout=15)["ok"]
        assert watcher.call("join_table", {}, timeout=15)["snapshot"]["round"] is None

        answer = moderator.call("create_round", {"table_id": table, "open": True, "template": {
            "title": "Über zwei Server", "method": "single", "duration_seconds": 3}}, timeout=15)
        assert answer["ok"], answer
        round_id = answer["rounds"][0]["id"]
        wait_for(lambda: [d for e, d in inbox if e == "round_update" and d["round"]["id"] == round_id],
                 timeout=10, message="the opening on the other server")

        vote = {"round_id": round_id, "payload": {"item": setup.items[table][1]}}
        sent = time.monotonic()
        answer = voter.call("cast_vote", vote, timeout=15)
        assert answer["ok"] and answer["duplicate"] is False and answer["round_id"] == round_id
        assert answer["own_ballot"] == {"item": setup.items[table][1]}
        tally = wait_for(lambda: [d for e, d in inbox if e == "tally" and d["tally"]["ballots"] == 1],
                         timeout=10, message="the tally on the other server")[-1]
        took = time.monotonic() - sent
        assert {i["id"]: i["votes"] for i in tally["tally"]["items"]}[setup.items[table][1]] == 1
        assert took < 5
        # The same vote through the other server is a duplicate: the database decides, not a process.
        again = connect(second.base_url, voter_token)[0]
        clients.append(again)
        answer = again.call("cast_vote", vote, timeout=15)
        assert answer["ok"] and answer["duplicate"] is True

        assert moderator.call("announce", {"text": "Grüße vom ersten Server"}, timeout=15)["ok"]
        wait_for(lambda: [d for e, d in inbox if e == "announcement" and d["text"] == "Grüße vom ersten Server"],
                 timeout=10, message="the announcement on the other server")

        # The timer (in either process) closes the round at its end time; the other server hears it.
        closing = wait_for(lambda: [d for e, d in inbox if e == "round_update" and d["round"]["id"] == round_id
                                    and d["round"]["state"] == "closed"], timeout=15, message="the timer's closing")
        assert closing[-1]["tally"]["ballots"] == 1

        # A restarted server loses nothing: the state is in the database.
        for client in (moderator, voter):
            client.disconnect()
        first.stop()
        first.start(ready_timeout=60)
        back, _ = connect(first.base_url, voter_token)
        clients.append(back)
        snapshot = back.call("join_table", {}, timeout=15)["snapshot"]
        assert snapshot["round"]["id"] == round_id and snapshot["round"]["state"] == "closed"
        assert snapshot["own_ballot"] == {"item": setup.items[table][1]}
        assert snapshot["tally"]["ballots"] == 1
    finally:
        for client in clients:
            try:
                client.disconnect()
            except Exception:
                pass


def test_a_join_link_holds_three_sockets_and_one_event_budget_across_servers(db, make_process, make_user,
                                                                             two_servers):
    process = make_process()
    make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    setup = build_conference(db, process, tables=1, per_table=1)
    token = setup.tokens[setup.participants[setup.tables[0]][0]]
    first, second = two_servers
    clients = []
    try:
        for server in (first, first, second):  # two on one server, one on the other: three in all
            clients.append(connect(server.base_url, token))
            time.sleep(0.1)
        oldest, inbox = clients[0]
        assert all(client.connected for client, _ in clients)
        clients.append(connect(second.base_url, token))  # the fourth, on the other server
        wait_for(lambda: not oldest.connected, timeout=10, message="the oldest socket closed by the other server")
        (message,) = [d for e, d in inbox if e == "superseded"]
        assert message["error"] == "superseded" and message["ok"] is False
        alive = [client for client, _ in clients[1:]]
        assert all(client.connected for client in alive)

        # One budget over both servers: 90 events through three sockets pass about 30, not 90.
        answers = []
        started = time.monotonic()
        for n in range(90):
            answers.append(alive[n % 3].call("cast_vote", {"payload": {}}, timeout=15))
        elapsed = time.monotonic() - started
        passed = [a for a in answers if a["error"] != "throttled"]
        assert 30 <= len(passed) <= 30 + 10 * elapsed + 1, (len(passed), elapsed)
        assert all(client.connected for client in alive)
    finally:
        for client, _ in clients:
            try:
                client.disconnect()
            except Exception:
                pass
