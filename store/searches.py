"""What residents search for, counted by text and by day, never by who asked: the figures
behind /stats and the list of what the city does not offer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Update, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from store.tables import SearchDay, SearchStat


def record_search(session: Session, *, text: str, found: bool, now: datetime, day: date) -> None:
    """Count one search by its normalised text, and one for the day; no user ids."""
    key = " ".join(text.casefold().split())[:200]
    miss = 0 if found else 1
    _bump(
        session,
        update(SearchStat)
        .where(col(SearchStat.text) == key)
        .values(searches=SearchStat.searches + 1, misses=SearchStat.misses + miss, last_seen=now),
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
    session: Session, *, misses_only: bool = False, limit: int = 10
) -> list[tuple[str, int]]:
    """The most frequent search texts, or the ones that most often found nothing."""
    count = SearchStat.misses if misses_only else SearchStat.searches
    rows = session.exec(
        select(SearchStat.text, count)
        .where(count > 0)
        .order_by(col(count).desc(), col(SearchStat.text))
        .limit(limit)
    ).all()
    return [(text, number) for text, number in rows]


def searches_by_day(session: Session, *, since: date) -> list[tuple[date, int, int]]:
    rows = session.exec(
        select(SearchDay).where(col(SearchDay.day) >= since).order_by(col(SearchDay.day))
    ).all()
    return [(row.day, row.searches, row.misses) for row in rows]
