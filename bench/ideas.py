"""Benchmark: idea list, filtered list, search, detail and supports under load.

Builds a fresh database (N ideas, default 100,000, and 1,000,000 supports, plus users
and comments), serves the real app with gunicorn as in production (gevent worker,
production config, rate limits on), drives it with concurrent keep-alive clients over
loopback and prints ONE JSON line on stdout; progress goes to stderr.

    .venv/bin/python bench/ideas.py                      # SQLite file in a temp dir
    .venv/bin/python bench/ideas.py --ideas 5000 --supports 50000 --seconds 3
    .venv/bin/python bench/ideas.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench

Scenarios (each: a short warm-up, then --seconds measured, --clients threads):
  hello          GET /healthz: the framework's floor on the same server in the same run (one SELECT 1)
  list           GET /processes/<slug>/ideas, page 1 or a random page 2..50
  filtered_list  ... ?sector=&district=&sort=newest|supported|commented
  search         ... ?q=<one or two words from the generator's vocabulary>
  detail         GET /processes/<slug>/ideas/<random id>
  support        POST /api/v1/ideas/<random id>/support as signed-in accounts (X-CSRFToken)

Rate limits stay on. Supports are limited to 120 per minute per account, so the support
phase rotates through --accounts signed-in accounts (default 16 per client). Sign-in is
limited to 20 POSTs per minute per address, so the accounts sign in from several loopback
source addresses (127.0.0.10, .11, ...; all of 127/8 is loopback on Linux).
The session cookie is not marked Secure (SESSION_COOKIE_SECURE=0), as the bench speaks
plain HTTP on loopback; everything else is the production configuration.
"""
import argparse
import html
import os
import random
import re
import secrets
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `config`, `participation`
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    GunicornServer,
    HttpClient,
    emit_json,
    log,
    ms,
    percentile,
    run_load,
    terminate_on_sigterm,
)

SLUG = "klimaplan-benchstadt"
TARGET_P95_MS = 50.0
TARGET_SUPPORTS_PER_S = 300.0
LOGINS_PER_SOURCE_ADDRESS = 16  # the sign-in limit is 20 POSTs per minute per address
CHUNK = 50_000

# --- text generation -----------------------------------------------------------------
# German-ish titles and bodies from word lists. Nouns are drawn with Zipf-like weights, so
# that search terms range from very common to rare, as in real collections.

NOUNS = """
Radweg Radwege Fahrradstraße Fahrradstraßen Lastenrad Lastenräder Fahrradparkhaus Abstellanlagen
Solaranlage Solaranlagen Photovoltaik Balkonkraftwerk Balkonkraftwerke Solardach Solardächer
Wärmepumpe Wärmepumpen Fernwärme Nahwärme Wärmenetz Wärmeplanung Geothermie Biogasanlage
Windrad Windräder Windpark Bürgerenergie Energiegenossenschaft Stromspeicher Batteriespeicher
Straßenbahn Buslinie Buslinien Nachtbus Rufbus Bahnhof Haltestelle Haltestellen Busspur Taktung
Carsharing Mitfahrbank Ladesäule Ladesäulen Ladestation Elektroauto Elektrobusse Parkplätze Tempolimit
Fußweg Fußwege Gehweg Gehwege Zebrastreifen Spielstraße Schulweg Schulstraße Begegnungszone
Baumpflanzung Bäume Straßenbäume Stadtbäume Stadtwald Grünfläche Grünflächen Dachbegrünung
Fassadenbegrünung Blühwiese Blühstreifen Streuobstwiese Urban Gardening Gemeinschaftsgarten Kleingärten
Regenwasser Zisterne Zisternen Versickerung Schwammstadt Trinkbrunnen Wasserspender Hitzeschutz
Schattenplätze Sonnensegel Kühlräume Hitzeaktionsplan Starkregen Hochwasserschutz Entsiegelung
Sanierung Dämmung Altbau Altbauten Neubau Passivhaus Energieberatung Sanierungsfahrplan Mieterstrom
Heizung Heizungstausch Ölheizung Gasheizung Heizspiegel Quartier Quartiere Quartierskonzept
Straßenbeleuchtung LED Beleuchtung Rathaus Verwaltung Dienstwagen Dienstfahrräder Beschaffung
Kantine Mensa Schulessen Regionalprodukte Wochenmarkt Hofladen Unverpackt Foodsharing Kompost
Biotonne Mülltrennung Wertstoffhof Reparaturcafé Tauschbörse Leihladen Secondhand Mehrweg Pfandsystem
Klimabildung Umweltbildung Schulen Kitas Jugendliche Senioren Nachbarschaft Vereine Ehrenamt
Klimarat Bürgerrat Klimabudget Förderprogramm Zuschüsse Beratung Informationsabende Klimaschutzmanager
Gewerbegebiet Betriebe Handwerk Einzelhandel Lieferverkehr Mikrodepot Logistik Pendler Jobticket
Landwirtschaft Moore Moorschutz Humusaufbau Hecken Ackerrandstreifen Weidehaltung Agroforst
""".split()

