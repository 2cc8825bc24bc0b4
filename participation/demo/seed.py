"""Seed the demo: role accounts, residents, two processes, ~880 ideas with supports and comments.

`seed_demo()` is idempotent: when the process `jena-2035` exists it creates nothing and
says so. Otherwise it builds everything in one transaction, with bulk inserts for the
thousands of rows, so that it takes a few seconds even on SQLite. The counters on
ideas are set to exactly the number of rows written.
"""
import math
import os
import random
import secrets
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from ..auth.models import ProcessRole, ProcessRoleKind, User
from ..auth.services import hash_password
from ..database import unit_of_work, utcnow
from ..extensions import db
from ..ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support
from ..markup import render_markdown
from ..processes.models import (
    DEFAULT_SECTORS,
    District,
    ModerationMode,
    Process,
    Sector,
)
from . import content

MAIN_SLUG = "jena-2035"
SECOND_SLUG = "stadtroda-klima"
RANDOM_SEED = 2035
IDEA_COUNT = 880
RESIDENT_COUNT = 400
RESIDENT_EMAIL = "bewohner{:03d}@demo.invalid"
TOP_LEVEL_COMMENTS = 1125
REPLIES = 375
CREDENTIALS_FILE = "demo-credentials.txt"
# Moderation, staff and admin see personal data, so they need a second factor (auth/two_factor.py).
TWO_FACTOR_NOTE = ("Moderation, Verwaltung und Administration richten bei der ersten Anmeldung die "
                   "Zwei-Faktor-Anmeldung ein (Authenticator-App, QR-Code). Verlorener zweiter Faktor: "
                   "flask users reset-two-factor E-MAIL")

# (e-mail, role in the report, display name)
ROLE_ACCOUNTS = (
    ("admin@beispiel.de", "admin", "Sabine Hoffmann (Administration)"),
    ("staff@beispiel.de", "staff", "Jonas Weber (Klimaschutzmanagement)"),
    ("moderation@beispiel.de", "moderator", "Miriam Schulz (Moderation)"),
    ("bewohnerin@beispiel.de", "resident", "Lena Bauer"),
)
ROLE_LABELS = {
    "admin": "Administration (alle Rechte)",
    "staff": "Mitarbeiterin/Mitarbeiter der Prozesse",
    "moderator": "Moderation der Prozesse",
    "resident": "Bewohnerin",
}


def _unusable_password_hash():
    """A value no password hashes to: accounts that exist only as demo authors."""
    return "!" + secrets.token_hex(16)


def seed_demo(password=None, credentials_path=None):
    """Create the demo data unless it exists. Returns a report (see module docstring)."""
    accounts = [{"email": email, "role": role} for email, role, _ in ROLE_ACCOUNTS]
    with unit_of_work():
        existing = db.session.scalar(sa.select(Process).where(Process.slug == MAIN_SLUG))
        if existing is not None:
            kept = Path(credentials_path or Path(current_app.instance_path) / CREDENTIALS_FILE)
            return _existing_report(existing, accounts, kept if kept.exists() else None)
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        counts = _build(password)

    path = None
    if generated:
        path = Path(credentials_path or Path(current_app.instance_path) / CREDENTIALS_FILE)
        _write_credentials(path, counts["new_accounts"], password)
    return {
        "created": True,
        "processes": counts["processes"],
        "ideas": counts["ideas"],
        "supports": counts["supports"],
        "comments": counts["comments"],
        "accounts": accounts,
        "password": password if generated else None,
        "credentials_path": str(path) if path else None,
        "message": "Demo data created.",
        "conference": _conference_report(),
    }


