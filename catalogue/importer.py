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
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from catalogue import currency, schedule
from catalogue.models import Course, CourseSession, Mode

REQUIRED = ("id", "title", "provider")
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
SCHEDULE = ("start_date", "end_date", "weekdays", "start_time", "end_time")
MAX_SCHEDULE_DAYS = 3 * 366
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")
PROGRESS_EVERY = 2000
LIMITS = {"title": 200, "provider": 200, "description": 5000}
DEFAULT_LIMIT = 500


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


class RowError(ValueError):
    """A field that cannot be read; `column` says which."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


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
        problem = Problem(line, "", "this is not UTF-8 text; save the file as 'CSV UTF-8'")
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
        except RowError as exc:
            row_errors.append(Problem(line, exc.column, exc.reason, where))
            continue
        if course.id in first_seen:
            reason = f"duplicate id {course.id!r}, first used on {first_seen[course.id]}"
            row_errors.append(Problem(line, "id", reason, where))
            continue
        first_seen[course.id] = where or f"line {line}"
        courses.append(course)
        if today is not None and currency.is_past(course, today, tz):
            dated.append(Problem(line, "", currency.past_reason(course, tz), where))
        elif not course.sessions and any(record.get(k) for k in (*SCHEDULE, "sessions")):
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


def course_from_record(record: Mapping[str, Any], *, tz: ZoneInfo) -> Course:
    """Validate one record (CSV row or JSON object) into a Course, or raise RowError."""

    def text(name: str) -> str:
        value = record.get(name)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise RowError(name, "expected text")
        cleaned = _CONTROL.sub("", str(value)).strip()
        limit = LIMITS.get(name, DEFAULT_LIMIT)
        if len(cleaned) > limit:
            raise RowError(name, f"too long ({len(cleaned)} characters, at most {limit})")
        return cleaned

    def optional(name: str, convert: Callable[[str], Any]) -> Any:
        raw = text(name)
        if not raw:
            return None
        try:
            return convert(raw)
        except (ValueError, InvalidOperation) as exc:
            raise RowError(name, f"{exc}: {raw[:40]!r}") from None

    for name in REQUIRED:
        if not text(name):
            raise RowError(name, "required, but empty")
    course_id = text("id")
    if not ID_PATTERN.fullmatch(course_id):
        raise RowError("id", "use 1 to 40 letters, digits, '-' or '_' (it goes into links)")

    lat = optional("lat", lambda v: _number_in(v, -90, 90))
    lon = optional("lon", lambda v: _number_in(v, -180, 180))
    if (lat is None) != (lon is None):
        raise RowError("lon" if lon is None else "lat", "give both lat and lon, or neither")

    mode = optional("mode", _mode) or Mode.IN_PERSON
    sessions = _sessions(record, text, optional, tz)
    return Course(
        id=course_id,
        title=text("title"),
        provider=text("provider"),
        description=_description(record),
        category=text("category"),
        tags=_list(record, "tags"),
        level=text("level"),
        audience=text("audience"),
        cost_pence=optional("cost", _pence),
        mode=mode,
        venue=text("venue"),
        address=text("address"),
        postcode=optional("postcode", _postcode) or "",
        area=text("area"),
        lat=lat,
        lon=lon,
        booking_url=optional("booking_url", _url) or "",
        contact=text("contact"),
        accessibility=text("accessibility"),
        language=text("language") or "English",
        starts_on=_given_date(record, "starts_on"),
        ends_on=_given_date(record, "ends_on"),
        sessions=sessions,
    )


def _given_date(record: Mapping[str, Any], name: str) -> date | None:
    """Run dates a format mapper passes on (not part of the CSV contract)."""
    value = record.get(name)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RowError(name, f"expected a date like 2027-01-12: {value!r}") from None


# Control characters other than tab and newline never belong in course text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _description(record: Mapping[str, Any]) -> str:
    value = record.get("description")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RowError("description", "expected text")
    cleaned = _CONTROL.sub("", value.replace("\r\n", "\n")).strip()
    if len(cleaned) > LIMITS["description"]:
        limit = LIMITS["description"]
        raise RowError("description", f"too long ({len(cleaned)} characters, at most {limit})")
    return cleaned


def _list(record: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = record.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RowError(name, "expected text separated by ';' or a list of text")
    return tuple(v.strip() for v in value if v.strip())


def _sessions(
    record: Mapping[str, Any],
    text: Callable[[str], str],
    optional: Callable[[str, Callable[[str], Any]], Any],
    tz: ZoneInfo,
) -> tuple[CourseSession, ...]:
    sessions: list[CourseSession] = []
    weekdays = _list(record, "weekdays")
    given = [name for name in SCHEDULE if (weekdays if name == "weekdays" else text(name))]
    if given:
        missing = [name for name in SCHEDULE if name not in given]
        if missing:
            raise RowError(missing[0], "a weekly schedule needs " + ", ".join(SCHEDULE))
        start_date = optional("start_date", _date)
        end_date = optional("end_date", _date)
        start_time = optional("start_time", _time)
        end_time = optional("end_time", _time)
        if end_date < start_date:
            raise RowError("end_date", "is before start_date")
        if (end_date - start_date).days > MAX_SCHEDULE_DAYS:
            raise RowError("end_date", "a weekly schedule may run for at most three years")
        if end_time <= start_time:
            raise RowError("end_time", "must be after start_time")
        sessions += schedule.weekly(
            start_date=start_date,
            end_date=end_date,
            weekdays=[_weekday(day) for day in weekdays],
            start_time=start_time,
            end_time=end_time,
            tz=tz,
        )
    sessions += _explicit_sessions(record.get("sessions"), tz)
    return schedule.merge(sessions)


def _explicit_sessions(value: Any, tz: ZoneInfo) -> list[CourseSession]:
    if value is None or value == "":
        return []
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise RowError("sessions", "expected START/END pairs separated by ';' or a list")
    sessions = []
    for item in items:
        if isinstance(item, dict):
            start, end = item.get("start"), item.get("end")
        elif isinstance(item, str) and item.strip():
            start, _, end = item.strip().partition("/")
        else:
            continue
        try:
            begins = _local_datetime(str(start), tz)
            ends = _local_datetime(str(end), tz)
        except ValueError:
            raise RowError("sessions", f"expected START/END local times, got {item!r}") from None
        if ends <= begins:
            raise RowError("sessions", f"session ends before it starts: {item!r}")
        sessions.append(schedule.session(begins, ends))
    return sessions


def _local_datetime(value: str, tz: ZoneInfo) -> datetime:
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return schedule.to_utc(moment)


def _weekday(value: str) -> int:
    key = value.strip().lower()[:3]
    if key not in schedule.WEEKDAYS:
        raise RowError("weekdays", f"unknown day {value!r}; use Mon Tue Wed Thu Fri Sat Sun")
    return schedule.WEEKDAYS.index(key)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date like 2027-01-12") from None


def _time(value: str) -> time:
    if not re.fullmatch(r"\d{1,2}:\d{2}", value):
        raise ValueError("expected a time like 18:30")
    hours, minutes = (int(part) for part in value.split(":"))
    if hours > 23 or minutes > 59:
        raise ValueError("expected a time like 18:30")
    return time(hours, minutes)


def _pence(value: str) -> int:
    cleaned = value.lower().removeprefix("£").replace(",", "").strip()
    if cleaned == "free":
        return 0
    try:
        pounds = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("expected a price in pounds like 12.50, or 0 for free") from None
    if not pounds.is_finite() or pounds < 0 or pounds > 100_000:
        raise ValueError("expected a price from 0 to 100000 pounds")
    pence = pounds * 100
    if pence != pence.to_integral_value():
        raise ValueError("a price has at most two decimal places")
    return int(pence)


def _mode(value: str) -> Mode:
    key = re.sub(r"[\s-]+", "_", value.lower())
    try:
        return Mode(key)
    except ValueError:
        raise ValueError("expected in_person, online or blended") from None


def _number_in(value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("expected a number") from None
    if not low <= number <= high:
        raise ValueError(f"expected a number from {low:g} to {high:g}")
    return number


def _postcode(value: str) -> str:
    match = POSTCODE.fullmatch(re.sub(r"\s+", " ", value.upper()))
    if not match:
        raise ValueError("not a UK postcode")
    return f"{match[1]} {match[2]}"


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected a web address starting with https://")
    return value
