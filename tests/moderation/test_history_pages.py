"""Moderation histories in words: a moderator's edit of an idea on its review page, and the audit log's
before and after, field by field with labels instead of JSON; stored markup stays text."""
import pytest

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work
from participation.ideas.models import IdeaStatus
from participation.moderation import services


@pytest.fixture
def edited(make_process, make_user, make_idea, make_client):
    process = make_process(moderation="pre")
    moderator = make_user("mod@example.org", name="Moritz", roles=[(process, ProcessRoleKind.MODERATOR),
                                                                     (process, ProcessRoleKind.STAFF)])
    idea = make_idea(process, status=IdeaStatus.SUBMITTED, title="Radweg an der Saale baun",
                     body="Von Burgau bis Göschwitz fehlt ein Radweg, ruft Herrn Meier unter 0170 1234567 an.")
    with unit_of_work():
        services.claim(moderator, idea)
        services.edit_idea(moderator, idea, idea.version, "Radweg an der Saale bauen",
                           "Von Burgau bis Göschwitz fehlt ein Radweg <script>alert(1)</script>.",
                           process.sectors[3].id, process.districts[1].id, "Telefonnummer entfernt")
    with unit_of_work():
        services.claim(moderator, idea)
        services.reject_idea(moderator, idea, idea.version, None, "Bitte nicht doppelt einreichen.")
    client = make_client()
    client.login("mod@example.org")
    return process, idea, client


def _main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_review_page_shows_what_a_moderator_changed(db, edited):
    process, idea, client = edited
    page = _main(client.get(f"/processes/{process.slug}/moderation/ideas/{idea.id}").get_data(as_text=True))
    decisions = page.split('id="history-heading"', 1)[1]
    assert "<dt>Titel</dt>" in decisions and "Saale baun</del>" in decisions and "Saale bauen</ins>" in decisions
    assert "<dt>Text</dt>" in decisions and "<del>" in decisions and "0170" in decisions  # the team sees it
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in decisions and "<script>alert" not in decisions
    assert "<dt>Handlungsfeld</dt>" in decisions and "Mobilität (MOB)</ins>" in decisions
    assert "<dt>Stadtteil</dt>" in decisions
    assert "<dt>Status</dt>" in decisions and "eingereicht</del>" in decisions and "abgelehnt</ins>" in decisions
    assert '{"' not in decisions and "&#34;status&#34;" not in decisions


def test_the_public_idea_page_shows_no_edit_history(db, edited, client):
    process, idea, _ = edited
    response = client.get(f"/processes/{process.slug}/ideas/{idea.id}")
    page = response.get_data(as_text=True)
    assert "0170" not in page and "<del>" not in page


def test_the_audit_log_shows_before_and_after_in_words(db, edited):
    process, idea, client = edited
    page = _main(client.get(f"/processes/{process.slug}/audit").get_data(as_text=True))
    assert "Was sich geändert hat" in page
    assert "Saale baun</del>" in page and "Saale bauen</ins>" in page
    assert "eingereicht</del>" in page and "abgelehnt</ins>" in page
    assert "<pre class=\"state\">" not in page and "&#34;status&#34;" not in page
    assert "<script>alert" not in page
