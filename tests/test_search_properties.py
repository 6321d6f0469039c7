"""Whatever a resident types, search answers: any Unicode message as long as the bot searches
(1,000 characters; longer ones are asked to be shorter) returns
without raising and within the time budget, and the typo and language machinery keeps its
promises on messages nobody wrote by hand."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import Course
from handlers.search import MAX_QUERY
from search import index
from tests.conftest import NOW

# A search answers well within this on the sample catalogue (benchmarks/search_speed.py has the
# figures at 100k); the property guards against a pathological input, not a slow machine.
BUDGET = timedelta(milliseconds=500)


@pytest.fixture(scope="module")
def sample_index(sample_courses: tuple[Course, ...]) -> index.Index:
    index.build((), tz=ZoneInfo("Europe/London"))  # load the model and lexicon outside timing
    return index.build(sample_courses, tz=ZoneInfo("Europe/London"))


@settings(
    max_examples=300,
    deadline=BUDGET,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(message=st.text(max_size=MAX_QUERY))
def test_any_message_is_answered(sample_index: index.Index, message: str) -> None:
    result = sample_index.search(message, now=NOW)
    assert all(hit.course.id for hit in result.hits)
    assert len({hit.course.id for hit in result.hits}) == len(result.hits)


@settings(
    max_examples=150,
    deadline=BUDGET,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    words=st.lists(
        st.one_of(
            st.sampled_from(
                ["english", "ਅੰਗਰੇਜ਼ੀ", "angielskiego", "الكمبيوتر", "英语", "evning", "fre"]
            ),
            st.text(st.characters(categories=["L", "M", "N", "P", "Zs"]), max_size=12),
        ),
        max_size=80,
    )
)
def test_mixed_words_and_scripts_are_answered(sample_index: index.Index, words: list[str]) -> None:
    message = " ".join(words)[:MAX_QUERY]
    result = sample_index.search(message, now=NOW, limit=5)
    assert len(result.hits) <= 5
    assert result.suggestion is None or isinstance(result.suggestion, str)
