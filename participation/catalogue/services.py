"""The measure catalogue: measures from ideas, the measure sheet, revisions, prioritisation,
the public catalogue and its totals."""
import json
import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from .. import notifications
from ..database import utcnow
from ..errors import InvalidState, NotFound, ValidationFailed
from ..extensions import db
from ..i18n import instance_locale
from ..ideas.models import Idea, IdeaStatus
from ..moderation.services import record, require_moderator, require_staff
from ..processes.models import Sector
from ..urls import external_url
from ..values import as_decimal, as_id, as_int
from . import history
from .models import (
    ADOPTING_LINKS,
    DEFAULT_CRITERIA,
    IdeaMeasureLink,
    LinkKind,
    Measure,
    MeasureOrigin,
    MeasureQuantity,
    MeasureRelation,
    MeasureRevision,
    MeasureScore,
    MeasureStatus,
    MeasureType,
    Milestone,
    Priority,
    PriorityCriterion,
    QuantityKind,
    RelationKind,
    TimeHorizon,
    label,
)

NOTE_MAX = 2000  # a criterion's description, a score's rationale
TEXT_FIELDS = ("goal", "starting_situation", "description", "partners", "target_group", "steps",
               "success_indicators", "origin_note")
LINE_FIELDS = {"initiator": 200, "lead_actor": 200, "council_reference": 80}
TEXT_MAX = 10_000
QUANTITY_DIGITS = 15  # a float holds them exactly; no climate plan counts tonnes or euros beyond
QUANTITY_LIMIT = 10**QUANTITY_DIGITS
_CODE_RE = re.compile(r"^(?P<prefix>.+)-(?P<number>\d+)$")


# --- the data of a measure sheet ------------------------------------------------------

@dataclass
class QuantityData:
    value: float | None = None
    low: float | None = None
    high: float | None = None
    method: str = ""
    source: str = ""


@dataclass
class MilestoneData:
    title: str
    due_on: date | None = None
    done_on: date | None = None


@dataclass
class MeasureData:
    """Everything on a measure sheet, as the form or the API delivers it."""

    title: str = ""
    sector_id: object = None
    type: str = MeasureType.TECHNICAL.value
    time_horizon: str = TimeHorizon.SHORT.value
    origin: str = MeasureOrigin.CITIZEN_IDEAS.value
    status: str = MeasureStatus.PROPOSED.value
    priority: str = ""
    progress_percent: object = 0
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    council_decision_on: date | None = None
    texts: dict = field(default_factory=dict)  # TEXT_FIELDS and LINE_FIELDS by name
    quantities: dict = field(default_factory=dict)  # QuantityKind value -> QuantityData
    milestones: list = field(default_factory=list)  # MilestoneData


def _enum(enum_cls, value, field_name, errors, optional=False):
    if optional and value in (None, ""):
        return None
    try:
        return enum_cls(value)
    except ValueError:
        errors[field_name] = [_l("Please choose one of the values offered.")]
        return None


