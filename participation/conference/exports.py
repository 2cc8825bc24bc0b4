"""Conference exports: results as CSV (UTF-8 with BOM, `;`, CRLF, as the catalogue's CSV) and XLSX, QR codes
of join links as SVG, and a PDF sheet of join cards (name, role, table, link and QR code) to print."""
import io
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
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


def join_cards_pdf(conference, participants, url_of):
    """A4 sheets of eight join cards (2 × 4): name, role, table, the link and its QR code."""
    font = fonts()
    buffer = io.BytesIO()
    page = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    page.setTitle(conference.title)
    width, height = A4
    card_w, card_h = (width - 20 * mm) / 2, (height - 20 * mm) / 4
    for index, person in enumerate(participants):
        if index and index % 8 == 0:
            page.showPage()
        col, row = index % 2, (index % 8) // 2
        x, y = 10 * mm + col * card_w, height - 10 * mm - (row + 1) * card_h
        page.setStrokeGray(0.7)
        page.setDash(2, 2)
        page.rect(x, y, card_w, card_h)
        page.setDash()
        url = url_of(person)
        qr = card_h - 12 * mm
        draw_qr(page, qr_modules(url), x + card_w - qr - 4 * mm, y + 6 * mm, qr)
        text_x, top = x + 5 * mm, y + card_h - 10 * mm
        page.setFont(font.bold, 9)
        page.drawString(text_x, top, font.fix(conference.title[:45]))
        page.setFont(font.bold, 14)
        page.drawString(text_x, top - 9 * mm, font.fix(person.display_name[:24]))
        page.setFont(font.regular, 10)
        page.drawString(text_x, top - 15 * mm, str(label(person.kind)))
        if person.table is not None:
            page.drawString(text_x, top - 21 * mm, font.fix(_("Table: %(topic)s", topic=person.table.topic)[:34]))
        page.setFont(font.mono, 7)
        page.drawString(text_x, y + 6 * mm, url[-48:])
        page.setFont(font.regular, 8)
        page.drawString(text_x, y + 11 * mm, _("Scan or open the link to join."))
    if not participants:
        page.setFont(font.regular, 12)
        page.drawString(20 * mm, height - 30 * mm, _("No participants yet."))
    page.showPage()
    page.save()
    return buffer.getvalue()
