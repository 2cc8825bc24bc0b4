from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import EmptyForm
from ..auth.models import User
from ..database import unit_of_work, utcnow
from ..downloads import content_disposition
from ..errors import DomainError, NotAllowed
from ..extensions import db, limiter
from ..ideas.models import Comment, Idea
from ..processes.services import get_process
from ..security import personal_data
from ..spreadsheet import MIMETYPES
from ..values import as_page
from ..web import actor, attempt, flash_domain_error, flash_form_errors
from . import bp, history, services
from .forms import (
    BarForm,
    HideForm,
    MergeForm,
    ModeratorEditForm,
    ReasonTemplateForm,
    RejectForm,
    ReportForm,
    RequestEditForm,
    VersionForm,
)
from .models import AUDIT_OBJECT_LABELS, audit_action_label


def _moderated_process(slug):
    process = get_process(slug, public_only=False)
    if not current_user.can_moderate(process):
        abort(403)
    return process


def _item(process, model, item_id):
    item = db.session.get(model, item_id)
    item_process = (item.process_id if isinstance(item, Idea) else item.idea.process_id) if item else None
    if item is None or item_process != process.id:
        abort(404)
    return item


@bp.route("/<slug>/moderation")
@login_required
@personal_data
def queue(slug):
    process = _moderated_process(slug)
    kind = "comments" if request.args.get("kind") == "comments" else "ideas"
    result = services.queue(process, current_user, kind, request.args.get("filter", "new"),
                            as_page(request.args.get("page"), last=100_000))
    return render_template("moderation/queue.html", process=process, queue=result,
                           counts=services.queue_counts(process, current_user), now=utcnow(),
                           count_cap=services.COUNT_CAP)


def _review_context(process, item):
    decisions = services.decisions_for(item)
    context = {
        "process": process, "item": item, "now": utcnow(), "reports": services.reports_for(item),
        "decisions": decisions, "decision_changes": history.decision_changes(
            item, decisions, {sector.code: sector.name for sector in process.sectors}),
        "claim_form": EmptyForm(), "version_form": VersionForm(),
        "hide_form": HideForm(), "bar_form": BarForm(),
        "reject_form": RejectForm(), "templates": services.reason_templates(process),
        "author_bar": services.bar_of(process, item.author) if item.author else None,
    }
    context["reject_form"].set_choices(context["templates"])
    if isinstance(item, Idea):
        from .similarity import suggestions_for

        edit_form = ModeratorEditForm(obj=item, formdata=None)
        edit_form.set_choices(process)
        from ..catalogue.forms import LinkIdeasForm
        from ..catalogue.models import label
        from ..catalogue.services import links_of_idea, measure_choices

        link_form = LinkIdeasForm(formdata=None, idea_ids=str(item.id))
        context.update(idea=item, suggestions=suggestions_for(item), edit_form=edit_form,
                       request_edit_form=RequestEditForm(), merge_form=MergeForm(), link_form=link_form,
                       measures=measure_choices(process), idea_links=links_of_idea(item, False),
                       link_label=label)
    return context


@bp.route("/<slug>/moderation/ideas/<int:idea_id>")
@login_required
@personal_data
def review_idea(slug, idea_id):
    process = _moderated_process(slug)
    idea = _item(process, Idea, idea_id)
    with unit_of_work():  # the first visit writes the process's default reason templates
        context = _review_context(process, idea)
    return render_template("moderation/idea.html", **context)


@bp.route("/<slug>/moderation/comments/<int:comment_id>")
@login_required
@personal_data
def review_comment(slug, comment_id):
    process = _moderated_process(slug)
    comment = _item(process, Comment, comment_id)
    with unit_of_work():
        context = _review_context(process, comment)
    return render_template("moderation/comment.html", comment=comment, **context)


