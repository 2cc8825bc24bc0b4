"""What each row of the access-control matrix sends: the URL's values, the form or JSON, and what a
case must set up first. Routes not named here get their URL values from DEFAULT_PARAMS by name and
an empty form with a valid CSRF token, which is enough for every GET and for buttons without fields.

To add a row for a new POST route: give it the minimal valid data here (keyed by method and rule,
exactly as in the URL map), so that the actors who may act really act ("ok" in the table)."""
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from tests.conftest import PASSWORD, register_bytes

FORGED_TOKEN = "AAAAAAAAAAAAAAAAAAAAAA"  # the form of a join link, but nobody's


@dataclass
class Case:
    params: Callable | dict = field(default_factory=dict)  # (w, actor) -> URL values beyond the defaults
    data: Callable | dict | None = None  # (w, actor) -> form fields (a CSRF token is added)
    json: Callable | dict | None = None  # (w, actor) -> JSON body (API; CSRF header added)
    prepare: Callable | None = None  # (w, actor) -> None, run in an app context before the request
    fresh_client: bool = False  # a new client (signed in as the actor) for routes that end the session
    csrf: bool = True


def _value(spec, w, actor):
    return spec(w, actor) if callable(spec) else (dict(spec) if spec is not None else None)


def params_for(case, w, actor):
    return _value(case.params, w, actor) or {}


def data_for(case, w, actor):
    return _value(case.data, w, actor)


def json_for(case, w, actor):
    return _value(case.json, w, actor)


def default_params(w, actor):
    """URL values by name, for resources of process A."""
    return {
        "slug": w.slug_a, "idea_id": w.idea, "comment_id": w.comment, "code": w.measure_code,
        "conference_id": w.conference, "table_id": w.table, "participant_id": w.citizen,
        "round_id": w.open_round, "item_id": w.item_2, "number": w.draw_number, "extract_id": w.extract,
        "file_id": w.letter_file, "invitation_id": w.invitation, "run_id": w.run, "panel_id": w.panel,
        "member_id": w.member, "role_id": w.moderator_role, "user_id": w.users["author"],
        "template_id": w.reason_template, "link_id": w.link, "fmt": "csv", "kind": "ideas",
        "filename": "css/app.css", "token": w.tokens.get(actor, FORGED_TOKEN), "action": "claim",
    }


def _unique(prefix):
    _unique.n = getattr(_unique, "n", 0) + 1
    return f"{prefix}-{_unique.n}"


# --- data builders that need the database (they run in an app context) --------------------------------

def _lottery_settings_form(w, actor):
    from participation.extensions import db
    from participation.lottery import services
    from participation.processes.models import Process

    settings = services.get_settings(db.session.get(Process, w.process_a))
    return {"letter_subject": "Einladung zum Bürgerrat", "letter_template": settings.letter_template,
            "office": "Amt für Klimaschutz", "consent_text": settings.consent_text, "retention_days": "90",
            "categories_text": services.categories_to_text(settings.categories)}


def _response_form(w, actor, channel=True):
    from participation.extensions import db
    from participation.lottery import services
    from participation.processes.models import Process

    settings = services.get_settings(db.session.get(Process, w.process_a))
    form = {"accepted": "yes", "given_name": "Alex", "family_name": "Muster", "email": "alex@example.org",
            "consent": "y"}
    for category in settings.categories:
        form[f"feature_{category['key']}"] = category["values"][0]["value"]
    if channel:
        form["channel"] = "phone"
    return form


def _preview_form(w, actor):
    from participation.extensions import db
    from participation.lottery.models import RegisterUpload
    from participation.lottery.register_csv import sniff, suggest_mapping

    upload = db.session.scalar(sa.select(RegisterUpload).where(RegisterUpload.token == w.upload_token))
    form = {"action": "import", "retention_until": (date.today() + timedelta(days=60)).isoformat()}
    for name, column in suggest_mapping(sniff(upload.data).header).items():
        if name != "extra" and column:
            form[f"map_{name}"] = column
    return form


