"""Open Referral UK in every shape its API publishes: an organization with its services, the
`{"services": [...]}` wrapper, a service at a location; times written as the field guidance
writes them ("09:00:00Z"); --provider for services that name none."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from catalogue import formats
from catalogue.importer import ImportResult

LONDON = ZoneInfo("Europe/London")
HERE = Path(__file__).parent / "fixtures" / "handmade" / "openreferral"


def read(name: str, provider: str = "") -> ImportResult:
    data = (HERE / name).read_bytes()
    return formats.read([(name, data)], tz=LONDON, today=date(2027, 1, 5), provider=provider)


def test_an_organization_provides_its_nested_services() -> None:
    result = read("organization.json")
    assert result.ok, result.errors
    (sewing,) = result.courses
    assert sewing.provider == "Longsight Community Learning"
    assert sewing.is_free
    first = sewing.sessions[0].start.astimezone(LONDON)
    assert (first.strftime("%a %H:%M"), len(sewing.sessions)) == ("Wed 10:00", 8)


def test_the_services_wrapper_is_recognised() -> None:
    assert formats.detect("wrapped.json", (HERE / "wrapped.json").read_text()) == "openreferral"
    (cv,) = read("wrapped.json").courses
    assert cv.provider == "Jobs Hub"
    assert cv.sessions[0].start.astimezone(LONDON).strftime("%a %H:%M") == "Thu 09:00"


def test_a_service_at_a_location_takes_the_place_and_a_provider_given() -> None:
    assert not read("service-at-location.json").ok  # no provider named anywhere
    (walk,) = read("service-at-location.json", provider="Clayton Vale Friends").courses
    assert walk.provider == "Clayton Vale Friends"
    assert (walk.venue, walk.postcode, walk.lat) == ("Clayton Vale", "M11 4TW", 53.4851)


def page_of(number: int, pages: int) -> bytes:
    service = {
        "id": f"S{number}",
        "name": f"Service {number}",
        "organization": {"name": "Hulme Makers"},
    }
    body = {
        "total_items": pages,
        "total_pages": pages,
        "page_number": number,
        "size": 1,
        "first_page": number == 1,
        "last_page": number == pages,
        "contents": [service],
    }
    return json.dumps(body).encode()


def test_one_page_of_a_paged_directory_is_named_with_the_pages_missing() -> None:
    listed = Path(__file__).parent / "fixtures" / "openreferral-uk" / "service_list.json"
    result = formats.read([("list.json", listed.read_bytes())], tz=LONDON, today=date(2027, 1, 5))
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "list.json: page 1 of a directory of 10 pages: 9 missing (2, 3, 4, 5, 6, 7, 8, 9, 10), "
        "so only part of its 10 services is loaded; fetch every page (or one large page) and "
        "import them together"
    ]


def test_every_page_given_together_loads_without_a_warning() -> None:
    files = [(f"page{n}.json", page_of(n, 3)) for n in (1, 2, 3)]
    result = formats.read(files, tz=LONDON, today=date(2027, 1, 5))
    assert result.ok
    assert not result.warnings
    assert len(result.courses) == 3
    partial = formats.read(files[:2], tz=LONDON, today=date(2027, 1, 5))
    assert [str(w).split(": ", 1)[1] for w in partial.warnings] == [
        "pages 1, 2 of a directory of 3 pages: 1 missing (3), so only part of its 3 services is "
        "loaded; fetch every page (or one large page) and import them together"
    ]
