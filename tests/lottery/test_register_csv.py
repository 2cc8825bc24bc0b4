"""Reading register extracts: encodings, delimiters, mapping, normalization, problems by line,
the fingerprint, household keys, and (printed, not asserted) the speed for a Leipzig-sized city."""
import hashlib
import io
import os
import time
from collections import defaultdict
from datetime import date

import pytest

from participation.lottery.register_csv import (
    EXTRA,
    FIELDS,
    RegisterFileError,
    household_key,
    normalize_gender,
    parse_date,
    read_register,
    sniff,
    suggest_mapping,
)
from participation.lottery.synthetic import generate_register, write_csv

REFERENCE = date(2026, 1, 1)
HEADER = "Ordnungsmerkmal;Familienname;Vornamen;Straße;Hausnummer;PLZ;Ort;Geburtsdatum;Geschlecht;Ortsteil"
MAPPING = {
    "person_id": "Ordnungsmerkmal", "family_name": "Familienname", "given_names": "Vornamen", "street": "Straße",
    "house_number": "Hausnummer", "postcode": "PLZ", "town": "Ort", "birth_date": "Geburtsdatum",
    "gender": "Geschlecht", "district": "Ortsteil",
}


@pytest.fixture(scope="module")
def rows():
    return generate_register(2000, seed=11)


def encode(rows, **options):
    buffer = io.BytesIO()
    write_csv(rows, buffer, **options)
    return buffer.getvalue()


def normalized(row):
    """What read_register must make of a generated row."""
    return {
        "person_id": row["person_id"], "family_name": row["family_name"], "given_names": row["given_names"],
        "street": row["street"], "house_number": row["house_number"], "postcode": row["postcode"],
        "town": row["town"], "birth_date": date.fromisoformat(row["birth_date"]),
        "birth_year": int(row["birth_date"][:4]), "gender": row["gender"], "district": row["district"],
        "extra": {"Staatsangehörigkeit": row["nationality"]},
    }


def read_text(text, mapping=MAPPING, **options):
    return read_register(text.encode("utf-8"), mapping, reference_date=REFERENCE, **options)


def line(person_id="R100000001", family="Müller", given="Anna", street="Hauptstraße", number="12",
         postcode="07743", town="Jena", born="01.02.1980", gender="w", district="Zentrum"):
    return ";".join((person_id, family, given, street, number, postcode, town, born, gender, district))


# --- round trip -------------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_round_trip(rows, encoding, delimiter):
    data = encode(rows, encoding=encoding, delimiter=delimiter)
    sniffed = sniff(data)
    assert (sniffed.encoding, sniffed.delimiter) == (encoding, delimiter)
    mapping = suggest_mapping(sniffed.header)
    assert mapping == {**MAPPING, EXTRA: ["Staatsangehörigkeit"]}

    result = read_register(data, mapping, reference_date=REFERENCE)
    assert result.problems == [] and result.problem_count == 0 and result.ok
    assert result.row_count == len(rows) == 2000
    assert result.rows == [normalized(row) for row in rows]
    assert result.fingerprint == hashlib.sha256(data).hexdigest()
    assert (result.encoding, result.delimiter) == (encoding, delimiter)
    assert result.header[0] == "Ordnungsmerkmal"  # no BOM left in it


def test_bom_and_windows_umlauts_survive(rows):
    people = [dict(rows[0], person_id="R100000001", family_name="Müller", street="Große Straße", district="Zwätzen"),
              dict(rows[1], person_id="R100000002", family_name="Weiß", given_names="Jürgen Bärbel")]
    for encoding, marker in (("cp1252", b"M\xfcller"), ("utf-8-sig", "Müller".encode())):
        data = encode(people, encoding=encoding)
        assert marker in data
        assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        result = read_register(data, suggest_mapping(sniff(data).header), reference_date=REFERENCE)
        assert result.ok, result.problems
        assert [(r["family_name"], r["street"], r["district"]) for r in result.rows] == [
            ("Müller", "Große Straße", "Zwätzen"), ("Weiß", people[1]["street"], people[1]["district"])]
        assert result.rows[1]["given_names"] == "Jürgen Bärbel"
        assert result.fingerprint == hashlib.sha256(data).hexdigest()


def test_fingerprint_is_of_the_bytes_as_uploaded(rows):
    first = encode(rows[:50], encoding="utf-8")
    second = encode(rows[:50], encoding="utf-8-sig")
    a = read_register(first, MAPPING, reference_date=REFERENCE)
    b = read_register(second, MAPPING, reference_date=REFERENCE)
    assert a.rows == b.rows
    assert a.fingerprint == hashlib.sha256(first).hexdigest() != b.fingerprint


