"""Full-text search over ideas, in German.

SQLite: an FTS5 table kept in step with `ideas` by triggers (unicode61,
diacritics folded); each query word becomes a prefix term after a light
German suffix trim, so "Solaranlagen" finds "Solaranlage".
PostgreSQL: a stored generated tsvector column (german configuration) with a GIN
index, and prefix tsquery terms with the german configuration's stemming.
Common German and English function words are left out of queries.
The DDL below is run by the migration that introduces search.

`snippets(dialect, text, ids)` shows why the ideas of one page matched: the title with the matched
words highlighted and the passage of the body around them (FTS5 `highlight()`/`snippet()`,
PostgreSQL `ts_headline`), as Markup with `<mark>`. The database marks the words with two control
characters; `marked()` escapes the text first and only then turns those into `<mark>` elements, so
nothing a resident typed ever reaches the page as HTML.
"""
import re

import sqlalchemy as sa
from markupsafe import Markup, escape

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE ideas_fts USING fts5("
    "title, body, content='ideas', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER ideas_fts_after_insert AFTER INSERT ON ideas BEGIN "
    "INSERT INTO ideas_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER ideas_fts_after_delete AFTER DELETE ON ideas BEGIN "
    "INSERT INTO ideas_fts(ideas_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER ideas_fts_after_update AFTER UPDATE OF title, body ON ideas BEGIN "
    "INSERT INTO ideas_fts(ideas_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO ideas_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO ideas_fts(ideas_fts) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS ideas_fts_after_update",
    "DROP TRIGGER IF EXISTS ideas_fts_after_delete",
    "DROP TRIGGER IF EXISTS ideas_fts_after_insert",
    "DROP TABLE IF EXISTS ideas_fts",
)
PG_DDL = (
    "ALTER TABLE ideas ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('german', title || ' ' || body)) STORED",
    "CREATE INDEX ix_ideas_fulltext ON ideas USING gin (search_vector)",
)
PG_DROP = ("DROP INDEX IF EXISTS ix_ideas_fulltext", "ALTER TABLE ideas DROP COLUMN IF EXISTS search_vector")

# Objects that live outside the models' metadata; the schema comparison skips them.
SEARCH_OBJECTS = {"ideas_fts", "ix_ideas_fulltext", "search_vector"}

STOPWORDS = frozenset("""
aber als am an auch auf aus bei beim bis bitte da damit dann das dass dem den der des die dies diese
dieser doch durch ein eine einem einen einer eines es fuer für gibt hat ich ihr im in ist ja kann mal man
mehr mit nach nicht noch nur oder ob sehr sich sie sind so soll sollen sollte um und uns unter vom von vor
war was wenn werden wie wir wird wo zu zum zur über
a an and are for in is of on or the to with
""".split())

_WORD = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = ("ungen", "ern", "en", "er", "es", "e", "n", "s")
MAX_TERMS = 8


def query_words(text):
    """The query's words, without function words (unless nothing else is left)."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    meaningful = [w for w in words if w not in STOPWORDS]
    return (meaningful or words)[:MAX_TERMS]


def tsquery(words):
    return " & ".join(f"{w}:*" for w in words)


def fts_match(words):
    return " ".join(f'"{_trim(w)}"*' for w in words)


def _trim(word):
    """A light German stem: drop one common ending from words long enough to keep a meaning."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def create_search_objects(connection):
    statements = PG_DDL if connection.dialect.name == "postgresql" else SQLITE_DDL
    for statement in statements:
        connection.exec_driver_sql(statement)


def drop_search_objects(connection):
    statements = PG_DROP if connection.dialect.name == "postgresql" else SQLITE_DROP
    for statement in statements:
        connection.exec_driver_sql(statement)


