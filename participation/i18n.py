"""Locale choice: the visitor's explicit choice, then the account's, then German.

`instance_locale()` renders texts in the instance's language (BABEL_DEFAULT_LOCALE) whoever asks:
for default content a service stores (sectors, reasons, criteria of a new process), which the
residents read in the instance's language and staff then edit."""
from contextlib import contextmanager

from flask import current_app, has_request_context, session
from flask_babel import force_locale
from flask_login import current_user


@contextmanager
def instance_locale():
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        yield


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands, task workers, services called from tests
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]
