"""Sessions that end on the server, and devices remembered for the second factor.

Public API:
- `start(user, remember=False, second_factor=False, now=None)`: a new `UserSession`; its secret goes
  into Flask-Login's session and remember-me cookies (through `User.get_id()`), only its hash is stored.
- `load(session_id, now=None)`: the Flask-Login user loader; the user with `auth_session` set, or None
  for an ended, expired or forged session.
- `end(user)`: the current session of `user`; `end_all(user)`: every session and remembered device
  (sign-out on all devices, password change, a reset of the second factor).
- `mark_second_factor(user, now=None)`: the current session has passed the second factor.
- `remember_device(user, now=None)` returns the value of the device cookie; `device_is_trusted(user,
  cookie, now=None)` checks one; `forget_devices(user)`.
"""
import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..database import utcnow
from ..extensions import db
from ..values import as_id
from .models import TrustedDevice, User, UserSession

DEVICE_COOKIE = "participation_device"
_DEVICE_SALT = "trusted-device"
DEVICE_DAYS_MAX = 30


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _lifetime(remember):
    if remember:
        return current_app.config["REMEMBER_COOKIE_DURATION"]
    return timedelta(hours=current_app.config["SESSION_HOURS"])


def start(user, *, remember=False, second_factor=False, now=None):
    """Open a server-side session for `user`; call `login_user(user, remember=...)` right after."""
    now = now or utcnow()
    _prune_expired(user, now)
    secret = secrets.token_urlsafe(32)
    record = UserSession(user_id=user.id, secret_hash=_hash(secret), remember=bool(remember),
                         second_factor_at=now if second_factor else None, created_at=now,
                         expires_at=now + _lifetime(remember))
    db.session.add(record)
    db.session.flush()
    user.auth_session, user.auth_session_secret = record, secret
    return record


def load(session_id, now=None):
    user_id, _, secret = (session_id or "").partition(":")
    if as_id(user_id) is None or not secret or len(secret) > 100:  # isdigit() would let "²" reach int()
        return None
    record = db.session.scalar(sa.select(UserSession).where(UserSession.secret_hash == _hash(secret)))
    if record is None or record.user_id != as_id(user_id) or record.expires_at <= (now or utcnow()):
        return None
    user = db.session.get(User, record.user_id)
    if user is None or not user.is_active:
        return None
    user.auth_session, user.auth_session_secret = record, secret
    return user


def end(user):
    record = getattr(user, "auth_session", None)
    if record is not None:
        db.session.execute(sa.delete(UserSession).where(UserSession.id == record.id))
    user.auth_session = user.auth_session_secret = None


def end_all(user):
    """Sign the account out everywhere: every session, every remembered device."""
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    forget_devices(user)
    user.auth_session = user.auth_session_secret = None


def _prune_expired(user, now):
    """The account's expired sessions and devices go when it signs in again (they open nothing anyway)."""
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now)
                       .execution_options(synchronize_session=False))
    db.session.execute(sa.delete(TrustedDevice).where(TrustedDevice.user_id == user.id,
                                                      TrustedDevice.expires_at <= now)
                       .execution_options(synchronize_session=False))


def mark_second_factor(user, now=None):
    record = getattr(user, "auth_session", None)
    if record is not None:
        record.second_factor_at = now or utcnow()


# --- remembered devices ------------------------------------------------------------------------

def device_days():
    return max(1, min(int(current_app.config["TWO_FACTOR_REMEMBER_DAYS"]), DEVICE_DAYS_MAX))


def _device_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_DEVICE_SALT)


def remember_device(user, now=None):
    now = now or utcnow()
    secret = secrets.token_urlsafe(32)
    db.session.add(TrustedDevice(user_id=user.id, secret_hash=_hash(secret), created_at=now,
                                 expires_at=now + timedelta(days=device_days())))
    db.session.flush()
    return _device_serializer().dumps({"u": user.id, "s": secret})


def device_is_trusted(user, cookie, now=None):
    if not cookie or len(cookie) > 500:
        return False
    try:
        data = _device_serializer().loads(cookie, max_age=device_days() * 86400)
    except BadSignature:
        return False
    if not isinstance(data, dict) or data.get("u") != user.id or not isinstance(data.get("s"), str):
        return False
    device = db.session.scalar(sa.select(TrustedDevice).where(TrustedDevice.secret_hash == _hash(data["s"])))
    return device is not None and device.user_id == user.id and device.expires_at > (now or utcnow())


def forget_devices(user):
    db.session.execute(sa.delete(TrustedDevice).where(TrustedDevice.user_id == user.id)
                       .execution_options(synchronize_session=False))
