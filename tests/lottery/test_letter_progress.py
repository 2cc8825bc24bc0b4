"""The letters PDF made in the background: progress written in short transactions of its own, the
JSON status the draw page polls (staff of the process only), and the page in each state (waiting,
being made, ready, failed with a retry). Huey runs the task at once in tests."""
import re

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work, utcnow
from participation.extensions import db as _db
from participation.lottery import services
from participation.lottery.models import FileStatus, LotteryFile, LotterySettings


@pytest.fixture
def drawn(lottery, make_client, db):
    draw = lottery.draw(letters=12)
    staff = make_client()
    staff.login(lottery.staff.email)
    return lottery, draw, staff, f"/processes/{lottery.process.slug}/lottery"


def _file(db):
    return db.session.scalars(sa.select(LotteryFile).order_by(LotteryFile.id.desc())).first()


def test_the_task_writes_its_progress_in_transactions_of_its_own(drawn, db):
    lottery, draw, _staff, _base = drawn
    with unit_of_work():
        file = LotteryFile(process_id=lottery.process.id, draw_id=draw.id, kind="letters", filename="b.pdf",
                           content_type="application/pdf", status=FileStatus.RUNNING)
        db.session.add(file)
    file_id = file.id
    seen = []  # progress as another connection reads it after each commit

    def read_progress(session):
        with _db.engine.connect() as connection:
            seen.append(connection.execute(sa.select(LotteryFile.progress_done, LotteryFile.progress_total)
                                           .where(LotteryFile.id == file_id)).one())

    sa.event.listen(_db.session, "after_commit", read_progress)
    try:
        services.render_letters(file_id, progress_every=5)
    finally:
        sa.event.remove(_db.session, "after_commit", read_progress)
    assert [tuple(row) for row in seen] == [(0, 12), (5, 12), (10, 12), (12, 12), (12, 12)]
    file = db.session.get(LotteryFile, file_id)
    assert file.status == FileStatus.DONE and file.data.startswith(b"%PDF") and file.pages >= 12


def test_the_status_endpoint_gives_state_progress_and_the_download(drawn, db):
    lottery, draw, staff, base = drawn
    response = staff.post(f"{base}/draws/{draw.number}/letters", {}, form_url=f"{base}/draws/{draw.number}")
    assert response.status_code == 302
    file = _file(db)
    state = staff.get(f"{base}/files/{file.id}/status.json")
    assert state.status_code == 200 and state.mimetype == "application/json"
    assert "no-store" in state.headers.get("Cache-Control", "")
    data = state.get_json()
    assert data["status"] == "done" and data["done"] == data["total"] == 12 and data["percent"] == 100
    assert data["download_url"] == f"{base}/files/{file.id}" and data["error"] is None
    assert data["message"].startswith("Fertig: briefe-ziehung-1.pdf, ")
    assert staff.get(data["download_url"]).data.startswith(b"%PDF")


def test_the_status_endpoint_is_for_the_staff_of_the_process_only(drawn, db, make_client, make_user, make_process):
    lottery, draw, staff, base = drawn
    with unit_of_work():
        services.request_letters(lottery.staff, draw)
    url = f"{base}/files/{_file(db).id}/status.json"
    assert make_client().get(url).status_code == 302  # to the sign-in page
    moderator = make_user(roles=[(lottery.process, ProcessRoleKind.MODERATOR)])
    other = make_process()
    other_staff = make_user(roles=[(other, ProcessRoleKind.STAFF)])
    for user, status in ((moderator, 403), (other_staff, 403)):
        client = make_client()
        client.login(user.email)
        assert client.get(url).status_code == status
    client = make_client()
    client.login(other_staff.email)  # their own process, another process's file
    assert client.get(f"/processes/{other.slug}/lottery/files/{_file(db).id}/status.json").status_code == 404


def _set_state(db, file_id, **values):
    with unit_of_work():
        db.session.execute(sa.update(LotteryFile).where(LotteryFile.id == file_id).values(**values))


