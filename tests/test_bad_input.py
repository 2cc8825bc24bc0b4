"""Bad input to any form gets a page or a message, never a 500, and changes nothing it should not."""
import json

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.ideas.models import IdeaStatus

HOSTILE = ["", "abc", "-1", "99999999999999999999", str(2**63), "1e309", "٣", "1.5", "<script>x</script>", "\x00",
           "ü" * 3000]


@pytest.fixture
def staff_client(make_process, make_user, make_idea, make_client):
    process = make_process(moderation="pre")
    make_user("staff@example.org", roles=[(process, ProcessRoleKind.MODERATOR), (process, ProcessRoleKind.STAFF)])
    idea = make_idea(process, status=IdeaStatus.SUBMITTED)
    client = make_client()
    client.login("staff@example.org")
    return process, idea, client


def forms(process, idea):
    base = f"/processes/{process.slug}"
    review = f"{base}/moderation/ideas/{idea.id}"
    return [
        (f"{review}/claim", review, {}),
        (f"{review}/publish", review, {"version": None}),
        (f"{review}/reject", review, {"version": None, "reason_template_id": None, "text": None}),
        (f"{review}/request-edit", review, {"version": None, "note": None}),
        (f"{review}/merge", review, {"version": None, "target_id": None}),
        (f"{review}/hide", review, {"version": None, "reason": None}),
        (f"{review}/edit", review, {"version": None, "title": None, "body": None, "sector_id": None,
                                    "district_id": None}),
        (f"{base}/moderation/reasons", f"{base}/moderation/reasons", {"template_id": None, "title": None,
                                                                        "text": None}),
        (f"{base}/priorities", f"{base}/priorities", {"criterion_id": None, "name": None, "weight": None,
                                                        "description": None}),
        (f"{base}/measures/new", f"{base}/measures/new", {
            "title": None, "sector_id": None, "type": None, "time_horizon": None, "origin": None, "status": None,
            "priority": None, "progress_percent": None, "planned_start": None, "ghg_savings-value": None,
            "milestones-0-due_on": None, "related_codes": None, "link-idea_ids": None, "link-link_kind": None}),
        (f"{base}/measure-links", f"{base}/measures", {"measure_id": None, "idea_ids": None, "link_kind": None}),
        (f"{base}/sectors", f"{base}/sectors", {"sectors-sectors": None}),
        (f"{base}/team", f"{base}/team", {"email": None, "role": None}),
        (f"{base}/edit", f"{base}/edit", {"title": None, "slug": None, "municipality": None,
                                          "idea_collection_opens_at": None, "moderation_mode": None}),
    ]


@pytest.mark.parametrize("value", HOSTILE)
def test_no_staff_form_answers_500_to_hostile_values(staff_client, value):
    process, idea, client = staff_client
    client.post(f"/processes/{process.slug}/moderation/ideas/{idea.id}/claim", {},
                form_url=f"/processes/{process.slug}/moderation/ideas/{idea.id}")
    for url, form_url, fields in forms(process, idea):
        data = {name: value for name in fields}
        response = client.post(url, data, form_url=form_url)
        assert response.status_code < 500, (url, value, response.status_code)


@pytest.mark.parametrize("query", ["page=abc", "page=-5", "page=99999999999999999999", "filter=<x>", "kind=%00", "sort=../../etc",
                                   "sector=1e9", "object_id=abc", "status=adopted%27--"])
def test_no_list_answers_500_to_hostile_queries(staff_client, query):
    process, _, client = staff_client
    for path in ("ideas", "measures", "moderation", "audit"):
        response = client.get(f"/processes/{process.slug}/{path}?{query}")
        assert response.status_code < 500, (path, query)