ADJECTIVES = """
mehr neue bessere sichere günstige kostenlose öffentliche gemeinsame breitere grüne
klimafreundliche regionale schnellere barrierefreie sanierte beleuchtete kommunale digitale
""".split()

PLACES = """
Altstadt Nordviertel Südstadt Weststadt Oststadt Hafenviertel Bahnhofsviertel Neustadt
Gartenstadt Am-Berg Flussufer Gewerbepark
""".split()

PLACE_PHRASES = [
    "in der {place}", "im Bereich {place}", "rund um den Marktplatz", "an allen Schulen",
    "in unserem Viertel", "entlang der Hauptstraße", "am Bahnhof", "in der ganzen Stadt",
    "auf städtischen Dächern", "in den Neubaugebieten", "an der {place}er Straße",
]

TITLE_TEMPLATES = [
    "{Adj} {noun} {place_phrase}",
    "{noun} {place_phrase} ausbauen",
    "{noun} statt {noun2}",
    "{Adj} {noun} für {group}",
    "{noun} fördern",
    "Mehr {noun} und {noun2}",
    "{noun} {place_phrase} schaffen",
    "Pilotprojekt: {noun} {place_phrase}",
]

# Compound words (Solarförderung, Baumpatenschaft, ...) with a steep Zipf skew: the long tail of
# rare terms that a real collection has, where a search finds a dozen ideas rather than thousands.
COMPOUND_HEADS = """
Solar Wärme Rad Bus Baum Wasser Energie Klima Strom Park Schul Markt Dach Hof Wald Quartiers
Bürger Stadt Garten Lade
""".split()
COMPOUND_TAILS = """
förderung konzept beirat kataster offensive netz patenschaft check fonds lotse werkstatt
initiative plan zentrum dialog wettbewerb monitor atlas bonus sprechstunde
""".split()
COMPOUNDS = [head + tail for head in COMPOUND_HEADS for tail in COMPOUND_TAILS]

COMPOUND_SENTENCES = [
    "Ein {compound} wäre dafür ein guter Anfang.",
    "Das ließe sich gut mit dem {compound} verbinden.",
    "Vorbild könnte der {compound} einer Nachbarstadt sein.",
]

GROUPS = "Familien Schulkinder Pendler Senioren Betriebe Mieter Vereine Jugendliche Radfahrende".split()

SENTENCES = [
    "Die Stadt sollte {adj} {noun} {place_phrase} einrichten.",
    "{noun} {place_phrase} würden vielen Menschen helfen.",
    "Wir brauchen mehr {noun} und weniger {noun2}.",
    "Viele {group} wünschen sich {adj} {noun}.",
    "Das spart Energie und verbessert die Lebensqualität {place_phrase}.",
    "Besonders {place_phrase} fehlen bisher {noun}.",
    "Ein Pilotprojekt mit {noun} könnte schon im nächsten Jahr starten.",
    "Die Kosten ließen sich über {noun} und Fördermittel decken.",
    "In anderen Kommunen haben sich {noun} bereits bewährt.",
    "Wichtig wäre, {noun} mit {noun2} zu verbinden.",
    "Gerade im Sommer zeigt sich, wie sehr {noun} fehlen.",
    "Ich schlage vor, gemeinsam mit {group} {adj} {noun} zu planen.",
]

