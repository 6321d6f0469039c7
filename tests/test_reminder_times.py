"""When reminders fall due: lead times, both clock changes, quiet hours, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.config import Settings
from catalogue import importer
from catalogue.models import Course
from store.reminder_times import QuietHours, describe_lead, due_time, next_reminder, parse_leads

LONDON = ZoneInfo("Europe/London")
QUIET = QuietHours.parse("22:00-07:00")


def local(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%a %d %b %H:%M")


def evening_class(start_date: str, end_date: str) -> Course:
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time\n"
        f"E,Evening class,P,{start_date},{end_date},Sun;Mon,18:00,20:00\n"
    )
    return importer.parse(text.encode(), name="c.csv", tz=LONDON).courses[0]


@pytest.mark.parametrize(
    ("start_date", "end_date"),
    [("2027-03-21", "2027-04-05"), ("2027-10-24", "2027-11-08")],  # both clock changes
)
def test_an_evening_class_is_reminded_at_the_same_wall_clock_time(
    start_date: str, end_date: str
) -> None:
    course = evening_class(start_date, end_date)
    hour_before = {local(due_time(s.start, 60, tz=LONDON, quiet=QUIET)) for s in course.sessions}
    assert {when[-5:] for when in hour_before} == {"17:00"}
    day_before = [local(due_time(s.start, 1440, tz=LONDON, quiet=QUIET)) for s in course.sessions]
    assert {when[-5:] for when in day_before} == {"18:00"}
    # The Sunday of the change itself: a day before is Saturday 18:00 on the other offset.
    sunday = next(s for s in course.sessions if s.start.astimezone(LONDON).day in (28, 31))
    assert local(due_time(sunday.start, 1440, tz=LONDON, quiet=QUIET)).startswith("Sat")


@pytest.mark.parametrize(
    ("start", "lead", "expected"),
    [
        ("2027-01-12T09:00", 60, "Tue 12 Jan 08:00"),  # outside quiet hours
        ("2027-01-12T07:30", 60, "Mon 11 Jan 21:00"),  # 06:30 is night: the evening before
        ("2027-01-12T23:30", 60, "Tue 12 Jan 21:00"),  # 22:30 is late: that evening
        ("2027-01-13T09:30", 24 * 60 + 180, "Tue 12 Jan 06:30"),  # 06:30 with quiet off
    ],
)
def test_quiet_hours(start: str, lead: int, expected: str) -> None:
    moment = datetime.fromisoformat(start).replace(tzinfo=LONDON).astimezone(UTC)
    quiet = None if expected.endswith("06:30") else QUIET
    assert local(due_time(moment, lead, tz=LONDON, quiet=quiet)) == expected


def test_a_late_follower_is_reminded_at_once_and_never_after_the_start() -> None:
    course = evening_class("2027-01-10", "2027-01-18")
    first = course.sessions[0].start
    now = first - timedelta(minutes=20)
    planned = next_reminder(course, 60, after=now, now=now, tz=LONDON, quiet=QUIET)
    assert planned is not None
    assert planned == (course.sessions[0], now)
    later = next_reminder(course, 60, after=first, now=first, tz=LONDON, quiet=QUIET)
    assert later is not None
    assert later[0] == course.sessions[1]


def test_lead_times_and_their_names() -> None:
    assert parse_leads("1d,1h") == (1440, 60)
    assert parse_leads("90m, 2h") == (120, 90)
    assert parse_leads("1d2h") == (1560,)
    for bad in ("", "soon", "0m", "1x"):
        with pytest.raises(ValueError):  # noqa: PT011
            parse_leads(bad)
    assert describe_lead(1440) == "1 day"
    assert describe_lead(90) == "1 hour 30 minutes"


def test_settings_refuse_bad_reminder_values() -> None:
    settings = Settings(_env_file=None, reminder_leads="2h,30m", quiet_hours="")
    assert settings.leads == (120, 30)
    assert settings.quiet is None
    with pytest.raises(ValidationError, match="duration"):
        Settings(_env_file=None, reminder_leads="tomorrow")
    with pytest.raises(ValidationError, match="quiet hours"):
        Settings(_env_file=None, quiet_hours="late")
