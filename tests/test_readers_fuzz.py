"""Every reader, on damaged files: real samples of each format cut short, with bytes changed,
lines dropped or repeated, and random bytes. A reader only ever ends in a load or in the
importer's own refusal: never another exception, never minutes on one file."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue import formats
from store.live import sample_path
from tests.damage import damaged

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = [
    (path.suffix, path.read_bytes())
    for path in sorted(FIXTURES.rglob("*"))
    if path.suffix in (".csv", ".json", ".xml", ".ics") and "entity_bomb" not in path.name
] + [(".csv", sample_path().read_bytes()[:6000])]


def _damaged_file(sample: tuple[str, bytes]) -> st.SearchStrategy[tuple[str, bytes]]:
    suffix, data = sample
    return damaged([data], newline=b"\n", changes=8).map(lambda d: (f"damaged{suffix}", d))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.one_of(
        st.sampled_from(SAMPLES).flatmap(_damaged_file),
        st.tuples(st.sampled_from(["x.csv", "x.json", "x.xml", "x.ics"]), st.binary(max_size=300)),
    )
)
def test_a_damaged_file_is_loaded_or_refused_never_crashes(file: tuple[str, bytes]) -> None:
    name, data = file
    started = time.monotonic()
    result = formats.read(
        [(name, data)], tz=ZoneInfo("Europe/London"), today=date(2027, 1, 5), provider="P"
    )
    assert time.monotonic() - started < 5
    assert result.ok or result.errors
    assert all(course.id and course.title for course in result.courses)
