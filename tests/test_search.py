"""The in-memory index: typos, ranking, nothing found, what counts as upcoming."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course, CourseSession, Mode
from search import index
from tests.conftest import NOW, ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pottery", "ART-POT-AN"),
        ("potery", "ART-POT-AN"),  # one letter missing
        ("pottrey", "ART-POT-AN"),  # two letters swapped
        ("spansh", "LANG-SPA-CC"),
        ("british sign langauge", "LANG-BSL-GO"),
        ("watercolor", "ART-WATER-DI"),
        ("guitar lessons", "MUS-GUITAR-LV"),
        ("pott", "ART-POT-AN"),  # the last word may be a prefix
        ("knit", "ART-KNIT-NO"),
        ("ottery", "ART-POT-AN"),  # the first letter lost: found by its last
        ("spanosh", "LANG-SPA-CC"),  # a slip inside: found by either end
        ("first aide certificat", "WELL-FIRSTAID-GO"),  # a real word, slipped in a phrase
    ],
)
def test_typos_and_prefixes_find_the_course(
    sample_index: index.Index, query: str, expected: str
) -> None:
    assert expected in ids(sample_index, query, limit=2)


def test_a_whole_request_finds_evening_english_in_the_right_place(
    sample_index: index.Index,
) -> None:
    found = ids(sample_index, "englsh clases near cheetham hill", limit=3)
    assert set(found) <= {"ESOL-E1-CH", "ESOL-PRE-CH", "CIT-LIFEUK-CH", "FAM-PHONICS-CH"}
    assert "ESOL-E1-CH" in found


@pytest.mark.parametrize(
    "query",
    [
        "football results",
        "man utd tickets",
        "asdfgh",
        "how do I renew my passport",
        "🙂🙂",
        "the",
        "cheap flights to Lahore",  # a place abroad is no subject on its own
        "piano lessons for my 8 year old",  # nor is who it is for, when something else is
        "kickboxing for teenagers",
        # Subjects people ask for that adult-learning catalogues seldom have, known by name.
        "adult swimming lessons in wythenshawe, I never learned as a kid",
        "how do i bring my wife over on a spouse visa",
        "cheap driving lessons in gorton, manual",
        "is it going to rain tomorrow",
        # Subjects the vocabulary knows in the city's languages and the sample lacks.
        "مجھے پیانو سیکھنا ہے",
        "quiero clases de baile",
        "lekcje gry na pianinie dla córki",
        # What a longer message asks to learn is a subject the sample lacks: the pots are
        # the son's drum kit, not pottery.
        "drum lessons? my son wont stop banging on the pots",
        # Services wanted done, in English and other languages, not courses.
        "need a plumber asap water coming through the kitchen ceiling!!",
        "i can smell gas in my flat what number do i call",
        "bhai koi acha plumber bata do, kitchen ka pipe leak ho raha hai",
        "میرا کوڑا دو ہفتوں سے نہیں اٹھایا گیا، کس نمبر پر فون کروں؟",
        "Xagee baan ka heli karaa dhakhtarka ilkaha?",
        "are you a real person or a robot",
        # Complaints about a provider ask nobody to teach anything.
        "British Gas took my direct debit twice this month",
        "EE charged me £90 extra on my phone bill for nothing",
        "my iphone screen is smashed where's the cheapest place to get it replaced",
        "my landlord hasnt fixed the damp in 6 months, the babys room is black with mould",
    ],
)
def test_messages_about_something_else_find_nothing(sample_index: index.Index, query: str) -> None:
    assert not sample_index.search(query, now=NOW).hits


def test_a_complaint_that_asks_to_understand_still_finds_the_course(
    sample_index: index.Index,
) -> None:
    query = "the energy company overcharged me again, I want to understand my bills better"
    assert ids(sample_index, query, limit=1) == ["GRN-ENERGY-BE"]


def test_title_and_subject_words_outrank_description_words(tz: ZoneInfo) -> None:
    in_title = Course(id="T", title="Photography walk", provider="P")
    in_subject = Course(id="S", title="Camera club", provider="P", category="Photography")
    in_description = Course(
        id="D", title="Town walk", provider="P", description="Bring a camera for photography."
    )
    ix = index.build([in_description, in_subject, in_title], tz=tz)
    found = ids(ix, "photography", limit=3)
    assert found[-1] == "D"
    assert set(found[:2]) == {"T", "S"}


def test_a_subject_named_in_a_course_is_found_by_its_translations(tz: ZoneInfo) -> None:
    # "Tabla" is filed under drums, but a course that says it teaches the tabla itself.
    tabla = Course(id="TABLA", title="Tabla and harmonium for beginners", provider="Gurdwara")
    drums = Course(id="DRUMS", title="Samba drumming", provider="P")
    ix = index.build([tabla, drums], tz=tz)
    assert ids(ix, "ਮੈਂ ਤਬਲਾ ਸਿੱਖਣਾ ਚਾਹੁੰਦਾ ਹਾਂ")[:1] == ["TABLA"]
    assert "TABLA" in ids(ix, "drum lessons")


def test_a_subject_named_by_one_word_asks_for_that_subject(tz: ZoneInfo) -> None:
    # "Yoga" is filed under exercise, but a resident asking for yoga wants yoga.
    pilates = Course(id="PILATES", title="Pilates for beginners", provider="P")
    yoga = Course(id="YOGA", title="Gentle yoga", provider="P")
    assert ids(index.build([pilates], tz=tz), "yoga classes") == []
    assert ids(index.build([pilates, yoga], tz=tz), "yoga classes") == ["YOGA"]
    assert ids(index.build([pilates, yoga], tz=tz), "exercise class") != []


def test_intermediate_means_the_middle_of_the_national_scale(tz: ZoneInfo) -> None:
    first = Course(id="E1", title="ESOL", provider="P", level="Entry 1")
    middle = Course(id="E3", title="ESOL", provider="P", level="Entry 3")
    ix = index.build([first, middle], tz=tz)
    assert ids(ix, "intermediate esol") == ["E3"]


def test_a_language_is_named_with_a_capital_in_a_course(tz: ZoneInfo) -> None:
    nails = Course(id="NAILS", title="Nail art", provider="P", description="Gel and nail polish.")
    polish = Course(id="PL", title="Polish for beginners", provider="P")
    ix = index.build([nails, polish], tz=tz)
    assert ids(ix, "kurs polskiego") == ["PL"]
    assert ids(index.build([nails], tz=tz), "kurs polskiego dla dzieci") == []


def test_more_matched_words_rank_first(tz: ZoneInfo) -> None:
    one = Course(id="ONE", title="Spanish", provider="P")
    both = Course(id="BOTH", title="Spanish conversation", provider="P")
    ix = index.build([one, both], tz=tz)
    assert ids(ix, "spanish conversation") == ["BOTH", "ONE"]


def test_numbers_match_exactly(tz: ZoneInfo) -> None:
    two = Course(id="L2", title="Maths", provider="P", level="Level 2")
    three = Course(id="L3", title="Maths", provider="P", level="Level 3")
    room = Course(id="R3", title="Room 3 painting", provider="P")
    ix = index.build([two, three, room], tz=tz)
    assert ids(ix, "maths level 2") == ["L2"]
    assert ids(ix, "level 2") == ["L2"]
    assert ids(ix, "room 2 painting") == ["R3"]  # "2" is not a typo of "3"
    assert ix.search("room 2 painting", now=NOW).hits[0].matched == 2


def test_short_words_get_little_typo_allowance() -> None:
    from search.slips import typo_allowance

    assert typo_allowance("art") == 0
    assert typo_allowance("yoga") == 1  # only where one correction stands out
    assert typo_allowance("knits") == 1
    assert typo_allowance("pottery") == 1
    assert typo_allowance("photography") == 2
    assert typo_allowance("level2025") == 0


def test_a_misspelt_filler_word_is_ignored_but_a_real_course_word_is_not(tz: ZoneInfo) -> None:
    glass = Course(id="G", title="Stained glass", provider="P")
    sewing = Course(id="S", title="Sewing", provider="P")
    ix = index.build([glass, sewing], tz=tz)
    assert ids(ix, "glass") == ["G"]
    assert ids(ix, "sewing clases") == ["S"]


def _course_with_sessions(course_id: str, *starts: datetime) -> Course:
    sessions = tuple(CourseSession(s, s + timedelta(hours=2)) for s in starts)
    return Course(id=course_id, title="Drawing", provider="P", sessions=sessions)


def test_past_courses_are_left_out_and_ongoing_ones_stay(tz: ZoneInfo) -> None:
    past = _course_with_sessions("PAST", NOW - timedelta(days=30))
    running = _course_with_sessions("NOW", NOW - timedelta(hours=1))  # ends in an hour
    later = _course_with_sessions("LATER", NOW + timedelta(days=10))
    ongoing = Course(id="ONGOING", title="Drawing", provider="P")
    ix = index.build([past, running, later, ongoing], tz=tz)
    assert ids(ix, "drawing", limit=10) == ["NOW", "LATER", "ONGOING"]


def test_the_sample_has_finished_courses_that_never_show(sample_index: index.Index) -> None:
    assert "ESOL-PAST-RU" not in ids(sample_index, "ESOL Entry 1", limit=50)
    assert "ART-POT-PAST-AN" not in ids(sample_index, "pottery", limit=50)


def test_days_and_times_filter_with_a_fallback(tz: ZoneInfo) -> None:
    evening = _course_with_sessions("EVE", datetime(2027, 1, 12, 18, tzinfo=UTC))  # a Tuesday
    morning = _course_with_sessions("MORN", datetime(2027, 1, 16, 10, tzinfo=UTC))  # a Saturday
    ix = index.build([evening, morning], tz=tz)
    assert ids(ix, "drawing evening") == ["EVE"]
    assert ids(ix, "drawing after work") == ["EVE"]
    assert ids(ix, "drawing saturday") == ["MORN"]
    assert ids(ix, "drawing at the weekend") == ["MORN"]
    assert ids(ix, "drawing tuesday evenings") == ["EVE"]
    sunday = ix.search("drawing sunday", now=NOW)
    assert [h.course.id for h in sunday.hits] == ["EVE", "MORN"]  # none on Sunday: the rest
    assert sunday.missed == ("day",)


def test_nearest_orders_by_distance_and_skips_online_and_past(tz: ZoneInfo) -> None:
    def at(course_id: str, lat: float, lon: float, mode: Mode = Mode.IN_PERSON) -> Course:
        return Course(id=course_id, title="X", provider="P", lat=lat, lon=lon, mode=mode)

    near = at("NEAR", 53.4810, -2.2430)
    far = at("FAR", 53.3790, -2.2640)
    online = at("ONLINE", 53.4808, -2.2426, Mode.ONLINE)
    ix = index.build([far, online, near], tz=tz)
    found = ix.nearest(53.4808, -2.2426, now=NOW)
    assert [c.id for c, _ in found] == ["NEAR", "FAR"]
    assert found[0][1] < 0.1
    assert 11 < found[1][1] < 12.5


def test_categories_count_current_courses(sample_index: index.Index) -> None:
    counts = dict(sample_index.categories(now=NOW))
    assert counts["English & ESOL"] >= 10
    in_maths = sample_index.in_category("Maths", now=NOW)
    assert {c.category for c in in_maths} == {"Maths"}
    assert len(in_maths) == counts["Maths"]


def test_get_by_id(sample_index: index.Index) -> None:
    course = sample_index.get("ART-POT-AN")
    assert course is not None
    assert course.title == "Pottery wheel for beginners"
    assert sample_index.get("nope") is None


def test_a_shared_location_puts_nearer_courses_first_among_equals(tz: ZoneInfo) -> None:
    far = Course(id="FAR", title="Drawing", provider="P", lat=53.3790, lon=-2.2640)
    near = Course(id="NEAR", title="Drawing", provider="P", lat=53.4810, lon=-2.2430)
    better = Course(id="TITLE", title="Drawing club", provider="P", lat=53.3790, lon=-2.2640)
    ix = index.build([far, near], tz=tz)
    result = ix.search("drawing", now=NOW, near=(53.4808, -2.2426))
    assert [h.course.id for h in result.hits] == ["NEAR", "FAR"]
    assert result.hits[0].distance_km is not None
    assert result.hits[0].distance_km < 0.1
    # Nearness only breaks ties: a better match further away still comes first.
    ix = index.build([near, better], tz=tz)
    assert ids(ix, "drawing club") == ["TITLE", "NEAR"]


def test_run_dates_without_a_timetable_tell_finished_from_current(tz: ZoneInfo) -> None:
    from datetime import date

    finished = Course(id="OLD", title="Drawing", provider="P", ends_on=date(2015, 7, 1))
    running = Course(id="ON", title="Drawing", provider="P", ends_on=NOW.date())  # today
    starting = Course(id="NEXT", title="Drawing", provider="P", starts_on=date(2027, 9, 1))
    ix = index.build([finished, running, starting], tz=tz)
    assert sorted(ids(ix, "drawing", limit=5)) == ["NEXT", "ON"]


def test_a_venue_named_with_facets_finds_the_courses_there(tz: ZoneInfo) -> None:
    """The courses at a library a resident names with a facet ("anything free at Longsight
    library"), not every free course nearby."""
    at_library = Course(
        id="LIB",
        title="Quick Reads Group",
        provider="Reading Friends",
        venue="Longsight Library",
        area="Longsight",
        cost_pence=0,
    )
    elsewhere = Course(
        id="HALL",
        title="Chair Yoga",
        provider="Active Lives",
        venue="St Agnes Church Hall",
        area="Longsight",
        cost_pence=0,
    )
    ix = index.build([at_library, elsewhere], tz=tz)
    assert ids(ix, "anything free at Longsight library") == ["LIB"]
    assert ids(ix, "how old are you") == []