def _validate(process, data):
    errors = {}
    title = (data.title or "").strip() if isinstance(data.title, str) else ""
    if not 5 <= len(title) <= 200:
        errors["title"] = [_l("The title must have %(min)d to %(max)d characters.", min=5, max=200)]
    sector_key = as_id(data.sector_id)
    sector = db.session.get(Sector, sector_key) if sector_key else None
    if sector is None or sector.process_id != process.id:
        errors["sector_id"] = [_l("Please choose one of this process's sectors.")]
    values = {
        "type": _enum(MeasureType, data.type, "type", errors),
        "time_horizon": _enum(TimeHorizon, data.time_horizon, "time_horizon", errors),
        "origin": _enum(MeasureOrigin, data.origin, "origin", errors),
        "status": _enum(MeasureStatus, data.status, "status", errors),
        "priority": _enum(Priority, data.priority, "priority", errors, optional=True),
    }
    progress = as_int(data.progress_percent or 0, minimum=0, maximum=100)
    if progress is None:
        errors["progress_percent"] = [_l("Enter a whole number from 0 to 100.")]
        progress = 0
    texts = {}
    for name in TEXT_FIELDS:
        value = data.texts.get(name, "") or ""
        if not isinstance(value, str) or len(value) > TEXT_MAX:
            errors[name] = [_l("The text may have at most %(max)d characters.", max=TEXT_MAX)]
        texts[name] = value.strip() if isinstance(value, str) else ""
    for name, maximum in LINE_FIELDS.items():
        value = data.texts.get(name, "") or ""
        if not isinstance(value, str) or len(value) > maximum:
            errors[name] = [_l("The text may have at most %(max)d characters.", max=maximum)]
        texts[name] = value.strip() if isinstance(value, str) else ""
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if getattr(data, start) and getattr(data, end) and getattr(data, end) < getattr(data, start):
            errors[end] = [_l("The end must not lie before the start.")]
    quantities = {}
    for kind_value, quantity in (data.quantities or {}).items():
        kind = _enum(QuantityKind, kind_value, f"quantity_{kind_value}", errors)
        if kind is None:
            continue
        numbers = (quantity.value, quantity.low, quantity.high)
        if any(n is not None and (isinstance(n, bool) or not isinstance(n, (int, float))) for n in numbers):
            errors[f"quantity_{kind.value}"] = [_l("Please enter numbers.")]
            continue
        if any(n is not None and not abs(n) < QUANTITY_LIMIT for n in numbers):  # also inf and nan
            errors[f"quantity_{kind.value}"] = [_l("%(what)s: a number may have at most %(n)d digits before the "
                                                   "decimal point.", what=label(kind), n=QUANTITY_DIGITS)]
            continue
        if quantity.low is not None and quantity.high is not None and quantity.low > quantity.high:
            errors[f"quantity_{kind.value}"] = [_l("The lower bound must not exceed the upper bound.")]
        if quantity.value is not None and ((quantity.low is not None and quantity.value < quantity.low)
                                           or (quantity.high is not None and quantity.value > quantity.high)):
            errors[f"quantity_{kind.value}"] = [_l("The value must lie within its range.")]
        if any(n is not None for n in numbers) or quantity.method or quantity.source:
            quantities[kind] = quantity
    milestones = []
    for milestone in data.milestones or []:
        title_ = (milestone.title or "").strip()
        if not title_:
            continue
        if len(title_) > 200:
            errors["milestones"] = [_l("A milestone may have at most 200 characters.")]
        milestones.append(MilestoneData(title_, milestone.due_on, milestone.done_on))
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    return title, sector, values, progress, texts, quantities, milestones


def _next_code(process, sector):
    codes = db.session.scalars(sa.select(Measure.code).where(Measure.process_id == process.id,
                                                             Measure.code.like(f"{sector.code}-%"))).all()
    numbers = [int(m.group("number")) for m in map(_CODE_RE.match, codes) if m]
    return f"{sector.code}-{(max(numbers) + 1) if numbers else 1:02d}"


def _apply(measure, process, data):
    title, sector, values, progress, texts, quantities, milestones = _validate(process, data)
    if measure.sector_id != sector.id and not measure.is_public:
        # The code follows the sector until the measure is published; then it stays.
        measure.code = _next_code(process, sector)
    measure.title, measure.sector = title, sector
    for name, value in values.items():
        setattr(measure, name, value)
    measure.progress_percent = progress
    for name, value in texts.items():
        setattr(measure, name, value)
    for name in ("planned_start", "planned_end", "actual_start", "actual_end", "council_decision_on"):
        setattr(measure, name, getattr(data, name))
    existing = {q.kind: q for q in measure.quantities}
    for kind, quantity in quantities.items():
        row = existing.pop(kind, None) or MeasureQuantity(kind=kind)
        row.value, row.low, row.high = quantity.value, quantity.low, quantity.high
        row.method, row.source = (quantity.method or "").strip(), (quantity.source or "").strip()
        if row not in measure.quantities:
            measure.quantities.append(row)
    for row in existing.values():
        measure.quantities.remove(row)
    measure.milestones[:] = [Milestone(title=m.title, due_on=m.due_on, done_on=m.done_on) for m in milestones]


