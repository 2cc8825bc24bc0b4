"""Stage two on a real database: the pool, quotas, a selection run, the public panel draw, replacement."""
import random

import pytest
import sqlalchemy as sa

from participation.database import unit_of_work
from participation.errors import InvalidState, NotAllowed, ValidationFailed
from participation.lottery import panels, selection, services
from participation.lottery.models import Invitation, MemberRole, MemberStatus, RunStatus, SelectionRun
from tests.xlsx_helpers import assert_same_rows, xlsx_rows


@pytest.fixture
def pooled(db, lottery):
    """90 people who accepted, with varied features; about one in six shares a household."""
    draw = lottery.draw(letters=140)
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    rng = random.Random(3)
    categories = services.get_settings(lottery.process).categories
    for invitation in invitations[:90]:
        features = {c["key"]: rng.choice(c["values"])["value"] for c in categories}
        lottery.accept(invitation, features)
    return lottery


def _categories(lottery, panel_size):
    return panels.categories_with_quotas(lottery.process, panel_size, {})


def test_the_pool_holds_everyone_who_accepted_with_consent(pooled):
    people = panels.pool(pooled.process)
    assert len(people) == 90
    assert all(set(p["features"]) == {"gender", "age_band", "district", "education"} for p in people)


def test_quotas_are_proposed_from_the_shares(pooled):
    settings = services.get_settings(pooled.process)
    for value, share in zip(settings.categories[0]["values"], (51, 48, 1)):
        value["share"] = share
    settings.categories = [dict(c) for c in settings.categories]
    categories = panels.categories_with_quotas(pooled.process, 20)
    gender = {v["value"]: (v["min"], v["max"], v["target"]) for v in categories[0]["values"]}
    assert gender["w"][2] == 10 and gender["m"][2] == 10 and gender["d"][2] == 0
    assert gender["w"][0] <= 10 <= gender["w"][1]
    assert categories[1]["values"][0]["min"] == 0 and categories[1]["values"][0]["max"] == 20  # no shares


def test_infeasible_quotas_are_reported_with_the_library_proposal(pooled):
    quotas = {"gender": {"w": (15, 15), "m": (15, 15), "d": (0, 0)}}
    categories = panels.categories_with_quotas(pooled.process, 20, quotas)
    feasibility = panels.check_quotas(pooled.staff, pooled.process, categories, 20)
    assert not feasibility.ok
    assert feasibility.problems and all(isinstance(p, str) for p in feasibility.problems)


def test_a_run_selects_and_the_public_number_picks_the_panel(db, pooled):
    categories = _categories(pooled, 12)
    categories[0]["values"][0]["min"] = 4  # at least four women
    with unit_of_work():
        run = panels.start_run(pooled.staff, pooled.process, categories, 12, reserve_size=4)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100 and run.library_version and run.seed != 0
    assert len(run.protocol["lottery"]) == 1000 and run.lottery_hash == run.protocol["lottery_hash"]
    assert run.min_probability > 0 and len(run.probabilities) == 90
    assert selection.verify(run.protocol).ok
    for panel_ids in run.protocol["lottery"][:50]:
        assert selection.panel_problems(panel_ids, panels.pool(pooled.process), run.categories, 12) == []
    with pytest.raises(ValidationFailed), unit_of_work():
        panels.draw_panel(pooled.staff, run, "1000", "Drei Würfel in der Sitzung")
    with unit_of_work():
        panel = panels.draw_panel(pooled.staff, run, "1 8 7", "Drei zehnseitige Würfel, öffentliche Sitzung")
    assert panel.number == 187
    members = panels.active_members(panel)
    assert sorted(str(m.invitation_id) for m in members) == sorted(run.protocol["lottery"][187])
    assert len(panels.reserves(panel)) == 4
    women = sum(1 for m in members if m.invitation.response.features["gender"] == "w")
    assert women >= 4
    with pytest.raises(InvalidState), unit_of_work():
        panels.draw_panel(pooled.staff, run, "5", "noch einmal gewürfelt")
    # A withdrawal is replaced by someone who keeps every quota and the household rule.
    leaving = members[0]
    with unit_of_work():
        replacement = panels.withdraw(pooled.staff, leaving)
    assert leaving.status == MemberStatus.WITHDRAWN
    assert replacement is not None and replacement.replaces_id == leaving.id
    now = [str(m.invitation_id) for m in panels.active_members(panel)]
    assert len(now) == 12
    assert selection.panel_problems(now, panels.pool(pooled.process), run.categories, 12) == []
    # Export, chart and the pseudonymous public protocol.
    data = panels.panel_csv(pooled.staff, panel)
    assert data.startswith("\ufeff".encode()) and len(data.decode("utf-8-sig").splitlines()) == len(panel.members) + 1
    as_xlsx = panels.panel_csv(pooled.staff, panel, "xlsx")
    assert_same_rows(data, as_xlsx)
    header, *rows = xlsx_rows(as_xlsx)
    assert [r[0] for r in rows] == [m.position for m in panel.members]  # numbers
    assert all(isinstance(r[header.index("Antwortcode")], str) for r in rows)
    chart = panels.chart(run, panel)
    assert sum(v["panel"] for v in chart[0]["values"]) == 12
    assert sum(v["pool"] for v in chart[0]["values"]) == 90
    public = panels.public_protocol(run)
    assert public["drawn_number"] == 187 and "Muster" not in str(public)


