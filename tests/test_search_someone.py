"""A long message about someone the resident names by who they are (a child, a teenager)
that shares only a side word with a course is answered by the courses made for that person,
not emptied; a short ask for a subject the catalogue lacks still gets nothing."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW

YOUTH = Course(
    id="YOUTH",
    title="Youth Mentoring and Leadership",
    provider="Sports Trust",
    audience="Young people 16-25",
    tags=("mentoring", "leadership", "youth"),
    description="Weekly sessions with a mentor: plan a community project, build confidence.",
)
COLLEGE = Course(
    id="COLLEGE",
    title="Return to College: Study Skills for Adults",
    provider="City College",
    audience="Adults 19+",
    tags=("study skills", "college"),
    description="Essay writing, note taking and exam technique for adults going back.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([YOUTH, COLLEGE], tz=tz)


def ids(ix: index.Index, message: str) -> list[str]:
    return [hit.course.id for hit in ix.search(message, now=NOW, limit=3).hits]


def test_a_story_about_a_teenager_finds_what_is_made_for_them(ix: index.Index) -> None:
    message = "my 16 yo has nowhere to go after college and is hanging round with a bad crowd"
    assert ids(ix, message) == ["YOUTH"]


@pytest.mark.parametrize(
    "message", ["kickboxing for my 16 year old", "college football trials for my 16 year old"]
)
def test_a_subject_the_catalogue_lacks_still_gets_nothing(ix: index.Index, message: str) -> None:
    assert ids(ix, message) == []
