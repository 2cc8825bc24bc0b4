"""Promises of the look and feel (contrast, error pages) and of mail without an SMTP server."""
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()


def css_colour(name):
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("foreground, background", [
    ("ink", "paper"), ("ink", "wash"), ("muted", "paper"), ("muted", "wash"), ("blue", "paper"),
    ("blue", "wash"), ("green", "paper"), ("green-dark", "paper"), ("red", "paper"), ("amber-ink", "amber-bg"),
])
def test_text_colours_have_at_least_4_5_to_1_contrast(foreground, background):
    colours = {"paper": "#ffffff"} | {name: css_colour(name) for name in
                                      ("ink", "muted", "wash", "blue", "green", "green-dark", "red", "amber-ink",
                                       "amber-bg")}
    assert contrast(colours[foreground], colours[background]) >= 4.5


def test_white_on_the_primary_button_is_readable():
    assert contrast("#ffffff", css_colour("green")) >= 4.5


def test_every_form_field_has_a_label(client, make_user):
    make_user("anna@example.org")
    pages = ["/account/register", "/account/login", "/account/reset"]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
            if field_id == "csrf_token":
                continue
            assert f'for="{field_id}"' in html, f"{url}: #{field_id} has no label"


def test_server_errors_get_the_designed_page(make_app, _migrated):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("broken on purpose")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Serverfehler" in html and 'class="site-header"' in html
    assert "broken on purpose" not in html


def test_without_smtp_server_mail_is_written_to_the_outbox(app, client, tmp_path):
    app.config.update(MAIL_SERVER=None, MAIL_OUTBOX_DIR=str(tmp_path / "outbox"))
    client.post("/account/register", {"display_name": "Neue Person", "email": "neu@example.org",
                                      "password": "ein-gutes-Passwort", "password_confirm": "ein-gutes-Passwort",
                                      "accept_terms": "y"}, form_url="/account/register")
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["To"] == "neu@example.org"
    assert "/account/verify/" in message.get_body().get_content()