def _supported_by_actor(w, actor):
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.ideas import services
    from participation.ideas.models import Idea

    if actor in w.users:
        with unit_of_work():
            services.support_idea(db.session.get(User, w.users[actor]), db.session.get(Idea, w.idea))


def _run_running(w, actor):
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.lottery.models import RunStatus, SelectionRun

    with unit_of_work():
        db.session.execute(sa.update(SelectionRun).where(SelectionRun.id == w.run).values(status=RunStatus.RUNNING))


def _panel_not_drawn(w, actor):
    """The run as it was before its panel was drawn."""
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.lottery.models import Panel, PanelMember

    with unit_of_work():
        db.session.execute(sa.delete(PanelMember).where(PanelMember.panel_id == w.panel))
        db.session.execute(sa.delete(Panel).where(Panel.id == w.panel))


def _pending_draw_made(w, actor):
    """The draw that waits for its seed is made, so that a new one may be published."""
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.lottery import services
    from participation.processes.models import Process

    with unit_of_work():
        draw = services.get_draw(db.session.get(Process, w.process_a), w.undrawn_number)
        services.perform_draw(db.session.get(User, w.users["staff"]), draw, "5 5 5 5 5", "Ziehung für den Test")


def _unseated(w, actor):
    """The participant of the link has no seat yet (with a seat, people cannot move themselves)."""
    from participation.database import unit_of_work
    from participation.extensions import db

    if actor in ("citizen", "facilitator", "link_moderator"):
        from participation.conference.models import Participant

        with unit_of_work():
            db.session.get(Participant, getattr(w, actor)).table_id = None


def _idea_voted_on(w, actor):
    """A closed round on an idea at table 2: a result the conference can send to the catalogue."""
    from participation.auth.models import User
    from participation.conference import services
    from participation.database import unit_of_work
    from participation.extensions import db

    staff = db.session.get(User, w.users["staff"])
    with unit_of_work():
        conference = services.get_conference(w.conference)
        services.add_item(staff, conference, w.table_2, kind="idea", idea_id=w.idea)
        voting_round = services.create_round(staff, conference, w.table_2, title="Welche Idee?", method="single")
        services.open_round(staff, voting_round)
        services.close_round(staff, voting_round)


def _round_closed(w, actor):
    from participation.auth.models import User
    from participation.conference import services
    from participation.database import unit_of_work
    from participation.extensions import db

    with unit_of_work():
        services.close_round(db.session.get(User, w.users["staff"]), w.open_round)


def _code(w, actor):
    """A code of the actor's authenticator app that the server accepts now; a made-up one for people
    without an account or without a second factor (or one begun)."""
    from flask import current_app

    from participation.auth.models import User
    from participation.auth.two_factor import secret_of
    from participation.extensions import db
    from tests.conftest import totp_code

    if actor not in w.users or secret_of(db.session.get(User, w.users[actor])) is None:
        return "123456"
    return totp_code(current_app._get_current_object(), w.emails[actor])


def _enrolment_begun(w, actor):
    """The resident opened the set-up page (the secret is stored), so their app shows a valid code."""
    from participation.auth import two_factor
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.extensions import db

    if actor == "resident":
        with unit_of_work():
            two_factor.begin_enrolment(db.session.get(User, w.users["resident"]))


def _resident_enrolled(w, actor):
    """The resident switched two-factor on of their own accord (they may switch it off again)."""
    from participation.auth.models import User
    from participation.auth.two_factor import store_secret
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db
    from tests.conftest import TOTP_SECRET

    if actor == "resident":
        with unit_of_work():
            user = db.session.get(User, w.users["resident"])
            store_secret(user, TOTP_SECRET)
            user.totp_enabled_at = utcnow()


def _author_barred_from_a(w, actor):
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.moderation import services
    from participation.processes.models import Process

    with unit_of_work():
        services.bar_from_process(db.session.get(User, w.users["staff"]), db.session.get(Process, w.process_a),
                                  db.session.get(User, w.users["author"]), "Wiederholt beleidigende Kommentare.")


