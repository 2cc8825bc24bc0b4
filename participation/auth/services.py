"""Accounts: registration, e-mail verification, sign-in with throttling, password reset, roles."""
import re
from datetime import timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from .. import notifications
from ..database import utcnow
from ..errors import NotAllowed, NotFound, Throttled, ValidationFailed
from ..extensions import db
from ..urls import external_url
from ..values import as_id
from .models import ProcessRole, ProcessRoleKind, User

PASSWORD_MIN = 10
PASSWORD_MAX = 200
DISPLAY_NAME_MIN, DISPLAY_NAME_MAX = 2, 60
_VERIFY_SALT = "verify-email"
_RESET_SALT = "reset-password"
# Checked when the address is unknown, so that a miss costs as long as a hit.
_DUMMY_HASH = None


# --- helpers -----------------------------------------------------------------

def normalize_email(email):
    try:
        return validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationFailed(_l("Please enter a valid e-mail address."), field="email") from None


def _check_password(password, email=""):
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise ValidationFailed(
            _l("The password must have at least %(n)d characters.", n=PASSWORD_MIN), field="password"
        )
    if len(password) > PASSWORD_MAX:
        raise ValidationFailed(
            _l("The password may have at most %(n)d characters.", n=PASSWORD_MAX), field="password"
        )
    if email and password.strip().lower() == email.lower():
        raise ValidationFailed(_l("The password must not be your e-mail address."), field="password")


def _check_display_name(name):
    name = re.sub(r"\s+", " ", (name or "").strip())
    if not DISPLAY_NAME_MIN <= len(name) <= DISPLAY_NAME_MAX:
        raise ValidationFailed(
            _l("The name must have %(min)d to %(max)d characters.", min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX),
            field="display_name",
        )
    return name


def hash_password(password):
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _mail(user_or_address, template, subject, **context):
    notifications.send(user_or_address, template, subject, **context)


def get_user_by_email(email):
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def load_user_for_session(session_id):
    """Flask-Login loader: the id is 'user id:session token'."""
    user_id, _, token = (session_id or "").partition(":")
    if as_id(user_id) is None or not token:
        return None
    user = db.session.get(User, as_id(user_id))
    if user is None or user.session_token != token or not user.is_active:
        return None
    return user


# --- registration and verification ---------------------------------------------

def register(email, password, display_name, locale=None):
    """Create an unverified account and send the verification link.

    An address that already has an account gets a notice instead, and the
    caller answers both cases alike, so the form does not reveal who is registered.
    Returns the new user, or None when the address was taken.
    """
    email = normalize_email(email)
    display_name = _check_display_name(display_name)
    _check_password(password, email)
    existing = get_user_by_email(email)
    if existing is not None:
        _mail(existing, "account_exists", _l("You already have an account"), user=existing,
              login_url=external_url("auth.login"), reset_url=external_url("auth.request_reset"))
        return None
    user = User(email=email, display_name=display_name, password_hash=hash_password(password), locale=locale)
    db.session.add(user)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # registered a moment ago by a concurrent request
        db.session.rollback()
        return None
    send_verification(user)
    return user


def verification_token(user):
    return _serializer(_VERIFY_SALT).dumps({"uid": user.id, "email": user.email})


def send_verification(user):
    if user.is_verified:
        return
    _mail(user, "verify_email", _l("Please confirm your e-mail address"), user=user,
          verify_url=external_url("auth.verify_email", token=verification_token(user)))


def verify_email(token, now=None):
    try:
        data = _serializer(_VERIFY_SALT).loads(token, max_age=current_app.config["EMAIL_TOKEN_MAX_AGE"])
    except SignatureExpired:
        raise ValidationFailed(_l("This confirmation link has expired. Sign in to request a new one.")) from None
    except BadSignature:
        raise ValidationFailed(_l("This confirmation link is not valid.")) from None
    user = db.session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise ValidationFailed(_l("This confirmation link is not valid."))
    if user.email_verified_at is None:
        user.email_verified_at = now or utcnow()
    return user


# --- sign-in -----------------------------------------------------------------

def login_delay(user, now=None):
    """How long the account must wait before the next attempt (zero when it may try now)."""
    threshold = current_app.config["LOGIN_FAILURES_BEFORE_DELAY"]
    if user.failed_login_count < threshold or user.last_failed_login_at is None:
        return timedelta(0)
    minutes = min(2 ** (user.failed_login_count - threshold), 60)
    remaining = user.last_failed_login_at + timedelta(minutes=minutes) - (now or utcnow())
    return max(remaining, timedelta(0))


