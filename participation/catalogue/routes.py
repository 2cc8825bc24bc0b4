from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import EmptyForm
from ..database import unit_of_work
from ..downloads import content_disposition
from ..errors import DomainError
from ..processes.services import get_process
from ..spreadsheet import MIMETYPES
from ..urls import external_url
from ..web import actor, apply_errors, attempt, flash_domain_error
from . import bp, exports, services
from .forms import LinkIdeasForm, MeasureForm
from .models import LinkKind, MeasureOrigin, MeasureStatus, Priority, QuantityKind, label


def _measure_url(measure):
    return external_url("catalogue.show_measure", slug=measure.process.slug, code=measure.code)


def _idea_url(idea):
    return external_url("ideas.show_idea", slug=idea.process.slug, idea_id=idea.id)


def _team_process(slug, staff=False):
    process = get_process(slug, public_only=False)
    allowed = current_user.can_manage(process) if staff else current_user.can_moderate(process)
    if not allowed:
        abort(403)
    return process


@bp.route("/<slug>/measures")
def list_measures(slug):
    process = get_process(slug, viewer=actor())
    query = services.parse_catalogue_query(request.args)
    measures = services.catalogue(process, query, actor())
    rows, overall = services.sector_totals(process, measures)
    return render_template(
        "catalogue/list.html", process=process, measures=measures, query=query, totals=rows, overall=overall,
        status_counts=services.status_counts(measures), label=label, QuantityKind=QuantityKind,
        statuses=list(MeasureStatus), priorities=list(Priority), origins=list(MeasureOrigin),
    )


@bp.route("/<slug>/measures/<code>")
def show_measure(slug, code):
    process = get_process(slug, viewer=actor())
    measure = services.get_measure(process, code, actor())
    return render_template(
        "catalogue/show.html", process=process, measure=measure, label=label, QuantityKind=QuantityKind,
        relations=services.relations_of(measure), criteria=services.criteria(process),
        link_form=LinkIdeasForm(), remove_form=EmptyForm(), publish_form=EmptyForm(),
    )


@bp.route("/<slug>/measures/new", methods=["GET", "POST"])
@login_required
def create_measure(slug):
    process = _team_process(slug)
    form = MeasureForm()
    form.set_choices(process)
    link_form = LinkIdeasForm(prefix="link")
    if request.method == "GET":
        link_form.idea_ids.data = request.args.get("ideas", "")
    if form.validate_on_submit():
        ids = link_form.ids() if link_form.idea_ids.data else []
        try:
            with unit_of_work():
                measure = services.create_measure(current_user, process, form.to_data(), ids,
                                                  link_form.link_kind.data or LinkKind.ADOPTED.value,
                                                  link_form.rationale.data)
                services.set_relations(current_user, measure, form.codes(form.related_codes.data),
                                       form.codes(form.depends_on_codes.data))
        except DomainError as error:
            apply_errors(form, error)
            if getattr(error, "errors", None) and "idea_ids" in error.errors:
                apply_errors(link_form, error)
        else:
            flash(_("The measure %(code)s has been created.", code=measure.code), "success")
            return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code))
    return render_template("catalogue/form.html", process=process, form=form, link_form=link_form, measure=None)


@bp.route("/<slug>/measures/<code>/edit", methods=["GET", "POST"])
@login_required
def edit_measure(slug, code):
    process = _team_process(slug)
    measure = services.get_measure(process, code, current_user)
    form = MeasureForm(obj=measure)
    form.set_choices(process)
    if request.method == "GET":
        form.version.data = measure.version
        form.sector_id.data = str(measure.sector_id)
        for name in ("type", "time_horizon", "origin", "status"):
            getattr(form, name).data = getattr(measure, name).value
        form.priority.data = measure.priority.value if measure.priority else ""
        form.fill_from(measure)
        relations = services.relations_of(measure)
        form.related_codes.data = ", ".join(r.other.code for r in relations if r.kind.value == "related")
        form.depends_on_codes.data = ", ".join(r.other.code for r in relations if r.kind.value == "depends_on")
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.update_measure(current_user, measure, form.to_data(), form.version.data, form.summary.data)
                services.set_relations(current_user, measure, form.codes(form.related_codes.data),
                                       form.codes(form.depends_on_codes.data))
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The measure has been saved."), "success")
            return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code))
    return render_template("catalogue/form.html", process=process, form=form, measure=measure, link_form=None)


@bp.route("/<slug>/measures/<code>/<any(publish, withdraw):action>", methods=["POST"])
@login_required
def publish_measure(slug, code, action):
    process = _team_process(slug, staff=True)
    measure = services.get_measure(process, code, current_user)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.set_public(current_user, measure, action == "publish"),
                _("The measure is public.") if action == "publish" else _("The measure is no longer public."))
    return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code))


@bp.route("/<slug>/measures/<code>/links", methods=["POST"])
@login_required
def link_ideas(slug, code):
    process = _team_process(slug)
    measure = services.get_measure(process, code, current_user)
    form = LinkIdeasForm()
    if form.validate_on_submit():
        attempt(lambda: services.link_ideas(current_user, measure, form.ids(), form.link_kind.data, form.rationale.data),
                _("The ideas are linked to the measure; their authors are told."))
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "error")
    return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code, _anchor="origin"))


