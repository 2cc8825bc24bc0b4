"""Conference services: steering rights, tables, every vote method's rules, one ballot per person and
round, timers, tallies and snapshots, participants (CSV, invitations), assignment, rotation, ideas from
the tables, results and sending them to the catalogue."""
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.conference import services as conf
from participation.conference.models import (
    Ballot,
    ConferenceResult,
    ParticipantKind,
    ResultsVisibility,
    RoundState,
    VoteMethod,
)
from participation.database import unit_of_work, utcnow
from participation.errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from participation.ideas.models import IdeaStatus


@pytest.fixture
def setup(db, make_user, make_process):
    """A process, its moderator, a conference with two tables of three options each, people at them."""
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(
            title="Klimakonferenz", starts_at=utcnow() + timedelta(days=1), event_code="KLIMA24",
            walk_ins_allowed=True))
        tables = [conf.save_table(moderator, conference, topic=topic, capacity=4)
                  for topic in ("Mobilität", "Wärme")]
        for table in tables:
            for text in ("Option A", "Option B", "Option C"):
                conf.add_item(moderator, conference, table.id, kind="option", label=f"{table.topic} {text}")
        for text in ("Plenum A", "Plenum B"):
            conf.add_item(moderator, conference, None, kind="option", label=text)
        people = conf.add_participants(moderator, conference, [
            {"display_name": f"Person {i}", "email": None, "kind": "citizen" if i % 2 else "expert",
             "panel_member_id": None} for i in range(6)])
        for i, person in enumerate(people):
            person.table_id = tables[i % 2].id
        facilitator = conf.add_participant(moderator, conference, "Frau Tisch", kind="facilitator", invite=False)
        conf.save_table(moderator, conference, topic="Mobilität", capacity=4, facilitator_id=facilitator.id,
                        table_id=tables[0].id)
        lead = conf.add_participant(moderator, conference, "Herr Leitung", kind="moderator", invite=False)
    return {"process": process, "moderator": moderator, "conference": conference, "tables": tables,
            "people": people, "facilitator": facilitator, "lead": lead}


def items(setup, table_index):
    return [i.id for i in conf.items_for(setup["conference"].id, setup["tables"][table_index].id)]


def open_table_round(setup, method, settings=None, table_index=0, visibility="live", duration=None):
    with unit_of_work():
        voting_round = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][table_index].id,
                                         title="Runde", method=method, settings=settings,
                                         results_visibility=visibility)
        conf.open_round(setup["moderator"], voting_round.id, duration_seconds=duration)
    return voting_round


def vote(person, voting_round, payload, now=None):
    with unit_of_work():
        return conf.cast_vote(person, voting_round.id, payload, now=now)


# --- who may steer -----------------------------------------------------------------------

def test_steering_rights(setup, make_user):
    conference, tables = setup["conference"], setup["tables"]
    assert conf.can_steer(setup["moderator"], conference)
    assert conf.can_steer(setup["lead"], conference) and conf.can_steer(setup["lead"], conference, tables[1])
    assert conf.can_steer(setup["facilitator"], conference, tables[0])
    assert not conf.can_steer(setup["facilitator"], conference, tables[1])
    assert not conf.can_steer(setup["facilitator"], conference)
    assert not conf.can_steer(setup["people"][0], conference, tables[0])
    assert not conf.can_steer(make_user(), conference)
    assert not conf.can_steer(None, conference)
    with pytest.raises(NotAllowed):
        conf.create_round(setup["people"][0], conference, tables[0].id, title="x", method="single")
    with pytest.raises(NotAllowed):
        conf.announce(setup["facilitator"], conference, "Alle bitte ins Plenum")


def test_forged_or_unknown_tokens_are_not_found(setup):
    assert conf.participant_for_token(setup["people"][0].token).id == setup["people"][0].id
    for token in ("x" * 22, "", None, 12, "a" * 500, setup["people"][0].token[:-1] + "?"):
        with pytest.raises(NotFound):
            conf.participant_for_token(token)


# --- tables ------------------------------------------------------------------------------

