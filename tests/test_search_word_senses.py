"""A phrase read in the sense its neighbours give it: coming out of prison is no coming out,
and a prisoner in their own home is lonely, not a prison leaver."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW

FRESH_START = Course(
    id="FRESH",
    title="Fresh Start: Employment Support for People with Convictions",
    provider="Back on Track",
    category="Employability",
    tags=("ex-offenders", "DBS", "disclosure", "CV"),
    description="When and how to disclose convictions, and employers who welcome you.",
)
RAINBOW = Course(
    id="RAINBOW",
    title="Rainbow Social: LGBTQ+ Coffee Morning",
    provider="LGBT Foundation",
    category="Community",
    tags=("LGBT", "coming out", "social"),
    description="A friendly morning for lesbian, gay, bi and trans people to meet.",
)
FRIENDS = Course(
    id="FRIENDS",
    title="Friendship Lunch Club",
    provider="Age Friendly Manchester",
    category="Community",
    tags=("lonely", "social", "lunch"),
    description="A hot lunch and a chat every week for anyone who feels cut off.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([FRESH_START, RAINBOW, FRIENDS], tz=tz)


def found(ix: index.Index, message: str) -> list[str]:
    return [hit.course.id for hit in ix.search(message, now=NOW, limit=3).hits]


@pytest.mark.parametrize(
    "message",
    [
        "anything for lads coming out of prison? our kid gets out in Feb",
        "just got out of strangeways, probation said find something to do",
        "mi hermano sale de la cárcel en marzo y necesita trabajo",
    ],
)
def test_leaving_prison_asks_for_courses_for_people_with_convictions(
    ix: index.Index, message: str
) -> None:
    assert found(ix, message)[:1] == ["FRESH"]


def test_coming_out_alone_is_still_coming_out(ix: index.Index) -> None:
    assert found(ix, "somewhere friendly for people coming out")[:1] == ["RAINBOW"]


def test_a_prisoner_in_their_own_home_is_lonely(ix: index.Index) -> None:
    message = "since my stroke I feel like a prisoner in my own home, I never see anyone"
    assert found(ix, message)[:1] == ["FRIENDS"]
