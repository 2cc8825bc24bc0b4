"""Background work through Huey.

Development and tests run tasks at once in the calling process (Huey's
immediate mode). In production set HUEY_IMMEDIATE=0 and run the consumer:
`huey_consumer participation.worker.huey` (SQLite storage in instance/, or
Redis when REDIS_URL is set).

Services never enqueue directly: `after_commit(task, ...)` queues the task
once the user's transaction has committed, and drops it on rollback.
"""
import functools
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_app_context
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy.orm import Session

from .extensions import db, huey

_worker_app = None


def configure_huey(app):
    if app.config.get("REDIS_URL"):
        huey.storage_class = RedisStorage
        huey.storage_kwargs = {"url": app.config["REDIS_URL"]}
    else:
        Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": str(Path(app.config["INSTANCE_DIR"]) / "huey.sqlite")}
    # Toggling rebuilds the storage from the settings above.
    huey.immediate = True
    if not app.config["HUEY_IMMEDIATE"]:
        huey.immediate = False


def use_app(app):
    """Run tasks outside a request with this app (the consumer sets its own)."""
    global _worker_app
    _worker_app = app


def _app_for_worker():
    global _worker_app
    if _worker_app is None:
        from config import config_from_env

        from . import create_app

        _worker_app = create_app(config_from_env())
    return _worker_app


def app_task(**task_options):
    """A Huey task that runs inside a Flask application context."""

    def decorate(func):
        @functools.wraps(func)
        def run_in_app(*args, **kwargs):
            # A context (and so a database session) of its own: in immediate mode the task
            # runs inside the caller's after-commit hook, whose session can send no SQL.
            app = current_app._get_current_object() if has_app_context() else _app_for_worker()
            with app.app_context():
                try:
                    return func(*args, **kwargs)
                finally:
                    db.session.remove()

        return huey.task(name=f"{func.__module__}.{func.__name__}", **task_options)(run_in_app)

    return decorate


def after_commit(task, *args, **kwargs):
    """Queue `task(*args, **kwargs)` when the current transaction commits."""
    db.session.info.setdefault("after_commit", []).append((task, args, kwargs))


@sa.event.listens_for(Session, "after_commit")
def _run_after_commit(session):
    pending = session.info.pop("after_commit", [])
    for task, args, kwargs in pending:
        try:
            task(*args, **kwargs)
        except Exception:  # a failed enqueue or an immediate-mode failure must not undo the commit
            current_app.logger.exception("Task %s failed to run after commit", task)


@sa.event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session):
    session.info.pop("after_commit", None)


@app_task(retries=5, retry_delay=60)
def send_mail(to, subject, text):
    from .mail import build_message, deliver

    deliver(build_message(to, subject, text))
