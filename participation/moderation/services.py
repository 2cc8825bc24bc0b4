"""Moderation: the queue, claims, decisions on ideas and comments, merging, reports, blocking,
reason templates and the audit log.

Every decision needs a running claim of the deciding moderator on exactly the version the
moderator looked at; the guard is one conditional UPDATE, so two moderators can never decide
the same item, and a decision on a changed item is refused.
"""
import json
import math
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from .. import notifications
from ..access_log import log_access
from ..auth.models import User
from ..database import dialect_name, utcnow
from ..errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from ..extensions import db
from ..i18n import format_moment, instance_locale
from ..ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support
from ..ideas.services import (
    _clean_body,
    _clean_title,
    _collect,
    _resolve_district,
    _resolve_sector,
    require_not_barred,
)
from ..markup import render_markdown
from ..pagination import Paged
from ..spreadsheet import table_bytes
from ..tasks import after_commit
from ..urls import external_url
from ..values import as_id, as_page, as_text
from . import similarity
from .models import (
    CLAIM_MINUTES,
    DEFAULT_REASONS,
    AuditEntry,
    ModerationAction,
    ModerationDecision,
    ProcessBlock,
    ReasonTemplate,
    Report,
    ReportResolution,
)

QUEUE_FILTERS = ("new", "reported", "edited", "mine", "all")
REASON_MAX = 2000
HIDDEN_BY_REPORTS = "reports"


# --- who may moderate ------------------------------------------------------------

def require_moderator(actor, process):
    if actor is None or not actor.is_authenticated or not actor.is_active or not actor.can_moderate(process):
        raise NotAllowed(_l("Only the moderation team of this process can do this."))


def require_staff(actor, process):
    if actor is None or not actor.is_authenticated or not actor.can_manage(process):
        raise NotAllowed(_l("Only staff of this process can do this."))


# --- audit log --------------------------------------------------------------------

def idea_state(idea):
    return {
        "title": idea.title, "body": idea.body, "status": idea.status.value,
        "sector": idea.sector.code if idea.sector else None,
        "district": idea.district.name if idea.district else None,
        "rejection_reason": idea.rejection_reason, "hidden": idea.hidden_at is not None,
        "merged_into": idea.merged_into_id, "support_count": idea.support_count, "version": idea.version,
    }


def comment_state(comment):
    return {"body": comment.body, "status": comment.status.value, "rejection_reason": comment.rejection_reason,
            "hidden": comment.hidden_at is not None, "version": comment.version}


def state_of(item):
    return idea_state(item) if isinstance(item, Idea) else comment_state(item)


def record(actor, process_id, action, object_type, object_id, summary="", before=None, after=None, now=None):
    """Append an entry to the audit log (the only way entries are written)."""
    entry = AuditEntry(
        process_id=process_id, actor_id=actor.id if actor else None,
        actor_name=actor.display_name if actor else None, action=action, object_type=object_type,
        object_id=object_id, summary=str(summary),
        before_state=json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
        after_state=json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None,
        created_at=now or utcnow(),
    )
    db.session.add(entry)
    return entry


# --- the queue ---------------------------------------------------------------------

@dataclass
class QueuePage(Paged):
    items: list
    total: int
    page: int
    per_page: int
    kind: str
    filter: str


def _queue_condition(model, filter_, moderator, now):
    if filter_ == "new":
        if model is Idea:
            return sa.and_(Idea.moderated_at.is_(None), Idea.status != IdeaStatus.MERGED,
                           Idea.edit_requested_at.is_(None))
        return Comment.moderated_at.is_(None)
    if filter_ == "reported":
        return model.open_reports > 0
    if filter_ == "edited":
        return Idea.resubmitted_at.is_not(None) if model is Idea else sa.false()
    if filter_ == "mine":
        return sa.and_(model.claimed_by_id == moderator.id, model.claimed_until > now)
    return sa.true()


def _queue_order(model, filter_):
    if filter_ == "reported":
        return [model.open_reports.desc(), model.id]
    if filter_ == "all":
        return [model.created_at.desc(), model.id.desc()]
    if filter_ == "edited":
        return [Idea.resubmitted_at, Idea.id]
    return [model.created_at, model.id]  # oldest first: nobody waits forever


def _queue_scope(model, process):
    if model is Idea:
        return Idea.process_id == process.id
    # Correlated, so that each comment looks up its idea (an IN list would gather every idea first).
    return sa.exists().where(Idea.id == Comment.idea_id, Idea.process_id == process.id)


