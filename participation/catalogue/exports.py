"""Exports of the measure catalogue: CSV (one row per measure, and one row per idea link), JSON,
and PDF measure sheets in the field order of the German measure sheet (Maßnahmenblatt).

Every function takes already-loaded objects and returns bytes. They need an app context (labels
are flask-babel lazy strings, rendered in the current locale, German by default) but no request:
URLs come from callables the caller passes (`measure_url(measure) -> str`, absolute).

Headings and column names are the measure sheet's headings (Maßnahmenblatt), English msgids
rendered in the current locale: German by default, the requester's language in a request. Labels
of values (type, status, priority, ...) and dates and numbers in the PDF follow the locale too.

The caller chooses the measures. Linked citizens' ideas and related measures outside the export
are named only when anyone may see them (`Idea.is_public`: not waiting for moderation, not hidden;
`Measure.is_public`), unless `include_private=True`, for an export for the process's staff.

Load the measures with `.options(*measure_load_options())` to avoid one query per measure and
relationship. Relations between measures have no relationship on `Measure`: every export takes
`relations` (from `load_relations(measures)`) and loads them itself, in one query, when it is
not given.

CSV format (`measures_csv`, `idea_links_csv`):
- UTF-8 with a byte order mark, rows end in CRLF, `;` as delimiter by default (what Excel
  expects in a German locale). Fields with the delimiter, quotes or line breaks are quoted, so
  text with semicolons and line breaks reads back unchanged with `csv.reader`.
- Numbers have no thousands separator and, by default, a decimal comma (`decimal=","`, what
  German Excel reads as a number), rounded to 12 significant digits so that no floating-point
  noise shows (`0.1 + 0.2` is `0,3`, `2029.9999999999998` is `2030`), without an exponent:
  `1234,5`, `-0,25`, `0,0000001`, `2500000` (`spreadsheet.decimal_text`). An empty cell is no value.
- `measures_xlsx` and `idea_links_xlsx` give the same rows as XLSX with typed cells: text stays
  text (never a formula), numbers are numbers, dates are dates shown as TT.MM.JJJJ.
- Dates are ISO 8601 (`2025-03-31`), which Excel reads in every locale.
- Text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
  apostrophe, so that spreadsheet programs show them as text instead of running them as formulas
  (CSV injection: idea titles come from the public). Strip that one apostrophe when reading such
  a cell back; `guard_formulas=False` turns this off.
"""
import csv
import io
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

from flask_babel import format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreakIfNotEmpty,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from ..database import utcnow
from ..extensions import db
from ..i18n import format_day
from ..pdf import draw_qr
from ..pdf import qr_modules as _qr_modules
from ..pdf import qr_penalty as _qr_penalty  # noqa: F401 (tests call it here)
from ..spreadsheet import FORMULA_START, decimal_text, guard, xlsx_bytes
from .models import (
    IdeaMeasureLink,
    Measure,
    MeasureRelation,
    MeasureScore,
    QuantityKind,
    RelationKind,
    label,
)

__all__ = [
    "IDEA_LINK_COLUMNS",
    "MEASURE_COLUMNS",
    "QUANTITY_HEADINGS",
    "SHEET_HEADINGS",
    "catalogue_json",
    "idea_link_rows",
    "idea_links_csv",
    "idea_links_xlsx",
    "load_relations",
    "measure_load_options",
    "measure_sheets_pdf",
    "measure_rows",
    "measures_csv",
    "measures_xlsx",
]

JSON_FORMAT = "participation.measure-catalogue"
JSON_VERSION = 1

# The quantities in the order of the measure sheet, with the sheet's headings.
QUANTITY_HEADINGS = {
    QuantityKind.GHG_SAVINGS: _l("Greenhouse-gas savings (t CO₂e/a)"),
    QuantityKind.ENERGY_SAVINGS: _l("Final-energy savings (MWh/a)"),
    QuantityKind.INVESTMENT: _l("Investment costs (€)"),
    QuantityKind.RUNNING_COSTS: _l("Running costs (€/a)"),
    QuantityKind.VALUE_ADDED: _l("Regional value added (€)"),
}

# The headings of a PDF measure sheet, in order; the number and the title make the sheet's header.
SHEET_HEADINGS = (
    _l("Sector"),
    _l("Type of measure"),
    _l("Goal and strategy"),
    _l("Starting situation"),
    _l("Description"),
    _l("Initiator"),
    _l("Actors: lead"),
    _l("Actors: partners"),
    _l("Target group"),
    _l("Steps"),
    _l("Success indicators and milestones"),
    _l("Time horizon"),
    *QUANTITY_HEADINGS.values(),
    _l("Related measures / depends on"),
    _l("Priority"),
    _l("Council decision"),
    _l("Status"),
    _l("Progress (%)"),
    _l("Origin"),
)

