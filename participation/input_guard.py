"""Text that no database column can hold is refused where it enters, with a clear message.

PostgreSQL's text types cannot store the NUL character (U+0000); SQLite stores it, and then
every page, export and PDF carries an invisible byte that no person typed. No field of ours has
a use for it, so a form value, a JSON string or a socket payload that contains one is refused as
a whole before any service sees it (nothing is half-written):

- `contains_nul(value)`: whether a string, or any string inside nested lists and dicts (keys too),
  holds a NUL; iterative, so hostile nesting cannot exhaust the stack.
- `init_app(app)`: a request hook that raises `ValidationFailed` (422: a page in the design, or the
  API's JSON error) for such form values, uploaded file names and JSON bodies. Query strings are
  read through the bounded parsers of `values.py` and the search, which drop what they cannot use.
- Socket.IO packets are checked in `safejson.SocketJSON`, which answers with "bad_request".
"""
from flask import request
from flask_babel import lazy_gettext as _l

from .errors import ValidationFailed

NUL = "\x00"


def contains_nul(value):
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
    return False


def refuse_nul_in_request():
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    found = any(NUL in value for value in request.form.values()) or any(
        NUL in (upload.filename or "") for upload in request.files.values())
    if not found and request.is_json:
        found = contains_nul(request.get_json(silent=True))
    if found:
        raise ValidationFailed(_l("The text sent contains a null character (\\0), which cannot be stored. "
                                  "Please remove it (it often comes from copying out of another program) "
                                  "and send it again."))


def init_app(app):
    app.before_request(refuse_nul_in_request)
