"""The stored catalogue: courses and their sessions, swapped whole on reload, and the version
number that tells other processes a new catalogue is in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from itertools import groupby

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from catalogue.models import Course, CourseSession, Mode
from store.tables import CatalogueVersion, CourseRow, SessionRow

_BATCH = 5_000


def count_courses(session: Session) -> int:
    return session.exec(select(func.count()).select_from(CourseRow)).one()


def replace_catalogue(
    session: Session,
    *,
    courses: Sequence[Course],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Swap in a whole new catalogue in one transaction: all of it, or none of it.
    Returns the catalogue's new version number."""
    meta = session.get(CatalogueVersion, 1)
    if meta is None:
        meta = CatalogueVersion(id=1, version=0)
        session.add(meta)
    meta.version += 1
    version = meta.version
    session.execute(delete(SessionRow))
    session.execute(delete(CourseRow))
    # Rows go in through the connection, as plain Core inserts: the ORM's bulk path, built
    # for objects, took half the time of an import of 100,000 courses.
    connection = session.connection()
    for done, batch in enumerate(_batches(courses)):
        if progress is not None:
            progress(done * _BATCH, len(courses))
        connection.execute(insert(CourseRow), [_course_values(c) for c in batch])
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
            connection.execute(insert(SessionRow), sessions)
    if progress is not None:
        progress(len(courses), len(courses))
    return version


def catalogue_version(session: Session) -> int:
    meta = session.get(CatalogueVersion, 1)
    return 0 if meta is None else meta.version


def load_courses(session: Session) -> list[Course]:
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