# --- problems -----------------------------------------------------------------------------------

def test_injected_problems_are_reported_by_line_in_german():
    text = "\r\n".join([
        HEADER,                                                  # line 1
        line("R100000001"),                                      # 2
        line("R100000002", born="31.02.1980"),                   # 3 bad date
        line("R100000003", born="1.2.1980"),                     # 4 fine (D.M.YYYY)
        line("R100000001", family="Schmidt"),                    # 5 duplicate of line 2
        line("", family="Ohne-Id"),                              # 6 missing id
        line("R100000006", postcode="7743"),                     # 7 postcode lost its zero
        "R100000007;Kurz;Karl;Hauptstraße;3",                    # 8 short line
        line("R100000008", gender="q"),                          # 9 unknown gender
        line("R100000009", born="1980-02-01"),                   # 10 fine (ISO)
        "",
    ])
    result = read_text(text)
    assert not result.ok
    assert result.problem_count == 6
    assert [problem.line for problem in result.problems] == [3, 5, 6, 7, 8, 9]
    messages = [problem.message for problem in result.problems]
    assert messages[0] == "Zeile 3: Geburtsdatum „31.02.1980“ ist kein gültiges Datum."
    assert messages[1] == "Zeile 5: Die Personen-ID „R100000001“ kommt doppelt vor (Zeile 2 und Zeile 5)."
    assert messages[2] == "Zeile 6: Die Personen-ID fehlt."
    assert messages[3].startswith("Zeile 7: Postleitzahl „7743“ hat nicht genau fünf Ziffern.")
    assert "„07743“" in messages[3]
    assert messages[4] == "Zeile 8: Die Zeile hat 5 statt 10 Spalten."
    assert messages[5] == "Zeile 9: Geschlecht „q“ ist unbekannt (erwartet: m, w, d oder leer)."
    assert result.row_count == 9  # the short line counts as read, but is no row
    assert len(result.rows) == 8
    assert result.rows[2]["birth_date"] == date(1980, 2, 1) == result.rows[-1]["birth_date"]


def test_more_problems_with_birth_dates_and_years():
    text = "\n".join([
        HEADER + ";Geburtsjahr",
        line("R1", born="31.12.1899") + ";",            # 2 too early
        line("R2", born="02.01.2026") + ";",            # 3 after the reference date
        line("R3", born="") + ";1899",                  # 4 year too early
        line("R4", born="") + ";2027",                  # 5 year too late
        line("R5", born="") + ";80",                    # 6 not a year
        line("R6", born="") + ";",                      # 7 nothing at all
        line("R7", born="01.02.1980") + ";1981",        # 8 does not fit
        line("R8", born="") + ";1980",                  # 9 fine: the year alone
        line("R9", born="01.01.2026") + ";2026",        # 10 fine: born on the reference date
        line("R10", born="01.01.1900") + ";",           # 11 fine
    ])
    result = read_text(text, {**MAPPING, "birth_year": "Geburtsjahr"})
    assert [problem.line for problem in result.problems] == [2, 3, 4, 5, 6, 7, 8]
    messages = [problem.message for problem in result.problems]
    assert messages[0] == "Zeile 2: Geburtsdatum „31.12.1899“ liegt vor 1900 oder nach dem 01.01.2026."
    assert messages[2] == "Zeile 4: Geburtsjahr „1899“ liegt vor 1900 oder nach 2026."
    assert messages[4] == "Zeile 6: Geburtsjahr „80“ ist keine vierstellige Jahreszahl."
    assert messages[5] == "Zeile 7: Geburtsdatum und Geburtsjahr fehlen."
    assert messages[6] == "Zeile 8: Geburtsjahr „1981“ passt nicht zum Geburtsdatum „01.02.1980“."
    by_id = {row["person_id"]: row for row in result.rows}
    assert (by_id["R8"]["birth_date"], by_id["R8"]["birth_year"]) == (None, 1980)
    assert (by_id["R9"]["birth_date"], by_id["R9"]["birth_year"]) == (date(2026, 1, 1), 2026)
    assert by_id["R10"]["birth_date"] == date(1900, 1, 1)


