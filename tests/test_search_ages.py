"""An age given for someone under 18 leaves out courses for adults, but not those whose
audience takes that age: "Adults 16+" takes a 17-year-old, "Adults 19+" does not."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW


def coaching(course_id: str, audience: str) -> Course:
    return Course(
        id=course_id,
        title="Introduction to Football Coaching",
        provider="Sports Trust",
        audience=audience,
        tags=("football", "coaching"),
        description="Run safe, fun football sessions for a grassroots team.",
    )


@pytest.mark.parametrize(
    ("audience", "takes_17"),
    [
        ("Adults 16+", True),
        ("Young people 16-24", True),
        ("Adults aged 17 and over", True),
        ("Adults 19+", False),
        ("Adults", False),
    ],
)
def test_a_course_for_adults_takes_a_minor_its_audience_admits(
    tz: ZoneInfo, audience: str, takes_17: bool
) -> None:
    ix = index.build([coaching("FOOTBALL", audience)], tz=tz)
    hits = ix.search("football coaching course for my 17 year old", now=NOW, limit=3).hits
    assert bool(hits) == takes_17


def test_a_course_for_adults_from_16_does_not_take_a_15_year_old(tz: ZoneInfo) -> None:
    ix = index.build([coaching("FOOTBALL", "Adults 16+")], tz=tz)
    assert not ix.search("football coaching course for my 15 year old", now=NOW).hits


def code_club(course_id: str, audience: str) -> Course:
    return Course(
        id=course_id,
        title="Code Club",
        provider="Library",
        audience=audience,
        tags=("coding", "scratch", "python"),
        description="Make games and animations with Scratch, then Python.",
    )


def test_an_age_range_in_an_audience_says_whom_it_takes(tz: ZoneInfo) -> None:
    """An audience of "Ages 8-12" takes a 10-year-old, whatever its words call them;
    "Adults 18+" does not."""
    courses = [code_club("ADULTS", "Adults 18+"), code_club("KIDS", "Ages 8-12")]
    ix = index.build(courses, tz=tz)
    hits = ix.search("code club for my 10 year old", now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits] == ["KIDS"]


def sports(course_id: str, audience: str) -> Course:
    return Course(
        id=course_id,
        title="Multi-Sports",
        provider="Football Trust",
        audience=audience,
        tags=("sport", "football", "basketball"),
        description="Football, basketball and dodgeball with our coaches.",
    )


def test_a_course_whose_ages_leave_out_the_age_given_comes_after(tz: ZoneInfo) -> None:
    """A course for "Children 8-14" is no answer for a 17-year-old while one for 16-25s is."""
    courses = [sports("KIDS", "Children 8-14"), sports("YOUTH", "Young people 16-25")]
    ix = index.build(courses, tz=tz)
    hits = ix.search("something sporty for my lad, hes 17", now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits][:1] == ["YOUTH"]


def test_an_open_range_leaves_no_age_too_old(tz: ZoneInfo) -> None:
    """An audience of "Adults 19+ and 16-18s" takes a 25-year-old as well as "Adults" does."""
    courses = [sports("BOTH", "Adults 19+ and 16-18s"), sports("ADULTS", "Adults")]
    ix = index.build(courses, tz=tz)
    hits = ix.search("something sporty in the evenings, im 25", now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits] == ["BOTH", "ADULTS"]


def test_adult_asks_for_a_grown_up_not_a_childs_course(tz: ZoneInfo) -> None:
    children = Course(
        id="KIDS",
        title="Reading with your child",
        provider="Library",
        audience="Children 5-11 with a parent",
        tags=("reading", "literacy", "phonics"),
    )
    adults = Course(
        id="ADULTS",
        title="Functional Skills English",
        provider="College",
        audience="Adults 19+",
        tags=("literacy", "reading", "writing"),
    )
    ix = index.build([children, adults], tz=tz)
    hits = ix.search("adult literacy classes", now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits][:1] == ["ADULTS"]


def test_a_childrens_course_is_no_answer_for_adults_said_so(tz: ZoneInfo) -> None:
    clay = Course(
        id="CLAY",
        title="Children's art club: drawing, painting and clay",
        provider="Library",
        audience="Children 6-11",
        tags=("art", "clay", "pottery"),
    )
    toddlers = Course(
        id="TODDLERS",
        title="Stay and play",
        provider="Family hub",
        audience="Parents and children 0-4",
        tags=("toddlers", "play"),
    )
    ix = index.build([clay, toddlers], tz=tz)
    assert not ix.search("pottery class for adults in Chorlton", now=NOW).hits
    assert not ix.search("Spanish evening class for adults. For me, not the kids", now=NOW).hits
    # Missing grown-up company is no ask for a course for adults only.
    lonely = "stuck at home with a toddler all week and never talk to another adult"
    assert [hit.course.id for hit in ix.search(lonely, now=NOW).hits][:1] == ["TODDLERS"]


def test_an_adverb_beside_an_audience_asks_for_the_audiences_courses(tz: ZoneInfo) -> None:
    """ "Specifically" matches nothing and says no subject: the over-50s' course answers."""
    older = Course(id="OLDER", title="Chair yoga", provider="Age UK", audience="Over 50s")
    anyone = Course(id="ANYONE", title="Pottery", provider="Studio", audience="Adults")
    ix = index.build([older, anyone], tz=tz)
    found = [
        hit.course.id for hit in ix.search("anything specifically for over 50s?", now=NOW).hits
    ]
    assert found[:1] == ["OLDER"]


def test_a_family_course_is_no_answer_for_adults_said_so(tz: ZoneInfo) -> None:
    """ "No kids", "for adults": a cooking session for families is for children too."""
    family = Course(
        id="FAMILY",
        title="Family cook and eat",
        provider="Community kitchen",
        audience="Families",
        tags=("cooking",),
    )
    adults = Course(
        id="ADULTS",
        title="Cooking on a budget",
        provider="Community kitchen",
        audience="Adults 19+",
        tags=("cooking",),
    )
    ix = index.build([family, adults], tz=tz)
    for text in ("cooking class for adults", "cooking on saturdays, just for me no kids"):
        assert [hit.course.id for hit in ix.search(text, now=NOW).hits] == ["ADULTS"]
    assert {hit.course.id for hit in ix.search("cooking class", now=NOW).hits} == {
        "FAMILY",
        "ADULTS",
    }


def test_a_toddlers_age_is_no_learners_age(tz: ZoneInfo) -> None:
    """ "I want to learn English, I have a 2 year old": the toddler comes along; a course
    for adults is for the parent, not too old for the child."""
    esol = Course(
        id="ESOL",
        title="ESOL Entry 2 for women (with creche)",
        provider="College",
        audience="Women",
        tags=("ESOL", "English", "creche"),
    )
    ix = index.build([esol], tz=tz)
    found = ix.search("my wife wants to learn english and we have a 2 year old", now=NOW)
    assert [hit.course.id for hit in found.hits] == ["ESOL"]
    assert not ix.search("english class for my 9 year old", now=NOW).hits


def test_kids_asked_for_in_a_short_message_leave_out_courses_for_adults(tz: ZoneInfo) -> None:
    """ "Tennis lessons for kids", no age said: a tennis class for adults is no answer."""
    tennis = Course(
        id="TENNIS",
        title="Tennis for beginners",
        provider="Leisure centre",
        audience="Adults 18+",
        tags=("tennis",),
    )
    ix = index.build([tennis], tz=tz)
    assert not ix.search("tennis lessons for kids", now=NOW).hits
    assert [hit.course.id for hit in ix.search("tennis lessons", now=NOW).hits] == ["TENNIS"]
