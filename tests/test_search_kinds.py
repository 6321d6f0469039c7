"""Concepts that are kinds of a broader one: care work and unpaid carers are both care, and
practical driving lessons are driving. A resident who wants to work in care finds care work,
one who looks after a relative finds the carers' group, and a plain "carer" finds both; one
who wants lessons with an instructor is not asking for a theory test course."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import ids

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


WORK_RIGHTS = Course(
    id="WORK_RIGHTS",
    title="Know your rights at work",
    provider="Law Centre",
    tags=("employment rights", "minimum wage", "holiday pay"),
    description="Contracts, payslips, sick pay and what to do when you are not paid.",
)
TENANTS = Course(
    id="TENANTS",
    title="Renting safely: tenants' rights",
    provider="Law Centre",
    tags=("tenants", "deposits", "repairs"),
    description="Deposits, repairs, damp and mould, and eviction notices.",
)


def test_workers_and_tenants_rights_are_two_kinds_of_rights(tz: ZoneInfo) -> None:
    ix = index.build([WORK_RIGHTS, TENANTS], tz=tz)
    assert ids(ix, "my boss wont pay me my holiday pay")[:1] == ["WORK_RIGHTS"]
    assert ids(ix, "landlord wont give my deposit back")[:1] == ["TENANTS"]
    assert sorted(ids(ix, "what are my rights")) == ["TENANTS", "WORK_RIGHTS"]
    # a catalogue with tenants' rights only has nothing for unpaid overtime
    tenants_only = index.build([TENANTS], tz=tz)
    assert ids(tenants_only, "work still hasnt paid my overtime, boss wont pay me") == []


@pytest.mark.parametrize(
    "message",
    [
        "boss says I'm not entitled to sick pay cos I'm on zero hours. is that right?",
        "hola, mi jefe no me paga las vacaciones, dónde me pueden asesorar?",
        "szef nie płaci mi za nadgodziny",
    ],
)
def test_asking_whether_work_may_do_that_finds_rights_at_work(tz: ZoneInfo, message: str) -> None:
    ix = index.build([WORK_RIGHTS, TENANTS], tz=tz)
    assert ids(ix, message)[:1] == ["WORK_RIGHTS"]
    assert ids(index.build([TENANTS], tz=tz), message) == []


def test_a_title_naming_the_broader_concept_names_the_narrower(tz: ZoneInfo) -> None:
    both = Course(
        id="BOTH",
        title="Know your rights: housing and work",
        provider="Women's Centre",
        tags=("renting", "employment rights"),
    )
    ix = index.build([both], tz=tz)
    assert ids(ix, "landlord won't sort the damp, what are my rights") == ["BOTH"]


def test_an_electrician_course_is_no_building_site_card(tz: ZoneInfo) -> None:
    cscs = Course(
        id="CSCS",
        title="CSCS card: health and safety on a building site",
        provider="College",
        tags=("construction", "building site", "labourer"),
    )
    electrics = Course(
        id="ELECTRICS",
        title="Introduction to domestic electrical installation",
        provider="College",
        tags=("electrical installation", "wiring"),
    )
    assert ids(index.build([cscs], tz=tz), "is there a course to become an electrician") == []
    both = index.build([cscs, electrics], tz=tz)
    assert ids(both, "thinking of becoming a sparky")[:1] == ["ELECTRICS"]
    assert sorted(ids(both, "construction courses")) == ["CSCS", "ELECTRICS"]


def test_a_professional_accountancy_qualification_is_no_bookkeeping_course(
    tz: ZoneInfo,
) -> None:
    bookkeeping = Course(
        id="BOOKS",
        title="Bookkeeping for beginners",
        provider="Library",
        tags=("bookkeeping", "accounts", "invoices"),
    )
    aat = Course(id="AAT", title="AAT Level 3 Diploma in Accounting", provider="College")
    assert ids(index.build([bookkeeping], tz=tz), "AAT accounting level 3") == []
    both = index.build([bookkeeping, aat], tz=tz)
    assert ids(both, "AAT accounting level 3")[:1] == ["AAT"]
    assert ids(both, "bookkeeping for beginners")[:1] == ["BOOKS"]
