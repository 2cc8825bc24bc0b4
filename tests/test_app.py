"""The application shell: pages in the design, security headers, configuration rules."""
import pytest

from config import ProductionConfig


def test_start_page_lists_public_processes_only(client, make_process):
    make_process(title="Jena klimaneutral 2035")
    make_process(title="Geheimer Entwurf", public=False)
    page = client.get("/").get_data(as_text=True)
    assert "Jena klimaneutral 2035" in page
    assert "Geheimer Entwurf" not in page


def test_pages_are_german_by_default_and_switch_to_english(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Laufende Prozesse" in page
    response = client.post("/language", {"locale": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Running processes" in page


def test_security_headers_on_every_response(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_not_found_page_is_in_the_design(client):
    response = client.get("/processes/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Nicht gefunden" in response.get_data(as_text=True)
    assert 'class="site-header"' in response.get_data(as_text=True)


def test_api_errors_are_json(client):
    response = client.get("/api/v1/ideas/999999")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", None)
    from participation import create_app

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"


def test_behind_a_trusted_proxy_the_visitor_s_address_counts(make_app, _migrated):
    from flask import request

    app = make_app(TRUSTED_PROXIES=1)
    app.add_url_rule("/_address", "address_probe", lambda: request.remote_addr)
    seen = app.test_client().get("/_address", headers={"X-Forwarded-For": "203.0.113.7"},
                                 environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen.get_data(as_text=True) == "203.0.113.7"
    plain = make_app()
    plain.add_url_rule("/_address", "address_probe", lambda: request.remote_addr)
    seen = plain.test_client().get("/_address", headers={"X-Forwarded-For": "203.0.113.7"},
                                   environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen.get_data(as_text=True) == "127.0.0.1"
