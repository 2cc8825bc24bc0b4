"""Invitation letters (print PDF, mail-merge CSV), the draw protocol PDF and the shared QR encoder.

Reading PDFs back needs pypdf and pypdfium2, decoding QR codes zxing-cpp: the dev extra. Without
them those tests skip, or fail under CI=true.
"""
import csv
import importlib
import io
import os
import re
from datetime import UTC, date, datetime

import pytest

from participation import pdf
from participation.lottery import draw as lottery_draw
from participation.lottery import letters
from participation.lottery.codes import format_code, new_unique_codes, normalize_code
from participation.lottery.letters import (
    DEFAULT_SUBJECT,
    DEFAULT_TEMPLATE,
    MAIL_MERGE_COLUMNS,
    PLACEHOLDERS,
    LetterData,
    Sender,
    TemplateError,
    letters_pdf,
    mail_merge_csv,
    protocol_pdf,
    render_letter,
    validate_template,
)


def optional(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


pypdf, pdfium, zxingcpp = optional("pypdf"), optional("pypdfium2"), optional("zxingcpp")


def require_or_skip(available, reason):
    """As tests/conftest.py's (which tests/lottery/conftest.py hides from `import conftest`)."""
    if available:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: this part must be present)")
    pytest.skip(reason)

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
# DIN 5008 form B, from the top left corner of the page (mm): the window of the envelope
WINDOW = (20, 45, 20 + 85, 45 + 45)
ADDRESS_ZONE = (20, 45 + 17.7, 20 + 85, 45 + 45)  # below the Zusatz- und Vermerkzone
VERMERK_ZONE = (20, 45, 20 + 85, 45 + 17.7)

SENDER = Sender(
    municipality="Stadt Musterstadt", office="Stabsstelle Klimaschutz",
    address_lines=("Rathausplatz 1", "12345 Musterstadt"), phone="0123 456-7890", email="buergerrat@musterstadt.de",
    signature_name="Dr. Maria Beispiel", signature_role="Oberbürgermeisterin", place="Musterstadt",
)
LETTER_DATE, DEADLINE = date(2026, 12, 1), date(2027, 1, 15)
BASE = "https://beteiligung.musterstadt.de/antwort/"


def make_letters():
    codes = new_unique_codes(3)
    return [
        LetterData("Anna", "Müller", "Hauptstraße", "12a", "12345", "Musterstadt", codes[0], BASE + codes[0],
                   letters.salutation_for("w", "Anna", "Müller")),
        LetterData("Ömer", "Yılmaz", "Am Mühlbach", "3", "12347", "Musterstadt-Süd", codes[1], BASE + codes[1],
                   letters.salutation_for("m", "Ömer", "Yılmaz")),
        LetterData("Alex", "Schmidt", "Lindenweg", "7", "01067", "Dresden", codes[2], BASE + codes[2]),
    ]


@pytest.fixture(scope="module")
def batch():
    the_letters = make_letters()
    data = letters_pdf(the_letters, SENDER, DEFAULT_TEMPLATE, subject=DEFAULT_SUBJECT, date=LETTER_DATE,
                       deadline=DEADLINE, process_title="Klimaschutzplan Musterstadt 2035")
    return the_letters, data


def page_texts(data):
    require_or_skip(pypdf, "pypdf is not installed (dev extra)")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def letter_starts(texts):
    """Index of the first page of each letter ("Seite 1 von N")."""
    return [i for i, text in enumerate(texts) if "Seite 1 von" in text]


def occurrences(page, text):
    """For each occurrence of `text` on a pypdfium2 page, the boxes of its glyphs (mm from the top
    left corner of the page: left, top, right, bottom)."""
    textpage = page.get_textpage()
    searcher = textpage.search(text, match_case=True)
    result = []
    while found := searcher.get_next():
        start, count = found
        glyphs = []
        for i in range(start, start + count):
            left, bottom, right, top = textpage.get_charbox(i)
            if right > left:  # spaces have no box
                glyphs.append((left / MM, (PAGE_HEIGHT - top) / MM, right / MM, (PAGE_HEIGHT - bottom) / MM))
        result.append(glyphs)
    assert result, f"{text!r} is not on the page"
    return result


