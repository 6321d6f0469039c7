"""The importer: good files load, every kind of bad row is named by line and column."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from catalogue import importer
from catalogue.models import Course, Mode

HEADER = (
    "id,title,provider,cost,mode,postcode,lat,lon,"
    "start_date,end_date,weekdays,start_time,end_time,booking_url\n"
)
GOOD = (
    "C1,Pottery,Hulme Makers,12.50,in_person,m15 5rg,53.46,-2.25,"
    "2027-01-11,2027-01-25,Mon;Wed,18:00,20:00,https://example.org/c1\n"
)


def parse(
    text: str | bytes, tz: ZoneInfo, name: str = "courses.csv", *, skip_bad_rows: bool = False
) -> importer.ImportResult:
    data = text.encode() if isinstance(text, str) else text
    return importer.parse(data, name=name, tz=tz, skip_bad_rows=skip_bad_rows)


def messages(result: importer.ImportResult) -> list[str]:
    return [str(p) for p in result.errors]


def test_the_bundled_sample_loads(sample_courses: tuple[Course, ...]) -> None:
    assert len(sample_courses) >= 80
    categories = {c.category for c in sample_courses}
    assert {
        "English & ESOL",
        "Maths",
        "Digital skills",
        "Languages",
        "Arts & crafts",
    } <= categories
    assert {"Health & wellbeing", "Employability", "Family learning"} <= categories
    areas = {c.area for c in sample_courses if c.area}
    assert len(areas) >= 15


def test_a_good_row_becomes_a_course(tz: ZoneInfo) -> None:
    result = parse(HEADER + GOOD, tz)
    assert result.ok
    assert not result.warnings
    (course,) = result.courses
    assert course.cost_pence == 1250
    assert course.mode is Mode.IN_PERSON
    assert course.postcode == "M15 5RG"
    assert [s.start.astimezone(tz).strftime("%a %d %H:%M") for s in course.sessions] == [
        "Mon 11 18:00",
        "Wed 13 18:00",
        "Mon 18 18:00",
        "Wed 20 18:00",
        "Mon 25 18:00",
    ]


def test_a_byte_order_mark_and_header_case_are_accepted(tz: ZoneInfo) -> None:
    text = "\ufeff" + HEADER.upper().replace("BOOKING_URL", "Booking_Url") + GOOD
    result = parse(text, tz)
    assert result.ok, messages(result)
    assert result.courses[0].id == "C1"


def test_quoted_fields_keep_commas_quotes_and_new_lines(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,description\n"
        'Q1,"Sewing, mending & alterations",Makers,"Line one, with a comma.\n'
        'Line two says ""hello"".\n"\n'
        "Q2,Knitting,Makers,Plain\n"
    )
    result = parse(text, tz)
    assert result.ok, messages(result)
    first, second = result.courses
    assert first.title == "Sewing, mending & alterations"
    assert first.description == 'Line one, with a comma.\nLine two says "hello".'
    assert second.id == "Q2"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",Pottery,Makers,,,,,,,,,,,", "line 2, column id: required, but empty"),
        ("C2,,Makers,,,,,,,,,,,", "line 2, column title: required, but empty"),
        ("C2,Pottery,,,,,,,,,,,,", "line 2, column provider: required, but empty"),
        ("C 2,Pottery,Makers,,,,,,,,,,,", "line 2, column id: use 1 to 40 letters"),
        ("C2,Pottery,Makers,twelve,,,,,,,,,,", "line 2, column cost: expected a price"),
        ("C2,Pottery,Makers,-3,,,,,,,,,,", "line 2, column cost: expected a price from 0"),
        ("C2,Pottery,Makers,1.234,,,,,,,,,,", "line 2, column cost: a price has at most two"),
        ("C2,Pottery,Makers,,by owl,,,,,,,,,", "line 2, column mode: expected in_person"),
        ("C2,Pottery,Makers,,,XYZ,,,,,,,,", "line 2, column postcode: not a UK postcode"),
        ("C2,Pottery,Makers,,,,95,-2,,,,,,", "line 2, column lat: expected a number from -90"),
        ("C2,Pottery,Makers,,,,53.4,,,,,,,", "line 2, column lon: give both lat and lon"),
        (
            "C2,Pottery,Makers,,,,,,2027-01-11,,Mon,18:00,20:00,",
            "line 2, column end_date: a weekly",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-02-11,2027-01-11,Mon,18:00,20:00,",
            "line 2, column end_date: is before start_date",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-13-01,2027-01-11,Mon,18:00,20:00,",
            "line 2, column start_date: expected a date like 2027-01-12",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-01-11,2027-01-30,Funday,18:00,20:00,",
            "line 2, column weekdays: unknown day 'Funday'",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-01-11,2027-01-30,Mon,25:00,20:00,",
            "line 2, column start_time: expected a time like 18:30",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-01-11,2027-01-30,Mon,20:00,18:00,",
            "line 2, column end_time: must be after start_time",
        ),
        (
            "C2,Pottery,Makers,,,,,,2027-01-11,2031-01-30,Mon,18:00,20:00,",
            "line 2, column end_date: a weekly schedule may run for at most three years",
        ),
        ("C2,Pottery,Makers,,,,,,,,,,,javascript:alert(1)", "line 2, column booking_url"),
        ("C2,Pottery,Makers,,,,,,,,,,", "line 2: the row has 13 fields but the header has 14"),
    ],
)
def test_each_kind_of_bad_row_is_named(tz: ZoneInfo, row: str, expected: str) -> None:
    result = parse(HEADER + row + "\n", tz)
    assert not result.ok
    assert not result.courses
    assert messages(result)[0].startswith(expected), messages(result)


def test_every_bad_row_is_reported_with_its_own_line(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,cost,description\n"
        "A,One,P,1,ok\n"
        'B,Two,P,abc,"spans\ntwo lines"\n'
        "C,Three,P,2,ok\n"
        "A,Four,P,3,ok\n"
    )
    result = parse(text, tz)
    assert messages(result) == [
        "line 3, column cost: expected a price in pounds like 12.50, or 0 for free: 'abc'",
        "line 6, column id: duplicate id 'A', first used on line 2",
    ]


def test_skip_bad_rows_loads_the_rest_and_warns(tz: ZoneInfo) -> None:
    text = "id,title,provider,cost\nA,One,P,1\nB,Two,P,abc\n"
    result = parse(text, tz, skip_bad_rows=True)
    assert result.ok
    assert [c.id for c in result.courses] == ["A"]
    assert [str(w) for w in result.warnings] == [
        "line 3, column cost: expected a price in pounds like 12.50, or 0 for free: 'abc'"
    ]


def test_header_problems(tz: ZoneInfo) -> None:
    result = parse("id,title,colour\nA,One,red\n", tz)
    assert messages(result) == ["line 1, column provider: required column is missing"]
    result = parse("id,title,provider,Colour\nA,One,P,red\n", tz)
    assert result.ok
    assert [str(w) for w in result.warnings] == ["line 1, column colour: unknown column, ignored"]
    result = parse("id,title,provider,title\nA,One,P,Two\n", tz)
    assert messages(result) == ["line 1, column title: column appears twice"]


def test_empty_files_and_broken_encoding_are_refused(tz: ZoneInfo) -> None:
    assert messages(parse("", tz)) == ["line 1: the file is empty"]
    assert messages(parse("id,title,provider\n", tz)) == ["line 1: the file has no courses"]
    latin1 = "id,title,provider\nA,Café,P\n".encode("latin-1")
    assert messages(parse(latin1, tz)) == [f"line 2: {importer.NOT_UTF8_CSV}"]
    assert "Save As > 'CSV UTF-8 (Comma delimited)'" in importer.NOT_UTF8_CSV


def test_a_file_separated_by_semicolons_or_tabs_is_called_so(tz: ZoneInfo) -> None:
    for mark, name in ((";", "semicolons"), ("\t", "tabs")):
        text = mark.join(["id", "title", "provider", "cost"]) + "\n" + mark.join("AOP1") + "\n"
        assert messages(parse(text, tz)) == [
            f"line 1: this file is separated by {name}; save it as comma-separated "
            "(in Excel: Save As > 'CSV UTF-8 (Comma delimited)')"
        ]


def test_broken_quoting_is_refused(tz: ZoneInfo) -> None:
    result = parse('id,title,provider\nA,"One" extra,P\n', tz)
    assert not result.ok
    assert messages(result)[0].startswith("line 2: broken quoting")


def test_explicit_sessions_and_weekly_rule_merge(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time,sessions\n"
        "S,Sewing,P,2027-01-04,2027-01-04,Mon,10:00,12:00,"
        "2027-01-04T10:00/2027-01-04T12:00;2027-02-06T10:00/2027-02-06T12:00\n"
    )
    result = parse(text, tz)
    assert result.ok, messages(result)
    starts = [s.start for s in result.courses[0].sessions]
    assert starts == [datetime(2027, 1, 4, 10, tzinfo=UTC), datetime(2027, 2, 6, 10, tzinfo=UTC)]


def test_dates_and_times_beside_explicit_sessions_describe_them(tz: ZoneInfo) -> None:
    # A monthly workshop: no weekdays, so no weekly schedule to refuse as incomplete.
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time,sessions\n"
        "W,Barista day,P,2027-01-20,2027-02-17,,09:30,16:00,"
        "2027-01-20T09:30/2027-01-20T16:00;2027-02-17T09:30/2027-02-17T16:00\n"
    )
    result = parse(text, tz)
    assert result.ok, messages(result)
    assert not result.warnings
    starts = [s.start for s in result.courses[0].sessions]
    assert starts == [
        datetime(2027, 1, 20, 9, 30, tzinfo=UTC),
        datetime(2027, 2, 17, 9, 30, tzinfo=UTC),
    ]


def test_a_weekly_schedule_keeps_local_time_across_the_clock_changes(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time\n"
        "E,Evening ESOL,P,2027-03-23,2027-11-02,Tue,18:00,20:00\n"
    )
    result = parse(text, tz)
    sessions = result.courses[0].sessions
    local = {s.start.astimezone(tz).strftime("%H:%M") for s in sessions}
    assert local == {"18:00"}
    by_day = {s.start.date().isoformat(): s.start.strftime("%H:%M") for s in sessions}
    assert by_day["2027-03-23"] == "18:00"  # GMT, before the last Sunday of March
    assert by_day["2027-03-30"] == "17:00"  # BST
    assert by_day["2027-10-26"] == "17:00"  # BST, before the last Sunday of October
    assert by_day["2027-11-02"] == "18:00"  # GMT again


def test_json_list_and_object_forms_report_lines(tz: ZoneInfo) -> None:
    courses: list[dict[str, object]] = [
        {"id": "J1", "title": "Yoga", "provider": "P", "tags": ["calm", "stretch"], "cost": 0},
        {
            "ID": "J2",
            "Title": "Drawing",
            "provider": "P",
            "weekdays": ["Sat"],
            "start_date": "2027-01-09",
            "end_date": "2027-01-16",
            "start_time": "10:00",
            "end_time": "12:00",
            "sessions": [{"start": "2027-02-01T10:00", "end": "2027-02-01T11:00"}],
        },
    ]
    result = parse(json.dumps(courses, indent=2), tz, name="c.json")
    assert result.ok, messages(result)
    assert result.courses[0].tags == ("calm", "stretch")
    assert result.courses[0].is_free
    assert len(result.courses[1].sessions) == 3

    courses[1]["cost"] = "lots"
    text = json.dumps({"source": "test", "courses": courses}, indent=2)
    result = parse(text, tz, name="c.json")
    line = text[: text.index('"ID"')].count("\n")  # the line the object's "{" is on
    assert messages(result) == [
        f"line {line}, column cost: expected a price in pounds like 12.50, or 0 for free: 'lots'"
    ]


def test_json_that_does_not_parse_is_refused_with_its_line(tz: ZoneInfo) -> None:
    result = parse('[\n  {"id": "A",\n  "title": }\n]', tz, name="c.json")
    assert messages(result)[0].startswith("line 3: not valid JSON")
    result = parse('{"items": []}', tz, name="c.json")
    assert messages(result) == ['line 1: expected a list of courses or {"courses": [...]}']
    result = parse("[1]", tz, name="c.json")
    assert messages(result) == ["line 1: each course must be a JSON object"]


def test_progress_is_reported_up_to_the_last_line(tz: ZoneInfo) -> None:
    text = "id,title,provider\n" + "".join(f"C{n},Course {n},P\n" for n in range(5000))
    seen: list[tuple[int, int]] = []
    result = importer.parse(text.encode(), name="c.csv", tz=tz, progress=lambda *a: seen.append(a))
    assert result.ok
    assert len(seen) >= 3
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_every_bad_cell_of_a_row_is_reported_at_once(tz: ZoneInfo) -> None:
    row = (
        "C 2,Pottery,Makers,abc,by owl,XYZ,95,-2,2027-02-30,2027-03-30,Funday,25:00,20:00,ftp:x\n"
    )
    result = parse(HEADER + row + "C3,Knitting,,1,,,,,,,,,,\n", tz)
    assert [m.split(":")[0] for m in messages(result)] == [
        "line 2, column id",
        "line 2, column lat",
        "line 2, column cost",
        "line 2, column mode",
        "line 2, column postcode",
        "line 2, column booking_url",
        "line 2, column start_date",
        "line 2, column start_time",
        "line 2, column weekdays",
        "line 3, column provider",
    ]


def test_dates_without_a_timetable_are_the_dates_a_course_runs_between(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time\n"
        "SELF,Maths at your own pace,P,2027-01-11,2027-07-16,,,\n"
        "OPEN,Drop-in IT help,P,2027-02-01,,,,\n"
    )
    result = parse(text, tz)
    assert result.ok, messages(result)
    assert not result.warnings
    paced, drop_in = result.courses
    assert (paced.starts_on, paced.ends_on, paced.sessions) == (
        date(2027, 1, 11),
        date(2027, 7, 16),
        (),
    )
    assert (drop_in.starts_on, drop_in.ends_on) == (date(2027, 2, 1), None)


def test_a_timetable_missing_its_times_is_still_refused_naming_the_column(tz: ZoneInfo) -> None:
    text = (
        "id,title,provider,start_date,end_date,weekdays,start_time,end_time\n"
        "SELF,Maths at your own pace,P,2027-07-16,2027-01-11,,,\n"
        "EVE,Evening maths,P,2027-01-11,2027-07-16,Mon,,\n"
    )
    assert messages(parse(text, tz)) == [
        "line 2, column end_date: is before start_date",
        "line 3, column start_time: a weekly schedule needs start_date, end_date, weekdays, "
        "start_time, end_time",
    ]
