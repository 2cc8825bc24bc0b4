"""Signing out ends the session on the server: copied session and remember-me cookies open nothing after."""
from conftest import PASSWORD
from participation.auth.models import UserSession


def _copy(source, target, name):
    cookie = source.http.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    target.http.set_cookie(name, cookie.value)


def test_a_session_cookie_copied_before_sign_out_opens_nothing_afterwards(make_client, make_user, db):
    make_user("anna@example.org")
    owner, thief = make_client(), make_client()
    owner.login("anna@example.org")
    _copy(owner, thief, "session")
    assert thief.get("/account/settings").status_code == 200  # the copy works while the session lives
    owner.logout()
    assert owner.get("/account/settings").status_code == 302
    response = thief.get("/account/settings")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 0


def test_the_remember_me_cookie_alone_is_ended_by_signing_out(make_client, make_user):
    make_user("anna@example.org")
    owner, thief = make_client(), make_client()
    response = owner.post("/account/login", {"email": "anna@example.org", "password": PASSWORD, "remember": "y"},
                          form_url="/account/login")
    assert response.status_code == 302
    _copy(owner, thief, "remember_token")
    assert thief.http.get_cookie("session") is None
    assert thief.get("/account/settings").status_code == 200  # the remember-me cookie signs in on its own
    owner.logout()
    fresh = make_client()
    _copy(thief, fresh, "remember_token")
    assert fresh.get("/account/settings").status_code == 302
    assert thief.get("/account/settings").status_code == 302


def test_sign_out_on_all_devices(make_client, make_user, db):
    user = make_user("anna@example.org")
    laptop, phone = make_client(), make_client()
    laptop.login("anna@example.org")
    phone.login("anna@example.org")
    page = laptop.get("/account/settings").get_data(as_text=True)
    assert "Auf allen Geräten abmelden" in page
    response = laptop.post("/account/sessions/end-all", form_url="/account/settings")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/login")
    assert laptop.get("/account/settings").status_code == 302
    assert phone.get("/account/settings").status_code == 302
    assert db.session.scalar(db.select(db.func.count(UserSession.id)).filter_by(user_id=user.id)) == 0
    laptop.login("anna@example.org")  # and signing in again works
    assert laptop.get("/account/settings").status_code == 200


def test_forged_and_expired_sessions_open_nothing(app, make_client, make_user, db):
    from datetime import timedelta

    from participation.database import utcnow

    make_user("anna@example.org")
    client = make_client()
    client.login("anna@example.org")
    record = db.session.scalar(db.select(UserSession))
    assert len(record.secret_hash) == 64
    record.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/account/settings").status_code == 302
