"""The task consumer's entry point: `huey_consumer participation.worker.huey`.

It builds the app from the environment (as wsgi.py does), so that tasks run with the same
configuration, database and mail settings as the web processes."""
from config import config_from_env

from . import create_app, tasks
from .extensions import huey  # noqa: F401  (what huey_consumer imports)
from .moderation import similarity  # noqa: F401  (registers its task with the consumer)

app = create_app(config_from_env())
tasks.use_app(app)
