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


# --- numbers for the locale (Babel): the template filters `number`, `percent`, `filesize` -------

_SIZE_UNITS = ((10**9, "digital-gigabyte"), (10**6, "digital-megabyte"), (10**3, "digital-kilobyte"))


def format_percent(value, places=1):
    """A fraction as a percentage for the locale, at most `places` decimals: 0.174 → "17,4 %"
    (German), "17.4%" (English); 0.17 → "17 %". None and "" give ""."""
    if value is None or value == "":
        return ""
    from babel.numbers import format_percent as babel_percent
    from flask_babel import get_locale

    return babel_percent(round(float(value), places + 2), locale=get_locale(), decimal_quantization=False)


def format_filesize(size):
    """A size in bytes in decimal units for the locale: 3_700_000 → "3,7 MB", 512 → "512 Byte"
    (a no-break space between number and unit, so that a line never breaks between them)."""
    if size is None or size == "":
        return ""
    from babel.units import format_unit
    from flask_babel import get_locale

    size = int(size)
    for factor, unit in _SIZE_UNITS:
        if abs(size) >= factor:
            shown = format_unit(size / factor, unit, length="short", format="#,##0.#", locale=get_locale())
            return shown.replace(" ", "\xa0")
    return format_unit(size, "digital-byte", length="short", locale=get_locale()).replace(" ", "\xa0")


def format_count_variables(translated, variables):
    """`%(name)d` placeholders filled with the locale's digit grouping (13.932, not 13932): the
    message with `%(name)s` for each integer variable, and the variables formatted by Babel."""
    from flask_babel import format_decimal

    formatted = dict(variables)
    for name, value in variables.items():
        if isinstance(value, int) and not isinstance(value, bool) and f"%({name})d" in translated:
            translated = translated.replace(f"%({name})d", f"%({name})s")
            formatted[name] = format_decimal(value)
    return translated, formatted
