"""Two-factor authentication in Chromium: a new staff member is sent to the enrolment at the first sign-in,
scans (here: reads) the key, keeps the recovery codes, and signs in with a code the next time; on a phone
none of these pages scrolls sideways."""
import pyotp

from tests.browser.test_moderation_journey import expect, new_page, screenshot  # noqa: F401 (shared helpers)
from tests.conftest import PASSWORD, totp_code


def no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_new_staff_enrol_at_first_sign_in_and_then_sign_in_with_a_code(browser, live_server, make_user, make_process,
                                                                        expect, app):  # noqa: F811
    from participation.auth.models import ProcessRoleKind

    base_url, _mailbox = live_server
    process = make_process(title="Klimaschutzplan Musterstadt 2030")
    make_user("verwaltung@example.org", name="Vera Verwaltung", roles=[(process, ProcessRoleKind.STAFF)],
              two_factor=False)
    slug = process.slug
    context, page = new_page(browser)
    page.set_viewport_size({"width": 360, "height": 800})
    try:
        page.goto(base_url + "/account/login")
        page.get_by_label("E-Mail-Adresse").fill("verwaltung@example.org")
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("heading", name="Zwei-Faktor-Anmeldung einrichten")).to_be_visible()
        expect(page.get_by_role("img", name="QR-Code für Ihre Authenticator-App")).to_be_visible()
        no_sideways_scrolling(page)
        screenshot(page, "two-factor-enrolment-360")
        # Nothing staff-like before the enrolment: the team page leads back here.
        page.goto(f"{base_url}/processes/{slug}/team")
        expect(page.get_by_role("heading", name="Zwei-Faktor-Anmeldung einrichten")).to_be_visible()

        secret = page.locator("[data-secret]").inner_text().replace(" ", "")
        page.get_by_label("Code", exact=True).fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Einrichten").click()
        expect(page.get_by_text("Die Zwei-Faktor-Anmeldung ist eingerichtet.")).to_be_visible()
        assert page.locator("[data-recovery-codes] li").count() == 10
        no_sideways_scrolling(page)
        screenshot(page, "two-factor-recovery-codes-360")
        page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
        page.goto(f"{base_url}/processes/{slug}/team")
        expect(page.get_by_role("heading", name="Team", exact=True)).to_be_visible()

        page.get_by_role("button", name="Abmelden").first.click()
        page.goto(base_url + "/account/login")
        page.get_by_label("E-Mail-Adresse").fill("verwaltung@example.org")
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("heading", name="Zwei-Faktor-Anmeldung", exact=True)).to_be_visible()
        no_sideways_scrolling(page)
        page.get_by_label("Code aus Ihrer Authenticator-App").fill(totp_code(app, "verwaltung@example.org"))
        page.get_by_role("button", name="Bestätigen").click()
        expect(page.get_by_text("Willkommen, Vera Verwaltung.")).to_be_visible()
    finally:
        context.close()
