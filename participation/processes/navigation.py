"""The navigation of a process, in one place: its sections, the pages in each, who sees them, and which
page is the current one.

Up to seventeen tabs in one row did not fit a screen, and each template named its own active tab (some
named the wrong one). Here the pages are grouped into a few sections; the template shows the sections as
one row and the pages of the current section as a second. The current page follows from the endpoint of
the request alone: every endpoint of a process page names the page it belongs to (`endpoints`), and a
public page that staff reach from a section of their own names a fallback for everyone else (`fallback`).

    process_navigation(process, user, endpoint) -> Navigation
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Page:
    key: str
    label: object  # a lazy string
    endpoint: str  # where the tab links to
    endpoints: tuple = ()  # further endpoints that belong to this page (detail and form pages)
    fallback: tuple = ()  # endpoints that belong here when no visible page claims them
    visible: object = None  # user, process -> bool; None: everyone who sees the section

    def claims(self, endpoint):
        return endpoint == self.endpoint or endpoint in self.endpoints


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    pages: tuple
    visible: object = None  # user, process -> bool; None: everyone


def _moderates(user, process):
    return bool(user and user.is_authenticated and user.can_moderate(process))


def _manages(user, process):
    return bool(user and user.is_authenticated and user.can_manage(process))


SECTIONS = (
    Section("participation", _l("Participation"), (
        Page("overview", _l("Overview"), "processes.show_process",
             fallback=("lottery.transparency",)),
        Page("ideas", _l("Ideas"), "ideas.list_ideas",
             ("ideas.show_idea", "ideas.create_idea", "ideas.edit_idea")),
        Page("measures", _l("Measures"), "catalogue.list_measures",
             ("catalogue.show_measure", "catalogue.create_measure", "catalogue.edit_measure",
              "catalogue.measure_history", "catalogue.score_measure")),
    )),
    Section("moderation", _l("Moderation and catalogue"), (
        Page("queue", _l("Moderation queue"), "moderation.queue",
             ("moderation.review_idea", "moderation.review_comment")),
        Page("barred", _l("Barred accounts"), "moderation.barred"),
        Page("reasons", _l("Reasons"), "moderation.reasons"),  # moderators see them, staff change them
        Page("audit", _l("Audit log"), "moderation.audit", visible=_manages),
        Page("priorities", _l("Prioritisation"), "catalogue.priorities", visible=_manages),
    ), visible=_moderates),
    Section("lottery", _l("Citizen lottery"), (
        Page("lottery", _l("Overview"), "lottery.overview"),
        Page("register", _l("Import register"), "lottery.upload_register", ("lottery.preview_register",)),
        Page("draws", _l("Draws"), "lottery.new_draw",
             ("lottery.show_draw", "lottery.list_invitations", "lottery.staff_response")),
        Page("selection", _l("Panel selection"), "lottery.selection_page",
             ("lottery.show_run", "lottery.show_panel")),
        Page("letter", _l("Letter and questions"), "lottery.edit_settings"),
        Page("access_log", _l("Access log"), "lottery.access_log"),
        Page("transparency", _l("Transparency page"), "lottery.transparency"),
    ), visible=_manages),
    Section("conferences", _l("Conferences"), (
        Page("conferences", _l("Conferences"), "conference.list_conferences",
             ("conference.show_conference", "conference.create_conference", "conference.edit_conference",
              "conference.results", "conference.console")),
    ), visible=_moderates),
    Section("administration", _l("Administration"), (
        Page("settings", _l("Settings"), "processes.edit_process"),
        Page("sectors", _l("Sectors and districts"), "processes.edit_sectors"),
        Page("team", _l("Team"), "processes.team"),
    ), visible=_manages),
)


@dataclass
class ShownSection:
    section: Section
    pages: list
    current: bool = False

    @property
    def key(self):
        return self.section.key

    @property
    def label(self):
        return self.section.label

    @property
    def endpoint(self):
        return self.pages[0].endpoint


@dataclass
class Navigation:
    sections: list = field(default_factory=list)  # ShownSection, only those the user may see
    current_page: Page | None = None

    @property
    def current_section(self):
        return next((s for s in self.sections if s.current), None)

    @property
    def flat(self):
        """One section only (the public): its pages are the tabs, without a section row."""
        return len(self.sections) == 1


def process_navigation(process, user, endpoint):
    """The sections and pages `user` sees in `process`, with the one that `endpoint` belongs to marked."""
    sections = []
    for section in SECTIONS:
        if section.visible and not section.visible(user, process):
            continue
        pages = [page for page in section.pages if not page.visible or page.visible(user, process)]
        if pages:
            sections.append(ShownSection(section, pages))
    navigation = Navigation(sections)
    for matches in (Page.claims, lambda page, e: e in page.fallback):
        for shown in sections:
            page = next((p for p in shown.pages if matches(p, endpoint)), None)
            if page:
                shown.current, navigation.current_page = True, page
                return navigation
    return navigation
