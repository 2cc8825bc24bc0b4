"""Accounts end to end: registration with a mailed link through a real SMTP server, sign-in
throttling, password reset, roles, CSRF."""
from datetime import timedelta

import pytest
from werkzeug.security import check_password_hash

from conftest import PASSWORD
from participation.auth import services
from participation.auth.models import ProcessRoleKind, SignInEvent, SignInEventKind, User
from participation.database import unit_of_work, utcnow
from participation.errors import NotAllowed, Throttled, ValidationFailed


def register(client, email="neu@example.org", password=PASSWORD, name="Neue Person", **extra):
    data = {"display_name": name, "email": email, "password": password, "password_confirm": password,
            "accept_terms": "y", **extra}
    return client.post("/account/register", data, form_url="/account/register")


def test_registration_sends_a_link_that_verifies_the_address(client, db, mailbox):
    response = register(client)
    assert response.status_code == 200
    assert "neu@example.org" in response.get_data(as_text=True)
    user = db.session.scalar(db.select(User).filter_by(email="neu@example.org"))
    assert user is not None and not user.is_verified
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, PASSWORD)

    mail = mailbox.last_to("neu@example.org")
    path = mailbox.path_of_link(mail, "/account/verify/")
    response = client.get(path)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).is_verified


def test_registering_a_taken_address_answers_alike_and_mails_the_owner(client, db, make_user, mailbox):
    owner = make_user("vergeben@example.org")
    response = register(client, email="Vergeben@Example.org")
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    mail = mailbox.last_to("vergeben@example.org")
    assert "/account/reset" in mailbox.text(mail)
    assert owner.display_name in mailbox.text(mail)


@pytest.mark.parametrize("field, value, message", [
    ("password", "kurz", "10 bis 200 Zeichen"),
    ("email", "keine-adresse", "gültige E-Mail-Adresse"),
    ("display_name", "x", "2 bis 60 Zeichen"),
])
def test_registration_rejects_bad_input_with_a_clear_message(client, db, field, value, message):
    data = {"display_name": "Neue Person", "email": "neu@example.org", "password": PASSWORD}
    data[field] = value
    response = register(client, **{k: v for k, v in data.items()} | {"password_confirm": data["password"]})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_a_tampered_verification_link_is_refused(client, db, make_user):
    user = make_user(verified=False)
    token = services.verification_token(user)
    response = client.get(f"/account/verify/{token[:-2]}xx", follow_redirects=True)
    assert "ungültig" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(User, user.id).is_verified


def test_sign_in_and_out(client, make_user):
    user = make_user("anna@example.org", name="Anna K.")
    response = client.login("anna@example.org")
    assert response.headers["Location"] == "/"
    assert "Anna K." in client.get("/").get_data(as_text=True)
    client.logout()
    assert "Anna K." not in client.get("/").get_data(as_text=True)
    assert user.id


def test_wrong_password_is_refused_and_counted(client, db, make_user):
    user = make_user("anna@example.org")
    response = client.post("/account/login", {"email": "anna@example.org", "password": "falsch-falsch"},
                           form_url="/account/login")
    assert response.status_code == 401
    assert "E-Mail-Adresse oder Passwort ist falsch" in response.get_data(as_text=True)
    failures = db.session.scalars(db.select(SignInEvent).filter_by(user_id=user.id)).all()
    assert [f.kind for f in failures] == [SignInEventKind.PASSWORD_FAILED]
    assert len(failures[0].address_key) == 32 and "127.0.0.1" not in failures[0].address_key


def test_repeated_failures_slow_down_that_address_only(app, db, make_user):
    user = make_user("anna@example.org")
    now = utcnow()
    for _ in range(app.config["LOGIN_FAILURES_BEFORE_DELAY"]):
        with unit_of_work():
            assert services.authenticate("anna@example.org", "falsch-falsch", now=now, address="203.0.113.9") is None
    # The guessing address waits, even with the right password ...
    with pytest.raises(Throttled) as caught:
        services.authenticate("anna@example.org", PASSWORD, now=now + timedelta(seconds=30), address="203.0.113.9")
    assert 0 < caught.value.retry_after <= 60
    # ... while the owner's address signs in at once.
    with unit_of_work():
        assert services.authenticate("anna@example.org", PASSWORD, now=now + timedelta(seconds=31),
                                     address="198.51.100.7") == user
    # After the delay the right password works from the guessing address too and clears its count.
    with unit_of_work():
        assert services.authenticate("anna@example.org", PASSWORD, now=now + timedelta(minutes=2),
                                     address="203.0.113.9") == user
    assert db.session.scalar(db.select(db.func.count(SignInEvent.id)).filter_by(
        user_id=user.id, kind=SignInEventKind.PASSWORD_FAILED)) == 0


def test_throttled_sign_in_tells_the_person_how_long_to_wait(client, db, make_user):
    make_user("anna@example.org")
    for _ in range(6):
        client.post("/account/login", {"email": "anna@example.org", "password": "falsch-falsch"},
                    form_url="/account/login")
    response = client.post("/account/login", {"email": "anna@example.org", "password": PASSWORD},
                           form_url="/account/login")
    assert response.status_code == 429
    assert "Minute" in response.get_data(as_text=True)


