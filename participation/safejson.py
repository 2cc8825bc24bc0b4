"""JSON from the outside world, refused cleanly when it is nested deeper than anything we need.

Python's json module recurses once per level and raises RecursionError (with a long traceback in
the log) at about a thousand levels; a 2 KB packet of brackets is enough. No payload of ours goes
deeper than a handful of levels, so whatever nests deeper than MAX_DEPTH is refused before it is
parsed:

- `loads(text)` raises `TooDeep` (a ValueError) for such text, and for a RecursionError as well.
- `SocketJSON` is the json module given to Socket.IO: a too-deep packet becomes the event it names
  with a `MALFORMED` payload, which every handler answers with a "bad_request" acknowledgement.
- `SafeJSONProvider` is Flask's JSON provider: a too-deep request body raises `NestedTooDeep`, a
  domain error answered with 400 (a JSON error for the API), even under `get_json(silent=True)`.

Counting costs nothing for ordinary text: only text with more than MAX_DEPTH brackets is scanned,
and only up to SCAN_LIMIT characters (a socket packet has at most 64 KB); beyond that the
RecursionError of the parser itself is caught and refused the same way.
"""
import json
import logging
import re

from flask.json.provider import DefaultJSONProvider
from flask_babel import lazy_gettext as _l

from .errors import DomainError
from .input_guard import contains_nul

log = logging.getLogger(__name__)

MAX_DEPTH = 32
SCAN_LIMIT = 256 * 1024  # longer texts (rare, never a socket packet) rely on catching RecursionError alone

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){1,200}")')


class TooDeep(ValueError):
    """The JSON text nests more than MAX_DEPTH levels."""


def too_deep(text, limit=MAX_DEPTH):
    """Whether `text` (str or bytes) nests arrays and objects more than `limit` levels deep.

    Unbalanced text is left to the parser (an invalid document; a RecursionError there is caught)."""
    if isinstance(text, (bytes, bytearray)):
        if text.count(b"[") + text.count(b"{") <= limit:
            return False
        text = bytes(text).decode("latin-1")  # the structure is ASCII; every other byte stays a letter
    elif text.count("[") + text.count("{") <= limit:
        return False
    structure = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(limit):  # each pass takes away the innermost level (in C, not a Python loop per character)
        inner = structure.replace("[]", "").replace("{}", "")
        if inner == structure:
            return False  # unbalanced or mismatched: not JSON at all, the parser says so
        structure = inner
        if not structure:
            return False
    return True


def loads(text, **kwargs):
    if len(text) <= SCAN_LIMIT and too_deep(text):
        raise TooDeep(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise TooDeep("JSON nested too deeply") from None


class Malformed:
    """The payload of a socket event that could not be read (a handler sees no dict and refuses it)."""

    def __repr__(self):
        return "<malformed payload>"


MALFORMED = Malformed()


class SocketJSON:
    """The json module of Socket.IO packets: a too-deep packet is read as [event, MALFORMED]."""

    @staticmethod
    def dumps(*args, **kwargs):
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(text, *args, **kwargs):
        try:
            packet = loads(text, **kwargs)
        except TooDeep:
            name = None
            match = _EVENT_NAME.match(text) if isinstance(text, str) else None
            if match:
                try:
                    name = json.loads(match.group(1))
                except ValueError:
                    name = None
            log.warning("socket packet refused: nested deeper than %s levels (%s characters, event %r)",
                        MAX_DEPTH, len(text), name)
            return [name, MALFORMED] if isinstance(name, str) else [MALFORMED]
        if isinstance(packet, list) and len(packet) > 1 and contains_nul(packet[1:]):
            # a NUL character cannot be stored (PostgreSQL refuses it): the event is refused as a whole
            log.warning("socket packet refused: a null character in the payload of %r", packet[0])
            return [packet[0], MALFORMED] if isinstance(packet[0], str) else [MALFORMED]
        return packet


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing too-deep request bodies with 400 instead of a RecursionError."""

    def loads(self, s, **kwargs):
        try:
            return loads(s, **kwargs)
        except TooDeep:
            log.warning("JSON body refused: nested deeper than %s levels", MAX_DEPTH)
            raise NestedTooDeep(_l("The data sent is nested too deeply.")) from None


class NestedTooDeep(DomainError):
    """A request body nested deeper than MAX_DEPTH (not a ValueError: `silent=True` must not hide it)."""

    status_code = 400
