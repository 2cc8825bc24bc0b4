"""Socket.IO handlers of live conferences: thin adapters around conference.services.

- Who: a participant is identified by the token of their join link, sent in the connect `auth`
  payload ({"token": "..."}); staff (moderators) by their signed-in session. A connection with
  neither, or with a forged token, is refused with {"ok": false, "error": ..., "message": ...}.
- Each event checks the types of its payload, calls the services inside one transaction, and
  answers with an acknowledgement: {"ok": true, ...} or {"ok": false, "error": code, "message"}.
  A malformed or refused event is logged and changes nothing; other connections never notice.
- Pushes leave through conference.broadcast after the transaction committed.
- Limits (conference.limits): a few sockets per join link (the oldest one is told "superseded" and
  closed when a new one comes), and one event budget per participant (per account for staff),
  shared by all their sockets and, with Redis, by all server processes.

Client → server events: join_table, join_console, cast_vote, open_round, close_round, extend_round,
open_rounds, close_rounds, extend_rounds, create_round, announce.
Server → client events: round_update, tally, announcement, presence (steering room only),
superseded (to a socket closed because its participant opened too many).
"""
import functools
import logging
import threading
from dataclasses import dataclass, field

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from ..errors import DomainError, InvalidState, NotAllowed, NotFound, Throttled, ValidationFailed
from ..extensions import db, socketio
from ..values import as_id
from . import broadcast, limits, services
from .broadcast import conference_room, live_transaction, steer_room, table_room, table_steer_room
from .models import Participant, ParticipantKind

log = logging.getLogger(__name__)

MAX_TEXT = 2000  # characters of any text field accepted before the service checks it
# Events per participant (CONFERENCE_EVENTS_PER_SECOND sustained, CONFERENCE_EVENT_BURST at once) and
# sockets per participant (CONFERENCE_SOCKETS_PER_PARTICIPANT): see conference.limits.


@dataclass
class Connection:
    """Who is behind one socket (kept for the socket's lifetime in this process only)."""

    participant_id: int | None = None
    user_id: int | None = None
    session_id: int | None = None  # the server-side sign-in session (auth/sessions.py) the socket opened with
    conference_id: int | None = None
    rooms: set = field(default_factory=set)
    # Ballots this socket has seen counted (round id -> answer): a retry on the same socket is
    # answered as a duplicate without a database round trip. Retries through another socket or
    # another process ask the database, which holds the one ballot per participant and round.
    ballots: dict = field(default_factory=dict)

    @property
    def key(self):
        """Whose budget of sockets and events this socket uses."""
        if self.participant_id is not None:
            return limits.participant_key(self.participant_id)
        return limits.user_key(self.user_id)

    def __str__(self):
        return f"participant {self.participant_id}" if self.participant_id else f"user {self.user_id}"


_connections = {}  # sid -> Connection
_sockets_of = {}  # participant id -> number of their sockets in this process
_lock = threading.Lock()


class BadRequest(DomainError):
    """The event's payload is not in the expected form (wrong types, missing fields)."""


ERROR_CODES = (
    (BadRequest, "bad_request"),
    (ValidationFailed, "invalid"),
    (NotFound, "not_found"),
    (NotAllowed, "not_allowed"),
    (InvalidState, "invalid_state"),
    (Throttled, "throttled"),
)


def error_ack(code, message):
    return {"ok": False, "error": code, "message": str(message)}


def _code(error):
    for cls, code in ERROR_CODES:
        if isinstance(error, cls):
            return code
    return "refused"


# --- payload checks ------------------------------------------------------------------------

def _bad(message=None):
    return BadRequest(message or _("The message is not in the expected form."))


def need_id(data, name, optional=False):
    value = data.get(name)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad()
    key = as_id(value)
    if key is None:
        raise _bad()
    return key


def need_seconds(data, name, optional=False):
    value = data.get(name)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _bad()
    return value


def need_text(data, name):
    value = data.get(name)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _bad()
    return value


def need_id_list(data, name):
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > 1000:
        raise _bad()
    return [need_id({"v": v}, "v") for v in value]


# --- who is connected -------------------------------------------------------------------------

def _connection():
    return _connections.get(request.sid)


def _actor(connection):
    """The participant or user behind this socket, loaded fresh for this event."""
    if connection.participant_id is not None:
        participant = db.session.get(Participant, connection.participant_id)
        if participant is None:
            raise NotAllowed(_("This join link is no longer valid."))
        return participant
    from ..auth.models import User, UserSession

    user = db.session.get(User, connection.user_id)
    # Signing out (or a password change) ends the session, and with it what this socket may do; the
    # session also tells whether the second factor was passed (User.second_factor_pending).
    record = db.session.get(UserSession, connection.session_id) if connection.session_id else None
    if user is None or not user.is_active or record is None or record.user_id != user.id:
        raise NotAllowed(_("Please sign in again."))
    user.auth_session = record
    return user