TEXT, NUMBER, DATE = "text", "number", "date"
_QUANTITY_PARTS = (("value", _l("Value"), NUMBER), ("low", _l("from"), NUMBER), ("high", _l("to"), NUMBER),
                   ("method", _l("Method"), TEXT), ("source", _l("Source"), TEXT))
_MEASURE_COLUMN_TYPES = (
    (_l("No."), TEXT),
    (_l("Title"), TEXT),
    (_l("Sector"), TEXT),
    (_l("Type of measure"), TEXT),
    (_l("Goal and strategy"), TEXT),
    (_l("Starting situation"), TEXT),
    (_l("Description"), TEXT),
    (_l("Initiator"), TEXT),
    (_l("Actors: lead"), TEXT),
    (_l("Actors: partners"), TEXT),
    (_l("Target group"), TEXT),
    (_l("Steps"), TEXT),
    (_l("Success indicators"), TEXT),
    (_l("Milestones"), TEXT),
    (_l("Time horizon"), TEXT),
    (_l("Planned start"), DATE),
    (_l("Planned end"), DATE),
    (_l("Actual start"), DATE),
    (_l("Actual end"), DATE),
    *((_l("%(quantity)s – %(part)s", quantity=heading, part=part), kind)
      for heading in QUANTITY_HEADINGS.values() for _, part, kind in _QUANTITY_PARTS),
    (_l("Related measures"), TEXT),
    (_l("Depends on"), TEXT),
    (_l("Priority"), TEXT),
    (_l("Weighted score"), NUMBER),
    (_l("Date of the council decision"), DATE),
    (_l("Council paper"), TEXT),
    (_l("Status"), TEXT),
    (_l("Progress (%)"), NUMBER),
    (_l("Origin"), TEXT),
    (_l("Origin: note"), TEXT),
    (_l("Citizens' ideas"), TEXT),
)
MEASURE_COLUMNS = tuple(heading for heading, _ in _MEASURE_COLUMN_TYPES)

_IDEA_LINK_COLUMN_TYPES = (
    (_l("Measure no."), TEXT),
    (_l("Measure"), TEXT),
    (_l("Idea no."), NUMBER),
    (_l("Idea"), TEXT),
    (_l("Kind of link"), TEXT),
    (_l("Rationale"), TEXT),
    (_l("Supports"), NUMBER),
    (_l("Status of the idea"), TEXT),
    (_l("Link to the idea"), TEXT),
)
IDEA_LINK_COLUMNS = tuple(heading for heading, _ in _IDEA_LINK_COLUMN_TYPES)

LIST_SEPARATOR = " | "  # between milestones, related measures and ideas in one CSV cell


# --- loading ------------------------------------------------------------------------------

def measure_load_options():
    """Loader options for `select(Measure)` that fetch everything an export reads, in a few queries."""
    return (
        selectinload(Measure.process),
        selectinload(Measure.sector),
        selectinload(Measure.quantities),
        selectinload(Measure.milestones),
        selectinload(Measure.idea_links).selectinload(IdeaMeasureLink.idea),
        selectinload(Measure.scores).selectinload(MeasureScore.criterion),
    )


def load_relations(measures, include_private=False):
    """{measure id: [(RelationKind, other Measure), ...]} for the given measures, in one or two queries.

    A measure's relations are those it states (related to, depends on) and the "related" ones
    other measures state about it, as being related goes both ways. Each other measure appears
    once per kind, related ones first, then by code. A measure outside `measures` that is not
    public appears only with `include_private`.
    """
    measures = list(measures)
    ids = {m.id for m in measures}
    result = {m.id: [] for m in measures}
    if not ids:
        return result
    rows = db.session.execute(
        select(MeasureRelation.measure_id, MeasureRelation.other_id, MeasureRelation.kind).where(
            or_(
                MeasureRelation.measure_id.in_(ids),
                and_(MeasureRelation.other_id.in_(ids), MeasureRelation.kind == RelationKind.RELATED),
            )
        )
    ).all()
    known = {m.id: m for m in measures}
    missing = {i for row in rows for i in (row.measure_id, row.other_id)} - known.keys()
    if missing:
        known.update((m.id, m) for m in db.session.scalars(select(Measure).where(Measure.id.in_(missing))))
    seen = set()
    for measure_id, other_id, kind in rows:
        kind = RelationKind(kind)
        pairs = [(measure_id, other_id)] if measure_id in ids else []
        if other_id in ids and kind == RelationKind.RELATED:
            pairs.append((other_id, measure_id))
        for own, other in pairs:
            if own == other or (own, other, kind) in seen:
                continue
            if other in ids or include_private or known[other].is_public:
                seen.add((own, other, kind))
                result[own].append((kind, known[other]))
    order = list(RelationKind)
    for pairs in result.values():
        pairs.sort(key=lambda pair: (order.index(pair[0]), pair[1].code))
    return result


