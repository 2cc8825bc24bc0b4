"""Live conferences: who may steer, joining tables, voting rounds and ballots, tallies, snapshots,
announcements and the moderator console; set-up, participants, assignment, rotation and results.

Every function takes an explicit actor (a User, or a Participant identified by the token of the join
link) and only flushes; routes and socket handlers wrap each action in `unit_of_work()`.

Ballot payloads, per method (item ids as numbers or digit strings):
- dots:      {"dots": {"<item id>": n, ...}}   at most settings["dots"] in all, settings["max_per_item"] on one
- approval:  {"items": [id, ...]}               distinct items, at least one
- single:    {"item": id}
- ranking:   {"ranking": [id, id, id]}          distinct, exactly min(settings["depth"], number of items)
- agreement: {"ratings": {"<item id>": 1..5}}   one rating (1 to 5) for each draft measure rated, at least one
"""
import csv
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from .. import notifications
from ..access_log import log_access
from ..catalogue.models import Measure
from ..database import as_utc, utcnow
from ..errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from ..extensions import db
from ..ideas.models import BODY_MAX as IDEA_BODY_MAX
from ..ideas.models import BODY_MIN as IDEA_BODY_MIN
from ..ideas.models import TITLE_MAX as IDEA_TITLE_MAX
from ..ideas.models import TITLE_MIN as IDEA_TITLE_MIN
from ..ideas.models import Idea, IdeaStatus
from ..markup import render_markdown
from ..moderation.services import record
from ..processes.models import Sector
from ..urls import external_url
from ..values import as_id, as_int
from .models import (
    MEMBER_KINDS,
    Announcement,
    Ballot,
    Conference,
    ConferenceMode,
    ConferenceResult,
    ConferenceStatus,
    ItemKind,
    Participant,
    ParticipantKind,
    ResultsVisibility,
    RoundState,
    Seating,
    TableItem,
    ThemeTable,
    VoteMethod,
    VotingRound,
    new_token,
)

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{10,43}$")
ANNOUNCEMENT_MAX = 500
ROUND_TITLE_MAX = 160
MAX_DURATION_SECONDS = 4 * 3600
MAX_EXTENSION_SECONDS = 2 * 3600
AGREEMENT_SCALE = (1, 2, 3, 4, 5)
DEFAULT_SETTINGS = {
    VoteMethod.DOTS: {"dots": 5, "max_per_item": 3},
    VoteMethod.RANKING: {"depth": 3},
}


def _line(value):
    """User text without NUL characters (PostgreSQL refuses them) and outer spaces; "" for non-strings."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else ""


def _iso(value):
    value = as_utc(value)
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


# --- who may do what ------------------------------------------------------------------

def _table_of(conference, table):
    if table is None or isinstance(table, ThemeTable):
        return table
    table_id = as_id(table)
    found = db.session.get(ThemeTable, table_id) if table_id else None
    if found is None or found.conference_id != conference.id:
        raise NotFound(_l("This table does not exist."))
    return found


def is_participant(actor):
    return isinstance(actor, Participant)


def can_steer(actor, conference, table=None):
    """Moderator participants steer everything; a facilitator steers their own table; the
    process's moderation team (users) steers everything."""
    if actor is None or conference is None:
        return False
    if is_participant(actor):
        if actor.conference_id != conference.id:
            return False
        if actor.kind == ParticipantKind.MODERATOR:
            return True
        if actor.kind != ParticipantKind.FACILITATOR or table is None:
            return False
        table = _table_of(conference, table)
        return table.facilitator_id == actor.id or actor.table_id == table.id
    return bool(actor.is_authenticated and actor.is_active and actor.can_moderate(conference.process))


def require_steer(actor, conference, table=None):
    if not can_steer(actor, conference, table):
        raise NotAllowed(_l("Only the moderation of this conference or table can do this."))


def _steered_table(actor, conference, table):
    """The table named, refused unless the actor steers it (whether or not a round is open there)."""
    table = _table_of(conference, table)
    require_steer(actor, conference, table)
    return table


def steered_tables(actor, conference):
    """The tables this actor steers: every table for the conference's moderation, a facilitator's own."""
    return [t for t in conference.tables if can_steer(actor, conference, t)]


def can_manage_conference(actor, conference_or_process):
    """Set-up (conference, tables, participants, results) is for the process's moderation team."""
    process = getattr(conference_or_process, "process", conference_or_process)
    return bool(actor is not None and not is_participant(actor) and actor.is_authenticated
                and actor.is_active and actor.can_moderate(process))


def require_manage(actor, conference_or_process):
    if not can_manage_conference(actor, conference_or_process):
        raise NotAllowed(_l("Only the moderation team of this process can do this."))


# --- participants and tables -----------------------------------------------------------

def participant_for_token(token):
    """The participant of a join link; NotFound for anything else (unknown, forged, wrong type)."""
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise NotFound(_l("This join link is not valid."))
    participant = db.session.scalar(sa.select(Participant).where(Participant.token == token))
    if participant is None:
        raise NotFound(_l("This join link is not valid."))
    return participant


def get_conference(conference_id):
    found = db.session.get(Conference, as_id(conference_id)) if as_id(conference_id) else None
    if found is None:
        raise NotFound(_l("This conference does not exist."))
    return found


def get_round(round_id):
    key = as_id(round_id)
    found = db.session.get(VotingRound, key) if key else None
    if found is None:
        raise NotFound(_l("This voting round does not exist."))
    return found


def _lock_table(table_id):
    """Serialise seat-taking at one table: a no-op update takes the row lock (the write lock on SQLite)."""
    db.session.execute(
        sa.update(ThemeTable).where(ThemeTable.id == table_id).values(capacity=ThemeTable.capacity),
        execution_options={"synchronize_session": False},
    )


def seated_count(table_id, exclude_id=None):
    query = sa.select(sa.func.count()).select_from(Participant).where(
        Participant.table_id == table_id, Participant.kind.in_(MEMBER_KINDS)
    )
    if exclude_id is not None:
        query = query.where(Participant.id != exclude_id)
    return db.session.scalar(query)


def join_table(participant, table_id):
    """Join (or look at) a table. Members pick a free seat when the conference lets them choose;
    otherwise they may only join their own table. Those who may steer the table may look at it."""
    if not is_participant(participant):
        raise NotAllowed(_l("Only participants can join a table."))
    conference = participant.conference
    table = _table_of(conference, table_id)
    if table is None:
        raise NotFound(_l("This table does not exist."))
    if participant.table_id == table.id or can_steer(participant, conference, table):
        return table
    if participant.table_id is not None or not conference.self_choice or not participant.is_member:
        raise NotAllowed(_l("You are seated at another table."))
    _lock_table(table.id)
    if seated_count(table.id) >= table.capacity:
        raise InvalidState(_l("This table is full; please choose another one."))
    participant.table_id = table.id
    db.session.flush()
    return table


def set_choices(participant, first_choice_id, second_choice_id=None):
    """A participant's wishes for the automatic assignment."""
    conference = participant.conference
    first = _table_of(conference, first_choice_id) if first_choice_id else None
    second = _table_of(conference, second_choice_id) if second_choice_id else None
    if first is not None and second is not None and first.id == second.id:
        raise ValidationFailed(_l("Please choose two different tables."), field="second_choice")
    participant.first_choice_id = first.id if first else None
    participant.second_choice_id = second.id if second else None
    db.session.flush()
    return participant


def record_visit(participant, now=None):
    """The first visit of the join page counts as having joined; presence (online) comes from the live
    connection alone, since a plain page view never says when it ends."""
    if participant.joined_at is None:
        participant.joined_at = now or utcnow()
        db.session.flush()
    return participant


def mark_seen(participant, online=True, now=None):
    """Record a connection (online) or its end; the console shows who is online."""
    now = now or utcnow()
    if online:
        participant.last_seen_at = now
        if participant.joined_at is None:
            participant.joined_at = now
    else:
        participant.left_at = now
    db.session.flush()
    return participant


# --- items and rounds ------------------------------------------------------------------

def items_for(conference_id, table_id):
    query = sa.select(TableItem).where(TableItem.conference_id == conference_id)
    query = query.where(TableItem.table_id.is_(None) if table_id is None else TableItem.table_id == table_id)
    return list(db.session.scalars(query.order_by(TableItem.position, TableItem.id)))


def _item_ids(conference_id, table_id):
    query = sa.select(TableItem.id).where(TableItem.conference_id == conference_id)
    query = query.where(TableItem.table_id.is_(None) if table_id is None else TableItem.table_id == table_id)
    return list(db.session.scalars(query))


def item_dict(item):
    return {"id": item.id, "kind": item.kind.value, "label": item.label, "idea_id": item.idea_id,
            "measure_id": item.measure_id}


def _rounds_query(conference_id, table_id):
    query = sa.select(VotingRound).where(VotingRound.conference_id == conference_id)
    return query.where(VotingRound.table_id.is_(None) if table_id is None else VotingRound.table_id == table_id)


def current_round(conference_id, table_id):
    """The round a table sees: its open round, otherwise its latest round."""
    query = _rounds_query(conference_id, table_id).order_by(
        sa.case((VotingRound.state == RoundState.OPEN, 0), else_=1), VotingRound.id.desc()
    )
    return db.session.scalars(query.limit(1)).first()


