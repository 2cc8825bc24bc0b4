import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, enum_column, utcnow
from ..extensions import db


class ProcessRoleKind(StrEnum):
    """Rights given per process. Staff includes every right of a moderator."""

    MODERATOR = "moderator"
    STAFF = "staff"


def _new_session_token():
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(60))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    blocked_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Mails to authors about their ideas; each can be switched off in the account settings.
    notify_published: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    notify_rejected: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    notify_edit_requested: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    notify_merged: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    notify_adopted: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Rotated whenever the password changes: every other session ends with it.
    session_token: Mapped[str] = mapped_column(sa.String(32), default=_new_session_token)
    # Two-factor authentication (TOTP, RFC 6238): the secret, encrypted (auth/two_factor.py), is stored
    # from the start of the enrolment; the second factor counts once `totp_enabled_at` is set.
    # `totp_last_step` is the time step of the last accepted code, so that no code is accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    process_roles: Mapped[list["ProcessRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="ProcessRole.user_id"
    )

    # The server-side session this user object was loaded for (set by the user loader, see
    # auth/sessions.py). None outside a browser session: the CLI, tasks, and tests calling services.
    auth_session = None
    # The secret of that session, which Flask-Login keeps in the session and remember cookies.
    auth_session_secret = None

    def __repr__(self):
        return f"<User {self.id} {self.email}>"

    # Flask-Login: the id names the server-side session, so that signing out ends it everywhere.
    def get_id(self):
        if self.auth_session_secret is None:
            raise RuntimeError("sign in through participation.auth.sessions.start()")
        return f"{self.id}:{self.auth_session_secret}"

    # UserMixin compares get_id(); the same account is the same id, signed in or not.
    def __eq__(self, other):
        return self is other or (isinstance(other, User) and self.id is not None and self.id == other.id)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = object.__hash__

    @property
    def two_factor_enabled(self):
        return self.totp_enabled_at is not None and self.totp_secret is not None

    @property
    def requires_second_factor(self):
        """Accounts that can see personal data (register rows, conference participants) or administer."""
        return self.is_admin or bool(self.process_roles)

    @property
    def second_factor_pending(self):
        """Signed in through a browser session that has not passed the second factor this account needs.

        Every role check below answers no while it is pending, so services refuse staff-like work.
        """
        session = self.auth_session
        return session is not None and session.second_factor_at is None and self.requires_second_factor

    @property
    def admin_rights(self):
        return self.is_admin and not self.second_factor_pending

    @property
    def is_active(self):
        return self.blocked_at is None

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    def rotate_session_token(self):
        self.session_token = _new_session_token()

    def roles_in(self, process):
        return {r.role for r in self.process_roles if r.process_id == process.id}

    def can_manage(self, process):
        """Staff of the process (or an admin): settings, sectors, team, and later lottery data."""
        if self.second_factor_pending:
            return False
        return self.is_admin or ProcessRoleKind.STAFF in self.roles_in(process)

    def can_moderate(self, process):
        if self.second_factor_pending:
            return False
        return self.is_admin or bool(self.roles_in(process))

    @property
    def can_create_processes(self):
        """Admins, and staff of any process (a county's staff set up its towns' processes)."""
        if self.second_factor_pending:
            return False
        return self.is_admin or any(r.role == ProcessRoleKind.STAFF for r in self.process_roles)


class ProcessRole(db.Model):
    __tablename__ = "process_roles"
    __table_args__ = (sa.UniqueConstraint("user_id", "process_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[int] = mapped_column(
        sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ProcessRoleKind] = mapped_column(enum_column(ProcessRoleKind))
    granted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="process_roles", foreign_keys=[user_id])
    process: Mapped["Process"] = relationship(back_populates="roles")  # noqa: F821

    def __repr__(self):
        return f"<ProcessRole {self.user_id} {self.role} in {self.process_id}>"


class UserSession(db.Model):
    """A signed-in browser: the session and remember-me cookies name it by a secret stored as a hash.

    Signing out deletes the row, so a copied cookie opens nothing afterwards.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    second_factor_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self):
        return f"<UserSession {self.id} of {self.user_id}>"


class TrustedDevice(db.Model):
    """A browser on which the second factor is not asked again for a while ("remember this device")."""

    __tablename__ = "trusted_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self):
        return f"<TrustedDevice {self.id} of {self.user_id}>"


class RecoveryCode(db.Model):
    """One of the ten one-time codes for a lost authenticator, stored as a hash."""

    __tablename__ = "recovery_codes"
    __table_args__ = (sa.UniqueConstraint("user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<RecoveryCode {self.id} of {self.user_id}>"


class SignInEventKind(StrEnum):
    PASSWORD_FAILED = "password_failed"
    CODE_FAILED = "code_failed"
    SIGNED_IN = "signed_in"
    LINK_SENT = "link_sent"


class SignInEvent(db.Model):
    """Failed and successful sign-ins per account and address, for throttling that cannot lock the owner out.

    The address is kept only as a keyed hash (`address_key`), and rows are pruned after a while.
    """

    __tablename__ = "sign_in_events"
    __table_args__ = (sa.Index("ix_sign_in_events_user_created", "user_id", "created_at"),
                      sa.Index("ix_sign_in_events_address_created", "address_key", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    address_key: Mapped[str] = mapped_column(sa.String(32))
    kind: Mapped[SignInEventKind] = mapped_column(enum_column(SignInEventKind))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<SignInEvent {self.kind} {self.user_id}>"


class SignInLink(db.Model):
    """A one-time sign-in link mailed to an account's owner while the account is under attack."""

    __tablename__ = "sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self):
        return f"<SignInLink {self.id} of {self.user_id}>"
