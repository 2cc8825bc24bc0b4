"""Translation and number formatting for the lottery's pure modules (draw, selection, register_csv,
verification, synthetic), which run inside the app (pages, background tasks) and without it
(`flask lottery verify` on a protocol file, tests, benchmarks).

- `_(message, **params)`, `ngettext(singular, plural, num, **params)`: Flask-Babel, and so the
  visitor's locale, when an app context exists; the German catalogue otherwise (German first).
- `_l(message)`: the same, lazily, for module-level constants (translated when rendered).
- `number(value)`, `decimal(value, digits)`, `percent(fraction, digits)`: Babel for the same locale
  ("5.000", "17,4 %" in German; "5,000", "17.4%" in English).

This module never imports Flask: when Flask is not loaded, there is no app context either.
Messages are English msgids with named placeholders (`%(count)s`); the German is in
`participation/translations/de/LC_MESSAGES/messages.po`.
"""
import re
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _format_percent
from babel.support import LazyProxy, Translations

FALLBACK_LOCALE = "de"
_TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

__all__ = ["LazyLabels", "_", "_l", "date_text", "decimal", "german", "locale", "msgid", "ngettext", "number", "percent"]


@lru_cache(maxsize=1)
def _german_catalogue():
    return Translations.load(str(_TRANSLATIONS), [FALLBACK_LOCALE])


def _flask_babel():
    flask = sys.modules.get("flask")
    if flask is None or not flask.has_app_context():
        return None
    import flask_babel

    return flask_babel


def german(message, **params):
    """gettext with the German catalogue, whatever the context."""
    text = _german_catalogue().gettext(message)
    return text % params if params else text


def _(message, **params):
    babel = _flask_babel()
    if babel is not None:
        return babel.gettext(message, **params)
    return german(message, **params)


gettext = _


def ngettext(singular, plural, num, **params):
    babel = _flask_babel()
    if babel is not None:
        return babel.ngettext(singular, plural, num, **params)
    params.setdefault("num", num)
    return _german_catalogue().ngettext(singular, plural, num) % params


def _l(message, **params):
    """A lazy `_`: a constant at import time, translated each time it is rendered."""
    return LazyProxy(_, message, enable_cache=False, **params)


def msgid(lazy):
    """The English msgid of a text made by `_l`."""
    return lazy._args[0]


class LazyLabels(Mapping):
    """A read-only mapping of lazy labels whose lookups give plain strings in the current locale
    (for callers that join or measure the labels, which a lazy text does not allow)."""

    def __init__(self, labels):
        self._labels = dict(labels)

    def __getitem__(self, key):
        return str(self._labels[key])

    def __iter__(self):
        return iter(self._labels)

    def __len__(self):
        return len(self._labels)


def locale():
    babel = _flask_babel()
    if babel is not None:
        return str(babel.get_locale() or FALLBACK_LOCALE)
    return FALLBACK_LOCALE


def number(value):
    """An integer or decimal with the locale's separators: 13932 -> "13.932"."""
    return format_decimal(value, locale=locale())


def decimal(value, digits=1):
    """A decimal with exactly `digits` places: 3.6666 -> "3,7"."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale())


@lru_cache(maxsize=8)
def _percent_pattern(code, digits):
    pattern = Locale.parse(code).percent_formats[None].pattern
    return re.sub(r"0(?![0#,])", "0." + "0" * digits, pattern, count=1) if digits else pattern


def percent(fraction, digits=1):
    """A share as a percentage for the locale: 0.174 -> "17,4 %" (German), "17.4%" (English)."""
    code = locale()
    return _format_percent(fraction, format=_percent_pattern(code, digits), locale=code)


def date_text(value, format="medium"):
    """A calendar date for the locale: 01.03.2025 (German), Mar 1, 2025 (English)."""
    return _format_date(value, format=format, locale=locale())
