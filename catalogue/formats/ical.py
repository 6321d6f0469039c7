"""iCalendar (.ics): each event (one UID) is a course, its occurrences its sessions.

Read with the ecosystem's libraries rather than by hand: `icalendar` parses the file (VTIMEZONE
definitions, Windows zone names, quoted TZIDs), `x-wr-timezone` repairs Google exports, and
`recurring-ical-events` expands occurrences, honouring RRULE, RDATE (periods too), EXDATE and
moved single occurrences (RECURRENCE-ID). Occurrences are expanded from yesterday to the horizon,
never from DTSTART: a weekly class running since 2016 still has next week's session.

What makes a course unusable refuses the file, naming the event (no title; dates that cannot
be read; no provider, which `--provider` supplies). A bad optional field (a relative URL, an end
that is not after the start, an unknown time zone) is dropped or assumed, with a warning.
"""

from __future__ import annotations

import contextlib
import html
import re
import warnings as python_warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone

from catalogue.formats.common import (
    HORIZON,
    MAX_OCCURRENCES,
    coordinates_or_warn,
    cost_from_text,
    slug_id,
    web_address_or_warn,
)
from catalogue.importer import WHERE, Item, Problem

DEFAULT_LENGTH = timedelta(hours=1)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def items(
    text: str, *, tz: ZoneInfo, today: date, provider: str, warnings: list[Problem]
) -> Iterator[Item]:
    lines = text.splitlines()
    filled = [line.strip() for line in lines if line.strip()]
    if filled and filled[0].upper() == "BEGIN:VCALENDAR" and filled[-1].upper() != "END:VCALENDAR":
        yield Problem(
            len(lines),
            "",
            "the file ends early, before END:VCALENDAR: it is incomplete (cut short when it "
            "was saved, copied or downloaded?); send the whole file",
        )
        return
    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # guessed vendor TZIDs are handled below
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
    # The parser is a third party's, and the file is untrusted: whatever it raises on a
    # damaged file is a refusal, never a crash.
    except Exception as exc:
        yield Problem(1, "", f"this iCalendar file cannot be read: {_reason(exc)}")
        return
    if not calendars:
        yield Problem(1, "", "an iCalendar file starts with BEGIN:VCALENDAR")
        return
    number = 0
    for calendar in calendars:
        try:
            broken = list(_broken(calendar, number, lines))
            if broken:
                yield from broken
                return
            found = list(_calendar(calendar, number, tz=tz, today=today, provider=provider))
        except Exception as exc:  # as above: a damaged calendar is refused
            yield Problem(1, "", f"this iCalendar file cannot be read: {_reason(exc)}")
            return
        for item in found:
            if isinstance(item, Problem) and not item.line:
                warnings.append(item)
            else:
                yield item
        number += sum(1 for _ in calendar.walk("VEVENT"))


# What a property that cannot be read should look like, for the admin who fixes it.
_LIKE = {
    "DTSTART": "a date-time like 20270106T140000 (or a date like 20270106)",
    "DTEND": "a date-time like 20270106T160000 (or a date like 20270106)",
    "RECURRENCE-ID": "a date-time like 20270106T140000",
    "EXDATE": "date-times like 20270106T140000, separated by commas",
    "RDATE": "date-times like 20270106T140000, separated by commas",
    "DURATION": "a length like PT1H30M",
    "RRULE": "a rule like FREQ=WEEKLY;BYDAY=TU;COUNT=10",
}


def _broken(calendar: icalendar.Calendar, first: int, lines: list[str]) -> Iterator[Problem]:
    """Events whose dates icalendar could not read (it keeps them as broken properties and
    raises only when they are used), each named with its line and what was expected."""
    for number, event in enumerate(calendar.walk("VEVENT"), first + 1):
        for name, _ in event.errors:
            if name not in _LIKE:
                continue  # a field the mapping leaves out or reads defensively
            value = _raw(event.get(name))
            summary = _text(event.get("SUMMARY"))
            where = f"event {number}" + (f" ({summary[:40]})" if summary else "")
            line = _line_of(lines, str(event.get("UID", "")), name, value)
            where += f", line {line}" if line else ""
            yield Problem(1, "", f"{name} {value!r} is not {_LIKE[name]}", where)


