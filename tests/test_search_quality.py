"""Keeps search quality from sliding back: floors a little under what the index reaches on
the team's labelled queries and on the dev set (benchmarks/search_quality.py prints the full
tables). The held-out set is measured by the benchmark only, never tested or tuned to here."""

from __future__ import annotations

import pytest

from benchmarks.search_quality import CATALOGUES, SETS, TZ, evaluate, index_search, load_cases
from catalogue import importer
from catalogue.models import Course

KINDS = {"exact", "typo", "synonym", "colloquial", "facet", "combination", "language", "out"}
# (set, hit@3 overall, hit@3 in every kind, out-of-domain answered with nothing); reached when the
# floors were last set (the nineteenth session's end; dev52 as measured blind), each over its own
# catalogue: dev2 0.977 / 0.963 / 1.000; dev3 0.953 / 0.925 / 1.000; dev4 0.960 / 0.944 / 1.000;
# alt 1.000 / 1.000 / 1.000; dev5 0.983 / 0.900 / 1.000; dev6 0.944 / 0.900 / 1.000; dev7 0.961 /
# 0.943 / 1.000; dev8 0.944 / 0.929 / 1.000; dev9 0.956 / 0.943 / 1.000; dev10 0.972 / 0.943 /
# 0.975; dev11 0.972 / 0.957 / 1.000; dev12 0.933 / 0.900 / 1.000; dev13 0.989 / 0.971 / 0.975;
# dev14 0.939 / 0.900 / 0.975; dev15 0.944 / 0.929 / 0.950; dev16 0.939 / 0.886 / 0.975; dev17
# 0.956 / 0.929 / 0.975; dev18 0.928 / 0.900 / 0.950; dev19 0.956 / 0.929 / 0.975; dev20 0.944 /
# 0.900 / 1.000; dev21 0.972 / 0.943 / 1.000; dev22 0.967 / 0.957 / 1.000; dev23 0.950 / 0.900 /
# 0.950; dev24 0.978 / 0.971 / 0.950; dev25 0.983 / 0.900 / 0.975; dev26 0.961 / 0.914 / 1.000;
# dev27 0.928 / 0.800 / 0.975; dev28 0.950 / 0.900 / 0.975; dev29 0.944 / 0.929 / 1.000; dev30
# 0.944 / 0.914 / 0.975; dev31 0.922 / 0.900 / 0.925; dev32 0.983 / 0.957 / 0.975; dev33 0.928 /
# 0.900 / 0.975; dev34 0.956 / 0.929 / 0.975; dev35 0.922 / 0.871 / 0.975; dev36 0.956 / 0.914 /
# 0.975; dev37 0.950 / 0.929 / 1.000; dev38 0.956 / 0.900 / 1.000; dev39 0.967 / 0.900 / 0.975;
# dev40 0.928 / 0.900 / 0.975; dev41 0.906 / 0.886 / 1.000; dev42 0.933 / 0.900 / 0.950; dev43
# 0.928 / 0.900 / 1.000; dev44 0.961 / 0.929 / 1.000; dev45 0.917 / 0.800 / 1.000; dev46 0.900 /
# 0.871 / 0.975; dev47 0.906 / 0.800 / 0.975; dev48 0.933 / 0.900 / 0.975; dev49 0.911 / 0.857 /
# 0.775; dev50 0.911 / 0.900 / 0.925; dev51 0.928 / 0.900 / 0.950; dev52 0.900 / 0.857 / 0.875;
# dev53 0.939 / 0.914 / 0.850; answered with nothing: ood 0.973, ood3 0.933, ood4 0.980, ood5
# 0.907.
FLOORS = {
    "team": (0.98, 0.95, 0.97),
    "dev": (0.97, 0.93, 0.97),
    "dev2": (0.95, 0.91, 0.97),
    "dev3": (0.93, 0.88, 0.97),
    "dev4": (0.94, 0.89, 0.97),
    "alt": (0.98, 0.95, 0.97),
    "dev5": (0.96, 0.85, 0.97),
    "dev6": (0.92, 0.85, 0.97),
    "dev7": (0.94, 0.89, 0.97),
    "dev8": (0.92, 0.87, 0.97),
    "dev9": (0.93, 0.89, 0.97),
    "dev10": (0.95, 0.89, 0.94),
    "dev11": (0.95, 0.9, 0.97),
    "dev12": (0.91, 0.85, 0.97),
    "dev13": (0.96, 0.92, 0.94),
    "dev14": (0.91, 0.85, 0.94),
    "dev15": (0.92, 0.87, 0.92),
    "dev16": (0.91, 0.83, 0.94),
    "dev17": (0.93, 0.87, 0.94),
    "dev18": (0.9, 0.85, 0.92),
    "dev19": (0.93, 0.87, 0.94),
    "dev20": (0.92, 0.85, 0.97),
    "dev21": (0.95, 0.89, 0.97),
    "dev22": (0.95, 0.9, 0.97),
    "dev23": (0.93, 0.85, 0.92),
    "dev24": (0.95, 0.92, 0.92),
    "dev25": (0.96, 0.85, 0.94),
    "dev26": (0.94, 0.86, 0.97),
    "dev27": (0.9, 0.75, 0.94),
    "dev28": (0.93, 0.85, 0.94),
    "dev29": (0.92, 0.87, 0.97),
    "dev30": (0.93, 0.86, 0.94),
    "dev31": (0.9, 0.85, 0.89),
    "dev32": (0.96, 0.9, 0.94),
    "dev33": (0.9, 0.85, 0.94),
    "dev34": (0.93, 0.87, 0.94),
    "dev35": (0.9, 0.82, 0.94),
    "dev36": (0.93, 0.87, 0.94),
    "dev37": (0.93, 0.89, 0.97),
    "dev38": (0.93, 0.85, 0.97),
    "dev39": (0.94, 0.85, 0.94),
    "dev40": (0.91, 0.85, 0.94),
    "dev41": (0.88, 0.83, 0.97),
    "dev42": (0.91, 0.85, 0.92),
    "dev43": (0.9, 0.85, 0.97),
    "dev44": (0.94, 0.87, 0.97),
    "dev45": (0.89, 0.75, 0.97),
    "dev46": (0.88, 0.82, 0.94),
    "dev47": (0.88, 0.75, 0.94),
    "dev48": (0.91, 0.85, 0.94),
    "dev49": (0.89, 0.8, 0.74),
    "dev50": (0.89, 0.85, 0.89),
    "dev51": (0.9, 0.85, 0.92),
    "ood": (0.0, 0.0, 0.94),
    "ood3": (0.0, 0.0, 0.9),
    "ood4": (0.0, 0.0, 0.95),
    "ood5": (0.0, 0.0, 0.87),
    "dev52": (0.88, 0.8, 0.84),
    "dev53": (0.91, 0.86, 0.82),
}


def test_the_labelled_sets_cover_every_kind_of_query() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    assert {case.kind for case in cases} >= KINDS
    assert sum(not case.accepted for case in cases) >= 20
    dev = load_cases(SETS["dev"])
    assert {case.kind for case in dev} >= {"colloquial", "language", "typo", "out"}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_stays_above_its_floors(sample_courses: tuple[Course, ...], name: str) -> None:
    overall, per_kind, out = FLOORS[name]
    courses = sample_courses
    if name in CATALOGUES:
        courses = tuple(importer.parse_file(CATALOGUES[name], tz=TZ).courses)
    report = evaluate(index_search(courses), load_cases(SETS[name]))
    assert report.overall.hit3 >= overall, report.misses
    assert report.out_of_domain >= out, report.misses
    for kind, scores in report.by_kind.items():
        assert scores.hit3 >= per_kind, (kind, scores)
