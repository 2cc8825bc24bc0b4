"""The navigation of a process: grouped into sections that fit a screen, and on every process page exactly
one link marked as the current page, the right one.

The pages are walked in the world of the access-control matrix (every kind of resource exists), as
staff, as a moderator and anonymously; the expected tab of each endpoint is written out here, apart from
participation/processes/navigation.py, so that a page mapped to the wrong tab fails."""
from html.parser import HTMLParser

import pytest

from tests.access.cases import default_params
from tests.access.test_access_matrix import Env, _url
from tests.access.world import build_world
from tests.conftest import _empty_all_tables

# endpoint of a page -> endpoint of the tab marked as its current page (None: the page has no navigation).
EXPECTED = {
    "processes.show_process": "processes.show_process",
    "ideas.list_ideas": "ideas.list_ideas",
    "catalogue.list_measures": "catalogue.list_measures",
    "catalogue.priorities": "catalogue.priorities",
    "moderation.queue": "moderation.queue",
    "moderation.review_idea": "moderation.queue",
    "moderation.review_comment": "moderation.queue",
    "moderation.barred": "moderation.barred",
    "moderation.reasons": "moderation.reasons",
    "moderation.audit": "moderation.audit",
    "conference.list_conferences": "conference.list_conferences",
    "conference.show_conference": "conference.list_conferences",
    "processes.edit_process": "processes.edit_process",
    "processes.edit_sectors": "processes.edit_sectors",
    "processes.team": "processes.team",
    "lottery.overview": "lottery.overview",
    "lottery.upload_register": "lottery.upload_register",
    "lottery.new_draw": "lottery.new_draw",
    "lottery.show_draw": "lottery.new_draw",
    "lottery.list_invitations": "lottery.new_draw",
    "lottery.staff_response": "lottery.new_draw",
    "lottery.selection_page": "lottery.selection_page",
    "lottery.show_run": "lottery.selection_page",
    "lottery.show_panel": "lottery.selection_page",
    "lottery.edit_settings": "lottery.edit_settings",
    "lottery.access_log": "lottery.access_log",
    "lottery.transparency": "lottery.transparency",
}
# What a visitor who is not staff sees as current on a page staff reach from a section of their own.
EXPECTED_FOR_THE_PUBLIC = {"lottery.transparency": "processes.show_process"}


class NavigationParser(HTMLParser):
    """The process navigation landmarks of a page: their labels, links and which link is current."""

    def __init__(self):
        super().__init__()
        self.navs, self._in_nav = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "process-nav" in (attrs.get("class") or "").split():
            self._in_nav = True
            self.navs.append({"label": attrs.get("aria-label"), "links": []})
        elif tag == "a" and self._in_nav:
            self.navs[-1]["links"].append((attrs.get("href"), attrs.get("aria-current")))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False


def navigation_of(html):
    parser = NavigationParser()
    parser.feed(html)
    return parser.navs


@pytest.fixture(scope="module")
def env(make_app, _migrated):
    from participation.conference import broadcast
    from participation.extensions import db

    app = make_app(RATELIMIT_ENABLED=False)
    with app.app_context():
        _empty_all_tables(db)
        w = build_world()
    yield Env(app, w)
    broadcast.stop()
    with app.app_context():
        db.session.remove()
        _empty_all_tables(db)


def _page_rules(app):
    """GET rules of process pages (HTML), one per endpoint."""
    rules = {}
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.rule.startswith("/processes/<slug>/") and "." not in rule.rule.rsplit("/", 1)[-1]:
            rules.setdefault(rule.endpoint, rule.rule)
    return rules


def _get(env, actor, endpoint):
    with env.app.app_context():
        values = default_params(env.w, actor)
        rule = _page_rules(env.app)[endpoint]
        response = env.clients[actor].get(_url(rule, values))
        with env.app.test_request_context():
            from flask import url_for
            hrefs = {name: url_for(name, slug=env.w.slug_a) for name in set(EXPECTED.values())}
    return response, hrefs


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
@pytest.mark.parametrize("actor", ["staff", "moderator", "anonymous"])
def test_exactly_one_current_page_and_the_right_one(env, actor, endpoint):
    response, hrefs = _get(env, actor, endpoint)
    if response.status_code != 200:
        assert actor != "staff", f"{endpoint}: staff get {response.status_code}"
        return  # a page this actor may not see has no navigation to check
    navs = navigation_of(response.get_data(as_text=True))
    assert navs, f"{endpoint} shows no process navigation"
    assert all(nav["label"] for nav in navs), "every navigation landmark has a label"
    current = [href for nav in navs for href, mark in nav["links"] if mark == "page"]
    expected = (EXPECTED_FOR_THE_PUBLIC.get(endpoint, EXPECTED[endpoint]) if actor != "staff"
                else EXPECTED[endpoint])
    assert current == [hrefs[expected]], f"{endpoint} as {actor}: current {current}, expected {expected}"


def test_every_process_page_with_a_navigation_is_listed(env):
    """A new process page with the navigation must name its tab above (and so in navigation.py)."""
    unlisted = []
    for endpoint in sorted(_page_rules(env.app)):
        if endpoint in EXPECTED:
            continue
        response, _hrefs = _get(env, "staff", endpoint)
        if (response.status_code == 200 and response.mimetype == "text/html"
                and navigation_of(response.get_data(as_text=True))):
            unlisted.append(endpoint)
    assert not unlisted, f"pages with a navigation but no expected tab: {unlisted}"


def test_staff_see_a_few_sections_and_the_pages_of_the_current_one(env):
    response, hrefs = _get(env, "staff", "lottery.show_draw")
    sections, pages = navigation_of(response.get_data(as_text=True))
    assert len(sections["links"]) <= 6, sections
    assert [mark for _href, mark in sections["links"]].count("true") == 1  # the section of the page
    assert pages["label"] in ("Citizen lottery", "Losverfahren")
    assert hrefs["lottery.new_draw"] in [href for href, _mark in pages["links"]]
    assert hrefs["moderation.queue"] not in [href for href, _mark in pages["links"]]


def test_the_public_see_one_row_of_tabs(env):
    response, hrefs = _get(env, "anonymous", "ideas.list_ideas")
    (nav,) = navigation_of(response.get_data(as_text=True))
    assert [href for href, _mark in nav["links"]] == [
        hrefs["processes.show_process"], hrefs["ideas.list_ideas"], hrefs["catalogue.list_measures"]]
