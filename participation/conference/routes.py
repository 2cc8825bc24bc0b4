"""Conference pages: set-up, participants, assignment and rotation, rounds without JavaScript, results,
CSV, the printable report and join cards, sending to the catalogue; and the participants' join pages
(/k/<token>, /konferenz for the event code), which work without JavaScript."""

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from ..auth.forms import EmptyForm
from ..catalogue.models import Measure
from ..database import unit_of_work
from ..downloads import content_disposition
from ..errors import DomainError, NotFound, ValidationFailed
from ..extensions import db, limiter
from ..i18n import format_filesize, format_moment
from ..ideas.models import Idea, IdeaStatus
from ..processes.services import get_process
from ..security import personal_data
from ..spreadsheet import MIMETYPES
from ..web import apply_errors, attempt, flash_domain_error, flash_form_errors
from . import bp, broadcast, exports, services
from .forms import (
    AnnouncementForm,
    ChoiceForm,
    CodeForm,
    ConferenceForm,
    IdeaForm,
    ImportForm,
    ItemForm,
    MoveForm,
    ParticipantForm,
    RoundForm,
    TableForm,
)
from .models import ParticipantKind, RoundState, VoteMethod, label


def _process_for_team(slug):
    process = get_process(slug, public_only=False)
    if not services.can_manage_conference(current_user, process):
        abort(403)
    return process


def _conference(slug, conference_id):
    process = _process_for_team(slug)
    try:
        return process, services.conference_for(process, conference_id)
    except NotFound:
        abort(404)


def _back(conference, anchor=""):
    return redirect(url_for("conference.show_conference", slug=conference.process.slug,
                            conference_id=conference.id) + (f"#{anchor}" if anchor else ""))


# --- staff: conferences --------------------------------------------------------------------

@bp.route("/<slug>/conferences")
@login_required
def list_conferences(slug):
    process = _process_for_team(slug)
    return render_template("conference/list.html", process=process, conferences=services.conferences_of(process),
                           label=label)


@bp.route("/<slug>/conferences/new", methods=["GET", "POST"])
@login_required
def create_conference(slug):
    process = _process_for_team(slug)
    form = ConferenceForm()
    if request.method == "GET":
        form.self_choice.data = True
    if form.validate_on_submit():
        try:
            with unit_of_work():
                conference = services.create_conference(current_user, process, form.to_data())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The conference has been created. Now add its tables."), "success")
            return _back(conference)
    return render_template("conference/form.html", process=process, form=form, conference=None)


@bp.route("/<slug>/conferences/<int:conference_id>/edit", methods=["GET", "POST"])
@login_required
def edit_conference(slug, conference_id):
    process, conference = _conference(slug, conference_id)
    form = ConferenceForm()
    if request.method == "GET":
        form.fill(conference)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                services.update_conference(current_user, conference, form.to_data())
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("The conference has been saved."), "success")
            return _back(conference)
    return render_template("conference/form.html", process=process, form=form, conference=conference)