def _existing_report(process, accounts, credentials_path):
    idea_ids = sa.select(Idea.id).where(Idea.process_id == process.id).scalar_subquery()
    slugs = db.session.scalars(
        sa.select(Process.slug).where(Process.slug.in_((MAIN_SLUG, SECOND_SLUG))).order_by(Process.id)
    ).all()
    return {
        "created": False,
        "processes": list(slugs),
        "ideas": db.session.scalar(sa.select(sa.func.count()).where(Idea.process_id == process.id)),
        "supports": db.session.scalar(sa.select(sa.func.count(Support.id)).where(Support.idea_id.in_(idea_ids))),
        "comments": db.session.scalar(sa.select(sa.func.count(Comment.id)).where(Comment.idea_id.in_(idea_ids))),
        "accounts": accounts,
        "password": None,
        "credentials_path": str(credentials_path) if credentials_path else None,
        "message": "The demo process already exists; nothing was created.",
        "conference": _conference_report(),
    }


def _conference_report():
    """The demo conference's event code and join links (moderator, facilitator, citizen), or None."""
    from ..conference.models import Conference
    from ..conference.services import join_url
    from .conference import TITLE, demo_links

    conference = db.session.scalar(sa.select(Conference).join(Process).where(
        Process.slug == MAIN_SLUG, Conference.title == TITLE))
    if conference is None:
        return None
    return {"title": conference.title, "event_code": conference.event_code,
            "links": {role: join_url(person) for role, person in demo_links(conference).items()}}


def _write_credentials(path, emails, password):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "Demo-Zugänge für die Beteiligungsplattform",
        "",
        f"Passwort (für alle Konten): {password}",
        "",
    ]
    roles = {email: role for email, role, _ in ROLE_ACCOUNTS}
    for email in emails:
        lines.append(f"{email:<26} {ROLE_LABELS[roles[email]]}")
    lines += ["", TWO_FACTOR_NOTE, ""]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    os.chmod(path, 0o600)  # also when the file existed before with wider rights


# --- the build ----------------------------------------------------------------------------

def _between(rng, start, end, bias=1.0):
    """A moment between start and end; bias > 1 leans towards start."""
    span = max((end - start).total_seconds(), 0)
    return start + timedelta(seconds=span * (rng.random() ** bias))


def _build(password):
    rng = random.Random(RANDOM_SEED)
    now = utcnow()
    opens = now - timedelta(days=30)

    role_users, new_accounts = _role_accounts(password, now)
    residents = _residents(rng, now)
    admin, staff, moderator, resident = (role_users[email] for email, _, _ in ROLE_ACCOUNTS)

    main = _process(
        slug=MAIN_SLUG, title="Jena klimaneutral 2035 – Ideen für den Klima-Aktionsplan",
        municipality="Stadt Jena", description=content.MAIN_PROCESS_DESCRIPTION,
        opens=opens, closes=now + timedelta(days=60), districts=content.DISTRICT_NAMES, now=now,
    )
    processes = [main]
    if db.session.scalar(sa.select(Process.id).where(Process.slug == SECOND_SLUG)) is None:
        processes.append(_process(
            slug=SECOND_SLUG, title="Stadtroda: Klimaschutzkonzept 2030",
            municipality="Stadt Stadtroda (Saale-Holzland-Kreis)", description=content.SECOND_PROCESS_DESCRIPTION,
            opens=now + timedelta(days=14), closes=now + timedelta(days=75),
            districts=content.SECOND_PROCESS_DISTRICTS, now=now,
        ))
    db.session.flush()
    for process in processes:
        db.session.add(ProcessRole(user_id=staff.id, process_id=process.id, role=ProcessRoleKind.STAFF,
                                   granted_by_id=admin.id, created_at=now))
        db.session.add(ProcessRole(user_id=moderator.id, process_id=process.id, role=ProcessRoleKind.MODERATOR,
                                   granted_by_id=admin.id, created_at=now))
    db.session.flush()

    ideas = _plan_ideas(rng, main, residents, resident.id, now, opens)
    supports = _plan_supports(rng, ideas, residents + [resident.id], now)
    comments, replies = _plan_comments(rng, ideas, residents, staff.id, now)

    ids = _insert_ideas(ideas)
    if supports:
        db.session.execute(sa.insert(Support), [
            {"idea_id": ids[i], "user_id": user_id, "created_at": at} for i, user_id, at in supports
        ])
    comment_count = _insert_comments(comments, replies, ids)
    db.session.flush()
    from .catalogue import build_catalogue

    measures = build_catalogue(main, staff, now, rng)
    from .conference import build_conference

    build_conference(main, staff, now, rng)
    from .lottery import build_lottery

    build_lottery(main, staff, now, rng)
    return {
        "processes": [p.slug for p in processes],
        "ideas": len(ideas),
        "supports": len(supports),
        "comments": comment_count,
        "measures": len(measures),
        "new_accounts": new_accounts,
    }


