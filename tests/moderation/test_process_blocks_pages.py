"""Bars from one process through HTTP: the moderator's review page and list, the barred
resident's pages and forms in that process and in another, the JSON API, the admins' account
page, and hostile reasons stored and shown escaped."""
import html5lib
import pytest

from participation.auth.models import ProcessRoleKind, User
from participation.ideas.models import Comment, Idea, Support
from participation.moderation.models import AuditEntry, ProcessBlock, Report

REASON = "Wiederholt beleidigende Kommentare trotz Hinweis."
HOSTILE = '<script>alert("bar")</script><img src=x onerror=alert(1)> {{ 7*7 }} \u202eevil <b>fett</b>'
SHOWN = HOSTILE.strip().replace("\u202e", "")  # pages drop bidi overrides from what they print


@pytest.fixture
def scene(make_process, make_user, make_idea, make_client):
    a = make_process(title="Klimaschutz Altstadt", moderation="post")
    b = make_process(title="Klimaschutz Bergdorf", moderation="post")
    moderator = make_user("mod-a@example.org", name="Moritz A", roles=[(a, ProcessRoleKind.MODERATOR)])
    resident = make_user("rosa@example.org", name="Rosa Resident")
    other = make_user("otto@example.org", name="Otto Other")
    rosas_idea = make_idea(a, author=resident, title="Wärmepumpen für die Altstadt")
    idea_a = make_idea(a, author=other, title="Mehr Bäume am Markt pflanzen")
    idea_b = make_idea(b, author=other, title="Ein Bürgerbus für das Bergdorf")
    mod_client, resident_client = make_client(), make_client()
    mod_client.login("mod-a@example.org")
    resident_client.login("rosa@example.org")
    return a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, resident_client


def bar(client, process, user, reason=REASON, confirm=True, form_url=None):
    data = {"reason": reason}
    if confirm:
        data["confirm"] = "y"
    return client.post(f"/processes/{process.slug}/moderation/users/{user.id}/bar", data,
                       form_url=form_url or f"/processes/{process.slug}/moderation/barred", follow_redirects=True)