def test_birth_year_alone_is_enough(rows):
    data = encode(rows[:100], columns=["person_id", "family_name", "birth_year", "gender"])
    mapping = suggest_mapping(sniff(data).header)
    assert mapping["birth_year"] == "Geburtsjahr" and "birth_date" not in mapping
    result = read_register(data, mapping, reference_date=REFERENCE)
    assert result.ok, result.problems
    assert [(r["birth_date"], r["birth_year"]) for r in result.rows] == [
        (None, int(row["birth_date"][:4])) for row in rows[:100]]
    assert result.rows[0]["street"] == "" and result.rows[0]["extra"] == {}
    missing = read_text("Ordnungsmerkmal;Geburtsjahr\nR1;\n", {"person_id": "Ordnungsmerkmal", "birth_year": "Geburtsjahr"})
    assert [p.message for p in missing.problems] == ["Zeile 2: Geburtsjahr fehlt."]


def test_problems_are_capped_but_all_counted():
    text = "\n".join([HEADER] + [line(f"R{i}", born="99.99.1999") for i in range(250)])
    result = read_text(text)
    assert len(result.problems) == 100 and result.problem_count == 250
    assert result.problems[-1].line == 101 and not result.ok
    assert len(read_text(text, max_problems=5).problems) == 5


def test_mapping_problems():
    text = "\n".join([HEADER, line("R1")])
    result = read_text(text, {**MAPPING, "district": "Stadtteil", EXTRA: ["Religion"]})
    assert [p.message for p in result.problems] == [
        "Zeile 1: Die Spalte „Stadtteil“ (für Ortsteil) gibt es in der Kopfzeile nicht.",
        "Zeile 1: Die Spalte „Religion“ (zusätzliche Spalte) gibt es in der Kopfzeile nicht.",
    ]
    assert result.rows[0]["district"] == "" and not result.ok

    unmapped = read_text(text, {"family_name": "Familienname"})
    assert [p.message for p in unmapped.problems] == [
        "Zeile 1: Keine Spalte ist der Personen-ID zugeordnet.",
        "Zeile 1: Keine Spalte ist dem Geburtsdatum oder dem Geburtsjahr zugeordnet.",
    ]
    twice = read_text("ID;ID;Geburtsdatum\nR1;R2;01.01.1990\n", {"person_id": "ID", "birth_date": "Geburtsdatum"})
    assert [p.line for p in twice.problems] == [1] and "2-mal" in twice.problems[0].message
    with pytest.raises(ValueError):
        read_text(text, {**MAPPING, "religion": "Religion"})


def test_empty_and_header_only_files():
    for data in (b"", b"\xef\xbb\xbf", b"\r\n  \r\n"):
        result = read_register(data, MAPPING, reference_date=REFERENCE)
        assert [p.message for p in result.problems] == ["Zeile 1: Die Datei ist leer."]
        assert not result.ok and result.rows == []
        with pytest.raises(RegisterFileError):
            sniff(data)
    result = read_text(HEADER + "\r\n")
    assert [p.message for p in result.problems] == ["Zeile 1: Die Datei enthält nur die Kopfzeile und keine Datensätze."]
    assert result.row_count == 0 and not result.ok


def test_bytes_neither_utf8_nor_windows_1252_are_refused():
    data = (HEADER + "\n" + line("R1") + "\n").encode("cp1252") + b"R2;M\x81ller;Anna\n"
    with pytest.raises(RegisterFileError) as raised:
        sniff(data)
    assert raised.value.line == 3
    result = read_register(data, MAPPING, reference_date=REFERENCE)
    assert not result.ok and result.rows == [] and result.encoding == ""
    assert result.problems[0].line == 3
    assert result.problems[0].message.startswith("Zeile 3: Die Datei ist weder in UTF-8 noch in Windows-1252")
    assert result.fingerprint == hashlib.sha256(data).hexdigest()


def test_blank_lines_trailing_cells_and_quoted_line_breaks_keep_line_numbers():
    text = "\r\n".join([
        HEADER,                                           # 1
        line("R1") + ";;",                                # 2 trailing empty cells: fine
        "",                                               # 3 blank
        ";;;;;;;;;",                                      # 4 empty cells only
        line("R2", family='"Müller\r\nvon Berg"', gender="?"),  # 5-6 a quoted line break
        line("R3", born="kein Datum"),                    # 7
        line("R4") + ";x",                                # 8 one cell too many
        "",
    ])
    result = read_text(text)
    assert [(p.line, p.message) for p in result.problems] == [
        (5, "Zeile 5: Geschlecht „?“ ist unbekannt (erwartet: m, w, d oder leer)."),  # where the record starts
        (7, "Zeile 7: Geburtsdatum „kein Datum“ ist kein gültiges Datum."),
        (8, "Zeile 8: Die Zeile hat 11 statt 10 Spalten."),
    ]
    assert [row["person_id"] for row in result.rows] == ["R1", "R2", "R3"]
    assert result.rows[1]["family_name"] == "Müller\r\nvon Berg"
    assert result.row_count == 4


