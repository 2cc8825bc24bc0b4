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
    failed_login_count: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    process_roles: Mapped[list["ProcessRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="ProcessRole.user_id"
    )

    def __repr__(self):
        return f"<User {self.id} {self.email}>"

    # Flask-Login: the id carries the session token, so a password change signs out elsewhere.
    def get_id(self):
        return f"{self.id}:{self.session_token}"

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
        return self.is_admin or ProcessRoleKind.STAFF in self.roles_in(process)

    def can_moderate(self, process):
        return self.is_admin or bool(self.roles_in(process))

    @property
    def can_create_processes(self):
        """Admins, and staff of any process (a county's staff set up its towns' processes)."""
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
