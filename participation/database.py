"""Database helpers shared by every area: the transaction boundary, time, enum columns."""
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum  # noqa: F401  (the base of every workflow state)

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db


def utcnow():
    """Timezone-aware now in UTC; every timestamp is stored in UTC."""
    return datetime.now(UTC)


def as_utc(value):
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """A DateTime that always comes back timezone-aware in UTC, on SQLite too."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use participation.database.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return as_utc(value)


def enum_column(enum_cls, **kwargs):
    """Store a Python Enum by value in a VARCHAR with a CHECK constraint."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
        name=kwargs.pop("name", enum_cls.__name__.lower()),
        **kwargs,
    )


@contextmanager
def unit_of_work():
    """The one transaction boundary: commit when the block succeeds, roll back otherwise.

    Services only flush; routes, the API, CLI commands and socket handlers wrap
    each user action in `with unit_of_work():`.
    """
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL, foreign keys and a busy timeout make SQLite a sound embedded default."""
    module = type(dbapi_connection).__module__
    if not module.startswith(("sqlite3", "pysqlite")):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def dialect_name():
    return db.session.get_bind().dialect.name