# Tabs count up to this many items ("1.000+"); a queue longer than that is long enough to know.
COUNT_CAP = 1000


def _capped_count(statement):
    limited = statement.limit(COUNT_CAP + 1).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0


def queue(process, moderator, kind="ideas", filter_="new", page=1, per_page=25, now=None):
    require_moderator(moderator, process)
    now = now or utcnow()
    model = Comment if kind == "comments" else Idea
    filter_ = filter_ if filter_ in QUEUE_FILTERS else "new"
    ids = sa.select(model.id).where(_queue_scope(model, process), _queue_condition(model, filter_, moderator, now))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(ids.subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    # The page's ids first, from the index; then the 25 items with what the table shows.
    page_ids = db.session.scalars(ids.order_by(*_queue_order(model, filter_)).limit(per_page)
                                  .offset((page - 1) * per_page)).all()
    options = [selectinload(model.author)]
    options += [selectinload(Idea.sector), selectinload(Idea.district)] if model is Idea else [selectinload(Comment.idea)]
    loaded = {item.id: item for item in db.session.scalars(
        sa.select(model).where(model.id.in_(page_ids)).options(*options))} if page_ids else {}
    items = [loaded[i] for i in page_ids if i in loaded]
    return QueuePage(items, total, page, per_page, "comments" if model is Comment else "ideas", filter_)


def queue_counts(process, moderator, now=None):
    """How many items each tab holds (up to COUNT_CAP), each count read from an index."""
    require_moderator(moderator, process)
    now = now or utcnow()
    counts = {}
    for kind, model in (("ideas", Idea), ("comments", Comment)):
        for filter_ in QUEUE_FILTERS:
            if filter_ == "all" or (kind == "comments" and filter_ == "edited"):
                continue
            counts[(kind, filter_)] = _capped_count(sa.select(model.id).where(
                _queue_scope(model, process), _queue_condition(model, filter_, moderator, now)))
    return counts


# --- claims ------------------------------------------------------------------------

def _process_of(item):
    return item.process if isinstance(item, Idea) else item.idea.process


def claim(moderator, item, now=None):
    """Claim an item for CLAIM_MINUTES; refused while someone else's claim runs."""
    process = _process_of(item)
    require_moderator(moderator, process)
    now = now or utcnow()
    model = type(item)
    claimed = db.session.execute(
        sa.update(model)
        .where(model.id == item.id, sa.or_(model.claimed_by_id.is_(None), model.claimed_until <= now,
                                            model.claimed_by_id == moderator.id))
        .values(claimed_by_id=moderator.id, claimed_until=now + timedelta(minutes=CLAIM_MINUTES))
        .returning(model.id).execution_options(synchronize_session=False)
    ).scalar()
    db.session.refresh(item)
    if claimed is None:
        holder = db.session.get(User, item.claimed_by_id)
        raise InvalidState(_l("%(name)s is working on this item; their claim ends at %(time)s.",
                              name=holder.display_name if holder else "?",
                              time=format_moment(item.claimed_until)))
    return item


def release(moderator, item, now=None):
    require_moderator(moderator, _process_of(item))
    now = now or utcnow()
    if item.claim_holder(now) == moderator.id:
        item.claimed_by_id, item.claimed_until = None, None
        db.session.flush()
    return item


def _decide(moderator, item, version, now):
    """The guard of every decision: a running claim of this moderator on exactly this version.

    One conditional UPDATE checks and ends the claim and raises the version, so of two
    concurrent decisions at most one passes.
    """
    require_moderator(moderator, _process_of(item))
    version = as_id(version)
    if version is None:
        raise ValidationFailed(_l("The form is incomplete; please reload the page."))
    holder = item.claim_holder(now)
    if holder is None:
        raise InvalidState(_l("Please claim this item before you decide on it."))
    if holder != moderator.id:
        raise InvalidState(_l("Another moderator has claimed this item."))
    model = type(item)
    passed = db.session.execute(
        sa.update(model)
        .where(model.id == item.id, model.version == version, model.claimed_by_id == moderator.id,
               model.claimed_until > now)
        .values(version=model.version + 1, claimed_by_id=None, claimed_until=None, moderated_at=now)
        .returning(model.id).execution_options(synchronize_session=False)
    ).scalar()
    if passed is None:
        db.session.refresh(item)
        raise InvalidState(_l("This item has changed since you opened it. Please look at the current version."))
    db.session.refresh(item)


def _reason_text(process, template_id, text):
    template = None
    if template_id not in (None, ""):
        template_key = as_id(template_id)
        template = db.session.get(ReasonTemplate, template_key) if template_key else None
        if template is None or template.process_id != process.id:
            raise ValidationFailed(_l("Please choose one of the reasons offered."), field="reason_template_id")
    text = (text or "").strip() if isinstance(text, str) else ""
    if len(text) > REASON_MAX:
        raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=REASON_MAX), field="text")
    if template is None and len(text) < 5:
        raise ValidationFailed(_l("Please give a reason: choose one or write one."), field="text")
    parts = [template.text] if template else []
    if text:
        parts.append(text)
    return template, "\n\n".join(parts)


