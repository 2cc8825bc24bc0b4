"""Legal pages (issue 10, point 1): Impressum, privacy notice from the configuration, accessibility
statement with its feedback form; admins edit them with a preview."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participation.database import unit_of_work
from participation.errors import NotAllowed, ValidationFailed
from participation.legal import services
from participation.legal.models import AccessibilityFeedback, LegalSetting


def test_defaults_are_german_and_saving_stores_only_that_page(app, db, make_user):
    admin = make_user(admin=True)
    with app.test_request_context(headers={"Accept-Language": "de"}):
        settings = services.get_settings()
        assert "Stadtverwaltung" in settings["operator"] and "Schlichtungsstelle" in settings["enforcement"]
        with unit_of_work():
            services.save_settings(admin, "imprint", {"operator": "Stadt Jena\r\nDezernat 3", "address": "Am Anger 15"})
        assert services.get_settings()["operator"] == "Stadt Jena\nDezernat 3"
        assert services.get_settings()["controller"] == settings["controller"]
        stored = db.session.scalars(sa.select(LegalSetting.key)).all()
        assert set(stored) == {f.key for f in services.fields_of("imprint")}


def test_only_admins_save_and_bad_values_change_nothing(app, db, make_user):
    resident = make_user()
    admin = make_user(admin=True)
    with app.test_request_context():
        with pytest.raises(NotAllowed):
            services.save_settings(resident, "privacy", {"dpo": "x"})
        with pytest.raises(ValidationFailed) as caught:
            services.save_settings(admin, "accessibility", {"conformance": "bogus", "evaluation_date": "gestern"})
        assert set(caught.value.errors) >= {"conformance", "evaluation_date"}
        with pytest.raises(ValidationFailed):
            services.preview_settings("accessibility", {"conformance": "full", "limitations": "x" * 2001})
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LegalSetting)) == 0


def test_privacy_sections_come_from_the_configuration_and_the_register(app, db, make_process, make_user):
    from participation.lottery.models import LotterySettings, RegisterExtract

    process = make_process(title="Klimaplan Jena")
    db.session.add(LotterySettings(process_id=process.id, retention_days=90))
    until = date.today() + timedelta(days=40)
    db.session.add(RegisterExtract(process_id=process.id, filename="ewo.csv", fingerprint="f" * 64, encoding="utf-8",
                                   delimiter=";", mapping={}, row_count=1200, retention_until=until))
    db.session.commit()
    app.config.update(SESSION_HOURS=9, SERVER_LOG_DAYS=14)
    with app.test_request_context():
        sections = services.privacy_sections(app.config)
    text = "\n".join(f"{s.title} {s.purpose} {s.legal_basis} {s.retention} {' '.join(s.details)}" for s in sections)
    assert "§ 46 BMG" in text and "Art. 6 Abs. 1" in text
    assert "9 Stunden" in text and "14 Tagen" in text and "90 Tage" in text
    assert "Klimaplan Jena" in text and "1200" in text


def test_anonymous_visitors_see_every_page_linked_from_the_footer(client, make_process, db):
    process = make_process()
    process.contact_person = "Frau Beispiel\nTelefon 0123 <b>4</b>"
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    for url in ("/impressum", "/datenschutz", "/barrierefreiheit"):
        assert f'href="{url}"' in home
        assert client.get(url).status_code == 200
    privacy = client.get("/datenschutz").get_data(as_text=True)
    assert "§ 46 BMG" in privacy and "/account/settings#download-data" in privacy
    assert "Meine Daten herunterladen" in privacy and "Konto löschen" in privacy
    assert "bitten, Ihr Konto zu löschen" not in privacy
    assert client.get("/privacy").headers["Location"].endswith("/datenschutz")
    page = client.get(f"/processes/{process.slug}/").get_data(as_text=True)
    assert "Frau Beispiel" in page and "&lt;b&gt;4&lt;/b&gt;" in page


def test_admin_previews_then_saves_and_others_are_refused(make_client, make_user, db):
    admin, resident = make_user(admin=True), make_user()
    other = make_client()
    other.login(resident.email)
    assert other.get("/admin/legal/imprint").status_code == 403
    assert other.post("/admin/legal/imprint", {"operator": "x", "save": "y"},
                      form_url="/account/settings").status_code == 403
    assert other.get("/admin/legal/feedback").status_code == 403
    assert make_client().get("/admin/legal/privacy").status_code == 302  # to sign-in

    client = make_client()
    client.login(admin.email)
    form = client.get("/admin/legal/imprint").get_data(as_text=True)
    assert "Stadtverwaltung Musterstadt" in form
    data = {"operator": "Stadt <script>alert(1)</script>Jena", "address": "Am Anger 15", "contact": "0364",
            "representative": "OB", "content_responsible": "Amt 31", "imprint_extra": ""}
    preview = client.post("/admin/legal/imprint", dict(data, preview="y"), form_url="/admin/legal/imprint")
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Vorschau" in text and "&lt;script&gt;alert(1)&lt;/script&gt;Jena" in text
    assert "<script>alert" not in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LegalSetting)) == 0
    saved = client.post("/admin/legal/imprint", dict(data, save="y"), form_url="/admin/legal/imprint")
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/impressum")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Jena" in make_client().get("/impressum").get_data(as_text=True)
    bad = client.post("/admin/legal/accessibility", {"conformance": "partial", "evaluation_date": "morgen",
                                                     "save": "y"}, form_url="/admin/legal/accessibility")
    assert bad.status_code == 200 and "JJJJ-MM-TT" in bad.get_data(as_text=True)


def test_feedback_is_stored_and_mailed_to_the_admins_or_the_configured_address(make_client, make_user, db, mailbox, app):
    make_user("chefin@example.org", admin=True)
    make_user("bewohner@example.org")
    client = make_client()
    response = client.post("/barrierefreiheit", {"name": "Eva <img src=x onerror=alert(1)>", "email": "eva@example.org",
                                                  "page": "/processes/x/", "message": "Der Kontrast der Karte ist zu schwach."},
                           form_url="/barrierefreiheit")
    assert response.status_code == 302
    entry = db.session.scalar(sa.select(AccessibilityFeedback))
    assert entry.name == "Eva <img src=x onerror=alert(1)>" and entry.email == "eva@example.org"
    assert [m["To"] for m in mailbox.messages] == ["chefin@example.org"]
    assert "Kontrast der Karte" in mailbox.messages[0].get_content()

    with app.test_request_context():
        with unit_of_work():
            db.session.add(LegalSetting(key="feedback_address", value="barrierefrei@jena.de"))
    mailbox.messages.clear()
    refused = client.post("/barrierefreiheit", {"message": "x"}, form_url="/barrierefreiheit")
    assert refused.status_code == 200 and mailbox.messages == []
    client.post("/barrierefreiheit", {"message": "Das PDF ist nicht lesbar."}, form_url="/barrierefreiheit")
    assert [m["To"] for m in mailbox.messages] == ["barrierefrei@jena.de"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 2

    admin = make_client()
    admin.login("chefin@example.org")
    page = admin.get("/admin/legal/feedback")
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    body = page.get_data(as_text=True)
    assert "eva@example.org" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
