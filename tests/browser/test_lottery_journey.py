"""Browser journey of the citizen lottery, in real Chromium against the live server.

A staff member imports a register extract (upload, preview, confirm), prepares a draw and enters the
seed drawn in public, makes the letters and downloads the PDF. A resident who got a letter answers
with the code from it. Once enough people have accepted, the staff member checks the quotas, starts
the selection, draws the panel number and sees the chart of quotas, pool and panel.

Locators go by role and label in the German interface; each German text below is the msgstr of the
msgid named beside it in participation/translations/de/LC_MESSAGES/messages.po.
"""
import random
from datetime import date, timedelta

import sqlalchemy as sa

from tests.browser.test_moderation_journey import expect, new_page, screenshot, sign_in  # noqa: F401

UPLOAD = "Hochladen und Vorschau"  # Upload and preview
NO_PROBLEMS = "Keine Fehler gefunden"  # No problems found: ...
IMPORT_ALL = "Alle 400 Personen importieren"  # Import all %(n)s people
LETTERS = "Anzahl der Briefe"  # Number of letters
DEADLINE = "Antworten bis (Datum)"  # Answers until (date)
PUBLISH = "Parameter festlegen und veröffentlichen"  # Fix and publish the parameters
SEED, SEED_SOURCE = "Startwert (Seed)", "Herkunft des Startwerts"  # Seed, Where the seed comes from
DRAW_NOW = "Jetzt ziehen"  # Draw now
MAKE_LETTERS = "Briefe für die Druckerei erstellen (PDF)"  # Make the letters for the print shop (PDF)
CODE = "Ihr Antwortcode"  # Your response code
CONTINUE = "Weiter"  # Continue
YES = "Ja, ich möchte teilnehmen."  # Yes, I would like to take part.
SEND = "Antwort absenden"  # Send the answer
THANKS = "Vielen Dank für Ihre Antwort"  # Thank you for your answer
PANEL_SIZE = "Größe des Gremiums"  # Panel size
START = "Prüfen und Auswahl starten"  # Check and start the selection
DRAWN_NUMBER, HOW = "Gezogene Nummer", "Wie sie gezogen wurde"  # Drawn number, How it was drawn
TAKE_PANEL = "Dieses Gremium übernehmen"  # Take this panel