def test_values_are_normalized():
    text = "\n".join([
        HEADER + ";Religion",
        "  R1 ; Müller ;Anna; Hauptstraße ; 12 a ; 07743 ;Jena; 01.02.1980 ; weiblich ; Zentrum ; rk ",
        "R2;Schmidt;Tom;Hauptstraße;3;07743;Jena;1980-02-01;M;Zentrum;",
        "R3;Yilmaz;Can;Hauptstraße;4;07743;Jena;1.2.1980;Divers;Zentrum;ev",
        "R4;Kaya;Elif;Hauptstraße;5;;Jena;01.02.1980 00:00:00;;;",
        "R5;Smith;Ann;Hauptstraße;6;07743;Jena;01.02.1980;female;Zentrum;",
        "R6;Klein;Max;Hauptstraße;7;07743;Jena;01.02.1980;x;Zentrum;",
    ])
    result = read_text(text, {**MAPPING, EXTRA: ["Religion"]})
    assert result.ok, result.problems
    first = result.rows[0]
    assert first == {
        "person_id": "R1", "family_name": "Müller", "given_names": "Anna", "street": "Hauptstraße",
        "house_number": "12 a", "postcode": "07743", "town": "Jena", "birth_date": date(1980, 2, 1),
        "birth_year": 1980, "gender": "w", "district": "Zentrum", "extra": {"Religion": "rk"},
    }
    assert [row["gender"] for row in result.rows] == ["w", "m", "d", "", "w", ""]
    assert {row["birth_date"] for row in result.rows} == {date(1980, 2, 1)}
    assert result.rows[3]["postcode"] == "" and result.rows[3]["district"] == ""


# --- sniffing and mapping ----------------------------------------------------------------------

def test_sniff_delimiters_and_encodings():
    tab = "ID\tName\tGeburtsdatum\r\nR1\tMüller, Anna\t01.01.1990\r\n".encode("utf-16")
    sniffed = sniff(tab)
    assert (sniffed.encoding, sniffed.delimiter, sniffed.header) == ("utf-16", "\t", ["ID", "Name", "Geburtsdatum"])
    commas_inside = 'ID;Name;Geburtsdatum\nR1;"Müller, Anna";01.01.1990\nR2;"Weber, Tom";01.01.1991\n'.encode()
    assert sniff(commas_inside).delimiter == ";"
    quoted = 'ID,Name,Geburtsdatum\nR1,"Müller; Anna",01.01.1990\n'.encode("cp1252")
    assert (sniff(quoted).delimiter, sniff(quoted).encoding) == (",", "cp1252")
    assert sniff(b"ID,Name\nR1,Anna\n").encoding == "utf-8"  # plain ASCII reads as UTF-8
    result = read_register(tab, {"person_id": "ID", "family_name": "Name", "birth_date": "Geburtsdatum"},
                           reference_date=REFERENCE)
    assert result.ok and result.rows[0]["family_name"] == "Müller, Anna"


def test_suggest_mapping_understands_german_and_english_headers():
    header = [" PERSONEN-ID ", "Nachname", "Vorname", "Strasse", "Hausnr.", "Postleitzahl", "Wohnort",
              "geb.", "GESCHLECHT", "Stadtteil", "Religion", ""]
    assert suggest_mapping(header) == {
        "person_id": "PERSONEN-ID", "family_name": "Nachname", "given_names": "Vorname", "street": "Strasse",
        "house_number": "Hausnr.", "postcode": "Postleitzahl", "town": "Wohnort", "birth_date": "geb.",
        "gender": "GESCHLECHT", "district": "Stadtteil", EXTRA: ["Religion"],
    }
    english = ["ID", "Last name", "First name", "Street", "House number", "ZIP", "City", "Date of birth", "Sex",
               "District", "Nationality"]
    assert suggest_mapping(english) == {
        "person_id": "ID", "family_name": "Last name", "given_names": "First name", "street": "Street",
        "house_number": "House number", "postcode": "ZIP", "town": "City", "birth_date": "Date of birth",
        "gender": "Sex", "district": "District", EXTRA: ["Nationality"],
    }
    short = suggest_mapping(["Ordnungsmerkmal", "Name", "Vornamen", "Straße", "Hnr", "PLZ", "Ort",
                             "Geburtsjahr", "Geschl.", "Stadtbezirk", "Geburtsdatum (TT.MM.JJJJ)"])
    assert (short["family_name"], short["house_number"], short["birth_year"], short["gender"], short["district"],
            short["birth_date"]) == ("Name", "Hnr", "Geburtsjahr", "Geschl.", "Stadtbezirk", "Geburtsdatum (TT.MM.JJJJ)")
    assert short[EXTRA] == []
    assert suggest_mapping(["Spalte A", "Spalte B"]) == {EXTRA: ["Spalte A", "Spalte B"]}