def _author_blocked(w, actor):
    from participation.auth.models import User
    from participation.database import unit_of_work
    from participation.extensions import db
    from participation.moderation import services

    with unit_of_work():
        services.set_blocked(db.session.get(User, w.users["admin"]), db.session.get(User, w.users["author"]), True,
                             "Spam in mehreren Prozessen.")


_measure = {"title": "Mehr Grün in der Stadt", "type": "technical", "time_horizon": "short",
            "origin": "citizen_ideas", "status": "proposed", "priority": "", "progress_percent": "0"}
_conference = {"title": "Zweite Klimakonferenz", "starts_at": "2027-03-01T10:00", "mode": "online",
               "agenda": "", "event_code": "", "self_choice": "y"}
_process = {"title": "Neuer Prozess", "municipality": "Musterstadt", "description": "Beschreibung",
            "moderation_mode": "post", "is_public": "y"}
_round = {"round-title": "Was zuerst?", "round-method": "dots", "round-dots": "3", "round-max_per_item": "2",
          "round-depth": "3", "round-results_visibility": "live"}

CASES = {
    # --- main, auth ---
    ("POST", "/language"): Case(fresh_client=True, data={"locale": "en"}),
    ("POST", "/account/register"): Case(fresh_client=True, data=lambda w, a: {
        "display_name": "Neue Person", "email": f"{_unique('neu')}@example.org", "password": PASSWORD,
        "password_confirm": PASSWORD, "accept_terms": "y"}),
    ("POST", "/account/login"): Case(fresh_client=True, data=lambda w, a: {
        "email": w.emails["author"], "password": PASSWORD}),
    ("POST", "/account/logout"): Case(fresh_client=True),
    ("POST", "/account/reset"): Case(data=lambda w, a: {"email": w.emails["author"]}),
    ("GET", "/account/reset/<token>"): Case(params={"token": "not-a-reset-token"}),
    ("POST", "/account/reset/<token>"): Case(params={"token": "not-a-reset-token"},
                                             data={"password": "neues-Passwort-123", "password_confirm":
                                                   "neues-Passwort-123"}),
    ("GET", "/account/verify/<token>"): Case(params={"token": "not-a-verify-token"}),
    ("POST", "/account/settings"): Case(data={"profile-display_name": "Neuer Name", "profile-locale": "de"}),
    ("POST", "/account/delete"): Case(fresh_client=True, data={"delete-password": PASSWORD, "delete-confirm": "y"}),
    ("POST", "/account/data"): Case(),

    # --- sign-in links, the code step, sessions, two-factor ---
    ("POST", "/account/sign-in-link"): Case(data=lambda w, a: {"email": w.emails["author"]}),
    ("GET", "/account/sign-in/<token>"): Case(params={"token": "not-a-sign-in-link"}),
    ("POST", "/account/sign-in/<token>"): Case(fresh_client=True, params={"token": "not-a-sign-in-link"}),
    ("POST", "/account/login/code"): Case(data=lambda w, a: {"code": _code(w, a)}),
    ("POST", "/account/sessions/end-all"): Case(fresh_client=True),
    ("POST", "/account/two-factor/setup"): Case(prepare=_enrolment_begun, data=lambda w, a: {"code": _code(w, a)}),
    ("POST", "/account/two-factor/recovery-codes"): Case(data=lambda w, a: {"codes-code": _code(w, a)}),
    ("POST", "/account/two-factor/disable"): Case(prepare=_resident_enrolled,
                                                  data=lambda w, a: {"disable-code": _code(w, a)}),
    ("POST", "/account/admin/two-factor"): Case(data=lambda w, a: {"email": w.emails["moderator"]}),

    # --- processes ---
    ("POST", "/processes/new"): Case(data=lambda w, a: dict(_process, slug=_unique("neu"))),
    ("POST", "/processes/<slug>/edit"): Case(data=lambda w, a: dict(_process, slug=w.slug_a, title="Neuer Titel")),
    ("POST", "/processes/<slug>/sectors"): Case(data={"districts-districts": "Nord\nSüd\nZentrum\nWest"}),
    ("POST", "/processes/<slug>/team"): Case(data=lambda w, a: {"email": w.emails["resident"], "role": "moderator"}),

    # --- ideas and the API ---
    ("POST", "/processes/<slug>/ideas/new"): Case(data=lambda w, a: {
        "title": "Ein Park am Fluss", "body": "Eine Wiese mit Bäumen am Ufer, für heiße Tage.",
        "sector_id": str(w.sector_a), "district_id": ""}),
    ("POST", "/processes/<slug>/ideas/<int:idea_id>/edit"): Case(data=lambda w, a: {
        "title": "Mehr Bäume, auch am Markt", "body": "Schattige Straßen kühlen im Sommer.",
        "sector_id": str(w.sector_a), "district_id": ""}),
    ("POST", "/processes/<slug>/ideas/<int:idea_id>/unsupport"): Case(prepare=_supported_by_actor),
    ("POST", "/processes/<slug>/ideas/<int:idea_id>/comments"): Case(data={"body": "Das unterstütze ich sehr."}),
    ("POST", "/api/v1/processes/<slug>/ideas"): Case(json=lambda w, a: {
        "title": "Ein Park am Fluss", "body": "Eine Wiese mit Bäumen am Ufer, für heiße Tage.",
        "sector_id": w.sector_a}),
    ("POST", "/api/v1/ideas/<int:idea_id>/support"): Case(json={}),
    ("DELETE", "/api/v1/ideas/<int:idea_id>/support"): Case(json={}, prepare=_supported_by_actor),

    # --- moderation ---
    ("POST", "/processes/<slug>/moderation/ideas/<int:idea_id>/<action>"): Case(
        params=lambda w, a: {"idea_id": w.pending_idea}),
    ("POST", "/processes/<slug>/moderation/users/<int:user_id>/bar"): Case(
        data={"reason": "Wiederholt beleidigende Kommentare.", "confirm": "y"}),
    ("POST", "/processes/<slug>/moderation/users/<int:user_id>/unbar"): Case(prepare=_author_barred_from_a),
    ("POST", "/admin/accounts/<int:user_id>/block"): Case(data={"reason": "Spam in mehreren Prozessen.",
                                                                "confirm": "y"}),
    ("POST", "/admin/accounts/<int:user_id>/unblock"): Case(prepare=_author_blocked),
    # --- legal pages ---
    ("GET", "/admin/legal/<any(imprint, privacy, accessibility):page>"): Case(params={"page": "imprint"}),
    ("POST", "/admin/legal/<any(imprint, privacy, accessibility):page>"): Case(
        params={"page": "imprint"}, data={"operator": "Stadt Jena", "address": "Am Anger 15", "save": "y"}),
    ("POST", "/barrierefreiheit"): Case(data={"message": "Die Karte ist ohne Maus nicht bedienbar."}),
    ("POST", "/processes/<slug>/moderation/reasons"): Case(data={"title": "Nicht zum Thema",
                                                                 "text": "Das gehört nicht zu diesem Prozess."}),
    ("POST", "/processes/<slug>/<any(ideas, comments):kind>/<int:item_id>/report"): Case(
        params=lambda w, a: {"item_id": w.idea}, data={"reason": "Das ist Werbung für eine Firma."}),

    # --- catalogue ---
    ("POST", "/processes/<slug>/measures/new"): Case(data=lambda w, a: dict(_measure, sector_id=str(w.sector_a))),
    ("POST", "/processes/<slug>/measures/<code>/edit"): Case(data=lambda w, a: dict(
        _measure, title="Stadtbäume für heiße Sommer, überarbeitet", sector_id=str(w.sector_a),
        version=str(w.measure_version), summary="Titel geschärft")),
    ("POST", "/processes/<slug>/measures/<code>/<any(publish, withdraw):action>"): Case(params={"action": "withdraw"}),
    ("POST", "/processes/<slug>/measures/<code>/links"): Case(data=lambda w, a: {
        "idea_ids": str(w.second_idea), "link_kind": "inspired", "rationale": "Passt thematisch."}),
    ("POST", "/processes/<slug>/measure-links"): Case(data=lambda w, a: {
        "measure_id": str(w.measure), "idea_ids": str(w.second_idea), "link_kind": "inspired", "rationale": ""}),
    ("POST", "/processes/<slug>/measures/<code>/scores"): Case(data=lambda w, a: {
        f"score-{cid}": "3" for cid in w.criteria}),
    ("POST", "/processes/<slug>/priorities"): Case(data=lambda w, a: {
        "criterion_id": [str(c) for c in w.criteria], "name": [f"Kriterium {i}" for i in range(len(w.criteria))],
        "description": ["" for _ in w.criteria], "weight": ["2" for _ in w.criteria]}),

    # --- conference: staff ---
    ("POST", "/processes/<slug>/conferences/new"): Case(data=_conference),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/edit"): Case(
        data=dict(_conference, title="Klimakonferenz A, verschoben")),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/status"): Case(data={"status": "finished"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/tables"): Case(
        data={"table-topic": "Neuer Tisch", "table-capacity": "8"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/tables/<int:table_id>"): Case(
        data={"table-topic": "Tisch 1: umbenannt", "table-capacity": "9"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/tables/<int:table_id>/delete"): Case(
        params=lambda w, a: {"table_id": w.table_2}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/items"): Case(data=lambda w, a: {
        "item-table_id": str(w.table_2), "item-kind": "option", "item-label": "Ein neuer Vorschlag"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/participants"): Case(
        data={"person-display_name": "Neue Teilnehmerin", "person-email": "", "person-kind": "citizen"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/participants/import"): Case(
        data=lambda w, a: {"import-file": (io.BytesIO(b"Kim Neu;kim@example.org;citizen\n"), "p.csv")}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/participants/<int:participant_id>/move"): Case(
        data=lambda w, a: {"move-table_id": str(w.table_2)}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/rounds"): Case(
        data=lambda w, a: dict(_round, **{"round-table_id": str(w.table_2)})),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/rounds/<int:round_id>/<any(open, close, extend):action>"):
        Case(params={"action": "close"}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/announcements"): Case(
        data={"announce-text": "In fünf Minuten geht es weiter.", "announce-table_id": ""}),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/send-to-catalogue"): Case(prepare=_idea_voted_on),
    ("POST", "/processes/<slug>/conferences/<int:conference_id>/rotate"): Case(prepare=_round_closed),
    ("GET", "/processes/<slug>/conferences/<int:conference_id>/tables/<int:table_id>/projector"): Case(),

    # --- conference: join links ---
    ("POST", "/k/<token>/table"): Case(prepare=_unseated, data=lambda w, a: {"table_id": str(w.table_2)}),
    ("POST", "/k/<token>/choices"): Case(data=lambda w, a: {"first_choice": str(w.table_2), "second_choice": ""}),
    ("POST", "/k/<token>/vote"): Case(data=lambda w, a: {"round_id": str(w.open_round),
                                                         f"dots-{w.open_round_item}": "2"}),
    ("POST", "/k/<token>/ideas"): Case(data=lambda w, a: {
        "title": "Tischidee: Dächer begrünen", "body": "Am Tisch vorgeschlagen: Gründächer auf Schulen.",
        "table_id": str(w.table)}),
    ("POST", "/konferenz"): Case(data={"code": "KLIMA2027", "display_name": "Gast am Eingang"}),

    # --- lottery ---
    ("POST", "/processes/<slug>/lottery/settings"): Case(data=_lottery_settings_form),
    ("POST", "/processes/<slug>/lottery/register/upload"): Case(
        data=lambda w, a: {"file": (io.BytesIO(register_bytes(10, 11)), "melderegister-3.csv")}),
    ("GET", "/processes/<slug>/lottery/register/upload/<token>"): Case(params=lambda w, a: {"token": w.upload_token}),
    ("POST", "/processes/<slug>/lottery/register/upload/<token>"): Case(
        params=lambda w, a: {"token": w.upload_token}, data=_preview_form),
    ("POST", "/processes/<slug>/lottery/draws/new"): Case(prepare=_pending_draw_made, data=lambda w, a: {
        "extract_id": str(w.extract), "letters": "5", "reference_date": "2026-11-01", "min_age": "16",
        "strata": "district", "exclude_earlier": "y",
        "response_deadline": (date.today() + timedelta(days=30)).isoformat()}),
    ("POST", "/processes/<slug>/lottery/draws/<int:number>/seed"): Case(
        params=lambda w, a: {"number": w.undrawn_number},
        data={"seed": "3 14 15 92 65", "seed_source": "Öffentliche Ziehung im Stadtrat am 3. März"}),
    ("POST", "/processes/<slug>/lottery/invitations/<int:invitation_id>"): Case(data=_response_form),
    ("POST", "/processes/<slug>/respond"): Case(fresh_client=True, data=lambda w, a: {"code": w.invitation_code}),
    ("POST", "/processes/<slug>/lottery/selection"): Case(data={"action": "shares"}),
    ("POST", "/processes/<slug>/lottery/selection/runs/<int:run_id>/cancel"): Case(prepare=_run_running),
    ("POST", "/processes/<slug>/lottery/selection/runs/<int:run_id>/panel"): Case(
        prepare=_panel_not_drawn, data={"number": "7", "draw_source": "Drei Würfel, öffentliche Sitzung"}),
    ("POST", "/processes/<slug>/lottery/panels/<int:panel_id>/annul"): Case(
        data={"reason": "Der Pool enthielt doppelte Antworten."}),
    ("POST", "/processes/<slug>/lottery/panels/<int:panel_id>/hand-over"): Case(
        data=lambda w, a: {"conference_id": str(w.conference)}),
}

# --- Socket.IO: the payload of each event, against the conference of process A --------------------------

_template = {"title": "Was zuerst?", "method": "dots", "settings": {"dots": 3, "max_per_item": 2}}


@dataclass
class SocketCase:
    payload: Callable | dict | None = None
    prepare: Callable | None = None


SOCKET_CASES = {
    "connect": SocketCase(),
    "disconnect": SocketCase(),
    "join_table": SocketCase(lambda w, a: {"conference_id": w.conference, "table_id": w.table}),
    "join_console": SocketCase(lambda w, a: {"conference_id": w.conference}),
    "cast_vote": SocketCase(lambda w, a: {"round_id": w.open_round,
                                          "payload": {"dots": {str(w.open_round_item): 2}}}),
    "open_round": SocketCase(lambda w, a: {"round_id": w.draft_round}),
    "close_round": SocketCase(lambda w, a: {"round_id": w.open_round}),
    "extend_round": SocketCase(lambda w, a: {"round_id": w.open_round, "seconds": 60}),
    "open_rounds": SocketCase(lambda w, a: {"conference_id": w.conference, "template": _template},
                              prepare=_round_closed),
    "close_rounds": SocketCase(lambda w, a: {"conference_id": w.conference}),
    "extend_rounds": SocketCase(lambda w, a: {"conference_id": w.conference, "seconds": 60}),
    "create_round": SocketCase(lambda w, a: {"conference_id": w.conference, "table_id": w.table_2,
                                             "template": _template}),
    "announce": SocketCase(lambda w, a: {"conference_id": w.conference, "text": "Gleich geht es weiter.",
                                         "table_id": None}),
}


# --- the team of process B, on B's own pages, naming A's resources ------------------------------------
# Each probe: (actor, method, URL, form data). The URL belongs to process B, where the actor has their
# role; an id in the path or the form belongs to process A. Every probe must be refused and change
# nothing (GET probes must not show A's data: 403 or 404).

def _b(path):
    return "/processes/{w.slug_b}" + path


FOREIGN_ID_PROBES = [
    # what only the moderation of a process sees: an idea waiting for moderation, a draft measure
    ("moderator_b", "GET", "/processes/{w.slug_a}/ideas/{w.pending_idea}", None),
    ("staff_b", "GET", "/api/v1/ideas/{w.pending_idea}", None),
    ("moderator", "GET", _b("/measures/{w.measure_b_code}"), None),
    ("moderator", "GET", _b("/measures/{w.measure_b_code}.pdf"), None),
    ("moderator", "GET", _b("/measures/{w.measure_b_code}/history"), None),
    ("link_b", "GET", "/k/{w.tokens[link_b]}/projector?table_id={w.table}", None),
    # moderation
    ("moderator_b", "GET", _b("/moderation/ideas/{w.idea}"), None),
    ("moderator_b", "GET", _b("/moderation/comments/{w.comment}"), None),
    ("moderator_b", "POST", _b("/moderation/ideas/{w.pending_idea}/claim"), {}),
    ("moderator_b", "POST", _b("/moderation/comments/{w.comment}/claim"), {}),
    ("moderator_b", "POST", _b("/moderation/ideas/{w.idea_b}/merge"),
     {"version": "{w.idea_b_version}", "target_id": "{w.idea}", "note": "zusammengeführt"}),
    ("staff_b", "POST", _b("/moderation/reasons/{w.reason_template}/delete"), {}),
    ("staff_b", "POST", _b("/moderation/reasons"),
     {"template_id": "{w.reason_template}", "title": "Übernommen", "text": "Von Prozess B überschrieben."}),
    ("staff_b", "POST", _b("/{kind}/{w.idea}/report").replace("{kind}", "ideas"),
     {"reason": "Über Prozess B gemeldet."}),
    # the team
    ("staff_b", "POST", _b("/team/{w.moderator_role}/remove"), {}),
    # ideas and the API
    ("staff_b", "POST", _b("/ideas/new"), {"title": "Idee mit fremdem Sektor", "body": "Ein Sektor aus Prozess A.",
                                           "sector_id": "{w.sector_a}", "district_id": ""}),
    ("staff_b", "POST", _b("/ideas/{w.idea}/support"), {}),
    ("staff_b", "POST", _b("/ideas/{w.idea}/comments"), {"body": "Über Prozess B kommentiert."}),
    # the catalogue
    ("staff_b", "POST", _b("/measures/{w.measure_b_code}/links"),
     {"idea_ids": "{w.second_idea}", "link_kind": "inspired", "rationale": ""}),
    ("staff_b", "POST", _b("/measure-links"),
     {"measure_id": "{w.measure}", "idea_ids": "{w.idea_b}", "link_kind": "inspired", "rationale": ""}),
    ("staff_b", "POST", _b("/measures/{w.measure_b_code}/links/{w.link}/remove"), {}),
    # conferences
    ("moderator_b", "GET", _b("/conferences/{w.conference}"), None),
    ("moderator_b", "GET", _b("/conferences/{w.conference_b}/participants/{w.citizen}/qr.svg"), None),
    ("moderator_b", "GET", _b("/conferences/{w.conference_b}/tables/{w.table}/projector"), None),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/items"),
     {"item-table_id": "{w.table_b}", "item-kind": "idea", "item-idea_id": "{w.idea}", "item-label": ""}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/items"),
     {"item-table_id": "{w.table_b}", "item-kind": "measure", "item-measure_id": "{w.measure}", "item-label": ""}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/items"),
     {"item-table_id": "{w.table}", "item-kind": "option", "item-label": "An einem Tisch von A"}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/items/{w.item_2}/delete"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/tables"),
     {"table-topic": "Tisch mit fremder Moderation", "table-capacity": "8", "table-facilitator_id": "{w.facilitator}"}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/tables"),
     {"table-topic": "Tisch mit fremdem Sektor", "table-capacity": "8", "table-sector_id": "{w.sector_a}"}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/tables/{w.table}"),
     {"table-topic": "Übernommen von B", "table-capacity": "8"}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/tables/{w.table_2}/delete"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/participants/{w.citizen}/move"),
     {"move-table_id": "{w.table_b}"}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/participants/{w.citizen}/renew"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/participants/{w.citizen}/invite"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/participants/{w.citizen}/delete"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/rounds/{w.open_round}/close"), {}),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/rounds"),
     dict(_round, **{"round-table_id": "{w.table}"})),
    ("moderator_b", "POST", _b("/conferences/{w.conference_b}/announcements"),
     {"announce-text": "An einen Tisch von A", "announce-table_id": "{w.table}"}),
    # the lottery
    ("staff_b", "GET", _b("/lottery/invitations/{w.invitation}"), None),
    ("staff_b", "GET", _b("/lottery/files/{w.letter_file}"), None),
    ("staff_b", "GET", _b("/lottery/files/{w.letter_file}/status.json"), None),
    ("staff_b", "GET", _b("/lottery/panels/{w.panel}"), None),
    ("staff_b", "GET", _b("/lottery/panels/{w.panel}/panel.csv"), None),
    ("staff_b", "GET", _b("/lottery/panels/{w.panel}/panel.xlsx"), None),
    ("staff_b", "GET", _b("/lottery/selection/runs/{w.run}"), None),
    ("staff_b", "GET", _b("/lottery/selection/runs/{w.run}/status.json"), None),
    ("staff_b", "GET", _b("/lottery/register/upload/{w.upload_token}"), None),
    ("staff_b", "GET", _b("/lottery/transparency/runs/{w.run}.json"), None),
    ("staff_b", "POST", _b("/lottery/invitations/{w.invitation}/erase"), {}),
    ("staff_b", "POST", _b("/lottery/register/{w.extract}/delete"), {}),
    ("staff_b", "POST", _b("/lottery/panel-members/{w.member}/withdraw"), {}),
    ("staff_b", "POST", _b("/lottery/panels/{w.panel}/annul"), {"reason": "Von Prozess B aufgehoben."}),
    ("staff_b", "POST", _b("/lottery/selection/runs/{w.run}/cancel"), {}),
    ("staff_b", "POST", _b("/lottery/draws/new"), {
        "extract_id": "{w.extract}", "letters": "5", "reference_date": "2026-11-01", "min_age": "16",
        "strata": "district", "exclude_earlier": "y", "response_deadline": "2030-01-01"}),
    ("anonymous", "POST", _b("/respond"), {"code": "{w.invitation_code}"}),
]

