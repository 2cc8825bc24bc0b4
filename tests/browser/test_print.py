"""Pages on paper: Chromium prints a measure, a draw protocol, the panel and the transparency page to
PDF with static/css/print.css; the PDF's text has the content and none of the screen's chrome
(navigation, header, footer, buttons), folded tables print open, and rows and headings keep together.

German texts are the msgstr of the msgid beside them."""
import io

import pytest

from tests.access.world import build_world
from tests.conftest import Client

CHROME = [
    "Moderation und Katalog",  # Moderation and catalogue (the process navigation)
    "Abmelden",  # Sign out (the header)
    "Impressum",  # Imprint (the footer)
    "Zum Inhalt springen",  # Skip to content
]


def _pdf_text(pdf_bytes):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.fixture
def world(app, db, live_server):
    w = build_world()
    db.session.commit()
    client = Client(app.test_client())
    client.login(w.emails["staff"])
    return w, live_server[0], client.http.get_cookie("session").value


def _printed(browser, base_url, cookie, path):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    if cookie:
        context.add_cookies([{"name": "session", "value": cookie, "url": base_url}])
    page = context.new_page()
    page.goto(base_url + path)
    return context, page, _pdf_text(page.pdf(format="A4"))


@pytest.mark.parametrize("path, staff, expected", [
    ("/processes/{slug}/measures/{code}", True, ["Wirkung und Kosten"]),  # Impact and costs
    ("/processes/{slug}/lottery/draws/{number}", True, ["Briefe je Schicht", "Hashwert der Auswahl"]),
    ("/processes/{slug}/lottery/panels/{panel}", True, ["Gremium Nr."]),
    ("/processes/{slug}/lottery/transparency", False, []),
])
def test_a_printed_page_has_its_content_and_no_chrome(browser, world, path, staff, expected):
    w, base_url, cookie = world
    path = path.format(slug=w.slug_a, code=w.measure_code, number=w.draw_number, panel=w.panel)
    context, page, text = _printed(browser, base_url, cookie if staff else None, path)
    try:
        heading = page.locator("main h1").first.inner_text()
        assert heading.split("\n")[0] in text
        for part in expected:
            assert part in text, part
        for chrome in CHROME:
            assert chrome not in text, f"{chrome!r} printed on {path}"
    finally:
        context.close()


def test_the_draw_prints_its_folded_stratum_table_without_buttons(browser, world):
    w, base_url, cookie = world
    context, page, text = _printed(browser, base_url, cookie, f"/processes/{w.slug_a}/lottery/draws/{w.draw_number}")
    try:
        table = page.locator("details.strata")
        assert table.get_attribute("open") is None  # folded on the screen ...
        first_stratum = table.locator("tbody td").first.inner_text()
        assert first_stratum in text  # ... and open on paper
        assert "Tabelle aller" not in text  # the summary ("Show the table of all %(num)d strata") is not
        assert "Briefe für die Druckerei erstellen" not in text  # a button (Make the letters ...)
        page.emulate_media(media="print")
        styles = page.evaluate("""() => ({
            row: getComputedStyle(document.querySelector('details.strata tbody tr')).breakInside,
            heading: getComputedStyle(document.querySelector('main h2')).breakAfter,
            nav: getComputedStyle(document.querySelector('nav.process-nav')).display,
        })""")
        assert styles == {"row": "avoid", "heading": "avoid", "nav": "none"}
    finally:
        context.close()
