"""Everything the server pushes to live conferences, and when.

- Emits happen only after the transaction commits: handlers (and the round timer) run their
  service calls inside `with live_transaction() as out:` and record what changed on `out`; the
  emits leave when the block has committed, and are dropped when it rolls back.
- Rooms are named after domain ids: "conference:<id>" (everyone in the conference; plenary
  rounds and announcements to all), "table:<id>" (one theme table), "conference:<id>:steer"
  (moderators and facilitators: hidden tallies, presence, every table's state).
- Tallies are batched per round with a token bucket: after a quiet spell up to
  CONFERENCE_TALLY_BURST (2) updates go out at once, then one every CONFERENCE_TALLY_INTERVAL
  seconds (0.25 s: at most four updates a second per room under load), always computed fresh
  from the database. Each server process batches what
  its own handlers produced and emits through the Socket.IO message queue (Redis) when one is
  configured, so several workers share the rooms.
- The round timer: one background task per server process calls `close_due_rounds()` every
  CONFERENCE_TIMER_INTERVAL seconds; the database decides which process closes a round (the
  service is idempotent), and the closing is pushed like any other state change.

No state lives only here: the database holds rounds, ballots and versions; a client that misses
a push gets the full snapshot when it (re)joins.
"""
import logging
import threading
import time
from contextlib import contextmanager

from ..database import unit_of_work, utcnow
from ..extensions import db, socketio

log = logging.getLogger(__name__)


# --- rooms -------------------------------------------------------------------------------

def conference_room(conference_id):
    return f"conference:{conference_id}"


def steer_room(conference_id):
    """Those who steer the whole conference (moderators): every table's hidden tallies and presence."""
    return f"conference:{conference_id}:steer"


def table_steer_room(table_id):
    """A table's facilitator: that table's hidden tally and presence, and nothing of other tables."""
    return f"table:{table_id}:steer"


def steer_rooms(conference_id, table_id):
    """Where something of one table (or the plenary, table None) goes for those who steer it."""
    rooms = [steer_room(conference_id)]
    if table_id is not None:
        rooms.append(table_steer_room(table_id))
    return rooms


def table_room(table_id):
    return f"table:{table_id}"


def audience_room(conference_id, table_id):
    """Where a round's audience listens: its table, or the whole conference for a plenary round."""
    return table_room(table_id) if table_id is not None else conference_room(conference_id)


# --- payloads ----------------------------------------------------------------------------

def server_time():
    from .services import _iso

    return _iso(utcnow())


def round_payload(voting_round):
    """The public description of a round (the snapshot's "round")."""
    from .services import round_dict

    return round_dict(voting_round)


def results_public(voting_round):
    """Whether the round's tally may be shown to its audience (not only to those who steer) now."""
    return str(voting_round.state) == "closed" or (
        str(voting_round.state) == "open" and str(voting_round.results_visibility) == "live")


def announcement_payload(announcement):
    from .services import announcement_dict

    return announcement_dict(announcement)


def _round_message(voting_round, tally, items=None):
    return {
        "conference_id": voting_round.conference_id,
        "table_id": voting_round.table_id,
        "round": round_payload(voting_round),
        "items": items,  # the round's items: a page opened before they were added can show the new round
        "tally": tally,
        "version": voting_round.version,
        "server_time": server_time(),
    }


# --- the outbox: emits after commit ---------------------------------------------------------

