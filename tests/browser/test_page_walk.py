"""Every page type in real Chromium, at 360 px and at 1280 px: the page does not scroll sideways and
axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation.

One walk over the German demo (`participation.demo.seed`, built once for the walk: processes, 880
ideas, the measure catalogue, a drawn lottery with answers, a selection run, a running conference):
anonymous visitors, a resident, the moderator, the staff member and the admin, each signed in with
their second factor; people who came by join link as citizen, facilitator and moderator; the live
conference pages with a round open, after the vote and closed; forms in their error states; the
error pages. A check beside it keeps the walk complete: every GET route of the app that renders a
page is walked, or is named in NOT_PAGES with the reason.

axe-core is vendored for the tests only (tests/browser/vendor/, with its licence and source).

Beside it: after supporting an idea with the keyboard, the focus stays on the support button.
"""
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from tests.browser.test_journeys import support_count_in_db
from tests.conftest import PASSWORD, TOTP_SECRET, browser_second_factor

HERE = Path(__file__).resolve().parent
AXE = next((HERE / "vendor").glob("axe-core-*/axe.min.js"))
ARTIFACTS = HERE.parents[1] / "test-artifacts" / "page-walk"
WIDTHS = (360, 1280)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 15_000
# PAGE_WALK_SCREENSHOTS=1: a full-page screenshot of every page at both widths in test-artifacts/page-walk/.
SCREENSHOTS = os.environ.get("PAGE_WALK_SCREENSHOTS", "") not in ("", "0")

# GET routes that are not pages a person reads: downloads, machine formats, redirects, probes.
NOT_PAGES = {
    "static": "files",
    "main.healthz": "a probe for the load balancer",
    "lottery.file_status": "JSON the letters' progress bar polls",
    "main.privacy": "redirects to /datenschutz",
    "api.show_idea": "JSON API", "api.list_processes": "JSON API", "api.list_ideas": "JSON API",
    "moderation.audit_csv": "download", "moderation.audit_xlsx": "download",
    "conference.join_cards": "PDF", "conference.participant_qr": "SVG image",
    "conference.results_csv": "download", "conference.results_xlsx": "download",
    "lottery.mail_merge": "download", "lottery.mail_merge_xlsx": "download",
    "lottery.draw_protocol": "JSON protocol", "lottery.download_file": "download",
    "lottery.panel_csv": "download", "lottery.panel_xlsx": "download",
    "lottery.run_status": "JSON progress", "lottery.public_protocol": "JSON protocol",
    "lottery.public_protocol_pdf": "PDF", "lottery.public_run_protocol": "JSON protocol",
    "catalogue.export_links": "download", "catalogue.export_links_xlsx": "download",
    "catalogue.export_catalogue": "download", "catalogue.export_catalogue_xlsx": "download",
    "catalogue.measure_pdf": "PDF",
    "auth.verify_email": "redirects to the sign-in page with a message (walked there)",
    "auth.sign_in_link": "signs in and redirects (its form state is walked on the sign-in page)",
}