# Each action: the form that carries it, and the service call.
_IDEA_ACTIONS = {
        "claim": (EmptyForm, lambda m, item, f: services.claim(m, item)),
        "release": (EmptyForm, lambda m, item, f: services.release(m, item)),
        "publish": (VersionForm, lambda m, item, f: services.publish_idea(m, item, f.version.data)),
        "reject": (RejectForm, lambda m, item, f: services.reject_idea(
            m, item, f.version.data, f.reason_template_id.data, f.text.data)),
        "request-edit": (RequestEditForm, lambda m, item, f: services.request_edit(m, item, f.version.data, f.note.data)),
        "edit": (ModeratorEditForm, lambda m, item, f: services.edit_idea(
            m, item, f.version.data, f.title.data, f.body.data, f.sector_id.data, f.district_id.data, f.note.data)),
        "merge": (MergeForm, lambda m, item, f: services.merge_ideas(m, item, f.version.data, f.target_id.data,
                                                                      f.note.data)),
        "hide": (HideForm, lambda m, item, f: services.set_hidden(m, item, f.version.data, True, f.reason.data)),
        "unhide": (HideForm, lambda m, item, f: services.set_hidden(m, item, f.version.data, False, f.reason.data)),
        "dismiss-reports": (VersionForm, lambda m, item, f: services.dismiss_reports(m, item, f.version.data)),
}


_COMMENT_ACTIONS = {
    "claim": (EmptyForm, lambda m, item, f: services.claim(m, item)),
    "release": (EmptyForm, lambda m, item, f: services.release(m, item)),
    "publish": (VersionForm, lambda m, item, f: services.publish_comment(m, item, f.version.data)),
    "reject": (RejectForm, lambda m, item, f: services.reject_comment(
        m, item, f.version.data, f.reason_template_id.data, f.text.data)),
    "hide": (HideForm, lambda m, item, f: services.set_hidden(m, item, f.version.data, True, f.reason.data)),
    "unhide": (HideForm, lambda m, item, f: services.set_hidden(m, item, f.version.data, False, f.reason.data)),
    "dismiss-reports": (VersionForm, lambda m, item, f: services.dismiss_reports(m, item, f.version.data)),
}

_DONE = {
    "claim": lambda: _("You are now working on this item for 15 minutes."),
    "release": lambda: _("You have released the item."),
}


def _act(process, item, actions, action, back):
    if action not in actions:
        abort(404)
    form_class, call = actions[action]
    form = form_class()
    if hasattr(form, "set_choices"):
        if isinstance(form, RejectForm):
            form.set_choices(services.reason_templates(process))
        else:
            form.set_choices(process)
    if not form.validate_on_submit():
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "error")
        return redirect(back)
    try:
        with unit_of_work():
            call(current_user._get_current_object(), item, form)
    except DomainError as error:
        flash_domain_error(error)
    else:
        flash(_DONE[action]() if action in _DONE else _("Done. The decision is recorded."), "success")
        if action not in ("claim", "release"):
            return redirect(url_for("moderation.queue", slug=process.slug,
                                    kind="comments" if isinstance(item, Comment) else "ideas"))
    return redirect(back)


@bp.route("/<slug>/moderation/ideas/<int:idea_id>/<action>", methods=["POST"])
@login_required
def act_on_idea(slug, idea_id, action):
    process = _moderated_process(slug)
    idea = _item(process, Idea, idea_id)
    return _act(process, idea, _IDEA_ACTIONS, action,
                url_for("moderation.review_idea", slug=slug, idea_id=idea_id))


@bp.route("/<slug>/moderation/comments/<int:comment_id>/<action>", methods=["POST"])
@login_required
def act_on_comment(slug, comment_id, action):
    process = _moderated_process(slug)
    comment = _item(process, Comment, comment_id)
    return _act(process, comment, _COMMENT_ACTIONS, action,
                url_for("moderation.review_comment", slug=slug, comment_id=comment_id))


def _back(slug):
    if request.referrer and request.referrer.startswith(request.host_url):
        return request.referrer
    return url_for("moderation.barred", slug=slug)


@bp.route("/<slug>/moderation/users/<int:user_id>/bar", methods=["POST"])
@login_required
def bar_user(slug, user_id):
    """Bar an account from this process (not from any other)."""
    process = _moderated_process(slug)
    user = db.session.get(User, user_id) or abort(404)
    form = BarForm()
    if form.validate_on_submit():
        attempt(lambda: services.bar_from_process(current_user._get_current_object(), process, user,
                                                  form.reason.data),
                _("%(name)s is barred from this process.", name=user.display_name))
    else:
        flash_form_errors(form)
    return redirect(_back(slug))


