from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, enum_column, utcnow
from ..extensions import db

CLAIM_MINUTES = 15

# Reason templates a new process starts with, stored in the instance's language
# (`i18n.instance_locale`); staff edit them per process.
DEFAULT_REASONS = (
    (_l("Off topic"), _l("The contribution has no bearing on climate action in our municipality.")),
    (_l("Offensive or defamatory"), _l("The contribution hurts other people and breaks our discussion rules.")),
    (_l("Not the municipality's responsibility"),
     _l("The matter is not the municipality's responsibility (but, for example, the federal state's or the "
        "federal government's).")),
    (_l("Already proposed"), _l("The same proposal has already been made; please support it there.")),
    (_l("Personal data of others"), _l("The contribution contains personal data of third parties.")),
    (_l("Advertising"), _l("The contribution advertises a company, a product or a party.")),
)


class ModerationAction(StrEnum):
    PUBLISH = "publish"
    REJECT = "reject"
    REQUEST_EDIT = "request_edit"
    EDIT = "edit"
    MERGE = "merge"
    HIDE = "hide"
    UNHIDE = "unhide"
    DISMISS_REPORTS = "dismiss_reports"


ACTION_LABELS = {
    ModerationAction.PUBLISH: _l("published"),
    ModerationAction.REJECT: _l("rejected"),
    ModerationAction.REQUEST_EDIT: _l("asked for an edit"),
    ModerationAction.EDIT: _l("edited by moderation"),
    ModerationAction.MERGE: _l("merged"),
    ModerationAction.HIDE: _l("hidden"),
    ModerationAction.UNHIDE: _l("shown again"),
    ModerationAction.DISMISS_REPORTS: _l("reports dismissed"),
}


