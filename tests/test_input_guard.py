"""A NUL character (which PostgreSQL text cannot hold) is refused where it enters: a form, a JSON
body, a socket packet. The person gets a clear message and nothing is stored, on both databases."""
import json

import pytest

from participation.ideas.models import Comment, Idea
from participation.input_guard import contains_nul
from participation.safejson import MALFORMED, SocketJSON


@pytest.fixture
def resident(client, make_user):
    user = make_user("nul@example.org", name="Nora N.")
    client.login("nul@example.org")
    return user


def test_contains_nul_looks_into_nested_values_and_keys():
    assert contains_nul("a\x00b") and contains_nul({"x": ["ok", {"y": "\x00"}]}) and contains_nul({"\x00": 1})
    assert not contains_nul({"x": ["ok", 1, None, {"y": "ü"}]})
    deep = current = []
    for _ in range(100_000):  # iterative: hostile nesting cannot exhaust the stack
        current.append([])
        current = current[0]
    current.append("\x00")
    assert contains_nul(deep)


def test_a_comment_with_a_nul_is_refused_with_a_message_and_nothing_is_stored(client, db, make_process,
                                                                              make_idea, resident):
    process = make_process(moderation="post")
    idea = make_idea(process)
    url = f"/processes/{process.slug}/ideas/{idea.id}"
    response = client.post(f"{url}/comments", {"body": "Gute Idee\x00 wirklich"}, form_url=url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nullzeichen" in html and "Traceback" not in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 0
    # The same comment without it is taken.
    client.post(f"{url}/comments", {"body": "Gute Idee, wirklich"}, form_url=url)
    assert [c.body for c in db.session.scalars(db.select(Comment))] == ["Gute Idee, wirklich"]


def test_an_api_idea_with_a_nul_gets_a_json_error_and_nothing_is_stored(client, db, make_process, resident):
    process = make_process()
    before = db.session.scalar(db.select(db.func.count()).select_from(Idea))
    response = client.api("POST", f"/api/v1/processes/{process.slug}/ideas",
                          json={"title": "Solar\u0000 auf Schulen", "body": "Auf jedes Schuldach eine Anlage.",
                                "sector_id": process.sectors[0].id})
    assert response.status_code == 422
    assert "Nullzeichen" in response.get_json()["error"]["message"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == before


def test_a_socket_event_with_a_nul_is_read_as_malformed():
    packet = json.dumps(["submit_idea", {"title": "Solar\u0000", "table_id": 1}])
    assert SocketJSON.loads(packet) == ["submit_idea", MALFORMED]
    assert SocketJSON.loads(json.dumps(["join_table", {"table_id": 1}])) == ["join_table", {"table_id": 1}]
