"""Deeply nested JSON is refused cleanly: an error acknowledgement on the socket, a 400 JSON error on
the API, no RecursionError in the log, and the server keeps serving."""
import logging
import threading
import time

from participation.auth.models import ProcessRoleKind
from participation.safejson import MAX_DEPTH, too_deep
from tests.conference.live_helpers import build_conference, wait_for

DEEP = 5000  # far beyond Python's recursion limit; 10 KB, well inside the socket's buffer


def nested(depth):
    return "[" * depth + "]" * depth


def test_the_depth_check_counts_only_structure():
    assert not too_deep(nested(MAX_DEPTH)) and too_deep(nested(MAX_DEPTH + 1))
    assert too_deep(nested(MAX_DEPTH + 1).encode())
    assert not too_deep('{"text": "' + "[" * 500 + '"}')  # brackets inside a string are text
    assert not too_deep('{"text": "\\"' + "{" * 500 + '"}')
    assert not too_deep("[" + ",".join(["[1]"] * 500) + "]")  # wide is fine, only deep is refused


def _log_text(caplog):
    return "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)


def test_a_deeply_nested_socket_packet_gets_an_error_ack_and_no_traceback(db, make_process, make_user,
                                                                            live_server, caplog):
    import socketio as python_socketio

    process = make_process()
    make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    setup = build_conference(db, process, tables=1, per_table=2)
    table = setup.tables[0]
    base_url, _ = live_server
    caplog.set_level(logging.INFO)
    sender = python_socketio.Client(reconnection=False)
    other = python_socketio.Client(reconnection=False)
    answers = []
    try:
        sender.connect(base_url, auth={"token": setup.tokens[setup.participants[table][0]]},
                       transports=["websocket"], wait_timeout=10)
        other.connect(base_url, auth={"token": setup.tokens[setup.participants[table][1]]},
                      transports=["websocket"], wait_timeout=10)
        for count, event in enumerate(("join_table", "cast_vote"), start=1):
            # A raw Socket.IO EVENT packet ("42<ack id>[...]"): no client library would encode it.
            ack = sender._generate_ack_id("/", lambda *args: answers.append(args[0] if args else None))
            sender.eio.send(f'2{ack}["{event}",{nested(DEEP)}]')
            wait_for(lambda n=count: len(answers) == n, message=f"the ack of {event}")
        assert answers == [
            {"ok": False, "error": "bad_request", "message": "Die Nachricht hat nicht die erwartete Form."}] * 2
        # A too-deep packet without an event name, and one in the middle of the payload: nothing breaks.
        sender.eio.send("2" + nested(DEEP))
        sender.eio.send('2["join_table",{"table_id":' + nested(DEEP) + "}]")
        time.sleep(0.3)
        # The server keeps serving: the same socket and another one go on as before.
        assert sender.connected and other.connected
        assert sender.call("join_table", {}, timeout=10)["ok"]
        assert other.call("join_table", {}, timeout=10)["snapshot"]["table"]["id"] == table
    finally:
        for client in (sender, other):
            threading.Thread(target=client.disconnect).start()
    text = _log_text(caplog)
    assert "RecursionError" not in text and "Traceback" not in text
    assert "nested deeper than" in text  # refused, and said so once per packet


def test_a_deeply_nested_connect_packet_is_refused(live_server, caplog):
    import engineio

    base_url, _ = live_server
    caplog.set_level(logging.INFO)
    raw = engineio.Client()  # Engine.IO only: we write the Socket.IO CONNECT packet ourselves
    received = []
    raw.on("message", received.append)
    raw.connect(base_url, engineio_path="socket.io", transports=["websocket"])
    try:
        raw.send("0" + nested(DEEP))  # CONNECT with an "auth" nested 5,000 levels deep
        refusal = wait_for(lambda: [m for m in received if m.startswith("4")], message="the refusal")[0]
        assert "unauthenticated" in refusal
    finally:
        raw.disconnect()
    text = _log_text(caplog)
    assert "RecursionError" not in text and "Traceback" not in text


def test_a_deeply_nested_api_body_is_a_400_json_error(client, make_process, make_user, caplog):
    process = make_process()
    user = make_user()
    client.login(user.email)
    caplog.set_level(logging.INFO)
    token = client.csrf_token()
    for body in (nested(DEEP), '{"title": ' + nested(DEEP) + "}", "[" * 100_000):
        response = client._request("post", f"/api/v1/processes/{process.slug}/ideas", data=body,
                                   content_type="application/json", headers={"X-CSRFToken": token})
        assert response.status_code == 400, response.data[:200]
        assert response.get_json() == {"error": {"status": 400, "message": "Die gesendeten Daten sind zu tief "
                                                                           "verschachtelt."}}
    text = _log_text(caplog)
    assert "RecursionError" not in text and "Traceback" not in text
    # The server keeps serving, and an ordinary idea still goes in.
    response = client.api("post", f"/api/v1/processes/{process.slug}/ideas",
                          json={"title": "Radweg an der Hauptstraße", "body": "Ein sicherer Radweg " * 5,
                                "sector_id": process.sectors[0].id})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["title"] == "Radweg an der Hauptstraße"