def document(response):
    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def injected(tree):
    """Elements or attributes a hostile reason could have brought into the page."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and not element.get("src"):
            found.append("inline script")
        if element.tag == "img" and element.get("src") == "x":
            found.append("img")
        if element.tag == "b" and (element.text or "") == "fett":
            found.append("b")
        found += [f"{element.tag}[{name}]" for name in element.attrib if name.startswith("on")]
    return found


def text_of(tree, element_id):
    element = tree.find(f".//*[@id='{element_id}']")
    assert element is not None, f"no #{element_id}"
    return "".join(element.itertext())


def flashes(tree):
    return " ".join("".join(p.itertext()) for p in tree.iter("p") if "flash" in (p.get("class") or ""))


def test_the_moderator_bars_from_the_review_page_sees_the_list_and_lifts_it(db, scene):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, _ = scene
    review = f"/processes/{a.slug}/moderation/ideas/{rosas_idea.id}"
    page = mod_client.get(review).get_data(as_text=True)
    assert "Für diesen Prozess sperren" in page and "button-danger" in page
    assert "/moderation/users/" in page and "/block" not in page  # no instance-wide block for moderators

    refused = bar(mod_client, a, resident, confirm=False, form_url=review)  # not confirmed
    assert "Bitte bestätigen Sie die Sperre." in flashes(document(refused))
    assert db.session.scalar(db.select(db.func.count(ProcessBlock.id))) == 0

    done = bar(mod_client, a, resident, form_url=review)
    assert "Rosa Resident ist für diesen Prozess gesperrt." in flashes(document(done))
    listing = document(mod_client.get(f"/processes/{a.slug}/moderation/barred"))
    row = "".join(listing.find(".//ul[@class='account-list']").itertext())
    assert "Rosa Resident" in row and REASON in row and "Moritz A" in row
    assert "rosa@example.org" not in "".join(listing.itertext())  # moderators need no address
    assert "Sperre aufheben" in "".join(document(mod_client.get(review)).itertext())

    response = mod_client.post(f"/processes/{a.slug}/moderation/users/{resident.id}/unbar", {},
                               form_url=f"/processes/{a.slug}/moderation/barred", follow_redirects=True)
    assert "kann sich wieder an diesem Prozess beteiligen" in flashes(document(response))
    assert db.session.scalar(db.select(db.func.count(ProcessBlock.id))) == 0
    assert [(e.action, e.process_id) for e in db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.object_type == "user").order_by(AuditEntry.id))] == [
        ("user.bar", a.id), ("user.unbar", a.id)]


def test_a_moderator_of_a_reaches_nothing_of_b_and_blocks_nobody_everywhere(db, scene):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, resident_client = scene
    for url in (f"/processes/{b.slug}/moderation/users/{resident.id}/bar",
                f"/processes/{b.slug}/moderation/users/{resident.id}/unbar"):
        assert mod_client.post(url, {"reason": REASON, "confirm": "y"}).status_code == 403
    assert mod_client.get(f"/processes/{b.slug}/moderation/barred").status_code == 403
    assert mod_client.get("/admin/accounts/").status_code == 403
    assert mod_client.post(f"/admin/accounts/{resident.id}/block", {"reason": REASON, "confirm": "y"}).status_code == 403
    assert mod_client.post(f"/processes/{a.slug}/moderation/users/{resident.id}/block",
                           {"reason": REASON}).status_code == 404  # the old instance-wide route is gone
    db.session.expire_all()
    assert db.session.get(User, resident.id).blocked_at is None
    assert db.session.scalar(db.select(db.func.count(ProcessBlock.id))) == 0
    # The resident notices nothing in B.
    page = resident_client.get(f"/processes/{b.slug}/ideas/{idea_b.id}").get_data(as_text=True)
    assert "gesperrt" not in page and 'id="comment-form"' in page


def test_the_barred_resident_sees_why_on_as_pages_is_refused_there_and_b_works(db, scene):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, client = scene
    bar(mod_client, a, resident)
    idea_url = f"/processes/{a.slug}/ideas/{idea_a.id}"

    for url in (f"/processes/{a.slug}/", f"/processes/{a.slug}/ideas", idea_url, f"/processes/{a.slug}/ideas/new",
                f"/processes/{a.slug}/ideas/{rosas_idea.id}/edit"):
        tree = document(client.get(url, follow_redirects=True))
        notice = text_of(tree, "barred-notice")
        assert "Sie sind für diesen Prozess gesperrt." in notice and REASON in notice, url
        assert "nur für diesen Prozess" in notice, url
    page = client.get(idea_url).get_data(as_text=True)
    assert 'id="comment-form"' not in page and "/report" not in page and f"{idea_url}/support" not in page
    assert "Idee einreichen" not in client.get(f"/processes/{a.slug}/ideas").get_data(as_text=True)

    # Every form sent anyway is refused with the reason, and nothing is stored.
    csrf = client.csrf_token(f"/processes/{b.slug}/ideas/new")
    sent = {
        f"/processes/{a.slug}/ideas/new": {"title": "Noch eine Idee zur Altstadt", "body": "Mit genug Text darin.",
                                           "sector_id": str(a.sectors[0].id)},
        f"/processes/{a.slug}/ideas/{rosas_idea.id}/edit": {"title": "Wärmepumpen für alle",
                                                            "body": "Beratung und Förderung.",
                                                            "sector_id": str(a.sectors[0].id)},
        f"{idea_url}/support": {},
        f"{idea_url}/comments": {"body": "Ich bin dafür."},
        f"/processes/{a.slug}/ideas/{idea_a.id}/report": {"reason": "Das ist Werbung."},
    }
    for url, data in sent.items():
        response = client.post(url, {**data, "csrf_token": csrf}, follow_redirects=True)
        assert response.status_code == 200, url
        said = flashes(document(response))
        assert "Sie sind für" in said and REASON in said and "nur für diesen Prozess" in said, url
    assert db.session.scalar(db.select(db.func.count(Idea.id)).where(Idea.author_id == resident.id)) == 1
    assert db.session.get(Idea, rosas_idea.id).title == "Wärmepumpen für die Altstadt"
    assert db.session.scalar(db.select(db.func.count(Support.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 0

    # In B: no notice, and posting, supporting, commenting and reporting work.
    b_url = f"/processes/{b.slug}/ideas/{idea_b.id}"
    page = client.get(b_url).get_data(as_text=True)
    assert 'id="barred-notice"' not in page and 'id="comment-form"' in page and f"{b_url}/support" in page
    assert client.post(f"/processes/{b.slug}/ideas/new", {
        "title": "Radweg ins Nachbardorf", "body": "Ein sicherer Radweg entlang der Landstraße.",
        "sector_id": str(b.sectors[3].id), "csrf_token": csrf}).status_code == 302
    client.post(f"{b_url}/support", {"csrf_token": csrf})
    client.post(f"{b_url}/comments", {"body": "Sehr gut!", "csrf_token": csrf})
    client.post(f"/processes/{b.slug}/ideas/{idea_b.id}/report", {"reason": "Bitte prüfen.", "csrf_token": csrf})
    assert db.session.scalar(db.select(db.func.count(Idea.id)).where(Idea.process_id == b.id,
                                                                     Idea.author_id == resident.id)) == 1
    assert db.session.scalar(db.select(db.func.count(Support.id)).where(Support.idea_id == idea_b.id)) == 1
    assert db.session.scalar(db.select(db.func.count(Comment.id)).where(Comment.idea_id == idea_b.id)) == 1
    assert db.session.scalar(db.select(db.func.count(Report.id)).where(Report.process_id == b.id)) == 1


def test_the_json_api_refuses_the_barred_resident_in_a_only(db, scene):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, client = scene
    bar(mod_client, a, resident)
    idea = {"title": "Radweg über den Markt", "body": "Ein sicherer Radweg quer durch die Altstadt.",
            "sector_id": a.sectors[3].id}
    response = client.api("POST", f"/api/v1/processes/{a.slug}/ideas", json=idea)
    assert response.status_code == 403
    assert REASON in response.json["error"]["message"] and "nur für diesen Prozess" in response.json["error"]["message"]
    response = client.api("POST", f"/api/v1/ideas/{idea_a.id}/support")
    assert response.status_code == 403 and REASON in response.json["error"]["message"]
    assert db.session.scalar(db.select(db.func.count(Support.id))) == 0

    response = client.api("POST", f"/api/v1/processes/{b.slug}/ideas", json={**idea, "sector_id": b.sectors[3].id})
    assert response.status_code == 201
    response = client.api("POST", f"/api/v1/ideas/{idea_b.id}/support")
    assert response.status_code == 200 and response.json["support_count"] == 1


def test_a_hostile_reason_is_stored_as_given_and_shown_as_text(db, scene):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, client = scene
    bar(mod_client, a, resident, reason=HOSTILE)
    assert db.session.scalar(db.select(ProcessBlock.reason)) == HOSTILE.strip()
    assert db.session.scalar(db.select(AuditEntry.summary).where(AuditEntry.action == "user.bar")) == HOSTILE.strip()

    listing = document(mod_client.get(f"/processes/{a.slug}/moderation/barred"))
    assert injected(listing) == [] and SHOWN in "".join(listing.find(".//ul[@class='account-list']").itertext())
    review = document(mod_client.get(f"/processes/{a.slug}/moderation/ideas/{rosas_idea.id}"))
    assert injected(review) == [] and SHOWN in "".join(review.itertext())
    for url in (f"/processes/{a.slug}/", f"/processes/{a.slug}/ideas/{idea_a.id}"):
        tree = document(client.get(url))
        assert injected(tree) == [] and SHOWN in text_of(tree, "barred-notice"), url
    response = client.post(f"/processes/{a.slug}/ideas/{idea_a.id}/comments", {"body": "Ich bin dafür."},
                           form_url=f"/processes/{b.slug}/ideas/new", follow_redirects=True)
    tree = document(response)
    assert injected(tree) == [] and SHOWN in flashes(tree)
    response = client.api("POST", f"/api/v1/ideas/{idea_a.id}/support")
    assert HOSTILE.strip() in response.json["error"]["message"]
    assert "49" not in text_of(tree, "barred-notice")  # template syntax stays text


def test_admins_block_everywhere_from_the_account_page(db, scene, make_user, make_client):
    a, b, moderator, resident, rosas_idea, idea_a, idea_b, mod_client, resident_client = scene
    admin = make_user("admin@example.org", name="Ada Admin", admin=True)
    staff = make_user("staff-a@example.org", roles=[(a, ProcessRoleKind.STAFF)])
    staff_client, admin_client = make_client(), make_client()
    staff_client.login(staff.email)
    admin_client.login(admin.email)
    assert staff_client.get("/admin/accounts/").status_code == 403
    assert "Konten" in admin_client.get("/processes/manage").get_data(as_text=True)

    found = document(admin_client.get("/admin/accounts/?q=ROSA"))
    assert "rosa@example.org" in "".join(found.itertext()) and "otto@example.org" not in "".join(found.itertext())
    assert admin_client.get("/admin/accounts/?q=%25_").status_code == 200  # wildcards are plain text

    url = f"/admin/accounts/{resident.id}/block"
    response = admin_client.post(url, {"reason": REASON}, form_url="/admin/accounts/", follow_redirects=True)
    assert "Bitte bestätigen Sie die Sperrung." in flashes(document(response))
    response = admin_client.post(url, {"reason": HOSTILE, "confirm": "y"}, form_url="/admin/accounts/",
                                 follow_redirects=True)
    tree = document(response)
    assert injected(tree) == [] and SHOWN in "".join(tree.itertext())
    db.session.expire_all()
    assert db.session.get(User, resident.id).blocked_reason == HOSTILE.strip()
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "user.block"))
    assert entry.process_id is None and entry.actor_id == admin.id
    # The blocked account's session ends: the next request is anonymous.
    assert resident_client.get("/account/settings").status_code == 302

    response = admin_client.post(f"/admin/accounts/{resident.id}/unblock", {}, form_url="/admin/accounts/",
                                 follow_redirects=True)
    db.session.expire_all()
    assert db.session.get(User, resident.id).blocked_at is None
    assert admin_client.post(f"/admin/accounts/{admin.id}/block", {"reason": REASON, "confirm": "y"},
                             form_url="/admin/accounts/").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, admin.id).blocked_at is None
