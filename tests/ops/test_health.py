"""`/healthz`: JSON, 200 when the database and every configured Redis answer, 503 naming the
part that failed; no secrets or versions; exempt from rate limits."""
import json
import secrets

import participation
from conftest import free_port


def _no_secrets(response, *extra):
    body = response.get_data(as_text=True)
    for needle in ("sqlite", "postgres", "redis://", "127.0.0.1", "Traceback", participation.__version__,
                   *extra):
        assert needle not in body, needle
    assert set(response.json) == {"status", "checks"}
    assert set(response.json["checks"].values()) <= {"ok", "unavailable"}


def test_healthy_instance_answers_200_with_each_part(client, app, redis_url):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json["status"] == "ok"
    assert response.json["checks"]["database"] == "ok"
    if redis_url:  # make test-postgres: rate limits live in Redis
        assert response.json["checks"]["rate_limit_storage"] == "ok"
    else:
        assert set(response.json["checks"]) == {"database"}
    _no_secrets(response)


def test_a_dead_redis_gives_503_and_names_the_part(client, app):
    port = free_port()  # nothing listens there
    app.config["RATELIMIT_STORAGE_URI"] = f"redis://:hunter2-secret@127.0.0.1:{port}/0"
    app.config["SOCKETIO_MESSAGE_QUEUE"] = f"redis://127.0.0.1:{port}/1"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "checks": {
        "database": "ok", "rate_limit_storage": "unavailable", "message_queue": "unavailable"}}
    _no_secrets(response, "hunter2", str(port))


def test_a_missing_database_gives_503(make_app, tmp_path):
    broken = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/no/such/folder/participation.sqlite",
                      RATELIMIT_STORAGE_URI="memory://")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "checks": {"database": "unavailable"}}
    _no_secrets(response, str(tmp_path))


def test_healthz_is_exempt_from_rate_limits(make_app, _migrated):
    from participation.extensions import limiter

    limited = make_app(RATELIMIT_ENABLED=True, RATELIMIT_DEFAULT="3 per minute")
    try:
        http = limited.test_client()
        visitor = {"REMOTE_ADDR": f"198.51.100.{secrets.randbelow(250) + 1}", "HTTP_X_PROBE": secrets.token_hex(4)}
        statuses = [http.get("/healthz", environ_base=visitor).status_code for _ in range(10)]
        assert statuses == [200] * 10
        others = [http.get("/privacy", environ_base=visitor).status_code for _ in range(5)]
        assert 429 in others  # the default limit is in force for every route that is not exempt
    finally:
        limiter.limit_manager.set_default_limits([])  # the limiter object is shared by every test app
        with limited.app_context():
            limiter.reset()


def test_healthz_output_is_plain_json(client):
    assert json.loads(client.get("/healthz").get_data(as_text=True))["status"] == "ok"