COMMENT_SENTENCES = [
    "Gute Idee, {noun} fehlen hier wirklich.", "Das unterstütze ich voll und ganz.",
    "Wer soll {noun} bezahlen?", "Bei uns {place_phrase} wäre das auch sinnvoll.",
    "Man sollte auch an {noun2} denken.", "Ich sehe das kritisch, {noun} reichen nicht.",
    "Genau das haben wir im Verein schon lange gefordert.", "Gibt es dazu schon Zahlen?",
]

FIRST_NAMES = """
Anna Ben Clara David Emma Felix Greta Hannah Jonas Karl Lena Leon Marie Mia Noah Paul Sophie
Tim Lukas Laura Julia Max Moritz Nina Ole Pia Sara Tom Ute Jana Erik Frieda Hans Ilse Jan
""".split()

SEARCH_WORDS = NOUNS + ADJECTIVES[:8] + PLACES

DISTRICT_NAMES = [
    "Altstadt", "Nordviertel", "Südstadt", "Weststadt", "Oststadt", "Hafenviertel",
    "Bahnhofsviertel", "Neustadt", "Gartenstadt", "Am Berg", "Flussufer", "Gewerbepark",
]


class TextGenerator:
    def __init__(self, rng):
        self.rng = rng
        nouns = NOUNS[:]
        rng.shuffle(nouns)
        self.nouns = nouns
        self._cum = list(_accumulate(1.0 / (rank + 3) ** 0.9 for rank in range(len(nouns))))
        compounds = COMPOUNDS[:]
        rng.shuffle(compounds)
        self.compounds = compounds
        self._compound_cum = list(_accumulate(1.0 / (rank + 1) ** 1.1 for rank in range(len(compounds))))

    def noun(self):
        return self.rng.choices(self.nouns, cum_weights=self._cum, k=1)[0]

    def compound(self):
        return self.rng.choices(self.compounds, cum_weights=self._compound_cum, k=1)[0]

    def _fill(self, template):
        rng = self.rng
        place_phrase = rng.choice(PLACE_PHRASES).replace("{place}", rng.choice(PLACES))
        adj = rng.choice(ADJECTIVES)
        return template.format(
            noun=self.noun(), noun2=self.noun(), adj=adj, Adj=adj.capitalize(),
            place_phrase=place_phrase, group=rng.choice(GROUPS), compound=self.compound(),
        )

    def title(self):
        title = self._fill(self.rng.choice(TITLE_TEMPLATES))
        return (title[0].upper() + title[1:])[:120]

    def body(self, sentences=None):
        count = sentences or self.rng.randint(2, 7)
        parts = [self._fill(self.rng.choice(SENTENCES)) for _ in range(count)]
        if self.rng.random() < 0.6:
            parts.insert(self.rng.randint(1, len(parts)), self._fill(self.rng.choice(COMPOUND_SENTENCES)))
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    def comment(self):
        parts = [self._fill(self.rng.choice(COMMENT_SENTENCES)) for _ in range(self.rng.randint(1, 3))]
        return " ".join(parts)

    @staticmethod
    def search_terms(rng):
        """One or two words drawn uniformly from the vocabulary, half of them from the compounds:
        very common and rare terms alike."""
        words = [rng.choice(COMPOUNDS) if rng.random() < 0.5 else rng.choice(SEARCH_WORDS)
                 for _ in range(rng.choice((1, 1, 2)))]
        return " ".join(w.lower() if rng.random() < 0.5 else w for w in words)


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


# --- database ----------------------------------------------------------------------------

def normalize_url(url):
    # Same rule as config.normalize_database_url (config itself is imported only once the
    # environment is set, because it reads the environment at import).
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def recreate_postgres_database(url):
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if "bench" not in (parsed.database or ""):
        raise SystemExit(f"refusing to drop database {parsed.database!r}: its name must contain 'bench'")
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
            connection.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
    finally:
        admin.dispose()


