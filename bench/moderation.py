"""Benchmark: the moderation queue with 10,000 queued ideas, duplicate suggestions for a new
idea, and the full-catalogue PDF of 200 measures. Prints one JSON line.

- queue: a fresh SQLite (or --database-url PostgreSQL) database with N submitted ideas (German
  demo texts), served by the real app under gunicorn (gevent, 2 workers, as in production);
  8 signed-in moderators page through the queue ("new", random pages) and open review pages.
- suggestions: the time to compute and store the five most similar ideas for one new idea
  against the N ideas of the process (participation.moderation.similarity), in process.
- pdf: 200 measures with every sheet field, rendered as one PDF document.

Targets: queue p95 <= 50 ms, suggestions <= 100 ms per idea, PDF of 200 measures <= 10 s.
"""
import argparse
import base64
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pyotp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import GunicornServer, HttpClient, emit_json, log, ms, percentile, run_load, terminate_on_sigterm  # noqa: E402
from ideas import bench_environment, csrf_token, drop_postgres_database, normalize_url, recreate_postgres_database  # noqa: E402

PASSWORD = "bench-moderation-Passwort-1"


def moderator_email(n):
    return "moderation@bench.example" if n == 0 else f"moderation{n}@bench.example"


def moderator_secret(n):
    """The TOTP key of bench moderator n (moderators need a second factor; one account per client, since
    a code is accepted once)."""
    return base64.b32encode(hashlib.sha256(f"bench-moderator-{n}".encode()).digest()[:20]).decode()


def build(env, ideas_count, measures_count, seed, moderators=1):
    """Migrate, then add a process, moderators, N queued ideas and the measures; returns the app."""
    os.environ.update(env)
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from participation import create_app
    from participation.auth.models import ProcessRole, ProcessRoleKind, User
    from participation.auth.services import hash_password
    from participation.auth.two_factor import store_secret
    from participation.database import unit_of_work, utcnow
    from participation.demo import content
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.markup import render_markdown
    from participation.processes.models import DEFAULT_SECTORS, District, Process, Sector

    app = create_app()
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        now = utcnow()
        with unit_of_work():
            process = Process(slug="bench-moderation", title="Bench: Moderation", municipality="Benchstadt",
                              description="", description_html="", is_public=True, moderation_mode="pre",
                              idea_collection_opens_at=now - timedelta(days=1),
                              idea_collection_closes_at=now + timedelta(days=30))
            process.sectors = [Sector(code=c, name=str(n), position=i) for i, (c, n) in enumerate(DEFAULT_SECTORS)]
            process.districts = [District(name=f"Stadtteil {i}", position=i) for i in range(12)]
            db.session.add(process)
            db.session.flush()
            password_hash = hash_password(PASSWORD)
            for n in range(max(1, moderators)):
                moderator = User(email=moderator_email(n), display_name=f"Bench Moderation {n}",
                                 password_hash=password_hash, email_verified_at=now, is_admin=False,
                                 totp_enabled_at=now)
                store_secret(moderator, moderator_secret(n))
                db.session.add(moderator)
                db.session.flush()
                db.session.add_all([
                    ProcessRole(user_id=moderator.id, process_id=process.id, role=ProcessRoleKind.MODERATOR),
                    ProcessRole(user_id=moderator.id, process_id=process.id, role=ProcessRoleKind.STAFF)])
            author = User(email="author@bench.example", display_name="Bench Autorin", password_hash="!",
                          email_verified_at=now)
            db.session.add(author)
            db.session.flush()
            sectors = {s.code: s.id for s in process.sectors}
            districts = [d.id for d in process.districts]
            rows, rng, generated = [], random.Random(seed), 0
            while len(rows) < ideas_count:
                for item in content.generate_ideas(random.Random(seed + generated), 800):
                    if len(rows) >= ideas_count:
                        break
                    created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
                    rows.append({
                        "process_id": process.id, "author_id": author.id, "title": item.title[:120],
                        "body": item.body, "body_html": render_markdown(item.body),
                        "sector_id": sectors[item.sector], "district_id": rng.choice(districts),
                        "status": "submitted", "created_at": created, "updated_at": created,
                    })
                generated += 1
            db.session.execute(sa.insert(Idea), rows)
        with unit_of_work():
            _measures(process, moderator, measures_count, rng)
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    log(f"[build] {ideas_count} queued ideas, {measures_count} measures in {time.perf_counter() - started:.1f}s")
    return app


def _measures(process, moderator, count, rng):
    from participation.catalogue import services

    for n in range(count):
        sector = process.sectors[n % len(process.sectors)]
        data = services.MeasureData(
            title=f"Maßnahme {n + 1}: {rng.choice(['Ausbau', 'Förderprogramm', 'Satzung', 'Kampagne'])} "
                  f"für {sector.name}",
            sector_id=sector.id, type=rng.choice(["technical", "funding", "regulatory", "information"]),
            time_horizon=rng.choice(["short", "medium", "long"]), origin="administration",
            status=rng.choice(["proposed", "prioritised", "adopted", "in_implementation"]),
            progress_percent=rng.randint(0, 100),
            texts={name: ("Ausführlicher Text zur Maßnahme mit Zielen, Wegen und Zuständigkeiten. " * 6).strip()
                   for name in ("goal", "starting_situation", "description", "steps", "success_indicators",
                                "partners", "target_group")} | {"lead_actor": "Umweltamt", "initiator": "Stadtrat"},
            quantities={kind: services.QuantityData(float(rng.randint(10, 900)), None, None, "Abschätzung nach BISKO",
                                                    "Klimaschutzkonzept, Anhang")
                        for kind in ("ghg_savings", "energy_savings", "investment", "running_costs", "value_added")},
            milestones=[services.MilestoneData(f"Meilenstein {i}") for i in range(3)],
        )
        services.create_measure(moderator, process, data)


