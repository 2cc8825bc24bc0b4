"""Stored hostile input, checked where it is shown (issue 9, point 10).

Residents, moderators and staff fill every text field and file name of every form (and the JSON
API) with script tags, event-handler attributes, `javascript:` links, SVG, template syntax,
right-to-left overrides, formula starts and 6,000 characters, through the real forms as a browser
sends them. Then every page, export and PDF reachable by links is opened as each kind of visitor
and read with a real parser (html5lib, csv, json, PDFium and pypdf): no element, attribute or URL
may come from the stored values, no template syntax may be evaluated, no CSV cell may start a
formula, no bidi override may be shown, no download's file name may hide its extension. A 6,000
character value is refused with a message naming the limit and nothing stored, or stored whole.
The pages that show the long values open in Chromium at 360 and 1280 px: no dialog, no script
error, no sideways scrolling. Each stored value must be shown somewhere (else the crawl missed a
page), every export must be reached, and a new text field in any form fails the test until it is
filled here.
"""
import io
import re
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import pytest
import sqlalchemy as sa

from participation.auth.models import User
from tests import hostile_helpers as h

# Fields that store nothing a page could show: they look something up or sign in.
NOT_STORED = {
    "auth.LoginForm.email": "signs in; nothing is stored",
    "auth.RequestResetForm.email": "looks up an account; nothing is stored",
    "processes.TeamForm.email": "looks up a registered account",
    "conference.CodeForm.code": "looks up the event code of a conference",
    "lottery.CodeForm.code": "looks up the response code of a letter",
    "moderation.MergeForm.target_id": "the number of an idea",
    "catalogue.LinkIdeasForm.idea_ids": "numbers of ideas",
    "auth.CodeForm.code": "a code from the authenticator app or a recovery code: checked, never stored",
    "auth.SignInCodeForm.code": "a code from the authenticator app or a recovery code: checked, never stored",
    "auth.SignInLinkForm.email": "looks up an account (the same answer for every input); nothing is stored",
    "auth.ResetSecondFactorForm.email": "looks up the account whose second factor an admin resets",
}
# Fields whose hostile value must be refused (a format, not free text); the test sends it and checks.
REFUSED = {"processes.ProcessForm.slug", "conference.ConferenceForm.event_code", "lottery.SeedForm.seed",
           "lottery.DrawForm.age_bands", "catalogue.QuantityForm.value", "catalogue.QuantityForm.low",
           "catalogue.QuantityForm.high", "catalogue.MeasureForm.related_codes",
           "catalogue.MeasureForm.depends_on_codes", "auth.RegisterForm.email", "lottery.ResponseForm.email",
           "lottery.ResponseForm.phone", "legal.AccessibilityForm.evaluation_date",
           "legal.AccessibilityForm.feedback_address"}
# Limits the services set where the form has none (one line of a list, a column).
LIMITS = {"processes.DistrictsForm.districts": 80}


def local(moment):
    return moment.strftime("%Y-%m-%dT%H:%M")