def _clean_settings(method, settings):
    settings = settings if isinstance(settings, dict) else {}
    defaults = DEFAULT_SETTINGS.get(method, {})

    def number(name, low, high):
        value = as_int(settings.get(name, defaults[name]), minimum=low, maximum=high)
        if value is None:
            raise ValidationFailed(
                _l("Please give a whole number from %(low)d to %(high)d.", low=low, high=high), field=name
            )
        return value

    if method == VoteMethod.DOTS:
        dots = number("dots", 1, 100)
        max_per_item = number("max_per_item", 1, 100)
        if max_per_item > dots:
            raise ValidationFailed(_l("At most as many dots on one item as there are dots."), field="max_per_item")
        return {"dots": dots, "max_per_item": max_per_item}
    if method == VoteMethod.RANKING:
        return {"depth": number("depth", 1, 10)}
    return {}


def _enum_value(enum_cls, value, field_name):
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationFailed(_l("Please choose one of the values offered."), field=field_name) from None


def _duration(value, field_name="duration_seconds", maximum=MAX_DURATION_SECONDS):
    if value in (None, "", 0):
        return None
    value = as_int(value, minimum=1, maximum=maximum)
    if value is None:
        raise ValidationFailed(
            _l("Please give a duration from %(low)d to %(high)d seconds.", low=1, high=maximum), field=field_name
        )
    return value


def create_round(actor, conference, table_id=None, *, title, method, settings=None,
                 results_visibility=ResultsVisibility.LIVE, duration_seconds=None):
    """A prepared (draft) round for one table or, with table_id None, the plenary."""
    table = _table_of(conference, table_id) if table_id is not None else None
    require_steer(actor, conference, table)
    title = _line(title)
    if not 1 <= len(title) <= ROUND_TITLE_MAX:
        raise ValidationFailed(_l("The title must have %(min)d to %(max)d characters.", min=1, max=ROUND_TITLE_MAX),
                               field="title")
    method = _enum_value(VoteMethod, method, "method")
    visibility = _enum_value(ResultsVisibility, results_visibility, "results_visibility")
    cleaned = _clean_settings(method, settings)
    duration = _duration(duration_seconds)
    table_key = table.id if table else None
    if not items_for(conference.id, table_key):
        raise InvalidState(_l("This table has nothing to vote on yet; add items first."))
    # Versions rise per table across rounds, so clients can drop anything older than what they have.
    last = db.session.scalar(sa.select(sa.func.max(VotingRound.version)).where(
        VotingRound.conference_id == conference.id,
        VotingRound.table_id.is_(None) if table_key is None else VotingRound.table_id == table_key,
    )) or 0
    voting_round = VotingRound(
        conference_id=conference.id, table_id=table_key, title=title, method=method, settings=cleaned,
        results_visibility=visibility, state=RoundState.DRAFT, duration_seconds=duration, version=last + 1,
    )
    db.session.add(voting_round)
    db.session.flush()
    return voting_round


def _transition(voting_round, allowed_from, values, extra_condition=None):
    """Change a round's state in one conditional UPDATE: the database decides between racing moderators."""
    statement = sa.update(VotingRound).where(VotingRound.id == voting_round.id, VotingRound.state.in_(allowed_from))
    if extra_condition is not None:
        statement = statement.where(extra_condition)
    result = db.session.execute(
        statement.values(version=VotingRound.version + 1, **values),
        execution_options={"synchronize_session": False},
    )
    db.session.refresh(voting_round)
    return result.rowcount == 1


def open_round(actor, round_id, duration_seconds=None, now=None):
    voting_round = round_id if isinstance(round_id, VotingRound) else get_round(round_id)
    conference = voting_round.conference
    require_steer(actor, conference, voting_round.table_id)
    now = now or utcnow()
    duration = _duration(duration_seconds) or voting_round.duration_seconds
    already = db.session.scalar(_rounds_query(conference.id, voting_round.table_id).where(
        VotingRound.state == RoundState.OPEN, VotingRound.id != voting_round.id).limit(1))
    if already is not None:
        raise InvalidState(_l("Another round is open at this table; close it first."))
    ends_at = now + timedelta(seconds=duration) if duration else None
    item_ids = [item.id for item in items_for(conference.id, voting_round.table_id)]
    values = {"state": RoundState.OPEN, "opened_at": now, "ends_at": ends_at, "duration_seconds": duration,
              "item_ids": item_ids}
    try:
        with db.session.begin_nested():  # the unique index keeps one open round per table
            opened = _transition(voting_round, (RoundState.DRAFT,), values)
    except IntegrityError:
        raise InvalidState(_l("Another round is open at this table; close it first.")) from None
    if not opened:
        raise InvalidState(_l("This round has already been opened."))
    return voting_round


def close_round(actor, round_id, now=None):
    voting_round = round_id if isinstance(round_id, VotingRound) else get_round(round_id)
    require_steer(actor, voting_round.conference, voting_round.table_id)
    if not _transition(voting_round, (RoundState.OPEN,), {"state": RoundState.CLOSED, "closed_at": now or utcnow()}):
        raise InvalidState(_l("This round is not open."))
    return voting_round


def extend_round(actor, round_id, seconds, now=None):
    voting_round = round_id if isinstance(round_id, VotingRound) else get_round(round_id)
    require_steer(actor, voting_round.conference, voting_round.table_id)
    seconds = _duration(seconds, "seconds", MAX_EXTENSION_SECONDS)
    if seconds is None:
        raise ValidationFailed(_l("Please give a duration from %(low)d to %(high)d seconds.", low=1,
                                  high=MAX_EXTENSION_SECONDS), field="seconds")
    now = now or utcnow()
    if not voting_round.is_running(now):
        raise InvalidState(_l("This round is not open."))
    if voting_round.ends_at is None:  # no timer: it stays open until closed; a deadline would end it
        raise InvalidState(_l("This round has no timer: it stays open until it is closed."))
    new_end = max(as_utc(voting_round.ends_at), now) + timedelta(seconds=seconds)
    if not _transition(voting_round, (RoundState.OPEN,), {"ends_at": new_end}, VotingRound.ends_at > now):
        raise InvalidState(_l("This round is not open."))
    return voting_round


def open_rounds(actor, conference, template, table_ids=None, now=None):
    """Open one new round per table (all tables when table_ids is None) from a template
    {title, method, settings, results_visibility, duration_seconds}. Tables with an open round
    or nothing to vote on are left out. Returns the rounds opened."""
    tables = conference.tables if table_ids is None else [_table_of(conference, t) for t in table_ids]
    template = template if isinstance(template, dict) else {}
    for table in tables:
        require_steer(actor, conference, table)
    opened = []
    for table in tables:
        if db.session.scalar(_rounds_query(conference.id, table.id).where(VotingRound.state == RoundState.OPEN)
                             .limit(1)) is not None:
            continue
        if not items_for(conference.id, table.id):
            continue
        voting_round = create_round(
            actor, conference, table.id, title=template.get("title"), method=template.get("method"),
            settings=template.get("settings"), duration_seconds=template.get("duration_seconds"),
            results_visibility=template.get("results_visibility") or ResultsVisibility.LIVE,
        )
        opened.append(open_round(actor, voting_round, now=now))
    return opened


def close_rounds(actor, conference, table_ids=None, now=None):
    """Close every open round of the given tables (all tables and the plenary when None: for those who
    steer the whole conference only)."""
    if table_ids is None:
        require_steer(actor, conference)
    query = sa.select(VotingRound).where(VotingRound.conference_id == conference.id,
                                         VotingRound.state == RoundState.OPEN)
    if table_ids is not None:
        keys = [_steered_table(actor, conference, t).id for t in table_ids]
        query = query.where(VotingRound.table_id.in_(keys))
    rounds = list(db.session.scalars(query.order_by(VotingRound.id)))
    for voting_round in rounds:
        require_steer(actor, conference, voting_round.table_id)
    return [r for r in rounds if _transition(r, (RoundState.OPEN,), {"state": RoundState.CLOSED,
                                                                     "closed_at": now or utcnow()})]


def extend_rounds(actor, conference, seconds, table_ids=None, now=None):
    """Give every open round with an end time (of the tables named, or all) more time; rounds that
    ended meanwhile, and rounds without a timer, are left as they are. Returns the rounds extended.
    Every table at once (table_ids None) is for those who steer the whole conference."""
    if table_ids is None:
        require_steer(actor, conference)
    query = sa.select(VotingRound).where(VotingRound.conference_id == conference.id,
                                         VotingRound.state == RoundState.OPEN, VotingRound.ends_at.is_not(None))
    if table_ids is not None:
        keys = [_steered_table(actor, conference, t).id for t in table_ids]
        query = query.where(VotingRound.table_id.in_(keys))
    extended = []
    for voting_round in db.session.scalars(query.order_by(VotingRound.id)).all():
        try:
            extended.append(extend_round(actor, voting_round, seconds, now=now))
        except InvalidState:
            continue  # it ended meanwhile
    return extended


def close_due_rounds(now=None):
    """Close the open rounds whose end time has passed; idempotent, safe in several processes
    at once (each round is closed by exactly one conditional UPDATE). Returns the rounds closed here."""
    now = now or utcnow()
    due = list(db.session.scalars(sa.select(VotingRound).where(
        VotingRound.state == RoundState.OPEN, VotingRound.ends_at.is_not(None), VotingRound.ends_at <= now)))
    closed = []
    for voting_round in due:
        if _transition(voting_round, (RoundState.OPEN,), {"state": RoundState.CLOSED, "closed_at": now}):
            closed.append(voting_round)
    return closed


# --- ballots ---------------------------------------------------------------------------

