"""A measure's history in words: field by field, published versions only for the public, internal fields
for the team alone, stored text escaped."""
import pytest

from participation.auth.models import ProcessRoleKind
from participation.catalogue import services
from participation.catalogue.history import compare
from participation.database import unit_of_work


def sheet(process, **changes):
    data = services.MeasureData(
        title="Tempo 30 vor sozialen Einrichtungen", sector_id=process.sectors[3].id, type="regulatory",
        time_horizon="short", origin="administration",
        quantities={"investment": services.QuantityData(2_500_000.0, None, None, "Kostenschätzung", "Tiefbauamt")},
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data

DRAFT_TEXT = "Erster Entwurf: Tempo 30 auf allen Straßen der Stadt."
PUBLISHED_TEXT = "Tempo 30 vor Schulen, Kitas und Pflegeheimen."
LATER_TEXT = "Tempo 30 vor Schulen, Kitas, Spielplätzen und Pflegeheimen."
HOSTILE = '<script>alert("x")</script><b onmouseover="steal()">fett</b> Tempo 30'


@pytest.fixture
def measure_story(db, make_process, make_user):
    """A measure drafted, scored, edited, published, then changed in public (with a hostile text)."""
    process = make_process()
    moderator = make_user("mod@example.org", name="Mo Derator", roles=[(process, ProcessRoleKind.MODERATOR)])
    staff = make_user("staff@example.org", name="Sta Ff", roles=[(process, ProcessRoleKind.STAFF)])
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process, texts={"description": DRAFT_TEXT}))
    with unit_of_work():
        criteria = services.ensure_default_criteria(staff, process)
        services.score_measure(staff, measure, {c.id: (4, "intern begründet") for c in criteria})
    with unit_of_work():
        services.update_measure(moderator, measure, sheet(process, texts={"description": PUBLISHED_TEXT}),
                                measure.version, "Entwurf überarbeitet")
    with unit_of_work():
        services.set_public(staff, measure, True)
    with unit_of_work():
        services.update_measure(moderator, measure, sheet(process, status="adopted", texts={
            "description": LATER_TEXT, "goal": HOSTILE}), measure.version, "Ratsbeschluss")
    with unit_of_work():  # a re-scoring after publication changes nothing the public sees
        services.score_measure(staff, measure, {c.id: (2, "neu bewertet") for c in criteria})
    return process, measure, moderator, staff


def _history(client, process, measure):
    response = client.get(f"/processes/{process.slug}/measures/{measure.code}/history")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _main(page):
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_public_sees_published_versions_only_and_no_internal_fields(db, measure_story, client):
    process, measure, _, _ = measure_story
    views = services.revisions_for(None, measure)
    # 1 created, 2 scored, 3 edited, 4 published, 5 edited in public, 6 scored again.
    assert [v.number for v in views] == [5, 4]
    assert all(c.name not in ("score", "is_public") for v in views for c in v.changes)
    page = _main(_history(client, process, measure))
    assert "Erster Entwurf" not in page and "Entwurf überarbeitet" not in page
    assert "Version 1<" not in page and "Version 2<" not in page and "Version 3<" not in page
    assert "Version 4<" in page and "Version 5<" in page and "Version 6<" not in page
    assert "Gewichtete Prioritätspunktzahl" not in page and "4,0" not in page and "Öffentlich<" not in page
    assert "{&#34;" not in page and '{"code"' not in page  # no JSON
    # Version 5 in words: the description as a word diff, the status by its labels.
    assert "<dt>Beschreibung</dt>" in page
    assert "Tempo 30 vor Schulen, <del>Kitas</del><ins>Kitas, Spielplätzen</ins> und Pflegeheimen." in page
    assert "<dt>Status</dt>" in page and "<del><span class=\"visually-hidden\">vorher: </span>vorgeschlagen</del>" \
        in page and "vom Rat beschlossen</ins>" in page


def test_stored_markup_in_a_history_is_shown_as_text(db, measure_story, client):
    process, measure, _, _ = measure_story
    page = _main(_history(client, process, measure))
    assert "<script>alert" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;b onmouseover=&#34;steal()&#34;&gt;fett&lt;/b&gt;" in page


def test_the_team_sees_every_version_with_its_internal_fields(db, measure_story, client):
    process, measure, _, staff = measure_story
    assert [v.number for v in services.revisions_for(staff, measure)] == [6, 5, 4, 3, 2, 1]
    client.login(staff.email)
    page = _main(_history(client, process, measure))
    for n in range(1, 7):
        assert f"Version {n}<" in page
    assert "Erster Entwurf" in page and "Entwurf überarbeitet" in page
    assert "Gewichtete Prioritätspunktzahl" in page and "<ins><span class=\"visually-hidden\">jetzt: </span>4</ins>" in page
    assert "<dt>Öffentlich</dt>" in page


def test_a_draft_measure_has_no_public_history(db, make_process, make_user, client):
    process = make_process()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    with unit_of_work():
        measure = services.create_measure(moderator, process, sheet(process))
    assert services.revisions_for(None, measure) == []
    assert client.get(f"/processes/{process.slug}/measures/{measure.code}/history").status_code == 404


def test_numbers_dates_choices_and_lists_are_compared_in_words(app):
    before = {"type": "technical", "planned_start": "2027-03-01", "progress_percent": 10, "sector": "MOB",
              "quantities": {"investment": {"value": 2500000.0, "low": None, "high": None, "method": "", "source": ""}},
              "milestones": [{"title": "Planung beschlossen", "due_on": None, "done_on": None}],
              "ideas": [[7, "adopted"]]}
    after = {"type": "funding", "planned_start": "2027-04-15", "progress_percent": 35, "sector": "ENE",
             "quantities": {"investment": {"value": 2750000.5, "low": None, "high": None, "method": "Angebot",
                                           "source": ""}},
             "milestones": [{"title": "Planung beschlossen", "due_on": None, "done_on": "2027-05-02"}],
             "ideas": [[7, "adopted"], [9, "inspired"]]}
    with app.test_request_context(headers={"Accept-Language": "de"}):
        changes = {c.name: c for c in compare(before, after, sector_names={"MOB": "Mobilität", "ENE": "Energie"})}
        assert (str(changes["type"].label), changes["type"].old, changes["type"].new) == \
            ("Maßnahmentyp", "technisch", "Förderung")
        assert (changes["planned_start"].old, changes["planned_start"].new) == ("01.03.2027", "15.04.2027")
        assert (changes["progress_percent"].old, changes["progress_percent"].new) == ("10 %", "35 %")
        assert changes["sector"].new == "Energie (ENE)"
        investment = changes["quantities.investment.value"]
        assert (investment.old, investment.new) == ("2.500.000 €", "2.750.000,5 €")
        assert changes["quantities.investment.method"].new == "Angebot"
        assert changes["milestones"].removed == ["Planung beschlossen"]
        assert changes["milestones"].added == ["Planung beschlossen – erledigt am 02.05.2027"]
        assert changes["ideas"].added == ["Idee #9 – hat die Maßnahme angeregt"] and changes["ideas"].removed == []
