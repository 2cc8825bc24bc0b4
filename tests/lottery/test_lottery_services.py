"""The lottery's services on a real database: import, draw, letters, responses, access log, purge."""
import io
import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work, utcnow
from participation.errors import InvalidState, NotAllowed, NotFound, ValidationFailed
from participation.lottery import codes, services
from participation.lottery.models import (
    Draw,
    FileStatus,
    Invitation,
    InvitationStatus,
    LotteryAccess,
    LotteryFile,
    RegisterExtract,
    RegisterPerson,
    RegisterUpload,
    ResponseChannel,
)
from participation.lottery.verification import verify_files


def actions(db, process):
    return [a for a, in db.session.execute(sa.select(LotteryAccess.action).where(
        LotteryAccess.process_id == process.id).order_by(LotteryAccess.id))]


# --- import ------------------------------------------------------------------------------------

def test_import_stores_every_row_with_fingerprint_and_retention(db, lottery, register_bytes):
    data = register_bytes(500)
    extract = lottery.import_register(data)
    assert extract.row_count == 500
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 500
    import hashlib

    assert extract.fingerprint == hashlib.sha256(data).hexdigest()
    assert extract.retention_until > date.today()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterUpload)) == 0  # staged file gone
    assert "import_register" in actions(db, lottery.process)


def test_a_file_with_problems_imports_nothing_and_names_the_lines(db, lottery, register_bytes):
    text = register_bytes(50).decode("utf-8-sig").splitlines()
    cells = text[3].split(";")
    cells[0] = ""  # no person id in line 4
    text[3] = ";".join(cells)
    cells = text[7].split(";")
    cells[7] = "31.02.1980"  # impossible birth date in line 8
    text[7] = ";".join(cells)
    data = ("\r\n".join(text) + "\r\n").encode("utf-8")
    with unit_of_work():
        upload = services.stage_upload(lottery.staff, lottery.process, "kaputt.csv", data)
    with unit_of_work():
        preview = services.preview_upload(lottery.staff, lottery.process, upload)
    messages = [p.message for p in preview.read.problems]
    assert any(m.startswith("Zeile 4") for m in messages), messages
    assert any(m.startswith("Zeile 8") for m in messages), messages
    with pytest.raises(ValidationFailed) as raised, unit_of_work():
        services.import_upload(lottery.staff, lottery.process, upload, preview.mapping,
                               date.today() + timedelta(days=30))
    assert "2" in str(raised.value.message)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterExtract)) == 0


def test_unreadable_and_empty_files_are_refused_with_a_message(lottery):
    with pytest.raises(ValidationFailed), unit_of_work():
        services.stage_upload(lottery.staff, lottery.process, "leer.csv", b"")
    with pytest.raises(ValidationFailed), unit_of_work():
        services.stage_upload(lottery.staff, lottery.process, "bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_only_staff_of_the_process_may_import(lottery, make_user, make_process, register_bytes):
    moderator = make_user(roles=[(lottery.process, ProcessRoleKind.MODERATOR)])
    other_staff = make_user(roles=[(make_process(), ProcessRoleKind.STAFF)])
    for person in (moderator, other_staff, make_user(), None):
        with pytest.raises(NotAllowed), unit_of_work():
            services.stage_upload(person, lottery.process, "x.csv", register_bytes(5))


# --- the draw ------------------------------------------------------------------------------------

def test_the_draw_is_published_before_the_seed_and_reproduced_by_verify(app, db, lottery, tmp_path, register_bytes):
    data = register_bytes(800, seed=8)
    extract = lottery.import_register(data)
    draw = lottery.publish(extract, letters=80, strata=("district", "age_band"), one_per_household=True)
    assert draw.status.value == "published" and draw.seed is None
    assert sum(row["allocated"] for row in draw.plan) == 80
    with unit_of_work():
        services.perform_draw(lottery.staff, draw, " 17, 4  033 8 21 ", "Ziehung mit Würfeln im Rathaus")
    assert draw.seed == "17 4 33 8 21"
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).all()
    assert len(invitations) == draw.counts["drawn"] == 80 - draw.counts["shortfall"]
    households = [i.person.household for i in invitations]
    assert len(set(households)) == len(households)  # one letter per household
    protocol = services.draw_protocol(draw)
    assert verify_files(json.dumps(protocol).encode(), data).ok
    # The CLI agrees, and a changed seed in the protocol is caught.
    path = tmp_path / "p.json"
    path.write_text(json.dumps(protocol), encoding="utf-8")
    register = tmp_path / "r.csv"
    register.write_bytes(data)
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(path), str(register)])
    assert result.exit_code == 0, result.output
    path.write_text(json.dumps(dict(protocol, seed="17 4 33 8 22")), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(path), str(register)])
    assert result.exit_code == 1
    # The public version names nobody.
    public = services.draw_protocol(draw, include_selection=False)
    assert "selection" not in public and public["selection_hash"] == draw.selection_hash


