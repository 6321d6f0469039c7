"""A long message about someone the resident names by who they are (a child, a teenager)
that shares only a side word with a course is answered by the courses made for that person,
not emptied; a short ask for a subject the catalogue lacks still gets nothing."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from tests.conftest import ids

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


def test_a_story_about_a_teenager_finds_what_is_made_for_them(ix: index.Index) -> None:
    message = "my 16 yo has nowhere to go after college and is hanging round with a bad crowd"
    assert ids(ix, message) == ["YOUTH"]


@pytest.mark.parametrize(
    "message", ["kickboxing for my 16 year old", "college football trials for my 16 year old"]
)
def test_a_subject_the_catalogue_lacks_still_gets_nothing(ix: index.Index, message: str) -> None:
    assert ids(ix, message) == []


TEENS = Course(
    id="TEENS",
    title="Understanding Your Teenager",
    provider="Family Services",
    audience="Parents of 11-18s",
    tags=("parenting", "teenagers", "communication"),
    description="Why teenagers behave as they do, and how to keep talking when it gets hard.",
)
READING = Course(
    id="READING",
    title="Family Learning: Help Your Child with Reading",
    provider="Family Services",
    audience="Parents and carers of primary school children",
    tags=("reading", "phonics", "parents"),
    description="How reading is taught at school now, and games to play at home.",
)
DOORS = Course(
    id="DOORS",
    title="Door Supervisor Licence Training",
    provider="Security Academy",
    audience="Adults 18+",
    tags=("security", "sia", "doors"),
    description="Everything you need for the SIA licence to work on the doors.",
)


@pytest.mark.parametrize(
    "message",
    [
        "my daughter is 15 and wont talk to me anymore just slams doors. i dont know how to "
        "handle her",
        "parenting classes for teenagers",
        "kids wont listen and im at my wits end",
        "my son is 15, constant rows with my teenager and he keeps coming in late at night",
        # Meltdowns are a young child's, not only an autistic one's.
        "My 4 year old has meltdowns every single day over nothing, getting dressed, everything",
    ],
)
def test_trouble_with_a_child_finds_the_parenting_course(tz: ZoneInfo, message: str) -> None:
    """A course that says "parenting" is about parenting, though the stem of the word is
    "parent", and a parent's trouble with a child asks for it."""
    ix = index.build([DOORS, READING, TEENS], tz=tz)
    assert ids(ix, message)[:1] == ["TEENS"]


def test_a_phrase_telling_what_happened_is_no_subject_the_catalogue_lacks(tz: ZoneInfo) -> None:
    """A message "lonely since dad passed" asks for company, in a city with no bereavement
    group."""
    social = Course(
        id="SOCIAL",
        title="Coffee and Company for Over 60s",
        provider="Library",
        audience="Over 60s",
        tags=("social", "lonely", "friendship"),
        description="A friendly morning to meet people, with tea, cake and a quiz.",
    )
    ix = index.build([social, DOORS], tz=tz)
    assert ids(ix, "my mum's 78 and lonely since dad passed") == ["SOCIAL"]


NEXT_STEPS = Course(
    id="NEXT",
    title="Next Steps: Study Programme for 16-19s",
    provider="City College",
    audience="Young people 16-19",
    tags=("young people", "careers"),
    description="For young people not in education, employment or training: tasters, English "
    "and maths, and a plan for what comes next.",
)
FOOTBALL = Course(
    id="FOOTBALL",
    title="Football Coaching Badge (Level 1)",
    provider="Community Trust",
    audience="Young people 16-25",
    tags=("football", "coaching", "sport"),
    description="Learn to coach football and run sessions for younger players.",
)


@pytest.mark.parametrize(
    "message",
    [
        "my son is 17, left school in the summer and just sits in his room on the xbox all day",
        "میرا بیٹا سترہ سال کا ہے، اسکول ختم ہو گیا اور اب کچھ نہیں کرتا",
        "O meu filho tem 17 anos e não estuda nem trabalha",
        "Mój syn ma 17 lat i nic nie robi",
        "Wiilkayga dugsiga wuu dhammeeyay, hadda waxba ma qabto",
    ],
)
def test_a_young_person_out_of_school_and_work_finds_what_is_made_for_them(
    tz: ZoneInfo, message: str
) -> None:
    ix = index.build([NEXT_STEPS, FOOTBALL, COLLEGE], tz=tz)
    assert ids(ix, message)[:1] == ["NEXT"]


def test_a_catalogue_without_such_courses_still_answers_the_rest(tz: ZoneInfo) -> None:
    """Being out of school is the resident's situation, not a subject the catalogue lacks:
    what the message asks still finds its course."""
    ix = index.build([FOOTBALL, COLLEGE], tz=tz)
    message = "my son's 17 and football mad, not at college, just wasting his days"
    assert ids(ix, message)[:1] == ["FOOTBALL"]


ESOL = Course(
    id="ESOL",
    title="ESOL Entry 1",
    provider="Adult Education",
    tags=("english", "esol"),
    description="English for speakers of other languages, for beginners.",
)


@pytest.mark.parametrize(
    "message",
    ["single mum looking for english classes", "samotna matka, szukam kursu angielskiego"],
)
def test_being_a_single_parent_is_the_residents_situation_not_a_subject(
    tz: ZoneInfo, message: str
) -> None:
    """A catalogue with no course for single parents still answers what the message asks."""
    ix = index.build([ESOL, FOOTBALL], tz=tz)
    assert ids(ix, message)[:1] == ["ESOL"]


