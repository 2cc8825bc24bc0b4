"""Stage two of the lottery, as services: the pool of people who accepted, quotas, selection runs in
the background, the public draw of the panel number, replacements, exports and the hand-over to a
conference. The arithmetic is in the pure module `selection`; this module reads and writes the
database, checks rights and logs access (see `services.log_access`).
"""
import secrets
from collections import Counter
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..database import as_utc, unit_of_work, utcnow
from ..errors import InvalidState, NotFound, ValidationFailed
from ..extensions import db
from ..spreadsheet import table_bytes
from ..tasks import after_commit, app_task
from ..values import as_id, as_int
from . import selection
from .draw import LotteryError
from .models import (
    Draw,
    Invitation,
    InvitationStatus,
    MemberRole,
    MemberStatus,
    Panel,
    PanelMember,
    RegisterExtract,
    Response,
    RunStatus,
    SelectionRun,
)
from .services import STALE_JOB, get_settings, insert_once, log_access, require_staff
from .texts import german

TEXT_MAX = 2000  # how a panel was drawn, why it was annulled
MAX_PANEL = 500
DEFAULT_TOLERANCE = 0.15


# --- the pool ----------------------------------------------------------------------------------

def _pool_rows(process):
    return db.session.execute(
        sa.select(Invitation, Response).join(Draw, Invitation.draw_id == Draw.id)
        .join(Response, Response.invitation_id == Invitation.id)
        .where(Draw.process_id == process.id, Invitation.status == InvitationStatus.ACCEPTED,
               Response.accepted.is_(True), Response.consent_at.is_not(None))
        .order_by(Invitation.id)
    ).all()


def pool(process, categories=None):
    """Everyone who accepted with consent, as the selection reads them: {"id", "features", "household"}.

    People whose answers lack a feature of the current categories are left out (`incomplete_pool`).
    """
    categories = categories if categories is not None else get_settings(process).categories
    keys = [c["key"] for c in categories]
    people = []
    for invitation, response in _pool_rows(process):
        features = {key: (response.features or {}).get(key) for key in keys}
        if any(value is None for value in features.values()):
            continue
        people.append({"id": str(invitation.id), "features": features, "household": invitation.household})
    return people


def run_people(run):
    """The pool as it was frozen when the run started: later answers or changes do not move it."""
    return [dict(person) for person in (run.settings or {}).get("pool", [])]


def incomplete_pool(process, categories):
    keys = [c["key"] for c in categories]
    return sum(1 for _, response in _pool_rows(process)
               if any((response.features or {}).get(key) is None for key in keys))


# --- quotas --------------------------------------------------------------------------------------

def categories_with_quotas(process, panel_size, quotas=None, tolerance=DEFAULT_TOLERANCE):
    """The process's categories with min/max: those given (from the form) or proposed from the shares."""
    settings = get_settings(process)
    categories = [dict(c, values=[dict(v) for v in c["values"]]) for c in settings.categories]
    shares = {c["key"]: {v["value"]: v["share"] for v in c["values"] if v.get("share") not in (None, "")}
              for c in categories}
    proposal = {}
    for key, values in shares.items():
        if tolerance is not None and values and sum(values.values()) > 0:
            try:
                proposal.update(selection.propose_quotas({key: values}, panel_size, tolerance))
            except LotteryError as error:
                raise ValidationFailed(str(error)) from None
    for category in categories:
        for value in category["values"]:
            given = (quotas or {}).get(category["key"], {}).get(value["value"])
            proposed = proposal.get(category["key"], {}).get(value["value"])
            if given is not None:
                low, high = given
                value["min"], value["max"] = min(low, panel_size), min(high, panel_size)
            elif proposed is not None:
                value["min"], value["max"] = proposed["min"], proposed["max"]
            else:
                value["min"], value["max"] = 0, panel_size
            value["target"] = proposed["target"] if proposed else None
    return categories