class Outbox:
    """What a transaction changed, as ready-made messages; sent only after it commits."""

    def __init__(self):
        self._emits = []  # (event, payload, room)
        self._dirty_rounds = set()

    def emit(self, event, payload, room):
        self._emits.append((event, payload, room))

    def round_changed(self, voting_round):
        """A round was opened, closed or extended: its audience and the steering room hear it."""
        from . import services

        items = services.round_items(voting_round)
        tally = services.tally(voting_round, items)
        described = [services.item_dict(item) for item in items]
        public = _round_message(voting_round, tally if results_public(voting_round) else None, described)
        self.emit("round_update", public, audience_room(voting_round.conference_id, voting_round.table_id))
        for room in steer_rooms(voting_round.conference_id, voting_round.table_id):
            self.emit("round_update", _round_message(voting_round, tally, described), room)

    def vote_counted(self, voting_round):
        """A ballot was counted: the round's tally goes out through the batcher."""
        self._dirty_rounds.add(voting_round.id)

    def announced(self, announcement):
        """To everybody in the conference, or to one table and those who steer it (the conference's
        moderation and that table's facilitator, also on their console); one message per socket."""
        payload = announcement_payload(announcement)
        payload["server_time"] = server_time()
        if announcement.table_id is None:
            rooms = conference_room(announcement.conference_id)
        else:
            rooms = [table_room(announcement.table_id), *steer_rooms(announcement.conference_id,
                                                                      announcement.table_id)]
        self.emit("announcement", payload, rooms)

    def seats_changed(self, conference_id):
        """People were seated, moved or rotated: every live page rejoins its (new) table."""
        self.emit("seats_changed", {"conference_id": conference_id, "server_time": server_time()},
                  conference_room(conference_id))

    def presence(self, participant, online):
        payload = {"participant_id": participant.id, "table_id": participant.table_id,
                   "name": participant.display_name, "kind": str(participant.kind), "online": bool(online)}
        for room in steer_rooms(participant.conference_id, participant.table_id):
            self.emit("presence", payload, room)

    def send(self):
        for event, payload, room in self._emits:
            socketio.emit(event, payload, to=room)
        if self._dirty_rounds:
            batcher = ensure_started()
            for round_id in self._dirty_rounds:
                batcher.mark(round_id)
        self._emits.clear()
        self._dirty_rounds.clear()


@contextmanager
def live_transaction():
    """`with unit_of_work()`, plus an Outbox whose messages are emitted once the block committed."""
    outbox = Outbox()
    with unit_of_work():
        yield outbox
    outbox.send()


# --- tally batching and the round timer (one set of background tasks per server process) ----------

class _Item:
    """An item as the tally needs it: id and label, independent of any session."""

    __slots__ = ("id", "label")

    def __init__(self, item_id, label):
        self.id, self.label = item_id, label