def _decision(moderator, item, action, now, template=None, text=None):
    subject = {"idea_id": item.id} if isinstance(item, Idea) else {"comment_id": item.id}
    decision = ModerationDecision(
        process_id=_process_of(item).id, moderator_id=moderator.id, action=action,
        reason_template_id=template.id if template else None, text=text, version=item.version, created_at=now,
        **subject,
    )
    db.session.add(decision)
    return decision


def _resolve_reports(moderator, item, resolution, now):
    column = Report.idea_id if isinstance(item, Idea) else Report.comment_id
    db.session.execute(
        sa.update(Report).where(column == item.id, Report.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by_id=moderator.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )
    item.open_reports = 0


def _idea_url(idea):
    return external_url("ideas.show_idea", slug=idea.process.slug, idea_id=idea.id)


def _act(moderator, item, version, action, now, change, *, template=None, text=None, summary=""):
    """Decide, apply `change(item)`, and write the decision and the audit entry in one go."""
    now = now or utcnow()
    before = state_of(item)
    _decide(moderator, item, version, now)
    change(item)
    db.session.flush()
    _decision(moderator, item, action, now, template, text)
    record(moderator, _process_of(item).id, f"{type(item).__name__.lower()}.{action.value}",
           type(item).__name__.lower(), item.id, summary or text or "", before, state_of(item), now)
    db.session.flush()
    return item


# --- decisions on ideas --------------------------------------------------------------

def publish_idea(moderator, idea, version, now=None):
    """Publish a submitted idea, approve a published one, or publish a rejected one after all."""
    now = now or utcnow()
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED, IdeaStatus.REJECTED):
        raise InvalidState(_l("Only submitted, published or rejected ideas can be published."))
    newly = idea.status != IdeaStatus.PUBLISHED

    def change(item):
        item.status = IdeaStatus.PUBLISHED
        item.published_at = item.published_at or now
        item.rejection_reason = None
        item.edit_requested_at = item.resubmitted_at = None
        if item.hidden_at is not None and item.hidden_reason == HIDDEN_BY_REPORTS:
            item.hidden_at = item.hidden_by_id = item.hidden_reason = None
        _resolve_reports(moderator, item, ReportResolution.DISMISSED, now)

    _act(moderator, idea, version, ModerationAction.PUBLISH, now, change)
    if newly:
        notifications.send(idea.author, "idea_published", _l("Your idea has been published"), kind="published",
                           idea=idea, idea_url=_idea_url(idea))
    after_commit(similarity.refresh_suggestions_task, idea.id)
    return idea


def reject_idea(moderator, idea, version, reason_template_id=None, text=None, now=None):
    now = now or utcnow()
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED):
        raise InvalidState(_l("Only submitted or published ideas can be rejected."))
    template, reason = _reason_text(idea.process, reason_template_id, text)

    def change(item):
        item.status = IdeaStatus.REJECTED
        item.rejection_reason = reason
        item.edit_requested_at = item.resubmitted_at = None
        _resolve_reports(moderator, item, ReportResolution.UPHELD, now)

    _act(moderator, idea, version, ModerationAction.REJECT, now, change, template=template, text=reason)
    notifications.send(idea.author, "idea_rejected", _l("Your idea has been rejected"), kind="rejected",
                       idea=idea, reason=reason, idea_url=_idea_url(idea))
    similarity.forget(idea)
    return idea


