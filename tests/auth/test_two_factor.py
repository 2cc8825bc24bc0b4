"""Two-factor authentication: the code step, enrolment by QR code, recovery codes, remembered devices, replay
and rate limits, the check in the services, and the admins' reset."""
import re
from datetime import UTC, datetime

import pyotp
import pytest

from conftest import PASSWORD, TOTP_SECRET, totp_code
from participation.auth import sessions
from participation.auth.models import ProcessRoleKind, RecoveryCode, User
from participation.errors import NotAllowed


def password_step(client, email, **extra):
    response = client.post("/account/login", {"email": email, "password": PASSWORD, **extra}, form_url="/account/login")
    assert response.status_code == 302
    return response


def test_staff_sign_in_asks_for_the_code_before_anything_opens(app, make_client, make_user, make_process):
    process = make_process()
    make_user("staff@example.org", roles=[(process, ProcessRoleKind.STAFF)])
    client = make_client()
    response = password_step(client, "staff@example.org")
    assert response.headers["Location"] == "/account/login/code"
    assert client.get("/account/settings").status_code == 302  # not signed in yet
    page = client.get("/account/login/code").get_data(as_text=True)
    assert "Code aus Ihrer Authenticator-App" in page and 'autocomplete="one-time-code"' in page
    response = client.post("/account/login/code", {"code": "000000"}, form_url="/account/login/code")
    assert response.status_code == 422 and "nicht gültig" in response.get_data(as_text=True)
    response = client.post("/account/login/code", {"code": totp_code(app, "staff@example.org")},
                           form_url="/account/login/code")
    assert response.status_code == 302
    assert client.get(f"/processes/{process.slug}/team").status_code == 200


def test_a_used_code_is_refused_within_its_window(app, make_client, make_user, make_process):
    make_user("staff@example.org", roles=[(make_process(), ProcessRoleKind.STAFF)])
    first, second = make_client(), make_client()
    code = totp_code(app, "staff@example.org")
    password_step(first, "staff@example.org")
    assert first.post("/account/login/code", {"code": code}, form_url="/account/login/code").status_code == 302
    password_step(second, "staff@example.org")
    response = second.post("/account/login/code", {"code": code}, form_url="/account/login/code")
    assert response.status_code == 422
    assert second.get("/account/settings").status_code == 302


def test_the_code_step_is_rate_limited_per_account(app, make_client, make_user, make_process):
    make_user("staff@example.org", roles=[(make_process(), ProcessRoleKind.STAFF)])
    client = make_client()
    password_step(client, "staff@example.org")
    for _ in range(5):
        assert client.post("/account/login/code", {"code": "123456"}, form_url="/account/login/code").status_code \
            in (422, 302)
    # The sixth attempt, even with the right code, ends the pending sign-in.
    response = client.post("/account/login/code", {"code": totp_code(app, "staff@example.org")},
                           form_url="/account/login/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/login")
    assert client.get("/account/settings").status_code == 302
    assert "Zu viele falsche Codes" in client.get("/account/login").get_data(as_text=True)


def test_staff_without_second_factor_are_sent_to_enrolment_and_can_do_nothing_staff_like(
        app, db, make_client, make_user, make_process, lottery):
    from participation.lottery import services as lottery_services

    process = lottery.process
    user = make_user("neu@example.org", roles=[(process, ProcessRoleKind.STAFF)], two_factor=False)
    client = make_client()
    response = password_step(client, "neu@example.org")
    assert urlparse_path(response) == "/account/two-factor/setup"
    # Every page sends it back to the enrolment, and the services refuse staff-like work.
    response = client.get(f"/processes/{process.slug}/team")
    assert response.status_code == 302 and "/account/two-factor/setup" in response.headers["Location"]
    session_id = f"{user.id}:{_secret_of(client)}"
    with app.app_context():
        loaded = sessions.load(session_id)
        assert loaded.second_factor_pending
        with pytest.raises(NotAllowed):
            lottery_services.require_staff(loaded, process)
        assert not loaded.can_moderate(process) and not loaded.can_create_processes

    page = client.get("/account/two-factor/setup").get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page  # the QR code, inline
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
    assert secret not in re.search(r"<svg.*?</svg>", page, re.S).group(0)  # not read out in the label
    db.session.expire_all()
    stored_secret = db.session.get(User, user.id).totp_secret
    assert stored_secret and secret not in stored_secret  # encrypted at rest
    response = client.post("/account/two-factor/setup", {"code": "000000"}, form_url="/account/two-factor/setup")
    assert response.status_code == 422
    response = client.post("/account/two-factor/setup", {"code": pyotp.TOTP(secret).now()},
                           form_url="/account/two-factor/setup")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>([a-z0-9-]{14})</code></li>", response.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = db.session.scalars(db.select(RecoveryCode).filter_by(user_id=user.id)).all()
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & {s.code_hash for s in stored}
    # The same session now passed the second factor.
    assert client.get(f"/processes/{process.slug}/team").status_code == 200
    with app.app_context():
        assert lottery_services.require_staff(sessions.load(session_id), process) is None

    # A recovery code works once in place of the app's code.
    client.logout()
    password_step(client, "neu@example.org")
    response = client.post("/account/login/code", {"code": codes[0].upper()}, form_url="/account/login/code")
    assert response.status_code == 302
    assert "noch 9" in client.get("/").get_data(as_text=True) or client.get("/account/settings").status_code == 200
    client.logout()
    password_step(client, "neu@example.org")
    response = client.post("/account/login/code", {"code": codes[0]}, form_url="/account/login/code")
    assert response.status_code == 422


