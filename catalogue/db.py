"""The database: engine, tables, and the few reads and writes the catalogue needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, Update, delete, func, insert, inspect, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, create_engine, select

from catalogue.models import (
    CatalogueVersion,
    Course,
    CourseRow,
    Mode,
    SearchDay,
    SearchStat,
    SessionRow,
)
from catalogue.models import Session as CourseSession

_BATCH = 5_000


MIGRATIONS = Path(__file__).parent / "migrations"
# The revision a database created before migrations (by create_all) already matches.
BEFORE_MIGRATIONS = "0001"


def make_engine(url: str) -> Engine:
    """An engine for DATABASE_URL, with the database brought to the newest schema."""
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    migrate(engine)
    return engine


def migrate(engine: Engine) -> str:
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
        command.upgrade(config, "head")
        revision = MigrationContext.configure(connection).get_current_revision()
    return revision or ""


def count_courses(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CourseRow)).one()


def replace_catalogue(
    engine: Engine,
    *,
    courses: Sequence[Course],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Swap in a whole new catalogue in one transaction: all of it, or none of it.
    Returns the catalogue's new version number."""
    with Session(engine) as session, session.begin():
        meta = session.get(CatalogueVersion, 1)
        if meta is None:
            meta = CatalogueVersion(id=1, version=0)
            session.add(meta)
        meta.version += 1
        version = meta.version
        session.execute(delete(SessionRow))
        session.execute(delete(CourseRow))
        for done, batch in enumerate(_batches(courses)):
            if progress is not None:
                progress(done * _BATCH, len(courses))
            session.execute(insert(CourseRow), [_course_values(c) for c in batch])
            sessions = [
                {
                    "course_id": course.id,
                    "starts_at": s.start,
                    "ends_at": s.end,
                }
                for course in batch
                for s in course.sessions
            ]
            if sessions:
                session.execute(insert(SessionRow), sessions)
    if progress is not None:
        progress(len(courses), len(courses))
    return version


def catalogue_version(engine: Engine) -> int:
    with Session(engine) as session:
        meta = session.get(CatalogueVersion, 1)
        return 0 if meta is None else meta.version


def record_search(engine: Engine, *, text: str, found: bool, now: datetime, day: date) -> None:
    """Count one search by its normalised text, and one for the day; no user ids."""
    key = " ".join(text.casefold().split())[:200]
    miss = 0 if found else 1
    with Session(engine) as session, session.begin():
        _bump(
            session,
            update(SearchStat)
            .where(col(SearchStat.text) == key)
            .values(
                searches=SearchStat.searches + 1, misses=SearchStat.misses + miss, last_seen=now
            ),
            lambda: SearchStat(text=key, searches=1, misses=miss, first_seen=now, last_seen=now),
        )
        _bump(
            session,
            update(SearchDay)
            .where(col(SearchDay.day) == day)
            .values(searches=SearchDay.searches + 1, misses=SearchDay.misses + miss),
            lambda: SearchDay(day=day, searches=1, misses=miss),
        )


def _bump(session: Session, bump: Update, first: Callable[[], SQLModel]) -> None:
    """Increment a counter row, or create it; a concurrent first insert becomes a bump."""
    if session.connection().execute(bump).rowcount:
        return
    try:
        with session.begin_nested():
            session.add(first())
    except IntegrityError:
        session.connection().execute(bump)


def top_searches(
    engine: Engine, *, misses_only: bool = False, limit: int = 10
) -> list[tuple[str, int]]:
    """The most frequent search texts, or the ones that most often found nothing."""
    count = SearchStat.misses if misses_only else SearchStat.searches
    with Session(engine) as session:
        rows = session.exec(
            select(SearchStat.text, count)
            .where(count > 0)
            .order_by(col(count).desc(), col(SearchStat.text))
            .limit(limit)
        ).all()
    return [(text, number) for text, number in rows]


def searches_by_day(engine: Engine, *, since: date) -> list[tuple[date, int, int]]:
    with Session(engine) as session:
        rows = session.exec(
            select(SearchDay).where(col(SearchDay.day) >= since).order_by(col(SearchDay.day))
        ).all()
    return [(row.day, row.searches, row.misses) for row in rows]


def load_courses(engine: Engine) -> list[Course]:
    with Session(engine) as session:
        rows = session.exec(select(CourseRow).order_by(col(CourseRow.id))).all()
        sessions = session.exec(
            select(SessionRow).order_by(col(SessionRow.course_id), col(SessionRow.starts_at))
        ).all()
    by_course = {
        course_id: tuple(CourseSession(s.starts_at, s.ends_at) for s in group)
        for course_id, group in groupby(sessions, key=lambda s: s.course_id)
    }
    return [_course(row, by_course.get(row.id, ())) for row in rows]


def _batches(courses: Sequence[Course]) -> Iterable[Sequence[Course]]:
    for start in range(0, len(courses), _BATCH):
        yield courses[start : start + _BATCH]


# Every Course field but the sessions is a column of the same name; tags and mode need
# converting on the way in and out.
_COLUMNS = tuple(f.name for f in fields(Course) if f.name != "sessions")


def _course_values(course: Course) -> dict[str, object]:
    values = {name: getattr(course, name) for name in _COLUMNS}
    values["tags"] = ";".join(course.tags)
    values["mode"] = course.mode.value
    return values


def _course(row: CourseRow, sessions: tuple[CourseSession, ...]) -> Course:
    values = {name: getattr(row, name) for name in _COLUMNS}
    values["tags"] = tuple(t for t in row.tags.split(";") if t)
    values["mode"] = Mode(row.mode)
    return Course(**values, sessions=sessions)
