"""Every GET route of the URL map, as every kind of visitor, with hostile values in every query
parameter the route reads: never a 5xx, never a traceback, and where a page shows the filter, it shows
the unfiltered (or clamped) state.

Which parameters a route reads is recorded, not listed by hand: the app runs with a request class
whose `args` note every key a view (or its template) asks for. A first, ordinary request per route
and visitor records them; each hostile value then goes into all of them at once and, when that
answers 5xx, into each one alone to name the culprit. A new parameter is covered the day it is read.
"""
import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import AnyConverter
from werkzeug.utils import cached_property

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work, utcnow
from participation.ideas.models import IdeaStatus

HOSTILE = {
    "2**63": str(2**63),
    "-1": "-1",
    "1e309": "1e309",
    "arabic-indic": "٣",
    "empty": "",
    "nul": "\x00",
    "3000 chars": "9" * 3000,
}

_READ = []  # keys the current request's view asked its query string for


class RecordingArgs(ImmutableMultiDict):
    def __getitem__(self, key):
        _READ.append(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        _READ.append(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        _READ.append(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        _READ.append(key)
        return super().__contains__(key)


class RecordingRequest(Request):
    """A test-only request class: `request.args` records the keys it is asked for."""

    @cached_property
    def args(self):
        return RecordingArgs(super().args)


# Keywords of url_for itself: a page that hands its query on to url_for must drop them.
URL_FOR_NAMES = ("endpoint", "_external", "_anchor", "_method", "_scheme")
ROLES = ("anonymous", "resident", "moderator", "staff", "admin")


@pytest.fixture
def world(app, db, make_process, make_user, make_idea, lottery):
    """One process with something behind every kind of URL argument, and a user for every role."""
    from participation.auth import services as auth_services
    from participation.catalogue import services as catalogue
    from participation.conference import services as conf
    from participation.conference.models import Conference, Participant, VotingRound
    from participation.ideas.models import Comment, CommentStatus
    from participation.lottery import panels
    from participation.lottery import services as lottery_services
    from participation.lottery.models import FileStatus, Invitation, LotteryFile
    from participation.moderation import services as moderation
    from participation.processes.models import Process
    from tests.conference.live_helpers import build_conference

    app.request_class = RecordingRequest
    process = lottery.process
    staff = lottery.staff
    moderator = make_user("moderator@example.org", roles=[(process, ProcessRoleKind.MODERATOR)])
    resident = make_user("resident@example.org")
    admin = make_user("admin@example.org", admin=True)
    users = {"resident": resident, "moderator": moderator, "staff": staff, "admin": admin}
    from participation.auth.models import ProcessRole

    db.session.add(ProcessRole(user_id=staff.id, process_id=process.id, role=ProcessRoleKind.MODERATOR))
    db.session.commit()

    ideas = [make_idea(process, author=resident, sector=process.sectors[i % 3], district=process.districts[i % 2],
                       title=f"Idee Nummer {i} für mehr Klimaschutz") for i in range(4)]
    make_idea(process, status=IdeaStatus.SUBMITTED, title="Eine eingereichte Idee zur Prüfung")
    comment = Comment(idea=ideas[0], author=resident, body="Ein Kommentar dazu.", body_html="<p>Ein Kommentar dazu.</p>",
                      status=CommentStatus.PUBLISHED)
    db.session.add(comment)
    db.session.commit()
    with unit_of_work():
        template = moderation.save_reason_template(staff, process, "Anderswo besser aufgehoben", "Das gehört in den Verkehrsentwicklungsplan.")
        catalogue.ensure_default_criteria(staff, process)
        measure = catalogue.create_measure(staff, process, catalogue.MeasureData(
            title="Radwege im Zentrum ausbauen", sector_id=process.sectors[0].id), [ideas[0].id])
        catalogue.set_public(staff, measure, True)

    built = build_conference(db, process)
    conference_id = built.conference_id
    table_id = built.tables[0]
    participant_id = built.participants[table_id][0]
    conference = db.session.get(Conference, conference_id)
    with unit_of_work():
        voting_round = conf.create_round(moderator, conference, table_id, title="Was zuerst?", method="dots")
    round_id = voting_round.id

    draw = lottery.draw(lottery.import_register(count=150), letters=40)
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    categories = lottery_services.get_settings(process).categories
    for n, invitation in enumerate(invitations[:24]):
        lottery.accept(invitation, {c["key"]: c["values"][n % len(c["values"])]["value"] for c in categories})
    with unit_of_work():
        run = panels.start_run(staff, process, panels.categories_with_quotas(process, 6, {}), 6, reserve_size=2)
    db.session.expire_all()
    with unit_of_work():
        panel = panels.draw_panel(staff, db.session.get(type(run), run.id), "7", "Öffentliche Ziehung im Rathaus")
    member_id = panel.members[0].id
    letters_file = LotteryFile(process_id=process.id, draw_id=draw.id, kind="letters", filename="briefe.pdf",
                               content_type="application/pdf", status=FileStatus.DONE, data=b"%PDF-1.4\n", size=9,
                               requested_by_id=staff.id, finished_at=utcnow())
    db.session.add(letters_file)
    db.session.commit()
    with unit_of_work():
        upload = lottery_services.stage_upload(staff, process, "auszug.csv", b"Name;Vorname\nA;B\n")
    unverified = make_user("new@example.org", verified=False)
    from participation.auth.models import ProcessRole as Role

    role = db.session.scalar(sa.select(Role).where(Role.process_id == process.id))
    from participation.catalogue.models import IdeaMeasureLink

    link = db.session.scalar(sa.select(IdeaMeasureLink))
    values = {
        "slug": process.slug, "idea_id": ideas[0].id, "comment_id": comment.id, "conference_id": conference_id,
        "participant_id": participant_id, "table_id": table_id, "round_id": round_id,
        "item_id": built.items[table_id][0], "number": draw.number, "file_id": letters_file.id,
        "invitation_id": invitations[0].id, "member_id": member_id, "panel_id": panel.id, "run_id": run.id,
        "extract_id": draw.extract_id, "code": measure.code, "template_id": template.id, "user_id": resident.id,
        "role_id": role.id, "link_id": link.id,
    }
    from participation.auth import throttle
    from participation.auth.models import SignInLink

    link_token = "hostile-walk-sign-in-link-0123456789"
    db.session.add(SignInLink(user_id=resident.id, token_hash=throttle._hash(link_token),
                              expires_at=utcnow() + timedelta(minutes=15)))
    db.session.commit()
    tokens = {  # a citizen's, a table facilitator's and the moderator's join link
        "conference": [built.tokens[participant_id], built.tokens[built.facilitators[table_id]],
                       built.tokens[built.moderator]],
        "auth.reset_password": [auth_services._serializer(auth_services._RESET_SALT).dumps(
            {"uid": resident.id, "fp": auth_services._reset_fingerprint(resident)})],
        "auth.verify_email": [auth_services.verification_token(unverified)],
        "lottery.preview_register": [upload.token],
        "auth.sign_in_link": [link_token],  # a real one-time link (its page only shows a button)
    }
    assert db.session.get(Process, process.id) and db.session.get(Participant, participant_id)
    assert db.session.get(VotingRound, round_id)
    return {"process": process, "users": users, "values": values, "tokens": tokens, "ideas": ideas,
            "measure": measure}


def urls_of(app, world):
    """(rule, url) for every GET route, its arguments filled from the world (`any()` in each way)."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        choices = [{}]
        for name in rule.arguments:
            converter = rule._converters[name]
            if isinstance(converter, AnyConverter):
                options = sorted(converter.items)
            elif name == "token":
                options = world["tokens"]["conference" if rule.endpoint.startswith("conference.") else rule.endpoint]
            else:
                assert name in world["values"], f"no value for <{name}> in {rule.rule}: add one to the world"
                options = [world["values"][name]]
            choices = [dict(c, **{name: option}) for c in choices for option in options]
        with app.test_request_context():
            from flask import url_for

            found.extend((rule, url_for(rule.endpoint, **c)) for c in choices)
    return found


class Crashed:
    """What a request that raised (the test app propagates exceptions) is reported as."""

    mimetype = "text/plain"

    def __init__(self, error):
        self.status_code, self.error = 500, error

    def get_data(self, as_text=False):
        return repr(self.error)


def _get(client, url):
    try:
        return client.get(url)
    except Exception as error:  # a 500 in production
        return Crashed(error)


def _record(client, url):
    _READ.clear()
    response = _get(client, url)
    return response, sorted(set(_READ))


def _query(params, value):
    from urllib.parse import urlencode

    return urlencode({name: value for name in params})


def _bad(response):
    text = response.get_data(as_text=True) if response.mimetype.startswith(("text/", "application/json")) else ""
    return response.status_code >= 500 or "Traceback (most recent call last)" in text


def _walk(client, app, urls, role):
    """Failures of one visitor's walk, and the parameters each URL read."""
    failures, read = [], {}
    for _, url in urls:
        response, params = _record(client, url)
        if _bad(response):
            failures.append((role, url, "ordinary request", response.status_code, getattr(response, "error", None)))
            continue
        if not params:
            continue
        read[url] = params
        sep = "&" if "?" in url else "?"
        for label, value in HOSTILE.items():
            response = _get(client, f"{url}{sep}{_query(params, value)}")
            if not _bad(response):
                continue
            culprits = [p for p in params if _bad(_get(client, f"{url}{sep}{_query([p], value)}"))]
            failures.append((role, url, label, culprits or params, response.status_code,
                             getattr(response, "error", None)))
    for url in read:  # names a page may hand on to url_for (its own and url_for's): never a TypeError
        arguments = next(rule.arguments for rule, built in urls if built == url)
        for name in sorted(set(URL_FOR_NAMES) | set(arguments)):
            response = _get(client, f"{url}{'&' if '?' in url else '?'}{name}=1")
            if _bad(response):
                failures.append((role, url, "parameter name", name, response.status_code,
                                 getattr(response, "error", None)))
    return failures, read


def test_no_route_answers_5xx_to_hostile_query_values(world, make_client, app):
    """One world, five visitors (seeding once keeps this under half a minute on SQLite)."""
    urls = urls_of(app, world)
    failures, read = [], {}
    for role in ROLES:
        client = make_client()
        if role != "anonymous":
            client.login(world["users"][role].email)
        found, read[role] = _walk(client, app, urls, role)
        failures.extend(found)
    assert not failures, "\n".join(map(str, failures))
    slug = world["process"].slug
    assert read["anonymous"][f"/processes/{slug}/ideas"] and "sector" in read["anonymous"][f"/processes/{slug}/measures"]
    for role in ("staff", "admin"):  # the parameters of the issue, reached and recorded
        seen = read[role]
        assert {"sector", "district", "page"} <= set(seen[f"/processes/{slug}/ideas"])
        assert {"sector", "district", "page"} <= set(seen[f"/api/v1/processes/{slug}/ideas"])
        for path in ("measures", "measures.csv", "measures.json"):
            assert "sector" in seen[f"/processes/{slug}/{path}"]
        for path in ("audit", "audit.csv"):
            assert "object_id" in seen[f"/processes/{slug}/{path}"]
        assert "page" in seen[f"/processes/{slug}/lottery/access-log"]
    assert len({url for role in read.values() for url in role}) >= 15, "the walk reached too few routes"


# --- what the pages show for a refused or clamped number ----------------------------------------

@pytest.fixture
def filters(app, db, make_process, make_user, make_idea, make_client):
    """25 ideas over three sectors and two districts (two pages), two measures, audit entries."""
    from participation.catalogue import services as catalogue

    process = make_process()
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF), (process, ProcessRoleKind.MODERATOR)])
    ideas = [make_idea(process, sector=process.sectors[i % 3], district=process.districts[i % 2],
                       title=f"Idee Nummer {i:02d} für mehr Klimaschutz") for i in range(25)]
    with unit_of_work():
        measures = [catalogue.create_measure(staff, process, catalogue.MeasureData(
            title=f"Maßnahme im Sektor {n}", sector_id=process.sectors[n].id)) for n in (1, 2)]
        for measure in measures:
            catalogue.set_public(staff, measure, True)
    client = make_client()
    client.login(staff.email)
    return process, ideas, measures, client


