"""The database engine, brought to the newest schema by Alembic before anything uses it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# The revision a database created before migrations (by create_all) already matches.
BEFORE_MIGRATIONS = "0001"


def make_engine(url: str) -> Engine:
    """An engine for DATABASE_URL, with the database brought to the newest schema."""
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    migrate(engine)
    return engine


def migrate(engine: Engine, to: str = "head") -> str:
    """Run every migration the database has not had (Alembic), and return its revision.

    A database the bot created before it had migrations is recognised by its tables and
    recorded as that first revision, so its data stays and later changes reach it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "course" in tables and "alembic_version" not in tables:
            command.stamp(config, BEFORE_MIGRATIONS)
        command.upgrade(config, to)
        revision = MigrationContext.configure(connection).get_current_revision()
    return revision or ""
