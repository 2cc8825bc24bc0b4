from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, enum_column, utcnow
from ..extensions import db


class IdeaStatus(StrEnum):
    SUBMITTED = "submitted"  # eingereicht: waiting for moderation
    PUBLISHED = "published"  # veröffentlicht
    REJECTED = "rejected"  # abgelehnt, with a reason
    MERGED = "merged"  # zusammengeführt into another idea
    ADOPTED = "adopted"  # in Maßnahme übernommen

    @property
    def label(self):
        return IDEA_STATUS_LABELS[self]


IDEA_STATUS_LABELS = {
    IdeaStatus.SUBMITTED: _l("submitted"),
    IdeaStatus.PUBLISHED: _l("published"),
    IdeaStatus.REJECTED: _l("rejected"),
    IdeaStatus.MERGED: _l("merged"),
    IdeaStatus.ADOPTED: _l("adopted into a measure"),
}

# Statuses anyone may see; a submitted idea is seen by its author and the process's moderators.
PUBLIC_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.REJECTED, IdeaStatus.MERGED, IdeaStatus.ADOPTED)
# Ideas that can still gather supports and comments.
ACTIVE_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED)


class CommentStatus(StrEnum):
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REJECTED = "rejected"

    @property
    def label(self):
        return IDEA_STATUS_LABELS[IdeaStatus(self.value)]


class ModerationFields:
    """What moderation keeps on an idea or a comment: the claim, hiding, and open reports."""

    # A moderator claims an item before deciding on it; the claim lapses at `claimed_until`.
    claimed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    open_reports: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set by the first moderation action.
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Raised by every change; moderators decide on a version, not on whatever is there now.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def claim_holder(self, now):
        """The id of the moderator whose claim is running, or None."""
        from ..database import as_utc

        if self.claimed_by_id is None or self.claimed_until is None or as_utc(self.claimed_until) <= now:
            return None
        return self.claimed_by_id


TITLE_MIN, TITLE_MAX = 5, 120
BODY_MIN, BODY_MAX = 10, 5000
COMMENT_MAX = 2000