def inside(box, area):
    left, top, right, bottom = box
    return left >= area[0] and top >= area[1] and right <= area[2] and bottom <= area[3]


# --- the print PDF ---------------------------------------------------------------------------

def test_address_lines_are_inside_the_din_5008_window(batch):
    require_or_skip(pdfium, "pypdfium2 is not installed (dev extra)")
    the_letters, data = batch
    document = pdfium.PdfDocument(data)
    starts = letter_starts(page_texts(data))
    assert len(starts) == len(the_letters)
    for letter, start in zip(the_letters, starts):
        page = document[start]
        lines = letter.address_lines()
        assert lines == [letter.name, f"{letter.street} {letter.house_number}", f"{letter.postcode} {letter.town}"]
        for line in lines:  # (the town of Anna Müller is also in the letterhead: one occurrence is enough)
            assert any(all(inside(box, ADDRESS_ZONE) and box[0] >= 25 - 0.3 for box in glyphs)  # text from 25 mm
                       for glyphs in occurrences(page, line)), line
        # the return-address line sits in the top part of the window
        (glyphs,) = occurrences(page, "Stadt Musterstadt · Rathausplatz 1 · 12345 Musterstadt")
        assert all(inside(box, VERMERK_ZONE) for box in glyphs), glyphs
        # nothing else of the letter shows through the window
        textpage = page.get_textpage()
        window_text = textpage.get_text_bounded(WINDOW[0] * MM, PAGE_HEIGHT - WINDOW[3] * MM, WINDOW[2] * MM,
                                                PAGE_HEIGHT - WINDOW[1] * MM)
        expected = "Stadt Musterstadt · Rathausplatz 1 · 12345 Musterstadt" + "".join(lines)
        assert window_text.replace("\r", "").replace("\n", "").replace(" ", "") == expected.replace(" ", "")


def test_qr_code_reads_as_the_response_url_with_the_code(batch):
    require_or_skip(pdfium and zxingcpp, "pypdfium2 and zxing-cpp are not installed (dev extra)")
    the_letters, data = batch
    document = pdfium.PdfDocument(data)
    starts = letter_starts(page_texts(data))
    for letter, start in zip(the_letters, starts):
        found = [code.text for code in zxingcpp.read_barcodes(document[start].render(scale=2).to_pil())]
        assert found == [letter.response_url]
        assert found[0].endswith(letter.code)
        # the QR code is about 25 mm wide and right of the window, in the place of the information block
        image = document[start].render(scale=4).to_pil()
        (position,) = [code.position for code in zxingcpp.read_barcodes(image)]
        px_per_mm = 4 * MM
        left, right = position.top_left.x / px_per_mm, position.top_right.x / px_per_mm
        top, bottom = position.top_left.y / px_per_mm, position.bottom_left.y / px_per_mm
        assert 18 <= right - left <= 26 and 18 <= bottom - top <= 26  # the symbol, without its quiet zone
        assert left >= 125 and right <= 190 and top >= 45 and bottom <= 90


def test_each_letter_prints_its_code_short_url_deadline_and_page_numbers(batch):
    the_letters, data = batch
    texts = page_texts(data)
    starts = letter_starts(texts)
    pages_per_letter = [b - a for a, b in zip(starts, [*starts[1:], len(texts)])]
    for number, (letter, start, count) in enumerate(zip(the_letters, starts, pages_per_letter), 1):
        own = texts[start:start + count]
        first = own[0]
        assert format_code(letter.code) in first  # in the panel (and in the text)
        assert "beteiligung.musterstadt.de/antwort" in first
        assert "15. Januar 2027" in first and "Musterstadt, 1. Dezember 2026" in first
        for page, text in enumerate(own, 1):
            assert f"Seite {page} von {count}" in text
            assert f"Brief {number} von {len(the_letters)}" in text
        for text in own[1:]:
            assert f"Schreiben an {letter.name}" in text  # pages after the first name the recipient
        # the other letters' codes are not in this letter
        others = [format_code(o.code) for o in the_letters if o is not letter]
        assert not any(code in " ".join(own) for code in others)


