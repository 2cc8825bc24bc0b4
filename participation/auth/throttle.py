"""Sign-in throttling per account *and* address, and one-time sign-in links.

An attacker elsewhere cannot lock the owner out: failures count per pair of account and address,
so the owner's own address keeps working with the right password while another address waits.

- Per account and address: after `LOGIN_FAILURES_BEFORE_DELAY` failures in a row that address waits
  2, 4, 8 … up to 60 minutes for that account (a success from the address clears its count).
- Per address, over all accounts: after `LOGIN_ADDRESS_FAILURES_BEFORE_DELAY` failures in an hour the
  address waits likewise (guessing many accounts from one address).
- An account under attack (failures from `LOGIN_ATTACK_ADDRESSES` or more addresses within an hour):
  addresses that never signed in to it accept only `LOGIN_ATTACK_ATTEMPTS_PER_MINUTE` password attempts
  a minute for that account, all together. The owner's known addresses are not affected, and the
  owner can ask for a one-time sign-in link by mail (`request_link`).

Addresses are kept only as keyed hashes (`address_key`); failures are deleted after a day, known
addresses after 90 days.

Public API: `address_key(address)`, `check(user, key, now)` (raises `SignInThrottled`),
`failed(user, key, kind, now)`, `succeeded(user, key, now)`, `under_attack(user, now)`,
`request_link(email, key, now)`, `link_user(token, now)`, `use_link(token, key, now)`.
"""
import hashlib
import hmac
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..database import utcnow
from ..errors import Throttled, ValidationFailed
from ..extensions import db
from ..urls import external_url
from .models import SignInEvent, SignInEventKind, SignInLink, User

KNOWN_ADDRESS_DAYS = 90
LINKS_PER_HOUR = 3


class SignInThrottled(Throttled):
    """A refused sign-in attempt; `offer_link` when the owner may ask for a one-time link instead."""

    def __init__(self, message, *, retry_after=None, offer_link=False):
        super().__init__(message, retry_after=retry_after)
        self.offer_link = offer_link


def address_key(address):
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), (address or "?").encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _events(kind, since, *, user=None, key=None):
    query = sa.select(sa.func.count(SignInEvent.id), sa.func.max(SignInEvent.created_at)).where(
        SignInEvent.kind == kind, SignInEvent.created_at > since)
    if user is not None:
        query = query.where(SignInEvent.user_id == user.id)
    if key is not None:
        query = query.where(SignInEvent.address_key == key)
    count, last = db.session.execute(query).one()
    return count, last


def _backoff(count, last, threshold, now):
    if count < threshold or last is None:
        return timedelta(0)
    from ..database import as_utc

    minutes = min(2 ** (count - threshold), 60)
    return max(as_utc(last) + timedelta(minutes=minutes) - now, timedelta(0))


