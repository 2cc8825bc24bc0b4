"""Moderation and the catalogue through HTTP: the pages moderators and staff use."""
import csv
import io
import json
import re

import pytest

from participation.auth.models import ProcessRoleKind
from participation.catalogue.models import Measure
from participation.ideas.models import Idea, IdeaStatus
from participation.moderation.models import AuditEntry, Report


@pytest.fixture
def scene(make_process, make_user, make_idea, make_client):
    process = make_process(moderation="pre")
    moderator = make_user("mod@example.org", name="Moritz", roles=[(process, ProcessRoleKind.MODERATOR),
                                                                     (process, ProcessRoleKind.STAFF)])
    author = make_user("autorin@example.org", name="Anna")
    queued = make_idea(process, author=author, status=IdeaStatus.SUBMITTED, title="Radweg an der Saale bauen")
    published = make_idea(process, title="Radwege an der Saale durchgängig ausbauen")
    from participation.database import utcnow
    from participation.extensions import db

    published.moderated_at = utcnow()  # reviewed earlier
    db.session.commit()
    mod_client = make_client()
    mod_client.login("mod@example.org")
    return process, moderator, author, queued, published, mod_client


def review_url(process, idea, action=None):
    base = f"/processes/{process.slug}/moderation/ideas/{idea.id}"
    return f"{base}/{action}" if action else base


def test_queue_claim_and_publish_through_the_pages(db, scene):
    process, moderator, author, queued, published, client = scene
    page = client.get(f"/processes/{process.slug}/moderation").get_data(as_text=True)
    assert "Radweg an der Saale bauen" in page
    assert "Radwege an der Saale durchgängig ausbauen" not in page  # not new: published earlier
    url = review_url(process, queued)
    review = client.get(url).get_data(as_text=True)
    assert "Radwege an der Saale durchgängig ausbauen" in review  # the duplicate suggestion
    assert client.post(review_url(process, queued, "claim"), {}, form_url=url).status_code == 302
    response = client.post(review_url(process, queued, "publish"), {"version": str(queued.version)}, form_url=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, queued.id).status == IdeaStatus.PUBLISHED


def test_a_stale_form_gets_a_clear_message(db, scene):
    process, moderator, author, queued, published, client = scene
    url = review_url(process, queued)
    client.post(review_url(process, queued, "claim"), {}, form_url=url)
    seen = queued.version
    db.session.refresh(queued)
    queued.version += 1  # the author changed the idea after the moderator opened it
    db.session.commit()
    response = client.post(review_url(process, queued, "publish"), {"version": str(seen)},
                           form_url=url, follow_redirects=True)
    assert "geändert" in response.get_data(as_text=True) or "changed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Idea, queued.id).status == IdeaStatus.SUBMITTED


def test_merge_through_the_page(db, scene):
    process, moderator, author, queued, published, client = scene
    url = review_url(process, queued)
    client.post(review_url(process, queued, "claim"), {}, form_url=url)
    client.post(review_url(process, queued, "merge"), {"version": str(queued.version), "target_id": str(published.id)},
                form_url=url)
    db.session.expire_all()
    merged = db.session.get(Idea, queued.id)
    assert merged.status == IdeaStatus.MERGED and merged.merged_into_id == published.id


def test_residents_cannot_reach_moderation(db, scene, make_client):
    process, moderator, author, queued, published, _ = scene
    resident = make_client()
    resident.login("autorin@example.org")
    assert resident.get(f"/processes/{process.slug}/moderation").status_code == 403
    assert resident.get(review_url(process, queued)).status_code == 403
    assert resident.post(review_url(process, queued, "claim"), {}).status_code == 403
    assert resident.get(f"/processes/{process.slug}/audit").status_code == 403


def test_residents_report_through_the_idea_page(db, scene, make_client, make_user):
    process, moderator, author, queued, published, _ = scene
    make_user("melder@example.org")
    resident = make_client()
    resident.login("melder@example.org")
    url = f"/processes/{process.slug}/ideas/{published.id}"
    assert "Diese Idee melden" in resident.get(url).get_data(as_text=True) or "Report this idea" in resident.get(url).get_data(as_text=True)
    response = resident.post(f"/processes/{process.slug}/ideas/{published.id}/report", {"reason": "Werbung für eine Firma."},
                             form_url=url)
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 1
    response = resident.post(f"/processes/{process.slug}/ideas/{published.id}/report", {"reason": "x"}, form_url=url,
                             follow_redirects=True)
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 1