# The axe-core run and the widest elements, as plain JavaScript.
AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                                     targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))"""
OVERFLOW = """() => {
  const limit = window.innerWidth;
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.classList.length ? '.' + [...e.classList].join('.') : '');
  const wide = [];
  for (const e of document.body.querySelectorAll('*')) {
    const box = e.getBoundingClientRect();
    if (box.right <= limit + 1 || box.width === 0) continue;
    let clipped = false;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) { clipped = true; break; }
      if (a.getBoundingClientRect().right > limit + 1) { clipped = true; break; }  // report the outermost
    }
    if (!clipped) wide.push(describe(e) + ' (' + Math.round(box.right) + ' px)');
  }
  return {scroll: document.documentElement.scrollWidth, inner: limit, wide: wide.slice(0, 5)};
}"""


@dataclass
class Walk:
    base_url: str
    problems: list = field(default_factory=list)
    walked: set = field(default_factory=set)
    endpoints: dict = field(default_factory=dict)  # path -> endpoint, filled by the check

    def check(self, page, name):
        """Both widths on the page as loaded: the scroll width and axe-core."""
        began = time.monotonic()
        page.wait_for_load_state("load")
        if page.locator("[data-live-status]").count():
            page.locator("[data-live-status]").first.wait_for()
            deadline = time.monotonic() + 10
            while page.locator("[data-live-status]").first.text_content().strip() != "Verbunden" \
                    and time.monotonic() < deadline:
                page.wait_for_timeout(50)
        self.walked.add(urlparse(page.url).path)
        page.add_script_tag(path=str(AXE))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            where = f"{name} ({urlparse(page.url).path}) at {width} px"
            fit = page.evaluate(OVERFLOW)
            if fit["scroll"] > fit["inner"]:
                self.problems.append(f"{where}: {fit['scroll']} px wide in {fit['inner']} px; widest: "
                                     + "; ".join(fit["wide"]))
            for violation in page.evaluate(AXE_RUN, AXE_TAGS):
                self.problems.append(f"{where}: axe {violation['id']} ({violation['impact']}) at "
                                     + "; ".join(violation["targets"]))
            if SCREENSHOTS:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                page.screenshot(path=str(ARTIFACTS / f"{slug}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        print(f"walked {name}: {time.monotonic() - began:.1f} s")  # shown with pytest -s

    def visit(self, page, path, name, redirects_to=None):
        """Open `path` (which must not redirect, or only to `redirects_to`) and check it."""
        response = page.goto(self.base_url + path)
        if response is None or response.status >= 400:
            self.problems.append(f"{name} ({path}): HTTP {response.status if response else 'none'}")
        if urlparse(page.url).path != (redirects_to or urlparse(path).path):
            self.problems.append(f"{name} ({path}): redirected to {urlparse(page.url).path}")
        self.check(page, name)

    def submit_empty(self, page, path, button, name, fill=None):
        """Open a form, leave it empty (or fill what `fill` names), let the browser skip its own checks, send."""
        page.goto(self.base_url + path)
        for label, value in (fill or {}).items():
            page.get_by_label(label, exact=True).fill(value)
        submit = page.get_by_role("button", name=button, exact=True).first
        submit.evaluate("b => { b.form.noValidate = true; }")
        with page.expect_navigation():
            submit.click()
        self.check(page, name)


def new_context(browser):
    # bypass_csp: the page's Content-Security-Policy (script-src 'self') would refuse the injected axe-core.
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


def sign_in(context, base_url, email, walk=None):
    """Password, then the second factor; with `walk`, the code step and the enrolment are walked too."""
    page = context.new_page()
    page.goto(base_url + "/account/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    if walk and "/account/login/code" in page.url:
        walk.check(page, "second-factor code")
    if "/account/two-factor/setup" in page.url:  # first sign-in of a role account: enrol, as a person does
        from flask import current_app

        from tests.conftest import totp_code

        if walk:
            walk.check(page, "second-factor enrolment")
        secret = page.locator("[data-secret]").text_content().replace(" ", "")
        page.locator("input[name=code]").fill(totp_code(current_app, email, secret))
        with page.expect_navigation():
            page.get_by_role("button", name="Einrichten").click()
        if walk:
            walk.check(page, "recovery codes")
        page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
    browser_second_factor(page, email)
    page.wait_for_load_state()
    assert "/account/login" not in page.url, f"{email} could not sign in: {page.url}"
    return page


def build_world(db):
    """The German demo with every account able to sign in (second factor for the role accounts), a
    register upload waiting for its preview, the drawn panel, and a conference round with a timer."""
    from participation.auth.models import User
    from participation.auth.two_factor import store_secret
    from participation.catalogue.models import Measure
    from participation.conference.models import Conference, Participant, ThemeTable, VotingRound
    from participation.database import unit_of_work, utcnow
    from participation.demo.conference import demo_links
    from participation.demo.seed import MAIN_SLUG, SECOND_SLUG, seed_demo
    from participation.ideas.models import Comment, Idea, IdeaStatus
    from participation.lottery import panels, services
    from participation.lottery.models import Draw, Invitation, SelectionRun
    from participation.processes.models import Process
    from tests.conftest import register_bytes

    seed_demo(password=PASSWORD)
    with unit_of_work():
        accounts = {u.email: u for u in db.session.scalars(sa.select(User).where(User.email.in_(
            ["admin@beispiel.de", "staff@beispiel.de", "moderation@beispiel.de", "bewohnerin@beispiel.de"])))}
        for email in ("admin@beispiel.de", "staff@beispiel.de"):  # the moderator enrols in the browser
            store_secret(accounts[email], TOTP_SECRET)
            accounts[email].totp_enabled_at = utcnow()
    process = db.session.scalar(sa.select(Process).where(Process.slug == MAIN_SLUG))
    staff = accounts["staff@beispiel.de"]
    with unit_of_work():
        upload = services.stage_upload(staff, process, "melderegister.csv", register_bytes(40, 3))
        upload_token = upload.token
    run = db.session.scalar(sa.select(SelectionRun).where(SelectionRun.process_id == process.id))
    with unit_of_work():
        panel = panels.draw_panel(staff, run, "7", "Ein zehnseitiger Würfel in der Sitzung des Stadtrats")
        panel_id = panel.id
    conference = db.session.scalar(sa.select(Conference).where(Conference.process_id == process.id))
    links = demo_links(conference)
    citizen, facilitator = links["citizen"], links["facilitator"]
    unseated = db.session.scalar(sa.select(Idea).where(Idea.process_id == process.id,
                                                      Idea.status == IdeaStatus.SUBMITTED).order_by(Idea.id))
    published = db.session.scalar(sa.select(Idea).where(Idea.process_id == process.id,
                                                       Idea.status == IdeaStatus.PUBLISHED)
                                  .order_by(Idea.support_count.desc()))
    own = db.session.scalar(sa.select(Idea).where(Idea.process_id == process.id,
                                                 Idea.author_id == accounts["bewohnerin@beispiel.de"].id)
                            .order_by(Idea.moderated_at.is_not(None), Idea.id))
    if not own.can_edit(accounts["bewohnerin@beispiel.de"]):
        with unit_of_work():  # the moderation asked her to revise it: the edit form is open to her
            own.edit_requested_at = utcnow()
    draw = db.session.scalar(sa.select(Draw).where(Draw.process_id == process.id))
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                   .order_by(Invitation.position))
    return World(
        slug=MAIN_SLUG, second_slug=SECOND_SLUG, conference_id=conference.id, upload_token=upload_token,
        panel_id=panel_id, run_id=run.id, draw_number=draw.number, invitation_id=invitation.id,
        invitation_code=invitation.code,
        measure_code=db.session.scalar(sa.select(Measure.code).where(Measure.process_id == process.id)
                                       .order_by(Measure.code)),
        idea_id=published.id, own_idea_id=own.id, submitted_idea_id=unseated.id,
        comment_id=db.session.scalar(sa.select(Comment.id).where(Comment.idea_id == published.id)
                                     .order_by(Comment.id)),
        table_id=citizen.table_id, facilitator_table_id=facilitator.table_id,
        citizen_token=citizen.token, facilitator_token=facilitator.token, moderator_token=links["moderator"].token,
        citizen_id=citizen.id, event_code=conference.event_code,
        other_table_id=db.session.scalar(sa.select(ThemeTable.id).where(ThemeTable.conference_id == conference.id)
                                         .order_by(ThemeTable.id)),
        rounds=(Participant, VotingRound),
    )


class World:
    def __init__(self, **values):
        self.__dict__.update(values)


def set_round(db, world, state):
    """Open a round with a timer at the citizen's table, have the citizen vote, or close it."""
    from participation.auth.models import User
    from participation.conference import services
    from participation.conference.models import Participant
    from participation.database import unit_of_work

    staff = db.session.scalar(sa.select(User).where(User.email == "staff@beispiel.de"))
    conference = services.get_conference(world.conference_id)
    with unit_of_work():
        if state == "open":
            voting_round = services.create_round(staff, conference, world.table_id, title="Was zuerst umsetzen?",
                                                 method="single", duration_seconds=900)
            services.open_round(staff, voting_round)
            world.round_id = voting_round.id
        elif state == "voted":
            items = services.items_for(world.conference_id, world.table_id)
            services.cast_vote(db.session.get(Participant, world.citizen_id), world.round_id,
                               {"item": items[0].id})
        else:
            services.close_round(staff, world.round_id)
    db.session.expire_all()


@pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                    reason="the look of a page does not depend on the database: the SQLite run walks every page")
def test_every_page_type_fits_a_phone_and_passes_axe(app, browser, live_server, db):
    base_url, mailbox = live_server
    started = time.monotonic()
    world = build_world(db)
    print(f"world built: {time.monotonic() - started:.1f} s")
    walk = Walk(base_url)
    s, c = world.slug, f"/processes/{world.slug}/conferences/{world.conference_id}"
    lot = f"/processes/{s}/lottery"

    # Anonymous visitors.
    context = new_context(browser)
    page = context.new_page()
    for path, name in [
        ("/", "start page"), ("/impressum", "imprint"), ("/datenschutz", "privacy notice"),
        ("/barrierefreiheit", "accessibility statement"),
        (f"/processes/{s}/", "process"), (f"/processes/{world.second_slug}/", "upcoming process"),
        (f"/processes/{s}/ideas", "idea list"), (f"/processes/{s}/ideas?q=Radweg", "idea search"),
        (f"/processes/{s}/ideas/{world.idea_id}", "idea"),
        (f"/processes/{s}/measures", "catalogue"), (f"/processes/{s}/measures/{world.measure_code}", "measure"),
        (f"/processes/{s}/measures/{world.measure_code}/history", "measure history"),
        (f"{lot}/transparency", "lottery transparency"),
        ("/account/login", "sign-in"), ("/account/register", "registration"), ("/account/reset", "password reset"),
        ("/konferenz", "join with event code"), (f"/processes/{s}/respond", "letter code"),
    ]:
        walk.visit(page, path, name)
    walk.submit_empty(page, "/account/register", "Konto erstellen", "registration with errors")
    walk.submit_empty(page, "/account/login", "Anmelden", "sign-in with errors",
                      fill={"E-Mail-Adresse": "niemand@example.org", "Passwort": "falsch"})
    walk.submit_empty(page, "/account/reset", "Link senden", "password reset with errors")
    walk.submit_empty(page, "/konferenz", "Teilnehmen", "event code with errors")
    walk.submit_empty(page, f"/processes/{s}/respond", "Weiter", "letter code with errors")
    walk.submit_empty(page, "/barrierefreiheit", "Nachricht senden", "accessibility feedback with errors")
    walk.visit(page, "/account/reset/not-a-token", "reset link not valid", redirects_to="/account/reset")
    walk.visit(page, "/account/sign-in/not-a-valid-link-token-0000", "sign-in link not valid",
               redirects_to="/account/login")
    page.goto(base_url + "/processes/kein-prozess/")  # the error page answers 404
    walk.check(page, "page not found")
    # The letter's code leads to the answer form; empty, it shows its errors.
    page.goto(f"{base_url}/processes/{s}/respond?code={world.invitation_code}")
    with page.expect_navigation():
        page.get_by_role("button", name="Weiter", exact=True).click()
    walk.check(page, "answer to the letter")
    context.close()

    # A resident.
    context = new_context(browser)
    page = sign_in(context, base_url, "bewohnerin@beispiel.de")
    for path, name in [
        ("/account/settings", "account settings"), (f"/processes/{s}/ideas/new", "new idea"),
        (f"/processes/{s}/ideas/{world.own_idea_id}", "own idea"),
        (f"/processes/{s}/ideas/{world.own_idea_id}/edit", "edit own idea"),
    ]:
        walk.visit(page, path, name)
    walk.submit_empty(page, f"/processes/{s}/ideas/new", "Idee absenden", "new idea with errors")
    page.goto(f"{base_url}/processes/{s}/moderation")  # 403 for a resident
    walk.check(page, "forbidden")
    context.close()

    # The moderator.
    context = new_context(browser)
    page = sign_in(context, base_url, "moderation@beispiel.de", walk)
    for path, name in [
        (f"/processes/{s}/moderation", "moderation queue"),
        (f"/processes/{s}/moderation/ideas/{world.submitted_idea_id}", "idea review"),
        (f"/processes/{s}/moderation/comments/{world.comment_id}", "comment review"),
        (f"/processes/{s}/moderation/barred", "barred words"), (f"/processes/{s}/moderation/reasons", "reasons"),
        (f"{c}/console", "moderator console"),
    ]:
        walk.visit(page, path, name)
    context.close()

    # The staff member.
    context = new_context(browser)
    page = sign_in(context, base_url, "staff@beispiel.de", walk)
    for path, name in [
        ("/processes/manage", "process management"), (f"/processes/{s}/audit", "audit log"),
        (f"/processes/{s}/priorities", "priorities"), (f"/processes/{s}/conferences", "conference list"),
        (f"{c}/results", "conference results"), (f"{lot}/draws/{world.draw_number}", "draw"), (f"/processes/{s}/edit", "edit process"),
        (f"/processes/{s}/sectors", "sectors"), (f"/processes/{s}/team", "team"),
        (f"/processes/{s}/measures/new", "new measure"),
        (f"/processes/{s}/measures/{world.measure_code}/edit", "edit measure"),
        (f"/processes/{s}/measures/{world.measure_code}/scores", "measure scores"),
        (f"/processes/{s}/measures", "catalogue for staff"),
        (f"/processes/{s}/conferences/new", "new conference"), (f"{c}/edit", "edit conference"),
        (c, "conference admin"), (f"{c}/projector", "plenary projector"),
        (f"{c}/tables/{world.table_id}/projector", "table projector"),
        (lot, "lottery overview"), (f"{lot}/settings", "lottery settings"),
        (f"{lot}/register/upload", "register upload"),
        (f"{lot}/register/upload/{world.upload_token}", "register preview"),
        (f"{lot}/draws/{world.draw_number}/invitations", "invitations"),
        (f"{lot}/invitations/{world.invitation_id}", "answer entered by staff"),
        (f"{lot}/selection", "selection"), (f"{lot}/selection/runs/{world.run_id}", "selection run"),
        (f"{lot}/panels/{world.panel_id}", "panel"), (f"{lot}/access-log", "access log"),
        (f"{lot}/draws/new", "new draw"),
    ]:
        walk.visit(page, path, name)
    walk.submit_empty(page, f"/processes/{s}/measures/new", "Speichern", "new measure with errors")
    walk.submit_empty(page, f"/processes/{s}/conferences/new", "Speichern", "new conference with errors")
    context.close()

    # The admin.
    context = new_context(browser)
    page = sign_in(context, base_url, "admin@beispiel.de")
    for path, name in [
        ("/admin/accounts/", "accounts"), ("/admin/legal/", "legal pages"),
        ("/admin/legal/imprint", "edit imprint"), ("/admin/legal/privacy", "edit privacy notice"),
        ("/admin/legal/accessibility", "edit accessibility statement"),
        ("/admin/legal/feedback", "accessibility feedback"), ("/account/admin/two-factor", "reset second factor"),
        ("/processes/new", "new process"),
    ]:
        walk.visit(page, path, name)
    walk.submit_empty(page, "/processes/new", "Speichern", "new process with errors")
    context.close()

    # By join link; the live pages without a round, with one open, after the vote, closed.
    contexts = [new_context(browser) for _ in range(3)]
    citizen, facilitator, moderator = (context.new_page() for context in contexts)
    for state in ("none", "open", "voted", "closed"):
        if state != "none":
            set_round(db, world, state)
        walk.visit(citizen, f"/k/{world.citizen_token}/live", f"citizen live, round {state}")
        walk.visit(facilitator, f"/k/{world.facilitator_token}/console", f"facilitator console, round {state}")
        walk.visit(moderator, f"/k/{world.moderator_token}/console", f"moderator console, round {state}")
    walk.visit(citizen, f"/k/{world.citizen_token}", "citizen join page")
    walk.visit(facilitator, f"/k/{world.facilitator_token}", "facilitator join page")
    walk.visit(moderator, f"/k/{world.moderator_token}/projector", "projector by join link")
    walk.visit(moderator, f"/k/{world.moderator_token}", "moderator join page")
    for context in contexts:
        context.close()

    # Through the mail: the password reset form.
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + "/account/reset")
    page.get_by_label("E-Mail-Adresse").fill("bewohnerin@beispiel.de")
    page.get_by_role("button", name="Link senden").click()
    page.wait_for_load_state()
    walk.visit(page, urlparse(mailbox.link(mailbox.last_to("bewohnerin@beispiel.de"), "/account/reset/")).path,
               "new password")
    context.close()

    # The walk is complete: every page route was visited (or is named in NOT_PAGES).
    adapter = app.url_map.bind("localhost")
    visited = {adapter.match(path)[0] for path in walk.walked}
    pages = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods} - set(NOT_PAGES)
    missing = sorted(pages - visited)
    elapsed = time.monotonic() - started
    assert not walk.problems and not missing, (
        f"{len(walk.walked)} pages walked in {elapsed:.0f} s; page routes not walked: {missing}\n"
        + "\n".join(walk.problems))


