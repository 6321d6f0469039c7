"""iCalendar files as Google, Outlook, Discourse and ics.py write them: long-running classes,
moved and extra dates, time zones by every name, calendars without a name, and text with
HTML in it. Each case is a small file of the shape real calendars have."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue import formats
from catalogue.importer import ImportResult
from catalogue.models import Course
from tests.damage import damaged

LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 1, 5)
ICAL = Path(__file__).parent / "fixtures" / "handmade" / "ical"


def read(name: str, provider: str = "") -> ImportResult:
    data = (ICAL / name).read_bytes()
    return formats.read([(name, data)], tz=LONDON, today=TODAY, provider=provider)


def local(course: Course) -> list[str]:
    return [s.start.astimezone(LONDON).strftime("%a %d %b %Y %H:%M") for s in course.sessions]


def test_a_class_running_since_2016_keeps_its_next_sessions_and_a_moved_one() -> None:
    result = read("google-long-running.ics")
    assert result.ok, result.errors
    (craft,) = result.courses
    # Weekly on Tuesdays since 2016 (UNTIL a plain date): expanded from yesterday, not 2016,
    # and the 12 January session moved to Wednesday the 13th at 19:00.
    assert local(craft)[:4] == [
        "Tue 05 Jan 2027 18:00",
        "Wed 13 Jan 2027 19:00",
        "Tue 19 Jan 2027 18:00",
        "Tue 26 Jan 2027 18:00",
    ]
    assert craft.sessions[1].end - craft.sessions[1].start == timedelta(hours=2)
    assert len(craft.sessions) == 52  # a year ahead, until the rule ends
    assert craft.provider == "Levenshulme Community Hub"


def test_text_is_made_plain_and_alarms_stay_out() -> None:
    (craft,) = read("google-long-running.ics").courses
    assert craft.description == "Knitting, sewing & more… all welcome"
    assert craft.venue == "Levenshulme Hub"
    assert craft.address == "Levenshulme Hub, 42 Stockport Road, M19 3AB"


def test_a_calendar_without_a_name_asks_for_a_provider() -> None:
    refused = read("outlook-no-name.ics")
    assert not refused.ok
    assert "--provider" in str(refused.errors[0])
    assert read("outlook-no-name.ics", provider="Northside College").ok


def test_outlook_zones_extra_dates_and_bad_optional_fields() -> None:
    result = read("outlook-no-name.ics", provider="Northside College")
    courses = {c.id: c for c in result.courses}
    # A quoted TZID with a colon, defined by the file's own VTIMEZONE; RDATE as a period.
    assert local(courses["outlook-esol-1"]) == ["Mon 12 Apr 2027 10:00", "Sat 01 May 2027 10:00"]
    # A Windows zone name: 10:00 in Berlin is 09:00 in London.
    assert local(courses["outlook-open-day"]) == ["Sat 20 Mar 2027 09:00"]
    open_day = courses["outlook-open-day"].sessions[0]
    assert open_day.end - open_day.start == timedelta(hours=1)
    warned = "\n".join(str(w) for w in result.warnings)
    assert "'/events/esol-drop-in' is not a web address" in warned
    assert "it ends when it starts: an hour assumed" in warned
    assert "unknown time zone 'Mars/Olympus Mons'" in warned
    assert courses["outlook-esol-1"].booking_url == ""


def test_a_provider_given_never_overrides_the_calendars_own() -> None:
    (craft,) = read("google-long-running.ics", provider="Someone Else").courses
    assert craft.provider == "Levenshulme Community Hub"


SAMPLES = [p.read_bytes() for p in sorted(ICAL.glob("*.ics"))] + [
    (ICAL.parent / "events.ics").read_bytes()
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(damaged(SAMPLES, newline=b"\r\n", changes=6), st.binary(max_size=400)))
def test_a_damaged_calendar_is_loaded_or_refused_never_crashes(data: bytes) -> None:
    started = time.monotonic()
    result = formats.read(
        [("damaged.ics", data)], tz=LONDON, today=TODAY, fmt="ical", provider="Fallback"
    )
    assert time.monotonic() - started < 5
    assert result.ok or result.errors
    assert all(course.title for course in result.courses)


def test_custom_and_vendor_zone_names_use_the_right_offsets() -> None:
    result = read("icspy-zones.ics")
    courses = {c.id: c for c in result.courses}
    # 07:00 at UTC+11 (the file's own VTIMEZONE) is 20:00 the evening before in London.
    assert local(courses["sydney-call"]) == ["Thu 14 Jan 2027 20:00"]
    # ics.py's "/ics.py/2020.1/Europe/Berlin" is Berlin: 11:00 there is 10:00 in London.
    assert local(courses["berlin-taster"]) == ["Sat 16 Jan 2027 10:00"]
    assert courses["sydney-call"].provider == "Language Exchange North"  # ORGANIZER's CN
    assert not result.warnings
