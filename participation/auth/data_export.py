"""A resident's own data (DSGVO Art. 15 and 20): everything stored about one account, as one JSON file.

`personal_data(user)` assembles the file's content (no request, no commit); `record_download(user)`
writes the audit entry and the log line. The route in `auth/routes.py` only calls both and sends
the bytes of `to_json(...)`.

What belongs to the person was decided column by column for every model in participation/*/models.py:

- `COLUMNS` names, for each table read for the file, the columns that go into it and, with the
  reason, those withheld (secrets that would let the holder of the file act as the person, values
  derived from others, other people's data). `tests/auth/test_data_export.py` checks that every
  column of these tables and every column anywhere that points at an account is decided here, so
  that a new column cannot slip past the download unnoticed.
- `TEAM_RECORDS` lists the columns that record what an account did as moderator or staff; the file
  lists those records (kind, id, time) without their content, which is other people's data.
- Conference participations and lottery answers carry no account: they are found by the account's
  e-mail address, and only once that address is confirmed (an unconfirmed account could have been
  registered with somebody else's address).

Tables named here that this version does not have are skipped, so the file never fails on them.
"""
import json
import logging
from collections.abc import Mapping

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..database import utcnow
from ..extensions import db

log = logging.getLogger(__name__)

FORMAT = "participation-personal-data/1"

# table -> {"export": [columns in the file], "withhold": {column: reason}}
_SECRET = _l("a secret that would let anyone holding this file act as you; it is never shown, only checked")
_STAFF = _l("the account of the staff member who acted (another person's data)")
_DERIVED = _l("derived from other data in this file, or a technical counter")
_WORK = _l("internal state of the moderation team's work")

