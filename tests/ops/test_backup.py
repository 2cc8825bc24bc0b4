"""`flask backup` and `flask restore`: a running instance (a live server answering readers and
writers meanwhile) is backed up, restored into a new database, and every row of every table is
found again; the commands refuse what they must refuse."""
import re
import shutil
import sqlite3
import threading
import time

import pytest
import requests
from flask_migrate import upgrade
from werkzeug.serving import make_server

from conftest import PASSWORD, free_port
from tests.ops.instance_data import populate

# Tables the filled instance must have rows in: every area the backup has to carry.
MUST_HOLD_ROWS = {
    "users", "processes", "sectors", "districts", "process_roles", "ideas", "supports", "comments", "reports",
    "audit_entries", "measures", "measure_quantities", "milestones", "measure_revisions", "idea_measure_links",
    "register_extracts", "register_people", "draws", "invitations", "lottery_responses", "lottery_access_log",
    "lottery_settings", "conferences", "theme_tables", "table_items", "participants", "voting_rounds", "ballots",
    "alembic_version",
}


def dump(path):
    """Every table's rows, sorted: the full content of a SQLite file, to compare two databases."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name, sql) in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            if not (sql or "").upper().startswith("CREATE VIRTUAL")]
        return {name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in tables}
    finally:
        connection.close()


def _checks(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        # Support counts are written in the same transaction as the support rows: a torn copy shows here.
        assert connection.execute(
            "SELECT count(*) FROM ideas WHERE support_count != "
            "(SELECT count(*) FROM supports WHERE supports.idea_id = ideas.id)").fetchone()[0] == 0
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] in ("delete", "wal")
    finally:
        connection.close()


@pytest.fixture
def instance(make_app, tmp_path):
    from participation.extensions import db

    path = tmp_path / "live.sqlite"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", RATELIMIT_STORAGE_URI="memory://",
                   SOCKETIO_MESSAGE_QUEUE=None)
    with app.app_context():
        upgrade()
        made = populate()
        db.session.remove()
    return app, path, made


class Traffic:
    """Readers and writers against a live server; every answer is recorded with its time."""

    def __init__(self, base, made, writers):
        self.base, self.made, self.stop = base, made, threading.Event()
        self.answers, self.lock, self.threads = [], threading.Lock(), []
        pages = ["/", f"/processes/{made['slug']}/ideas", f"/processes/{made['slug']}/ideas/{made['own_idea']}",
                 f"/processes/{made['slug']}/measures", "/healthz"]
        for index in range(2):
            self.threads.append(threading.Thread(target=self._read, args=(pages[index:] + pages[:index],), daemon=True))
        for email in writers:
            self.threads.append(threading.Thread(target=self._write, args=(email,), daemon=True))

    def _record(self, kind, status, began):
        with self.lock:
            self.answers.append((began, time.monotonic(), kind, status))

    def _read(self, pages):
        session = requests.Session()
        index = 0
        while not self.stop.is_set():
            began = time.monotonic()
            self._record("read", session.get(self.base + pages[index % len(pages)], timeout=30).status_code, began)
            index += 1

    def _write(self, email):
        session = requests.Session()
        page = session.get(self.base + "/account/login", timeout=30).text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        signed_in = session.post(self.base + "/account/login", timeout=30, allow_redirects=False,
                                 data={"csrf_token": token, "email": email, "password": PASSWORD})
        assert signed_in.status_code == 302
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(self.base + "/", timeout=30).text).group(1)
        url = f"{self.base}/api/v1/ideas/{self.made['supported'][0]}/support"
        verbs = ("DELETE", "POST")
        index = 0
        while not self.stop.is_set():
            began = time.monotonic()
            answer = session.request(verbs[index % 2], url, headers={"X-CSRFToken": token}, timeout=30)
            self._record("write", answer.status_code, began)
            index += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def wait_for(self, count, kind=None):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with self.lock:
                if sum(1 for a in self.answers if kind in (None, a[2])) >= count:
                    return
            time.sleep(0.01)
        raise AssertionError("the live server did not answer")

    def overlapping(self, start, end):
        """Requests that were under way while [start, end] ran."""
        with self.lock:
            return [a for a in self.answers if a[0] <= end and a[1] >= start]


@pytest.fixture
def served(instance):
    app, path, made = instance
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, path, made, f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


def test_a_running_instance_is_backed_up_and_restored_with_every_row(served, make_app, tmp_path):
    app, path, made, base = served
    runner = app.test_cli_runner()
    before = dump(path)
    assert MUST_HOLD_ROWS <= {name for name, rows in before.items() if rows}, \
        MUST_HOLD_ROWS - {name for name, rows in before.items() if rows}

    # 1. Readers and writers (supports added and withdrawn over the API) while the backup runs.
    writers = [f"nachbar{i}-{made['slug']}@example.org" for i in (1, 2)]  # nachbar0 wrote the idea
    with Traffic(base, made, writers) as traffic:
        traffic.wait_for(20, "write")
        started = time.monotonic()
        result = runner.invoke(args=["backup", str(tmp_path / "during.sqlite")])
        ended = time.monotonic()
        traffic.wait_for(len(traffic.answers) + 20)
    assert result.exit_code == 0, result.output
    assert re.match(r"Backup written to .*during\.sqlite: \d+ tables, \d+ rows, migration revision \w+\.", result.output)
    meanwhile = traffic.overlapping(started, ended)
    assert {kind for *_, kind, _ in meanwhile} == {"read", "write"}, "the server was idle while the backup ran"
    assert {status for *_, status in traffic.answers} == {200}, "a request failed while the backup ran"
    _checks(tmp_path / "during.sqlite")
    during = dump(tmp_path / "during.sqlite")
    for table, rows in before.items():
        # the writers sign in (their sessions and sign-in events) and change supports, ideas and users
        if table not in ("supports", "ideas", "users", "user_sessions", "sign_in_events"):
            assert during[table] == rows, table
    assert len(during["ideas"]) == len(before["ideas"]) and len(during["users"]) == len(before["users"])

    # 2. Readers only: the backup equals the database row for row, and so does its restore.
    with Traffic(base, made, writers=()) as traffic:
        traffic.wait_for(10)
        result = runner.invoke(args=["backup", str(tmp_path / "quiet.sqlite")])
        traffic.wait_for(len(traffic.answers) + 10)
    assert result.exit_code == 0, result.output
    live = dump(path)
    assert dump(tmp_path / "quiet.sqlite") == live

    restored_path = tmp_path / "restored" / "participation.sqlite"
    restored_path.parent.mkdir()
    restored = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{restored_path}", RATELIMIT_STORAGE_URI="memory://")
    result = restored.test_cli_runner().invoke(args=["restore", str(tmp_path / "quiet.sqlite")])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    _checks(restored_path)
    copy = dump(restored_path)
    assert set(copy) == set(live)
    for table in live:
        assert len(copy[table]) == len(live[table]), table
        assert copy[table] == live[table], table

    # The restored instance works: it serves the ideas and the full-text search finds them.
    client = restored.test_client()
    page = client.get(f"/processes/{made['slug']}/ideas?q=Radweg")
    shown = re.sub(r"</?mark>", "", page.get_data(as_text=True))  # the matched word is highlighted
    assert page.status_code == 200 and "Radweg Nummer 1 ausbauen" in shown
    assert client.get("/healthz").json["status"] == "ok"


def test_backup_refuses_to_replace_a_file_and_restore_refuses_a_database_with_data(instance, tmp_path, make_app):
    app, path, made = instance
    runner = app.test_cli_runner()
    target = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert (target.stat().st_mode & 0o077) == 0  # personal data: readable by its owner alone
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code == 1 and "exists already" in again.output and "--force" in again.output
    assert runner.invoke(args=["backup", "--force", str(target)]).exit_code == 0
    assert not list(tmp_path.glob(".backup.sqlite.*.partial"))

    # The live database holds data: restoring over it needs --force, and without it nothing changes.
    content = dump(path)
    refused = runner.invoke(args=["restore", str(target)])
    assert refused.exit_code == 1 and "holds data" in refused.output and "--force" in refused.output
    assert dump(path) == content
    # An empty, migrated database is no obstacle.
    empty_path = tmp_path / "empty.sqlite"
    empty = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{empty_path}", RATELIMIT_STORAGE_URI="memory://")
    with empty.app_context():
        upgrade()
        from participation.extensions import db

        db.engine.dispose()
    result = empty.test_cli_runner().invoke(args=["restore", str(target)])
    assert result.exit_code == 0, result.output
    assert dump(empty_path) == content
    # With --force a database with data is replaced.
    with sqlite3.connect(empty_path) as connection:
        connection.execute("DELETE FROM ballots")
    forced = empty.test_cli_runner().invoke(args=["restore", "--force", str(target)])
    assert forced.exit_code == 0, forced.output
    assert dump(empty_path) == content


def test_restore_checks_that_the_file_is_a_participation_database_at_this_revision(instance, tmp_path, make_app):
    app, path, made = instance
    target_path = tmp_path / "target.sqlite"
    target = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{target_path}", RATELIMIT_STORAGE_URI="memory://")
    runner = target.test_cli_runner()

    text = tmp_path / "notes.sqlite"
    text.write_text("Dies ist keine Datenbank.\n" * 20)
    result = runner.invoke(args=["restore", str(text)])
    assert result.exit_code == 1 and "is not a SQLite database" in result.output

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('fremd')")
    result = runner.invoke(args=["restore", str(foreign)])
    assert result.exit_code == 1 and "is not a Participation database" in result.output

    assert app.test_cli_runner().invoke(args=["backup", str(tmp_path / "good.sqlite")]).exit_code == 0
    old = tmp_path / "old.sqlite"
    shutil.copy(tmp_path / "good.sqlite", old)
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'a0ccdd463db2'")
    result = runner.invoke(args=["restore", str(old)])
    assert result.exit_code == 1 and "revision a0ccdd463db2" in result.output and "flask db upgrade" in result.output

    damaged = tmp_path / "damaged.sqlite"
    raw = bytearray((tmp_path / "good.sqlite").read_bytes())
    for offset in range(8192, min(len(raw), 60000), 97):
        raw[offset] ^= 0x5A
    damaged.write_bytes(bytes(raw))
    result = runner.invoke(args=["restore", str(damaged)])
    assert result.exit_code == 1 and ("integrity check" in result.output or "cannot be read" in result.output)

    assert not target_path.exists() or not dump(target_path).get("users")  # nothing was written
    assert runner.invoke(args=["restore", str(tmp_path / "good.sqlite")]).exit_code == 0
    assert dump(target_path) == dump(tmp_path / "good.sqlite")


def test_on_postgresql_backup_and_restore_point_at_pg_dump_and_pg_restore(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://backup:geheim@db.invalid:5432/participation",
                   RATELIMIT_STORAGE_URI="memory://")
    runner = app.test_cli_runner()
    for args in (["backup", str(tmp_path / "x.sqlite")], ["restore", __file__]):
        result = runner.invoke(args=args)
        assert result.exit_code == 1
        assert "pg_dump --format=custom" in result.output and "pg_restore --clean" in result.output
        assert "geheim" not in result.output
    assert not (tmp_path / "x.sqlite").exists()
