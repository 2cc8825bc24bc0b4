"""Browser journeys in real Chromium, driven by Playwright against the live server.

A person registers, follows the link in the confirmation mail, signs in, posts an idea,
supports somebody else's idea and finds their own idea by search: all through the German
interface, with locators by role and label as a screen-reader user would find things.
"""
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000

OTHER_TITLE = "Trinkbrunnen am Marktplatz aufstellen"
OWN_TITLE = "Sichere Radwege zur Gesamtschule bauen"
OWN_BODY = ("Eine geschützte Fahrradstraße entlang der Lindenallee verbindet die Wohngebiete "
            "mit der Gesamtschule, damit Kinder sicher mit dem Rad fahren können.")
SEARCH_WORD = "Lindenallee"  # only in the body of the posted idea, not in any title


@pytest.fixture
def expect():
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=TIMEOUT_MS)
    return playwright_expect


def new_page(browser, **context_options):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return context, page


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_process_ideas(page, process):
    """From the start page, through the process page, to its list of ideas."""
    page.get_by_role("link", name="Prozesse", exact=True).click()
    page.get_by_role("link", name=process.title, exact=True).click()
    page.get_by_role("navigation", name="Prozess").get_by_role("link", name="Ideen", exact=True).click()
    page.get_by_role("heading", level=1, name="Ideen").wait_for()


def support_count_in_db(db, idea_id):
    from participation.ideas.models import Idea, Support

    db.session.expire_all()
    stored = db.session.get(Idea, idea_id).support_count
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(Support).where(Support.idea_id == idea_id))
    return stored, rows


