"""Browser journey of a live conference, in real Chromium against the live server.

Two people in two browser contexts: a moderator signed in on the moderator console, and a
participant who came in through their personal join link. The moderator opens a voting round for
the participant's table; the participant's page shows the ballot without a reload, the participant
votes, and the moderator's console and the table's projector view show the changed tally without
a reload. An announcement to
everyone reaches the participant; after a reload the participant's page shows the vote as counted
(the snapshot on joining). A second participant at the table sits behind a network that blocks
WebSocket: their page falls back to long-polling and still sees the round and the tally live.

German texts of the interface, each the msgstr of the msgid named beside it in messages.po.
"""
from pathlib import Path

from participation.auth.models import ProcessRoleKind
from tests.browser.test_moderation_journey import expect, new_page, screenshot  # noqa: F401 (shared helpers)
from tests.conference.live_helpers import build_conference
from tests.conftest import PASSWORD, browser_second_factor

TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

CONNECTED = "Verbunden"  # Connected
TITLE = "Titel"  # Title
OPEN_ROUND = "Runde öffnen"  # Open round
CAST_VOTE = "Stimme abgeben"  # Cast vote
VOTE_COUNTED = "Ihre Stimme ist gezählt."  # Your vote is counted.
SEND_ANNOUNCEMENT = "Durchsage senden"  # Send announcement
ANNOUNCEMENT_SENT = "Die Durchsage wurde verschickt."  # The announcement has been sent.
ROUND_TITLE = "Welcher Vorschlag zuerst?"
ANNOUNCEMENT = "In zehn Minuten treffen wir uns im Plenum."


def test_moderator_opens_round_participant_votes_console_tally_changes(
        browser, live_server, db, make_user, make_process, expect):  # noqa: F811 (expect: a fixture)
    base_url, _ = live_server
    process = make_process(title="Klimaschutzplan Musterstadt 2030")
    moderator = make_user("moderation@example.org", name="Moritz Moderation",
                          roles=[(process, ProcessRoleKind.MODERATOR)])
    setup = build_conference(db, process, tables=2, per_table=2)
    table = setup.tables[0]
    token = setup.tokens[setup.participants[table][0]]
    blocked_token = setup.tokens[setup.participants[table][1]]
    chosen_item = setup.items[table][1]
    errors = []

    moderator_context, console = new_page(browser)
    participant_context, live = new_page(browser)
    blocked_context, blocked = new_page(browser)
    websocket_attempts = []

    def refuse_websocket(ws):  # a proxy that lets no WebSocket through
        websocket_attempts.append(ws.url)
        ws.close()

    blocked.route_web_socket("**/socket.io/**", refuse_websocket)
    for page in (console, live, blocked):
        page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        console.goto(base_url + "/account/login")
        console.get_by_label("E-Mail-Adresse").fill(moderator.email)
        console.get_by_label("Passwort", exact=True).fill(PASSWORD)
        console.get_by_role("button", name="Anmelden").click()
        browser_second_factor(console, moderator.email)
        expect(console.get_by_text(f"Willkommen, {moderator.display_name}.")).to_be_visible()
        console.goto(f"{base_url}/processes/{setup.process_slug}/conferences/{setup.conference_id}/console")
        expect(console.locator("[data-live-status]")).to_have_text(CONNECTED)
        card = console.locator(f'[data-table="{table}"]')
        expect(card).to_be_visible()

        live.goto(f"{base_url}/k/{token}/live")
        expect(live.locator("[data-live-status]")).to_have_text(CONNECTED)
        panel = live.locator(f'[data-panel][data-table-id="{table}"]')
        expect(panel).to_have_attribute("data-round-state", "none")
        blocked.goto(f"{base_url}/k/{blocked_token}/live")
        # WebSocket first; when it does not come up within the connect timeout (5 s), long-polling.
        expect(blocked.locator("[data-live-status]")).to_have_text(CONNECTED, timeout=20_000)
        blocked_panel = blocked.locator(f'[data-panel][data-table-id="{table}"]')
        expect(blocked_panel).to_have_attribute("data-round-state", "none")
        assert websocket_attempts, "the page did not try WebSocket first"
        assert blocked.evaluate("window.conferenceSocket.io.engine.transport.name") == "polling"

        # The moderator opens a single-choice round for the participant's table.
        form = console.locator("form[data-open-all]")
        form.get_by_label(TITLE).fill(ROUND_TITLE)
        form.locator("select[name=method]").select_option("single")
        form.locator("select[name=target]").select_option(str(table))
        form.get_by_role("button", name=OPEN_ROUND).click()
        expect(card).to_have_attribute("data-round-state", "open")

        # The participant's page shows the round without a reload; they vote.
        expect(panel.get_by_role("heading", name=ROUND_TITLE)).to_be_visible()
        panel.get_by_label("Vorschlag 1.2").check()
        panel.get_by_role("button", name=CAST_VOTE).click()
        expect(panel.get_by_text(VOTE_COUNTED)).to_be_visible()

        # The moderator's console shows the new tally without a reload.
        expect(card.locator(f'.tally-row[data-item-id="{chosen_item}"]')).to_have_attribute("data-value", "1")
        expect(card.locator("[data-ballots]")).to_have_attribute("data-ballots", "1")
        # … and so does the page behind the WebSocket-blocking network, through long-polling.
        expect(blocked_panel.get_by_role("heading", name=ROUND_TITLE)).to_be_visible()
        expect(blocked_panel.locator(f'.tally-row[data-item-id="{chosen_item}"]')).to_have_attribute(
            "data-value", "1")

        # The projector view of the table shows the round and the bars (the results are live).
        projector = moderator_context.new_page()
        projector.on("pageerror", lambda error: errors.append(str(error)))
        projector.goto(f"{base_url}/processes/{setup.process_slug}/conferences/{setup.conference_id}"
                       f"/tables/{table}/projector")
        expect(projector.get_by_role("heading", name=ROUND_TITLE)).to_be_visible()
        expect(projector.locator(f'.tally-row[data-item-id="{chosen_item}"]')).to_have_attribute("data-value", "1")
        width = projector.locator(f'.tally-row[data-item-id="{chosen_item}"] .tally-bar-fill').evaluate(
            "node => node.style.width")
        assert width == "100%"  # the only vote: the longest bar
        screenshot(console, "conference-console")
        screenshot(live, "conference-live")
        screenshot(projector, "conference-projector")

        # An announcement to everyone reaches the participant.
        announce = console.locator("form[data-announce]")
        announce.locator("textarea[name=text]").fill(ANNOUNCEMENT)
        announce.get_by_role("button", name=SEND_ANNOUNCEMENT).click()
        expect(console.locator("[data-console-feedback]")).to_have_text(ANNOUNCEMENT_SENT)
        expect(live.get_by_text(ANNOUNCEMENT)).to_be_visible()

        # A reload rejoins: the snapshot shows the counted vote and the live tally.
        live.reload()
        expect(live.locator("[data-live-status]")).to_have_text(CONNECTED)
        expect(panel.get_by_text(VOTE_COUNTED)).to_be_visible()
        expect(panel.locator(f'.tally-row[data-item-id="{chosen_item}"]')).to_have_attribute("data-value", "1")
        assert errors == []
    finally:
        moderator_context.close()
        participant_context.close()
        blocked_context.close()
