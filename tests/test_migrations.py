"""The database schema through Alembic: a new database gets exactly the tables the models
define, a database from before migrations keeps its data and joins them, and migrating twice
changes nothing. Runs on SQLite and, with LEARNBOT_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session, SQLModel

from catalogue.models import Course
from store import courses
from store.engine import BEFORE_MIGRATIONS, make_engine, migrate

HEAD = "0003"


def test_a_new_database_gets_the_models_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_a_database_from_before_migrations_keeps_its_courses(database_url: str) -> None:
    old = create_engine(database_url)
    # The tables as the bot made them before it had migrations (create_all), with no record
    # of a revision.
    migrate(old, to=BEFORE_MIGRATIONS)
    with old.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    with Session(old) as session, session.begin():
        courses.replace_catalogue(session, courses=[Course(id="KEEP", title="Kept", provider="P")])
    old.dispose()
    engine = make_engine(database_url)  # recognised as the first revision, then upgraded
    assert migrate(engine) == HEAD
    with Session(engine) as session:
        assert courses.count_courses(session) == 1
        assert "language" in {c["name"] for c in inspect(engine).get_columns("resident")}
    engine.dispose()


def test_migrating_again_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    first = migrate(engine)
    assert migrate(engine) == first
    engine.dispose()