def authenticate(email, password, now=None):
    """Return the user for a correct e-mail and password, or None for a wrong pair.

    A wrong password is counted on the account (the caller commits it), and
    after a few failures the account must wait longer and longer; a waiting
    or blocked account raises.
    """
    global _DUMMY_HASH
    now = now or utcnow()
    try:
        email = normalize_email(email)
    except ValidationFailed:
        return None
    user = get_user_by_email(email)
    if user is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password("not-a-real-password")
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    delay = login_delay(user, now)
    if delay:
        seconds = int(delay.total_seconds()) + 1
        raise Throttled(
            _l("Too many failed sign-ins. Please wait %(minutes)d minute(s) or reset your password.",
               minutes=max(1, -(-seconds // 60))),
            retry_after=seconds,
        )
    if not check_password_hash(user.password_hash, password or ""):
        # An atomic increment, so that parallel guesses are all counted.
        db.session.execute(
            sa.update(User).where(User.id == user.id)
            .values(failed_login_count=User.failed_login_count + 1, last_failed_login_at=now)
            .execution_options(synchronize_session=False)
        )
        return None
    if user.blocked_at is not None:
        raise NotAllowed(_l("This account has been blocked. Please contact the participation office."))
    user.failed_login_count = 0
    user.last_failed_login_at = None
    user.last_login_at = now
    return user


# --- password reset ------------------------------------------------------------

def _reset_fingerprint(user):
    # Part of the current hash: the link works once, until the password changes.
    return user.password_hash[-16:]


def request_password_reset(email):
    """Send a reset link if the address has an account; say nothing either way."""
    try:
        email = normalize_email(email)
    except ValidationFailed:
        return
    user = get_user_by_email(email)
    if user is None or user.blocked_at is not None:
        return
    token = _serializer(_RESET_SALT).dumps({"uid": user.id, "fp": _reset_fingerprint(user)})
    _mail(user, "reset_password", _l("Reset your password"), user=user,
          reset_url=external_url("auth.reset_password", token=token))


def user_for_reset_token(token):
    try:
        data = _serializer(_RESET_SALT).loads(token, max_age=current_app.config["RESET_TOKEN_MAX_AGE"])
    except SignatureExpired:
        raise ValidationFailed(_l("This reset link has expired. Please request a new one.")) from None
    except BadSignature:
        raise ValidationFailed(_l("This reset link is not valid.")) from None
    user = db.session.get(User, data.get("uid"))
    if user is None or _reset_fingerprint(user) != data.get("fp"):
        raise ValidationFailed(_l("This reset link has already been used or is not valid."))
    return user


def reset_password(token, new_password, now=None):
    user = user_for_reset_token(token)
    _check_password(new_password, user.email)
    _set_password(user, new_password)
    # Following the mailed link proves the address too.
    if user.email_verified_at is None:
        user.email_verified_at = now or utcnow()
    return user


def _set_password(user, new_password):
    user.password_hash = hash_password(new_password)
    user.failed_login_count = 0
    user.last_failed_login_at = None
    user.rotate_session_token()


def change_password(user, current_password, new_password):
    if not check_password_hash(user.password_hash, current_password or ""):
        raise ValidationFailed(_l("The current password is wrong."), field="current_password")
    _check_password(new_password, user.email)
    _set_password(user, new_password)
    return user


def update_notifications(user, **choices):
    """Switch each kind of mail about one's ideas on or off."""
    for kind in notifications.OPTIONAL_KINDS:
        if kind in choices:
            setattr(user, f"notify_{kind}", bool(choices[kind]))
    return user


def update_profile(user, display_name, locale):
    user.display_name = _check_display_name(display_name)
    if locale not in current_app.config["LANGUAGES"]:
        raise ValidationFailed(_l("Unknown language."), field="locale")
    user.locale = locale
    return user


def delete_account(user, password):
    """Delete an account on its owner's request (DSGVO Art. 17).

    Ideas and comments stay, shown as by a deleted account; supports are removed and the
    ideas' counts lowered in the same transaction, so counts stay equal to the rows.
    """
    from ..ideas.models import Idea, Support

    if not check_password_hash(user.password_hash, password or ""):
        raise ValidationFailed(_l("The password is wrong."), field="password")
    supported = sa.select(Support.idea_id).where(Support.user_id == user.id)
    db.session.execute(
        sa.update(Idea).where(Idea.id.in_(supported)).values(support_count=Idea.support_count - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(sa.delete(Support).where(Support.user_id == user.id).execution_options(synchronize_session=False))
    db.session.delete(user)
    db.session.flush()


# --- administration ------------------------------------------------------------

def create_admin(email, password, display_name):
    """Make the first (or another) admin; an existing account is promoted and verified."""
    email = normalize_email(email)
    _check_password(password, email)
    user = get_user_by_email(email)
    if user is None:
        user = User(email=email, display_name=_check_display_name(display_name),
                    password_hash=hash_password(password))
        db.session.add(user)
    else:
        _set_password(user, password)
    user.is_admin = True
    user.email_verified_at = user.email_verified_at or utcnow()
    db.session.flush()
    return user


def grant_role(actor, process, email, role):
    """Give a registered user moderator or staff rights in one process (staff and admins only)."""
    if not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can change its team."))
    try:
        role = ProcessRoleKind(role)
    except ValueError:
        raise ValidationFailed(_l("Unknown role."), field="role") from None
    user = get_user_by_email(normalize_email(email))
    if user is None:
        raise ValidationFailed(
            _l("There is no account with this e-mail address. Ask the person to register first."), field="email"
        )
    existing = db.session.scalar(
        sa.select(ProcessRole).filter_by(user_id=user.id, process_id=process.id, role=role)
    )
    if existing is not None:
        return existing
    grant = ProcessRole(user_id=user.id, process_id=process.id, role=role, granted_by_id=actor.id)
    db.session.add(grant)
    db.session.flush()
    return grant


def revoke_role(actor, process, role_id):
    if not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can change its team."))
    grant = db.session.get(ProcessRole, role_id)
    if grant is None or grant.process_id != process.id:
        raise NotFound(_l("This role does not exist."))
    if grant.user_id == actor.id and grant.role == ProcessRoleKind.STAFF and not actor.is_admin:
        raise ValidationFailed(_l("You cannot remove your own staff rights."))
    db.session.delete(grant)
    db.session.flush()


def team_of(process):
    return db.session.scalars(
        sa.select(ProcessRole).where(ProcessRole.process_id == process.id)
        .join(User, User.id == ProcessRole.user_id).order_by(ProcessRole.role, User.display_name)
    ).all()
