"""The health check behind `/healthz`: is the database there, and each Redis the configuration
names (rate limit storage, Socket.IO message queue, task queue)?

No request in here: `check_health(app)` returns the parts and whether each answered. It says
nothing else (no URLs, versions or error texts), so a monitoring system may poll it openly.
Each check is one round trip with a short timeout, so a poll costs about a millisecond.
"""
import logging

import sqlalchemy as sa

from ..extensions import db

log = logging.getLogger(__name__)

REDIS_TIMEOUT = 1.0  # seconds: a monitor's poll must not hang on a dead Redis
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://", "redis+sentinel://", "redis+cluster://")


def redis_parts(config):
    """The configured parts that live in Redis: {part name: URL}."""
    candidates = {
        "rate_limit_storage": config.get("RATELIMIT_STORAGE_URI"),
        "message_queue": config.get("SOCKETIO_MESSAGE_QUEUE"),
        "task_queue": config.get("REDIS_URL"),
    }
    return {part: url for part, url in candidates.items()
            if isinstance(url, str) and url.startswith(_REDIS_SCHEMES)}


def _redis_client(app, url):
    import redis

    clients = app.extensions.setdefault("participation_health_redis", {})
    if url not in clients:
        if url.startswith("redis+"):  # limits' sentinel/cluster forms: ping the first host plainly
            url = "redis://" + url.split("://", 1)[1].split(",", 1)[0]
        clients[url] = redis.Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT,
                                            socket_timeout=REDIS_TIMEOUT)
    return clients[url]


def _database_ok():
    try:
        with db.engine.connect() as connection:
            return connection.execute(sa.text("SELECT 1")).scalar() == 1
    except Exception as error:  # any failure is "unavailable"; the reason goes to the log only
        log.warning("health check: database unavailable (%s)", type(error).__name__)
        return False


def _redis_ok(app, url):
    try:
        return bool(_redis_client(app, url).ping())
    except Exception as error:
        log.warning("health check: Redis unavailable (%s)", type(error).__name__)
        return False


def check_health(app):
    """{"status": "ok" | "unavailable", "checks": {part: "ok" | "unavailable"}}; each Redis URL
    is pinged once even when several parts share it."""
    checks = {"database": "ok" if _database_ok() else "unavailable"}
    answers = {}
    for part, url in redis_parts(app.config).items():
        if url not in answers:
            answers[url] = _redis_ok(app, url)
        checks[part] = "ok" if answers[url] else "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return {"status": "ok" if healthy else "unavailable", "checks": checks}
