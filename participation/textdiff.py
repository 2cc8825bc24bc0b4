"""Readable comparisons of two texts for history pages: a word-level diff as safe HTML.

`word_diff(old, new)` returns Markup in which removed words stand in `<del>` and added words in
`<ins>`; every word is escaped first, so stored text never reaches the page as HTML. Long runs of
unchanged words are shortened to their beginning and end around an ellipsis, so that one changed
word in a long description stays findable.
"""
import difflib
import re

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|[^\s]+")
# Unchanged runs longer than this many tokens (words and the spaces between them) are shortened.
KEEP_CONTEXT = 24


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