def request_edit(moderator, idea, version, note, now=None):
    """Ask the author to change the idea; once edited it returns to the queue."""
    now = now or utcnow()
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED):
        raise InvalidState(_l("Only submitted or published ideas can be sent back for an edit."))
    if idea.author_id is None:
        raise InvalidState(_l("This idea has no author who could edit it."))
    (note,) = _collect(lambda: _clean_body(note, maximum=REASON_MAX, minimum=5, field="note"))

    def change(item):
        item.edit_requested_at, item.edit_request_note, item.resubmitted_at = now, note, None

    _act(moderator, idea, version, ModerationAction.REQUEST_EDIT, now, change, text=note)
    notifications.send(idea.author, "idea_edit_requested", _l("Please edit your idea"), kind="edit_requested",
                       idea=idea, note=note,
                       edit_url=external_url("ideas.edit_idea", slug=idea.process.slug, idea_id=idea.id))
    return idea


def edit_idea(moderator, idea, version, title, body, sector_id, district_id, note="", now=None):
    """Moderation corrects sector, district or obvious typos; the idea says so."""
    now = now or utcnow()
    title, body, sector, district = _collect(
        lambda: _clean_title(title), lambda: _clean_body(body),
        lambda: _resolve_sector(idea.process, sector_id), lambda: _resolve_district(idea.process, district_id),
    )

    def change(item):
        item.title, item.body, item.body_html = title, body, render_markdown(body)
        item.sector, item.district = sector, district
        item.moderator_edited_at = now

    _act(moderator, idea, version, ModerationAction.EDIT, now, change, text=(note or "").strip()[:REASON_MAX] or None,
         summary=(note or "").strip()[:REASON_MAX])
    after_commit(similarity.refresh_suggestions_task, idea.id)
    return idea


def merge_ideas(moderator, source, version, target_id, note="", now=None):
    """Merge `source` into the idea `target_id`: supports move over, counted once per person.

    The source redirects to the target; its author, the target's author and the people whose
    support moved are told.
    """
    now = now or utcnow()
    target_key = as_id(target_id)
    target = db.session.get(Idea, target_key) if target_key else None
    if target is None or target.process_id != source.process_id or target.id == source.id:
        raise ValidationFailed(_l("Please choose another idea of this process to merge into."), field="target_id")
    if target.status not in (IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED) or target.hidden_at is not None:
        raise ValidationFailed(_l("Ideas can only be merged into a published idea."), field="target_id")
    if source.status not in (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED):
        raise InvalidState(_l("Only submitted or published ideas can be merged."))
    # Everyone who supported the source is told where their support counts now.
    movers = db.session.scalars(
        sa.select(User).join(Support, Support.user_id == User.id).where(Support.idea_id == source.id)
    ).all()

    def change(item):
        insert = postgresql.insert if dialect_name() == "postgresql" else sqlite.insert
        moved = sa.select(sa.literal(target.id), Support.user_id, Support.created_at).where(
            Support.idea_id == item.id, Support.user_id != sa.func.coalesce(target.author_id, -1))
        db.session.execute(
            insert(Support).from_select(["idea_id", "user_id", "created_at"], moved).on_conflict_do_nothing()
        )
        db.session.execute(sa.delete(Support).where(Support.idea_id == item.id)
                           .execution_options(synchronize_session=False))
        rows = sa.select(sa.func.count(Support.id)).where(Support.idea_id == target.id).scalar_subquery()
        db.session.execute(sa.update(Idea).where(Idea.id == target.id).values(support_count=rows)
                           .execution_options(synchronize_session=False))
        item.support_count = 0
        item.status = IdeaStatus.MERGED
        item.merged_into_id = target.id
        item.edit_requested_at = item.resubmitted_at = None
        _resolve_reports(moderator, item, ReportResolution.UPHELD, now)

    summary = _l("merged into idea %(id)d “%(title)s”", id=target.id, title=target.title)
    _act(moderator, source, version, ModerationAction.MERGE, now, change,
         text=(note or "").strip()[:REASON_MAX] or None, summary=summary)
    db.session.refresh(target)
    target_url = _idea_url(target)
    notifications.send(source.author, "idea_merged", _l("Your idea has been merged with a similar one"),
                       kind="merged", idea=source, target=target, target_url=target_url, role="author")
    if target.author_id != source.author_id:
        notifications.send(target.author, "idea_merged", _l("A similar idea has been merged into yours"),
                           kind="merged", idea=source, target=target, target_url=target_url, role="target_author")
    for supporter in movers:
        if supporter.id not in (source.author_id, target.author_id):
            notifications.send(supporter, "idea_merged", _l("Your support now counts for a merged idea"),
                               kind="merged", idea=source, target=target, target_url=target_url, role="supporter")
    similarity.forget(source)
    return target


