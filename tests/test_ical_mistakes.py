"""Mistakes people make in calendars, and what the admin is told of each: an end before the
start, a time zone nobody defines, a date that is not one, a file cut short."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from catalogue import formats
from catalogue.importer import ImportResult
from catalogue.models import Course

LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 1, 5)


def calendar(*events: str) -> str:
    head = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nX-WR-CALNAME:Levenshulme Hub\r\n"
    )
    return head + "".join(events) + "END:VCALENDAR\r\n"


def event(uid: str, summary: str, *lines: str) -> str:
    body = "".join(line + "\r\n" for line in lines)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"{body}END:VEVENT\r\n"
    )


def read(text: str) -> ImportResult:
    return formats.read([("hub.ics", text.encode())], tz=LONDON, today=TODAY)


def local(course: Course) -> list[str]:
    return [
        f"{s.start.astimezone(LONDON):%a %d %H:%M}-{s.end.astimezone(LONDON):%H:%M}"
        for s in course.sessions
    ]


def test_an_end_before_the_start_keeps_the_start_and_lasts_an_hour() -> None:
    result = read(
        calendar(
            event(
                "ipad-202@hub",
                "iPad Help",
                "DTSTART;TZID=Europe/London:20270106T140000",
                "DTEND;TZID=Europe/London:20270106T120000",
                "RRULE:FREQ=WEEKLY;COUNT=2",
            )
        )
    )
    assert result.ok, result.errors
    (course,) = result.courses
    assert local(course) == ["Wed 06 14:00-15:00", "Wed 13 14:00-15:00"]
    assert [str(w) for w in result.warnings] == [
        "event 1 (iPad Help), field DTEND: it ends (2027-01-06 12:00) before it starts "
        "(2027-01-06 14:00): an hour from the start assumed"
    ]


def test_an_all_day_event_ending_before_it_starts_lasts_a_day() -> None:
    result = read(
        calendar(event("fair@hub", "Fair", "DTSTART;VALUE=DATE:20270110", "DTEND:20270108"))
    )
    assert result.ok, result.errors
    (course,) = result.courses
    (session,) = course.sessions
    assert session.end - session.start == timedelta(days=1)
    assert "a day from the start assumed" in str(result.warnings[0])


NARNIA = (
    "DTSTART;TZID=Narnia/Cair Paravel:20270106T140000",
    "DTEND;TZID=Narnia/Cair Paravel:20270106T160000",
)


def test_a_time_zone_nobody_defines_is_read_as_local_time_with_a_warning() -> None:
    text = calendar(event("ipad-202@hub", "iPad Help", *NARNIA))
    for named in (
        text,
        text.replace("VERSION:2.0\r\n", "VERSION:2.0\r\nX-WR-TIMEZONE:Europe/London\r\n"),
    ):
        result = read(named)
        assert result.ok, result.errors
        assert local(result.courses[0]) == ["Wed 06 14:00-16:00"]
        assert [str(w) for w in result.warnings] == [
            "event 1 (iPad Help), field DTSTART: unknown time zone 'Narnia/Cair Paravel': "
            "read as Europe/London"
        ]


def test_a_start_that_is_not_a_date_names_the_event_its_line_and_the_form_expected() -> None:
    text = calendar(
        event("yoga@hub", "Yoga", "DTSTART;TZID=Europe/London:20270105T180000", "DURATION:PT1H"),
        event("pottery@hub", "Pottery", "DTSTART;TZID=Europe/London:2027-01-06 14:00"),
    )
    line = text.splitlines().index("DTSTART;TZID=Europe/London:2027-01-06 14:00") + 1
    result = read(text)
    assert [str(e) for e in result.errors] == [
        f"event 2 (Pottery), line {line}: DTSTART '2027-01-06 14:00' is not a date-time like "
        "20270106T140000 (or a date like 20270106)"
    ]
    rule = read(calendar(event("a@hub", "Art", "DTSTART:20270106T140000", "RRULE:FREQ=SOMETIMES")))
    assert "RRULE 'FREQ=SOMETIMES' is not a rule like FREQ=WEEKLY" in str(rule.errors[0])


def test_a_file_cut_short_is_called_incomplete() -> None:
    whole = calendar(event("yoga@hub", "Yoga", "DTSTART:20270105T180000", "DURATION:PT1H"))
    cut = whole[: whole.index("END:VCALENDAR") + 2]
    result = read(cut)
    assert [str(e) for e in result.errors] == [
        f"line {len(cut.splitlines())}: the file ends early, before END:VCALENDAR: it is "
        "incomplete (cut short when it was saved, copied or downloaded?); send the whole file"
    ]
