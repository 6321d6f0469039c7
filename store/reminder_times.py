"""When a reminder is due: the lead time before a session, kept in wall-clock terms for whole
days (a reminder "1 day before" an 18:00 class comes at 18:00 the day before, even across a
clock change), and moved out of the night to 21:00 the evening before."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from catalogue.models import Course, CourseSession

_DURATION = re.compile(r"(\d+)\s*([dhm])")
_UNITS = {"d": 24 * 60, "h": 60, "m": 1}
EVENING = time(21, 0)


def parse_leads(text: str) -> tuple[int, ...]:
    """'1d,1h' -> (1440, 60): lead times in minutes, longest first. Raises ValueError."""
    leads = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        pieces = _DURATION.findall(part)
        if not pieces or _DURATION.sub("", part).strip():
            raise ValueError(f"{part!r} is not a duration like 90m, 2h or 1d")
        leads.append(sum(int(n) * _UNITS[unit] for n, unit in pieces))
    if not leads or min(leads) <= 0:
        raise ValueError("give at least one lead time, like 1d,1h")
    return tuple(sorted(set(leads), reverse=True))


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: time  # e.g. 22:00
    end: time  # e.g. 07:00

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """'22:00-07:00' -> QuietHours; '' -> None (no quiet hours). Raises ValueError."""
        if not text.strip():
            return None
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
        if not match:
            raise ValueError("quiet hours look like 22:00-07:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        return cls(time(h1, m1), time(h2, m2))

    def contains(self, clock: time) -> bool:
        if self.start <= self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end


def due_time(
    start: datetime, lead_minutes: int, *, tz: ZoneInfo, quiet: QuietHours | None
) -> datetime:
    """When to remind about a session starting at `start` (UTC), in UTC."""
    days, minutes = divmod(lead_minutes, 24 * 60)
    local = start.astimezone(tz)
    # Whole days are counted on the wall clock, the rest in elapsed time.
    wall = datetime.combine(local.date() - timedelta(days=days), local.time(), tzinfo=tz)
    due = wall.astimezone(UTC) - timedelta(minutes=minutes)
    if quiet is not None:
        due_local = due.astimezone(tz)
        if quiet.contains(due_local.time()):
            # In the small hours it is "the evening before"; late at night, that evening.
            day = due_local.date()
            if due_local.time() < quiet.end or quiet.start <= quiet.end:
                day -= timedelta(days=1)
            due = datetime.combine(day, EVENING, tzinfo=tz).astimezone(UTC)
    return due


def next_reminder(
    course: Course,
    lead_minutes: int,
    *,
    after: datetime,
    now: datetime,
    tz: ZoneInfo,
    quiet: QuietHours | None,
    skip: Collection[datetime] = (),
) -> tuple[CourseSession, datetime] | None:
    """The first session starting after `after` that has not started by `now` (nor been
    cancelled: `skip`), and when to remind about it (never earlier than now: a late follower
    still hears before the start)."""
    for session in course.sessions:
        if session.start > after and session.start > now and session.start not in skip:
            return session, max(due_time(session.start, lead_minutes, tz=tz, quiet=quiet), now)
    return None


def describe_lead(minutes: int) -> str:
    """1440 -> '1 day', 90 -> '1 hour 30 minutes'."""
    parts = []
    for unit, size in (("day", 1440), ("hour", 60), ("minute", 1)):
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count} {unit}" + ("" if count == 1 else "s"))
    return " ".join(parts) or "0 minutes"