def set_hidden(moderator, item, version, hidden, reason="", now=None):
    """Hide an idea or comment from the public (or show it again)."""
    now = now or utcnow()
    if hidden and item.hidden_at is not None:
        raise InvalidState(_l("This item is hidden already."))
    if not hidden and item.hidden_at is None:
        raise InvalidState(_l("This item is not hidden."))
    reason = (reason or "").strip()[:REASON_MAX] if isinstance(reason, str) else ""
    was_counted = isinstance(item, Comment) and _counts_as_comment(item)

    def change(current):
        if hidden:
            current.hidden_at, current.hidden_by_id, current.hidden_reason = now, moderator.id, reason or None
        else:
            current.hidden_at = current.hidden_by_id = current.hidden_reason = None
            _resolve_reports(moderator, current, ReportResolution.DISMISSED, now)

    action = ModerationAction.HIDE if hidden else ModerationAction.UNHIDE
    _act(moderator, item, version, action, now, change, text=reason or None)
    if isinstance(item, Comment):
        _adjust_comment_count(item, was_counted)
    return item


def dismiss_reports(moderator, item, version, now=None):
    now = now or utcnow()
    if item.open_reports == 0:
        raise InvalidState(_l("There are no open reports."))
    was_counted = isinstance(item, Comment) and _counts_as_comment(item)

    def change(current):
        _resolve_reports(moderator, current, ReportResolution.DISMISSED, now)
        if current.hidden_at is not None and current.hidden_reason == HIDDEN_BY_REPORTS:
            current.hidden_at = current.hidden_by_id = current.hidden_reason = None

    _act(moderator, item, version, ModerationAction.DISMISS_REPORTS, now, change)
    if isinstance(item, Comment):
        _adjust_comment_count(item, was_counted)
    return item


# --- decisions on comments -------------------------------------------------------------

def _counts_as_comment(comment):
    return comment.status == CommentStatus.PUBLISHED and comment.hidden_at is None


def _adjust_comment_count(comment, was_counted):
    """Keep the idea's comment count equal to its published, visible comments."""
    now_counted = _counts_as_comment(comment)
    if now_counted != was_counted:
        db.session.execute(
            sa.update(Idea).where(Idea.id == comment.idea_id)
            .values(comment_count=Idea.comment_count + (1 if now_counted else -1))
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(comment.idea, ["comment_count"])


def publish_comment(moderator, comment, version, now=None):
    now = now or utcnow()
    if comment.status == CommentStatus.PUBLISHED and comment.moderated_at is not None:
        raise InvalidState(_l("This comment is published already."))
    was_counted = _counts_as_comment(comment)

    def change(item):
        item.status, item.rejection_reason = CommentStatus.PUBLISHED, None
        if item.hidden_at is not None and item.hidden_reason == HIDDEN_BY_REPORTS:
            item.hidden_at = item.hidden_by_id = item.hidden_reason = None
        _resolve_reports(moderator, item, ReportResolution.DISMISSED, now)

    _act(moderator, comment, version, ModerationAction.PUBLISH, now, change)
    _adjust_comment_count(comment, was_counted)
    return comment


def reject_comment(moderator, comment, version, reason_template_id=None, text=None, now=None):
    now = now or utcnow()
    if comment.status == CommentStatus.REJECTED:
        raise InvalidState(_l("This comment is rejected already."))
    template, reason = _reason_text(comment.idea.process, reason_template_id, text)
    was_counted = _counts_as_comment(comment)

    def change(item):
        item.status, item.rejection_reason = CommentStatus.REJECTED, reason
        _resolve_reports(moderator, item, ReportResolution.UPHELD, now)

    _act(moderator, comment, version, ModerationAction.REJECT, now, change, template=template, text=reason)
    _adjust_comment_count(comment, was_counted)
    return comment


# --- reports ---------------------------------------------------------------------

def report(reporter, item, reason, now=None):
    """A resident reports an idea or comment; at the process's threshold it is hidden."""
    now = now or utcnow()
    process = _process_of(item)
    if reporter is None or not reporter.is_authenticated:
        raise NotAllowed(_l("Please sign in to report a contribution."))
    if not reporter.is_active or not reporter.is_verified:
        raise NotAllowed(_l("Please confirm your e-mail address first; we have sent you a link."))
    require_not_barred(reporter, process)
    if reporter.id == item.author_id:
        raise InvalidState(_l("You cannot report your own contribution."))
    if not item.is_visible_to(reporter):
        raise NotFound(_l("This contribution does not exist or is not visible."))
    (reason,) = _collect(lambda: _clean_body(reason, maximum=500, minimum=5, field="reason"))
    subject = {"idea_id": item.id} if isinstance(item, Idea) else {"comment_id": item.id}
    insert = postgresql.insert if dialect_name() == "postgresql" else sqlite.insert
    created = db.session.execute(
        insert(Report).values(process_id=process.id, reporter_id=reporter.id, reason=reason, created_at=now,
                              **subject).on_conflict_do_nothing().returning(Report.id)
    ).scalar()
    if created is None:
        raise InvalidState(_l("You have reported this already; the moderation team will look at it."))
    model = type(item)
    db.session.execute(sa.update(model).where(model.id == item.id).values(open_reports=model.open_reports + 1)
                       .execution_options(synchronize_session=False))
    db.session.refresh(item)
    hidden_now = False
    if item.open_reports >= process.report_threshold and item.hidden_at is None:
        was_counted = isinstance(item, Comment) and _counts_as_comment(item)
        item.hidden_at, item.hidden_by_id, item.hidden_reason = now, None, HIDDEN_BY_REPORTS
        db.session.flush()
        if isinstance(item, Comment):
            _adjust_comment_count(item, was_counted)
        hidden_now = True
    record(reporter, process.id, f"{model.__name__.lower()}.report", model.__name__.lower(), item.id, reason,
           now=now)
    if hidden_now:
        record(None, process.id, f"{model.__name__.lower()}.hidden_by_reports", model.__name__.lower(), item.id,
               _l("hidden after %(n)d reports", n=item.open_reports), now=now)
    db.session.flush()
    return item


def reports_for(item):
    column = Report.idea_id if isinstance(item, Idea) else Report.comment_id
    return db.session.scalars(sa.select(Report).where(column == item.id).order_by(Report.created_at)
                              .options(selectinload(Report.reporter))).all()


def decisions_for(item):
    column = ModerationDecision.idea_id if isinstance(item, Idea) else ModerationDecision.comment_id
    return db.session.scalars(sa.select(ModerationDecision).where(column == item.id)
                              .order_by(ModerationDecision.created_at)
                              .options(selectinload(ModerationDecision.moderator))).all()


# --- accounts: bars from one process (moderation team), blocks everywhere (admins) ---------

def _clean_reason(reason, field="reason"):
    reason = reason.replace("\r\n", "\n").strip() if isinstance(reason, str) else ""
    if len(reason) < 5:
        raise ValidationFailed(_l("Please give a reason of at least %(min)d characters.", min=5), field=field)
    if len(reason) > REASON_MAX:
        raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=REASON_MAX), field=field)
    return reason


