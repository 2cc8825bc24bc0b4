from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..formtools import options
from .services import DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, PASSWORD_MAX, PASSWORD_MIN

_required = DataRequired(message=_l("Please fill in this field."))
_password_length = Length(PASSWORD_MIN, PASSWORD_MAX, message=_l("The password must have %(min)d to %(max)d characters."))
_name_length = Length(DISPLAY_NAME_MIN, DISPLAY_NAME_MAX, message=_l("The name must have %(min)d to %(max)d characters."))


class RegisterForm(FlaskForm):
    display_name = StringField(
        _l("Name shown with your contributions"),
        validators=[_required, _name_length],
        description=_l("For example your first name and the initial of your surname."),
    )
    email = EmailField(_l("E-mail address"), validators=[_required, Length(max=254, message=_l("Please enter a valid e-mail address."))])
    password = PasswordField(
        _l("Password"), validators=[_required, _password_length],
        description=_l("At least %(n)d characters.", n=PASSWORD_MIN),
    )
    password_confirm = PasswordField(
        _l("Repeat password"),
        validators=[_required, EqualTo("password", message=_l("The passwords do not match."))],
    )
    accept_terms = BooleanField(
        _l("I agree that my name is shown with my ideas and comments, and I have read the privacy notice."),
        validators=[DataRequired(message=_l("Please agree to take part."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[_required])
    password = PasswordField(_l("Password"), validators=[_required])
    remember = BooleanField(_l("Stay signed in on this device"))


class RequestResetForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[_required])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[_required, _password_length])
    password_confirm = PasswordField(
        _l("Repeat new password"),
        validators=[_required, EqualTo("password", message=_l("The passwords do not match."))],
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Name shown with your contributions"), validators=[_required, _name_length]
    )
    locale = SelectField(_l("Language"), choices=options([("de", "Deutsch"), ("en", "English")]))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[_required])
    new_password = PasswordField(_l("New password"), validators=[_required, _password_length])
    new_password_confirm = PasswordField(
        _l("Repeat new password"),
        validators=[_required, EqualTo("new_password", message=_l("The passwords do not match."))],
    )


class EmptyForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that change something."""


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm"), validators=[_required])
    confirm = BooleanField(
        _l("Yes, delete my account. My ideas and comments remain without my name."),
        validators=[DataRequired(message=_l("Please confirm the deletion."))],
    )


class NotificationsForm(FlaskForm):
    notify_published = BooleanField(_l("when my idea is published"))
    notify_rejected = BooleanField(_l("when my idea is rejected (with the reason)"))
    notify_edit_requested = BooleanField(_l("when the moderation team asks me to edit my idea"))
    notify_merged = BooleanField(_l("when an idea of mine, or one I support, is merged with another"))
    notify_adopted = BooleanField(_l("when my idea is taken up into a measure"))


class CodeForm(FlaskForm):
    """The code of the authenticator app (or a recovery code, where the form says so)."""

    code = StringField(_l("Code"), validators=[_required, Length(max=40, message=_l("This code is not valid."))])


class SignInCodeForm(CodeForm):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[_required, Length(max=40, message=_l("This code is not valid."))],
        description=_l("Six digits. Lost your phone? Enter one of your recovery codes instead."),
    )
    remember_device = BooleanField(_l("Do not ask for a code on this device for 30 days"))


class SignInLinkForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[_required])


class ResetSecondFactorForm(FlaskForm):
    email = EmailField(_l("E-mail address of the account"), validators=[_required])
