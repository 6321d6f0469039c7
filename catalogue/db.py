"""The database: engine, tables, and the few reads and writes the catalogue needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from itertools import groupby

from sqlalchemy import Engine, delete, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, create_engine, select

from catalogue.models import CatalogueVersion, Course, CourseRow, Mode, SearchMiss, SessionRow
from catalogue.models import Session as CourseSession

_BATCH = 5_000


def make_engine(url: str) -> Engine:
    """An engine for DATABASE_URL, with the tables created if they are missing."""
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    SQLModel.metadata.create_all(engine)
    return engine


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


def record_miss(engine: Engine, *, text: str, now: datetime) -> None:
    """Count one search that found nothing, keyed by its normalised text."""
    key = " ".join(text.casefold().split())[:200]
    bump = (
        update(SearchMiss)
        .where(col(SearchMiss.text) == key)
        .values(count=SearchMiss.count + 1, last_seen=now)
    )
    for _ in range(2):  # a concurrent first insert of the same text is retried as an update
        with Session(engine) as session, session.begin():
            if session.connection().execute(bump).rowcount:
                return
            try:
                with session.begin_nested():
                    session.add(SearchMiss(text=key, count=1, first_seen=now, last_seen=now))
                return
            except IntegrityError:
                continue


def top_misses(engine: Engine, *, limit: int = 20) -> list[tuple[str, int]]:
    with Session(engine) as session:
        rows = session.exec(
            select(SearchMiss).order_by(col(SearchMiss.count).desc(), col(SearchMiss.text))
        ).all()
    return [(row.text, row.count) for row in rows[:limit]]


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