def test_the_draw_page_in_each_state_of_the_letters(drawn, db):
    lottery, draw, staff, base = drawn
    with unit_of_work():
        file = LotteryFile(process_id=lottery.process.id, draw_id=draw.id, kind="letters",
                           filename="briefe-ziehung-1.pdf", content_type="application/pdf", progress_total=1200)
        db.session.add(file)
    page_url = f"{base}/draws/{draw.number}"

    page = staff.get(page_url).get_data(as_text=True)
    assert "Wartet auf den Start … 1.200 Briefe" in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'aria-busy="true"' in page and "Briefe für die Druckerei erstellen" not in page  # no second run

    _set_state(db, file.id, status=FileStatus.RUNNING, progress_done=340)
    page = staff.get(page_url).get_data(as_text=True)
    assert "Wird erstellt … 340 von 1.200 Briefen" in page
    assert re.search(r'<progress max="1200" value="340"[^>]*>28 %</progress>', page), page
    state = staff.get(f"{base}/files/{file.id}/status.json").get_json()
    assert {key: state[key] for key in ("status", "done", "total", "percent", "download_url", "error")} == {
        "status": "running", "done": 340, "total": 1200, "percent": 28, "download_url": None, "error": None}
    assert state["message"] == "Wird erstellt … 340 von 1.200 Briefen"

    _set_state(db, file.id, status=FileStatus.FAILED, error="Der Brieftext, Zeile 3: Den Platzhalter {x} gibt es "
                                                           "nicht.", finished_at=utcnow())
    page = staff.get(page_url).get_data(as_text=True)
    assert "Die Briefe konnten nicht erstellt werden: Der Brieftext, Zeile 3: Den Platzhalter {x} gibt es nicht." \
        in page
    assert "Erneut versuchen: Briefe erzeugen" in page and "<noscript><meta" not in page
    response = staff.post(f"{page_url}/letters", {}, form_url=page_url)  # the retry
    assert response.status_code == 302
    page = staff.get(page_url).get_data(as_text=True)
    assert "Die Briefe sind fertig." in page and "Briefe herunterladen (PDF)" in page
    assert "Frühere Brief-Dateien" in page and "Briefe neu erzeugen" in page


def test_a_failing_letter_run_says_why_and_the_retry_works_once_fixed(drawn, db):
    lottery, draw, staff, base = drawn
    page_url = f"{base}/draws/{draw.number}"
    staff.get(f"{base}/settings")  # the settings exist from here on
    with unit_of_work():  # a template that slipped past the form (an older version stored it)
        db.session.execute(sa.update(LotterySettings).values(letter_template="Hallo {unbekannt}"))
    staff.post(f"{page_url}/letters", {}, form_url=page_url)
    file = _file(db)
    assert file.status == FileStatus.FAILED and "{unbekannt}" in file.error and file.data is None
    page = staff.get(page_url).get_data(as_text=True)
    assert "Die Briefe konnten nicht erstellt werden:" in page and "{unbekannt}" in page
    with unit_of_work():
        db.session.execute(sa.update(LotterySettings).values(letter_template="{anrede},\n\nbis bald."))
    staff.post(f"{page_url}/letters", {}, form_url=page_url)
    db.session.expire_all()
    assert _file(db).status == FileStatus.DONE


def test_the_letter_promises_the_planned_panel_size_and_names_the_municipality(drawn, db):
    import io

    import pypdf

    lottery, draw, staff, base = drawn
    settings_page = staff.get(f"{base}/settings").get_data(as_text=True)
    assert 'value="die Musterstadt"' not in settings_page  # a place name takes no article
    with unit_of_work():
        settings = services.get_settings(lottery.process)
        settings.panel_size = 24
        settings.sender = dict(settings.sender, designation="die Stadt Jena")
    staff.post(f"{base}/draws/{draw.number}/letters", {}, form_url=f"{base}/draws/{draw.number}")
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(_file(db).data)).pages)
                    .split())
    assert "Die Stadt Jena erarbeitet einen Klimaschutzplan." in text
    assert "24 ausgeloste Bürgerinnen und Bürger" in text and "Rund 40" not in text
    assert "wie die Stadt Jena klimafreundlich werden kann" in text
    selection = staff.get(f"{base}/selection").get_data(as_text=True)
    assert re.search(r'name="panel_size"[^>]*value="24"|value="24"[^>]*name="panel_size"', selection)
