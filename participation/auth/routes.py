import time

from flask import (
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from .. import notifications
from ..database import unit_of_work, utcnow
from ..errors import DomainError, NotAllowed, Throttled, ValidationFailed
from ..extensions import db, limiter
from ..security import personal_data
from ..web import apply_errors, flash_domain_error, safe_next
from . import bp, data_export, services, sessions, throttle, two_factor
from .forms import (
    ChangePasswordForm,
    CodeForm,
    DeleteAccountForm,
    EmptyForm,
    LoginForm,
    NotificationsForm,
    ProfileForm,
    RegisterForm,
    RequestResetForm,
    ResetPasswordForm,
    ResetSecondFactorForm,
    SignInCodeForm,
    SignInLinkForm,
)
from .models import User

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


# --- sign-in: password (or a one-time link), then the second factor where the account has one ----------

_PENDING = "two_factor_pending"
_PENDING_SECONDS = 600


def _address():
    return get_remote_address()


def _finish_sign_in(user, remember, second_factor, next_url):
    """Open the server-side session and the Flask-Login session; off to enrolment where it is due."""
    with unit_of_work():
        sessions.start(user, remember=remember, second_factor=second_factor)
    session.pop(_PENDING, None)
    login_user(user, remember=remember)
    session.pop("random_seed", None)
    if user.locale:
        session["locale"] = user.locale
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")
    if user.requires_second_factor and not second_factor:
        flash(_("Your account can see personal data. Please set up two-factor authentication now."), "info")
        return redirect(url_for("auth.two_factor_setup", next=next_url or None))
    return redirect(next_url or url_for("main.index"))


def _after_first_factor(user, remember, next_url):
    """The password (or a sign-in link) was right: ask for the code, unless this device is remembered."""
    if user.two_factor_enabled:
        if sessions.device_is_trusted(user, request.cookies.get(sessions.DEVICE_COOKIE)):
            return _finish_sign_in(user, remember, True, next_url)
        session[_PENDING] = {"uid": user.id, "fp": user.session_token, "remember": bool(remember),
                             "next": next_url or "", "at": int(time.time())}
        return redirect(url_for("auth.two_factor_code"))
    return _finish_sign_in(user, remember, False, next_url)


def _pending_user():
    pending = session.get(_PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("uid"), int) \
            or not isinstance(pending.get("at"), int) or time.time() - pending["at"] > _PENDING_SECONDS:
        return None, None
    user = db.session.get(User, pending["uid"])
    if user is None or not user.is_active or user.session_token != pending.get("fp") or not user.two_factor_enabled:
        return None, None
    return user, pending


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", **_per_address)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    offer_link = False
    if form.validate_on_submit():
        try:
            with unit_of_work():
                user = services.authenticate(form.email.data, form.password.data, address=_address())
        except (Throttled, NotAllowed) as error:
            flash(str(error.message), "error")
            status = error.status_code
            offer_link = getattr(error, "offer_link", False)
        else:
            if user is None:
                flash(_("E-mail address or password is wrong."), "error")
                status = 401
            else:
                return _after_first_factor(user, form.remember.data, safe_next(""))
    link_form = SignInLinkForm(formdata=None, data={"email": form.email.data}) if offer_link else None
    return render_template("auth/login.html", form=form, link_form=link_form), status


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("10 per minute", **_per_address)
def two_factor_code():
    user, pending = _pending_user()
    if user is None:
        session.pop(_PENDING, None)
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    form = SignInCodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                accepted = two_factor.check_code_step(user, form.code.data, throttle.address_key(_address()))
                device = sessions.remember_device(user) if accepted and form.remember_device.data else None
        except Throttled as error:
            session.pop(_PENDING, None)
            flash(str(error.message), "error")
            return redirect(url_for("auth.login"))
        if accepted is None:
            form.code.errors = [_("This code is not valid. Please enter the current code from your app.")]
            status = 422
        else:
            response = make_response(_finish_sign_in(user, pending["remember"], True, pending.get("next") or ""))
            if accepted == "recovery":
                flash(_("You used a recovery code; %(n)d are left. You can make new ones in your account settings.",
                        n=two_factor.remaining_recovery_codes(user)), "info")
            if device:
                response.set_cookie(sessions.DEVICE_COOKIE, device, max_age=sessions.device_days() * 86400,
                                    httponly=True, samesite="Lax", path="/account",
                                    secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
            return response
    return render_template("auth/two_factor_code.html", form=form), status


@bp.route("/sign-in-link", methods=["POST"])
@limiter.limit("5 per hour", **_per_address)
def request_sign_in_link():
    form = SignInLinkForm()
    if form.validate_on_submit():
        with unit_of_work():
            throttle.request_link(form.email.data, throttle.address_key(_address()))
        flash(_("If this account is under attack, we have sent a one-time sign-in link to its e-mail address. "
                "It works once, for a short time."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/sign-in/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", **_per_address)
def sign_in_link(token):
    try:
        user = throttle.link_user(token)
    except ValidationFailed as error:
        flash(str(error.message), "error")
        return redirect(url_for("auth.login"))
    form = EmptyForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            logout_user()
        try:
            with unit_of_work():
                user = throttle.use_link(token, throttle.address_key(_address()))
        except ValidationFailed as error:
            flash(str(error.message), "error")
            return redirect(url_for("auth.login"))
        return _after_first_factor(user, False, "")
    return render_template("auth/sign_in_link.html", form=form, user=user)


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            with unit_of_work():
                sessions.end(current_user._get_current_object())
        logout_user()
        flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions():
    if EmptyForm().validate_on_submit():
        with unit_of_work():
            sessions.end_all(current_user._get_current_object())
        logout_user()
        flash(_("You have been signed out on all devices."), "info")
        return redirect(url_for("auth.login"))
    return redirect(url_for("auth.settings"))


# --- two-factor authentication: enrolment, recovery codes, switching off, the admins' reset ---------

_ALLOWED_WHILE_PENDING = {"auth.two_factor_setup", "auth.logout", "auth.end_all_sessions", "main.set_language",
                          "main.privacy", "legal.imprint", "legal.privacy", "legal.accessibility", "static"}


@bp.before_app_request
def _second_factor_gate():
    """An account that needs the second factor and has not passed it sees the enrolment page only.

    The services refuse its staff-like work anyway (`User.second_factor_pending`); this sends it there.
    """
    if request.endpoint in _ALLOWED_WHILE_PENDING or not current_user.is_authenticated:
        return None
    if not current_user.second_factor_pending:
        return None
    if request.path.startswith("/api/"):
        return {"error": {"code": "second_factor_required",
                          "message": _("Please set up two-factor authentication first.")}}, 403
    if request.method != "GET":  # no form is taken either: not even one whose service forgot the check
        flash(_("Please set up two-factor authentication first."), "error")
        return redirect(url_for("auth.two_factor_setup"))
    return redirect(url_for("auth.two_factor_setup", next=request.full_path if request.endpoint != "main.index"
                            else None))


def _no_store(response):
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _recovery_codes_page(codes, next_url):
    return _no_store(render_template("auth/recovery_codes.html", codes=codes, next_url=next_url))


@bp.route("/two-factor/setup", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    user = current_user._get_current_object()
    if user.two_factor_enabled:
        return redirect(url_for("auth.settings"))
    with unit_of_work():
        two_factor.begin_enrolment(user)
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                codes = two_factor.confirm_enrolment(user, form.code.data)
        except ValidationFailed as error:
            apply_errors(form, error)
            status = 422
        else:
            flash(_("Two-factor authentication is set up."), "success")
            return _recovery_codes_page(codes, safe_next(url_for("main.index")))
    return _no_store((render_template("auth/two_factor_setup.html", form=form, qr=two_factor.qr_svg(user),
                                      secret=two_factor.grouped_secret(user)), status))


@bp.route("/two-factor/recovery-codes", methods=["POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def new_recovery_codes():
    form = CodeForm(prefix="codes")
    if form.validate_on_submit():
        try:
            with unit_of_work():
                codes = two_factor.new_recovery_codes(current_user._get_current_object(), form.code.data)
        except DomainError as error:
            flash_domain_error(error)
        else:
            return _recovery_codes_page(codes, url_for("auth.settings"))
    return redirect(url_for("auth.settings"))


@bp.route("/two-factor/disable", methods=["POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def disable_two_factor():
    form = CodeForm(prefix="disable")
    if form.validate_on_submit():
        try:
            with unit_of_work():
                two_factor.disable(current_user._get_current_object(), form.code.data)
        except DomainError as error:
            flash_domain_error(error)
        else:
            flash(_("Two-factor authentication is switched off."), "success")
    return redirect(url_for("auth.settings"))


@bp.route("/admin/two-factor", methods=["GET", "POST"])
@login_required
def reset_second_factor():
    if not current_user.admin_rights:
        abort(403)
    form = ResetSecondFactorForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                target = services.get_user_by_email(form.email.data)
                user = two_factor.reset_by_admin(current_user._get_current_object(), target.id if target else None)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The second factor of %(email)s has been reset. The account is signed out everywhere and "
                    "sets up a new second factor at its next sign-in.", email=user.email), "success")
            return redirect(url_for("auth.reset_second_factor"))
    return render_template("auth/reset_second_factor.html", form=form)


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
            previous = current_user.auth_session
            remember = bool(previous and previous.remember)
            try:
                with unit_of_work():
                    if target is profile:
                        services.update_profile(current_user, profile.display_name.data, profile.locale.data)
                    else:
                        passed = bool(previous and previous.second_factor_at)
                        services.change_password(current_user, password.current_password.data,
                                                 password.new_password.data)
                        # Every session ended with the old password; this one goes on in a new one.
                        sessions.start(current_user._get_current_object(), remember=remember, second_factor=passed)
            except DomainError as error:
                apply_errors(target, error)
            else:
                if target is profile:
                    session["locale"] = profile.locale.data
                else:
                    # The password change ended every session: this browser's cookies name the new one.
                    login_user(current_user._get_current_object(), remember=remember)
                flash(_("Your settings have been saved."), "success")
                return redirect(url_for("auth.settings"))
    return _settings_page(profile=profile, password=password, mails=mails, delete=DeleteAccountForm(prefix="delete"),
                          download=EmptyForm(prefix="data"))


def _settings_page(status=200, **forms):
    user = current_user._get_current_object()
    page = render_template(
        "auth/settings.html", **forms, empty=EmptyForm(), codes_form=CodeForm(prefix="codes"),
        disable_form=CodeForm(prefix="disable"),
        recovery_left=two_factor.remaining_recovery_codes(user) if user.two_factor_enabled else 0)
    return _no_store((page, status))


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
    return _settings_page(422, profile=ProfileForm(prefix="profile", obj=current_user),
                          password=ChangePasswordForm(prefix="password"),
                          mails=NotificationsForm(prefix="mails", obj=current_user), delete=form,
                          download=EmptyForm(prefix="data"))