# --- shared helpers -----------------------------------------------------------------------

class _Labels:
    """Labels in the current locale, each lazy string rendered once per export."""

    def __init__(self):
        self._cache = {}

    def __call__(self, value):
        if value is None:
            return ""
        key = (type(value), value)
        if key not in self._cache:
            self._cache[key] = str(label(value))
        return self._cache[key]

    def idea_status(self, status):
        key = (type(status), status)
        if key not in self._cache:
            self._cache[key] = str(status.label)
        return self._cache[key]


def _iso(value):
    return value.isoformat() if value is not None else None


def _number(value, decimal=","):
    """Text without floating-point noise (12 significant digits), no exponent, no thousands separator."""
    return decimal_text(value, decimal=decimal)


def _milestone_text(milestone):
    """"2025-03-31 Titel (erledigt 2025-04-02)" (in German)."""
    text = f"{milestone.due_on.isoformat()} {milestone.title}" if milestone.due_on else milestone.title
    return _("%(milestone)s (done %(date)s)", milestone=text, date=milestone.done_on.isoformat()) \
        if milestone.done_on else text


def _links(measure, include_private):
    """The measure's idea links whose idea the export may name."""
    return [link for link in measure.idea_links if include_private or link.idea.is_public]


def _relations(measures, relations, include_private):
    return load_relations(measures, include_private) if relations is None else relations


def _ordered_scores(measure):
    return sorted(measure.scores, key=lambda s: (s.criterion.position, s.criterion.name))


# --- CSV ----------------------------------------------------------------------------------

_FORMULA_START = FORMULA_START


def _csv_bytes(column_types, rows, delimiter, guard_formulas, decimal=","):
    """CSV from typed rows: numbers and dates are formatted by their column's kind."""
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(str(heading) for heading, _kind in column_types)
    kinds = [kind for _, kind in column_types]
    for row in rows:
        cells = []
        for cell, kind in zip(row, kinds):
            if kind == NUMBER:
                cell = _number(cell, decimal)
            elif kind == DATE:
                cell = _iso(cell) if cell else ""
            elif guard_formulas:
                cell = guard(cell)
            cells.append("" if cell is None else cell)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(column_types, rows, sheet):
    """XLSX from the same typed rows: text cells stay text (never formulas), numbers numbers, dates dates."""
    return xlsx_bytes([str(heading) for heading, _kind in column_types],
                      ([None if cell == "" and kind != TEXT else cell for cell, (_, kind) in zip(row, column_types)]
                       for row in rows), sheet=sheet)


def measures_csv(measures, *, delimiter=";", decimal=",", relations=None, include_private=False,
                 guard_formulas=True):
    """The measures as CSV; `measures_xlsx` makes the same rows as XLSX (see `measure_rows`)."""
    return _csv_bytes(_MEASURE_COLUMN_TYPES, measure_rows(measures, relations=relations,
                                                          include_private=include_private),
                      delimiter, guard_formulas, decimal)


def measures_xlsx(measures, *, relations=None, include_private=False):
    """The rows of `measures_csv` as an XLSX workbook with typed cells."""
    return _xlsx_bytes(_MEASURE_COLUMN_TYPES, measure_rows(measures, relations=relations,
                                                           include_private=include_private), _("Measures"))


def measure_rows(measures, *, relations=None, include_private=False):
    """One row per measure, columns `MEASURE_COLUMNS` (the German measure sheet's order).

    Quantities take five columns each (value, low, high, method, source); milestones are
    "YYYY-MM-DD Titel (erledigt YYYY-MM-DD)", related measures "CODE Titel", ideas "#id Titel",
    each list joined by " | ". The module docstring describes the format.
    """
    measures = list(measures)
    relations = _relations(measures, relations, include_private)
    labels = _Labels()

    def row(m):
        cells = [
            m.code,
            m.title,
            m.sector.name,
            labels(m.type),
            m.goal,
            m.starting_situation,
            m.description,
            m.initiator,
            m.lead_actor,
            m.partners,
            m.target_group,
            m.steps,
            m.success_indicators,
            LIST_SEPARATOR.join(_milestone_text(ms) for ms in m.milestones),
            labels(m.time_horizon),
            m.planned_start,
            m.planned_end,
            m.actual_start,
            m.actual_end,
        ]
        for kind in QUANTITY_HEADINGS:
            q = m.quantity(kind)
            cells += [q.value, q.low, q.high, q.method, q.source] if q else [""] * 5
        own = relations.get(m.id, [])
        cells += [
            LIST_SEPARATOR.join(f"{o.code} {o.title}" for k, o in own if k == RelationKind.RELATED),
            LIST_SEPARATOR.join(f"{o.code} {o.title}" for k, o in own if k == RelationKind.DEPENDS_ON),
            labels(m.priority),
            m.score,
            m.council_decision_on,
            m.council_reference,
            labels(m.status),
            m.progress_percent,
            labels(m.origin),
            m.origin_note,
            LIST_SEPARATOR.join(f"#{link.idea.id} {link.idea.title}" for link in _links(m, include_private)),
        ]
        return ["" if cell is None else cell for cell in cells]

    return [row(m) for m in measures]


