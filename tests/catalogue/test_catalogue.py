"""The measure catalogue: measures from ideas, provenance both ways, codes, revisions, scores."""
import json

import pytest

from participation.auth.models import ProcessRoleKind
from participation.catalogue import services
from participation.catalogue.models import IdeaMeasureLink, MeasureRevision, MeasureStatus, QuantityKind
from participation.database import unit_of_work
from participation.errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from participation.ideas.models import IdeaStatus
from participation.moderation.models import AuditEntry


def sheet(process, sector_index=3, **changes):
    data = services.MeasureData(
        title="Radverkehrsnetz Lobeda–Zentrum ausbauen", sector_id=process.sectors[sector_index].id,
        type="technical", time_horizon="medium", origin="citizen_ideas",
        texts={"goal": "Mehr Wege mit dem Rad.", "description": "Durchgehende, sichere Radwege.",
               "lead_actor": "Dezernat Stadtentwicklung"},
        quantities={"ghg_savings": services.QuantityData(120.0, 80.0, 160.0, "Verlagerung von 5 % der Pkw-Wege",
                                                         "Klimaschutzkonzept 2021, Kap. 4"),
                    "investment": services.QuantityData(2_500_000.0, None, None, "Kostenschätzung", "Tiefbauamt")},
        milestones=[services.MilestoneData("Planung beschlossen")],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def team(make_process, make_user):
    process = make_process()
    moderator = make_user("mod@example.org", roles=[(process, ProcessRoleKind.MODERATOR)])
    staff = make_user("staff@example.org", roles=[(process, ProcessRoleKind.STAFF)])
    return process, moderator, staff


def test_moderators_turn_ideas_into_a_measure_and_both_sides_show_it(db, team, make_user, make_idea, mailbox, client):
    process, moderator, staff = team
    author = make_user("autorin@example.org")
    first = make_idea(process, author=author, title="Radweg nach Lobeda")
    second = make_idea(process, title="Sichere Radwege in Winzerla")
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process), [first.id, second.id], "adopted",
                                          "Beide Ideen schlagen das gleiche Netz vor.")
    assert measure.code == "MOB-01"
    assert {link.idea_id for link in measure.idea_links} == {first.id, second.id}
    assert first.status == IdeaStatus.ADOPTED and second.status == IdeaStatus.ADOPTED
    mail = mailbox.last_to("autorin@example.org")
    assert "MOB-01" in mailbox.text(mail) and "/measures/MOB-01" in mailbox.text(mail)
    with unit_of_work():
        services.set_public(staff, measure, True)
    idea_page = client.get(f"/processes/{process.slug}/ideas/{first.id}").get_data(as_text=True)
    assert "MOB-01" in idea_page and "in Maßnahme übernommen" in idea_page
    measure_page = client.get(f"/processes/{process.slug}/measures/MOB-01").get_data(as_text=True)
    assert "Radweg nach Lobeda" in measure_page and "Beide Ideen schlagen das gleiche Netz vor." in measure_page
    assert "Klimaschutzkonzept 2021, Kap. 4" in measure_page  # the source behind the number
    actions = [e.action for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("idea.link_measure") == 2 and "measure.create" in actions


def test_codes_count_per_sector_and_stay_once_published(db, team):
    process, moderator, staff = team
    with unit_of_work():
        a = services.create_measure(moderator, process, sheet(process))
        b = services.create_measure(moderator, process, sheet(process, title="Busspuren auf der Stadtrodaer Straße"))
        c = services.create_measure(moderator, process, sheet(process, sector_index=4, title="Solardachpflicht"))
    assert (a.code, b.code, c.code) == ("MOB-01", "MOB-02", "ENE-01")
    with unit_of_work():  # a draft follows its new sector
        services.update_measure(moderator, b, sheet(process, sector_index=4, title="Busspuren"), b.version)
    assert b.code == "ENE-02"
    with unit_of_work():
        services.set_public(staff, a, True)
        services.update_measure(moderator, a, sheet(process, sector_index=4), a.version)
    assert a.code == "MOB-01" and a.sector.code == "ENE"


def test_every_change_is_kept_as_a_revision(db, team):
    process, moderator, staff = team
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process))
    with unit_of_work():
        services.update_measure(moderator, measure, sheet(process, status="adopted", progress_percent=20),
                                measure.version, "Ratsbeschluss eingetragen")
    history = services.revisions(measure)
    assert [r.number for r in history] == [2, 1]
    assert json.loads(history[0].snapshot)["status"] == "adopted"
    assert json.loads(history[1].snapshot)["status"] == "proposed"
    assert history[0].summary == "Ratsbeschluss eingetragen"
    with pytest.raises(InvalidState):
        services.update_measure(moderator, measure, sheet(process), measure.version - 1)


@pytest.mark.parametrize("changes, field", [
    ({"title": "kurz"}, "title"),
    ({"sector_id": 999999}, "sector_id"),
    ({"type": "magic"}, "type"),
    ({"progress_percent": 150}, "progress_percent"),
    ({"quantities": {"ghg_savings": services.QuantityData(10.0, 20.0, 5.0)}}, "quantity_ghg_savings"),
    ({"quantities": {"ghg_savings": services.QuantityData("viel")}}, "quantity_ghg_savings"),
    ({"quantities": {"unknown": services.QuantityData(1.0)}}, "quantity_unknown"),
])
def test_bad_sheets_are_refused(db, team, changes, field):
    process, moderator, _ = team
    with pytest.raises(ValidationFailed) as caught:
        services.create_measure(moderator, process, sheet(process, **changes))
    assert field in caught.value.errors


