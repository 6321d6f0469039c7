"""The course directory's earlier bulk-upload template: ID, VENUE, URL and
WHO_IS_THIS_COURSE_FOR columns, American dates with a time, costs with thousands separators,
web addresses without a scheme; problems name the file's own columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from catalogue import formats
from catalogue.importer import ImportResult

HERE = Path(__file__).parent / "fixtures" / "handmade" / "ncs"


def read(name: str) -> ImportResult:
    data = (HERE / name).read_bytes()
    return formats.read(
        [(name, data)],
        tz=ZoneInfo("Europe/London"),
        today=date(2027, 1, 5),
        provider="Northside College",
    )


def test_the_earlier_template_is_read() -> None:
    text = (HERE / "earlier-template.csv").read_text()
    assert formats.detect("courses.csv", text) == "ncs"
    result = read("earlier-template.csv")
    assert result.ok, result.errors
    courses = {c.id: c for c in result.courses}
    books = courses["BK-101"]
    assert books.starts_on == date(2027, 4, 27)  # 4/27/2027 12:00:00 AM
    assert books.cost_pence == 125_000  # "1,250.00"
    assert books.booking_url == "https://www.northside.example/bookkeeping"
    assert books.venue == "Northside Campus"
    assert books.audience == "Adults starting in finance"
    assert courses["ESOL-2"].is_free


def test_a_bad_date_is_named_by_the_files_own_column() -> None:
    result = read("earlier-bad-date.csv")
    assert [str(e) for e in result.errors] == [
        "line 2, column START_DATE: '27th April' is not a date like 27/04/2027"
    ]
