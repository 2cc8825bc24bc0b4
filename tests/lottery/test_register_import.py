"""The register import against the database's own rules, and values damaged by an encoding.

Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL): every value the register table would refuse
is a problem by line in the preview (service and page), nothing is imported and nothing answers
5xx; the import refuses such rows even when they skip the preview. Values that look damaged by an
encoding are warnings the staff member must confirm.
"""
import io
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participation.database import unit_of_work
from participation.errors import ValidationFailed
from participation.lottery import services
from participation.lottery.models import LotteryAccess, RegisterExtract, RegisterPerson, RegisterUpload
from participation.lottery.register_csv import EXTRA, FIELDS, read_register

HEADER = "Ordnungsmerkmal;Familienname;Vornamen;Straße;Hausnummer;PLZ;Ort;Geburtsdatum;Geschlecht;Ortsteil;Bemerkung"
COLUMNS = {"person_id": 0, "family_name": 1, "given_names": 2, "street": 3, "house_number": 4, "postcode": 5,
           "town": 6, "birth_date": 7, "gender": 8, "district": 9, "extra": 10}


def line(n, **cells):
    values = [f"R{n:06d}", "Muster", "Anna", "Hauptstraße", str(n), "07743", "Jena", "01.02.1980", "w", "Zentrum", ""]
    for key, value in cells.items():
        values[COLUMNS[key]] = value
    return ";".join(values)


def breaking_lines(rules):
    """One line per rule of the table that a file can break (derived from the rules), and what it must say.

    Starts after 60 good lines, so that a NUL character lies beyond what the upload looks at first.
    """
    lines, expected = [HEADER] + [line(n) for n in range(1, 61)], {}

    def add(message, **cells):
        lines.append(line(len(lines), **cells))
        expected[len(lines)] = message

    for key in ("person_id", "family_name", "given_names", "street", "house_number", "town", "district"):
        limit = rules[key].max_length
        add(f"hat {limit + 1} Zeichen; gespeichert werden können höchstens {limit}.", **{key: "Ä" * (limit + 1)})
    add("hat nicht genau fünf Ziffern", postcode="0" * (rules["postcode"].max_length + 1))
    add("Geschlecht „wm“ ist unbekannt", gender="wm")  # the column holds one letter
    add("Der Haushaltsschlüssel (aus Postleitzahl, Straße und Hausnummer) hätte",
        street="ß" * rules["street"].max_length)  # within the street's limit, "ss" in the key
    add("Die Personen-ID fehlt.", person_id="")  # NOT NULL, and the key of a person
    add("liegt vor 1900", birth_date="31.12.1899")
    add("ist kein gültiges Datum", birth_date="01.01.19800")
    add("Ort enthält ein NUL-Zeichen", town="Je\x00na")
    add("Die Spalte „Bemerkung“ enthält ein NUL-Zeichen", extra="a\x00b")
    lines.append(line(len(lines), given_names="Y" * rules["given_names"].max_length))  # exactly at the limit: fine
    return ("\r\n".join(lines) + "\r\n").encode("utf-8"), expected


MAPPING = {**{name: HEADER.split(";")[i] for name, i in COLUMNS.items() if name != "extra"}, EXTRA: ["Bemerkung"]}


def counts(db):
    return (db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)),
            db.session.scalar(sa.select(sa.func.count()).select_from(RegisterExtract)))


def test_the_rules_are_read_from_the_model_and_cover_every_column(db):
    rules = services.register_rules()
    table = RegisterPerson.__table__
    assert set(rules) == {c.name for c in table.columns} - {"id", "extract_id"}
    for name, rule in rules.items():
        column = table.c[name]
        assert rule.max_length == getattr(column.type, "length", None), name
        assert rule.nullable == column.nullable, name
    assert (rules["given_names"].max_length, rules["house_number"].max_length, rules["household"].max_length) == (
        160, 20, 300)
    assert rules["birth_year"].maximum == 2 ** 31 - 1
    # A CHECK constraint the rules do not express would let rows through to the database: there is none.
    assert not [c for c in table.constraints if isinstance(c, sa.CheckConstraint)]
    assert set(FIELDS) | {"household", EXTRA} >= set(rules)


