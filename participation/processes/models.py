from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..database import StrEnum, UTCDateTime, as_utc, enum_column, utcnow
from ..extensions import db


class ModerationMode(StrEnum):
    """Pre-moderation: nothing is public before a moderator publishes it.
    Post-moderation: contributions are public at once and moderated afterwards."""

    PRE = "pre"
    POST = "post"


class Phase(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


# The sectors (Handlungsfelder) a new process starts with, stored in the instance's language
# (`i18n.instance_locale`); staff edit them per process.
DEFAULT_SECTORS = (
    ("GEB", _l("Residential buildings and neighbourhoods")),
    ("WIR", _l("Businesses and trade")),
    ("VER", _l("Municipal administration")),
    ("MOB", _l("Mobility")),
    ("ENE", _l("Energy supply")),
    ("LAN", _l("Agriculture and food")),
    ("ANP", _l("Climate adaptation")),
)


class Process(db.Model):
    __tablename__ = "processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    municipality: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    description_html: Mapped[str] = mapped_column(sa.Text, default="")
    # Who answers questions about this process (name, office, phone, e-mail); shown on the process page.
    contact_person: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    idea_collection_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    idea_collection_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    moderation_mode: Mapped[ModerationMode] = mapped_column(
        enum_column(ModerationMode), default=ModerationMode.PRE, server_default="pre"
    )
    # This many open reports hide an idea or comment until a moderator decides.
    report_threshold: Mapped[int] = mapped_column(default=3, server_default="3")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    sectors: Mapped[list["Sector"]] = relationship(
        back_populates="process", order_by="Sector.position", cascade="all, delete-orphan"
    )
    districts: Mapped[list["District"]] = relationship(
        back_populates="process", order_by="District.position", cascade="all, delete-orphan"
    )
    roles: Mapped[list["ProcessRole"]] = relationship(  # noqa: F821
        back_populates="process", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<Process {self.slug}>"

    def idea_phase(self, now=None):
        now = now or utcnow()
        opens, closes = as_utc(self.idea_collection_opens_at), as_utc(self.idea_collection_closes_at)
        if opens is None or now < opens:
            return Phase.UPCOMING
        if closes is not None and now >= closes:
            return Phase.CLOSED
        return Phase.OPEN

    def accepts_ideas(self, now=None):
        return self.idea_phase(now) == Phase.OPEN

    @property
    def publishes_directly(self):
        return self.moderation_mode == ModerationMode.POST


class Sector(db.Model):
    """A Handlungsfeld of the process; its code prefixes measure codes (MOB-03)."""

    __tablename__ = "sectors"
    __table_args__ = (
        sa.UniqueConstraint("process_id", "code"),
        sa.UniqueConstraint("process_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(sa.String(8))
    name: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)

    process: Mapped[Process] = relationship(back_populates="sectors")

    @validates("name")
    def _plain_name(self, key, value):
        return str(value)  # a default sector's name is a lazy translation: stored as text

    def __repr__(self):
        return f"<Sector {self.code} {self.name}>"


class District(db.Model):
    __tablename__ = "districts"
    __table_args__ = (sa.UniqueConstraint("process_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(sa.ForeignKey("processes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)

    process: Mapped[Process] = relationship(back_populates="districts")

    def __repr__(self):
        return f"<District {self.name}>"
