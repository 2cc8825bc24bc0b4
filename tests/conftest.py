"""Shared fixtures: a migrated database (SQLite in a temporary file, or PostgreSQL when
TEST_DATABASE_URL is set), the app, HTTP clients with CSRF handling, factories, a real
SMTP server (aiosmtpd) and a live HTTP server for browser journeys."""
import os
import re
import secrets
import shutil
import socket
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from config import TestingConfig, normalize_database_url

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
# With TEST_REDIS_URL (make test-postgres), rate limits and the task queue use Redis.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
PASSWORD = "korrekt-Pferd-Batterie-1"
# The authenticator secret of every account `make_user` enrols in two-factor authentication
# (admins and accounts with a process role, which need it).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def require_or_skip(available, reason):
    """Skip with a visible reason when a real part is missing; under CI=true, fail instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this part must be present)")
    pytest.skip(reason)


# --- database -------------------------------------------------------------------

def _recreate_postgres_database(url):
    parsed = sa.engine.make_url(url)
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
    admin.dispose()


def postgres_available(url):
    try:
        engine = sa.create_engine(sa.engine.make_url(url).set(database="postgres"))
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if TEST_DATABASE_URL:
        url = normalize_database_url(TEST_DATABASE_URL)
        require_or_skip(postgres_available(url), f"PostgreSQL at {url} is not reachable")
        _recreate_postgres_database(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory):
    return str(tmp_path_factory.mktemp("instance"))


def redis_available(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return False


@pytest.fixture(scope="session")
def redis_url():
    if not TEST_REDIS_URL:
        return None
    require_or_skip(redis_available(TEST_REDIS_URL), f"Redis at {TEST_REDIS_URL} is not reachable")
    return TEST_REDIS_URL


@pytest.fixture(scope="session")
def make_app(database_url, instance_path, redis_url):
    """Build an app on the shared test database; keyword arguments override the config."""
    os.environ["INSTANCE_PATH"] = instance_path
    from participation import create_app

    def make(**overrides):
        settings = {"SQLALCHEMY_DATABASE_URI": database_url, "MAIL_OUTBOX_DIR": os.path.join(instance_path, "outbox")}
        if redis_url:
            settings["RATELIMIT_STORAGE_URI"] = redis_url
        settings.update(overrides)
        application = create_app(TestingConfig, **settings)
        _APPS_OF_THIS_TEST.append(application)
        return application

    return make


_APPS_OF_THIS_TEST = []


@pytest.fixture(autouse=True)
def _close_database_connections():
    """Every app a test built gives its pooled connections back when the test ends: background
    threads (Socket.IO, the tally batcher) keep apps alive, and PostgreSQL allows only so many clients."""
    yield
    from participation.extensions import db

    while _APPS_OF_THIS_TEST:
        application = _APPS_OF_THIS_TEST.pop()
        with application.app_context():
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture(scope="session")
def _migrated(make_app):
    from flask_migrate import upgrade

    app = make_app()
    with app.app_context():
        upgrade()
        from participation.extensions import db

        db.engine.dispose()
    return True


def _empty_all_tables(db):
    """Delete every row, children before parents. On PostgreSQL a DELETE of the few rows a test leaves
    takes about a fifth of the time of a TRUNCATE of all tables (which rewrites each table's files);
    the sequences are reset, as TRUNCATE ... RESTART IDENTITY would."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        for table in tables:
            connection.exec_driver_sql(f"DELETE FROM {table}")
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT setval(c.oid, 1, false) FROM pg_class c "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                       "WHERE c.relkind = 'S' AND n.nspname = current_schema()")


@pytest.fixture
def app(make_app, _migrated):
    """The application inside an app context; every table is emptied after the test."""
    from participation.extensions import db as _db
    from participation.extensions import limiter

    application = make_app()
    with application.app_context():
        yield application
        _db.session.remove()
        _empty_all_tables(_db)
        if application.config["RATELIMIT_ENABLED"]:
            limiter.reset()


@pytest.fixture
def db(app):
    from participation.extensions import db as _db

    return _db


# --- HTTP clients -------------------------------------------------------------------

_CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client:
    """The Flask test client, plus the habits of a browser: it reads CSRF tokens from forms."""

    def __init__(self, flask_client):
        self.http = flask_client
        self.app = flask_client.application

    def _request(self, verb, *args, **kwargs):
        # A fresh app context per request, as in production: `g` (where Flask-Login keeps the
        # current user) and the database session do not leak from the test or an earlier request.
        with self.app.app_context():
            return getattr(self.http, verb)(*args, **kwargs)

    def get(self, url, **kwargs):
        return self._request("get", url, **kwargs)

    def csrf_token(self, url="/"):
        page = self.get(url)
        match = _CSRF_RE.search(page.get_data(as_text=True))
        assert match, f"no CSRF token on {url} ({page.status_code})"
        return match.group(1)

    def post(self, url, data=None, *, form_url=None, follow_redirects=False, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf_token(form_url or "/")
        return self._request("post", url, data=data, follow_redirects=follow_redirects, **kwargs)

    def api(self, method, url, json=None, csrf=True):
        headers = {"Accept": "application/json"}
        if csrf:
            headers["X-CSRFToken"] = self.csrf_token("/")
        return self._request("open", url, method=method, json=json, headers=headers)

    def login(self, email, password=PASSWORD):
        """Sign in like a person: password, then the second factor where the account asks for it (the code
        from `TOTP_SECRET`, or an enrolment with the key shown on the page). Returns the last redirect."""
        response = self.post("/account/login", {"email": email, "password": password}, form_url="/account/login")
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return self.complete_second_factor(response, email)

    def complete_second_factor(self, response, email):
        location = urlparse(response.headers.get("Location", "")).path
        if location == "/account/login/code":
            response = self.post("/account/login/code", {"code": totp_code(self.app, email)},
                                 form_url="/account/login/code")
            assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        elif location == "/account/two-factor/setup":
            page = self.get(response.headers["Location"]).get_data(as_text=True)
            secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
            response = self.post(response.headers["Location"], {"code": totp_code(self.app, email, secret)},
                                 form_url=response.headers["Location"])
            assert response.status_code == 200 and "data-recovery-codes" in response.get_data(as_text=True), \
                response.get_data(as_text=True)[:2000]
        return response

    def logout(self):
        return self.post("/account/logout")


def totp_code(app, email, secret=None):
    """A code the server accepts now for `email`: from a time step after the last one it accepted (it refuses
    replays); waits for the next step when the current and the next are used up."""
    import pyotp

    from participation.auth.models import User
    from participation.auth.two_factor import secret_of
    from participation.extensions import db as _db

    with app.app_context():
        user = _db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        secret, last_step = secret or secret_of(user), user.totp_last_step
    totp = pyotp.TOTP(secret)
    while True:
        step = totp.timecode(datetime.now(UTC))
        for candidate in (step, step + 1):
            if last_step is None or candidate > last_step:
                return totp.generate_otp(candidate)
        time.sleep(30.05 - time.time() % 30)


def browser_second_factor(page, email):
    """After the password in a browser: enter the code when the code step asks for it."""
    from flask import current_app

    page.wait_for_load_state()
    if "/account/login/code" in page.url:
        page.get_by_label("Code aus Ihrer Authenticator-App").fill(totp_code(current_app, email))
        page.get_by_role("button", name="Bestätigen").click()


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def make_client(app):
    return lambda: Client(app.test_client())


# --- factories --------------------------------------------------------------------

@pytest.fixture
def make_user(db):
    from participation.auth.models import ProcessRole, User
    from participation.auth.services import hash_password
    from participation.auth.two_factor import store_secret
    from participation.database import utcnow

    counter = iter(range(1, 10**6))
    hashed = {}

    def make(email=None, *, name=None, verified=True, admin=False, password=PASSWORD, roles=(), locale=None,
             two_factor=None):
        """`two_factor`: enrol with TOTP_SECRET; by default exactly the accounts that need it (admin or roles)."""
        n = next(counter)
        if password not in hashed:
            hashed[password] = hash_password(password)
        user = User(
            email=email or f"person{n}-{secrets.token_hex(3)}@example.org",
            display_name=name or f"Person {n}", password_hash=hashed[password], is_admin=admin,
            email_verified_at=utcnow() if verified else None, locale=locale,
        )
        if two_factor if two_factor is not None else (admin or bool(roles)):
            store_secret(user, TOTP_SECRET)
            user.totp_enabled_at = utcnow()
        db.session.add(user)
        db.session.flush()
        for process, role in roles:
            db.session.add(ProcessRole(user_id=user.id, process_id=process.id, role=role))
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_process(db):
    from participation.database import utcnow
    from participation.markup import render_markdown
    from participation.processes.models import (
        DEFAULT_SECTORS,
        District,
        ModerationMode,
        Process,
        Sector,
    )

    counter = iter(range(1, 10**6))

    def make(*, slug=None, phase="open", moderation="post", public=True, districts=("Nord", "Süd", "Zentrum"),
             title=None):
        n = next(counter)
        now = utcnow()
        opens, closes = {
            "open": (now - timedelta(days=1), now + timedelta(days=30)),
            "upcoming": (now + timedelta(days=3), now + timedelta(days=30)),
            "closed": (now - timedelta(days=30), now - timedelta(minutes=1)),
        }[phase]
        process = Process(
            slug=slug or f"process-{n}", title=title or f"Klimaschutz Prozess {n}", municipality="Musterstadt",
            description="Ein **Beteiligungsprozess**.", description_html=render_markdown("Ein **Beteiligungsprozess**."),
            idea_collection_opens_at=opens, idea_collection_closes_at=closes, is_public=public,
            moderation_mode=ModerationMode(moderation),
        )
        process.sectors = [Sector(code=c, name=name, position=i) for i, (c, name) in enumerate(DEFAULT_SECTORS)]
        process.districts = [District(name=d, position=i) for i, d in enumerate(districts)]
        db.session.add(process)
        db.session.commit()
        return process

    return make


@pytest.fixture
def make_idea(db, make_user):
    from participation.database import utcnow
    from participation.ideas.models import Idea, IdeaStatus
    from participation.markup import render_markdown

    def make(process, *, author=None, title="Mehr Bäume in der Innenstadt pflanzen", body=None,
             status=IdeaStatus.PUBLISHED, sector=None, district=None, created_at=None):
        body = body or "Schattige Straßen kühlen im Sommer und binden CO2."
        created = created_at or utcnow()
        idea = Idea(
            process=process, author=author or make_user(), title=title, body=body, body_html=render_markdown(body),
            sector=sector or process.sectors[0], district=district, status=status, created_at=created,
            updated_at=created, published_at=created if status != IdeaStatus.SUBMITTED else None,
        )
        db.session.add(idea)
        db.session.commit()
        return idea

    return make


# --- a real SMTP server ----------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def last_to(self, address, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if found:
                return found[-1]
            time.sleep(0.02)
        raise AssertionError(f"no mail to {address}; got {[m['To'] for m in self.messages]}")

    @staticmethod
    def text(message):
        return message.get_body(preferencelist=("plain",)).get_content()

    @classmethod
    def link(cls, message, contains):
        for url in re.findall(r"https?://\S+", cls.text(message)):
            if contains in url:
                return url
        raise AssertionError(f"no link containing {contains!r} in:\n{cls.text(message)}")

    @classmethod
    def path_of_link(cls, message, contains):
        return urlparse(cls.link(message, contains)).path


@pytest.fixture(scope="session")
def smtp_server():
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(app, smtp_server):
    """Route the app's mail through the local SMTP server for this test."""
    controller, box = smtp_server
    app.config.update(MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port)
    box.messages.clear()
    return box


# --- a live server for browser journeys --------------------------------------------------

@pytest.fixture
def live_server(app, smtp_server):
    from werkzeug.serving import make_server

    controller, box = smtp_server
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    app.config.update(MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port, BASE_URL=base_url)
    box.messages.clear()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url, box
    server.shutdown()
    thread.join(timeout=5)


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture
def browser():
    path = chromium_path()
    require_or_skip(path, "Chromium is not installed (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip(False, "Playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


# --- the citizen lottery: a process with staff, an imported register, a made draw ---------------

def register_bytes(count=600, seed=5, **kwargs):
    """Bytes of a synthetic register extract, written as a German office exports it."""
    import io

    from participation.lottery.synthetic import generate_register, write_csv

    out = io.BytesIO()
    write_csv(generate_register(count, seed=seed, **kwargs), out)
    return out.getvalue()


@pytest.fixture(name="register_bytes")
def register_bytes_fixture():
    """Bytes of a synthetic register extract: `register_bytes(count, seed)`."""
    return register_bytes


@pytest.fixture
def lottery(make_process, make_user):
    """A process with a staff member, and helpers to import a register and make a draw."""

    from participation.auth.models import ProcessRoleKind
    from participation.database import unit_of_work, utcnow
    from participation.lottery import services
    from participation.lottery.register_csv import sniff, suggest_mapping

    class Lottery:
        def __init__(self):
            self.process = make_process(districts=("Zentrum", "Nord", "Ost", "Süd", "West"))
            self.staff = make_user(roles=[(self.process, ProcessRoleKind.STAFF)])

        def import_register(self, data=None, *, count=600, seed=5):
            data = data or register_bytes(count, seed)
            with unit_of_work():
                upload = services.stage_upload(self.staff, self.process, "melderegister.csv", data)
                extract = services.import_upload(self.staff, self.process, upload, suggest_mapping(sniff(data).header),
                                                 date.today() + timedelta(days=90))
            return extract

        def publish(self, extract, letters=60, **changes):
            data = services.DrawData(
                extract_id=extract.id, letters=letters, reference_date=date(2026, 11, 1), min_age=16,
                strata=("district",), one_per_household=False, exclude_earlier=True,
                response_deadline=utcnow() + timedelta(days=21),
            )
            for key, value in changes.items():
                setattr(data, key, value)
            with unit_of_work():
                return services.publish_draw(self.staff, self.process, data)

        def draw(self, extract=None, letters=60, seed="17 4 33 8 21", **changes):
            extract = extract or self.import_register()
            draw = self.publish(extract, letters, **changes)
            with unit_of_work():
                services.perform_draw(self.staff, draw, seed, "Öffentliche Ziehung im Stadtrat am 3. März")
            return draw

        def accept(self, invitation, features, *, given="Alex", family="Muster", household_email=None):
            data = services.ResponseData(accepted=True, given_name=given, family_name=family,
                                         email=household_email or f"p{invitation.id}@example.org",
                                         features=features, consent=True)
            with unit_of_work():
                return services.submit_response(invitation, data)

    return Lottery()
