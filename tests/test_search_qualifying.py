"""Courses that lead to a qualification or certificate, asked for as "with a qualification at
the end" or "con certificado": by a course's level, title or description."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from search.awards import gives_qualification
from tests.conftest import NOW
from tests.reading import read

FIRST_AID = Course(
    id="FAW",
    title="Emergency First Aid at Work",
    provider="St John",
    tags=("first aid",),
    description="A one-day course with a certificate valid for three years.",
)
TASTER = Course(
    id="TASTER",
    title="First aid taster",
    provider="Library",
    tags=("first aid",),
    description="A friendly hour to try the basics. No qualification needed.",
)
MATHS = Course(id="MATHS", title="Maths", provider="College", level="Level 2")
CHEF = Course(id="CHEF", title="Cook with an award-winning chef", provider="Kitchen")


@pytest.mark.parametrize(
    ("course", "gives"), [(FIRST_AID, True), (TASTER, False), (MATHS, True), (CHEF, False)]
)
def test_a_course_leads_to_a_qualification_by_its_level_title_or_description(
    course: Course, gives: bool
) -> None:
    assert gives_qualification(course) is gives


@pytest.mark.parametrize(
    "text",
    [
        "free courses with a qualification at the end in Openshaw",
        "Necesito un curso de first aid con certificado",
        "which courses give you a qualification",
    ],
)
def test_a_qualification_is_asked_for(text: str) -> None:
    assert read(text).facets.qualifying


def test_first_aid_with_a_certificate_finds_the_certificated_course(tz: ZoneInfo) -> None:
    ix = index.build([FIRST_AID, TASTER, MATHS], tz=tz)
    hits = ix.search("first aid course with a certificate", now=NOW).hits
    assert [hit.course.id for hit in hits] == ["FAW"]