def test_register_confirm_post_support_and_search(browser, live_server, db, make_process, make_idea, expect):
    base_url, mailbox = live_server
    process = make_process(title="Klimaschutzplan Musterstadt 2030", moderation="post", phase="open")
    other = make_idea(process, title=OTHER_TITLE,
                      body="Frisches Wasser für alle, die im Sommer über den Markt gehen.")
    other_id = other.id  # read here: Playwright's callbacks run outside the app context
    name, email = "Kim Beispiel", "kim.beispiel@example.org"

    context, page = new_page(browser)
    try:
        # 1. From the start page to the process and its ideas; there, register.
        page.goto(base_url + "/")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        page.get_by_role("link", name=process.title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(process.title)
        page.get_by_role("navigation", name="Prozess").get_by_role("link", name="Ideen", exact=True).click()
        expect(page.get_by_role("link", name=OTHER_TITLE)).to_be_visible()

        page.get_by_role("link", name="Registrieren", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Registrieren")
        page.get_by_label("Name, der bei Ihren Beiträgen angezeigt wird").fill(name)
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_label("Passwort wiederholen").fill(PASSWORD)
        page.get_by_label("Ich bin einverstanden, dass mein Name").check()
        page.get_by_role("button", name="Konto erstellen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bitte prüfen Sie Ihr Postfach")
        expect(page.get_by_text(f"Wir haben eine Nachricht an {email} gesendet.")).to_be_visible()

        # 2. The link in the mail confirms the address and leads to the sign-in form.
        link = mailbox.link(mailbox.last_to(email), "/account/verify/")
        assert link.startswith(base_url), link
        page.goto(link)
        expect(page).to_have_url(re.compile(r"/account/login"))
        expect(page.get_by_text("Vielen Dank, Ihre E-Mail-Adresse ist bestätigt.")).to_be_visible()
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_text(f"Willkommen, {name}.")).to_be_visible()
        header_nav = page.get_by_role("navigation", name="Hauptnavigation")
        expect(header_nav.get_by_role("link", name=name)).to_be_visible()
        expect(header_nav.get_by_role("button", name="Abmelden")).to_be_visible()
        expect(page.get_by_role("link", name="Registrieren", exact=True)).to_have_count(0)

        # 3. Post an idea; the process publishes at once.
        open_process_ideas(page, process)
        page.get_by_role("link", name="Idee einreichen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Idee einreichen")
        page.get_by_label("Titel").fill(OWN_TITLE)
        page.get_by_label("Ihre Idee").fill(OWN_BODY)
        page.get_by_label("Handlungsfeld").select_option(label="Mobilität")
        page.get_by_label("Stadtteil (optional)").select_option(label="Zentrum")
        page.get_by_role("button", name="Idee absenden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(OWN_TITLE)
        expect(page.get_by_text("Vielen Dank! Ihre Idee ist veröffentlicht.")).to_be_visible()
        expect(page.get_by_text("veröffentlicht", exact=True)).to_be_visible()  # the status badge
        expect(page.get_by_text("Lindenallee verbindet")).to_be_visible()
        # One's own idea offers no support button.
        expect(page.get_by_role("button", name="Unterstützen")).to_have_count(0)

        # 4. Through the list to the other idea; support it without reloading the page.
        page.get_by_role("navigation", name="Sie sind hier").get_by_role("link", name="Ideen", exact=True).click()
        page.get_by_role("link", name=OTHER_TITLE).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(OTHER_TITLE)
        expect(page.get_by_text("0 Unterstützungen", exact=True)).to_be_visible()

        api_url = f"{base_url}/api/v1/ideas/{other_id}/support"
        url_before = page.url
        navigations = []
        page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
        page.evaluate("window.__sameDocument = true")
        with page.expect_response(lambda r: r.url == api_url and r.request.method == "POST") as response_info:
            page.get_by_role("button", name="Unterstützen", exact=True).click()
        assert response_info.value.status == 200
        expect(page.get_by_text("1 Unterstützung", exact=True)).to_be_visible()
        withdraw = page.get_by_role("button", name="Unterstützung zurückziehen")
        expect(withdraw).to_be_visible()
        expect(withdraw).to_have_attribute("aria-pressed", "true")
        assert page.url == url_before
        assert navigations == []
        assert page.evaluate("window.__sameDocument") is True, "the page was reloaded"
        assert support_count_in_db(db, other_id) == (1, 1)

        # 5. Search the list by a word from the text (not the title) of the own idea.
        page.get_by_role("navigation", name="Sie sind hier").get_by_role("link", name="Ideen", exact=True).click()
        search = page.get_by_role("search", name="Ideen durchsuchen und filtern")
        search.get_by_label("Suche").fill(SEARCH_WORD)
        search.get_by_role("button", name="Anzeigen").click()
        expect(page).to_have_url(re.compile(rf"[?&]q={SEARCH_WORD}"))
        expect(page.get_by_text(f"1 Idee für „{SEARCH_WORD}“")).to_be_visible()
        expect(page.get_by_role("link", name=OWN_TITLE)).to_be_visible()
        expect(page.get_by_role("link", name=OTHER_TITLE)).to_have_count(0)
        expect(search.get_by_label("Suche")).to_have_value(SEARCH_WORD)

        screenshot(page, "journey-search")
    finally:
        context.close()


def test_support_works_without_javascript(browser, live_server, db, make_user, make_process, make_idea, expect):
    base_url, _ = live_server
    process = make_process(moderation="post")
    other_id = make_idea(process, title=OTHER_TITLE).id
    user = make_user(name="Alex Ohne-Skript")
    slug, email, display_name = process.slug, user.email, user.display_name

    context, page = new_page(browser, java_script_enabled=False)
    try:
        page.goto(base_url + "/account/login")
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=display_name)).to_be_visible()

        page.goto(f"{base_url}/processes/{slug}/ideas")
        page.get_by_role("link", name=OTHER_TITLE).click()
        expect(page.get_by_text("0 Unterstützungen", exact=True)).to_be_visible()
        idea_url = page.url
        with page.expect_navigation():
            page.get_by_role("button", name="Unterstützen", exact=True).click()

        assert page.url == idea_url  # the form posted and was redirected back
        expect(page.get_by_text("Vielen Dank für Ihre Unterstützung.")).to_be_visible()
        expect(page.get_by_text("1 Unterstützung", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Unterstützung zurückziehen")).to_be_visible()
        assert support_count_in_db(db, other_id) == (1, 1)

        screenshot(page, "support-without-javascript")
    finally:
        context.close()
