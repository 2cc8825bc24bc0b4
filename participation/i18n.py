"""Locale choice: the visitor's explicit choice, then the account's, then German; and the one format
of a date and of a date with its time.

`instance_locale()` renders texts in the instance's language (BABEL_DEFAULT_LOCALE) whoever asks:
for default content a service stores (sectors, reasons, criteria of a new process), which the
residents read in the instance's language and staff then edit."""
from contextlib import contextmanager
from datetime import date, datetime

from babel import Locale
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


# --- dates: one style for a day, one for a moment, everywhere ---------------------------------------
# A day in the locale's medium style (07.12.2026; Dec 7, 2026); a moment as that day and the time in
# hours and minutes, in the municipality's time zone (07.12.2026, 09:05; Dec 7, 2026, 9:05 AM). Pages,
# flash messages and exports show dates through these two functions (templates through the `date` and
# `datetime` filters, which take no format); machine-readable values (`<time datetime>`, JSON, CSV cells)
# stay ISO 8601.
DATE_STYLE = "medium"
TIME_STYLE = "short"


def _babel_locale():
    from flask_babel import get_locale

    return get_locale() or Locale.parse(current_app.config["BABEL_DEFAULT_LOCALE"])


def moment_pattern(locale=None):
    """The CLDR pattern of a moment for `locale`: its medium date and short time, joined as it joins them."""
    locale = locale or _babel_locale()
    return str(locale.datetime_formats[DATE_STYLE]).format(
        locale.time_formats[TIME_STYLE].pattern, locale.date_formats[DATE_STYLE].pattern)


def format_day(value):
    """A calendar day (a date, an ISO date text, or a moment shown as its local day); '' for None."""
    from flask_babel import format_date, to_user_timezone

    from .database import as_utc

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = to_user_timezone(as_utc(value))
    return format_date(value, DATE_STYLE)


def format_moment(value):
    """A moment (an aware or UTC datetime, or an ISO 8601 text such as "…Z") in the user's time zone."""
    from flask_babel import format_datetime

    from .database import as_utc

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):  # a day has no time to show
        return format_day(value)
    return format_datetime(as_utc(value), moment_pattern())


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
