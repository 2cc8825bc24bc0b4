"""Browser journey of moderation and the measure catalogue, in real Chromium against the live server.

Two people in two browser contexts. A resident has posted two ideas in a pre-moderated process:
one, and a near-duplicate of it. The moderator (who is also staff) publishes the first idea,
merges the duplicate into it from the list of similar ideas, turns the first idea into a new
measure of the catalogue and publishes that measure. The resident sees their idea go from
"eingereicht" to "in Maßnahme übernommen" with a link to the measure, finds that the duplicate
leads to the first idea, and has received one mail for each step.

Locators go by role and label in the German interface; each German text below is the msgstr of
the msgid named beside it in participation/translations/de/LC_MESSAGES/messages.po.
"""
import re
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, browser_second_factor

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000

FIRST_TITLE = "Trinkbrunnen am Marktplatz aufstellen"
FIRST_BODY = "Ein Trinkbrunnen am Marktplatz gibt im Sommer allen frisches Wasser, ohne Plastikflaschen."
DUPLICATE_TITLE = "Trinkwasserbrunnen auf dem Marktplatz"
DUPLICATE_BODY = "Auf dem Marktplatz sollte es einen Brunnen mit Trinkwasser geben, gerade an heißen Tagen."
TREES_TITLE = "Mehr Bäume in der Innenstadt pflanzen"
MEASURE_TITLE = "Öffentliche Trinkbrunnen in der Innenstadt"
SECTOR_NAME, SECTOR_CODE = "Klimaanpassung", "ANP"
MEASURE_CODE = f"{SECTOR_CODE}-01"
GHG_SOURCE = "Schätzung der Stadtwerke Musterstadt, 2026"


# German texts of the interface (msgid → msgstr in messages.po).
QUEUE_HEADING = "Moderationswarteschlange"  # Moderation queue
DECIDE = "Entscheiden"  # Decide (the panel of the review page)
CLAIM = "Zur Bearbeitung reservieren"  # Claim
PUBLISH = "Veröffentlichen"  # Publish
DECISION_RECORDED = "Erledigt. Die Entscheidung wurde gespeichert."  # Done. The decision is recorded.
SIMILAR_IDEAS = "Ähnliche Ideen"  # Similar ideas
MERGE_HERE = "Mit dieser Idee zusammenführen"  # Merge into this idea
MERGE_OPEN = "Mit dieser Idee zusammenführen …"  # Merge into this idea … (opens the confirmation)
ALL_FILTER = "Alle"  # All
TO_MEASURE = "Als neue Maßnahme anlegen"  # Turn into a new measure
IDEA_NUMBERS = "Nummern der Ideen (durch Kommas getrennt)"  # Numbers of the ideas (separated by commas)
MEASURE_TYPE, TECHNICAL = "Maßnahmentyp", "technisch"  # Type of measure, technical
TIME_HORIZON, SHORT_TERM = "Zeithorizont", "kurzfristig (bis 3 Jahre)"  # Time horizon, short term (up to 3 years)
GHG_SAVINGS = "Treibhausgas-Einsparung"  # Greenhouse-gas savings
VALUE, SOURCE = "Wert", "Quelle"  # Value, Source
DRAFT = "Entwurf, nicht öffentlich"  # draft, not public
WITHDRAW = "Veröffentlichung zurückziehen"  # Withdraw from the public
TAKEN_UP = "In das Klimaschutzkonzept aufgenommen"  # Taken up in the climate action plan


@pytest.fixture
def expect():
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=TIMEOUT_MS)
    return playwright_expect


def new_page(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return context, page


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base_url, email, name, expect):
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Anmelden", exact=True).click()
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser_second_factor(page, email)
    expect(page.get_by_text(f"Willkommen, {name}.")).to_be_visible()


