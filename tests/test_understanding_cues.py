"""Words that say a resident wants to learn or take part, rather than name what: "sign up",
"i can join", "enrol on"; and a level the resident says they are not."""

from __future__ import annotations

import pytest

from search import lexicon
from search.languages import dominant_language, read_as_messages_are
from search.query import parse
from tests.reading import read


@pytest.mark.parametrize(
    "text",
    [
        "anything online i can join in the daytime, cant get out",
        "where do i sign up for evening classes",
        "can my mum enrol on something in the mornings",
    ],
)
def test_taking_part_is_asked_for_not_a_subject(text: str) -> None:
    parsed = read(text)
    assert parsed.learning
    assert not {"join", "sign", "enrol"} & {slot.word for slot in parsed.slots}


def test_joining_named_in_passing_is_no_cue() -> None:
    # "not about to join a gym": no wish to take part in anything
    assert not read("I'm 68 and not about to join a gym").learning


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("intermediate level art or music, not beginners stuff", ["intermediate level"]),
        ("im not a complete beginner, want improvers pottery", ["improvers"]),
        ("not confident, a total beginner at computers", ["beginner"]),
    ],
)
def test_a_level_denied_is_not_asked_for(text: str, labels: list[str]) -> None:
    assert [words for facet, words in read(text).facets.labels if facet == "level"] == labels


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("evening stuff in town for 40 quid or less", 4000),
        ("pottery, 20 pounds max", 2000),
        ("the classes are 10 quid", None),
        ("my son is 15 or less", None),
    ],
)
def test_a_price_before_its_limit_is_a_ceiling(text: str, pence: int | None) -> None:
    """ "40 quid or less" as "under 40 quid"; a price alone, or an age, is none."""
    assert read(text).facets.max_pence == pence


@pytest.mark.parametrize(
    "text", ["feeling really low", "been feeling proper low for months", "I felt so low"]
)
def test_a_feeling_is_read_past_its_intensifier(text: str) -> None:
    """ "Feeling really low" is feeling low, as the vocabulary says it; the message keeps its
    length (a longer message tells a story)."""
    parsed = read(text)
    assert "wellbeing" in {slot.concept for slot in parsed.slots}
    assert parsed.length == len(text.split())


def test_a_real_word_does_not_slip_at_its_first_letter() -> None:
    """ "Been stable for a year" holds no "table for" (booking a table, a request)."""
    assert not read("bipolar, been stable for a year and i want to keep it that way").request


def test_a_run_together_word_splits_only_into_a_half_that_means_something() -> None:
    """ "barbring" is barbering misspelt, not "bar bring"; "englishclass" is two words."""
    known = {"bar", "bring", "barber", "english"}.__contains__
    assert "barbring" not in parse("barbring course", lexicon.load(), known=known).corrections
    englishclass = parse("englishclass", lexicon.load(), known=known)
    assert englishclass.corrections == {"englishclass": "english class"}


@pytest.mark.parametrize(
    ("text", "language"), [("care leevers suport", None), ("care sunt", "ro")]
)
def test_a_common_english_word_is_weak_evidence_of_another_language(
    text: str, language: str | None
) -> None:
    """ "Care" is Romanian for "which", and English: alone, it says the message is English."""
    assert dominant_language(read_as_messages_are(text), plain=True) == language


def test_a_letter_typed_too_many_is_a_slip_not_two_words() -> None:
    """ "drawring" is drawing with a letter too many, not "draw" and "ring" (jewellery)."""
    known = {"draw", "ring", "drawing", "life"}.__contains__
    parsed = parse("life drawring classes", lexicon.load(), known=known)
    assert parsed.corrections.get("drawring") != "draw ring"
    assert "jewellery" not in {slot.concept for slot in parsed.slots}


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("passed my theory test today!!", True),
        ("19 and still haven't passed my theory, failed it twice", False),
        ("i havent passed my theory yet", False),
        ("no aprobé el examen teórico", False),
    ],
)
def test_news_denied_is_what_is_still_needed(text: str, news: bool) -> None:
    """ "Still haven't passed my theory" tells no news: the resident still needs the course."""
    assert read(text).news is news


def test_chasing_a_service_is_a_request_but_still_not_managing_is_not() -> None:
    """ "The council still haven't fixed" chases a service; "still haven't passed" does not."""
    assert read("the council still havent fixed my leaking roof").request
    assert not read("still havent passed my theory, need help lol").request


@pytest.mark.parametrize(
    ("text", "thanks"),
    [
        ("ta very much, see you tuesday", True),
        ("ta love x", True),
        ("hove ta changa lagda", False),
    ],
)
def test_ta_thanks_with_what_only_thanks_is_followed_by(text: str, thanks: bool) -> None:
    """ "Ta very much, see you Tuesday" thanks (and asks for no Tuesday course); Panjabi's
    "ta" (then) in a longer message does not."""
    assert read(text).thanks is thanks


def test_photos_and_pics_taken_are_photography() -> None:
    """ "Love taking pics round the Northern Quarter": photography, in the resident's words."""
    parsed = read("love taking pics round the northern quarter, want to get better")
    assert "photography" in {slot.concept for slot in parsed.slots}
