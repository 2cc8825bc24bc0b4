"""Every PDF the platform prints, read back as a print shop's preflight would: no text line over
another, no text over a QR code or an image, nothing outside the page's printable area.

The PDFs are made the way users get them (join cards and the public draw protocol over HTTP, the
letters by the background task the staff start, measure sheets and the catalogue through their
routes), with content long enough to wrap: long German names, table topics, measure titles and
process titles.

pypdfium2 reads each page: the text lines are the glyph boxes of each text object (one object per
line as reportlab writes them), grouped by baseline; the figures are images and filled paths of many
segments (the QR codes are drawn as one path of their dark runs). Frames, rules and table
backgrounds are paths of a few segments and may lie under text.
"""
import ctypes
import io
import os
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from participation.auth.models import ProcessRoleKind
from participation.catalogue.models import Measure, MeasureOrigin, MeasureStatus, MeasureType, TimeHorizon
from participation.conference import services as conf
from participation.database import unit_of_work, utcnow
from participation.lottery import letters as letter_module
from participation.lottery import services as lottery_services
from participation.lottery.models import LotteryFile

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")

MM = 72 / 25.4
PRINTABLE_MARGIN = 6 * MM  # office printers leave about 4-5 mm at each edge unprinted
TOLERANCE = 0.4  # points: glyph boxes that merely touch do not count as overlapping
FIGURE_SEGMENTS = 40  # a filled path of more segments is a figure (a QR code), not a frame or a rule

LONG_NAME = "Karolina-Sophie Magdalena von Hohenstein-Bärenfeld-Schwarzenberg"
LONG_TOPIC = "Wärmewende in Bestandsquartieren, Mehrfamilienhäusern und kommunalen Liegenschaften"
LONG_PROCESS = "Klimaschutzplan der Stadt Hohenstein-Ernstthal 2035 – Fortschreibung mit Bürgerbeteiligung"
LONG_MEASURE = ("Kommunale Wärmeplanung: Fernwärmeausbau, Quartierskonzepte und Sanierungsfahrpläne für "
                "Bestandsquartiere, Mehrfamilienhäuser und kommunale Liegenschaften bis 2035")


# --- reading a page ---------------------------------------------------------------------------

def _key(handle):
    return ctypes.cast(handle, ctypes.c_void_p).value


