"""The audit log's states in words: what an entry changed, field by field (macros/history.html).

An entry keeps the object's state before and after as JSON (`services.record`). For a measure that is
the whole sheet, compared as its history page compares it (`catalogue.history.compare`); for ideas,
comments, accounts and reason templates the fields below, labelled and with status codes as labels.
"""
import json

from flask_babel import lazy_gettext as _l

from ..catalogue.history import compare as compare_measure
from ..catalogue.models import LinkKind, label
from ..changes import text_change, value_change
from ..ideas.models import IDEA_STATUS_LABELS, IdeaStatus

# Counters that every change raises or that moderation does not decide on: left out of the comparison.
_SKIPPED = {"version", "support_count"}


def _state(text):
    try:
        state = json.loads(text) if text else None
    except ValueError:
        return None
    return state if isinstance(state, dict) else None


def _yes_no(value):
    if value is None:
        return None
    return str(_l("yes") if value else _l("no"))


def _status(value):
    try:
        return str(IDEA_STATUS_LABELS[IdeaStatus(value)])
    except (KeyError, ValueError):
        return value


def _link(value):
    try:
        return str(label(LinkKind(value)))
    except ValueError:
        return value


def _idea(value):
    return str(_l("Idea #%(id)d", id=value)) if isinstance(value, int) else None


# key: (label, how a value is shown, long text?)
FIELDS = {
    "title": (_l("Title"), str, False),
    "body": (_l("Text"), str, True),
    "text": (_l("Text"), str, True),
    "status": (_l("Status"), _status, False),
    "sector": (_l("Sector"), str, False),
    "district": (_l("District"), str, False),
    "rejection_reason": (_l("Reason"), str, True),
    "reason": (_l("Reason"), str, True),
    "hidden": (_l("hidden"), _yes_no, False),
    "merged_into": (_l("merged"), _idea, False),
    "barred": (_l("Barred from this process"), _yes_no, False),
    "blocked": (_l("Account blocked"), _yes_no, False),
    "measure": (_l("Measure"), str, False),
    "link": (_l("Kind of link"), _link, False),
}


def entry_changes(entry, sector_names=None):
    """The FieldChanges of one audit entry, or [] when it kept no state."""
    before, after = _state(entry.before_state), _state(entry.after_state)
    if before is None and after is None:
        return []
    if entry.object_type == "measure" and "code" in (after or before or {}):
        return compare_measure(before, after or {}, sector_names=sector_names)
    before, after = before or {}, after or {}
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (list(FIELDS).index(k) if k in FIELDS else 99, k)):
        if key in _SKIPPED:
            continue
        label_, show, long_text = FIELDS.get(key, (key, str, False))
        if key == "sector":
            show = lambda code: f"{sector_names[code]} ({code})" if code in (sector_names or {}) else code  # noqa: E731
        old, new = before.get(key), after.get(key)
        if long_text:
            changes += text_change(key, label_, old, new)
        else:
            changes += value_change(key, label_, show(old) if old is not None else None,
                                    show(new) if new is not None else None)
    return changes


def decision_changes(item, decisions, sector_names=None):
    """{decision id: its FieldChanges} for the decisions on an idea or a comment, from the audit entries
    written with them (same action and moment). Moderation only: a moderator's edit often removes what
    must not be public (a name, an insult), so these comparisons are never shown to the public."""
    from ..extensions import db
    from .models import AuditEntry

    object_type = type(item).__name__.lower()
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == object_type,
                                                             AuditEntry.object_id == item.id)).all()
    by_moment = {(entry.action, entry.created_at): entry for entry in entries}
    shown = {}
    for decision in decisions:
        entry = by_moment.get((f"{object_type}.{decision.action.value}", decision.created_at))
        if entry is not None:
            shown[decision.id] = entry_changes(entry, sector_names)
    return shown
