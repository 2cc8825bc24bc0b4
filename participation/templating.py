"""Template filters and globals shared by every page."""
from flask import g, request, url_for
from flask_babel import format_decimal, get_locale, get_translations
from flask_babel import lazy_gettext as _l
from jinja2 import pass_context
from markupsafe import Markup

from .i18n import format_count_variables, format_day, format_filesize, format_moment, format_percent
from .markup import BIDI_OVERRIDES, safe_html
from .pagination import Pager

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _datetime(value):
    """{{ moment|datetime }}: the one format of a date with its time (participation/i18n.py)."""
    return format_moment(value)


def _date(value):
    """{{ day|date }}: the one format of a date (participation/i18n.py)."""
    return format_day(value)


def _query_args(taken=()):
    """The request's query arguments that can be handed to url_for as keywords: none that url_for
    reserves ("endpoint", "_external", "_anchor" ...) or that names a URL argument (`taken`), which would
    raise a TypeError or build a different URL."""
    return {key: value for key, value in request.args.to_dict(flat=True).items()
            if key not in taken and key != "endpoint" and not key.startswith("_")}


def _url_for_query(endpoint, **values):
    """url_for(endpoint, **values), keeping the current query arguments (the filters of a list)."""
    return url_for(endpoint, **values, **_query_args(taken=values))


def _url_with(**changes):
    """The current URL with some query arguments replaced (None removes one); page resets."""
    args = _query_args(taken=request.view_args or {})
    if "page" not in changes:
        args.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def idea_card_labels():
    """Every text an idea card shows, translated once per request instead of once per card."""
    labels = g.get("_idea_card_labels")
    if labels is None:
        from .ideas.models import IDEA_STATUS_LABELS

        translations = get_translations()
        labels = g._idea_card_labels = {
            "support": translations.gettext("Support"),
            "withdraw": translations.gettext("Withdraw support"),
            "by": translations.gettext("by %(name)s"),
            "deleted": translations.gettext("deleted account"),
            # (one, many): German and English have these two plural forms; `%(num)s` takes the
            # count grouped for the locale (macros/ideas.html `plural`).
            "supports": tuple(translations.ngettext("%(num)d support", "%(num)d supports", n)
                              .replace("%(num)d", "%(num)s") for n in (1, 2)),
            "comments": tuple(translations.ngettext("%(num)d comment", "%(num)d comments", n)
                              .replace("%(num)d", "%(num)s") for n in (1, 2)),
            "status": {status.value: str(label) for status, label in IDEA_STATUS_LABELS.items()},
        }
    return labels


# Bidi embeddings and overrides (U+202A–U+202E): typed into a name, a title or a file name,
# "rechnung\u202efdp.exe" shows as "rechnungexe.pdf", and the text after it runs backwards to the end
# of its paragraph. Nobody needs them in a form (isolates and the letters' own direction do the job).
def _finalize(value):
    """Every value a template prints, without bidi overrides (safe markup stays safe)."""
    if isinstance(value, str):
        cleaned = value.translate(BIDI_OVERRIDES)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


@pass_context
def _ngettext(context, singular, plural, count, **variables):
    """Jinja's ngettext (and {% trans count=... %}), with the count grouped for the locale:
    "13.932 Unterstützungen", not "13932" (the message's `%(num)d` becomes Babel's number)."""
    variables.setdefault("num", count)  # a `num=` given by the template (already formatted) wins
    translated, variables = format_count_variables(get_translations().ngettext(singular, plural, count), variables)
    if context.eval_ctx.autoescape:
        translated = Markup(translated)
    return translated % variables


def init_app(app):
    app.jinja_env.finalize = _finalize
    app.jinja_env.globals["ngettext"] = _ngettext
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["safe_html"] = safe_html
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["percent"] = format_percent
    app.jinja_env.filters["filesize"] = format_filesize
    app.jinja_env.globals["url_with"] = _url_with
    app.jinja_env.globals["url_for_query"] = _url_for_query
    app.jinja_env.globals["pager"] = Pager
    app.jinja_env.globals["idea_card_labels"] = idea_card_labels
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_globals():
        return {
            "current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"]),
            "language_names": LANGUAGE_NAMES,
            "site_name": _l("Participation"),
        }