def snapshot(measure):
    """The whole sheet as plain values: stored as a revision and in the audit log."""
    return {
        "code": measure.code, "title": measure.title, "sector": measure.sector.code if measure.sector else None,
        "type": measure.type.value, "time_horizon": measure.time_horizon.value, "status": measure.status.value,
        "priority": measure.priority.value if measure.priority else None, "progress_percent": measure.progress_percent,
        "origin": measure.origin.value, "is_public": measure.is_public, "score": measure.score,
        **{name: getattr(measure, name) for name in TEXT_FIELDS + tuple(LINE_FIELDS)},
        **{name: (getattr(measure, name).isoformat() if getattr(measure, name) else None)
           for name in ("planned_start", "planned_end", "actual_start", "actual_end", "council_decision_on")},
        "quantities": {q.kind.value: {"value": q.value, "low": q.low, "high": q.high, "method": q.method,
                                      "source": q.source} for q in measure.quantities},
        "milestones": [{"title": m.title, "due_on": m.due_on.isoformat() if m.due_on else None,
                        "done_on": m.done_on.isoformat() if m.done_on else None} for m in measure.milestones],
        "ideas": sorted((link.idea_id, link.kind.value) for link in measure.idea_links),
    }


def _revise(actor, measure, summary, before, now=None):
    """Keep the new state as a revision and log the change."""
    now = now or utcnow()
    db.session.flush()
    after = snapshot(measure)
    number = (db.session.scalar(sa.select(sa.func.max(MeasureRevision.number))
                                .where(MeasureRevision.measure_id == measure.id)) or 0) + 1
    db.session.add(MeasureRevision(measure_id=measure.id, number=number, author_id=actor.id,
                                   author_name=actor.display_name, summary=str(summary),
                                   snapshot=json.dumps(after, ensure_ascii=False, sort_keys=True), created_at=now))
    record(actor, measure.process_id, f"measure.{'create' if before is None else 'update'}", "measure", measure.id,
           f"{measure.code}: {summary}", before, after, now)
    db.session.flush()


# --- creating and changing measures -----------------------------------------------------

def create_measure(actor, process, data, idea_ids=(), link_kind=LinkKind.ADOPTED.value, rationale="", now=None):
    """A new measure, optionally made from one or several accepted ideas."""
    require_moderator(actor, process)
    now = now or utcnow()
    measure = Measure(process=process, created_at=now, updated_at=now)
    _apply(measure, process, data)
    if not measure.code:
        measure.code = _next_code(process, measure.sector)
    db.session.add(measure)
    db.session.flush()
    _revise(actor, measure, _l("created"), None, now)
    if idea_ids:
        link_ideas(actor, measure, idea_ids, link_kind, rationale, now=now)
    return measure


def update_measure(actor, measure, data, version, summary="", now=None):
    require_moderator(actor, measure.process)
    now = now or utcnow()
    version = as_id(version)
    if version is None:
        raise ValidationFailed(_l("The form is incomplete; please reload the page."))
    if version != measure.version:
        raise InvalidState(_l("The measure has changed since you opened it. Please look at the current version."))
    before = snapshot(measure)
    _apply(measure, measure.process, data)
    measure.version += 1
    measure.updated_at = now
    _revise(actor, measure, summary or _l("edited"), before, now)
    return measure


def set_public(actor, measure, public, now=None):
    """Publish a measure in the public catalogue (its code is fixed from then on), or withdraw it."""
    require_staff(actor, measure.process)
    before = snapshot(measure)
    measure.is_public = bool(public)
    if public and measure.published_at is None:
        measure.published_at = now or utcnow()
    measure.version += 1
    _revise(actor, measure, _l("published") if public else _l("withdrawn from the public catalogue"), before, now)
    return measure