def page_layout(page):
    """(width, height, text lines [(text, box)], figures [box]) of a pypdfium2 page; boxes are
    (left, bottom, right, top) in points."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    lines = defaultdict(lambda: ["", None])
    for index in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage.raw, index):
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if right <= left or top <= bottom:  # spaces
            continue
        origin_y = ctypes.c_double()
        raw.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.c_double(), ctypes.byref(origin_y))
        key = (_key(raw.FPDFText_GetTextObject(textpage.raw, index)), round(origin_y.value, 1))
        line = lines[key]
        line[0] += chr(raw.FPDFText_GetUnicode(textpage.raw, index))
        box = (left, bottom, right, top)
        line[1] = box if line[1] is None else (min(line[1][0], left), min(line[1][1], bottom),
                                               max(line[1][2], right), max(line[1][3], top))
    figures = []
    for obj in page.get_objects(max_depth=1):  # forms hold text only; QR codes are drawn on the page
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE or (
                obj.type == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPath_CountSegments(obj.raw) >= FIGURE_SEGMENTS):
            figures.append(tuple(obj.get_bounds()))
    return width, height, [tuple(line) for line in lines.values()], figures


def _overlap(a, b):
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE) and (min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)


def layout_faults(data, margin=PRINTABLE_MARGIN):
    """Every fault of a PDF as a sentence: text over text, text over a figure, anything outside the
    printable area of its page."""
    faults = []
    document = pdfium.PdfDocument(data)
    for number, page in enumerate(document, 1):
        width, height, lines, figures = page_layout(page)
        for text, box in lines:
            if box[0] < margin or box[1] < margin or box[2] > width - margin or box[3] > height - margin:
                faults.append(f"page {number}: {text!r} lies outside the printable area: {_mm(box)}")
        for i, (text, box) in enumerate(lines):
            for other, other_box in lines[i + 1:]:
                if _overlap(box, other_box):
                    faults.append(f"page {number}: {text!r} overlaps {other!r}")
            for figure in figures:
                if _overlap(box, figure):
                    faults.append(f"page {number}: {text!r} overlaps a figure at {_mm(figure)}")
        for figure in figures:
            if figure[0] < margin or figure[1] < margin or figure[2] > width - margin or figure[3] > height - margin:
                faults.append(f"page {number}: a figure lies outside the printable area: {_mm(figure)}")
    return faults


def _mm(box):
    return "(" + ", ".join(f"{value / MM:.1f}" for value in box) + ") mm"


def assert_clean(data, name):
    """No faults; with PDF_LAYOUT_DIR set, the PDF is also written there as `name`.pdf to look at."""
    assert data.startswith(b"%PDF")
    if os.environ.get("PDF_LAYOUT_DIR"):
        (Path(os.environ["PDF_LAYOUT_DIR"]) / f"{name}.pdf").write_bytes(data)
    faults = layout_faults(data)
    assert not faults, "\n".join(faults[:40])


# --- the checker itself -------------------------------------------------------------------------

def test_the_checker_finds_text_over_text_over_a_qr_code_and_off_the_page():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from participation.pdf import draw_qr, encode_qr, fonts

    font = fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(font.regular, 10)
    canvas.drawString(100, 700, "Seite 1 von 2 · erstellt am 1. Dezember 2026")
    canvas.drawString(150, 700, "Protokoll der Einladungsziehung")
    draw_qr(canvas, encode_qr("https://example.org/k/abc"), 300, 400, 80)
    canvas.drawString(290, 440, "Tisch: Wärme")
    canvas.drawString(2, 100, "am Rand")
    canvas.drawString(100, 200, "frei")
    canvas.save()
    faults = layout_faults(buffer.getvalue())
    assert len(faults) == 3, faults
    assert any("overlaps 'Protokoll der Einladungsziehung'" in fault for fault in faults)
    assert any("'Tisch: Wärme' overlaps a figure" in fault for fault in faults)
    assert any("'am Rand' lies outside" in fault for fault in faults)


# --- letters --------------------------------------------------------------------------------------

LONG_SENDER = letter_module.Sender(
    municipality="Stadt Hohenstein-Ernstthal", office="Stabsstelle Klimaschutz, Nachhaltigkeit und Bürgerbeteiligung",
    address_lines=("Altmarkt 30, Rathaus, Zimmer 214", "09337 Hohenstein-Ernstthal"), phone="03723 402-1234",
    email="buergerrat.klimaschutz@hohenstein-ernstthal.de", signature_name="Dr. Maria-Theresia Beispiel-Großmann",
    signature_role="Oberbürgermeisterin der Stadt Hohenstein-Ernstthal", place="Hohenstein-Ernstthal",
    website="www.hohenstein-ernstthal.de", designation="die Große Kreisstadt Hohenstein-Ernstthal",
)


def test_letters_with_long_names_and_addresses_print_cleanly():
    codes = letter_module.new_unique_codes(4)
    base = "https://beteiligung.hohenstein-ernstthal.de/processes/klimaschutzplan-2035-fortschreibung/respond?code="
    people = [
        ("Karolina-Sophie Magdalena", "von Hohenstein-Bärenfeld-Schwarzenberg", "Friedrich-Ebert-Straße", "127b",
         "w"),
        ("Ömer", "Yılmaz", "Am Mühlbach", "3", "m"),
        ("Alex", "Schmidt", "Hinter der Alten Stadtmauer am Oberen Mühlgraben", "7 (Hinterhaus, 3. OG)", "d"),
        ("Jean-Baptiste Maximilian", "Nguyen-Kowalski", "Lindenweg", "1", "m"),
    ]
    items = [letter_module.LetterData(given, family, street, number, "09337", "Hohenstein-Ernstthal", code,
                                      base + code, letter_module.salutation_for(gender, given, family))
             for (given, family, street, number, gender), code in zip(people, codes)]
    data = letter_module.letters_pdf(items, LONG_SENDER, date=date(2026, 12, 1), deadline=date(2027, 1, 15),
                                     process_title=LONG_PROCESS, panel_size=1200)
    assert_clean(data, "letters-long")


def test_the_letters_the_staff_make_print_cleanly(db, lottery):
    draw = lottery.draw(letters=12)
    with unit_of_work():
        lottery_services.request_letters(lottery.staff, draw)  # the task runs at once in tests
    file = db.session.query(LotteryFile).one()
    assert file.status.value == "done", file.error
    assert_clean(file.data, "letters-staff")


# --- join cards ---------------------------------------------------------------------------------

@pytest.fixture
def cards_client(make_user, make_process, make_client):
    process = make_process(title=LONG_PROCESS)
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    client = make_client()
    client.login(moderator.email)
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(
            title="Klimakonferenz Hohenstein-Ernstthal 2027: Wärme, Verkehr, Energie und Konsum", starts_at=utcnow()))
        table = conf.save_table(moderator, conference, topic=LONG_TOPIC, capacity=12)
        people = conf.add_participants(moderator, conference, [
            {"display_name": name, "email": None, "kind": kind, "panel_member_id": None}
            for name, kind in ((LONG_NAME, "citizen"), ("Ömer Yılmaz", "citizen"), ("Dr. Jean-Baptiste Müller-"
                                                                                     "Lüdenscheidt", "expert"),
                               ("Li Wu", "citizen"), ("Anna-Lena Schäfer-Großkopf", "citizen"))])
        for person in people[:4]:
            person.table_id = table.id
        conf.add_participant(moderator, conference, "Friederike Tischmoderatorin-Langname", kind="facilitator",
                             invite=False)
    return client, f"/processes/{process.slug}/conferences/{conference.id}/join-cards.pdf"


def test_join_cards_print_name_table_and_instructions_beside_the_qr_code(cards_client):
    client, url = cards_client
    response = client.get(url)
    assert response.status_code == 200
    assert_clean(response.data, "join-cards")
    text = "".join(line[0] for page in pdfium.PdfDocument(response.data) for line in page_layout(page)[2])
    assert "Hohenstein-Bärenfeld-Schwarzenberg" in text.replace(" ", "").replace("\x02", "-")  # the whole name, wrapped if need be


# --- the draw protocol ------------------------------------------------------------------------------

def test_public_draw_protocol_prints_its_footer_and_tables_cleanly(db, lottery, client):
    lottery.process.title = LONG_PROCESS
    lottery.process.municipality = "Hohenstein-Ernstthal"
    db.session.commit()
    draw = lottery.draw(letters=40, strata=("district", "gender", "age_band"),
                        age_bands="16, 25, 35, 45, 55, 65, 75")
    response = client.get(f"/processes/{lottery.process.slug}/lottery/transparency/draws/{draw.number}.pdf")
    assert response.status_code == 200
    assert_clean(response.data, "protocol")


# --- measure sheets and the catalogue -----------------------------------------------------------------

@pytest.fixture
def long_catalogue(db, make_process):
    process = make_process(title=LONG_PROCESS)
    sector = process.sectors[0]
    for n in range(1, 4):
        db.session.add(Measure(
            process=process, sector=sector, code=f"WAE-{n:02d}", title=f"{LONG_MEASURE} ({n}. Abschnitt)",
            type=MeasureType.TECHNICAL, time_horizon=TimeHorizon.MEDIUM, status=MeasureStatus.PROPOSED,
            origin=MeasureOrigin.CITIZEN_IDEAS, is_public=True,
            goal="CO₂-Ausstoß der Wärmeversorgung bis 2035 um 80 Prozent senken. " * 6,
            description="Bestandsaufnahme, Potenzialanalyse, Zielszenario und Umsetzungsstrategie. " * 12,
            lead_actor="Amt für Stadtentwicklung, Bauordnung, Denkmalschutz und Klimaschutz",
            partners="Stadtwerke; Wohnungsbaugenossenschaften; Energieagentur; Handwerkskammer; Verbraucherzentrale",
            steps="\n".join(f"- Schritt {i}: Quartierskonzept für das Wohngebiet am Oberen Mühlgraben beauftragen"
                            for i in range(1, 9)),
            planned_start=date(2026, 1, 1), planned_end=date(2030, 12, 31),
        ))
    db.session.commit()
    return process


def test_measure_sheets_and_the_catalogue_pdf_print_cleanly(long_catalogue, client):
    base = f"/processes/{long_catalogue.slug}"
    catalogue = client.get(f"{base}/measures.pdf")
    assert catalogue.status_code == 200
    assert_clean(catalogue.data, "catalogue")
    sheet = client.get(f"{base}/measures/WAE-01.pdf")
    assert sheet.status_code == 200
    assert_clean(sheet.data, "sheet")


def test_every_pdf_route_is_covered_here():
    """A new PDF route must get its layout test here: the routes that answer application/pdf."""
    root = Path(__file__).resolve().parents[1] / "participation"
    routes = sorted(
        line.split('"')[1] for path in root.rglob("*routes.py") for line in path.read_text().splitlines()
        if line.startswith("@bp.route(") and "pdf" in line
    )
    assert routes == sorted([
        "/<slug>/conferences/<int:conference_id>/join-cards.pdf",
        "/<slug>/lottery/transparency/draws/<int:number>.pdf",
        "/<slug>/measures.<any(csv, json, pdf):fmt>",
        "/<slug>/measures/<code>.pdf",
    ]), routes