def idea_links_csv(measures, *, idea_url=None, include_private=False, delimiter=";", guard_formulas=True):
    """The idea links as CSV; `idea_links_xlsx` makes the same rows as XLSX (see `idea_link_rows`)."""
    return _csv_bytes(_IDEA_LINK_COLUMN_TYPES, idea_link_rows(measures, idea_url=idea_url,
                                                              include_private=include_private),
                      delimiter, guard_formulas)


def idea_links_xlsx(measures, *, idea_url=None, include_private=False):
    """The rows of `idea_links_csv` as an XLSX workbook with typed cells."""
    return _xlsx_bytes(_IDEA_LINK_COLUMN_TYPES, idea_link_rows(measures, idea_url=idea_url,
                                                               include_private=include_private), _("Ideas"))


def idea_link_rows(measures, *, idea_url=None, include_private=False):
    """One row per link between a measure and a citizen's idea, columns `IDEA_LINK_COLUMNS`.

    `idea_url(idea) -> str` fills "Link zur Idee"; without it the column stays empty.
    """
    labels = _Labels()

    def rows():
        for m in measures:
            for link in _links(m, include_private):
                idea = link.idea
                yield [
                    m.code,
                    m.title,
                    idea.id,
                    idea.title,
                    labels(link.kind),
                    link.rationale or "",
                    idea.support_count,
                    labels.idea_status(idea.status),
                    idea_url(idea) if idea_url else "",
                ]

    return list(rows())


# --- JSON ---------------------------------------------------------------------------------

def catalogue_json(process, measures, measure_url, *, idea_url=None, relations=None, include_private=False,
                   exported_at=None):
    """The catalogue as UTF-8 JSON with machine values (enum values, ISO 8601 dates), no labels:

        {"format": "participation.measure-catalogue", "version": 1,
         "exported_at": "2026-11-23T15:42:00+00:00",
         "process": {"id", "slug", "title", "municipality"},
         "measures": [{
            "id", "code", "title", "url",
            "sector": {"code", "name"}, "type",
            "goal", "starting_situation", "description", "initiator", "lead_actor", "partners",
            "target_group", "steps", "success_indicators",
            "milestones": [{"title", "due_on", "done_on"}],
            "time_horizon", "planned_start", "planned_end", "actual_start", "actual_end",
            "quantities": {kind: {"value", "low", "high", "unit", "method", "source"}},
            "relations": [{"kind": "related" | "depends_on", "code", "title", "url"}],
            "priority", "score", "scores": [{"criterion", "weight", "value", "rationale"}],
            "council_decision": {"date", "reference"},
            "status", "progress_percent",
            "origin": {"kind", "note",
                       "ideas": [{"id", "title", "link_kind", "rationale", "support_count", "status", "url"}]},
            "is_public", "published_at", "updated_at", "version"}]}

    "quantities" holds only the kinds the measure has (keys are QuantityKind values); missing
    values are null; an idea's "url" is null unless `idea_url(idea)` is given.
    """
    measures = list(measures)
    relations = _relations(measures, relations, include_private)

    def quantity(q):
        return {"value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "method": q.method,
                "source": q.source}

    def measure(m):
        return {
            "id": m.id,
            "code": m.code,
            "title": m.title,
            "url": measure_url(m),
            "sector": {"code": m.sector.code, "name": m.sector.name},
            "type": m.type.value,
            "goal": m.goal,
            "starting_situation": m.starting_situation,
            "description": m.description,
            "initiator": m.initiator,
            "lead_actor": m.lead_actor,
            "partners": m.partners,
            "target_group": m.target_group,
            "steps": m.steps,
            "success_indicators": m.success_indicators,
            "milestones": [
                {"title": ms.title, "due_on": _iso(ms.due_on), "done_on": _iso(ms.done_on)} for ms in m.milestones
            ],
            "time_horizon": m.time_horizon.value,
            "planned_start": _iso(m.planned_start),
            "planned_end": _iso(m.planned_end),
            "actual_start": _iso(m.actual_start),
            "actual_end": _iso(m.actual_end),
            "quantities": {kind.value: quantity(q) for kind in QUANTITY_HEADINGS if (q := m.quantity(kind))},
            "relations": [
                {"kind": kind.value, "code": other.code, "title": other.title, "url": measure_url(other)}
                for kind, other in relations.get(m.id, [])
            ],
            "priority": m.priority.value if m.priority else None,
            "score": m.score,
            "scores": [
                {"criterion": s.criterion.name, "weight": s.criterion.weight, "value": s.value,
                 "rationale": s.rationale}
                for s in _ordered_scores(m)
            ],
            "council_decision": {"date": _iso(m.council_decision_on), "reference": m.council_reference},
            "status": m.status.value,
            "progress_percent": m.progress_percent,
            "origin": {
                "kind": m.origin.value,
                "note": m.origin_note,
                "ideas": [
                    {
                        "id": link.idea.id,
                        "title": link.idea.title,
                        "link_kind": link.kind.value,
                        "rationale": link.rationale,
                        "support_count": link.idea.support_count,
                        "status": link.idea.status.value,
                        "url": idea_url(link.idea) if idea_url else None,
                    }
                    for link in _links(m, include_private)
                ],
            },
            "is_public": m.is_public,
            "published_at": _iso(m.published_at),
            "updated_at": _iso(m.updated_at),
            "version": m.version,
        }

    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": (exported_at or utcnow()).isoformat(),
        "process": {"id": process.id, "slug": process.slug, "title": process.title,
                    "municipality": process.municipality},
        "measures": [measure(m) for m in measures],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# --- PDF: fonts and styles, made once -----------------------------------------------------

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

