"""Ideas through HTTP: the pages a resident uses, the JSON API, and hostile input."""
from html.parser import HTMLParser

import pytest

from participation.ideas.models import Comment, Idea, IdeaStatus, Support

XSS_PAYLOADS = [
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '[klick](javascript:alert(1))',
    '<a href="javascript:alert(1)">klick</a>',
    '"><svg onload=alert(1)>',
    '<iframe src="https://example.org"></iframe>',
]


class ActiveContent(HTMLParser):
    """Collects what a browser would execute or load: script-capable elements, event handlers, script URLs."""

    ELEMENTS = {"script", "img", "svg", "iframe", "object", "embed", "style"}

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}={value}]")


def idea_form(process, **changes):
    data = {"title": "Mehr Bäume am Löbdergraben", "body": "Schatten für Fußgänger und ein kühleres Stadtklima.",
            "sector_id": str(process.sectors[6].id), "district_id": str(process.districts[0].id)}
    data.update(changes)
    return data


def post_idea(client, process, **changes):
    url = f"/processes/{process.slug}/ideas/new"
    return client.post(url, idea_form(process, **changes), form_url=url)


def main_content(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def resident(client, make_user):
    user = make_user("anna@example.org", name="Anna K.")
    client.login("anna@example.org")
    return user


def test_a_resident_posts_an_idea_and_sees_it(client, db, make_process, resident):
    process = make_process(moderation="post")
    response = post_idea(client, process)
    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert response.headers["Location"] == f"/processes/{process.slug}/ideas/{idea.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mehr Bäume am Löbdergraben" in page and "Anna K." in page
    listing = client.get(f"/processes/{process.slug}/ideas").get_data(as_text=True)
    assert "Mehr Bäume am Löbdergraben" in listing


def test_form_errors_are_shown_in_german_and_nothing_is_saved(client, db, make_process, resident):
    process = make_process()
    response = post_idea(client, process, title="Kurz", sector_id="999999")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Der Titel muss 5 bis 120 Zeichen lang sein" in html
    assert "Handlungsfeld" in html
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_posting_in_a_closed_phase_gets_a_clear_message(client, db, make_process, resident):
    process = make_process(phase="closed")
    html = post_idea(client, process).get_data(as_text=True)
    assert "Ideensammlung ist beendet" in html
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, make_process):
    process = make_process()
    response = client.get(f"/processes/{process.slug}/ideas/new")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_someone_elses_idea_cannot_be_edited(client, db, make_process, make_idea, resident):
    process = make_process()
    idea = make_idea(process)
    url = f"/processes/{process.slug}/ideas/{idea.id}/edit"
    response = client.post(url, idea_form(process, title="Übernommen von jemand anderem"), form_url=f"/processes/{process.slug}/ideas")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).title == "Mehr Bäume in der Innenstadt pflanzen"


def test_authors_edit_their_idea(client, db, make_process, resident):
    process = make_process()
    post_idea(client, process)
    idea = db.session.scalar(db.select(Idea))
    url = f"/processes/{process.slug}/ideas/{idea.id}/edit"
    response = client.post(url, idea_form(process, title="Mehr Bäume am Löbdergraben und Holzmarkt"), form_url=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).title == "Mehr Bäume am Löbdergraben und Holzmarkt"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markup_in_title_body_and_comment_is_inert(client, db, make_process, resident, payload):
    process = make_process(moderation="post")
    post_idea(client, process, title=f"Titel {payload}"[:120], body=f"Text mit {payload} darin.")
    idea = db.session.scalar(db.select(Idea))
    url = f"/processes/{process.slug}/ideas/{idea.id}"
    client.post(f"{url}/comments", {"body": f"Kommentar {payload}"}, form_url=url)
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 1
    for page_url in (url, f"/processes/{process.slug}/ideas"):
        html = main_content(client.get(page_url).get_data(as_text=True))
        assert ActiveContent(html).found == []
    # The text itself survives, shown literally.
    shown = main_content(client.get(url).get_data(as_text=True))
    assert ("alert" in shown) if "alert" in payload else ("iframe" in shown)


def test_markdown_subset_is_rendered(client, db, make_process, resident):
    process = make_process(moderation="post")
    post_idea(client, process, body="Erstens **wichtig** und *betont*.\n\n- Punkt eins\n- Punkt zwei\n\nhttps://jena.de")
    idea = db.session.scalar(db.select(Idea))
    assert "<strong>wichtig</strong>" in idea.body_html and "<em>betont</em>" in idea.body_html
    assert "<li>Punkt eins</li>" in idea.body_html
    assert 'href="https://jena.de"' in idea.body_html and 'rel="nofollow ugc noopener"' in idea.body_html


def test_support_and_withdraw_through_the_page(client, db, make_process, make_idea, resident):
    process = make_process()
    idea = make_idea(process)
    url = f"/processes/{process.slug}/ideas/{idea.id}"
    response = client.post(f"{url}/support", {}, form_url=url, follow_redirects=True)
    assert "Unterstützung zurückziehen" in response.get_data(as_text=True)
    assert "1 Unterstützung" in response.get_data(as_text=True)
    response = client.post(f"{url}/unsupport", {}, form_url=url, follow_redirects=True)
    assert "0 Unterstützungen" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Support.id))) == 0


