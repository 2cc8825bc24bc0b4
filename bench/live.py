"""Benchmark: a live conference with N participants (default 1,000) voting over Socket.IO.

Starts the real server (gunicorn, gevent worker, as in production) on loopback on a fresh SQLite
(or --database-url PostgreSQL) database with one conference of --tables theme tables (default
100), connects N simulated participants with python-socketio AsyncClients (WebSocket, in batches
of 50) plus a moderator, and runs one voting round at every table: every participant votes at a
random moment in a --window second window (default 10) and sends the same vote once more (the
server must answer "duplicate"). Then the moderator sends an announcement to everybody and
closes the rounds. Prints one JSON line:

participants, connect_failures, vote_ack_p50/p95_ms, vote_to_tally_p50/p95/p99_ms (from sending
a vote to a table mate receiving a tally that includes it), announce_p50/p95_ms (to everybody),
counted (ballots in the database), duplicates_rejected (re-sent votes answered as duplicates),
server_rss_mb (peak), server_cpu_s (and during the voting), generator_lag_p95_ms (how late the
generator's own event loop ran while voting: its share of the latencies), tallies_received, and
the targets missed.

Targets on the 2-core machine with the generator on the same machine: 1,000 participants with 0
connect failures, counted == participants, vote-to-tally p95 <= 100 ms, announcement p95 <= 300 ms,
server memory <= 300 MB. Exits with 1 when a participant could not connect, or a vote was lost or
counted twice. Loopback only; every wait is bounded (--timeout).
"""
import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import GunicornServer, emit_json, log, ms, percentile, terminate_on_sigterm  # noqa: E402
from ideas import bench_environment, drop_postgres_database, normalize_url, recreate_postgres_database  # noqa: E402

CONNECT_BATCH = 50


# --- the database ---------------------------------------------------------------------------