def test_join_table_respects_capacity_and_seats(setup, db):
    tables = setup["tables"]
    with unit_of_work():
        walk_ins = [conf.join_with_code("klima24", f"Gast {i}") for i in range(3)]
    with unit_of_work():
        assert conf.join_table(walk_ins[0], tables[0].id).id == tables[0].id
    with pytest.raises(InvalidState):  # four seats: three people and the walk-in
        with unit_of_work():
            conf.join_table(walk_ins[1], tables[0].id)
    with pytest.raises(NotAllowed):  # seated elsewhere already
        conf.join_table(walk_ins[0], tables[1].id)
    with pytest.raises(NotFound):
        conf.join_table(walk_ins[1], 10**9)
    assert conf.join_table(setup["lead"], tables[1].id).id == tables[1].id  # may steer: may look
    assert setup["lead"].table_id is None
    with pytest.raises(NotAllowed):
        conf.snapshot(walk_ins[0], tables[1].id)


def test_walk_ins_only_where_allowed(setup):
    with pytest.raises(NotFound):
        conf.join_with_code("NOPE1234", "Gast")
    setup["conference"].walk_ins_allowed = False
    with pytest.raises(NotFound):
        conf.join_with_code("KLIMA24", "Gast")


# --- vote methods ------------------------------------------------------------------------

def test_dots_limits(setup):
    voting_round = open_table_round(setup, "dots", {"dots": 5, "max_per_item": 2})
    a, b, c = items(setup, 0)
    person = setup["people"][0]
    for payload in ({"dots": {str(a): 3}}, {"dots": {str(a): 2, str(b): 2, str(c): 2}}, {"dots": {}},
                    {"dots": {str(a): -1}}, {"dots": {str(a): 1.5}}, {"dots": {"999999": 1}}, {"dots": [a]},
                    {"dots": {str(a): True}}, "dots", None):
        with pytest.raises(ValidationFailed):
            vote(person, voting_round, payload)
    outcome = vote(person, voting_round, {"dots": {str(a): 2, b: 2, str(c): 1}})
    assert not outcome.duplicate
    assert outcome.ballot.payload == {"dots": {str(a): 2, str(b): 2, str(c): 1}}
    counted = conf.tally(voting_round)
    assert [i["dots"] for i in counted["items"]] == [2, 2, 1] and counted["ballots"] == 1


def test_dots_settings_are_checked(setup):
    with pytest.raises(ValidationFailed):
        conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="x", method="dots",
                          settings={"dots": 3, "max_per_item": 4})
    with pytest.raises(ValidationFailed):
        conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="x", method="dots",
                          settings={"dots": 0})
    with pytest.raises(ValidationFailed):
        conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="x",
                          method="telepathy")


def test_approval(setup):
    voting_round = open_table_round(setup, "approval")
    a, b, c = items(setup, 0)
    for payload in ({"items": []}, {"items": [a, a]}, {"items": [a, 10**9]}, {"items": "a"}, {"item": a}):
        with pytest.raises(ValidationFailed):
            vote(setup["people"][0], voting_round, payload)
    vote(setup["people"][0], voting_round, {"items": [c, a]})
    vote(setup["people"][2], voting_round, {"items": [a]})
    assert [i["approvals"] for i in conf.tally(voting_round)["items"]] == [2, 0, 1]


def test_single_choice(setup):
    voting_round = open_table_round(setup, "single")
    a, b, c = items(setup, 0)
    other_table = items(setup, 1)[0]
    for payload in ({"item": None}, {"item": [a]}, {"item": other_table}, {"item": a, "extra": b}, {}):
        with pytest.raises(ValidationFailed):
            vote(setup["people"][0], voting_round, payload)
    vote(setup["people"][0], voting_round, {"item": b})
    vote(setup["people"][2], voting_round, {"item": str(b)})
    assert [i["votes"] for i in conf.tally(voting_round)["items"]] == [0, 2, 0]


