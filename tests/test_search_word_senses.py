"""A phrase read in the sense its neighbours give it: coming out of prison is no coming out,
a prisoner in their own home is lonely, not a prison leaver, and a language asked to learn
("Mandarin evening class") is not one a course is merely taught in."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import NOW, ids
from tests.reading import read

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
    assert ids(ix, message)[:1] == ["FRESH"]


def test_coming_out_alone_is_still_coming_out(ix: index.Index) -> None:
    assert ids(ix, "somewhere friendly for people coming out")[:1] == ["RAINBOW"]


def test_a_prisoner_in_their_own_home_is_lonely(ix: index.Index) -> None:
    message = "since my stroke I feel like a prisoner in my own home, I never see anyone"
    assert ids(ix, message)[:1] == ["FRIENDS"]


TAI_CHI = Course(
    id="TAICHI",
    title="Cantonese Tai Chi & Health Talk for Older People",
    provider="Wai Yin Society",
    category="Older people",
    tags=("tai chi", "Cantonese", "balance"),
    language="Cantonese",
)
COMPUTERS_IN_ARABIC = Course(
    id="PC-AR",
    title="Computer Basics in Arabic",
    provider="Refugee Action",
    category="Digital skills",
    tags=("computers", "email", "Arabic"),
    language="Arabic",
)
POLISH_SCHOOL = Course(
    id="PL-SCHOOL",
    title="Polish Saturday School (Polska Szkoła Sobotnia)",
    provider="Polish Community Association",
    category="Children & young people",
    tags=("Polish", "children", "heritage language", "reading"),
    language="Polish",
)
POLISH_TOTS = Course(
    id="PL-TOTS",
    title="Mama i Ja: Polish Parent and Toddler Group",
    provider="Library",
    category="Family learning",
    tags=("toddlers", "Polish", "stay and play"),
    language="Polish",
)


@pytest.fixture
def spoken(tz: ZoneInfo) -> index.Index:
    return index.build([TAI_CHI, COMPUTERS_IN_ARABIC, POLISH_SCHOOL, POLISH_TOTS], tz=tz)


@pytest.mark.parametrize(
    "message",
    ["Mandarin evening class for beginners", "Arabic lessons for my kids at the weekend"],
)
def test_a_language_to_learn_is_not_one_a_course_is_taught_in(
    spoken: index.Index, message: str
) -> None:
    assert ids(spoken, message) == []


def test_a_course_that_teaches_the_language_it_is_taught_in_still_answers(
    spoken: index.Index,
) -> None:
    assert ids(spoken, "polish lessons for my son")[:1] == ["PL-SCHOOL"]


@pytest.mark.parametrize(
    ("message", "course"),
    [
        ("computer class in Arabic", "PC-AR"),
        ("Gdzie mogę pójść z dwulatkiem na zajęcia po polsku?", "PL-TOTS"),
        ("tai chi for my grandad, he only speaks Cantonese", "TAICHI"),
    ],
)
def test_a_language_spoken_still_finds_courses_taught_in_it(
    spoken: index.Index, message: str, course: str
) -> None:
    assert course in ids(spoken, message)


def test_learning_to_speak_a_language_is_still_learning_it(spoken: index.Index) -> None:
    assert ids(spoken, "I want to learn to speak Cantonese classes please") == []


def test_a_course_named_as_where_the_resident_is_heading_is_not_what_is_asked(
    tz: ZoneInfo,
) -> None:
    """The maths asked, not the nursing course the resident is heading for ("need my maths
    gcse to get on the nursing course"), which this catalogue lacks."""
    maths = Course(
        id="MATHS",
        title="GCSE Maths for Adults",
        provider="College",
        tags=("maths", "gcse"),
        description="Get the grade 4 you need for work or further study.",
    )
    ix = index.build([maths], tz=tz)
    message = "need my maths gcse to get on the nursing course in september"
    assert [hit.course.id for hit in ix.search(message, now=NOW).hits] == ["MATHS"]
    assert not ix.search("nursing course in september", now=NOW).hits


BEREAVEMENT = Course(
    id="GRIEF",
    title="Bereavement Support Group",
    provider="Bereavement Companions",
    category="Wellbeing",
    tags=("bereavement", "grief", "loss"),
    description="A fortnightly group for anyone who has lost someone close.",
)
FALLS = Course(
    id="FALLS",
    title="Strength and Balance: Falls Prevention Class",
    provider="Active Lives",
    category="Health & wellbeing",
    tags=("falls prevention", "balance", "older people"),
)
CHAIR = Course(
    id="CHAIR",
    title="Chair-Based Exercise",
    provider="Active Lives",
    category="Health & wellbeing",
    tags=("exercise", "gentle", "older people"),
)


@pytest.mark.parametrize(
    ("message", "course"),
    [
        ("lost my husband in the autumn and I'm not coping", "GRIEF"),
        ("lost my wife in november and the house is so quiet", "GRIEF"),
        ("me nan had a fall before christmas and she's scared to go out", "FALLS"),
        ("class to help me feel steady on my feet", "FALLS"),
    ],
)
def test_a_phrase_of_a_narrow_subject_asks_for_it_not_a_broader_one(
    tz: ZoneInfo, message: str, course: str
) -> None:
    """A phrase once listed under a broad subject and a narrow one reads as the narrow one: a
    widow asks for a bereavement group before a lunch club, a fall for falls prevention."""
    ix = index.build([BEREAVEMENT, FRIENDS, FALLS, CHAIR], tz=tz)
    assert ids(ix, message)[:1] == [course]


def test_with_no_bereavement_group_a_lonely_widower_finds_company(tz: ZoneInfo) -> None:
    ix = index.build([FRIENDS, CHAIR], tz=tz)
    message = "I'm 67, lost my wife in March and some weeks I don't speak to a soul"
    assert ids(ix, message)[:1] == ["FRIENDS"]


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        ("apply apply apply and nobody ever rings me back", set()),
        ("saw a fella collapse and I felt so useless", {"firstaid"}),
        ("theres black mould all over the bedroom wall", {"damp"}),
        ("engagement ring workshop", {"jewellery"}),
    ],
)
def test_a_word_is_read_in_the_sense_of_its_phrase(text: str, concepts: set[str]) -> None:
    """A call is no ring to make, a feeling no felt, and mould is damp, not energy."""
    assert {slot.concept for slot in read(text).slots} - {None} == concepts