def test_placeholders_are_replaced_with_the_letters_values(batch):
    the_letters, data = batch
    texts = page_texts(data)
    starts = letter_starts(texts)
    everything = " ".join(texts)
    assert "{" not in everything and "}" not in everything and "**" not in everything
    first_letter = " ".join(texts[starts[0]:starts[1]])
    assert "Sehr geehrte Frau Müller," in first_letter
    assert "Sehr geehrter Herr Yılmaz," in " ".join(texts[starts[1]:starts[2]])
    assert "Guten Tag Alex Schmidt," in " ".join(texts[starts[2]:])
    flat = " ".join(first_letter.split())
    assert "„Klimaschutzplan Musterstadt 2035“" in flat
    assert f"Antwortcode {format_code(the_letters[0].code)} ein" in flat
    assert "0123 456-7890" in flat and "buergerrat@musterstadt.de" in flat
    assert "§ 46 Bundesmeldegesetz" in flat and "gelöscht" in flat and "freiwillig" in flat
    assert "Mit freundlichen Grüßen" in flat and "Dr. Maria Beispiel" in flat and "Oberbürgermeisterin" in flat
    assert flat.index("Mit freundlichen Grüßen") < flat.index("Dr. Maria Beispiel")


def test_pdf_uses_dejavu_and_a_4(batch):
    require_or_skip(pypdf, "pypdf is not installed (dev extra)")
    _, data = batch
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)
    assert reader.metadata.title == "Einladungsbriefe"


def test_a_long_letter_continues_on_following_pages_with_every_paragraph_once():
    paragraphs = [f"Absatz {i}: " + "Ein Satz über Wärme und Wege, der die Zeile füllt. " * 6 for i in range(30)]
    template = "{anrede},\n\n" + "\n\n".join(paragraphs) + "\n\n**Zum Schluss**\n\nKurz.\n\nMit freundlichen Grüßen"
    the_letters = make_letters()[:2]
    data = letters_pdf(the_letters, SENDER, template, subject="Lang", date=LETTER_DATE, deadline=DEADLINE)
    texts = page_texts(data)
    starts = letter_starts(texts)
    assert starts == [0, len(texts) // 2] and len(texts) // 2 >= 3
    first = " ".join(" ".join(texts[:starts[1]]).split())
    assert [int(n) for n in re.findall(r"Absatz (\d+):", first)] == list(range(30))
    assert first.index("Zum Schluss") < first.index("Kurz.") < first.index("Dr. Maria Beispiel")
    # every line of body text is above the footer and below the follow-up header
    require_or_skip(pdfium, "pypdfium2 is not installed (dev extra)")
    document = pdfium.PdfDocument(data)
    for index in range(1, starts[1]):
        textpage = document[index].get_textpage()
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right > left:
                from_top = (PAGE_HEIGHT - bottom) / MM
                assert from_top <= 272 or from_top >= 280  # body text ends above the footer line
    # a heading is never the last line of a page
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip() and "Seite" not in line and "Brief" not in line]
        assert lines[-1].strip() != "Zum Schluss"


def test_duplex_gives_every_letter_an_even_number_of_pages():
    template = "{anrede},\n\nKurz und gut.\n\nMit freundlichen Grüßen"
    the_letters = make_letters()
    simplex = page_texts(letters_pdf(the_letters, SENDER, template, subject="S", date=LETTER_DATE, deadline=DEADLINE))
    duplex = page_texts(letters_pdf(the_letters, SENDER, template, subject="S", date=LETTER_DATE, deadline=DEADLINE,
                                    duplex=True))
    assert len(simplex) == 3 and len(duplex) == 6
    assert letter_starts(duplex) == [0, 2, 4]


