"""The catalogue in the database: round trips, atomic replacement, the sample on first start."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from catalogue.models import Course
from store import courses
from store.live import LiveCatalogue
from store.store import Store


def test_courses_round_trip_through_the_database(
    store: Store, sample_courses: tuple[Course, ...]
) -> None:
    store.transaction(lambda s: courses.replace_catalogue(s, courses=sample_courses))
    loaded = store.transaction(courses.load_courses)
    assert sorted(loaded, key=lambda c: c.id) == sorted(sample_courses, key=lambda c: c.id)


def test_a_failed_replacement_leaves_the_old_catalogue(store: Store) -> None:
    catalogue = LiveCatalogue.open(store)
    before = store.transaction(courses.load_courses)
    broken = [
        Course(id="SAME", title="A", provider="P"),
        Course(id="SAME", title="B", provider="P"),
    ]
    with pytest.raises(IntegrityError):
        catalogue.replace(broken)
    assert store.transaction(courses.load_courses) == before
    assert catalogue.index.get("ART-POT-AN") is not None  # the live index is untouched too


def test_first_start_loads_the_sample_once(store: Store) -> None:
    catalogue = LiveCatalogue.open(store)
    assert store.transaction(courses.count_courses) >= 80
    catalogue.replace([Course(id="ONLY", title="Only course", provider="P")])
    reopened = LiveCatalogue.open(store)
    assert [c.id for c in reopened.index.courses] == ["ONLY"]