class Idea(ModerationFields, db.Model):
    __tablename__ = "ideas"
    # Indexes follow the list's query shapes: the default list (listed ideas) in each order, a
    # sector or a district filter in the two common orders, both filters together (few enough
    # rows to sort in any order), and the moderation views by status. `id` ends each, so ties keep
    # a stable order.
    __table_args__ = (
        sa.Index("ix_ideas_listed_newest", "process_id", "listed", "created_at", "id"),
        sa.Index("ix_ideas_listed_supported", "process_id", "listed", "support_count", "id"),
        sa.Index("ix_ideas_listed_commented", "process_id", "listed", "comment_count", "id"),
        sa.Index("ix_ideas_sector_newest", "process_id", "sector_id", "listed", "created_at", "id"),
        sa.Index("ix_ideas_sector_supported", "process_id", "sector_id", "listed", "support_count", "id"),
        sa.Index("ix_ideas_district_newest", "process_id", "district_id", "listed", "created_at", "id"),
        sa.Index("ix_ideas_district_supported", "process_id", "district_id", "listed", "support_count", "id"),
        sa.Index("ix_ideas_place", "process_id", "district_id", "sector_id", "listed", "created_at", "id"),
        sa.Index("ix_ideas_status", "process_id", "status", "created_at", "id"),
        # The moderation queue: "new" in arrival order, read from the index alone; reported,
        # edited and claimed items for the tabs' counts.
        sa.Index("ix_ideas_queue", "process_id", "moderated_at", "created_at", "id", "status", "edit_requested_at"),
        sa.Index("ix_ideas_reported", "process_id", "open_reports"),
        sa.Index("ix_ideas_resubmitted", "process_id", "resubmitted_at"),
        sa.Index("ix_ideas_claimed_by", "claimed_by_id", "claimed_until"),
        sa.CheckConstraint("support_count >= 0", name="support_count_not_negative"),
        sa.CheckConstraint("comment_count >= 0", name="comment_count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    # Null once the account is deleted, or for ideas recorded at a conference table.
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    sector_id: Mapped[int] = mapped_column(sa.ForeignKey("sectors.id", ondelete="RESTRICT"))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id", ondelete="RESTRICT"))
    status: Mapped[IdeaStatus] = mapped_column(enum_column(IdeaStatus), default=IdeaStatus.SUBMITTED)
    # Computed by the database: the ideas of the default list (ACTIVE_STATUSES, not hidden).
    listed: Mapped[bool] = mapped_column(
        sa.Boolean, sa.Computed("status IN ('published', 'adopted') AND hidden_at IS NULL", persisted=True)
    )
    rejection_reason: Mapped[str | None] = mapped_column(sa.Text)
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ideas.id", ondelete="SET NULL")
    )
    support_count: Mapped[int] = mapped_column(default=0, server_default="0")
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A moderator asked the author to edit; the idea returns to the queue once edited.
    edit_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    edit_request_note: Mapped[str | None] = mapped_column(sa.Text)
    resubmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Sector, district or typos changed by moderation: shown on the idea.
    moderator_edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Recorded at a conference table by its facilitator (the conference issue fills it).
    source_note: Mapped[str | None] = mapped_column(sa.String(200))
    conference_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conferences.id", ondelete="SET NULL"))
    theme_table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="SET NULL"))

    process: Mapped["Process"] = relationship()  # noqa: F821
    author: Mapped[Optional["User"]] = relationship(foreign_keys=[author_id])  # noqa: F821
    sector: Mapped["Sector"] = relationship()  # noqa: F821
    district: Mapped[Optional["District"]] = relationship()  # noqa: F821
    merged_into: Mapped[Optional["Idea"]] = relationship(remote_side=[id])
    conference: Mapped[Optional["Conference"]] = relationship()  # noqa: F821
    theme_table: Mapped[Optional["ThemeTable"]] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<Idea {self.id} {self.status} {self.title[:30]!r}>"

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES and self.hidden_at is None

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES and self.hidden_at is None

    def is_visible_to(self, user):
        if self.is_public:
            return True
        if user is None or not user.is_authenticated:
            return False
        return user.id == self.author_id or user.can_moderate(self.process)

    def can_edit(self, user):
        """Authors edit their own idea until a moderator has acted on it, or when asked to."""
        return (
            user is not None
            and user.is_authenticated
            and user.id == self.author_id
            and (self.moderated_at is None or self.edit_requested_at is not None)
            and self.status in (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED)
        )

    def touch(self, now=None):
        self.version += 1
        self.updated_at = now or utcnow()


class Support(db.Model):
    __tablename__ = "supports"
    __table_args__ = (sa.UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<Support {self.user_id} -> {self.idea_id}>"


class Comment(ModerationFields, db.Model):
    __tablename__ = "comments"
    __table_args__ = (sa.Index("ix_comments_idea_status_created", "idea_id", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Replies are one level deep: a reply's parent is always a top-level comment.
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[CommentStatus] = mapped_column(
        enum_column(CommentStatus), default=CommentStatus.SUBMITTED
    )
    rejection_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    idea: Mapped[Idea] = relationship()
    author: Mapped[Optional["User"]] = relationship(foreign_keys=[author_id])  # noqa: F821
    parent: Mapped[Optional["Comment"]] = relationship(remote_side=[id], back_populates="replies")
    replies: Mapped[list["Comment"]] = relationship(
        back_populates="parent", order_by="Comment.created_at"
    )

    def __repr__(self):
        return f"<Comment {self.id} on {self.idea_id}>"

    def is_visible_to(self, user):
        if self.status == CommentStatus.PUBLISHED and self.hidden_at is None:
            return True
        return bool(
            user is not None
            and user.is_authenticated
            and (user.id == self.author_id or user.can_moderate(self.idea.process))
        )
