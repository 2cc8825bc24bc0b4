"""Live climate conferences: theme tables (Gesprächstische), participants with personal join
links, voting rounds with their ballots, announcements, seatings for the World-Café rotation, and
the results sent to the measure catalogue."""
import secrets
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, as_utc, enum_column, utcnow
from ..extensions import db


class ConferenceMode(StrEnum):
    ONLINE = "online"
    HYBRID = "hybrid"


class ConferenceStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"


class ParticipantKind(StrEnum):
    EXPERT = "expert"
    CITIZEN = "citizen"
    FACILITATOR = "facilitator"  # Tischmoderation: steers one table
    MODERATOR = "moderator"  # steers the whole conference


# Participants who sit at the tables as members (assignment and rotation move only these).
MEMBER_KINDS = (ParticipantKind.EXPERT, ParticipantKind.CITIZEN)


class ItemKind(StrEnum):
    IDEA = "idea"
    MEASURE = "measure"
    OPTION = "option"


class VoteMethod(StrEnum):
    DOTS = "dots"
    APPROVAL = "approval"
    SINGLE = "single"
    RANKING = "ranking"
    AGREEMENT = "agreement"


class ResultsVisibility(StrEnum):
    LIVE = "live"
    AFTER_CLOSE = "after_close"


class RoundState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


LABELS = {
    ConferenceMode.ONLINE: _l("online"),
    ConferenceMode.HYBRID: _l("hybrid (on site and online)"),
    ConferenceStatus.PLANNED: _l("planned"),
    ConferenceStatus.RUNNING: _l("running"),
    ConferenceStatus.FINISHED: _l("finished"),
    ParticipantKind.EXPERT: _l("expert"),
    ParticipantKind.CITIZEN: _l("citizen"),
    ParticipantKind.FACILITATOR: _l("table facilitator"),
    ParticipantKind.MODERATOR: _l("moderator"),
    ItemKind.IDEA: _l("idea"),
    ItemKind.MEASURE: _l("measure"),
    ItemKind.OPTION: _l("option"),
    VoteMethod.DOTS: _l("dot voting"),
    VoteMethod.APPROVAL: _l("approval"),
    VoteMethod.SINGLE: _l("single choice"),
    VoteMethod.RANKING: _l("ranking"),
    VoteMethod.AGREEMENT: _l("agreement scale"),
    ResultsVisibility.LIVE: _l("live"),
    ResultsVisibility.AFTER_CLOSE: _l("after closing"),
    RoundState.DRAFT: _l("prepared"),
    RoundState.OPEN: _l("open"),
    RoundState.CLOSED: _l("closed"),
}


def label(value):
    return LABELS.get(value, value)


def new_token():
    """A personal join token: 128 bits, URL-safe; it is stored so that links can be re-sent."""
    return secrets.token_urlsafe(16)


class Conference(db.Model):
    __tablename__ = "conferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    agenda_html: Mapped[str] = mapped_column(sa.Text, default="")
    mode: Mapped[ConferenceMode] = mapped_column(enum_column(ConferenceMode), default=ConferenceMode.ONLINE)
    # Walk-ins type this code at /konferenz when staff allow it.
    event_code: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    walk_ins_allowed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Participants pick their table themselves (up to its capacity); otherwise staff assign.
    self_choice: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    status: Mapped[ConferenceStatus] = mapped_column(
        enum_column(ConferenceStatus), default=ConferenceStatus.PLANNED
    )
    # The World-Café rotation counter: 0 before the first rotation.
    rotation: Mapped[int] = mapped_column(default=0, server_default="0")
    sent_to_catalogue_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    process: Mapped["Process"] = relationship()  # noqa: F821
    tables: Mapped[list["ThemeTable"]] = relationship(
        back_populates="conference", order_by="(ThemeTable.position, ThemeTable.id)", cascade="all, delete-orphan",
        foreign_keys="ThemeTable.conference_id",
    )

    def __repr__(self):
        return f"<Conference {self.id} {self.title[:30]!r}>"


class ThemeTable(db.Model):
    """A Gesprächstisch: a topic, a capacity, a facilitator and the items voted on there."""

    __tablename__ = "theme_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(sa.String(160))
    sector_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sectors.id", ondelete="SET NULL"))
    capacity: Mapped[int] = mapped_column(default=10)
    position: Mapped[int] = mapped_column(default=0)
    facilitator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL", use_alter=True)
    )

    conference: Mapped[Conference] = relationship(back_populates="tables", foreign_keys=[conference_id])
    sector: Mapped[Optional["Sector"]] = relationship()  # noqa: F821
    facilitator: Mapped[Optional["Participant"]] = relationship(foreign_keys=[facilitator_id], post_update=True)
    items: Mapped[list["TableItem"]] = relationship(
        back_populates="table", order_by="(TableItem.position, TableItem.id)", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<ThemeTable {self.id} {self.topic[:30]!r}>"


class TableItem(db.Model):
    """Something to vote on at a table (or in the plenary when `table_id` is null)."""

    __tablename__ = "table_items"
    __table_args__ = (sa.Index("ix_table_items_conference_table", "conference_id", "table_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"))
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="CASCADE"))
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind))
    idea_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ideas.id", ondelete="SET NULL"))
    measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)

    table: Mapped[ThemeTable | None] = relationship(back_populates="items")
    idea: Mapped[Optional["Idea"]] = relationship()  # noqa: F821
    measure: Mapped[Optional["Measure"]] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<TableItem {self.id} {self.kind} {self.label[:30]!r}>"


