"""Whether an import still offers residents anything: courses whose every date has passed are
found by no search ("finished"), so each is named, and a catalogue with no current course at
all is refused unless the admin says it is meant (a file from last year, sent by mistake,
would otherwise empty the bot)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from catalogue.models import Course

# Names a refusal or warning about the import as a whole, not one record in it.
WHOLE = "the catalogue"
OVERRIDE = "--allow-past (in the chat: /reload allow-past)"


def last_day(course: Course, tz: ZoneInfo) -> date | None:
    """The local date a course last meets or runs until; None for an undated (ongoing) one."""
    if course.sessions:
        return max(s.end for s in course.sessions).astimezone(tz).date()
    return course.ends_on


def is_past(course: Course, today: date, tz: ZoneInfo) -> bool:
    """Finished before today began: as search sees it (search/indexing.py's _last_end)."""
    if course.sessions:
        midnight = datetime.combine(today, time(), tzinfo=tz)
        return max(s.end for s in course.sessions) <= midnight
    return course.ends_on is not None and course.ends_on < today


def past_reason(course: Course, tz: ZoneInfo) -> str:
    what = "its last session ended" if course.sessions else "it ended"
    return f"course {course.id}: {what} {last_day(course, tz)}; residents won't see it"


def none_current(courses: Sequence[Course], tz: ZoneInfo, *, allowed: bool) -> str:
    """Why an import whose courses have all finished is refused (or, allowed, loaded)."""
    latest = max((d for c in courses if (d := last_day(c, tz)) is not None), default=None)
    if len(courses) == 1:
        reason = f"its one course has finished (it ended {latest}): residents would find "
    else:
        reason = f"all {len(courses):,} of its courses have finished (the latest ended {latest}): "
        reason += "residents would find "
    if allowed:
        return reason + "nothing in it; loaded anyway, as asked"
    return reason + f"nothing. Check the dates; to load it anyway, use {OVERRIDE}"
