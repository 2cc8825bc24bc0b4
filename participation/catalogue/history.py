"""A measure's history in words: each revision compared with the one before, field by field.

A revision stores the whole sheet as JSON (`services.snapshot`). `compare(before, after, ...)` turns two
such sheets into a list of `FieldChange`s labelled as the measure form labels its fields: long texts as a
word-level diff (`changes.word_diff`), choices by their labels, dates, numbers and amounts through
Babel for the locale, milestones and linked ideas as the entries added and removed.

`Measure.INTERNAL_FIELDS` names what only the process's team sees; `compare(..., internal=False)`
leaves those fields out.
"""
import json
from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from ..changes import list_change, text_change, value_change
from ..i18n import format_day
from .models import (
    QUANTITY_UNITS,
    LinkKind,
    Measure,
    MeasureOrigin,
    MeasureStatus,
    MeasureType,
    Priority,
    QuantityKind,
    TimeHorizon,
    label,
)

# The measure form's labels, in the order of the sheet.
TEXTS = {
    "goal": _l("Goal and strategy"),
    "starting_situation": _l("Starting situation"),
    "description": _l("Description"),
    "partners": _l("Actors: partners"),
    "target_group": _l("Target group"),
    "steps": _l("Steps"),
    "success_indicators": _l("Success indicators and milestones"),
    "origin_note": _l("Origin in detail"),
}
LINES = {
    "code": _l("Number"),
    "title": _l("Title"),
    "initiator": _l("Initiator"),
    "lead_actor": _l("Actors: lead"),
    "council_reference": _l("Council paper (Drucksache)"),
}
CHOICES = {
    "type": (_l("Type of measure"), MeasureType),
    "time_horizon": (_l("Time horizon"), TimeHorizon),
    "status": (_l("Status"), MeasureStatus),
    "priority": (_l("Priority"), Priority),
    "origin": (_l("Origin"), MeasureOrigin),
}
DATES = {
    "planned_start": _l("Planned start"),
    "planned_end": _l("Planned end"),
    "actual_start": _l("Actual start"),
    "actual_end": _l("Actual end"),
    "council_decision_on": _l("Council decision on"),
}
QUANTITY_PARTS = (("value", _l("Value")), ("low", _l("from")), ("high", _l("to")),
                  ("method", _l("Method")), ("source", _l("Source")))
# The order of the comparison: the sheet from top to bottom.
ORDER = ("code", "title", "sector", "type", "goal", "starting_situation", "description", "initiator",
         "lead_actor", "partners", "target_group", "steps", "success_indicators", "milestones", "time_horizon",
         "planned_start", "planned_end", "actual_start", "actual_end", "quantities", "priority", "score",
         "council_decision_on", "council_reference", "status", "progress_percent", "origin", "origin_note",
         "ideas", "is_public")


@dataclass
class RevisionView:
    """A revision as its reader sees it: who, when, what they said, and what changed."""

    revision: object
    changes: list
    first: bool  # the first version this reader sees: its values, not a comparison

    @property
    def number(self):
        return self.revision.number


def load(revision):
    try:
        sheet = json.loads(revision.snapshot)
    except (TypeError, ValueError):
        return {}
    return sheet if isinstance(sheet, dict) else {}


def _number(value, unit=""):
    if value is None or value == "":
        return None
    try:
        shown = format_decimal(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{shown} {unit}".strip()


def _date(value):
    if not value:
        return None
    try:
        return format_day(value)
    except (TypeError, ValueError):
        return str(value)


def _choice(enum_cls, value):
    if value in (None, ""):
        return None
    try:
        return str(label(enum_cls(value)))
    except ValueError:
        return str(value)


def _milestone(entry):
    if not isinstance(entry, dict):
        return str(entry)
    text = str(entry.get("title") or "")
    if entry.get("due_on"):
        text += " – " + str(_l("planned for %(date)s", date=_date(entry["due_on"])))
    if entry.get("done_on"):
        text += " – " + str(_l("done on %(date)s", date=_date(entry["done_on"])))
    return text


def _idea(entry):
    try:
        idea_id, kind = entry
        shown = str(_l("Idea #%(id)d", id=int(idea_id)))
        return shown + " – " + str(label(LinkKind(kind)))
    except (TypeError, ValueError):
        return str(entry)


def _listed(name, label_, old, new, render):
    return list_change(name, label_, [render(e) for e in (old or [])], [render(e) for e in (new or [])])


_plain = value_change
_text = text_change


def _quantities(old, new):
    old, new = old or {}, new or {}
    changes = []
    for kind in QuantityKind:
        before, after = old.get(kind.value) or {}, new.get(kind.value) or {}
        if before == after:
            continue
        unit = QUANTITY_UNITS[kind]
        for part, part_label in QUANTITY_PARTS:
            name = f"quantities.{kind.value}.{part}"
            shown = f"{label(kind)}: {part_label}"
            if part in ("method", "source"):
                changes += _text(name, shown, before.get(part), after.get(part))
            else:
                changes += _plain(name, shown, _number(before.get(part), unit), _number(after.get(part), unit))
    return changes


def _sector(code, sector_names):
    if not code:
        return None
    name = sector_names.get(code)
    return f"{name} ({code})" if name else code


def compare(before, after, *, sector_names=None, internal=True):
    """The changes from sheet `before` (a dict, or None for the first version) to sheet `after`."""
    before = before or {}
    sector_names = sector_names or {}
    changes = []
    for name in ORDER:
        if not internal and name in Measure.INTERNAL_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if name in TEXTS:
            changes += _text(name, TEXTS[name], old, new)
        elif name in LINES:
            changes += _plain(name, LINES[name], old, new)
        elif name in CHOICES:
            label_, enum_cls = CHOICES[name]
            changes += _plain(name, label_, _choice(enum_cls, old), _choice(enum_cls, new))
        elif name in DATES:
            changes += _plain(name, DATES[name], _date(old), _date(new))
        elif name == "sector":
            changes += _plain(name, _l("Sector (Handlungsfeld)"), _sector(old, sector_names),
                              _sector(new, sector_names))
        elif name == "progress_percent":
            changes += _plain(name, _l("Progress in percent"), _number(old, "%"), _number(new, "%"))
        elif name == "score":
            changes += _plain(name, _l("Weighted priority score"), _number(old), _number(new))
        elif name == "is_public":
            if bool(old) != bool(new) and (before or new):
                changes += value_change(name, _l("Public"), str(_l("yes") if old else _l("no")) if before
                                        else None, str(_l("yes") if new else _l("no")))
        elif name == "quantities":
            changes += _quantities(old, new)
        elif name == "milestones":
            changes += _listed(name, _l("Milestones"), old, new, _milestone)
        elif name == "ideas":
            changes += _listed(name, _l("Linked ideas"), old, new, _idea)
    return changes
