"""Pages of the citizen lottery: staff pages under /<slug>/lottery, the public transparency page
and the response page for people holding a letter."""
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import (
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from ..access_log import action_label
from ..auth.forms import EmptyForm
from ..database import as_utc, unit_of_work
from ..downloads import content_disposition
from ..errors import DomainError, NotFound
from ..extensions import limiter
from ..formtools import options
from ..i18n import format_day
from ..pagination import Pager
from ..processes.services import get_process
from ..security import public_page
from ..spreadsheet import MIMETYPES
from ..values import as_id, as_int, as_page
from ..web import actor, apply_errors, attempt
from . import bp, codes, letters, panels, services
from .forms import CodeForm, DrawForm, ImportForm, SeedForm, SettingsForm, UploadForm, response_form
from .models import DrawStatus, InvitationStatus, ResponseChannel, label
from .register_csv import EXTRA, FIELDS
from .texts import percent

_per_address = {"key_func": get_remote_address, "methods": ["POST"]}
SESSION_KEY = "lottery_invitation"


def _staff_process(slug):
    process = get_process(slug, public_only=False, viewer=actor())
    services.require_staff(actor(), process)
    return process


def _zone():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _download(data, filename, mimetype):
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["Cache-Control"] = "no-store"
    return response


# --- overview and settings ----------------------------------------------------------------------

@bp.route("/<slug>/lottery")
@login_required
def overview(slug):
    process = _staff_process(slug)
    with unit_of_work():
        pool_size = len(panels.pool(process))
    return render_template(
        "lottery/overview.html", process=process, extracts=services.extracts_of(current_user, process),
        draws=services.draws_of(process), runs=panels.runs_of(process), panel=panels.current_panel(process),
        label=label, pool_size=pool_size,
    )


@bp.route("/<slug>/lottery/settings", methods=["GET", "POST"])
@login_required
def edit_settings(slug):
    process = _staff_process(slug)
    with unit_of_work():
        settings = services.get_settings(process)
    form = SettingsForm()
    if request.method == "GET":
        sender = settings.sender or {}
        form.letter_subject.data = settings.letter_subject
        form.letter_template.data = settings.letter_template
        form.office.data = sender.get("office", "")
        form.designation.data = sender.get("designation") or letters.default_designation(process.municipality)
        form.panel_size.data = settings.panel_size
        form.address_lines.data = "\n".join(sender.get("lines") or [])
        for name in ("phone", "email", "signature", "role", "place"):
            getattr(form, name).data = sender.get(name, "")
        form.categories_text.data = services.categories_to_text(settings.categories)
        form.consent_text.data = settings.consent_text
        form.retention_days.data = settings.retention_days
    if form.validate_on_submit():
        data = services.SettingsData(**{name: getattr(form, name).data for name in (
            "letter_subject", "letter_template", "office", "address_lines", "phone", "email", "signature", "role",
            "place", "consent_text", "retention_days", "categories_text", "designation", "panel_size")})
        try:
            with unit_of_work():
                services.update_settings(current_user, process, data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The lottery settings have been saved."), "success")
            return redirect(url_for("lottery.overview", slug=slug))
    return render_template("lottery/settings.html", process=process, form=form, placeholders=letters.PLACEHOLDERS)


ACCESS_LOG_PER_PAGE = 100


@bp.route("/<slug>/lottery/access-log")
@login_required
def access_log(slug):
    process = _staff_process(slug)
    page = as_page(request.args.get("page"), last=100_000)
    rows, total = services.access_log(current_user, process, page=page, per_page=ACCESS_LOG_PER_PAGE)
    return render_template("lottery/access_log.html", process=process, rows=rows, total=total,
                           action_label=action_label, pager=Pager(total, page, ACCESS_LOG_PER_PAGE))


# --- register import ----------------------------------------------------------------------------

@bp.route("/<slug>/lottery/register/upload", methods=["GET", "POST"])
@login_required
def upload_register(slug):
    process = _staff_process(slug)
    form = UploadForm()
    if form.validate_on_submit():
        file = form.file.data
        try:
            with unit_of_work():
                upload = services.stage_upload(current_user, process, file.filename, file.read())
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect(url_for("lottery.preview_register", slug=slug, token=upload.token))
    return render_template("lottery/upload.html", process=process, form=form)


def _mapping_from_form(header):
    mapping = {name: request.form.get(f"map_{name}") or None for name in FIELDS}
    mapping[EXTRA] = request.form.getlist("extra")
    return services.clean_mapping(header, mapping)


@bp.route("/<slug>/lottery/register/upload/<token>", methods=["GET", "POST"])
@login_required
def preview_register(slug, token):
    process = _staff_process(slug)
    form = ImportForm()
    upload = services.get_upload(current_user, process, token)
    mapping = None
    if request.method == "POST":
        from .register_csv import sniff

        mapping = _mapping_from_form(sniff(upload.data).header)
    if request.method == "GET":
        form.retention_until.data = services.default_retention(process)
    if request.method == "POST" and request.form.get("action") == "import" and form.validate_on_submit():
        try:
            with unit_of_work():
                confirmed = (form.warnings_digest.data or "")[:64] if form.confirm_warnings.data else None
                extract = services.import_upload(current_user, process, upload, mapping, form.retention_until.data,
                                                 confirmed_warnings=confirmed)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("%(n)s people imported from %(file)s.", n=f"{extract.row_count:,}".replace(",", "."),
                    file=extract.filename), "success")
            return redirect(url_for("lottery.overview", slug=slug))
    with unit_of_work():
        preview = services.preview_upload(current_user, process, upload, mapping)
    if form.warnings_digest.data != preview.read.warnings_digest:
        form.confirm_warnings.data = False  # a confirmation holds for the warnings shown then, not for new ones
    return render_template("lottery/preview.html", process=process, form=form, preview=preview, fields=FIELDS,
                           extra_key=EXTRA)


@bp.route("/<slug>/lottery/register/<int:extract_id>/delete", methods=["POST"])
@login_required
def delete_register(slug, extract_id):
    process = _staff_process(slug)
    if EmptyForm().validate_on_submit():
        extract = services.get_extract(current_user, process, extract_id)
        attempt(lambda: services.delete_extract(current_user, extract),
                _("The register rows of this extract have been deleted."))
    return redirect(url_for("lottery.overview", slug=slug))


# --- stage one: the draw ------------------------------------------------------------------------

@bp.route("/<slug>/lottery/draws/new", methods=["GET", "POST"])
@login_required
def new_draw(slug):
    process = _staff_process(slug)
    extracts = [e for e in services.extracts_of(current_user, process) if e.purged_at is None]
    form = DrawForm()
    form.extract_id.choices = options(
        [(e.id, f"{e.filename} · {e.row_count:,} · {format_day(e.created_at)}".replace(",", ".")) for e in extracts])
    if request.method == "GET":
        form.reference_date.data = services.local_today()
        form.response_deadline.data = services.local_today() + timedelta(days=28)
    if form.validate_on_submit():
        data = services.DrawData(
            extract_id=form.extract_id.data, letters=form.letters.data, reference_date=form.reference_date.data,
            min_age=form.min_age.data, max_age=form.max_age.data, strata=tuple(form.strata.data or ()),
            age_bands=form.age_bands.data, one_per_household=form.one_per_household.data,
            exclude_earlier=form.exclude_earlier.data,
            response_deadline=services.local_deadline(form.response_deadline.data, _zone()),
        )
        try:
            with unit_of_work():
                draw = services.publish_draw(current_user, process, data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The parameters are fixed and published. Now draw the seed in public."), "success")
            return redirect(url_for("lottery.show_draw", slug=slug, number=draw.number))
    return render_template("lottery/draw_form.html", process=process, form=form, extracts=extracts)


@bp.route("/<slug>/lottery/draws/<int:number>")
@login_required
def show_draw(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    return render_template(
        "lottery/draw.html", process=process, draw=draw, seed_form=SeedForm(), form=EmptyForm(), label=label,
        files=services.letter_files(draw), counts=services.response_counts(draw) if draw.is_drawn else None,
        file_state=file_state,
        InvitationStatus=InvitationStatus, placeholders=letters.PLACEHOLDERS,
    )


@bp.route("/<slug>/lottery/draws/<int:number>/seed", methods=["POST"])
@login_required
def enter_seed(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    form = SeedForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.perform_draw(current_user, draw, form.seed.data, form.seed_source.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The draw has been made: %(n)d letters.", n=draw.counts["drawn"]), "success")
            return redirect(url_for("lottery.show_draw", slug=slug, number=number))
    return render_template(
        "lottery/draw.html", process=process, draw=draw, seed_form=form, form=EmptyForm(), label=label,
        files=[], counts=None, InvitationStatus=InvitationStatus, placeholders=letters.PLACEHOLDERS,
        file_state=file_state,
    ), 422


@bp.route("/<slug>/lottery/draws/<int:number>/protocol.json")
@login_required
def draw_protocol(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    with unit_of_work():
        protocol = services.protocol_for_staff(current_user, draw)
    return _download(json.dumps(protocol, ensure_ascii=False, indent=1), _("draw-%(number)s-protocol.json", number=number),
                     "application/json")


@bp.route("/<slug>/lottery/draws/<int:number>/letters", methods=["POST"])
@login_required
def make_letters(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.request_letters(current_user, draw),
                _("The letters are being made; this page shows when they are ready."))
    return redirect(url_for("lottery.show_draw", slug=slug, number=number))


def file_state(process, file):
    """What the draw page and its poll show of a letters file: its state, the progress, the link."""
    done, total = file.progress_done or 0, file.progress_total or 0
    state = {"id": file.id, "status": file.status.value, "label": str(label(file.status)), "done": done,
             "total": total, "percent": round(100 * done / total) if total else 0, "download_url": None,
             "error": None}
    if file.status.value == "queued":
        state["message"] = _("Waiting to start … %(total)s letters", total=format_decimal(total))
    elif file.status.value == "running":
        state["message"] = _("Being made … %(done)s of %(total)s letters", done=format_decimal(done),
                             total=format_decimal(total))
    elif file.status.value == "done":
        state["download_url"] = url_for("lottery.download_file", slug=process.slug, file_id=file.id)
        state["message"] = _("Ready: %(name)s, %(pages)s pages, %(size)s MB", name=file.filename,
                             pages=format_decimal(file.pages), size=format_decimal(round(file.size / 1048576, 1)))
    else:
        state["error"] = file.error or _("No reason was recorded.")
        state["message"] = _("Making the letters failed: %(error)s", error=state["error"])
    return state


@bp.route("/<slug>/lottery/files/<int:file_id>/status.json")
@login_required
def file_status(slug, file_id):
    """The state of a letters file as JSON, for the progress bar on the draw page (staff of the process)."""
    process = _staff_process(slug)
    file = services.letter_file_status(current_user, process, file_id)
    return jsonify(file_state(process, file))


@bp.route("/<slug>/lottery/files/<int:file_id>")
@login_required
def download_file(slug, file_id):
    process = _staff_process(slug)
    with unit_of_work():
        file = services.download_file(current_user, process, file_id)
        data, filename, content_type = file.data, file.filename, file.content_type
    return _download(data, filename, content_type)


@bp.route("/<slug>/lottery/draws/<int:number>/mail-merge.csv")
@login_required
def mail_merge(slug, number):
    return _mail_merge(slug, number, "csv")


@bp.route("/<slug>/lottery/draws/<int:number>/mail-merge.xlsx")
@login_required
def mail_merge_xlsx(slug, number):
    return _mail_merge(slug, number, "xlsx")


def _mail_merge(slug, number, fmt):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    with unit_of_work():
        data = services.mail_merge_csv(current_user, draw, fmt)
    return _download(data, _("mail-merge-draw-%(number)s.%(format)s", number=number, format=fmt), MIMETYPES[fmt])


@bp.route("/<slug>/lottery/draws/<int:number>/sent", methods=["POST"])
@login_required
def letters_sent(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.mark_letters_sent(current_user, draw),
                _("Noted: the letters are out. The purge may now delete the rows of people who were not drawn."))
    return redirect(url_for("lottery.show_draw", slug=slug, number=number))


@bp.route("/<slug>/lottery/draws/<int:number>/invitations")
@login_required
def list_invitations(slug, number):
    process = _staff_process(slug)
    draw = services.get_draw(process, number)
    query = services.InvitationQuery(status=request.args.get("status", ""), q=request.args.get("q", ""),
                                     page=as_page(request.args.get("page"), last=100_000))
    with unit_of_work():
        rows, total = services.invitations(current_user, draw, query)
    return render_template("lottery/invitations.html", process=process, draw=draw, rows=rows, total=total,
                           query=query, label=label, InvitationStatus=InvitationStatus,
                           format_code=codes.format_code)


def _response_data(form, categories):
    return services.ResponseData(
        accepted={"yes": True, "no": False}.get(form.accepted.data),
        given_name=form.given_name.data or "", family_name=form.family_name.data or "",
        email=form.email.data or "", phone=form.phone.data or "",
        features={c["key"]: getattr(form, f"feature_{c['key']}").data for c in categories},
        availability=form.availability.data or "", accessibility_needs=form.accessibility_needs.data or "",
        consent=bool(form.consent.data),
    )


def _fill_response_form(form, response, categories):
    if response is None:
        return
    form.accepted.data = "yes" if response.accepted else "no"
    for name in ("given_name", "family_name", "email", "phone", "availability", "accessibility_needs"):
        getattr(form, name).data = getattr(response, name)
    form.consent.data = response.consent_at is not None
    for category in categories:
        getattr(form, f"feature_{category['key']}").data = (response.features or {}).get(category["key"], "")


@bp.route("/<slug>/lottery/invitations/<int:invitation_id>", methods=["GET", "POST"])
@login_required
def staff_response(slug, invitation_id):
    """Staff enter an answer received by phone or on paper."""
    process = _staff_process(slug)
    with unit_of_work():
        invitation = services.get_invitation(current_user, process, invitation_id)
        settings = services.get_settings(process)
    form = response_form(settings.categories, staff=True)
    if request.method == "GET":
        _fill_response_form(form, invitation.response, settings.categories)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.submit_response(invitation, _response_data(form, settings.categories), actor=current_user,
                                         channel=ResponseChannel(form.channel.data))
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The answer has been saved."), "success")
            return redirect(url_for("lottery.list_invitations", slug=slug, number=invitation.draw.number))
    return render_template("lottery/staff_response.html", process=process, invitation=invitation, form=form,
                           settings=settings, categories=settings.categories, label=label,
                           format_code=codes.format_code)


@bp.route("/<slug>/lottery/invitations/<int:invitation_id>/erase", methods=["POST"])
@login_required
def erase_response(slug, invitation_id):
    process = _staff_process(slug)
    if EmptyForm().validate_on_submit():
        with unit_of_work():
            invitation = services.get_invitation(current_user, process, invitation_id)
        attempt(lambda: services.erase_response(current_user, invitation),
                _("The answer and every personal detail in it have been deleted."))
    return redirect(url_for("lottery.staff_response", slug=slug, invitation_id=invitation_id))


# --- public: transparency and responses ---------------------------------------------------------

@bp.route("/<slug>/lottery/transparency")
@public_page
def transparency(slug):
    """What anyone can check: fingerprints, parameters and their hashes, seeds, selection hashes."""
    process = get_process(slug, viewer=actor())
    return render_template("lottery/transparency.html", process=process,
                           draws=services.draws_of(process), runs=panels.public_runs(process), label=label,
                           DrawStatus=DrawStatus, percent=percent)


@bp.route("/<slug>/lottery/transparency/draws/<int:number>.json")
@public_page
def public_protocol(slug, number):
    process = get_process(slug, viewer=actor())
    draw = services.get_draw(process, number)
    if not draw.is_drawn:
        raise NotFound(_("The draw has not been made yet."))
    protocol = services.draw_protocol(draw, include_selection=False)
    return _download(json.dumps(protocol, ensure_ascii=False, indent=1), _("draw-%(number)s-public.json", number=number),
                     "application/json")


@bp.route("/<slug>/lottery/transparency/draws/<int:number>.pdf")
@public_page
def public_protocol_pdf(slug, number):
    process = get_process(slug, viewer=actor())
    draw = services.get_draw(process, number)
    if not draw.is_drawn:
        raise NotFound(_("The draw has not been made yet."))
    return _download(services.protocol_pdf(draw), _("draw-%(number)s-protocol.pdf", number=number), "application/pdf")


@bp.route("/<slug>/respond", methods=["GET", "POST"])
@limiter.limit("10 per minute;40 per hour", **_per_address)
def respond(slug):
    """Enter the code from the letter (or arrive through its QR code)."""
    process = get_process(slug, public_only=False)  # letters may go out before the process is public
    form = CodeForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args.get("code", "")[:40]
    if form.validate_on_submit():
        invitation = services.find_invitation(process, form.code.data)
        if invitation is None:
            form.code.errors = [_("We do not know this code. Please check it against your letter; "
                                  "if it still does not work, call us.")]
        else:
            session[SESSION_KEY] = {"process": process.id, "invitation": invitation.id}
            return redirect(url_for("lottery.response_form_page", slug=slug))
    return render_template("lottery/respond.html", process=process, form=form)


@bp.route("/<slug>/respond/answer", methods=["GET", "POST"])
@limiter.limit("30 per hour", **_per_address)
def response_form_page(slug):
    process = get_process(slug, public_only=False)
    held = session.get(SESSION_KEY) or {}
    if held.get("process") != process.id:
        return redirect(url_for("lottery.respond", slug=slug))
    invitation = services.invitation_for_respondent(process, held.get("invitation"))
    with unit_of_work():
        settings = services.get_settings(process)
    form = response_form(settings.categories)
    if request.method == "GET":
        _fill_response_form(form, invitation.response, settings.categories)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.submit_response(invitation, _response_data(form, settings.categories))
        except DomainError as error:
            apply_errors(form, error)
        else:
            accepted = invitation.status == InvitationStatus.ACCEPTED
            session.pop(SESSION_KEY, None)  # a shared computer shows the next visitor nothing of it
            return render_template("lottery/thanks.html", process=process, accepted=accepted,
                                   deadline=as_utc(invitation.draw.response_deadline))
    return render_template("lottery/response_form.html", process=process, form=form, invitation=invitation,
                           categories=settings.categories, settings=settings,
                           deadline=as_utc(invitation.draw.response_deadline),
                           open=invitation.draw.accepts_answers())


# --- stage two: selection and panel --------------------------------------------------------------

def _quotas_from_form(categories):
    """min/max per value from the quota table (fields min-<category>-<value index>)."""
    quotas = {}
    for ci, category in enumerate(categories):
        for vi, value in enumerate(category["values"]):
            low = as_int(request.form.get(f"min-{ci}-{vi}"), minimum=0, maximum=999)  # larger: the panel size
            high = as_int(request.form.get(f"max-{ci}-{vi}"), minimum=0, maximum=999)
            if low is not None and high is not None:
                quotas.setdefault(category["key"], {})[value["value"]] = (low, high)
    return quotas


def _relaxed_quotas(text):
    """The library's proposal, sent back by the page: {category: {value: (min, max)}}, or None."""
    if len(text) > 100_000:
        return None
    try:
        relaxed = json.loads(text)
        quotas = {c["key"]: {v["value"]: (as_int(v["min"], minimum=0, maximum=panels.MAX_PANEL),
                                          as_int(v["max"], minimum=0, maximum=panels.MAX_PANEL))
                             for v in c["values"]} for c in relaxed}
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    if any(n is None for values in quotas.values() for pair in values.values() for n in pair):
        return None
    return quotas


def _form_int(name, default, low, high):
    return as_int(request.form.get(name), minimum=low, maximum=high, default=default, clamp=True)


@bp.route("/<slug>/lottery/selection", methods=["GET", "POST"])
@login_required
def selection_page(slug):
    process = _staff_process(slug)
    form = EmptyForm()
    with unit_of_work():
        settings = services.get_settings(process)
    planned = settings.panel_size  # the size the letters promised
    panel_size = _form_int("panel_size", planned, 2, panels.MAX_PANEL) if request.method == "POST" else planned
    reserve_size = _form_int("reserve_size", 10, 0, panels.MAX_PANEL) if request.method == "POST" else 10
    action = request.form.get("action", "")
    feasibility = None
    quotas = _quotas_from_form(settings.categories) if request.method == "POST" and action != "propose" else None
    if request.method == "POST" and form.validate_on_submit():
        if action == "shares":
            attempt(lambda: panels.shares_from_register(current_user, process),
                    _("The population shares have been counted from the register extract."))
            quotas = None
        try:
            categories = panels.categories_with_quotas(process, panel_size, quotas)
        except DomainError as error:
            apply_errors(form, error)
            categories = panels.categories_with_quotas(process, panel_size, {}, tolerance=None)
        if action in ("check", "start"):
            try:
                with unit_of_work():
                    feasibility = panels.check_quotas(current_user, process, categories, panel_size)
            except DomainError as error:
                apply_errors(form, error)
        if action == "apply" and request.form.get("relaxed"):
            quotas = _relaxed_quotas(request.form["relaxed"])
            if quotas is None:
                flash(_("The proposed quotas could not be read; please check the feasibility again."), "error")
            else:
                categories = panels.categories_with_quotas(process, panel_size, quotas)
        if action == "start" and feasibility is not None and feasibility.ok:
            try:
                with unit_of_work():
                    run = panels.start_run(current_user, process, categories, panel_size, reserve_size)
            except DomainError as error:
                apply_errors(form, error)
            else:
                flash(_("The selection has started."), "success")
                return redirect(url_for("lottery.show_run", slug=slug, run_id=run.id))
    else:
        categories = panels.categories_with_quotas(process, panel_size)
    with unit_of_work():
        people = panels.pool(process, categories)
    return render_template(
        "lottery/selection.html", process=process, form=form, categories=categories, panel_size=panel_size,
        reserve_size=reserve_size, feasibility=feasibility, pool_size=len(people),
        incomplete=panels.incomplete_pool(process, categories), runs=panels.runs_of(process), label=label,
        relaxed_json=json.dumps(feasibility.relaxed_categories, ensure_ascii=False)
        if feasibility is not None and feasibility.relaxed_categories else "",
    )


@bp.route("/<slug>/lottery/selection/runs/<int:run_id>")
@login_required
def show_run(slug, run_id):
    process = _staff_process(slug)
    run = panels.get_run(process, run_id)
    panel = panels.panel_of(run)
    return render_template(
        "lottery/run.html", process=process, run=run, panel=panel, form=EmptyForm(), label=label,
        chart=panels.chart(run, panel) if run.status.value == "done" else None,
        report=panels.run_report(run) if run.status.value == "done" else ([], ""), percent=percent,
    )


@bp.route("/<slug>/lottery/selection/runs/<int:run_id>/status.json")
@login_required
def run_status(slug, run_id):
    process = _staff_process(slug)
    run = panels.get_run(process, run_id)
    return {"status": run.status.value, "label": str(label(run.status)), "progress": run.progress,
            "message": run.progress_message, "finished": run.is_finished}


@bp.route("/<slug>/lottery/selection/runs/<int:run_id>/cancel", methods=["POST"])
@login_required
def cancel_run(slug, run_id):
    process = _staff_process(slug)
    run = panels.get_run(process, run_id)
    if EmptyForm().validate_on_submit():
        attempt(lambda: panels.cancel_run(current_user, run), _("The selection is being cancelled."))
    return redirect(url_for("lottery.show_run", slug=slug, run_id=run_id))


@bp.route("/<slug>/lottery/selection/runs/<int:run_id>/panel", methods=["POST"])
@login_required
def draw_panel(slug, run_id):
    process = _staff_process(slug)
    run = panels.get_run(process, run_id)
    if EmptyForm().validate_on_submit():
        try:
            with unit_of_work():
                panel = panels.draw_panel(current_user, run, request.form.get("number", ""),
                                          request.form.get("draw_source", ""))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Panel no. %(number)s has been drawn.", number=f"{panel.number:03d}"), "success")
            return redirect(url_for("lottery.show_panel", slug=slug, panel_id=panel.id))
    return redirect(url_for("lottery.show_run", slug=slug, run_id=run_id))


def _conferences(process):
    from ..conference.services import conferences_of

    return conferences_of(process)


@bp.route("/<slug>/lottery/panels/<int:panel_id>")
@login_required
def show_panel(slug, panel_id):
    process = _staff_process(slug)
    panel = panels.get_panel(process, panel_id)
    with unit_of_work():
        rows = panels.member_rows(current_user, panel)
    return render_template(
        "lottery/panel.html", process=process, panel=panel, run=panel.run, rows=rows, form=EmptyForm(),
        chart=panels.chart(panel.run, panel), label=label, conferences=_conferences(process),
        format_code=codes.format_code,
        value_labels={c["key"]: {v["value"]: v["label"] for v in c["values"]} for c in panel.run.categories},
    )


@bp.route("/<slug>/lottery/panel-members/<int:member_id>/withdraw", methods=["POST"])
@login_required
def withdraw_member(slug, member_id):
    process = _staff_process(slug)
    member = panels.get_member(current_user, process, member_id)
    panel_id = member.panel_id
    if EmptyForm().validate_on_submit():
        try:
            with unit_of_work():
                replacement = panels.withdraw(current_user, member)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            if replacement is not None:
                flash(_("The withdrawal has been recorded; a replacement who keeps every quota has moved up."),
                      "success")
            else:
                flash(_("The withdrawal has been recorded, but nobody in the pool keeps every quota: the panel is "
                        "one member short."), "warning")
    return redirect(url_for("lottery.show_panel", slug=slug, panel_id=panel_id))


@bp.route("/<slug>/lottery/panels/<int:panel_id>/annul", methods=["POST"])
@login_required
def annul_panel(slug, panel_id):
    process = _staff_process(slug)
    panel = panels.get_panel(process, panel_id)
    if EmptyForm().validate_on_submit():
        attempt(lambda: panels.annul_panel(current_user, panel, request.form.get("reason", "")),
                _("The panel has been annulled; a new selection may start."))
    return redirect(url_for("lottery.show_panel", slug=slug, panel_id=panel_id))


@bp.route("/<slug>/lottery/panels/<int:panel_id>/panel.csv")
@login_required
def panel_csv(slug, panel_id):
    return _panel_export(slug, panel_id, "csv")


@bp.route("/<slug>/lottery/panels/<int:panel_id>/panel.xlsx")
@login_required
def panel_xlsx(slug, panel_id):
    return _panel_export(slug, panel_id, "xlsx")


def _panel_export(slug, panel_id, fmt):
    process = _staff_process(slug)
    panel = panels.get_panel(process, panel_id)
    with unit_of_work():
        data = panels.panel_csv(current_user, panel, fmt)
    return _download(data, _("panel-%(number)s.%(format)s", number=f"{panel.number:03d}", format=fmt), MIMETYPES[fmt])


@bp.route("/<slug>/lottery/panels/<int:panel_id>/hand-over", methods=["POST"])
@login_required
def hand_over(slug, panel_id):
    process = _staff_process(slug)
    panel = panels.get_panel(process, panel_id)
    if EmptyForm().validate_on_submit():
        chosen = as_id(request.form.get("conference_id"))
        conference = next((c for c in _conferences(process) if c.id == chosen), None)
        if conference is None:
            flash(_("Please choose a conference of this process."), "error")
        else:
            attempt(lambda: panels.hand_over(current_user, panel, conference),
                    _("The panel has been handed over to the conference as participants."))
    return redirect(url_for("lottery.show_panel", slug=slug, panel_id=panel_id))


@bp.route("/<slug>/lottery/transparency/runs/<int:run_id>.json")
@public_page
def public_run_protocol(slug, run_id):
    process = get_process(slug, viewer=actor())
    run = panels.get_run(process, run_id)
    protocol = panels.public_protocol(run)
    return _download(json.dumps(protocol, ensure_ascii=False), f"losliste-{run_id}.json", "application/json")