@bp.route("/<slug>/conferences/<int:conference_id>")
@login_required
@personal_data
def show_conference(slug, conference_id):
    process, conference = _conference(slug, conference_id)
    people = services.participant_list(current_user, conference)  # logged: committed with the page below
    facilitators = [p for p in people if p.kind == ParticipantKind.FACILITATOR]
    table_form = TableForm(prefix="table")
    table_form.set_choices(process, facilitators)
    item_form = ItemForm(prefix="item")
    ideas = db.session.scalars(db.select(Idea).where(Idea.process_id == process.id, Idea.hidden_at.is_(None),
                                                     Idea.status.in_((IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED)))
                               .order_by(Idea.support_count.desc(), Idea.id).limit(300)).all()
    measures = db.session.scalars(db.select(Measure).where(Measure.process_id == process.id)
                                  .order_by(Measure.code)).all()
    item_form.set_choices(conference, ideas, measures)
    round_form = RoundForm(prefix="round")
    round_form.set_choices(conference)
    move_form = MoveForm(prefix="move")
    move_form.table_id.choices = [("", _("no table"))] + [(str(t.id), t.topic) for t in conference.tables]
    announcement_form = AnnouncementForm(prefix="announce")
    announcement_form.set_choices(conference)
    items_by_table = {}
    for item in db.session.scalars(db.select(services.TableItem).where(
            services.TableItem.conference_id == conference.id).order_by(services.TableItem.position)):
        items_by_table.setdefault(item.table_id, []).append(item)
    seated = {}
    for person in people:
        seated.setdefault(person.table_id, []).append(person)
    rounds = db.session.scalars(db.select(services.VotingRound).where(
        services.VotingRound.conference_id == conference.id).order_by(services.VotingRound.id.desc())).all()
    with unit_of_work():
        return render_template(
            "conference/show.html", process=process, conference=conference, people=people, seated=seated,
            items_by_table=items_by_table, rounds=rounds, table_form=table_form, item_form=item_form,
            round_form=round_form, move_form=move_form, announcement_form=announcement_form,
            participant_form=ParticipantForm(prefix="person"), import_form=ImportForm(prefix="import"),
            button=EmptyForm(), label=label, RoundState=RoundState, join_url=services.join_url,
            table_ideas=services.table_ideas(conference),
        )


@bp.route("/<slug>/conferences/<int:conference_id>/status", methods=["POST"])
@login_required
def set_status(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.set_status(current_user, conference, request.form.get("status")),
                _("The conference's status has been changed."))
    return _back(conference)


# --- staff: tables and items ---------------------------------------------------------------

@bp.route("/<slug>/conferences/<int:conference_id>/tables", methods=["POST"])
@bp.route("/<slug>/conferences/<int:conference_id>/tables/<int:table_id>", methods=["POST"])
@login_required
def save_table(slug, conference_id, table_id=None):
    process, conference = _conference(slug, conference_id)
    form = TableForm(prefix="table")
    form.set_choices(process, [])
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(conference, "tables")
    attempt(lambda: services.save_table(current_user, conference, topic=form.topic.data,
                                        capacity=form.capacity.data, sector_id=form.sector_id.data or None,
                                        facilitator_id=form.facilitator_id.data or None, table_id=table_id),
            _("The table has been saved."))
    return _back(conference, "tables")


@bp.route("/<slug>/conferences/<int:conference_id>/tables/<int:table_id>/delete", methods=["POST"])
@login_required
def delete_table(slug, conference_id, table_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.delete_table(current_user, conference, table_id), _("The table has been removed."))
    return _back(conference, "tables")


