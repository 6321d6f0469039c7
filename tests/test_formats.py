"""The formats providers publish: XCRI-CAP, Open Referral UK, iCalendar and the National Careers
Service course directory, from the standards' own sample files and small hand-made cases."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from catalogue import formats
from catalogue.importer import ImportResult
from catalogue.models import Course, Mode
from handlers import calendar_file
from views.i18n import lang

FIXTURES = Path(__file__).parent / "fixtures"
HANDMADE = FIXTURES / "handmade"
LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 1, 5)


def read(
    *names: str, fmt: str | None = None, provider: str = "", allow_past: bool = False
) -> ImportResult:
    files = [(Path(n).name, (FIXTURES / n).read_bytes()) for n in names]
    return formats.read(
        files, tz=LONDON, fmt=fmt, provider=provider, today=TODAY, allow_past=allow_past
    )


def by_id(result: ImportResult) -> dict[str, Course]:
    assert result.ok, [str(e) for e in result.errors]
    return {c.id: c for c in result.courses}


def local_times(course: Course) -> list[str]:
    return [s.start.astimezone(LONDON).strftime("%a %d %b %H:%M") for s in course.sessions]


def test_the_xcri_cap_sample_maps_onto_the_canonical_fields() -> None:
    # The standard's sample ran 2015-2017: loaded only when past courses are allowed.
    (course,) = by_id(read("xcri-cap/PG_Generic_XCRI-CAP-1.2.xml", allow_past=True)).values()
    assert course.id == "PG064"
    assert course.title == "Business and Marketing"
    assert course.provider == "Poppleton University"
    assert course.description.startswith("This professional masters degree")
    assert course.category == "Management studies"
    assert "daytime" in course.tags  # attendancePattern DT
    assert course.mode is Mode.IN_PERSON  # attendanceMode CM
    assert course.cost_pence == 600_000  # "GBP6,000 per stage"
    assert (course.starts_on, course.ends_on) == (date(2015, 9, 1), date(2017, 7, 1))
    assert course.venue == "Main Campus"
    assert course.postcode == "PP99 1PP"
    assert course.level == "Postgraduate"
    assert course.booking_url == "http://www.poppleton.ac.uk/postgraduate/courses/how-to-apply/"


def test_presentations_become_courses_and_take_the_providers_address() -> None:
    courses = by_id(read("handmade/xcri_no_venue.xml"))
    assert len(courses) == 2
    first, second = sorted(courses.values(), key=lambda c: c.id)
    assert first.id.endswith("-1")
    assert first.address == "1 College Way, Manchester"  # no venue: the provider's
    assert first.postcode == "M8 8PT"
    assert first.contact == "0161 496 0999"
    assert "evening" in first.tags
    assert first.cost_pence is None  # "Free for adults on benefits": cannot tell
    assert second.mode is Mode.ONLINE
    assert second.cost_pence == 4500
    assert second.starts_on == date(2027, 4, 19)


def test_an_entity_bomb_is_refused_quickly_with_a_clear_error() -> None:
    started = time.perf_counter()
    result = read("handmade/entity_bomb.xml")
    assert time.perf_counter() - started < 1
    assert not result.ok
    assert "refused for safety: the XML declares" in str(result.errors[0])


def test_broken_xml_names_the_line() -> None:
    result = formats.read([("bad.xml", b"<catalog>\n<provider>\n</catalog>")], tz=LONDON)
    assert str(result.errors[0]).startswith("line 3: not well-formed XML")


def test_the_open_referral_samples() -> None:
    full = read("openreferral-uk/service_full.json", allow_past=True)
    (course,) = by_id(full).values()
    assert course.title == "Community Counselling"
    assert course.provider == "Example Organization Inc."
    assert course.cost_pence == 3500
    assert course.mode is Mode.BLENDED  # "in-person or remotely via video conferencing"
    assert course.venue == "MyCity Civic Center"
    assert course.ends_on == date(2005, 1, 1)  # valid only in 2005: finished
    warnings = [str(w) for w in full.warnings]
    assert any("'ABC 1234' is not a UK postcode; left out" in w for w in warnings)
    assert any("coordinates 100, 101 are off the map" in w for w in warnings)
    (listed,) = by_id(read("openreferral-uk/service_list.json")).values()
    assert listed.id == course.id


def test_open_referral_schedules_in_any_case_weekly_monthly_and_v1() -> None:
    courses = by_id(read("handmade/schedules.json"))
    sewing = courses["OR-SEWING"]
    # Tuesdays 18:00 across the clock change on 28 March 2027.
    assert local_times(sewing) == [
        "Tue 16 Mar 18:00",
        "Tue 23 Mar 18:00",
        "Tue 30 Mar 18:00",
        "Tue 06 Apr 18:00",
    ]
    assert sewing.sessions[0].start.hour == 18  # GMT
    assert sewing.sessions[2].start.hour == 17  # BST
    assert sewing.is_free
    repair = courses["OR-REPAIR"]  # second Monday of the month
    assert [t[:10] for t in local_times(repair)] == [
        "Mon 11 Jan",
        "Mon 08 Feb",
        "Mon 08 Mar",
        "Mon 12 Apr",
        "Mon 10 May",
        "Mon 14 Jun",
    ]
    assert repair.is_free
    assert local_times(courses["OR-V1"]) == [
        "Fri 08 Jan 10:00",
        "Fri 15 Jan 10:00",
        "Fri 22 Jan 10:00",
        "Fri 29 Jan 10:00",
    ]


def test_icalendar_rules_exdates_geo_and_location() -> None:
    courses = by_id(read("handmade/events.ics"))
    choir = next(c for c in courses.values() if c.title == "Community choir")
    # Weekly from 16 March, four times, the 23rd excluded: across the clock change.
    assert local_times(choir) == ["Tue 16 Mar 18:00", "Tue 30 Mar 18:00", "Tue 06 Apr 18:00"]
    assert choir.provider == "Manchester Libraries"  # X-WR-CALNAME
    assert choir.venue == "Chorlton Library"
    assert choir.address == "Chorlton Library, Manchester Road, M21 9PN"
    assert (choir.lat, choir.lon) == (53.442, -2.276)
    assert choir.description == "No auditions. Free, all welcome. Bring water."
    assert choir.booking_url == "https://libraries.example/choir"
    books = next(c for c in courses.values() if c.title == "Book club")
    assert [t[:10] for t in local_times(books)] == [
        "Tue 05 Jan",
        "Tue 02 Feb",
        "Tue 02 Mar",
        "Tue 06 Apr",
        "Tue 04 May",
    ]
    assert books.sessions[0].end - books.sessions[0].start == (
        datetime(2027, 1, 5, 15, 30) - datetime(2027, 1, 5, 14, 0)
    )


def test_the_ics_the_bot_sends_reads_back(sample_courses: tuple[Course, ...]) -> None:
    pottery = next(c for c in sample_courses if c.id == "ART-POT-AN")
    now = datetime(2027, 1, 5, tzinfo=UTC)
    content = calendar_file.course_ics(pottery, now=now, lang=lang())
    result = formats.read([("pottery.ics", content)], tz=LONDON, today=TODAY)
    starts = sorted(s.start for c in result.courses for s in c.sessions)
    assert starts == [s.start for s in pottery.upcoming(now)]
    assert {c.title for c in result.courses} == {"Pottery wheel for beginners"}


def test_the_course_directory_with_its_venues_file() -> None:
    courses = by_id(
        read("handmade/ncs_courses.csv", "handmade/ncs_venues.csv", provider="Northside College")
    )
    book = courses["NCS-ACC-01"]
    assert book.title == "Bookkeeping Level 2"
    assert book.provider == "Northside College"
    assert book.venue == "Ardwick Green Learning Centre"
    assert book.postcode == "M12 6FZ"
    assert book.contact == "0161 496 0123"
    assert book.starts_on == date(2027, 1, 12)
    assert book.level == "Level 2"
    assert book.cost_pence == 12_000
    assert "evening" in book.tags
    assert "Duration: 10 weeks" in book.description
    digital = courses["NCS-DIG-02"]
    assert digital.mode is Mode.ONLINE
    assert digital.starts_on is None  # a flexible start
    assert digital.level == "Entry 3"
    assert digital.is_free


def test_course_directory_problems_name_the_line_and_file() -> None:
    missing = read("handmade/ncs_courses.csv", provider="")
    assert not missing.ok
    assert "PROVIDER_NAME" in str(missing.errors[0])
    venues = b"YOUR_VENUE_REFERENCE,VENUE_NAME,POSTCODE\nV9,Elsewhere,M1 1AA\n"
    files = [
        ("ncs_courses.csv", (HANDMADE / "ncs_courses.csv").read_bytes()),
        ("venues.csv", venues),
    ]
    result = formats.read(files, tz=LONDON, provider="Northside College", today=TODAY)
    assert "ncs_courses.csv, line 2, column YOUR_VENUE_REFERENCE: no venue 'V1'" in str(
        result.errors[0]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("xcri-cap/PG_Generic_XCRI-CAP-1.2.xml", "xcri"),
        ("openreferral-uk/service_full.json", "openreferral"),
        ("openreferral-uk/service_list.json", "openreferral"),
        ("handmade/events.ics", "ical"),
        ("handmade/ncs_courses.csv", "ncs"),
        ("handmade/ncs_venues.csv", "ncs"),
    ],
)
def test_formats_are_detected_from_the_content(name: str, expected: str) -> None:
    path = FIXTURES / name
    assert formats.detect("renamed.txt", path.read_text(encoding="utf-8")) == expected


def test_the_canonical_format_is_still_the_default(sample_courses: tuple[Course, ...]) -> None:
    sample = Path(__file__).parent.parent / "catalogue" / "sample" / "manchester.csv"
    result = formats.read([(sample.name, sample.read_bytes())], tz=LONDON)
    assert len(result.courses) == len(sample_courses)
    forced = formats.read([(sample.name, sample.read_bytes())], tz=LONDON, fmt="ical")
    assert not forced.ok


def test_a_file_that_is_not_text_is_named_for_what_it_is() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    xlsx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00xl/workbook.xml"
    cases = [
        ("courses.csv", png, "courses.csv: this is a PNG image, not a CSV file"),
        ("courses.json", b"%PDF-1.7\n", "courses.json: this is a PDF document, not a JSON file"),
        (
            "courses.csv",
            xlsx,
            "courses.csv: this is an Excel workbook, not a CSV file: in Excel choose Save As > "
            "'CSV UTF-8 (Comma delimited)'",
        ),
        (
            "courses.csv",
            b"PK\x03\x04\x14\x00courses.csv",
            "courses.csv: this is a ZIP archive, not a CSV file: unzip it and send the "
            "catalogue file inside",
        ),
    ]
    for name, data, expected in cases:
        result = formats.read([(name, data)], tz=LONDON, today=TODAY)
        assert [str(e) for e in result.errors] == [expected]
