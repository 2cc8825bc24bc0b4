"""`Cache-Control: no-store` on every response that shows personal data, and only there.

The walk goes over the URL map: every view is either marked as showing personal data (and then
every GET route of it is requested here with real data and must answer no-store) or public (and a
sample of public pages must stay cacheable as before: no no-store)."""
import sqlalchemy as sa
from flask import url_for

from participation.security import shows_personal_data
from tests.conference.live_helpers import build_conference

# Every view that shows personal data. A new view of the lottery is personal unless @public_page.
PERSONAL = {
    "auth.settings", "processes.team",
    "moderation.queue", "moderation.review_idea", "moderation.review_comment", "moderation.audit",
    "moderation.audit_csv", "moderation.audit_xlsx", "moderation.barred", "legal.list_feedback",
    "conference.show_conference", "conference.join_cards", "conference.participant_qr", "conference.console",
    "conference.join", "conference.live", "conference.participant_console", "conference.participant_projector",
}
LOTTERY_PUBLIC = {"lottery.transparency", "lottery.public_protocol", "lottery.public_protocol_pdf",
                  "lottery.public_run_protocol"}
# GET views of the lottery that need a finished selection run, a panel or a generated file: marked
# (checked below through the URL map) but not requested here; tests/lottery cover their pages.
NOT_REQUESTED = {"lottery.show_run", "lottery.run_status", "lottery.show_panel", "lottery.panel_csv", "lottery.panel_xlsx",
                 "lottery.download_file", "lottery.file_status", "lottery.preview_register"}  # file_status: tests/lottery/test_letter_progress.py


def test_the_marks_cover_every_view_with_personal_data(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    marked = {e for e in endpoints if shows_personal_data(app, e)}
    lottery = {e for e in endpoints if e.startswith(("lottery.", "accounts."))}  # whole blueprints marked
    assert PERSONAL <= marked
    assert lottery - LOTTERY_PUBLIC <= marked and not (LOTTERY_PUBLIC & marked)
    assert marked == PERSONAL | (lottery - LOTTERY_PUBLIC)  # nothing public is marked by accident
    assert not any(e.startswith(("main.", "ideas.", "catalogue.", "api.")) for e in marked)


def _personal_urls(lottery, db, make_user, make_idea):
    from participation.conference.models import Participant
    from participation.ideas.models import Comment
    from participation.lottery.models import Invitation

    process = lottery.process
    draw = lottery.draw(letters=20)
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                    .order_by(Invitation.id)).first()
    conf = build_conference(db, process, tables=1, per_table=2)
    citizen = conf.tokens[conf.participants[conf.tables[0]][0]]
    moderator_token = conf.tokens[conf.moderator]
    person = db.session.get(Participant, conf.participants[conf.tables[0]][0])
    author = make_user(name="Rita Residentin")
    idea = make_idea(process, author=author)
    comment = Comment(idea_id=idea.id, author_id=author.id, body="Ein Kommentar mit genug Text.",
                      body_html="<p>Ein Kommentar mit genug Text.</p>")
    db.session.add(comment)
    db.session.commit()
    comment_id = comment.id
    slug, cid = process.slug, conf.conference_id
    return {
        "auth.settings": url_for("auth.settings"),
        "processes.team": url_for("processes.team", slug=slug),
        "moderation.queue": url_for("moderation.queue", slug=slug),
        "moderation.review_idea": url_for("moderation.review_idea", slug=slug, idea_id=idea.id),
        "moderation.review_comment": url_for("moderation.review_comment", slug=slug, comment_id=comment_id),
        "moderation.audit": url_for("moderation.audit", slug=slug),
        "moderation.audit_csv": url_for("moderation.audit_csv", slug=slug),
        "moderation.audit_xlsx": url_for("moderation.audit_xlsx", slug=slug),
        "moderation.barred": url_for("moderation.barred", slug=slug),
        "accounts.list_accounts": url_for("accounts.list_accounts"),
        "legal.list_feedback": url_for("legal.list_feedback"),
        "conference.show_conference": url_for("conference.show_conference", slug=slug, conference_id=cid),
        "conference.join_cards": url_for("conference.join_cards", slug=slug, conference_id=cid),
        "conference.participant_qr": url_for("conference.participant_qr", slug=slug, conference_id=cid,
                                             participant_id=person.id),
        "conference.console": url_for("conference.console", slug=slug, conference_id=cid),
        "conference.join": url_for("conference.join", token=citizen),
        "conference.live": url_for("conference.live", token=citizen),
        "conference.participant_console": url_for("conference.participant_console", token=moderator_token),
        "conference.participant_projector": url_for("conference.participant_projector", token=moderator_token),
        "lottery.overview": url_for("lottery.overview", slug=slug),
        "lottery.edit_settings": url_for("lottery.edit_settings", slug=slug),
        "lottery.access_log": url_for("lottery.access_log", slug=slug),
        "lottery.upload_register": url_for("lottery.upload_register", slug=slug),
        "lottery.new_draw": url_for("lottery.new_draw", slug=slug),
        "lottery.show_draw": url_for("lottery.show_draw", slug=slug, number=draw.number),
        "lottery.draw_protocol": url_for("lottery.draw_protocol", slug=slug, number=draw.number),
        "lottery.mail_merge": url_for("lottery.mail_merge", slug=slug, number=draw.number),
        "lottery.mail_merge_xlsx": url_for("lottery.mail_merge_xlsx", slug=slug, number=draw.number),
        "lottery.list_invitations": url_for("lottery.list_invitations", slug=slug, number=draw.number),
        "lottery.staff_response": url_for("lottery.staff_response", slug=slug, invitation_id=invitation.id),
        "lottery.selection_page": url_for("lottery.selection_page", slug=slug),
        "lottery.respond": url_for("lottery.respond", slug=slug),
        "lottery.response_form_page": url_for("lottery.response_form_page", slug=slug),
    }, draw


