"""Sockets and events per participant, with real python-socketio clients against the served app.

A join link holds a few sockets (the oldest is told "superseded" and closed when one more comes),
and all of a participant's sockets share one event budget. Across server processes (Redis) see
test_scaleout.py."""
import threading
import time

import pytest

from participation.auth.models import ProcessRoleKind
from tests.conference.live_helpers import build_conference, wait_for


@pytest.fixture
def setup(db, make_process, make_user):
    process = make_process()
    make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    return build_conference(db, process, tables=2, per_table=2)


@pytest.fixture
def clients():
    opened = []

    def connect(base_url, token):
        import socketio as python_socketio

        client = python_socketio.Client(reconnection=False)
        inbox = []
        client.on("*", lambda event, data: inbox.append((event, data)))
        client.connect(base_url, auth={"token": token}, transports=["websocket"], wait_timeout=10)
        client.inbox = inbox
        opened.append(client)
        time.sleep(0.05)  # connect in a known order: the oldest is the first
        return client

    yield connect
    closing = [threading.Thread(target=c.disconnect) for c in opened if c.connected]  # each close waits
    for thread in closing:
        thread.start()
    for thread in closing:
        thread.join(timeout=10)
    from participation.conference import broadcast

    broadcast.stop()


def _superseded(client):
    return [data for event, data in client.inbox if event == "superseded"]


def test_a_fourth_socket_of_one_join_link_closes_the_oldest_with_a_german_reason(setup, live_server, clients):
    base_url, _ = live_server
    token = setup.tokens[setup.participants[setup.tables[0]][0]]
    first, second, third = (clients(base_url, token) for _ in range(3))
    assert all(c.call("join_table", {}, timeout=10)["ok"] for c in (first, second, third))
    assert not any(_superseded(c) for c in (first, second, third))

    fourth = clients(base_url, token)  # e.g. the page reloaded while the old socket still hangs on
    wait_for(lambda: not first.connected, message="the oldest socket closed")
    (message,) = _superseded(first)
    assert message["ok"] is False and message["error"] == "superseded"
    assert "anderen Gerät" in message["message"] and "neu" in message["message"]
    assert second.connected and third.connected and fourth.connected
    assert fourth.call("join_table", {}, timeout=10)["ok"]
    assert not _superseded(second) and not _superseded(fourth)


def test_thirty_sockets_of_one_join_link_leave_three(setup, live_server, clients, db):
    base_url, _ = live_server
    table = setup.tables[0]
    token = setup.tokens[setup.participants[table][0]]
    other = clients(base_url, setup.tokens[setup.participants[table][1]])
    opened = [clients(base_url, token) for _ in range(30)]
    wait_for(lambda: sum(c.connected for c in opened) == 3, timeout=10, message="three sockets left")
    assert [c.connected for c in opened[-3:]] == [True, True, True]
    assert all(_superseded(c) for c in opened[:-3])
    # Another participant's socket is never touched, and the survivors work.
    assert other.connected and not _superseded(other)
    assert opened[-1].call("join_table", {}, timeout=10)["ok"]
    assert other.call("join_table", {}, timeout=10)["ok"]


def test_those_who_steer_may_open_a_projector_per_table(setup, live_server, clients):
    base_url, _ = live_server
    token = setup.tokens[setup.moderator]
    allowance = 3 + len(setup.tables) + 1  # console, live page, a reload, a projector per table and the plenary
    opened = [clients(base_url, token) for _ in range(allowance)]
    time.sleep(0.3)
    assert all(c.connected for c in opened) and not any(_superseded(c) for c in opened)
    clients(base_url, token)
    wait_for(lambda: not opened[0].connected, message="the oldest of the moderator's sockets closed")
    assert all(c.connected for c in opened[1:])


def test_the_event_budget_is_per_participant_not_per_socket(setup, live_server, clients):
    base_url, _ = live_server
    table = setup.tables[0]
    token = setup.tokens[setup.participants[table][0]]
    sockets = [clients(base_url, token) for _ in range(3)]
    calm = clients(base_url, setup.tokens[setup.participants[table][1]])
    answers = []
    started = time.monotonic()
    for n in range(90):  # 30 events through each of the three sockets, interleaved
        answers.append(sockets[n % 3].call("cast_vote", {"payload": {}}, timeout=10))
    elapsed = time.monotonic() - started
    passed = [a for a in answers if a["error"] != "throttled"]
    throttled = [a for a in answers if a["error"] == "throttled"]
    # One bucket of 30, refilled with 10 a second: never the 90 three separate buckets would let through.
    assert 30 <= len(passed) <= 30 + 10 * elapsed + 1, (len(passed), elapsed)
    assert throttled and all(a["message"] == "Zu viele Nachrichten auf einmal; bitte warten Sie einen Moment."
                             for a in throttled)
    assert all(a["error"] == "bad_request" for a in passed)  # the events themselves were looked at
    assert all(s.connected for s in sockets)
    assert calm.call("cast_vote", {"payload": {}}, timeout=10)["error"] == "bad_request"  # others keep their budget


# --- the limits themselves: in Redis (shared by processes) and when Redis fails --------------------

def test_redis_limits_keep_the_newest_sockets_and_one_bucket(redis_url):
    import secrets

    from participation.conference.limits import RedisLimits

    if not redis_url:
        pytest.skip("TEST_REDIS_URL is not set (run with PostgreSQL and Redis)")
    prefix = f"test-limits-{secrets.token_hex(4)}"
    one, two = RedisLimits(redis_url, 10, 5, prefix), RedisLimits(redis_url, 10, 5, prefix)  # two processes
    try:
        assert one.add_socket("p:1", "a", 3) == [] and two.add_socket("p:1", "b", 3) == []
        assert one.add_socket("p:1", "c", 3) == []
        assert two.add_socket("p:1", "d", 3) == ["a"]  # the oldest, held by the other process
        assert one.sockets("p:1") == ["b", "c", "d"]
        one.remove_socket("p:1", "c")
        assert two.add_socket("p:1", "e", 3) == [] and two.sockets("p:1") == ["b", "d", "e"]
        assert one.add_socket("p:2", "x", 3) == []  # another participant has their own list
        now = 1000.0
        answers = [(one if n % 2 else two).allow("p:1", now=now) for n in range(8)]
        assert [a for a, _ in answers] == [True] * 5 + [False] * 3  # one bucket of 5 for both processes
        assert [first for _, first in answers] == [False] * 5 + [True, False, False]  # the flood starts once
        assert one.allow("p:1", now=now + 0.35)[0] is True  # refilled at 10 a second
        assert one.allow("p:2", now=now)[0] is True
    finally:
        one.client.delete(*one.client.keys(f"{prefix}:*") or ["none"])


def test_without_redis_each_process_keeps_the_limits_itself(caplog):
    from participation.conference.limits import RedisLimits

    limits = RedisLimits("redis://127.0.0.1:1/0", 10, 3, "unreachable")  # nothing listens on port 1
    assert [limits.add_socket("p:1", sid, 2) for sid in ("a", "b", "c")] == [[], [], ["a"]]
    assert [limits.allow("p:1")[0] for _ in range(4)] == [True, True, True, False]
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1  # said once, not for every event
    asked = []  # while it is failing, Redis is not even asked (each try could hang for a second)
    limits._allow = limits._add = lambda **kwargs: asked.append(kwargs)
    assert limits.allow("p:2")[0] is True and limits.add_socket("p:2", "z", 2) == []
    assert asked == []
    limits._retry_at = 0.0  # a few seconds later it is tried again
    limits.allow("p:2")
    assert len(asked) == 1