def set_relations(actor, measure, related_codes, depends_on_codes):
    """Name the measures this one relates to and depends on, by their codes."""
    require_moderator(actor, measure.process)
    wanted = set()
    for kind, codes in ((RelationKind.RELATED, related_codes), (RelationKind.DEPENDS_ON, depends_on_codes)):
        for code in codes:
            other = db.session.scalar(sa.select(Measure).where(Measure.process_id == measure.process_id,
                                                               Measure.code == code))
            if other is None or other.id == measure.id:
                field = "related_codes" if kind == RelationKind.RELATED else "depends_on_codes"
                raise ValidationFailed(_l("There is no other measure %(code)s in this process.", code=code),
                                       field=field)
            wanted.add((other.id, kind))
    current = {(r.other_id, r.kind) for r in relations_of(measure)}
    if wanted == current:
        return
    before = snapshot(measure)
    db.session.execute(sa.delete(MeasureRelation).where(MeasureRelation.measure_id == measure.id))
    for other_id, kind in sorted(wanted):
        db.session.add(MeasureRelation(measure_id=measure.id, other_id=other_id, kind=kind))
    measure.version += 1
    _revise(actor, measure, _l("related measures changed"), before)


def relations_of(measure):
    return db.session.scalars(sa.select(MeasureRelation).where(MeasureRelation.measure_id == measure.id)
                              .options(selectinload(MeasureRelation.other))).all()


# --- ideas and measures -------------------------------------------------------------------

def link_ideas(actor, measure, idea_ids, kind, rationale="", now=None, notify=True):
    """Attach accepted ideas to a measure; adopting links mark the idea as taken up and tell its author.

    `notify=False` is for imports and the demo, whose authors should get no mail."""
    require_moderator(actor, measure.process)
    now = now or utcnow()
    try:
        kind = LinkKind(kind)
    except ValueError:
        raise ValidationFailed(_l("Please choose one of the values offered."), field="link_kind") from None
    rationale = (rationale or "").strip() if isinstance(rationale, str) else ""
    if len(rationale) > 2000:
        raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=2000), field="rationale")
    ideas = []
    for idea_id in idea_ids:
        idea_key = as_id(idea_id)
        idea = db.session.get(Idea, idea_key) if idea_key else None
        if idea is None or idea.process_id != measure.process_id:
            raise ValidationFailed(_l("Idea %(id)s is not an idea of this process.", id=idea_id), field="idea_ids")
        if idea.status not in (IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED) or idea.hidden_at is not None:
            raise ValidationFailed(_l("Only published ideas can be taken into a measure (idea %(id)d is not).",
                                      id=idea.id), field="idea_ids")
        if any(link.idea_id == idea.id for link in measure.idea_links):
            raise ValidationFailed(_l("Idea %(id)d is already linked to this measure.", id=idea.id), field="idea_ids")
        ideas.append(idea)
    if not ideas:
        raise ValidationFailed(_l("Please name at least one idea."), field="idea_ids")
    before = snapshot(measure)
    for idea in ideas:
        idea_before = {"status": idea.status.value}
        measure.idea_links.append(IdeaMeasureLink(idea=idea, kind=kind, rationale=rationale,
                                                  created_by_id=actor.id, created_at=now))
        if kind in ADOPTING_LINKS and idea.status == IdeaStatus.PUBLISHED:
            idea.status = IdeaStatus.ADOPTED
            idea.touch(now)
        record(actor, measure.process_id, "idea.link_measure", "idea", idea.id,
               f"{measure.code} ({kind.value}) {rationale}".strip(), idea_before,
               {"status": idea.status.value, "measure": measure.code, "link": kind.value}, now)
        if kind in ADOPTING_LINKS and notify:
            notifications.send(idea.author, "idea_adopted", _l("Your idea has been taken up into a measure"),
                               kind="adopted", idea=idea, measure=measure, kind_label=label(kind),
                               rationale=rationale,
                               measure_url=external_url("catalogue.show_measure", slug=measure.process.slug,
                                                        code=measure.code),
                               idea_url=external_url("ideas.show_idea", slug=measure.process.slug, idea_id=idea.id))
    if measure.origin != MeasureOrigin.CITIZEN_IDEAS and not before["ideas"]:
        measure.origin = MeasureOrigin.CITIZEN_IDEAS
    measure.version += 1
    _revise(actor, measure, _l("ideas linked: %(ids)s", ids=", ".join(str(i.id) for i in ideas)), before, now)
    return measure


