"""The citizen lottery's data: register extracts and their rows, invitation draws, invitations with
response codes, responses, selection runs, panels, generated files and the access log.

Personal data from the population register (`RegisterPerson`, `Response`) is for the staff of the
process alone; every read and export is written to `LotteryAccess`. `flask lottery purge` deletes
the register rows of everyone who did not accept, and keeps what verification needs: the extract's
fingerprint and, on each invitation, the register id and its HMAC value.
"""
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import StrEnum, UTCDateTime, as_utc, enum_column, utcnow
from ..extensions import db


class _Labelled:
    """Each enum carries its own labels: `RunStatus.DONE.label` is "finished", `FileStatus.DONE.label`
    is "ready". Members of different enums with the same value are equal strings with equal hashes, so
    one map keyed by members would let one enum's label overwrite the other's; each enum's map is its own."""

    @property
    def label(self):
        return _LABELS[type(self)][self]


class DrawStatus(_Labelled, StrEnum):
    PUBLISHED = "published"  # register and parameters fixed and published; waiting for the public seed
    DRAWN = "drawn"


class InvitationStatus(_Labelled, StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ResponseChannel(_Labelled, StrEnum):
    ONLINE = "online"
    PHONE = "phone"
    PAPER = "paper"


class RunStatus(_Labelled, StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class MemberRole(_Labelled, StrEnum):
    MEMBER = "member"
    RESERVE = "reserve"


class MemberStatus(_Labelled, StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class FileStatus(_Labelled, StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


_LABELS = {
    DrawStatus: {
        DrawStatus.PUBLISHED: _l("parameters published, waiting for the seed"),
        DrawStatus.DRAWN: _l("drawn"),
    },
    InvitationStatus: {
        InvitationStatus.INVITED: _l("invited, no answer yet"),
        InvitationStatus.ACCEPTED: _l("accepted"),
        InvitationStatus.DECLINED: _l("declined"),
    },
    ResponseChannel: {
        ResponseChannel.ONLINE: _l("online"),
        ResponseChannel.PHONE: _l("by phone"),
        ResponseChannel.PAPER: _l("on paper"),
    },
    RunStatus: {
        RunStatus.QUEUED: _l("waiting"),
        RunStatus.RUNNING: _l("being computed"),
        RunStatus.DONE: _l("completed"),
        RunStatus.FAILED: _l("failed"),
        RunStatus.CANCELLED: _l("cancelled"),
    },
    MemberRole: {
        MemberRole.MEMBER: _l("panel"),
        MemberRole.RESERVE: _l("reserve"),
    },
    MemberStatus: {
        MemberStatus.ACTIVE: _l("active"),
        MemberStatus.WITHDRAWN: _l("withdrawn"),
    },
    FileStatus: {
        FileStatus.QUEUED: _l("waiting"),
        FileStatus.RUNNING: _l("being made"),
        FileStatus.DONE: _l("ready"),
        FileStatus.FAILED: _l("failed"),
    },
}

# Every labelled enum of the lottery (the enum label test walks them).
LABELLED_ENUMS = tuple(_LABELS)


def label(value):
    """The human label of a lottery enum member (its own enum's, translated lazily); anything else as it is."""
    return value.label if isinstance(value, _Labelled) else value


class LotterySettings(db.Model):
    """Per process: the letter, the sender, the features people report for the quotas, consent and retention."""

    __tablename__ = "lottery_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), unique=True)
    letter_subject: Mapped[str] = mapped_column(sa.String(200), default="")
    letter_template: Mapped[str] = mapped_column(sa.Text, default="")
    # Sender of the letters: office, address lines, phone, e-mail, signature, place.
    sender: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # [{"key", "label", "values": [{"value", "label", "share"}]}]: asked on the response page, used for quotas.
    categories: Mapped[list] = mapped_column(sa.JSON, default=list)
    consent_text: Mapped[str] = mapped_column(sa.Text, default="")
    retention_days: Mapped[int] = mapped_column(default=180, server_default="180")
    # The planned size of the panel: what the letter promises, and the selection page's proposal.
    panel_size: Mapped[int] = mapped_column(default=40, server_default="40")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    process: Mapped["Process"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<LotterySettings {self.process_id}>"


class RegisterUpload(db.Model):
    """An uploaded extract held between upload, preview and confirmation (never longer than a day)."""

    __tablename__ = "register_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(sa.String(32), unique=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    size: Mapped[int] = mapped_column(default=0)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<RegisterUpload {self.filename}>"


class RegisterExtract(db.Model):
    __tablename__ = "register_extracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    encoding: Mapped[str] = mapped_column(sa.String(20))
    delimiter: Mapped[str] = mapped_column(sa.String(4))
    mapping: Mapped[dict] = mapped_column(sa.JSON)
    row_count: Mapped[int] = mapped_column()
    retention_until: Mapped[date] = mapped_column(sa.Date)
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Rows of everyone who did not accept deleted (letters out, deadline passed); then, at the
    # deletion date, every row (`purged_at`).
    thinned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purged_rows: Mapped[int] = mapped_column(default=0, server_default="0")

    process: Mapped["Process"] = relationship()  # noqa: F821
    imported_by: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<RegisterExtract {self.id} {self.fingerprint[:12]}>"

    @property
    def extra_columns(self):
        return list(self.mapping.get("extra") or [])


class RegisterPerson(db.Model):
    """One row of a register extract, as read and normalised by `register_csv.read_register`."""

    __tablename__ = "register_people"
    __table_args__ = (sa.UniqueConstraint("extract_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    extract_id: Mapped[int] = mapped_column(sa.ForeignKey("register_extracts.id", ondelete="CASCADE"))
    person_id: Mapped[str] = mapped_column(sa.String(64))
    family_name: Mapped[str] = mapped_column(sa.String(120), default="")
    given_names: Mapped[str] = mapped_column(sa.String(160), default="")
    street: Mapped[str] = mapped_column(sa.String(160), default="")
    house_number: Mapped[str] = mapped_column(sa.String(20), default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    town: Mapped[str] = mapped_column(sa.String(120), default="")
    district: Mapped[str] = mapped_column(sa.String(120), default="")
    birth_date: Mapped[date | None] = mapped_column(sa.Date)
    birth_year: Mapped[int | None] = mapped_column()
    gender: Mapped[str] = mapped_column(sa.String(1), default="")
    household: Mapped[str] = mapped_column(sa.String(300), default="")
    extra: Mapped[dict | None] = mapped_column(sa.JSON)

    def __repr__(self):
        return f"<RegisterPerson {self.person_id}>"


class Draw(db.Model):
    """Stage one: an invitation draw. Parameters and fingerprint are published before the seed exists."""

    __tablename__ = "draws"
    __table_args__ = (sa.UniqueConstraint("process_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    extract_id: Mapped[int | None] = mapped_column(sa.ForeignKey("register_extracts.id", ondelete="SET NULL"))
    number: Mapped[int] = mapped_column()
    status: Mapped[DrawStatus] = mapped_column(enum_column(DrawStatus), default=DrawStatus.PUBLISHED)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    parameters: Mapped[dict] = mapped_column(sa.JSON)
    parameters_hash: Mapped[str] = mapped_column(sa.String(64))
    plan: Mapped[list] = mapped_column(sa.JSON, default=list)  # strata with population and allocation
    response_deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    seed: Mapped[str | None] = mapped_column(sa.String(200))
    seed_source: Mapped[str | None] = mapped_column(sa.Text)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    drawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    selection_hash: Mapped[str | None] = mapped_column(sa.String(64))
    counts: Mapped[dict | None] = mapped_column(sa.JSON)
    strata: Mapped[list | None] = mapped_column(sa.JSON)
    letters_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    process: Mapped["Process"] = relationship()  # noqa: F821
    extract: Mapped[RegisterExtract | None] = relationship()

    def __repr__(self):
        return f"<Draw {self.process_id}/{self.number} {self.status}>"

    @property
    def is_drawn(self):
        return self.status == DrawStatus.DRAWN

    def accepts_answers(self, now=None):
        return self.is_drawn and (now or utcnow()) < as_utc(self.response_deadline)


class Invitation(db.Model):
    """A letter: the person drawn, their place in the draw, and their personal response code."""

    __tablename__ = "invitations"
    __table_args__ = (sa.UniqueConstraint("draw_id", "person_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("draws.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("register_people.id", ondelete="SET NULL"), index=True
    )
    # Kept after the purge, for verification: the register id and its HMAC value.
    person_ref: Mapped[str] = mapped_column(sa.String(64))
    hmac: Mapped[str] = mapped_column(sa.String(64))
    # A pseudonym of the address (HMAC with the secret key): the household rule of the panel still
    # holds after the register row is deleted, and nobody can read an address from it.
    household: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    stratum: Mapped[list] = mapped_column(sa.JSON)
    rank: Mapped[int] = mapped_column()
    position: Mapped[int] = mapped_column()  # order in the draw's result (and so in the letters)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    status: Mapped[InvitationStatus] = mapped_column(
        enum_column(InvitationStatus), default=InvitationStatus.INVITED, index=True
    )
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    draw: Mapped[Draw] = relationship()
    person: Mapped[RegisterPerson | None] = relationship()
    response: Mapped["Response | None"] = relationship(back_populates="invitation", uselist=False)

    def __repr__(self):
        return f"<Invitation {self.id} {self.status}>"


class Response(db.Model):
    """The answer to a letter, online with the code or entered by staff from a call or a paper form."""

    __tablename__ = "lottery_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(sa.ForeignKey("invitations.id", ondelete="CASCADE"), unique=True)
    accepted: Mapped[bool] = mapped_column()
    given_name: Mapped[str] = mapped_column(sa.String(120), default="")
    family_name: Mapped[str] = mapped_column(sa.String(120), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    features: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    availability: Mapped[str] = mapped_column(sa.Text, default="")
    accessibility_needs: Mapped[str] = mapped_column(sa.Text, default="")
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel: Mapped[ResponseChannel] = mapped_column(enum_column(ResponseChannel), default=ResponseChannel.ONLINE)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="response")

    def __repr__(self):
        return f"<Response {self.invitation_id} {'yes' if self.accepted else 'no'}>"


class SelectionRun(db.Model):
    """Stage two: one run of the panel selection, with everything needed to account for it."""

    __tablename__ = "selection_runs"
    __table_args__ = (  # at most one run of a process waits or runs at a time
        sa.Index("ix_selection_runs_one_active", "process_id", unique=True,
                 sqlite_where=sa.text("status IN ('queued', 'running')"),
                 postgresql_where=sa.text("status IN ('queued', 'running')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    status: Mapped[RunStatus] = mapped_column(enum_column(RunStatus), default=RunStatus.QUEUED)
    panel_size: Mapped[int] = mapped_column()
    reserve_size: Mapped[int] = mapped_column(default=0)
    categories: Mapped[list] = mapped_column(sa.JSON)  # with min/max per value
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    settings: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    pool_size: Mapped[int] = mapped_column(default=0)
    library_version: Mapped[str] = mapped_column(sa.String(40), default="")
    algorithm: Mapped[str] = mapped_column(sa.String(40), default="maximin")
    progress: Mapped[int] = mapped_column(default=0)
    progress_message: Mapped[str] = mapped_column(sa.String(300), default="")
    cancel_requested: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    report: Mapped[str] = mapped_column(sa.Text, default="")
    error: Mapped[str] = mapped_column(sa.Text, default="")
    probabilities: Mapped[dict | None] = mapped_column(sa.JSON)  # invitation id -> selection probability
    min_probability: Mapped[float | None] = mapped_column(sa.Float)
    protocol: Mapped[dict | None] = mapped_column(sa.JSON)  # the panel lottery: pool, 1,000 panels, hash
    lottery_hash: Mapped[str | None] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the worker's last sign of life
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    process: Mapped["Process"] = relationship()  # noqa: F821
    created_by: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<SelectionRun {self.id} {self.status}>"

    @property
    def is_finished(self):
        return self.status in (RunStatus.DONE, RunStatus.FAILED, RunStatus.CANCELLED)


class Panel(db.Model):
    """The panel drawn publicly from a run's 1,000-panel lottery."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("selection_runs.id", ondelete="CASCADE"), unique=True)
    number: Mapped[int] = mapped_column()
    draw_source: Mapped[str] = mapped_column(sa.Text, default="")
    drawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A panel is never silently replaced by another draw: staff annul it, with a reason, first.
    annulled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    annulled_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    annulled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    run: Mapped[SelectionRun] = relationship()
    members: Mapped[list["PanelMember"]] = relationship(
        back_populates="panel", order_by="PanelMember.position", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<Panel {self.id} no. {self.number:03d}>"


class PanelMember(db.Model):
    __tablename__ = "panel_members"
    __table_args__ = (sa.UniqueConstraint("panel_id", "invitation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(sa.ForeignKey("panels.id", ondelete="CASCADE"), index=True)
    invitation_id: Mapped[int] = mapped_column(sa.ForeignKey("invitations.id", ondelete="CASCADE"))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.MEMBER)
    status: Mapped[MemberStatus] = mapped_column(enum_column(MemberStatus), default=MemberStatus.ACTIVE)
    position: Mapped[int] = mapped_column(default=0)
    replaces_id: Mapped[int | None] = mapped_column(sa.ForeignKey("panel_members.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    panel: Mapped[Panel] = relationship(back_populates="members")
    invitation: Mapped[Invitation] = relationship()
    replaces: Mapped["PanelMember | None"] = relationship(remote_side=[id])

    def __repr__(self):
        return f"<PanelMember {self.invitation_id} {self.role} {self.status}>"


class LotteryFile(db.Model):
    """A file made in the background (letters for the print shop): kept until its draw goes."""

    __tablename__ = "lottery_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    draw_id: Mapped[int | None] = mapped_column(sa.ForeignKey("draws.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(80))
    status: Mapped[FileStatus] = mapped_column(enum_column(FileStatus), default=FileStatus.QUEUED)
    data: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    # While it is made: letters written of how many (written by the task in short transactions of its own).
    progress_done: Mapped[int] = mapped_column(default=0, server_default="0")
    progress_total: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str] = mapped_column(sa.Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self):
        return f"<LotteryFile {self.kind} {self.status}>"


class LotteryAccess(db.Model):
    """Append-only: who read or exported personal data of the lottery, when, and how many rows."""

    __tablename__ = "lottery_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int | None] = mapped_column(sa.ForeignKey("processes.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    user_name: Mapped[str] = mapped_column(sa.String(120), default="")
    action: Mapped[str] = mapped_column(sa.String(40))
    subject: Mapped[str] = mapped_column(sa.String(300), default="")
    row_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def __repr__(self):
        return f"<LotteryAccess {self.action} by {self.user_name}>"