def test_only_published_ideas_of_the_process_feed_measures(db, team, make_process, make_idea):
    process, moderator, _ = team
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process))
    for idea in (make_idea(process, status=IdeaStatus.SUBMITTED), make_idea(make_process())):
        with pytest.raises(ValidationFailed):
            services.link_ideas(moderator, measure, [idea.id], "adopted")
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(IdeaMeasureLink.id))) == 0


def test_an_inspiring_idea_keeps_its_status_and_unlinking_restores_it(db, team, make_idea):
    process, moderator, _ = team
    inspiring, adopted = make_idea(process), make_idea(process)
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process), [inspiring.id], "inspired")
        services.link_ideas(moderator, measure, [adopted.id], "partly_adopted")
    assert inspiring.status == IdeaStatus.PUBLISHED and adopted.status == IdeaStatus.ADOPTED
    link = next(link for link in measure.idea_links if link.idea_id == adopted.id)
    with unit_of_work():
        services.unlink_idea(moderator, measure, link.id)
    assert adopted.status == IdeaStatus.PUBLISHED


def test_drafts_are_for_the_team_only(db, team, make_user):
    process, moderator, staff = team
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process))
    with pytest.raises(NotFound):
        services.get_measure(process, measure.code, make_user())
    assert services.catalogue(process, viewer=None) == []
    assert services.catalogue(process, viewer=moderator) == [measure]
    with pytest.raises(NotAllowed):
        services.set_public(moderator, measure, True)  # publishing is for staff


def test_weighted_scores_rank_the_catalogue(db, team):
    process, moderator, staff = team
    with unit_of_work():
        criteria = services.ensure_default_criteria(staff, process)
        strong = services.create_measure(moderator, process, sheet(process, title="Starke Maßnahme"))
        weak = services.create_measure(moderator, process, sheet(process, title="Schwache Maßnahme"))
    weights = {c.id: c.weight for c in criteria}
    with unit_of_work():
        services.score_measure(staff, strong, {c.id: (5, "sehr gut") for c in criteria})
        services.score_measure(staff, weak, {criteria[0].id: (1, "kaum Wirkung"), criteria[1].id: (5, "billig")})
    assert strong.score == 5.0
    expected = (weights[criteria[0].id] * 1 + weights[criteria[1].id] * 5) / (weights[criteria[0].id] + weights[criteria[1].id])
    assert weak.score == pytest.approx(expected, abs=0.001)
    ranked = services.catalogue(process, services.CatalogueQuery(sort="score"), moderator)
    assert [m.title for m in ranked] == ["Starke Maßnahme", "Schwache Maßnahme"]
    with pytest.raises(ValidationFailed):
        services.score_measure(staff, weak, {criteria[0].id: (7, "")})
    with pytest.raises(NotAllowed):
        services.score_measure(moderator, weak, {criteria[0].id: (3, "")})
    # Changing a weight recomputes every score.
    with unit_of_work():
        services.save_criteria(staff, process, [(criteria[0].id, criteria[0].name, "", 1),
                                                (criteria[1].id, criteria[1].name, "", 1)])
    assert weak.score == pytest.approx(3.0)


def test_totals_per_sector(db, team):
    process, moderator, staff = team
    with unit_of_work():
        services.create_measure(moderator, process, sheet(process, progress_percent=40))
        services.create_measure(moderator, process, sheet(process, title="Zweite Radmaßnahme", progress_percent=60))
    measures = services.catalogue(process, viewer=moderator)
    rows, overall = services.sector_totals(process, measures)
    assert len(rows) == 1 and rows[0]["count"] == 2 and rows[0]["ghg_savings"] == 240.0
    assert rows[0]["investment"] == 5_000_000.0 and rows[0]["progress"] == 50
    assert overall["count"] == 2 and services.status_counts(measures)[MeasureStatus.PROPOSED] == 2
    assert measures[0].quantity(QuantityKind.GHG_SAVINGS).source == "Klimaschutzkonzept 2021, Kap. 4"
    assert db.session.scalar(db.select(db.func.count(MeasureRevision.id))) == 2


def test_every_enum_member_has_its_own_label(app):
    from participation.catalogue import models

    enums = (models.MeasureType, models.TimeHorizon, models.MeasureStatus, models.MeasureOrigin, models.Priority,
             models.QuantityKind, models.LinkKind, models.RelationKind)
    for enum_cls in enums:
        for member in enum_cls:
            assert (enum_cls, member.value) in models.LABELS, member
    assert str(models.label(models.MeasureStatus.ADOPTED)) != str(models.label(models.LinkKind.ADOPTED))


def test_related_and_dependent_measures_are_named_by_code(db, team):
    process, moderator, _ = team
    with unit_of_work():
        first = services.create_measure(moderator, process, sheet(process))
        second = services.create_measure(moderator, process, sheet(process, title="Fahrradparkhaus am Westbahnhof"))
        services.set_relations(moderator, second, ["MOB-01"], [])
    assert [(r.other.code, r.kind.value) for r in services.relations_of(second)] == [("MOB-01", "related")]
    with pytest.raises(ValidationFailed):
        services.set_relations(moderator, second, [], ["MOB-99"])
    with pytest.raises(ValidationFailed):
        services.set_relations(moderator, second, ["MOB-02"], [])  # not itself
    assert first.code == "MOB-01"