def test_ranking_top_three_distinct(setup):
    voting_round = open_table_round(setup, "ranking")
    a, b, c = items(setup, 0)
    for payload in ({"ranking": [a, b]}, {"ranking": [a, a, b]}, {"ranking": [a, b, c, a]}, {"ranking": {}},
                    {"ranking": [a, b, 10**9]}):
        with pytest.raises(ValidationFailed):
            vote(setup["people"][0], voting_round, payload)
    vote(setup["people"][0], voting_round, {"ranking": [c, a, b]})
    vote(setup["people"][2], voting_round, {"ranking": [c, b, a]})
    counted = {i["id"]: i for i in conf.tally(voting_round)["items"]}
    assert counted[c]["points"] == 6 and counted[c]["firsts"] == 2
    assert counted[a]["points"] == 3 and counted[b]["points"] == 3


def test_agreement_scale_per_draft_measure(setup):
    voting_round = open_table_round(setup, "agreement")
    a, b, c = items(setup, 0)
    for payload in ({"ratings": {str(a): 0}}, {"ratings": {str(a): 6}}, {"ratings": {}}, {"ratings": {str(a): "x"}},
                    {"ratings": {"999999": 3}}, {"ratings": [3]}):
        with pytest.raises(ValidationFailed):
            vote(setup["people"][0], voting_round, payload)
    vote(setup["people"][0], voting_round, {"ratings": {str(a): 5, str(b): 2}})
    vote(setup["people"][2], voting_round, {"ratings": {str(a): 4}})
    counted = {i["id"]: i for i in conf.tally(voting_round)["items"]}
    assert counted[a]["histogram"] == [0, 0, 0, 1, 1] and counted[a]["mean"] == 4.5
    assert counted[b]["count"] == 1 and counted[c]["mean"] is None


# --- integrity -----------------------------------------------------------------------------

def test_duplicate_is_answered_and_counted_once(setup, db):
    voting_round = open_table_round(setup, "single")
    a, b, _ = items(setup, 0)
    first = vote(setup["people"][0], voting_round, {"item": a})
    again = vote(setup["people"][0], voting_round, {"item": b})
    assert again.duplicate and again.ballot.id == first.ballot.id and again.ballot.payload == {"item": a}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 1
    assert conf.tally(voting_round)["ballots"] == 1


def test_version_rises_with_state_changes_and_ballots(setup):
    voting_round = open_table_round(setup, "single")
    opened = voting_round.version
    vote(setup["people"][0], voting_round, {"item": items(setup, 0)[0]})
    assert conf.get_round(voting_round.id).version == opened + 1
    vote(setup["people"][0], voting_round, {"item": items(setup, 0)[0]})  # duplicate: no change
    assert conf.get_round(voting_round.id).version == opened + 1
    with unit_of_work():
        conf.close_round(setup["moderator"], voting_round.id)
    assert conf.get_round(voting_round.id).version == opened + 2
    with unit_of_work():
        later = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="2",
                                  method="single")
    assert later.version > opened + 2  # versions rise per table across rounds


def test_no_votes_outside_an_open_round(setup):
    with unit_of_work():
        draft = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="x",
                                  method="single")
    a = items(setup, 0)[0]
    with pytest.raises(InvalidState):
        vote(setup["people"][0], draft, {"item": a})
    with unit_of_work():
        conf.open_round(setup["moderator"], draft.id)
        conf.close_round(setup["moderator"], draft.id)
    with pytest.raises(InvalidState):
        vote(setup["people"][0], draft, {"item": a})
    with pytest.raises(InvalidState):
        with unit_of_work():
            conf.open_round(setup["moderator"], draft.id)


def test_only_the_tables_members_vote(setup):
    voting_round = open_table_round(setup, "single")
    a = items(setup, 0)[0]
    with pytest.raises(NotAllowed):  # seated at the other table
        vote(setup["people"][1], voting_round, {"item": a})
    with pytest.raises(NotAllowed):  # facilitators steer, they do not vote
        vote(setup["facilitator"], voting_round, {"item": a})
    with pytest.raises(NotAllowed):
        conf.cast_vote(setup["moderator"], voting_round.id, {"item": a})
    with pytest.raises(NotFound):
        vote(setup["people"][0], type("R", (), {"id": 10**9})(), {"item": a})