def shares_from_register(actor, process):
    """Fill the shares of gender, district and age band from the newest extract that still has its rows."""
    require_staff(actor, process)
    extract = db.session.scalar(sa.select(RegisterExtract).where(
        RegisterExtract.process_id == process.id, RegisterExtract.purged_at.is_(None))
        .order_by(RegisterExtract.created_at.desc()))
    if extract is None:
        raise InvalidState(_l("No register extract with its rows is left to count the population from."))
    settings = get_settings(process)
    draw = db.session.scalar(sa.select(Draw).where(Draw.extract_id == extract.id).order_by(Draw.number.desc()))
    reference = date.fromisoformat(draw.parameters["reference_date"]) if draw else utcnow().date()
    min_age = draw.parameters["min_age"] if draw else 16
    max_age = draw.parameters["max_age"] if draw else None
    counts = {"gender": Counter(), "district": Counter()}
    ages = Counter()
    from .services import _people_of, without_gc

    with without_gc():  # only the eligible population counts, with ages as the draw computes them
        for person in _people_of(extract):
            birth = person["birth_date"]
            if birth is not None:
                age = reference.year - birth.year - ((reference.month, reference.day) < (birth.month, birth.day))
            elif person["birth_year"] is not None:
                age = reference.year - person["birth_year"]
            else:
                continue
            if age < min_age or (max_age is not None and age > max_age):
                continue
            counts["gender"][person["gender"]] += 1
            counts["district"][person["district"]] += 1
            ages[age] += 1
    categories = [dict(c, values=[dict(v) for v in c["values"]]) for c in settings.categories]
    total_people = sum(ages.values()) or 1
    for category in categories:
        if category["key"] in counts:
            found = counts[category["key"]]
        elif category["key"] == "age_band":
            found = {}
            for value in category["values"]:
                low, _, high = value["value"].replace("+", "-").partition("-")
                low = as_int(low, minimum=0, maximum=200)
                if low is None:
                    continue
                top = as_int(high, minimum=0, maximum=200, default=200)
                found[value["value"]] = sum(n for age, n in ages.items() if low <= age <= top)
        else:
            continue
        total = sum(found.get(v["value"], 0) for v in category["values"]) or total_people
        for value in category["values"]:
            value["share"] = round(100 * found.get(value["value"], 0) / total, 1)
    settings.categories = categories
    log_access(actor, process, "count_register", extract.filename, extract.row_count)
    db.session.flush()
    return settings


def check_quotas(actor, process, categories, panel_size):
    require_staff(actor, process)
    _check_panel_size(panel_size)
    try:
        return selection.check_feasibility(pool(process, categories), categories, panel_size)
    except LotteryError as error:
        raise ValidationFailed(str(error)) from None


def _check_panel_size(panel_size):
    if not isinstance(panel_size, int) or not 2 <= panel_size <= MAX_PANEL:
        raise ValidationFailed(_l("The panel must have 2 to 500 members."), field="panel_size")


# --- selection runs -----------------------------------------------------------------------------

def start_run(actor, process, categories, panel_size, reserve_size=0, seed=None):
    """Record a run and queue it; the page shows its progress and offers to cancel it."""
    require_staff(actor, process)
    _check_panel_size(panel_size)
    if not isinstance(reserve_size, int) or not 0 <= reserve_size <= MAX_PANEL:
        raise ValidationFailed(_l("The reserve list may have 0 to 500 people."), field="reserve_size")
    busy = db.session.scalar(sa.select(SelectionRun.id).where(
        SelectionRun.process_id == process.id, SelectionRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING])))
    if busy:
        raise InvalidState(_l("A selection is running already; wait for it or cancel it."))
    if current_panel(process) is not None:
        raise InvalidState(_l("A panel has been drawn already; annul it (with a reason) before selecting again."))
    people = pool(process, categories)
    if len(people) < panel_size:
        raise ValidationFailed(_l("Only %(n)d people are in the pool; the panel cannot have %(k)d members.",
                                  n=len(people), k=panel_size), field="panel_size")
    try:
        feasibility = selection.check_feasibility(people, categories, panel_size)
    except LotteryError as error:
        raise ValidationFailed(str(error)) from None
    if not feasibility.ok:
        raise ValidationFailed(_l("The quotas cannot be met with this pool."),
                               errors={"": [*feasibility.problems, *feasibility.proposals]})
    seed = seed or (secrets.randbelow(2**31 - 2) + 1)
    run = SelectionRun(process_id=process.id, panel_size=panel_size, reserve_size=reserve_size,
                       categories=categories, seed=seed, pool_size=len(people), created_by_id=actor.id,
                       settings={"algorithm": selection.ALGORITHM, "solver": selection.SOLVER,
                                 "one_per_household": True, "lottery_size": selection.LOTTERY_SIZE,
                                 "pool": people},
                       library_version=selection.library_version(),
                       progress_message=_("The selection is waiting for a free computing slot."))
    insert_once(run, _l("A selection is running already; wait for it or cancel it."))
    log_access(actor, process, "start_selection", _("Selection run %(n)s", n=run.id), len(people))
    after_commit(run_selection_task, run.id)
    return run


