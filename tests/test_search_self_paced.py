"""Courses done at the learner's own pace: online with no set times, or saying so ("at your
own pace", live tutorials besides), asked for as "whenever I want" or "at my own pace"."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course, CourseSession, Mode
from search import index
from search.schedules import self_paced
from tests.conftest import NOW
from tests.reading import read

WEEKLY = tuple(
    CourseSession(NOW + timedelta(days=7 * week), NOW + timedelta(days=7 * week, hours=2))
    for week in range(1, 5)
)
ANYTIME = Course(
    id="ANYTIME",
    title="Online safety lessons",
    provider="Library",
    mode=Mode.ONLINE,
    description="Short online lessons you can do any time on your phone.",
)
TUTORED = Course(
    id="TUTORED",
    title="Care certificate online",
    provider="College",
    mode=Mode.ONLINE,
    sessions=WEEKLY,
    description="Studied online at your own pace, with a live tutorial every Wednesday.",
)
LIVE = Course(
    id="LIVE",
    title="Live online maths class",
    provider="College",
    mode=Mode.ONLINE,
    sessions=WEEKLY,
    description="Join the tutor on Zoom every Tuesday evening.",
)
IN_PERSON = Course(id="ROOM", title="Drop-in computer help", provider="Library")


@pytest.mark.parametrize(
    ("course", "paced"), [(ANYTIME, True), (TUTORED, True), (LIVE, False), (IN_PERSON, False)]
)
def test_a_course_is_self_paced_online_with_no_set_times_or_saying_so(
    course: Course, paced: bool
) -> None:
    assert self_paced(course) is paced


@pytest.mark.parametrize(
    "text",
    [
        "online courses I can do at my own pace",
        "something online i can do whenever i want",
        "curso online a mi ritmo",
    ],
)
def test_own_pace_is_asked_for(text: str) -> None:
    assert read(text).facets.self_paced


def test_self_paced_courses_answer_whenever_i_want(tz: ZoneInfo) -> None:
    ix = index.build([ANYTIME, TUTORED, LIVE, IN_PERSON], tz=tz)
    hits = ix.search("something online i can do whenever i want", now=NOW).hits
    assert {hit.course.id for hit in hits} == {"ANYTIME", "TUTORED"}
