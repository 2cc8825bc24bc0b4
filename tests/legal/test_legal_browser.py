"""The legal pages in Chromium at 360 and 1280 px: nothing scrolls sideways, the footer links them, the
admin's preview shows the page before it is saved. Screenshots go to $LEGAL_SCREENSHOTS when set."""
import os

import pytest

from tests.conftest import PASSWORD, browser_second_factor

pytestmark = pytest.mark.browser


def _shot(page, name):
    folder = os.environ.get("LEGAL_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"legal-{name}.png"), full_page=True)


def test_legal_pages_fit_phones_and_the_preview_shows_the_entries(browser, live_server, make_user, make_process, db):
    base_url, _ = live_server
    process = make_process(slug="klima")
    process.contact_person = "Frau Dr. Beispiel, Amt für Klimaschutz\nTelefon 03641 49-0\nklima@jena.de"
    db.session.commit()
    admin = make_user("admin@example.org", admin=True)
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="de-DE")
        page = context.new_page()
        for path, name in (("/impressum", "imprint"), ("/datenschutz", "privacy"), ("/barrierefreiheit", "accessibility"),
                           ("/processes/klima/", "process")):
            page.goto(base_url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
            _shot(page, f"{name}-{width}")
        page.goto(base_url + "/")
        page.click("footer >> text=Barrierefreiheit")
        assert page.url.endswith("/barrierefreiheit")
        page.fill("#message", "x")
        page.click("text=Nachricht senden")
        assert page.locator(".field-error").count() >= 1
        _shot(page, f"feedback-error-{width}")
        page.goto(base_url + "/account/login")
        page.fill("#email", admin.email)
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        browser_second_factor(page, admin.email)
        page.goto(base_url + "/admin/legal/imprint")
        page.fill("#operator", f"Stadt Jena {width}")
        page.click("button[name=preview]")
        assert page.locator(".legal-preview").inner_text().count(f"Stadt Jena {width}") == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"edit-preview-{width}")
        context.close()
