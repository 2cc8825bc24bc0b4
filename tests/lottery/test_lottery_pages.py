"""The lottery's pages over HTTP: staff import and draw, the response page, rights, hostile input."""
import io
import re

import pytest
import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.lottery import codes
from participation.lottery.models import Invitation, InvitationStatus, RegisterExtract

HOSTILE = ["", "abc", "-1", "99999999999999999999", str(2**63), "1e309", "٣", "<script>x</script>", "\x00", "ü" * 3000,
           "²", "9" * 5000,
           '[{"key": "gender", "values": [{"value": "w", "min": 1e999, "max": 1}]}]', "[" * 100_000]


@pytest.fixture
def staff(lottery, make_client):
    client = make_client()
    client.login(lottery.staff.email)
    return client


def test_staff_import_a_register_through_upload_preview_and_confirm(db, lottery, staff, register_bytes):
    base = f"/processes/{lottery.process.slug}/lottery"
    response = staff.post(f"{base}/register/upload", {"file": (io.BytesIO(register_bytes(120)), "auszug.csv")},
                          form_url=f"{base}/register/upload", content_type="multipart/form-data")
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = staff.get(preview_url).get_data(as_text=True)
    assert "auszug.csv" in page and "Personen-ID" in page and "120" in page
    selects = {m.group(1): m.group(2) for m in re.finditer(r'<select id="map_(\w+)"[^>]*>(.*?)</select>', page, re.S)}
    mapping = {f"map_{name}": chosen.group(1) for name, options in selects.items()
               if (chosen := re.search(r'<option value="([^"]+)" selected', options))}
    assert mapping["map_person_id"] and mapping["map_birth_date"]
    response = staff.post(preview_url, dict(mapping, action="import", retention_until="2099-01-01"),
                          form_url=preview_url)
    assert response.status_code == 400 or response.status_code == 200  # a date too far ahead is refused
    response = staff.post(preview_url, dict(mapping, action="import", retention_until="2027-06-30"),
                          form_url=preview_url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    extract = db.session.scalar(sa.select(RegisterExtract))
    assert extract.row_count == 120
    overview = staff.get(base).get_data(as_text=True)
    assert extract.fingerprint[:16] in overview


def test_a_draw_through_the_pages_and_an_answer_with_the_code(db, lottery, staff, make_client):
    extract = lottery.import_register(count=300)
    base = f"/processes/{lottery.process.slug}/lottery"
    response = staff.post(f"{base}/draws/new", {
        "extract_id": str(extract.id), "letters": "25", "reference_date": "2026-11-01", "min_age": "16",
        "strata": ["district", "gender"], "age_bands": "16, 25, 35, 45, 55, 65, 75", "exclude_earlier": "y",
        "response_deadline": "2099-12-31"}, form_url=f"{base}/draws/new")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    draw_url = response.headers["Location"]
    page = staff.get(draw_url).get_data(as_text=True)
    assert "Seed" in page or "Startwert" in page
    response = staff.post(f"{draw_url}/seed", {"seed": "4 8 15 16 23 42",
                                              "seed_source": "Öffentliche Ziehung im Rathaus am Montag"},
                          form_url=draw_url)
    assert response.status_code == 302
    assert "4 8 15 16 23 42" in staff.get(draw_url).get_data(as_text=True)
    assert staff.get(f"{draw_url}/protocol.json").get_json()["seed"] == "4 8 15 16 23 42"
    transparency = make_client().get(f"/processes/{lottery.process.slug}/lottery/transparency")
    assert transparency.status_code == 200 and "4 8 15 16 23 42" in transparency.get_data(as_text=True)

    invitation = db.session.scalars(sa.select(Invitation)).first()
    resident = make_client()
    respond = f"/processes/{lottery.process.slug}/respond"
    wrong = resident.post(respond, {"code": "AAAA-AAAA-AA"}, form_url=respond)
    assert wrong.status_code == 200 and "code" in wrong.get_data(as_text=True).lower()
    qr = resident.get(f"{respond}?code={codes.format_code(invitation.code)}")
    assert codes.format_code(invitation.code) in qr.get_data(as_text=True)
    response = resident.post(respond, {"code": codes.format_code(invitation.code).lower()}, form_url=respond)
    assert response.status_code == 302
    form_url = response.headers["Location"]
    page = resident.get(form_url).get_data(as_text=True)
    assert "Geschlecht" in page and "Bildungsabschluss" in page
    response = resident.post(form_url, {"accepted": "yes", "given_name": "Kim", "family_name": "Weber"},
                             form_url=form_url)
    assert response.status_code == 200 and invitation.status == InvitationStatus.INVITED
    answer = {"accepted": "yes", "given_name": "Kim", "family_name": "Weber", "email": "kim@example.org",
              "feature_gender": "w", "feature_age_band": "25-34", "feature_district": "Nord",
              "feature_education": "hoch", "consent": "y"}
    response = resident.post(form_url, answer, form_url=form_url)
    assert response.status_code == 200
    db.session.expire_all()
    invitation = db.session.get(Invitation, invitation.id)
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.response.features["gender"] == "w"


def test_wrong_codes_are_rate_limited(make_app, _migrated, db, lottery, make_client):
    from participation.extensions import limiter

    Client = type(make_client())  # the suite's browser-like client, on an app with rate limits

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        client = Client(app.test_client())
        respond = f"/processes/{lottery.process.slug}/respond"
        statuses = [client.post(respond, {"code": f"ACDE-FGHJ-{n:02d}"}, form_url=respond).status_code
                    for n in range(12)]
        limiter.reset()
    assert statuses[:10] == [200] * 10 and statuses[10] == 429


def test_register_pages_are_for_staff_of_the_process_only(lottery, make_user, make_client):
    extract = lottery.import_register(count=30)
    moderator = make_user(roles=[(lottery.process, ProcessRoleKind.MODERATOR)])
    base = f"/processes/{lottery.process.slug}/lottery"
    urls = [base, f"{base}/settings", f"{base}/register/upload", f"{base}/draws/new", f"{base}/selection",
            f"{base}/access-log"]
    client = make_client()
    for url in urls:
        assert client.get(url).status_code in (302, 401), url
    client.login(moderator.email)
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"{base}/register/{extract.id}/delete", {}).status_code in (403, 404)