class Participant(db.Model):
    """Someone taking part, with no account: the personal token in the join link identifies them."""

    __tablename__ = "participants"
    __table_args__ = (
        sa.UniqueConstraint("conference_id", "email"),
        sa.Index("ix_participants_conference_table", "conference_id", "table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"))
    kind: Mapped[ParticipantKind] = mapped_column(enum_column(ParticipantKind))
    display_name: Mapped[str] = mapped_column(sa.String(80))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    token: Mapped[str] = mapped_column(sa.String(43), unique=True, default=new_token)
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="SET NULL"))
    first_choice_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="SET NULL"))
    second_choice_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="SET NULL"))
    # The lottery panel member this citizen came from (the lottery issue adds the foreign key).
    # The citizen's place on the lottery's panel, when the panel was handed over to the conference.
    panel_member_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )
    walk_in: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    conference: Mapped[Conference] = relationship()
    table: Mapped[ThemeTable | None] = relationship(foreign_keys=[table_id])
    first_choice: Mapped[ThemeTable | None] = relationship(foreign_keys=[first_choice_id])
    second_choice: Mapped[ThemeTable | None] = relationship(foreign_keys=[second_choice_id])

    def __repr__(self):
        return f"<Participant {self.id} {self.kind} {self.display_name[:30]!r}>"

    # Participants are actors next to users: they are never signed-in accounts.
    is_authenticated = False

    @property
    def is_online(self):
        seen, left = as_utc(self.last_seen_at), as_utc(self.left_at)
        return seen is not None and (left is None or left < seen)

    @property
    def is_member(self):
        return self.kind in MEMBER_KINDS


class Seating(db.Model):
    """Who sat at which table in which rotation: the memory of the World-Café rotation."""

    __tablename__ = "seatings"
    __table_args__ = (sa.UniqueConstraint("participant_id", "rotation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="CASCADE"))
    rotation: Mapped[int] = mapped_column()

    def __repr__(self):
        return f"<Seating {self.participant_id} at {self.table_id} in {self.rotation}>"


class VotingRound(db.Model):
    __tablename__ = "voting_rounds"
    __table_args__ = (
        sa.Index("ix_voting_rounds_conference_table", "conference_id", "table_id", "state"),
        sa.Index("ix_voting_rounds_due", "state", "ends_at"),
        # One open round per table (and one in the plenary, table 0): the database decides between
        # two moderators who open rounds at the same moment.
        sa.Index("ix_voting_rounds_one_open", "conference_id", sa.text("coalesce(table_id, 0)"), unique=True,
                 sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"))
    # Null: a plenary round.
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(160))
    method: Mapped[VoteMethod] = mapped_column(enum_column(VoteMethod))
    # dots: {"dots": N, "max_per_item": k}; ranking: {"depth": 3}; the others: {}.
    settings: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    results_visibility: Mapped[ResultsVisibility] = mapped_column(
        enum_column(ResultsVisibility), default=ResultsVisibility.LIVE
    )
    state: Mapped[RoundState] = mapped_column(enum_column(RoundState), default=RoundState.DRAFT)
    # Seconds the round runs once opened (null: until closed by hand).
    duration_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The items voted on, fixed when the round opens: items added later are not in its results.
    item_ids: Mapped[list | None] = mapped_column(sa.JSON)
    # Raised by every state change and every counted ballot; clients drop older updates.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    conference: Mapped[Conference] = relationship()
    table: Mapped[ThemeTable | None] = relationship()

    def __repr__(self):
        return f"<VotingRound {self.id} {self.method} {self.state}>"

    def is_running(self, now=None):
        now = now or utcnow()
        ends = as_utc(self.ends_at)
        return self.state == RoundState.OPEN and (ends is None or now < ends)


class Ballot(db.Model):
    __tablename__ = "ballots"
    __table_args__ = (sa.UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("voting_rounds.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<Ballot {self.participant_id} in {self.round_id}>"


class Announcement(db.Model):
    __tablename__ = "announcements"
    __table_args__ = (sa.Index("ix_announcements_conference_created", "conference_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"))
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.Text)
    author_name: Mapped[str] = mapped_column(sa.String(80), default="")
    author_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    author_participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<Announcement {self.id} in {self.conference_id}>"


class ConferenceResult(db.Model):
    """An item's figures from one closed round, stored with the conference as their source."""

    __tablename__ = "conference_results"
    __table_args__ = (
        sa.Index("ix_conference_results_measure", "measure_id"),
        sa.Index("ix_conference_results_idea", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(sa.ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int | None] = mapped_column(sa.ForeignKey("voting_rounds.id", ondelete="SET NULL"))
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("theme_tables.id", ondelete="SET NULL"))
    measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"))
    idea_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ideas.id", ondelete="CASCADE"))
    item_label: Mapped[str] = mapped_column(sa.String(200))
    table_topic: Mapped[str] = mapped_column(sa.String(160), default="")
    round_title: Mapped[str] = mapped_column(sa.String(160), default="")
    method: Mapped[VoteMethod] = mapped_column(enum_column(VoteMethod))
    figures: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    conference: Mapped[Conference] = relationship()
    # Measure.conference_results and Idea.conference_results: the votes shown on the measure sheet.
    measure = relationship("Measure", backref=backref("conference_results", order_by="ConferenceResult.id",
                                                      viewonly=True))
    idea = relationship("Idea", backref=backref("conference_results", order_by="ConferenceResult.id",
                                                viewonly=True))

    def __repr__(self):
        return f"<ConferenceResult {self.id} {self.item_label[:30]!r}>"
