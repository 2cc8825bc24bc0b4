from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..auth.models import ProcessRoleKind
from ..database import as_utc
from ..formtools import options
from .models import ModerationMode

_required = DataRequired(message=_l("Please fill in this field."))


def _zone():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_to_utc(value):
    """A datetime-local entry means local time in the municipality (Europe/Berlin)."""
    if value is None:
        return None
    return value.replace(tzinfo=_zone()).astimezone(ZoneInfo("UTC"))


def utc_to_local(value):
    if value is None:
        return None
    return as_utc(value).astimezone(_zone()).replace(tzinfo=None)


class ProcessForm(FlaskForm):
    title = StringField(_l("Title"), validators=[_required, Length(3, 160)])
    slug = StringField(
        _l("Web address"), validators=[_required, Length(2, 60)],
        description=_l("Lower-case letters, digits and hyphens; it appears in links, e.g. jena-2035."),
    )
    municipality = StringField(_l("Municipality"), validators=[_required, Length(2, 120)])
    description = TextAreaField(
        _l("Description"), validators=[Length(max=20000)],
        description=_l("Paragraphs, *emphasis*, **bold**, lists and links are possible."),
    )
    contact_person = TextAreaField(
        _l("Contact person"), validators=[Length(max=1000)],
        description=_l("Name, office, phone and e-mail of the person who answers questions about this process;"
                       " shown on the process page."),
    )
    idea_collection_opens_at = DateTimeLocalField(
        _l("Idea collection opens"), validators=[Optional()], format="%Y-%m-%dT%H:%M"
    )
    idea_collection_closes_at = DateTimeLocalField(
        _l("Idea collection closes"), validators=[Optional()], format="%Y-%m-%dT%H:%M"
    )
    moderation_mode = SelectField(
        _l("Moderation"),
        choices=options([
            (ModerationMode.PRE.value, _l("Pre-moderation: contributions appear after a moderator publishes them")),
            (ModerationMode.POST.value, _l("Post-moderation: contributions appear at once")),
        ]),
    )
    is_public = BooleanField(_l("Show this process publicly"))


class SectorsForm(FlaskForm):
    sectors = TextAreaField(
        _l("Sectors (Handlungsfelder)"),
        description=_l("One per line as 'CODE | Name', e.g. 'MOB | Mobilität'. The code prefixes measure codes."),
    )


class DistrictsForm(FlaskForm):
    districts = TextAreaField(_l("Districts"), description=_l("One per line."))


class TeamForm(FlaskForm):
    email = EmailField(_l("E-mail address of a registered account"), validators=[_required])
    role = SelectField(
        _l("Role"),
        choices=options([(ProcessRoleKind.MODERATOR.value, _l("Moderator")), (ProcessRoleKind.STAFF.value, _l("Staff"))]),
    )
