"""Turn a course's weekly rule and explicit sessions into concrete sessions.

Wall-clock times are local to the bot's time zone: an 18:00 class is at 18:00 in March and in
November, so the UTC instant moves with the clock change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from catalogue.models import CourseSession

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# Catalogues repeat the same term dates and class times across thousands of courses: the
# same session is one shared, immutable object, which keeps a 100,000-course city in memory.
_MEMO = 500_000


@lru_cache(maxsize=_MEMO)
def local_to_utc(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The UTC instant at which local clocks in `tz` show `clock` on `day`."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


@lru_cache(maxsize=_MEMO)
def session(start: datetime, end: datetime) -> CourseSession:
    """The CourseSession from start to end (UTC), shared with every course that meets then."""
    return CourseSession(start, end)


def weekly(
    *,
    start_date: date,
    end_date: date,
    weekdays: Iterable[int],
    start_time: time,
    end_time: time,
    tz: ZoneInfo,
) -> tuple[CourseSession, ...]:
    """One session per listed weekday (0 = Monday) from start_date to end_date inclusive, in
    time order."""
    return _weekly(start_date, end_date, frozenset(weekdays), start_time, end_time, tz)


# Thousands of courses share a term's dates, days and times: one schedule is worked out once.
@lru_cache(maxsize=4_096)
def _weekly(
    start_date: date,
    end_date: date,
    weekdays: frozenset[int],
    start_time: time,
    end_time: time,
    tz: ZoneInfo,
) -> tuple[CourseSession, ...]:
    sessions = []
    day = start_date
    while day <= end_date:
        if day.weekday() in weekdays:
            sessions.append(
                session(local_to_utc(day, start_time, tz), local_to_utc(day, end_time, tz))
            )
        day += timedelta(days=1)
    return tuple(sessions)


def merge(
    scheduled: tuple[CourseSession, ...], explicit: Iterable[CourseSession]
) -> tuple[CourseSession, ...]:
    """A weekly rule's sessions and explicit ones in time order, exact duplicates removed."""
    explicit = tuple(explicit)
    if not explicit:
        return scheduled  # already in order, one a day
    sessions = (*scheduled, *explicit)
    return tuple(sorted(set(sessions), key=lambda s: (s.start, s.end)))


def to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
