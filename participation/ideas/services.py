"""Ideas: posting, editing, supporting, commenting, listing and searching."""
import math
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..database import dialect_name, utcnow
from ..errors import InvalidState, NotAllowed, NotFound, PhaseClosed, ValidationFailed
from ..extensions import db
from ..markup import render_markdown
from ..pagination import Paged
from ..processes.models import District, Phase, Sector
from ..tasks import after_commit
from ..values import as_id, as_page, as_text
from .models import (
    BODY_MAX,
    BODY_MIN,
    COMMENT_MAX,
    PUBLIC_STATUSES,
    TITLE_MAX,
    TITLE_MIN,
    Comment,
    CommentStatus,
    Idea,
    IdeaStatus,
    Support,
)
from .search import apply_search, snippets

SORTS = ("newest", "supported", "commented", "random", "relevance")
# A per-visitor shuffle that SQL can compute on every database: ((id + seed)² mod P) · M mod P.
# The square makes the order depend on the seed (an affine map would only rotate it); every
# intermediate value stays below 2**63.
_RANDOM_MODULUS = 2147483647  # 2**31 - 1, a prime
_RANDOM_MULTIPLIER = 48271
RANDOM_SEED_LIMIT = 2**29


# --- who may take part --------------------------------------------------------

def barred_message(process, bar):
    """What a person barred from `process` is told: the moderation team's reason, and that the
    bar holds for this process only."""
    return _l("You are barred from taking part in “%(process)s”: you cannot post ideas, support, comment or "
              "report here. This applies to this process only; you can still take part in every other "
              "process. The moderation team’s reason: %(reason)s", process=process.title, reason=bar.reason)


def require_not_barred(actor, process):
    """Refuse a person the moderation team has barred from this process (see moderation)."""
    from ..moderation.models import ProcessBlock

    bar = ProcessBlock.of(process, actor)
    if bar is not None:
        raise NotAllowed(barred_message(process, bar))


def _require_participant(actor, process, now=None, *, barred_ok=False):
    if actor is None or not actor.is_authenticated:
        raise NotAllowed(_l("Please sign in to take part."))
    if not actor.is_active:
        raise NotAllowed(_l("This account has been blocked."))
    if not actor.is_verified:
        raise NotAllowed(_l("Please confirm your e-mail address first; we have sent you a link."))
    if not barred_ok:
        require_not_barred(actor, process)
    phase = process.idea_phase(now)
    if phase == Phase.UPCOMING:
        raise PhaseClosed(_l("The idea collection has not opened yet."))
    if phase == Phase.CLOSED:
        raise PhaseClosed(_l("The idea collection has closed; ideas can no longer be posted, supported or commented on."))


# --- validation ----------------------------------------------------------------