def test_the_preview_reports_every_broken_rule_by_line_and_nothing_is_imported(db, lottery):
    data, expected = breaking_lines(services.register_rules())
    with unit_of_work():
        upload = services.stage_upload(lottery.staff, lottery.process, "zu-lang.csv", data)
    with unit_of_work():
        preview = services.preview_upload(lottery.staff, lottery.process, upload, MAPPING)
    read = preview.read
    by_line = {}
    for problem in read.problems:
        by_line.setdefault(problem.line, []).append(problem.message)
    assert sorted(by_line) == sorted(expected)
    for number, message in expected.items():
        assert any(m.startswith(f"Zeile {number}: ") and message in m for m in by_line[number]), (number, by_line)
    with pytest.raises(ValidationFailed) as refused, unit_of_work():
        services.import_upload(lottery.staff, lottery.process, upload, MAPPING, date.today() + timedelta(days=30))
    assert f"{read.problem_count} Fehler" in str(refused.value.message)
    assert counts(db) == (0, 0)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterUpload)) == 1  # still there to fix


def test_the_import_refuses_rows_that_skipped_the_preview(db, lottery):
    data, _ = breaking_lines(services.register_rules())
    unchecked = read_register(data, MAPPING)  # read without the table's rules
    good = [row for row in unchecked.rows if row["person_id"] and all(
        "\x00" not in str(v) for v in (*row.values(), *row["extra"].values()))]
    rows = good[:60] + [dict(good[0], person_id="R999999", given_names="A" * 320),
                        dict(good[1], person_id="R999998", town="Je\x00na")]
    with unit_of_work():
        extract = RegisterExtract(process_id=lottery.process.id, filename="x.csv", fingerprint="0" * 64,
                                  encoding="utf-8", delimiter=";", mapping={}, row_count=len(rows),
                                  retention_until=date.today() + timedelta(days=30))
        db.session.add(extract)
        db.session.flush()
        with pytest.raises(ValidationFailed) as refused:
            services.insert_register_rows(extract.id, rows)
        # The savepoint undid the rows, and the session goes on (the extract is rolled back below).
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 0
        db.session.rollback()
    message = str(refused.value.message)
    assert message.startswith("2 Werte passen nicht in die Registertabelle; es wurde nichts importiert.")
    assert "Datensatz 61 (Personen-ID „R999999“): Vornamen" in message and "hat 320 Zeichen" in message
    assert "Datensatz 62 (Personen-ID „R999998“): Ort enthält ein NUL-Zeichen" in message
    assert counts(db) == (0, 0)
    with unit_of_work():  # the same rows without the broken ones go in
        extract = RegisterExtract(process_id=lottery.process.id, filename="x.csv", fingerprint="0" * 64,
                                  encoding="utf-8", delimiter=";", mapping={}, row_count=60,
                                  retention_until=date.today() + timedelta(days=30))
        db.session.add(extract)
        db.session.flush()
        services.insert_register_rows(extract.id, rows[:60])
    assert counts(db) == (60, 1)