BANKING = Course(
    id="BANK",
    title="Online Banking Made Simple",
    provider="Library",
    category="Digital skills",
    tags=("online banking", "banking app", "digital skills"),
    description="Check your balance, pay bills and spot fake texts on your bank's app.",
)
DIGITAL = Course(
    id="DIGITAL",
    title="Digital Skills for Beginners",
    provider="Library",
    category="Digital skills",
    tags=("computers", "email", "internet", "digital skills"),
    description="Use a computer, send emails and search the internet.",
)
COUCH = Course(
    id="RUN",
    title="Couch to 5K for Beginners",
    provider="Parks",
    category="Fitness",
    tags=("jogging", "couch to 5k"),
    description="Go from the sofa to 5K in nine weeks.",
)
GYM = Course(
    id="GYM",
    title="Beginners Circuits",
    provider="Leisure Centre",
    category="Fitness",
    tags=("exercise", "fitness"),
)


@pytest.mark.parametrize(
    ("message", "course"),
    [
        ("mama nie umie korzystać z aplikacji bankowej, jest jakiś kurs?", "BANK"),
        ("我想学怎么用手机银行", "BANK"),
        ("quiero empezar a correr, soy principiante", "RUN"),
        ("want to get fit, any exercise classes", "GYM"),
    ],
)
def test_a_narrow_subject_in_any_language_finds_its_course_before_the_broad_ones(
    tz: ZoneInfo, message: str, course: str
) -> None:
    """Mobile banking is a digital skill, running an exercise: asked for in any language,
    the course about it comes first; the broad subject still finds both."""
    ix = index.build([BANKING, DIGITAL, COUCH, GYM], tz=tz)
    assert ids(ix, message)[:1] == [course]


RENT = Course(
    id="RENT",
    title="Ready to Rent in Arabic",
    provider="Housing Association",
    category="Housing",
    tags=("first tenancy", "refugees", "new arrivals"),
    description="A first-tenancy course for refugees and newly arrived families.",
    language="Arabic",
)
MANDARIN = Course(
    id="MANDARIN",
    title="Mandarin Online: Pinyin and Tones",
    provider="Chinese School",
    category="Languages",
    tags=("mandarin", "pronunciation", "pinyin"),
    description="Pronunciation for absolute beginners: pinyin and the four tones.",
)


@pytest.mark.parametrize(
    "message",
    ["english classes please", "vocês têm aulas de inglês?", "مجھے انگریزی کی کلاس چاہیے"],
)
def test_who_a_course_is_for_is_not_what_it_teaches(tz: ZoneInfo, message: str) -> None:
    """A course "for refugees and newly arrived families", or one on Mandarin pronunciation,
    is no English class: a resident's "just arrived" tells their story, a course's its
    audience."""
    ix = index.build([RENT, MANDARIN], tz=tz)
    assert ids(ix, message) == []
    assert ids(ix, "new arrivals housing course") == ["RENT"]


def family_course(course_id: str, title: str, *tags: str) -> Course:
    return Course(id=course_id, title=title, provider="Family Hub", category="Family", tags=tags)


SPEAKING = family_course("SPEAK", "Speak Up: Presentation Skills", "public speaking")
TALKING = family_course("TALK", "Chatterbox: Speech and Language Play", "toddlers", "play")
RECEPTION = family_course("READY", "Ready for Reception", "starting school", "under 5s")
SAFE_HOME = family_course("SAFE", "Safe at Home with Under-5s", "stair gates", "accidents")


@pytest.mark.parametrize(
    ("message", "course"),
    [
        ("terrified of giving presentations, anything for that?", "SPEAK"),
        ("me da mucho miedo hablar en público", "SPEAK"),
        ("my 2 year old is a late talker, should i be worried", "TALK"),
        ("宝宝还不会说话", "TALK"),
        ("getting my daughter ready for school in september", "READY"),
        ("need to put stair gates up, the baby has just started crawling", "SAFE"),
    ],
)
def test_subjects_of_family_and_working_life_are_read_in_their_words(
    tz: ZoneInfo, message: str, course: str
) -> None:
    """Public speaking, a toddler's talking, starting school and a home safe for a baby:
    subjects a resident describes more often than names, in English or their own language."""
    ix = index.build([SPEAKING, TALKING, RECEPTION, SAFE_HOME], tz=tz)
    assert ids(ix, message)[:1] == [course]


def test_controlling_alone_is_no_abusive_relationship() -> None:
    """ "Controlling glucose levels" is diabetes; "he's so controlling" is abuse."""
    assert {s.concept for s in read("course on controlling glucose levels").slots} - {None} == {
        "diabetes"
    }
    assert "domesticabuse" in {s.concept for s in read("my husband is so controlling").slots}