@dataclass
class VoteOutcome:
    ballot: "Ballot | CountedBallot"
    duplicate: bool
    round: "VotingRound | RoundRef"


@dataclass(frozen=True)
class Voter:
    """A participant known only by id (the authenticated socket's): `cast_vote` checks in its
    INSERT that they are a member of the round's conference (and table), without loading them."""

    id: int


@dataclass(frozen=True)
class CountedBallot:
    """The ballot `cast_vote` just inserted (no ORM object is loaded for it)."""

    id: int
    round_id: int
    participant_id: int
    payload: dict


@dataclass(frozen=True)
class RoundRef:
    """What a counted ballot's answer and the tally batcher need of its round."""

    id: int
    conference_id: int
    table_id: int | None
    version: int


@dataclass(frozen=True)
class _RoundFacts:
    """A round as `cast_vote` sees it: one SELECT of the round joined with its items."""

    id: int
    conference_id: int
    table_id: int | None
    method: VoteMethod
    settings: dict
    state: RoundState
    ends_at: datetime | None
    item_ids: tuple

    def is_running(self, now):
        ends = as_utc(self.ends_at)
        return self.state == RoundState.OPEN and (ends is None or now < ends)


def _invalid(message):
    return ValidationFailed(message, field="payload")


def _item_key(value, known):
    key = as_id(value)
    if key is None or key not in known:
        raise _invalid(_l("This item is not part of the round."))
    return key


def _count(value, low, high, message):
    value = as_int(value, minimum=low, maximum=high)
    if value is None:
        raise _invalid(message)
    return value


def validate_payload(voting_round, payload, item_ids):
    """The canonical form of a ballot, or ValidationFailed when it breaks the round's rules."""
    if not isinstance(payload, dict):
        raise _invalid(_l("The vote is not in the expected form."))
    known = set(item_ids)
    method, settings = voting_round.method, voting_round.settings or {}
    if method == VoteMethod.DOTS:
        dots = payload.get("dots")
        if not isinstance(dots, dict) or len(dots) > len(known):
            raise _invalid(_l("The vote is not in the expected form."))
        limit, per_item = settings.get("dots", 5), settings.get("max_per_item", 3)
        cleaned = {}
        for key, value in dots.items():
            item = _item_key(key, known)
            if str(item) in cleaned:
                raise _invalid(_l("Each item may appear only once."))
            count = _count(value, 0, 10**6, _l("Dots are whole numbers."))
            if count > per_item:
                raise _invalid(_l("At most %(k)d dots on one item.", k=per_item))
            if count:
                cleaned[str(item)] = count
        total = sum(cleaned.values())
        if total > limit:
            raise _invalid(_l("You have %(n)d dots in all.", n=limit))
        if total == 0:
            raise _invalid(_l("Please place at least one dot."))
        return {"dots": dict(sorted(cleaned.items(), key=lambda kv: int(kv[0])))}
    if method == VoteMethod.APPROVAL:
        items = payload.get("items")
        if not isinstance(items, list) or not items or len(items) > len(known):
            raise _invalid(_l("Please approve at least one item."))
        keys = [_item_key(v, known) for v in items]
        if len(set(keys)) != len(keys):
            raise _invalid(_l("Each item may appear only once."))
        return {"items": sorted(keys)}
    if method == VoteMethod.SINGLE:
        if set(payload) - {"item"}:
            raise _invalid(_l("The vote is not in the expected form."))
        return {"item": _item_key(payload.get("item"), known)}
    if method == VoteMethod.RANKING:
        ranking = payload.get("ranking")
        depth = min(settings.get("depth", 3), len(known))
        if not isinstance(ranking, list) or len(ranking) != depth:
            raise _invalid(_l("Please rank exactly %(n)d items.", n=depth))
        keys = [_item_key(v, known) for v in ranking]
        if len(set(keys)) != len(keys):
            raise _invalid(_l("Each item may appear only once."))
        return {"ranking": keys}
    if method == VoteMethod.AGREEMENT:
        ratings = payload.get("ratings")
        if not isinstance(ratings, dict) or not ratings or len(ratings) > len(known):
            raise _invalid(_l("Please rate at least one draft measure."))
        cleaned = {}
        for key, value in ratings.items():
            item = _item_key(key, known)
            if str(item) in cleaned:
                raise _invalid(_l("Each item may appear only once."))
            cleaned[str(item)] = _count(value, 1, 5, _l("Agreement is given from 1 to 5."))
        return {"ratings": dict(sorted(cleaned.items(), key=lambda kv: int(kv[0])))}
    raise _invalid(_l("The vote is not in the expected form."))  # pragma: no cover


def _existing_ballot(round_id, participant_id):
    return db.session.scalar(sa.select(Ballot).where(Ballot.round_id == round_id,
                                                     Ballot.participant_id == participant_id))


def can_vote(participant, voting_round):
    return (is_participant(participant) and participant.conference_id == voting_round.conference_id
            and participant.is_member
            and (voting_round.table_id is None or participant.table_id == voting_round.table_id))


_vote_statements_by_dialect = {}


def _vote_statements(dialect):
    """The vote path's statements, built once per dialect with bind parameters: building them anew
    for every vote cost more CPU than running them (cache keys, result column adaptation)."""
    found = _vote_statements_by_dialect.get(dialect)
    if found is not None:
        return found
    rounds, items, ballots, people = (VotingRound.__table__, TableItem.__table__, Ballot.__table__,
                                      Participant.__table__)
    found = {}
    found["round"] = sa.select(rounds.c.id, rounds.c.conference_id, rounds.c.table_id, rounds.c.method,
                               rounds.c.settings, rounds.c.state, rounds.c.ends_at, rounds.c.item_ids
                               ).where(rounds.c.id == sa.bindparam("round_id"))
    found["items"] = sa.select(items.c.id).where(
        items.c.conference_id == sa.bindparam("conference_id"),
        sa.or_(sa.and_(sa.bindparam("table_id", type_=sa.Integer).is_(None), items.c.table_id.is_(None)),
               items.c.table_id == sa.bindparam("table_id", type_=sa.Integer)))
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
        payload = sa.cast(sa.bindparam("payload", type_=sa.JSON), sa.JSON)
    else:
        from sqlalchemy.dialects.sqlite import insert
        payload = sa.bindparam("payload", type_=sa.JSON)
    member = sa.select(sa.bindparam("round_id", type_=sa.Integer), people.c.id, payload,
                       sa.bindparam("now", type_=ballots.c.created_at.type)).where(
        people.c.id == sa.bindparam("participant_id"), people.c.conference_id == sa.bindparam("conference_id"),
        people.c.kind.in_(MEMBER_KINDS))
    for at_table in (False, True):
        selected = member.where(people.c.table_id == sa.bindparam("table_id")) if at_table else member
        found["insert", at_table] = (
            insert(ballots).from_select(["round_id", "participant_id", "payload", "created_at"], selected)
            .on_conflict_do_nothing(index_elements=["round_id", "participant_id"]).returning(ballots.c.id))
    found["bump"] = (sa.update(rounds)
                     .where(rounds.c.id == sa.bindparam("round_id"), rounds.c.state == RoundState.OPEN,
                            sa.or_(rounds.c.ends_at.is_(None), rounds.c.ends_at > sa.bindparam("now")))
                     .values(version=rounds.c.version + 1).returning(rounds.c.version))
    found["drop_ballot"] = sa.delete(ballots).where(ballots.c.id == sa.bindparam("ballot_id"))
    found["has_ballot"] = sa.select(ballots.c.id).where(ballots.c.round_id == sa.bindparam("round_id"),
                                                        ballots.c.participant_id == sa.bindparam("participant_id"))
    _vote_statements_by_dialect[dialect] = found
    return found


def _vote_sql():
    connection = db.session.connection()
    return connection, _vote_statements(connection.dialect.name)


def _round_facts(round_id):
    """The round with the items it opened with (its table's items for a round opened before rounds
    recorded them); NotFound for an unknown round."""
    key = as_id(round_id)
    if key is None:
        raise NotFound(_l("This voting round does not exist."))
    connection, sql = _vote_sql()
    row = connection.execute(sql["round"], {"round_id": key}).first()
    if row is None:
        raise NotFound(_l("This voting round does not exist."))
    item_ids = row[7]
    if item_ids is None:
        item_ids = connection.execute(sql["items"], {"conference_id": row[1], "table_id": row[2]}).scalars().all()
    return _RoundFacts(row[0], row[1], row[2], row[3], row[4] or {}, row[5], row[6], tuple(item_ids))


def _insert_ballot(facts, participant_id, cleaned, now):
    """INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING id: the ballot, if the participant is a
    member of the round's conference (and sits at its table) and has no ballot in it yet; else None."""
    connection, sql = _vote_sql()
    return connection.execute(sql["insert", facts.table_id is not None], {
        "round_id": facts.id, "participant_id": participant_id, "conference_id": facts.conference_id,
        "table_id": facts.table_id, "payload": cleaned, "now": now}).scalar()


def _duplicate_or_refusal(participant, facts):
    """Why no ballot was inserted: a duplicate (the existing ballot) or NotAllowed."""
    if not isinstance(participant, Participant):
        participant = db.session.get(Participant, participant.id)
        if participant is None:
            raise NotAllowed(_l("This join link is no longer valid."))
    if not can_vote(participant, facts):
        raise NotAllowed(_l("You cannot vote in this round."))
    existing = _existing_ballot(facts.id, participant.id)
    if existing is None:  # pragma: no cover - the conflicting ballot was deleted meanwhile
        raise InvalidState(_l("This round is not open for votes."))
    return VoteOutcome(existing, True, db.session.get(VotingRound, facts.id))


