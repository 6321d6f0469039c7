"""A subject the catalogue lacks gets nothing, even where a course mentions a broader or
other-sense word of it; the subject it has is still found."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from catalogue.models import Course
from search import index
from search.negation import left_out
from tests.conftest import ids

SMARTPHONE = Course(
    id="PHONE",
    title="Get online: smartphone basics",
    provider="Library",
    tags=("smartphone", "WhatsApp", "photos"),
    description="Learn to make video calls, take and send photos and download apps.",
)
PAYSLIPS = Course(
    id="PAY",
    title="Payslips, tax and benefits explained",
    provider="Money advice",
    tags=("payslip", "tax code"),
    description="Understand your payslip, National Insurance number and tax code.",
)
THEORY = Course(
    id="THEORY",
    title="Driving theory test preparation",
    provider="Gurdwara",
    tags=("Highway Code", "road signs"),
)


def test_a_course_that_only_mentions_a_broader_word_is_no_course_in_the_subject(
    tz: ZoneInfo,
) -> None:
    ix = index.build([SMARTPHONE, PAYSLIPS], tz=tz)
    assert ids(ix, "photography course for beginners") == []
    # however much more the message says about it
    told = "photography course for beginners, I've got a new camera and no idea what to do"
    assert ids(ix, told) == []
    # the resident's own word is the course's: it answers
    assert ids(ix, "how do i send photos") == ["PHONE"]
    walk = Course(id="WALK", title="Photography walk", provider="P")
    assert ids(index.build([SMARTPHONE, walk], tz=tz), "photography course")[:1] == ["WALK"]


def test_a_code_that_is_no_coding_is_no_coding_course(tz: ZoneInfo) -> None:
    ix = index.build([PAYSLIPS, THEORY], tz=tz)
    assert ids(ix, "python coding bootcamp") == []
    assert ids(ix, "Quero aprender programação em Python") == []
    assert ids(ix, "what is my tax code") == ["PAY"]


def test_a_childs_class_in_a_subject_nobody_offers_is_no_childrens_course(tz: ZoneInfo) -> None:
    storytime = Course(
        id="STORY", title="Storytime", provider="Library", audience="Children aged 5 to 11"
    )
    ix = index.build([storytime], tz=tz)
    asked = "Alguém sabe de aulas de capoeira para crianças? Meu filho de 8 anos sente falta"
    assert ids(ix, asked) == []
    assert ids(ix, "anything for my 8 year old?") == ["STORY"]


def test_a_word_telling_what_happened_is_no_subject_the_catalogue_lacks(tz: ZoneInfo) -> None:
    college = Course(
        id="NEXT", title="Next steps at college", provider="College", tags=("college",)
    )
    ix = index.build([college], tz=tz)
    assert ids(ix, "i'm 17 and college kicked me out, what can i even do now") == ["NEXT"]
    assert ids(ix, "college taxi number") == []  # a thing the catalogue lacks


def test_a_phrase_whose_telling_word_no_course_uses_is_a_subject_the_catalogue_lacks(
    tz: ZoneInfo,
) -> None:
    volunteering = Course(
        id="PARKS",
        title="Conservation volunteering days",
        provider="Parks",
        tags=("litter picking", "tree planting"),
        description="Work parties along the river: litter picking and planting trees.",
    )
    ix = index.build([volunteering], tz=tz)
    # "forklift licence" is a warehouse skill; "picking" in the tags is no forklift course
    assert ids(ix, "free forklift licence training for beginners") == []
    assert ids(ix, "litter picking volunteering") == ["PARKS"]


def test_a_subject_the_catalogue_lacks_offered_with_an_alternative_it_has(tz: ZoneInfo) -> None:
    yoga = Course(
        id="YOGA",
        title="Gentle yoga",
        provider="Leisure Centre",
        tags=("yoga", "stretching", "flexibility"),
    )
    ix = index.build([yoga], tz=tz)
    assert ids(ix, "pilates or stretching class") == ["YOGA"]
    assert ids(ix, "pilates class") == []  # alone, still a subject it lacks


def test_after_school_is_when_not_homework(tz: ZoneInfo) -> None:
    homework = Course(
        id="HOMEWORK",
        title="Homework club",
        provider="Library",
        audience="Children 8-14",
        tags=("homework", "after school", "maths"),
    )
    ix = index.build([homework], tz=tz)
    assert ids(ix, "kickboxing for teenagers after school") == []
    assert ids(ix, "help with homework after school for my 10 year old") == ["HOMEWORK"]


def test_a_trade_nobody_teaches_is_not_a_course_in_its_sector(tz: ZoneInfo) -> None:
    repair = Course(
        id="FIX",
        title="Repair café",
        provider="Volunteers",
        tags=("repair", "electricals", "bikes"),
        description="Bring your broken lamps and toasters; volunteer fixers mend them with you.",
    )
    cscs = Course(
        id="CSCS",
        title="CSCS card course: health and safety in a construction environment",
        provider="College",
        tags=("construction", "CSCS"),
    )
    ix = index.build([repair, cscs], tz=tz)
    # "Electricals" are appliances to mend, and a site card no plumbing course.
    assert ids(ix, "is there a course to become an electrician") == []
    assert ids(ix, "plumbing course for complete beginners, want to retrain as a plumber") == []
    assert ids(ix, "my toaster is broken, can someone show me how to fix it")[:1] == ["FIX"]
    assert ids(ix, "CSCS card")[:1] == ["CSCS"]


def test_a_trade_named_again_beside_course_is_the_subject_asked(tz: ZoneInfo) -> None:
    change = Course(
        id="CHANGE",
        title="Career Change at 50+: Your Next Chapter",
        provider="Careers service",
        tags=("career change", "retrain", "confidence"),
    )
    ix = index.build([change], tz=tz)
    assert ids(ix, "want to retrain as a hairdresser, is there a hairdressing course?") == []
    assert ids(ix, "I'm 52 and want to retrain, no idea what in")[:1] == ["CHANGE"]


def test_nails_are_a_kind_of_beauty_not_any_beauty_course(tz: ZoneInfo) -> None:
    henna = Course(id="HENNA", title="Mehndi (Henna) Design Workshop", provider="Women's centre")
    therapy = Course(
        id="BEAUTY",
        title="Beauty Therapy Level 2",
        provider="College",
        tags=("facials", "manicure", "waxing"),
    )
    assert ids(index.build([henna], tz=tz), "free nail technician course") == []
    assert ids(index.build([henna, therapy], tz=tz), "nail technician course")[:1] == ["BEAUTY"]
    assert "HENNA" in ids(index.build([henna, therapy], tz=tz), "beauty courses")


def test_a_subject_asked_to_learn_is_not_found_in_a_descriptions_passing_word(
    tz: ZoneInfo,
) -> None:
    """A pensions course explained "in plain English" teaches no English, however long the
    message that asks for English classes."""
    pensions = Course(
        id="PENSIONS",
        title="Planning for retirement: pensions explained",
        provider="Later Life Money",
        tags=("pensions", "retirement planning"),
        description="Workplace and State Pensions explained in plain English.",
    )
    esol = Course(id="ESOL", title="ESOL Entry 1", provider="College", tags=("English",))
    message = "i need english classes for my wife, she just arrived from pakistan"
    assert ids(index.build([pensions], tz=tz), message) == []
    assert ids(index.build([pensions, esol], tz=tz), message) == ["ESOL"]
    assert ids(index.build([pensions], tz=tz), "pensions explained") == ["PENSIONS"]


def test_what_a_course_says_it_does_not_offer_is_no_answer(tz: ZoneInfo) -> None:
    theory = Course(
        id="THEORY-ONLY",
        title="Driving Theory Test Support",
        provider="Good Neighbours",
        tags=("theory test",),
        description="We do not offer driving lessons, but cover the Highway Code. Free.",
    )
    ix = index.build([theory], tz=tz)
    assert ids(ix, "driving lessons near Blackley, how much are they") == []
    assert ids(ix, "help with the driving theory test") == ["THEORY-ONLY"]
    kept = left_out("We do not offer driving lessons, but cover the Highway Code. Free.")
    assert "driving lessons" not in kept
    assert "but cover the Highway Code. Free." in kept  # what follows its "but" stays


def test_a_word_of_the_same_family_shares_most_of_both_words(tz: ZoneInfo) -> None:
    """A painter finds painting; the Spanish "autobús" (bus) is no "autobiography"."""
    memoir = Course(id="MEMOIR", title="Write your autobiography", provider="Library")
    painting = Course(id="PAINT", title="Painting for beginners", provider="Art Club")
    ix = index.build([memoir, painting], tz=tz)
    assert ids(ix, "i am a painter") == ["PAINT"]
    assert ids(ix, "¿Dónde saco el autobús para Didsbury?") == []