def _raw(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    with contextlib.suppress(Exception):
        return ",".join(v.to_ical().decode() for v in values)[:60]
    return str(value)[:60]


def _line_of(lines: list[str], uid: str, name: str, value: str) -> int:
    """The line a property is on: the first with its name and value in the event with that
    UID (or in the file, when the event cannot be found)."""
    start = next((n for n, line in enumerate(lines) if uid and line.strip() == f"UID:{uid}"), 0)
    while start > 0 and lines[start].strip().upper() != "BEGIN:VEVENT":
        start -= 1
    for n in range(start, len(lines)):
        head = lines[n].split(":", 1)[0].split(";", 1)[0].upper()
        if head == name and value.split(",")[0] in lines[n]:
            return n + 1
    return 0


def _calendar(
    calendar: icalendar.Calendar, first: int, *, tz: ZoneInfo, today: date, provider: str
) -> Iterator[Item]:
    """Records (line 0) and problems: refusals carry line 1, warnings line 0."""
    for number, event in enumerate(calendar.walk("VEVENT"), first + 1):
        if "UID" not in event:
            event.add("UID", f"event-{number}")
    # Asked before x-wr-timezone reads floating times (an unknown zone's too) in the zone the
    # calendar names, after which nothing shows the start's own zone was unknown.
    unknown = {str(e["UID"]): z for e in calendar.walk("VEVENT") if (z := _unknown_zone(e))}
    read_in = str(calendar.get("X-WR-TIMEZONE") or tz.key)
    calendar = x_wr_timezone.to_standard(calendar)
    name = _text(calendar.get("X-WR-CALNAME"))
    masters: dict[str, Any] = {}
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" not in event:
            masters.setdefault(str(event["UID"]), event)
    begin = datetime.combine(today - timedelta(days=1), time(), tzinfo=tz)
    end = begin + HORIZON
    for number, (uid, event) in enumerate(masters.items(), first + 1):
        summary = _text(event.get("SUMMARY"))
        where = f"event {number}" + (f" ({summary[:40]})" if summary else "")
        record: dict[str, object] = {
            WHERE: where,
            "id": slug_id(uid),
            "title": summary,
            "description": _text(event.get("DESCRIPTION")),
            "provider": name or _organizer(event) or provider,
            "tags": [t for t in _categories(event) if t],
        }
        if not record["provider"]:
            reason = "it names no provider (no X-WR-CALNAME or ORGANIZER): "
            reason += "give one with --provider NAME (in the chat: /reload provider=NAME)"
            yield Problem(1, "", reason, "the calendar")
            return
        dropped: list[Problem] = []
        _place(event, record, where, dropped)
        url = _text(event.get("URL"))
        record["booking_url"] = web_address_or_warn(url, where, dropped, "URL")
        yield from dropped
        cost = cost_from_text(str(record["description"]))
        if cost is not None:
            record["cost"] = cost
        if "DTSTART" not in event:
            yield Problem(0, "DTSTART", "the event has no start: listed undated", where)
            yield 0, record
            continue
        zone = unknown.get(uid) or _unknown_zone(event)
        if zone:
            yield Problem(0, "DTSTART", f"unknown time zone {zone!r}: read as {read_in}", where)
        mended = _mend_backward_end(calendar, uid)
        if mended:
            yield Problem(0, "DTEND", mended, where)
        try:
            sessions = list(_sessions(calendar, uid, begin, end, tz, where))
        except Exception as exc:  # the expansion is a third party's, on untrusted dates
            yield Problem(1, "DTSTART", f"its dates cannot be read: {_reason(exc)}", where)
            continue
        found = [s for s in sessions if isinstance(s, dict)]
        yield from (s for s in sessions if isinstance(s, Problem))
        if not found:
            yield Problem(0, "DTSTART", "no dates from yesterday on; left out", where)
            continue
        if len(found) > MAX_OCCURRENCES:
            yield Problem(
                0, "RRULE", f"the first {MAX_OCCURRENCES} of {len(found)} sessions kept", where
            )
            found = found[:MAX_OCCURRENCES]
        record["sessions"] = found
        yield 0, record


def _sessions(
    calendar: icalendar.Calendar,
    uid: str,
    begin: datetime,
    end: datetime,
    tz: ZoneInfo,
    where: str,
) -> Iterator[dict[str, str] | Problem]:
    """The event's occurrences in the window, moved ones at their new time, in order."""
    single = icalendar.Calendar()
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" or str(component.get("UID", "")) == uid:
            single.add_component(component)
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        occurrences = recurring_ical_events.of(single).between(begin, end)
    told: set[str] = set()
    rows = []
    for occurrence in occurrences:
        start, problem = _moment(occurrence, "DTSTART", tz)
        if problem and problem not in told:
            told.add(problem)
            yield Problem(0, "DTSTART", problem, where)
        finish, _ = _moment(occurrence, "DTEND", tz) if "DTEND" in occurrence else (None, "")
        if finish is None and "DURATION" in occurrence:
            finish = start + occurrence.decoded("DURATION")
        if finish is None or finish <= start:
            if finish is not None and "length" not in told:
                told.add("length")
                yield Problem(0, "DTEND", "it ends when it starts: an hour assumed", where)
            finish = start + (timedelta(days=1) if _all_day(occurrence) else DEFAULT_LENGTH)
        rows.append((start, finish))
    for start, finish in sorted(rows):
        yield {"start": start.isoformat(), "end": finish.isoformat()}


def _mend_backward_end(calendar: icalendar.Calendar, uid: str) -> str:
    """An end before the start becomes the README's hour from the start (a day for all-day
    events), and says so. Done before expansion: recurring-ical-events would quietly swap the
    two, turning a 14:00 class that "ends" at 12:00 into one from 12:00 to 14:00."""
    told = ""
    for component in calendar.walk("VEVENT"):
        if str(component.get("UID", "")) != uid or "DTEND" not in component:
            continue
        try:
            start, end = component.decoded("DTSTART"), component.decoded("DTEND")
            backward = bool(end < start)
        except Exception:  # a broken or mixed date and time: the expansion reports it
            continue
        if not backward:
            continue
        all_day = not isinstance(start, datetime)
        del component["DTEND"]
        component.add("DURATION", timedelta(days=1) if all_day else DEFAULT_LENGTH)
        if not told:
            shown = "%Y-%m-%d" if all_day else "%Y-%m-%d %H:%M"
            told = (
                f"it ends ({end:{shown}}) before it starts ({start:{shown}}): "
                + ("a day" if all_day else "an hour")
                + " from the start assumed"
            )
    return told


def _moment(component: Any, name: str, tz: ZoneInfo) -> tuple[datetime, str]:
    """A start or end as an aware datetime, and a warning when its zone is unknown."""
    value = component.decoded(name)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value, ""
        zone = component[name].params.get("TZID")
        problem = f"unknown time zone {zone!r}: read as {tz.key}" if zone else ""
        return value.replace(tzinfo=tz), problem
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz), ""
    raise ValueError(f"{name} is not a date or time")