def drop_postgres_database(url):
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    finally:
        admin.dispose()


def bench_environment(database_url, instance_path):
    env = dict(os.environ)
    # Rate-limit counters in memory, per server run: a Redis left over from another run
    # would carry counts over.
    for name in ("REDIS_URL", "RATELIMIT_STORAGE_URI", "MAIL_SERVER", "TEST_DATABASE_URL"):
        env.pop(name, None)
    env.update({
        "PARTICIPATION_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance_path),
        "SESSION_COOKIE_SECURE": "0",  # plain HTTP on loopback
        "RATELIMIT_ENABLED": "1",
        "HUEY_IMMEDIATE": "0",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _skewed_counts(rng, n, total, cap, sigma=1.5, weights_extra=None):
    """`total` spread over n buckets with a log-normal skew, each at most `cap`; sums exactly."""
    if n == 0 or total == 0:
        return [0] * n
    if total > n * cap:
        raise SystemExit(f"cannot place {total} rows in {n} buckets of at most {cap}")
    weights = [rng.lognormvariate(0.0, sigma) * (weights_extra[i] if weights_extra else 1.0) for i in range(n)]
    scale = total / sum(weights)
    counts = [min(cap, int(w * scale)) for w in weights]
    missing = total - sum(counts)
    while missing > 0:
        for i in rng.sample(range(n), min(n, missing)):
            if counts[i] < cap:
                counts[i] += 1
                missing -= 1
    return counts


def build_database(args, env, accounts, password):
    """Migrate, then bulk-insert everything in one transaction. Returns facts for the load."""
    os.environ.update(env)
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from participation import create_app
    from participation.auth.models import User
    from participation.auth.services import hash_password
    from participation.extensions import db
    from participation.ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support
    from participation.processes.models import DEFAULT_SECTORS, District, ModerationMode, Process, Sector

    rng = random.Random(args.seed)
    text = TextGenerator(rng)
    now = datetime.now(UTC)
    n_ideas, n_supports, n_users, n_comments = args.ideas, args.supports, args.users, args.comments
    if accounts >= n_users:
        raise SystemExit("--users must exceed the number of bench accounts")
    app = create_app()
    started = time.monotonic()
    with app.app_context():
        upgrade()
        engine = db.engine
        dialect = engine.dialect.name
        t = time.monotonic()
        log(f"[build] migrated in {t - started:.1f}s; hashing one password for {accounts} accounts")
        real_hash = hash_password(password)  # scrypt costs ~0.1 s: once, reused for every account

        with engine.connect() as conn:
            if dialect == "sqlite":
                # Build only; the server's connections get the app's pragmas (WAL, synchronous=NORMAL).
                conn.exec_driver_sql("PRAGMA synchronous=OFF")
                conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MiB
                conn.commit()
            with conn.begin():
                # process, sectors, districts
                conn.execute(sa.insert(Process), [{
                    "id": 1, "slug": SLUG, "title": "Klimaschutzkonzept Benchstadt 2035",
                    "municipality": "Benchstadt",
                    "description": "Ideen für den Klimaschutzplan.",
                    "description_html": "<p>Ideen für den Klimaschutzplan.</p>",
                    "idea_collection_opens_at": now - timedelta(days=1),
                    "idea_collection_closes_at": now + timedelta(days=30),
                    "is_public": True, "moderation_mode": ModerationMode.POST,
                    "created_at": now - timedelta(days=90), "updated_at": now - timedelta(days=90),
                }])
                conn.execute(sa.insert(Sector), [
                    {"id": i + 1, "process_id": 1, "code": code, "name": str(name), "position": i}
                    for i, (code, name) in enumerate(DEFAULT_SECTORS)
                ])
                conn.execute(sa.insert(District), [
                    {"id": i + 1, "process_id": 1, "name": name, "position": i}
                    for i, name in enumerate(DISTRICT_NAMES)
                ])
                sector_ids = list(range(1, len(DEFAULT_SECTORS) + 1))
                district_ids = list(range(1, len(DISTRICT_NAMES) + 1))

                # users: 1..accounts sign in during the load, the rest cannot (unusable hash)
                rows = []
                for uid in range(1, n_users + 1):
                    bench = uid <= accounts
                    created = now - timedelta(seconds=rng.uniform(0, 80 * 86400))
                    rows.append({
                        "id": uid,
                        "email": f"bench{uid}@bench.example" if bench else f"user{uid}@example.org",
                        "display_name": f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}.",
                        "password_hash": real_hash if bench else "!",
                        "is_admin": False, "locale": None,
                        "email_verified_at": created + timedelta(minutes=5),
                        "session_token": secrets.token_hex(16),
                        "created_at": created,
                    })
                    if len(rows) >= CHUNK:
                        conn.execute(sa.insert(User), rows)
                        rows = []
                if rows:
                    conn.execute(sa.insert(User), rows)
                log(f"[build] {n_users} users in {time.monotonic() - t:.1f}s")

                # ideas: published, over the last 60 days, authors outside the bench accounts
                t = time.monotonic()
                span = 60 * 86400
                ages = sorted((rng.uniform(0, span) for _ in range(n_ideas)), reverse=True)
                idea_created = []
                authors = []
                sector_weights = [5, 3, 2, 6, 4, 2, 3][: len(sector_ids)]
                rows = []
                for iid in range(1, n_ideas + 1):
                    created = now - timedelta(seconds=ages[iid - 1] + 600)
                    author = rng.randint(accounts + 1, n_users)
                    idea_created.append(created)
                    authors.append(author)
                    body = text.body()
                    rows.append({
                        "id": iid, "process_id": 1, "author_id": author, "title": text.title(),
                        "body": body, "body_html": f"<p>{html.escape(body)}</p>",
                        "sector_id": rng.choices(sector_ids, weights=sector_weights)[0],
                        "district_id": rng.choice(district_ids) if rng.random() < 0.85 else None,
                        "status": IdeaStatus.PUBLISHED, "rejection_reason": None, "merged_into_id": None,
                        "support_count": 0, "comment_count": 0, "version": 1,
                        "created_at": created, "updated_at": created, "published_at": created,
                        "edited_at": None, "moderated_at": None,
                    })
                    if len(rows) >= CHUNK // 5:
                        conn.execute(sa.insert(Idea), rows)
                        rows = []
                if rows:
                    conn.execute(sa.insert(Idea), rows)
                log(f"[build] {n_ideas} ideas in {time.monotonic() - t:.1f}s")

                # supports: skewed (older ideas gathered more), unique per (idea, user), never the author
                t = time.monotonic()
                age_factor = [0.3 + (now - c).total_seconds() / span for c in idea_created]
                counts = _skewed_counts(rng, n_ideas, n_supports, cap=max(1, (n_users - 1) // 2),
                                        weights_extra=age_factor)
                population = range(1, n_users + 1)
                rows = []
                for index, count in enumerate(counts):
                    if not count:
                        continue
                    iid, author, created = index + 1, authors[index], idea_created[index]
                    window = max(1.0, (now - created).total_seconds() - 60)
                    users = [u for u in rng.sample(population, count + 1) if u != author][:count]
                    for uid in sorted(users):
                        rows.append({"idea_id": iid, "user_id": uid,
                                     "created_at": created + timedelta(seconds=rng.uniform(0, window))})
                    if len(rows) >= CHUNK:
                        conn.execute(sa.insert(Support), rows)
                        rows = []
                if rows:
                    conn.execute(sa.insert(Support), rows)
                log(f"[build] {n_supports} supports in {time.monotonic() - t:.1f}s "
                    f"(max {max(counts) if counts else 0} on one idea)")

                # comments: skewed, published; some are replies to an earlier comment
                t = time.monotonic()
                counts = _skewed_counts(rng, n_ideas, n_comments, cap=10_000, sigma=1.8)
                rows, cid = [], 0
                for index, count in enumerate(counts):
                    top_level = []
                    created = idea_created[index]
                    for _ in range(count):
                        cid += 1
                        parent = rng.choice(top_level) if top_level and rng.random() < 0.3 else None
                        if parent is None:
                            top_level.append(cid)
                        created = created + timedelta(seconds=rng.uniform(60, 3600))
                        body = text.comment()
                        rows.append({
                            "id": cid, "idea_id": index + 1, "author_id": rng.randint(1, n_users),
                            "parent_id": parent, "body": body, "body_html": f"<p>{html.escape(body)}</p>",
                            "status": CommentStatus.PUBLISHED, "created_at": min(created, now),
                            "updated_at": min(created, now),
                        })
                    if len(rows) >= CHUNK // 5:
                        conn.execute(sa.insert(Comment), rows)
                        rows = []
                if rows:
                    conn.execute(sa.insert(Comment), rows)
                log(f"[build] {n_comments} comments in {time.monotonic() - t:.1f}s")

                # exact counters, as the services keep them
                t = time.monotonic()
                conn.exec_driver_sql(
                    "UPDATE ideas SET support_count = s.n FROM "
                    "(SELECT idea_id, count(*) AS n FROM supports GROUP BY idea_id) AS s "
                    "WHERE ideas.id = s.idea_id")
                conn.exec_driver_sql(
                    "UPDATE ideas SET comment_count = c.n FROM "
                    "(SELECT idea_id, count(*) AS n FROM comments WHERE status = 'published' "
                    "GROUP BY idea_id) AS c WHERE ideas.id = c.idea_id")
                if dialect == "postgresql":
                    for table in ("processes", "sectors", "districts", "users", "ideas", "supports", "comments"):
                        conn.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {table}))")
                log(f"[build] counters in {time.monotonic() - t:.1f}s")

            t = time.monotonic()
            if dialect == "sqlite":
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.commit()
            else:
                conn.commit()
        if dialect == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        log(f"[build] analyze in {time.monotonic() - t:.1f}s")

        with engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.sum(Idea.support_count))).scalar()
            supports = conn.execute(sa.select(sa.func.count()).select_from(Support)).scalar()
            assert total == supports == n_supports, (total, supports, n_supports)
            db_mb = None
            if dialect == "sqlite":
                db_mb = Path(engine.url.database).stat().st_size / 2**20
            else:
                db_mb = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() / 2**20
        engine.dispose()
    if dialect == "sqlite":
        os.sync()  # write the fresh file back now, not while the server is being measured
    build_s = time.monotonic() - started
    log(f"[build] done in {build_s:.1f}s, database {db_mb:.0f} MiB")
    return {
        "dialect": dialect, "sector_ids": sector_ids, "district_ids": district_ids,
        "build_s": build_s, "db_mb": db_mb,
    }


