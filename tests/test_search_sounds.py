"""Words spelt as they sound: a slip further than the typo allowance when the word sounds
like the vocabulary's or the catalogue's ("begginer", "sowing clases"), never for short
words, which sound like too many others."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index, lexicon, slips
from search.facets import LEVEL_BITS
from search.query import parse
from tests.conftest import NOW

SEWING = Course(
    id="SEW",
    title="Sewing for Beginners",
    provider="Community Centre",
    tags=("sewing", "sewing machine", "dressmaking"),
    description="Learn to use a sewing machine and make a simple bag.",
)
PIANO = Course(
    id="PIANO",
    title="Keyboard and Piano Basics",
    provider="Music Hub",
    tags=("piano", "keyboard", "music"),
    description="Play your first tunes on the keyboard.",
)


@pytest.fixture
def ix(tz: ZoneInfo) -> index.Index:
    return index.build([SEWING, PIANO], tz=tz)


def test_a_facet_word_with_a_letter_doubled_and_another_not_is_read() -> None:
    # "begginer" is two slips from "beginner", where a word of eight letters is allowed one.
    assert slips.lexicon_typo("begginer", lexicon.load()) == "beginner"
    parsed = parse("piano lessons for a begginer", lexicon.load(), known={"piano"}.__contains__)
    assert parsed.facets.levels == LEVEL_BITS["beginner"]


def test_a_vocabulary_word_no_course_is_about_is_read_as_the_course_word_it_sounds_like(
    ix: index.Index,
) -> None:
    # "Sowing" is gardening, which this catalogue lacks; it sounds like the sewing course.
    hits = ix.search("sowing clases for ladys", now=NOW, limit=3).hits
    assert [hit.course.id for hit in hits] == ["SEW"]


@pytest.mark.parametrize("message", ["sidee", "Salaan, sidee tahay?"])
def test_a_short_word_is_not_read_by_its_sound(ix: index.Index, message: str) -> None:
    # Somali "how": one slip and the same sound as "side", but five letters tell too little.
    assert slips.sounding("sidee", {"ST": ("side",)}, 2) == (3, [])
    assert not ix.search(message, now=NOW, limit=3).hits


ELECTRICS = Course(
    id="ELEC",
    title="Introduction to Electrical Installation",
    provider="College",
    tags=("electrician", "electrical", "mentoring"),
    description="First steps towards becoming an electrician, with a mentoring scheme.",
)


@pytest.mark.parametrize(
    ("message", "corrected"),
    [("electrishun course", "electrician"), ("mentering for my son", "mentoring")],
)
def test_a_long_word_spelt_as_it_sounds_or_slipped_inside_is_read(
    tz: ZoneInfo, message: str, corrected: str
) -> None:
    """ "electrishun" is three slips from electrician but sounds the same; "mentering" is one
    from mentoring, and "entering", though commoner, would need its first letter dropped."""
    ix = index.build([ELECTRICS, PIANO], tz=tz)
    result = ix.search(message, now=NOW, limit=3)
    assert [hit.course.id for hit in result.hits] == ["ELEC"]
    assert corrected in result.query.corrections.values()
