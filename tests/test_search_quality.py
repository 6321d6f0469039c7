"""Keeps search quality from sliding back: floors a little under what the index reaches on
the labelled resident queries (benchmarks/search_quality.py prints the full table)."""

from __future__ import annotations

from benchmarks.search_quality import evaluate, index_search, load_cases
from catalogue.models import Course

HIT_AT_3_FLOOR = 0.97  # reached: 0.996
OUT_OF_DOMAIN_FLOOR = 0.92  # reached: 0.964
KINDS = {"exact", "typo", "synonym", "colloquial", "facet", "combination", "language", "out"}


def test_the_labelled_set_covers_every_kind_of_query() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    assert {case.kind for case in cases} >= KINDS
    assert sum(not case.accepted for case in cases) >= 20


def test_quality_stays_above_its_floors(sample_courses: tuple[Course, ...]) -> None:
    report = evaluate(index_search(sample_courses), load_cases())
    assert report.overall.hit3 >= HIT_AT_3_FLOOR, report.misses
    assert report.out_of_domain >= OUT_OF_DOMAIN_FLOOR, report.misses
    for kind, scores in report.by_kind.items():
        assert scores.hit3 >= 0.9, (kind, scores)
