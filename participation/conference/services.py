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
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..database import as_utc, utcnow
from ..errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from ..extensions import db
from ..values import as_id
from .models import (
    MEMBER_KINDS,
    Announcement,
    Ballot,
    Conference,
    Participant,
    ParticipantKind,
    ResultsVisibility,
    RoundState,
    TableItem,
    ThemeTable,
    VoteMethod,
    VotingRound,
)

ANNOUNCEMENT_MAX = 500
ROUND_TITLE_MAX = 160
MAX_DURATION_SECONDS = 4 * 3600
MAX_EXTENSION_SECONDS = 2 * 3600
AGREEMENT_SCALE = (1, 2, 3, 4, 5)
DEFAULT_SETTINGS = {
    VoteMethod.DOTS: {"dots": 5, "max_per_item": 3},
    VoteMethod.RANKING: {"depth": 3},
}


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
    if not isinstance(token, str) or not 10 <= len(token) <= 43:
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
        value = settings.get(name, defaults[name])
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
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
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValidationFailed(
            _l("Please give a duration from %(low)d to %(high)d seconds.", low=1, high=maximum), field=field_name
        )
    return value


def create_round(actor, conference, table_id=None, *, title, method, settings=None,
                 results_visibility=ResultsVisibility.LIVE, duration_seconds=None):
    """A prepared (draft) round for one table or, with table_id None, the plenary."""
    table = _table_of(conference, table_id) if table_id is not None else None
    require_steer(actor, conference, table)
    title = (title or "").strip() if isinstance(title, str) else ""
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
    values = {"state": RoundState.OPEN, "opened_at": now, "ends_at": ends_at, "duration_seconds": duration}
    if not _transition(voting_round, (RoundState.DRAFT,), values):
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
    ends = as_utc(voting_round.ends_at)
    new_end = max(ends or now, now) + timedelta(seconds=seconds)
    running = sa.or_(VotingRound.ends_at.is_(None), VotingRound.ends_at > now)
    if not _transition(voting_round, (RoundState.OPEN,), {"ends_at": new_end}, running):
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
    """Close every open round of the given tables (all tables and the plenary when None)."""
    query = sa.select(VotingRound).where(VotingRound.conference_id == conference.id,
                                         VotingRound.state == RoundState.OPEN)
    if table_ids is not None:
        keys = [_table_of(conference, t).id for t in table_ids]
        query = query.where(VotingRound.table_id.in_(keys))
    rounds = list(db.session.scalars(query.order_by(VotingRound.id)))
    for voting_round in rounds:
        require_steer(actor, conference, voting_round.table_id)
    return [r for r in rounds if _transition(r, (RoundState.OPEN,), {"state": RoundState.CLOSED,
                                                                     "closed_at": now or utcnow()})]


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
    ballot: Ballot
    duplicate: bool
    round: VotingRound


def _invalid(message):
    return ValidationFailed(message, field="payload")


def _item_key(value, known):
    key = as_id(value)
    if key is None or key not in known:
        raise _invalid(_l("This item is not part of the round."))
    return key


def _count(value, low, high, message):
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
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


def cast_vote(participant, round_id, payload, now=None):
    """Count one ballot per participant and round. A re-sent ballot is answered as a duplicate
    (duplicate=True) and counted once; the state and end time are checked in the same statement
    that counts the ballot."""
    if not is_participant(participant):
        raise NotAllowed(_l("Only participants can vote."))
    voting_round = get_round(round_id)
    if not can_vote(participant, voting_round):
        raise NotAllowed(_l("You cannot vote in this round."))
    existing = _existing_ballot(voting_round.id, participant.id)
    if existing is not None:
        return VoteOutcome(existing, True, voting_round)
    now = now or utcnow()
    if not voting_round.is_running(now):
        raise InvalidState(_l("This round is not open for votes."))
    cleaned = validate_payload(voting_round, payload, [i.id for i in items_for(voting_round.conference_id,
                                                                                voting_round.table_id)])
    savepoint = db.session.begin_nested()
    counted = db.session.execute(
        sa.update(VotingRound)
        .where(VotingRound.id == voting_round.id, VotingRound.state == RoundState.OPEN,
               sa.or_(VotingRound.ends_at.is_(None), VotingRound.ends_at > now))
        .values(version=VotingRound.version + 1),
        execution_options={"synchronize_session": False},
    ).rowcount == 1
    if not counted:
        savepoint.rollback()
        db.session.refresh(voting_round)
        raise InvalidState(_l("This round is not open for votes."))
    ballot = Ballot(round_id=voting_round.id, participant_id=participant.id, payload=cleaned, created_at=now)
    db.session.add(ballot)
    try:
        db.session.flush()
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        existing = _existing_ballot(voting_round.id, participant.id)
        if existing is None:
            raise
        db.session.refresh(voting_round)
        return VoteOutcome(existing, True, voting_round)
    db.session.refresh(voting_round)
    return VoteOutcome(ballot, False, voting_round)


# --- tallies and snapshots ------------------------------------------------------------

def tally(voting_round, items=None):
    """Figures per item, in item order, and the number of ballots.

    dots: dots; approval: approvals; single: votes; ranking: points (Borda, depth − place + 1)
    and firsts; agreement: histogram [n at 1, ..., n at 5], count and mean."""
    items = items if items is not None else items_for(voting_round.conference_id, voting_round.table_id)
    payloads = list(db.session.scalars(sa.select(Ballot.payload).where(Ballot.round_id == voting_round.id)))
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
    items = items_for(conference.id, table_key)
    voting_round = current_round(conference.id, table_key)
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
    text = text.strip() if isinstance(text, str) else ""
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
    tables = [t for t in conference.tables if can_steer(actor, conference, t)]
    if not tables and not can_steer(actor, conference):
        raise NotAllowed(_l("Only the moderation of this conference or table can do this."))
    people = list(db.session.scalars(sa.select(Participant).where(Participant.conference_id == conference.id)
                                     .order_by(Participant.display_name, Participant.id)))
    by_table = {}
    for person in people:
        by_table.setdefault(person.table_id, []).append(person)

    def entry(table):
        key = table.id if table else None
        voting_round = current_round(conference.id, key)
        seated = by_table.get(key, []) if table is not None else []
        return {
            "table": table_dict(table),
            "participants": [{"id": p.id, "display_name": p.display_name, "kind": p.kind.value,
                              "online": p.is_online} for p in seated],
            "online": sum(1 for p in seated if p.is_online),
            "round": round_dict(voting_round),
            "tally": tally(voting_round) if voting_round is not None and voting_round.state != RoundState.DRAFT
            else None,
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
