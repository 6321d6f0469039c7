"""The catalogue in the database: round trips, atomic replacement, the sample on first start."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError

from catalogue import db
from catalogue.models import Course
from catalogue.service import Catalogue


def test_courses_round_trip_through_the_database(
    database_url: str, sample_courses: tuple[Course, ...], tz: ZoneInfo
) -> None:
    engine = db.make_engine(database_url)
    db.replace_catalogue(engine, courses=sample_courses)
    loaded = db.load_courses(engine)
    assert sorted(loaded, key=lambda c: c.id) == sorted(sample_courses, key=lambda c: c.id)
    engine.dispose()


def test_a_failed_replacement_leaves_the_old_catalogue(
    database_url: str, sample_courses: tuple[Course, ...], tz: ZoneInfo
) -> None:
    catalogue = Catalogue.open(database_url, tz=tz)
    before = db.load_courses(catalogue.engine)
    broken = [
        Course(id="SAME", title="A", provider="P"),
        Course(id="SAME", title="B", provider="P"),
    ]
    with pytest.raises(IntegrityError):
        catalogue.replace(broken)
    assert db.load_courses(catalogue.engine) == before
    assert catalogue.index.get("ART-POT-AN") is not None  # the live index is untouched too
    catalogue.close()


def test_first_start_loads_the_sample_once(database_url: str, tz: ZoneInfo) -> None:
    catalogue = Catalogue.open(database_url, tz=tz)
    count = db.count_courses(catalogue.engine)
    assert count >= 80
    catalogue.replace([Course(id="ONLY", title="Only course", provider="P")])
    catalogue.close()
    reopened = Catalogue.open(database_url, tz=tz)
    assert [c.id for c in reopened.index.courses] == ["ONLY"]
    reopened.close()