def test_ids_too_large_for_the_database_are_not_found(staff_client):
    process, idea, client = staff_client
    huge = "99999999999999999999"
    for url in (f"/processes/{process.slug}/ideas/{huge}", f"/api/v1/ideas/{huge}",
                f"/processes/{process.slug}/moderation/ideas/{huge}",
                f"/processes/{process.slug}/moderation/comments/{huge}"):
        assert client.get(url).status_code == 404, url
    # The same id in other scripts' digits is no id (values.as_id refuses them too); the ASCII one is.
    assert client.get(f"/api/v1/ideas/{idea.id}").status_code == 200 or idea.status == IdeaStatus.SUBMITTED
    other = str(idea.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for digits in (other, str(idea.id).translate(str.maketrans("0123456789", "０１２３４５６７８９")), "9" * 5000):
        assert client.get(f"/processes/{process.slug}/moderation/ideas/{digits}").status_code == 404, digits
    assert client.get(f"/processes/{process.slug}/moderation/ideas/{idea.id}").status_code == 200


# --- hostile numbers in the number fields of forms and JSON bodies --------------------------------

NUMBERS = ["", "-1", "0", str(2**63), "99999999999999999999", "1e309", "٣", "\x00", "9" * 3000, "1,5", "nan"]


@pytest.fixture
def conference_team(staff_client, db):
    from participation.conference.models import Conference, ItemKind, TableItem, ThemeTable

    process, idea, client = staff_client
    conference = Conference(process_id=process.id, title="Klimakonferenz", starts_at=idea.created_at, agenda="",
                            agenda_html="")
    db.session.add(conference)
    db.session.flush()
    table = ThemeTable(conference_id=conference.id, topic="Mobilität", capacity=8, position=1)
    db.session.add(table)
    db.session.flush()
    for where in (None, table.id):  # something to vote on, in the plenary and at the table
        db.session.add(TableItem(conference_id=conference.id, table_id=where, kind=ItemKind.OPTION,
                                 label="Mehr Busse am Wochenende", position=0))
    db.session.commit()
    return process, conference, table, client


@pytest.mark.parametrize("value", NUMBERS)
def test_hostile_numbers_in_conference_forms_change_nothing(conference_team, db, value):
    from participation.conference.models import ThemeTable, VotingRound

    process, conference, table, client = conference_team
    url = f"/processes/{process.slug}/conferences/{conference.id}"
    responses = [
        client.post(f"{url}/tables/{table.id}", {"table-topic": "Mobilität", "table-capacity": value}, form_url=url),
        client.post(f"{url}/tables", {"table-topic": "Energie", "table-capacity": value,
                                      "table-sector_id": value, "table-facilitator_id": value}, form_url=url),
        client.post(f"{url}/rounds", {"round-title": "Was zuerst?", "round-method": "dots", "round-dots": value,
                                      "round-results_visibility": "live",
                                      "round-max_per_item": value, "round-table_id": value}, form_url=url),
        client.post(f"{url}/rounds", {"round-title": "Wie wichtig?", "round-method": "ranking",
                                      "round-depth": value, "round-duration_minutes": value,
                                      "round-results_visibility": "live"}, form_url=url),
        client.post(f"{url}/items", {"item-table_id": value, "item-kind": "idea", "item-idea_id": value}, form_url=url),
        client.post(f"{url}/participants/{value or 0}/move", {"move-table_id": value}, form_url=url),
    ]
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    db.session.expire_all()
    assert db.session.get(ThemeTable, table.id).capacity == 8
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ThemeTable)) == 1
    rounds = db.session.scalars(sa.select(VotingRound)).all()
    if value == "":  # no number at all: the defaults, in the plenary
        assert sorted(r.settings.get("dots", r.settings.get("depth")) for r in rounds) == [3, 5]
        assert all(r.table_id is None and r.duration_seconds is None for r in rounds)
    else:
        assert rounds == [], value


@pytest.mark.parametrize("value", NUMBERS)
def test_hostile_numbers_in_catalogue_forms_change_nothing(staff_client, db, value):
    from participation.catalogue.models import Measure, MeasureQuantity, PriorityCriterion

    process, idea, client = staff_client
    base = f"/processes/{process.slug}"
    page = client.get(f"{base}/priorities")
    assert page.status_code == 200
    weights = {c.id: c.weight for c in db.session.scalars(sa.select(PriorityCriterion))}
    assert weights  # the page created the default criteria
    response = client.post(f"{base}/priorities", {"criterion_id": list(weights), "name": ["Wirkung"] * len(weights),
                                                   "description": [""] * len(weights), "weight": [value] * len(weights)},
                           form_url=f"{base}/priorities")
    assert response.status_code < 500
    db.session.expire_all()
    assert {c.id: c.weight for c in db.session.scalars(sa.select(PriorityCriterion))} == weights
    fields = {"title": "Mehr Radwege bauen", "sector_id": str(process.sectors[0].id), "type": "technical",
              "time_horizon": "short", "origin": "citizen_ideas", "status": "proposed", "priority": "", "progress_percent": value}
    for kind in ("ghg_savings", "investment"):
        fields |= {f"{kind}-value": value, f"{kind}-low": value, f"{kind}-high": value}
    response = client.post(f"{base}/measures/new", fields, form_url=f"{base}/measures/new")
    assert response.status_code < 500
    stored = db.session.scalars(sa.select(Measure)).all()
    if value in ("", "0"):  # no numbers at all, or a valid 0: the measure is stored, with those values
        assert len(stored) == 1 and stored[0].progress_percent == 0, value
    elif value in ("-1", "1,5"):  # -1 and 1.5 are numbers, but not a percentage: refused as a whole
        assert stored == []
    else:
        assert stored == [], value
    quantities = db.session.scalars(sa.select(MeasureQuantity)).all()
    assert all(abs(q.value or 0) < 10**15 and (q.value or 0) == (q.value or 0) for q in quantities)


