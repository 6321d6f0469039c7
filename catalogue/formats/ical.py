"""iCalendar (.ics): each VEVENT is a course; RRULE, EXDATE, GEO and LOCATION are honoured.

Times with a TZID keep their wall-clock time across clock changes; floating times are in the
bot's time zone; times ending in Z are UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from catalogue.formats.common import (
    HORIZON,
    coordinates_or_warn,
    cost_from_text,
    sessions_from_rule,
    slug_id,
)
from catalogue.importer import WHERE, Item, Problem

Property = tuple[str, dict[str, str], str]  # name, parameters, value


def items(text: str, *, tz: ZoneInfo, today: date, warnings: list[Problem]) -> Iterator[Item]:
    lines = _unfold(text)
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        yield Problem(1, "", "an iCalendar file starts with BEGIN:VCALENDAR")
        return
    calendar_name = ""
    event: list[Property] | None = None
    number = 0
    seen: set[str] = set()
    for line in lines:
        name, params, value = _property(line)
        if name == "BEGIN" and value.upper() == "VEVENT":
            event = []
        elif name == "END" and value.upper() == "VEVENT" and event is not None:
            number += 1
            record = _event(event, number, calendar_name, tz=tz, today=today, warnings=warnings)
            uid = str(record.get("id", ""))
            if uid in seen:
                where = str(record[WHERE])
                warnings.append(Problem(0, "", "a changed single occurrence; left out", where))
            else:
                seen.add(uid)
                yield 0, record
            event = None
        elif event is not None:
            event.append((name, params, value))
        elif name == "X-WR-CALNAME":
            calendar_name = _text(value)


def _event(
    props: list[Property],
    number: int,
    calendar: str,
    *,
    tz: ZoneInfo,
    today: date,
    warnings: list[Problem],
) -> dict[str, object]:
    first = {name: (params, value) for name, params, value in reversed(props)}
    summary = _text(first.get("SUMMARY", ({}, ""))[1])
    uid = first.get("UID", ({}, ""))[1]
    where = f"event {number}" + (f" ({summary[:40]})" if summary else "")
    record: dict[str, object] = {
        WHERE: where,
        "id": slug_id(uid or f"{summary}-{number}"),
        "title": summary,
        "description": _text(first.get("DESCRIPTION", ({}, ""))[1]),
        "provider": _organizer(first) or calendar,
        "venue": _text(first.get("LOCATION", ({}, ""))[1]).split(",")[0],
        "address": _text(first.get("LOCATION", ({}, ""))[1]),
        "booking_url": first.get("URL", ({}, ""))[1],
        "tags": [
            t.strip() for t in _text(first.get("CATEGORIES", ({}, ""))[1]).split(",") if t.strip()
        ],
    }
    cost = cost_from_text(str(record["description"]))
    if cost is not None:
        record["cost"] = cost
    if "GEO" in first:
        lat, _, lon = first["GEO"][1].partition(";")
        record["lat"], record["lon"] = coordinates_or_warn(lat, lon, where, warnings)
    if "DTSTART" not in first:
        warnings.append(Problem(0, "DTSTART", "the event has no start: listed undated", where))
        return record
    start = _moment(*first["DTSTART"], tz=tz)
    if "DTEND" in first:
        length = _moment(*first["DTEND"], tz=tz) - start
    elif "DURATION" in first:
        length = _duration(first["DURATION"][1])
    else:
        length = timedelta(hours=1)
    exdates = [
        _moment(params, value, tz=tz).astimezone(start.tzinfo)
        for name, params, values in props
        if name == "EXDATE"
        for value in values.split(",")
    ]
    if "RRULE" in first:
        rule_text = first["RRULE"][1].upper()
        if "UNTIL" not in rule_text and "COUNT" not in rule_text:
            until = max(start.date(), today) + HORIZON
            rule_text += f";UNTIL={until:%Y%m%d}T235959Z"
        rule = rrulestr(f"RRULE:{rule_text}", dtstart=start, forceset=True)
        record["sessions"] = sessions_from_rule(rule, length=length, exclude=exdates)
    else:
        record["sessions"] = [{"start": start.isoformat(), "end": (start + length).isoformat()}]
    return record


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _property(line: str) -> Property:
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.upper()] = val.strip('"')
    return name.upper(), parsed, value


def _text(value: str) -> str:
    return (
        (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";"))
        .replace("\\\\", "\\")
        .strip()
    )


def _organizer(first: dict[str, tuple[dict[str, str], str]]) -> str:
    params, _ = first.get("ORGANIZER", ({}, ""))
    return params.get("CN", "")


def _moment(params: dict[str, str], value: str, *, tz: ZoneInfo) -> datetime:
    value = value.strip()
    if params.get("VALUE") == "DATE" or re.fullmatch(r"\d{8}", value):
        day = datetime.strptime(value[:8], "%Y%m%d").date()
        return datetime.combine(day, datetime.min.time(), tzinfo=tz)
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    zone = tz
    if "TZID" in params:
        try:
            zone = ZoneInfo(params["TZID"])
        except (ZoneInfoNotFoundError, ValueError):
            zone = tz
    return datetime.strptime(value[:15], "%Y%m%dT%H%M%S").replace(tzinfo=zone)


def _duration(value: str) -> timedelta:
    match = re.fullmatch(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value)
    if not match:
        return timedelta(hours=1)
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
