"""User text to safe HTML: a small Markdown subset, cleaned with bleach.

Residents write plain text with paragraphs, line breaks, *emphasis*, **strong**,
lists, quotes, `code` and links. Everything else is shown literally: raw HTML is
escaped before Markdown sees it, and bleach removes whatever tag or attribute
is not on the allow-list afterwards.
"""
from functools import partial

import bleach
import markdown
from bleach.linkifier import Linker
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Bidi embeddings and overrides (U+202A-U+202E) would turn the shown text around; templates drop them
# from every printed value as well (templating._finalize), this keeps them out of the stored HTML.
BIDI_OVERRIDES = dict.fromkeys(range(0x202A, 0x202F))


def _link_attributes(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


_linker = Linker(callbacks=[_link_attributes], skip_tags={"code"})
_clean = partial(
    bleach.clean,
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
)


def render_markdown(text):
    """Render the Markdown subset to cleaned HTML (a str, safe to mark as Markup)."""
    if not text:
        return ""
    escaped = text.translate(BIDI_OVERRIDES).replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(escaped, extensions=["nl2br", "sane_lists"], output_format="html")
    return _linker.linkify(_clean(html))


def safe_html(stored_html):
    """Mark HTML that went through `render_markdown` as safe for templates.

    Every `*_html` column is written from `render_markdown` alone (services, demo, imports),
    so it was cleaned on the way in; cleaning it again on every page view cost about a
    millisecond per comment.
    """
    return Markup(stored_html or "")
