"""A bad optional field (postcode, booking page, coordinates): the canonical CSV and JSON refuse
the row, as the contract says of any invalid row, and say what would do; a publisher's feed,
which the admin cannot correct, loads without the field and a warning naming record and field,
whatever the format."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from catalogue import formats
from catalogue.importer import ImportResult

LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 1, 5)
CSV = "id,title,provider,postcode,lat,lon,booking_url\n"


def read(name: str, text: str, *, skip_bad_rows: bool = False) -> ImportResult:
    return formats.read(
        [(name, text.encode())], tz=LONDON, today=TODAY, skip_bad_rows=skip_bad_rows
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "A,Pottery,P,NOT A POSTCODE,,,",
            "line 2, column postcode: not a UK postcode like M15 5RG (or leave it empty): "
            "'NOT A POSTCODE'",
        ),
        (
            "A,Pottery,P,,,,www.example.org/book",
            "line 2, column booking_url: expected a web address starting with http:// or "
            "https:// (or leave it empty): 'www.example.org/book'",
        ),
        ("A,Pottery,P,,253.5,-2.2,", "line 2, column lat: expected a number from -90 to 90"),
    ],
)
def test_the_canonical_csv_refuses_the_row_and_says_what_would_do(row: str, expected: str) -> None:
    result = read("c.csv", CSV + row + "\n")
    assert not result.ok
    assert str(result.errors[0]).startswith(expected)
    skipped = read(
        "c.csv", CSV + row + "\nB,Knitting,P,,,,http://example.org/b\n", skip_bad_rows=True
    )
    assert [c.id for c in skipped.courses] == ["B"]  # http is allowed, as the contract says


def test_canonical_json_refuses_it_the_same_way() -> None:
    text = json.dumps([{"id": "A", "title": "Pottery", "provider": "P", "postcode": "XYZ"}])
    result = read("c.json", text)
    assert str(result.errors[0]).startswith("line 1, column postcode: not a UK postcode")


def test_open_referral_leaves_out_a_booking_page_that_is_not_one() -> None:
    service = {
        "id": "S1",
        "name": "Pottery",
        "organization": {"name": "Hulme Makers"},
        "url": "ftp://example.org/pottery",
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO", "opens_at": "18:00", "closes_at": "20:00"}
        ],
    }
    result = read("or.json", json.dumps({"services": [service]}))
    assert result.ok, result.errors
    assert result.courses[0].booking_url == ""
    assert [str(w) for w in result.warnings] == [
        "service 1 (Pottery), field url: 'ftp://example.org/pottery' is not a web address "
        "starting with http:// or https://; left out"
    ]


def test_xcri_leaves_out_coordinates_off_the_map_and_a_page_that_is_not_one() -> None:
    xcri = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://xcri.org/profiles/1.2/catalog" xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns:mlo="http://purl.org/net/mlo" xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#">
  <provider>
    <dc:title>Northside College</dc:title>
    <course>
      <dc:identifier>ESOL-1</dc:identifier>
      <dc:title>ESOL evenings</dc:title>
      <mlo:url>northside.example.org/esol</mlo:url>
      <presentation><mlo:start dtf="2027-01-11"/><end dtf="2027-03-26"/></presentation>
    </course>
    <mlo:location>
      <mlo:address>1 College Way<geo:lat>253.5</geo:lat><geo:long>-2.2</geo:long></mlo:address>
      <mlo:postcode>M8 8PT</mlo:postcode>
    </mlo:location>
  </provider>
</catalog>"""
    result = read("x.xml", xcri)
    assert result.ok, result.errors
    (course,) = result.courses
    assert (course.lat, course.lon, course.booking_url) == (None, None, "")
    assert sorted(str(w).split(": ", 1)[1] for w in result.warnings) == [
        "'northside.example.org/esol' is not a web address starting with http:// or https://; "
        "left out",
        "coordinates 253.5, -2.2 are off the map; left out",
    ]


def test_an_ical_geo_off_the_map_is_left_out_instead_of_refusing_the_calendar() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nX-WR-CALNAME:Hub\r\n"
        "BEGIN:VEVENT\r\nUID:a@hub\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Yoga\r\n"
        "DTSTART;TZID=Europe/London:20270106T140000\r\nDURATION:PT1H\r\nGEO:253.5;-2.2\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = read("hub.ics", ics)
    assert result.ok, [str(e) for e in result.errors]
    assert result.courses[0].lat is None
    assert [str(w) for w in result.warnings] == [
        "event 1 (Yoga), field GEO: coordinates 253.5, -2.2 are off the map; left out"
    ]


def test_the_course_directory_leaves_out_a_page_that_is_not_one() -> None:
    text = (
        "COURSE_NAME,YOUR_REFERENCE,PROVIDER_NAME,START_DATE,COURSE_WEBPAGE\n"
        "Maths,M1,Northside College,14/01/2027,see our prospectus\n"
    )
    result = read("ncs.csv", text)
    assert result.ok, result.errors
    assert [str(w) for w in result.warnings] == [
        "line 2, field COURSE_WEBPAGE: 'see our prospectus' is not a web address starting with "
        "http:// or https://; left out"
    ]
