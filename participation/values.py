"""The one bounded parser: every number from a query string, a form, a JSON body or a socket payload.

Public API (none of these functions raises; each returns its `default` for anything it refuses):

- `as_int(value, *, minimum=None, maximum=None, default=None, clamp=False)`: a whole number within
  [minimum, maximum] (both inclusive; an open side is still bounded by what a 64-bit database column
  holds). Out of range gives `default`, or with `clamp=True` the nearer bound.
- `as_id(value)`: a database id, 1 .. 2**63 - 1, or None. For lookups; never raises in SQLite's driver
  or PostgreSQL's.
- `as_page(value, *, last=PAGE_MAX)`: a page number, 1 .. last; anything else is page 1, beyond `last`
  is `last`.
- `as_decimal(value, *, minimum, maximum, places=None, default=None)`: a `decimal.Decimal` within the
  bounds, written in German ("1.234,5", "1.234.567") or English ("1234.5") notation; "1.234" alone is
  read the English way. Rounded to `places` digits after the point when given.
- `as_text(value, *, max_length)`: a filter's free text (a search, an action name): a str without NUL
  and the other C0 control characters (PostgreSQL refuses NUL in any text parameter, and no filter
  needs them), stripped, at most `max_length` characters; "" for anything that is not a str.

What is read
- Python `int` values (as JSON gives them), but never `bool` (True is not the number 1 here), and never
  `float` for whole numbers (1e309 is infinity, 2.5 is no id). `as_decimal` also takes finite floats
  and Decimals.
- Text: surrounding ASCII white space is dropped, then an optional "-" and the ASCII digits 0-9 only,
  at most `TEXT_MAX` characters (nobody types 40 digits; int() on thousands of digits costs time).
- Digits of other scripts are REFUSED, not normalised: Arabic-Indic "٣", Devanagari, full-width "３",
  superscript "²". str.isdecimal() and int() accept most of them, which is why this module does not
  use either on raw text. Our pages, exports and API only ever write ASCII digits, so such a value was
  not made by them; reading it as 3 would give one filter or id two spellings (in links, caches and
  the audit log). Refused means: the filter is not applied, the page is the first, the form says so.
- Empty text, None, NUL characters, exponents ("1e9"), fractions for whole numbers, "inf" and "nan":
  refused.
"""
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

MAX_ID = 2**63 - 1  # BIGINT, and SQLite's INTEGER: the driver raises OverflowError beyond it
MIN_INT = -(2**63)
INT4_MAX = 2**31 - 1  # PostgreSQL INTEGER columns (most counts and sizes here)
PAGE_MAX = 10_000
TEXT_MAX = 40

_INTEGER = re.compile(r"-?[0-9]{1,30}", re.ASCII)
# German "1.234.567,89" or "1.234.567" (dots group thousands), or plain "1234567.89" / "1234567,89".
# "1.234" alone is English one point two three four, as before the German reading existed.
_DECIMAL_DE = re.compile(r"-?[0-9]{1,3}(?:(?:\.[0-9]{3})+,[0-9]{1,30}|(?:\.[0-9]{3}){2,})", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]{1,30}(?:[.,][0-9]{1,30})?", re.ASCII)
_SPACE = " \t\r\n\f\v"


def _text(value):
    if not isinstance(value, str):
        return None
    value = value.strip(_SPACE)
    return value if 0 < len(value) <= TEXT_MAX else None


_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])  # keeps tab and line breaks


def as_text(value, *, max_length):
    """Free text for a filter: no NUL or other control characters, stripped, cut to max_length."""
    if not isinstance(value, str):
        return ""
    return value[: max_length * 4].translate(_CONTROL).strip()[:max_length]


def as_int(value, *, minimum=None, maximum=None, default=None, clamp=False):
    """A whole number within [minimum, maximum], else `default` (or the nearer bound with `clamp`)."""
    low = MIN_INT if minimum is None else max(minimum, MIN_INT)
    high = MAX_ID if maximum is None else min(maximum, MAX_ID)
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    else:
        text = _text(value)
        if text is None or not _INTEGER.fullmatch(text):
            return default
        number = int(text)
    if low <= number <= high:
        return number
    if clamp:
        return low if number < low else high
    return default


def as_id(value):
    """A positive id a database can hold (1 .. 2**63 - 1), or None for anything else."""
    return as_int(value, minimum=1, maximum=MAX_ID)


def as_page(value, *, last=PAGE_MAX):
    """A page number: 1 for anything unreadable or below 1, `last` for anything beyond it."""
    return as_int(value, default=1, clamp=True, minimum=1, maximum=last)


def as_decimal(value, *, minimum, maximum, places=None, default=None):
    """A Decimal within [minimum, maximum] in German or English notation, rounded to `places` digits."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return default
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            return default
        number = value
    else:
        text = _text(value)
        if text is None:
            return default
        if _DECIMAL_DE.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif _DECIMAL.fullmatch(text):
            text = text.replace(",", ".")
        else:
            return default
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover (the patterns let only numbers through)
            return default
    if not Decimal(minimum) <= number <= Decimal(maximum):
        return default
    if places is None:
        return number
    try:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:  # more digits than the context holds: keep it as written
        return number
