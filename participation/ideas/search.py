"""Full-text search over ideas, in German.

SQLite: an FTS5 table kept in step with `ideas` by triggers (unicode61,
diacritics folded); each query word becomes a prefix term after a light
German suffix trim, so "Solaranlagen" finds "Solaranlage".
PostgreSQL: a stored generated tsvector column (german configuration) with a GIN
index, and prefix tsquery terms with the german configuration's stemming.
Common German and English function words are left out of queries.
The DDL below is run by the migration that introduces search.
"""
import re

import sqlalchemy as sa

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
        tsquery = " & ".join(f"{w}:*" for w in words)
        statement = statement.where(
            sa.text("ideas.search_vector @@ to_tsquery('german', :tsq)").bindparams(tsq=tsquery)
        )
        relevance = sa.text("ts_rank(ideas.search_vector, to_tsquery('german', :tsq)) DESC").bindparams(tsq=tsquery)
        return statement, relevance
    match = " ".join(f'"{_trim(w)}"*' for w in words)
    fts = sa.table("ideas_fts", sa.column("rowid"), sa.column("rank"))
    statement = statement.join(fts, fts.c.rowid == id_column).where(
        sa.text("ideas_fts MATCH :fts_match").bindparams(fts_match=match)
    )
    return statement, fts.c.rank
