"""In a message about the resident's situation, a course made for a group (women, disabled
adults, carers) comes after an equally good one open to any adult when the message gives no
sign of the group, and keeps its place when it does."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW

ANY_ADULT = Course(
    id="ANY",
    title="Back to Work: CVs, Applications and Interviews",
    provider="Jobs Club",
    audience="Adults 19+",
    tags=("interviews", "cv", "job search"),
    description="Write a CV that gets read and walk into interviews feeling ready.",
)
WOMEN = Course(
    id="WOMEN",
    title="Women into Work: CVs, Applications and Interviews",
    provider="Jobs Club",
    audience="Women",
    tags=("interviews", "cv", "job search", "confidence"),
    description="Write a CV that gets read and walk into interviews feeling ready, with "
    "other women returning to work.",
)
DISABLED = Course(
    id="DISABLED",
    title="Into Work: CVs, Applications and Interviews for Disabled Jobseekers",
    provider="Jobs Club",
    audience="Disabled adults",
    tags=("interviews", "cv", "job search", "disability"),
    description="Write a CV that gets read and walk into interviews feeling ready, and know "
    "your rights to reasonable adjustments.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([WOMEN, DISABLED, ANY_ADULT], tz=tz)


def first(ix: index.Index, message: str, count: int = 3) -> str:
    hits = ix.search(message, now=NOW, limit=3).hits
    assert len(hits) == count  # every course still answers; only the order changes
    return hits[0].course.id


def test_the_course_for_any_adult_comes_first_when_no_group_is_named(ix: index.Index) -> None:
    message = "been out of work a long time and interviews terrify me now, where do i start"
    hits = ix.search(message, now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits] == ["ANY", "WOMEN", "DISABLED"]
    # The words alone put the women's course a little ahead ("returning to work").
    assert hits[1].score > hits[0].score


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("im a woman, been out of work a long time and interviews terrify me now", "WOMEN"),
        ("I'm disabled, been out of work a long time and interviews terrify me now", "DISABLED"),
    ],
)
def test_a_group_named_keeps_its_course_in_front(
    ix: index.Index, message: str, expected: str
) -> None:
    assert first(ix, message) == expected


ESOL = Course(
    id="ESOL",
    title="ESOL Entry 1: Speaking and Listening",
    provider="Adult Learning",
    audience="Adults 19+",
    tags=("esol", "english", "speaking"),
    description="Speak English with more confidence: shopping, the doctor, your child's school.",
)
ESOL_WOMEN = Course(
    id="ESOL-WOMEN",
    title="Beginners English for Women",
    provider="Adult Learning",
    audience="Women only",
    tags=("esol", "english"),
    description="A friendly first English class, taught by a woman, with a creche.",
)


@pytest.mark.parametrize(
    "message",
    [
        "my wife doesnt speak much english and she wont go to a class if there are men in it",
        "wife just arrived, knows zero english and she is very shy with men around",
        "Moja żona słabo mówi po angielsku, szuka kursu angielskiego bez mężczyzn",
    ],
)
def test_a_women_only_class_asked_in_a_story_comes_first(tz: ZoneInfo, message: str) -> None:
    """Facets in a story are hints, but a class without men is a condition."""
    ix = index.build([ESOL, ESOL_WOMEN], tz=tz)
    hits = ix.search(message, now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits][:1] == ["ESOL-WOMEN"]


def phone_help(course_id: str, audience: str) -> Course:
    return Course(
        id=course_id,
        title="Phone Help: the NHS App and Booking the GP",
        provider="Library",
        audience=audience,
        tags=("smartphone", "nhs app", "gp"),
        description="Book a GP appointment and order repeat prescriptions on your phone.",
    )


def test_where_someone_comes_from_is_a_sign_of_their_group(tz: ZoneInfo) -> None:
    """Saying "my mum came from Hong Kong" is no ask for Chinese, but it is a sign that a
    course for Chinese speakers suits her."""
    ix = index.build(
        [phone_help("CHINESE", "Chinese speakers"), phone_help("ANY", "Adults")], tz=tz
    )
    message = "my mum came from hong kong last year and cant use the nhs app on her phone"
    assert first(ix, message, count=2) == "CHINESE"