def test_the_preview_page_lists_the_lines_and_the_import_answers_without_5xx(db, lottery, make_client):
    client = make_client()
    client.login(lottery.staff.email)
    base = f"/processes/{lottery.process.slug}/lottery"
    data, expected = breaking_lines(services.register_rules())
    response = client.post(f"{base}/register/upload", {"file": (io.BytesIO(data), "zu-lang.csv")},
                           form_url=f"{base}/register/upload", content_type="multipart/form-data")
    assert response.status_code == 302
    url = response.headers["Location"]
    form = {f"map_{name}": column for name, column in MAPPING.items() if name != EXTRA}
    page = client.post(url, dict(form, extra="Bemerkung", action="preview"), form_url=url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    problems = re.search(r'<ul class="problems">(.*?)</ul>', html, re.S).group(1)
    for number in expected:
        assert f"<li>Zeile {number}: " in problems, number
    assert "Zeile 61: " not in problems and "„Y" not in problems
    assert re.search(r'value="import"[^>]*disabled', html)
    response = client.post(url, dict(form, extra="Bemerkung", action="import", retention_until=str(
        date.today() + timedelta(days=30))), form_url=url)
    assert response.status_code == 200
    assert "es wurde nichts importiert" in response.get_data(as_text=True)
    assert counts(db) == (0, 0)


# --- warnings ----------------------------------------------------------------------------------------

def damaged_extract():
    """A real Windows-1252 export (with "?" for what it could not write) and a value converted twice."""
    names = [("Nguyễn", "Văn"), ("Yılmaz", "Ayşe"), ("Müller", "Jürgen"), ("Weiß", "Anna")]
    lines = [HEADER] + [line(n + 1, family_name=family, given_names=given) for n, (family, given) in enumerate(names)]
    lines.append(line(5, family_name="Müller".encode().decode("cp1252")))  # "MÃ¼ller"
    return ("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace")


def test_warnings_must_be_confirmed_before_the_import(db, lottery):
    data = damaged_extract()
    assert b"Nguy?n" in data and b"Ay?e" in data and b"M\xc3\xbcller" in data
    with unit_of_work():
        upload = services.stage_upload(lottery.staff, lottery.process, "export.csv", data)
    with unit_of_work():
        preview = services.preview_upload(lottery.staff, lottery.process, upload, MAPPING)
    read = preview.read
    assert read.ok and read.encoding == "cp1252"
    assert [(w.line, w.column, w.value) for w in read.warnings] == [
        (2, "Familienname", "Nguy?n"), (2, "Vornamen", "V?n"), (3, "Familienname", "Y?lmaz"), (3, "Vornamen", "Ay?e"),
        (6, "Familienname", "MÃ¼ller")]
    retention = date.today() + timedelta(days=30)
    for confirmed, field_message in ((None, "Bitte bestätigen Sie vor dem Import die als Warnung markierten Werte."),
                                     ("0" * 64, "Die Warnungen haben sich seit Ihrer Bestätigung geändert")):
        with pytest.raises(ValidationFailed) as refused, unit_of_work():
            services.import_upload(lottery.staff, lottery.process, upload, MAPPING, retention,
                                   confirmed_warnings=confirmed)
        assert str(refused.value.errors["confirm_warnings"][0]).startswith(field_message)
        assert counts(db) == (0, 0)
    with unit_of_work():
        extract = services.import_upload(lottery.staff, lottery.process, upload, MAPPING, retention,
                                         confirmed_warnings=read.warnings_digest)
    assert extract.row_count == 5 and counts(db) == (5, 1)
    stored = set(db.session.scalars(sa.select(RegisterPerson.family_name)))
    assert stored == {"Nguy?n", "Y?lmaz", "Müller", "Weiß", "MÃ¼ller"}  # as confirmed, nothing changed silently
    access = db.session.scalars(sa.select(LotteryAccess).where(LotteryAccess.action == "confirm_register_warnings")).all()
    assert [(a.row_count, a.user_id) for a in access] == [(5, lottery.staff.id)]


def test_a_clean_extract_needs_no_confirmation(db, lottery, register_bytes):
    extract = lottery.import_register(count=50)  # the fixture confirms nothing
    assert extract.row_count == 50
    assert not db.session.scalars(sa.select(LotteryAccess).where(
        LotteryAccess.action == "confirm_register_warnings")).all()


def test_the_page_shows_warnings_and_asks_for_the_checkbox(db, lottery, make_client):
    client = make_client()
    client.login(lottery.staff.email)
    base = f"/processes/{lottery.process.slug}/lottery"
    response = client.post(f"{base}/register/upload", {"file": (io.BytesIO(damaged_extract()), "export.csv")},
                           form_url=f"{base}/register/upload", content_type="multipart/form-data")
    url = response.headers["Location"]
    html = client.get(url).get_data(as_text=True)
    warnings = re.search(r'<div class="notice notice-warning" id="register-warnings">(.*?)</div>', html, re.S).group(1)
    assert "5 Werten" in warnings
    assert ("<li>Zeile 2, Spalte „Familienname“: „Nguy?n“ enthält ein „?“ in einem Wort" in warnings)
    assert "„MÃ¼ller“ sieht falsch kodiert aus („Ã¼“ statt eines Umlauts oder Sonderzeichens); gemeint ist " \
           "vermutlich „Müller“." in warnings
    assert "notice-rejected" not in html  # warnings are no errors
    digest = re.search(r'name="warnings_digest" value="([0-9a-f]{64})"', html).group(1)
    assert 'name="confirm_warnings"' in html
    form = {f"map_{name}": column for name, column in MAPPING.items() if name != EXTRA}
    form.update(action="import", retention_until=str(date.today() + timedelta(days=30)), warnings_digest=digest)
    refused = client.post(url, form, form_url=url)
    assert refused.status_code == 200 and counts(db) == (0, 0)
    page = refused.get_data(as_text=True)
    assert re.search(r'id="confirm_warnings-errors">\s*<li>Bitte bestätigen Sie vor dem Import', page)
    confirmed = client.post(url, dict(form, confirm_warnings="y"), form_url=url)
    assert confirmed.status_code == 302, confirmed.get_data(as_text=True)[:2000]
    assert counts(db) == (5, 1)


def test_a_confirmation_holds_only_for_the_warnings_it_saw(db, lottery, make_client):
    client = make_client()
    client.login(lottery.staff.email)
    base = f"/processes/{lottery.process.slug}/lottery"
    data = (HEADER + "\r\n" + line(1, family_name="Nguy?n") + "\r\n" + line(2, extra="Ã¼") + "\r\n").encode("utf-8")
    response = client.post(f"{base}/register/upload", {"file": (io.BytesIO(data), "export.csv")},
                           form_url=f"{base}/register/upload", content_type="multipart/form-data")
    url = response.headers["Location"]
    html = client.get(url).get_data(as_text=True)  # the suggested mapping keeps "Bemerkung": two warnings
    digest = re.search(r'name="warnings_digest" value="([0-9a-f]{64})"', html).group(1)
    form = {f"map_{name}": column for name, column in MAPPING.items() if name != EXTRA}
    form.update(action="import", retention_until=str(date.today() + timedelta(days=30)), warnings_digest=digest,
                confirm_warnings="y")
    # Confirmed with the one warning of a mapping without "Bemerkung", imported with it: refused.
    narrow = client.post(url, dict(form, action="preview"), form_url=url).get_data(as_text=True)
    narrow_digest = re.search(r'name="warnings_digest" value="([0-9a-f]{64})"', narrow).group(1)
    assert narrow_digest != digest
    assert not re.search(r'name="confirm_warnings"[^>]*checked', narrow)  # not carried over to other warnings
    refused = client.post(url, dict(form, extra="Bemerkung", warnings_digest=narrow_digest), form_url=url)
    assert refused.status_code == 200 and counts(db) == (0, 0)
    assert "Die Warnungen haben sich seit Ihrer Bestätigung geändert" in refused.get_data(as_text=True)
    assert client.post(url, dict(form, extra="Bemerkung"), form_url=url).status_code == 302
    assert counts(db) == (2, 1)


def test_a_file_name_with_a_nul_character_is_stored_without_it(db, lottery, register_bytes):
    with unit_of_work():
        upload = services.stage_upload(lottery.staff, lottery.process, "auszug\x00.csv", register_bytes(5))
    db.session.expire_all()
    assert db.session.get(RegisterUpload, upload.id).filename == "auszug.csv"


def test_the_messages_are_english_for_an_english_speaking_member_of_staff(db, lottery, make_client):
    lottery.staff.locale = "en"
    db.session.commit()
    client = make_client()
    client.login(lottery.staff.email)
    base = f"/processes/{lottery.process.slug}/lottery"
    data = (HEADER + "\r\n" + line(1, family_name="Nguy?n") + "\r\n" + line(2, given_names="A" * 161) + "\r\n"
            ).encode("utf-8")
    response = client.post(f"{base}/register/upload", {"file": (io.BytesIO(data), "export.csv")},
                           form_url=f"{base}/register/upload", content_type="multipart/form-data")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Line 2, column “Familienname”: “Nguy?n” has a “?” in a word" in html  # the file's own header
    assert "Line 3: Given names “" in html and "has 161 characters; at most 160 can be stored." in html
    assert "I have checked the values marked as warnings" in html