def test_a_run_with_infeasible_quotas_is_refused_with_the_reasons(db, pooled):
    categories = panels.categories_with_quotas(pooled.process, 12, {"gender": {"w": (9, 12), "m": (5, 12),
                                                                            "d": (0, 12)}})
    with pytest.raises(ValidationFailed) as raised, unit_of_work():
        panels.start_run(pooled.staff, pooled.process, categories, 12)
    assert raised.value.errors[""] and all(isinstance(m, str) for m in raised.value.errors[""])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SelectionRun)) == 0


def test_a_queued_run_can_be_cancelled_and_only_staff_start_runs(db, pooled, make_user, app):
    app.config["HUEY_IMMEDIATE"] = False
    from participation.extensions import huey

    huey.immediate = False
    try:
        categories = _categories(pooled, 10)
        with unit_of_work():
            run = panels.start_run(pooled.staff, pooled.process, categories, 10)
        with pytest.raises(InvalidState), unit_of_work():
            panels.start_run(pooled.staff, pooled.process, categories, 10)
        with unit_of_work():
            panels.cancel_run(pooled.staff, run)
        assert run.status == RunStatus.CANCELLED
        panels.execute_run(run.id)  # a worker picking it up later does nothing
        db.session.expire_all()
        assert db.session.get(SelectionRun, run.id).status == RunStatus.CANCELLED
    finally:
        huey.flush()  # the queued storage, before immediate mode swaps it for the in-memory one
        huey.immediate = True
    with pytest.raises(NotAllowed), unit_of_work():
        panels.start_run(make_user(), pooled.process, categories, 10)
    with pytest.raises(ValidationFailed), unit_of_work():
        panels.start_run(pooled.staff, pooled.process, categories, 500)


def test_reserve_members_move_up_first(db, pooled):
    categories = _categories(pooled, 10)
    with unit_of_work():
        run = panels.start_run(pooled.staff, pooled.process, categories, 10, reserve_size=3)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    with unit_of_work():
        panel = panels.draw_panel(pooled.staff, run, "42", "Losziehung im Bürgerbüro, öffentlich")
    reserve_ids = {m.invitation_id for m in panels.reserves(panel)}
    assert reserve_ids and all(m.role == MemberRole.RESERVE for m in panels.reserves(panel))
    with unit_of_work():
        replacement = panels.withdraw(pooled.staff, panels.active_members(panel)[0])
    assert replacement.invitation_id in reserve_ids