def test_every_staff_page_renders(db, lottery, staff):
    draw = lottery.draw(letters=10)
    invitation = db.session.scalars(sa.select(Invitation)).first()
    base = f"/processes/{lottery.process.slug}/lottery"
    for url in (base, f"{base}/settings", f"{base}/register/upload", f"{base}/draws/new",
                f"{base}/draws/{draw.number}", f"{base}/draws/{draw.number}/invitations",
                f"{base}/draws/{draw.number}/invitations?q=R1&status=invited",
                f"{base}/invitations/{invitation.id}", f"{base}/selection", f"{base}/access-log",
                f"{base}/draws/{draw.number}/mail-merge.csv",
                f"/processes/{lottery.process.slug}/lottery/transparency/draws/{draw.number}.json",
                f"/processes/{lottery.process.slug}/lottery/transparency/draws/{draw.number}.pdf"):
        response = staff.get(url)
        assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("value", HOSTILE)
def test_no_lottery_form_answers_500_to_hostile_values(db, lottery, staff, value):
    extract = lottery.import_register(count=40)
    draw = lottery.publish(extract, letters=5)
    base = f"/processes/{lottery.process.slug}/lottery"
    forms = [
        (f"{base}/settings", {"letter_subject": 1, "letter_template": 1, "office": 1, "categories_text": 1,
                              "consent_text": 1, "retention_days": 1}),
        (f"{base}/draws/new", {"extract_id": 1, "letters": 1, "reference_date": 1, "min_age": 1, "max_age": 1,
                               "strata": 1, "age_bands": 1, "response_deadline": 1}),
        (f"{base}/draws/{draw.number}/seed", {"seed": 1, "seed_source": 1}),
        (f"{base}/selection", {"panel_size": 1, "reserve_size": 1, "action": 1, "min-0-0": 1, "max-0-0": 1}),
        (f"{base}/selection", {"panel_size": 1, "action": "check", "min-0-0": 1, "max-0-1": 1}),
        (f"{base}/selection", {"panel_size": 1, "action": "apply", "relaxed": 1}),
        (f"/processes/{lottery.process.slug}/respond", {"code": 1}),
    ]
    from participation.database import unit_of_work
    from participation.lottery import services
    from participation.lottery.models import Draw

    with unit_of_work():  # the settings row exists (and is committed) before the pages write
        retention = services.get_settings(lottery.process).retention_days
    for url, fields in forms:
        response = staff.post(url, {name: value for name in fields}, form_url=url.split("/seed")[0])
        assert response.status_code < 500, (url, value, response.status_code)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Draw)) == 1  # no draw from hostile numbers
    with unit_of_work():
        assert services.get_settings(lottery.process).retention_days == retention
    for action in ("apply", "check", "start", "shares", "propose"):
        response = staff.post(f"{base}/selection", {"action": action, "relaxed": value, "panel_size": value,
                                                    "min-0-0": value, "max-0-0": value}, form_url=f"{base}/selection")
        assert response.status_code < 500, (action, value, response.status_code)


