"""Browser journey of a bar from one process, in real Chromium against the live server.

A moderator of process A opens a resident's idea in the review page, bars the author from A
with a reason (the red button needs the confirmation ticked first), and finds the person in
the list of barred accounts. The resident sees the reason on A's pages, no controls to take
part there, and takes part in process B as before. The moderator lifts the bar; the resident
can comment in A again. Every page of the journey is looked at 360 px and 1280 px wide and
must not scroll sideways.

German texts are the msgstr of the msgid named beside them in messages.po.
"""
import os
from pathlib import Path

from participation.auth.models import ProcessRoleKind
from tests.browser.test_moderation_journey import expect, new_page  # noqa: F401  (a fixture, a helper)
from tests.conftest import PASSWORD, browser_second_factor

ARTIFACTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(__file__).resolve().parents[2] / "test-artifacts")
REASON = "Wiederholt beleidigende Kommentare trotz Hinweis der Moderation."

BAR_OPEN = "Für diesen Prozess sperren …"  # Bar from this process …
BAR = "Für diesen Prozess sperren"  # Bar from this process
CONFIRM = "Ja, dieses Konto für diesen Prozess sperren."  # Yes, bar this account from this process.
CONFIRM_MISSING = "Bitte bestätigen Sie die Sperre."  # Please confirm the bar.
BARRED_TAB = "Gesperrte Konten"  # Barred accounts
LIFT_ROSA = "Sperre aufheben (Rosa Resident)"  # Lift the bar, with the name for screen readers
NOTICE = "Sie sind für diesen Prozess gesperrt."  # You are barred from taking part in this process.


def sign_in(page, base_url, email):
    page.goto(base_url + "/account/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser_second_factor(page, email)
    page.wait_for_load_state()


def look(page, name):
    """Screenshots at 1280 and 360 px; the page must not scroll sideways on a phone."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"blocks-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=str(ARTIFACTS / f"blocks-{name}-360.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name} scrolls sideways at 360 px by {overflow} px"


def test_a_moderator_bars_a_resident_from_one_process_and_lifts_it(
        browser, live_server, expect, make_process, make_user, make_idea):  # noqa: F811
    base_url, _mailbox = live_server
    a = make_process(title="Klimaschutz Altstadt", moderation="post")
    b = make_process(title="Klimaschutz Bergdorf", moderation="post")
    make_user("mod-a@example.org", name="Moritz A", roles=[(a, ProcessRoleKind.MODERATOR)])
    resident = make_user("rosa@example.org", name="Rosa Resident")
    idea = make_idea(a, author=resident, title="Wärmepumpen für die ganze Altstadt")
    other = make_idea(a, title="Mehr Bäume am Markt pflanzen")
    in_b = make_idea(b, title="Ein Bürgerbus für das Bergdorf")

    mod_context, mod = new_page(browser)
    res_context, res = new_page(browser)
    try:
        sign_in(mod, base_url, "mod-a@example.org")
        mod.goto(f"{base_url}/processes/{a.slug}/moderation/ideas/{idea.id}")
        mod.get_by_text(BAR_OPEN).click()
        mod.get_by_label("Begründung (wird der Person angezeigt)").fill(REASON)
        button = mod.get_by_role("button", name=BAR, exact=True)
        assert "button-danger" in button.get_attribute("class")
        look(mod, "review-bar-form")
        mod.evaluate("document.querySelectorAll('form[novalidate]').forEach(f => f.noValidate = true)")
        button.click()  # not confirmed: refused
        expect(mod.get_by_text(CONFIRM_MISSING)).to_be_visible()
        mod.get_by_text(BAR_OPEN).click()
        mod.get_by_label("Begründung (wird der Person angezeigt)").fill(REASON)
        mod.get_by_label(CONFIRM).check()
        mod.get_by_role("button", name=BAR, exact=True).click()
        expect(mod.get_by_text("Rosa Resident ist für diesen Prozess gesperrt.")).to_be_visible()
        look(mod, "review-barred")
        mod.get_by_role("link", name=BARRED_TAB).click()
        expect(mod.locator(".account-list")).to_contain_text(REASON)
        look(mod, "barred-list")

        sign_in(res, base_url, "rosa@example.org")
        for name, url in (("process", f"/processes/{a.slug}/"), ("idea", f"/processes/{a.slug}/ideas/{other.id}"),
                          ("form", f"/processes/{a.slug}/ideas/new")):
            res.goto(base_url + url)
            expect(res.get_by_text(NOTICE)).to_be_visible()
            expect(res.locator("#barred-notice")).to_contain_text(REASON)
            look(res, f"resident-{name}")
        res.goto(f"{base_url}/processes/{a.slug}/ideas/{other.id}")
        expect(res.locator("#comment-form")).to_have_count(0)
        expect(res.get_by_role("button", name="Unterstützen")).to_have_count(0)
        res.goto(f"{base_url}/processes/{b.slug}/ideas/{in_b.id}")
        expect(res.locator("#barred-notice")).to_have_count(0)
        res.get_by_label("Ihr Kommentar").fill("Eine sehr gute Idee für das Bergdorf.")
        res.get_by_role("button", name="Kommentar senden").click()
        expect(res.get_by_text("Ihr Kommentar ist veröffentlicht.")).to_be_visible()
        look(res, "resident-other-process")

        mod.get_by_role("button", name=LIFT_ROSA).click()
        expect(mod.get_by_text("Rosa Resident kann sich wieder an diesem Prozess beteiligen.")).to_be_visible()
        res.goto(f"{base_url}/processes/{a.slug}/ideas/{other.id}")
        expect(res.locator("#barred-notice")).to_have_count(0)
        expect(res.locator("#comment-form")).to_have_count(1)
    finally:
        mod_context.close()
        res_context.close()


def test_an_admin_blocks_an_account_everywhere_from_the_account_page(
        browser, live_server, expect, make_user):  # noqa: F811
    base_url, _mailbox = live_server
    make_user("admin@example.org", name="Ada Admin", admin=True)
    make_user("rosa.resident-mit-langer-adresse@beispiel-gemeinde.example.org", name="Rosa Resident")
    context, page = new_page(browser)
    try:
        sign_in(page, base_url, "admin@example.org")
        page.goto(f"{base_url}/processes/manage")
        page.get_by_role("link", name="Konten", exact=True).click()  # Accounts
        page.get_by_label("E-Mail-Adresse oder Name").fill("rosa")  # E-mail address or name
        page.get_by_role("button", name="Suchen").click()  # Find
        page.get_by_text("Überall sperren …").click()  # Block everywhere …
        page.get_by_label("Begründung der Sperre").fill(REASON)  # Reason for blocking
        page.get_by_label("Ja, dieses Konto überall sperren. Es kann sich dann nicht mehr anmelden.").check()
        button = page.get_by_role("button", name="Konto überall sperren")  # Block account everywhere
        assert "button-danger" in button.get_attribute("class")
        look(page, "admin-block-form")
        button.click()
        expect(page.get_by_text("Das Konto von Rosa Resident ist jetzt überall gesperrt.")).to_be_visible()
        look(page, "admin-blocked")
    finally:
        context.close()