@bp.route("/<slug>/conferences/<int:conference_id>/items", methods=["POST"])
@login_required
def add_item(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    form = ItemForm(prefix="item")
    if form.validate_on_submit():
        attempt(lambda: services.add_item(current_user, conference, form.table_id.data or None, kind=form.kind.data,
                                          idea_id=form.idea_id.data, measure_id=form.measure_id.data,
                                          label=form.label.data),
                _("The item has been added."))
    else:
        flash_form_errors(form)
    return _back(conference, "tables")


@bp.route("/<slug>/conferences/<int:conference_id>/items/<int:item_id>/delete", methods=["POST"])
@login_required
def remove_item(slug, conference_id, item_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.remove_item(current_user, conference, item_id), _("The item has been removed."))
    return _back(conference, "tables")


# --- staff: participants -------------------------------------------------------------------

@bp.route("/<slug>/conferences/<int:conference_id>/participants", methods=["POST"])
@login_required
def add_participant(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    form = ParticipantForm(prefix="person")
    if form.validate_on_submit():
        attempt(lambda: services.add_participant(current_user, conference, form.display_name.data,
                                                 form.email.data or None, form.kind.data),
                _("The person has been added."))
    else:
        flash_form_errors(form)
    return _back(conference, "participants")


PARTICIPANT_FILE_LIMIT = 2_000_000  # bytes of a participants' CSV


@bp.route("/<slug>/conferences/<int:conference_id>/participants/import", methods=["POST"])
@login_required
def import_participants(slug, conference_id):
    process, conference = _conference(slug, conference_id)
    form = ImportForm(prefix="import")
    if not form.validate_on_submit():
        abort(400)
    upload = form.file.data
    data = upload.read(PARTICIPANT_FILE_LIMIT + 1) if upload else b""
    if len(data) > PARTICIPANT_FILE_LIMIT:
        flash(_("The file is too large (at most %(size)s).", size=format_filesize(PARTICIPANT_FILE_LIMIT)), "error")
        return _back(conference, "participants")
    try:
        with unit_of_work():
            added = services.import_participants_csv(current_user, conference, data)
    except ValidationFailed as error:
        return render_template("conference/import_problems.html", process=process, conference=conference,
                               error=error), 422
    except DomainError as error:
        flash_domain_error(error)
        return _back(conference, "participants")
    flash(_("%(n)d people have been imported.", n=len(added)), "success")
    return _back(conference, "participants")


def live_attempt(action, success=None):
    """Like `web.attempt`, but the live pages hear what changed once it is committed:
    `action(out)` records it on the broadcast outbox (see `broadcast.live_transaction`)."""
    try:
        with broadcast.live_transaction() as out:
            action(out)
    except DomainError as error:
        flash_domain_error(error)
        return False
    if success:
        flash(str(success), "success")
    return True


def _participant_action(slug, conference_id, participant_id, action, success, *, seats=False):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        def run(out):
            person = services.participant_in(conference, participant_id)
            action(conference, person)
            if seats:
                out.seats_changed(conference.id)

        live_attempt(run, success)
    return _back(conference, "participants")


@bp.route("/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/move", methods=["POST"])
@login_required
def move_participant(slug, conference_id, participant_id):
    return _participant_action(slug, conference_id, participant_id, lambda c, p: services.move_participant(
        current_user, c, p.id, request.form.get("move-table_id") or None), _("The person has been moved."),
        seats=True)


@bp.route("/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/invite", methods=["POST"])
@login_required
def invite_participant(slug, conference_id, participant_id):
    return _participant_action(slug, conference_id, participant_id,
                               lambda c, p: services.send_invitation(current_user, p),
                               _("The join link has been sent."))


@bp.route("/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/renew", methods=["POST"])
@login_required
def renew_link(slug, conference_id, participant_id):
    return _participant_action(slug, conference_id, participant_id,
                               lambda c, p: services.renew_token(current_user, p),
                               _("The person has a new join link; the old one no longer works."))


@bp.route("/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/delete", methods=["POST"])
@login_required
def remove_participant(slug, conference_id, participant_id):
    return _participant_action(slug, conference_id, participant_id,
                               lambda c, p: services.remove_participant(current_user, c, p.id),
                               _("The person has been removed."))


@bp.route("/<slug>/conferences/<int:conference_id>/invitations", methods=["POST"])
@login_required
def send_invitations(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        sent = []
        if attempt(lambda: sent.append(services.send_invitations(current_user, conference))):
            flash(_("%(n)d invitations have been sent.", n=sent[0]), "success")
    return _back(conference, "participants")


@bp.route("/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/qr.svg")
@login_required
@personal_data
def participant_qr(slug, conference_id, participant_id):
    conference = _conference(slug, conference_id)[1]
    try:
        with unit_of_work():
            link = services.join_link_of(current_user, conference, participant_id)
    except NotFound:
        abort(404)
    return Response(exports.qr_svg(link), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, no-store"})


@bp.route("/<slug>/conferences/<int:conference_id>/join-cards.pdf")
@login_required
@personal_data
def join_cards(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    kind = request.args.get("kind")
    with unit_of_work():
        people = services.join_card_people(current_user, conference,
                                           kind if kind in ParticipantKind.__members__.values() else None)
        pdf = exports.join_cards_pdf(conference, people, services.join_url)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(f"join-cards-{conference.id}.pdf", inline=True),
        "Cache-Control": "private, no-store"})


# --- staff: assignment, rotation, rounds, announcements -------------------------------------

@bp.route("/<slug>/conferences/<int:conference_id>/assign", methods=["POST"])
@login_required
def assign_tables(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        reports = []
        keep = request.form.get("keep_existing") != "0"
        def assign(out):
            reports.append(services.assign_tables(current_user, conference, keep_existing=keep))
            out.seats_changed(conference.id)

        if live_attempt(assign):
            report = reports[0]
            flash(_("%(placed)d people seated, %(first)d at their first choice, %(second)d at their second; "
                    "%(left)d without a seat.", placed=report.placed, first=report.first_choices,
                    second=report.second_choices, left=len(report.unplaced)), "success")
    return _back(conference, "participants")


@bp.route("/<slug>/conferences/<int:conference_id>/rotate", methods=["POST"])
@login_required
def rotate_tables(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        reports = []
        def rotate(out):
            reports.append(services.rotate_tables(current_user, conference))
            out.seats_changed(conference.id)

        if live_attempt(rotate):
            report = reports[0]
            flash(_("Rotation %(n)d: %(moved)d people moved; %(new)d new encounters, %(repeat)d repeated.",
                    n=report.rotation, moved=report.moved, new=report.new_pairs, repeat=report.repeat_pairs),
                  "success")
    return _back(conference, "participants")


@bp.route("/<slug>/conferences/<int:conference_id>/rounds", methods=["POST"])
@login_required
def create_round(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    form = RoundForm(prefix="round")
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(conference, "rounds")
    if form.all_tables.data:
        opened = []
        template = {"title": form.title.data, "method": form.method.data, "settings": form.settings(),
                    "duration_seconds": form.duration_seconds(), "results_visibility": form.results_visibility.data}
        def open_all(out):
            opened.extend(services.open_rounds(current_user, conference, template))
            for voting_round in opened:
                out.round_changed(voting_round)

        if live_attempt(open_all):
            flash(_("%(n)d rounds have been opened.", n=len(opened)), "success")
        return _back(conference, "rounds")
    attempt(lambda: services.create_round(
        current_user, conference, form.table_id.data or None, title=form.title.data, method=form.method.data,
        settings=form.settings(), results_visibility=form.results_visibility.data,
        duration_seconds=form.duration_seconds()), _("The round has been prepared."))
    return _back(conference, "rounds")


@bp.route("/<slug>/conferences/<int:conference_id>/rounds/<int:round_id>/<any(open, close, extend):action>",
          methods=["POST"])
@login_required
def steer_round(slug, conference_id, round_id, action):
    conference = _conference(slug, conference_id)[1]
    if not EmptyForm().validate_on_submit():
        return _back(conference, "rounds")

    def run(out):
        voting_round = services.get_round(round_id)
        if voting_round.conference_id != conference.id:
            raise NotFound(_("This voting round does not exist."))
        if action == "open":
            services.open_round(current_user, voting_round)
        elif action == "close":
            services.close_round(current_user, voting_round)
        else:
            services.extend_round(current_user, voting_round, 60)
        out.round_changed(voting_round)

    live_attempt(run, {"open": _("The round is open."), "close": _("The round is closed."),
                  "extend": _("The round runs one minute longer.")}[action])
    return _back(conference, "rounds")


@bp.route("/<slug>/conferences/<int:conference_id>/announcements", methods=["POST"])
@login_required
def announce(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    form = AnnouncementForm(prefix="announce")
    if form.validate_on_submit():
        live_attempt(lambda out: out.announced(services.announce(current_user, conference, form.text.data,
                                                                   form.table_id.data or None)),
                     _("The announcement has been sent."))
    else:
        flash_form_errors(form)
    return _back(conference, "rounds")


# --- staff: results ------------------------------------------------------------------------

@bp.route("/<slug>/conferences/<int:conference_id>/results")
@login_required
def results(slug, conference_id):
    process, conference = _conference(slug, conference_id)
    return render_template("conference/results.html", process=process, conference=conference,
                           rows=services.result_rows(conference), label=label, VoteMethod=VoteMethod,
                           ideas=services.table_ideas(conference), button=EmptyForm())


@bp.route("/<slug>/conferences/<int:conference_id>/results.csv")
@login_required
def results_csv(slug, conference_id):
    return _results_download(slug, conference_id, "csv")


@bp.route("/<slug>/conferences/<int:conference_id>/results.xlsx")
@login_required
def results_xlsx(slug, conference_id):
    return _results_download(slug, conference_id, "xlsx")


def _results_download(slug, conference_id, fmt):
    conference = _conference(slug, conference_id)[1]
    write = exports.results_xlsx if fmt == "xlsx" else exports.results_csv
    data = write(conference, services.result_rows(conference))
    return Response(data, mimetype=MIMETYPES[fmt], headers={
        "Content-Disposition": content_disposition(f"conference-{conference.id}-results.{fmt}")})


@bp.route("/<slug>/conferences/<int:conference_id>/send-to-catalogue", methods=["POST"])
@login_required
def send_to_catalogue(slug, conference_id):
    conference = _conference(slug, conference_id)[1]
    if EmptyForm().validate_on_submit():
        stored = []
        if attempt(lambda: stored.append(services.send_to_catalogue(current_user, conference))):
            flash(_("%(n)d results have been stored with their ideas and measures.", n=stored[0]), "success")
    return redirect(url_for("conference.results", slug=slug, conference_id=conference.id))


# --- participants: join pages (no account, no JavaScript needed) ---------------------------------

def _participant(token):
    try:
        participant = services.participant_for_token(token)
    except NotFound:
        abort(404)
    g.join_participant = participant  # the header shows who came by this link (see join_link_visitor)
    return participant


@bp.context_processor
def join_link_visitor():
    """Who is looking at a join-link page without an account: the header names them and their role at
    the conference, and offers a way out, instead of "Sign in" and "Register"."""
    participant = g.get("join_participant")
    if participant is None:
        return {"join_link_visitor": None}
    return {"join_link_visitor": {
        "name": participant.display_name,
        "role": label(participant.kind),
        "conference": participant.conference.title,
        "page_url": url_for("conference.join", token=participant.token),
        "leave_url": url_for("processes.show_process", slug=participant.conference.process.slug),
    }}


def _join_page(token):
    return redirect(url_for("conference.join", token=token))


@bp.route("/k/<token>")
@personal_data
def join(token):
    participant = _participant(token)
    conference = participant.conference
    if participant.joined_at is None:
        with unit_of_work():
            services.record_visit(participant)
    table_id = participant.table_id
    shot = services.snapshot(participant, table_id)
    plenary = services.snapshot(participant, None)
    steers = [t for t in conference.tables if services.can_steer(participant, conference, t)]
    choice_form = ChoiceForm()
    choice_form.set_choices(conference)
    choice_form.first_choice.data = str(participant.first_choice_id or "")
    choice_form.second_choice.data = str(participant.second_choice_id or "")
    free = {t.id: t.capacity - services.seated_count(t.id) for t in conference.tables}
    return render_template(
        "conference/join.html", participant=participant, conference=conference, shot=shot, plenary=plenary,
        steers=steers, choice_form=choice_form, idea_form=IdeaForm(), button=EmptyForm(), free=free,
        label=label, live_url=_live_url(token), time_of=_time_of,
    )


def _time_of(iso):
    """An ISO-8601 UTC time from a snapshot, shown in the municipality's time zone."""
    return format_moment(iso)


def _live_url(token):
    try:
        return url_for("conference.live", token=token)
    except Exception:  # the live page belongs to the real-time part
        return None


def _per_participant():
    """Rate limits of the join pages count per personal link: a whole venue may share one address."""
    return f"participant:{(request.view_args or {}).get('token', '')[:64]}"


_per_link = {"methods": ["POST"], "key_func": _per_participant}


@bp.route("/k/<token>/table", methods=["POST"])
@limiter.limit("20 per minute", **_per_link)
def choose_table(token):
    participant = _participant(token)
    if EmptyForm().validate_on_submit():
        attempt(lambda: services.join_table(participant, request.form.get("table_id")),
                _("You have taken a seat at this table."))
    return _join_page(token)


@bp.route("/k/<token>/choices", methods=["POST"])
@limiter.limit("20 per minute", **_per_link)
def save_choices(token):
    participant = _participant(token)
    form = ChoiceForm()
    form.set_choices(participant.conference)
    if form.validate_on_submit():
        attempt(lambda: services.set_choices(participant, form.first_choice.data or None,
                                             form.second_choice.data or None),
                _("Your wishes have been saved."))
    return _join_page(token)


def _payload_from_form(voting_round, form):
    """The ballot of the form on the join page, in the services' payload shape."""
    method = voting_round.method
    if method == VoteMethod.DOTS:
        return {"dots": {key[5:]: value for key, value in form.items()
                         if key.startswith("dots-") and value.strip() not in ("", "0")}}
    if method == VoteMethod.APPROVAL:
        return {"items": form.getlist("item")}
    if method == VoteMethod.SINGLE:
        return {"item": form.get("item")}
    if method == VoteMethod.RANKING:
        depth = (voting_round.settings or {}).get("depth", 3)
        return {"ranking": [form.get(f"rank-{place}") for place in range(1, depth + 1) if form.get(f"rank-{place}")]}
    return {"ratings": {key[7:]: value for key, value in form.items() if key.startswith("rating-") and value}}


@bp.route("/k/<token>/vote", methods=["POST"])
@limiter.limit("30 per minute", **_per_link)
def vote(token):
    participant = _participant(token)
    if not EmptyForm().validate_on_submit():
        flash(_("The form has expired; please vote again."), "error")
        return _join_page(token)
    try:
        voting_round = services.get_round(request.form.get("round_id"))
        payload = _payload_from_form(voting_round, request.form)
        with broadcast.live_transaction() as out:
            outcome = services.cast_vote(participant, voting_round.id, payload)
            if not outcome.duplicate:
                out.vote_counted(outcome.round)
    except DomainError as error:
        flash_domain_error(error)
        return _join_page(token)
    if outcome.duplicate:
        flash(_("You had already voted in this round; your first vote counts."), "info")
    else:
        flash(_("Thank you, your vote has been counted."), "success")
    return _join_page(token)


@bp.route("/k/<token>/ideas", methods=["POST"])
@limiter.limit("10 per minute;60 per hour", **_per_link)
def record_idea(token):
    participant = _participant(token)
    form = IdeaForm()
    table_id = request.form.get("table_id")
    if form.validate_on_submit():
        def run():
            table = services._table_of(participant.conference, table_id)
            if table is None:
                raise NotFound(_("This table does not exist."))
            services.record_table_idea(participant, table, form.title.data, form.body.data)

        attempt(run, _("The idea has been recorded; it now goes to the moderation team."))
    else:
        flash_form_errors(form)
    return _join_page(token)


@bp.route("/konferenz", methods=["GET", "POST"])
# A venue's guests share one address: generous, yet no one fills a conference with made-up walk-ins.
@limiter.limit("120 per 10 minutes", methods=["POST"], key_func=get_remote_address)
def join_with_code():
    form = CodeForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"][:16]
    if form.validate_on_submit():
        try:
            with unit_of_work():
                participant = services.join_with_code(form.code.data, form.display_name.data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            flash(_("Welcome! Keep this page's address: it is your personal link."), "success")
            return _join_page(participant.token)
    return render_template("conference/code.html", form=form)
