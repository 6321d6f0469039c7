"""A course taught only in another language than English comes after an equally good one
taught in English, unless the message is written in that language (or a kindred one) or
names it; and the languages a course's language column names are read as codes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index, languages, tongues
from search.text import words
from tests.conftest import NOW


def chair_exercise(course_id: str, language: str) -> Course:
    return Course(
        id=course_id,
        title="Chair Exercise for Over 55s",
        provider="Community Centre",
        audience="Over 55s",
        tags=("exercise", "chair exercise", "falls"),
        description="Gentle seated exercise to keep strong and steady, with tea after.",
        language=language,
    )


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    # The Panjabi one first in the catalogue, so that only the rule puts English first.
    return index.build(
        [chair_exercise("PANJABI", "Panjabi"), chair_exercise("EN", "English")], tz=tz
    )


def first(ix: index.Index, message: str) -> str:
    hits = ix.search(message, now=NOW, limit=3).hits
    assert len(hits) == 2  # both still answer; only the order changes
    return hits[0].course.id


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("chair exercise for my mum, she's 72", "EN"),
        ("Hooyaday waa waayeel, waxay rabtaa chair exercise si ay u xoogaysato", "EN"),
        ("chair exercise in punjabi for my mum", "PANJABI"),
        ("chair exercise for my nani, something in her own language", "PANJABI"),
        ("میری امی کے لیے chair exercise کی کلاس", "PANJABI"),  # Urdu readers read Panjabi
    ],
)
def test_a_course_in_a_language_the_message_does_not_use_comes_second(
    ix: index.Index, message: str, expected: str
) -> None:
    assert first(ix, message) == expected


@pytest.mark.parametrize(
    ("column", "codes"),
    [
        ("Urdu", {"ur"}),
        ("Punjabi", {"pa"}),
        ("Panjabi and Urdu", {"pa", "ur"}),
        ("Persian/Dari", {"fa"}),
        ("Cantonese", {"zh"}),
        ("Bengali", {"bn"}),
        ("English and Urdu", set()),  # taught in English too
        ("British Sign Language", set()),
        ("", set()),
    ],
)
def test_a_language_column_is_read_as_codes(column: str, codes: set[str]) -> None:
    assert tongues.taught_only_in_others(column) == codes


def test_somali_is_recognised_by_its_function_words() -> None:
    message = (
        "Hooyaday waa waayeel, dhakhtarku wuxuu ku yiri jimicsi fudud samee si aadan u dhicin"
    )
    assert languages.dominant_language(words(message), plain=True) == "so"