def _set_progress(run_id, fraction, message):
    with unit_of_work():
        db.session.execute(sa.update(SelectionRun).where(SelectionRun.id == run_id).values(
            progress=max(0, min(100, round(fraction * 100))), progress_message=str(message)[:300],
            heartbeat_at=utcnow()))


def _cancel_requested(run_id):
    with unit_of_work():
        return bool(db.session.scalar(sa.select(SelectionRun.cancel_requested).where(SelectionRun.id == run_id)))


def execute_run(run_id):
    """Compute the distribution and its 1,000-panel lottery; called by the task (outside a request)."""
    with unit_of_work():
        run = db.session.get(SelectionRun, run_id)
        if run is None or run.status != RunStatus.QUEUED:
            return
        if run.cancel_requested:
            run.status, run.finished_at = RunStatus.CANCELLED, utcnow()
            return
        run.status, run.started_at = RunStatus.RUNNING, utcnow()
        run.heartbeat_at = run.started_at
        categories, panel_size, seed = run.categories, run.panel_size, run.seed
        people = run_people(run)
    try:
        distribution = selection.find_distribution(
            people, categories, panel_size, seed=seed,
            progress=lambda fraction, message: _set_progress(run_id, fraction * 0.9, message),
            should_cancel=lambda: _cancel_requested(run_id),
        )
        _set_progress(run_id, 0.92, _("Rounding the distribution to %(count)s equally likely panels.",
                                        count=format_decimal(selection.LOTTERY_SIZE)))
        lottery = selection.uniform_lottery(distribution, seed=seed)
        protocol = selection.panel_lottery_protocol(people, categories, panel_size, lottery,
                                                    distribution=distribution)
    except selection.SelectionCancelled:
        _finish(run_id, RunStatus.CANCELLED, error=_("The selection was cancelled."))
        return
    except selection.QuotasInfeasible as error:
        _finish(run_id, RunStatus.FAILED, error=error.feasibility.text())
        return
    except LotteryError as error:
        _finish(run_id, RunStatus.FAILED, error=str(error))
        return
    except Exception as error:  # the run record must say it failed instead of running for ever
        current_app.logger.exception("Selection run %s failed", run_id)
        _finish(run_id, RunStatus.FAILED, error=_("Unexpected error: %(error)s", error=error))
        return
    with unit_of_work():
        run = db.session.get(SelectionRun, run_id)
        if run.is_finished:  # cancelled as stalled meanwhile
            return
        run.probabilities = {pid: p for pid, p in distribution.person_probabilities.items()}
        run.min_probability = distribution.min_probability
        run.report = distribution.library_report  # the library's own words, for the technical details
        run.settings = dict(run.settings or {}, report=distribution.facts)  # what the summary says in ours
        run.library_version = distribution.library_version
        run.protocol = protocol
        run.lottery_hash = protocol["lottery_hash"]
        run.status, run.progress, run.finished_at = RunStatus.DONE, 100, utcnow()
        run.progress_message = _("Done: the lottery list of %(count)s panels is made.",
                                 count=format_decimal(selection.LOTTERY_SIZE))


def _finish(run_id, status, error=""):
    with unit_of_work():
        run = db.session.get(SelectionRun, run_id)
        if run.is_finished:  # cancelled as stalled meanwhile
            return
        run.status, run.error, run.finished_at = status, error, utcnow()


@app_task(retries=0)
def run_selection_task(run_id):
    execute_run(run_id)