def test_support_through_the_api_needs_the_csrf_header(client, db, make_process, make_idea, resident):
    idea = make_idea(make_process())
    response = client.api("POST", f"/api/v1/ideas/{idea.id}/support", csrf=False)
    assert response.status_code == 400
    response = client.api("POST", f"/api/v1/ideas/{idea.id}/support")
    assert response.status_code == 200
    assert response.json == {"idea": idea.id, "supported": True, "changed": True, "support_count": 1}
    response = client.api("POST", f"/api/v1/ideas/{idea.id}/support")
    assert response.json["changed"] is False and response.json["support_count"] == 1
    response = client.api("DELETE", f"/api/v1/ideas/{idea.id}/support")
    assert response.json["support_count"] == 0


def test_api_refuses_anonymous_support_and_bad_json(client, make_process, make_idea, make_user):
    process = make_process()
    idea = make_idea(process)
    assert client.api("POST", f"/api/v1/ideas/{idea.id}/support").status_code == 401
    make_user("anna@example.org")
    client.login("anna@example.org")
    response = client.api("POST", f"/api/v1/processes/{process.slug}/ideas", json=["keine", "Idee"])
    assert response.status_code == 422
    response = client.api("POST", f"/api/v1/processes/{process.slug}/ideas",
                          json={"title": 5, "body": None, "sector_id": "x"})
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"title", "body", "sector_id"}


def test_api_lists_and_filters_ideas(client, make_process, make_idea):
    process = make_process()
    make_idea(process, title="Radwege in Lobeda", sector=process.sectors[3])
    make_idea(process, title="Solar auf Schulen", sector=process.sectors[4])
    data = client.get(f"/api/v1/processes/{process.slug}/ideas?sector={process.sectors[4].id}").json
    assert [i["title"] for i in data["ideas"]] == ["Solar auf Schulen"]
    assert data["total"] == 1


def test_comment_and_reply_through_the_page(client, db, make_process, make_idea, resident):
    process = make_process(moderation="post")
    idea = make_idea(process)
    url = f"/processes/{process.slug}/ideas/{idea.id}"
    client.post(f"{url}/comments", {"body": "Sehr gute Idee!"}, form_url=url)
    root = db.session.scalar(db.select(Comment))
    client.post(f"{url}/comments", {"body": "Danke, finde ich auch.", "parent_id": str(root.id)}, form_url=url)
    html = client.get(url).get_data(as_text=True)
    assert "Sehr gute Idee!" in html and "Danke, finde ich auch." in html
    assert html.index("Sehr gute Idee!") < html.index('class="replies"') < html.index("Danke, finde ich auch.")
    response = client.post(f"{url}/comments", {"body": "x" * 2001}, form_url=url, follow_redirects=True)
    assert "2000" in response.get_data(as_text=True)


def test_list_page_filters_sorts_and_searches(client, make_process, make_idea):
    process = make_process()
    make_idea(process, title="Radwege in Lobeda", sector=process.sectors[3])
    make_idea(process, title="Solaranlagen auf Schulen", sector=process.sectors[4])
    base = f"/processes/{process.slug}/ideas"
    html = client.get(f"{base}?q=Solaranlage").get_data(as_text=True)
    assert "<mark>Solaranlagen</mark> auf Schulen" in html and "Radwege in Lobeda" not in html
    html = client.get(f"{base}?sector={process.sectors[3].id}&sort=supported").get_data(as_text=True)
    assert "Radwege in Lobeda" in html and "Solaranlagen auf Schulen" not in html
    html = client.get(f"{base}?sort=random&page=abc&sector=x").get_data(as_text=True)
    assert "Radwege in Lobeda" in html and "Solaranlagen auf Schulen" in html


def test_rejected_ideas_show_the_reason_but_not_the_text(client, db, make_process, make_idea):
    process = make_process()
    idea = make_idea(process, status=IdeaStatus.REJECTED, body="Geheimer beleidigender Text hier.")
    idea.rejection_reason = "Nicht in der Zuständigkeit der Stadt."
    db.session.commit()
    html = client.get(f"/processes/{process.slug}/ideas/{idea.id}").get_data(as_text=True)
    assert "abgelehnt" in html and "Nicht in der Zuständigkeit der Stadt." in html
    assert "Geheimer beleidigender Text" not in html


def test_merged_ideas_redirect_to_their_target(client, db, make_process, make_idea):
    process = make_process()
    target = make_idea(process, title="Mehr Bäume in der Stadt")
    merged = make_idea(process, status=IdeaStatus.MERGED)
    merged.merged_into_id = target.id
    db.session.commit()
    response = client.get(f"/processes/{process.slug}/ideas/{merged.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{target.id}")


def test_unknown_and_foreign_ideas_are_404(client, make_process, make_idea):
    jena, gera = make_process(), make_process()
    idea = make_idea(gera)
    assert client.get(f"/processes/{jena.slug}/ideas/{idea.id}").status_code == 404
    assert client.get(f"/processes/{jena.slug}/ideas/999999").status_code == 404


def test_posting_is_rate_limited(make_app, _migrated, make_process, make_user):
    from conftest import Client
    from participation.extensions import limiter

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        process = make_process(moderation="post")
        make_user("anna@example.org")
        client = Client(app.test_client())
        client.login("anna@example.org")
        codes = [post_idea(client, process, title=f"Idee Nummer {n} für Jena").status_code for n in range(11)]
        assert codes[:10] == [302] * 10
        assert codes[10] == 429
        limiter.reset()
