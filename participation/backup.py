"""Backup and restore of the embedded SQLite database (`flask backup PATH`, `flask restore PATH`).

`backup_sqlite(database_path, target)` copies a live database with SQLite's online backup API
(`sqlite3.Connection.backup`): one step under one read transaction, so the copy is the state
of a single moment while the application goes on serving (in WAL mode readers never block the
writers). The copy is checked (`PRAGMA integrity_check`), turned into one self-contained file
(journal mode DELETE), readable by its owner only (it holds personal data), and moved into place
atomically: a half-written backup never carries the target's name.

`restore_sqlite(source, database_path, head, force=False)` checks first that the file is a
SQLite database that passes the integrity check, has this application's tables, and stands at
the migration revision this version of the code expects; it refuses to overwrite a database
that holds any rows unless `force` is given, and then copies the backup in with the same API.

PostgreSQL is backed up with its own tools (pg_dump, pg_restore; see README, "Operations"):
`database_path_of` refuses any other URL with `BackupRefused` naming them.
The module needs no request; `participation.cli` wraps it for the command line.
"""
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

# Tables every Participation database has; a file without them is something else.
REQUIRED_TABLES = frozenset({"alembic_version", "users", "processes", "ideas", "supports", "comments"})

POSTGRES_HINT = (
    "This instance runs on PostgreSQL: back it up with its own tools, consistent while the application runs:\n"
    "  pg_dump --format=custom --file=participation-$(date +%F).dump \"$PGURL\"\n"
    "and restore it (this replaces every table of the database at $PGURL; stop the application first) with:\n"
    "  pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --dbname=\"$PGURL\" "
    "participation-YYYY-MM-DD.dump\n"
    "(PGURL: DATABASE_URL written as postgresql://…, without '+psycopg'; see README, section \"Operations: backups, restore, monitoring\")."
)


class BackupRefused(Exception):
    """The backup or restore was not done; the message says why and what to do instead."""


@dataclass
class BackupReport:
    path: str
    revision: str | None
    tables: int
    rows: int


def database_path_of(url):
    """The file of a SQLite URL; any other database is refused with the way to back it up."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        raise BackupRefused(POSTGRES_HINT)
    if parsed.get_backend_name() != "sqlite":
        raise BackupRefused(f"Backups are made for SQLite only; this instance uses {parsed.get_backend_name()}.")
    if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file::memory:"):
        raise BackupRefused("The configured SQLite database lives in memory; there is no file to back up.")
    return Path(parsed.database)


def _connect_read_only(path):
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def user_tables(connection):
    """Names of the ordinary tables (SQLite's own and the virtual ones left out; FTS shadow tables kept)."""
    return [name for (name, sql) in connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if not (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def row_counts(connection):
    return {name: connection.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0]
            for name in user_tables(connection)}


def _revision(connection):
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def _integrity_ok(connection):
    return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def holds_data(connection):
    """True when any table has a row, leaving out the migration bookkeeping and the shadow tables
    of full-text indexes (an empty FTS5 index has rows of its own)."""
    virtual = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(sql) LIKE 'CREATE VIRTUAL TABLE%'")]
    return any(count for name, count in row_counts(connection).items()
               if name != "alembic_version" and not any(name.startswith(f"{v}_") for v in virtual))


def backup_sqlite(database_path, target, *, force=False):
    """Copy the live database at `database_path` into the file `target`; returns a `BackupReport`."""
    database_path, target = Path(database_path), Path(target)
    if not database_path.exists():
        raise BackupRefused(f"There is no database at {database_path}.")
    if target.exists() and target.is_dir():
        raise BackupRefused(f"{target} is a folder; give the name of the backup file.")
    if target.exists() and not force:
        raise BackupRefused(f"{target} exists already; choose another name or add --force to replace it.")
    if not target.parent.is_dir():
        raise BackupRefused(f"The folder {target.parent} does not exist.")
    if target.resolve() == database_path.resolve():
        raise BackupRefused("The backup cannot replace the database itself.")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, 0o600)
    try:
        source = sqlite3.connect(database_path, timeout=30)
        copy = sqlite3.connect(temporary)
        try:
            source.execute("PRAGMA busy_timeout = 30000")
            source.backup(copy)  # pages=-1: everything in one step, one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            if not _integrity_ok(copy):
                raise BackupRefused("The copy failed SQLite's integrity check; the database may be damaged.")
            counts = row_counts(copy)
            revision = _revision(copy)
        finally:
            copy.close()
            source.close()
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return BackupReport(str(target), revision, len(counts), sum(counts.values()))


def check_backup(source, head):
    """Refuse a file that is not a Participation database at revision `head`; returns its revision."""
    source = Path(source)
    if not source.is_file():
        raise BackupRefused(f"There is no backup file at {source}.")
    with open(source, "rb") as raw:
        if raw.read(16) != b"SQLite format 3\x00":
            raise BackupRefused(f"{source} is not a SQLite database.")
    try:
        connection = _connect_read_only(source)
        try:
            if not _integrity_ok(connection):
                raise BackupRefused(f"{source} fails SQLite's integrity check; it cannot be restored.")
            missing = REQUIRED_TABLES - set(user_tables(connection))
            revision = _revision(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{source} cannot be read as a SQLite database ({error}).") from None
    if missing:
        raise BackupRefused(f"{source} is not a Participation database (tables missing: {', '.join(sorted(missing))}).")
    if revision != head:
        raise BackupRefused(
            f"{source} is at migration revision {revision or 'none'}, this version of Participation expects {head}. "
            "Restore it with the version that made it, then run `flask db upgrade`.")
    return revision


def restore_sqlite(source, database_path, head, *, force=False):
    """Copy the backup `source` into the database file at `database_path`; returns a `BackupReport`."""
    source, database_path = Path(source), Path(database_path)
    check_backup(source, head)
    if source.resolve() == database_path.resolve():
        raise BackupRefused("The backup is the configured database itself.")
    if not database_path.parent.is_dir():
        raise BackupRefused(f"The folder {database_path.parent} does not exist.")
    if database_path.exists():
        readable = True
        current = sqlite3.connect(database_path, timeout=30)
        try:
            occupied = holds_data(current)
        except sqlite3.DatabaseError:
            readable, occupied = False, True
        finally:
            current.close()
        if occupied and not force:
            raise BackupRefused(
                f"The database at {database_path} holds data; restoring would replace all of it. "
                "Stop the application, make a backup of it, then run the restore again with --force."
                if readable else f"{database_path} is not a readable database; add --force to replace it.")
        if not readable:  # --force on a damaged file: start from nothing
            for leftover in (database_path, Path(f"{database_path}-wal"), Path(f"{database_path}-shm")):
                leftover.unlink(missing_ok=True)
    backup = _connect_read_only(source)
    target = sqlite3.connect(database_path, timeout=30)
    try:
        target.execute("PRAGMA busy_timeout = 30000")
        backup.backup(target)
        target.execute("PRAGMA journal_mode = WAL")
        if not _integrity_ok(target) or _revision(target) != head:
            raise BackupRefused("The restored database failed its check; restore it again from the backup.")
        counts = row_counts(target)
    finally:
        target.close()
        backup.close()
    return BackupReport(str(database_path), head, len(counts), sum(counts.values()))
