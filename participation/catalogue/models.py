"""The measure catalogue (Maßnahmenkatalog): measures with the fields of the German measure sheet,
their numbers with method and source, milestones, revisions, links to ideas, and prioritisation."""
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, enum_column, utcnow
from ..extensions import db


class MeasureType(StrEnum):
    TECHNICAL = "technical"
    FUNDING = "funding"
    REGULATORY = "regulatory"
    INFORMATION = "information"
    ORGANISATIONAL = "organisational"


class TimeHorizon(StrEnum):
    SHORT = "short"  # up to 3 years
    MEDIUM = "medium"  # 3 to 7 years
    LONG = "long"  # more than 7 years


class MeasureStatus(StrEnum):
    PROPOSED = "proposed"
    PRIORITISED = "prioritised"
    ADOPTED = "adopted"  # by the council
    IN_IMPLEMENTATION = "in_implementation"
    COMPLETED = "completed"
    DISCARDED = "discarded"


class MeasureOrigin(StrEnum):
    CITIZEN_IDEAS = "citizen_ideas"
    WORKSHOP = "workshop"
    ADMINISTRATION = "administration"
    COUNCIL_MOTION = "council_motion"
    CONFERENCE = "conference"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class QuantityKind(StrEnum):
    GHG_SAVINGS = "ghg_savings"  # t CO2e per year
    ENERGY_SAVINGS = "energy_savings"  # MWh final energy per year
    INVESTMENT = "investment"  # EUR
    RUNNING_COSTS = "running_costs"  # EUR per year
    VALUE_ADDED = "value_added"  # EUR regional value added


class LinkKind(StrEnum):
    ADOPTED = "adopted"
    MERGED = "merged"
    PARTLY_ADOPTED = "partly_adopted"
    INSPIRED = "inspired"


class RelationKind(StrEnum):
    RELATED = "related"
    DEPENDS_ON = "depends_on"


# Keyed by (enum class, value): members of different enums with the same value ("adopted",
# "medium") compare equal as strings and would otherwise overwrite each other.
_LABEL_LIST = [
    (MeasureType.TECHNICAL, _l("technical")),
    (MeasureType.FUNDING, _l("funding")),
    (MeasureType.REGULATORY, _l("regulatory")),
    (MeasureType.INFORMATION, _l("information and participation")),
    (MeasureType.ORGANISATIONAL, _l("organisational")),
    (TimeHorizon.SHORT, _l("short term (up to 3 years)")),
    (TimeHorizon.MEDIUM, _l("medium term (3 to 7 years)")),
    (TimeHorizon.LONG, _l("long term (more than 7 years)")),
    (MeasureStatus.PROPOSED, _l("proposed")),
    (MeasureStatus.PRIORITISED, _l("prioritised")),
    (MeasureStatus.ADOPTED, _l("adopted by the council")),
    (MeasureStatus.IN_IMPLEMENTATION, _l("in implementation")),
    (MeasureStatus.COMPLETED, _l("completed")),
    (MeasureStatus.DISCARDED, _l("discarded")),
    (MeasureOrigin.CITIZEN_IDEAS, _l("citizens' ideas")),
    (MeasureOrigin.WORKSHOP, _l("workshop")),
    (MeasureOrigin.ADMINISTRATION, _l("administration")),
    (MeasureOrigin.COUNCIL_MOTION, _l("council motion")),
    (MeasureOrigin.CONFERENCE, _l("climate conference")),
    (Priority.HIGH, _l("high")),
    (Priority.MEDIUM, _l("medium")),
    (Priority.LOW, _l("low")),
    (QuantityKind.GHG_SAVINGS, _l("Greenhouse-gas savings")),
    (QuantityKind.ENERGY_SAVINGS, _l("Final-energy savings")),
    (QuantityKind.INVESTMENT, _l("Investment costs")),
    (QuantityKind.RUNNING_COSTS, _l("Running costs")),
    (QuantityKind.VALUE_ADDED, _l("Regional value added")),
    (LinkKind.ADOPTED, _l("adopted")),
    (LinkKind.MERGED, _l("merged into the measure")),
    (LinkKind.PARTLY_ADOPTED, _l("partly adopted")),
    (LinkKind.INSPIRED, _l("inspired the measure")),
    (RelationKind.RELATED, _l("related")),
    (RelationKind.DEPENDS_ON, _l("depends on")),
]

