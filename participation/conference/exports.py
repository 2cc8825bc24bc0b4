"""Conference exports: results as CSV (UTF-8 with BOM, `;`, CRLF, as the catalogue's CSV) and XLSX, QR codes
of join links as SVG, and a PDF sheet of join cards (name, role, table, link and QR code) to print."""
import io
import re
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from ..pdf import dark_runs, draw_qr, fonts, qr_modules
from ..spreadsheet import csv_bytes, decimal_value, xlsx_bytes
from .models import label


def _number(value):
    """A figure as a typed cell: integers stay integers, the mean is rounded to two places."""
    if value is None or value == "":
        return None
    return decimal_value(value, 2) if isinstance(value, float) else value


def results_table(rows):
    """Header and typed rows of the results: one line per closed round and item (table, round, method,
    item, ballots and the method's figures). CSV and XLSX are both made from it."""
    header = [_("Table"), _("Round"), _("Method"), _("Item"), _("Ballots"), _("Dots"), _("Approvals"),
              _("Votes"), _("Ranking points"), _("First places"), _("Agreement (mean)"),
              _("Ratings"), "1", "2", "3", "4", "5", _("Idea"), _("Measure")]
    lines = []
    for row in rows:
        figures = row["figures"]
        histogram = figures.get("histogram") or [None] * 5
        item = row["item"]
        lines.append([
            row["table"].topic if row["table"] else _("Plenary"), row["round"].title,
            str(label(row["round"].method)), row["label"], row["ballots"],
            _number(figures.get("dots")), _number(figures.get("approvals")), _number(figures.get("votes")),
            _number(figures.get("points")), _number(figures.get("firsts")), _number(figures.get("mean")),
            _number(figures.get("count")), *[_number(n) for n in histogram],
            item.idea_id if item and item.idea_id else None,
            item.measure.code if item and item.measure else "",
        ])
    return header, lines


def results_csv(conference, rows):
    """The results as CSV (UTF-8 with BOM, `;`, CRLF; text cells guarded against formulas)."""
    return csv_bytes(*results_table(rows))


def results_xlsx(conference, rows):
    """The same results as an XLSX workbook with typed cells."""
    return xlsx_bytes(*results_table(rows), sheet=_("Results"))


def qr_svg(text, module=4, quiet=4):
    """The QR code of `text` as a small SVG (one path of the dark runs)."""
    modules = qr_modules(text)
    count = len(modules)
    size = (count + 2 * quiet) * module
    parts = [f"M{start + quiet} {r + quiet}h{length}v1h-{length}z" for r, start, length in dark_runs(modules)]
    view = count + 2 * quiet
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {view} {view}" '
            f'shape-rendering="crispEdges" role="img" aria-label="{escape(text)}">'
            f'<rect width="{view}" height="{view}" fill="#fff"/><path fill="#000" d="{"".join(parts)}"/></svg>')


CARD_PAD = 5 * mm
CARD_QR = 34 * mm  # with its quiet zone: scans from a table at arm's length


def _pieces(text, font, size, width):
    """The words of `text` as (piece, ends a word); a word wider than `width` is split after its
    hyphens, and where it must when a part is still too wide."""
    pieces = []
    for word in text.split():
        if stringWidth(word, font, size) <= width:
            pieces.append((word, True))
            continue
        parts = re.findall(r"[^-]+-?|-", word)
        for i, part in enumerate(parts):
            while stringWidth(part, font, size) > width and len(part) > 1:
                cut = len(part) - 1
                while cut > 1 and stringWidth(part[:cut], font, size) > width:
                    cut -= 1
                pieces.append((part[:cut], False))
                part = part[cut:]
            pieces.append((part, i == len(parts) - 1))
    return pieces


def _wrap(text, font, size, width_of):
    """Greedy lines; `width_of(n)` is the width of line n (0 first). Returns the lines."""
    pieces = _pieces(text, font, size, min(width_of(n) for n in range(8)))
    lines, line, joined = [], "", True
    for piece, ends_word in pieces:
        candidate = piece if not line else line + (" " if joined else "") + piece
        if line and stringWidth(candidate, font, size) > width_of(len(lines)):
            lines.append(line)
            candidate = piece
        line, joined = candidate, ends_word
    if line:
        lines.append(line)
    return lines


def _draw_lines(page, lines, x, y, font, size, leading):
    page.setFont(font, size)
    for line in lines:
        page.drawString(x, y, line)
        y -= leading