def build_live_database(env, participants, tables, items_per_table=4, slug="bench-live"):
    """Migrate, then one process, one conference, the tables with their items, N seated
    participants (experts and citizens in turn) and a moderator participant.
    Returns {"conference_id", "moderator_token", "members": [(token, table_id), ...], "items": {table: [ids]}}."""
    os.environ.update(env)
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from participation import create_app
    from participation.conference.models import (
        Conference,
        ItemKind,
        Participant,
        ParticipantKind,
        TableItem,
        ThemeTable,
        new_token,
    )
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db
    from participation.processes.models import DEFAULT_SECTORS, Process, Sector

    app = create_app()
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        now = utcnow()
        with unit_of_work():
            process = Process(slug=slug, title="Bench: Klimakonferenz", municipality="Benchstadt",
                              description="", description_html="", is_public=True,
                              idea_collection_opens_at=now - timedelta(days=1),
                              idea_collection_closes_at=now + timedelta(days=30))
            process.sectors = [Sector(code=c, name=str(n), position=i) for i, (c, n) in enumerate(DEFAULT_SECTORS)]
            db.session.add(process)
            db.session.flush()
            conference = Conference(process_id=process.id, title="Bench-Klimakonferenz", starts_at=now,
                                    agenda="", agenda_html="")
            db.session.add(conference)
            db.session.flush()
            table_rows = [ThemeTable(conference_id=conference.id, topic=f"Tisch {t + 1}", position=t,
                                     capacity=max(10, participants // max(1, tables) + 2)) for t in range(tables)]
            db.session.add_all(table_rows)
            db.session.flush()
            table_ids = [t.id for t in table_rows]
            db.session.execute(sa.insert(TableItem), [
                {"conference_id": conference.id, "table_id": tid, "kind": ItemKind.OPTION.value,
                 "label": f"Vorschlag {n + 1} an Tisch {i + 1}", "position": n}
                for i, tid in enumerate(table_ids) for n in range(items_per_table)])
            members = []
            rows = []
            for n in range(participants):
                token = new_token()
                table_id = table_ids[n % len(table_ids)]
                members.append((token, table_id))
                rows.append({"conference_id": conference.id, "display_name": f"Teilnehmende {n + 1}",
                             "kind": (ParticipantKind.EXPERT if n % 2 else ParticipantKind.CITIZEN).value,
                             "token": token, "table_id": table_id, "walk_in": False})
            db.session.execute(sa.insert(Participant), rows)
            moderator_token = new_token()
            db.session.add(Participant(conference_id=conference.id, kind=ParticipantKind.MODERATOR,
                                       display_name="Bench-Moderation", token=moderator_token))
            conference_id = conference.id
        items = {}
        for table_id, item_id in db.session.execute(
                sa.select(TableItem.table_id, TableItem.id).where(TableItem.conference_id == conference_id)
                .order_by(TableItem.id)):
            items.setdefault(table_id, []).append(item_id)
        db.session.remove()
        db.engine.dispose()
    log(f"[build] {participants} participants at {tables} tables in {time.perf_counter() - started:.1f}s")
    return {"conference_id": conference_id, "moderator_token": moderator_token, "members": members,
            "items": items, "slug": slug}


def count_ballots(env, conference_id):
    os.environ.update(env)
    import sqlalchemy as sa

    from participation import create_app
    from participation.conference.models import Ballot, VotingRound
    from participation.extensions import db

    app = create_app()
    with app.app_context():
        found = db.session.scalar(sa.select(sa.func.count()).select_from(Ballot).join(
            VotingRound, VotingRound.id == Ballot.round_id).where(VotingRound.conference_id == conference_id))
        db.engine.dispose()
    return found


# --- the simulated participants --------------------------------------------------------------

class Participant:
    def __init__(self, index, token, table_id, items):
        self.index, self.token, self.table_id, self.items = index, token, table_id, items
        self.client = None
        self.connected = False
        self.round_id = None
        self.vote_task = None
        self.tallies = []  # (monotonic time, version)
        self.announced_at = None
        self.ack_ms = []
        self.vote = None  # (sent monotonic, version from the ack)
        self.duplicate_answers = 0
        self.counted_answers = 0
        self.errors = []


async def run(args, facts, base_url, server_cpu=lambda: 0.0):
    import socketio

    rng = random.Random(args.seed)
    people = [Participant(i, token, table_id, facts["items"][table_id])
              for i, (token, table_id) in enumerate(facts["members"])]
    by_table = {}
    for person in people:
        by_table.setdefault(person.table_id, []).append(person)
    announce_marker = {}
    window_start = {}

    async def vote(person):
        await asyncio.sleep(rng.uniform(0, args.window))
        items = person.items
        first = rng.choice(items)
        second = rng.choice([i for i in items if i != first]) if len(items) > 1 else first
        dots = {str(first): 3} if first == second else {str(first): 3, str(second): 2}
        message = {"round_id": person.round_id, "payload": {"dots": dots}}
        for _attempt in range(2):  # the same vote, twice
            sent = time.monotonic()
            try:
                answer = await person.client.call("cast_vote", message, timeout=30)
            except Exception as error:  # noqa: BLE001 - a benchmark records every failure
                person.errors.append(f"vote: {type(error).__name__}")
                continue
            took = time.monotonic() - sent
            person.ack_ms.append(took * 1000)
            if not answer.get("ok"):
                person.errors.append(f"vote: {answer.get('error')}")
                continue
            if answer.get("duplicate"):
                person.duplicate_answers += 1
            else:
                person.counted_answers += 1
                person.vote = (sent, answer["version"])

    def handlers(person):
        client = person.client

        @client.on("round_update")
        def on_round(message):
            voting_round = message["round"]
            if (message["table_id"] == person.table_id and voting_round["state"] == "open"
                    and person.round_id is None):
                person.round_id = voting_round["id"]
                window_start.setdefault("t", time.monotonic())
                person.vote_task = asyncio.ensure_future(vote(person))

        @client.on("tally")
        def on_tally(message):
            if message["table_id"] == person.table_id:
                person.tallies.append((time.monotonic(), message["version"]))

        @client.on("announcement")
        def on_announcement(message):
            if message["text"] == announce_marker.get("text") and person.announced_at is None:
                person.announced_at = time.monotonic()

    async def connect(person):
        person.client = socketio.AsyncClient(reconnection=False)
        handlers(person)
        try:
            await person.client.connect(base_url, auth={"token": person.token}, transports=["websocket"],
                                        wait_timeout=30)
            answer = await person.client.call("join_table", {}, timeout=30)
            if not answer.get("ok"):
                raise RuntimeError(answer.get("error"))
            person.connected = True
        except Exception as error:  # noqa: BLE001
            person.errors.append(f"connect: {type(error).__name__}: {error}"[:200])

    lags = []  # how late the generator's own event loop runs: its share of every latency measured

    async def watch_loop():
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.02)
            lags.append(max(0.0, time.monotonic() - before - 0.02) * 1000)

    watcher = asyncio.ensure_future(watch_loop())
    started = time.monotonic()
    for offset in range(0, len(people), CONNECT_BATCH):
        await asyncio.gather(*(connect(p) for p in people[offset:offset + CONNECT_BATCH]))
    connect_s = time.monotonic() - started
    failures = [p for p in people if not p.connected]
    log(f"[connect] {len(people) - len(failures)} of {len(people)} connected in {connect_s:.1f}s")

    moderator = socketio.AsyncClient(reconnection=False)
    await moderator.connect(base_url, auth={"token": facts["moderator_token"]}, transports=["websocket"],
                            wait_timeout=30)
    answer = await moderator.call("join_console", {}, timeout=60)
    assert answer.get("ok"), answer
    answer = await moderator.call("open_rounds", {"template": {
        "title": "Welche Vorschläge zuerst?", "method": "dots", "settings": {"dots": 5, "max_per_item": 3},
        "duration_seconds": int(args.window + 60), "results_visibility": "live"}}, timeout=60)
    assert answer.get("ok"), answer
    log(f"[round] {len(answer['rounds'])} rounds opened; voting for {args.window:.0f}s")
    voting_started, cpu_at_start = time.monotonic(), server_cpu()
    lags.clear()

    deadline = time.monotonic() + args.window + 60
    while time.monotonic() < deadline:
        tasks = [p.vote_task for p in people if p.connected]
        if all(t is not None and t.done() for t in tasks):
            break
        await asyncio.sleep(0.2)
    voting_s, voting_cpu = time.monotonic() - voting_started, server_cpu() - cpu_at_start
    voting_lags = list(lags)
    watcher.cancel()
    log(f"[round] votes done in {voting_s:.1f}s; server CPU meanwhile {voting_cpu:.1f}s")
    await asyncio.sleep(1.0)  # the last batched tallies

    text = f"Bench-Ansage {time.time():.6f}"
    announce_marker["text"] = text
    sent = time.monotonic()
    answer = await moderator.call("announce", {"text": text}, timeout=30)
    assert answer.get("ok"), answer
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(p.connected and p.announced_at is None for p in people):
        await asyncio.sleep(0.05)
    announce_ms = [(p.announced_at - sent) * 1000 for p in people if p.announced_at is not None]

    answer = await moderator.call("close_rounds", {}, timeout=60)
    closed = len(answer.get("rounds", [])) if answer.get("ok") else 0

    # Vote → tally at the table mates: the first tally that a mate received with a version at least the
    # one the vote was counted with (versions rise with every counted ballot of the table's round).
    to_tally = []
    for table_people in by_table.values():
        for voter in table_people:
            if voter.vote is None:
                continue
            sent_at, version = voter.vote
            for mate in table_people:
                if mate is voter or not mate.connected:
                    continue
                seen = next((t for t, v in mate.tallies if v >= version and t >= sent_at), None)
                if seen is not None:
                    to_tally.append((seen - sent_at) * 1000)

    async def close(client):
        try:
            await client.disconnect()
        except Exception:  # noqa: BLE001
            pass

    await asyncio.gather(*(close(p.client) for p in people if p.client), close(moderator))
    acks = [v for p in people for v in p.ack_ms]
    errors = [e for p in people for e in p.errors]
    return {
        "connect_failures": len(failures),
        "connect_s": round(connect_s, 1),
        "voting_s": round(voting_s, 1),
        "server_cpu_voting_s": round(voting_cpu, 1),
        "generator_lag_p95_ms": round(percentile(voting_lags, 95) or 0.0, 1),
        "rounds_opened": closed,
        "vote_ack_p50_ms": ms(percentile(acks, 50) / 1000 if acks else None),
        "vote_ack_p95_ms": ms(percentile(acks, 95) / 1000 if acks else None),
        "vote_to_tally_p50_ms": ms(percentile(to_tally, 50) / 1000 if to_tally else None),
        "vote_to_tally_p95_ms": ms(percentile(to_tally, 95) / 1000 if to_tally else None),
        "vote_to_tally_p99_ms": ms(percentile(to_tally, 99) / 1000 if to_tally else None),
        "vote_to_tally_samples": len(to_tally),
        "announce_p50_ms": ms(percentile(announce_ms, 50) / 1000 if announce_ms else None),
        "announce_p95_ms": ms(percentile(announce_ms, 95) / 1000 if announce_ms else None),
        "announce_received": len(announce_ms),
        "votes_acknowledged": sum(p.counted_answers for p in people),
        "duplicates_rejected": sum(p.duplicate_answers for p in people),
        "tallies_received": sum(len(p.tallies) for p in people),
        "client_errors": len(errors),
        "client_error_samples": sorted(set(errors))[:5],
    }


def cpu_seconds(pids):
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text()
            fields = fields[fields.rfind(")") + 2:].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            pass
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--items", type=int, default=4, help="items per table")
    parser.add_argument("--window", type=float, default=10.0, help="seconds in which the votes are spread")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn gevent workers (more need --redis-url)")
    parser.add_argument("--redis-url", default=None, help="Socket.IO message queue for several workers")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--timeout", type=float, default=600.0, help="hard bound of the whole run, in seconds")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    terminate_on_sigterm()
    if args.workers > 1 and not args.redis_url:
        raise SystemExit("several workers share their events only through --redis-url")
    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    database_url = normalize_url(args.database_url) if args.database_url else f"sqlite:///{tmp / 'bench.sqlite'}"
    if args.database_url:
        recreate_postgres_database(database_url)
    env = bench_environment(database_url, tmp / "instance")
    env["RATELIMIT_ENABLED"] = "0"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["SOCKETIO_CHANNEL"] = f"bench-live-{os.getpid()}"
    result = {"participants": args.participants, "tables": args.tables, "workers": args.workers,
              "database": "postgresql" if args.database_url else "sqlite"}
    try:
        facts = build_live_database(env, args.participants, args.tables, args.items)
        connections = 2 * args.participants + 200
        with GunicornServer(env, tmp / "gunicorn.log", workers=args.workers,
                            worker_connections=connections) as server:
            peak = {"rss": server.rss_mb()}
            cpu_before = cpu_seconds(server.pids())

            async def sample():
                while True:
                    peak["rss"] = max(peak["rss"], server.rss_mb())
                    await asyncio.sleep(0.5)

            async def bounded():
                sampler = asyncio.ensure_future(sample())
                try:
                    return await asyncio.wait_for(run(args, facts, server.base_url, lambda: cpu_seconds(server.pids())), timeout=args.timeout)
                finally:
                    sampler.cancel()

            result.update(asyncio.run(bounded()))
            result["server_rss_mb"] = round(peak["rss"], 1)
            result["server_cpu_s"] = round(cpu_seconds(server.pids()) - cpu_before, 1)
        result["counted"] = count_ballots(env, facts["conference_id"])
        result["targets_missed"] = [name for name, ok in (
            ("connect_failures", result["connect_failures"] == 0),
            ("counted", result["counted"] == args.participants),
            ("vote_to_tally_p95", (result["vote_to_tally_p95_ms"] or 1e9) <= 100),
            ("announce_p95", (result["announce_p95_ms"] or 1e9) <= 300),
            ("server_rss", result["server_rss_mb"] <= 300)) if not ok]
    finally:
        if args.database_url:
            drop_postgres_database(database_url)
    emit_json(result)
    # Latency targets are figures to report; lost or double-counted votes are failures (CI smoke run).
    broken = [name for name in ("connect_failures", "counted") if name in result["targets_missed"]]
    if result.get("duplicates_rejected") != args.participants:
        broken.append("duplicates_rejected")
    if broken:
        log(f"[fail] {', '.join(broken)}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
