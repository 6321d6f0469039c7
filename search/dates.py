"""Stretches of the calendar a resident may ask about ("tonight", "this weekend", "next
week"), as a window of time from the moment they ask, in the city's time zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

EVENING: Final = time(17, 0)
WINDOWS: Final = ("today", "tonight", "tomorrow", "this_weekend", "this_week", "next_week")


def window(when: str, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the stretch `when` names, as seen at `now` (aware) in `tz`. A stretch
    already under way starts now: "today" at 3 pm is the rest of today."""
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date(), time(0), tzinfo=tz)

    def day(offset: int) -> datetime:
        # Calendar days, not 24-hour steps: a day may have 23 or 25 hours.
        return datetime.combine(local.date() + timedelta(days=offset), time(0), tzinfo=tz)

    monday = -local.weekday()  # offset of this week's Monday
    start, end = {
        "today": (midnight, day(1)),
        "tonight": (datetime.combine(local.date(), EVENING, tzinfo=tz), day(1)),
        "tomorrow": (day(1), day(2)),
        "this_weekend": (day(monday + 5), day(monday + 7)),
        "this_week": (midnight, day(monday + 7)),
        "next_week": (day(monday + 7), day(monday + 14)),
    }[when]
    return max(start, local), end
