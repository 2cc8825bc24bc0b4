"""A participant's live page in Chromium, closed because their join link was opened once too often:
it says why in German, stops reconnecting, and works again after a reload (which closes the oldest
of the other sockets instead)."""
import threading
import time

from participation.auth.models import ProcessRoleKind
from tests.browser.test_moderation_journey import expect, new_page  # noqa: F401 (shared helpers)
from tests.conference.live_helpers import build_conference, wait_for

CONNECTED = "Verbunden"  # Connected
SUPERSEDED = "Auf einem anderen Gerät geöffnet"  # Opened on another device


def _socket(base_url, token):
    import socketio as python_socketio

    client = python_socketio.Client(reconnection=False)
    client.connect(base_url, auth={"token": token}, transports=["websocket"], wait_timeout=10)
    time.sleep(0.05)
    return client


def test_a_superseded_live_page_says_why_and_stays_quiet_until_reloaded(
        browser, live_server, db, make_user, make_process, expect):  # noqa: F811 (expect: a fixture)
    base_url, _ = live_server
    process = make_process()
    make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    setup = build_conference(db, process, tables=1, per_table=2)
    token = setup.tokens[setup.participants[setup.tables[0]][0]]
    errors = []
    context, page = new_page(browser)
    page.set_viewport_size({"width": 360, "height": 780})
    page.on("pageerror", lambda error: errors.append(str(error)))
    others = []
    try:
        page.goto(f"{base_url}/k/{token}/live")
        expect(page.locator("[data-live-status]")).to_have_text(CONNECTED)
        others += [_socket(base_url, token) for _ in range(3)]  # a laptop, a tablet, another tab
        expect(page.locator("[data-live-status]")).to_have_text(SUPERSEDED)
        box = page.locator("[data-live-error]")
        expect(box).to_be_visible()
        expect(box).to_contain_text("auf einem anderen Gerät oder in einem anderen Fenster geöffnet")
        expect(box).to_contain_text("Laden Sie die Seite neu")
        time.sleep(3)  # the page does not fight back: no reconnect that would close another device
        assert page.evaluate("window.conferenceSocket.connected") is False
        assert all(client.connected for client in others)
        page.screenshot(path="/tmp/gaps-superseded-360.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path="/tmp/gaps-superseded-1280.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        page.reload()  # back to this device: now the oldest of the others is closed
        expect(page.locator("[data-live-status]")).to_have_text(CONNECTED)
        expect(page.locator("[data-live-error]")).to_be_hidden()
        wait_for(lambda: not others[0].connected, message="the oldest other socket closed")
        assert others[1].connected and others[2].connected
        assert not errors, errors
    finally:
        closing = [threading.Thread(target=c.disconnect) for c in others if c.connected]
        for thread in closing:
            thread.start()
        for thread in closing:
            thread.join(timeout=10)
        context.close()