def unlink_idea(actor, measure, link_id, now=None):
    require_moderator(actor, measure.process)
    link = next((link for link in measure.idea_links if link.id == link_id), None)
    if link is None:
        raise NotFound(_l("This link does not exist."))
    before = snapshot(measure)
    idea = link.idea
    measure.idea_links.remove(link)
    db.session.flush()
    still_adopted = db.session.scalar(sa.select(sa.func.count(IdeaMeasureLink.id)).where(
        IdeaMeasureLink.idea_id == idea.id, IdeaMeasureLink.kind.in_(ADOPTING_LINKS)))
    if idea.status == IdeaStatus.ADOPTED and not still_adopted:
        idea.status = IdeaStatus.PUBLISHED
        idea.touch(now)
    record(actor, measure.process_id, "idea.unlink_measure", "idea", idea.id, measure.code,
           {"measure": measure.code}, {"status": idea.status.value}, now)
    measure.version += 1
    _revise(actor, measure, _l("idea %(id)d unlinked", id=idea.id), before, now)


def links_of_idea(idea, public_only=True):
    statement = (sa.select(IdeaMeasureLink).join(Measure).where(IdeaMeasureLink.idea_id == idea.id)
                 .options(selectinload(IdeaMeasureLink.measure)).order_by(IdeaMeasureLink.created_at))
    if public_only:
        statement = statement.where(Measure.is_public.is_(True))
    return db.session.scalars(statement).all()


# --- reading ------------------------------------------------------------------------------

def get_measure_by_id(measure_id):
    measure_key = as_id(measure_id)
    return db.session.get(Measure, measure_key) if measure_key else None


def get_measure(process, code, viewer=None):
    measure = db.session.scalar(
        sa.select(Measure).where(Measure.process_id == process.id, Measure.code == code)
        .options(selectinload(Measure.quantities), selectinload(Measure.milestones),
                 selectinload(Measure.idea_links).selectinload(IdeaMeasureLink.idea),
                 selectinload(Measure.scores))
    )
    can_see_drafts = viewer is not None and viewer.is_authenticated and viewer.can_moderate(process)
    if measure is None or (not measure.is_public and not can_see_drafts):
        raise NotFound(_l("This measure does not exist or is not public yet."))
    return measure


def measure_choices(process):
    """(id, code, title) of every measure of the process, for a select box."""
    return db.session.execute(sa.select(Measure.id, Measure.code, Measure.title)
                              .where(Measure.process_id == process.id).order_by(Measure.code)).all()


def revisions(measure):
    return db.session.scalars(sa.select(MeasureRevision).where(MeasureRevision.measure_id == measure.id)
                              .order_by(MeasureRevision.number.desc())).all()


def is_team(viewer, process):
    return viewer is not None and viewer.is_authenticated and viewer.can_moderate(process)


def revisions_for(viewer, measure):
    """The measure's history as `viewer` may see it, newest first, each revision compared in words.

    The process's team sees every revision with every field. Everyone else sees only the versions in
    which the measure was public, each compared with the public version before it (changes made while
    it was a draft or withdrawn appear with the next published version), without the measure's
    internal fields; a public version that changed nothing they may see is left out."""
    team = is_team(viewer, measure.process)
    sector_names = {sector.code: sector.name for sector in measure.process.sectors}
    views, previous = [], None
    for revision in reversed(revisions(measure)):
        sheet = history.load(revision)
        if not team and not sheet.get("is_public"):
            continue
        changes = history.compare(previous, sheet, sector_names=sector_names, internal=team)
        if team or changes or previous is None:
            views.append(history.RevisionView(revision, changes, first=previous is None))
        previous = sheet
    return views[::-1]