@bp.route("/<slug>/measure-links", methods=["POST"])
@login_required
def attach_ideas(slug):
    """Attach ideas to a measure chosen in a form (from the moderation review page)."""
    process = _team_process(slug)
    measure = services.get_measure_by_id(request.form.get("measure_id"))
    if measure is None or measure.process_id != process.id:
        flash(_("Please choose a measure."), "error")
        return redirect(request.referrer or url_for("catalogue.list_measures", slug=slug))
    return link_ideas(slug, measure.code)


@bp.route("/<slug>/measures/<code>/links/<int:link_id>/remove", methods=["POST"])
@login_required
def unlink_idea(slug, code, link_id):
    process = _team_process(slug)
    measure = services.get_measure(process, code, current_user)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.unlink_idea(current_user, measure, link_id), _("The link has been removed."))
    return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code, _anchor="origin"))


@bp.route("/<slug>/measures/<code>/history")
def measure_history(slug, code):
    process = get_process(slug, viewer=actor())
    measure = services.get_measure(process, code, actor())
    return render_template("catalogue/history.html", process=process, measure=measure,
                           revisions=services.revisions_for(actor(), measure),
                           team=services.is_team(actor(), process))


@bp.route("/<slug>/measures/<code>/scores", methods=["GET", "POST"])
@login_required
def score_measure(slug, code):
    process = _team_process(slug, staff=True)
    measure = services.get_measure(process, code, current_user)
    form = EmptyForm()
    if form.validate_on_submit():
        scores = {c.id: (request.form.get(f"score-{c.id}"), request.form.get(f"rationale-{c.id}", ""))
                  for c in services.criteria(process)}
        try:
            with unit_of_work():
                services.score_measure(current_user, measure, scores)
        except DomainError as error:
            flash_domain_error(error)
        else:
            flash(_("The scores have been saved."), "success")
            return redirect(url_for("catalogue.show_measure", slug=slug, code=measure.code, _anchor="priority"))
    with unit_of_work():
        criteria = services.ensure_default_criteria(current_user, process)
    current = {s.criterion_id: s for s in measure.scores}
    return render_template("catalogue/scores.html", process=process, measure=measure, criteria=criteria,
                           current=current, form=form)


@bp.route("/<slug>/priorities", methods=["GET", "POST"])
@login_required
def priorities(slug):
    process = _team_process(slug, staff=True)
    form = EmptyForm()
    if form.validate_on_submit():
        ids = request.form.getlist("criterion_id")
        rows = list(zip(ids, request.form.getlist("name"), request.form.getlist("description"),
                        request.form.getlist("weight")))
        try:
            with unit_of_work():
                services.save_criteria(current_user, process, rows)
        except DomainError as error:
            flash_domain_error(error)
        else:
            flash(_("The criteria have been saved; all scores are recomputed."), "success")
            return redirect(url_for("catalogue.priorities", slug=slug))
    with unit_of_work():
        criteria = services.ensure_default_criteria(current_user, process)
    return render_template("catalogue/priorities.html", process=process, criteria=criteria, form=form)


# --- exports ------------------------------------------------------------------------------

def _download(data, mimetype, filename):
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": content_disposition(filename)})


@bp.route("/<slug>/measures.<any(csv, json, pdf):fmt>")
def export_catalogue(slug, fmt):
    process = get_process(slug, viewer=actor())
    measures = services.catalogue(process, services.parse_catalogue_query(request.args), actor())
    if fmt == "csv":
        return _download(exports.measures_csv(measures), MIMETYPES["csv"], f"massnahmen-{slug}.csv")
    if fmt == "json":
        return _download(exports.catalogue_json(process, measures, _measure_url), "application/json",
                         f"massnahmen-{slug}.json")
    return _download(exports.measure_sheets_pdf(measures, _measure_url, title=process.title), "application/pdf",
                     f"massnahmen-{slug}.pdf")


@bp.route("/<slug>/measures.xlsx")
def export_catalogue_xlsx(slug):
    process = get_process(slug, viewer=actor())
    measures = services.catalogue(process, services.parse_catalogue_query(request.args), actor())
    return _download(exports.measures_xlsx(measures), MIMETYPES["xlsx"], f"massnahmen-{slug}.xlsx")


@bp.route("/<slug>/measure-ideas.csv")
def export_links(slug):
    process = get_process(slug, viewer=actor())
    measures = services.catalogue(process, services.parse_catalogue_query(request.args), actor())
    return _download(exports.idea_links_csv(measures, idea_url=_idea_url), MIMETYPES["csv"],
                     f"massnahmen-ideen-{slug}.csv")


@bp.route("/<slug>/measure-ideas.xlsx")
def export_links_xlsx(slug):
    process = get_process(slug, viewer=actor())
    measures = services.catalogue(process, services.parse_catalogue_query(request.args), actor())
    return _download(exports.idea_links_xlsx(measures, idea_url=_idea_url), MIMETYPES["xlsx"],
                     f"massnahmen-ideen-{slug}.xlsx")


@bp.route("/<slug>/measures/<code>.pdf")
def measure_pdf(slug, code):
    process = get_process(slug, viewer=actor())
    measure = services.get_measure(process, code, actor())
    return _download(exports.measure_sheets_pdf([measure], _measure_url, title=process.title), "application/pdf",
                     f"{measure.code}.pdf")
