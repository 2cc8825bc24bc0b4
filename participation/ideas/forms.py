from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..formtools import optional_id, options
from .models import BODY_MAX, BODY_MIN, COMMENT_MAX, TITLE_MAX, TITLE_MIN

_required = DataRequired(message=_l("Please fill in this field."))
_title_length = Length(TITLE_MIN, TITLE_MAX, message=_l("The title must have %(min)d to %(max)d characters."))
_body_length = Length(BODY_MIN, BODY_MAX, message=_l("The text must have %(min)d to %(max)d characters."))
_comment_length = Length(2, COMMENT_MAX, message=_l("The text must have %(min)d to %(max)d characters."))


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[_required, _title_length],
        description=_l("What should be done? %(min)d to %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX),
    )
    body = TextAreaField(
        _l("Your idea"), validators=[_required, _body_length],
        description=_l("Describe what, where and why. Up to %(max)d characters; paragraphs, *emphasis*, "
                       "**bold**, lists (- item) and links are possible.", max=BODY_MAX),
    )
    sector_id = SelectField(_l("Sector (Handlungsfeld)"), coerce=optional_id, validate_choice=False)
    district_id = SelectField(_l("District (optional)"), coerce=optional_id, validate_choice=False)

    def set_choices(self, process):
        self.sector_id.choices = options([("", _l("Please choose"))] + [(s.id, s.name) for s in process.sectors])
        self.district_id.choices = options([("", _l("Whole municipality"))] + [(d.id, d.name) for d in process.districts])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[_required, _comment_length])
    parent_id = HiddenField()
