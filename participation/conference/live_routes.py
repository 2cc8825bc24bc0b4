"""The live pages: the participant's live page, the moderator console and the projector views.

The pages only carry the settings for static/js/conference.js (in a JSON data block, since the
CSP allows no inline scripts); everything live comes over Socket.IO (conference/events.py)."""
from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import NotFound
from ..extensions import db
from ..security import personal_data
from ..values import as_id
from ..web import actor
from . import bp, broadcast, services
from .models import ThemeTable

ACK_TIMEOUT_MS = 5000


def live_texts():
    """Every text the live script shows, translated for the page's language."""
    return {
        "connected": _("Connected"),
        "reconnecting": _("Connection lost; reconnecting …"),
        "refused": _("This join link is not valid."),
        "superseded": _("Opened on another device"),
        "timeout": _("No answer from the server; please try again."),
        "error": _("Something went wrong. Please try again."),
        "no_round": _("No voting round yet"),
        "no_round_hint": _("The moderation opens the next round; this page updates by itself."),
        "round_closed": _("This round is closed."),
        "round_not_open": _("This round has not been opened yet."),
        "results_after_close": _("The results are shown when the round is closed."),
        "no_time_limit": _("open until the moderation closes it"),
        "state_draft": _("prepared"),
        "state_open": _("open"),
        "state_closed": _("closed"),
        "method_dots": _("dot voting"),
        "method_approval": _("approval"),
        "method_single": _("single choice"),
        "method_ranking": _("ranking"),
        "method_agreement": _("agreement scale"),
        "dots_hint": _("You have %(n)s dots; at most %(k)s on one item."),
        "dots_left": _("Dots left: %(n)s"),
        "add_dot": _("One dot more for %(item)s"),
        "remove_dot": _("One dot less for %(item)s"),
        "approval_hint": _("Tick every item you agree with."),
        "single_hint": _("Choose one item."),
        "ranking_hint": _("Rank your top %(n)s."),
        "place_n": _("Place %(n)s"),
        "agreement_hint": _("How far do you agree?"),
        "agreement_1": _("do not agree at all"),
        "agreement_2": _("rather not agree"),
        "agreement_3": _("undecided"),
        "agreement_4": _("rather agree"),
        "agreement_5": _("fully agree"),
        "cast_vote": _("Cast vote"),
        "sending": _("Sending …"),
        "vote_counted": _("Your vote is counted."),
        "n_dots": _("%(n)s dots"),
        "n_dots_one": _("1 dot"),
        "n_approvals": _("%(n)s approvals"),
        "n_approvals_one": _("1 approval"),
        "n_votes": _("%(n)s votes"),
        "n_votes_one": _("1 vote"),
        "n_points": _("%(n)s points"),
        "n_points_one": _("1 point"),
        "mean": _("mean %(mean)s"),
        "n_ballots": _("Ballots: %(n)s"),
        "n_online": _("%(n)s of %(total)s online"),
        "offline": _("offline"),
        "who_is_here": _("Who is here"),
        "plenary": _("Plenary"),
        "projector": _("Projector view"),
        "close_round": _("Close round"),
        "extend_round": _("One minute more"),
        "open_named": _("Open “%(title)s”"),
        "done": _("Done."),
        "announced": _("The announcement has been sent."),
    }


def _config(**values):
    broadcast.ensure_started()  # the round timer runs in every process that serves live pages
    values.setdefault("ack_timeout_ms", ACK_TIMEOUT_MS)
    values["texts"] = live_texts()
    return values


def _conference_or_404(slug, conference_id):
    conference = services.get_conference(conference_id)
    if conference.process.slug != slug:
        abort(404)
    return conference


def _participant_or_404(token):
    try:
        participant = services.participant_for_token(token)
    except NotFound:
        abort(404)
    g.join_participant = participant  # for the header (routes.join_link_visitor)
    return participant


def projector_url(conference, table_id=None, token=None):
    """The projector of the plenary or a table; with a token, the one opened from a join link."""
    if token is not None:
        return url_for("conference.participant_projector", token=token, table_id=table_id)
    if table_id is None:
        return url_for("conference.projector", slug=conference.process.slug, conference_id=conference.id)
    return url_for("conference.projector", slug=conference.process.slug, conference_id=conference.id,
                   table_id=table_id)


@bp.route("/k/<token>/live")
@personal_data
def live(token):
    """The participant's live page: their table's round and the plenary's, with the ballot form."""
    participant = _participant_or_404(token)
    conference = participant.conference
    table = participant.table
    config = _config(token=participant.token, conference_id=conference.id,
                     table_id=table.id if table else None,
                     can_vote=participant.is_member)
    steers = services.can_steer(participant, conference)
    return render_template("conference/live.html", participant=participant, conference=conference, table=table,
                           config=config, steers=steers)


def _console(steerer, conference, token=None):
    """The console shows controls for what its user steers: the whole conference for its moderation,
    only their own table for a facilitator (the services refuse the rest anyway)."""
    config = _config(conference_id=conference.id, token=token)
    steers_all = services.can_steer(steerer, conference)
    tables = services.steered_tables(steerer, conference)
    return render_template("conference/console.html", conference=conference, tables=tables, config=config,
                           steers_all=steers_all,
                           plenary_projector=projector_url(conference, token=token) if steers_all else None)


@bp.route("/<slug>/conferences/<int:conference_id>/console")
@login_required
@personal_data
def console(slug, conference_id):
    """The moderator console: every table at once."""
    conference = _conference_or_404(slug, conference_id)
    if not services.can_steer(actor(), conference):
        abort(403)
    return _console(actor(), conference)


@bp.route("/k/<token>/console")
@personal_data
def participant_console(token):
    """The console for moderators and facilitators who came in through their join link."""
    participant = _participant_or_404(token)
    conference = participant.conference
    if not (services.can_steer(participant, conference) or services.steered_tables(participant, conference)):
        abort(403)
    return _console(participant, conference, token=participant.token)


@bp.route("/<slug>/conferences/<int:conference_id>/projector")
@bp.route("/<slug>/conferences/<int:conference_id>/tables/<int:table_id>/projector")
@login_required
def projector(slug, conference_id, table_id=None):
    """A projector view: large live charts of one table's round, or of the plenary's."""
    conference = _conference_or_404(slug, conference_id)
    table = None
    if table_id is not None:
        table = db.session.get(ThemeTable, table_id)
        if table is None or table.conference_id != conference.id:
            abort(404)
    if not services.can_steer(current_user._get_current_object(), conference, table):
        abort(403)
    config = _config(conference_id=conference.id, table_id=table.id if table else None)
    return render_template("conference/projector.html", conference=conference, table=table, config=config)


@bp.route("/k/<token>/projector")
@personal_data  # the page carries the join link's token
def participant_projector(token):
    """A projector opened by a moderator or facilitator from their join link (no account needed)."""
    participant = _participant_or_404(token)
    conference = participant.conference
    table = None
    raw = request.args.get("table_id")
    if raw:
        table = db.session.get(ThemeTable, as_id(raw) or 0)
        if table is None or table.conference_id != conference.id:
            abort(404)
    if not services.can_steer(participant, conference, table):
        abort(403)
    config = _config(conference_id=conference.id, table_id=table.id if table else None, token=participant.token)
    return render_template("conference/projector.html", conference=conference, table=table, config=config)
