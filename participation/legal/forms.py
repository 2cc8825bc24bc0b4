from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..formtools import options
from .services import CONFORMANCE, FIELDS


def _text(key, *, field_class=TextAreaField, **kwargs):
    spec = next(f for f in FIELDS if f.key == key)
    return field_class(spec.label, validators=[Optional(), Length(max=spec.max_length)], **kwargs)


class _SettingsForm(FlaskForm):
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save"))


class ImprintForm(_SettingsForm):
    operator = _text("operator")
    address = _text("address")
    contact = _text("contact")
    representative = _text("representative")
    content_responsible = _text("content_responsible")
    imprint_extra = _text("imprint_extra")


class PrivacyForm(_SettingsForm):
    controller = _text("controller")
    dpo = _text("dpo")
    recipients = _text("recipients")
    supervisory_authority = _text("supervisory_authority")


class AccessibilityForm(_SettingsForm):
    conformance = SelectField(_l("Conformance status"), choices=options(CONFORMANCE))
    limitations = _text("limitations")
    evaluation_date = _text("evaluation_date", field_class=StringField,
                            description=_l("As YYYY-MM-DD, e.g. 2026-12-01."))
    evaluation_method = _text("evaluation_method")
    feedback_address = _text("feedback_address", field_class=StringField)
    enforcement = _text("enforcement")


FORMS = {"imprint": ImprintForm, "privacy": PrivacyForm, "accessibility": AccessibilityForm}


class FeedbackForm(FlaskForm):
    name = StringField(_l("Your name (optional)"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("Your e-mail address (optional, for a reply)"), validators=[Optional(), Length(max=254)])
    page = StringField(_l("Which page or content? (optional)"), validators=[Optional(), Length(max=500)])
    message = TextAreaField(_l("What is the barrier?"), validators=[
        DataRequired(message=_l("Please describe the barrier.")), Length(min=5, max=5000)])