def test_a_measure_takes_german_decimals_and_refuses_numbers_beyond_fifteen_digits(staff_client, db):
    from participation.catalogue.models import Measure, MeasureQuantity

    process, idea, client = staff_client
    base = f"/processes/{process.slug}"
    fields = {"title": "Mehr Radwege bauen", "sector_id": str(process.sectors[0].id), "type": "technical",
              "time_horizon": "short", "origin": "citizen_ideas", "status": "proposed", "priority": "", "progress_percent": "5",
              "ghg_savings-value": "1e309"}
    refused = client.post(f"{base}/measures/new", fields, form_url=f"{base}/measures/new")
    assert refused.status_code < 500 and db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == 0
    fields["ghg_savings-value"] = "1" + "0" * 15
    refused = client.post(f"{base}/measures/new", fields, form_url=f"{base}/measures/new")
    assert "Treibhausgas-Einsparung: Eine Zahl darf höchstens 15 Stellen vor dem Komma" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == 0
    fields["ghg_savings-value"] = "1.234,5"
    created = client.post(f"{base}/measures/new", fields, form_url=f"{base}/measures/new")
    assert created.status_code == 302
    assert db.session.scalar(sa.select(MeasureQuantity.value)) == 1234.5


@pytest.mark.parametrize("value", [2**63, -1, 0, 1e309, "٣", "", None, "\x00", "9" * 3000, True, [1], {"id": 1}])
def test_hostile_numbers_in_the_json_api_are_refused_with_a_json_error(staff_client, db, value):
    from participation.ideas.models import Idea

    process, idea, client = staff_client
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Idea))
    body = {"title": "Mehr Bäume in der Innenstadt", "body": "Schattige Straßen kühlen im Sommer.",
            "sector_id": value, "district_id": process.districts[0].id}
    for data in (body, dict(body, sector_id=process.sectors[0].id, district_id=value)):
        if data is not body and (value is None or value == ""):
            continue  # no district is allowed: the whole municipality
        text = json.dumps(data).replace("Infinity", "1e309")  # as a client would write the number
        response = client._request("post", f"/api/v1/processes/{process.slug}/ideas", data=text,
                                   content_type="application/json",
                                   headers={"Accept": "application/json", "X-CSRFToken": client.csrf_token("/")})
        assert 400 <= response.status_code < 500, (value, response.status_code)
        assert response.is_json and response.get_json().get("error"), response.get_data(as_text=True)[:300]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Idea)) == before


def test_the_same_forms_with_good_numbers_do_change_things(conference_team, db):
    """The counter-check of the two tests above: their posts reach the services."""
    from participation.catalogue.models import PriorityCriterion
    from participation.conference.models import ThemeTable, VotingRound

    process, conference, table, client = conference_team
    url = f"/processes/{process.slug}/conferences/{conference.id}"
    client.post(f"{url}/tables/{table.id}", {"table-topic": "Mobilität", "table-capacity": " 9 "}, form_url=url)
    client.post(f"{url}/tables", {"table-topic": "Energie", "table-capacity": "12"}, form_url=url)
    client.post(f"{url}/rounds", {"round-title": "Was zuerst?", "round-method": "dots", "round-dots": "5",
                                  "round-results_visibility": "live", "round-max_per_item": "2"}, form_url=url)
    db.session.expire_all()
    assert db.session.get(ThemeTable, table.id).capacity == 9
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ThemeTable)) == 2
    assert db.session.scalar(sa.select(VotingRound.settings)) == {"dots": 5, "max_per_item": 2}
    base = f"/processes/{process.slug}"
    client.get(f"{base}/priorities")
    ids = list(db.session.scalars(sa.select(PriorityCriterion.id)))
    client.post(f"{base}/priorities", {"criterion_id": ids, "name": [f"K{i}" for i in ids], "description": [""] * len(ids),
                                       "weight": ["2,5"] * len(ids)}, form_url=f"{base}/priorities")
    db.session.expire_all()
    assert set(db.session.scalars(sa.select(PriorityCriterion.weight))) == {2.5}