def _wait_message(delay):
    seconds = int(delay.total_seconds()) + 1
    return seconds, _l("Too many failed sign-ins. Please wait %(minutes)d minute(s) or reset your password.",
                       minutes=max(1, -(-seconds // 60)))


def is_known_address(user, key, now):
    return db.session.scalar(sa.select(SignInEvent.id).where(
        SignInEvent.user_id == user.id, SignInEvent.address_key == key,
        SignInEvent.kind == SignInEventKind.SIGNED_IN,
        SignInEvent.created_at > now - timedelta(days=KNOWN_ADDRESS_DAYS)).limit(1)) is not None


def under_attack(user, now=None):
    now = now or utcnow()
    addresses = db.session.scalar(sa.select(sa.func.count(sa.distinct(SignInEvent.address_key))).where(
        SignInEvent.user_id == user.id, SignInEvent.kind == SignInEventKind.PASSWORD_FAILED,
        SignInEvent.created_at > now - timedelta(hours=1)))
    return addresses >= current_app.config["LOGIN_ATTACK_ADDRESSES"]


def check(user, key, now):
    """Raise SignInThrottled when this address must wait before trying a password (for `user`, or for
    an unknown address when `user` is None)."""
    config = current_app.config
    known = user is not None and is_known_address(user, key, now)
    if not known:
        count, last = _events(SignInEventKind.PASSWORD_FAILED, now - timedelta(hours=1), key=key)
        delay = _backoff(count, last, config["LOGIN_ADDRESS_FAILURES_BEFORE_DELAY"], now)
        if delay:
            seconds, message = _wait_message(delay)
            raise SignInThrottled(message, retry_after=seconds, offer_link=True)
    if user is None:
        return
    count, last = _events(SignInEventKind.PASSWORD_FAILED, now - timedelta(days=1), user=user, key=key)
    delay = _backoff(count, last, config["LOGIN_FAILURES_BEFORE_DELAY"], now)
    if delay:
        seconds, message = _wait_message(delay)
        raise SignInThrottled(message, retry_after=seconds, offer_link=True)
    if not known and under_attack(user, now):
        recent, _last = _events(SignInEventKind.PASSWORD_FAILED, now - timedelta(minutes=1), user=user)
        if recent >= config["LOGIN_ATTACK_ATTEMPTS_PER_MINUTE"]:
            raise SignInThrottled(
                _l("This account sees many failed sign-ins from several places, so sign-ins from new places "
                   "are slowed down. Please try again in a minute, or have a one-time sign-in link sent to the "
                   "account's e-mail address."), retry_after=60, offer_link=True)


def failed(user, key, kind=SignInEventKind.PASSWORD_FAILED, now=None):
    db.session.add(SignInEvent(user_id=user.id if user is not None else None, address_key=key, kind=kind,
                               created_at=now or utcnow()))
    db.session.flush()


def succeeded(user, key, now=None):
    """A sign-in from this address: it becomes a known address and its failures for the account are cleared."""
    now = now or utcnow()
    db.session.execute(sa.delete(SignInEvent).where(
        SignInEvent.user_id == user.id, SignInEvent.address_key == key,
        SignInEvent.kind.in_([SignInEventKind.PASSWORD_FAILED, SignInEventKind.SIGNED_IN]))
        .execution_options(synchronize_session=False))
    db.session.add(SignInEvent(user_id=user.id, address_key=key, kind=SignInEventKind.SIGNED_IN, created_at=now))
    # Failures count for a day at most, known addresses for 90 days: older events are deleted.
    db.session.execute(sa.delete(SignInEvent).where(sa.or_(
        SignInEvent.created_at < now - timedelta(days=KNOWN_ADDRESS_DAYS),
        sa.and_(SignInEvent.kind != SignInEventKind.SIGNED_IN, SignInEvent.created_at < now - timedelta(days=1))))
        .execution_options(synchronize_session=False))
    db.session.flush()


def code_failures(user, now):
    count, _last = _events(SignInEventKind.CODE_FAILED, now - timedelta(minutes=15), user=user)
    return count


# --- one-time sign-in links ---------------------------------------------------------------------

def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def request_link(email, key, now=None):
    """Mail a one-time sign-in link when the account is under attack or this address must wait for it.

    Says nothing either way (the caller answers alike); at most three links an hour per account.
    Returns the link row, or None.
    """
    from .services import get_user_by_email, normalize_email, send_mail_to

    now = now or utcnow()
    try:
        user = get_user_by_email(normalize_email(email))
    except ValidationFailed:
        return None
    if user is None or not user.is_active:
        return None
    try:
        check(user, key, now)
        throttled_here = False
    except SignInThrottled:
        throttled_here = True
    if not (throttled_here or under_attack(user, now)):
        return None
    sent, _last = _events(SignInEventKind.LINK_SENT, now - timedelta(hours=1), user=user)
    if sent >= LINKS_PER_HOUR:
        return None
    token = secrets.token_urlsafe(32)
    minutes = current_app.config["SIGN_IN_LINK_MINUTES"]
    link = SignInLink(user_id=user.id, token_hash=_hash(token), created_at=now,
                      expires_at=now + timedelta(minutes=minutes))
    db.session.add(link)
    db.session.add(SignInEvent(user_id=user.id, address_key=key, kind=SignInEventKind.LINK_SENT, created_at=now))
    db.session.flush()
    send_mail_to(user, "sign_in_link", _l("Your one-time sign-in link"), user=user, minutes=minutes,
                 link_url=external_url("auth.sign_in_link", token=token),
                 reset_url=external_url("auth.request_reset"))
    return link


def _link_for(token, now):
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    link = db.session.scalar(sa.select(SignInLink).where(SignInLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def link_user(token, now=None):
    """The account of a valid, unused sign-in link (ValidationFailed otherwise); changes nothing."""
    link = _link_for(token, now or utcnow())
    user = db.session.get(User, link.user_id) if link is not None else None
    if user is None or not user.is_active:
        raise ValidationFailed(_l("This sign-in link has expired, has been used already or is not valid."))
    return user


def use_link(token, key, now=None):
    """Use a sign-in link once: it replaces the password (not the second factor). Returns the user."""
    now = now or utcnow()
    user = link_user(token, now)
    used = db.session.execute(sa.update(SignInLink).where(
        SignInLink.token_hash == _hash(token), SignInLink.used_at.is_(None)).values(used_at=now)
        .execution_options(synchronize_session=False))
    if used.rowcount != 1:  # used a moment ago by a parallel request
        raise ValidationFailed(_l("This sign-in link has expired, has been used already or is not valid."))
    # Every other link of the account ends with it.
    db.session.execute(sa.update(SignInLink).where(SignInLink.user_id == user.id, SignInLink.used_at.is_(None))
                       .values(used_at=now).execution_options(synchronize_session=False))
    succeeded(user, key, now)
    user.last_login_at = now
    return user
