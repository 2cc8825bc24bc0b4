from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..formtools import IntegerField, options
from ..values import as_decimal
from .models import (
    LinkKind,
    MeasureOrigin,
    MeasureStatus,
    MeasureType,
    Priority,
    QuantityKind,
    TimeHorizon,
    label,
)
from .services import MeasureData, MilestoneData, QuantityData

_required = DataRequired(message=_l("Please fill in this field."))
_date = {"validators": [Optional()], "format": "%Y-%m-%d"}


def _number(value):
    """German or English decimal notation (values.as_decimal); the service names anything else."""
    if value in (None, ""):
        return None
    number = as_decimal(value, minimum=-(10**30), maximum=10**30)  # the service names the bound
    return value if number is None else float(number)


def _at_most(n):
    """Nested forms (wtforms.Form) get no translated default messages: name the limit ourselves."""
    return Length(max=n, message=_l("The text may have at most %(max)d characters."))


class QuantityForm(Form):
    value = StringField(_l("Value"), filters=[_number])
    low = StringField(_l("from"), filters=[_number])
    high = StringField(_l("to"), filters=[_number])
    method = TextAreaField(_l("Method"), validators=[_at_most(2000)])
    source = TextAreaField(_l("Source"), validators=[_at_most(2000)])


class MilestoneForm(Form):
    title = StringField(_l("Milestone"), validators=[_at_most(200)])
    due_on = DateField(_l("planned"), **_date)
    done_on = DateField(_l("done"), **_date)


def _choices(enum_cls, blank=None):
    pairs = [(member.value, label(member)) for member in enum_cls]
    return options(([("", blank)] if blank else []) + pairs)


class MeasureForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[_required, Length(5, 200)])
    sector_id = SelectField(_l("Sector (Handlungsfeld)"), validate_choice=False)
    type = SelectField(_l("Type of measure"), choices=_choices(MeasureType))
    goal = TextAreaField(_l("Goal and strategy"))
    starting_situation = TextAreaField(_l("Starting situation"))
    description = TextAreaField(_l("Description"))
    initiator = StringField(_l("Initiator"), validators=[Length(max=200)])
    lead_actor = StringField(_l("Actors: lead"), validators=[Length(max=200)])
    partners = TextAreaField(_l("Actors: partners"))
    target_group = TextAreaField(_l("Target group"))
    steps = TextAreaField(_l("Steps"))
    success_indicators = TextAreaField(_l("Success indicators and milestones"))
    time_horizon = SelectField(_l("Time horizon"), choices=_choices(TimeHorizon))
    planned_start = DateField(_l("Planned start"), **_date)
    planned_end = DateField(_l("Planned end"), **_date)
    actual_start = DateField(_l("Actual start"), **_date)
    actual_end = DateField(_l("Actual end"), **_date)
    priority = SelectField(_l("Priority"), choices=_choices(Priority, blank=_l("not set")))
    council_decision_on = DateField(_l("Council decision on"), **_date)
    council_reference = StringField(_l("Council paper (Drucksache)"), validators=[Length(max=80)])
    status = SelectField(_l("Status"), choices=_choices(MeasureStatus))
    progress_percent = IntegerField(_l("Progress in percent"), default=0,
                                    validators=[Optional(), NumberRange(0, 100, message=_l("Enter a whole number from 0 to 100."))])
    origin = SelectField(_l("Origin"), choices=_choices(MeasureOrigin))
    origin_note = TextAreaField(_l("Origin in detail"))
    related_codes = StringField(_l("Related measures (numbers, separated by commas)"), validators=[Length(max=500)])
    depends_on_codes = StringField(_l("Depends on the measures (numbers, separated by commas)"),
                                   validators=[Length(max=500)])
    ghg_savings = FormField(QuantityForm, label=label(QuantityKind.GHG_SAVINGS))
    energy_savings = FormField(QuantityForm, label=label(QuantityKind.ENERGY_SAVINGS))
    investment = FormField(QuantityForm, label=label(QuantityKind.INVESTMENT))
    running_costs = FormField(QuantityForm, label=label(QuantityKind.RUNNING_COSTS))
    value_added = FormField(QuantityForm, label=label(QuantityKind.VALUE_ADDED))
    milestones = FieldList(FormField(MilestoneForm), min_entries=4, max_entries=40)
    summary = StringField(_l("What did you change? (for the history)"), validators=[Length(max=200)])

    TEXTS = ("goal", "starting_situation", "description", "initiator", "lead_actor", "partners", "target_group",
             "steps", "success_indicators", "council_reference", "origin_note")

    def set_choices(self, process):
        self.sector_id.choices = options([("", _l("Please choose"))] + [(s.id, s.name) for s in process.sectors])

    def fill_from(self, measure):
        for kind in QuantityKind:
            quantity = measure.quantity(kind)
            if quantity is not None:
                getattr(self, kind.value).form.process(obj=quantity)
        while len(self.milestones) < len(measure.milestones) + 2:
            self.milestones.append_entry()
        for entry, milestone in zip(self.milestones, measure.milestones):
            entry.form.process(obj=milestone)

    @staticmethod
    def codes(text):
        return [part.strip().upper() for part in (text or "").replace(";", ",").split(",") if part.strip()]

    def to_data(self):
        return MeasureData(
            title=self.title.data, sector_id=self.sector_id.data, type=self.type.data,
            time_horizon=self.time_horizon.data, origin=self.origin.data, status=self.status.data,
            priority=self.priority.data or "", progress_percent=self.progress_percent.data or 0,
            planned_start=self.planned_start.data, planned_end=self.planned_end.data,
            actual_start=self.actual_start.data, actual_end=self.actual_end.data,
            council_decision_on=self.council_decision_on.data,
            texts={name: getattr(self, name).data or "" for name in self.TEXTS},
            quantities={kind.value: QuantityData(**{k: getattr(self, kind.value).form[k].data
                                                   for k in ("value", "low", "high", "method", "source")})
                        for kind in QuantityKind},
            milestones=[MilestoneData(e.form.title.data or "", e.form.due_on.data, e.form.done_on.data)
                        for e in self.milestones],
        )


class LinkIdeasForm(FlaskForm):
    idea_ids = StringField(_l("Numbers of the ideas (separated by commas)"), validators=[_required])
    link_kind = SelectField(_l("Kind of link"), choices=_choices(LinkKind))
    rationale = TextAreaField(_l("Rationale (shown on the idea and the measure)"), validators=[Length(max=2000)])

    def ids(self):
        return [part.strip().lstrip("#") for part in (self.idea_ids.data or "").replace(";", ",").split(",")
                if part.strip()]