def cast_vote(participant, round_id, payload, now=None):
    """Count one ballot per participant and round. A re-sent ballot is answered as a duplicate
    (duplicate=True) and counted once. `participant` is a Participant or a Voter (its id).

    Three statements on the way of a counted ballot: the round with its item ids; the ballot,
    INSERT … ON CONFLICT DO NOTHING RETURNING, whose SELECT checks that the participant may vote
    here (the unique constraint keeps one ballot per participant and round); and the version bump,
    one UPDATE … RETURNING that checks the state and the end time (and takes the round's row lock,
    so a concurrent closing is seen). Should the round no longer be open, the ballot is deleted
    again and the vote refused."""
    if not isinstance(participant, (Participant, Voter)):
        raise NotAllowed(_l("Only participants can vote."))
    facts = _round_facts(round_id)
    if isinstance(participant, Participant) and not can_vote(participant, facts):
        raise NotAllowed(_l("You cannot vote in this round."))
    now = now or utcnow()
    if not facts.is_running(now):
        if _has_ballot(facts.id, participant.id):
            return _duplicate_or_refusal(participant, facts)
        raise InvalidState(_l("This round is not open for votes."))
    try:
        cleaned = validate_payload(facts, payload, facts.item_ids)
    except ValidationFailed:
        if _has_ballot(facts.id, participant.id):  # a re-sent vote is a duplicate, whatever it says
            return _duplicate_or_refusal(participant, facts)
        raise
    ballot_id = _insert_ballot(facts, participant.id, cleaned, now)
    if ballot_id is None:
        return _duplicate_or_refusal(participant, facts)
    connection, sql = _vote_sql()
    version = connection.execute(sql["bump"], {"round_id": facts.id, "now": now}).scalar()
    if version is None:  # closed or ended since the round was read: the ballot does not count
        connection.execute(sql["drop_ballot"], {"ballot_id": ballot_id})
        raise InvalidState(_l("This round is not open for votes."))
    return VoteOutcome(CountedBallot(ballot_id, facts.id, participant.id, cleaned), False,
                       RoundRef(facts.id, facts.conference_id, facts.table_id, version))


def _has_ballot(round_id, participant_id):
    connection, sql = _vote_sql()
    return connection.execute(sql["has_ballot"], {"round_id": round_id,
                                                  "participant_id": participant_id}).first() is not None


# --- tallies and snapshots ------------------------------------------------------------

def tally(voting_round, items=None):
    """Figures per item, in item order, and the number of ballots.

    dots: dots; approval: approvals; single: votes; ranking: points (Borda, depth − place + 1)
    and firsts; agreement: histogram [n at 1, ..., n at 5], count and mean."""
    items = round_items(voting_round, items)
    payloads = db.session.connection().execute(_BALLOT_PAYLOADS, {"round_id": voting_round.id}).scalars().all()
    return _tally_from(voting_round, items, payloads)


def round_items(voting_round, items=None):
    """The items of a round: those it opened with (items added to the table later are not in it);
    the table's current items for a round not opened yet. `items` may be given to save a query."""
    items = items if items is not None else items_for(voting_round.conference_id, voting_round.table_id)
    frozen = getattr(voting_round, "item_ids", None)
    if frozen is not None:
        kept = set(frozen)
        items = [item for item in items if item.id in kept]
    return items


def rounds_to_tally(round_ids):
    """The rounds the tally batcher pushes, as rows with what `tally` and the push need (id,
    conference_id, table_id, method, settings, state, results_visibility, version): one
    statement, built once per dialect, no ORM objects."""
    connection = db.session.connection()
    dialect = connection.dialect.name
    statement = _ROUNDS_TO_TALLY.get(dialect)
    if statement is None:
        rounds = VotingRound.__table__
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import ARRAY
            wanted = rounds.c.id == sa.any_(sa.bindparam("ids", type_=ARRAY(sa.Integer)))
        else:
            wanted = rounds.c.id.in_(sa.bindparam("ids", expanding=True))
        statement = _ROUNDS_TO_TALLY[dialect] = sa.select(
            rounds.c.id, rounds.c.conference_id, rounds.c.table_id, rounds.c.method, rounds.c.settings,
            rounds.c.state, rounds.c.results_visibility, rounds.c.version, rounds.c.item_ids).where(wanted)
    return connection.execute(statement, {"ids": list(round_ids)}).all()


_ROUNDS_TO_TALLY = {}

# Built once: the batcher runs it for every tally it pushes (a statement built per call costs more
# CPU in SQLAlchemy than the query itself).
_BALLOT_PAYLOADS = sa.select(Ballot.__table__.c.payload).where(Ballot.__table__.c.round_id == sa.bindparam("round_id"))


def _tally_from(voting_round, items, payloads):
    figures = {item.id: {} for item in items}
    method = voting_round.method
    for item_id in figures:
        if method == VoteMethod.DOTS:
            figures[item_id] = {"dots": 0}
        elif method == VoteMethod.APPROVAL:
            figures[item_id] = {"approvals": 0}
        elif method == VoteMethod.SINGLE:
            figures[item_id] = {"votes": 0}
        elif method == VoteMethod.RANKING:
            figures[item_id] = {"points": 0, "firsts": 0}
        else:
            figures[item_id] = {"histogram": [0, 0, 0, 0, 0], "count": 0, "mean": None}
    depth = (voting_round.settings or {}).get("depth", 3)
    for payload in payloads:
        if method == VoteMethod.DOTS:
            for key, count in payload.get("dots", {}).items():
                if int(key) in figures:
                    figures[int(key)]["dots"] += count
        elif method == VoteMethod.APPROVAL:
            for key in payload.get("items", []):
                if key in figures:
                    figures[key]["approvals"] += 1
        elif method == VoteMethod.SINGLE:
            if payload.get("item") in figures:
                figures[payload["item"]]["votes"] += 1
        elif method == VoteMethod.RANKING:
            for place, key in enumerate(payload.get("ranking", [])):
                if key in figures:
                    figures[key]["points"] += depth - place
                    figures[key]["firsts"] += 1 if place == 0 else 0
        else:
            for key, rating in payload.get("ratings", {}).items():
                if int(key) in figures and rating in AGREEMENT_SCALE:
                    figures[int(key)]["histogram"][rating - 1] += 1
    if method == VoteMethod.AGREEMENT:
        for entry in figures.values():
            entry["count"] = sum(entry["histogram"])
            if entry["count"]:
                total = sum((i + 1) * n for i, n in enumerate(entry["histogram"]))
                entry["mean"] = round(total / entry["count"], 2)
    return {
        "round_id": voting_round.id,
        "method": method.value,
        "ballots": len(payloads),
        "version": voting_round.version,
        "items": [{"id": item.id, "label": item.label, **figures[item.id]} for item in items],
    }


def results_visible(viewer, voting_round):
    if voting_round is None or voting_round.state == RoundState.DRAFT:
        return False
    if voting_round.state == RoundState.CLOSED or voting_round.results_visibility == ResultsVisibility.LIVE:
        return True
    return can_steer(viewer, voting_round.conference, voting_round.table_id)


def round_dict(voting_round):
    if voting_round is None:
        return None
    return {
        "id": voting_round.id, "title": voting_round.title, "method": voting_round.method.value,
        "settings": dict(voting_round.settings or {}), "state": voting_round.state.value,
        "table_id": voting_round.table_id, "opened_at": _iso(voting_round.opened_at),
        "ends_at": _iso(voting_round.ends_at), "closed_at": _iso(voting_round.closed_at),
        "results_visibility": voting_round.results_visibility.value, "version": voting_round.version,
    }


def table_dict(table):
    if table is None:
        return None
    return {"id": table.id, "topic": table.topic, "capacity": table.capacity, "position": table.position,
            "sector": table.sector.name if table.sector else None,
            "facilitator": table.facilitator.display_name if table.facilitator else None}


def conference_dict(conference):
    return {"id": conference.id, "title": conference.title, "status": conference.status.value,
            "mode": conference.mode.value, "starts_at": _iso(conference.starts_at),
            "ends_at": _iso(conference.ends_at), "process_id": conference.process_id}


def recent_announcements(conference, table_id=None, limit=5):
    condition = Announcement.table_id.is_(None)
    if table_id is not None:
        condition = sa.or_(condition, Announcement.table_id == table_id)
    query = sa.select(Announcement).where(Announcement.conference_id == conference.id, condition)
    found = list(db.session.scalars(query.order_by(Announcement.created_at.desc(), Announcement.id.desc())
                                    .limit(limit)))
    return [announcement_dict(a) for a in found]


def console_announcements(actor, conference, limit=10):
    """The announcements a console shows: all of them for the conference's moderation; for a facilitator
    those to everybody and those to the tables they steer, never another table's."""
    query = sa.select(Announcement).where(Announcement.conference_id == conference.id)
    if not can_steer(actor, conference):
        own = [t.id for t in steered_tables(actor, conference)]
        if not own:
            raise NotAllowed(_l("Only the moderation of this conference or table can do this."))
        query = query.where(sa.or_(Announcement.table_id.is_(None), Announcement.table_id.in_(own)))
    found = db.session.scalars(query.order_by(Announcement.created_at.desc(), Announcement.id.desc()).limit(limit))
    return [announcement_dict(a) for a in found]


