"""When a course meets, as the index keeps it: which calendar months (one bit each, from the
month the index was built in), whether it is over within a day or done at the learner's own
pace, and when it stops being current."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from catalogue.models import Course, Mode

NO_TIME: Final = float("inf")
SESSION_WEEKS = 8  # how far ahead the index keeps session starts
MONTHS_KEPT = 32  # calendar months from the one the index was built in, one bit each


def month_number(moment: datetime, first: datetime) -> int:
    """How many calendar months after `first`'s month `moment` falls (both local)."""
    return (moment.year - first.year) * 12 + moment.month - first.month


_ONE_DAY_TITLE = re.compile(r"\b(?:one|1)[- ]day\b", re.IGNORECASE)
FULL_DAY: Final = timedelta(hours=5)  # a session this long is a day's course on its own


def one_day_course(course: Course, dates: set[int]) -> bool:
    """Whether a course is over within a day: its sessions all on one date, or each a full
    day apart from the others (the same one-day course run again in March), or so titled."""
    if _ONE_DAY_TITLE.search(course.title):
        return True
    if len(dates) <= 1:
        return len(dates) == 1
    ordered = sorted(dates)
    apart = all(later - earlier > 1 for earlier, later in itertools.pairwise(ordered))
    return apart and all(s.end - s.start >= FULL_DAY for s in course.sessions)


def last_end(course: Course, tz: ZoneInfo) -> float:
    """When a course stops being current, in epoch seconds; infinity for ongoing ones."""
    if course.sessions:
        return max(s.end for s in course.sessions).timestamp()
    if course.ends_on is not None:
        midnight = datetime.combine(course.ends_on + timedelta(days=1), time(), tzinfo=tz)
        return midnight.timestamp()
    return NO_TIME


_OWN_PACE: Final = re.compile(
    r"\b(?:own pace|self[- ]paced|in your own time|whenever (?:suits|you)|any ?time)\b",
    re.IGNORECASE,
)


def self_paced(course: Course) -> bool:
    """Whether a course is done when the learner likes: online and either meeting at no set
    time or saying so ("at your own pace", "self-paced"), live tutorials besides or not."""
    if course.mode is Mode.IN_PERSON:
        return False
    return not course.sessions or bool(_OWN_PACE.search(course.description))