def _role_accounts(password, now):
    """The four role accounts; an address that already exists is reused as it is."""
    emails = [email for email, _, _ in ROLE_ACCOUNTS]
    users = {u.email: u for u in db.session.scalars(sa.select(User).where(User.email.in_(emails)))}
    password_hash = hash_password(password)
    created = []
    for email, role, name in ROLE_ACCOUNTS:
        if email in users:
            continue
        user = User(email=email, display_name=name, password_hash=password_hash, is_admin=role == "admin",
                    locale="de", email_verified_at=now, created_at=now)
        db.session.add(user)
        users[email] = user
        created.append(email)
    db.session.flush()
    return users, created


def _residents(rng, now):
    """About 400 verified residents who cannot sign in; returns their ids in a fixed order."""
    names = content.display_names(rng, RESIDENT_COUNT)
    emails = [RESIDENT_EMAIL.format(n) for n in range(1, RESIDENT_COUNT + 1)]
    present = set(db.session.scalars(sa.select(User.email).where(User.email.in_(emails))))
    rows = []
    for email, name in zip(emails, names):
        joined = now - timedelta(days=rng.uniform(1, 45), minutes=rng.randint(0, 1439))
        if email not in present:
            rows.append({
                "email": email, "display_name": name, "password_hash": _unusable_password_hash(),
                "is_admin": False, "locale": "de", "email_verified_at": joined + timedelta(minutes=rng.randint(2, 90)),
                "session_token": secrets.token_hex(16), "failed_login_count": 0, "created_at": joined,
            })
    if rows:
        db.session.execute(sa.insert(User), rows)
    by_email = dict(db.session.execute(sa.select(User.email, User.id).where(User.email.in_(emails))).all())
    return [by_email[email] for email in emails]


def _process(*, slug, title, municipality, description, opens, closes, districts, now):
    process = Process(
        slug=slug, title=title, municipality=municipality, description=description,
        description_html=render_markdown(description), idea_collection_opens_at=opens,
        idea_collection_closes_at=closes, is_public=True, moderation_mode=ModerationMode.PRE,
        created_at=now - timedelta(days=45), updated_at=now - timedelta(days=31),
    )
    process.sectors = [Sector(code=code, name=name, position=i) for i, (code, name) in enumerate(DEFAULT_SECTORS)]
    process.districts = [District(name=name, position=i) for i, name in enumerate(districts)]
    db.session.add(process)
    return process


def _activity_weights(rng, n):
    """A few residents write a lot, most little: a shuffled Zipf-like weight per resident."""
    weights = [1.0 / (rank + 4) ** 0.9 for rank in range(n)]
    rng.shuffle(weights)
    return weights