def test_timer_closes_at_the_absolute_end(setup):
    voting_round = open_table_round(setup, "single", duration=60)
    ends = voting_round.ends_at
    a = items(setup, 0)[0]
    with pytest.raises(InvalidState):  # past the end time, before the timer task ran
        vote(setup["people"][0], voting_round, {"item": a}, now=ends + timedelta(seconds=1))
    with unit_of_work():
        assert conf.close_due_rounds(now=ends - timedelta(seconds=1)) == []
    with unit_of_work():
        conf.extend_round(setup["moderator"], voting_round.id, 30, now=ends - timedelta(seconds=5))
    assert conf.get_round(voting_round.id).ends_at == ends + timedelta(seconds=30)
    with unit_of_work():
        closed = conf.close_due_rounds(now=ends + timedelta(seconds=31))
    assert [r.id for r in closed] == [voting_round.id]
    with unit_of_work():
        assert conf.close_due_rounds(now=ends + timedelta(seconds=40)) == []  # idempotent
    assert conf.get_round(voting_round.id).state == RoundState.CLOSED
    with pytest.raises(InvalidState):
        with unit_of_work():
            conf.extend_round(setup["moderator"], voting_round.id, 30)


def test_one_open_round_per_table_and_open_rounds_for_all(setup):
    template = {"title": "Alle", "method": "approval", "duration_seconds": 300}
    with unit_of_work():
        opened = conf.open_rounds(setup["moderator"], setup["conference"], template)
    assert len(opened) == 2 and all(r.state == RoundState.OPEN and r.ends_at for r in opened)
    with unit_of_work():
        assert conf.open_rounds(setup["moderator"], setup["conference"], template) == []
    with unit_of_work():
        extra = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="x",
                                  method="single")
    with pytest.raises(InvalidState):
        conf.open_round(setup["moderator"], extra.id)
    console = conf.console_state(setup["moderator"], setup["conference"])
    assert [t["round"]["id"] for t in console["tables"]] == [r.id for r in opened]  # the open one, not the draft
    assert conf.snapshot(setup["people"][0], setup["tables"][0].id)["round"]["id"] == opened[0].id
    with pytest.raises(NotAllowed):  # a facilitator cannot open rounds at every table
        conf.open_rounds(setup["facilitator"], setup["conference"], template)
    with unit_of_work():
        closed = conf.close_rounds(setup["moderator"], setup["conference"])
    assert len(closed) == 2


def test_concurrent_duplicates_count_once(setup, app, db):
    """Two requests with the same ballot at the same moment: one is counted, the other is a duplicate."""
    voting_round = open_table_round(setup, "single")
    a = items(setup, 0)[0]
    token, round_id = setup["people"][0].token, voting_round.id
    outcomes, errors = [], []
    barrier = threading.Barrier(4)

    def send():
        with app.app_context():
            try:
                barrier.wait()
                with unit_of_work():
                    outcome = conf.cast_vote(conf.participant_for_token(token), round_id, {"item": a})
                    outcomes.append(outcome.duplicate)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert sorted(outcomes) == [False, True, True, True]
    assert conf.tally(conf.get_round(round_id))["ballots"] == 1


# --- snapshots and visibility ---------------------------------------------------------------

def test_snapshot_of_a_participant(setup):
    voting_round = open_table_round(setup, "single", visibility="after_close", duration=120)
    person = setup["people"][0]
    a = items(setup, 0)[0]
    vote(person, voting_round, {"item": a})
    shot = conf.snapshot(person, setup["tables"][0].id)
    assert shot["round"]["id"] == voting_round.id and shot["round"]["state"] == "open"
    assert shot["round"]["ends_at"].endswith("Z") and shot["server_time"].endswith("Z")
    assert shot["own_ballot"] == {"item": a} and shot["tally"] is None  # hidden until closing
    assert shot["version"] == conf.get_round(voting_round.id).version
    assert [i["id"] for i in shot["items"]] == items(setup, 0)
    steering = conf.snapshot(setup["facilitator"], setup["tables"][0].id)
    assert steering["tally"]["ballots"] == 1  # who steers sees the tally
    with unit_of_work():
        conf.close_round(setup["moderator"], voting_round.id)
    assert conf.snapshot(person, setup["tables"][0].id)["tally"]["items"][0]["votes"] == 1
    import json

    json.dumps(shot)
    plenary = conf.snapshot(person, None)
    assert plenary["table"] is None and len(plenary["items"]) == 2
    with pytest.raises(NotAllowed):
        conf.snapshot(setup["people"][1], setup["tables"][0].id)


