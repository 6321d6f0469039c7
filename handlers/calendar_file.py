"""The "Add to calendar" file: a course's upcoming sessions as iCalendar, written with the
`icalendar` library (escaping, line folding and UTC times as RFC 5545 has them), so any
calendar app reads it and `learnbot import` reads it back."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Final

import icalendar

from catalogue.models import Course, Mode
from views.i18n import Lang
from views.text import cost

ICS_SESSIONS: Final = 100  # about two years of weekly sessions: enough for any course
PRODUCT: Final = "-//Learning City Bot//Manchester//EN"


def course_ics(
    course: Course,
    *,
    now: datetime,
    lang: Lang,
    cancelled: Mapping[datetime, str] | None = None,
) -> bytes:
    """An iCalendar file of a course's upcoming sessions, for the resident's own calendar."""
    cancelled = cancelled or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", course.title)
    place = ", ".join(p for p in (course.venue, course.address, course.area, course.postcode) if p)
    details = "\n".join(
        p
        for p in (
            course.provider,
            cost(course, lang),
            lang._("Contact: {contact}", contact=course.contact) if course.contact else "",
            course.booking_url,
        )
        if p
    )
    for session in course.upcoming(now)[:ICS_SESSIONS]:
        event = icalendar.Event()
        start = session.start.astimezone(UTC)
        event.add("uid", f"{course.id}-{start:%Y%m%dT%H%M%SZ}@learning-city-bot")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("dtstart", start)
        event.add("dtend", session.end.astimezone(UTC))
        event.add("summary", course.title)
        event.add("description", details)
        if place and course.mode is not Mode.ONLINE:
            event.add("location", place)
        if course.lat is not None and course.lon is not None:
            event.add("geo", (course.lat, course.lon))
        if course.booking_url:
            event.add("url", course.booking_url)
        if session.start in cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def ics_name(course: Course) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", course.title).strip("-")[:40] + ".ics"