COLUMNS = {
    "users": {
        "export": ["id", "email", "display_name", "locale", "is_admin", "email_verified_at", "blocked_at",
                   "blocked_reason", "failed_login_count", "last_failed_login_at", "last_login_at", "created_at",
                   "totp_enabled_at",
                   "notify_published", "notify_rejected", "notify_edit_requested", "notify_merged", "notify_adopted"],
        "withhold": {"password_hash": _l("your password is stored only as a one-way hash (scrypt); the hash is "
                                         "left out so that nobody can try to guess the password from this file"),
                     "session_token": _SECRET, "totp_secret": _SECRET, "totp_last_step": _DERIVED},
    },
    "process_roles": {"export": ["id", "process_id", "role", "created_at", "user_id"], "withhold": {"granted_by_id": _STAFF}},
    "ideas": {
        "export": ["id", "process_id", "title", "body", "sector_id", "district_id", "status", "rejection_reason",
                   "merged_into_id", "support_count", "comment_count", "created_at", "updated_at", "published_at",
                   "edited_at", "edit_requested_at", "edit_request_note", "resubmitted_at", "moderated_at",
                   "moderator_edited_at", "hidden_at", "hidden_reason", "source_note", "conference_id",
                   "theme_table_id", "author_id"],
        "withhold": {"body_html": _DERIVED, "listed": _DERIVED, "version": _DERIVED, "claimed_by_id": _WORK,
                     "claimed_until": _WORK, "hidden_by_id": _STAFF,
                     "open_reports": _l("the number of open reports by other people")},
    },
    "moderation_decisions": {
        "export": ["id", "idea_id", "comment_id", "action", "text", "version", "created_at", "process_id"],
        "withhold": {"moderator_id": _STAFF, "reason_template_id": _DERIVED},
    },
    "comments": {
        "export": ["id", "idea_id", "parent_id", "body", "status", "rejection_reason", "created_at", "updated_at",
                   "moderated_at", "hidden_at", "hidden_reason", "author_id"],
        "withhold": {"body_html": _DERIVED, "version": _DERIVED, "claimed_by_id": _WORK, "claimed_until": _WORK,
                     "hidden_by_id": _STAFF, "open_reports": _l("the number of open reports by other people")},
    },
    "supports": {"export": ["id", "idea_id", "created_at", "user_id"], "withhold": {}},
    "reports": {
        "export": ["id", "process_id", "idea_id", "comment_id", "reason", "created_at", "resolved_at", "resolution",
                   "reporter_id"],
        "withhold": {"resolved_by_id": _STAFF},
    },
    "audit_entries": {  # entries whose subject is the account (blocking, the downloads of this file)
        "export": ["id", "process_id", "action", "object_type", "object_id", "summary", "created_at"],
        "withhold": {"actor_id": _STAFF, "actor_name": _STAFF, "before_state": _DERIVED, "after_state": _DERIVED},
    },
    "process_blocks": {
        "export": ["id", "process_id", "user_id", "reason", "created_at"],
        "withhold": {"blocked_by_id": _STAFF, "blocked_by_name": _STAFF},
    },
    "participants": {
        "export": ["id", "conference_id", "kind", "display_name", "email", "table_id", "first_choice_id",
                   "second_choice_id", "panel_member_id", "walk_in", "invited_at", "joined_at", "last_seen_at",
                   "left_at", "created_at"],
        "withhold": {"token": _l("your personal join link; anyone holding it could join as you, so it is only "
                                 "in the invitation mail")},
    },
    "ballots": {"export": ["id", "round_id", "participant_id", "payload", "created_at"], "withhold": {}},
    "seatings": {"export": ["id", "conference_id", "participant_id", "table_id", "rotation"], "withhold": {}},
    "announcements": {
        "export": ["id", "conference_id", "table_id", "text", "author_name", "created_at", "author_participant_id",
                   "author_user_id"],
        "withhold": {},
    },
    "lottery_responses": {
        "export": ["id", "invitation_id", "accepted", "given_name", "family_name", "email", "phone", "features",
                   "availability", "accessibility_needs", "consent_at", "channel", "created_at", "updated_at"],
        "withhold": {"entered_by_id": _STAFF},
    },
    "invitations": {
        "export": ["id", "draw_id", "status", "responded_at"],
        "withhold": {"code": _l("the personal response code from your letter; anyone holding it could answer "
                                "in your name"),
                     "person_id": _l("the row of the population register extract, which is not linked to your "
                                     "account; ask the participation office for it"),
                     "person_ref": _DERIVED, "hmac": _DERIVED, "household": _DERIVED, "stratum": _DERIVED,
                     "rank": _DERIVED, "position": _DERIVED},
    },
    "panel_members": {
        "export": ["id", "panel_id", "invitation_id", "role", "status", "created_at", "withdrawn_at"],
        "withhold": {"position": _DERIVED, "replaces_id": _DERIVED},
    },
    "user_sessions": {
        "export": ["id", "remember", "second_factor_at", "created_at", "expires_at", "user_id"],
        "withhold": {"secret_hash": _SECRET},
    },
    "trusted_devices": {"export": ["id", "created_at", "expires_at", "user_id"], "withhold": {"secret_hash": _SECRET}},
    "recovery_codes": {"export": ["id", "used_at", "created_at", "user_id"], "withhold": {"code_hash": _SECRET}},
    "sign_in_events": {"export": ["id", "kind", "created_at", "user_id"],
                       "withhold": {"address_key": _l("the address the sign-in came from, kept only as a keyed "
                                                      "hash that nobody can turn back into the address")}},
    "sign_in_links": {"export": ["id", "created_at", "expires_at", "used_at", "user_id"],
                      "withhold": {"token_hash": _SECRET}},
}

# Columns that record an action of an account in a team role: (table, column, time column).
TEAM_RECORDS = (
    ("process_roles", "granted_by_id", "created_at"),
    ("ideas", "claimed_by_id", "claimed_until"),
    ("ideas", "hidden_by_id", "hidden_at"),
    ("comments", "claimed_by_id", "claimed_until"),
    ("comments", "hidden_by_id", "hidden_at"),
    ("moderation_decisions", "moderator_id", "created_at"),
    ("reports", "resolved_by_id", "resolved_at"),
    ("audit_entries", "actor_id", "created_at"),
    ("process_blocks", "blocked_by_id", "created_at"),
    ("measure_revisions", "author_id", "created_at"),
    ("idea_measure_links", "created_by_id", "created_at"),
    ("measure_scores", "scored_by_id", "updated_at"),
    ("register_uploads", "user_id", "created_at"),
    ("register_extracts", "imported_by_id", "created_at"),
    ("draws", "published_by_id", "published_at"),
    ("draws", "drawn_by_id", "drawn_at"),
    ("lottery_responses", "entered_by_id", "created_at"),
    ("selection_runs", "created_by_id", "created_at"),
    ("panels", "drawn_by_id", "created_at"),
    ("panels", "annulled_by_id", "annulled_at"),
    ("lottery_files", "requested_by_id", "created_at"),
    ("lottery_access_log", "user_id", "created_at"),
    ("announcements", "author_user_id", "created_at"),
)