def _plan_ideas(rng, process, residents, resident_id, now, opens):
    drafts = content.generate_ideas(rng, IDEA_COUNT)
    sector_ids = {s.code: s.id for s in process.sectors}
    district_ids = {d.name: d.id for d in process.districts}
    latest = now - timedelta(minutes=20)
    created = sorted(_between(rng, opens + timedelta(minutes=30), latest, bias=1.25) for _ in drafts)
    weights = _activity_weights(rng, len(residents))
    authors = rng.choices(residents, weights=weights, k=len(drafts))

    n = len(drafts)
    order = list(range(n))  # ideas are sorted by creation time
    n_submitted = round(n * 0.03)
    submitted = set(rng.sample(order[-3 * n_submitted:], n_submitted))
    rest = [i for i in order if i not in submitted]
    older = [i for i in rest if (now - created[i]).days >= 5]
    adopted = set(rng.sample(older, round(n * 0.05)))
    rest = [i for i in rest if i not in adopted]
    rejected = set(rng.sample(rest, round(n * 0.05)))
    rest = [i for i in rest if i not in rejected]
    # A merged idea is a later duplicate (same seed, preferably same district) of a published one.
    merged, targets = set(), {}
    candidates = [i for i in rest if (now - created[i]).days >= 2]
    rng.shuffle(candidates)
    for i in candidates:
        if len(merged) == round(n * 0.02):
            break
        if i in targets.values():
            continue
        siblings = [j for j in rest if j not in merged and j != i and created[j] < created[i]
                    and drafts[j].seed_key == drafts[i].seed_key]
        same_place = [j for j in siblings if drafts[j].district == drafts[i].district]
        if siblings:
            merged.add(i)
            targets[i] = rng.choice(same_place or siblings)

    ideas = []
    for i, draft in enumerate(drafts):
        at = created[i]
        decided = min(at + timedelta(minutes=rng.randint(25, 30 * 60)), now - timedelta(minutes=1))
        status = (IdeaStatus.SUBMITTED if i in submitted else IdeaStatus.ADOPTED if i in adopted
                  else IdeaStatus.REJECTED if i in rejected else IdeaStatus.MERGED if i in merged
                  else IdeaStatus.PUBLISHED)
        idea = {
            "process_id": process.id, "author_id": authors[i], "title": draft.title, "body": draft.body,
            "body_html": render_markdown(draft.body), "sector_id": sector_ids[draft.sector],
            "district_id": district_ids[draft.district] if draft.district else None, "status": status,
            "rejection_reason": None, "merged_into_id": None, "support_count": 0, "comment_count": 0,
            "version": 1, "created_at": at, "updated_at": at, "published_at": None, "edited_at": None,
            "moderated_at": None,
            # planning only, removed before the insert:
            "_merge_into": targets.get(i),
        }
        if status == IdeaStatus.REJECTED:
            idea.update(moderated_at=decided, updated_at=decided,
                        rejection_reason=content.rejection_reason(rng, draft.sector))
        elif status != IdeaStatus.SUBMITTED:
            idea.update(published_at=decided, moderated_at=decided, updated_at=decided)
            if status in (IdeaStatus.ADOPTED, IdeaStatus.MERGED):
                idea["updated_at"] = _between(rng, decided, now)
        ideas.append(idea)

    # The resident demo account has written a few ideas of her own.
    mine = [i for i in order if i in submitted][:1]
    mine += [i for i in order if ideas[i]["status"] == IdeaStatus.PUBLISHED][5:7]
    mine += [i for i in order if ideas[i]["status"] == IdeaStatus.REJECTED][:1]
    for i in mine:
        ideas[i]["author_id"] = resident_id
    return ideas


def _support_target(rng, idea, now):
    """How many supports an idea gathers: a long tail, more for adopted and older ideas."""
    roll = rng.random() * (0.35 if idea["status"] == IdeaStatus.ADOPTED else 1.0)
    if roll < 0.03:
        k = rng.randint(100, 300)
    elif roll < 0.16:
        k = rng.randint(25, 110)
    else:
        k = min(15, int(rng.expovariate(1 / 6)))
    age_days = (now - idea["published_at"]).total_seconds() / 86400
    return int(k * min(1.0, 0.35 + age_days / 8))