def _clean_title(title):
    title = re.sub(r"\s+", " ", title or "").strip() if isinstance(title, str) else None
    if title is None or not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationFailed(
            _l("The title must have %(min)d to %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX), field="title"
        )
    return title


def _clean_body(body, maximum=BODY_MAX, minimum=BODY_MIN, field="body"):
    body = body.replace("\r\n", "\n").strip() if isinstance(body, str) else None
    if body is None or not minimum <= len(body) <= maximum:
        raise ValidationFailed(
            _l("The text must have %(min)d to %(max)d characters.", min=minimum, max=maximum), field=field
        )
    return body


def _resolve_sector(process, sector_id):
    sector_id = as_id(sector_id)
    sector = db.session.get(Sector, sector_id) if sector_id else None
    if sector is None or sector.process_id != process.id:
        raise ValidationFailed(_l("Please choose one of this process's sectors."), field="sector_id")
    return sector


def _resolve_district(process, district_id):
    if district_id in (None, ""):
        return None
    district_id = as_id(district_id)
    district = db.session.get(District, district_id) if district_id else None
    if district is None or district.process_id != process.id:
        raise ValidationFailed(_l("Please choose one of this process's districts."), field="district_id")
    return district


def _collect(*checks):
    """Run every field check and raise them together, so a form shows all problems at once."""
    values, errors = [], {}
    for check in checks:
        try:
            values.append(check())
        except ValidationFailed as error:
            errors.setdefault(error.field, []).append(error.message)
            values.append(None)
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    return values


# --- posting and editing -------------------------------------------------------

def submit_idea(actor, process, title, body, sector_id, district_id=None, now=None):
    """Post an idea. It waits for moderation, unless the process publishes directly."""
    now = now or utcnow()
    _require_participant(actor, process, now)
    title, body, sector, district = _collect(
        lambda: _clean_title(title),
        lambda: _clean_body(body),
        lambda: _resolve_sector(process, sector_id),
        lambda: _resolve_district(process, district_id),
    )
    idea = Idea(
        process=process, author=actor, title=title, body=body, body_html=render_markdown(body),
        sector=sector, district=district, created_at=now, updated_at=now,
    )
    if process.publishes_directly:
        idea.status, idea.published_at = IdeaStatus.PUBLISHED, now
    db.session.add(idea)
    db.session.flush()
    _after_text_change(idea)
    return idea


def _after_text_change(idea):
    """Recompute the idea's duplicate suggestions in the background once the change commits."""
    from ..moderation.similarity import refresh_suggestions_task

    after_commit(refresh_suggestions_task, idea.id)


def edit_idea(actor, idea, title, body, sector_id, district_id=None, now=None):
    now = now or utcnow()
    if not idea.can_edit(actor):
        if actor is not None and actor.is_authenticated and actor.id == idea.author_id:
            raise InvalidState(_l("This idea can no longer be edited, because moderation has already dealt with it."))
        raise NotAllowed(_l("You can only edit your own ideas."))
    _require_participant(actor, idea.process, now)
    title, body, sector, district = _collect(
        lambda: _clean_title(title),
        lambda: _clean_body(body),
        lambda: _resolve_sector(idea.process, sector_id),
        lambda: _resolve_district(idea.process, district_id),
    )
    idea.title, idea.body, idea.body_html = title, body, render_markdown(body)
    idea.sector, idea.district = sector, district
    idea.edited_at = now
    if idea.edit_requested_at is not None:
        # Edited as moderation asked: back into the queue ("edited after a request").
        idea.edit_requested_at = None
        idea.resubmitted_at = now
    idea.touch(now)
    db.session.flush()
    _after_text_change(idea)
    return idea


# --- supports -------------------------------------------------------------------

def _insert_ignoring_duplicates(model, **values):
    dialect = dialect_name()
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    # RETURNING, not rowcount: drivers report rowcount for ON CONFLICT differently.
    return db.session.execute(statement).scalar() is not None


def _change_support_count(idea, delta):
    db.session.execute(
        sa.update(Idea).where(Idea.id == idea.id).values(support_count=Idea.support_count + delta)
        .execution_options(synchronize_session=False)
    )


def _read_support_count(idea):
    count = db.session.scalar(sa.select(Idea.support_count).where(Idea.id == idea.id))
    set_committed_value(idea, "support_count", count)
    return count


def support_idea(actor, idea, now=None):
    """Support an idea once. Returns (newly supported?, support count).

    The row and the counter change in one transaction; the unique constraint
    decides races, so the count always equals the rows.
    """
    _require_participant(actor, idea.process, now)
    if not idea.is_active:
        raise InvalidState(_l("Only published ideas can be supported."))
    if idea.author_id == actor.id:
        raise InvalidState(_l("You cannot support your own idea."))
    created = _insert_ignoring_duplicates(Support, idea_id=idea.id, user_id=actor.id, created_at=now or utcnow())
    if created:
        _change_support_count(idea, +1)
    return created, _read_support_count(idea)


def withdraw_support(actor, idea, now=None):
    """Withdraw one's support. Returns (withdrawn?, support count).

    Open to a person barred from the process too: taking one's own support back adds nothing."""
    _require_participant(actor, idea.process, now, barred_ok=True)
    removed = db.session.execute(
        sa.delete(Support).where(Support.idea_id == idea.id, Support.user_id == actor.id)
        .returning(Support.id).execution_options(synchronize_session=False)
    ).scalar() is not None
    if removed:
        _change_support_count(idea, -1)
    return removed, _read_support_count(idea)


def supported_ids(user, idea_ids):
    if user is None or not user.is_authenticated or not idea_ids:
        return set()
    return set(db.session.scalars(
        sa.select(Support.idea_id).where(Support.user_id == user.id, Support.idea_id.in_(list(idea_ids)))
    ))


# --- comments -------------------------------------------------------------------

def add_comment(actor, idea, body, parent_id=None, now=None):
    """Comment on an idea, or reply to a comment. Replies stay one level deep."""
    now = now or utcnow()
    _require_participant(actor, idea.process, now)
    if not idea.is_active:
        raise InvalidState(_l("Only published ideas can be commented on."))
    (body,) = _collect(lambda: _clean_body(body, maximum=COMMENT_MAX, minimum=2))
    parent = None
    if parent_id not in (None, ""):
        parent_key = as_id(parent_id)
        parent = db.session.get(Comment, parent_key) if parent_key else None
        if parent is None or parent.idea_id != idea.id or not parent.is_visible_to(actor):
            raise ValidationFailed(_l("The comment you are replying to does not exist."), field="parent_id")
        parent = parent.parent or parent  # a reply to a reply joins the same thread
    comment = Comment(idea=idea, author=actor, parent=parent, body=body, body_html=render_markdown(body),
                      created_at=now, updated_at=now)
    db.session.add(comment)
    if idea.process.publishes_directly:
        comment.status = CommentStatus.PUBLISHED
        db.session.execute(
            sa.update(Idea).where(Idea.id == idea.id).values(comment_count=Idea.comment_count + 1)
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(idea, ["comment_count"])
    db.session.flush()
    return comment


def comment_threads(idea, viewer):
    """Top-level comments with their replies, as far as `viewer` may see them."""
    comments = db.session.scalars(
        sa.select(Comment).where(Comment.idea_id == idea.id).order_by(Comment.created_at, Comment.id)
        .options(selectinload(Comment.author))
    ).all()
    visible = [c for c in comments if c.is_visible_to(viewer)]
    replies = {}
    for comment in visible:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(c, replies.get(c.id, [])) for c in visible if c.parent_id is None]


# --- reading ----------------------------------------------------------------------

def get_idea(idea_id, viewer=None, process=None):
    idea = db.session.get(Idea, idea_id)
    if idea is None or (process is not None and idea.process_id != process.id) or not idea.is_visible_to(viewer):
        raise NotFound(_l("This idea does not exist or is not visible."))
    return idea


@dataclass
class IdeaQuery:
    """The list's filters, as parsed from a URL or an API call."""

    q: str = ""
    sector: int | None = None
    district: int | None = None
    status: str = ""
    sort: str = "newest"
    page: int = 1
    mine: bool = False


@dataclass
class IdeaPage(Paged):
    items: list
    total: int
    page: int
    per_page: int
    query: IdeaQuery
    supported: set = field(default_factory=set)
    # Idea id -> (title, passage) with the search's words marked: why each idea matched.
    snippets: dict = field(default_factory=dict)

    @property
    def pages(self):
        return max(1, math.ceil(min(self.total, COUNT_CAP) / self.per_page))

    @property
    def total_is_capped(self):
        return self.total > COUNT_CAP


def parse_idea_query(args):
    """Read list filters from a mapping of strings; unknown or malformed values fall back to defaults."""

    sort = args.get("sort", "") or ""
    q = as_text(args.get("q"), max_length=200)
    if sort not in SORTS:
        sort = "relevance" if q else "newest"
    return IdeaQuery(
        q=q, sector=as_id(args.get("sector")), district=as_id(args.get("district")),
        status=(args.get("status", "") or "").strip(), sort=sort,
        page=as_page(args.get("page"), last=100_000), mine=args.get("mine") in ("1", "true", "on"),
    )


def _status_condition(query, viewer, process):
    """The status part of the list's WHERE clause; None means one's own ideas in every status."""
    if query.mine:
        return None
    if query.status == "all":
        return sa.and_(Idea.status.in_(PUBLIC_STATUSES), Idea.hidden_at.is_(None))
    if query.status:
        try:
            status = IdeaStatus(query.status)
        except ValueError:
            return Idea.listed.is_(True)
        if status == IdeaStatus.SUBMITTED and not (viewer and viewer.is_authenticated and viewer.can_moderate(process)):
            return Idea.listed.is_(True)
        return sa.and_(Idea.status == status, Idea.hidden_at.is_(None))
    return Idea.listed.is_(True)


def _shuffled(column, seed):
    def big(value):
        return sa.literal(value, sa.BigInteger)

    shifted = sa.cast(column, sa.BigInteger) + big(int(seed) % RANDOM_SEED_LIMIT)
    return ((shifted * shifted) % big(_RANDOM_MODULUS)) * big(_RANDOM_MULTIPLIER) % big(_RANDOM_MODULUS)


# Counting every match of a broad filter costs time in proportion to the matches; past this
# many the page says "more than" and offers no further pages. A search with more matches than
# this is shown newest first: ranking thousands of matches costs much and tells little.
COUNT_CAP = 2_000


def _capped_count(select_ids):
    limited = select_ids.order_by(None).limit(COUNT_CAP + 1).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0


def list_ideas(process, query, viewer=None, per_page=20, random_seed=0):
    """One page of a process's ideas, filtered, searched and sorted."""
    conditions = [Idea.process_id == process.id]
    status = _status_condition(query, viewer, process)
    if status is None:
        if viewer is None or not viewer.is_authenticated:
            return IdeaPage([], 0, 1, per_page, query)
        conditions.append(Idea.author_id == viewer.id)
    else:
        conditions.append(status)
    if query.sector:
        conditions.append(Idea.sector_id == query.sector)
    if query.district:
        conditions.append(Idea.district_id == query.district)

    dialect = dialect_name()
    select_ids, relevance = apply_search(sa.select(Idea.id).where(*conditions), dialect, query.q, Idea.id)
    total = _capped_count(select_ids)

    sort = query.sort
    if sort == "relevance" and (relevance is None or total > COUNT_CAP):
        sort = query.sort = "newest"
    order = {
        "newest": [Idea.created_at.desc(), Idea.id.desc()],
        "supported": [Idea.support_count.desc(), Idea.id.desc()],
        "commented": [Idea.comment_count.desc(), Idea.id.desc()],
        "random": [_shuffled(Idea.id, random_seed), Idea.id],
        "relevance": [relevance, Idea.id.desc()],
    }[sort]
    pages = max(1, math.ceil(min(total, COUNT_CAP) / per_page))
    page = min(query.page, pages)
    # The page's ids first: ordering and OFFSET walk an index without reading whole rows.
    ids = db.session.scalars(select_ids.order_by(*order).limit(per_page).offset((page - 1) * per_page)).all()
    # Sectors and districts come from the process's own lists (already in the session); only
    # the authors need one more query.
    loaded = {}
    if ids:
        loaded = {idea.id: idea for idea in db.session.scalars(
            sa.select(Idea).where(Idea.id.in_(ids)).options(selectinload(Idea.author)))}
    items = [loaded[i] for i in ids if i in loaded]
    query.page = page
    return IdeaPage(items, total, page, per_page, query, supported_ids(viewer, [i.id for i in items]),
                    snippets(db.session, dialect, query.q, items))


def idea_counts(process, viewer=None):
    """How many ideas the process has, in the idea list's terms, so that every page says the same.

    - listed: what the idea list shows by default (published and adopted into a measure, not hidden);
    - rejected, merged: public as well, shown by the list's status filters ("all" shows all three);
    - public: listed + rejected + merged;
    - in_review: submitted and waiting for moderation; only for the process's moderation (None otherwise).
    Hidden ideas count nowhere."""
    # Two queries the indexes answer: the listed ones (ix_ideas_listed_*), the few others by status.
    listed = db.session.scalar(sa.select(sa.func.count(Idea.id)).where(Idea.process_id == process.id,
                                                                       Idea.listed.is_(True))) or 0
    by_status = dict(db.session.execute(
        sa.select(Idea.status, sa.func.count(Idea.id))
        .where(Idea.process_id == process.id, Idea.hidden_at.is_(None),
               Idea.status.in_((IdeaStatus.REJECTED, IdeaStatus.MERGED, IdeaStatus.SUBMITTED)))
        .group_by(Idea.status)
    ).all())
    rejected = by_status.get(IdeaStatus.REJECTED, 0)
    merged = by_status.get(IdeaStatus.MERGED, 0)
    staff = bool(viewer is not None and viewer.is_authenticated and viewer.can_moderate(process))
    return {"listed": listed, "rejected": rejected, "merged": merged, "public": listed + rejected + merged,
            "in_review": by_status.get(IdeaStatus.SUBMITTED, 0) if staff else None}


def process_statistics(process, viewer=None):
    """Counts for the process page: the ideas as idea_counts() gives them, supports and comments of the
    public ideas, and per sector the ideas its link to the idea list shows."""
    public = (Idea.process_id == process.id, Idea.status.in_(PUBLIC_STATUSES), Idea.hidden_at.is_(None))
    supports, comments = db.session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(Idea.support_count), 0),
                  sa.func.coalesce(sa.func.sum(Idea.comment_count), 0)).where(*public)
    ).one()
    per_sector = dict(db.session.execute(
        sa.select(Idea.sector_id, sa.func.count(Idea.id)).where(Idea.process_id == process.id, Idea.listed.is_(True))
        .group_by(Idea.sector_id)
    ).all())
    counts = idea_counts(process, viewer)
    return {"ideas": counts["listed"], "counts": counts, "supports": supports, "comments": comments,
            "per_sector": per_sector}
