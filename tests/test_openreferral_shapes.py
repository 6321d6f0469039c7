"""Open Referral UK in every shape its API publishes: an organization with its services, the
`{"services": [...]}` wrapper, a service at a location; times written as the field guidance
writes them ("09:00:00Z"); --provider for services that name none."""

from __future__ import annotations

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