LABELS = {(type(member), member.value): text for member, text in _LABEL_LIST}

QUANTITY_UNITS = {
    QuantityKind.GHG_SAVINGS: "t CO₂e/a",
    QuantityKind.ENERGY_SAVINGS: "MWh/a",
    QuantityKind.INVESTMENT: "€",
    QuantityKind.RUNNING_COSTS: "€/a",
    QuantityKind.VALUE_ADDED: "€",
}

# Idea links that make an idea "in Maßnahme übernommen"; an idea that only inspired a measure keeps its status.
ADOPTING_LINKS = (LinkKind.ADOPTED, LinkKind.MERGED, LinkKind.PARTLY_ADOPTED)


def label(value):
    """The human label of an enum member of this module (translated lazily)."""
    return LABELS.get((type(value), getattr(value, "value", value)), value)


class Measure(db.Model):
    __tablename__ = "measures"
    __table_args__ = (
        sa.UniqueConstraint("process_id", "code"),
        sa.Index("ix_measures_process_sector", "process_id", "sector_id", "status"),
        sa.CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_range"),
    )

    # Fields of a revision that only the process's team sees in the measure's history: the weighted
    # score is the staff's working figure while they prioritise, publishing is their switch.
    INTERNAL_FIELDS = frozenset({"score", "is_public"})

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    sector_id: Mapped[int] = mapped_column(sa.ForeignKey("sectors.id", ondelete="RESTRICT"))
    # Sector code and a running number (MOB-03); fixed once the measure is published.
    code: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str] = mapped_column(sa.String(200))
    type: Mapped[MeasureType] = mapped_column(enum_column(MeasureType, name="measuretype"))
    goal: Mapped[str] = mapped_column(sa.Text, default="")  # Ziel und Strategie
    starting_situation: Mapped[str] = mapped_column(sa.Text, default="")  # Ausgangslage
    description: Mapped[str] = mapped_column(sa.Text, default="")  # Beschreibung
    initiator: Mapped[str] = mapped_column(sa.String(200), default="")  # Initiator
    lead_actor: Mapped[str] = mapped_column(sa.String(200), default="")  # Akteure: Verantwortung
    partners: Mapped[str] = mapped_column(sa.Text, default="")  # Akteure: Beteiligte
    target_group: Mapped[str] = mapped_column(sa.Text, default="")  # Zielgruppe
    steps: Mapped[str] = mapped_column(sa.Text, default="")  # Handlungsschritte
    success_indicators: Mapped[str] = mapped_column(sa.Text, default="")  # Erfolgsindikatoren, Meilensteine
    time_horizon: Mapped[TimeHorizon] = mapped_column(enum_column(TimeHorizon))
    planned_start: Mapped[date | None] = mapped_column(sa.Date)
    planned_end: Mapped[date | None] = mapped_column(sa.Date)
    actual_start: Mapped[date | None] = mapped_column(sa.Date)
    actual_end: Mapped[date | None] = mapped_column(sa.Date)
    priority: Mapped[Priority | None] = mapped_column(enum_column(Priority))
    council_decision_on: Mapped[date | None] = mapped_column(sa.Date)
    council_reference: Mapped[str] = mapped_column(sa.String(80), default="")  # Drucksache
    status: Mapped[MeasureStatus] = mapped_column(enum_column(MeasureStatus), default=MeasureStatus.PROPOSED)
    progress_percent: Mapped[int] = mapped_column(default=0, server_default="0")
    origin: Mapped[MeasureOrigin] = mapped_column(enum_column(MeasureOrigin))
    origin_note: Mapped[str] = mapped_column(sa.Text, default="")
    # The weighted prioritisation score, kept up to date whenever scores or weights change.
    score: Mapped[float | None] = mapped_column(sa.Float)
    is_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    process: Mapped["Process"] = relationship()  # noqa: F821
    sector: Mapped["Sector"] = relationship()  # noqa: F821
    quantities: Mapped[list["MeasureQuantity"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="MeasureQuantity.kind"
    )
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="(Milestone.due_on, Milestone.id)"
    )
    idea_links: Mapped[list["IdeaMeasureLink"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="IdeaMeasureLink.created_at"
    )
    scores: Mapped[list["MeasureScore"]] = relationship(back_populates="measure", cascade="all, delete-orphan")

    def __repr__(self):
        return f"<Measure {self.code} {self.title[:30]!r}>"

    def quantity(self, kind):
        return next((q for q in self.quantities if q.kind == kind), None)


class MeasureQuantity(db.Model):
    """A number on the measure sheet with its range, and the method and source behind it."""

    __tablename__ = "measure_quantities"
    __table_args__ = (sa.UniqueConstraint("measure_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"))
    kind: Mapped[QuantityKind] = mapped_column(enum_column(QuantityKind))
    value: Mapped[float | None] = mapped_column(sa.Float)
    low: Mapped[float | None] = mapped_column(sa.Float)
    high: Mapped[float | None] = mapped_column(sa.Float)
    method: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[str] = mapped_column(sa.Text, default="")

    measure: Mapped[Measure] = relationship(back_populates="quantities")

    @property
    def unit(self):
        return QUANTITY_UNITS[self.kind]


class MeasureRelation(db.Model):
    __tablename__ = "measure_relations"

    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[RelationKind] = mapped_column(enum_column(RelationKind), primary_key=True)

    other: Mapped[Measure] = relationship(foreign_keys=[other_id])


class Milestone(db.Model):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    done_on: Mapped[date | None] = mapped_column(sa.Date)

    measure: Mapped[Measure] = relationship(back_populates="milestones")


class MeasureRevision(db.Model):
    """The whole measure as it was after one change: its history, newest last."""

    __tablename__ = "measure_revisions"
    __table_args__ = (sa.UniqueConstraint("measure_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"))
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str | None] = mapped_column(sa.String(120))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    snapshot: Mapped[str] = mapped_column(sa.Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IdeaMeasureLink(db.Model):
    """Where a measure came from: a citizen's idea, with the kind of link and why."""

    __tablename__ = "idea_measure_links"
    __table_args__ = (sa.UniqueConstraint("idea_id", "measure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), index=True)
    kind: Mapped[LinkKind] = mapped_column(enum_column(LinkKind))
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    idea: Mapped["Idea"] = relationship()  # noqa: F821
    measure: Mapped[Measure] = relationship(back_populates="idea_links")


class PriorityCriterion(db.Model):
    __tablename__ = "priority_criteria"
    __table_args__ = (sa.UniqueConstraint("process_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    weight: Mapped[float] = mapped_column(sa.Float, default=1.0)
    position: Mapped[int] = mapped_column(default=0)


class MeasureScore(db.Model):
    """A measure's score (1 to 5) on one criterion, with the reason for it."""

    __tablename__ = "measure_scores"
    __table_args__ = (
        sa.UniqueConstraint("measure_id", "criterion_id"),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name="value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(sa.ForeignKey("priority_criteria.id", ondelete="CASCADE"), index=True)
    value: Mapped[int]
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    scored_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    measure: Mapped[Measure] = relationship(back_populates="scores")
    criterion: Mapped[PriorityCriterion] = relationship()


# The assessment criteria a process starts with, stored in the instance's language
# (`i18n.instance_locale`); staff edit them per process.
DEFAULT_CRITERIA = (
    (_l("Greenhouse-gas reduction potential"), _l("How much CO₂e does the measure save per year?"), 3.0),
    (_l("Cost efficiency"), _l("Cost per tonne of CO₂e saved."), 2.0),
    (_l("Feasibility"), _l("Responsibility, staff, legal and technical hurdles."), 2.0),
    (_l("Co-benefits"), _l("Health, quality of life, climate adaptation, regional value added."), 1.0),
)
