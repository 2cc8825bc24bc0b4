from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from .. import notifications
from ..database import unit_of_work, utcnow
from ..errors import DomainError, NotAllowed, Throttled, ValidationFailed
from ..extensions import limiter
from ..security import personal_data
from ..web import apply_errors, safe_next
from . import bp, data_export, services
from .forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    EmptyForm,
    LoginForm,
    NotificationsForm,
    ProfileForm,
    RegisterForm,
    RequestResetForm,
    ResetPasswordForm,
)

_per_address = {"key_func": get_remote_address, "methods": ["POST"]}


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", **_per_address)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.register(form.email.data, form.password.data, form.display_name.data,
                                  locale=session.get("locale"))
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            return render_template("auth/check_inbox.html", email=form.email.data.strip())
    return render_template("auth/register.html", form=form)


@bp.route("/verify/<token>")
def verify_email(token):
    try:
        with unit_of_work():
            user = services.verify_email(token)
    except ValidationFailed as error:
        flash(str(error.message), "error")
        return redirect(url_for("auth.login"))
    flash(_("Thank you, your e-mail address is confirmed. You can now take part."), "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("main.index"))
    return redirect(url_for("auth.login"))


@bp.route("/verify/resend", methods=["POST"])
@login_required
@limiter.limit("5 per hour", methods=["POST"])
def resend_verification():
    if EmptyForm().validate_on_submit():
        with unit_of_work():
            services.send_verification(current_user)
        flash(_("We have sent the confirmation link again. Please check your inbox."), "info")
    return redirect(safe_next(url_for("main.index")))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", **_per_address)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                user = services.authenticate(form.email.data, form.password.data)
        except (Throttled, NotAllowed) as error:
            flash(str(error.message), "error")
            status = error.status_code
        else:
            if user is None:
                flash(_("E-mail address or password is wrong."), "error")
                status = 401
            else:
                login_user(user, remember=form.remember.data)
                session.pop("random_seed", None)
                if user.locale:
                    session["locale"] = user.locale
                flash(_("Welcome, %(name)s.", name=user.display_name), "success")
                return redirect(safe_next(url_for("main.index")))
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        logout_user()
        flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("5 per hour", **_per_address)
def request_reset():
    form = RequestResetForm()
    if form.validate_on_submit():
        with unit_of_work():
            services.request_password_reset(form.email.data)
        flash(_("If an account exists for this address, we have sent a link to reset the password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/request_reset.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        services.user_for_reset_token(token)
    except ValidationFailed as error:
        flash(str(error.message), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.reset_password(token, form.password.data)
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            logout_user()
            flash(_("Your password has been changed. Please sign in with the new password."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
@personal_data
def settings():
    profile = ProfileForm(prefix="profile", obj=current_user)
    password = ChangePasswordForm(prefix="password")
    mails = NotificationsForm(prefix="mails", obj=current_user)
    if request.method == "POST" and "mails-submitted" in request.form:
        if mails.validate_on_submit():
            with unit_of_work():
                services.update_notifications(current_user, **{
                    kind: getattr(mails, f"notify_{kind}").data for kind in notifications.OPTIONAL_KINDS})
            flash(_("Your settings have been saved."), "success")
            return redirect(url_for("auth.settings"))
    elif request.method == "POST":
        target = profile if "profile-display_name" in request.form else password
        if target.validate_on_submit():
            try:
                with unit_of_work():
                    if target is profile:
                        services.update_profile(current_user, profile.display_name.data, profile.locale.data)
                    else:
                        services.change_password(current_user, password.current_password.data,
                                                 password.new_password.data)
            except DomainError as error:
                apply_errors(target, error)
            else:
                if target is profile:
                    session["locale"] = profile.locale.data
                else:
                    # The password change rotated the session token: renew this session's cookie.
                    login_user(current_user._get_current_object())
                flash(_("Your settings have been saved."), "success")
                return redirect(url_for("auth.settings"))
    return render_template("auth/settings.html", profile=profile, password=password, mails=mails,
                           delete=DeleteAccountForm(prefix="delete"), download=EmptyForm(prefix="data"))


@bp.route("/data", methods=["POST"])
@login_required
@limiter.limit("5 per hour", methods=["POST"])
def download_data():
    """"Meine Daten herunterladen": everything stored about the account as one JSON file, logged."""
    if not EmptyForm(prefix="data").validate_on_submit():
        return redirect(url_for("auth.settings"))
    now = utcnow()
    with unit_of_work():
        data = data_export.personal_data(current_user, now)
        data_export.record_download(current_user, now)
    response = Response(data_export.to_json(data), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{data_export.download_name(now)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/delete", methods=["POST"])
@login_required
def delete_account():
    form = DeleteAccountForm(prefix="delete")
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.delete_account(current_user._get_current_object(), form.password.data)
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            logout_user()
            flash(_("Your account has been deleted."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/settings.html", profile=ProfileForm(prefix="profile", obj=current_user),
                           password=ChangePasswordForm(prefix="password"),
                           mails=NotificationsForm(prefix="mails", obj=current_user), delete=form,
                           download=EmptyForm(prefix="data")), 422
