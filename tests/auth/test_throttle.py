"""Sign-in throttling per account and address: an attacker elsewhere cannot lock the owner out; an account
under attack from many addresses is slowed down, and its owner can sign in with a one-time link by mail."""
import hashlib
from urllib.parse import urlparse

from conftest import PASSWORD
from participation.auth.models import SignInLink

ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


def attempt(client, address, password, email="anna@example.org"):
    return client.post("/account/login", {"email": email, "password": password}, form_url="/account/login",
                       environ_base={"REMOTE_ADDR": address})


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(make_client, make_user):
    make_user("anna@example.org")
    attacker, owner = make_client(), make_client()
    codes = [attempt(attacker, ATTACKER, "falsch-falsch").status_code for _ in range(7)]
    assert codes[:5] == [401] * 5 and codes[-1] == 429
    assert attempt(attacker, ATTACKER, PASSWORD).status_code == 429  # the guessing address waits
    response = attempt(owner, OWNER, PASSWORD)  # the owner's address does not
    assert response.status_code == 302
    assert owner.get("/account/settings").status_code == 200


def test_one_address_guessing_many_accounts_is_stopped(app, make_client, make_user):
    client = make_client()
    limit = app.config["LOGIN_ADDRESS_FAILURES_BEFORE_DELAY"]
    codes = [attempt(client, ATTACKER, "falsch-falsch", email=f"p{n}@example.org").status_code
             for n in range(limit + 1)]
    assert codes[:limit] == [401] * limit and codes[-1] == 429


def test_an_account_under_attack_from_many_addresses_is_slowed_and_the_owner_gets_a_link(
        make_client, make_user, mailbox, db):
    make_user("anna@example.org", name="Anna K.")
    owner = make_client()
    assert attempt(owner, OWNER, PASSWORD).status_code == 302  # the owner's usual address is known
    owner.logout()
    botnet = make_client()
    for n in range(3):  # failures from three addresses within the hour: the account is under attack
        assert attempt(botnet, f"192.0.2.{n + 1}", "falsch-falsch").status_code == 401
    # A new address is now refused at once, even the owner on the road with the right password ...
    travelling = make_client()
    response = attempt(travelling, "192.0.2.200", PASSWORD)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Anmeldelink" in page and 'action="/account/sign-in-link"' in page
    # ... while the owner's known address still signs in with the right password.
    assert attempt(owner, OWNER, PASSWORD).status_code == 302
    assert mailbox.to("anna@example.org") == []

    # The owner asks for a one-time link from the new address and receives it through SMTP.
    response = travelling.post("/account/sign-in-link", {"email": "anna@example.org"}, form_url="/account/login",
                               environ_base={"REMOTE_ADDR": "192.0.2.200"})
    assert response.status_code == 302
    mail = mailbox.last_to("anna@example.org")
    link = mailbox.link(mail, "/account/sign-in/")
    token = urlparse(link).path.rsplit("/", 1)[1]
    stored = db.session.scalar(db.select(SignInLink))
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in stored.token_hash
    assert "15 Minuten" in mailbox.text(mail)

    path = urlparse(link).path
    assert travelling.get(path).status_code == 200  # opening the link (a mail scanner, say) uses nothing
    response = travelling.post(path, form_url=path, environ_base={"REMOTE_ADDR": "192.0.2.200"})
    assert response.status_code == 302
    assert "Anna K." in travelling.get("/").get_data(as_text=True)
    # Single use: a second time (or by someone who copied it) it does not work.
    other = make_client()
    assert other.get(path, follow_redirects=True).request.path == "/account/login"
    response = other.post(path, form_url="/account/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/login")
    assert other.get("/account/settings").status_code == 302


def test_no_link_is_sent_for_an_account_that_is_not_under_attack(make_client, make_user, mailbox):
    make_user("anna@example.org")
    client = make_client()
    response = client.post("/account/sign-in-link", {"email": "anna@example.org"}, form_url="/account/login")
    assert response.status_code == 302
    response = client.post("/account/sign-in-link", {"email": "niemand@example.org"}, form_url="/account/login")
    assert response.status_code == 302
    assert mailbox.messages == []


def test_an_expired_link_is_refused(make_client, make_user, db, mailbox, app):
    from datetime import timedelta

    from participation.auth import throttle
    from participation.database import unit_of_work, utcnow

    make_user("anna@example.org")
    botnet = make_client()
    for n in range(3):
        attempt(botnet, f"192.0.2.{n + 1}", "falsch-falsch")
    with unit_of_work():
        assert throttle.request_link("anna@example.org", throttle.address_key("192.0.2.50")) is not None
    link = mailbox.link(mailbox.last_to("anna@example.org"), "/account/sign-in/")
    stored = db.session.scalar(db.select(SignInLink))
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    client = make_client()
    response = client.post(urlparse(link).path, form_url="/account/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/login")
    assert client.get("/account/settings").status_code == 302