def bar_of(process, user):
    """The bar of `user` from `process`, or None (for pages and checks)."""
    return ProcessBlock.of(process, user)


def bar_from_process(moderator, process, user, reason, now=None):
    """Bar an account from taking part in this one process, with a reason the person is shown.

    Open to the moderation team of this process (moderators, staff, admins). Nothing about the
    account changes and no mail is sent: in every other process the person takes part as before.
    The audit entry belongs to this process.
    """
    now = now or utcnow()
    require_moderator(moderator, process)
    if user.id == moderator.id:
        raise InvalidState(_l("You cannot bar yourself."))
    if user.can_moderate(process):
        raise NotAllowed(_l("Members of this process’s team cannot be barred from it. Staff can remove them "
                            "from the team first."))
    reason = _clean_reason(reason)
    insert = postgresql.insert if dialect_name() == "postgresql" else sqlite.insert
    created = db.session.execute(
        insert(ProcessBlock).values(process_id=process.id, user_id=user.id, reason=reason,
                                    blocked_by_id=moderator.id, blocked_by_name=moderator.display_name,
                                    created_at=now).on_conflict_do_nothing().returning(ProcessBlock.id)
    ).scalar()
    if created is None:
        raise InvalidState(_l("This account is already barred from this process."))
    record(moderator, process.id, "user.bar", "user", user.id, reason, {"barred": False},
           {"barred": True, "reason": reason}, now)
    db.session.flush()
    return db.session.get(ProcessBlock, created)


def lift_process_bar(moderator, process, user, now=None):
    """Let a barred account take part in this process again."""
    now = now or utcnow()
    require_moderator(moderator, process)
    bar = ProcessBlock.of(process, user)
    if bar is None:
        raise InvalidState(_l("This account is not barred from this process."))
    reason = bar.reason
    removed = db.session.execute(
        sa.delete(ProcessBlock).where(ProcessBlock.id == bar.id).returning(ProcessBlock.id)
        .execution_options(synchronize_session=False)
    ).scalar()
    if removed is None:  # lifted by someone else a moment ago
        raise InvalidState(_l("This account is not barred from this process."))
    db.session.expunge(bar)
    record(moderator, process.id, "user.unbar", "user", user.id, "", {"barred": True, "reason": reason},
           {"barred": False}, now)
    db.session.flush()