@pytest.mark.parametrize(
    "message",
    [
        "i was a doctor back home, want english classes",
        "looking after my mum, any english classes",
        "my husband controls all the money, want english lessons",
    ],
)
def test_a_phrase_of_the_residents_own_situation_is_no_subject_the_catalogue_lacks(
    tz: ZoneInfo, message: str
) -> None:
    """A vocabulary phrase about the resident ("i was a doctor back home") with no course
    of its own in the catalogue leaves what the message asks for to answer it."""
    ix = index.build([ESOL, FOOTBALL], tz=tz)
    assert ids(ix, message)[:1] == ["ESOL"]


def test_a_baby_or_toddler_comes_along_so_an_adults_group_is_no_answer(tz: ZoneInfo) -> None:
    coffee = Course(
        id="COFFEE",
        title="Coffee morning and chat",
        provider="Community Centre",
        audience="Adults 19+",
        tags=("social", "meet people", "loneliness"),
        description="Meet people over a cuppa if you are on your own and want company.",
    )
    play = Course(
        id="PLAY",
        title="Stay and play",
        provider="Family Hub",
        audience="Parents and children 0-4",
        tags=("toddlers", "play", "parents"),
        description="Songs, toys and a brew for parents and carers with little ones.",
    )
    ix = index.build([coffee, play], tz=tz)
    assert ids(ix, "on my own with a 2 yr old in a flat and going stir crazy") == ["PLAY"]
    assert ids(ix, "on my own all day and going stir crazy")[:1] == ["COFFEE"]


ESOL = Course(
    id="ESOL",
    title="ESOL Entry 1",
    provider="College",
    audience="Adults 19+",
    tags=("ESOL", "English", "beginners"),
    description="Speaking, listening, reading and writing English for everyday life.",
)
ESOL_CRECHE = Course(
    id="ESOL_CRECHE",
    title="English for women",
    provider="Family Hub",
    audience="Women",
    tags=("ESOL", "English", "crèche"),
    description="Beginners' English with a free crèche for under-fives while you learn.",
)
STAY = Course(
    id="STAY",
    title="Stay and play",
    provider="Family Hub",
    audience="Parents and children 0-4",
    tags=("toddlers", "play", "songs"),
)


@pytest.mark.parametrize(
    "message",
    [
        "sunt mama cu 2 copii mici si vreau sa invat engleza",  # Romanian
        "I'm a mum with 2 kids under 5 and I want to learn English",
        "Salaan, waxaan ahay hooyo carruur yaryar leh, waxaan rabaa inaan barto Ingiriisiga",
    ],
)
def test_a_parent_of_small_children_learning_english_finds_a_creche_first(
    tz: ZoneInfo, message: str
) -> None:
    assert ids(index.build([ESOL, ESOL_CRECHE, STAY], tz=tz), message)[:1] == ["ESOL_CRECHE"]


def test_small_children_and_nothing_else_find_what_is_made_for_them(tz: ZoneInfo) -> None:
    ix = index.build([ESOL, ESOL_CRECHE, STAY], tz=tz)
    assert ids(ix, "Am copii mici, unde pot merge să se joace cu alți copii?")[:1] == ["STAY"]


@pytest.mark.parametrize(
    "message",
    [
        "Salaan, waxaan rabaa inaan barto Ingiriisiga. Waxaan ahay hooyo leh carruur yaryar",
        "انگریزی بالکل نہیں آتی۔ میرے دو چھوٹے بچے ہیں، کیا کوئی کلاس ہے؟",
    ],
)
def test_a_creche_comes_before_a_class_for_young_people_too(tz: ZoneInfo, message: str) -> None:
    # "Young people 16+" are of a children's audience; the crèche is the little ones' own.
    club = Course(
        id="CLUB",
        title="English conversation club",
        provider="Library",
        audience="Adults and young people 16+",
        tags=("ESOL", "English", "speaking"),
    )
    assert ids(index.build([club, ESOL_CRECHE], tz=tz), message)[:1] == ["ESOL_CRECHE"]


def test_a_wife_or_husband_named_may_join_a_class_for_women_or_men(tz: ZoneInfo) -> None:
    def back_to_work(id: str, audience: str) -> Course:
        return Course(
            id=id,
            title="Back to work: confidence and CV",
            provider="Jobs club",
            audience=audience,
            tags=("jobs", "CV", "confidence"),
        )

    groups = [("DISABLED", "Disabled adults"), ("W", "Women"), ("M", "Men 18+")]
    ix = index.build([back_to_work(*group) for group in groups], tz=tz)
    story = "Soția mea vrea să se întoarcă la muncă după cinci ani acasă cu copiii"
    assert ids(ix, story)[:1] == ["W"]
    husband = "my husband wants to get back to work after years off, no confidence"
    assert ids(ix, husband)[:1] == ["M"]


def test_half_term_is_when_not_a_subject(tz: ZoneInfo) -> None:
    holiday = Course(
        id="HOLIDAY",
        title="February half-term holiday club (5-16)",
        provider="Youth Zone",
        audience="Children 5-16",
        tags=("holiday club", "games", "free lunch"),
    )
    science = Course(
        id="SCIENCE",
        title="Family science club",
        provider="Library",
        audience="Families",
        tags=("experiments", "kids"),
    )
    message = "half term in feb and the kids (6 and 9) will be climbing the walls, anything on?"
    assert ids(index.build([holiday, science], tz=tz), message)[:1] == ["HOLIDAY"]
    # Without a holiday club, the children's course still answers.
    assert ids(index.build([science], tz=tz), message) == ["SCIENCE"]