def test_every_page_with_personal_data_answers_no_store(app, db, lottery, make_client, make_user, make_idea):
    with app.test_request_context():
        urls, draw = _personal_urls(lottery, db, make_user, make_idea)
    get_endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                     if "GET" in rule.methods and shows_personal_data(app, rule.endpoint)}
    assert get_endpoints - NOT_REQUESTED == set(urls), "every marked GET view is requested below"
    staff = make_client()
    staff.login(lottery.staff.email)
    admin = make_client()
    admin.login(make_user(admin=True).email)
    for endpoint, url in urls.items():
        response = (admin if endpoint.startswith(("accounts.", "legal.")) else staff).get(url)
        assert response.status_code in (200, 302), (endpoint, url, response.status_code)
        assert response.headers.get("Cache-Control") == "no-store" or (
            "no-store" in response.headers.get("Cache-Control", "")), (endpoint, response.headers)
        if endpoint in ("lottery.list_invitations", "conference.show_conference", "auth.settings"):
            assert response.status_code == 200, endpoint  # the page itself, not a redirect
    # Refusals of those views are not cached either (they name the page that exists).
    stranger = make_client()
    stranger.login(make_user().email)
    refused = stranger.get(urls["lottery.list_invitations"])
    assert refused.status_code == 403 and refused.headers["Cache-Control"] == "no-store"


def test_public_pages_stay_cacheable(app, db, lottery, make_client, make_idea):
    with app.test_request_context():
        lottery.draw(letters=20)  # the transparency page then shows a draw
        idea = make_idea(lottery.process)
        slug = lottery.process.slug
        urls = [url_for("main.index"), url_for("legal.privacy"), url_for("legal.imprint"),
                url_for("legal.accessibility"), url_for("processes.show_process", slug=slug),
                url_for("ideas.list_ideas", slug=slug), url_for("ideas.show_idea", slug=slug, idea_id=idea.id),
                url_for("catalogue.list_measures", slug=slug), url_for("lottery.transparency", slug=slug),
                url_for("api.list_ideas", slug=slug), url_for("conference.join_with_code"),
                url_for("static", filename="css/app.css")]
    for visitor in (make_client(), _signed_in(make_client(), lottery.staff)):
        for url in urls:
            response = visitor.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert "no-store" not in response.headers.get("Cache-Control", ""), (url, response.headers)


def _signed_in(client, user):
    client.login(user.email)
    return client