def cancel_run(actor, run):
    require_staff(actor, run.process)
    if run.is_finished:
        raise InvalidState(_l("This selection has finished already."))
    run.cancel_requested = True
    if run.status == RunStatus.QUEUED:
        run.status, run.finished_at = RunStatus.CANCELLED, utcnow()
        run.error = _("The selection was cancelled before it began.")
    elif as_utc(run.heartbeat_at or run.started_at or run.created_at) < utcnow() - STALE_JOB:
        run.status, run.finished_at = RunStatus.CANCELLED, utcnow()  # its worker died: nothing will answer
        run.error = _("The selection was cancelled: the computing process has not answered for 30 minutes.")
    db.session.flush()
    return run


# Runs stored before the summary was rendered: our German summary, this line, then the library's report.
_OLD_REPORT_MARKER = "\n\n" + german("Report of the selection library:") + "\n"


def run_report(run):
    """A finished run's report: (lines in our words, in the current locale; the library's own report).

    Runs store the facts of the distribution (`settings["report"]`) and the library's report; runs from
    before keep a German summary in front of the library's report, which is cut off here."""
    raw = run.report or ""
    if _OLD_REPORT_MARKER in raw:
        raw = raw.split(_OLD_REPORT_MARKER, 1)[1]
    facts = (run.settings or {}).get("report")
    if facts is None:
        if run.min_probability is None or not run.pool_size:
            return [], raw
        probabilities = list((run.probabilities or {}).values())
        facts = {"library_version": run.library_version, "seed": run.seed, "pool_size": run.pool_size,
                 "panel_size": run.panel_size, "one_per_household": (run.settings or {}).get("one_per_household", True),
                 "min_probability": run.min_probability,
                 "max_probability": max(probabilities) if probabilities else run.min_probability,
                 "zero_count": sum(1 for p in probabilities if p < 1e-9)}
    return selection.summary_lines(facts), raw


def runs_of(process):
    return db.session.scalars(sa.select(SelectionRun).where(SelectionRun.process_id == process.id)
                              .order_by(SelectionRun.created_at.desc())).all()


def public_runs(process):
    return [run for run in runs_of(process) if run.status == RunStatus.DONE]


def get_run(process, run_id):
    run = db.session.get(SelectionRun, as_id(run_id) or 0)
    if run is None or run.process_id != process.id:
        raise NotFound(_l("This selection run does not exist."))
    return run


def public_protocol(run):
    """The panel lottery as published: pseudonymous pool (invitation numbers and features), 1,000 panels."""
    if run.status != RunStatus.DONE or run.protocol is None:
        raise InvalidState(_l("This selection has not finished."))
    protocol = dict(run.protocol)
    protocol["process"] = run.process.title
    protocol["run"] = run.id
    return protocol


# --- the panel ------------------------------------------------------------------------------------

def panel_of(run):
    return db.session.scalar(sa.select(Panel).where(Panel.run_id == run.id))


def current_panel(process):
    """The panel of the process that stands (not annulled), or None."""
    return db.session.scalar(sa.select(Panel).where(Panel.process_id == process.id, Panel.annulled_at.is_(None))
                             .order_by(Panel.created_at.desc()))


def annul_panel(actor, panel, reason):
    """Annul a drawn panel (e.g. when the selection has to be repeated); the reason is kept and logged."""
    require_staff(actor, panel.run.process)
    if panel.annulled_at is not None:
        raise InvalidState(_l("This panel has been annulled already."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationFailed(_l("Please give the reason for annulling the panel (at least 10 characters)."),
                               field="reason")
    if len(reason) > TEXT_MAX:
        raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=TEXT_MAX), field="reason")
    panel.annulled_at, panel.annulled_reason, panel.annulled_by_id = utcnow(), reason, actor.id
    log_access(actor, panel.run.process, "annul_panel",
               _("Panel %(number)s: %(reason)s", number=f"{panel.number:03d}", reason=reason[:200]), 0)
    db.session.flush()
    return panel


def get_panel(process, panel_id):
    panel = db.session.get(Panel, as_id(panel_id) or 0)
    if panel is None or panel.process_id != process.id:
        raise NotFound(_l("This panel does not exist."))
    return panel