GREEN = colors.HexColor("#1f3d2b")
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#c9d3cc")
SHADE = colors.HexColor("#eef3ef")
LINK = "#1a5276"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 17 * mm, 15 * mm, 18 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEADING_WIDTH = 45 * mm  # the left column of a sheet
HEADING_SIZE = 8
QR_SIZE, QR_COLUMN = 24 * mm, 36 * mm
FOOTER_SIZE = 7.2


class _PdfKit:
    """Fonts, paragraph styles and the sheet's headings broken into lines."""

    def __init__(self):
        self.font, self.bold, self.unicode = self._register_fonts()
        base = ParagraphStyle("base", fontName=self.font, fontSize=8.5, leading=10.6)
        self.styles = {
            "body": base,
            "small": ParagraphStyle("small", base, fontSize=7.2, leading=8.8, textColor=GREY),
            "url": ParagraphStyle("url", base, fontSize=6, leading=7.2, textColor=GREY),
            "code": ParagraphStyle("code", base, fontName=self.bold, fontSize=10, leading=13, textColor=GREY),
            "title": ParagraphStyle("title", base, fontName=self.bold, fontSize=14, leading=17.5, textColor=GREEN),
            "cover_title": ParagraphStyle("cover_title", base, fontName=self.bold, fontSize=22, leading=27,
                                          textColor=GREEN, spaceAfter=8),
            "cover_sub": ParagraphStyle("cover_sub", base, fontSize=11, leading=15, spaceAfter=3),
            "toc_head": ParagraphStyle("toc_head", base, fontName=self.bold, fontSize=12, leading=16,
                                       spaceBefore=14, spaceAfter=6, textColor=GREEN),
            "toc": ParagraphStyle("toc", base, fontSize=8, leading=10),
            "toc_bold": ParagraphStyle("toc_bold", base, fontName=self.bold, fontSize=8, leading=10),
        }
        # Headings are plain strings in their table cells, broken into lines once per locale: as
        # Paragraphs they were a third of all paragraphs of a sheet.
        self._heading_lines = {}
        self.field_style = TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, LINE),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("FONTNAME", (0, 0), (0, -1), self.bold),
            ("FONTSIZE", (0, 0), (0, -1), HEADING_SIZE),
            ("LEADING", (0, 0), (0, -1), HEADING_SIZE * 1.25),
            ("TEXTCOLOR", (0, 0), (0, -1), GREEN),
        ])
        self.header_style = TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, GREEN),
        ])
        self.toc_style = TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREEN),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])

    def heading_lines(self, heading):
        """A sheet heading in the current locale, broken into the lines of the heading column."""
        text = str(heading)
        if text not in self._heading_lines:
            self._heading_lines[text] = "\n".join(simpleSplit(self.fix(text), self.bold, HEADING_SIZE,
                                                              HEADING_WIDTH - 6))
        return self._heading_lines[text]

    @staticmethod
    def _register_fonts():
        """DejaVu Sans (umlauts, "₂", "€"); Helvetica when it is missing, which lacks "₂"."""
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if not (regular.is_file() and bold.is_file()):
            return "Helvetica", "Helvetica-Bold", False
        try:
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        except Exception:  # an unreadable or broken font file
            return "Helvetica", "Helvetica-Bold", False
        for is_bold in (0, 1):
            for is_italic in (0, 1):
                addMapping("DejaVuSans", is_bold, is_italic, "DejaVuSans-Bold" if is_bold else "DejaVuSans")
        return "DejaVuSans", "DejaVuSans-Bold", True

    def fix(self, text):
        """Text the font can show: "CO2" for "CO₂" without DejaVu."""
        return text if self.unicode else text.replace("₂", "2")


