"""Locale choice: the visitor's explicit choice, then the account's, then German; and the one format
of a date and of a date with its time."""
from datetime import date, datetime

from babel import Locale
from flask import current_app, has_request_context, session
from flask_login import current_user


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