class LiveTasks:
    """The tally batcher and the round timer of one Socket.IO server (one per process)."""

    def __init__(self, app, server):
        self.app = app
        self.server = server
        self.interval = float(app.config.get("CONFERENCE_TALLY_INTERVAL", 0.25))
        self.timer_interval = float(app.config.get("CONFERENCE_TIMER_INTERVAL", 0.5))
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._dirty = set()
        self.burst = max(1, int(app.config.get("CONFERENCE_TALLY_BURST", 2)))
        self._budget = {}  # round id -> (tokens, monotonic time): the token bucket of its tally updates
        self._items = {}  # round id -> its items (id, label) while it is open
        self._stopped = False
        self.started = False
        self.tallies_sent = 0

    # The batcher

    def mark(self, round_id):
        with self._lock:
            self._dirty.add(round_id)
        self._wake.set()

    def _due(self, now=None):
        """The dirty rounds whose tally may go out now, and how long until the next one may.

        A token bucket per round: up to `burst` updates at once, then one every `interval`
        (four a second). A quiet table's vote goes out at once; a busy room is batched."""
        now = time.monotonic() if now is None else now
        due, wait = [], None
        with self._lock:
            for round_id in list(self._dirty):
                tokens, since = self._budget.get(round_id, (float(self.burst), now))
                tokens = min(float(self.burst), tokens + (now - since) / self.interval)
                if tokens >= 1.0:
                    due.append(round_id)
                    self._dirty.discard(round_id)
                    self._budget[round_id] = (tokens - 1.0, now)
                else:
                    self._budget[round_id] = (tokens, now)
                    remaining = (1.0 - tokens) * self.interval
                    wait = remaining if wait is None else min(wait, remaining)
            if len(self._budget) > 5000:  # forget rounds that were quiet for a minute
                self._budget = {k: v for k, v in self._budget.items() if now - v[1] < 60}
        return due, wait

    def _alive(self):
        return not self._stopped and socketio.server is self.server

    def _run_batcher(self):
        while self._alive():
            self._wake.clear()
            due, wait = self._due()
            if due:
                try:
                    self.flush(due)
                except Exception:  # a failing round must not stop the batcher for the others
                    log.exception("conference: tally flush failed for rounds %s", due)
                    with self._lock:  # their last tally is still owed: try again after the interval
                        self._dirty.update(due)
                    self._wake.wait(timeout=self.interval)
                continue
            self._wake.wait(timeout=wait if wait is not None else 1.0)

    def flush(self, round_ids):
        """Compute the tallies of these rounds from the database and push them.

        One query loads the rounds (as rows, not ORM objects); items are remembered per round while
        it is open (they cannot change then), so each tally costs one query for its ballots."""
        from . import services
        from .models import RoundState

        messages = []
        with self.app.app_context():
            try:
                rounds = services.rounds_to_tally(round_ids)
                for voting_round in rounds:
                    items = self._items.get(voting_round.id)
                    if items is None:
                        items = [_Item(i.id, i.label) for i in
                                 services.items_for(voting_round.conference_id, voting_round.table_id)]
                        if voting_round.state == RoundState.OPEN:
                            self._items[voting_round.id] = items
                    elif voting_round.state != RoundState.OPEN:
                        self._items.pop(voting_round.id, None)
                    tally = services.tally(voting_round, items)
                    message = {
                        "conference_id": voting_round.conference_id, "table_id": voting_round.table_id,
                        "round_id": voting_round.id, "state": str(voting_round.state),
                        "tally": tally, "version": voting_round.version, "server_time": server_time(),
                    }
                    rooms = steer_rooms(voting_round.conference_id, voting_round.table_id)
                    if results_public(voting_round):
                        rooms.insert(0, audience_room(voting_round.conference_id, voting_round.table_id))
                    messages.append((message, rooms))
            finally:
                db.session.rollback()
        if len(self._items) > 2000:
            self._items.clear()
        for message, rooms in messages:
            for room in rooms:
                socketio.emit("tally", message, to=room)
            self.tallies_sent += 1

    # The timer

    def _run_timer(self):
        while self._alive():
            try:
                self.tick()
            except Exception:
                log.exception("conference: closing due rounds failed")
            socketio.sleep(self.timer_interval)

    def tick(self, now=None):
        """Close every round whose end time has passed and push the closing; returns those rounds."""
        from . import services

        with self.app.app_context():
            with live_transaction() as out:
                closed = services.close_due_rounds(now=now)
                for voting_round in closed:
                    out.round_changed(voting_round)
            return closed

    # Life cycle

    def start(self):
        with self._lock:
            if self.started:
                return
            self.started = True
        socketio.start_background_task(self._run_batcher)
        socketio.start_background_task(self._run_timer)
        log.info("conference: live tasks started (tally every %.2fs, timer every %.2fs)",
                 self.interval, self.timer_interval)

    def stop(self):
        self._stopped = True
        self._wake.set()


_tasks_lock = threading.Lock()
_tasks = {}  # id(socketio.server) -> LiveTasks


def current_batcher(app=None):
    """This process's LiveTasks for the current Socket.IO server (created on first use, not started)."""
    from flask import current_app

    server = socketio.server
    with _tasks_lock:
        tasks = _tasks.get(id(server))
        if tasks is None or tasks.server is not server:
            for old in _tasks.values():
                old.stop()
            _tasks.clear()
            tasks = LiveTasks(app or current_app._get_current_object(), server)
            _tasks[id(server)] = tasks
    return tasks


def ensure_started(app=None):
    """Start the batcher and the timer of this process once (called when a socket connects)."""
    tasks = current_batcher(app)
    if not tasks.started:
        tasks.start()
    return tasks


def stop(app=None):
    """Stop this process's live tasks (tests; a new app gets new ones)."""
    with _tasks_lock:
        for tasks in _tasks.values():
            tasks.stop()
        _tasks.clear()
