"""A level asked for ("intermediate level", "for beginners") is met by courses made for it and
by those that take every level; the course made for it comes first."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from search.audiences import for_every_level
from tests.conftest import NOW
from tests.reading import read

EVERY_LEVEL = Course(id="ALL", title="Allotment club", provider="Park", level="All levels")
IMPROVERS = Course(id="IMP", title="Allotment improvers", provider="Park", level="Intermediate")
STARTERS = Course(id="BEG", title="Allotment starter", provider="Park", level="Beginner")


@pytest.mark.parametrize(
    ("level", "every"),
    [("All levels", True), ("Mixed ability", True), ("Intermediate", False), ("", False)],
)
def test_a_course_takes_every_level_when_its_level_says_so(level: str, every: bool) -> None:
    assert for_every_level(level) is every


@pytest.mark.parametrize(
    "text", ["any intermediate level courses?", "beginner level please", "advanced level"]
)
def test_a_level_and_the_word_level_are_one_facet(text: str) -> None:
    parsed = read(text)
    assert parsed.facets.levels
    assert not parsed.slots


def test_a_course_made_for_the_level_asked_comes_before_one_for_every_level(
    tz: ZoneInfo,
) -> None:
    ix = index.build([EVERY_LEVEL, IMPROVERS, STARTERS], tz=tz)
    hits = ix.search("any intermediate level courses? im not a beginner", now=NOW).hits
    assert [hit.course.id for hit in hits] == ["IMP", "ALL"]
    hits = ix.search("allotment for beginners", now=NOW).hits
    assert [hit.course.id for hit in hits][:2] == ["BEG", "ALL"]