def announcement_dict(announcement):
    return {"id": announcement.id, "conference_id": announcement.conference_id,
            "table_id": announcement.table_id, "text": announcement.text, "author": announcement.author_name,
            "created_at": _iso(announcement.created_at)}


def snapshot(viewer, table_id=None, conference=None, now=None):
    """Everything a screen needs to show a table (or the plenary, table_id None) right now."""
    if is_participant(viewer):
        conference = viewer.conference
    elif conference is None:
        raise NotFound(_l("This conference does not exist."))
    table = _table_of(conference, table_id) if table_id is not None else None
    if is_participant(viewer):
        if table is not None and viewer.table_id != table.id and not can_steer(viewer, conference, table):
            raise NotAllowed(_l("You are seated at another table."))
    elif not can_steer(viewer, conference, table):
        raise NotAllowed(_l("Only the moderation of this conference or table can do this."))
    table_key = table.id if table else None
    voting_round = current_round(conference.id, table_key)
    items = items_for(conference.id, table_key)
    if voting_round is not None:
        items = round_items(voting_round, items)
    own = None
    if voting_round is not None and is_participant(viewer):
        ballot = _existing_ballot(voting_round.id, viewer.id)
        own = ballot.payload if ballot else None
    participant = None
    if is_participant(viewer):
        participant = {"id": viewer.id, "display_name": viewer.display_name, "kind": viewer.kind.value,
                       "table_id": viewer.table_id, "can_vote": bool(voting_round and can_vote(viewer, voting_round)),
                       "can_steer": can_steer(viewer, conference, table)}
    return {
        "conference": conference_dict(conference),
        "table": table_dict(table),
        "items": [item_dict(i) for i in items],
        "round": round_dict(voting_round),
        "tally": tally(voting_round, items) if results_visible(viewer, voting_round) else None,
        "own_ballot": own,
        "participant": participant,
        "announcements": recent_announcements(conference, table_key),
        "version": voting_round.version if voting_round else 0,
        "server_time": _iso(now or utcnow()),
    }


# --- announcements and the console ------------------------------------------------------

def announce(actor, conference, text, table_id=None, now=None):
    table = _table_of(conference, table_id) if table_id is not None else None
    require_steer(actor, conference, table)
    text = _line(text)
    if not 1 <= len(text) <= ANNOUNCEMENT_MAX:
        raise ValidationFailed(
            _l("An announcement has %(min)d to %(max)d characters.", min=1, max=ANNOUNCEMENT_MAX), field="text"
        )
    announcement = Announcement(
        conference_id=conference.id, table_id=table.id if table else None, text=text,
        author_name=actor.display_name, created_at=now or utcnow(),
        author_user_id=None if is_participant(actor) else actor.id,
        author_participant_id=actor.id if is_participant(actor) else None,
    )
    db.session.add(announcement)
    db.session.flush()
    return announcement


def console_state(actor, conference):
    """Every table the actor steers: participants with their online flag, the current round and its tally;
    the plenary too for moderators."""
    tables = steered_tables(actor, conference)
    if not tables and not can_steer(actor, conference):
        raise NotAllowed(_l("Only the moderation of this conference or table can do this."))
    # Everything in a few queries, not a few per table: a console shows up to a hundred tables.
    people = list(db.session.scalars(sa.select(Participant).where(Participant.conference_id == conference.id)
                                     .order_by(Participant.display_name, Participant.id)))
    by_table, items_by_table, current = {}, {}, {}
    list(conference.process.sectors)  # tables' sectors and facilitators then come from the identity map
    for person in people:
        by_table.setdefault(person.table_id, []).append(person)
    for item in db.session.scalars(sa.select(TableItem).where(TableItem.conference_id == conference.id)
                                   .order_by(TableItem.position, TableItem.id)):
        items_by_table.setdefault(item.table_id, []).append(item)
    for voting_round in db.session.scalars(sa.select(VotingRound).where(VotingRound.conference_id == conference.id)
                                           .order_by(VotingRound.id)):
        known = current.get(voting_round.table_id)
        if known is None or known.state != RoundState.OPEN or voting_round.state == RoundState.OPEN:
            current[voting_round.table_id] = voting_round  # the open round, else the latest
    counted = [r.id for r in current.values() if r.state != RoundState.DRAFT]
    payloads = {}
    if counted:
        for round_id, payload in db.session.execute(sa.select(Ballot.round_id, Ballot.payload)
                                                    .where(Ballot.round_id.in_(counted))):
            payloads.setdefault(round_id, []).append(payload)

    def entry(table):
        key = table.id if table else None
        voting_round = current.get(key)
        seated = by_table.get(key, []) if table is not None else []
        shown = voting_round is not None and voting_round.state != RoundState.DRAFT
        return {
            "table": table_dict(table),
            "participants": [{"id": p.id, "display_name": p.display_name, "kind": p.kind.value,
                              "online": p.is_online} for p in seated],
            "online": sum(1 for p in seated if p.is_online),
            "round": round_dict(voting_round),
            "tally": _tally_from(voting_round, items_by_table.get(key, []), payloads.get(voting_round.id, []))
            if shown else None,
            "version": voting_round.version if voting_round else 0,
        }

    plenary = entry(None) if can_steer(actor, conference) else None
    return {
        "conference": conference_dict(conference),
        "tables": [entry(t) for t in tables],
        "plenary": plenary,
        "participants": len(people),
        "online": sum(1 for p in people if p.is_online),
        "unseated": [{"id": p.id, "display_name": p.display_name, "kind": p.kind.value, "online": p.is_online}
                     for p in by_table.get(None, []) if p.is_member],
    }


# --- set-up: conferences, tables, items -----------------------------------------------

TITLE_MIN, TITLE_MAX = 3, 160
TOPIC_MAX = 160
NAME_MAX = 80
CAPACITY_MAX = 1000
EVENT_CODE_RE = re.compile(r"^[A-Z0-9]{4,16}$")


@dataclass
class ConferenceData:
    title: str = ""
    starts_at: object = None
    ends_at: object = None
    agenda: str = ""
    mode: str = ConferenceMode.ONLINE.value
    event_code: str = ""
    walk_ins_allowed: bool = False
    self_choice: bool = True