def process_bars(moderator, process):
    """Everyone barred from this process, newest first (for its moderation team)."""
    require_moderator(moderator, process)
    return db.session.scalars(
        sa.select(ProcessBlock).where(ProcessBlock.process_id == process.id)
        .order_by(ProcessBlock.created_at.desc(), ProcessBlock.id.desc()).options(selectinload(ProcessBlock.user))
    ).all()


def require_admin(actor):
    if actor is None or not actor.is_authenticated or not actor.is_active or not actor.admin_rights:
        raise NotAllowed(_l("Only admins can do this."))  # admin_rights: not before the second factor


def set_blocked(admin, user, blocked, reason="", now=None):
    """Block an account everywhere (it can no longer sign in, and its sessions end) or unblock it.

    For admins only; moderators and staff bar accounts from their own process instead
    (`bar_from_process`). The audit entry belongs to no process.
    """
    now = now or utcnow()
    require_admin(admin)
    if user.id == admin.id:
        raise InvalidState(_l("You cannot block yourself."))
    if user.is_admin:
        raise NotAllowed(_l("Admin accounts cannot be blocked. Take away the admin right first."))
    if blocked and user.blocked_at is not None:
        raise InvalidState(_l("This account is blocked already."))
    if not blocked and user.blocked_at is None:
        raise InvalidState(_l("This account is not blocked."))
    reason = _clean_reason(reason) if blocked else ""
    before = {"blocked": user.blocked_at is not None, "reason": user.blocked_reason}
    if blocked:
        user.blocked_at, user.blocked_reason = now, reason
        user.rotate_session_token()
    else:
        user.blocked_at, user.blocked_reason = None, None
    record(admin, None, "user.block" if blocked else "user.unblock", "user", user.id, reason,
           before, {"blocked": blocked, "reason": user.blocked_reason}, now)
    db.session.flush()
    return user


ACCOUNTS_SHOWN = 50


def find_accounts(admin, q=""):
    """Accounts whose e-mail address or name contains `q` (for the admins' account page), and the
    blocked accounts, each at most ACCOUNTS_SHOWN."""
    require_admin(admin)
    q = as_text(q, max_length=120)  # no NUL: PostgreSQL refuses it in any text parameter
    found = []
    if q:
        needle = q.lower()
        found = db.session.scalars(
            sa.select(User).where(sa.or_(sa.func.lower(User.email).contains(needle, autoescape=True),
                                         sa.func.lower(User.display_name).contains(needle, autoescape=True)))
            .order_by(User.display_name, User.id).limit(ACCOUNTS_SHOWN)
        ).all()
    blocked = db.session.scalars(
        sa.select(User).where(User.blocked_at.is_not(None)).order_by(User.blocked_at.desc(), User.id)
        .limit(ACCOUNTS_SHOWN)
    ).all()
    return found, blocked


def account_audit(admin, limit=50):
    """The latest instance-wide account entries of the audit log (blocks and unblocks)."""
    require_admin(admin)
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.process_id.is_(None), AuditEntry.object_type == "user")
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)
    ).all()


# --- reason templates ---------------------------------------------------------------

def reason_templates(process):
    templates = db.session.scalars(sa.select(ReasonTemplate).where(ReasonTemplate.process_id == process.id)
                                   .order_by(ReasonTemplate.position, ReasonTemplate.id)).all()
    if not templates:
        with instance_locale():  # default content in the instance's language, whoever opens the page first
            templates = [ReasonTemplate(process_id=process.id, title=str(title), text=str(text), position=i)
                         for i, (title, text) in enumerate(DEFAULT_REASONS)]
        db.session.add_all(templates)
        db.session.flush()
    return templates


