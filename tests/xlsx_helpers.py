"""Reading the XLSX exports back with openpyxl, and comparing them with their CSV siblings."""
import csv
import io
from datetime import date, datetime

import openpyxl

from participation.spreadsheet import decimal_text


def xlsx_rows(data):
    """Every row of the first sheet as cell values; fails on any formula cell."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        assert not [c.coordinate for c in row if c.data_type == "f"], "no formula cells"
        rows.append([c.value for c in row])
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows]


def xlsx_cells(data):
    """Every cell of the first sheet (for types and number formats)."""
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows()]


def csv_rows(data):
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def as_csv_text(value, csv_text=""):
    """An XLSX value written as its CSV sibling writes it (text guarded with an apostrophe there)."""
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, str):
        text = str(value)
        return "'" + text if csv_text == "'" + text else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_text(value)
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and len(csv_text) == 10:
            return value.date().isoformat()
        # CSV carries microseconds and the UTC offset; XLSX keeps milliseconds, no zone
        parsed = datetime.fromisoformat(csv_text).replace(tzinfo=None) if csv_text else None
        return csv_text if parsed and abs((parsed - value).total_seconds()) < 0.001 else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def assert_same_rows(csv_data, xlsx_data):
    """The XLSX holds exactly the CSV's header and rows."""
    from_csv, from_xlsx = csv_rows(csv_data), xlsx_rows(xlsx_data)
    assert len(from_csv) == len(from_xlsx)
    for line, (a, b) in enumerate(zip(from_csv, from_xlsx)):
        b = b + [None] * (len(a) - len(b))
        assert a == [as_csv_text(value, text) for value, text in zip(b, a)], line
