"""Two-factor authentication: TOTP (RFC 6238, through pyotp) with ten one-time recovery codes.

Required for every account that can see personal data (admins, and moderators and staff of a
process: see `User.requires_second_factor`), optional for everyone else.

Public API:
- `begin_enrolment(user)`: the secret to show (kept from an unfinished enrolment, so a reloaded page
  keeps the scanned code valid); `provisioning_uri(user)`, `qr_svg(user)`, `grouped_secret(user)`.
- `confirm_enrolment(user, code, now=None)`: enables the second factor and returns the ten recovery
  codes, to be shown once (stored as hashes only).
- `verify(user, code, now=None)`: a code from the app (a used time step is refused: no replay) or an
  unused recovery code (used up by this). `check_code_step(user, code, key, now=None)` adds the
  failure count: five wrong codes in 15 minutes and the step waits.
- `new_recovery_codes(user, code)`, `disable(user, code)`, `reset_by_admin(actor, user)`.
"""
import base64
import hashlib
import hmac
import re
import secrets

import pyotp
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm.attributes import set_committed_value

from ..database import utcnow
from ..errors import NotAllowed, NotFound, Throttled, ValidationFailed
from ..extensions import db
from . import sessions, throttle
from .models import RecoveryCode, SignInEventKind, User

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_FAILURES_BEFORE_WAIT = 5


def _fernet():
    """Secrets are stored encrypted (a database dump or backup alone does not give them away), with a key
    derived from SECRET_KEY: changing SECRET_KEY means everybody enrols again."""
    key = hashlib.sha256(b"participation totp secret\0" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def store_secret(user, secret):
    user.totp_secret = _fernet().encrypt(secret.encode()).decode()


def secret_of(user):
    if not user.totp_secret:
        return None
    try:
        return _fernet().decrypt(user.totp_secret.encode()).decode()
    except InvalidToken:
        return None


def _totp(user):
    return pyotp.TOTP(secret_of(user))


def begin_enrolment(user):
    if user.two_factor_enabled:
        raise ValidationFailed(_l("Two-factor authentication is already set up for this account."))
    if secret_of(user) is None:
        store_secret(user, pyotp.random_base32())
        db.session.flush()
    return secret_of(user)


def grouped_secret(user):
    secret = secret_of(user)
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(user):
    return _totp(user).provisioning_uri(name=user.email, issuer_name=current_app.config["TWO_FACTOR_ISSUER"])


def qr_svg(user):
    """The enrolment QR code as inline SVG (the project's own QR encoder, as for join links)."""
    from markupsafe import escape

    from ..conference.exports import qr_svg as svg

    uri = provisioning_uri(user)
    label = escape(str(_l("QR code for your authenticator app")))
    return Markup(svg(uri, module=4).replace(f'aria-label="{escape(uri)}"', f'aria-label="{label}"', 1))


def _normalize(code):
    return re.sub(r"[\s-]", "", code or "").lower()[:40]


def _hash_code(code):
    return hashlib.sha256(_normalize(code).encode()).hexdigest()


def _accept_totp(user, code, now):
    """Accept a code of the time step before, now or after, each time step once only."""
    if secret_of(user) is None or not re.fullmatch(r"\d{6}", code):
        return False
    totp = _totp(user)
    step = totp.timecode(now)
    for candidate in (step - 1, step, step + 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            claimed = db.session.execute(
                sa.update(User).where(User.id == user.id, sa.or_(User.totp_last_step.is_(None),
                                                                 User.totp_last_step < candidate))
                .values(totp_last_step=candidate).execution_options(synchronize_session=False))
            if claimed.rowcount != 1:
                return False  # this code (or a later one) was used already
            set_committed_value(user, "totp_last_step", candidate)
            return True
    return False


def _use_recovery_code(user, code, now):
    if not re.fullmatch(r"[a-z0-9]{12}", code):
        return False
    used = db.session.execute(
        sa.update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash_code(code),
                                      RecoveryCode.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False))
    return used.rowcount == 1


def verify(user, code, now=None):
    """'totp' or 'recovery' for an accepted code, None otherwise."""
    now = now or utcnow()
    code = _normalize(code)
    if not user.two_factor_enabled:
        return None
    if _accept_totp(user, code, now):
        return "totp"
    if _use_recovery_code(user, code, now):
        return "recovery"
    return None


def check_code_step(user, code, key, now=None):
    """The code step of the sign-in: raises Throttled after too many wrong codes; returns how the code was
    accepted, or None for a wrong one (counted)."""
    now = now or utcnow()
    if throttle.code_failures(user, now) >= CODE_FAILURES_BEFORE_WAIT:
        raise Throttled(_l("Too many wrong codes. Please wait 15 minutes and sign in again."), retry_after=900)
    accepted = verify(user, code, now)
    if accepted is None:
        throttle.failed(user, key, SignInEventKind.CODE_FAILED, now)  # committed by the caller
    return accepted


def _make_recovery_codes(user, now):
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id)
                       .execution_options(synchronize_session=False))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_code(raw), created_at=now))
    db.session.flush()
    return codes


def confirm_enrolment(user, code, now=None):
    now = now or utcnow()
    if user.two_factor_enabled:
        raise ValidationFailed(_l("Two-factor authentication is already set up for this account."))
    if not _accept_totp(user, _normalize(code), now):
        raise ValidationFailed(_l("This code is not valid. Please enter the current code from your app."),
                               field="code")
    user.totp_enabled_at = now
    sessions.mark_second_factor(user, now)
    return _make_recovery_codes(user, now)


def remaining_recovery_codes(user):
    return db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))


def _require_code(user, code, now):
    if verify(user, code, now) is None:
        raise ValidationFailed(_l("This code is not valid. Please enter the current code from your app."),
                               field="code")


def new_recovery_codes(user, code, now=None):
    now = now or utcnow()
    _require_code(user, code, now)
    return _make_recovery_codes(user, now)


def _clear(user):
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id)
                       .execution_options(synchronize_session=False))
    sessions.forget_devices(user)


def disable(user, code, now=None):
    """Switch the second factor off with a current code; not for accounts that need it."""
    if user.requires_second_factor:
        raise NotAllowed(_l("Your account can see personal data, so it needs two-factor authentication."))
    _require_code(user, code, now or utcnow())
    _clear(user)
    return user


def reset_by_admin(actor, user_id, now=None, by_operator=False):
    """An admin removes another account's lost second factor: its sessions end, it enrols again at the next
    sign-in. Written to the audit log of every process the account has a role in (or the instance's).
    `by_operator`: the command line (`flask users reset-two-factor`), for when no admin can sign in."""
    from ..moderation.services import record

    if not by_operator and (actor is None or not getattr(actor, "admin_rights", False)):
        raise NotAllowed(_l("Only admins can reset the second factor of an account."))
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise NotFound(_l("This account does not exist."))
    if actor is not None and user.id == actor.id:
        raise ValidationFailed(_l("You cannot reset your own second factor; ask another admin."))
    if not user.two_factor_enabled and not user.totp_secret:
        raise ValidationFailed(_l("This account has no second factor to reset."))
    _clear(user)
    sessions.end_all(user)
    user.rotate_session_token()
    summary = _l("Second factor of %(name)s reset", name=user.display_name)
    processes = sorted({role.process_id for role in user.process_roles}) or [None]
    for process_id in processes:
        record(actor, process_id, "two_factor_reset", "user", user.id, summary=summary, now=now)
    return user
