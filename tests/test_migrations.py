"""The database schema through Alembic: a new database gets exactly the tables the models
define, a database from before migrations keeps its data and joins them, and migrating twice
changes nothing. Runs on SQLite and, with LEARNBOT_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from catalogue import db
from catalogue.models import Course


def test_a_new_database_gets_the_models_schema(database_url: str) -> None:
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_a_database_from_before_migrations_keeps_its_courses(database_url: str) -> None:
    old = create_engine(database_url)
    SQLModel.metadata.create_all(old)  # as the bot made its tables before migrations
    db.replace_catalogue(old, courses=[Course(id="KEEP", title="Kept", provider="P")])
    old.dispose()
    engine = db.make_engine(database_url)
    assert db.migrate(engine) == db.BEFORE_MIGRATIONS
    assert db.count_courses(engine) == 1
    engine.dispose()


def test_migrating_again_changes_nothing(database_url: str) -> None:
    engine = db.make_engine(database_url)
    first = db.migrate(engine)
    assert db.migrate(engine) == first
    engine.dispose()