# Columns pointing at an account that are the owner of a section of the file: (table, column).
OWNER_COLUMNS = (
    ("process_roles", "user_id"), ("ideas", "author_id"), ("comments", "author_id"), ("supports", "user_id"),
    ("reports", "reporter_id"), ("process_blocks", "user_id"), ("user_sessions", "user_id"),
    ("trusted_devices", "user_id"), ("recovery_codes", "user_id"), ("sign_in_events", "user_id"),
    ("sign_in_links", "user_id"),
)


def _table(name):
    return db.metadata.tables.get(name)


def _value(value):
    """JSON for a column value: dates as ISO 8601 (UTC for times), enums by their value, JSON as it is."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, Mapping):  # an Enum
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, bytes):
        return None
    return str(value)


def _rows(name, condition, order=("id",)):
    """The exported columns of the rows of table `name` that meet `condition(table)`, as dicts."""
    table = _table(name)
    if table is None:
        return []
    columns = [table.c[c] for c in COLUMNS[name]["export"] if c in table.c]
    query = sa.select(*columns).where(condition(table)).order_by(*(table.c[o] for o in order if o in table.c))
    return [{key: _value(value) for key, value in row._mapping.items()} for row in db.session.execute(query)]


def _names(name, ids, label="title"):
    """{id: label} of the rows of table `name` with these ids."""
    table = _table(name)
    ids = {i for i in ids if i is not None}
    if table is None or not ids:
        return {}
    return dict(db.session.execute(sa.select(table.c.id, table.c[label]).where(table.c.id.in_(ids))).all())


def _processes(ids):
    table = _table("processes")
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {row.id: {"slug": row.slug, "title": row.title, "municipality": row.municipality}
            for row in db.session.execute(sa.select(table.c.id, table.c.slug, table.c.title, table.c.municipality)
                                          .where(table.c.id.in_(ids)))}


def _section(description, data):
    return {"description": str(description), "data": data}


def _withheld(*tables):
    return {f"{table}.{column}": str(reason) for table in tables if _table(table) is not None
            for column, reason in COLUMNS[table]["withhold"].items() if column in _table(table).c}


# --- the sections ----------------------------------------------------------------------------------

def _account(user):
    [row] = _rows("users", lambda t: t.c.id == user.id)
    notifications = {key: row.pop(key) for key in list(row) if key.startswith("notify_")}
    events = _rows("audit_entries", lambda t: (t.c.object_type == "user") & (t.c.object_id == user.id),
                   order=("created_at", "id"))
    return row, notifications, events


def _roles(user):
    roles = _rows("process_roles", lambda t: t.c.user_id == user.id)
    processes = _processes(r["process_id"] for r in roles)
    for role in roles:
        role["process"] = processes.get(role["process_id"])
    return roles


def _ideas(user):
    ideas = _rows("ideas", lambda t: t.c.author_id == user.id, order=("created_at", "id"))
    processes = _processes(i["process_id"] for i in ideas)
    sectors = _names("sectors", (i["sector_id"] for i in ideas), "name")
    districts = _names("districts", (i["district_id"] for i in ideas), "name")
    ids = [i["id"] for i in ideas]
    decisions = _rows("moderation_decisions", lambda t: t.c.idea_id.in_(ids), order=("created_at", "id")) if ids else []
    for idea in ideas:
        idea["process"] = processes.get(idea["process_id"])
        idea["sector"] = sectors.get(idea["sector_id"])
        idea["district"] = districts.get(idea["district_id"])
        idea["moderation_decisions"] = [d for d in decisions if d["idea_id"] == idea["id"]]
    return ideas


def _comments(user):
    comments = _rows("comments", lambda t: t.c.author_id == user.id, order=("created_at", "id"))
    titles = _names("ideas", (c["idea_id"] for c in comments))
    ids = [c["id"] for c in comments]
    decisions = _rows("moderation_decisions", lambda t: t.c.comment_id.in_(ids), order=("created_at", "id")) \
        if ids else []
    for comment in comments:
        comment["idea_title"] = titles.get(comment["idea_id"])
        comment["moderation_decisions"] = [d for d in decisions if d["comment_id"] == comment["id"]]
    return comments


def _supports(user):
    supports = _rows("supports", lambda t: t.c.user_id == user.id, order=("created_at", "id"))
    titles = _names("ideas", (s["idea_id"] for s in supports))
    for support in supports:
        support["idea_title"] = titles.get(support["idea_id"])
    return supports


def _reports(user):
    return _rows("reports", lambda t: t.c.reporter_id == user.id, order=("created_at", "id"))


def _owned(name, user, column="user_id"):
    return _rows(name, lambda t: t.c[column] == user.id, order=("created_at", "id"))


def _conference_participations(email):
    people = _rows("participants", lambda t: sa.func.lower(t.c.email) == email, order=("created_at", "id"))
    if not people:
        return []
    ids = [p["id"] for p in people]
    conferences = _table("conferences")
    found = {row.id: {"title": row.title, "starts_at": _value(row.starts_at), "process_id": row.process_id}
             for row in db.session.execute(sa.select(conferences.c.id, conferences.c.title, conferences.c.starts_at,
                                                     conferences.c.process_id)
                                           .where(conferences.c.id.in_({p["conference_id"] for p in people})))}
    processes = _processes(c["process_id"] for c in found.values())
    ballots = _rows("ballots", lambda t: t.c.participant_id.in_(ids), order=("created_at", "id"))
    seatings = _rows("seatings", lambda t: t.c.participant_id.in_(ids), order=("rotation", "id"))
    notes = _rows("announcements", lambda t: t.c.author_participant_id.in_(ids), order=("created_at", "id"))
    rounds = _table("voting_rounds")
    round_facts = {row.id: {"title": row.title, "method": _value(row.method)} for row in db.session.execute(
        sa.select(rounds.c.id, rounds.c.title, rounds.c.method).where(rounds.c.id.in_({b["round_id"] for b in ballots})))} \
        if ballots else {}
    topics = _names("theme_tables", [p[k] for p in people for k in ("table_id", "first_choice_id", "second_choice_id")]
                    + [s["table_id"] for s in seatings], "topic")
    for person in people:
        conference = found.get(person["conference_id"], {})
        person["conference"] = {**conference, "process": processes.get(conference.get("process_id"))}
        for key in ("table", "first_choice", "second_choice"):
            person[f"{key}_topic"] = topics.get(person[f"{key}_id"])
        person["ballots"] = [{**b, "round": round_facts.get(b["round_id"])} for b in ballots
                             if b["participant_id"] == person["id"]]
        person["seatings"] = [{**s, "table_topic": topics.get(s["table_id"])} for s in seatings
                              if s["participant_id"] == person["id"]]
        person["announcements"] = [n for n in notes if n["author_participant_id"] == person["id"]]
    return people


def _lottery_answers(email):
    answers = _rows("lottery_responses", lambda t: sa.func.lower(t.c.email) == email, order=("created_at", "id"))
    if not answers:
        return []
    invitations = {row["id"]: row for row in _rows(
        "invitations", lambda t: t.c.id.in_({a["invitation_id"] for a in answers}))}
    draws = _table("draws")
    draw_facts = {row.id: {"number": row.number, "process_id": row.process_id} for row in db.session.execute(
        sa.select(draws.c.id, draws.c.number, draws.c.process_id)
        .where(draws.c.id.in_({i["draw_id"] for i in invitations.values()})))}
    processes = _processes(d["process_id"] for d in draw_facts.values())
    members = _rows("panel_members", lambda t: t.c.invitation_id.in_(list(invitations)), order=("created_at", "id"))
    for answer in answers:
        invitation = invitations.get(answer["invitation_id"], {})
        draw = draw_facts.get(invitation.get("draw_id"), {})
        answer["invitation"] = invitation
        answer["draw_number"] = draw.get("number")
        answer["process"] = processes.get(draw.get("process_id"))
        answer["panel_places"] = [m for m in members if m["invitation_id"] == answer["invitation_id"]]
    return answers


def _team_records(user):
    records = []
    for name, column, at in TEAM_RECORDS:
        table = _table(name)
        if table is None or column not in table.c:
            continue
        key = table.c.id if "id" in table.c else list(table.primary_key.columns)[0]
        moment = table.c[at] if at in table.c else sa.null()
        for row_id, when in db.session.execute(sa.select(key, moment).where(table.c[column] == user.id)
                                               .order_by(key)):
            records.append({"record": name, "role": column, "id": row_id, "at": _value(when)})
    return records


def personal_data(user, now=None):
    """Everything stored about `user`, as a dict ready for JSON: an "about" part and one section per
    area, each with a description of what it holds. Reads only; the caller logs the download."""
    now = now or utcnow()
    email = (user.email or "").strip().lower()
    verified = user.email_verified_at is not None
    account, notifications, events = _account(user)
    unconfirmed = _l("Your e-mail address is not confirmed yet, so nothing found by it is shown. Confirm it "
                     "through the link we sent you and download the file again.")
    sections = {
        "account": _section(_l("Your account: e-mail address, the name shown with your contributions, language, "
                               "confirmation, sign-in and blocking details."), account),
        "account_events": _section(_l("Entries of the audit log about your account, such as a blocking with its "
                                      "reason and each download of this file."), events),
        "notification_settings": _section(_l("Which e-mails about your ideas you receive (true: on, false: off)."),
                                          notifications),
        "process_roles": _section(_l("Roles the participation office gave you in a process (moderator, staff)."),
                                  _roles(user)),
        "ideas": _section(_l("The ideas you submitted, in every status, with the moderation decisions on them and "
                             "the reasons given to you."), _ideas(user)),
        "comments": _section(_l("Your comments and replies, with the title of the idea and the moderation decisions."),
                             _comments(user)),
        "supports": _section(_l("The ideas you support. Who supports an idea is never published."), _supports(user)),
        "reports": _section(_l("Contributions you reported to the moderation team, with your reason and the outcome."),
                            _reports(user)),
        "process_blocks": _section(_l("Processes in which the moderation team barred your account, with the reason."),
                                   _owned("process_blocks", user)),
        "sessions": _section(_l("Your sign-ins on devices that are still valid, and devices remembered for the "
                                "second factor, without their secret keys."),
                             {"sessions": _owned("user_sessions", user),
                              "sign_ins": _owned("sign_in_events", user),
                              "sign_in_links": _owned("sign_in_links", user),
                              "trusted_devices": _owned("trusted_devices", user),
                              "recovery_codes": _owned("recovery_codes", user)}),
        "conference_participations": _section(
            _l("Live conferences you were invited to with this e-mail address: your entry on the participant "
               "list, your tables, your votes and your announcements.") if verified else unconfirmed,
            _conference_participations(email) if verified else []),
        "lottery_answers": _section(
            _l("Answers to invitation letters of a citizen lottery given with this e-mail address: what you told "
               "us, your consent, and whether you were drawn for the panel. The population register extract the "
               "letter was sent from is not linked to your account; the participation office tells you what it "
               "holds about you on request.") if verified else unconfirmed,
            _lottery_answers(email) if verified else []),
        "team_activity": _section(_l("Records that name you as the one who acted, for example as moderator or "
                                     "staff, or when you reported a contribution (which record, when), without their "
                                     "content, which is other people's data or the municipality's."),
                                  _team_records(user)),
    }
    withheld = _withheld(*COLUMNS)
    return {
        "about": {
            "format": FORMAT,
            "title": str(_l("Your data on the participation platform")),
            "description": str(_l("Everything this platform stores about your account, as of the time below. Each "
                                  "section says what it holds; times are in UTC (ISO 8601). The values listed under "
                                  "'withheld' are stored but left out of this file, each with the reason.")),
            "platform": current_app.config.get("BASE_URL"),
            "account_id": user.id,
            "generated_at": now.isoformat(),
        },
        "sections": sections,
        "withheld": _section(_l("Stored values that are not in this file, and why."), withheld),
    }


def to_json(data):
    """The file's bytes: UTF-8, readable, every character kept as it was stored."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"


def record_download(user, now=None):
    """Log the download in the audit log (its subject is the account) and the application log."""
    from ..moderation.services import record

    record(user, None, "account.data_download", "user", user.id, _l("Download of the account's own data"), now=now)
    log.info("personal data download: account %s", user.id)
    db.session.flush()


def download_name(now=None):
    return f"beteiligung-meine-daten-{(now or utcnow()).date().isoformat()}.json"
