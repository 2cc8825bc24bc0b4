"""The lottery's pages and the selection report in English and in German, on a real selection run.

With English, no German sentence of the lottery's modules may appear (data the staff entered, such as
category labels and names, aside); with German, the German ones do."""
import json
import random
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from participation.database import unit_of_work
from participation.lottery import panels, services
from participation.lottery.models import Invitation, RunStatus, SelectionRun

OUR_MODULES = ("draw", "selection", "register_csv", "panels", "services", "verification", "models", "texts")


def _german_fragments():
    """The fixed parts (between placeholders) of the German translations of the lottery modules' msgids."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    import participation

    root = Path(participation.__file__).parent
    msgids = set()
    for name in OUR_MODULES:
        for _lineno, message, _comments, _context in extract_from_file(
                "python", str(root / "lottery" / f"{name}.py"), keywords={"_": None, "_l": None, "gettext": None,
                                                                           "ngettext": (1, 2)}):
            msgids.add(message if isinstance(message, str) else message[0])
    with (root / "translations" / "de" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="de")
    fragments = set()
    for msgid in msgids:
        message = catalogue.get(msgid)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for string in strings:
            for part in re.split(r"%\([a-z_]+\)[sd]|%%", string):
                part = part.strip(" .,:;–()„“")
                if len(part) >= 12 and " " in part:  # a phrase, not a single word that data may hold
                    fragments.add(part)
    return fragments


@pytest.fixture
def finished_run(db, lottery):
    """A real selection run: 60 people accepted with varied features, a panel of 10 chosen under quotas."""
    draw = lottery.draw(letters=90)
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    rng = random.Random(11)
    categories = services.get_settings(lottery.process).categories
    for invitation in invitations[:60]:
        lottery.accept(invitation, {c["key"]: rng.choice(c["values"])["value"] for c in categories})
    with unit_of_work():
        run = panels.start_run(lottery.staff, lottery.process, panels.categories_with_quotas(lottery.process, 10, {}),
                               10, reserve_size=2)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    assert run.status == RunStatus.DONE, run.error
    return lottery, draw, run


def _pages(client, lottery, draw, run):
    base = f"/processes/{lottery.process.slug}/lottery"
    pages = {}
    for url in (base, f"{base}/selection", f"{base}/selection/runs/{run.id}", f"{base}/draws/{draw.number}",
                f"{base}/draws/{draw.number}/invitations", f"{base}/transparency"):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.get_data(as_text=True)
    return pages


def _visible(html):
    html = re.sub(r"<pre[^>]*>.*?</pre>", " ", html, flags=re.S)  # the library's own report (English)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_selection_report_says_in_german_what_happened(db, finished_run, make_client):
    lottery, draw, run = finished_run
    client = make_client()
    client.login(lottery.staff.email)
    page = client.get(f"/processes/{lottery.process.slug}/lottery/selection/runs/{run.id}").get_data(as_text=True)
    report = _visible(page.split("data-run-report", 1)[1].split("</ul>", 1)[0])
    assert "Verfahren maximin" in report and "Open-Source-Löser HiGHS" in report
    assert "Pool: 60 Personen mit Zusage; Gremium: 10 Mitglieder, eine Person je Haushalt." in report
    lowest = re.search(r"Kleinste Auswahlwahrscheinlichkeit: (\d+,\d\d) % \(bei gleichen Chancen für alle "
                       r"wären es 16,67 %\); größte: (\d+,\d\d) %", report)  # no-break spaces, seen as spaces
    assert lowest, report
    assert float(lowest.group(1).replace(",", ".")) == pytest.approx(run.min_probability * 100, abs=0.006)
    assert "keine wurde gelockert" in report
    assert "Die Suche nach vielfältigen Gremien brauchte" in report  # the library's rounds, in our words
    assert "Heuristic successfully generated" not in report
    technical = page.split("data-run-technical", 1)[1]
    assert "Technische Einzelheiten" in technical and "Using maximin algorithm." in technical
    assert '<span class="badge" data-run-status>abgeschlossen</span>' in page  # not a file's "fertig"
    status = json.loads(client.get(f"/processes/{lottery.process.slug}/lottery/selection/runs/{run.id}/status.json")
                        .get_data(as_text=True))
    assert status["label"] == "abgeschlossen"


def test_the_lottery_pages_in_english_hold_no_german_of_the_lottery_modules(db, finished_run, make_client):
    lottery, draw, run = finished_run
    fragments = _german_fragments()
    # the categories are settings the staff edit (made with German defaults): data, not interface
    settings = services.get_settings(lottery.process)
    data = {c["label"] for c in settings.categories} | {v["label"] for c in settings.categories for v in c["values"]}
    fragments -= data
    assert len(fragments) > 150 and "Die Quoten lassen sich mit diesem Pool nicht erfüllen" in fragments
    lottery.staff.locale = "en"
    db.session.commit()
    client = make_client()
    client.login(lottery.staff.email)
    pages = _pages(client, lottery, draw, run)
    run_page = _visible(pages[f"/processes/{lottery.process.slug}/lottery/selection/runs/{run.id}"])
    assert "Method: maximin" in run_page and "Pool: 60 people who accepted; panel: 10 members" in run_page
    assert re.search(r"Lowest selection probability: \d+\.\d\d% \(with equal chances for all it would be "
                     r"16\.67%\); highest: \d+\.\d\d%", run_page), run_page
    assert "completed" in run_page and "Technical details" in run_page
    for url, html in pages.items():
        text = _visible(html)
        found = sorted(fragment for fragment in fragments if fragment in text)
        assert not found, (url, found[:5])
    # the same pages in German do show the German of these modules
    lottery.staff.locale = "de"
    db.session.commit()
    client = make_client()
    client.login(lottery.staff.email)
    german = _visible(_pages(client, lottery, draw, run)[f"/processes/{lottery.process.slug}/lottery/selection/runs/"
                                                        f"{run.id}"])
    assert sum(fragment in german for fragment in fragments) >= 4