def urlparse_path(response):
    from urllib.parse import urlparse

    return urlparse(response.headers["Location"]).path


def _secret_of(client):
    """The server-side session's secret, as Flask-Login keeps it in the session cookie."""
    from flask.sessions import SecureCookieSessionInterface

    interface = SecureCookieSessionInterface()
    serializer = interface.get_signing_serializer(client.app)
    data = serializer.loads(client.http.get_cookie("session").value)
    return data["_user_id"].partition(":")[2]


def test_a_remembered_device_skips_the_code_until_signed_out_everywhere(app, make_client, make_user, make_process):
    make_user("staff@example.org", roles=[(make_process(), ProcessRoleKind.STAFF)])
    client = make_client()
    password_step(client, "staff@example.org")
    response = client.post("/account/login/code", {"code": totp_code(app, "staff@example.org"),
                                                   "remember_device": "y"}, form_url="/account/login/code")
    assert response.status_code == 302
    device = client.http.get_cookie("participation_device", path="/account")
    assert device is not None and device.http_only
    client.logout()
    assert password_step(client, "staff@example.org").headers["Location"] == "/"  # no code asked
    # A forged or copied-and-altered cookie does not count.
    other = make_client()
    other.http.set_cookie("participation_device", device.value[:-3] + "abc", path="/account")
    assert password_step(other, "staff@example.org").headers["Location"] == "/account/login/code"
    client.post("/account/sessions/end-all", form_url="/account/settings")
    assert password_step(client, "staff@example.org").headers["Location"] == "/account/login/code"


def test_residents_may_switch_two_factor_on_and_off(app, db, make_client, make_user):
    user = make_user("anna@example.org")
    client = make_client()
    client.login("anna@example.org")
    page = client.get("/account/settings").get_data(as_text=True)
    assert "Zwei-Faktor-Anmeldung einrichten" in page
    page = client.get("/account/two-factor/setup").get_data(as_text=True)
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
    assert client.post("/account/two-factor/setup", {"code": pyotp.TOTP(secret).now()},
                       form_url="/account/two-factor/setup").status_code == 200
    client.logout()
    assert password_step(client, "anna@example.org").headers["Location"] == "/account/login/code"
    client.complete_second_factor(client.post("/account/login", {"email": "anna@example.org", "password": PASSWORD},
                                              form_url="/account/login"), "anna@example.org")
    assert client.post("/account/two-factor/disable", {"disable-code": "000000"},
                       form_url="/account/settings").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).two_factor_enabled  # a wrong code changes nothing
    assert client.post("/account/two-factor/disable", {"disable-code": totp_code(app, "anna@example.org")},
                       form_url="/account/settings").status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, user.id).two_factor_enabled


def test_staff_cannot_switch_it_off(app, db, make_client, make_user, make_process):
    user = make_user("staff@example.org", roles=[(make_process(), ProcessRoleKind.STAFF)])
    client = make_client()
    client.login("staff@example.org")
    response = client.post("/account/two-factor/disable", {"disable-code": totp_code(app, "staff@example.org")},
                           form_url="/account/settings", follow_redirects=True)
    assert "braucht daher" in response.get_data(as_text=True) or "bleibt" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).two_factor_enabled


def test_an_admin_resets_a_lost_second_factor_and_it_is_audited(app, db, make_client, make_user, make_process):
    from participation.moderation.models import AuditEntry

    process = make_process()
    staff = make_user("staff@example.org", roles=[(process, ProcessRoleKind.STAFF)])
    make_user("admin@example.org", admin=True, name="Ada Admin")
    lost, admin, other = make_client(), make_client(), make_client()
    lost.login("staff@example.org")
    other.login("staff@example.org")
    # Staff cannot reset anyone's second factor.
    assert other.get("/account/admin/two-factor").status_code == 403
    admin.login("admin@example.org")
    response = admin.post("/account/admin/two-factor", {"email": "staff@example.org"},
                          form_url="/account/admin/two-factor")
    assert response.status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, staff.id).two_factor_enabled
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="two_factor_reset"))
    assert entry.process_id == process.id and entry.object_id == staff.id and entry.actor_name == "Ada Admin"
    assert lost.get("/account/settings").status_code == 302  # signed out everywhere
    response = lost.post("/account/login", {"email": "staff@example.org", "password": PASSWORD},
                         form_url="/account/login")
    assert urlparse_path(response) == "/account/two-factor/setup"


def test_totp_codes_follow_rfc_6238():
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits); our accounts use 6 digits of the same HOTP.
    import base64

    secret = base64.b32encode(b"12345678901234567890").decode()
    assert pyotp.TOTP(secret, digits=8).at(datetime.fromtimestamp(59, UTC)) == "94287082"
    assert pyotp.TOTP(TOTP_SECRET).interval == 30


def test_the_operator_resets_a_second_factor_from_the_command_line(app, db, make_user, make_process):
    from participation.moderation.models import AuditEntry

    admin = make_user("admin@example.org", admin=True)
    result = app.test_cli_runner().invoke(args=["users", "reset-two-factor", "admin@example.org"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert not db.session.get(User, admin.id).two_factor_enabled
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="two_factor_reset")).actor_id is None
