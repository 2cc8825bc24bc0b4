"""The history and search pages in real Chromium at 360 and 1280 px: no sideways scrolling, the changes
and the highlights visible, the page links reachable. Screenshots go to test-artifacts/."""
from pathlib import Path

import pytest

from participation.auth.models import ProcessRoleKind
from participation.catalogue import services as catalogue
from participation.database import unit_of_work
from participation.moderation import services as moderation
from tests.conftest import PASSWORD, browser_second_factor

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = (360, 1280)
LONG_WORD = "Energieeffizienzsteigerungsmaßnahmenprogramm"


def _sheet(process, description, **changes):
    data = catalogue.MeasureData(
        title="Tempo 30 vor Schulen, Kitas und Pflegeheimen", sector_id=process.sectors[3].id, type="regulatory",
        time_horizon="short", origin="administration", texts={"description": description},
        quantities={"investment": catalogue.QuantityData(2_500_000.0, 2_000_000.0, 3_100_000.0, "Kostenschätzung",
                                                         "Tiefbauamt, Haushaltsplan 2027")},
        milestones=[catalogue.MilestoneData("Beschilderung bestellt")],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def scene(app, db, make_process, make_user, make_idea):
    app.config["IDEAS_PER_PAGE"] = 2
    process = make_process()
    staff = make_user("staff@example.org", name="Stefanie Stab", roles=[(process, ProcessRoleKind.STAFF),
                                                                         (process, ProcessRoleKind.MODERATOR)])
    text = ("Vor allen Grundschulen, Kitas und Pflegeheimen gilt Tempo 30 rund um die Uhr. " * 3
            + f"Das {LONG_WORD} der Stadt bezahlt die Schilder.")
    with unit_of_work():
        measure = catalogue.create_measure(staff, process, _sheet(process, "Erster Entwurf"))
    with unit_of_work():
        catalogue.update_measure(staff, measure, _sheet(process, "Vor Schulen und Kitas gilt Tempo 30."),
                                 measure.version, "Entwurf überarbeitet")
    with unit_of_work():
        catalogue.set_public(staff, measure, True)
    with unit_of_work():
        catalogue.update_measure(staff, measure, _sheet(process, text, status="adopted", progress_percent=15),
                                 measure.version, "Ratsbeschluss vom 12. März eingetragen")
    for n in range(13):
        make_idea(process, title=f"Solaranlage auf dem Dach der Schule Nr. {n + 1}",
                  body=("Die Turnhalle hat ein großes Flachdach nach Süden. " * 4
                        + f"Eine Solaranlage dort würde den Strom für die Schule liefern. {LONG_WORD} " * 2))
    idea = make_idea(process, title="Radweg an der Saale baun", body="Von Burgau bis Göschwitz fehlt ein Radweg.")
    with unit_of_work():
        moderation.claim(staff, idea)
        moderation.edit_idea(staff, idea, idea.version, "Radweg an der Saale bauen",
                             "Von Burgau bis Göschwitz fehlt ein sicherer Radweg.", process.sectors[3].id, None,
                             "Tippfehler")
    return process, measure, staff


def _look(page, url, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} at {width} px is {scroll} px wide"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def test_history_search_and_audit_pages_fit_a_phone(browser, live_server, scene):
    base_url, _ = live_server
    process, measure, staff = scene
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    history = f"{base_url}/processes/{process.slug}/measures/{measure.code}/history"
    _look(page, history, "history-public")
    assert page.locator("del").count() and page.locator("ins").count()
    assert "Erster Entwurf" not in page.content()
    _look(page, f"{base_url}/processes/{process.slug}/ideas?q=solaranlage&page=4", "search")
    assert page.locator(".idea-card mark").count() >= 2
    assert page.locator('.pagination a[aria-current="page"]').inner_text().strip().endswith("4")

    page.goto(base_url + "/account/login")
    page.get_by_label("E-Mail-Adresse").fill(staff.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser_second_factor(page, staff.email)
    page.wait_for_load_state()
    _look(page, history, "history-staff")
    assert "Erster Entwurf" in page.content()
    _look(page, f"{base_url}/processes/{process.slug}/audit", "audit")
    page.locator("details summary", has_text="Was sich geändert hat").first.click()
    page.screenshot(path=str(ARTIFACTS / "audit-open-360.png"), full_page=True)
    context.close()