@dataclass
class CatalogueQuery:
    sector: int | None = None
    status: str = ""
    priority: str = ""
    origin: str = ""
    sort: str = "code"


CATALOGUE_SORTS = ("code", "score", "ghg", "cost", "progress", "status")


def parse_catalogue_query(args):
    sector = as_id(args.get("sector"))
    sort = args.get("sort", "code")
    return CatalogueQuery(
        sector=sector,
        status=args.get("status", "") if args.get("status", "") in {s.value for s in MeasureStatus} else "",
        priority=args.get("priority", "") if args.get("priority", "") in {p.value for p in Priority} else "",
        origin=args.get("origin", "") if args.get("origin", "") in {o.value for o in MeasureOrigin} else "",
        sort=sort if sort in CATALOGUE_SORTS else "code",
    )


def catalogue(process, query=None, viewer=None):
    """The measures of a process, filtered and sorted; drafts only for its moderators and staff."""
    query = query or CatalogueQuery()
    conditions = [Measure.process_id == process.id]
    if not (viewer is not None and viewer.is_authenticated and viewer.can_moderate(process)):
        conditions.append(Measure.is_public.is_(True))
    if query.sector:
        conditions.append(Measure.sector_id == query.sector)
    if query.status:
        conditions.append(Measure.status == query.status)
    if query.priority:
        conditions.append(Measure.priority == query.priority)
    if query.origin:
        conditions.append(Measure.origin == query.origin)
    from .exports import measure_load_options

    measures = db.session.scalars(sa.select(Measure).where(*conditions).options(*measure_load_options())).all()

    def number(measure, kind):
        quantity = measure.quantity(kind)
        return quantity.value if quantity and quantity.value is not None else float("-inf")

    def code_key(measure):
        match = _CODE_RE.match(measure.code)
        return (match.group("prefix"), int(match.group("number"))) if match else (measure.code, 0)

    order = list(MeasureStatus)
    keys = {
        "code": lambda m: (m.sector.position, code_key(m)),
        "score": lambda m: (-(m.score or 0), code_key(m)),
        "ghg": lambda m: (-number(m, QuantityKind.GHG_SAVINGS), code_key(m)),
        "cost": lambda m: (-number(m, QuantityKind.INVESTMENT), code_key(m)),
        "progress": lambda m: (-m.progress_percent, code_key(m)),
        "status": lambda m: (order.index(m.status), code_key(m)),
    }
    return sorted(measures, key=keys[query.sort])


def sector_totals(process, measures):
    """Per sector: number of measures, investment and running costs, expected savings, mean progress."""
    totals = {sector.id: {"sector": sector, "count": 0, "investment": 0.0, "running_costs": 0.0,
                          "ghg_savings": 0.0, "energy_savings": 0.0, "progress_sum": 0}
              for sector in process.sectors}
    for measure in measures:
        row = totals[measure.sector_id]
        row["count"] += 1
        row["progress_sum"] += measure.progress_percent
        for kind, key in ((QuantityKind.INVESTMENT, "investment"), (QuantityKind.RUNNING_COSTS, "running_costs"),
                          (QuantityKind.GHG_SAVINGS, "ghg_savings"), (QuantityKind.ENERGY_SAVINGS, "energy_savings")):
            quantity = measure.quantity(kind)
            if quantity and quantity.value is not None:
                row[key] += quantity.value
    rows = [row for row in totals.values() if row["count"]]
    for row in rows:
        row["progress"] = round(row["progress_sum"] / row["count"])
    overall = {key: sum(row[key] for row in rows) for key in
               ("count", "investment", "running_costs", "ghg_savings", "energy_savings")}
    overall["progress"] = round(sum(m.progress_percent for m in measures) / len(measures)) if measures else 0
    return rows, overall


def status_counts(measures):
    counts = {status: 0 for status in MeasureStatus}
    for measure in measures:
        counts[measure.status] += 1
    return counts


# --- prioritisation --------------------------------------------------------------------

