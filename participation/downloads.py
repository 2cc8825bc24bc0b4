"""File names people upload, and the names our downloads carry.

`clean_filename(name)` keeps a name that is safe to store and show: the last path part only, no
control characters and no Unicode format characters (bidi overrides such as U+202E, which would
show "rechnung\u202efdp.exe" as "rechnungexe.pdf", zero-width characters), spaces collapsed,
at most 255 characters with the extension kept.

`content_disposition(filename, inline=False)` is the header value of a download: the cleaned name
as an ASCII fallback (`filename=`) and in full as RFC 6266/5987 `filename*=UTF-8''…`.
"""
import re
import unicodedata
from urllib.parse import quote

MAX_LENGTH = 255


def _allowed(char):
    category = unicodedata.category(char)
    return not (category.startswith("C") or category in ("Zl", "Zp"))  # Cc, Cf (bidi), Cs, Co, Cn


def clean_filename(name, default="datei"):
    """A file name without path, control or format characters (see the module docstring)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    # line breaks and tabs part words; NUL, bidi overrides and zero-width characters just go
    name = "".join(char if _allowed(char) else (" " if char.isspace() else "") for char in name)
    name = " ".join(name.split()).strip(" .")
    if not name:
        return default
    if len(name) > MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_LENGTH - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:MAX_LENGTH]
    return name


def content_disposition(filename, inline=False):
    """`attachment; filename="…"; filename*=UTF-8''…` for `filename` (cleaned)."""
    name = clean_filename(filename)
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r'["\\%]', "_", fallback).strip() or "download"
    value = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value
