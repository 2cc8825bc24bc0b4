"""Configuration classes, read from environment variables.

`create_app()` picks the class named by PARTICIPATION_CONFIG (development,
testing, production); production is the default outside `make run`, and it
refuses to start without SECRET_KEY.
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def _bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def normalize_database_url(url):
    # Heroku-style URLs name the old driver; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _database_url():
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'participation.sqlite'}"
    return normalize_database_url(url)


class Config:
    NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")

    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL") or None

    # Mail: without MAIL_SERVER every message is written to instance/outbox/.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = _bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Beteiligung <beteiligung@localhost>")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR") or None  # default: <instance>/outbox

    # Public base URL used in mails sent from the task queue.
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")

    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "de")
    BABEL_DEFAULT_TIMEZONE = os.environ.get("DEFAULT_TIMEZONE", "Europe/Berlin")
    LANGUAGES = ("de", "en")

    # Background tasks (mail now; selection runs and PDF batches later).
    HUEY_IMMEDIATE = _bool("HUEY_IMMEDIATE", False)

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True

    # scrypt, Werkzeug's default parameters (n=2**15, r=8, p=1).
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt")
    # Sign-in throttling (participation/auth/throttle.py): per account and address, per address over
    # all accounts, and for an account that sees failures from several addresses within an hour.
    LOGIN_FAILURES_BEFORE_DELAY = 5
    LOGIN_ADDRESS_FAILURES_BEFORE_DELAY = 20
    LOGIN_ATTACK_ADDRESSES = 3
    LOGIN_ATTACK_ATTEMPTS_PER_MINUTE = 2
    SIGN_IN_LINK_MINUTES = 15
    # Sessions live on the server (auth/sessions.py): without "stay signed in" for this many hours,
    # with it for REMEMBER_COOKIE_DURATION; signing out ends them at once.
    SESSION_HOURS = _int("SESSION_HOURS", 12)
    REMEMBER_COOKIE_DURATION = timedelta(days=_int("REMEMBER_DAYS", 30))
    # Two-factor authentication: the name shown in authenticator apps; days a device may be remembered (at most 30).
    TWO_FACTOR_ISSUER = os.environ.get("TWO_FACTOR_ISSUER", "Beteiligung")
    TWO_FACTOR_REMEMBER_DAYS = min(_int("TWO_FACTOR_REMEMBER_DAYS", 30), 30)
    EMAIL_TOKEN_MAX_AGE = 3 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 2 * 3600

    # How many reverse proxies (nginx) stand in front: their X-Forwarded-For/-Proto/-Host headers are
    # then trusted, so that rate limits count each visitor rather than the proxy. 0 trusts none.
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead of an hour
    MAX_CONTENT_LENGTH = 64 * 1024 * 1024

    IDEAS_PER_PAGE = 20
    # How long the web server in front (nginx) keeps its access logs; set logrotate to match. Named in the
    # privacy notice.
    SERVER_LOG_DAYS = _int("SERVER_LOG_DAYS", 7)
    DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD") or None

    # Live conferences (Socket.IO). Async mode: "gevent" under `gunicorn -k gevent`, "threading"
    # for `flask run` and tests; empty = gevent when gevent has patched the process, else threading.
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE") or None
    # Several server processes share their events through Redis (default: REDIS_URL).
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or REDIS_URL
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "participation-socketio")
    # Empty: same origin only (the page and the socket are served by the same host).
    SOCKETIO_CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("SOCKETIO_CORS_ALLOWED_ORIGINS", "").split(",")
                                     if o.strip()] or None
    SOCKETIO_PING_INTERVAL = _int("SOCKETIO_PING_INTERVAL", 25)
    SOCKETIO_PING_TIMEOUT = _int("SOCKETIO_PING_TIMEOUT", 20)
    SOCKETIO_LOGGER = _bool("SOCKETIO_LOGGER", False)
    # At most one tally update per room every this many seconds; the round timer's tick.
    CONFERENCE_TALLY_INTERVAL = float(os.environ.get("CONFERENCE_TALLY_INTERVAL", "0.25"))
    CONFERENCE_TALLY_BURST = _int("CONFERENCE_TALLY_BURST", 2)  # updates at once after a quiet spell
    CONFERENCE_TIMER_INTERVAL = float(os.environ.get("CONFERENCE_TIMER_INTERVAL", "0.5"))
    # Sockets per join link (a phone, a laptop, a reload); the oldest is closed when one more comes.
    # Those who steer get one more per table (projectors). Events per participant, over all sockets.
    CONFERENCE_SOCKETS_PER_PARTICIPANT = _int("CONFERENCE_SOCKETS_PER_PARTICIPANT", 3)
    CONFERENCE_EVENTS_PER_SECOND = float(os.environ.get("CONFERENCE_EVENTS_PER_SECOND", "10"))
    CONFERENCE_EVENT_BURST = _int("CONFERENCE_EVENT_BURST", 30)
    # Where these limits are shared by every server process (default: the message queue, when Redis).
    CONFERENCE_LIMITS_REDIS_URL = os.environ.get("CONFERENCE_LIMITS_REDIS_URL") or None

    @classmethod
    def check(cls):
        """Raise when the configuration cannot run safely."""


class DevelopmentConfig(Config):
    NAME = "development"
    DEBUG = True
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
    HUEY_IMMEDIATE = _bool("HUEY_IMMEDIATE", True)


class TestingConfig(Config):
    NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    # tests/conftest.py puts SQLite in a temporary file, or uses TEST_DATABASE_URL.
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    HUEY_IMMEDIATE = True
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # fast hashes keep the suite quick
    MAIL_SERVER = None
    BASE_URL = "http://localhost"
    SOCKETIO_ASYNC_MODE = "threading"
    SOCKETIO_MESSAGE_QUEUE = None


class ProductionConfig(Config):
    NAME = "production"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls):
        if not cls.SECRET_KEY or len(cls.SECRET_KEY) < 16:
            raise RuntimeError(
                "SECRET_KEY must be set (at least 16 characters) outside development and testing."
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    name = os.environ.get("PARTICIPATION_CONFIG", "production").lower()
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"PARTICIPATION_CONFIG={name!r} is not one of {sorted(CONFIGS)}") from None
