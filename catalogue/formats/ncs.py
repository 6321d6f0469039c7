"""The National Careers Service course-directory bulk CSV, with its venues file alongside
(`learnbot import courses.csv venues.csv`). The directory holds start dates, not timetables:
courses get their start date, and attendance patterns become words residents search by."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from datetime import date

from catalogue.formats.common import (
    cost_from_text,
    cost_of_field,
    parse_day,
    postcode_or_warn,
    slug_id,
    text_of,
    web_address_or_warn,
)
from catalogue.importer import WHERE, Item, Problem

COURSE_COLUMNS = {"COURSE_NAME", "YOUR_REFERENCE"}
# The earlier bulk-upload template's columns, under today's names.
EARLIER = {
    "ID": "YOUR_REFERENCE",
    "VENUE": "VENUE_NAME",
    "URL": "COURSE_WEBPAGE",
    "WHO_IS_THIS_COURSE_FOR": "WHO_THIS_COURSE_IS_FOR",
}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M", re.I)
VENUE_COLUMNS = {"YOUR_VENUE_REFERENCE", "VENUE_NAME", "POSTCODE"}
MODES = {
    "classroom based": "in_person",
    "classroom": "in_person",
    "work based": "in_person",
    "online": "online",
    "blended learning": "blended",
    "blended": "blended",
}
PATTERNS = {"daytime": "daytime", "evening": "evening", "weekend": "weekend"}


def header(text: str) -> set[str]:
    """The file's columns under today's names (the earlier template's ID is YOUR_REFERENCE)."""
    return {EARLIER.get(name.strip().upper(), name.strip().upper()) for name in _first(text)}


def _first(text: str) -> list[str]:
    """The header row's cells; none when it cannot be read as CSV."""
    try:
        return next(csv.reader(io.StringIO(text.splitlines()[0] if text else "")), [])
    except csv.Error:
        return []


def is_courses(text: str) -> bool:
    return header(text) >= COURSE_COLUMNS


def is_venues(text: str) -> bool:
    columns = header(text)
    return columns >= VENUE_COLUMNS and "COURSE_NAME" not in columns


def venues(text: str, warnings: list[Problem]) -> dict[str, dict[str, str]]:
    found = {}
    try:
        rows = list(_rows(text))
    except BrokenCsv as exc:
        warnings.append(Problem(exc.line, "", f"the venues file cannot be read here: {exc}"))
        rows = []
    for line, row in rows:
        ref = row.get("YOUR_VENUE_REFERENCE", "")
        where = f"venues file line {line}"
        found[ref] = {
            "venue": row.get("VENUE_NAME", ""),
            "address": ", ".join(
                p
                for p in (
                    row.get("ADDRESS_LINE_1"),
                    row.get("ADDRESS_LINE_2"),
                    row.get("TOWN_OR_CITY"),
                )
                if p
            ),
            "postcode": postcode_or_warn(row.get("POSTCODE"), where, warnings),
            "contact": row.get("PHONE") or row.get("EMAIL") or "",
        }
    return found


def items(
    text: str,
    *,
    places: Mapping[str, Mapping[str, str]],
    provider: str,
    today: date,
    warnings: list[Problem],
) -> Iterator[Item]:
    named = _names(text)
    try:
        rows = list(_rows(text))
    except BrokenCsv as exc:
        yield Problem(exc.line, "", f"the file cannot be read as CSV here: {exc}")
        return
    for line, row in rows:
        record: dict[str, object] = {
            WHERE: f"line {line}",
            "id": slug_id(row.get("YOUR_REFERENCE", "")),
            "title": row.get("COURSE_NAME", ""),
            "provider": row.get("PROVIDER_NAME") or provider,
            "description": text_of(
                row.get("WHAT_YOU_WILL_LEARN"),
                row.get("HOW_YOU_WILL_LEARN"),
                "Entry requirements: " + row["ENTRY_REQUIREMENTS"]
                if row.get("ENTRY_REQUIREMENTS")
                else "",
                _duration(row),
                "Cost: " + row["COST_DESCRIPTION"] if row.get("COST_DESCRIPTION") else "",
            ),
            "audience": row.get("WHO_THIS_COURSE_IS_FOR", "")[:500],
            "level": _level(row.get("EDUCATION_LEVEL", "")),
            "category": row.get("SECTOR", ""),
            "booking_url": _web_address(
                row.get("COURSE_WEBPAGE", ""), line, named.get("COURSE_WEBPAGE", ""), warnings
            ),
            "tags": [
                t
                for t in (
                    PATTERNS.get(row.get("ATTENDANCE_PATTERN", "").lower(), ""),
                    row.get("STUDY_MODE", "").lower(),
                )
                if t
            ],
        }
        mode = MODES.get(row.get("DELIVERY_MODE", "").lower())
        if mode:
            record["mode"] = mode
        cost = cost_of_field(row.get("COST")) or cost_from_text(row.get("COST_DESCRIPTION"))
        if cost:
            record["cost"] = cost
        if row.get("FLEXIBLE_START_DATE", "").lower() not in ("true", "yes", "1"):
            start = row.get("START_DATE", "")
            record["starts_on"] = _day(start)
            if start and record["starts_on"] is None:
                column = named.get("START_DATE", "START_DATE")
                yield Problem(line, column, f"{start!r} is not a date like 27/04/2027")
                continue
        if row.get("VENUE_NAME") and not row.get("YOUR_VENUE_REFERENCE"):
            # The earlier template names the venue itself rather than a reference to it.
            name = row["VENUE_NAME"]
            found = next((v for v in places.values() if v.get("venue") == name), None)
            record.update(found or {"venue": name})
        ref = row.get("YOUR_VENUE_REFERENCE", "")
        if ref:
            if ref in places:
                record.update(places[ref])
            elif places:
                yield Problem(
                    line, named["YOUR_VENUE_REFERENCE"], f"no venue {ref!r} in the venues file"
                )
                continue
            else:
                warnings.append(
                    Problem(
                        line, named["YOUR_VENUE_REFERENCE"], "no venues file given: venue left out"
                    )
                )
        if not record["provider"]:
            yield Problem(
                line, "PROVIDER_NAME", "the file names no provider: give --provider NAME"
            )
            continue
        yield line, record


def _names(text: str) -> dict[str, str]:
    """Today's column names -> the names the file itself uses, for its problems."""
    named = {EARLIER.get(n.strip().upper(), n.strip().upper()): n.strip() for n in _first(text)}
    return {**{k: k for k in (*COURSE_COLUMNS, *VENUE_COLUMNS, "PROVIDER_NAME")}, **named}


def _day(value: str) -> date | None:
    """A start date; the earlier template writes them the American way: 4/27/2020 12:00:00 AM."""
    us = _US_DATE.fullmatch(value.strip())
    if us:
        try:
            return date(int(us[3]), int(us[1]), int(us[2]))
        except ValueError:
            return None
    return parse_day(value)


def _web_address(value: str, line: int, column: str, warnings: list[Problem]) -> str:
    """A course page, with https:// added where the file leaves the scheme out."""
    value = value.strip()
    if value and "://" not in value and " " not in value and "." in value.split("/")[0]:
        value = "https://" + value
    return web_address_or_warn(value, f"line {line}", warnings, column or "COURSE_WEBPAGE")


class BrokenCsv(Exception):
    """The file stops being CSV at a line (a NUL byte, a stray quote)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        columns = [EARLIER.get(n.strip().upper(), n.strip().upper()) for n in next(reader, [])]
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, {c: v.strip() for c, v in zip(columns, row, strict=False)}
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BrokenCsv(start, str(exc)) from None


def _level(value: str) -> str:
    value = value.strip()
    if value.isdigit():
        return f"Level {value}"
    return value.replace("E", "Entry ") if value in ("E1", "E2", "E3") else value


def _duration(row: Mapping[str, str]) -> str:
    amount, unit = row.get("DURATION", ""), row.get("DURATION_UNIT", "").lower()
    return f"Duration: {amount} {unit}".strip() if amount else ""
