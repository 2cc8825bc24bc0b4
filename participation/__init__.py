"""Participation: citizen participation for municipal climate action plans."""
import logging
import os
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from .extensions import babel, csrf, db, limiter, login_manager, migrate

__version__ = "0.1.0"


class DatabaseInt(IntegerConverter):
    """`<int:…>` in every route: only numbers a database id can hold; anything larger is a 404.

    ASCII digits only, as values.as_id reads them: Werkzeug's `\\d+` would also route "/ideas/٣"
    (Arabic-Indic three) to idea 3."""

    regex = r"[0-9]{1,19}"

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def _resolve_config(config):
    from config import CONFIGS, config_from_env

    if config is None:
        return config_from_env()
    if isinstance(config, str):
        return CONFIGS[config]
    return config


def create_app(config=None, **overrides):
    """Build the application. `config` is a config class or its name; overrides win over it."""
    config_class = _resolve_config(config)
    config_class.check()

    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
        instance_path=os.environ.get("INSTANCE_PATH") or str(root / "instance"),
    )
    from .safejson import SafeJSONProvider

    app.json = SafeJSONProvider(app)  # too deeply nested request bodies are a 400, not a RecursionError
    app.config.from_object(config_class)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["INSTANCE_DIR"] = app.instance_path
    app.config["MAIL_OUTBOX_DIR"] = app.config.get("MAIL_OUTBOX_DIR") or str(Path(app.instance_path) / "outbox")

    _init_logging(app)
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.url_map.converters["int"] = DatabaseInt
    _init_extensions(app)
    _register_blueprints(app)
    _init_socketio(app)

    from . import cli, errors_http, input_guard, templating
    from .security import init_security_headers

    templating.init_app(app)
    errors_http.init_app(app)
    input_guard.init_app(app)
    init_security_headers(app)
    cli.init_app(app)
    return app


def _init_logging(app):
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _init_extensions(app):
    from . import models  # noqa: F401  (every model registered before migrations look)
    from .i18n import select_locale
    from .tasks import configure_huey

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).resolve().parent / "translations"),
    )
    limiter.init_app(app)
    configure_huey(app)

    from .auth.services import load_user_for_session

    login_manager.user_loader(load_user_for_session)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to continue.")


def _socketio_async_mode(app):
    """gevent when gunicorn's gevent worker has patched the process; threading otherwise (tests, flask run)."""
    mode = app.config.get("SOCKETIO_ASYNC_MODE")
    if mode:
        return mode
    try:
        from gevent import monkey

        return "gevent" if monkey.is_module_patched("socket") else "threading"
    except ImportError:
        return "threading"


def _init_socketio(app):
    """Socket.IO for live conferences; with a message queue (Redis) several processes share their events."""
    from .conference import events  # noqa: F401  (registers the live conference handlers)
    from .extensions import socketio
    from .safejson import SocketJSON

    socketio.init_app(
        app,
        async_mode=_socketio_async_mode(app),
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        channel=app.config.get("SOCKETIO_CHANNEL", "flask-socketio"),
        cors_allowed_origins=app.config.get("SOCKETIO_CORS_ALLOWED_ORIGINS"),
        ping_interval=app.config.get("SOCKETIO_PING_INTERVAL", 25),
        ping_timeout=app.config.get("SOCKETIO_PING_TIMEOUT", 20),
        logger=app.config.get("SOCKETIO_LOGGER", False),
        engineio_logger=False,
        max_http_buffer_size=64 * 1024,  # no event of a client needs more
        json=SocketJSON,  # a packet nested too deeply is refused with an error acknowledgement
    )


def _register_blueprints(app):
    from .accounts import bp as accounts_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .catalogue import bp as catalogue_bp
    from .conference import bp as conference_bp
    from .ideas import bp as ideas_bp
    from .legal import bp as legal_bp
    from .lottery import bp as lottery_bp
    from .main import bp as main_bp
    from .moderation import bp as moderation_bp
    from .processes import bp as processes_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/account")
    app.register_blueprint(processes_bp, url_prefix="/processes")
    app.register_blueprint(ideas_bp, url_prefix="/processes")
    app.register_blueprint(moderation_bp, url_prefix="/processes")
    app.register_blueprint(catalogue_bp, url_prefix="/processes")
    app.register_blueprint(conference_bp, url_prefix="/processes")
    app.register_blueprint(lottery_bp, url_prefix="/processes")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(accounts_bp, url_prefix="/admin/accounts")
    app.register_blueprint(legal_bp)