class Store:
    """Fills forms as a browser does, with a hostile value per field, and remembers every marker."""

    def __init__(self, db):
        self.db = db
        self.markers = {}  # "hx12x" -> "area.Form.field"
        self.filled = set()
        self.long_results = {}
        self.findings = h.Findings()

    def number(self, key):
        """A new marker number for a value of `key`."""
        n = len(self.markers) + 1
        self.markers[f"hx{n}x"] = key
        return n

    def value(self, key, limit=None, long=False):
        n = self.number(key)
        if key in ("lottery.SettingsForm.letter_template", "lottery.SettingsForm.letter_subject"):
            # Braces are placeholders there: `{{` is a literal brace, a single one is refused.
            text = h.long_value(n) if long else h.hostile(n, limit and limit // 2)
            return text.replace("{", "{{").replace("}", "}}")[: limit or None]
        if long:
            return h.long_value(n)
        if key.endswith(".email") and key not in REFUSED:  # what an address may hold: formula, braces, quote
            return f"{h.LEADS[n % len(h.LEADS)]}hx{n}x{{{{7*7}}}}'+p{n}@example.org"
        return h.hostile(n, limit)

    def limit(self, key):
        if key in LIMITS:
            return LIMITS[key]
        area, form, field = key.split(".")
        module = __import__(f"participation.{area}.forms", fromlist=[form])
        cls = getattr(module, form, None)
        if cls is None and form == "ResponseForm":
            cls = h._response_form_class(module)
        return h.max_length(cls, field)

    def page(self, client, url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)

    def post_form(self, client, page_url, anchor, values, *, submit=None, files=None, action=None):
        """Post the form of `page_url` that holds the field `anchor`, as a browser would, with `values`."""
        form = h.find_form(self.page(client, page_url), anchor, action)
        data = {}
        for name, value in h.browser_data(form, submit):
            data.setdefault(name, []).append(value)
        for name, value in values.items():
            data[name] = value if isinstance(value, list) else [value]
        for name, file in (files or {}).items():
            data[name] = file
        target = urljoin("http://localhost" + page_url, form.get("action") or page_url)
        target = urlsplit(target)._replace(scheme="", netloc="").geturl()
        kwargs = {"content_type": "multipart/form-data"} if files else {}
        response = client.post(target, data, csrf=False, **kwargs)
        assert response.status_code < 500, (target, response.status_code, response.get_data(as_text=True)[:3000])
        if response.status_code in (301, 302, 303):
            location = urlsplit(response.headers["Location"])._replace(scheme="", netloc="").geturl()
            followed = client.get(location)
            assert followed.status_code < 500, (location, followed.status_code)
            return response, location, followed.get_data(as_text=True)
        return response, None, response.get_data(as_text=True)

    def submit(self, client, page_url, fields, *, extra=None, anchor=None, once=False, submit=None,
               not_stored=(), long=True, action=None):
        """Fill `fields` ({posted name: "area.Form.field"}) with hostile values and post the form.

        Then, field by field, the same with 6,000 characters: a refusal must name the problem and
        change nothing; an acceptance must store the whole value. `once`: the form makes a change that
        cannot be repeated (a decision), so the long values go first and the first one accepted ends it.
        """
        extra = dict(extra or {})
        anchor = anchor or next(iter(fields))
        short = {name: self.value(key, self.limit(key)) for name, key in fields.items()}
        self.filled.update(fields.values())

        def attempt_long(name, key):
            values = dict(extra, **short)
            values[name] = self.value(key, long=True)
            marker = h.MARKER.search(values[name]).group(0)
            before = h.fingerprint(self.db)
            response, location, page = self.post_form(client, page_url, anchor, values, submit=submit,
                                                      action=action)
            errors = h.errors_shown(page)
            if errors:
                assert h.fingerprint(self.db) == before, f"{key}: refused 6,000 characters, yet something changed"
                assert any(re.search(r"\d|Zeichen|character", e) for e in errors), (key, errors)
                self.long_results[key] = "refused: " + " | ".join(errors)[:200]
                return False
            assert h.stored(self.db, marker), f"{key}: 6,000 characters accepted but not stored"
            assert h.stored(self.db, values[name][-60:]) or key in not_stored, \
                f"{key}: 6,000 characters accepted but cut short without a word"
            self.long_results[key] = "accepted"
            return True

        if once and long:
            for name, key in fields.items():
                if key not in REFUSED and attempt_long(name, key):
                    return None
        response, location, page = self.post_form(client, page_url, anchor, dict(extra, **short), submit=submit,
                                                  action=action)
        errors = h.errors_shown(page)
        refused = [key for key in fields.values() if key in REFUSED]
        if all(key in NOT_STORED for key in fields.values()):  # a look-up: refused or not, nothing is kept
            for name, key in fields.items():
                assert not h.stored(self.db, h.MARKER.search(short[name]).group(0)), f"{key} stored"
            return page
        if refused:
            assert errors, f"{refused}: hostile values were accepted"
            for name, key in fields.items():
                assert not h.stored(self.db, h.MARKER.search(short[name]).group(0)), f"{key} stored though refused"
            return page
        assert not errors, (page_url, fields, errors)
        for name, key in fields.items():
            if key not in not_stored and key not in NOT_STORED:
                assert h.stored(self.db, h.MARKER.search(short[name]).group(0)), f"{key} was not stored"
        if long and not once:
            for name, key in fields.items():
                if key not in not_stored and key not in NOT_STORED:
                    attempt_long(name, key)
        return location or page


@pytest.fixture
def world(app, db, make_user, make_client, mailbox):
    return app, db, make_user, make_client, mailbox


def look_in_chromium(browser, base_url, pages, findings, *, login=None):
    """Open `pages` at 360 and 1280 px: no script may run (no dialog), no page may scroll sideways."""
    from tests.conftest import PASSWORD, browser_second_factor

    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    if login:
        page.goto(base_url + "/account/login")
        page.fill("#email", login)
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        browser_second_factor(page, login)
        page.wait_for_load_state()
    page.on("pageerror", lambda error: findings.add(page.url, f"a script error: {error}"))
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(base_url + path)
            if re.search(r"/(live|console|projector)$", path):  # drawn by our script from the live state
                if page.locator("[data-live-status]").count() == 0:
                    findings.add(path, f"the live page did not open (at {page.url}): {page.content()[:300]}")
                page.wait_for_timeout(1500)
            if h.BIDI_OVERRIDES.search(page.evaluate("document.body.innerText")):
                findings.add(path, f"a bidi override is shown at {width} px (drawn by a script?)")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
                    .map(e => [Math.round(e.getBoundingClientRect().right), e.tagName.toLowerCase() + '.' + e.className
                               + ' (' + getComputedStyle(e).position + ') ' + e.textContent.trim().slice(0, 30)])
                    .sort((a, b) => b[0] - a[0]).slice(0, 3)""")
                findings.add(path, f"scrolls sideways by {overflow} px at {width} px: {culprits}")
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "start"
            page.screenshot(path=f"/tmp/hostile-{width}-{name}.png", full_page=False)
    for url, message in dialogs:
        findings.add(url, f"a script ran: dialog {message!r}")
    context.close()


def test_hostile_values_in_every_field_are_stored_as_text_and_shown_inert(world, live_server, request):
    app, db, make_user, make_client, mailbox = world
    base_url, _ = live_server
    from participation.catalogue.models import Measure
    from participation.conference.models import Conference, Participant, ThemeTable
    from participation.database import unit_of_work, utcnow
    from participation.ideas.models import Comment, Idea
    from participation.lottery import codes, panels
    from participation.lottery import services as lottery_services
    from participation.lottery.models import Invitation, Panel, RegisterExtract, SelectionRun
    from participation.lottery.synthetic import generate_register, write_csv

    s = Store(db)
    admin = make_user("admin@example.org", admin=True, name="Admin Musterfrau")
    admin_client = make_client()
    admin_client.login(admin.email)

    # --- the process, its sectors and districts -------------------------------------------------
    now = utcnow()
    s.submit(admin_client, "/processes/new", {"title": "processes.ProcessForm.title",
                                              "municipality": "processes.ProcessForm.municipality",
                                              "description": "processes.ProcessForm.description"},
             extra={"slug": "hostil", "moderation_mode": "pre", "is_public": "y",
                    "idea_collection_opens_at": local(now - timedelta(days=2)),
                    "idea_collection_closes_at": local(now + timedelta(days=30))}, once=True)
    from participation.processes.models import Process

    process = db.session.scalar(sa.select(Process))
    slug, base = process.slug, f"/processes/{process.slug}"
    s.submit(admin_client, f"{base}/edit", {"slug": "processes.ProcessForm.slug"}, long=False)
    s.submit(admin_client, f"{base}/edit", {"title": "processes.ProcessForm.title",
                                            "municipality": "processes.ProcessForm.municipality",
                                            "description": "processes.ProcessForm.description",
                                            "contact_person": "processes.ProcessForm.contact_person"})

    # --- the legal pages (admins, with "Save" rather than "Preview") and the accessibility feedback --
    for page, names in (("imprint", ("operator", "address", "contact", "representative", "content_responsible",
                                     "imprint_extra")),
                        ("privacy", ("controller", "dpo", "recipients", "supervisory_authority")),
                        ("accessibility", ("limitations", "evaluation_method", "enforcement"))):
        form = {"imprint": "ImprintForm", "privacy": "PrivacyForm", "accessibility": "AccessibilityForm"}[page]
        s.submit(admin_client, f"/admin/legal/{page}", {name: f"legal.{form}.{name}" for name in names},
                 extra={"save": "y"})
    for name in ("evaluation_date", "feedback_address"):
        s.submit(admin_client, "/admin/legal/accessibility", {name: f"legal.AccessibilityForm.{name}"},
                 extra={"save": "y"}, long=False)
    s.submit(make_client(), "/barrierefreiheit", {"name": "legal.FeedbackForm.name", "email": "legal.FeedbackForm.email",
                                                  "page": "legal.FeedbackForm.page",
                                                  "message": "legal.FeedbackForm.message"})
    staff = make_user("staff@example.org", name="Sam Staff")
    s.submit(admin_client, f"{base}/team", {"email": "processes.TeamForm.email"}, extra={"role": "staff"},
             not_stored={"processes.TeamForm.email"}, long=False)
    for role in ("moderator", "staff"):
        response, _, page = s.post_form(admin_client, f"{base}/team", "email", {"email": staff.email, "role": role})
        assert not h.errors_shown(page), h.errors_shown(page)
    staff_client = make_client()
    staff_client.login(staff.email)

    numbers = [s.number("processes.SectorsForm.sectors") for _ in range(3)]
    sectors = "\n".join(f"{code} | {h.hostile(n, 80)}" for n, code in zip(numbers, ("MOB", "ENE", "BAU")))
    s.filled.add("processes.SectorsForm.sectors")
    response, _, page = s.post_form(staff_client, f"{base}/sectors", "sectors-sectors", {"sectors-sectors": sectors})
    assert not h.errors_shown(page), h.errors_shown(page)
    assert h.stored(db, f"hx{numbers[0]}x")
    s.submit(staff_client, f"{base}/sectors", {"districts-districts": "processes.DistrictsForm.districts"})
    current = dict(h.browser_data(h.find_form(s.page(staff_client, f"{base}/sectors"), "districts-districts")))
    _, _, page = s.post_form(staff_client, f"{base}/sectors", "districts-districts",
                             {"districts-districts": current["districts-districts"] + "\nNord\nSüd"})
    assert not h.errors_shown(page), h.errors_shown(page)
    for key, posted in (("processes.SectorsForm.sectors", "MOB | " + h.long_value(s.number("processes.SectorsForm.sectors"))),):
        before = h.fingerprint(db)
        _, _, page = s.post_form(staff_client, f"{base}/sectors", "sectors-sectors", {"sectors-sectors": posted})
        if h.errors_shown(page):
            assert h.fingerprint(db) == before
            assert "80" in " ".join(h.errors_shown(page)), h.errors_shown(page)
            s.long_results[key] = "refused: " + " | ".join(h.errors_shown(page))[:200]
        else:
            s.long_results[key] = "accepted"
    s.post_form(staff_client, f"{base}/sectors", "sectors-sectors", {"sectors-sectors": sectors})
    db.session.expire_all()

    # --- a resident registers and takes part ------------------------------------------------------
    resident = make_client()
    s.submit(resident, "/account/register", {"email": "auth.RegisterForm.email"},
             extra={"display_name": "Rita Resident", "password": "korrekt-Pferd-Batterie-1",
                    "password_confirm": "korrekt-Pferd-Batterie-1", "accept_terms": "y"}, long=False)
    s.submit(resident, "/account/register", {"display_name": "auth.RegisterForm.display_name"},
             extra={"email": "=hx0x{{7*7}}'+rita@example.org", "password": "korrekt-Pferd-Batterie-1",
                    "password_confirm": "korrekt-Pferd-Batterie-1", "accept_terms": "y"}, once=True)
    rita = db.session.scalar(sa.select(User).where(User.email.like("%rita@example.org")))
    assert rita is not None
    resident.get(mailbox.path_of_link(mailbox.last_to(rita.email), "/verify/"))
    resident.login(rita.email)
    s.submit(resident, "/account/settings", {"profile-display_name": "auth.ProfileForm.display_name"})

    from participation.processes.models import Sector

    sector_id = db.session.scalar(sa.select(Sector.id).where(Sector.process_id == process.id).order_by(Sector.id))
    for number in range(7):
        s.submit(resident, f"{base}/ideas/new", {"title": "ideas.IdeaForm.title", "body": "ideas.IdeaForm.body"},
                 extra={"sector_id": str(sector_id)}, long=(number == 0))
    api_title, api_body = s.value("api.ideas.title", 120), s.value("api.ideas.body", 5000)
    s.filled.update({"api.ideas.title", "api.ideas.body"})
    answer = resident.api("POST", f"/api/v1/processes/{slug}/ideas",
                          {"title": api_title, "body": api_body, "sector_id": sector_id})
    assert answer.status_code == 201, answer.get_json()
    too_long = resident.api("POST", f"/api/v1/processes/{slug}/ideas",
                            {"title": h.long_value(s.number("api.ideas.title")),
                             "body": h.long_value(s.number("api.ideas.body")), "sector_id": sector_id})
    assert 400 <= too_long.status_code < 500 and too_long.get_json(), too_long.status_code
    assert not h.stored(db, f"hx{len(s.markers)}x") and not h.stored(db, f"hx{len(s.markers) - 1}x")
    ideas = db.session.scalars(sa.select(Idea).order_by(Idea.id)).all()
    first = ideas[0]
    s.submit(resident, f"{base}/ideas/{ideas[1].id}/edit", {"title": "ideas.IdeaForm.title",
                                                          "body": "ideas.IdeaForm.body"}, long=False)

    # --- moderation ---------------------------------------------------------------------------
    moderation = f"{base}/moderation"
    s.submit(staff_client, f"{moderation}/reasons", {"title": "moderation.ReasonTemplateForm.title",
                                                     "text": "moderation.ReasonTemplateForm.text"})

    def review(idea):
        db.session.expire_all()
        url = f"{moderation}/ideas/{idea.id}"
        s.post_form(staff_client, url, "csrf_token", {}, action=f"{url}/claim")
        return url

    def version(idea):
        db.session.expire_all()
        return str(db.session.get(Idea, idea.id).version)

    url = review(first)
    s.submit(staff_client, url, {"title": "moderation.ModeratorEditForm.title",
                                 "body": "moderation.ModeratorEditForm.body",
                                 "note": "moderation.ModeratorEditForm.note"}, anchor="note", action=f"{url}/edit",
             extra={"version": version(first)}, long=False)
    url = review(first)
    s.post_form(staff_client, url, "version", {"version": version(first)}, action=f"{url}/publish")
    url = review(ideas[2])
    s.submit(staff_client, url, {"text": "moderation.RejectForm.text"}, anchor="reason_template_id", action=f"{url}/reject",
             extra={"version": version(ideas[2])}, once=True)
    url = review(ideas[3])
    s.submit(staff_client, url, {"note": "moderation.RequestEditForm.note"}, anchor="note", action=f"{url}/request-edit",
             extra={"version": version(ideas[3])}, once=True, submit=None)
    for idea in ideas[4:]:
        url = review(idea)
        s.post_form(staff_client, url, "version", {"version": version(idea)}, action=f"{url}/publish")
    url = review(ideas[4])
    s.submit(staff_client, url, {"reason": "moderation.HideForm.reason"}, anchor="reason", action=f"{url}/hide",
             extra={"version": version(ideas[4])}, once=True)
    url = review(ideas[5])
    s.submit(staff_client, url, {"note": "moderation.MergeForm.note"}, anchor="target_id", action=f"{url}/merge",
             extra={"version": version(ideas[5]), "target_id": str(first.id)}, once=True)
    url = review(ideas[6])
    s.submit(staff_client, url, {"target_id": "moderation.MergeForm.target_id"}, anchor="target_id", action=f"{url}/merge",
             extra={"version": version(ideas[6])}, not_stored={"moderation.MergeForm.target_id"}, long=False)

    # Comments, a report, a block.
    s.submit(resident, f"{base}/ideas/{first.id}", {"body": "ideas.CommentForm.body"})
    other = make_user("other@example.org", name="Otto Other")
    other_client = make_client()
    other_client.login(other.email)
    for comment in db.session.scalars(sa.select(Comment)).all():
        url = f"{moderation}/comments/{comment.id}"
        s.post_form(staff_client, url, "csrf_token", {}, action=f"{url}/claim")
        s.post_form(staff_client, url, "version", {"version": str(comment.version)}, action=f"{url}/publish")
    s.submit(other_client, f"{base}/ideas/{first.id}", {"reason": "moderation.ReportForm.reason"},
             anchor="reason", once=True)
    s.submit(staff_client, f"{moderation}/ideas/{first.id}", {"reason": "moderation.BarForm.reason"},
             anchor="reason", action=f"{moderation}/users/{rita.id}/bar", extra={"confirm": "y"}, once=True)
    blocked = make_user("blocked@example.org", name="Bert Blocked")  # blocked everywhere by an admin
    s.submit(admin_client, f"/admin/accounts/?q={blocked.email}", {"reason": "moderation.BlockForm.reason"},
             anchor="reason", action=f"/admin/accounts/{blocked.id}/block", extra={"confirm": "y"}, once=True)

    # --- the catalogue --------------------------------------------------------------------------
    measure_texts = {name: f"catalogue.MeasureForm.{name}" for name in (
        "title", "goal", "starting_situation", "description", "initiator", "lead_actor", "partners",
        "target_group", "steps", "success_indicators", "council_reference", "origin_note")}
    quantities = {f"{kind}-{name}": f"catalogue.QuantityForm.{name}" for kind in ("ghg_savings", "investment")
                  for name in ("method", "source")}
    milestones = {f"milestones-{i}-title": "catalogue.MilestoneForm.title" for i in range(2)}
    s.submit(staff_client, f"{base}/measures/new", {**measure_texts, **quantities, **milestones,
                                                   "link-rationale": "catalogue.LinkIdeasForm.rationale"},
             anchor="title", extra={"link-idea_ids": str(first.id), "ghg_savings-value": "12,5", "sector_id": str(sector_id)},
             long=False)
    measure = db.session.scalar(sa.select(Measure).order_by(Measure.id))
    edit = f"{base}/measures/{measure.code}/edit"
    for posted in ("related_codes", "depends_on_codes"):
        s.submit(staff_client, edit, {posted: f"catalogue.MeasureForm.{posted}"}, long=False)
    for name in ("value", "low", "high"):
        s.submit(staff_client, edit, {f"energy_savings-{name}": f"catalogue.QuantityForm.{name}"},
                 anchor="title", long=False)
    s.submit(staff_client, edit, {**measure_texts, **quantities, "milestones-0-title": "catalogue.MilestoneForm.title",
                                  "summary": "catalogue.MeasureForm.summary"}, anchor="title")
    show = f"{base}/measures/{measure.code}"
    s.submit(staff_client, show, {"rationale": "catalogue.LinkIdeasForm.rationale"}, anchor="rationale",
             extra={"idea_ids": str(ideas[6].id)}, long=False)
    s.submit(staff_client, show, {"idea_ids": "catalogue.LinkIdeasForm.idea_ids"}, anchor="idea_ids",
             not_stored={"catalogue.LinkIdeasForm.idea_ids"}, long=False)
    s.post_form(staff_client, show, "csrf_token", {}, action=f"{show}/publish")
    page = s.page(staff_client, f"{base}/priorities")
    form = h.find_form(page, "criterion_id")
    count = len([1 for name, _ in h.browser_data(form) if name == "criterion_id"])
    names = [s.value("catalogue.criteria.name", 80) for _ in range(count)]
    descriptions = [s.value("catalogue.criteria.description") for _ in range(count)]
    s.filled.update({"catalogue.criteria.name", "catalogue.criteria.description"})
    _, _, page = s.post_form(staff_client, f"{base}/priorities", "criterion_id",
                             {"name": names, "description": descriptions})
    assert not h.errors_shown(page), h.errors_shown(page)
    page = s.page(staff_client, f"{show}/scores")
    score_fields = [name for form in h.forms_of(page) for name, _ in h.browser_data(form) if name.startswith("score-")]
    values = {name: "3" for name in score_fields}
    values.update({name.replace("score-", "rationale-"): s.value("catalogue.scores.rationale", 2000)
                   for name in score_fields})
    s.filled.add("catalogue.scores.rationale")
    _, _, page = s.post_form(staff_client, f"{show}/scores", score_fields[0], values)
    assert not h.errors_shown(page), h.errors_shown(page)
    # 6,000 characters in a criterion or a score's rationale: refused with the limit, nothing changed.
    for url, anchor, changed in ((f"{base}/priorities", "criterion_id",
                                  {"name": names, "description": [h.long_value(s.number("catalogue.criteria.description"))]
                                   + descriptions[1:]}),
                                 (f"{base}/priorities", "criterion_id",
                                  {"name": [h.long_value(s.number("catalogue.criteria.name"))] + names[1:],
                                   "description": descriptions}),
                                 (f"{show}/scores", score_fields[0],
                                  dict(values, **{score_fields[0].replace("score-", "rationale-"):
                                                  h.long_value(s.number("catalogue.scores.rationale"))}))):
        before = h.fingerprint(db)
        _, _, page = s.post_form(staff_client, url, anchor, changed)
        errors = h.errors_shown(page)
        assert errors and any(re.search(r"\d", e) for e in errors) and max(map(len, errors)) < 400, errors
        assert h.fingerprint(db) == before, f"{url}: 6,000 characters refused, yet something changed"

    # --- a conference -----------------------------------------------------------------------------
    starts = now + timedelta(days=10)
    s.submit(staff_client, f"{base}/conferences/new", {"event_code": "conference.ConferenceForm.event_code"},
             extra={"title": "Klimakonferenz", "starts_at": local(starts)}, long=False)
    s.submit(staff_client, f"{base}/conferences/new", {"title": "conference.ConferenceForm.title",
                                                       "agenda": "conference.ConferenceForm.agenda"},
             extra={"starts_at": local(starts), "event_code": "HX2026", "walk_ins_allowed": "y", "self_choice": "y"},
             once=True)
    conference = db.session.scalar(sa.select(Conference))
    cbase = f"{base}/conferences/{conference.id}"
    s.submit(staff_client, f"{cbase}/edit", {"title": "conference.ConferenceForm.title",
                                             "agenda": "conference.ConferenceForm.agenda"}, long=False)
    s.submit(staff_client, cbase, {"table-topic": "conference.TableForm.topic"}, extra={"table-capacity": "10"})
    s.submit(staff_client, cbase, {"person-display_name": "conference.ParticipantForm.display_name"},
             extra={"person-kind": "citizen"})
    s.submit(staff_client, cbase, {"person-email": "conference.ParticipantForm.email"},
             extra={"person-display_name": "Erika Expertin", "person-kind": "expert"}, long=False)
    tables = db.session.scalars(sa.select(ThemeTable).where(ThemeTable.conference_id == conference.id)).all()
    s.submit(staff_client, cbase, {"item-label": "conference.ItemForm.label"},
             extra={"item-kind": "option", "item-table_id": str(tables[0].id)})
    s.submit(staff_client, cbase, {"round-title": "conference.RoundForm.title"},
             extra={"round-method": "dots", "round-table_id": str(tables[0].id)})
    # Participants from a CSV file with a hostile file name and hostile names.
    numbers = [s.number("conference.ImportForm.file (rows)") for _ in range(3)]
    rows = [f"{h.hostile(n, 80).replace(';', ',')};p{n}@example.org;citizen" for n in numbers]
    file_name = s.value("conference.ImportForm.file", 120) + ".csv"
    s.filled.add("conference.ImportForm.file")
    response, _, page = s.post_form(staff_client, cbase, "import-file", {}, files={
        "import-file": (io.BytesIO("\n".join(rows).encode()), file_name)})
    assert not h.errors_shown(page), h.errors_shown(page)
    assert h.stored(db, f"hx{numbers[0]}x")
    s.post_form(staff_client, cbase, "status", {"status": "running"}, action=f"{cbase}/status")
    db.session.expire_all()
    assert db.session.get(Conference, conference.id).status.value == "running"
    s.submit(staff_client, cbase, {"announce-text": "conference.AnnouncementForm.text"}, extra={"announce-table_id": ""})
    walk_in = make_client()
    s.submit(walk_in, "/konferenz", {"display_name": "conference.CodeForm.display_name"},
             extra={"code": "HX2026"}, once=True)
    s.submit(walk_in, "/konferenz", {"code": "conference.CodeForm.code"}, extra={"display_name": "Wanda"},
             not_stored={"conference.CodeForm.code"}, long=False)
    participant = db.session.scalar(sa.select(Participant).where(Participant.walk_in.is_(True)))
    join = f"/k/{participant.token}"
    s.post_form(walk_in, join, "table_id", {"table_id": str(tables[0].id)}, action=f"{join}/table")
    from participation.conference.models import VotingRound

    voting_round = db.session.scalar(sa.select(VotingRound).where(VotingRound.conference_id == conference.id))
    s.post_form(staff_client, cbase, "csrf_token", {}, action=f"{cbase}/rounds/{voting_round.id}/open")
    db.session.expire_all()
    assert db.session.get(VotingRound, voting_round.id).state.value == "open"
    _, _, page = s.post_form(staff_client, cbase, "person-display_name",
                             {"person-display_name": "Mona Moderatorin", "person-kind": "moderator"})
    assert not h.errors_shown(page), h.errors_shown(page)
    steering = db.session.scalar(sa.select(Participant).where(Participant.display_name == "Mona Moderatorin"))
    s.submit(make_client(), f"/k/{steering.token}", {"title": "conference.IdeaForm.title",
                                                      "body": "conference.IdeaForm.body"},
             anchor="body", extra={"table_id": str(tables[0].id)})

    # --- the citizen lottery --------------------------------------------------------------------
    lottery = f"{base}/lottery"
    settings = s.page(staff_client, f"{lottery}/settings")
    categories = h.browser_data(h.find_form(settings, "categories_text"))
    categories = dict(categories)["categories_text"]
    hostile_categories = []
    for line in categories.splitlines():
        if line.startswith("- "):
            code, _label, *share = [part.strip() for part in line[2:].split(";")]
            label = h.hostile(s.number("lottery.SettingsForm.categories_text"), 100).replace(";", ",")
            line = "; ".join(["- " + code, label, *share])
        elif ":" in line:
            key = line.split(":", 1)[0]
            line = f"{key}: {h.hostile(s.number('lottery.SettingsForm.categories_text'), 100).replace(':', ' ')}"
        hostile_categories.append(line)
    settings_fields = {name: f"lottery.SettingsForm.{name}" for name in (
        "letter_subject", "letter_template", "office", "address_lines", "phone", "email", "signature", "role",
        "place", "consent_text", "designation")}
    s.submit(staff_client, f"{lottery}/settings", settings_fields, extra={"categories_text": "\n".join(hostile_categories)})
    s.filled.add("lottery.SettingsForm.categories_text")
    # A placeholder that reaches into Python objects is refused with a clear message.
    _, _, page = s.post_form(staff_client, f"{lottery}/settings", "letter_template",
                             {"letter_template": "Hallo {vorname.__class__.__mro__} {0} {code!r}"})
    assert h.errors_shown(page), "a letter template with attribute access was accepted"

    # The register extract, uploaded under a hostile file name with hostile values.
    register = list(generate_register(80, seed=9, city="Musterstadt", districts=["Nord", "Süd"]))
    for person in register[:20]:
        for column in ("given_names", "family_name", "street"):
            person[column] = h.hostile(s.number(f"lottery register CSV: {column}"), 60)
    out = io.BytesIO()
    write_csv(register, out)
    upload_name = s.value("lottery.UploadForm.file", 200) + "\u202evsc.exe"
    s.filled.add("lottery.UploadForm.file")
    response, preview_url, page = s.post_form(staff_client, f"{lottery}/register/upload", "file", {},
                                              files={"file": (io.BytesIO(out.getvalue()), upload_name)})
    assert preview_url and not h.errors_shown(page), h.errors_shown(page)
    h.check_html(preview_url, page, s.findings)
    _, _, page = s.post_form(staff_client, preview_url, "retention_until",
                             {"action": "import", "retention_until": (date.today() + timedelta(days=90)).isoformat()})
    assert not h.errors_shown(page), h.errors_shown(page)
    extract = db.session.scalar(sa.select(RegisterExtract))
    assert extract is not None and extract.row_count == 80
    assert not h.BIDI_CONTROLS.search(extract.filename), f"stored file name {extract.filename!r}"

    s.submit(staff_client, f"{lottery}/draws/new", {"age_bands": "lottery.DrawForm.age_bands"},
             extra={"letters": "40", "min_age": "16", "response_deadline": (date.today() + timedelta(days=20)).isoformat()},
             long=False)
    _, draw_url, page = s.post_form(staff_client, f"{lottery}/draws/new", "letters", {
        "letters": "40", "min_age": "16", "strata": "district",
        "response_deadline": (date.today() + timedelta(days=20)).isoformat()})
    assert draw_url and not h.errors_shown(page), h.errors_shown(page)
    s.submit(staff_client, draw_url, {"seed": "lottery.SeedForm.seed"},
             extra={"seed_source": "Würfel im Rathaus, öffentlich"}, long=False)
    s.submit(staff_client, draw_url, {"seed_source": "lottery.SeedForm.seed_source"}, extra={"seed": "4 8 15 16 23 42"},
             once=True)
    s.post_form(staff_client, draw_url, "csrf_token", {}, action=f"{draw_url}/letters")
    invitations = db.session.scalars(sa.select(Invitation).order_by(Invitation.position)).all()
    assert len(invitations) == 40

    response_fields = {name: f"lottery.ResponseForm.{name}" for name in (
        "given_name", "family_name", "availability", "accessibility_needs")}
    features = {}
    for category in lottery_services.get_settings(process).categories:
        features[f"feature_{category['key']}"] = category["values"][0]["value"]
    invitee = make_client()
    respond = f"{base}/respond"
    s.submit(invitee, respond, {"code": "lottery.CodeForm.code"}, not_stored={"lottery.CodeForm.code"}, long=False)
    _, answer_url, _ = s.post_form(invitee, respond, "code", {"code": codes.format_code(invitations[0].code)})
    assert answer_url
    s.submit(invitee, answer_url, response_fields, extra={"accepted": "yes", "consent": "y", "email": "kim@example.org", **features}, once=True)
    s.submit(staff_client, f"{lottery}/invitations/{invitations[1].id}", response_fields,
             extra={"accepted": "yes", "consent": "y", "channel": "phone", "phone": "030 1234", **features},
             anchor="given_name", long=False)
    for name in ("email", "phone"):
        s.submit(staff_client, f"{lottery}/invitations/{invitations[1].id}", {name: f"lottery.ResponseForm.{name}"},
                 extra={"accepted": "yes", "consent": "y", "channel": "phone", **features}, anchor="given_name",
                 long=False)
    categories = lottery_services.get_settings(process).categories
    for i, invitation in enumerate(invitations[2:26]):
        chosen = {c["key"]: c["values"][i % len(c["values"])]["value"] for c in categories}
        data = lottery_services.ResponseData(accepted=True, given_name=f"Vorname{i}", family_name=f"Name{i}",
                                             email=f"v{i}@example.org", features=chosen, consent=True)
        with unit_of_work():
            lottery_services.submit_response(invitation, data)
    with unit_of_work():
        run = panels.start_run(staff, process, panels.categories_with_quotas(process, 6, {}, tolerance=None), 6)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    assert run.status.value == "done", run.error
    run_url = f"{lottery}/selection/runs/{run.id}"
    s.submit(staff_client, run_url, {"draw_source": "lottery.panel.draw_source"}, extra={"number": "7"}, once=True)
    s.filled.add("lottery.panel.draw_source")
    panel = db.session.scalar(sa.select(Panel))
    panel_url = f"{lottery}/panels/{panel.id}"
    s.post_form(staff_client, panel_url, "conference_id", {"conference_id": str(conference.id)},
                action=f"{panel_url}/hand-over")
    s.submit(staff_client, panel_url, {"reason": "lottery.panel.annul_reason"}, anchor="reason", once=True)
    s.filled.add("lottery.panel.annul_reason")

    # --- every form field was filled ---------------------------------------------------------------
    every_field = h.form_text_fields()
    missing = every_field - s.filled - set(NOT_STORED)
    assert not missing, f"text fields no one fills in this test: {sorted(missing)}"
    assert not (set(NOT_STORED) - every_field), "NOT_STORED names fields that no longer exist"

    # --- open everything, as everyone -------------------------------------------------------------
    db.session.expire_all()
    participant_link = db.session.scalar(sa.select(Participant).where(Participant.walk_in.is_(False))).token
    answer_client = make_client()
    _, answer_page, _ = s.post_form(answer_client, respond, "code", {"code": codes.format_code(invitations[0].code)})
    visitors = [
        (make_client(), ["/", f"{base}/", f"{base}/ideas", f"{base}/measures", "/api/v1/processes",
                         f"/api/v1/processes/{slug}/ideas", f"{lottery}/transparency", "/konferenz",
                         *[f"/api/v1/ideas/{idea.id}" for idea in db.session.scalars(sa.select(Idea))]]),
        (resident, ["/", f"{base}/", "/account/settings", f"/api/v1/ideas/{ideas[3].id}"]),
        (staff_client, [f"{moderation}/ideas/{idea.id}" for idea in ideas] + [
                        f"{moderation}/comments/{c.id}" for c in db.session.scalars(sa.select(Comment))] + [
                        "/", f"{base}/", "/processes/manage", moderation, f"{moderation}?kind=comments",
                        f"{moderation}/reasons", f"{base}/audit", f"{base}/audit.csv", lottery, cbase,
                        f"{cbase}/results", f"{cbase}/results.csv", f"{cbase}/console", f"{cbase}/projector",
                        f"{lottery}/access-log", f"{lottery}/selection", run_url, panel_url,
                        f"{lottery}/invitations/{invitations[0].id}", f"{lottery}/invitations/{invitations[1].id}",
                        f"{moderation}/ideas/{ideas[5].id}"]),
        (admin_client, ["/processes/manage", f"{base}/edit", f"{base}/team", f"{base}/sectors", "/admin/accounts/",
                        "/admin/legal/feedback", "/admin/legal/accessibility"]),
        (walk_in, [join, f"{join}/live", f"{join}/projector"]),
        (make_client(), [f"/k/{participant_link}"]),
        (answer_client, [answer_page]),
    ]
    skip = [r"/account/reset/", r"/account/verify/", r"/language", r"/k/[^/]+/console"]
    shown = {}
    for client, seeds in visitors:
        # The admin sees what staff see, and more only on the seeds' pages.
        shown.update(h.crawl(client, seeds, s.findings, skip=skip, follow=client is not admin_client))
    # The long values in a real browser: the pages keep their layout, and nothing runs. Without
    # Chromium (outside CI) the rest of the test still runs.
    from tests.conftest import IN_CI, chromium_path

    browser = request.getfixturevalue("browser") if chromium_path() or IN_CI else None
    if browser is not None:
        public = [f"{base}/", f"{base}/measures/{measure.code}", f"{base}/ideas/{first.id}", f"/k/{participant_link}",
                  f"{lottery}/transparency", f"{join}/live", f"/k/{steering.token}/projector",
                  f"/k/{steering.token}/console"]
        look_in_chromium(browser, base_url, public, s.findings)
        team = [cbase, f"{moderation}/ideas/{first.id}", f"{lottery}/settings", f"{lottery}/invitations/{invitations[0].id}",
                f"{base}/audit", f"{lottery}/draws/1/invitations", panel_url, f"{cbase}/console", f"{cbase}/projector"]
        look_in_chromium(browser, base_url, team, s.findings, login=staff.email)
    findings = s.findings
    exports = [r"/audit\.csv", r"/measures\.csv", r"/measure-ideas\.csv", r"/measures\.json", r"/measures\.pdf",
               r"/measures/[^/]+\.pdf", r"/results\.csv", r"/join-cards\.pdf", r"/qr\.svg", r"/mail-merge\.csv",
               r"/protocol\.json", r"/lottery/files/\d+", r"/panel\.csv", r"/transparency/draws/\d+\.(json|pdf)",
               r"/transparency/runs/\d+\.json", r"/api/v1/ideas/\d+", r"/api/v1/processes/[^/]+/ideas",
               r"/audit\.xlsx", r"/measures\.xlsx", r"/measure-ideas\.xlsx", r"/results\.xlsx", r"/mail-merge\.xlsx",
               r"/panel\.xlsx"]
    missed = [pattern for pattern in exports if not any(re.search(pattern + "$", url.split("?")[0]) for url in shown)]
    assert not missed, f"exports the crawl did not reach: {missed}"

    everything = "\n".join(shown.values())
    kept = h.stored_text(db)  # values overwritten later (an edit) are shown no more
    unseen = {key for marker, key in s.markers.items() if marker in kept and marker not in everything}
    # Only the people drawn reach a page (letters, invitations): some rows of each column must show.
    unseen -= {key for marker, key in s.markers.items() if key.startswith("lottery register") and marker in everything}
    unseen = sorted(unseen)
    for marker in h.MARKER.finditer(everything):
        after = everything[marker.end():marker.end() + 7]
        assert not after.startswith("49"), f"{marker.group(0)} evaluated"
    assert "{{7*7}}" in everything and "{% if 1 %}" in everything  # shown literally
    assert not findings, "\n".join(findings[:60])
    assert not unseen, f"stored values no crawled page shows: {unseen} ({len(shown)} documents: {sorted(shown)})"
    print("\n".join(f"{key}: {result}" for key, result in sorted(s.long_results.items())))
    print(f"{len(shown)} documents checked")


# --- the checks themselves find what they look for ----------------------------------------------

def test_the_document_checks_find_injected_markup_evaluated_templates_formulas_and_hidden_extensions():
    findings = h.Findings()
    h.check_html("/page", """<!doctype html><html><head><title>t</title></head><body>
        <p onclick="x">a</p><a href=" JaVa&#10;Script:alert(1)">b</a><img src=x><script>alert(1)</script>
        <svg><circle/></svg><iframe src="/"></iframe><p>hx3x49</p><a href="data:text/html,x">c</a>
        <script type="application/json">{"a": "</script><script src="https://evil.example/x.js"></script>"}
        </body></html>""", findings)
    found = "\n".join(findings)
    for expected in ("event handler <p onclick", "script URL <a href", "injected <img>", "inline script",
                     "not one of our QR codes", "injected <iframe>", "template syntax was evaluated",
                     "script URL <a href='data:", "no longer JSON", "foreign script"):
        assert expected in found, (expected, found)

    findings = h.Findings()
    h.check_html("/fine", '<!doctype html><html><head><meta charset="utf-8"><script src="/static/js/app.js"></script>'
                 '</head><body><p>hx3x{{7*7}} &lt;script&gt;</p><a href="/x">x</a>'
                 '<script type="application/json">{"t": "\\u003c/script\\u003e"}</script>'
                 '<svg role="img"><path d="M0 0"/></svg></body></html>', findings)
    assert not findings, findings

    findings = h.Findings()
    h.check_csv("/x.csv", "\ufeffa;b;c\r\n=1+2;'=1+2;-1,5\r\n@SUM(A1);+x;-\tx\r\n".encode(), findings)
    assert [f.split(": ", 2)[-1] for f in findings] == ["'=1+2'", "'@SUM(A1)'", "'+x'", "'-\\tx'"], findings

    class Download:
        def __init__(self, header):
            self.headers = {"Content-Disposition": header}

    findings = h.Findings()
    h.check_download("/a", Download('attachment; filename="rechnung\u202efdp.exe"'), findings, "pdf")
    h.check_download("/b", Download('attachment; filename="liste.csv"'), findings, "csv")
    h.check_download("/c", Download("attachment; filename*=UTF-8''a%E2%80%AEvsc.exe"), findings, "csv")
    assert [f.split(":")[0] for f in findings] == ["/a", "/a", "/a", "/c", "/c"], findings


def test_the_pdf_check_finds_script_links_and_evaluated_text():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Titel hx5x49")
    page.linkURL("javascript:alert(1)", (72, 700, 200, 720))
    page.save()
    findings = h.Findings()
    h.check_pdf("/x.pdf", buffer.getvalue(), findings)
    assert len(findings) == 2 and "javascript" in findings[0] + findings[1], findings


def test_file_names_lose_bidi_and_control_characters_and_keep_their_extension():
    from participation.downloads import clean_filename, content_disposition

    assert clean_filename("C:\\Users\\x\\melde\u202evsc.exe") == "meldevsc.exe"
    assert clean_filename("../../etc/passwd\x00.csv") == "passwd.csv"
    assert clean_filename("Auszug\tMärz\n2026.csv") == "Auszug März 2026.csv"
    assert clean_filename("\u200b\u2066\u2069") == "datei"
    assert clean_filename("a" * 400 + ".csv").endswith(".csv") and len(clean_filename("a" * 400 + ".csv")) == 255
    header = content_disposition("Bürgerrat \u202egpj.exe\".csv")
    assert header.startswith('attachment; filename="') and "\u202e" not in header and "%E2%80%AE" not in header
    assert header.endswith(".csv") and re.fullmatch(r"[\x20-\x7e]+", header)


def test_markdown_keeps_nothing_active_of_any_hostile_piece():
    from participation.markup import render_markdown

    findings = h.Findings()
    for n in range(1, 5):
        html = render_markdown(h.long_value(n))
        h.check_html("markdown", html, findings, fragment=True)
        assert f"hx{n}x{{{{7" in html  # (Markdown may pair the `*` into emphasis: text, not a template)
    assert not findings, findings
