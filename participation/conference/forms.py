"""Forms of the conference pages; the services check every rule again."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..formtools import IntegerField, options
from ..processes.forms import local_to_utc, utc_to_local
from .models import ConferenceMode, ItemKind, ParticipantKind, ResultsVisibility, VoteMethod, label
from .services import ConferenceData

_required = DataRequired(message=_l("Please fill in this field."))


def _choices(enum_cls, blank=None):
    pairs = [(member.value, label(member)) for member in enum_cls]
    return options(([("", blank)] if blank else []) + pairs)


class ConferenceForm(FlaskForm):
    title = StringField(_l("Title"), validators=[_required, Length(3, 160)])
    starts_at = DateTimeLocalField(_l("Starts"), validators=[_required], format="%Y-%m-%dT%H:%M")
    ends_at = DateTimeLocalField(_l("Ends"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    mode = SelectField(_l("Mode"), choices=_choices(ConferenceMode))
    agenda = TextAreaField(_l("Agenda"), validators=[Length(max=10000)],
                           description=_l("Paragraphs, *emphasis*, **bold**, lists and links are possible."))
    event_code = StringField(_l("Event code"), validators=[Length(max=16)],
                             description=_l("Optional: 4 to 16 letters or digits that walk-ins type in to join."))
    walk_ins_allowed = BooleanField(_l("Walk-ins may join with the event code"))
    self_choice = BooleanField(_l("Participants choose their table themselves (up to its capacity)"))

    def to_data(self):
        return ConferenceData(
            title=self.title.data, starts_at=local_to_utc(self.starts_at.data), ends_at=local_to_utc(self.ends_at.data),
            agenda=self.agenda.data or "", mode=self.mode.data, event_code=self.event_code.data or "",
            walk_ins_allowed=self.walk_ins_allowed.data, self_choice=self.self_choice.data,
        )

    def fill(self, conference):
        self.title.data, self.mode.data, self.agenda.data = conference.title, conference.mode.value, conference.agenda
        self.starts_at.data, self.ends_at.data = utc_to_local(conference.starts_at), utc_to_local(conference.ends_at)
        self.event_code.data = conference.event_code or ""
        self.walk_ins_allowed.data, self.self_choice.data = conference.walk_ins_allowed, conference.self_choice


class TableForm(FlaskForm):
    topic = StringField(_l("Topic"), validators=[_required, Length(2, 160)])
    capacity = IntegerField(_l("Seats"), validators=[_required, NumberRange(1, 1000)], default=10)
    sector_id = SelectField(_l("Sector"), choices=[], validate_choice=False)
    facilitator_id = SelectField(_l("Table facilitator"), choices=[], validate_choice=False)

    def set_choices(self, process, facilitators):
        self.sector_id.choices = options([("", _l("none"))] + [(s.id, s.name) for s in process.sectors])
        self.facilitator_id.choices = options([("", _l("none"))] + [(p.id, p.display_name) for p in facilitators])


class ItemForm(FlaskForm):
    table_id = SelectField(_l("Table"), choices=[], validate_choice=False)
    kind = SelectField(_l("Kind"), choices=_choices(ItemKind))
    idea_id = SelectField(_l("Idea"), choices=[], validate_choice=False)
    measure_id = SelectField(_l("Measure"), choices=[], validate_choice=False)
    label = StringField(_l("Text of a free option (or a shorter label)"), validators=[Length(max=200)])

    def set_choices(self, conference, ideas, measures):
        self.table_id.choices = options([("", _l("Plenary"))] + [(t.id, t.topic) for t in conference.tables])
        self.idea_id.choices = options([("", "–")] + [(i.id, i.title) for i in ideas])
        self.measure_id.choices = options([("", "–")] + [(m.id, f"{m.code} {m.title}") for m in measures])


class ParticipantForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[_required, Length(2, 80)])
    email = StringField(_l("E-mail address"), validators=[Length(max=254)],
                        description=_l("Experts, facilitators and moderators with an address get their link by mail."))
    kind = SelectField(_l("Role"), choices=_choices(ParticipantKind))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), description=_l("One person per line: name;e-mail;kind (expert, citizen, "
                                                    "facilitator or moderator). Nothing is imported if a line "
                                                    "has a problem."))


class MoveForm(FlaskForm):
    table_id = SelectField(_l("Table"), choices=[], validate_choice=False)


class RoundForm(FlaskForm):
    table_id = SelectField(_l("Where"), choices=[], validate_choice=False)
    title = StringField(_l("Question"), validators=[_required, Length(1, 160)])
    method = SelectField(_l("Method"), choices=_choices(VoteMethod))
    dots = IntegerField(_l("Dots per person"), validators=[Optional(), NumberRange(1, 100)], default=5)
    max_per_item = IntegerField(_l("At most on one item"), validators=[Optional(), NumberRange(1, 100)], default=3)
    depth = IntegerField(_l("Places to rank"), validators=[Optional(), NumberRange(1, 10)], default=3)
    duration_minutes = IntegerField(_l("Timer in minutes (empty: until closed)"),
                                    validators=[Optional(), NumberRange(1, 240)])
    results_visibility = SelectField(_l("Show results"), choices=_choices(ResultsVisibility))
    all_tables = BooleanField(_l("Open at once at every table"))

    def set_choices(self, conference):
        self.table_id.choices = options([("", _l("Plenary"))] + [(t.id, t.topic) for t in conference.tables])

    def settings(self):
        return {"dots": self.dots.data or 5, "max_per_item": self.max_per_item.data or 3, "depth": self.depth.data or 3}

    def duration_seconds(self):
        return self.duration_minutes.data * 60 if self.duration_minutes.data else None


class IdeaForm(FlaskForm):
    title = StringField(_l("Title"), validators=[_required, Length(5, 120)])
    body = TextAreaField(_l("What was proposed"), validators=[_required, Length(10, 5000)])


class CodeForm(FlaskForm):
    code = StringField(_l("Event code"), validators=[_required, Length(4, 16)])
    display_name = StringField(_l("Your name (as others see it)"), validators=[_required, Length(2, 80)])


class ChoiceForm(FlaskForm):
    first_choice = SelectField(_l("First choice"), choices=[], validate_choice=False)
    second_choice = SelectField(_l("Second choice"), choices=[], validate_choice=False)

    def set_choices(self, conference):
        pairs = [("", "–")] + [(t.id, t.topic) for t in conference.tables]
        self.first_choice.choices = options(pairs)
        self.second_choice.choices = options(pairs)


class AnnouncementForm(FlaskForm):
    text = TextAreaField(_l("Announcement"), validators=[_required, Length(1, 500)])
    table_id = SelectField(_l("To"), choices=[], validate_choice=False)

    def set_choices(self, conference):
        self.table_id.choices = options([("", _l("everyone"))] + [(t.id, t.topic) for t in conference.tables])
