"""The core pages in English show no German: every text of the interface comes from the catalogue.

The fixtures write their content (process, sectors, districts, idea, measure) in English here, so
that any German left on a page is the interface's own. The names of the languages in the language
switcher ("Deutsch") are an exception: each language is named in itself; so are proper names that
are German in English too (the address of the Schlichtungsstelle, "the Länder")."""
import re

import html5lib
import pytest
from flask_babel import force_locale

from participation.auth.models import ProcessRoleKind
from participation.catalogue import services as catalogue
from participation.database import unit_of_work, utcnow
from participation.markup import render_markdown
from participation.moderation.services import record
from participation.processes.models import DEFAULT_SECTORS

GERMAN = re.compile(
    r"[äöüÄÖÜß]|\b(und|oder|nicht|der|die|das|dem|den|des|mit|für|Sie|ist|sind|wird|werden|ein|eine|einen|kein|"
    r"keine|bitte|auf|zu|von|bei|auch|noch|nur|hat|Anmelden|Registrieren|Ideen|Maßnahmen?|Startseite|Seite|"
    r"Zurück|Weiter|Suche|Suchen|Datenschutz|Barrierefreiheit|Impressum|Unterstützung(en)?|Kommentare?)\b")
NOT_GERMAN_TEXT = ("Deutsch", "Mauerstraße", "Länder")


def _visible_text(html):
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    parts = []
    for element in tree.iter():
        if element.tag in ("script", "style") or not isinstance(element.tag, str):
            continue
        parts += [element.text or "", element.tail or ""]
        parts += [element.get(name, "") for name in ("title", "alt", "placeholder", "aria-label")]
    text = " ".join(parts)
    for name in NOT_GERMAN_TEXT:
        text = text.replace(name, "")
    return text


@pytest.fixture
def english_world(db, make_process, make_user, make_idea):
    process = make_process(title="Climate action plan Springfield", districts=("North", "South"))
    process.municipality = "Springfield"
    process.description = "A **participation process** for the climate action plan."
    process.description_html = render_markdown(process.description)
    with force_locale("en"):
        for sector, (_code, name) in zip(process.sectors, DEFAULT_SECTORS):
            sector.name = str(name)
    db.session.commit()
    staff = make_user(name="Office", roles=[(process, ProcessRoleKind.STAFF), (process, ProcessRoleKind.MODERATOR)],
                      locale="en")
    idea = make_idea(process, title="Plant more trees in the town centre",
                     body="Shady streets stay cool in summer and bind carbon.", sector=process.sectors[3])
    # An English-speaking office: what the services write (revision and audit summaries) is English too.
    with unit_of_work(), force_locale("en"):
        measure = catalogue.create_measure(staff, process, catalogue.MeasureData(
            title="Extend the cycle network", sector_id=process.sectors[3].id, type="technical",
            time_horizon="medium", origin="citizen_ideas",
            texts={"goal": "More journeys by bike.", "description": "Continuous, safe cycle lanes."},
            quantities={"ghg_savings": catalogue.QuantityData(1250.5, 800.0, 1600.0, "Shift of 5% of car trips",
                                                              "Climate plan 2021")},
            milestones=[catalogue.MilestoneData("Planning approved")],
        ), [idea.id], "adopted", "Taken over as proposed.")
        measure.is_public, measure.published_at = True, utcnow()
        record(staff, process.id, "criteria.save", "process", process.id, "")
    return process, staff, idea, measure


def _pages(process, idea, measure):
    base = f"/processes/{process.slug}"
    public = ["/", f"{base}/", f"{base}/ideas", f"{base}/ideas/{idea.id}", f"{base}/measures",
              f"{base}/measures/{measure.code}", "/account/login", "/account/register", "/impressum", "/datenschutz",
              "/barrierefreiheit"]
    staff = [f"{base}/moderation", f"{base}/audit", f"{base}/measures", f"{base}/ideas/{idea.id}"]
    return public, staff


def _german_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = _visible_text(response.get_data(as_text=True))
    return sorted({match.group(0) for match in GERMAN.finditer(text)})


def test_core_pages_in_english_show_no_german(english_world, make_client):
    process, staff, idea, measure = english_world
    public, staff_pages = _pages(process, idea, measure)
    visitor = make_client()
    visitor.post("/language", data={"locale": "en"}, form_url="/")
    found = {url: words for url in public if (words := _german_on(visitor, url))}
    office = make_client()
    office.login(staff.email)
    office.post("/language", data={"locale": "en"}, form_url="/")
    found |= {f"{url} (staff)": words for url in staff_pages if (words := _german_on(office, url))}
    assert not found, f"German on English pages: {found}"


def test_the_check_sees_german(english_world, make_client):
    # The same pages in German: the check finds German there, so it can fail.
    process, staff, idea, measure = english_world
    public, _staff_pages = _pages(process, idea, measure)
    visitor = make_client()
    assert all(_german_on(visitor, url) for url in public)
