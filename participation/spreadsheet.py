"""CSV for spreadsheet programs (Excel, LibreOffice): UTF-8 with a byte-order mark, `;`, CRLF, and
text cells that would start a formula prefixed with an apostrophe, so that a name such as
"=HYPERLINK(...)" typed by a resident is shown as text instead of being run."""
import csv
import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_BIDI_OVERRIDES = dict.fromkeys(range(0x202A, 0x202F))  # would turn a cell's text around (see templating)


def guard(value):
    """A cell as text that a spreadsheet will not read as a formula, and without bidi overrides."""
    value = "" if value is None else str(value).translate(_BIDI_OVERRIDES)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_bytes(header, rows, *, delimiter=";"):
    """Every cell that is not a number is guarded; numbers stay numbers."""
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([guard(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


# --- typed values, one helper for every decimal ---------------------------------------------

SIGNIFICANT_DIGITS = 12  # a float carries 15 to 17; the noise of arithmetic sits in the last of them


def decimal_value(value, places=None):
    """`value` as a Decimal without floating-point noise (2029.9999999999998 -> 2030), or None: rounded
    to `places` decimal places where the column has a precision, else to 12 significant digits."""
    if value is None or value == "":
        return None
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)) if isinstance(value, float)
                                                               else str(value))
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif number:
        number = number.quantize(Decimal(1).scaleb(number.adjusted() - SIGNIFICANT_DIGITS + 1),
                                 rounding=ROUND_HALF_UP)
    return number.normalize() + 0  # + 0: -0 becomes 0


def decimal_text(value, places=None, decimal=","):
    """The rounded decimal as text for CSV, with the German decimal comma, no exponent, no thousands
    separator ("" for None)."""
    number = decimal_value(value, places)
    return "" if number is None else format(number, "f").replace(".", decimal)


def _is_number(cell):
    return isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)


def csv_cell(cell):
    """A typed cell as CSV text: numbers through `decimal_text` (integers as they are), dates as ISO 8601
    (which German Excel reads as dates), everything else guarded text."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    if _is_number(cell):
        return decimal_text(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return guard(cell)


# --- XLSX ---------------------------------------------------------------------------------

GERMAN_DATE = "DD.MM.YYYY"
GERMAN_DATETIME = "DD.MM.YYYY HH:MM:SS"
GERMAN_INTEGER = "#,##0"
GERMAN_DECIMAL = "#,##0.0#####"  # Excel shows "," and "." of the reader's locale: 2.029,5 in German Excel
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAX_SHEET_TEXT = 32767  # Excel's limit for one cell


def xlsx_bytes(header, rows, *, sheet="Export"):
    """The same header and typed rows as `csv_bytes`, as an Excel workbook (XlsxWriter, constant memory).

    Types decide the cell: str stays a text cell (a postcode "07743" keeps its zero, and text starting
    with = + - @ is stored as text, never as a formula), int/float/Decimal become numbers (decimals
    rounded by `decimal_value`), date and datetime become dates in German format, None stays empty."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True,
                                            "strings_to_formulas": False, "strings_to_numbers": False,
                                            "strings_to_urls": False, "remove_timezone": True})
    bold = workbook.add_format({"bold": True})
    formats = {"date": workbook.add_format({"num_format": GERMAN_DATE}),
               "datetime": workbook.add_format({"num_format": GERMAN_DATETIME}),
               "int": workbook.add_format({"num_format": GERMAN_INTEGER}),
               "decimal": workbook.add_format({"num_format": GERMAN_DECIMAL})}
    worksheet = workbook.add_worksheet(sheet[:31])
    widths = [min(max(len(str(h)), 6), 40) for h in header]
    for col, heading in enumerate(header):
        worksheet.write_string(0, col, _text(heading), bold)
    for r, row in enumerate(rows, start=1):
        for col, cell in enumerate(row):
            _write(worksheet, r, col, cell, formats)
            if col < len(widths) and isinstance(cell, str):
                widths[col] = min(max(widths[col], len(cell)), 60)
    for col, width in enumerate(widths):
        worksheet.set_column(col, col, width + 2)
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _text(value):
    return ("" if value is None else str(value)).translate(_BIDI_OVERRIDES)[:_MAX_SHEET_TEXT]


def _write(worksheet, row, col, cell, formats):
    if cell is None or cell == "":
        return
    if isinstance(cell, bool):
        worksheet.write_string(row, col, "ja" if cell else "nein")
    elif isinstance(cell, int):
        worksheet.write_number(row, col, cell, formats["int"])
    elif _is_number(cell):
        number = decimal_value(cell)
        integral = number == number.to_integral_value()
        worksheet.write_number(row, col, int(number) if integral else float(number),
                               formats["int" if integral else "decimal"])
    elif isinstance(cell, datetime.datetime):
        worksheet.write_datetime(row, col, cell.replace(tzinfo=None), formats["datetime"])
    elif isinstance(cell, datetime.date):
        worksheet.write_datetime(row, col, datetime.datetime.combine(cell, datetime.time()), formats["date"])
    else:
        worksheet.write_string(row, col, _text(cell))  # always a text cell: never a formula or a number


def table_bytes(fmt, header, rows, *, sheet="Export"):
    """The export in `fmt` ("csv" or "xlsx") from one header and one list of typed rows."""
    rows = list(rows)
    return xlsx_bytes(header, rows, sheet=sheet) if fmt == "xlsx" else csv_bytes(header, rows)


# A mimetype, not a Content-Type: Werkzeug adds "; charset=utf-8" to text/* itself (given
# "text/csv; charset=utf-8" as mimetype it would add a second charset).
CSV_MIMETYPE = "text/csv"
MIMETYPES = {"csv": CSV_MIMETYPE, "xlsx": XLSX_MIMETYPE}