_KIT = None


def _kit():
    global _KIT
    if _KIT is None:
        _KIT = _PdfKit()
    return _KIT


class _Paragraph(Paragraph):
    """A Paragraph that keeps its line breaking for the width it was last wrapped to.

    A table wraps each cell once to size the rows and again to draw them; breaking every
    paragraph twice was a fifth of the time of a 200-measure PDF. The lines depend on the width
    alone, and the text never changes after construction; `split` drops `blPara` when it gives
    up on a paragraph, and then it is broken again.
    """

    _wrapped_for = None

    def wrap(self, available_width, available_height):
        cached = self._wrapped_for
        if cached is not None and cached[0] == available_width and "blPara" in self.__dict__:
            self.width, self.height = self._wrapped_for[1]
            return self._wrapped_for[1]
        size = super().wrap(available_width, available_height)
        self._wrapped_for = (available_width, size)
        return size


# --- PDF: QR codes ------------------------------------------------------------------------

# The encoder and the mask penalty are shared with the lottery's letters: participation/pdf.py.


class _QrCode(Flowable):
    """A QR code of `url`, `size` points square with its quiet zone of 4 modules, linked to `url`.

    reportlab's QrCodeWidget in a Drawing encodes twice (for the bounds, then to draw) and draws
    every module as a shape object: three quarters of the time of a 200-measure PDF. This uses the
    same encoder once and writes one path of the dark runs of each row.
    """

    QUIET = 4

    def __init__(self, url, size):
        super().__init__()
        self.url, self.size, self.modules = url, size, _qr_modules(url)
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        draw_qr(self.canv, self.modules, 0, 0, self.size, self.QUIET)
        self.canv.linkURL(self.url, (0, 0, self.size, self.size), relative=1)


# --- PDF: the document --------------------------------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DASH = "–"


class _SheetDoc(BaseDocTemplate):
    """Adds an outline entry (PDF bookmark) for every flowable that carries `outline`."""

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline:
            key, name = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(name, key, level=0)