def test_plenary_round_for_everyone(setup):
    with unit_of_work():
        voting_round = conf.create_round(setup["moderator"], setup["conference"], None, title="Plenum",
                                         method="approval", results_visibility=ResultsVisibility.LIVE)
        conf.open_round(setup["lead"], voting_round.id)
    plenary_items = [i.id for i in conf.items_for(setup["conference"].id, None)]
    for person in setup["people"]:
        vote(person, voting_round, {"items": plenary_items[:1]})
    assert conf.tally(voting_round)["ballots"] == 6
    with unit_of_work():
        walk_in = conf.join_with_code("KLIMA24", "Gast im Plenum")
    with pytest.raises(ValidationFailed):  # a table's item is no plenary item
        vote(walk_in, voting_round, {"items": [items(setup, 0)[0]]})
    assert not vote(walk_in, voting_round, {"items": plenary_items}).duplicate  # no table needed


def test_announcements_and_console(setup):
    with unit_of_work():
        conf.announce(setup["lead"], setup["conference"], "Pause bis 11 Uhr")
        conf.announce(setup["facilitator"], setup["conference"], "Nur Tisch 1", table_id=setup["tables"][0].id)
    with pytest.raises(ValidationFailed):
        conf.announce(setup["lead"], setup["conference"], " ")
    with pytest.raises(ValidationFailed):
        conf.announce(setup["lead"], setup["conference"], "x" * 501)
    texts = [a["text"] for a in conf.snapshot(setup["people"][0], setup["tables"][0].id)["announcements"]]
    assert texts == ["Nur Tisch 1", "Pause bis 11 Uhr"]
    assert [a["text"] for a in conf.snapshot(setup["people"][1], setup["tables"][1].id)["announcements"]] == [
        "Pause bis 11 Uhr"]
    with unit_of_work():
        conf.mark_seen(setup["people"][0])
    state = conf.console_state(setup["moderator"], setup["conference"])
    assert len(state["tables"]) == 2 and state["online"] == 1 and state["plenary"] is not None
    first = state["tables"][0]
    assert first["online"] == 1 and any(p["online"] for p in first["participants"])
    with unit_of_work():
        conf.mark_seen(setup["people"][0], online=False)
    assert conf.console_state(setup["moderator"], setup["conference"])["online"] == 0
    facilitator_view = conf.console_state(setup["facilitator"], setup["conference"])
    assert [t["table"]["id"] for t in facilitator_view["tables"]] == [setup["tables"][0].id]
    assert facilitator_view["plenary"] is None
    with pytest.raises(NotAllowed):
        conf.console_state(setup["people"][0], setup["conference"])


# --- participants ------------------------------------------------------------------------------

def test_csv_import_all_or_nothing_with_problems_by_line(setup, db):
    conference = setup["conference"]
    before = len(conf.participants_of(conference))
    bad = ("Name;E-Mail;Art\nAnna Alt;anna@example.org;Expertin\nB;keine-adresse;citizen\n"
           "Carla C;carla@example.org;astronaut\nDora D;anna@example.org;expert\nEva E;;Bürgerin\nzu;viele;f;x\n")
    with pytest.raises(ValidationFailed) as caught:
        conf.import_participants_csv(setup["moderator"], conference, bad.encode())
    problems = caught.value.errors
    assert set(problems) == {"3", "4", "5", "7"}
    assert len(problems["3"]) == 2  # name too short and no address
    assert len(conf.participants_of(conference)) == before
    good = "\ufeffName;E-Mail;Art\nAnna Alt;Anna@Example.org;Expertin\nEva Ebert;;Bürgerin\n".encode()
    with unit_of_work():
        added = conf.import_participants_csv(setup["moderator"], conference, good, invite=False)
    assert [(p.display_name, p.email, p.kind) for p in added] == [
        ("Anna Alt", "anna@example.org", ParticipantKind.EXPERT), ("Eva Ebert", None, ParticipantKind.CITIZEN)]
    with pytest.raises(ValidationFailed):  # the address is taken now
        conf.import_participants_csv(setup["moderator"], conference, b"Anna Neu;anna@example.org;expert")
    with pytest.raises(NotAllowed):
        conf.import_participants_csv(setup["people"][0], conference, good)


