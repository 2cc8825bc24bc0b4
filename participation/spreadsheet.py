"""CSV for spreadsheet programs (Excel, LibreOffice): UTF-8 with a byte-order mark, `;`, CRLF, and
text cells that would start a formula prefixed with an apostrophe, so that a name such as
"=HYPERLINK(...)" typed by a resident is shown as text instead of being run."""
import csv
import io

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
        writer.writerow([cell if isinstance(cell, int | float) and not isinstance(cell, bool) else guard(cell)
                         for cell in row])
    return buffer.getvalue().encode("utf-8")