def measure_suggestions(app, queries, seed):
    """Compute and store the suggestions of freshly posted ideas against the process's ideas."""
    from participation.database import unit_of_work, utcnow
    from participation.demo import content
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.markup import render_markdown
    from participation.moderation import similarity
    from participation.processes.models import Process

    with app.app_context():
        process = db.session.scalar(db.select(Process).filter_by(slug="bench-moderation"))
        started = time.perf_counter()
        similarity.index_for(process.id)  # the per-process index, built once per worker
        build_s = time.perf_counter() - started
        samples = content.generate_ideas(random.Random(seed + 99991), queries)
        timings = []
        for item in samples:
            now = utcnow()
            with unit_of_work():
                idea = Idea(process_id=process.id, title=item.title[:120], body=item.body,
                            body_html=render_markdown(item.body), sector_id=process.sectors[0].id,
                            status="submitted", created_at=now, updated_at=now)
                db.session.add(idea)
                db.session.flush()
                began = time.perf_counter()
                similarity.refresh_suggestions(idea)
                timings.append(time.perf_counter() - began)
        return build_s, timings


def measure_pdf(app):
    from participation.catalogue import exports, services
    from participation.extensions import db
    from participation.processes.models import Process

    with app.app_context(), app.test_request_context():
        process = db.session.scalar(db.select(Process).filter_by(slug="bench-moderation"))
        measures = services.catalogue(process, viewer=None) or services.catalogue(process, viewer=_staff(process))
        started = time.perf_counter()
        data = exports.measure_sheets_pdf(measures, lambda m: f"https://beteiligung.example/{m.code}",
                                          title=process.title)
        return len(measures), time.perf_counter() - started, len(data)


def _staff(process):
    from participation.auth.models import User
    from participation.extensions import db

    return db.session.scalar(db.select(User).filter_by(email="moderation@bench.example"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=100, help="new ideas whose suggestions are timed")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    terminate_on_sigterm()
    tmp = Path(tempfile.mkdtemp(prefix="bench-moderation-"))
    database_url = normalize_url(args.database_url) if args.database_url else f"sqlite:///{tmp / 'bench.sqlite'}"
    if args.database_url:
        recreate_postgres_database(database_url)
    env = bench_environment(database_url, tmp / "instance")
    result = {"ideas": args.ideas, "measures": args.measures, "clients": args.clients, "workers": args.workers,
              "database": "postgresql" if args.database_url else "sqlite"}
    try:
        app = build(env, args.ideas, args.measures, args.seed, moderators=args.clients)
        count, pdf_s, pdf_bytes = measure_pdf(app)
        result.update(pdf_measures=count, pdf_s=round(pdf_s, 2), pdf_pages_per_s=round(count / pdf_s, 1),
                      pdf_mb=round(pdf_bytes / 1e6, 2))
        log(f"[pdf] {count} measures in {pdf_s:.2f}s")
        with GunicornServer(env, tmp / "gunicorn.log", workers=args.workers) as server:
            sessions = []
            for n in range(args.clients):
                client = HttpClient(server.host, server.port, source_address=f"127.0.0.{20 + n}", keep_alive=False)
                page = client.get("/account/login")
                response = client.post("/account/login", form={"email": moderator_email(n),
                                                                "password": PASSWORD, "csrf_token": csrf_token(page.text)})
                if response.status != 302:
                    raise SystemExit(f"moderator sign-in answered {response.status}")
                page = client.get("/account/login/code")  # the second factor
                response = client.post("/account/login/code", form={
                    "code": pyotp.TOTP(moderator_secret(n)).now(), "csrf_token": csrf_token(page.text)})
                if response.status != 302:
                    raise SystemExit(f"moderator code step answered {response.status}")
                sessions.append(client)
            pages = max(1, args.ideas // 25)

            def hello(index, rng):
                response = sessions[index].get("/healthz")
                return response.status == 200, response.status, None

            def queue(index, rng):
                response = sessions[index].get("/processes/bench-moderation/moderation",
                                               params={"filter": "new", "page": rng.randint(1, min(pages, 400))})
                return response.status == 200 and "queue-table" in response.text, response.status, None

            def review(index, rng):
                response = sessions[index].get(f"/processes/bench-moderation/moderation/ideas/{rng.randint(1, args.ideas)}")
                return response.status == 200, response.status, None

            for name, fn in (("hello", hello), ("queue", queue), ("review", review)):
                summary = run_load(name, args.clients, args.seconds, fn).summary()
                log(f"[load] {name}: {summary}")
                result[f"{name}_p50_ms"], result[f"{name}_p95_ms"] = summary["p50_ms"], summary["p95_ms"]
                result[f"{name}_errors"] = summary["errors"]
            result["server_rss_mb"] = server.rss_mb()
        build_s, timings = measure_suggestions(app, args.queries, args.seed)
        result.update(suggest_index_build_s=round(build_s, 2), suggest_p50_ms=ms(percentile(timings, 50)),
                      suggest_p95_ms=ms(percentile(timings, 95)), suggest_mean_ms=ms(statistics.mean(timings)))
        result["queue_ratio"] = round(result["queue_p95_ms"] / result["hello_p95_ms"], 1)
        result["targets_missed"] = [name for name, ok in (
            ("queue", result["queue_p95_ms"] <= 50), ("suggestions", result["suggest_p95_ms"] <= 100),
            ("pdf", result["pdf_s"] <= 10)) if not ok]
    finally:
        if args.database_url:
            drop_postgres_database(database_url)
    emit_json(result)


if __name__ == "__main__":
    main()