def _plan_supports(rng, ideas, supporters, now):
    rows = []
    for i, idea in enumerate(ideas):
        if idea["status"] not in (IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED):
            continue
        k = min(_support_target(rng, idea, now), len(supporters) - 1)
        chosen = [u for u in rng.sample(supporters, k + 1) if u != idea["author_id"]][:k]
        for user_id in chosen:
            rows.append((i, user_id, _between(rng, idea["published_at"], now, bias=1.7)))
        idea["support_count"] = len(chosen)
    return rows


def _plan_comments(rng, ideas, residents, staff_id, now):
    """Top-level comments and replies (one level deep) on published and adopted ideas."""
    active = [i for i, idea in enumerate(ideas) if idea["status"] in (IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED)]
    weights = [0.4 + math.sqrt(ideas[i]["support_count"]) for i in active]
    commenters = _activity_weights(rng, len(residents))

    said = {}  # bodies per idea: nobody repeats a comment word for word under the same idea

    def text(i, kind):
        for _ in range(6):
            body = content.comment_text(rng, kind)
            if body not in said.setdefault(i, set()):
                break
        said[i].add(body)
        return body

    def someone_but(*excluded):
        while True:
            user_id = rng.choices(residents, weights=commenters, k=1)[0]
            if user_id not in excluded:
                return user_id

    top = []
    for i in rng.choices(active, weights=weights, k=TOP_LEVEL_COMMENTS):
        idea = ideas[i]
        kind = rng.choices(("supportive", "critical", "question"), weights=(45, 25, 30), k=1)[0]
        top.append({
            "idea": i, "kind": kind, "author_id": someone_but(idea["author_id"]),
            "body": text(i, kind), "created_at": _between(rng, idea["published_at"], now, bias=1.3),
        })

    parent_weights = [1.0 if c["kind"] == "supportive" else 2.2 for c in top]
    replies = []
    for p in rng.choices(range(len(top)), weights=parent_weights, k=REPLIES):
        parent = top[p]
        idea_author = ideas[parent["idea"]]["author_id"]
        roll = rng.random()
        if roll < 0.06:
            kind, author_id = "staff_reply", staff_id
        elif roll < 0.4 and idea_author is not None and idea_author != parent["author_id"]:
            kind, author_id = "author_reply", idea_author
        else:
            kind, author_id = "reply", someone_but(parent["author_id"])
        replies.append({
            "parent": p, "idea": parent["idea"], "author_id": author_id, "body": text(parent["idea"], kind),
            "created_at": _between(rng, parent["created_at"], now, bias=1.5),
        })

    for comment in top + replies:
        ideas[comment["idea"]]["comment_count"] += 1
    return top, replies


def _insert_ideas(ideas):
    """Insert the ideas, then point merged ones at their targets. Returns ids by plan index."""
    rows = [{k: v for k, v in idea.items() if not k.startswith("_")} for idea in ideas]
    ids = db.session.execute(
        sa.insert(Idea).returning(Idea.id, sort_by_parameter_order=True), rows
    ).scalars().all()
    updates = [{"id": ids[i], "merged_into_id": ids[idea["_merge_into"]]}
               for i, idea in enumerate(ideas) if idea["_merge_into"] is not None]
    if updates:
        db.session.execute(sa.update(Idea), updates)
    return ids


def _insert_comments(top, replies, idea_ids):
    html = {}

    def rendered(body):
        if body not in html:
            html[body] = render_markdown(body)
        return html[body]

    def row(comment, parent_id=None):
        return {
            "idea_id": idea_ids[comment["idea"]], "author_id": comment["author_id"], "parent_id": parent_id,
            "body": comment["body"], "body_html": rendered(comment["body"]), "status": CommentStatus.PUBLISHED,
            "created_at": comment["created_at"], "updated_at": comment["created_at"],
        }

    if not top:
        return 0
    top_ids = db.session.execute(
        sa.insert(Comment).returning(Comment.id, sort_by_parameter_order=True), [row(c) for c in top]
    ).scalars().all()
    if replies:
        db.session.execute(sa.insert(Comment), [row(r, top_ids[r["parent"]]) for r in replies])
    return len(top) + len(replies)