def _unknown_zone(event: Any) -> str:
    """The TZID of a start neither the zone database nor the file's VTIMEZONEs define."""
    start = event.get("DTSTART")
    zone = str(start.params.get("TZID", "")) if start is not None else ""
    if zone and isinstance(start.dt, datetime) and start.dt.tzinfo is None:
        return zone
    return ""


def _all_day(component: Any) -> bool:
    return not isinstance(component.decoded("DTSTART"), datetime)


def _place(event: Any, record: dict[str, object], where: str, warnings: list[Problem]) -> None:
    location = _text(event.get("LOCATION"))
    lines = [part.strip() for part in re.split(r"[\n,]", location) if part.strip()]
    record["venue"] = lines[0] if lines else ""
    record["address"] = ", ".join(lines)
    geo = event.get("GEO")
    if geo is not None:
        with contextlib.suppress(AttributeError):
            record["lat"], record["lon"] = coordinates_or_warn(
                geo.latitude, geo.longitude, where, warnings, "GEO"
            )


def _categories(event: Any) -> list[str]:
    found = event.get("CATEGORIES")
    values = found if isinstance(found, list) else [found] if found is not None else []
    return [_text(str(c)) for value in values for c in getattr(value, "cats", [value])]


def _organizer(event: Any) -> str:
    organizer = event.get("ORGANIZER")
    return _text(organizer.params.get("CN", "")) if organizer is not None else ""


def _text(value: object) -> str:
    """Text as published, made plain: HTML tags and entities ("&hellip;") out, line breaks
    kept, runs of spaces closed."""
    if value is None:
        return ""
    text = html.unescape(_TAG.sub(" ", str(value)))
    lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