def _conference(actor, data, optional=False):
    """The conference the event is about: the participant's own, or the one named in the payload."""
    if isinstance(actor, Participant):
        given = data.get("conference_id")
        if given is not None and given != actor.conference_id:
            raise NotAllowed(_("This is another conference."))
        return actor.conference
    return services.get_conference(need_id(data, "conference_id"))


def _enter(connection, room):
    join_room(room)
    connection.rooms.add(room)


def _leave_tables(connection, keep):
    for room in list(connection.rooms):
        if room.startswith("table:") and room != keep:
            leave_room(room)
            connection.rooms.discard(room)


def live_event(name):
    """Register a handler that gets (connection, payload dict) and returns the acknowledgement.

    Domain errors and malformed payloads become error acknowledgements; they are logged and the
    transaction rolls back. Nothing here disconnects anybody."""
    def decorator(fn):
        @functools.wraps(fn)
        def handler(data=None, *rest):
            connection = _connection()
            if connection is None:
                log.warning("conference: %s from an unauthenticated socket", name)
                return error_ack("unauthenticated", _("Please open your personal join link again."))
            allowed, flood_starts = limits.limits_for(current_app).allow(connection.key)
            if not allowed:
                if flood_starts:  # log the start of a flood once, not every event of it
                    log.warning("conference: %s throttled for %s", name, connection)
                return error_ack("throttled", _("Too many messages at once; please wait a moment."))
            if not isinstance(data, dict):
                log.warning("conference: malformed %s from %s: %r", name, connection, type(data).__name__)
                return error_ack("bad_request", _("The message is not in the expected form."))
            try:
                return fn(connection, data)
            except DomainError as error:
                db.session.rollback()
                log.info("conference: %s refused for %s: %s (%s)", name, connection, error, type(error).__name__)
                return error_ack(_code(error), error.message)
            except Exception:
                db.session.rollback()
                log.exception("conference: %s failed for %s", name, connection)
                return error_ack("server_error", _("Something went wrong. Please try again."))

        socketio.on(name)(handler)
        return handler

    return decorator


# --- connect and disconnect -----------------------------------------------------------------

@socketio.on("connect")
def on_connect(auth=None):
    broadcast.ensure_started(current_app._get_current_object())
    token = auth.get("token") if isinstance(auth, dict) else None
    if token is not None:
        try:
            with live_transaction() as out:
                participant = services.participant_for_token(token)
                services.mark_seen(participant, online=True)
                out.presence(participant, True)
                connection = Connection(participant_id=participant.id, conference_id=participant.conference_id)
                cap = _socket_allowance(participant)
        except DomainError as error:
            log.warning("conference: connection refused from %s: %s", request.remote_addr, error)
            raise ConnectionRefusedError(error_ack(_code(error), error.message)) from None
        _enter(connection, conference_room(connection.conference_id))
    elif current_user.is_authenticated:
        connection = Connection(user_id=current_user.id, session_id=getattr(current_user.auth_session, "id", None))
    else:
        log.info("conference: connection without token or session from %s refused", request.remote_addr)
        raise ConnectionRefusedError(error_ack("unauthenticated", _("Please open your personal join link again.")))
    with _lock:
        _connections[request.sid] = connection
        if connection.participant_id is not None:
            _sockets_of[connection.participant_id] = _sockets_of.get(connection.participant_id, 0) + 1
    if connection.participant_id is not None:
        superseded = limits.limits_for(current_app).add_socket(connection.key, request.sid, cap)
        if superseded:
            log.info("conference: %s opened more than %s sockets; closing the oldest %s", connection, cap,
                     len(superseded))
            socketio.start_background_task(_supersede, superseded, _("Your join link has been opened on another "
                                                                     "device or in another window, so this page "
                                                                     "was disconnected. Reload it to continue here."))
    return True


def _socket_allowance(participant):
    """How many sockets this participant may hold: a few, and a projector per table for those who steer."""
    allowance = int(current_app.config.get("CONFERENCE_SOCKETS_PER_PARTICIPANT", 3))
    if participant.kind in (ParticipantKind.MODERATOR, ParticipantKind.FACILITATOR):
        allowance += len(participant.conference.tables) + 1
    return max(1, allowance)


def _supersede(sids, message):
    """Tell each of these sockets why, then close it (in whichever server process holds it)."""
    for sid in sids:
        try:
            socketio.emit("superseded", error_ack("superseded", message), to=sid, namespace="/")
            socketio.server.disconnect(sid, namespace="/")
        except Exception:
            log.exception("conference: closing superseded socket %s failed", sid)


