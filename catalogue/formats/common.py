"""Helpers the format mappers share: ids, costs, tidy optional fields, recurrence rules."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rruleset

from catalogue.fields import ID_PATTERN, POSTCODE, is_web_address
from catalogue.importer import Problem

MAX_OCCURRENCES = 500  # sessions expanded from one open-ended rule
HORIZON = timedelta(days=366)  # how far ahead an open-ended rule is expanded

_COST = re.compile(
    r"(?:£|gbp\s*)\s*(\d[\d,]*(?:\.\d{1,2})?)|(\d[\d,]*(?:\.\d{1,2})?)\s*(?:pounds|gbp)"
)


_FREE = re.compile(r"(free|free of charge|no charge|no cost|nothing|£?0(\.00)?)[.!]?")


def slug_id(raw: str) -> str:
    """A provider's id made safe for deep links: letters, digits, '-' and '_', at most 40
    characters (long ids keep a hash of the whole, so they stay unique and stable)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", raw.strip()).strip("-")
    if ID_PATTERN.fullmatch(slug):
        return slug
    digest = hashlib.sha1(raw.encode()).hexdigest()[:8]
    return f"{slug[:31].strip('-')}-{digest}" if slug else ""


def cost_from_text(text: str | None) -> str | None:
    """'Free', '£50', 'GBP6,000 per stage' -> a canonical cost; None when it cannot tell."""
    if not text:
        return None
    lowered = text.lower().strip()
    # Only an unconditional "free" is free: "Free for adults on benefits" is not known.
    if _FREE.fullmatch(lowered):
        return "0"
    match = _COST.search(lowered)
    if not match:
        return None
    try:
        return str(Decimal((match[1] or match[2]).replace(",", "")))
    except InvalidOperation:
        return None


_AMOUNT = re.compile(r"£?\s*(\d[\d,]*(?:\.\d+)?)")


def cost_of_field(value: str | None) -> str | None:
    """A field that holds a cost: a bare amount ('0.0000', '99,999.00') or words ('Free')."""
    if value and (match := _AMOUNT.fullmatch(value.strip())):
        try:
            return str(Decimal(match[1].replace(",", "")).quantize(Decimal("0.01")))
        except InvalidOperation:
            return None
    return cost_from_text(value)


def postcode_or_warn(value: str | None, where: str, warnings: list[Problem]) -> str:
    if not value:
        return ""
    tidy = re.sub(r"\s+", " ", value.strip().upper())
    if POSTCODE.fullmatch(tidy):
        return tidy
    warnings.append(Problem(0, "postcode", f"{value!r} is not a UK postcode; left out", where))
    return ""


def web_address_or_warn(value: str | None, where: str, warnings: list[Problem], field: str) -> str:
    """A booking page as the canonical rules take it (http or https); anything else is left
    out with a warning, as a bad optional field in a publisher's feed always is."""
    value = (value or "").strip()
    if not value or is_web_address(value):
        return value
    reason = f"{value[:60]!r} is not a web address starting with http:// or https://; left out"
    warnings.append(Problem(0, field, reason, where))
    return ""


def coordinates_or_warn(
    lat: Any, lon: Any, where: str, warnings: list[Problem], field: str = "lat"
) -> tuple[str, str]:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return "", ""
    if -90 <= la <= 90 and -180 <= lo <= 180:
        return str(la), str(lo)
    warnings.append(
        Problem(0, field, f"coordinates {lat}, {lon} are off the map; left out", where)
    )
    return "", ""


def text_of(*parts: object) -> str:
    return "\n\n".join(str(p).strip() for p in parts if p and str(p).strip())


def sessions_from_rule(
    rule: rrule | rruleset,
    *,
    length: timedelta,
    exclude: Iterable[datetime] = (),
) -> list[dict[str, str]]:
    """Occurrences of a rule as canonical sessions, skipping excluded starts."""
    skipped = set(exclude)
    found: list[dict[str, str]] = []
    for start in rule:
        if len(found) >= MAX_OCCURRENCES:
            break
        if start in skipped:
            continue
        found.append({"start": start.isoformat(), "end": (start + length).isoformat()})
    return found


def window(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The dates an open-ended schedule is expanded over: from its start (or today) to its
    end, or a year ahead."""
    begin = start or today
    finish = end or max(begin, today) + HORIZON
    return begin, finish


def at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def parse_clock(value: Any) -> time | None:
    if not value:
        return None
    # "09:00", "09:00:00", and with a zone as the field guidance writes it ("09:00:00Z"): the
    # zone is not applied, since opening times are the venue's own clock.
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?\s*", str(value))
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def parse_day(value: Any) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.strptime(text[:10] if pattern == "%Y-%m-%d" else text, pattern).date()
        except ValueError:
            continue
    return None