def criteria(process):
    return db.session.scalars(sa.select(PriorityCriterion).where(PriorityCriterion.process_id == process.id)
                              .order_by(PriorityCriterion.position, PriorityCriterion.id)).all()


def save_criteria(actor, process, rows):
    """Replace the weighted criteria: rows of (id or None, name, description, weight)."""
    require_staff(actor, process)
    existing = {c.id: c for c in criteria(process)}
    seen_names, kept, errors = set(), [], []
    for position, (criterion_id, name, description, weight) in enumerate(rows):
        name = (name or "").strip()
        if not name:
            continue
        weight = as_decimal(weight, minimum=0, maximum=100)
        if weight is None or weight == 0:
            errors.append(_l("Weights are numbers above 0 and at most 100 (%(name)s).",
                             name=name if len(name) <= 60 else name[:60] + "…"))
            continue
        shown = name if len(name) <= 60 else name[:60] + "…"
        if name.lower() in seen_names or len(name) > 120:
            errors.append(_l("Each criterion needs its own name of at most 120 characters (%(name)s).", name=shown))
            continue
        if len((description or "").strip()) > NOTE_MAX:  # refused, not cut short
            errors.append(_l("The text may have at most %(max)d characters.", max=NOTE_MAX))
            continue
        seen_names.add(name.lower())
        criterion = existing.pop(as_id(criterion_id), None)
        criterion = criterion or PriorityCriterion(process_id=process.id)
        criterion.name, criterion.description = name, (description or "").strip()
        criterion.weight, criterion.position = float(weight), position
        kept.append(criterion)
    if errors:
        raise ValidationFailed(errors[0], errors={"criteria": errors})
    for criterion in existing.values():
        db.session.delete(criterion)
    db.session.flush()
    db.session.add_all(kept)
    db.session.flush()
    record(actor, process.id, "criteria.save", "process", process.id,
           ", ".join(f"{c.name} ×{c.weight:g}" for c in kept))
    for measure in db.session.scalars(sa.select(Measure).where(Measure.process_id == process.id)):
        _rescore(measure)
    db.session.flush()
    return kept


def ensure_default_criteria(actor, process):
    if not criteria(process):
        with instance_locale():  # default content in the instance's language, whoever opens the page first
            defaults = [(None, str(name), str(description), weight) for name, description, weight in DEFAULT_CRITERIA]
        save_criteria(actor, process, defaults)
    return criteria(process)


def _rescore(measure):
    weights = {c.id: c.weight for c in criteria(measure.process)}
    scored = [(weights[s.criterion_id], s.value) for s in measure.scores if s.criterion_id in weights]
    total = sum(w for w, _ in scored)
    measure.score = round(sum(w * v for w, v in scored) / total, 3) if total else None


def score_measure(actor, measure, scores, now=None):
    """Score a measure 1–5 on each criterion with a reason; the weighted mean ranks the catalogue."""
    require_staff(actor, measure.process)
    now = now or utcnow()
    known = {c.id: c for c in criteria(measure.process)}
    before = snapshot(measure)
    current = {s.criterion_id: s for s in measure.scores}
    for criterion_id, (value, rationale) in scores.items():
        criterion = known.get(as_id(criterion_id))
        if criterion is None:
            raise ValidationFailed(_l("Unknown criterion."), field="scores")
        if value in (None, ""):
            if criterion.id in current:
                measure.scores.remove(current.pop(criterion.id))
            continue
        value = as_int(value, minimum=1, maximum=5)
        if value is None:
            raise ValidationFailed(_l("Scores are whole numbers from 1 to 5."), field="scores")
        rationale = (rationale or "").strip()
        if len(rationale) > NOTE_MAX:
            raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=NOTE_MAX), field="scores")
        row = current.get(criterion.id) or MeasureScore(criterion_id=criterion.id)
        row.value, row.rationale = value, rationale
        row.scored_by_id, row.updated_at = actor.id, now
        if row not in measure.scores:
            measure.scores.append(row)
    db.session.flush()
    _rescore(measure)
    measure.version += 1
    _revise(actor, measure, _l("scored"), before, now)
    return measure