def test_a_draw_cannot_be_made_twice_and_needs_a_source_and_a_valid_seed(lottery):
    extract = lottery.import_register()
    draw = lottery.publish(extract)
    with pytest.raises(ValidationFailed), unit_of_work():
        services.perform_draw(lottery.staff, draw, "17 4", "")
    with pytest.raises(ValidationFailed), unit_of_work():
        services.perform_draw(lottery.staff, draw, "siebzehn", "Öffentliche Sitzung am Montag")
    with unit_of_work():
        services.perform_draw(lottery.staff, draw, "17 4", "Öffentliche Sitzung am Montag")
    with pytest.raises(InvalidState), unit_of_work():
        services.perform_draw(lottery.staff, draw, "17 4", "Öffentliche Sitzung am Montag")


def test_people_drawn_earlier_are_left_out_of_the_next_draw(db, lottery):
    extract = lottery.import_register(count=400)
    first = lottery.draw(extract, letters=100)
    second = lottery.draw(extract, letters=100, seed="99 1")
    assert second.counts["excluded"] == 100
    refs = lambda d: set(db.session.scalars(sa.select(Invitation.person_ref).where(Invitation.draw_id == d.id)))  # noqa: E731
    assert not refs(first) & refs(second)


def test_codes_are_unique_readable_and_long_enough(db, lottery):
    draw = lottery.draw(letters=200)
    found = db.session.scalars(sa.select(Invitation.code).where(Invitation.draw_id == draw.id)).all()
    assert len(found) == len(set(found)) == 200
    assert codes.CODE_BITS >= 40
    assert all(set(code) <= set(codes.ALPHABET) for code in found)
    assert not set("OIL") & set(codes.ALPHABET)


def test_the_process_gets_no_second_open_draw_and_a_deadline_in_the_past_is_refused(lottery):
    extract = lottery.import_register()
    with pytest.raises(ValidationFailed):
        lottery.publish(extract, response_deadline=utcnow() - timedelta(days=1))
    lottery.publish(extract)
    with pytest.raises(InvalidState):
        lottery.publish(extract)


# --- letters -------------------------------------------------------------------------------------

def test_letters_are_made_in_the_background_and_downloaded_with_a_log_entry(db, lottery):
    draw = lottery.draw(letters=12)
    with unit_of_work():
        file = services.request_letters(lottery.staff, draw)
    db.session.expire_all()
    file = db.session.get(LotteryFile, file.id)
    assert file.status == FileStatus.DONE, file.error
    import pypdf

    assert file.data.startswith(b"%PDF") and file.pages == len(pypdf.PdfReader(io.BytesIO(file.data)).pages) >= 12
    with unit_of_work():
        services.download_file(lottery.staff, lottery.process, file.id)
    csv_data = services.mail_merge_csv(lottery.staff, draw)
    assert csv_data.startswith("\ufeff".encode()) and len(csv_data.decode("utf-8-sig").splitlines()) == 13
    assert {"make_letters", "download_letters", "export_mail_merge"} <= set(actions(db, lottery.process))


# --- responses -----------------------------------------------------------------------------------

def _features(process):
    settings = services.get_settings(process)
    return {c["key"]: c["values"][0]["value"] for c in settings.categories}


def test_an_answer_with_the_code_is_recorded_and_can_be_changed_until_the_deadline(db, lottery):
    draw = lottery.draw(letters=10)
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).first()
    found = services.find_invitation(lottery.process, codes.format_code(invitation.code).lower().replace("-", " "))
    assert found.id == invitation.id
    lottery.accept(invitation, _features(lottery.process))
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.response.consent_at is not None
    with unit_of_work():
        services.submit_response(invitation, services.ResponseData(accepted=False))
    assert invitation.status == InvitationStatus.DECLINED and invitation.response.email == ""
    draw.response_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(InvalidState), unit_of_work():
        services.submit_response(invitation, services.ResponseData(accepted=True))
    # Staff may still enter a late answer received on paper.
    data = services.ResponseData(accepted=True, given_name="Alex", family_name="Muster", phone="03641 123456",
                                 features=_features(lottery.process), consent=True)
    with unit_of_work():
        services.submit_response(invitation, data, actor=lottery.staff, channel=ResponseChannel.PAPER)
    assert invitation.response.channel == ResponseChannel.PAPER
    assert "enter_response" in actions(db, lottery.process)