def apply_search(statement, dialect, text, id_column):
    """Restrict `statement` to ideas matching `text`.

    Returns (statement, relevance) where ordering by `relevance` ascending puts
    the best match first, or (statement, None) when `text` holds no words.
    """
    words = query_words(text)
    if not words:
        return statement, None
    if dialect == "postgresql":
        terms = tsquery(words)
        statement = statement.where(
            sa.text("ideas.search_vector @@ to_tsquery('german', :tsq)").bindparams(tsq=terms)
        )
        relevance = sa.text("ts_rank(ideas.search_vector, to_tsquery('german', :tsq)) DESC").bindparams(tsq=terms)
        return statement, relevance
    match = fts_match(words)
    fts = sa.table("ideas_fts", sa.column("rowid"), sa.column("rank"))
    statement = statement.join(fts, fts.c.rowid == id_column).where(
        sa.text("ideas_fts MATCH :fts_match").bindparams(fts_match=match)
    )
    return statement, fts.c.rank


# --- why an idea matched ------------------------------------------------------------------

# Start and end of a highlighted word, as the database writes them: control characters nobody types.
# An idea whose text holds one anyway is shown without highlights, so no resident can forge one.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 24  # FTS5 counts tokens
_PG_TITLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_PG_BODY = (f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, "
            "FragmentDelimiter=\" … \"")
_MARKERS = re.compile(f"([{START}{STOP}])")


def marked(text):
    """Text from the database with its highlight markers as `<mark>`; everything else escaped."""
    parts, open_ = [], False
    for piece in _MARKERS.split(text or ""):
        if piece == START:
            if not open_:
                parts.append("<mark>")
                open_ = True
        elif piece == STOP:
            if open_:
                parts.append("</mark>")
                open_ = False
        else:
            parts.append(str(escape(piece)))
    if open_:
        parts.append("</mark>")
    return Markup("".join(parts))


def _plain(idea):
    """The title and the body's beginning, without highlights (for text that holds the markers)."""
    title, body = (_MARKERS.sub("", text) for text in (idea.title, " ".join((idea.body or "").split())))
    return escape(title), escape(body if len(body) <= 200 else body[:200].rsplit(" ", 1)[0] + " …")


def snippets(session, dialect, text, ideas):
    """{idea id: (title, passage)} for the given ideas, both Markup with the matched words in `<mark>`."""
    words = query_words(text)
    if not words or not ideas:
        return {}
    forged = {idea.id for idea in ideas if _MARKERS.search(idea.title + idea.body)}
    ids = [idea.id for idea in ideas if idea.id not in forged]
    shown = {idea.id: _plain(idea) for idea in ideas if idea.id in forged}
    if not ids:
        return shown
    if dialect == "postgresql":
        rows = session.execute(
            sa.text("SELECT id, ts_headline('german', title, q, :title_options), "
                    "ts_headline('german', body, q, :body_options) "
                    "FROM ideas, to_tsquery('german', :tsq) AS q WHERE id IN :ids")
            .bindparams(sa.bindparam("ids", expanding=True)),
            {"tsq": tsquery(words), "ids": ids, "title_options": _PG_TITLE, "body_options": _PG_BODY},
        )
        bodies = {idea.id: idea.body for idea in ideas}
        rows = [(id_, title, _cut_marks(passage, bodies.get(id_, ""))) for id_, title, passage in rows]
    else:
        rows = session.execute(
            sa.text("SELECT rowid, highlight(ideas_fts, 0, :start, :stop), "
                    "snippet(ideas_fts, 1, :start, :stop, '…', :words) "
                    "FROM ideas_fts WHERE ideas_fts MATCH :fts_match AND rowid IN :ids")
            .bindparams(sa.bindparam("ids", expanding=True)),
            {"fts_match": fts_match(words), "ids": ids, "start": START, "stop": STOP,
             "words": SNIPPET_WORDS},
        )
    shown.update({row[0]: (marked(row[1]), marked(row[2])) for row in rows})
    return shown


def _cut_marks(passage, body):
    """ts_headline does not say where it cut the body (FTS5's snippet() does): an ellipsis there."""
    flat_body = " ".join((body or "").split())
    fragments = " ".join(_MARKERS.sub("", passage or "").split()).split(" … ")
    if not fragments[0] and len(fragments) == 1:
        return passage
    before = "" if flat_body.startswith(fragments[0]) else "… "
    after = "" if flat_body.endswith(fragments[-1]) else " …"
    return before + (passage or "").strip() + after