@socketio.on("disconnect")
def on_disconnect(*args):
    with _lock:
        connection = _connections.pop(request.sid, None)
        still_here = False
        if connection is not None and connection.participant_id is not None:
            left = _sockets_of.get(connection.participant_id, 1) - 1
            still_here = left > 0
            if still_here:
                _sockets_of[connection.participant_id] = left
            else:
                _sockets_of.pop(connection.participant_id, None)
    if connection is not None and connection.participant_id is not None:
        limits.limits_for(current_app).remove_socket(connection.key, request.sid)
    if connection is None or connection.participant_id is None or still_here:
        return
    try:
        with live_transaction() as out:
            participant = db.session.get(Participant, connection.participant_id)
            if participant is not None:
                services.mark_seen(participant, online=False)
                out.presence(participant, False)
    except Exception:
        log.exception("conference: recording %s as offline failed", connection)


# --- viewing -----------------------------------------------------------------------------------

def _hide_for_audience(snapshot):
    """A projector shows what the room may see: no tally of an open round whose results come after closing."""
    voting_round = snapshot.get("round")
    if voting_round and voting_round["state"] != "closed" and voting_round["results_visibility"] != "live":
        snapshot["tally"] = None
    if voting_round and voting_round["state"] == "draft":
        snapshot["tally"] = None
    return snapshot


@live_event("join_table")
def join_table(connection, data):
    """Join a table (or the plenary with table_id null) and get its full snapshot.

    Participants: without "table_id" their own table; a free seat when they may choose. Staff and
    projectors name the conference and the table."""
    projector = data.get("projector") is True
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        conference_id = conference.id
        is_participant = isinstance(actor, Participant)
        if "table_id" in data:
            table_id = need_id(data, "table_id", optional=True)
        else:
            table_id = actor.table_id if is_participant else None
        if is_participant:
            before = actor.table_id
            if table_id is not None:
                services.join_table(actor, table_id)
            if actor.table_id != before:
                out.presence(actor, True)
            steers = services.can_steer(actor, conference, table_id)
            steers_all = services.can_steer(actor, conference)
        else:
            steers = steers_all = True
    # The rooms first, then the snapshot: a push in between is not lost (the client keeps the newer
    # version of the two).
    _enter(connection, conference_room(conference_id))
    if table_id is not None:
        room = table_room(table_id)
        if is_participant and not steers:
            _leave_tables(connection, keep=room)
        _enter(connection, room)
    if steers and not projector and is_participant:
        # A facilitator hears their own table's hidden tallies and presence, never other tables'.
        _enter(connection, steer_room(conference_id) if steers_all else table_steer_room(table_id))
    with live_transaction():
        actor = _actor(connection)
        if is_participant:
            snapshot = services.snapshot(actor, table_id)
        else:
            snapshot = services.snapshot(actor, table_id, conference=services.get_conference(conference_id))
    if projector:
        _hide_for_audience(snapshot)
    snapshot["can_steer"] = bool(steers and not projector)
    connection.conference_id = conference_id
    return {"ok": True, "snapshot": snapshot}


@live_event("join_console")
def join_console(connection, data):
    """The moderator console: every table the actor steers, with presence, rounds and tallies."""
    from .live_routes import projector_url

    with live_transaction():
        actor = _actor(connection)
        conference = _conference(actor, data)
        conference_id = conference.id
        state = services.console_state(actor, conference)
        state["announcements"] = services.console_announcements(actor, conference, limit=10)
        token = actor.token if isinstance(actor, Participant) else None  # no account: projectors by link
        for entry in state["tables"]:
            entry["projector_url"] = projector_url(conference, entry["table"]["id"], token=token)
        if state.get("plenary") is not None:
            state["plenary"]["projector_url"] = projector_url(conference, token=token)
        steers_all = services.can_steer(actor, conference)
        tables = [entry["table"]["id"] for entry in state["tables"]]
    state["server_time"] = broadcast.server_time()
    if steers_all:
        _enter(connection, steer_room(conference_id))
    else:  # a facilitator's console: their tables only
        for table_id in tables:
            _enter(connection, table_steer_room(table_id))
    _enter(connection, conference_room(conference_id))
    connection.conference_id = conference_id
    return {"ok": True, "console": state}


# --- voting ------------------------------------------------------------------------------------