def test_a_bad_template_or_subject_is_refused():
    with pytest.raises(TemplateError) as error:
        letters_pdf(make_letters(), SENDER, "{anrede},\n\n{vornahme}", subject="S", date=LETTER_DATE,
                    deadline=DEADLINE)
    assert "{vornahme}" in str(error.value) and "Meinten Sie {vorname}?" in str(error.value)
    with pytest.raises(TemplateError) as error:
        letters_pdf(make_letters(), SENDER, "Text", subject="Einladung {", date=LETTER_DATE, deadline=DEADLINE)
    assert error.value.problems[0].startswith("Betreff, Zeile 1:")


def test_missing_values_from_the_database_print_as_nothing():
    letter = LetterData("Anna", "Müller", None, None, "12345", "Musterstadt", "K7MXP3XRT9", BASE + "K7MXP3XRT9",
                        None)
    assert letter.address_lines() == ["Anna Müller", "12345 Musterstadt"]
    sender = Sender("Stadt Musterstadt", None, ("Rathausplatz 1", None, ""), phone=None)
    assert sender.office == "" and sender.address_lines == ("Rathausplatz 1",)
    text = " ".join(page_texts(letters_pdf([letter], sender, "{anrede},\n\n{strasse}{hausnummer}Ende",
                                           subject="S", date=LETTER_DATE, deadline=DEADLINE)))
    assert "None" not in text and "Guten Tag Anna Müller," in text and "Ende" in text
    assert b"Antwortlink" in mail_merge_csv([letter])


def test_no_letters_give_a_pdf_that_says_so():
    texts = page_texts(letters_pdf([], SENDER, DEFAULT_TEMPLATE, date=LETTER_DATE, deadline=DEADLINE))
    assert len(texts) == 1 and "Keine Briefe." in texts[0]


# --- templates -----------------------------------------------------------------------------------

def test_default_template_is_valid_and_uses_known_placeholders():
    assert validate_template(DEFAULT_TEMPLATE) == []
    assert validate_template(DEFAULT_SUBJECT) == []
    for name in ("anrede", "code", "antwort_url", "frist", "telefon", "prozess", "die_kommune", "die_kommune_gross",
                 "panelgroesse"):
        assert "{" + name + "}" in str(DEFAULT_TEMPLATE)
    assert "Rund 40" not in str(DEFAULT_TEMPLATE) and "{kommune}" not in str(DEFAULT_TEMPLATE)
    assert all(description and name.islower() for name, description in PLACEHOLDERS.items())


@pytest.mark.parametrize(("designation", "subject", "start", "dative"), [
    ("die Stadt Jena", "die Stadt Jena", "Die Stadt Jena", "der Stadt Jena"),
    ("der Landkreis Greiz", "der Landkreis Greiz", "Der Landkreis Greiz", "dem Landkreis Greiz"),
    ("das Amt Lauenburgische Seen", "das Amt Lauenburgische Seen", "Das Amt Lauenburgische Seen",
     "dem Amt Lauenburgische Seen"),
    ("Die Gemeinde  Schkölen", "die Gemeinde Schkölen", "Die Gemeinde Schkölen", "der Gemeinde Schkölen"),
    ("Jena", "Jena", "Jena", "Jena"),  # a place name takes no article
])
def test_the_municipality_reads_grammatically_in_every_position(designation, subject, start, dative):
    forms = letters.municipality_forms(designation)
    assert forms == {"die_kommune": subject, "die_kommune_gross": start, "der_kommune": dative}


@pytest.mark.parametrize(("municipality", "designation"), [
    ("Stadt Jena", "die Stadt Jena"), ("Landkreis Greiz", "der Landkreis Greiz"), ("Gemeinde Schkölen",
                                                                                    "die Gemeinde Schkölen"),
    ("Große Kreisstadt Radebeul", "die Große Kreisstadt Radebeul"), ("Amt Hüttener Berge", "das Amt Hüttener Berge"),
    ("Musterstadt", "Musterstadt"), ("Jena", "Jena"),
])
def test_a_first_guess_of_the_designation_from_the_municipality(municipality, designation):
    assert letters.default_designation(municipality) == designation


