"""Histories in words: what changed in a field, for every history page (macros/history.html).

`FieldChange` is one changed field with its label: a word diff for long texts, the old and the new
value for short ones, or the entries added to and removed from a list. `text_change`, `value_change`
and `list_change` build them (or nothing, when the field is unchanged).

`word_diff(old, new)` returns Markup in which removed words stand in `<del>` and added words in
`<ins>`; every word is escaped first, so stored text never reaches the page as HTML. Long runs of
unchanged words are shortened to their beginning and end around an ellipsis, so that one changed
word in a long description stays findable.
"""
import difflib
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|[^\s]+")
# Unchanged runs longer than this many tokens (words and the spaces between them) are shortened.
KEEP_CONTEXT = 24
# Below this share of words in common, a text was rewritten rather than edited: both versions are shown
# whole, one after the other, instead of a diff that is mostly struck out.
REWRITTEN = 0.4


def _tokens(text):
    return _TOKENS.findall(text or "")


def _join(tokens):
    return "".join(str(escape(token)) for token in tokens)


def _unchanged(tokens, first, last):
    """An unchanged run: whole when short, else its ends (or one end at the text's edges)."""
    if len(tokens) <= 2 * KEEP_CONTEXT + 1:
        return _join(tokens)
    head = [] if first else tokens[:KEEP_CONTEXT]
    tail = [] if last else tokens[-KEEP_CONTEXT:]
    return _join(head) + '<span class="diff-gap">…</span>' + _join(tail)


def similarity(old, new):
    """The share of words two texts have in common, from 0 to 1."""
    return difflib.SequenceMatcher(None, _tokens(old), _tokens(new), autojunk=False).ratio()


def word_diff(old, new):
    """`old` → `new` as Markup with `<del>`/`<ins>` around the changed words."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_unchanged(a[i1:i2], index == 0, index == len(opcodes) - 1))
            continue
        if tag in ("replace", "delete"):
            parts.append(f"<del>{_join(a[i1:i2])}</del>")
        if tag in ("replace", "insert"):
            parts.append(f"<ins>{_join(b[j1:j2])}</ins>")
    return Markup("".join(parts))


@dataclass
class FieldChange:
    """One field that changed: its label, and either a word diff or the old and the new value.

    `old`/`new` are display strings (None: the field was empty); `added`/`removed` list the entries of
    a list field."""

    name: str
    label: str
    old: str | None = None
    new: str | None = None
    diff: Markup | None = None
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    long: bool = False  # a long text: old and new shown as paragraphs, one below the other


def value_change(name, label, old, new):
    """A short value shown as old → new (display strings; None or "" for an empty field)."""
    if (old or None) == (new or None):
        return []
    return [FieldChange(name, str(label), old or None, new or None)]


def text_change(name, label, old, new):
    """A text: a word diff when both versions have words, else the one that has them."""
    old, new = old or "", new or ""
    if old == new:
        return []
    if not old or not new or similarity(old, new) < REWRITTEN:
        return [FieldChange(name, str(label), old or None, new or None, long=True)]
    return [FieldChange(name, str(label), diff=word_diff(old, new))]


def list_change(name, label, old, new):
    """Lists of display strings: the entries added and removed."""
    old, new = list(old or []), list(new or [])
    if old == new:
        return []
    return [FieldChange(name, str(label), added=[e for e in new if e not in old],
                        removed=[e for e in old if e not in new])]