def test_panel_hand_over_through_add_participants(setup):
    with unit_of_work():
        added = conf.add_participants(setup["moderator"], setup["conference"], [
            {"display_name": "Losperson Eins", "email": None, "kind": "citizen", "panel_member_id": None},
            {"display_name": "Losperson Zwei", "email": "zwei@example.org", "kind": ParticipantKind.CITIZEN,
             "panel_member_id": None}])
    # (a real panel's hand-over, with its members' ids: tests/lottery/test_panels.py)
    assert [p.panel_member_id for p in added] == [None, None] and all(p.token for p in added)
    with pytest.raises(ValidationFailed) as caught:
        conf.add_participants(setup["moderator"], setup["conference"], [
            {"display_name": "Gut", "email": None, "kind": "citizen", "panel_member_id": None},
            {"display_name": "Schlecht", "email": None, "kind": "citizen", "panel_member_id": "x"}])
    assert list(caught.value.errors) == ["2"]


def test_experts_are_invited_by_mail(setup, mailbox):
    with unit_of_work():
        expert = conf.add_participant(setup["moderator"], setup["conference"], "Dr. Wärme",
                                      "waerme@example.org", kind="expert")
    message = mailbox.last_to("waerme@example.org")
    assert mailbox.path_of_link(message, "/k/") == f"/k/{expert.token}"
    assert expert.invited_at is not None
    with unit_of_work():
        conf.renew_token(setup["moderator"], expert)
    with pytest.raises(NotFound):
        conf.participant_for_token(mailbox.path_of_link(message, "/k/").rsplit("/", 1)[1])


# --- assignment and rotation ------------------------------------------------------------------------

def test_assignment_balances_kinds_and_respects_first_choices(db, make_user, make_process):
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(
            title="Zuteilung", starts_at=utcnow()))
        tables = [conf.save_table(moderator, conference, topic=f"Tisch {i}", capacity=6) for i in range(3)]
        rows = [{"display_name": f"Expert {i}", "email": None, "kind": "expert", "panel_member_id": None}
                for i in range(6)]
        rows += [{"display_name": f"Citizen {i}", "email": None, "kind": "citizen", "panel_member_id": None}
                 for i in range(9)]
        people = conf.add_participants(moderator, conference, rows)
        for person in people:  # everyone wants table 0 first, table 1 second
            person.first_choice_id, person.second_choice_id = tables[0].id, tables[1].id
        report = conf.assign_tables(moderator, conference)
    assert report.placed == 15 and not report.unplaced
    for table in tables:
        seated = [p for p in people if p.table_id == table.id]
        assert [p.kind for p in seated].count(ParticipantKind.EXPERT) == 2
        assert [p.kind for p in seated].count(ParticipantKind.CITIZEN) == 3
    assert report.first_choices == 5 and report.second_choices == 5  # table 0's share, then table 1's
    # Deterministic: assigning again from scratch gives the same seats.
    seats = {p.id: p.table_id for p in people}
    with unit_of_work():
        conf.assign_tables(moderator, conference, keep_existing=False)
    assert {p.id: p.table_id for p in people} == seats


def test_assignment_leaves_the_overflow_unplaced(db, make_user, make_process):
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(title="Voll", starts_at=utcnow()))
        conf.save_table(moderator, conference, topic="Klein", capacity=2)
        conf.add_participants(moderator, conference, [
            {"display_name": f"P {i}", "email": None, "kind": "citizen", "panel_member_id": None} for i in range(3)])
        report = conf.assign_tables(moderator, conference)
    assert report.placed == 2 and len(report.unplaced) == 1


