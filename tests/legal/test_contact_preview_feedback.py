"""Legal pages, the rest: the process's contact person in the API, one h1 in the admin preview, and
the accessibility feedback form's rate limit (a clear message past it, and nothing more stored)."""
import re

import sqlalchemy as sa

from participation.legal.models import AccessibilityFeedback


def test_the_api_gives_each_process_its_contact_person(client, make_process, db):
    named, unnamed = make_process(), make_process()
    named.contact_person = "Frau Dr. Beispiel, Amt für Klimaschutz\nTelefon 03641 49-0\n<b>klima@jena.de</b>"
    db.session.commit()
    response = client.get("/api/v1/processes")
    assert response.status_code == 200 and response.mimetype == "application/json"
    by_slug = {p["slug"]: p for p in response.get_json()["processes"]}
    assert by_slug[named.slug]["contact_person"] == named.contact_person  # plain text, as stored
    assert by_slug[unnamed.slug]["contact_person"] == ""
    assert by_slug[named.slug]["url"].endswith(f"/processes/{named.slug}/")


def _headings(html):
    return [(int(level), re.sub(r"<[^>]+>", "", text).strip())
            for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.S)]


def test_the_admin_preview_nests_the_page_under_its_own_heading(make_client, make_user):
    admin = make_client()
    admin.login(make_user(admin=True).email)
    data = {"imprint": {"operator": "Stadt Jena", "address": "Am Anger 15", "contact": "0364",
                        "representative": "OB", "content_responsible": "Amt 31", "imprint_extra": "Mehr"},
            "privacy": {}, "accessibility": {"conformance": "partial", "evaluation_date": "2026-11-30"}}
    for page, fields in data.items():
        form = admin.get(f"/admin/legal/{page}").get_data(as_text=True)
        values = dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\s*([^<]*)</textarea>', form))
        values.update(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
        values.pop("csrf_token", None)
        response = admin.post(f"/admin/legal/{page}", dict(values, **fields, preview="y"),
                              form_url=f"/admin/legal/{page}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "legal-preview" in html, page
        headings = _headings(html.split('<main', 1)[1])
        assert [h for h in headings if h[0] == 1] == [(1, "Rechtliche Seite bearbeiten")], (page, headings)
        preview = html.split('class="panel legal-preview"', 1)[1].split("</section>", 1)[0]
        levels = [level for level, _ in _headings(preview)]
        assert levels[0] == 2 and levels[1] == 3 and min(levels[2:]) >= 4, (page, levels)
        # The published page keeps its own h1.
        public = {"imprint": "/impressum", "privacy": "/datenschutz", "accessibility": "/barrierefreiheit"}[page]
        published = _headings(make_client().get(public).get_data(as_text=True).split('<main', 1)[1])
        assert [level for level, _ in published].count(1) == 1 and published[0][0] == 1


def test_feedback_past_the_rate_limit_gets_a_clear_message_and_stores_nothing(app, make_app, db):
    from conftest import Client
    from participation.extensions import limiter

    limited = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    with limited.app_context():
        limiter.reset()
    try:
        visitor = Client(limited.test_client())
        statuses = []
        for n in range(6):
            response = visitor.post("/barrierefreiheit", {"message": f"Barriere Nummer {n + 1}: der Kontrast."},
                                    form_url="/barrierefreiheit")
            statuses.append(response.status_code)
        assert statuses == [302] * 5 + [429]  # five an hour from one address
        page = response.get_data(as_text=True)
        assert "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es erneut." in page
        db.session.expire_all()
        stored = db.session.scalars(sa.select(AccessibilityFeedback.message).order_by(AccessibilityFeedback.id)).all()
        assert stored == [f"Barriere Nummer {n}: der Kontrast." for n in range(1, 6)]
        assert visitor.get("/barrierefreiheit").status_code == 200  # reading the statement stays possible
    finally:
        with limited.app_context():
            limiter.reset()