def save_reason_template(actor, process, title, text, template_id=None):
    require_staff(actor, process)
    title = (title or "").strip() if isinstance(title, str) else ""
    text = (text or "").strip() if isinstance(text, str) else ""
    errors = {}
    if not 2 <= len(title) <= 80:
        errors["title"] = [_l("The title must have %(min)d to %(max)d characters.", min=2, max=80)]
    if not 5 <= len(text) <= REASON_MAX:
        errors["text"] = [_l("The text must have %(min)d to %(max)d characters.", min=5, max=REASON_MAX)]
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors=errors)
    if template_id:
        template_key = as_id(template_id)
        template = db.session.get(ReasonTemplate, template_key) if template_key else None
        if template is None or template.process_id != process.id:
            raise NotFound(_l("This reason does not exist."))
        before = {"title": template.title, "text": template.text}
    else:
        position = len(reason_templates(process))
        template = ReasonTemplate(process_id=process.id, position=position, title=title, text=text)
        before = None
    clash = db.session.scalar(sa.select(ReasonTemplate.id).where(
        ReasonTemplate.process_id == process.id, ReasonTemplate.title == title, ReasonTemplate.id != (template.id or -1)))
    if clash:
        raise ValidationFailed(_l("Another reason already has this title."), field="title")
    template.title, template.text = title, text
    db.session.add(template)
    db.session.flush()
    record(actor, process.id, "reason_template.save", "reason_template", template.id, title, before,
           {"title": title, "text": text})
    return template


def delete_reason_template(actor, process, template_id):
    require_staff(actor, process)
    template = db.session.get(ReasonTemplate, template_id)
    if template is None or template.process_id != process.id:
        raise NotFound(_l("This reason does not exist."))
    record(actor, process.id, "reason_template.delete", "reason_template", template.id, template.title,
           {"title": template.title, "text": template.text}, None)
    db.session.delete(template)
    db.session.flush()


# --- reading the audit log -------------------------------------------------------------

@dataclass
class AuditQuery:
    action: str = ""
    actor: str = ""
    object_type: str = ""
    object_id: int | None = None
    page: int = 1


def parse_audit_query(args):
    return AuditQuery(action=as_text(args.get("action"), max_length=40),
                      actor=as_text(args.get("actor"), max_length=120),
                      object_type=as_text(args.get("object_type"), max_length=20),
                      object_id=as_id(args.get("object_id")), page=as_page(args.get("page"), last=100_000))


def _audit_conditions(process, query):
    conditions = [AuditEntry.process_id == process.id]
    if query.action:
        conditions.append(AuditEntry.action.startswith(query.action, autoescape=True))
    if query.actor:
        conditions.append(AuditEntry.actor_name.ilike(f"%{query.actor}%"))
    if query.object_type:
        conditions.append(AuditEntry.object_type == query.object_type)
    if query.object_id:
        conditions.append(AuditEntry.object_id == query.object_id)
    return conditions


def audit_log(actor, process, query, per_page=50):
    require_staff(actor, process)
    conditions = _audit_conditions(process, query)
    total = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(*conditions)) or 0
    query.page = min(max(1, query.page), max(1, math.ceil(total / per_page)))
    entries = db.session.scalars(
        sa.select(AuditEntry).where(*conditions).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(per_page).offset((query.page - 1) * per_page)
    ).all()
    return entries, total


def audit_actions(process):
    return db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.process_id == process.id)
                              .distinct().order_by(AuditEntry.action)).all()


def audit_csv(actor, process, query, fmt="csv"):
    """The filtered log as CSV (UTF-8 with BOM, for spreadsheet programs) or, with fmt="xlsx", as XLSX."""
    require_staff(actor, process)
    entries = db.session.execute(
        sa.select(AuditEntry).where(*_audit_conditions(process, query)).order_by(AuditEntry.created_at,
                                                                               AuditEntry.id)
    ).scalars()
    # csv_bytes guards every text cell: summaries and states quote what residents and staff typed.
    # The readable action beside its code (the code is what the filter of the page takes).
    rows = [[entry.id, entry.created_at, entry.actor_name or "", entry.action_label, entry.action,
             entry.object_label, entry.object_id or "", entry.summary, entry.before_state or "",
             entry.after_state or ""]
            for entry in entries]
    header = [_("No."), _("Time"), _("Person"), _("Action"), _("Action code"), _("Object"), _("Object number"),
              _("Summary"), _("Before"), _("After")]
    data = table_bytes(fmt, header, rows, sheet=_("Audit log"))
    record(actor, process.id, "audit.export", "process", process.id, "")
    filters = [f"{name}={value}" for name, value in (("action", query.action), ("actor", query.actor),
               ("object_type", query.object_type), ("object_id", query.object_id)) if value]
    log_access(actor, process, "export_audit", f"audit-{process.slug}.{fmt}" + (f" ({', '.join(filters)})"
                                                                          if filters else ""), len(rows))
    return data