# --- HTTP -----------------------------------------------------------------------------------

_CSRF = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*\bvalue="([^"]+)"')


def csrf_token(page):
    match = _CSRF.search(page)
    if not match:
        raise RuntimeError("no csrf_token input on the page")
    return html.unescape(match.group(1))


def sign_in(server, email, password, source_address, keep_alive=True):
    client = HttpClient(server.host, server.port, source_address=source_address, keep_alive=keep_alive)
    response = client.get("/account/login")
    if response.status != 200:
        raise RuntimeError(f"GET /account/login answered {response.status}")
    response = client.post("/account/login", form={
        "email": email, "password": password, "csrf_token": csrf_token(response.text)})
    if response.status != 302:
        raise RuntimeError(f"sign-in of {email} answered {response.status}")
    response = client.get("/")  # a page after signing in carries the session's token
    if response.status != 200 or "/account/logout" not in response.text:
        raise RuntimeError(f"{email} does not appear signed in ({response.status})")
    return client, csrf_token(response.text)


def sign_in_all(server, accounts, password, clients, keep_alive=True):
    """Sign every bench account in, `clients` at a time; returns a list of accounts per client."""
    from concurrent.futures import ThreadPoolExecutor

    def one(uid):
        source = f"127.0.0.{10 + (uid - 1) // LOGINS_PER_SOURCE_ADDRESS}"
        return uid, sign_in(server, f"bench{uid}@bench.example", password, source, keep_alive)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        signed = dict(pool.map(one, range(1, accounts + 1)))
    per_client = [[] for _ in range(clients)]
    for uid in sorted(signed):
        per_client[(uid - 1) % clients].append(signed[uid])
    return per_client