def test_the_default_letter_says_die_stadt_jena_erarbeitet_and_the_planned_panel_size():
    sender = Sender(municipality="Stadt Jena", office="Klimaschutzmanagement")
    codes = new_unique_codes(1)
    letter = LetterData("Anna", "Müller", "Markt", "1", "07743", "Jena", codes[0], BASE + codes[0])
    values = letters.letter_values(letter, sender, date=LETTER_DATE, deadline=DEADLINE, process_title="Klimaplan",
                                   panel_size=1200)
    text = " ".join(render_letter(DEFAULT_TEMPLATE, values).split())
    assert "Die Stadt Jena erarbeitet einen Klimaschutzplan." in text
    assert "1.200 ausgeloste Bürgerinnen und Bürger beraten" in text  # Babel's German thousands separator
    assert "wie die Stadt Jena klimafreundlich werden kann" in text
    county = Sender(municipality="Landkreis Greiz", office="Umweltamt")
    text = " ".join(render_letter(DEFAULT_TEMPLATE, letters.letter_values(
        letter, county, date=LETTER_DATE, deadline=DEADLINE, panel_size=24)).split())
    assert "Der Landkreis Greiz erarbeitet" in text and "wie der Landkreis Greiz klimafreundlich" in text
    assert "24 ausgeloste" in text and "Rund 40" not in text and "rund 40" not in text


def test_letters_report_their_progress_every_n_letters():
    calls = []
    the_letters = make_letters() * 4  # 12 letters
    letters_pdf(the_letters, SENDER, date=LETTER_DATE, deadline=DEADLINE, progress=lambda *a: calls.append(a),
                progress_every=5)
    assert calls == [(5, 12), (10, 12), (12, 12)]


def test_render_letter_replaces_placeholders_and_keeps_escaped_braces():
    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    text = render_letter("{anrede},\nIhr Code: {code} – {{nicht ersetzt}} bis {frist}.", values)
    assert text == "<anrede>,\nIhr Code: <code> – {nicht ersetzt} bis <frist>."
    with pytest.raises(TemplateError) as error:
        render_letter("{anrede} {code}", {"anrede": "Hallo"})
    assert error.value.problems == ["Für den Platzhalter {code} fehlt ein Wert."]


@pytest.mark.parametrize(("template", "expected"), [
    ("Hallo {vornahme}", "Zeile 1: Den Platzhalter {vornahme} gibt es nicht. Meinten Sie {vorname}?"),
    ("Hallo\n{unbekannt}", "Zeile 2: Den Platzhalter {unbekannt} gibt es nicht."),
    ("Hallo {vorname", "Zeile 1: Eine „{“ wird nicht mit „}“ geschlossen."),
    ("Hallo vorname}", "Zeile 1: Eine „}“ steht ohne passende „{“."),
    ("Hallo {}", "Zeile 1: Ein leerer Platzhalter „{}“"),
    ("Code {code:>12}", "Zeile 1: Der Platzhalter „{code:>12}“ ist ungültig"),
    ("Code {code!r}", "Gemeint ist wohl {code}."),
    ("Code {code.upper}", "Der Platzhalter „{code.upper}“ ist ungültig"),
    ("{Vorname}", "Den Platzhalter {Vorname} gibt es nicht. Meinten Sie {vorname}?"),
    ("  \n ", "Der Brieftext ist leer."),
])
def test_validate_template_names_each_problem_in_german(template, expected):
    problems = validate_template(template)
    assert len(problems) == 1 and expected in problems[0], problems