class _CardText:
    """Lines from the top of a card downwards: narrow beside the QR code, the card's width below it,
    never below `floor` (what does not fit ends in "…")."""

    def __init__(self, page, left, y, narrow, wide, qr_bottom, floor):
        self.page, self.left, self.y = page, left, y
        self.narrow, self.wide, self.qr_bottom, self.floor = narrow, wide, qr_bottom, floor

    def width_at(self, y, size):
        return self.narrow if y + 0.95 * size > self.qr_bottom - 1.5 * mm else self.wide

    def write(self, text, font, size, leading, gap=0):
        y = self.y - gap
        lines = _wrap(text, font, size, lambda n: self.width_at(y - n * leading, size))
        room = max(1, int((y - self.floor) // leading) + 1)
        if len(lines) > room:
            lines = lines[:room]
            width = self.width_at(y - (room - 1) * leading, size)
            last = lines[-1]
            while last and stringWidth(last + "…", font, size) > width:
                last = last[:-1]
            lines[-1] = last.rstrip() + "…"
        self.page.setFont(font, size)
        for line in lines:
            self.page.drawString(self.left, y, line)
            y -= leading
        self.y = y


def join_cards_pdf(conference, participants, url_of):
    """A4 sheets of eight join cards (2 × 4), cut along the dashed lines. Each card: the conference
    title across the top; on the left the person's name, role and table, wrapped (never cut in the
    middle of a line); on the right the QR code of their link; across the bottom how to join and
    the whole link, wrapped. Nothing overlaps the QR code."""
    font = fonts()
    buffer = io.BytesIO()
    page = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    page.setTitle(conference.title)
    width, height = A4
    card_w, card_h = (width - 20 * mm) / 2, (height - 20 * mm) / 4
    full = card_w - 2 * CARD_PAD
    column = full - CARD_QR - 3 * mm
    title = font.fix(conference.title)
    for index, person in enumerate(participants):
        if index and index % 8 == 0:
            page.showPage()
        col, row = index % 2, (index % 8) // 2
        x, y = 10 * mm + col * card_w, height - 10 * mm - (row + 1) * card_h
        top = y + card_h
        page.setStrokeGray(0.7)
        page.setLineWidth(0.5)
        page.setDash(2, 2)
        page.rect(x, y, card_w, card_h)
        page.setDash()
        page.setFillGray(0)
        left = x + CARD_PAD
        qr_top = top - 14 * mm
        qr_bottom = qr_top - CARD_QR
        url = url_of(person)
        draw_qr(page, qr_modules(url), x + card_w - CARD_PAD - CARD_QR + 1.2 * mm, qr_bottom, CARD_QR)
        bottom = y + CARD_PAD
        url_lines = _url_lines(url, font.mono, 6.5, full)[:2]
        base = bottom + 1.5 * mm + (len(url_lines) - 1) * 8
        instructions = base + 11
        _draw_lines(page, [_("Scan the code or open the link to join:")], left, instructions, font.regular, 8, 10)
        _draw_lines(page, url_lines, left, base, font.mono, 6.5, 8)
        head = _CardText(page, left, top - CARD_PAD - 2.6 * mm, full, full, qr_top + 20, qr_top)
        head.write(title, font.bold, 8.5, 10)
        text = _CardText(page, left, qr_top - 4.5 * mm, column, full, qr_bottom, instructions + 12)
        name = font.fix(person.display_name)
        name_size = 13 if len(_wrap(name, font.bold, 13, lambda n: column)) <= 2 else 11
        text.write(name, font.bold, name_size, name_size * 1.18)
        text.write(str(label(person.kind)), font.regular, 9.5, 11.5, gap=1.5 * mm)
        if person.table is not None:
            text.write(font.fix(_("Table: %(topic)s", topic=person.table.topic)), font.regular, 9, 11, gap=1 * mm)
    if not participants:
        page.setFont(font.regular, 12)
        page.drawString(20 * mm, height - 30 * mm, _("No participants yet."))
    page.showPage()
    page.save()
    return buffer.getvalue()


def _url_lines(url, font, size, width):
    """A link broken after "/", "." or "?" where it must be, and inside a long token when that does not do."""
    lines, line = [], ""
    for part in re.findall(r"[^/.?]*[/.?]?", url):
        while stringWidth(line + part, font, size) > width:
            if line:
                lines.append(line)
                line = ""
                continue
            cut = len(part)
            while cut > 1 and stringWidth(part[:cut], font, size) > width:
                cut -= 1
            lines.append(part[:cut])
            part = part[cut:]
        line += part
    if line:
        lines.append(line)
    return lines