def test_accepting_needs_contact_features_and_consent(db, lottery):
    draw = lottery.draw(letters=5)
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).first()
    with pytest.raises(ValidationFailed) as raised, unit_of_work():
        services.submit_response(invitation, services.ResponseData(accepted=True, features={"gender": "x"}))
    errors = raised.value.errors
    assert {"given_name", "family_name", "email", "consent", "feature_gender", "feature_education"} <= set(errors)
    assert invitation.status == InvitationStatus.INVITED and invitation.response is None


def test_a_code_of_another_process_or_a_made_up_code_is_never_accepted(db, lottery, make_process, make_user):
    draw = lottery.draw(letters=5)
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).first()
    other = make_process()
    assert services.find_invitation(other, invitation.code) is None
    assert services.find_invitation(lottery.process, codes.new_code()) is None
    assert services.find_invitation(lottery.process, "") is None
    assert services.find_invitation(lottery.process, "x" * 500) is None
    with pytest.raises(NotFound):
        services.invitation_for_respondent(other, invitation.id)


def test_staff_lists_of_letters_are_logged_and_closed_to_others(db, lottery, make_user):
    draw = lottery.draw(letters=30)
    rows, total = services.invitations(lottery.staff, draw, services.InvitationQuery())
    assert total == 30 and rows[0][1] is not None
    person = rows[0][1]
    rows, total = services.invitations(lottery.staff, draw, services.InvitationQuery(q=person.family_name.lower()))
    assert any(r[1].id == person.id for r in rows)
    with pytest.raises(NotAllowed):
        services.invitations(make_user(), draw, services.InvitationQuery())
    assert "view_invitations" in actions(db, lottery.process)


# --- purge ---------------------------------------------------------------------------------------

def test_purge_keeps_those_who_accepted_and_what_verification_needs(db, lottery):
    extract = lottery.import_register(count=300)
    draw = lottery.draw(extract, letters=20)
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    lottery.accept(invitations[0], _features(lottery.process))
    with unit_of_work():
        services.submit_response(invitations[1], services.ResponseData(accepted=False))
    with unit_of_work():
        services.request_letters(lottery.staff, draw)
    with unit_of_work():
        assert services.purge() == []  # letters not out
        services.mark_letters_sent(lottery.staff, draw)
    with unit_of_work():
        assert services.purge() == []  # letters out, but answers are still open: late answers keep their row
    lottery.accept(invitations[2], _features(lottery.process))  # a late answer, before the deadline
    after_deadline = draw.response_deadline + timedelta(minutes=1)
    with unit_of_work():
        done = services.purge(now=after_deadline)
    assert [(e.id, n) for e, n in done] == [(extract.id, 298)]
    left = db.session.scalars(sa.select(RegisterPerson)).all()
    assert sorted(p.id for p in left) == sorted([invitations[0].person_id, invitations[2].person_id])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LotteryFile)) == 0  # the letter PDFs went too
    db.session.expire_all()
    assert all(i.person_ref and i.hmac and i.household for i in db.session.scalars(sa.select(Invitation)))
    assert db.session.get(RegisterExtract, extract.id).fingerprint == draw.fingerprint
    with unit_of_work():
        assert services.purge(now=after_deadline) == []  # nothing more until the deletion date
    assert "purge_register" in actions(db, lottery.process)
    # At the deletion date every row and every answer goes.
    with unit_of_work():
        done = services.purge(now=after_deadline, today=extract.retention_until)
    assert [(e.id, n) for e, n in done] == [(extract.id, 2)]
    from participation.lottery.models import Response

    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0
    assert db.session.get(RegisterExtract, extract.id).purged_at is not None


def test_purge_at_the_retention_date_and_the_cli(app, db, lottery):
    extract = lottery.import_register(count=50)
    extract.retention_until = date.today() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["lottery", "purge"])
    assert result.exit_code == 0, result.output
    assert "50" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 0


def test_staff_can_delete_an_extract_at_once(db, lottery):
    extract = lottery.import_register(count=40)
    with unit_of_work():
        assert services.delete_extract(lottery.staff, extract) == 40
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterPerson)) == 0
    with pytest.raises(InvalidState):
        lottery.publish(extract)