def draw_panel(actor, run, number_text, draw_source):
    """Take the panel with the publicly drawn number from the run's lottery, and make its reserve list."""
    require_staff(actor, run.process)
    if run.status != RunStatus.DONE:
        raise InvalidState(_l("The selection has not finished."))
    if panel_of(run) is not None:
        raise InvalidState(_l("The panel of this run has been drawn already."))
    if current_panel(run.process) is not None:
        raise InvalidState(_l("A panel has been drawn already; annul it (with a reason) before selecting again."))
    source = (draw_source or "").strip()
    if len(source) < 10:
        raise ValidationFailed(_l("Say how the number was drawn, e.g. “three ten-sided dice in the public session "
                                  "on 12 March”."), field="draw_source")
    if len(source) > TEXT_MAX:  # refused, not cut: the public protocol and the panel say the same
        raise ValidationFailed(_l("The text may have at most %(max)d characters.", max=TEXT_MAX), field="draw_source")
    try:
        protocol = selection.record_draw(run.protocol, number_text, source)
    except LotteryError as error:
        raise ValidationFailed(str(error), field="number") from None
    panel = insert_once(Panel(process_id=run.process_id, run_id=run.id, number=protocol["drawn_number"],
                              draw_source=source, drawn_by_id=actor.id),
                        _l("The panel of this run has been drawn already."))
    run.protocol = protocol
    members = protocol["panel"]
    for position, pid in enumerate(members, start=1):
        panel.members.append(PanelMember(invitation_id=int(pid), role=MemberRole.MEMBER, position=position))
    people = run_people(run)
    if run.reserve_size:
        try:
            reserves = selection.reserve_list(people, run.categories, members, run.reserve_size, run.seed)
        except LotteryError as error:
            raise ValidationFailed(str(error)) from None
        for position, pid in enumerate(reserves, start=len(members) + 1):
            panel.members.append(PanelMember(invitation_id=int(pid), role=MemberRole.RESERVE, position=position))
    db.session.flush()
    return panel


def active_members(panel):
    return [m for m in panel.members if m.role == MemberRole.MEMBER and m.status == MemberStatus.ACTIVE]


def reserves(panel):
    return [m for m in panel.members if m.role == MemberRole.RESERVE and m.status == MemberStatus.ACTIVE]


def withdraw(actor, member):
    """A member withdraws; the first reserve (else anyone in the pool) who keeps every quota moves up."""
    panel = member.panel
    run = panel.run
    require_staff(actor, run.process)
    if member.role != MemberRole.MEMBER or member.status != MemberStatus.ACTIVE:
        raise InvalidState(_l("Only an active member of the panel can withdraw."))
    if panel.annulled_at is not None:
        raise InvalidState(_l("This panel has been annulled."))
    people = run_people(run)
    withdrawn_answers = {str(i) for i in db.session.scalars(sa.select(Invitation.id).where(
        Invitation.id.in_([int(p["id"]) for p in people]), Invitation.status != InvitationStatus.ACCEPTED))}
    panel_ids = [str(m.invitation_id) for m in active_members(panel)]
    gone = [str(m.invitation_id) for m in panel.members if m.status != MemberStatus.ACTIVE]
    reserve_ids = [str(m.invitation_id) for m in reserves(panel)]
    withdrawn_id = str(member.invitation_id)
    replacement = None
    for candidates in (reserve_ids, None):
        try:
            replacement = selection.choose_replacement(
                people, run.categories, panel_ids, withdrawn_id, seed=run.seed, candidates=candidates,
                exclude=[*gone, *withdrawn_answers])
            break
        except selection.ReplacementImpossible:
            continue
    member.status, member.withdrawn_at = MemberStatus.WITHDRAWN, utcnow()
    new_member = None
    if replacement is not None:
        new_member = next((r for r in reserves(panel) if str(r.invitation_id) == replacement), None)
        if new_member is not None:  # the reserve moves up: the same row becomes a member
            new_member.role, new_member.replaces_id = MemberRole.MEMBER, member.id
        else:
            new_member = PanelMember(invitation_id=int(replacement), role=MemberRole.MEMBER, replaces_id=member.id,
                                     position=max(m.position for m in panel.members) + 1)
            panel.members.append(new_member)
    log_access(actor, run.process, "replace_member", _panel_subject(panel), 1)
    db.session.flush()
    return new_member


