"""Search quality on labelled resident queries, next to the plain matcher bots often use.

    python -m benchmarks.search_quality [--set NAME] [--show-misses]

NAME is one of team, dev, dev2 ... dev53, alt, ood, ood3, ood4, ood5 (tuned on), heldout,
heldout2 ... heldout7 and ood2 (held out).

Prints hit@1, hit@3 and MRR overall and per kind of query, and the share of out-of-domain
messages answered with nothing, for the project's index and, in the same run, for two
baselines: rapidfuzz `token_set_ratio` over one concatenated text per course (score cutoff 60,
as popular Telegram bots use it), and WordLlama's embeddings alone (the nearest courses by
meaning, which always answers something).

The sets, how each was written, their first runs and each session's end figures are
recorded in benchmarks/search_quality_notes.md (held-out sets: measured, never read).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from rapidfuzz import fuzz, process

from catalogue import importer
from catalogue.models import Course
from search import index, semantic
from search.indexing import meaning_text
from store.live import sample_path

DATA = Path(__file__).parent.parent / "tests" / "data"
QUERIES = DATA / "search_queries.tsv"
SETS = {
    "team": QUERIES,
    "dev": DATA / "dev_queries.tsv",
    "dev2": DATA / "dev2_queries.tsv",
    "dev3": DATA / "dev3_queries.tsv",
    "dev4": DATA / "dev4_queries.tsv",
    "alt": DATA / "alt_queries.tsv",
    "dev5": DATA / "dev5_queries.tsv",
    "dev6": DATA / "dev6_queries.tsv",
    "dev7": DATA / "dev7_queries.tsv",
    "dev8": DATA / "dev8_queries.tsv",
    "dev9": DATA / "dev9_queries.tsv",
    "dev10": DATA / "dev10_queries.tsv",
    "dev11": DATA / "dev11_queries.tsv",
    "dev12": DATA / "dev12_queries.tsv",
    "dev13": DATA / "dev13_queries.tsv",
    "dev14": DATA / "dev14_queries.tsv",
    "dev15": DATA / "dev15_queries.tsv",
    "dev16": DATA / "dev16_queries.tsv",
    "dev17": DATA / "dev17_queries.tsv",
    "dev18": DATA / "dev18_queries.tsv",
    "dev19": DATA / "dev19_queries.tsv",
    "dev20": DATA / "dev20_queries.tsv",
    "dev21": DATA / "dev21_queries.tsv",
    "dev22": DATA / "dev22_queries.tsv",
    "dev23": DATA / "dev23_queries.tsv",
    "dev24": DATA / "dev24_queries.tsv",
    "dev25": DATA / "dev25_queries.tsv",
    "dev26": DATA / "dev26_queries.tsv",
    "dev27": DATA / "dev27_queries.tsv",
    "dev28": DATA / "dev28_queries.tsv",
    "dev29": DATA / "dev29_queries.tsv",
    "dev30": DATA / "dev30_queries.tsv",
    "dev31": DATA / "dev31_queries.tsv",
    "dev32": DATA / "dev32_queries.tsv",
    "dev33": DATA / "dev33_queries.tsv",
    "dev34": DATA / "dev34_queries.tsv",
    "dev35": DATA / "dev35_queries.tsv",
    "dev36": DATA / "dev36_queries.tsv",
    "dev37": DATA / "dev37_queries.tsv",
    "dev38": DATA / "dev38_queries.tsv",
    "dev39": DATA / "dev39_queries.tsv",
    "dev40": DATA / "dev40_queries.tsv",
    "dev41": DATA / "dev41_queries.tsv",
    "dev42": DATA / "dev42_queries.tsv",
    "dev43": DATA / "dev43_queries.tsv",
    "dev44": DATA / "dev44_queries.tsv",
    "dev45": DATA / "dev45_queries.tsv",
    "dev46": DATA / "dev46_queries.tsv",
    "dev47": DATA / "dev47_queries.tsv",
    "dev48": DATA / "dev48_queries.tsv",
    "dev49": DATA / "dev49_queries.tsv",
    "dev50": DATA / "dev50_queries.tsv",
    "dev51": DATA / "dev51_queries.tsv",
    "dev52": DATA / "dev52_queries.tsv",
    "dev53": DATA / "dev53_queries.tsv",
    "ood": DATA / "ood_queries.tsv",
    "ood3": DATA / "ood3_queries.tsv",
    "ood4": DATA / "ood4_queries.tsv",
    "ood5": DATA / "ood5_queries.tsv",
    "heldout": DATA / "heldout_queries.tsv",
    "heldout2": DATA / "heldout2_queries.tsv",
    "heldout3": DATA / "heldout3_queries.tsv",
    "heldout4": DATA / "heldout4_queries.tsv",
    "heldout5": DATA / "heldout5_queries.tsv",
    "heldout6": DATA / "heldout6_queries.tsv",
    "heldout7": DATA / "heldout7_queries.tsv",
    "ood2": DATA / "ood2_queries.tsv",
}
# Measured, never read for tuning.
HELD_OUT = frozenset(
    ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "ood2")
)
# Sets written over another catalogue than the bundled sample.
CATALOGUES = {
    "alt": DATA / "altcity.csv",
    "dev5": DATA / "dev5city.csv",
    "dev6": DATA / "dev6city.csv",
    "dev7": DATA / "dev7city.csv",
    "dev8": DATA / "dev8city.csv",
    "dev9": DATA / "dev9city.csv",
    "dev10": DATA / "dev10city.csv",
    "dev11": DATA / "dev11city.csv",
    "dev12": DATA / "dev12city.csv",
    "dev13": DATA / "dev13city.csv",
    "dev14": DATA / "dev14city.csv",
    "dev15": DATA / "dev15city.csv",
    "dev16": DATA / "dev16city.csv",
    "dev17": DATA / "dev17city.csv",
    "dev18": DATA / "dev18city.csv",
    "dev19": DATA / "dev19city.csv",
    "dev20": DATA / "dev20city.csv",
    "dev21": DATA / "dev21city.csv",
    "dev22": DATA / "dev22city.csv",
    "dev23": DATA / "dev23city.csv",
    "dev24": DATA / "dev24city.csv",
    "dev25": DATA / "dev25city.csv",
    "dev26": DATA / "dev26city.csv",
    "dev27": DATA / "dev27city.csv",
    "dev28": DATA / "dev28city.csv",
    "dev29": DATA / "dev29city.csv",
    "dev30": DATA / "dev30city.csv",
    "dev31": DATA / "dev31city.csv",
    "dev32": DATA / "dev32city.csv",
    "dev33": DATA / "dev33city.csv",
    "dev34": DATA / "dev34city.csv",
    "dev35": DATA / "dev35city.csv",
    "dev36": DATA / "dev36city.csv",
    "dev37": DATA / "dev37city.csv",
    "dev38": DATA / "dev38city.csv",
    "dev39": DATA / "dev39city.csv",
    "dev40": DATA / "dev40city.csv",
    "dev41": DATA / "dev41city.csv",
    "dev42": DATA / "dev42city.csv",
    "dev43": DATA / "dev43city.csv",
    "dev44": DATA / "dev44city.csv",
    "dev45": DATA / "dev45city.csv",
    "dev46": DATA / "dev46city.csv",
    "dev47": DATA / "dev47city.csv",
    "dev48": DATA / "dev48city.csv",
    "dev49": DATA / "dev49city.csv",
    "dev50": DATA / "dev50city.csv",
    "dev51": DATA / "dev51city.csv",
    "dev52": DATA / "dev52city.csv",
    "dev53": DATA / "dev53city.csv",
    "ood3": DATA / "altcity.csv",
    "ood4": DATA / "dev9city.csv",
    "ood5": DATA / "dev15city.csv",
    "heldout2": DATA / "heldout2city.csv",
    "heldout3": DATA / "heldout3city.csv",
    "heldout4": DATA / "heldout4city.csv",
    "heldout5": DATA / "heldout5city.csv",
    "heldout6": DATA / "heldout6city.csv",
    "heldout7": DATA / "heldout7city.csv",
    "ood2": DATA / "dev5city.csv",
}
NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/London")
BASELINE_CUTOFF = 60


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    accepted: frozenset[str]


@dataclass(frozen=True)
class Scores:
    count: int
    hit1: float
    hit3: float
    mrr: float

    def row(self, name: str) -> str:
        return f"{name:<12} {self.count:>4} {self.hit1:>6.3f} {self.hit3:>6.3f} {self.mrr:>6.3f}"


@dataclass(frozen=True)
class Report:
    overall: Scores
    by_kind: dict[str, Scores]
    out_of_domain: float  # share of out-of-domain queries answered with nothing
    out_count: int
    misses: list[tuple[Case, list[str]]]


def load_cases(path: Path = QUERIES) -> list[Case]:
    sets: dict[str, list[str]] = {}
    cases = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            if row[0].startswith("@"):
                sets[row[0]] = _expand(row[1].split(), sets)
                continue
            kind, query, *rest = row
            accepted = _expand(rest[0].split(), sets) if rest else []
            cases.append(Case(kind, query, frozenset(accepted)))
    return cases


def _expand(ids: list[str], sets: dict[str, list[str]]) -> list[str]:
    return [i for item in ids for i in (sets[item] if item.startswith("@") else [item])]


def evaluate(search: Callable[[str], Sequence[str]], cases: Sequence[Case]) -> Report:
    """Score a search function that returns course ids, best first."""
    ranks: dict[str, list[int | None]] = {}
    out_empty = out_total = 0
    misses = []
    for case in cases:
        found = list(search(case.query))
        if not case.accepted:  # out of domain: the right answer is nothing
            out_total += 1
            out_empty += not found
            if found:
                misses.append((case, found[:3]))
            continue
        rank = next((i + 1 for i, cid in enumerate(found) if cid in case.accepted), None)
        ranks.setdefault(case.kind, []).append(rank)
        if rank != 1:
            misses.append((case, found[:3]))
    by_kind = {kind: _scores(values) for kind, values in ranks.items()}
    overall = _scores([r for values in ranks.values() for r in values])
    share = out_empty / out_total if out_total else 1.0
    return Report(overall, by_kind, share, out_total, misses)


def _scores(ranks: list[int | None]) -> Scores:
    count = len(ranks)
    if not count:  # a set of out-of-domain messages only
        return Scores(0, 0.0, 0.0, 0.0)
    return Scores(
        count,
        sum(r == 1 for r in ranks) / count,
        sum(r is not None and r <= 3 for r in ranks) / count,
        sum(1 / r for r in ranks if r is not None) / count,
    )


def index_search(courses: Sequence[Course]) -> Callable[[str], list[str]]:
    built = index.build(courses, tz=TZ, now=NOW)
    return lambda q: [h.course.id for h in built.search(q, now=NOW, limit=10).hits]


def course_text(course: Course) -> str:
    return " ".join(
        (course.title, course.category, " ".join(course.tags), course.description, course.area)
    )


def baseline_search(courses: Sequence[Course]) -> Callable[[str], list[str]]:
    """rapidfuzz token_set_ratio over one text per current course."""
    current = [c for c in courses if not c.sessions or c.sessions[-1].end > NOW]
    texts = [course_text(c) for c in current]

    def search(query: str) -> list[str]:
        found = process.extract(
            query, texts, scorer=fuzz.token_set_ratio, score_cutoff=BASELINE_CUTOFF, limit=10
        )
        return [current[i].id for _, _, i in found]

    return search


def embedding_search(courses: Sequence[Course]) -> Callable[[str], list[str]]:
    """WordLlama alone: the ten current courses whose meaning is closest to the message's
    (cosine similarity of mean token embeddings), whatever the message says."""
    current = [c for c in courses if not c.sessions or c.sessions[-1].end > NOW]
    encoder = semantic.encoder()
    vectors = encoder.encode_many(map(meaning_text, current), len(current))

    def search(query: str) -> list[str]:
        similarity = semantic.similarities(vectors, encoder.encode([query])[0])
        return [current[i].id for i in np.argsort(-similarity)[:10]]

    return search


def table(title: str, report: Report) -> str:
    lines = [title, f"{'kind':<12} {'n':>4} {'hit@1':>6} {'hit@3':>6} {'MRR':>6}"]
    lines += [report.by_kind[k].row(k) for k in sorted(report.by_kind)]
    lines.append(report.overall.row("overall"))
    lines.append(
        f"{'out-of-domain answered with nothing':<40} {report.out_of_domain:.3f} "
        f"({report.out_count} queries)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=sorted(SETS), default="team")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if args.show_misses and args.set in HELD_OUT:
        parser.error("the held-out set is measured, never read for tuning: no --show-misses")
    courses = importer.parse_file(CATALOGUES.get(args.set, sample_path()), tz=TZ).courses
    cases = load_cases(SETS[args.set])
    ours = evaluate(index_search(courses), cases)
    baseline = evaluate(baseline_search(courses), cases)
    embedding = evaluate(embedding_search(courses), cases)
    print(f"{len(cases)} labelled queries ({args.set}) over {len(courses)} courses\n")
    print(table("learnbot index", ours))
    print()
    print(table(f"baseline: rapidfuzz token_set_ratio, cutoff {BASELINE_CUTOFF}", baseline))
    print()
    print(table("baseline: WordLlama embeddings alone (64 dimensions)", embedding))
    if args.show_misses:
        print("\nnot first for the index:")
        for case, found in ours.misses:
            print(f"  [{case.kind}] {case.query!r}: {found}")


if __name__ == "__main__":
    main()