def test_settings_are_validated_and_kept(lottery):
    settings = services.get_settings(lottery.process)
    text = services.categories_to_text(settings.categories)
    categories, errors = services.parse_categories(text)
    assert errors == [] and categories == settings.categories
    data = services.SettingsData(
        letter_subject="Einladung", letter_template="Hallo {unbekannt}", office="Stadt", address_lines="",
        phone="", email="", signature="", role="", place="", consent_text="kurz", retention_days=3,
        categories_text="Geschlecht\n- w",
    )
    with pytest.raises(ValidationFailed) as raised, unit_of_work():
        services.update_settings(lottery.staff, lottery.process, data)
    assert {"letter_template", "consent_text", "retention_days", "categories_text"} <= set(raised.value.errors)
    data.letter_template = "{anrede},\n\nIhr Code: {code}"
    data.consent_text = "Ich bin mit der Verarbeitung meiner Angaben einverstanden."
    data.retention_days = 120
    data.categories_text = "gender: Geschlecht\n- w; weiblich; 51\n- m; männlich; 49"
    with unit_of_work():
        services.update_settings(lottery.staff, lottery.process, data)
    assert services.get_settings(lottery.process).categories[0]["values"][0]["share"] == 51


def test_draws_are_numbered_per_process(db, lottery):
    extract = lottery.import_register(count=300)
    lottery.draw(extract, letters=10)
    second = lottery.draw(extract, letters=10, seed="5")
    assert second.number == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Draw)) == 2


def test_an_answer_is_erased_on_request_with_a_log_entry(db, lottery):
    from participation.lottery.models import Response

    draw = lottery.draw(letters=5)
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).first()
    lottery.accept(invitation, _features(lottery.process))
    with unit_of_work():
        services.erase_response(lottery.staff, invitation)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0
    assert invitation.status == InvitationStatus.DECLINED
    assert "erase_response" in actions(db, lottery.process)


def test_the_public_protocol_names_nobody_not_even_those_drawn_before(db, lottery, make_client):
    extract = lottery.import_register(count=400)
    first = lottery.draw(extract, letters=30)
    second = lottery.draw(extract, letters=30, seed="8 8 8")
    refs = set(db.session.scalars(sa.select(Invitation.person_ref)))
    text = make_client().get(f"/processes/{lottery.process.slug}/lottery/transparency/draws/{second.number}.json") \
        .get_data(as_text=True)
    public = json.loads(text)
    assert public["excluded"]["count"] == 30 and public["parameters"]["excluded_ids"] == []
    assert not [ref for ref in refs if ref in text]
    assert not [r for r in db.session.scalars(sa.select(RegisterPerson.family_name)).all()[:50] if f'"{r}"' in text]
    pdf = make_client().get(f"/processes/{lottery.process.slug}/lottery/transparency/draws/{first.number}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # The staff protocol keeps everything verification needs.
    assert len(services.draw_protocol(second)["parameters"]["excluded_ids"]) == 30


def test_two_clicks_on_draw_at_the_same_moment_draw_once(app, db, lottery):
    import threading

    from participation.auth.models import User
    from participation.lottery.models import Draw as DrawModel

    extract = lottery.import_register(count=300)
    draw = lottery.publish(extract, letters=40)
    draw_id, staff_id = draw.id, lottery.staff.id
    db.session.close()
    barrier, outcomes = threading.Barrier(2), []

    def click():
        with app.app_context():
            staff, mine = db.session.get(User, staff_id), db.session.get(DrawModel, draw_id)
            barrier.wait()
            try:
                with unit_of_work():
                    services.perform_draw(staff, mine, "5 5 5", "Öffentliche Ziehung im Rathaus")
                outcomes.append("drawn")
            except InvalidState:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["drawn", "refused"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 40


def test_a_letters_job_that_died_does_not_block_the_next(db, lottery):
    draw = lottery.draw(letters=5)
    stuck = LotteryFile(process_id=lottery.process.id, draw_id=draw.id, kind="letters", filename="x.pdf",
                        content_type="application/pdf", status=FileStatus.RUNNING,
                        created_at=utcnow() - timedelta(hours=1))
    db.session.add(stuck)
    db.session.commit()
    with unit_of_work():
        services.request_letters(lottery.staff, draw)
    db.session.expire_all()
    assert db.session.get(LotteryFile, stuck.id).status == FileStatus.FAILED
    fresh = LotteryFile(process_id=lottery.process.id, draw_id=draw.id, kind="letters", filename="y.pdf",
                        content_type="application/pdf", status=FileStatus.RUNNING)
    db.session.add(fresh)
    db.session.commit()
    with pytest.raises(InvalidState), unit_of_work():
        services.request_letters(lottery.staff, draw)


def test_register_dates_use_the_municipality_s_day(app, lottery):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    assert services.local_today() == datetime.now(ZoneInfo("Europe/Berlin")).date()
    end = services.local_deadline(date(2027, 3, 1), ZoneInfo("Europe/Berlin"))
    assert (end.hour, end.minute, end.second) == (23, 59, 59)
