"""Read a catalogue file (CSV or JSON, see docs/catalogue-format.md) into validated courses.

Nothing here touches the database: `parse` returns the courses and every problem found, and the
caller swaps the catalogue in only when there are no errors. Problems name the line the record
starts on and the column, so an admin can fix the file in a spreadsheet.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from catalogue import currency
from catalogue.fields import REQUIRED, SCHEDULE, RowErrors, course_from_record, dates_only
from catalogue.models import Course

KNOWN = (
    *REQUIRED,
    *[
        "description",
        "category",
        "tags",
        "level",
        "audience",
        "cost",
        "mode",
        "venue",
        "address",
        "postcode",
        "area",
    ],
    *[
        "lat",
        "lon",
        "start_date",
        "end_date",
        "weekdays",
        "start_time",
        "end_time",
        "sessions",
        "booking_url",
    ],
    *["contact", "accessibility", "language"],
)
PROGRESS_EVERY = 2000
# Excel's plain "CSV (Comma delimited)" writes Windows-1252; its "CSV UTF-8" is what we read.
NOT_UTF8_CSV = (
    "this is not UTF-8 text (Excel's plain 'CSV' saves £, é and dashes another way): in Excel "
    "choose Save As > 'CSV UTF-8 (Comma delimited)'"
)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: a line and column for CSV and JSON, or, for formats without
    useful line numbers (XML, iCalendar), the record or element named in `where`."""

    line: int
    column: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        place = self.where or f"line {self.line}"
        if self.column:
            place += f", {'column' if self.line else 'field'} {self.column}"
        return f"{place}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    courses: tuple[Course, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def session_count(self) -> int:
        return sum(len(c.sessions) for c in self.courses)


def parse_file(path: Path, *, tz: ZoneInfo, skip_bad_rows: bool = False) -> ImportResult:
    return parse(path.read_bytes(), name=path.name, tz=tz, skip_bad_rows=skip_bad_rows)


