from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import services as auth_services
from ..auth.forms import EmptyForm
from ..database import unit_of_work
from ..errors import DomainError
from ..ideas.services import process_statistics
from ..security import personal_data
from ..web import actor, apply_errors, attempt
from . import bp, services
from .forms import (
    DistrictsForm,
    ProcessForm,
    SectorsForm,
    TeamForm,
    local_to_utc,
    utc_to_local,
)


def _managed_process(slug):
    process = services.get_process(slug, public_only=False)
    if not current_user.can_manage(process):
        abort(403)
    return process


def _process_data(form):
    return services.ProcessData(
        title=form.title.data, slug=form.slug.data, municipality=form.municipality.data,
        description=form.description.data, contact_person=form.contact_person.data or "", is_public=form.is_public.data,
        idea_collection_opens_at=local_to_utc(form.idea_collection_opens_at.data),
        idea_collection_closes_at=local_to_utc(form.idea_collection_closes_at.data),
        moderation_mode=form.moderation_mode.data,
    )


@bp.route("/<slug>/")
def show_process(slug):
    from ..lottery.services import draws_of

    process = services.get_process(slug, viewer=actor())
    return render_template("processes/show.html", process=process, stats=process_statistics(process, actor()),
                           has_lottery=bool(draws_of(process, drawn_only=True)))


@bp.route("/manage")
@login_required
def manage():
    return render_template("processes/manage.html", processes=services.processes_managed_by(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create_process():
    if not current_user.can_create_processes:
        abort(403)
    form = ProcessForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                process = services.create_process(current_user, _process_data(form))
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The process has been created with the default sectors. Add its districts next."), "success")
            return redirect(url_for("processes.edit_sectors", slug=process.slug))
    return render_template("processes/form.html", form=form, process=None)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_process(slug):
    process = _managed_process(slug)
    form = ProcessForm(obj=process)
    if request.method == "GET":
        form.idea_collection_opens_at.data = utc_to_local(process.idea_collection_opens_at)
        form.idea_collection_closes_at.data = utc_to_local(process.idea_collection_closes_at)
        form.moderation_mode.data = process.moderation_mode.value
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.update_process(current_user, process, _process_data(form))
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The process has been saved."), "success")
            return redirect(url_for("processes.show_process", slug=process.slug))
    return render_template("processes/form.html", form=form, process=process)


@bp.route("/<slug>/sectors", methods=["GET", "POST"])
@login_required
def edit_sectors(slug):
    process = _managed_process(slug)
    sectors = SectorsForm(prefix="sectors")
    districts = DistrictsForm(prefix="districts")
    if request.method == "GET":
        sectors.sectors.data = "\n".join(f"{s.code} | {s.name}" for s in process.sectors)
        districts.districts.data = "\n".join(d.name for d in process.districts)
    elif "sectors-sectors" in request.form and sectors.validate_on_submit():
        try:
            with unit_of_work():
                services.set_sectors(current_user, process, sectors.sectors.data)
        except DomainError as error:
            apply_errors(sectors, error)
        else:
            flash(_("The sectors have been saved."), "success")
            return redirect(url_for("processes.edit_sectors", slug=slug))
    elif "districts-districts" in request.form and districts.validate_on_submit():
        try:
            with unit_of_work():
                services.set_districts(current_user, process, districts.districts.data)
        except DomainError as error:
            apply_errors(districts, error)
        else:
            flash(_("The districts have been saved."), "success")
            return redirect(url_for("processes.edit_sectors", slug=slug))
    return render_template("processes/sectors.html", process=process, sectors=sectors, districts=districts)


@bp.route("/<slug>/team", methods=["GET", "POST"])
@login_required
@personal_data
def team(slug):
    process = _managed_process(slug)
    form = TeamForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                auth_services.grant_role(current_user, process, form.email.data, form.role.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The role has been given."), "success")
            return redirect(url_for("processes.team", slug=slug))
    return render_template("processes/team.html", process=process, form=form,
                           members=auth_services.team_of(process), remove_form=EmptyForm())


@bp.route("/<slug>/team/<int:role_id>/remove", methods=["POST"])
@login_required
def remove_role(slug, role_id):
    process = _managed_process(slug)
    if EmptyForm().validate_on_submit():
        attempt(lambda: auth_services.revoke_role(current_user, process, role_id), _("The role has been removed."))
    return redirect(url_for("processes.team", slug=slug))
