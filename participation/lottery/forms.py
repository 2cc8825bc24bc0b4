from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..formtools import IntegerField, options
from .models import ResponseChannel, label

_required = DataRequired(message=_l("Please fill in this field."))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SettingsForm(FlaskForm):
    letter_subject = StringField(_l("Subject of the letter"), validators=[_required, Length(3, 200)])
    letter_template = TextAreaField(
        _l("Letter text"), validators=[_required, Length(max=20000)],
        description=_l("Placeholders in curly brackets are replaced for every letter; the list below names them."),
    )
    designation = StringField(
        _l("The municipality in a sentence, with its article"), validators=[Length(max=160)],
        description=_l("As the subject of a sentence: “die Stadt Jena”, “der Landkreis Greiz”, “die Gemeinde "
                       "Schkölen”; a place name alone (“Jena”) without an article. The letter builds “Die Stadt Jena "
                       "erarbeitet …” and “mit der Stadt Jena” from it."),
    )
    panel_size = IntegerField(
        _l("Planned size of the citizens’ panel"), validators=[Optional(), NumberRange(2, 500)],
        description=_l("The letter promises it ({panelgroesse}); the selection page proposes it."),
    )
    office = StringField(_l("Sending office"), validators=[_required, Length(max=200)])
    address_lines = TextAreaField(_l("Return address (one line each)"), validators=[Length(max=600)])
    phone = StringField(_l("Phone for questions"), validators=[Length(max=40)])
    email = StringField(_l("E-mail for questions"), validators=[Length(max=254)])
    signature = StringField(_l("Signed by"), validators=[Length(max=120)])
    role = StringField(_l("Position of the signatory"), validators=[Length(max=120)])
    place = StringField(_l("Place in the date line"), validators=[Length(max=80)])
    categories_text = TextAreaField(
        _l("Features asked on the response page (for the quotas)"), validators=[Length(max=8000)],
        description=_l("A line “key: label” starts a category; each value follows as “- code; label; share in "
                       "per cent”, e.g. “- w; weiblich; 51”. The share (from statistics) helps to propose quotas."),
    )
    consent_text = TextAreaField(_l("Consent text"), validators=[_required, Length(max=4000)])
    retention_days = IntegerField(
        _l("Keep register data for (days)"), validators=[Optional(), NumberRange(7, 730)],
        description=_l("The proposed deletion date of new extracts; the purge deletes earlier once the letters "
                       "are out."),
    )


class UploadForm(FlaskForm):
    file = FileField(_l("Register extract (CSV)"), validators=[FileRequired(_l("Please choose a file."))])


class ImportForm(FlaskForm):
    retention_until = DateField(
        _l("Delete the register data and the answers on"), validators=[_required], format="%Y-%m-%d",
        description=_l("Once the letters are out and the answer deadline has passed, the rows of everyone who did "
                       "not accept are deleted earlier."),
    )
    # Shown only when the preview has warnings; the digest names the warnings confirmed.
    confirm_warnings = BooleanField(
        _l("I have checked the values marked as warnings and want to import them as they are."))
    warnings_digest = HiddenField()


class DrawForm(FlaskForm):
    extract_id = SelectField(_l("Register extract"), coerce=str)
    letters = IntegerField(_l("Number of letters"), validators=[_required, NumberRange(1, 100_000)])
    reference_date = DateField(_l("Reference date for the age"), validators=[_required], format="%Y-%m-%d")
    min_age = IntegerField(_l("Minimum age"), validators=[_required, NumberRange(0, 120)], default=16)
    max_age = IntegerField(_l("Maximum age (empty: none)"), validators=[Optional(), NumberRange(0, 130)])
    strata = MultiCheckboxField(
        _l("Stratify by"),
        choices=options([("district", _l("district")), ("age_band", _l("age band")), ("gender", _l("gender"))]),
        default=["district"],
    )
    age_bands = StringField(
        _l("Age bands (lower bounds)"), validators=[Length(max=200)], default="16, 25, 35, 45, 55, 65, 75",
    )
    one_per_household = BooleanField(_l("At most one letter per household"))
    exclude_earlier = BooleanField(_l("Leave out people drawn earlier in this process"), default=True)
    response_deadline = DateField(_l("Answers until (date)"), validators=[_required], format="%Y-%m-%d")


class SeedForm(FlaskForm):
    seed = StringField(
        _l("Seed"), validators=[_required, Length(max=200)],
        description=_l("The numbers drawn in public, separated by spaces or commas, e.g. “17 4 33 8 21”."),
    )
    seed_source = TextAreaField(
        _l("Where the seed comes from"), validators=[_required, Length(max=2000)],
        description=_l("E.g. “Drawn with ten-sided dice in the public council session on 3 March 2027”."),
    )


class CodeForm(FlaskForm):
    code = StringField(_l("Your response code"), validators=[_required, Length(max=40)],
                       description=_l("It stands on your letter, e.g. “K7MX-P3QR-T9”."))


def response_form(categories, *, staff=False, **kwargs):
    """The response form with one choice per feature of the process."""

    class ResponseForm(FlaskForm):
        accepted = RadioField(
            _l("Would you like to take part?"),
            choices=options([("yes", _l("Yes, I would like to take part.")), ("no", _l("No, I will not take part."))]),
            validators=[DataRequired(message=_l("Please say whether you would like to take part."))],
        )
        given_name = StringField(_l("First name"), validators=[Length(max=120)])
        family_name = StringField(_l("Family name"), validators=[Length(max=120)])
        email = StringField(_l("E-mail"), validators=[Length(max=254)])
        phone = StringField(_l("Phone"), validators=[Length(max=40)])
        availability = TextAreaField(
            _l("When can you not take part?"), validators=[Length(max=2000)],
            description=_l("E.g. dates that do not suit you or times of day."),
        )
        accessibility_needs = TextAreaField(
            _l("What do you need to take part?"), validators=[Length(max=2000)],
            description=_l("E.g. step-free access, sign-language interpreting, childcare, large print."),
        )
        consent = BooleanField(_l("I agree."))

    for category in categories:
        setattr(ResponseForm, f"feature_{category['key']}", SelectField(
            category["label"], choices=options([("", _l("– please choose –"))] + [
                (v["value"], v["label"]) for v in category["values"]]), validate_choice=False,
        ))
    if staff:
        ResponseForm.channel = SelectField(_l("Received"), choices=options([
            (ResponseChannel.PHONE.value, label(ResponseChannel.PHONE)),
            (ResponseChannel.PAPER.value, label(ResponseChannel.PAPER)),
            (ResponseChannel.ONLINE.value, label(ResponseChannel.ONLINE)),
        ]))
    return ResponseForm(**kwargs)