def test_blocked_accounts_cannot_sign_in(db, make_user):
    user = make_user("anna@example.org")
    user.blocked_at = utcnow()
    db.session.commit()
    with pytest.raises(NotAllowed):
        services.authenticate("anna@example.org", PASSWORD)


def test_password_reset_through_the_mailed_link(client, db, make_user, mailbox):
    user = make_user("anna@example.org")
    old_token = user.session_token
    response = client.post("/account/reset", {"email": "anna@example.org"}, form_url="/account/reset")
    assert response.status_code == 302
    path = mailbox.path_of_link(mailbox.last_to("anna@example.org"), "/account/reset/")
    new_password = "ein-ganz-neues-Passwort"
    response = client.post(path, {"password": new_password, "password_confirm": new_password}, form_url=path)
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert check_password_hash(user.password_hash, new_password)
    assert user.session_token != old_token  # other sessions end
    # The link works once.
    response = client.get(path, follow_redirects=True)
    assert "bereits verwendet" in response.get_data(as_text=True)
    client.login("anna@example.org", new_password)


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, mailbox):
    response = client.post("/account/reset", {"email": "niemand@example.org"}, form_url="/account/reset",
                           follow_redirects=True)
    assert "Falls zu dieser Adresse ein Konto besteht" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_password_change_ends_other_sessions(make_client, make_user):
    make_user("anna@example.org")
    laptop, phone = make_client(), make_client()
    laptop.login("anna@example.org")
    phone.login("anna@example.org")
    new_password = "ein-ganz-neues-Passwort"
    response = laptop.post("/account/settings", {
        "password-current_password": PASSWORD, "password-new_password": new_password,
        "password-new_password_confirm": new_password}, form_url="/account/settings")
    assert response.status_code == 302
    assert laptop.get("/account/settings").status_code == 200
    assert phone.get("/account/settings").status_code == 302  # signed out


def test_forms_without_csrf_token_are_refused(client, db):
    response = client.post("/account/register", {
        "display_name": "Neue Person", "email": "neu@example.org", "password": PASSWORD,
        "password_confirm": PASSWORD, "accept_terms": "y"}, csrf=False)
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_login_is_rate_limited_per_address(make_app, _migrated, make_user):
    from conftest import Client

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        client = Client(app.test_client())
        codes = [client.post("/account/login", {"email": "x@example.org", "password": "falsch"},
                             form_url="/account/login").status_code for _ in range(22)]
        assert codes[0] == 401
        assert codes[-1] == 429
        from participation.extensions import limiter

        limiter.reset()


def test_create_admin_command(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create-admin", "--email", "chefin@example.org",
                                 "--password", "sehr-geheimes-Passwort"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).filter_by(email="chefin@example.org"))
    assert user.is_admin and user.is_verified
    result = runner.invoke(args=["users", "create-admin", "--email", "kaputt", "--password", "sehr-geheimes-Passwort"])
    assert result.exit_code != 0


def test_roles_are_given_per_process_by_staff_only(db, make_user, make_process):
    jena, gera = make_process(), make_process()
    staff = make_user(roles=[(jena, ProcessRoleKind.STAFF)])
    helper = make_user("helfer@example.org")
    with unit_of_work():
        services.grant_role(staff, jena, "helfer@example.org", "moderator")
    assert helper.can_moderate(jena) and not helper.can_manage(jena)
    assert not helper.can_moderate(gera)
    with pytest.raises(NotAllowed):
        services.grant_role(staff, gera, "helfer@example.org", "moderator")
    with pytest.raises(NotAllowed):
        services.grant_role(helper, jena, staff.email, "staff")
    with pytest.raises(ValidationFailed):
        services.grant_role(staff, jena, "unbekannt@example.org", "moderator")


def test_deleting_an_account_keeps_contributions_and_exact_counts(client, db, make_user, make_process, make_idea):
    from participation.ideas.models import Idea, Support

    process = make_process()
    anna = make_user("anna@example.org")
    own = make_idea(process, author=anna, title="Annas Idee für mehr Grün")
    others = [make_idea(process, title=f"Fremde Idee Nummer {n}") for n in range(2)]
    anna_id, own_id, other_ids = anna.id, own.id, [i.id for i in others]
    client.login("anna@example.org")
    for idea in others:
        assert client.api("POST", f"/api/v1/ideas/{idea.id}/support").status_code == 200
    url = "/account/settings"
    token = client.csrf_token(url)
    response = client.post("/account/delete", {"delete-password": "falsch-falsch", "delete-confirm": "y",
                                               "delete-csrf_token": token}, csrf=False)
    assert response.status_code == 422 and "Passwort ist falsch" in response.get_data(as_text=True)
    response = client.post("/account/delete", {"delete-password": PASSWORD, "delete-confirm": "y",
                                               "delete-csrf_token": client.csrf_token(url)}, csrf=False)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, anna_id) is None
    assert db.session.get(Idea, own_id).author_id is None
    assert db.session.scalar(db.select(db.func.count(Support.id))) == 0
    assert [db.session.get(Idea, i).support_count for i in other_ids] == [0, 0]
    page = client.get(f"/processes/{process.slug}/ideas/{own_id}").get_data(as_text=True)
    assert "Annas Idee für mehr Grün" in page