def get_member(actor, process, member_id):
    require_staff(actor, process)
    member = db.session.get(PanelMember, as_id(member_id) or 0)
    if member is None or member.panel.process_id != process.id:
        raise NotFound(_l("This panel member does not exist."))
    return member


def member_rows(actor, panel):
    """Members and reserves with their answers, for staff (logged)."""
    require_staff(actor, panel.run.process)
    rows = [(m, m.invitation, m.invitation.response) for m in panel.members]
    log_access(actor, panel.run.process, "view_panel", _panel_subject(panel), len(rows))
    return rows


def panel_csv(actor, panel, fmt="csv"):
    """Members and reserves with their answers as CSV or, with fmt="xlsx", as XLSX (logged)."""
    require_staff(actor, panel.run.process)
    categories = panel.run.categories
    header = [_("No."), _("Role"), _("Status"), _("First name"), _("Family name"), _("E-mail"), _("Phone"),
              *[c["label"] for c in categories], _("Availability"), _("Accessibility"), _("Response code")]
    rows = []
    from .models import label

    for member in panel.members:
        response = member.invitation.response
        features = response.features if response else {}
        rows.append([member.position, str(label(member.role)), str(label(member.status)),
                     response.given_name if response else "", response.family_name if response else "",
                     response.email if response else "", response.phone if response else "",
                     *[_value_label(c, features.get(c["key"])) for c in categories],
                     response.availability if response else "", response.accessibility_needs if response else "",
                     member.invitation.code])
    log_access(actor, panel.run.process, "export_panel", _panel_subject(panel), len(rows))
    return table_bytes(fmt, header, rows, sheet=_panel_subject(panel))


def _panel_subject(panel):
    return _("Panel %(number)s", number=f"{panel.number:03d}")


def _value_label(category, value):
    for v in category["values"]:
        if v["value"] == value:
            return v["label"]
    return value or ""


def chart(run, panel=None):
    """Per category and value: the quota, how many are in the pool, on the panel, and the expected number."""
    people = run_people(run)
    pool_counts = {c["key"]: Counter(p["features"][c["key"]] for p in people) for c in run.categories}
    on_panel = {str(m.invitation_id) for m in active_members(panel)} if panel else set()
    panel_people = [p for p in people if p["id"] in on_panel]
    panel_counts = {c["key"]: Counter(p["features"][c["key"]] for p in panel_people) for c in run.categories}
    expected = {c["key"]: Counter() for c in run.categories}
    for person in people:
        probability = (run.probabilities or {}).get(person["id"], 0)
        for c in run.categories:
            expected[c["key"]][person["features"][c["key"]]] += probability
    result = []
    for category in run.categories:
        values = []
        for value in category["values"]:
            key, v = category["key"], value["value"]
            values.append({"value": v, "label": value["label"], "min": value.get("min"), "max": value.get("max"),
                           "target": value.get("target"), "pool": pool_counts[key][v],
                           "panel": panel_counts[key][v] if panel else None,
                           "expected": round(expected[key][v], 1)})
        result.append({"key": category["key"], "label": category["label"], "values": values})
    return result


def hand_over(actor, panel, conference):
    """Every active member not yet handed over becomes a citizen participant of the conference.

    Returns the participants added (none when everyone is there already)."""
    from ..conference import services as conference_services
    from ..conference.models import Participant

    require_staff(actor, panel.run.process)
    if conference.process_id != panel.process_id:
        raise ValidationFailed(_l("The conference belongs to another process."))
    there = set(db.session.scalars(sa.select(Participant.panel_member_id).where(
        Participant.conference_id == conference.id, Participant.panel_member_id.is_not(None))))
    rows = []
    for member in active_members(panel):
        response = member.invitation.response
        if response is None or member.id in there:
            continue
        rows.append({"display_name": f"{response.given_name} {response.family_name}".strip(),
                     "email": response.email or None, "kind": "citizen", "panel_member_id": member.id})
    added = conference_services.add_participants(actor, conference, rows) if rows else []
    log_access(actor, panel.run.process, "hand_over_panel",
               _("%(panel)s → %(conference)s", panel=_panel_subject(panel), conference=conference.title), len(rows))
    return added