def mails_to(mailbox, address, count, timeout=5.0):
    deadline = time.monotonic() + timeout
    while len(mailbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return mailbox.to(address)


def test_moderator_publishes_merges_and_adopts_resident_sees_status(
        browser, live_server, db, make_user, make_process, make_idea, expect):
    from participation.auth.models import ProcessRoleKind
    from participation.database import utcnow
    from participation.ideas.models import Idea, IdeaStatus

    base_url, mailbox = live_server
    process = make_process(title="Klimaschutzplan Musterstadt 2030", moderation="pre", phase="open")
    moderator = make_user("moderation@example.org", name="Moritz Moderation",
                          roles=[(process, ProcessRoleKind.MODERATOR), (process, ProcessRoleKind.STAFF)])
    resident = make_user("anwohnerin@example.org", name="Anna Anwohnerin")
    first = make_idea(process, author=resident, title=FIRST_TITLE, body=FIRST_BODY, status=IdeaStatus.SUBMITTED)
    duplicate = make_idea(process, author=resident, title=DUPLICATE_TITLE, body=DUPLICATE_BODY,
                          status=IdeaStatus.SUBMITTED)
    trees = make_idea(process, title=TREES_TITLE)
    trees.moderated_at = utcnow()  # published and reviewed earlier: not in the queue of new items
    db.session.commit()
    # Read here: Playwright runs outside the app context, and the server threads write meanwhile.
    slug, title = process.slug, process.title
    first_id, duplicate_id = first.id, duplicate.id
    moderator_email, moderator_name = moderator.email, moderator.display_name
    resident_email, resident_name = resident.email, resident.display_name
    first_path = f"/processes/{slug}/ideas/{first_id}"
    db.session.close()

    resident_context, resident_page = new_page(browser)
    moderator_context, mod = new_page(browser)
    try:
        # 1. The resident opens their first idea: it waits for moderation.
        page = resident_page
        sign_in(page, base_url, resident_email, resident_name, expect)
        page.get_by_role("link", name="Prozesse", exact=True).click()
        page.get_by_role("link", name=title, exact=True).click()
        page.get_by_role("navigation", name="Prozess").get_by_role("link", name="Ideen", exact=True).click()
        search = page.get_by_role("search", name="Ideen durchsuchen und filtern")
        search.get_by_label("Nur meine Ideen").check()
        search.get_by_role("button", name="Anzeigen").click()
        page.get_by_role("link", name=FIRST_TITLE).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_TITLE)
        expect(page.get_by_text("eingereicht", exact=True)).to_be_visible()  # the status badge
        expect(page.get_by_text("Diese Idee wartet auf die Moderation")).to_be_visible()
        assert page.url == base_url + first_path

        # 2. The moderator: from "Verwalten" to the process; then the queue (no link leads there, see below).
        sign_in(mod, base_url, moderator_email, moderator_name, expect)
        mod.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Verwalten").click()
        mod.get_by_role("link", name=title, exact=True).click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(title)
        # Neither the process page nor its navigation links to the moderation queue: open it by address.
        mod.goto(f"{base_url}/processes/{slug}/moderation")
        expect(mod.get_by_role("heading", level=1)).to_have_text(QUEUE_HEADING)
        queue = mod.get_by_role("table")
        expect(queue.get_by_role("link", name=FIRST_TITLE)).to_be_visible()
        expect(queue.get_by_role("link", name=DUPLICATE_TITLE)).to_be_visible()
        expect(queue.get_by_role("link", name=TREES_TITLE)).to_have_count(0)

        queue.get_by_role("link", name=FIRST_TITLE).click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(f"#{first_id} {FIRST_TITLE}")
        decide = mod.get_by_role("complementary", name=DECIDE)
        expect(decide.get_by_role("button", name=PUBLISH, exact=True)).to_have_count(0)  # claim first
        decide.get_by_role("button", name=CLAIM, exact=True).click()
        decide.get_by_role("button", name=PUBLISH, exact=True).click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(QUEUE_HEADING)
        expect(mod).to_have_url(re.compile(rf"/processes/{slug}/moderation(\?|$)"))
        expect(mod.get_by_text(DECISION_RECORDED, exact=True)).to_be_visible()
        expect(queue.get_by_role("link", name=DUPLICATE_TITLE)).to_be_visible()
        expect(queue.get_by_role("link", name=FIRST_TITLE)).to_have_count(0)

        # 3. The duplicate: the first idea, now published, is among the similar ideas; merge into it.
        queue.get_by_role("link", name=DUPLICATE_TITLE).click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(f"#{duplicate_id} {DUPLICATE_TITLE}")
        similar = mod.get_by_role("region", name=SIMILAR_IDEAS)
        suggestion = similar.get_by_role("listitem").filter(has=mod.get_by_role("link", name=FIRST_TITLE))
        expect(suggestion).to_have_count(1)
        expect(suggestion.get_by_text("veröffentlicht", exact=True)).to_be_visible()
        merge = suggestion.get_by_role("button", name=MERGE_HERE, exact=True)
        expect(merge).to_have_count(0)  # only after claiming
        decide.get_by_role("button", name=CLAIM, exact=True).click()
        suggestion.get_by_text(MERGE_OPEN, exact=True).click()  # a second step before an irreversible merge
        expect(merge).to_be_visible()
        screenshot(mod, "moderation-review-duplicate")
        merge.click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(QUEUE_HEADING)
        expect(mod.get_by_text(DECISION_RECORDED, exact=True)).to_be_visible()
        expect(mod.get_by_role("link", name=DUPLICATE_TITLE)).to_have_count(0)

        # 4. The published first idea (under "Alle") becomes a new measure; staff publish the measure.
        mod.get_by_role("navigation", name="Filter").get_by_role("link", name=ALL_FILTER, exact=True).click()
        mod.get_by_role("table").get_by_role("link", name=FIRST_TITLE).click()
        expect(mod.get_by_role("heading", level=1)).to_have_text(f"#{first_id} {FIRST_TITLE}")
        page_header = mod.locator("header").filter(has=mod.get_by_role("heading", level=1))
        expect(page_header.get_by_text("veröffentlicht", exact=True)).to_be_visible()
        screenshot(mod, "moderation-review-published")
        decide.get_by_role("link", name=TO_MEASURE, exact=True).click()

        expect(mod).to_have_url(re.compile(rf"/processes/{slug}/measures/new\?ideas={first_id}$"))
        expect(mod.get_by_label(IDEA_NUMBERS, exact=True)).to_have_value(str(first_id))
        mod.get_by_label("Titel", exact=True).fill(MEASURE_TITLE)
        mod.get_by_label("Handlungsfeld", exact=True).select_option(label=SECTOR_NAME)
        mod.get_by_label(MEASURE_TYPE, exact=True).select_option(label=TECHNICAL)
        mod.get_by_label(TIME_HORIZON, exact=True).select_option(label=SHORT_TERM)
        ghg = mod.get_by_role("group", name=GHG_SAVINGS, exact=True)
        ghg.get_by_label(VALUE, exact=True).fill("12,5")
        ghg.get_by_label(SOURCE, exact=True).fill(GHG_SOURCE)
        screenshot(mod, "measure-form")
        mod.get_by_role("button", name="Speichern", exact=True).click()

        expect(mod.get_by_role("heading", level=1)).to_have_text(MEASURE_TITLE)
        expect(mod).to_have_url(re.compile(rf"/processes/{slug}/measures/{MEASURE_CODE}$"))
        expect(mod.get_by_text(f"{MEASURE_CODE} · {SECTOR_NAME}", exact=True)).to_be_visible()
        expect(mod.get_by_text(DRAFT, exact=True)).to_be_visible()
        ghg_row = mod.get_by_role("row").filter(has=mod.get_by_role("rowheader", name=GHG_SAVINGS, exact=True))
        expect(ghg_row).to_contain_text("12,5 t CO₂e/a")
        expect(ghg_row).to_contain_text(GHG_SOURCE)
        expect(mod.get_by_role("link", name=FIRST_TITLE)).to_be_visible()  # the idea it came from
        mod.get_by_role("button", name=PUBLISH, exact=True).click()
        expect(mod.get_by_role("button", name=WITHDRAW, exact=True)).to_be_visible()
        expect(mod.get_by_text(DRAFT, exact=True)).to_have_count(0)
        screenshot(mod, "measure-published")

        # 5. The resident reloads their idea: taken up into the measure, which it links to.
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_TITLE)
        expect(page.get_by_text("in Maßnahme übernommen", exact=True)).to_be_visible()
        expect(page.get_by_text("Diese Idee wartet auf die Moderation")).to_have_count(0)
        measure_link = page.get_by_role("region", name=TAKEN_UP, exact=True).get_by_role(
            "link", name=re.compile(rf"^{MEASURE_CODE}\b"))
        expect(measure_link).to_have_text(f"{MEASURE_CODE} {MEASURE_TITLE}")
        screenshot(page, "resident-idea-adopted")
        # The duplicate's address leads to the first idea.
        page.goto(f"{base_url}/processes/{slug}/ideas/{duplicate_id}")
        expect(page).to_have_url(base_url + first_path)
        expect(page.get_by_text("Diese Idee wurde mit einer ähnlichen Idee zusammengeführt")).to_be_visible()
        page.get_by_role("link", name=re.compile(rf"^{MEASURE_CODE}\b")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(MEASURE_TITLE)

        # The resident got three mails: published, merged, adopted (told apart by content, not subject).
        mails = mails_to(mailbox, resident_email, 3)
        texts = [mailbox.text(m) for m in mails]
        assert len(mails) == 3, [m["Subject"] for m in mails]
        published = [t for t in texts if DUPLICATE_TITLE not in t and "/measures/" not in t]
        merged = [t for t in texts if DUPLICATE_TITLE in t]
        adopted = [t for t in texts if f"/measures/{MEASURE_CODE}" in t]
        assert len(published) == len(merged) == len(adopted) == 1, [m["Subject"] for m in mails]
        assert FIRST_TITLE in published[0] and f"{base_url}{first_path}" in published[0]
        assert FIRST_TITLE in merged[0] and f"{base_url}{first_path}" in merged[0]
        assert MEASURE_CODE in adopted[0] and f"{base_url}{first_path}" in adopted[0]
        assert mailbox.to(moderator_email) == []
    finally:
        resident_context.close()
        moderator_context.close()

    db.session.expire_all()
    statuses = dict(db.session.execute(
        sa.select(Idea.id, Idea.status).where(Idea.id.in_([first_id, duplicate_id]))).all())
    assert statuses == {first_id: IdeaStatus.ADOPTED, duplicate_id: IdeaStatus.MERGED}
