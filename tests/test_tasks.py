"""Background work goes through Huey's queue, and only after the user's transaction commits."""
import pytest

from participation.extensions import huey


@pytest.fixture
def queued_app(make_app, _migrated, tmp_path, smtp_server, redis_url):
    controller, box = smtp_server
    box.messages.clear()
    # The queue lives in SQLite in the instance folder, or in Redis when the suite has one.
    app = make_app(HUEY_IMMEDIATE=False, INSTANCE_DIR=str(tmp_path), REDIS_URL=redis_url,
                   MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port)
    from huey.storage import RedisStorage, SqliteStorage

    assert isinstance(huey.storage, RedisStorage if redis_url else SqliteStorage)
    yield app, box
    huey.flush()
    huey.immediate = True
    with app.app_context():
        from conftest import _empty_all_tables
        from participation.extensions import db

        _empty_all_tables(db)


def test_mail_is_queued_then_delivered_by_the_consumer(queued_app):
    from conftest import Client
    from participation.tasks import use_app

    app, box = queued_app
    assert not huey.immediate
    with app.app_context():
        client = Client(app.test_client())
        response = client.post("/account/register", {
            "display_name": "Neue Person", "email": "neu@example.org", "password": "ein-gutes-Passwort",
            "password_confirm": "ein-gutes-Passwort", "accept_terms": "y"}, form_url="/account/register")
        assert response.status_code == 200
        assert box.messages == []           # queued, not sent in the request
        assert huey.pending_count() == 1
        use_app(app)
        task = huey.dequeue()
        huey.execute(task)                  # what the consumer does
        assert huey.pending_count() == 0
        assert "/account/verify/" in box.text(box.last_to("neu@example.org"))


def test_nothing_is_queued_when_the_transaction_rolls_back(queued_app):
    from participation.auth import services
    from participation.database import unit_of_work

    app, box = queued_app
    assert not huey.immediate
    with app.app_context():
        with pytest.raises(RuntimeError):
            with unit_of_work():
                services.register("neu@example.org", "ein-gutes-Passwort", "Neue Person")
                raise RuntimeError("something later in the same action failed")
        assert huey.pending_count() == 0
