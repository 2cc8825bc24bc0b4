from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..formtools import options
from ..ideas.forms import IdeaForm
from .services import REASON_MAX

_required = DataRequired(message=_l("Please fill in this field."))
_reason_length = Length(max=REASON_MAX, message=_l("The text may have at most %(max)d characters."))


class VersionForm(FlaskForm):
    """Every decision names the version the moderator looked at."""

    version = HiddenField(validators=[_required])


class RejectForm(VersionForm):
    reason_template_id = SelectField(_l("Reason"), validate_choice=False)
    text = TextAreaField(_l("Your own words (optional with a reason chosen above)"), validators=[_reason_length])

    def set_choices(self, templates):
        self.reason_template_id.choices = options([("", _l("– choose a reason –"))] + [(t.id, t.title) for t in templates])


class RequestEditForm(VersionForm):
    note = TextAreaField(_l("What should the author change?"), validators=[_required, _reason_length])


class ModeratorEditForm(IdeaForm):
    version = HiddenField(validators=[_required])
    note = StringField(_l("Note for the log (what was corrected)"), validators=[Length(max=200)])


class MergeForm(VersionForm):
    target_id = StringField(_l("Number of the idea to merge into"), validators=[_required])
    note = StringField(_l("Note for the log"), validators=[Length(max=200)])


class HideForm(VersionForm):
    reason = TextAreaField(_l("Reason (for the log)"), validators=[_reason_length])


class BarForm(FlaskForm):
    """Bar an account from one process: a reason the person is shown, and an explicit confirmation."""

    reason = TextAreaField(_l("Reason (the person is shown it)"), validators=[_required, _reason_length])
    confirm = BooleanField(_l("Yes, bar this account from this process."),
                           validators=[DataRequired(message=_l("Please confirm the bar."))])


class BlockForm(FlaskForm):
    """Block an account everywhere (admins only)."""

    reason = TextAreaField(_l("Reason for blocking"), validators=[_required, _reason_length])
    confirm = BooleanField(_l("Yes, block this account everywhere. It can no longer sign in."),
                           validators=[DataRequired(message=_l("Please confirm the block."))])


class ReasonTemplateForm(FlaskForm):
    title = StringField(_l("Short title"), validators=[_required, Length(2, 80)])
    text = TextAreaField(_l("Text the author receives"), validators=[_required, Length(5, REASON_MAX)])


class ReportForm(FlaskForm):
    reason = TextAreaField(_l("Why should the moderation team look at this?"),
                           validators=[_required, Length(5, 500, message=_l("Please write %(min)d to %(max)d characters."))])
