"""One record (a CSV row, a JSON object, or what a format mapper made of its own record) read
into a Course by the canonical rules of docs/catalogue-format.md, or a RowError naming the
field that cannot be read."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from catalogue import schedule
from catalogue.models import Course, CourseSession, Mode

REQUIRED = ("id", "title", "provider")
SCHEDULE = ("start_date", "end_date", "weekdays", "start_time", "end_time")
RUN_DATES = ("start_date", "end_date")
MAX_SCHEDULE_DAYS = 3 * 366
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")
LIMITS = {"title": 200, "provider": 200, "description": 5000}
DEFAULT_LIMIT = 500


class RowError(ValueError):
    """A field that cannot be read; `column` says which."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


class RowErrors(ValueError):
    """Every field of one record that cannot be read, in the order they were read."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.reason for e in errors))
        self.errors = errors


T = TypeVar("T")


def course_from_record(record: Mapping[str, Any], *, tz: ZoneInfo) -> Course:
    """Validate one record (CSV row or JSON object) into a Course, or raise RowErrors naming
    every field that cannot be read."""

    def text(name: str) -> str:
        value = record.get(name)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise RowError(name, "expected text")
        cleaned = str(value)
        if not cleaned.isprintable():  # most fields are; the search for controls is slower
            cleaned = _CONTROL.sub("", cleaned)
        cleaned = cleaned.strip()
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

    # Every field is read, and every bad one reported, so the admin fixes a row in one go.
    problems: dict[str, RowError] = {}

    def keep(read: Callable[[], T], default: T) -> T:
        try:
            return read()
        except RowError as exc:
            problems.setdefault(exc.column, exc)  # one problem a column
            return default
        except RowErrors as exc:
            for error in exc.errors:
                problems.setdefault(error.column, error)
            return default

    def plain(name: str) -> str:
        return keep(lambda: text(name), "")

    def field(name: str, convert: Callable[[str], Any]) -> Any:
        return keep(lambda: optional(name, convert), None)

    for name in REQUIRED:
        if not plain(name) and name not in problems:
            problems[name] = RowError(name, "required, but empty")
    course_id = plain("id")
    if course_id and not ID_PATTERN.fullmatch(course_id):
        problems["id"] = RowError(
            "id", "use 1 to 40 letters, digits, '-' or '_' (it goes into links)"
        )

    lat = field("lat", lambda v: _number_in(v, -90, 90))
    lon = field("lon", lambda v: _number_in(v, -180, 180))
    if (lat is None) != (lon is None) and not {"lat", "lon"} & set(problems):
        missing = "lon" if lon is None else "lat"
        problems[missing] = RowError(missing, "give both lat and lon, or neither")

    # Dates with no weekdays or times (a self-paced course open from January to July) are
    # the dates it runs between, as the feeds without a timetable give them, not a broken
    # weekly schedule: refusing the file for them would lose every other course in it.
    dated = dates_only(record)

    def given(name: str) -> date | None:
        return keep(lambda: _given_date(record, name), None)

    course = Course(
        id=course_id,
        title=plain("title"),
        provider=plain("provider"),
        description=keep(lambda: _description(record), ""),
        category=plain("category"),
        tags=keep(lambda: _list(record, "tags"), ()),
        level=plain("level"),
        audience=plain("audience"),
        cost_pence=field("cost", _pence),
        mode=field("mode", _mode) or Mode.IN_PERSON,
        venue=plain("venue"),
        address=plain("address"),
        postcode=field("postcode", _postcode) or "",
        area=plain("area"),
        lat=lat,
        lon=lon,
        booking_url=field("booking_url", _url) or "",
        contact=plain("contact"),
        accessibility=plain("accessibility"),
        language=plain("language") or "English",
        starts_on=field("start_date", _date) if dated else given("starts_on"),
        ends_on=field("end_date", _date) if dated else given("ends_on"),
        sessions=keep(lambda: _sessions(record, text, optional, tz), ()),
    )
    if dated and course.starts_on and course.ends_on and course.ends_on < course.starts_on:
        problems.setdefault("end_date", RowError("end_date", "is before start_date"))
    if problems:
        raise RowErrors(list(problems.values()))
    return course


def dates_only(record: Mapping[str, Any]) -> bool:
    """Whether a record gives the dates a course runs between and nothing else of a weekly
    schedule."""
    given = {name for name in SCHEDULE if _present(record.get(name))}
    return bool(given) and given <= set(RUN_DATES)


def _present(value: Any) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


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
    sessions: tuple[CourseSession, ...] = ()
    explicit: list[CourseSession] = []
    errors: list[RowError] = []

    def read(name: str, convert: Callable[[str], Any]) -> Any:
        try:
            return optional(name, convert)
        except RowError as exc:
            errors.append(exc)
            return None

    weekdays = _list(record, "weekdays")
    given = [name for name in SCHEDULE if (weekdays if name == "weekdays" else text(name))]
    # Explicit sessions with no weekdays are the timetable; dates and times beside them
    # ("2027-01-20 to 2027-03-17, 09:30-16:00") describe those days, not a weekly schedule
    # missing its weekdays, and refusing the file for them would lose every course in it.
    described = not weekdays and _present(record.get("sessions"))
    if given and not dates_only(record) and not described:
        missing = [name for name in SCHEDULE if name not in given]
        if missing:
            raise RowError(missing[0], "a weekly schedule needs " + ", ".join(SCHEDULE))
        start_date, end_date = read("start_date", _date), read("end_date", _date)
        start_time, end_time = read("start_time", _time), read("end_time", _time)
        days = [d for day in weekdays if (d := _weekday(day, errors)) is not None]
        if start_date and end_date and end_date < start_date:
            errors.append(RowError("end_date", "is before start_date"))
        elif start_date and end_date and (end_date - start_date).days > MAX_SCHEDULE_DAYS:
            errors.append(
                RowError("end_date", "a weekly schedule may run for at most three years")
            )
        if start_time and end_time and end_time <= start_time:
            errors.append(RowError("end_time", "must be after start_time"))
        if not errors:
            sessions = schedule.weekly(
                start_date=start_date,
                end_date=end_date,
                weekdays=days,
                start_time=start_time,
                end_time=end_time,
                tz=tz,
            )
    try:
        explicit = _explicit_sessions(record.get("sessions"), tz)
    except RowError as exc:
        errors.append(exc)
    if errors:
        raise RowErrors(errors)
    return schedule.merge(sessions, explicit)


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


def _weekday(value: str, errors: list[RowError] | None = None) -> int | None:
    """The day's number (0 = Monday); an unknown day is added to `errors`, once."""
    key = value.strip().lower()[:3]
    if key not in schedule.WEEKDAYS:
        reason = f"unknown day {value!r}; use Mon Tue Wed Thu Fri Sat Sun"
        if errors is not None and not any(e.column == "weekdays" for e in errors):
            errors.append(RowError("weekdays", reason))
        return None
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
        raise ValueError(f"expected a number from {low:g} to {high:g} (or leave it empty)")
    return number


def _postcode(value: str) -> str:
    match = POSTCODE.fullmatch(re.sub(r"\s+", " ", value.upper()))
    if not match:
        raise ValueError("not a UK postcode like M15 5RG (or leave it empty)")
    return f"{match[1]} {match[2]}"


def is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _url(value: str) -> str:
    if not is_web_address(value):
        raise ValueError(
            "expected a web address starting with http:// or https:// (or leave it empty)"
        )
    return value