def test_supporting_with_the_keyboard_keeps_the_focus_on_the_button(
        browser, live_server, db, make_user, make_process, make_idea):
    base_url, _ = live_server
    process = make_process(moderation="post")
    idea_id = make_idea(process, title="Trinkbrunnen am Marktplatz aufstellen").id
    user = make_user(name="Kim Tastatur")
    slug, email = process.slug, user.email

    context = new_context(browser)
    try:
        page = sign_in(context, base_url, email)
        page.goto(f"{base_url}/processes/{slug}/ideas/{idea_id}")
        support = page.get_by_role("button", name="Unterstützen", exact=True)
        support.focus()
        with page.expect_response(lambda r: r.url.endswith(f"/api/v1/ideas/{idea_id}/support")):
            page.keyboard.press("Enter")
        withdraw = page.get_by_role("button", name="Unterstützung zurückziehen")
        withdraw.wait_for()
        page.get_by_text("1 Unterstützung", exact=True).wait_for()
        assert withdraw.evaluate("b => document.activeElement === b"), page.evaluate(
            "document.activeElement.outerHTML.slice(0, 200)")
        assert support_count_in_db(db, idea_id) == (1, 1)

        with page.expect_response(lambda r: r.url.endswith(f"/api/v1/ideas/{idea_id}/support")):
            page.keyboard.press("Space")
        support.wait_for()
        page.get_by_text("0 Unterstützungen", exact=True).wait_for()
        assert support.evaluate("b => document.activeElement === b"), page.evaluate(
            "document.activeElement.outerHTML.slice(0, 200)")
        assert support_count_in_db(db, idea_id) == (0, 0)
    finally:
        context.close()