def test_rotation_maximises_new_encounters(db, make_user, make_process):
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    with unit_of_work():
        conference = conf.create_conference(moderator, process, conf.ConferenceData(title="Café", starts_at=utcnow()))
        tables = [conf.save_table(moderator, conference, topic=f"Tisch {i}", capacity=4) for i in range(4)]
        people = conf.add_participants(moderator, conference, [
            {"display_name": f"P {i}", "email": None, "kind": "expert" if i % 4 == 0 else "citizen",
             "panel_member_id": None} for i in range(16)])
        conf.assign_tables(moderator, conference)
        first = {p.id: p.table_id for p in people}
        report = conf.rotate_tables(moderator, conference)
    # 4 tables of 4: each table sends one person to every table (so one stays), and everyone meets
    # three new people.
    assert report.rotation == 1 and report.moved == 12
    assert report.repeat_pairs == 0
    for table in tables:
        seated = [p for p in people if p.table_id == table.id]
        assert len(seated) == 4 and sum(p.kind == ParticipantKind.EXPERT for p in seated) == 1
        assert len({first[p.id] for p in seated}) == 4  # from four different tables
    with unit_of_work():
        second = conf.rotate_tables(moderator, conference)
    assert second.rotation == 2 and second.repeat_pairs == 0
    with pytest.raises(NotAllowed):
        conf.rotate_tables(people[0], conference)


def test_move_by_hand(setup):
    person = setup["people"][1]
    with unit_of_work():
        conf.move_participant(setup["moderator"], setup["conference"], person.id, setup["tables"][0].id)
    assert person.table_id == setup["tables"][0].id
    with pytest.raises(InvalidState):  # table 0 is full now (4 of 4)
        conf.move_participant(setup["moderator"], setup["conference"], setup["people"][3].id, setup["tables"][0].id)
    with pytest.raises(NotAllowed):
        conf.move_participant(setup["facilitator"], setup["conference"], person.id, None)


# --- ideas and results ---------------------------------------------------------------------------

def test_facilitator_records_an_idea_for_the_queue(setup):
    with unit_of_work():
        idea = conf.record_table_idea(setup["facilitator"], setup["tables"][0], "Radweg an der Saale",
                                      "Ein durchgehender Radweg entlang des Flusses.")
    assert idea.status == IdeaStatus.SUBMITTED and idea.author_id is None
    assert idea.conference_id == setup["conference"].id and idea.theme_table_id == setup["tables"][0].id
    with pytest.raises(NotAllowed):
        conf.record_table_idea(setup["facilitator"], setup["tables"][1], "Anderer Tisch", "Nicht mein Tisch hier.")
    with pytest.raises(ValidationFailed):
        conf.record_table_idea(setup["facilitator"], setup["tables"][0], "x", "y")