def test_salutation_short_url_and_german_date():
    assert letters.salutation_for("w", "Anna", "Müller") == "Sehr geehrte Frau Müller"
    assert letters.salutation_for("m", "Ben", "Koch") == "Sehr geehrter Herr Koch"
    assert letters.salutation_for("d", "Alex", "Weber") == "Guten Tag Alex Weber"
    assert letters.salutation_for("", "", "") == "Guten Tag"
    assert letters.short_url("https://www.musterstadt.de/antwort/K7MXP3XRT9", "K7MXP3XRT9") == "musterstadt.de/antwort"
    assert letters.short_url("https://x.de/a?code=K7MXP3XRT9", "K7MXP3XRT9") == "x.de/a"
    assert letters.short_url("https://x.de/a/K7MX-P3XR-T9", "K7MXP3XRT9") == "x.de/a"
    assert letters.short_url("https://x.de/p/klima/antwort?code=K7MX-P3XR-T9", "K7MXP3XRT9") == "x.de/p/klima/antwort"
    assert letters.german_date(date(2027, 3, 5)) == "5. März 2027"


# --- mail merge -----------------------------------------------------------------------------------

def test_mail_merge_csv_has_bom_semicolons_and_the_columns():
    the_letters = make_letters()
    hostile = LetterData("=HYPERLINK(1)", "Ok", "-Weg", "1", "12345", "Ort; mit Semikolon", the_letters[0].code,
                         the_letters[0].response_url)
    data = mail_merge_csv([*the_letters, hostile])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(str(column) for column in MAIL_MERGE_COLUMNS)
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 4
    first = rows[0]
    assert first["Anrede"] == "Sehr geehrte Frau Müller" and first["Vorname"] == "Anna"
    assert first["Straße"] == "Hauptstraße" and first["Hausnummer"] == "12a" and first["PLZ"] == "12345"
    assert first["Antwortcode"] == format_code(the_letters[0].code)
    assert normalize_code(first["Antwortcode"]) == the_letters[0].code
    assert first["Antwortseite"] == "beteiligung.musterstadt.de/antwort"
    assert first["Antwortlink"] == the_letters[0].response_url
    assert rows[2]["PLZ"] == "01067"
    assert rows[3]["Vorname"] == "'=HYPERLINK(1)" and rows[3]["Straße"] == "'-Weg"
    assert rows[3]["Ort"] == "Ort; mit Semikolon"


def test_mail_merge_xlsx_has_the_same_rows_as_text_cells():
    from participation.lottery.letters import mail_merge_xlsx
    from tests.xlsx_helpers import assert_same_rows, xlsx_cells

    the_letters = make_letters()
    hostile = LetterData("=HYPERLINK(1)", "Ok", "-Weg", "1", "12345", "Ort", the_letters[0].code,
                         the_letters[0].response_url)
    data = mail_merge_xlsx([*the_letters, hostile])
    assert_same_rows(mail_merge_csv([*the_letters, hostile]), data)
    header, *rows = xlsx_cells(data)
    postcode = [c.value for c in header].index("PLZ")
    assert rows[2][postcode].value == "01067" and rows[2][postcode].data_type == "s"
    assert rows[3][1].value == "=HYPERLINK(1)" and rows[3][1].data_type == "s"
    assert all(c.data_type in ("s", "n") for row in rows for c in row)


# --- the draw protocol ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def drawn():
    people = []
    for i in range(400):
        people.append({"person_id": f"P{i:04d}", "birth_date": date(1940 + i % 60, 1 + i % 12, 1 + i % 28),
                       "gender": "mwd"[i % 3], "district": ("Nord", "Süd", "Altstadt")[i % 3], "household": f"H{i}"})
    parameters = lottery_draw.DrawParameters(letters=40, reference_date=date(2026, 1, 1),
                                             strata=("district", "age_band"), excluded_ids=frozenset({"P0001"}))
    return lottery_draw.draw(people, parameters, "f" * 64, "17, 4, 33")