@bp.route("/<slug>/moderation/users/<int:user_id>/unbar", methods=["POST"])
@login_required
def lift_bar(slug, user_id):
    process = _moderated_process(slug)
    user = db.session.get(User, user_id) or abort(404)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.lift_process_bar(current_user._get_current_object(), process, user),
                _("%(name)s can take part in this process again.", name=user.display_name))
    return redirect(_back(slug))


@bp.route("/<slug>/moderation/barred")
@login_required
@personal_data
def barred(slug):
    """Who is barred from this process, with the reason, who barred and when; lifting from here."""
    process = _moderated_process(slug)
    return render_template("moderation/barred.html", process=process,
                           bars=services.process_bars(current_user, process), lift_form=EmptyForm())


@bp.app_context_processor
def _bar_lookup():
    """`barred_from(process)` for templates: the signed-in person's bar from that process, or None
    (looked up once per process and request)."""
    def barred_from(process):
        if process is None or not current_user.is_authenticated:
            return None
        cache = g.setdefault("process_bars", {})
        if process.id not in cache:
            cache[process.id] = services.bar_of(process, current_user)
        return cache[process.id]

    return {"barred_from": barred_from}


@bp.route("/<slug>/moderation/reasons", methods=["GET", "POST"])
@login_required
def reasons(slug):
    process = _moderated_process(slug)
    form = ReasonTemplateForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.save_reason_template(current_user, process, form.title.data, form.text.data,
                                              request.form.get("template_id") or None)
        except DomainError as error:
            flash_domain_error(error)
        else:
            flash(_("The reason has been saved."), "success")
            return redirect(url_for("moderation.reasons", slug=slug))
    with unit_of_work():
        templates = services.reason_templates(process)
    return render_template("moderation/reasons.html", process=process, form=form, templates=templates,
                           delete_form=EmptyForm())


@bp.route("/<slug>/moderation/reasons/<int:template_id>/delete", methods=["POST"])
@login_required
def delete_reason(slug, template_id):
    process = _moderated_process(slug)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.delete_reason_template(current_user, process, template_id),
                _("The reason has been deleted."))
    return redirect(url_for("moderation.reasons", slug=slug))


@bp.route("/<slug>/audit")
@login_required
@personal_data
def audit(slug):
    process = get_process(slug, public_only=False)
    query = services.parse_audit_query(request.args)
    try:
        entries, total = services.audit_log(current_user, process, query)
    except NotAllowed:
        abort(403)
    sector_names = {sector.code: sector.name for sector in process.sectors}
    return render_template("moderation/audit.html", process=process, entries=entries, total=total, query=query,
                           actions=services.audit_actions(process), per_page=50,
                           audit_action_label=audit_action_label, audit_object_labels=AUDIT_OBJECT_LABELS,
                           changes_of=lambda entry: history.entry_changes(entry, sector_names))


@bp.route("/<slug>/audit.csv")
@login_required
@personal_data
def audit_csv(slug):
    return _audit_export(slug, "csv")


@bp.route("/<slug>/audit.xlsx")
@login_required
@personal_data
def audit_xlsx(slug):
    return _audit_export(slug, "xlsx")


def _audit_export(slug, fmt):
    process = get_process(slug, public_only=False)
    try:
        with unit_of_work():
            data = services.audit_csv(current_user, process, services.parse_audit_query(request.args), fmt)
    except NotAllowed:
        abort(403)
    return Response(data, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": content_disposition(f"audit-{process.slug}.{fmt}")})


@bp.route("/<slug>/<any(ideas, comments):kind>/<int:item_id>/report", methods=["POST"])
@login_required
@limiter.limit("20 per hour")
def report(slug, kind, item_id):
    process = get_process(slug, viewer=actor())
    item = _item(process, Idea if kind == "ideas" else Comment, item_id)
    idea_id = item.id if isinstance(item, Idea) else item.idea_id
    back = url_for("ideas.show_idea", slug=slug, idea_id=idea_id)
    form = ReportForm()
    if form.validate_on_submit():
        attempt(lambda: services.report(actor(), item, form.reason.data),
                _("Thank you. The moderation team will look at it."))
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "error")
    return redirect(back)