def test_exports_and_personal_pages_are_closed_to_everyone_but_staff_of_the_process(db, lottery, make_user,
                                                                                   make_process, make_client):
    from participation.auth.models import ProcessRoleKind as Role

    draw = lottery.draw(letters=8)
    invitation = db.session.scalars(sa.select(Invitation)).first()
    base = f"/processes/{lottery.process.slug}/lottery"
    urls = [f"{base}/draws/{draw.number}/protocol.json", f"{base}/draws/{draw.number}/mail-merge.csv",
            f"{base}/draws/{draw.number}/invitations", f"{base}/invitations/{invitation.id}", f"{base}/files/1"]
    other_staff = make_user(roles=[(make_process(), Role.STAFF)])
    moderator = make_user(roles=[(lottery.process, Role.MODERATOR)])
    for person in (other_staff, moderator):
        client = make_client()
        client.login(person.email)
        for url in urls:
            assert client.get(url).status_code in (403, 404), (person, url)
    anonymous = make_client()
    for url in urls:
        assert anonymous.get(url).status_code in (302, 401), url


def test_answering_works_before_the_process_is_public_and_forgets_the_person_after(db, lottery, make_client):
    draw = lottery.draw(letters=5)
    lottery.process.is_public = False
    db.session.commit()
    invitation = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).first()
    client = make_client()
    respond = f"/processes/{lottery.process.slug}/respond"
    response = client.post(respond, {"code": codes.format_code(invitation.code)}, form_url=respond)
    assert response.status_code == 302
    form_url = response.headers["Location"]
    answer = {"accepted": "yes", "given_name": "Kim", "family_name": "Weber", "email": "kim@example.org",
              "feature_gender": "w", "feature_age_band": "25-34", "feature_district": "Nord",
              "feature_education": "hoch", "consent": "y"}
    assert client.post(form_url, answer, form_url=form_url).status_code == 200
    again = client.get(form_url)
    assert again.status_code == 302 and "kim@example.org" not in again.get_data(as_text=True)


def test_the_panel_page_offers_annulment_once_and_records_it(db, lottery, staff):
    import random

    from participation.database import unit_of_work
    from participation.lottery import panels, services

    draw = lottery.draw(letters=60)
    rng = random.Random(8)
    categories = services.get_settings(lottery.process).categories
    for invitation in db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)).all()[:30]:
        lottery.accept(invitation, {c["key"]: rng.choice(c["values"])["value"] for c in categories})
    with unit_of_work():
        run = panels.start_run(lottery.staff, lottery.process, panels.categories_with_quotas(lottery.process, 6, {}), 6)
    db.session.expire_all()
    with unit_of_work():
        panel = panels.draw_panel(lottery.staff, panels.get_run(lottery.process, run.id), "12", "Öffentliche Ziehung")
    url = f"/processes/{lottery.process.slug}/lottery/panels/{panel.id}"
    page = staff.get(url).get_data(as_text=True)
    assert page.count(">Gremium annullieren</button>") == 1 and "<title>Gremium Nr. 012" in page
    assert staff.post(f"{url}/annul", {"reason": "Doppelte Antworten im Pool gefunden"}, form_url=url).status_code == 302
    page = staff.get(url).get_data(as_text=True)
    assert "Doppelte Antworten im Pool gefunden" in page and ">Gremium annullieren</button>" not in page