class ReasonTemplate(db.Model):
    """A rejection reason staff prepared; moderators pick one and may add their own words."""

    __tablename__ = "reason_templates"
    __table_args__ = (sa.UniqueConstraint("process_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(80))
    text: Mapped[str] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f"<ReasonTemplate {self.title!r}>"


class ModerationDecision(db.Model):
    """One moderator's decision on one version of an idea or comment."""

    __tablename__ = "moderation_decisions"
    __table_args__ = (
        sa.CheckConstraint("(idea_id IS NULL) != (comment_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    idea_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[ModerationAction] = mapped_column(enum_column(ModerationAction))
    reason_template_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reason_templates.id", ondelete="SET NULL")
    )
    text: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    moderator: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<ModerationDecision {self.action} idea={self.idea_id} comment={self.comment_id}>"

    @property
    def label(self):
        return ACTION_LABELS[self.action]


class ReportResolution(StrEnum):
    UPHELD = "upheld"
    DISMISSED = "dismissed"


class Report(db.Model):
    """A resident's report of an idea or comment; enough open reports hide it."""

    __tablename__ = "reports"
    __table_args__ = (
        sa.CheckConstraint("(idea_id IS NULL) != (comment_id IS NULL)", name="one_subject"),
        sa.UniqueConstraint("reporter_id", "idea_id"),
        sa.UniqueConstraint("reporter_id", "comment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    idea_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    resolution: Mapped[ReportResolution | None] = mapped_column(enum_column(ReportResolution))

    reporter: Mapped["User | None"] = relationship(foreign_keys=[reporter_id])  # noqa: F821

    def __repr__(self):
        return f"<Report idea={self.idea_id} comment={self.comment_id}>"


class ProcessBlock(db.Model):
    """An account barred from taking part in one process (posting, supporting, commenting,
    reporting there), with the reason the moderation team gave. Lifting the bar deletes the
    row; the audit log keeps both steps. Barring someone from one process changes nothing
    about the account or any other process."""

    __tablename__ = "process_blocks"
    __table_args__ = (sa.UniqueConstraint("process_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    blocked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Kept as text, so that the list still names who barred after that account is gone.
    blocked_by_name: Mapped[str | None] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821

    def __repr__(self):
        return f"<ProcessBlock user={self.user_id} process={self.process_id}>"

    @classmethod
    def of(cls, process, user):
        """The bar of `user` in `process`, or None."""
        if user is None or not getattr(user, "is_authenticated", False) or process is None:
            return None
        return db.session.scalar(sa.select(cls).where(cls.process_id == process.id, cls.user_id == user.id))


# The readable name of every audit-log action a service writes (`moderation.services.record`), for
# the audit page, its filter and its exports. tests/test_log_labels.py collects every code written
# anywhere in the code base and fails on one missing here.
AUDIT_ACTION_LABELS = {
    # Ideas: moderation decisions, reports, the catalogue
    "idea.publish": _l("Idea published"),
    "idea.reject": _l("Idea rejected"),
    "idea.request_edit": _l("Idea returned for an edit"),
    "idea.edit": _l("Idea edited by moderation"),
    "idea.merge": _l("Idea merged into another"),
    "idea.hide": _l("Idea hidden"),
    "idea.unhide": _l("Idea shown again"),
    "idea.dismiss_reports": _l("Reports on an idea dismissed"),
    "idea.report": _l("Idea reported"),
    "idea.hidden_by_reports": _l("Idea hidden after reports"),
    "idea.link_measure": _l("Idea linked to a measure"),
    "idea.unlink_measure": _l("Idea unlinked from a measure"),
    # Comments
    "comment.publish": _l("Comment published"),
    "comment.reject": _l("Comment rejected"),
    "comment.request_edit": _l("Comment returned for an edit"),
    "comment.edit": _l("Comment edited by moderation"),
    "comment.merge": _l("Comment merged"),
    "comment.hide": _l("Comment hidden"),
    "comment.unhide": _l("Comment shown again"),
    "comment.dismiss_reports": _l("Reports on a comment dismissed"),
    "comment.report": _l("Comment reported"),
    "comment.hidden_by_reports": _l("Comment hidden after reports"),
    # Accounts
    "user.bar": _l("Account barred from the process"),
    "user.unbar": _l("Bar from the process lifted"),
    "user.block": _l("Account blocked"),
    "user.unblock": _l("Account unblocked"),
    "account.data_download": _l("Own data downloaded"),
    "two_factor_reset": _l("Second factor reset"),
    # Moderation settings and the log itself
    "reason_template.save": _l("Reason saved"),
    "reason_template.delete": _l("Reason deleted"),
    "audit.export": _l("Audit log exported"),
    # The measure catalogue
    "measure.create": _l("Measure created"),
    "measure.update": _l("Measure changed"),
    "criteria.save": _l("Assessment criteria saved"),
    # Conferences
    "conference_created": _l("Conference created"),
    "conference_participants_added": _l("Conference participants added"),
    "conference_assigned": _l("Participants assigned to tables"),
    "conference_rotated": _l("Tables rotated"),
    "conference_sent_to_catalogue": _l("Conference results sent to the catalogue"),
}

# What an entry's `object_type` names, for the page and the exports.
AUDIT_OBJECT_LABELS = {
    "idea": _l("Idea"),
    "comment": _l("Comment"),
    "measure": _l("Measure"),
    "user": _l("Account"),
    "reason_template": _l("Reason"),
    "process": _l("Process"),
    "conference": _l("Conference"),
}


def audit_action_label(action):
    """The readable (translated) name of an audit-log action; an unknown one shows as it is stored."""
    label = AUDIT_ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def audit_object_label(object_type):
    label = AUDIT_OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


class AuditEntry(db.Model):
    """An append-only record of a moderation or catalogue action.

    The application never changes or deletes an entry, and a database trigger refuses any
    UPDATE of its content (created by the migration that introduces this table).
    """

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_process_created", "process_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int | None] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Kept as text, so that the entry still names the actor after the account is gone.
    actor_name: Mapped[str | None] = mapped_column(sa.String(120))
    action: Mapped[str] = mapped_column(sa.String(40), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(20))
    object_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    before_state: Mapped[str | None] = mapped_column(sa.Text)  # JSON
    after_state: Mapped[str | None] = mapped_column(sa.Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<AuditEntry {self.action} {self.object_type}:{self.object_id}>"

    @property
    def action_label(self):
        return audit_action_label(self.action)

    @property
    def object_label(self):
        return audit_object_label(self.object_type)


class IdeaSimilarity(db.Model):
    """One of the most similar ideas of an idea in the same process (its duplicate suggestions)."""

    __tablename__ = "idea_similarities"

    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    similar_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[float] = mapped_column(sa.Float)
    rank: Mapped[int]
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    similar: Mapped["Idea"] = relationship(foreign_keys=[similar_id])  # noqa: F821


AUDIT_GUARD_SQLITE = (
    "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OF process_id, action, object_type, object_id, "
    "summary, before_state, after_state, created_at ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
)
AUDIT_GUARD_POSTGRES = (
    "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit entries cannot be changed'; END $$",
    "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OF process_id, action, object_type, object_id, "
    "summary, before_state, after_state, created_at ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()",
)
AUDIT_GUARD_DROP = {
    "sqlite": ("DROP TRIGGER IF EXISTS audit_entries_append_only",),
    "postgresql": ("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries",
                   "DROP FUNCTION IF EXISTS audit_entries_append_only()"),
}
