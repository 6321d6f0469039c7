"""Stretches of the calendar a resident asks about: their windows, and search filtering by them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Course
from search import index
from search.dates import WINDOWS, window

LONDON = ZoneInfo("Europe/London")
WEDNESDAY = datetime(2027, 1, 13, 10, 0, tzinfo=UTC)  # 10:00 in London too


@pytest.mark.parametrize(
    ("when", "start", "end"),
    [
        ("today", "2027-01-13 10:00", "2027-01-14 00:00"),  # the rest of today
        ("tonight", "2027-01-13 17:00", "2027-01-14 00:00"),
        ("tomorrow", "2027-01-14 00:00", "2027-01-15 00:00"),
        ("this_weekend", "2027-01-16 00:00", "2027-01-18 00:00"),
        ("this_week", "2027-01-13 10:00", "2027-01-18 00:00"),
        ("next_week", "2027-01-18 00:00", "2027-01-25 00:00"),
        ("this_month", "2027-01-13 10:00", "2027-02-01 00:00"),
        ("next_month", "2027-02-01 00:00", "2027-03-01 00:00"),
        ("month_1", "2027-01-13 10:00", "2027-02-01 00:00"),  # the rest of this January
        ("month_4", "2027-04-01 00:00", "2027-05-01 00:00"),  # across the clock change
        ("month_12", "2027-12-01 00:00", "2028-01-01 00:00"),
    ],
)
def test_windows_on_a_wednesday_morning(when: str, start: str, end: str) -> None:
    begins, ends = window(when, WEDNESDAY, LONDON)
    assert begins.strftime("%Y-%m-%d %H:%M") == start
    assert ends.strftime("%Y-%m-%d %H:%M") == end
    assert when in WINDOWS


def test_a_day_across_the_clock_change_ends_at_local_midnight() -> None:
    saturday_night = datetime(2027, 3, 27, 23, 0, tzinfo=UTC)  # clocks go forward at 01:00
    _, ends = window("tomorrow", saturday_night, LONDON)
    assert ends == datetime(2027, 3, 29, 0, 0, tzinfo=LONDON)


def test_a_weekend_asked_about_on_sunday_is_what_is_left_of_it() -> None:
    sunday = datetime(2027, 1, 17, 12, 0, tzinfo=UTC)
    begins, ends = window("this_weekend", sunday, LONDON)
    assert (begins, ends) == (sunday, datetime(2027, 1, 18, 0, 0, tzinfo=LONDON))


def _next_session(course: Course, now: datetime) -> datetime:
    return next(s.start for s in course.sessions if s.end > now)


def test_whats_on_this_weekend_lists_only_courses_meeting_this_weekend(
    sample_index: index.Index,
) -> None:
    result = sample_index.search("what's on this weekend", now=WEDNESDAY)
    assert result.hits
    assert result.missed == ()
    begins, ends = window("this_weekend", WEDNESDAY, LONDON)
    for hit in result.hits:
        assert any(begins <= s.start < ends for s in hit.course.sessions), hit.course.id


def test_a_subject_with_nothing_then_falls_back_and_says_so(sample_index: index.Index) -> None:
    # Pottery meets on Thursdays and, from April, on Saturdays: nothing this weekend.
    result = sample_index.search("pottery this weekend", now=WEDNESDAY)
    assert result.missed == ("when",)
    assert [hit.course.id for hit in result.hits][:1] == ["ART-POT-AN"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("anything tonight", "tonight"),
        ("pottery tomorrow", "tomorrow"),
        ("english classes next week", "next_week"),
        ("kurs angielskiego w przyszłym tygodniu", "next_week"),
        ("明天有什么课", "tomorrow"),
        ("courses starting in february", "month_2"),
        ("anything on in may", "month_5"),
        ("w lutym", "month_2"),
        ("clases de inglés en marzo", "month_3"),
        ("دورة في شهر فبراير", "month_2"),
        ("شباط", "month_2"),  # the Levantine name
        ("三月有什么课", "month_3"),
        ("free courses starting this month", "this_month"),
        ("english next month", "next_month"),
    ],
)
def test_stretches_are_read_in_several_languages(
    sample_index: index.Index, text: str, when: str
) -> None:
    assert sample_index.search(text, now=WEDNESDAY).query.facets.when == when


def test_a_month_that_has_gone_this_year_is_next_years() -> None:
    begins, ends = window("month_1", datetime(2027, 11, 2, 12, 0, tzinfo=UTC), LONDON)
    assert (begins.date().isoformat(), ends.date().isoformat()) == ("2028-01-01", "2028-02-01")


@pytest.mark.parametrize("text", ["i may be late", "we march on saturday"])
def test_a_months_name_that_is_an_everyday_word_needs_a_word_placing_it(
    sample_index: index.Index, text: str
) -> None:
    assert sample_index.search(text, now=WEDNESDAY).query.facets.when is None


def test_courses_in_a_month_meet_in_it(sample_index: index.Index) -> None:
    result = sample_index.search("what courses are on in march", now=WEDNESDAY)
    assert result.hits
    begins, ends = window("month_3", WEDNESDAY, LONDON)
    for hit in result.hits:
        assert any(begins <= s.start < ends for s in hit.course.sessions), hit.course.id


@pytest.mark.parametrize("text", ["see you tomorrow", "good morning, how are you today?"])
def test_a_day_named_in_passing_lists_nothing(sample_index: index.Index, text: str) -> None:
    assert not sample_index.search(text, now=WEDNESDAY).hits


def test_weeks_the_index_keeps_and_weeks_it_reads_from_the_courses_agree(
    sample_courses: tuple[Course, ...],
) -> None:
    fresh = index.build(sample_courses, tz=LONDON, now=WEDNESDAY)  # keeps these weeks
    old = index.build(sample_courses, tz=LONDON, now=datetime(2026, 6, 1, tzinfo=UTC))
    assert fresh.tables.sessions_until > window("next_week", WEDNESDAY, LONDON)[1].timestamp() / 60
    assert old.tables.sessions_until < window("today", WEDNESDAY, LONDON)[0].timestamp() / 60
    later = index.build(sample_courses, tz=LONDON, now=datetime(2027, 3, 1, tzinfo=UTC))
    assert later.tables.sessions_from > window("today", WEDNESDAY, LONDON)[0].timestamp() / 60
    for text in ("what's on this weekend", "english classes next week", "anything tonight"):
        found = [h.course.id for h in fresh.search(text, now=WEDNESDAY).hits]
        assert found
        assert found == [h.course.id for h in old.search(text, now=WEDNESDAY).hits]
        assert found == [h.course.id for h in later.search(text, now=WEDNESDAY).hits]


def test_kal_is_tomorrow_and_a_time_alone_that_nothing_meets_lists_nothing(
    sample_index: index.Index,
) -> None:
    assert sample_index.search("pottery kal", now=WEDNESDAY).query.facets.when == "tomorrow"
    sunday_night = datetime(2027, 1, 17, 21, 0, tzinfo=UTC)
    assert not sample_index.search("anything tonight", now=sunday_night).hits


def test_months_the_index_keeps_and_months_it_reads_from_the_courses_agree(
    sample_courses: tuple[Course, ...],
) -> None:
    fresh = index.build(sample_courses, tz=LONDON, now=WEDNESDAY)  # keeps these months
    old = index.build(sample_courses, tz=LONDON, now=datetime(2024, 1, 1, tzinfo=UTC))
    for text in ("courses in march", "anything next month", "courses in february"):
        found = [h.course.id for h in fresh.search(text, now=WEDNESDAY).hits]
        assert found
        assert found == [h.course.id for h in old.search(text, now=WEDNESDAY).hits]


def test_a_month_in_a_story_is_when_it_happened() -> None:
    from search import lexicon
    from search.query import parse

    story = "moved to Chorlton for work in september and still don't know a soul round here"
    assert parse(story, lexicon.load(), known=lambda word: True).facets.when is None
