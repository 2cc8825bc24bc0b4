"""Bad input to any form gets a page or a message, never a 500, and changes nothing it should not."""
import pytest

from participation.auth.models import ProcessRoleKind
from participation.ideas.models import IdeaStatus

HOSTILE = ["", "abc", "-1", "99999999999999999999", "1.5", "<script>x</script>", "\x00", "ü" * 3000]


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