def test_protocol_pdf_has_hashes_seed_counts_strata_and_how_to_verify(drawn):
    protocol = drawn.protocol()
    data = protocol_pdf(protocol, process_title="Klimaschutzplan Musterstadt 2035", municipality="Stadt Musterstadt",
                        published_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                        seed_source="Drei Zahlen, öffentlich gewürfelt in der Ratssitzung",
                        drawn_at=datetime(2026, 12, 1, 16, 30, tzinfo=UTC))
    texts = page_texts(data)
    text = " ".join(" ".join(texts).split())
    assert protocol["parameters_hash"] in text.replace(" ", "")
    assert protocol["selection_hash"] in text.replace(" ", "")
    assert protocol["fingerprint"] in text.replace(" ", "")
    assert "Startwert (Seed) 17 4 33" in text and "Drei Zahlen, öffentlich gewürfelt in der Ratssitzung" in text
    assert "Prüfsumme veröffentlicht am 20. November 2026, 09:00 Uhr" in text  # German time
    assert "Ziehung durchgeführt am 1. Dezember 2026, 17:30 Uhr" in text
    assert "Klimaschutzplan Musterstadt 2035" in text and "Stadt Musterstadt" in text
    assert "Einträge im Registerauszug 400" in text and "gezogen 40" in text
    assert "Früher gezogene, ausgeschlossene Personen 1 Kennungen" in text
    assert "Stadtteil Altersgruppe Berechtigte Briefe gezogen Fehlbestand" in text
    for row in protocol["strata"]:
        district, band = row["stratum"]
        cells = f"{district} {band.replace('-', '–')} {row['population']} {row['allocated']} {row['drawn']}"
        assert cells in text, cells
    assert f"Summe {drawn.eligible_count} 40 40 0" in text
    assert lottery_draw.ALGORITHM_DESCRIPTION_DE[:60] in text
    assert "flask lottery verify PROTOCOL.json REGISTER.csv" in text
    assert f"Seite 1 von {len(texts)}" in text
    # it names nobody, even when given the internal protocol with the selection
    assert "selection" in protocol
    assert not any(entry["person_id"] in text for entry in protocol["selection"])
    assert "P0001" not in text


# --- the shared QR encoder -----------------------------------------------------------------------

def reference_modules(text):
    """reportlab's own encoder, choosing the mask with `pdf.qr_penalty` as ISO/IEC 18004 says."""
    from reportlab.graphics.barcode import qrencoder
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    penalties = []
    for mask in range(8):
        code.makeImpl(True, mask)
        penalties.append(pdf.qr_penalty(code.modules))
    code.makeImpl(False, penalties.index(min(penalties)))
    return tuple(tuple(row) for row in code.modules)


@pytest.mark.parametrize("text", [
    "https://beteiligung.musterstadt.de/antwort/K7MXP3XRT9", "HTTPS://X.DE/A/K7MXP3XRT9", "12345", "Grüße ä ö ü",
    "https://example.org/" + "x" * 300,  # version 10 and more blocks
])
def test_fast_qr_encoder_gives_the_same_modules_as_reportlab(text):
    assert pdf.encode_qr(text) == pdf.qr_modules(text) == reference_modules(text)


# --- speed ------------------------------------------------------------------------------------------

def test_benchmark_renders_letters_fast_enough():
    result = letters.benchmark_letters(100)
    assert result["letters"] == 100 and result["pages"] == 200
    # the target is 100 pages per second on the 2-core CI machine; leave room for a busy machine
    assert result["pages_per_second"] > 50, result


def test_letters_without_dejavu_fall_back_to_helvetica(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path)
    monkeypatch.setattr(pdf, "_FONTS", None)
    data = letters_pdf(make_letters()[:1], SENDER, "{anrede},\n\nCO₂ sparen.\n\nMit freundlichen Grüßen",
                       subject="S", date=LETTER_DATE, deadline=DEADLINE)
    require_or_skip(pypdf, "pypdf is not installed (dev extra)")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "CO2 sparen." in text and "₂" not in text
    fonts_used = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert not any("DejaVu" in f for f in fonts_used)
