"""XCRI-CAP as real feeds write it: values as element text, UTF-16 from .NET tools, Moodle
course addresses as identifiers, coordinates inside addresses, namespaces slightly wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from catalogue import formats
from catalogue.importer import ImportResult
from catalogue.models import Mode

XCRI = Path(__file__).parent / "fixtures" / "handmade" / "xcri"


def read(name: str) -> ImportResult:
    data = (XCRI / name).read_bytes()
    return formats.read([(name, data)], tz=ZoneInfo("Europe/London"), today=date(2027, 1, 5))


@pytest.mark.parametrize("name", ["text-values.xml", "utf16.xml"])
def test_values_written_as_text_are_read(name: str) -> None:
    result = read(name)
    assert result.ok, result.errors
    courses = {c.id: c for c in result.courses}
    # Moodle's view.php?id=5 and ?id=6 stay two courses.
    online, bricks = courses["view-php-id-5"], courses["view-php-id-6"]
    assert (online.starts_on, online.ends_on) == (date(2027, 1, 18), date(2027, 3, 29))
    assert online.mode is Mode.ONLINE  # "Distance without attendance"
    assert "evening" in online.tags  # "Evening", with no code
    assert online.cost_pence == 0  # "0.0000"
    assert bricks.starts_on == date(2027, 2, 1)  # the dtf attribute wins over the text
    assert bricks.mode is Mode.IN_PERSON


def test_coordinates_inside_an_address_go_to_lat_lon() -> None:
    course = read("text-values.xml").courses[0]
    assert (course.lat, course.lon) == (53.4951, -2.2301)
    assert course.address == "12 Rochdale Road, Manchester"


def test_a_namespace_written_slightly_wrong_is_named() -> None:
    result = read("dc-no-slash.xml")
    assert not result.ok
    message = str(result.errors[0])
    assert "'http://purl.org/dc/elements/1.1'" in message
    assert "'http://purl.org/dc/elements/1.1/'" in message


def test_an_encoding_nobody_knows_is_refused_by_name() -> None:
    # Found by the damaged-file fuzz test: a UTF-16 file whose declaration names no encoding.
    data = '<?xml version="1.0" encoding="aTF-16"?><catalog/>'.encode("utf-16")
    result = formats.read(
        [("odd.xml", data)], tz=ZoneInfo("Europe/London"), today=date(2027, 1, 5)
    )
    assert not result.ok
    assert "declares an encoding Python does not know" in str(result.errors[0])