def _clean_conference(data, conference=None):
    errors = {}
    title = _line(data.title)
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        errors["title"] = [_l("The title must have %(min)d to %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX)]
    starts, ends = data.starts_at, data.ends_at
    if not isinstance(starts, datetime) or starts.tzinfo is None:
        errors["starts_at"] = [_l("Please give the date and time.")]
        starts = None
    if ends is not None and (not isinstance(ends, datetime) or ends.tzinfo is None):
        errors["ends_at"] = [_l("Please give the date and time.")]
    elif ends is not None and starts is not None and ends <= starts:
        errors["ends_at"] = [_l("The end must come after the start.")]
    try:
        mode = ConferenceMode(data.mode)
    except ValueError:
        errors["mode"] = [_l("Please choose one of the values offered.")]
        mode = None
    code = _line(data.event_code).upper()
    if code and not EVENT_CODE_RE.match(code):
        errors["event_code"] = [_l("An event code has 4 to 16 letters (A–Z) or digits.")]
    elif code:
        taken = db.session.scalar(sa.select(Conference.id).where(Conference.event_code == code))
        if taken is not None and (conference is None or taken != conference.id):
            errors["event_code"] = [_l("This event code is already used by another conference.")]
    agenda = _line(data.agenda)
    if len(agenda) > 10_000:
        errors["agenda"] = [_l("At most %(max)d characters.", max=10_000)]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    return {"title": title, "starts_at": starts, "ends_at": ends, "agenda": agenda,
            "agenda_html": render_markdown(agenda), "mode": mode, "event_code": code or None,
            "walk_ins_allowed": bool(data.walk_ins_allowed), "self_choice": bool(data.self_choice)}


def create_conference(actor, process, data, now=None):
    require_manage(actor, process)
    values = _clean_conference(data)
    conference = Conference(process_id=process.id, status=ConferenceStatus.PLANNED, created_at=now or utcnow(),
                            updated_at=now or utcnow(), **values)
    db.session.add(conference)
    db.session.flush()
    record(actor, process.id, "conference_created", "conference", conference.id, conference.title)
    return conference


def update_conference(actor, conference, data, now=None):
    require_manage(actor, conference)
    for name, value in _clean_conference(data, conference).items():
        setattr(conference, name, value)
    conference.updated_at = now or utcnow()
    db.session.flush()
    return conference


def set_status(actor, conference, status):
    require_manage(actor, conference)
    conference.status = _enum_value(ConferenceStatus, status, "status")
    conference.updated_at = utcnow()
    db.session.flush()
    return conference


def conferences_of(process):
    return list(db.session.scalars(sa.select(Conference).where(Conference.process_id == process.id)
                                   .order_by(Conference.starts_at.desc(), Conference.id.desc())))


def conference_for(process, conference_id):
    conference = get_conference(conference_id)
    if conference.process_id != process.id:
        raise NotFound(_l("This conference does not exist."))
    return conference


def _has_open_round(conference_id, table_id):
    return db.session.scalar(_rounds_query(conference_id, table_id).where(VotingRound.state == RoundState.OPEN)
                             .limit(1)) is not None


def save_table(actor, conference, *, topic, capacity, sector_id=None, facilitator_id=None, table_id=None):
    """Create a table, or change one (table_id)."""
    require_manage(actor, conference)
    errors = {}
    topic = _line(topic)
    if not 2 <= len(topic) <= TOPIC_MAX:
        errors["topic"] = [_l("The topic must have %(min)d to %(max)d characters.", min=2, max=TOPIC_MAX)]
    capacity = as_int(capacity, minimum=1, maximum=CAPACITY_MAX)
    if capacity is None:
        errors["capacity"] = [_l("Please give a whole number from %(low)d to %(high)d.", low=1, high=CAPACITY_MAX)]
    sector = None
    if sector_id not in (None, "", 0):
        sector = db.session.get(Sector, as_id(sector_id)) if as_id(sector_id) else None
        if sector is None or sector.process_id != conference.process_id:
            errors["sector_id"] = [_l("Please choose one of this process's sectors.")]
    facilitator = None
    if facilitator_id not in (None, "", 0):
        facilitator = db.session.get(Participant, as_id(facilitator_id)) if as_id(facilitator_id) else None
        if facilitator is None or facilitator.conference_id != conference.id \
                or facilitator.kind != ParticipantKind.FACILITATOR:
            errors["facilitator_id"] = [_l("Please choose one of this conference's table facilitators.")]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    if table_id is None:
        position = (db.session.scalar(sa.select(sa.func.max(ThemeTable.position))
                                      .where(ThemeTable.conference_id == conference.id)) or 0) + 1
        table = ThemeTable(conference_id=conference.id, position=position)
        db.session.add(table)
    else:
        table = _table_of(conference, table_id)
        if capacity < seated_count(table.id):
            raise ValidationFailed(_l("More people already sit at this table."), field="capacity")
    table.topic, table.capacity, table.sector_id = topic, capacity, sector.id if sector else None
    db.session.flush()
    if facilitator is not None:
        table.facilitator_id = facilitator.id
        facilitator.table_id = table.id
    elif facilitator_id in (None, "", 0):
        table.facilitator_id = None
    db.session.flush()
    return table


def delete_table(actor, conference, table_id):
    require_manage(actor, conference)
    table = _table_of(conference, table_id)
    if db.session.scalar(sa.select(VotingRound.id).where(VotingRound.table_id == table.id).limit(1)) is not None:
        raise InvalidState(_l("This table has voting rounds; it can no longer be removed."))
    for person in db.session.scalars(sa.select(Participant).where(sa.or_(
            Participant.table_id == table.id, Participant.first_choice_id == table.id,
            Participant.second_choice_id == table.id))):
        for name in ("table_id", "first_choice_id", "second_choice_id"):
            if getattr(person, name) == table.id:
                setattr(person, name, None)
    table.facilitator_id = None
    db.session.flush()
    db.session.delete(table)
    db.session.flush()


def add_item(actor, conference, table_id, *, kind, idea_id=None, measure_id=None, label=None):
    """An item to vote on: one of the process's ideas or measures, or a free option (label)."""
    table = _table_of(conference, table_id) if table_id not in (None, "", 0) else None
    require_steer(actor, conference, table)
    kind = _enum_value(ItemKind, kind, "kind")
    table_key = table.id if table else None
    if _has_open_round(conference.id, table_key):
        raise InvalidState(_l("A round is open at this table; change its items after closing it."))
    item = TableItem(conference_id=conference.id, table_id=table_key, kind=kind)
    if kind == ItemKind.IDEA:
        idea = db.session.get(Idea, as_id(idea_id)) if as_id(idea_id) else None
        if idea is None or idea.process_id != conference.process_id or idea.hidden_at is not None:
            raise ValidationFailed(_l("Please choose one of this process's ideas."), field="idea_id")
        item.idea_id, item.label = idea.id, idea.title
    elif kind == ItemKind.MEASURE:
        measure = db.session.get(Measure, as_id(measure_id)) if as_id(measure_id) else None
        if measure is None or measure.process_id != conference.process_id:
            raise ValidationFailed(_l("Please choose one of this process's measures."), field="measure_id")
        item.measure_id, item.label = measure.id, f"{measure.code} {measure.title}"[:200]
    if _line(label):
        item.label = _line(label)[:200]
    if not item.label:
        raise ValidationFailed(_l("Please give the option's text."), field="label")
    item.position = (db.session.scalar(sa.select(sa.func.max(TableItem.position)).where(
        TableItem.conference_id == conference.id,
        TableItem.table_id.is_(None) if table_key is None else TableItem.table_id == table_key)) or 0) + 1
    db.session.add(item)
    db.session.flush()
    return item


def remove_item(actor, conference, item_id):
    item = db.session.get(TableItem, as_id(item_id)) if as_id(item_id) else None
    if item is None or item.conference_id != conference.id:
        raise NotFound(_l("This item does not exist."))
    require_steer(actor, conference, item.table_id)
    if db.session.scalar(_rounds_query(conference.id, item.table_id).limit(1)) is not None:
        raise InvalidState(_l("Votes have been taken on these items; they can no longer be removed."))
    db.session.delete(item)
    db.session.flush()


# --- participants ---------------------------------------------------------------------

KIND_ALIASES = {
    "expert": ParticipantKind.EXPERT, "experte": ParticipantKind.EXPERT, "expertin": ParticipantKind.EXPERT,
    "fachperson": ParticipantKind.EXPERT, "citizen": ParticipantKind.CITIZEN,
    "bürger": ParticipantKind.CITIZEN, "bürgerin": ParticipantKind.CITIZEN, "buerger": ParticipantKind.CITIZEN,
    "buergerin": ParticipantKind.CITIZEN, "facilitator": ParticipantKind.FACILITATOR,
    "tischmoderation": ParticipantKind.FACILITATOR, "moderator": ParticipantKind.MODERATOR,
    "moderation": ParticipantKind.MODERATOR, "moderatorin": ParticipantKind.MODERATOR,
}
EMAIL_RE = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
CSV_MAX_ROWS = 5000


def _row_errors(row, seen_emails, existing_emails):
    """Problems of one participant row (dict with display_name, email, kind, panel_member_id)."""
    problems = []
    name = row.get("display_name")
    name = _line(name)
    if not 2 <= len(name) <= NAME_MAX:
        problems.append(_l("The name must have %(min)d to %(max)d characters.", min=2, max=NAME_MAX))
    email = row.get("email")
    email = _line(email).lower()
    if email and (len(email) > 254 or not EMAIL_RE.match(email)):
        problems.append(_l("This is not an e-mail address."))
    elif email and (email in seen_emails or email in existing_emails):
        problems.append(_l("This e-mail address is already on the list."))
    kind = row.get("kind")
    kind = KIND_ALIASES.get(kind.strip().lower()) if isinstance(kind, str) else kind
    if kind not in ParticipantKind.__members__.values():
        problems.append(_l("The kind must be expert, citizen, facilitator or moderator."))
        kind = None
    panel_member_id = row.get("panel_member_id")
    if panel_member_id not in (None, ""):
        panel_member_id = as_id(panel_member_id)
        if panel_member_id is None:
            problems.append(_l("The panel member is not a valid number."))
    else:
        panel_member_id = None
    return problems, {"display_name": name, "email": email or None, "kind": kind, "panel_member_id": panel_member_id}


def _existing_emails(conference):
    return set(db.session.scalars(sa.select(Participant.email).where(
        Participant.conference_id == conference.id, Participant.email.is_not(None))))


def add_participants(actor, conference, rows, *, invite=True, now=None):
    """Add many participants at once, all or nothing. `rows`: dicts with display_name, email (may be
    None), kind (expert, citizen, facilitator, moderator) and panel_member_id (may be None). The lottery
    hands its panel over through this. ValidationFailed lists the problems by row number (1-based)."""
    require_manage(actor, conference)
    rows = list(rows)
    existing, seen, cleaned, errors = _existing_emails(conference), set(), [], {}
    for number, row in enumerate(rows, start=1):
        problems, values = _row_errors(row if isinstance(row, dict) else {}, seen, existing)
        if problems:
            errors[str(number)] = problems
        if values["email"]:
            seen.add(values["email"])
        cleaned.append(values)
    if errors:
        raise ValidationFailed(_l("No one was added: please correct the rows listed."), errors=errors)
    now = now or utcnow()
    added = [Participant(conference_id=conference.id, created_at=now, **values) for values in cleaned]
    db.session.add_all(added)
    db.session.flush()
    record(actor, conference.process_id, "conference_participants_added", "conference", conference.id,
           _l("%(count)d participants added", count=len(added)))
    if invite:
        for participant in added:
            if participant.email and participant.kind != ParticipantKind.CITIZEN:
                send_invitation(actor, participant, now=now)
    return added


def add_participant(actor, conference, display_name, email=None, kind=ParticipantKind.CITIZEN,
                    panel_member_id=None, invite=True):
    try:
        return add_participants(actor, conference, [{"display_name": display_name, "email": email, "kind": kind,
                                                     "panel_member_id": panel_member_id}], invite=invite)[0]
    except ValidationFailed as error:
        raise ValidationFailed(_l("Please correct the marked fields."),
                               errors={None: error.errors.get("1", [])}) from None


def parse_participants_csv(data):
    """Rows of `name;e-mail;kind` (a header line is recognised and skipped; `,` works as well).
    Returns (rows, problems) with problems as {line number: [messages]}."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return [], {"1": [_l("The file is not a text file in UTF-8.")]}
    else:
        text = data or ""
    lines = text.replace("\x00", "").splitlines()
    if not any(line.strip() for line in lines):
        return [], {"1": [_l("The file is empty.")]}
    delimiter = ";" if ";" in lines[0] or "," not in lines[0] else ","
    rows, problems = [], {}
    for number, fields in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
        if not any(f.strip() for f in fields):
            continue
        if number == 1 and fields and fields[0].strip().lower() in ("name", "display_name", "vorname name"):
            continue
        if len(fields) != 3:
            problems[str(number)] = [_l("Expected three fields: name;e-mail;kind.")]
            continue
        rows.append((number, {"display_name": fields[0], "email": fields[1], "kind": fields[2] or "citizen"}))
        if len(rows) > CSV_MAX_ROWS:
            problems[str(number)] = [_l("At most %(n)d people per file.", n=CSV_MAX_ROWS)]
            break
    return rows, problems


def import_participants_csv(actor, conference, data, *, invite=True):
    """Import a CSV file all or nothing; ValidationFailed lists the problems by line."""
    require_manage(actor, conference)
    rows, problems = parse_participants_csv(data)
    existing, seen = _existing_emails(conference), set()
    for number, row in rows:
        row_problems, values = _row_errors(row, seen, existing)
        if values["email"]:
            seen.add(values["email"])
        if row_problems:
            problems[str(number)] = problems.get(str(number), []) + row_problems
    if problems:
        ordered = dict(sorted(problems.items(), key=lambda kv: int(kv[0])))
        raise ValidationFailed(_l("Nothing was imported: please correct the lines listed."), errors=ordered)
    return add_participants(actor, conference, [row for _, row in rows], invite=invite)


def participants_of(conference):
    return list(db.session.scalars(sa.select(Participant).where(Participant.conference_id == conference.id)
                                   .order_by(Participant.kind, Participant.display_name, Participant.id)))


def participant_list(actor, conference):
    """The conference's people with names, e-mail addresses and join links, for its team; logged."""
    require_manage(actor, conference)
    people = participants_of(conference)
    log_access(actor, conference.process, "view_participants", _subject(conference), len(people))
    return people


def join_card_people(actor, conference, kind=None):
    """Those whose join cards are printed (all, or one kind); the read is logged like the list."""
    require_manage(actor, conference)
    people = participants_of(conference)
    if kind is not None:
        people = [p for p in people if p.kind == kind]
    log_access(actor, conference.process, "join_cards", _subject(conference, kind), len(people))
    return people


def join_link_of(actor, conference, participant_id):
    """One participant's join link (for the QR code), for the team; logged."""
    require_manage(actor, conference)
    person = participant_in(conference, participant_id)
    log_access(actor, conference.process, "view_join_qr", f"{_subject(conference)} · Nr. {person.id}", 1)
    return join_url(person)


def _subject(conference, kind=None):
    subject = f"Konferenz {conference.id}: {conference.title}"
    return f"{subject} ({kind})" if kind else subject


def participant_in(conference, participant_id):
    participant = db.session.get(Participant, as_id(participant_id)) if as_id(participant_id) else None
    if participant is None or participant.conference_id != conference.id:
        raise NotFound(_l("This participant does not exist."))
    return participant


def join_url(participant):
    return external_url("conference.join", token=participant.token)


def send_invitation(actor, participant, now=None):
    """E-mail the personal join link (after the transaction commits)."""
    conference = participant.conference
    require_manage(actor, conference)
    if not participant.email:
        raise InvalidState(_l("This participant has no e-mail address."))
    notifications.send(
        participant.email, "conference_invitation",
        _l("Invitation: %(title)s", title=conference.title),
        participant=participant, conference=conference, join_url=join_url(participant),
    )
    participant.invited_at = now or utcnow()
    db.session.flush()
    return participant


def send_invitations(actor, conference, only_new=True):
    """Invite everyone with an e-mail address (only those not yet invited, by default)."""
    require_manage(actor, conference)
    sent = 0
    for participant in participants_of(conference):
        if participant.email and (participant.invited_at is None or not only_new):
            send_invitation(actor, participant)
            sent += 1
    return sent


def renew_token(actor, participant):
    """A new join link; the old one stops working."""
    require_manage(actor, participant.conference)
    participant.token = new_token()
    db.session.flush()
    return participant


def remove_participant(actor, conference, participant_id):
    require_manage(actor, conference)
    participant = participant_in(conference, participant_id)
    if db.session.scalar(sa.select(Ballot.id).where(Ballot.participant_id == participant.id).limit(1)) is not None:
        raise InvalidState(_l("This person has voted; they can no longer be removed."))
    for table in conference.tables:
        if table.facilitator_id == participant.id:
            table.facilitator_id = None
    db.session.flush()
    db.session.delete(participant)
    db.session.flush()


def move_participant(actor, conference, participant_id, table_id):
    """Staff move a person to a table by hand (table_id None: no table); capacity still holds."""
    require_manage(actor, conference)
    participant = participant_in(conference, participant_id)
    if table_id in (None, "", 0):
        participant.table_id = None
        db.session.flush()
        return participant
    table = _table_of(conference, table_id)
    if participant.is_member and participant.table_id != table.id:
        _lock_table(table.id)
        if seated_count(table.id) >= table.capacity:
            raise InvalidState(_l("This table is full."))
    participant.table_id = table.id
    db.session.flush()
    return participant


def join_with_code(code, display_name, now=None):
    """A walk-in joins with the event code (where staff allow it) and gets a join link of their own."""
    code = _line(code).upper()
    conference = db.session.scalar(sa.select(Conference).where(Conference.event_code == code)) \
        if EVENT_CODE_RE.match(code) else None
    if conference is None or not conference.walk_ins_allowed or conference.status == ConferenceStatus.FINISHED:
        raise NotFound(_l("There is no conference with this code open to walk-ins."))
    name = _line(display_name)
    if not 2 <= len(name) <= NAME_MAX:
        raise ValidationFailed(_l("The name must have %(min)d to %(max)d characters.", min=2, max=NAME_MAX),
                               field="display_name")
    participant = Participant(conference_id=conference.id, kind=ParticipantKind.CITIZEN, display_name=name,
                              walk_in=True, created_at=now or utcnow())
    db.session.add(participant)
    db.session.flush()
    return participant


# --- assignment and rotation ------------------------------------------------------------

@dataclass
class AssignmentReport:
    placed: int = 0
    first_choices: int = 0
    second_choices: int = 0
    unplaced: list = field(default_factory=list)


def _quotas(total, tables, free):
    """Largest-remainder shares of `total` people over `tables`, proportional to capacity."""
    capacity = sum(t.capacity for t in tables)
    if not capacity:
        return {t.id: 0 for t in tables}
    exact = {t.id: total * t.capacity / capacity for t in tables}
    quotas = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: (-(exact[k] - quotas[k]), k))[: total - sum(quotas.values())]:
        quotas[key] += 1
    return quotas


def assign_tables(actor, conference, *, keep_existing=True):
    """Seat experts and citizens: every table gets a balanced mix of both kinds (shares in proportion to
    its capacity), first choices are honoured where the table's share allows, then second choices, then
    the table with the most room for that kind. Deterministic (people in id order)."""
    require_manage(actor, conference)
    tables = list(conference.tables)
    if not tables:
        raise InvalidState(_l("The conference has no tables yet."))
    members = [p for p in participants_of(conference) if p.is_member]
    members.sort(key=lambda p: p.id)
    if not keep_existing:
        for person in members:
            person.table_id = None
    by_id = {t.id: t for t in tables}
    seated = {t.id: {kind: 0 for kind in MEMBER_KINDS} for t in tables}
    for person in members:
        if person.table_id in by_id:
            seated[person.table_id][person.kind] += 1
    report = AssignmentReport()
    waiting = [p for p in members if p.table_id not in by_id]
    quotas = {kind: _quotas(sum(1 for p in members if p.kind == kind), tables, None) for kind in MEMBER_KINDS}

    def room(table_id):
        return by_id[table_id].capacity - sum(seated[table_id].values())

    def seat(person, table_id):
        person.table_id = table_id
        seated[table_id][person.kind] += 1
        report.placed += 1

    for choice in ("first_choice_id", "second_choice_id"):
        for person in list(waiting):
            wish = getattr(person, choice)
            if wish in by_id and room(wish) > 0 and seated[wish][person.kind] < quotas[person.kind][wish]:
                seat(person, wish)
                waiting.remove(person)
                if choice == "first_choice_id":
                    report.first_choices += 1
                else:
                    report.second_choices += 1
    for person in waiting:
        candidates = [t.id for t in tables if room(t.id) > 0]
        if not candidates:
            report.unplaced.append(person)
            continue
        best = min(candidates, key=lambda t: (
            seated[t][person.kind] - quotas[person.kind][t],  # furthest below its share of this kind
            -room(t), by_id[t].position, t))
        seat(person, best)
        if best == person.first_choice_id:
            report.first_choices += 1
        elif best == person.second_choice_id:
            report.second_choices += 1
    db.session.flush()
    record(actor, conference.process_id, "conference_assigned", "conference", conference.id,
           _l("%(placed)d placed, %(unplaced)d without a seat", placed=report.placed, unplaced=len(report.unplaced)))
    return report


def _encounters(conference, members_ids):
    """Pairs (a, b), a < b, who have sat at one table before (any earlier rotation or now)."""
    groups = {}
    for seating in db.session.scalars(sa.select(Seating).where(Seating.conference_id == conference.id)):
        groups.setdefault((seating.rotation, seating.table_id), []).append(seating.participant_id)
    met = set()
    for people in groups.values():
        people = sorted(people)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                met.add((a, b))
    return met


def _record_seatings(conference, people, rotation):
    known = set(db.session.scalars(sa.select(Seating.participant_id).where(
        Seating.conference_id == conference.id, Seating.rotation == rotation)))
    for person in people:
        if person.table_id is not None and person.id not in known:
            db.session.add(Seating(conference_id=conference.id, participant_id=person.id, table_id=person.table_id,
                                   rotation=rotation))
    db.session.flush()


@dataclass
class RotationReport:
    rotation: int
    moved: int
    repeat_pairs: int
    new_pairs: int


def rotate_tables(actor, conference, max_passes=4):
    """World-Café rotation: facilitators stay; experts and citizens move so that each table meets as
    many people as possible whom they have not sat with before, keeping each table's capacity and its
    mix of kinds. Deterministic: a greedy seating in id order, then pairwise swaps of people of the
    same kind while they reduce repeated encounters."""
    require_manage(actor, conference)
    if db.session.scalar(sa.select(VotingRound.id).where(VotingRound.conference_id == conference.id,
                                                         VotingRound.state == RoundState.OPEN,
                                                         VotingRound.table_id.is_not(None)).limit(1)):
        raise InvalidState(_l("Close the open table rounds before the tables rotate."))
    tables = list(conference.tables)
    people = participants_of(conference)
    by_id = {t.id: t for t in tables}
    movers = sorted((p for p in people if p.is_member and p.table_id in by_id), key=lambda p: (p.table_id, p.id))
    if len(tables) < 2 or not movers:
        raise InvalidState(_l("Rotation needs at least two tables with people at them."))
    hosts = {t.id: [p.id for p in people if not p.is_member and p.table_id == t.id] for t in tables}
    _record_seatings(conference, people, conference.rotation)
    met = _encounters(conference, None)

    def knows(a, b):
        return (min(a, b), max(a, b)) in met

    previous = {p.id: p.table_id for p in movers}
    # The same number of each kind at each table as now: the mix stays balanced.
    slots = {t.id: {kind: 0 for kind in MEMBER_KINDS} for t in tables}
    for person in movers:
        slots[person.table_id][person.kind] += 1
    # Interleave people from the tables (first of each table, then the second, ...), as a World Café does.
    columns = {}
    for person in movers:
        columns.setdefault(person.table_id, []).append(person)
    order = []
    for rank in range(max(len(c) for c in columns.values())):
        order.extend(c[rank] for _, c in sorted(columns.items()) if rank < len(c))
    seated = {t.id: list(hosts[t.id]) for t in tables}
    placement = {}
    filled = {t.id: {kind: 0 for kind in MEMBER_KINDS} for t in tables}
    for person in order:
        options = [t.id for t in tables if filled[t.id][person.kind] < slots[t.id][person.kind]]
        best = min(options, key=lambda t: (
            2 * sum(1 for other in seated[t] if knows(person.id, other)) + (1 if t == previous[person.id] else 0),
            len(seated[t]), by_id[t].position, t))
        placement[person.id] = best
        seated[best].append(person.id)
        filled[best][person.kind] += 1

    def cost_at(pid, table_id, without=None):
        # Meeting someone again costs twice as much as staying at the same table.
        return 2 * sum(1 for other in seated[table_id] if other != pid and other != without and knows(pid, other)) \
            + (1 if previous[pid] == table_id else 0)

    kinds = {p.id: p.kind for p in movers}
    ids = [p.id for p in order]
    for _ in range(max_passes):
        improved = False
        for i, a in enumerate(ids):
            if cost_at(a, placement[a]) == 0:
                continue
            for b in ids[i + 1:]:
                ta, tb = placement[a], placement[b]
                if ta == tb or kinds[a] != kinds[b]:
                    continue
                before = cost_at(a, ta) + cost_at(b, tb)
                after = cost_at(a, tb, without=b) + cost_at(b, ta, without=a)
                if after < before:
                    seated[ta].remove(a)
                    seated[tb].remove(b)
                    seated[ta].append(b)
                    seated[tb].append(a)
                    placement[a], placement[b] = tb, ta
                    improved = True
                    break
        if not improved:
            break
    moved = 0
    for person in movers:
        if person.table_id != placement[person.id]:
            moved += 1
        person.table_id = placement[person.id]
    conference.rotation += 1
    db.session.flush()
    _record_seatings(conference, people, conference.rotation)
    repeat = new = 0
    for members in seated.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if knows(a, b):
                    repeat += 1
                else:
                    new += 1
    record(actor, conference.process_id, "conference_rotated", "conference", conference.id,
           _l("rotation %(rotation)d: %(moved)d moved", rotation=conference.rotation, moved=moved))
    return RotationReport(conference.rotation, moved, repeat, new)


# --- ideas from the tables ------------------------------------------------------------

def record_table_idea(actor, table, title, body, now=None):
    """A facilitator records an idea raised at the table: it enters the moderation queue marked with
    the conference and table."""
    conference = table.conference
    require_steer(actor, conference, table)
    errors = {}
    title, body = _line(title), _line(body)
    if not IDEA_TITLE_MIN <= len(title) <= IDEA_TITLE_MAX:
        errors["title"] = [_l("The title must have %(min)d to %(max)d characters.", min=IDEA_TITLE_MIN,
                              max=IDEA_TITLE_MAX)]
    if not IDEA_BODY_MIN <= len(body) <= IDEA_BODY_MAX:
        errors["body"] = [_l("The description must have %(min)d to %(max)d characters.", min=IDEA_BODY_MIN,
                             max=IDEA_BODY_MAX)]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    process = conference.process
    sector_id = table.sector_id or process.sectors[0].id
    now = now or utcnow()
    idea = Idea(
        process_id=process.id, author_id=None, title=title, body=body, body_html=render_markdown(body),
        sector_id=sector_id, status=IdeaStatus.SUBMITTED, created_at=now, updated_at=now,
        conference_id=conference.id, theme_table_id=table.id,
        source_note=f"{conference.title[:120]} · {table.topic[:70]}",
    )
    db.session.add(idea)
    db.session.flush()
    return idea


def table_ideas(conference, table_id=None):
    query = sa.select(Idea).where(Idea.conference_id == conference.id)
    if table_id is not None:
        query = query.where(Idea.theme_table_id == table_id)
    return list(db.session.scalars(query.order_by(Idea.created_at, Idea.id)))


# --- results --------------------------------------------------------------------------

def closed_rounds(conference):
    rounds = list(db.session.scalars(sa.select(VotingRound).where(
        VotingRound.conference_id == conference.id, VotingRound.state == RoundState.CLOSED)))
    positions = {t.id: t.position for t in conference.tables}
    return sorted(rounds, key=lambda r: (r.table_id is not None, positions.get(r.table_id, 0), r.id))


FIGURE_KEYS = {
    VoteMethod.DOTS: ("dots",), VoteMethod.APPROVAL: ("approvals",), VoteMethod.SINGLE: ("votes",),
    VoteMethod.RANKING: ("points", "firsts"), VoteMethod.AGREEMENT: ("mean", "count", "histogram"),
}


def result_rows(conference):
    """One row per closed round and item: the table, the round, the item and its figures."""
    items = {i.id: i for i in db.session.scalars(sa.select(TableItem).where(TableItem.conference_id == conference.id))}
    tables = {t.id: t for t in conference.tables}
    rows = []
    for voting_round in closed_rounds(conference):
        counted = tally(voting_round)
        for entry in counted["items"]:
            item = items.get(entry["id"])
            figures = {k: v for k, v in entry.items() if k not in ("id", "label")}
            rows.append({"round": voting_round, "table": tables.get(voting_round.table_id), "item": item,
                         "label": entry["label"], "ballots": counted["ballots"], "figures": figures})
    return rows


def require_results(actor, conference):
    require_manage(actor, conference)


def send_to_catalogue(actor, conference, now=None):
    """Store each voted idea's or measure's figures with the conference as their source (replacing what an
    earlier sending stored). Returns the number of results stored."""
    require_manage(actor, conference)
    rows = [r for r in result_rows(conference) if r["item"] is not None
            and (r["item"].measure_id is not None or r["item"].idea_id is not None)]
    if not rows:
        raise InvalidState(_l("There are no closed rounds on ideas or measures to send."))
    db.session.execute(sa.delete(ConferenceResult).where(ConferenceResult.conference_id == conference.id))
    now = now or utcnow()
    for row in rows:
        db.session.add(ConferenceResult(
            conference_id=conference.id, round_id=row["round"].id, table_id=row["round"].table_id,
            measure_id=row["item"].measure_id, idea_id=row["item"].idea_id, item_label=row["label"][:200],
            table_topic=row["table"].topic if row["table"] else "", round_title=row["round"].title,
            method=row["round"].method, figures={**row["figures"], "ballots": row["ballots"]}, created_at=now,
        ))
    conference.sent_to_catalogue_at = now
    db.session.flush()
    record(actor, conference.process_id, "conference_sent_to_catalogue", "conference", conference.id,
           _l("%(count)d results sent to the catalogue", count=len(rows)))
    return len(rows)


def results_for_measure(measure):
    return list(db.session.scalars(sa.select(ConferenceResult).where(ConferenceResult.measure_id == measure.id)
                                   .order_by(ConferenceResult.created_at.desc(), ConferenceResult.id)))


def results_for_idea(idea):
    return list(db.session.scalars(sa.select(ConferenceResult).where(ConferenceResult.idea_id == idea.id)
                                   .order_by(ConferenceResult.created_at.desc(), ConferenceResult.id)))