@live_event("cast_vote")
def cast_vote(connection, data):
    """One ballot; a re-sent one is answered {"ok": true, "duplicate": true} and counted once."""
    round_id = need_id(data, "round_id")
    payload = data.get("payload")
    if not isinstance(payload, dict):
        raise _bad()
    known = connection.ballots.get(round_id)
    if known is not None:
        return dict(known, duplicate=True)
    with live_transaction() as out:
        if connection.participant_id is not None:
            # The socket's participant by id: cast_vote's INSERT checks that they may vote here.
            actor = services.Voter(connection.participant_id)
        else:
            actor = _actor(connection)
            raise NotAllowed(_("Only participants can vote."))
        outcome = services.cast_vote(actor, round_id, payload)
        if not outcome.duplicate:
            out.vote_counted(outcome.round)
        answer = {"ok": True, "duplicate": outcome.duplicate, "round_id": outcome.round.id,
                  "version": outcome.round.version, "own_ballot": outcome.ballot.payload}
    connection.ballots[round_id] = answer
    return answer


# --- steering rounds ---------------------------------------------------------------------------

def _round_answer(rounds):
    return {"ok": True, "rounds": [services.round_dict(r) for r in rounds]}


@live_event("open_round")
def open_round(connection, data):
    round_id = need_id(data, "round_id")
    duration = need_seconds(data, "duration_seconds", optional=True)
    with live_transaction() as out:
        voting_round = services.open_round(_actor(connection), round_id, duration_seconds=duration)
        out.round_changed(voting_round)
        answer = _round_answer([voting_round])
    return answer


@live_event("close_round")
def close_round(connection, data):
    round_id = need_id(data, "round_id")
    with live_transaction() as out:
        voting_round = services.close_round(_actor(connection), round_id)
        out.round_changed(voting_round)
        answer = _round_answer([voting_round])
    return answer


@live_event("extend_round")
def extend_round(connection, data):
    round_id = need_id(data, "round_id")
    seconds = need_seconds(data, "seconds")
    with live_transaction() as out:
        voting_round = services.extend_round(_actor(connection), round_id, seconds)
        out.round_changed(voting_round)
        answer = _round_answer([voting_round])
    return answer


def _template(data):
    template = data.get("template")
    if not isinstance(template, dict):
        raise _bad()
    for key in ("title", "method", "results_visibility"):
        if template.get(key) is not None and not isinstance(template[key], str):
            raise _bad()
    if template.get("settings") is not None and not isinstance(template["settings"], dict):
        raise _bad()
    need_seconds(template, "duration_seconds", optional=True)
    return template


@live_event("open_rounds")
def open_rounds(connection, data):
    """Open one new round at every table (or those named) from a template."""
    template = _template(data)
    table_ids = need_id_list(data, "table_ids")
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        rounds = services.open_rounds(actor, conference, template, table_ids=table_ids)
        for voting_round in rounds:
            out.round_changed(voting_round)
        answer = _round_answer(rounds)
    return answer


@live_event("create_round")
def create_round(connection, data):
    """A new round for one table or the plenary (table_id null); opened at once with "open": true."""
    template = _template(data)
    table_id = need_id(data, "table_id", optional=True)
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        voting_round = services.create_round(
            actor, conference, table_id, title=template.get("title"), method=template.get("method"),
            settings=template.get("settings"), duration_seconds=template.get("duration_seconds"),
            results_visibility=template.get("results_visibility") or "live",
        )
        if data.get("open") is True:
            services.open_round(actor, voting_round)
        out.round_changed(voting_round)
        answer = _round_answer([voting_round])
    return answer


@live_event("close_rounds")
def close_rounds(connection, data):
    table_ids = need_id_list(data, "table_ids")
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        rounds = services.close_rounds(actor, conference, table_ids=table_ids)
        for voting_round in rounds:
            out.round_changed(voting_round)
        answer = _round_answer(rounds)
    return answer


@live_event("extend_rounds")
def extend_rounds(connection, data):
    """Give every open round with an end time (of the tables named, or all) more time."""
    seconds = need_seconds(data, "seconds")
    table_ids = need_id_list(data, "table_ids")
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        extended = services.extend_rounds(actor, conference, seconds, table_ids)
        for voting_round in extended:
            out.round_changed(voting_round)
        answer = _round_answer(extended)
    return answer


@live_event("announce")
def announce(connection, data):
    """An announcement to everybody in the conference, or to one table."""
    text = need_text(data, "text")
    table_id = need_id(data, "table_id", optional=True)
    with live_transaction() as out:
        actor = _actor(connection)
        conference = _conference(actor, data)
        announcement = services.announce(actor, conference, text, table_id=table_id)
        out.announced(announcement)
        answer = {"ok": True, "announcement": services.announcement_dict(announcement)}
    return answer


@socketio.on_error_default
def on_error(error):  # pragma: no cover - live_event catches everything; this is the last net
    log.exception("conference: unhandled socket error: %s", error)
    return error_ack("server_error", _("Something went wrong. Please try again."))
