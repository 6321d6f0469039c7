"""Concepts that are kinds of a broader one: care work and unpaid carers are both care, and
practical driving lessons are driving. A resident who wants to work in care finds care work,
one who looks after a relative finds the carers' group, and a plain "carer" finds both; one
who wants lessons with an instructor is not asking for a theory test course."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW

CARE_WORK = Course(
    id="CARE_WORK",
    title="Introduction to Care Work",
    provider="City College",
    audience="Adults 19+",
    tags=("care work", "Care Certificate", "health and social care"),
    description="Start a career in care: dignity, safeguarding and a guaranteed interview.",
)
CARERS = Course(
    id="CARERS",
    title="Carers' Support Group",
    provider="Carers Centre",
    audience="Adults",
    tags=("carers", "unpaid carers", "peer support"),
    description="For anyone looking after a family member: your rights, a break and a chat.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([CARE_WORK, CARERS], tz=tz)


def ids(ix: index.Index, message: str) -> list[str]:
    return [hit.course.id for hit in ix.search(message, now=NOW, limit=3).hits]


@pytest.mark.parametrize(
    "message",
    [
        "i want to work in a care home",
        "Waxaan rabaa inaan ka shaqeeyo daryeelka dadka waayeelka ah",  # Somali
        "quero trabalhar como cuidador de idosos",
    ],
)
def test_wanting_to_work_in_care_finds_care_work(ix: index.Index, message: str) -> None:
    assert ids(ix, message) == ["CARE_WORK"]


@pytest.mark.parametrize(
    "message",
    [
        "i look after my mum full time and never get a break",
        "Waxaan daryeelaa aabahay oo buka",  # Somali: I care for my sick father
    ],
)
def test_looking_after_a_relative_finds_the_carers_group(ix: index.Index, message: str) -> None:
    assert ids(ix, message)[:1] == ["CARERS"]


def test_a_plain_carer_finds_both(ix: index.Index) -> None:
    assert sorted(ids(ix, "carer")) == ["CARERS", "CARE_WORK"]


def test_a_word_english_shares_with_the_message_language_is_not_the_residents_own(
    tz: ZoneInfo,
) -> None:
    # "de" of "cuidador de idosos" is Portuguese: the resident's own words are not English
    # words missing from the catalogue, which would ask for a course whose title names care.
    career = Course(
        id="CAREER",
        title="Start here",
        provider="City College",
        tags=("care work", "Care Certificate"),
        description="Three weeks on the Care Certificate standards, then interviews.",
    )
    ix = index.build([career], tz=tz)
    assert ids(ix, "curso de cuidador de idosos") == ["CAREER"]


THEORY = Course(
    id="THEORY",
    title="Driving theory test support",
    provider="Library",
    tags=("driving", "theory test", "Highway Code", "hazard perception"),
    description="Practise the theory test questions with a tutor, in plain English.",
)


@pytest.mark.parametrize(
    "message",
    [
        "manual driving lessons in brooklands, cheap instructor",
        "szukam instruktora jazdy, najlepiej na automacie",
        "mujhe gari chalani seekhni hai, koi lady instructor chahiye",
    ],
)
def test_practical_driving_lessons_are_no_theory_course(tz: ZoneInfo, message: str) -> None:
    assert ids(index.build([THEORY], tz=tz), message) == []


@pytest.mark.parametrize(
    "message", ["help with my driving theory test", "want to get my driving licence"]
)
def test_the_theory_or_driving_at_large_finds_the_theory_course(
    tz: ZoneInfo, message: str
) -> None:
    assert ids(index.build([THEORY], tz=tz), message) == ["THEORY"]
