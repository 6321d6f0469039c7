"""Shared fixtures: a clean database (SQLite by default, PostgreSQL when
LEARNBOT_TEST_DATABASE_URL says so), the fake Bot API, and the real bot running against it."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from bot.app import App, build_application, running
from bot.config import Settings
from catalogue import importer
from catalogue.models import Course
from delivery.worker import Delivery
from fakegram import FakeBotApi, Resident
from search import index
from search.index import Index
from store.planning import ReminderPolicy
from store.store import Store

# The sample catalogue's spring term starts on 11 January 2027; tests live just before it.
NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
SAMPLE = Path(__file__).parent.parent / "catalogue" / "sample" / "manchester.csv"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tz() -> ZoneInfo:
    return LONDON


@pytest.fixture(scope="session")
def sample_courses() -> tuple[Course, ...]:
    result = importer.parse_file(SAMPLE, tz=LONDON)
    assert result.ok, result.errors
    return result.courses


@pytest.fixture(scope="session")
def sample_index(sample_courses: tuple[Course, ...]) -> Index:
    return index.build(sample_courses, tz=LONDON)


def ids(ix: Index, query: str, limit: int | None = 3, now: datetime = NOW) -> list[str]:
    """The ids of the courses a search answers with, best first."""
    return [hit.course.id for hit in ix.search(query, now=now, limit=limit).hits]


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database. PostgreSQL is emptied before and after the test."""
    url = os.environ.get("LEARNBOT_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"
    if url.startswith("sqlite"):
        yield url
        return
    _empty(url)
    yield url
    _empty(url)


def _empty(url: str) -> None:
    """Drop every table, Alembic's record of migrations included."""
    engine = create_engine(url)
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
def settings(fake_api: FakeBotApi, database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        bot_token=SecretStr(fake_api.token),
        telegram_api_url=fake_api.url,
        database_url=database_url,
        admin_ids=frozenset({42}),
        # One instance: no need to look for another's catalogue while a test runs.
        coordination_seconds=3600,
    )


class Clock:
    """A clock the tests move by hand, where waiting for real would be slow."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(database_url: str, clock: Clock) -> Iterator[Store]:
    """The store on its own, without the bot, its clock at NOW."""
    opened = Store.open(database_url, policy=ReminderPolicy(tz=LONDON, quiet=None), clock=clock)
    yield opened
    opened.close()


@pytest.fixture
async def app(settings: Settings, clock: Clock) -> AsyncIterator[App]:
    """The real Application, long polling the fake on 127.0.0.1, with the clock at NOW."""
    application = build_application(settings, clock=clock)
    async with running(application, poll_timeout=1):
        yield application


def free_port() -> int:
    """A port nothing listens on, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def delivery_of(app: App) -> Delivery:
    """The bot's delivery room, for tests that send what is due without waiting."""
    delivery = app.bot_data.delivery
    assert isinstance(delivery, Delivery)
    return delivery


@pytest.fixture
def resident(fake_api: FakeBotApi, app: App) -> Resident:
    return fake_api.resident(user_id=1001, first_name="Amina")