def test_staff_draw_letters_resident_answers_staff_selects_the_panel(
        browser, live_server, db, make_user, make_process, expect, tmp_path):  # noqa: F811 (expect: a fixture)
    from participation.auth.models import ProcessRoleKind
    from participation.database import unit_of_work
    from participation.lottery import codes, services
    from participation.lottery.models import Invitation, InvitationStatus
    from participation.lottery.synthetic import generate_register, write_csv

    base_url, _ = live_server
    process = make_process(title="Klimabürgerrat Musterstadt", districts=("Zentrum", "Nord", "Ost", "Süd", "West"))
    staff = make_user("verwaltung@example.org", name="Vera Verwaltung", roles=[(process, ProcessRoleKind.STAFF)])
    slug, staff_email, staff_name = process.slug, staff.email, staff.display_name
    register = tmp_path / "melderegister.csv"
    with register.open("wb") as out:
        write_csv(generate_register(400, seed=21), out)
    db.session.close()

    staff_context, page = new_page(browser)
    resident_context, resident = new_page(browser)
    try:
        # 1. Import: upload, preview without problems, confirm.
        sign_in(page, base_url, staff_email, staff_name, expect)
        page.goto(f"{base_url}/processes/{slug}/lottery/register/upload")
        page.get_by_label("Melderegisterauszug (CSV)").set_input_files(str(register))
        page.get_by_role("button", name=UPLOAD).click()
        expect(page.get_by_text(NO_PROBLEMS)).to_be_visible()
        page.get_by_role("button", name=IMPORT_ALL).click()
        expect(page.get_by_text("400 Personen aus melderegister.csv importiert.")).to_be_visible()

        # 2. The draw: parameters first, then the seed drawn in public.
        page.get_by_role("navigation", name="Losverfahren").get_by_role("link", name="Ziehungen", exact=True).click()  # Draws
        page.get_by_label(LETTERS).fill("60")
        page.get_by_label(DEADLINE).fill((date.today() + timedelta(days=14)).isoformat())
        page.get_by_role("button", name=PUBLISH).click()
        expect(page.get_by_role("heading", name="Den öffentlich gezogenen Startwert eingeben")).to_be_visible()
        page.get_by_label(SEED, exact=True).fill("3 1 4 1 5 9 2 6")
        page.get_by_label(SEED_SOURCE).fill("Mit zehnseitigen Würfeln in der öffentlichen Ratssitzung gezogen")
        page.get_by_role("button", name=DRAW_NOW).click()
        expect(page.get_by_text("Die Ziehung ist erfolgt: 60 Briefe.")).to_be_visible()

        # 3. Letters for the print shop.
        page.get_by_role("button", name=MAKE_LETTERS).click()
        link = page.get_by_role("link", name="Briefe herunterladen (PDF)")  # Download the letters (PDF)
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        pdf = download.value.path().read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        screenshot(page, "lottery-1-draw")

        # 4. A resident answers with the code from the letter.
        invitations = db.session.scalars(sa.select(Invitation).order_by(Invitation.position)).all()
        code = codes.format_code(invitations[0].code)
        db.session.close()
        resident.goto(f"{base_url}/processes/{slug}/respond")
        resident.get_by_label(CODE).fill(code.lower())
        resident.get_by_role("button", name=CONTINUE).click()
        resident.get_by_label(YES).check()
        resident.get_by_label("Vorname").fill("Kim")
        resident.get_by_label("Familienname").fill("Weber")
        resident.get_by_label("E-Mail", exact=True).fill("kim.weber@example.org")
        resident.get_by_label("Geschlecht").select_option("w")
        resident.get_by_label("Altersgruppe").select_option("25-34")
        resident.get_by_label("Stadtteil").select_option("Nord")
        resident.get_by_label("Höchster Bildungsabschluss").select_option("hoch")
        resident.get_by_label("Ich bin einverstanden.").check()
        resident.get_by_role("button", name=SEND).click()
        expect(resident.get_by_role("heading", name=THANKS)).to_be_visible()
        screenshot(resident, "lottery-2-answered")
        first = db.session.get(Invitation, invitations[0].id)
        assert first.status == InvitationStatus.ACCEPTED and first.response.given_name == "Kim"

        # Thirty more accept (on paper, entered by staff through the service).
        rng = random.Random(4)
        categories = services.get_settings(first.draw.process).categories
        staff_user = db.session.get(type(staff), staff.id)
        for invitation in db.session.scalars(sa.select(Invitation).order_by(Invitation.position)).all()[1:31]:
            data = services.ResponseData(
                accepted=True, given_name="Alex", family_name=f"Muster {invitation.id}", phone="03641 555",
                features={c["key"]: rng.choice(c["values"])["value"] for c in categories}, consent=True)
            with unit_of_work():
                services.submit_response(invitation, data, actor=staff_user,
                                         channel=services.ResponseChannel.PAPER)
        db.session.close()

        # 5. Quotas, selection, the public number, the chart.
        page.goto(f"{base_url}/processes/{slug}/lottery/selection")
        expect(page.get_by_text("Der Pool: 31 Personen")).to_be_visible()
        page.get_by_label(PANEL_SIZE).fill("8")
        page.get_by_role("button", name=START).click()
        expect(page.get_by_role("heading", name="Die Nummer des Gremiums öffentlich ziehen")).to_be_visible(
            timeout=60_000)
        expect(page.locator("svg.chart").first).to_be_visible()
        page.get_by_label(DRAWN_NUMBER).fill("3 1 4")
        page.get_by_label(HOW).fill("Drei zehnseitige Würfel in der öffentlichen Sitzung")
        page.get_by_role("button", name=TAKE_PANEL).click()
        expect(page.get_by_text("Gremium Nr. 314 ist gezogen.")).to_be_visible()
        expect(page.locator("svg.chart").first).to_be_visible()
        # Withdraws: one per member, each a disclosure whose red button records it (a second, deliberate step)
        withdraws = page.locator("summary", has_text="Tritt zurück")
        assert withdraws.count() == 8
        withdraws.first.click()
        expect(page.get_by_role("button", name="Tritt zurück")).to_have_count(1)
        screenshot(page, "lottery-3-panel")
    finally:
        staff_context.close()
        resident_context.close()
