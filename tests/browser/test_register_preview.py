"""The register preview in real Chromium: its wide table scrolls inside its own box on a phone
(the Content-Security-Policy blocks inline styles, so the scrolling must come from the stylesheet),
no style is refused, and warnings and problems are shown by line.

Each German text below is the msgstr of the msgid named beside it in messages.po.
"""
from tests.browser.test_moderation_journey import expect, new_page, screenshot, sign_in  # noqa: F401

UPLOAD = "Hochladen und Vorschau"  # Upload and preview
FILE = "Melderegisterauszug (CSV)"  # Register extract (CSV)
CONFIRM = "Ich habe die als Warnung markierten Werte geprüft"  # I have checked the values marked as warnings ...
HEADER = "Ordnungsmerkmal;Familienname;Vornamen;Straße;Hausnummer;PLZ;Ort;Geburtsdatum;Geschlecht;Ortsteil"


def extract(tmp_path):
    lines = [HEADER]
    for n in range(1, 13):
        family = {2: "Nguyễn", 3: "Müller".encode().decode("cp1252")}.get(n, "Muster")
        given = "Maria-Magdalena Theresia Josefine" if n != 5 else "A" * 320
        lines.append(f"R{n:06d};{family};{given};Bürgermeister-Hermann-Dietrich-Straße;{n};07743;Jena;"
                     f"01.02.1980;w;Zentrum")
    path = tmp_path / "melderegister.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace"))
    return path


def test_the_preview_table_scrolls_in_its_box_at_360_px(browser, live_server, lottery, db, expect, tmp_path):  # noqa: F811
    base_url, _ = live_server
    slug, email, name = lottery.process.slug, lottery.staff.email, lottery.staff.display_name
    db.session.close()
    context, page = new_page(browser)
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text else None)
    try:
        sign_in(page, base_url, email, name, expect)
        page.goto(f"{base_url}/processes/{slug}/lottery/register/upload")
        page.get_by_label(FILE).set_input_files(str(extract(tmp_path)))
        page.get_by_role("button", name=UPLOAD).click()
        expect(page.get_by_text("Zeile 3, Spalte „Familienname“: „Nguy?n“")).to_be_visible()
        expect(page.get_by_text("Zeile 6: Vornamen „AAAA", exact=False)).to_be_visible()
        expect(page.get_by_label(CONFIRM, exact=False)).to_be_visible()
        screenshot(page, "register-preview-1280")

        page.set_viewport_size({"width": 360, "height": 800})
        page.reload()
        box = page.locator(".table-scroll")
        expect(box).to_be_visible()
        sizes = box.evaluate("""box => ({overflow: getComputedStyle(box).overflowX, scroll: box.scrollWidth,
                                         client: box.clientWidth, right: box.getBoundingClientRect().right,
                                         table: box.querySelector('table').getBoundingClientRect().width})""")
        assert sizes["overflow"] == "auto", sizes
        assert sizes["scroll"] > sizes["client"] and sizes["table"] > 360, sizes  # wider than the phone ...
        assert sizes["right"] <= 360, sizes  # ... and yet inside its box
        box.evaluate("box => { box.scrollLeft = 200; }")
        assert box.evaluate("box => box.scrollLeft") > 0
        page_width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll"))
            .map(e => `${e.tagName}.${e.className}: ${(e.textContent || "").slice(0, 40)}`)""")
        assert page_width <= 360 and wide == [], f"the page scrolls sideways ({page_width} px): {wide}"
        box.evaluate("box => { box.scrollLeft = 0; }")
        screenshot(page, "register-preview-360")
        assert refused == [], refused
    finally:
        context.close()
