"""`flask db upgrade` on an empty database gives exactly the models' schema, and downgrades work."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from config import TestingConfig
from conftest import TEST_DATABASE_URL, _recreate_postgres_database
from participation import create_app
from participation.extensions import db
from participation.migration_support import include_object


@pytest.fixture
def empty_database_url(tmp_path):
    if TEST_DATABASE_URL:
        url = sa.engine.make_url(TEST_DATABASE_URL).set(database="participation_schema_check")
        url = url.render_as_string(hide_password=False)
        _recreate_postgres_database(url)
        return url
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"


def schema_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return compare_metadata(context, db.metadata)


def test_upgrade_gives_exactly_the_models_schema_and_downgrade_undoes_it(empty_database_url):
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        assert schema_differences() == []
        inspector = sa.inspect(db.engine)
        assert {"users", "processes", "ideas", "supports", "comments"} <= set(inspector.get_table_names())

        downgrade(revision="base")
        left = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert left == set()

        upgrade()
        assert schema_differences() == []
        db.engine.dispose()


def test_search_objects_exist_after_upgrade(app):
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            found = connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_ideas_fulltext'").scalar()
            assert found == "ix_ideas_fulltext"
        else:
            names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
            assert {"ideas_fts", "ideas_fts_after_insert", "ideas_fts_after_update", "ideas_fts_after_delete"} <= names