def parse(
    data: bytes,
    *,
    name: str,
    tz: ZoneInfo,
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate a whole file. With skip_bad_rows, bad rows become warnings and the rest load.

    `progress(line, lines)` is called every few thousand records, for a progress bar.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(line, "", NOT_UTF8_CSV)
        return ImportResult((), (problem,), ())
    warnings: list[Problem] = []
    lines = text.count("\n") + 1
    return validate(
        items(name, text, warnings),
        tz=tz,
        skip_bad_rows=skip_bad_rows,
        warnings=warnings,
        progress=progress,
        total=lines,
    )


def items(name: str, text: str, warnings: list[Problem]) -> Iterator[Item]:
    """The records of a canonical CSV or JSON file, one at a time."""
    return _json_items(text) if _looks_like_json(name, text) else _csv_items(text, warnings)


# A record with the line it starts on, or a problem with the file itself. Formats without
# line numbers give 0 and name the record under the key WHERE.
Item = tuple[int, Mapping[str, Any]] | Problem
WHERE = "__where__"


def validate(
    items: Iterable[Item],
    *,
    tz: ZoneInfo,
    skip_bad_rows: bool = False,
    warnings: list[Problem] | None = None,
    progress: Callable[[int, int], None] | None = None,
    total: int = 0,
    today: date | None = None,
    allow_past: bool = False,
) -> ImportResult:
    """Turn records into courses with one set of rules for every format.

    Given `today`, courses that have finished are named in warnings, and an import with no
    current course at all is refused unless `allow_past`.
    """
    errors: list[Problem] = []
    warnings = warnings if warnings is not None else []
    courses: list[Course] = []
    dated: list[Problem] = []  # what residents will not see, named where each course is
    first_seen: dict[str, str] = {}
    row_errors: list[Problem] = []
    for item in items:
        if isinstance(item, Problem):  # the file itself is broken here
            errors.append(item)
            continue
        line, record = item
        where = str(record.get(WHERE, ""))
        if progress is not None and len(courses) % PROGRESS_EVERY == 0:
            progress(line, total)
        try:
            course = course_from_record(record, tz=tz)
        except RowErrors as exc:
            row_errors += [Problem(line, e.column, e.reason, where) for e in exc.errors]
            continue
        if course.id in first_seen:
            reason = f"duplicate id {course.id!r}, first used on {first_seen[course.id]}"
            row_errors.append(Problem(line, "id", reason, where))
            continue
        first_seen[course.id] = where or f"line {line}"
        courses.append(course)
        if today is not None and currency.is_past(course, today, tz):
            dated.append(Problem(line, "", currency.past_reason(course, tz), where))
        elif (
            not course.sessions
            and not dates_only(record)
            and any(record.get(k) for k in (*SCHEDULE, "sessions"))
        ):
            dated.append(Problem(line, "", _no_sessions(course, record), where))
    if progress is not None:
        progress(total, total)

    if skip_bad_rows:
        warnings += row_errors
    else:
        errors += row_errors
    if not errors and not courses:
        errors.append(Problem(1, "", "the file has no courses"))
    # First, so a preview that shows only a few warnings shows these.
    warnings[:0] = dated
    if not errors and today is not None and all(currency.is_past(c, today, tz) for c in courses):
        reason = currency.none_current(courses, tz, allowed=allow_past)
        (warnings if allow_past else errors).insert(0, Problem(0, "", reason, currency.WHOLE))
    if errors:
        return ImportResult((), tuple(errors), tuple(warnings))
    return ImportResult(tuple(courses), (), tuple(warnings))


def _no_sessions(course: Course, record: Mapping[str, Any]) -> str:
    days = record.get("weekdays")
    days = "; ".join(days) if isinstance(days, list) else str(days or "")
    start, end = record.get("start_date"), record.get("end_date")
    why = f" (no {days} from {start} to {end})" if days and start and end else ""
    return (
        f"course {course.id}: its dates give no sessions{why}; residents will see no dates for it"
    )


def _looks_like_json(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix == ".json"
    return text.lstrip()[:1] in ("[", "{")


def _lines(text: str) -> Iterator[str]:
    """The text line by line, without copying it whole (io.StringIO would, four times over)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _csv_items(text: str, warnings: list[Problem]) -> Iterator[Item]:
    """Records one at a time, so a 100,000-row file is never all in memory as dicts."""
    reader = csv.reader(_lines(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield Problem(reader.line_num, "", f"the header row cannot be read: {exc}")
        return
    if not header:
        yield Problem(1, "", "the file is empty")
        return
    columns = [h.strip().lower() for h in header]
    separator = _other_separator(columns)
    if separator:
        yield Problem(
            1,
            "",
            f"this file is separated by {separator}; save it as comma-separated "
            "(in Excel: Save As > 'CSV UTF-8 (Comma delimited)')",
        )
        return
    broken = False
    for name in REQUIRED:
        if name not in columns:
            broken = True
            yield Problem(1, name, "required column is missing")
    for number, name in enumerate(columns, start=1):
        if name in columns[: number - 1]:
            broken = True
            yield Problem(1, name, "column appears twice")
        elif name not in KNOWN:
            shown = name or f"#{number}"
            warnings.append(Problem(1, shown, "unknown column, ignored"))
    if broken:
        return

    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(start, "", f"broken quoting: {exc}")
            break
        if row and any(cell.strip() for cell in row):
            if len(row) != len(columns):
                reason = f"the row has {len(row)} fields but the header has {len(columns)}"
                yield Problem(start, "", reason)
            else:
                yield start, dict(zip(columns, row, strict=True))
        start = reader.line_num + 1


def _other_separator(columns: list[str]) -> str:
    """'semicolons' or 'tabs' when the header is one cell holding the column names so
    separated (Excel in a European locale saves with semicolons)."""
    if len(columns) != 1:
        return ""
    for mark, name in ((";", "semicolons"), ("\t", "tabs")):
        if set(REQUIRED) <= {c.strip() for c in columns[0].split(mark)}:
            return name
    return ""


def _json_items(text: str) -> Iterator[Item]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})")
        return
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    try:
        for offset, value in _json_course_items(text):
            line = bisect_right(line_starts, offset)
            if isinstance(value, dict):
                yield line, {str(k).strip().lower(): v for k, v in value.items()}
            else:
                yield Problem(line, "", "each course must be a JSON object")
    except ValueError as exc:
        yield Problem(1, "", str(exc))


def _json_course_items(text: str) -> Iterator[tuple[int, Any]]:
    """Yield (offset, value) of each course in `[...]` or `{"courses": [...]}`.

    The standard decoder keeps no positions, so walk the top level by hand and let
    `raw_decode` read each item; the text has already been checked to be valid JSON.
    """
    decoder = json.JSONDecoder()
    ws = re.compile(r"\s*")

    def skip(i: int) -> int:
        match = ws.match(text, i)
        return match.end() if match else i

    def items(i: int) -> Iterator[tuple[int, Any]]:
        i = skip(i + 1)  # past "["
        while text[i] != "]":
            value, end = decoder.raw_decode(text, i)
            yield i, value
            i = skip(end)
            if text[i] == ",":
                i = skip(i + 1)

    i = skip(0)
    if text[i] == "[":
        yield from items(i)
        return
    if text[i] != "{":
        raise ValueError('expected a list of courses or {"courses": [...]}')
    i = skip(i + 1)
    while text[i] != "}":
        key, end = decoder.raw_decode(text, i)
        i = skip(skip(end) + 1)  # past ":"
        if key == "courses":
            if text[i] != "[":
                raise ValueError('"courses" must be a list')
            yield from items(i)
            return
        _, end = decoder.raw_decode(text, i)
        i = skip(end)
        if text[i] == ",":
            i = skip(i + 1)
    raise ValueError('expected a list of courses or {"courses": [...]}')