def test_audit_page_and_csv_for_staff(db, scene):
    process, moderator, author, queued, published, client = scene
    url = review_url(process, queued)
    client.post(review_url(process, queued, "claim"), {}, form_url=url)
    client.post(review_url(process, queued, "reject"), {"version": str(queued.version), "text": "Nicht zuständig."},
                form_url=url)
    page = client.get(f"/processes/{process.slug}/audit?action=idea.reject").get_data(as_text=True)
    assert "Idee abgelehnt" in page and "Nicht zuständig." in page
    response = client.get(f"/processes/{process.slug}/audit.csv")
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert [(r["Aktion"], r["Aktionscode"]) for r in rows] == [("Idee abgelehnt", "idea.reject")]
    assert json.loads(rows[0]["Nachher"])["status"] == "rejected"
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "audit.export")) == 1


def test_reason_templates_page(db, scene):
    process, moderator, author, queued, published, client = scene
    url = f"/processes/{process.slug}/moderation/reasons"
    assert "Themenfremd" in client.get(url).get_data(as_text=True)
    client.post(url, {"title": "Ohne Ortsbezug", "text": "Bitte nennen Sie einen Ort in der Stadt."}, form_url=url)
    assert "Ohne Ortsbezug" in client.get(url).get_data(as_text=True)


def test_a_measure_from_an_idea_through_the_form_and_its_exports(db, scene):
    process, moderator, author, queued, published, client = scene
    url = f"/processes/{process.slug}/measures/new?ideas={published.id}"
    form = {
        "title": "Durchgehendes Radwegenetz an der Saale", "sector_id": str(process.sectors[3].id),
        "type": "technical", "time_horizon": "medium", "origin": "citizen_ideas", "status": "proposed",
        "priority": "high", "progress_percent": "10", "goal": "Mehr Radverkehr; weniger CO₂.",
        "ghg_savings-value": "1.234,5", "ghg_savings-low": "900", "ghg_savings-high": "1500",
        "ghg_savings-method": "Verkehrsmodell", "ghg_savings-source": "Gutachten 2024",
        "milestones-0-title": "Planung", "milestones-0-due_on": "2027-03-01",
        "link-idea_ids": str(published.id), "link-link_kind": "adopted", "link-rationale": "Gleiches Ziel.",
    }
    response = client.post(f"/processes/{process.slug}/measures/new", form, form_url=url)
    assert response.status_code == 302, re.findall(r'class="errors"[^>]*>(.*?)</ul>', response.get_data(as_text=True), re.S)
    measure = db.session.scalar(db.select(Measure))
    assert measure.code == "MOB-01" and measure.quantities[0].value == 1234.5
    db.session.expire_all()
    assert db.session.get(Idea, published.id).status == IdeaStatus.ADOPTED
    sheet = client.get(f"/processes/{process.slug}/measures/MOB-01").get_data(as_text=True)
    assert "Gutachten 2024" in sheet and "Radwege an der Saale durchgängig ausbauen" in sheet
    exported = client.get(f"/processes/{process.slug}/measures.json")
    assert json.loads(exported.data)["measures"][0]["code"] == "MOB-01"
    assert client.get(f"/processes/{process.slug}/measures.csv").data.startswith("\ufeff".encode())
    assert client.get(f"/processes/{process.slug}/measures/MOB-01.pdf").data.startswith(b"%PDF")
    links = client.get(f"/processes/{process.slug}/measure-ideas.csv").data.decode("utf-8-sig")
    assert "Gleiches Ziel." in links
    # The public sees nothing until staff publish it.
    from conftest import Client

    anonymous = Client(client.app.test_client())
    assert anonymous.get(f"/processes/{process.slug}/measures/MOB-01").status_code == 404
    client.post(f"/processes/{process.slug}/measures/MOB-01/publish", {}, form_url=f"/processes/{process.slug}/measures/MOB-01")
    assert anonymous.get(f"/processes/{process.slug}/measures/MOB-01").status_code == 200
    assert "MOB-01" in anonymous.get(f"/processes/{process.slug}/measures").get_data(as_text=True)


def test_bad_measure_form_shows_errors_and_saves_nothing(db, scene):
    process, moderator, author, queued, published, client = scene
    url = f"/processes/{process.slug}/measures/new"
    response = client.post(url, {"title": "x", "sector_id": "999", "type": "technical", "time_horizon": "short",
                                 "origin": "administration", "status": "proposed", "progress_percent": "300",
                                 "ghg_savings-value": "viel"}, form_url=url)
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0