def test_send_to_catalogue_stores_votes_on_measures_and_ideas(setup, make_idea, db):
    from participation.catalogue.models import Measure, MeasureOrigin, MeasureType, TimeHorizon

    process, moderator, conference = setup["process"], setup["moderator"], setup["conference"]
    measure = Measure(process_id=process.id, sector_id=process.sectors[0].id, code="MOB-01", title="Tempo 30",
                      type=MeasureType.REGULATORY, time_horizon=TimeHorizon.SHORT, origin=MeasureOrigin.WORKSHOP)
    db.session.add(measure)
    db.session.commit()
    idea = make_idea(process)
    table = setup["tables"][1]
    with unit_of_work():
        conf.add_item(moderator, conference, table.id, kind="measure", measure_id=measure.id)
        conf.add_item(moderator, conference, table.id, kind="idea", idea_id=idea.id)
    with pytest.raises(ValidationFailed):
        conf.add_item(moderator, conference, table.id, kind="measure", measure_id=10**9)
    voting_round = open_table_round(setup, "agreement", table_index=1)
    measure_item, idea_item = items(setup, 1)[-2:]
    vote(setup["people"][1], voting_round, {"ratings": {str(measure_item): 5, str(idea_item): 3}})
    vote(setup["people"][3], voting_round, {"ratings": {str(measure_item): 4}})
    with pytest.raises(InvalidState):  # only closed rounds count
        conf.send_to_catalogue(moderator, conference)
    with unit_of_work():
        conf.close_round(moderator, voting_round.id)
        assert conf.send_to_catalogue(moderator, conference) == 2
    with unit_of_work():  # sending again replaces, it does not add
        assert conf.send_to_catalogue(moderator, conference) == 2
    stored = conf.results_for_measure(measure)
    assert len(stored) == 1 and stored[0].figures["mean"] == 4.5 and stored[0].figures["ballots"] == 2
    assert stored[0].table_topic == "Wärme" and stored[0].conference_id == conference.id
    assert conf.results_for_idea(idea)[0].figures["histogram"] == [0, 0, 1, 0, 0]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConferenceResult)) == 2
    assert conference.sent_to_catalogue_at is not None
    with pytest.raises(NotAllowed):
        conf.send_to_catalogue(setup["lead"], conference)
    rows = conf.result_rows(conference)
    assert {r["label"] for r in rows} >= {"MOB-01 Tempo 30"}
    assert all(r["round"].method == VoteMethod.AGREEMENT for r in rows)


def test_one_more_minute_never_ends_a_round_without_a_timer(setup):
    voting_round = open_table_round(setup, "single")  # no timer: open until closed by hand
    with pytest.raises(InvalidState), unit_of_work():
        conf.extend_round(setup["moderator"], voting_round.id, 60)
    assert conf.get_round(voting_round.id).ends_at is None
    with unit_of_work():
        assert conf.close_due_rounds(now=utcnow() + timedelta(hours=3)) == []
    assert conf.get_round(voting_round.id).state == RoundState.OPEN


def test_the_database_keeps_one_open_round_per_table_even_for_racing_moderators(setup, db):
    from sqlalchemy.exc import IntegrityError

    from participation.conference.models import VotingRound

    first = open_table_round(setup, "single")
    with unit_of_work():
        second = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id, title="Zwei",
                                   method="single")
    # What the check in open_round cannot see when two requests pass it at the same moment:
    with pytest.raises(IntegrityError):
        db.session.execute(sa.update(VotingRound).where(VotingRound.id == second.id).values(state="open"))
        db.session.flush()
    db.session.rollback()
    assert conf.get_round(first.id).state == RoundState.OPEN and conf.get_round(second.id).state == RoundState.DRAFT


def test_a_round_keeps_the_items_it_was_opened_with(setup):
    voting_round = open_table_round(setup, "approval")
    opened_with = conf.get_round(voting_round.id).item_ids
    assert opened_with == items(setup, 0) and len(opened_with) == 3


def test_items_added_later_are_not_in_a_round_s_results(setup):
    voting_round = open_table_round(setup, "single")
    vote(setup["people"][0], voting_round, {"item": items(setup, 0)[0]})
    with unit_of_work():
        conf.close_round(setup["moderator"], voting_round.id)
    with unit_of_work():  # an idea from the table, added for the next round
        conf.add_item(setup["moderator"], setup["conference"], setup["tables"][0].id, kind="option",
                      label="Später ergänzt")
    counted = conf.tally(conf.get_round(voting_round.id))
    assert [e["label"] for e in counted["items"]] == ["Mobilität Option A", "Mobilität Option B",
                                                     "Mobilität Option C"]
    assert "Später ergänzt" not in [r["label"] for r in conf.result_rows(setup["conference"])]
    snapshot = conf.snapshot(setup["people"][0], setup["tables"][0].id)
    assert "Später ergänzt" not in [i["label"] for i in snapshot["items"]]
    with unit_of_work():  # the next round takes the new item up
        following = conf.create_round(setup["moderator"], setup["conference"], setup["tables"][0].id,
                                      title="Zweite Runde", method="single")
        conf.open_round(setup["moderator"], following.id)
    assert len(conf.get_round(following.id).item_ids) == 4