def _tree(response):
    import html5lib

    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def _selected(tree, select_id):
    select = next(s for s in tree.iter("select") if s.get("id") == select_id)
    return [o.get("value") for o in select.iter("option") if o.get("selected") is not None]


def _idea_links(tree, process):
    pattern = re.compile(rf"^/processes/{re.escape(process.slug)}/ideas/(\d+)$")
    return {int(m.group(1)) for a in tree.iter("a") if (m := pattern.match(a.get("href") or ""))}


def _arabic_indic(number):
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def test_refused_numbers_show_the_unfiltered_list_and_pages_are_clamped(filters):
    process, ideas, measures, client = filters
    slug = process.slug
    # The Arabic-Indic spelling of a real sector and district: refused, not read as that sector.
    values = dict(HOSTILE, **{"a real id in Arabic-Indic digits": _arabic_indic(process.sectors[1].id)})
    first_page = _idea_links(_tree(client.get(f"/processes/{slug}/ideas")), process)
    assert len(first_page) == 20
    second_page = _idea_links(_tree(client.get(f"/processes/{slug}/ideas?page=2")), process)
    assert len(second_page) == 5
    filtered = client.api("GET", f"/api/v1/processes/{slug}/ideas?sector={process.sectors[1].id}", csrf=False)
    assert filtered.get_json()["total"] == 8  # the filter itself works, so its absence below means something
    entries = _audit_count()
    assert entries >= 4 and _audit_rows(client, f"/processes/{slug}/audit.csv") == entries
    assert _audit_rows(client, f"/processes/{slug}/audit.csv?object_id={measures[0].id}") < entries

    for label, value in values.items():
        quoted = _quote(value)
        page = client.get(f"/processes/{slug}/ideas?sector={quoted}&district={quoted}")
        assert page.status_code == 200, label
        tree = _tree(page)
        assert _selected(tree, "sector") == [] and _selected(tree, "district") == [], label
        assert _idea_links(tree, process) == first_page, label
        listed = client.api("GET", f"/api/v1/processes/{slug}/ideas?sector={quoted}&district={quoted}&page={quoted}",
                            csrf=False).get_json()
        assert listed["total"] == 25, label
        expected_page = 2 if label == "2**63" else 1  # a readable number past the end: the last page
        assert listed["page"] == expected_page, label
        html_page = _idea_links(_tree(client.get(f"/processes/{slug}/ideas?page={quoted}")), process)
        assert html_page == (second_page if expected_page == 2 else first_page), label

        measure_page = client.get(f"/processes/{slug}/measures?sector={quoted}")
        assert measure_page.status_code == 200 and _selected(_tree(measure_page), "sector") == [], label
        for measure in measures:
            assert f"/processes/{slug}/measures/{measure.code}" in measure_page.get_data(as_text=True), label
        as_csv = client.get(f"/processes/{slug}/measures.csv?sector={quoted}").get_data(as_text=True)
        as_json = json.loads(client.get(f"/processes/{slug}/measures.json?sector={quoted}").get_data(as_text=True))
        assert all(m.code in as_csv for m in measures), label
        assert {m["code"] for m in as_json["measures"]} == {m.code for m in measures}, label

        audit = client.get(f"/processes/{slug}/audit?object_id={quoted}&page={quoted}")
        assert audit.status_code == 200, label
        box = next(i for i in _tree(audit).iter("input") if i.get("id") == "object_id")
        assert box.get("value") == "", label  # the refused number is not shown as a filter
        entries = _audit_count()  # every CSV export adds one, after writing the file
        assert _audit_rows(client, f"/processes/{slug}/audit.csv?object_id={quoted}") == entries, label

        queue = client.get(f"/processes/{slug}/moderation?page={quoted}")
        assert queue.status_code == 200 and "Traceback" not in queue.get_data(as_text=True), label


def _audit_count():
    from participation.extensions import db
    from participation.moderation.models import AuditEntry

    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))


def _audit_rows(client, url):
    import csv
    import io

    text = client.get(url).get_data(as_text=True).lstrip("\ufeff")
    return len(list(csv.reader(io.StringIO(text), delimiter=";"))) - 1


def _quote(value):
    from urllib.parse import quote

    return quote(value, safe="")