class _PageCountCanvas(Canvas):
    """Every footer shows the form "pageCount"; it is drawn once the number of pages is known."""

    footer_font = "Helvetica"

    def save(self):
        self.beginForm("pageCount")
        self.setFont(self.footer_font, FOOTER_SIZE)
        self.setFillColor(GREY)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class _SheetWriter:
    def __init__(self, measures, measure_url, title, process, idea_url, relations, include_private, exported_at):
        self.kit = _kit()
        self.measures = measures
        self.measure_url = measure_url
        self.idea_url = idea_url
        self.include_private = include_private
        self.relations = relations
        self.process = process
        self.title = title
        self.exported_at = exported_at
        self.labels = _Labels()

    # text

    def text(self, value):
        """Plain text with line breaks as Paragraph markup."""
        value = _CONTROL_CHARS.sub("", self.kit.fix(str(value))).replace("\r\n", "\n").replace("\r", "\n")
        return escape(value).replace("\t", " ").replace("\n", "<br/>")

    def para(self, markup, style="body"):
        return _Paragraph(markup, self.kit.styles[style])

    def body(self, value):
        return [self.para(self.text(value) if value else DASH)]

    def link(self, url, shown=None):
        return f'<a href="{escape(url, {chr(34): "&quot;"})}" color="{LINK}">{self.text(shown or url)}</a>'

    @staticmethod
    def date(value):
        return format_day(value)

    @staticmethod
    def number(value):
        return format_decimal(value) if value is not None else ""

    # the sheet of one measure

    def fields(self, m):
        """(heading, [flowables]) in the order of the measure sheet."""
        text, para, body, labels = self.text, self.para, self.body, self.labels

        milestones = [para(text(m.success_indicators))] if m.success_indicators else []
        for ms in m.milestones:
            when = f"{self.date(ms.due_on)}: " if ms.due_on else ""
            state = _("done on %(date)s", date=self.date(ms.done_on)) if ms.done_on else _("open")
            milestones.append(para(f"• {text(when + ms.title)} <font color='#555555'>({text(state)})</font>"))

        horizon = [para(text(labels(m.time_horizon)))]
        for name, start, end in ((_("planned"), m.planned_start, m.planned_end),
                                 (_("actual"), m.actual_start, m.actual_end)):
            if start or end:
                horizon.append(para(text(_("%(when)s: %(start)s to %(end)s", when=name,
                                           start=self.date(start) or "…", end=self.date(end) or "…")), "small"))

        (sector, kind, goal, situation, description, initiator, lead, partners, target, steps, success, horizon_,
         *_quantities, relations, priority_, council, status, progress, origin_) = SHEET_HEADINGS
        rows = [
            (sector, body(f"{m.sector.name} ({m.sector.code})")),
            (kind, body(labels(m.type))),
            (goal, body(m.goal)),
            (situation, body(m.starting_situation)),
            (description, body(m.description)),
            (initiator, body(m.initiator)),
            (lead, body(m.lead_actor)),
            (partners, body(m.partners)),
            (target, body(m.target_group)),
            (steps, body(m.steps)),
            (success, milestones or body("")),
            (horizon_, horizon),
        ]
        for kind, heading in QUANTITY_HEADINGS.items():
            rows.append((heading, self.quantity(m.quantity(kind))))

        own = self.relations.get(m.id, [])
        relation_cell = []
        for relation, name in ((RelationKind.RELATED, _("Related")), (RelationKind.DEPENDS_ON, _("Depends on"))):
            others = [o for k, o in own if k == relation]
            if others:
                links = "; ".join(self.link(self.measure_url(o), f"{o.code} {o.title}") for o in others)
                relation_cell.append(para(f"{name}: {links}"))
        rows.append((relations, relation_cell or body("")))

        priority = labels(m.priority) or DASH
        if m.score is not None:
            priority += " · " + _("weighted score %(score)s", score=self.number(m.score))
        priority_cell = [para(text(priority))]
        if scores := _ordered_scores(m):
            priority_cell.append(para(text("; ".join(
                _("%(criterion)s: %(value)s (weight %(weight)s)", criterion=s.criterion.name, value=s.value,
                  weight=self.number(s.criterion.weight)) for s in scores
            )), "small"))
        rows.append((priority_, priority_cell))

        decision = [self.date(m.council_decision_on),
                    m.council_reference and _("Council paper %(reference)s", reference=m.council_reference)]
        rows.append((council, body(", ".join(part for part in decision if part))))
        rows.append((status, body(labels(m.status))))
        rows.append((progress, body(format_percent(m.progress_percent / 100))))

        origin = [para(text(labels(m.origin)))]
        if m.origin_note:
            origin.append(para(text(m.origin_note)))
        for idea_link in _links(m, self.include_private):
            idea = idea_link.idea
            name = _("Idea #%(number)d: %(title)s", number=idea.id, title=idea.title)
            shown = self.link(self.idea_url(idea), name) if self.idea_url else text(name)
            detail = f"{labels(idea_link.kind)}, " + ngettext("%(count)s support", "%(count)s supports", idea.support_count,
                                                              count=format_decimal(idea.support_count))
            if idea_link.rationale:
                detail += f" – {idea_link.rationale}"
            origin.append(para(f"• {shown} <font color='#555555'>({text(detail)})</font>"))
        rows.append((origin_, origin))
        return rows

    def quantity(self, q):
        if q is None or (q.value is None and q.low is None and q.high is None and not q.method and not q.source):
            return self.body("")
        number = self.number
        value = f"{number(q.value)} {q.unit}" if q.value is not None else DASH
        if q.low is not None or q.high is not None:
            value += " (" + _("range %(low)s–%(high)s %(unit)s", low=number(q.low) or "…", high=number(q.high) or "…",
                              unit=q.unit) + ")"
        cell = [self.para(f"<b>{self.text(value)}</b>")]
        if q.method:
            cell.append(self.para(self.text(_("Method: %(method)s", method=q.method)), "small"))
        if q.source:
            cell.append(self.para(self.text(_("Source: %(source)s", source=q.source)), "small"))
        return cell

    def sheet(self, m):
        kit = self.kit
        url = self.measure_url(m)
        anchor = f"m{m.id}"
        heading = [self.para(f'<a name="{anchor}"/>' + self.text(_("No. %(code)s", code=m.code)), "code"),
                   self.para(self.text(m.title), "title")]
        qr = [_QrCode(url, QR_SIZE), self.para(self.link(url), "url")]
        header = Table([[heading, qr]], colWidths=[BODY_WIDTH - QR_COLUMN, QR_COLUMN], style=kit.header_style)
        header.outline = (anchor, f"{m.code} {m.title}")
        fields = Table(
            [[kit.heading_lines(heading), cell] for heading, cell in self.fields(m)],
            colWidths=[HEADING_WIDTH, BODY_WIDTH - HEADING_WIDTH], style=kit.field_style,
            splitByRow=1, splitInRow=1,  # a field longer than a page continues on the next
        )
        return [header, Spacer(1, 5), fields]

    # cover, footer, document

    def cover(self):
        para, text = self.para, self.text
        story = [Spacer(1, 18 * mm), para(text(self.title), "cover_title")]
        if self.process is not None:
            if self.process.title != self.title:
                story.append(para(text(self.process.title), "cover_sub"))
            story.append(para(text(self.process.municipality), "cover_sub"))
        story += [
            para(text(_("As of %(date)s", date=self.date(self.exported_at)) + " · " + ngettext(
                "%(count)s measure", "%(count)s measures", len(self.measures), count=format_decimal(len(self.measures)))),
                "cover_sub"),
            para(text(_("Contents")), "toc_head"),
        ]
        if not self.measures:
            return [*story, para(text(_("No measures.")))]
        rows = [[para(text(heading), "toc_bold") for heading in (_("No."), _("Title"), _("Sector"), _("Status"))]]
        for m in self.measures:
            rows.append([
                para(f'<a href="#m{m.id}">{text(m.code)}</a>', "toc"),
                para(f'<a href="#m{m.id}">{text(m.title)}</a>', "toc"),
                para(text(m.sector.name), "toc"),
                para(text(self.labels(m.status)), "toc"),
            ])
        widths = [20 * mm, BODY_WIDTH - 106 * mm, 52 * mm, 34 * mm]
        return [*story, Table(rows, colWidths=widths, repeatRows=1, style=self.kit.toc_style)]

    def footer(self):
        """on_page(canvas, doc): process title · "Exportiert am …" · "Seite X von Y"."""
        font = self.kit.font
        width = pdfmetrics.stringWidth
        page_x = PAGE_WIDTH - MARGIN_X - width(_("Page %(page)s of %(pages)s", page=9999, pages=9999), font,
                                               FOOTER_SIZE)
        exported = _("Exported on %(date)s", date=self.date(self.exported_at))
        # "Seite 3 von " before the total, which is drawn once the number of pages is known.
        page_prefix = _("Page %(page)s of %(pages)s", page="\0", pages="\1").split("\1")[0]
        exported_right = page_x - 5 * mm
        room = exported_right - width(exported, font, FOOTER_SIZE) - 6 * mm - MARGIN_X
        process_title = self.kit.fix(self.process.title if self.process else "")
        while process_title and width(process_title, font, FOOTER_SIZE) > room:
            process_title = process_title[:-2] + "…" if len(process_title) > 2 else ""
        y = MARGIN_BOTTOM - 9 * mm

        def on_page(canvas, doc):
            canvas.saveState()
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN_X, y + 9, PAGE_WIDTH - MARGIN_X, y + 9)
            canvas.setFont(font, FOOTER_SIZE)
            canvas.setFillColor(GREY)
            canvas.drawString(MARGIN_X, y, process_title)
            canvas.drawRightString(exported_right, y, exported)
            prefix = page_prefix.replace("\0", str(canvas.getPageNumber()))
            canvas.drawString(page_x, y, prefix)
            canvas.translate(page_x + width(prefix, font, FOOTER_SIZE), y)
            canvas.doForm("pageCount")
            canvas.restoreState()

        return on_page

    def build(self):
        story = self.cover() if len(self.measures) != 1 else []
        for m in self.measures:
            story.append(PageBreakIfNotEmpty())
            story += self.sheet(m)

        buffer = io.BytesIO()
        doc = _SheetDoc(
            buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=self.title, subject=self.process.title if self.process else "",
            author=self.process.municipality if self.process else "", creator="participation", lang="de",
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, BODY_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=self.footer())])
        canvas_class = type("PageCountCanvas", (_PageCountCanvas,), {"footer_font": self.kit.font})
        doc.build(story, canvasmaker=canvas_class)
        return buffer.getvalue()


def measure_sheets_pdf(measures, measure_url, title=None, *, process=None, idea_url=None, relations=None,
                       include_private=False, exported_at=None):
    """PDF measure sheets (A4), one measure per page in the German field order (`SHEET_HEADINGS`).

    Each sheet has a header with code and title and a QR code of `measure_url(measure)` with the
    URL printed (and linked) under it; every page a footer with the process title, the export
    date and "Seite X von Y". With more than one measure a cover page comes first: `title`
    (default "Maßnahmenkatalog"), process, date and a table of contents (code, title, sector,
    status) linked to the sheets; the PDF outline lists the measures too. A measure longer than
    a page continues on the next; the next measure starts on a new page. `process` defaults to
    the first measure's process; `idea_url(idea)` links the citizens' ideas under "Herkunft".
    """
    measures = list(measures)
    if title is None:
        title = _("Measure sheet %(code)s", code=measures[0].code) if len(measures) == 1 else _("Measure catalogue")
    writer = _SheetWriter(
        measures, measure_url, title,
        process=process or (measures[0].process if measures else None),
        idea_url=idea_url,
        relations=_relations(measures, relations, include_private),
        include_private=include_private,
        exported_at=exported_at or utcnow(),
    )
    return writer.build()
