"""Benchmark: the citizen lottery as staff use it, through the services on a real database.

1. import: a synthetic German register extract of --rows people (default 600,000, a city the size
   of Leipzig) written as an office would export it, staged and imported all or nothing
   (`stage_upload` + `import_upload`: reading, validating, the fingerprint and the bulk insert);
2. draw: parameters published (`publish_draw`: eligibility and the allocation per stratum,
   `draw_publish_s`), then the draw itself with the seed: --letters invitations (default 5,000)
   stratified by district and age band, one per household, each stored with its response code
   (`perform_draw`, `draw_5000_s`);
3. letters: the print-shop PDF of every letter (`render_letters`): pages per second;
4. selection: `find_distribution` (maximin, HiGHS) for synthetic pools of --pools respondents
   (default 200 and 1,000) with four categories and a panel of --panel (default 50), then the
   rounding to 1,000 equally likely panels; time and the lowest selection probability.

SQLite in a temporary folder by default; --database-url postgresql+psycopg://... measures PostgreSQL
(the database is dropped and created). Prints ONE JSON line on stdout; progress on stderr.

    .venv/bin/python bench/lottery.py
    .venv/bin/python bench/lottery.py --rows 20000 --letters 500 --pools 100 --panel 20   # CI smoke run
"""
import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_json, log  # noqa: E402


def _app(database_url, instance):
    os.environ["INSTANCE_PATH"] = instance
    from flask_migrate import upgrade

    from config import TestingConfig
    from participation import create_app

    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_url, MAIL_OUTBOX_DIR=instance)
    with app.app_context():
        upgrade()
    return app


def _recreate_postgres(url):
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
    admin.dispose()


def _setup(app):
    from participation.auth.models import ProcessRole, ProcessRoleKind, User
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.lottery.synthetic import JENA_DISTRICTS
    from participation.processes.models import District, Process

    with unit_of_work():
        process = Process(slug="bench-lottery", title="Klimabürgerrat Benchmark", municipality="Stadt Jena",
                          is_public=True)
        process.districts = [District(name=name, position=i) for i, name in enumerate(JENA_DISTRICTS)]
        db.session.add(process)
        staff = User(email="staff@bench.invalid", display_name="Benchmark", password_hash="-")
        db.session.add(staff)
        db.session.flush()
        db.session.add(ProcessRole(user_id=staff.id, process_id=process.id, role=ProcessRoleKind.STAFF))
    return process.id, staff.id


def bench_stage_one(app, rows, letters):
    from participation.auth.models import User
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db
    from participation.lottery import services
    from participation.lottery.models import LotteryFile
    from participation.lottery.register_csv import sniff, suggest_mapping
    from participation.lottery.synthetic import generate_register, write_csv
    from participation.processes.models import Process

    result = {}
    with app.app_context():
        process_id, staff_id = _setup(app)
        log(f"generating a register of {rows:,} people ...")
        out = io.BytesIO()
        write_csv(generate_register(rows, seed=2035, reference_date=date(2026, 11, 1)), out)
        data = out.getvalue()
        result["register_mb"] = round(len(data) / 1_048_576, 1)
        process, staff = db.session.get(Process, process_id), db.session.get(User, staff_id)
        log("importing ...")
        started = time.perf_counter()
        with unit_of_work():
            upload = services.stage_upload(staff, process, "melderegister.csv", data)
            extract = services.import_upload(staff, process, upload, suggest_mapping(sniff(data).header),
                                             date.today() + timedelta(days=90))
        result[f"import_{_k(rows)}_s"] = round(time.perf_counter() - started, 2)
        result["imported_rows"] = extract.row_count
        log(f"  {result[f'import_{_k(rows)}_s']} s")
        del data, out

        log(f"drawing {letters:,} letters ...")
        started = time.perf_counter()
        with unit_of_work():
            draw = services.publish_draw(staff, process, services.DrawData(
                extract_id=extract.id, letters=letters, reference_date=date(2026, 11, 1), min_age=16,
                strata=("district", "age_band"), one_per_household=True, exclude_earlier=True,
                response_deadline=utcnow() + timedelta(days=28)))
        published = time.perf_counter()
        with unit_of_work():
            services.perform_draw(staff, draw, "17 4 33 8 21 42", "Benchmark: feste Zahlen")
        result[f"draw_{letters}_s"] = round(time.perf_counter() - published, 2)
        result["draw_publish_s"] = round(published - started, 2)
        result["drawn"] = draw.counts["drawn"]
        log(f"  the draw {result[f'draw_{letters}_s']} s, publishing its parameters before {result['draw_publish_s']} s")

        log("rendering the letters ...")
        with unit_of_work():
            file = LotteryFile(process_id=process.id, draw_id=draw.id, kind="letters", filename="b.pdf",
                               content_type="application/pdf")
            db.session.add(file)
        started = time.perf_counter()
        services.render_letters(file.id)
        seconds = time.perf_counter() - started
        file = db.session.get(LotteryFile, file.id)
        result[f"letters_{letters}_s"] = round(seconds, 2)
        result["letters_pages"] = file.pages
        result["letters_pages_per_s"] = round(file.pages / seconds, 1)
        result["letters_pdf_mb"] = round(file.size / 1_048_576, 1)
        log(f"  {seconds:.1f} s, {file.pages} pages, {result['letters_pages_per_s']} pages/s")
    return result


def _k(rows):
    return f"{rows // 1000}k" if rows % 1000 == 0 else str(rows)


def bench_selection(pools, panel):
    from participation.lottery import selection

    result = {}
    for n in pools:
        people, categories = selection.synthetic_pool(n, seed=7, panel_size=panel)
        log(f"selection: pool {n}, panel {panel} ...")
        started = time.perf_counter()
        distribution = selection.find_distribution(people, categories, panel, seed=2035)
        result[f"select_{n}_s"] = round(time.perf_counter() - started, 2)
        result[f"min_probability_{n}"] = round(distribution.min_probability, 4)
        started = time.perf_counter()
        lottery = selection.uniform_lottery(distribution, seed=2035)
        result[f"lottery_rounding_{n}_s"] = round(time.perf_counter() - started, 2)
        counts = selection.lottery_counts(lottery)
        result[f"min_probability_lottery_{n}"] = round(min(counts.get(p["id"], 0) for p in people) / len(lottery), 4)
        log(f"  {result[f'select_{n}_s']} s, min probability {result[f'min_probability_{n}']}")
    result["select_s"] = result[f"select_{pools[0]}_s"]
    result["min_probability"] = result[f"min_probability_{pools[0]}"]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--pools", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--panel", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    parser.add_argument("--skip-selection", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-lottery-") as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        if url.startswith("postgresql"):
            _recreate_postgres(url)
        result = {"benchmark": "lottery", "database": url.split(":")[0], "rows": args.rows,
                  "letters": args.letters, "panel": args.panel}
        result.update(bench_stage_one(_app(url, folder), args.rows, args.letters))
        if not args.skip_selection:
            result.update(bench_selection(args.pools, args.panel))
    emit_json(result)


if __name__ == "__main__":
    main()
