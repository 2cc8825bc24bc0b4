import secrets

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.forms import EmptyForm
from ..database import unit_of_work
from ..errors import DomainError
from ..extensions import limiter
from ..processes.services import get_process
from ..web import actor, apply_errors, attempt, flash_domain_error, safe_next
from . import bp, services
from .forms import CommentForm, IdeaForm
from .models import IdeaStatus


def visitor_seed():
    """A per-visitor seed for the random order: stable across pages, different between people."""
    if "random_seed" not in session:
        session["random_seed"] = secrets.randbelow(services.RANDOM_SEED_LIMIT)
    return session["random_seed"]


def _load(slug, idea_id):
    process = get_process(slug, viewer=actor())
    return process, services.get_idea(idea_id, viewer=actor(), process=process)


def idea_page(process):
    """The page of ideas the request's arguments ask for; the HTML list and the API share it."""
    query = services.parse_idea_query(request.args)
    seed = visitor_seed() if query.sort == "random" else 0
    per_page = current_app.config["IDEAS_PER_PAGE"]
    return query, services.list_ideas(process, query, viewer=actor(), per_page=per_page, random_seed=seed)


@bp.route("/<slug>/ideas")
def list_ideas(slug):
    process = get_process(slug, viewer=actor())
    query, page = idea_page(process)
    return render_template("ideas/list.html", process=process, page=page, query=query,
                           counts=services.idea_counts(process, actor()), support_form=EmptyForm())


@bp.route("/<slug>/ideas/new", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def create_idea(slug):
    process = get_process(slug, viewer=actor())
    form = IdeaForm()
    form.set_choices(process)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                idea = services.submit_idea(actor(), process, form.title.data, form.body.data,
                                            form.sector_id.data, form.district_id.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            if idea.status == IdeaStatus.PUBLISHED:
                flash(_("Thank you! Your idea is published."), "success")
            else:
                flash(_("Thank you! Your idea has been submitted and will appear once a moderator has "
                        "checked it."), "success")
            return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.id))
    return render_template("ideas/form.html", process=process, form=form, idea=None)


@bp.route("/<slug>/ideas/<int:idea_id>")
def show_idea(slug, idea_id):
    process, idea = _load(slug, idea_id)
    if idea.status == IdeaStatus.MERGED and idea.merged_into_id:
        flash(_("This idea has been merged with a similar one; its supports count there."), "info")
        return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.merged_into_id))
    viewer = actor()
    from ..catalogue.models import label as link_label
    from ..catalogue.services import links_of_idea

    return render_template(
        "ideas/show.html", process=process, idea=idea, links=links_of_idea(idea), link_label=link_label,
        threads=services.comment_threads(idea, viewer),
        supported=idea.id in services.supported_ids(viewer, [idea.id]),
        comment_form=CommentForm(), support_form=EmptyForm(),
    )


@bp.route("/<slug>/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@login_required
def edit_idea(slug, idea_id):
    process, idea = _load(slug, idea_id)
    if not idea.can_edit(actor()):
        flash(_("This idea can no longer be edited.") if idea.author_id == actor().id
              else _("You can only edit your own ideas."), "error")
        return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.id))
    form = IdeaForm(obj=idea)
    form.set_choices(process)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.edit_idea(actor(), idea, form.title.data, form.body.data,
                                   form.sector_id.data, form.district_id.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.id))
    return render_template("ideas/form.html", process=process, form=form, idea=idea)


@bp.route("/<slug>/ideas/<int:idea_id>/support", methods=["POST"])
@login_required
@limiter.limit("120 per minute")
def support_idea(slug, idea_id):
    return _change_support(slug, idea_id, services.support_idea, _("Thank you for your support."))


@bp.route("/<slug>/ideas/<int:idea_id>/unsupport", methods=["POST"])
@login_required
@limiter.limit("120 per minute")
def withdraw_support(slug, idea_id):
    return _change_support(slug, idea_id, services.withdraw_support, _("Your support has been withdrawn."))


def _change_support(slug, idea_id, change, message):
    process, idea = _load(slug, idea_id)
    target = safe_next(url_for("ideas.show_idea", slug=slug, idea_id=idea_id))
    if EmptyForm().validate_on_submit():
        attempt(lambda: change(actor(), idea), message)
    return redirect(target)


@bp.route("/<slug>/ideas/<int:idea_id>/comments", methods=["POST"])
@login_required
@limiter.limit("30 per hour")
def add_comment(slug, idea_id):
    process, idea = _load(slug, idea_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                comment = services.add_comment(actor(), idea, form.body.data, form.parent_id.data or None)
        except DomainError as error:
            flash_domain_error(error)
        else:
            if comment.status.value == "published":
                flash(_("Your comment is published."), "success")
            else:
                flash(_("Your comment will appear once a moderator has checked it."), "success")
            return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.id, _anchor=f"comment-{comment.id}"))
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
    return redirect(url_for("ideas.show_idea", slug=slug, idea_id=idea.id, _anchor="comment-form"))