def test_fields_say_what_is_required():
    assert FIELDS["person_id"].required and FIELDS["person_id"].alternative is None
    assert FIELDS["birth_date"].alternative == "birth_year" and FIELDS["birth_year"].alternative == "birth_date"
    assert [name for name, f in FIELDS.items() if not f.required] == [
        "family_name", "given_names", "street", "house_number", "postcode", "town", "gender", "district"]


# --- small helpers -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("01.02.1980", date(1980, 2, 1)), ("1.2.1980", date(1980, 2, 1)), ("01.2.1980", date(1980, 2, 1)),
    ("1980-02-01", date(1980, 2, 1)), ("1980-2-1", date(1980, 2, 1)), ("01.02.1980 00:00", date(1980, 2, 1)),
    ("29.02.2000", date(2000, 2, 29)),
    ("29.02.1900", None), ("31.02.1980", None), ("01.02.80", None), ("1980/02/01", None), ("", None),
    ("01.02.1980 12:30", None), ("0a.02.1980", None), ("１2.02.1980", None), ("+1.02.1980", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("value, expected", [
    ("m", "m"), ("M", "m"), (" männlich ", "m"), ("Male", "m"), ("w", "w"), ("W", "w"), ("F", "w"),
    ("weiblich", "w"), ("female", "w"), ("d", "d"), ("divers", "d"), ("", ""), ("  ", ""), ("x", ""),
    ("ohne Angabe", ""), ("k.A.", ""), ("q", None), ("1", None), ("mw", None),
])
def test_normalize_gender(value, expected):
    assert normalize_gender(value) == expected


def test_household_key_unifies_spellings():
    def key(street, number, postcode="07743"):
        return household_key({"street": street, "house_number": number, "postcode": postcode})

    same = [("Hauptstraße", "12a"), ("Hauptstr.", "12 A"), ("HAUPTSTRASSE", "12 a"),
            ("Hauptstrasse", "12A"), ("  Haupt-Straße ", "12a"), ("Hauptstr", " 12a ")]
    assert len({key(street, number) for street, number in same}) == 1
    assert key("Karl-Marx-Allee", "3") == key("Karl Marx  Allee", "3")
    assert key("Löbdergraben", "1") == key("Loebdergraben", "1") == key("LÖBDERGRABEN", "1")
    assert key("Str. des 17. Juni", "5") == key("Straße des 17. Juni", "5")
    assert key("Erfurter Str.", "5") == key("Erfurter Straße", "5")
    different = {key("Hauptstraße", "12a"), key("Hauptstraße", "12"), key("Hauptstraße", "12b"),
                 key("Hauptstraße", "12a", "07745"), key("Hauptweg", "12a"), key("Straußweg", "12a")}
    assert len(different) == 6
    assert key("Straußweg", "1") != key("Strasseweg", "1")


def test_household_keys_of_a_read_extract_match_the_generated_households(rows):
    result = read_register(encode(rows), {**MAPPING, EXTRA: []}, reference_date=REFERENCE)
    by_key = defaultdict(set)
    for row in result.rows:
        by_key[household_key(row)].add(row["person_id"])
    generated = defaultdict(set)
    for row in rows:
        generated[(row["street"], row["house_number"], row["postcode"])].add(row["person_id"])
    assert sorted(map(sorted, by_key.values())) == sorted(map(sorted, generated.values()))
    assert 0.35 <= sum(len(ids) == 1 for ids in by_key.values()) / len(by_key) <= 0.47


# --- speed (printed, not asserted) ----------------------------------------------------------------

def test_speed_for_a_city_the_size_of_leipzig(capsys):
    """LOTTERY_SPEED_ROWS=600000 measures the real size; the default keeps the suite fast."""
    count = int(os.environ.get("LOTTERY_SPEED_ROWS", "60000"))
    started = time.perf_counter()
    generated = generate_register(count, seed=5)
    generating = time.perf_counter() - started
    buffer = io.BytesIO()
    started = time.perf_counter()
    write_csv(generated, buffer)
    writing = time.perf_counter() - started
    data = buffer.getvalue()
    del generated, buffer
    started = time.perf_counter()
    result = read_register(data, suggest_mapping(sniff(data).header), reference_date=REFERENCE)
    reading = time.perf_counter() - started
    assert result.ok and result.row_count == count
    scale = 600_000 / count
    with capsys.disabled():
        print(f"\n{count:,} rows ({len(data) / 1e6:.1f} MB): generate {generating:.2f} s, write {writing:.2f} s, "
              f"read {reading:.2f} s; for 600,000 about {generating * scale:.1f} / {writing * scale:.1f} / "
              f"{reading * scale:.1f} s")


# --- what the database accepts: every rule of the table, checked by line -------------------------

def table_rules():
    """The rules as the import uses them: read from the model's columns by the services."""
    from participation.lottery.services import register_rules

    return register_rules()


# A value breaking each rule of a column, as a cell of the file ({header: cell}), and what the
# problem says. The rules come from the model: a new rule without a breaking value here fails.
def breaking_cells(key, rule):
    if rule.max_length is not None and key in FIELDS:
        if key == "gender":  # normalized to one letter: a longer value is an unknown gender
            return {"Geschlecht": "weiblich-divers"}, "Geschlecht „weiblich-divers“ ist unbekannt"
        if key == "postcode":  # exactly five digits, so a longer one is refused by its format first
            return {"PLZ": "0" * (rule.max_length + 1)}, "hat nicht genau fünf Ziffern"
        header = {v: k for k, v in MAPPING.items()}
        column = next(c for c, name in header.items() if name == key) if key in MAPPING.values() else MAPPING[key]
        return {column: "X" * (rule.max_length + 1)}, f"hat {rule.max_length + 1} Zeichen; gespeichert werden können höchstens {rule.max_length}."
    if key == "household":
        # An ASCII street and a house number within their own limits whose key ("str" -> "strasse") is too long.
        rules = table_rules()
        return ({"Straße": "Str " * (rules["street"].max_length // 4), "Hausnummer": "1" * rules["house_number"].max_length},
                "Der Haushaltsschlüssel (aus Postleitzahl, Straße und Hausnummer) hätte")
    if key == "birth_year":
        return {"Geburtsdatum": "01.01.99999"}, "ist kein gültiges Datum"
    return None


def test_every_rule_of_the_register_table_is_checked_by_line():
    rules = table_rules()
    assert rules["given_names"].max_length == 160 and rules["household"].max_length == 300
    lines, expected = [HEADER, line("R0")], {}
    header = HEADER.split(";")
    for key, rule in rules.items():
        broken = breaking_cells(key, rule)
        if broken is None:
            # No limit the file could break: NULL-able, or a type a value cannot leave (birth_date, extra).
            assert rule.max_length is None and rule.choices is None, key
            continue
        cells, message = broken
        values = line(f"R{len(lines)}").split(";")
        for column, cell in cells.items():
            values[header.index(column)] = cell
        expected[len(lines) + 1] = message
        lines.append(";".join(values))
    exact = line(f"R{len(lines)}").split(";")  # every field exactly at its limit: fine
    for key, column in MAPPING.items():
        if key in ("given_names", "family_name", "town", "district", "house_number", "person_id"):
            exact[header.index(column)] = "Y" * rules[key].max_length
    lines.append(";".join(exact))
    result = read_text("\n".join(lines), rules=rules)
    by_line = defaultdict(list)
    for problem in result.problems:
        by_line[problem.line].append(problem.message)
    assert sorted(by_line) == sorted(expected), by_line
    for number, message in expected.items():
        assert any(m.startswith(f"Zeile {number}: ") and message in m for m in by_line[number]), (number, by_line)
    assert {"given_names", "family_name", "house_number", "town", "district", "street", "person_id",
            "household"} <= {k for k, r in rules.items() if breaking_cells(k, r)}
    # Without the rules (as the verification reads a published register) the same file has none of them.
    assert not any("Zeichen" in p.message for p in read_text("\n".join(lines)).problems)


def test_a_first_name_of_320_characters_is_a_problem_and_nul_characters_too():
    rules = table_rules()
    text = "\n".join([HEADER, line("R1", given="A" * 320), line("R2", town="Je\x00na"),
                      line("R3", street="ß" * 150), line("R4", number="1" * 21)])
    result = read_text(text, {**MAPPING, EXTRA: []}, rules=rules)
    messages = [p.message for p in result.problems]
    assert messages == [
        "Zeile 2: Vornamen „" + "A" * 60 + "…“ hat 320 Zeichen; gespeichert werden können höchstens 160.",
        "Zeile 3: Ort enthält ein NUL-Zeichen (Byte 0), das nicht gespeichert werden kann.",
        "Zeile 4: Der Haushaltsschlüssel (aus Postleitzahl, Straße und Hausnummer) hätte 309 Zeichen; "
        "gespeichert werden können höchstens 300.",
        "Zeile 5: Hausnummer „111111111111111111111“ hat 21 Zeichen; gespeichert werden können höchstens 20.",
    ]
    assert not result.ok and result.problem_count == 4


def test_the_rule_checker_knows_choices_ranges_and_required_values():
    from participation.lottery.register_csv import ColumnRule, RuleChecker, rule_problems

    row = {"person_id": "R1", "gender": "d", "birth_year": None, "given_names": "Anna", "street": "Weg",
           "house_number": "1", "postcode": "07743", "extra": {}}
    check = RuleChecker({"gender": ColumnRule(max_length=1, nullable=False, choices=("m", "w")),
                         "birth_year": ColumnRule(nullable=False, minimum=1900, maximum=2100)})
    assert check(row) == ["Geburtsjahr fehlt; hier ist ein Wert erforderlich.",
                          "Geschlecht „d“ ist keiner der Werte, die gespeichert werden können (m, w)."]
    assert check(dict(row, gender="w", birth_year=1980)) == []
    assert check(dict(row, gender="w", birth_year=2200)) == [
        "Geburtsjahr „2200“ liegt außerhalb dessen, was gespeichert werden kann (1900 bis 2100)."]
    count, first = rule_problems([dict(row, gender="w", birth_year=1980), dict(row, person_id="R2", extra={"A": "x\x00"})],
                                 {"gender": ColumnRule(max_length=1)})
    assert count == 1 and first == ["Datensatz 2 (Personen-ID „R2“): Die Spalte „A“ enthält ein NUL-Zeichen (Byte 0), "
                                    "das nicht gespeichert werden kann."]
    with pytest.raises(ValueError):
        RuleChecker({"religion": ColumnRule(max_length=3)})


# --- values damaged by an encoding: warnings, not problems -----------------------------------------

def test_a_windows_1252_export_that_could_not_write_letters_gives_warnings_by_line():
    names = [("R1", "Nguyễn", "Văn An"), ("R2", "Yılmaz", "Ayşe"), ("R3", "Müller", "Jürgen"),
             ("R4", "Weiß", "Anna-Lena"), ("R5", "Иванов", "Olga")]
    text = "\r\n".join([HEADER] + [line(pid, family=family, given=given) for pid, family, given in names]) + "\r\n"
    data = text.encode("cp1252", errors="replace")  # what an export in Windows-1252 writes for what it lacks
    assert b"Nguy?n;V?n An" in data and b"Ay?e" in data and b"M\xfcller" in data
    result = read_register(data, MAPPING, reference_date=REFERENCE)
    assert result.ok and result.encoding == "cp1252"  # warnings are no problems
    assert [(w.line, w.column, w.value, w.kind) for w in result.warnings] == [
        (2, "Familienname", "Nguy?n", "question_mark"), (2, "Vornamen", "V?n An", "question_mark"),
        (3, "Familienname", "Y?lmaz", "question_mark"), (3, "Vornamen", "Ay?e", "question_mark"),
        (6, "Familienname", "??????", "question_mark")]
    assert result.warning_count == 5
    assert result.warnings[0].message == (
        "Zeile 2, Spalte „Familienname“: „Nguy?n“ enthält ein „?“ in einem Wort: Vermutlich konnte der Export "
        "einen Buchstaben (etwa „ş“ oder „ễ“) nicht darstellen.")
    assert len(result.warnings_digest) == 64


def test_utf8_read_as_windows_1252_and_replacement_characters_give_warnings():
    text = "\r\n".join([HEADER, line("R1", family="Müller", street="Große Straße"), line("R2", family="Weiß"),
                        line("R3", family="Öztürk", district="Zwätzen")]) + "\r\n"
    header, _, body = text.partition("\r\n")
    # The rows converted twice on their way (UTF-8 read as Windows-1252, saved as UTF-8): "MÃ¼ller".
    once_wrong = (header + "\r\n").encode("utf-8") + body.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "MÃ¼ller".encode() in once_wrong
    result = read_register(once_wrong, MAPPING, reference_date=REFERENCE)
    assert result.ok and result.encoding == "utf-8"
    assert [(w.line, w.column, w.value) for w in result.warnings] == [
        (2, "Familienname", "MÃ¼ller"), (2, "Straße", "GroÃŸe StraÃŸe"), (3, "Familienname", "WeiÃŸ"),
        (3, "Straße", "HauptstraÃŸe"), (4, "Familienname", "Ã–ztÃ¼rk"), (4, "Straße", "HauptstraÃŸe"),
        (4, "Ortsteil", "ZwÃ¤tzen")]
    assert result.warnings[0].message == (
        "Zeile 2, Spalte „Familienname“: „MÃ¼ller“ sieht falsch kodiert aus („Ã¼“ statt eines Umlauts oder "
        "Sonderzeichens); gemeint ist vermutlich „Müller“.")
    assert {w.kind for w in result.warnings} == {"mojibake"}

    # A UTF-8 file with one stray Windows-1252 byte is read as Windows-1252 as a whole: every umlaut is mojibake.
    stray = text.encode("utf-8").replace(b"Zentrum", b"Zentrum\x80", 1)
    sniffed = sniff(stray)
    assert sniffed.encoding == "cp1252" and "StraÃŸe" in sniffed.header
    read = read_register(stray, suggest_mapping(sniffed.header), reference_date=REFERENCE)
    assert read.ok and read.rows[0]["family_name"] == "MÃ¼ller"
    assert [(w.line, w.column, w.value) for w in read.warnings] == [
        (2, "Familienname", "MÃ¼ller"), (2, "StraÃŸe", "GroÃŸe StraÃŸe"), (3, "Familienname", "WeiÃŸ"),
        (3, "StraÃŸe", "HauptstraÃŸe"), (4, "Familienname", "Ã–ztÃ¼rk"), (4, "Ortsteil", "ZwÃ¤tzen"),
        (4, "StraÃŸe", "HauptstraÃŸe")]  # its damaged header is not recognized: the street is kept as an extra

    lost = (HEADER + "\n" + line("R1", family="M\ufffdller") + "\n").encode("utf-8")
    replaced = read_register(lost, MAPPING, reference_date=REFERENCE)
    assert [(w.line, w.kind) for w in replaced.warnings] == [(2, "replacement")]
    assert replaced.warnings[0].message.startswith("Zeile 2, Spalte „Familienname“: „M\ufffdller“ enthält das Ersatzzeichen")


def test_warnings_digest_names_exactly_the_warnings():
    text = "\n".join([HEADER + ";Bemerkung", line("R1", family="Nguy?n") + ";ok", line("R2") + ";Ã¼"])
    data = text.encode("utf-8")
    one = read_register(data, MAPPING, reference_date=REFERENCE)
    with_extra = read_register(data, {**MAPPING, EXTRA: ["Bemerkung"]}, reference_date=REFERENCE)
    assert one.warning_count == 1 and with_extra.warning_count == 2
    assert with_extra.warnings[1][:3] == (3, "Bemerkung", "Ã¼")
    assert one.warnings_digest != with_extra.warnings_digest
    assert read_register(data, MAPPING, reference_date=REFERENCE).warnings_digest == one.warnings_digest
    assert read_register(data, {"person_id": "Ordnungsmerkmal", "birth_date": "Geburtsdatum"},
                         reference_date=REFERENCE).warnings_digest == ""


@pytest.mark.parametrize("value", ["Müller", "João", "NUÑEZ", "Åsa", "Ärztehaus", "Straße des 17. Juni", "O'Brien",
                                   "Jean-Luc", "Zoë", "Œuvre", "Café", "Ştefan", "Łukasz", "12½", "§ 3", "?", "",
                                   "Frage ?", "Ärzte–Haus"])
def test_ordinary_values_give_no_warning(value):
    from participation.lottery.register_csv import suspicious

    assert suspicious(value) is None


def test_synthetic_extracts_give_no_warnings(rows):
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        result = read_register(encode(rows, encoding=encoding), {**MAPPING, EXTRA: ["Staatsangehörigkeit"]},
                               reference_date=REFERENCE)
        assert result.ok and result.warnings == [] and result.warnings_digest == ""


@pytest.mark.parametrize("value, kind", [
    ("Nguy?n", "question_mark"), ("Th?", "question_mark"), ("?ahin", "question_mark"), ("??????", "question_mark"),
    ("M\ufffdller", "replacement"), ("MÃ¼ller", "mojibake"), ("WeiÃŸ", "mojibake"), ("Ã„rzte", "mojibake"),
    ("Ã–zil", "mojibake"), ("Ãœbach", "mojibake"), ("RenÃ©", "mojibake"), ("Kaiserâ€“Str.", "mojibake"),
    ("AyÅŸe", "mojibake"), ("YÄ±lmaz", "mojibake"), ("M\x9fller", "mojibake"),
])
def test_damaged_values_are_recognized(value, kind):
    from participation.lottery.register_csv import suspicious

    assert suspicious(value)[0] == kind