def test_the_panel_is_handed_over_to_a_conference_once(db, pooled):
    from datetime import timedelta

    from participation.conference import services as conference_services
    from participation.conference.models import Participant
    from participation.database import utcnow

    categories = _categories(pooled, 10)
    with unit_of_work():
        run = panels.start_run(pooled.staff, pooled.process, categories, 10)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    with unit_of_work():
        panel = panels.draw_panel(pooled.staff, run, "7", "Öffentliche Ziehung mit drei Würfeln")
        conference = conference_services.create_conference(pooled.staff, pooled.process, conference_services.ConferenceData(
            title="Klimakonferenz Jena", starts_at=utcnow() + timedelta(days=30)))
    with unit_of_work():
        added = panels.hand_over(pooled.staff, panel, conference)
    assert len(added) == 10 and all(p.kind.value == "citizen" for p in added)
    with unit_of_work():
        assert panels.hand_over(pooled.staff, panel, conference) == []
    members = {m.id for m in panels.active_members(panel)}
    assert set(db.session.scalars(sa.select(Participant.panel_member_id))) == members


def _finished_run(db, pooled, size=10, reserve=0):
    with unit_of_work():
        run = panels.start_run(pooled.staff, pooled.process, _categories(pooled, size), size, reserve_size=reserve)
    db.session.expire_all()
    return db.session.get(SelectionRun, run.id)


def test_a_drawn_panel_is_not_re_rolled_without_an_annulment(db, pooled):
    run = _finished_run(db, pooled)
    with unit_of_work():
        panel = panels.draw_panel(pooled.staff, run, "100", "Öffentliche Ziehung mit drei Würfeln")
    with pytest.raises(InvalidState), unit_of_work():
        panels.start_run(pooled.staff, pooled.process, _categories(pooled, 10), 10)
    with pytest.raises(ValidationFailed), unit_of_work():
        panels.annul_panel(pooled.staff, panel, "kurz")
    with unit_of_work():
        panels.annul_panel(pooled.staff, panel, "Der Pool enthielt doppelte Antworten.")
    assert panels.current_panel(pooled.process) is None
    with pytest.raises(InvalidState), unit_of_work():
        panels.withdraw(pooled.staff, panel.members[0])
    second = _finished_run(db, pooled)
    assert second.status == RunStatus.DONE


def test_the_pool_is_frozen_when_the_run_starts(db, pooled):
    run = _finished_run(db, pooled)
    frozen = panels.run_people(run)
    assert len(frozen) == 90 == len(run.protocol["pool"])
    member = db.session.get(Invitation, int(frozen[0]["id"]))
    with unit_of_work():  # an answer changes after the run: the run's chart and replacements stay as they were
        services.submit_response(member, services.ResponseData(accepted=False))
    assert panels.run_people(run) == frozen
    assert sum(v["pool"] for v in panels.chart(run)[0]["values"]) == 90


def test_a_run_whose_worker_died_can_be_cancelled(db, pooled, app):
    from datetime import timedelta

    from participation.database import utcnow
    from participation.lottery.models import SelectionRun as Run

    run = Run(process_id=pooled.process.id, status=RunStatus.RUNNING, panel_size=10, categories=[], seed=5,
              started_at=utcnow() - timedelta(hours=2), heartbeat_at=utcnow() - timedelta(hours=2))
    db.session.add(run)
    db.session.commit()
    with pytest.raises(InvalidState), unit_of_work():
        panels.start_run(pooled.staff, pooled.process, _categories(pooled, 10), 10)
    with unit_of_work():
        panels.cancel_run(pooled.staff, run)
    assert run.status == RunStatus.CANCELLED
    assert _finished_run(db, pooled).status == RunStatus.DONE


def test_one_active_run_per_process_is_kept_by_the_database(db, pooled):
    from sqlalchemy.exc import IntegrityError

    from participation.lottery.models import SelectionRun as Run

    for _ in range(2):
        db.session.add(Run(process_id=pooled.process.id, status=RunStatus.QUEUED, panel_size=10, categories=[],
                           seed=5))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
