"""Conversation state that must outlive one process and be seen by every instance: a
resident's recent searches (for paging buttons), the location they shared (for a day), and a
validated reload waiting for an admin's Confirm (for an hour)."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from catalogue.models import Course, CourseSession, Mode
from store.tables import PendingReload, RememberedSearch, SharedLocation

SEARCHES_KEPT = 20  # per chat: enough for any "Back" a resident will press
LOCATION_KEPT = timedelta(days=1)
RELOAD_KEPT = timedelta(hours=1)


def remember_search(session: Session, *, chat_id: int, text: str, now: datetime) -> str:
    token = secrets.token_urlsafe(6)
    session.add(RememberedSearch(token=token, chat_id=chat_id, text=text, created_at=now))
    session.flush()
    kept = select(RememberedSearch.id).where(col(RememberedSearch.chat_id) == chat_id)
    newest = kept.order_by(col(RememberedSearch.id).desc()).limit(SEARCHES_KEPT)
    session.execute(
        delete(RememberedSearch).where(
            col(RememberedSearch.chat_id) == chat_id,
            col(RememberedSearch.id).not_in(newest.scalar_subquery()),
        )
    )
    return token


def recall_search(session: Session, *, chat_id: int, token: str) -> str | None:
    row = session.exec(select(RememberedSearch).where(RememberedSearch.token == token)).first()
    return row.text if row is not None and row.chat_id == chat_id else None


def latest_search(session: Session, *, chat_id: int, since: datetime) -> tuple[str, str] | None:
    """The chat's newest remembered search made since then, as (token, text)."""
    row = session.exec(
        select(RememberedSearch)
        .where(RememberedSearch.chat_id == chat_id, RememberedSearch.created_at >= since)
        .order_by(col(RememberedSearch.id).desc())
        .limit(1)
    ).first()
    return None if row is None else (row.token, row.text)


def share_location(
    session: Session, *, chat_id: int, where: tuple[float, float], now: datetime
) -> None:
    row = session.get(SharedLocation, chat_id)
    if row is None:
        session.add(SharedLocation(chat_id=chat_id, lat=where[0], lon=where[1], shared_at=now))
    else:
        row.lat, row.lon, row.shared_at = where[0], where[1], now


def location_of(session: Session, *, chat_id: int, now: datetime) -> tuple[float, float] | None:
    row = session.get(SharedLocation, chat_id)
    if row is None:
        return None
    if now - row.shared_at > LOCATION_KEPT:
        session.delete(row)  # a day has passed: forgotten
        return None
    return row.lat, row.lon


def forget(session: Session, *, chat_id: int) -> None:
    session.execute(delete(RememberedSearch).where(col(RememberedSearch.chat_id) == chat_id))
    session.execute(delete(SharedLocation).where(col(SharedLocation.chat_id) == chat_id))


def keep_reload(
    session: Session, *, courses: tuple[Course, ...], source: str, admin_id: int, now: datetime
) -> str:
    session.execute(delete(PendingReload).where(col(PendingReload.created_at) < now - RELOAD_KEPT))
    token = secrets.token_urlsafe(6)
    session.add(
        PendingReload(
            token=token,
            admin_id=admin_id,
            source=source[:500],
            courses=json.dumps([_course_json(c) for c in courses]),
            created_at=now,
        )
    )
    return token


def take_reload(
    session: Session, *, token: str, now: datetime
) -> tuple[tuple[Course, ...], str] | None:
    """The courses and source waiting under `token`, taken (a second press finds nothing)."""
    row = session.get(PendingReload, token)
    if row is None:
        return None
    session.delete(row)
    if now - row.created_at > RELOAD_KEPT:
        return None
    return tuple(_course(c) for c in json.loads(row.courses)), row.source


def _course_json(course: Course) -> dict[str, Any]:
    data = asdict(course)
    data["mode"] = course.mode.value
    data["starts_on"] = course.starts_on.isoformat() if course.starts_on else None
    data["ends_on"] = course.ends_on.isoformat() if course.ends_on else None
    data["sessions"] = [[s.start.isoformat(), s.end.isoformat()] for s in course.sessions]
    return data


def _course(data: dict[str, Any]) -> Course:
    values = {f.name: data[f.name] for f in fields(Course) if f.name in data}
    values["tags"] = tuple(data.get("tags") or ())
    values["mode"] = Mode(data["mode"])
    for day in ("starts_on", "ends_on"):
        values[day] = date.fromisoformat(data[day]) if data.get(day) else None
    values["sessions"] = tuple(
        CourseSession(datetime.fromisoformat(a), datetime.fromisoformat(b))
        for a, b in data.get("sessions", [])
    )
    return Course(**values)
