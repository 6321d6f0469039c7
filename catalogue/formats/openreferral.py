"""Open Referral UK JSON: v3 paged lists (`contents[]`), lists of services, `{"services":
[...]}`, single services with `schedules`, organizations with their services, services at a
location, and v1 `regular_schedules`. Keys and codes are read case-insensitively ("week", "th"), as
published feeds vary."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, weekday

from catalogue.formats.common import (
    at,
    coordinates_or_warn,
    cost_from_text,
    parse_clock,
    parse_day,
    postcode_or_warn,
    sessions_from_rule,
    slug_id,
    text_of,
    web_address_or_warn,
    window,
)
from catalogue.importer import WHERE, Item, Problem

_FREQ = {"week": WEEKLY, "month": MONTHLY, "day": DAILY, "year": YEARLY}
_DAYS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
_DAY_NAMES = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


_SERVICE_KEYS = frozenset(
    ("schedules", "regular_schedules", "service_at_locations", "organization", "cost_options")
)


def looks_like(data: Any) -> bool:
    """Every shape the standard's API publishes: a paged list (`contents`), a list of
    services, `{"services": [...]}`, one service, an organization with its services
    (`/organizations/{id}`), and a service at a location (`/service_at_locations/{id}`)."""
    data = _lower(data)
    if isinstance(data, dict):
        if "contents" in data or _is_service_at_location(data):
            return True
        if isinstance(data.get("services"), list):
            return all(isinstance(s, dict) for s in data["services"])
        return bool(_SERVICE_KEYS & set(data))
    if isinstance(data, list) and data and isinstance(data[0], dict):
        return bool(_SERVICE_KEYS & set(data[0])) or _is_service_at_location(data[0])
    return False


def page(data: Any) -> tuple[int, int, int] | None:
    """(page number, total pages, total services) of one page of a paged response, or None
    when the response is not paged or is all on one page."""
    data = data if isinstance(data, dict) else {}
    lowered = {str(k).lower(): v for k, v in data.items()}
    if "contents" not in lowered:
        return None
    try:
        pages = int(lowered.get("total_pages") or 1)
        number = int(lowered.get("page_number") or 1)
        total = int(lowered.get("total_items") or 0)
    except (TypeError, ValueError):
        return None
    if lowered.get("last_page") is False:  # more to come, whatever total_pages says
        pages = max(pages, number + 1)
    return None if pages <= 1 else (number, pages, total)


def missing_pages(found: list[tuple[str, tuple[int, int, int]]]) -> Problem | None:
    """A warning when the pages of a paged response given together are not all of them:
    page 1 alone would otherwise replace the whole directory with a tenth of it."""
    if not found:
        return None
    pages, total = max(p for _, (_, p, _) in found), max(t for _, (_, _, t) in found)
    have = {number for _, (number, _, _) in found}
    missing = sorted(set(range(1, pages + 1)) - have)
    if not missing:
        return None
    names = ", ".join(sorted({name for name, _ in found}))
    shown = ", ".join(str(n) for n in missing[:10]) + (", ..." if len(missing) > 10 else "")
    services = f" of its {total:,} services" if total else ""
    reason = (
        f"page{'s' if len(have) > 1 else ''} {', '.join(str(n) for n in sorted(have))} "
        f"of a directory of {pages} pages: "
        f"{len(missing)} missing ({shown}), so only part{services} is loaded; fetch every "
        "page (or one large page) and import them together"
    )
    return Problem(0, "", reason, names)


def items(
    data: Any, *, tz: ZoneInfo, today: date, provider: str, warnings: list[Problem]
) -> Iterator[Item]:
    for number, service in enumerate(_services(_lower(data)), start=1):
        if not isinstance(service, dict):
            yield Problem(0, "", "each service must be a JSON object", f"service {number}")
            continue
        record = _service(service, number, tz=tz, today=today, warnings=warnings)
        if not record["provider"] and provider:
            record["provider"] = provider  # --provider fills a gap, never overrides
        yield 0, record


def _services(data: Any) -> list[Any]:
    """The services in any published shape, each carrying what its wrapper says of it."""
    if isinstance(data, list):
        return [s for item in data for s in _services(item)] if data else []
    if not isinstance(data, dict):
        return [data]
    if "contents" in data:
        return _services(data["contents"])
    if _is_service_at_location(data):
        service = dict(data["service"])
        service.setdefault("service_at_locations", [{"location": data["location"]}])
        return [service]
    if isinstance(data.get("services"), list):
        # An organization with its services: the organization provides them.
        owner = {k: v for k, v in data.items() if k != "services"}
        services = []
        for service in data["services"]:
            if isinstance(service, dict) and "name" in owner and "organization" not in service:
                service = {**service, "organization": {"name": owner["name"]}}
            services.append(service)
        return services
    return [data]


def _is_service_at_location(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("service"), dict)
        and isinstance(data.get("location"), dict)
    )


def _service(
    service: Mapping[str, Any], number: int, *, tz: ZoneInfo, today: date, warnings: list[Problem]
) -> dict[str, object]:
    name = str(service.get("name") or "")
    where = f"service {number}" + (f" ({name[:40]})" if name else "")
    organization = service.get("organization") or {}
    record: dict[str, object] = {
        WHERE: where,
        "id": slug_id(str(service.get("id") or "")),
        "title": name,
        "provider": str(organization.get("name") or service.get("organization_name") or ""),
        "description": text_of(service.get("description"), service.get("alert")),
        "booking_url": web_address_or_warn(str(service.get("url") or ""), where, warnings, "url"),
        "contact": _contact(service),
        "audience": _ages(service),
    }
    cost = _cost(service)
    if cost is not None:
        record["cost"] = cost
    location = _location(service)
    if location:
        record["venue"] = str(location.get("name") or "")
        address = (location.get("addresses") or location.get("physical_addresses") or [{}])[0]
        record["address"] = ", ".join(
            str(address.get(k)) for k in ("address_1", "address_2", "city") if address.get(k)
        )
        record["postcode"] = postcode_or_warn(address.get("postal_code"), where, warnings)
        record["lat"], record["lon"] = coordinates_or_warn(
            location.get("latitude"), location.get("longitude"), where, warnings
        )
        record["accessibility"] = "; ".join(
            str(a.get("description") or a.get("accessibility") or "")
            for a in location.get("accessibility")
            or location.get("accessibility_for_disabilities")
            or []
            if isinstance(a, dict)
        )
    schedules = list(service.get("schedules") or []) + list(service.get("regular_schedules") or [])
    sessions: list[dict[str, str]] = []
    for n, schedule in enumerate(schedules, start=1):
        sessions += _sessions(
            schedule, f"{where}, schedule {n}", tz=tz, today=today, warnings=warnings
        )
        mode = str(schedule.get("attending_type") or "").lower()
        if "remote" in mode or "online" in mode or "video" in mode:
            record["mode"] = "blended" if "person" in mode else "online"
    if sessions:
        record["sessions"] = sessions
    # Run dates tell a finished service from a current one even when it has no timetable.
    starts = [d for d in (parse_day(s.get("valid_from")) for s in schedules) if d]
    ends = [d for d in (parse_day(s.get("valid_to")) for s in schedules) if d]
    if starts:
        record["starts_on"] = min(starts)
    if ends and len(ends) == len(schedules):
        record["ends_on"] = max(ends)
    return record


def _sessions(
    schedule: Mapping[str, Any], where: str, *, tz: ZoneInfo, today: date, warnings: list[Problem]
) -> list[dict[str, str]]:
    opens, closes = parse_clock(schedule.get("opens_at")), parse_clock(schedule.get("closes_at"))
    if opens is None or closes is None or closes <= opens:
        warnings.append(Problem(0, "opens_at", "no opening and closing times: no sessions", where))
        return []
    first = parse_day(schedule.get("dtstart")) or parse_day(schedule.get("valid_from"))
    last = parse_day(schedule.get("until")) or parse_day(schedule.get("valid_to"))
    begin, finish = window(first, last, today)
    freq_text = str(schedule.get("freq") or "").lower()
    freq = next((f for key, f in _FREQ.items() if freq_text.startswith(key)), None)
    byday = _byday(schedule.get("byday"))
    if "weekday" in schedule:  # v1 regular_schedules: one row per weekday
        day = _weekday(schedule["weekday"])
        byday = [weekday(day)] if day is not None else byday
    if freq is None:
        freq = WEEKLY if byday else None
    if freq is None:
        warnings.append(Problem(0, "freq", f"unknown frequency {schedule.get('freq')!r}", where))
        return []
    monthdays = [int(d) for d in re.findall(r"-?\d+", str(schedule.get("bymonthday") or ""))]
    rule = rrule(
        freq,
        dtstart=at(begin, opens, tz),
        interval=max(1, int(schedule.get("interval") or 1)),
        byweekday=byday or None,
        bymonthday=(monthdays or None) if freq == MONTHLY else None,
        until=at(finish, time(23, 59), tz),
    )
    length = datetime.combine(begin, closes) - datetime.combine(begin, opens)
    return sessions_from_rule(rule, length=timedelta(seconds=length.total_seconds()))


def _byday(value: Any) -> list[weekday]:
    found = []
    for token in re.split(r"[,\s]+", str(value or "")):
        match = re.fullmatch(r"([+-]?\d+)?([a-z]{2})", token.strip().lower())
        if match and match[2] in _DAYS:
            day = weekday(_DAYS[match[2]])
            found.append(day(int(match[1])) if match[1] else day)
    return found


def _weekday(value: Any) -> int | None:
    text = str(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    return _DAY_NAMES.get(text) if text in _DAY_NAMES else _DAYS.get(text[:2])


def _location(service: Mapping[str, Any]) -> Mapping[str, Any]:
    for link in service.get("service_at_locations") or []:
        if isinstance(link, dict) and isinstance(link.get("location"), dict):
            location: Mapping[str, Any] = link["location"]
            return location
    locations = service.get("locations") or []
    return locations[0] if locations and isinstance(locations[0], dict) else {}


def _cost(service: Mapping[str, Any]) -> str | None:
    if service.get("is_free") is True:
        return "0"
    for option in service.get("cost_options") or []:
        if isinstance(option, dict) and option.get("amount") is not None:
            try:
                return str(float(option["amount"]))
            except (TypeError, ValueError):
                continue
    return cost_from_text(str(service.get("fees_description") or service.get("fees") or ""))


def _contact(service: Mapping[str, Any]) -> str:
    for key in ("email", "phone"):
        if service.get(key):
            return str(service[key])
    for phone in service.get("phones") or []:
        if isinstance(phone, dict) and phone.get("number"):
            return str(phone["number"])
    return ""


def _ages(service: Mapping[str, Any]) -> str:
    low, high = service.get("minimum_age"), service.get("maximum_age")
    if low and high:
        return f"Ages {low} to {high}"
    if low:
        return f"Ages {low}+"
    return ""


def _lower(value: Any) -> Any:
    """Keys in lower case, all the way down."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower(v) for v in value]
    return value
