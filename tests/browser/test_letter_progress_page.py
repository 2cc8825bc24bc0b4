"""The progress of the letters in real Chromium: while the background task runs, the draw page shows
"Wird erstellt … 340 von 1.200 Briefen" with a progress bar that its script moves from the JSON
status; when the file is ready the page shows the download, without the staff member reloading.

The task's states are written to the database as the task writes them (huey runs tasks at once in
tests, so a running task cannot be caught in the act)."""
import sqlalchemy as sa

from tests.browser.test_moderation_journey import expect, new_page, screenshot, sign_in  # noqa: F401


def test_the_progress_bar_follows_the_task_and_turns_into_the_download(
        browser, live_server, db, lottery, expect):  # noqa: F811 (expect: a fixture)
    from participation.database import unit_of_work, utcnow
    from participation.lottery import services
    from participation.lottery.models import FileStatus, LotteryFile

    base_url, _ = live_server
    draw = lottery.draw(letters=12)
    with unit_of_work():
        services.request_letters(lottery.staff, draw)  # a real file, made at once
    file = db.session.scalar(sa.select(LotteryFile))
    file_id, pdf = file.id, file.data
    with unit_of_work():  # back to the state of a run of 1,200 letters, 340 of them written
        db.session.execute(sa.update(LotteryFile).where(LotteryFile.id == file_id).values(
            status=FileStatus.RUNNING, progress_done=340, progress_total=1200, finished_at=None))
    slug, number = lottery.process.slug, draw.number
    email, name = lottery.staff.email, lottery.staff.display_name
    db.session.close()

    context, page = new_page(browser)
    try:
        sign_in(page, base_url, email, name, expect)
        page.goto(f"{base_url}/processes/{slug}/lottery/draws/{number}")
        status = page.get_by_role("status")
        expect(status).to_have_text("Wird erstellt … 340 von 1.200 Briefen")  # Being made … of … letters
        bar = page.locator("progress[data-file-bar]")
        assert bar.get_attribute("max") == "1200" and bar.get_attribute("value") == "340"
        expect(page.get_by_role("button", name="Briefe für die Druckerei erstellen (PDF)")).to_have_count(0)
        screenshot(page, "letters-progress-1280")
        page.set_viewport_size({"width": 360, "height": 800})
        # The letters section fits a phone (the stratum table further down is the phone layout's part of
        # the issue, which makes tables scroll inside their own container).
        right = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            '[aria-labelledby=letters-heading], [aria-labelledby=letters-heading] *')].map(
            e => e.getBoundingClientRect().right))""")
        assert right <= 360, right
        screenshot(page, "letters-progress-360")
        page.set_viewport_size({"width": 1280, "height": 900})

        with unit_of_work():  # the task writes its next step: the script moves the bar
            db.session.execute(sa.update(LotteryFile).where(LotteryFile.id == file_id).values(progress_done=900))
        expect(status).to_have_text("Wird erstellt … 900 von 1.200 Briefen")
        expect(bar).to_have_attribute("value", "900")

        with unit_of_work():  # and finishes
            db.session.execute(sa.update(LotteryFile).where(LotteryFile.id == file_id).values(
                status=FileStatus.DONE, progress_done=1200, finished_at=utcnow()))
        link = page.get_by_role("link", name="Briefe herunterladen (PDF)")  # Download the letters (PDF)
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        assert download.value.path().read_bytes() == pdf
        screenshot(page, "letters-ready-1280")
    finally:
        context.close()