def page_ok(response):
    if response.status != 200:
        return False, response.status, response.text[:120].replace("\n", " ")
    if not response.body:
        return False, "empty", None
    return True, 200, None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--comments", type=int, default=100_000, help="published comments (0: none)")
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per scenario")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds before each scenario")
    parser.add_argument("--accounts", type=int, default=None,
                        help="signed-in accounts for the support phase (default: max(64, 16 per client))")
    parser.add_argument("--database-url", default=None,
                        help="default: a fresh SQLite file in the temp dir; a PostgreSQL database "
                             "(its name must contain 'bench') is dropped and recreated")
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn workers (production runs one gevent worker per core)")
    parser.add_argument("--worker-class", default="gevent")
    parser.add_argument("--keep-alive", dest="keep_alive", action=argparse.BooleanOptionalAction, default=None,
                        help="reuse each client's connection (default: only with one worker; with several, "
                             "every request opens a connection, so that requests spread over the workers as "
                             "behind a balancer)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temp dir (SQLite file, server log) or the PostgreSQL database")
    parser.add_argument("--seed", type=int, default=2035)
    args = parser.parse_args(argv)
    if args.ideas < 1 or args.clients < 1 or args.seconds <= 0:
        parser.error("--ideas, --clients and --seconds must be positive")
    if args.keep_alive is None:
        args.keep_alive = args.workers == 1
    accounts = args.accounts or max(64, 16 * args.clients)
    if accounts > LOGINS_PER_SOURCE_ADDRESS * 240:
        parser.error("too many accounts: they sign in from 127.0.0.10 .. 127.0.0.249")
    terminate_on_sigterm()

    tmp = Path(tempfile.mkdtemp(prefix="bench-ideas-"))
    log(f"[bench] temp dir {tmp}")
    server = None
    postgres_url = None
    try:
        if args.database_url:
            database_url = normalize_url(args.database_url)
            if database_url.startswith("postgresql"):
                recreate_postgres_database(database_url)
                postgres_url = database_url
        else:
            database_url = f"sqlite:///{tmp / 'bench.sqlite'}"
        env = bench_environment(database_url, tmp / "instance")
        password = "bench-" + secrets.token_urlsafe(12)
        built = build_database(args, env, accounts, password)

        server = GunicornServer(env, tmp / "gunicorn.log", workers=args.workers,
                                worker_class=args.worker_class).start()
        ideas_url = f"/processes/{SLUG}/ideas"
        sessions = [HttpClient(server.host, server.port, keep_alive=args.keep_alive) for _ in range(args.clients)]
        sorts = ("newest", "supported", "commented")
        search_hits = {"with": 0, "without": 0}

        def hello(client, rng):
            response = sessions[client].get("/healthz")
            if response.status != 200 or b'"ok"' not in response.body:  # {"status": "ok", "checks": {...}}
                return False, response.status, response.text[:80]
            return True, 200, None

        def list_page(client, rng):
            params = {} if rng.random() < 0.5 else {"page": rng.randint(2, 50)}
            return page_ok(sessions[client].get(ideas_url, params=params))

        def filtered_list(client, rng):
            params = {"sector": rng.choice(built["sector_ids"]), "district": rng.choice(built["district_ids"]),
                      "sort": rng.choice(sorts)}
            return page_ok(sessions[client].get(ideas_url, params=params))

        def search(client, rng):
            params = {"q": TextGenerator.search_terms(rng)}
            response = sessions[client].get(ideas_url, params=params)
            result = page_ok(response)
            if result[0]:
                search_hits["with" if b'class="idea-card"' in response.body else "without"] += 1
            return result

        def detail(client, rng):
            url = f"{ideas_url}/{rng.randint(1, args.ideas)}"
            return page_ok(sessions[client].get(url))

        results = {}
        for index, (name, fn) in enumerate([("hello", hello), ("list", list_page), ("filtered_list", filtered_list),
                                            ("search", search), ("detail", detail)]):
            results[name] = run_load(name, args.clients, args.seconds, fn, warmup=args.warmup, seed=args.seed + index)
            log(f"[load] {name}: {results[name].summary()}")
            if results[name].error_samples:
                log(f"[load] {name} errors, e.g. {results[name].error_samples}")

        t = time.monotonic()
        signed = sign_in_all(server, accounts, password, args.clients, args.keep_alive)
        log(f"[load] signed in {accounts} accounts in {time.monotonic() - t:.1f}s")
        turn = [0] * args.clients

        def support(client, rng):
            mine = signed[client]
            session, token = mine[turn[client] % len(mine)]
            turn[client] += 1
            response = session.post(f"/api/v1/ideas/{rng.randint(1, args.ideas)}/support",
                                    headers={"X-CSRFToken": token})
            if response.status != 200:
                return False, response.status, response.text[:120]
            data = response.json()
            if "support_count" not in data:
                return False, "bad-json", response.text[:120]
            return True, 200, None

        results["support"] = run_load("support", args.clients, args.seconds, support, warmup=args.warmup,
                                      seed=args.seed + 99)
        log(f"[load] support: {results['support'].summary()}")
        if results["support"].error_samples:
            log(f"[load] support errors, e.g. {results['support'].error_samples}")
        server_rss = server.rss_mb()
    except BaseException:
        if server is not None and server.process is not None:
            log(f"[server] log tail:\n{server.log_tail()}")
        raise
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            log(f"[bench] kept {tmp}" + (f" and database {postgres_url}" if postgres_url else ""))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            if postgres_url:
                try:
                    drop_postgres_database(postgres_url)
                except Exception as error:  # cleanup must not hide the result or the real error
                    log(f"[bench] could not drop {postgres_url}: {error}")

    hello_p95 = percentile(results["hello"].latencies, 95)
    out = {
        "ideas": args.ideas, "supports": args.supports, "comments": args.comments, "users": args.users,
        "clients": args.clients, "seconds": args.seconds, "database": built["dialect"],
        "workers": args.workers, "worker_class": args.worker_class, "keep_alive": args.keep_alive,
    }
    for name in ("hello", "list", "filtered_list", "search", "detail", "support"):
        out[f"{name}_p50_ms"] = ms(percentile(results[name].latencies, 50))
        out[f"{name}_p95_ms"] = ms(percentile(results[name].latencies, 95))
    for name in ("list", "filtered_list", "search", "detail"):
        p95 = percentile(results[name].latencies, 95)
        out[f"{name}_ratio"] = round(p95 / hello_p95, 1) if p95 and hello_p95 else None
    for name in ("hello", "list", "filtered_list", "search", "detail"):
        out[f"{name}_per_s"] = round(results[name].per_second, 1)
    out["support_per_s"] = round(results["support"].per_second, 1)
    out["support_errors"] = results["support"].errors
    out["support_rate_limited"] = results["support"].statuses.get(429, 0)
    out["search_with_results"] = round(search_hits["with"] / max(1, sum(search_hits.values())), 3)
    out["errors"] = sum(r.errors for r in results.values())
    out["errors_by_scenario"] = {name: r.errors for name, r in results.items()}
    missed = [name for name in ("list", "filtered_list", "search", "detail")
              if not out[f"{name}_p95_ms"] or out[f"{name}_p95_ms"] >= TARGET_P95_MS]
    if out["support_per_s"] < TARGET_SUPPORTS_PER_S:
        missed.append("support")
    out["targets_missed"] = missed
    out["server_rss_mb"] = round(server_rss, 1)
    out["db_mb"] = round(built["db_mb"], 1) if built["db_mb"] is not None else None
    out["build_s"] = round(built["build_s"], 1)
    emit_json(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