# Socket.IO: the moderator of B's conference (by link) and the moderator of process B (signed in),
# naming A's tables and rounds while acting on their own conference.
FOREIGN_ID_SOCKET_PROBES = [
    ("link_b", "join_table", {"table_id": "{w.table}"}),
    ("link_b", "create_round", {"table_id": "{w.table}", "template": _template}),
    ("link_b", "open_rounds", {"table_ids": ["{w.table}"], "template": _template}),
    ("link_b", "close_rounds", {"table_ids": ["{w.table}"]}),
    ("link_b", "extend_rounds", {"table_ids": ["{w.table}"], "seconds": 60}),
    ("link_b", "announce", {"text": "An Tisch 1 von A", "table_id": "{w.table}"}),
    ("moderator_b", "join_table", {"conference_id": "{w.conference_b}", "table_id": "{w.table}"}),
    ("moderator_b", "create_round", {"conference_id": "{w.conference_b}", "table_id": "{w.table}",
                                     "template": _template}),
    ("moderator_b", "close_rounds", {"conference_id": "{w.conference_b}", "table_ids": ["{w.table}"]}),
    ("moderator_b", "extend_rounds", {"conference_id": "{w.conference_b}", "table_ids": ["{w.table}"],
                                      "seconds": 60}),
    ("moderator_b", "announce", {"conference_id": "{w.conference_b}", "text": "An A", "table_id": "{w.table}"}),
]


def fill(template, w):
    """A probe's strings with the world's ids put in ("{w.idea}" -> "12"; a lone id becomes a number)."""
    if isinstance(template, str):
        if template.startswith("{w.") and template.endswith("}") and template.count("{") == 1:
            value = getattr(w, template[3:-1])
            return value if isinstance(value, int) else str(value)
        return template.format(w=w)
    if isinstance(template, dict):
        return {key: fill(value, w) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, w) for value in template]
    return template
