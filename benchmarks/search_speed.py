"""Search speed at city scale, next to a plain rapidfuzz scan of the same texts.

    python -m benchmarks.search_speed [--sizes 1000 10000 100000] [--import-size 100000]

For each size, a fresh process loads a catalogue varied from the sample and prints: index build
time, p50 and p99 query time over the team's labelled queries (short: subjects, facets,
typos) and over residents' own messages (`res`: the dev sets' situations in whole sentences,
13 languages and questions about something else; `fastest`: p99 of each message's fastest
run, what the search costs without the waits a shared machine adds), the process's peak memory
(catalogue, index and searches, measured before the baseline builds its own texts) and the
index's share of it; then, in the same process, p50 and p99 of a plain scan with
rapidfuzz `token_set_ratio` over one text per course. Last, it times `learnbot import` of a
generated CSV into SQLite. Targets on one core: p99 <= 5 ms at 10k and <= 20 ms at 100k,
the semantic signal included; build at 100k no more than 10 s over the engine before issue 9
(10.3 s then); import of 100k rows <= 60 s; memory <= 500 MB at 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks import varied
from benchmarks.search_quality import NOW, SETS, course_text, load_cases

TZ = ZoneInfo("Europe/London")
RUNS = 1000  # searches timed per size and mix of queries
RESIDENT_SETS = ("dev", "dev2", "dev3")
BASELINE_RUNS = {1_000: 257, 10_000: 100, 100_000: 20}  # a scan at 100k takes about a second


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def measure(path: Path) -> dict[str, float]:
    """Run in a fresh process: load, build, search, scan."""
    from rapidfuzz import fuzz, process

    from catalogue import importer
    from search import index

    courses = importer.parse_file(path, tz=TZ).courses
    before = _rss_mb()
    started = time.perf_counter()
    built = index.build(courses, tz=TZ, now=NOW)
    build_s = time.perf_counter() - started
    index_mb = _rss_mb() - before

    queries = [case.query for case in load_cases()]
    p50, p99, _ = _timed(built, queries)
    # Residents' own messages: situations in whole sentences, 13 languages, typos, questions
    # about something else (the team's three dev sets; never the held-out one).
    long_p50, long_p99, long_steady = _timed(
        built, [case.query for name in RESIDENT_SETS for case in load_cases(SETS[name])]
    )
    # The bot's peak: catalogue, index and searches, before the baseline's own texts.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    texts = [course_text(c) for c in courses]
    scans = []
    for query in queries[: BASELINE_RUNS.get(len(courses), 20)]:
        started = time.perf_counter()
        process.extract(query, texts, scorer=fuzz.token_set_ratio, limit=10)
        scans.append((time.perf_counter() - started) * 1000)
    scan50, scan99 = _percentiles(scans)
    return {
        "courses": len(courses),
        "vocabulary": len(built.vocabulary),
        "build_s": build_s,
        "p50_ms": p50,
        "p99_ms": p99,
        "residents_p50_ms": long_p50,
        "residents_p99_ms": long_p99,
        "residents_steady_p99_ms": long_steady,
        "peak_mb": peak_mb,
        "index_mb": index_mb,
        "scan_p50_ms": scan50,
        "scan_p99_ms": scan99,
        "scan_runs": len(scans),
    }


def _timed(built: Any, queries: list[str]) -> tuple[float, float, float]:
    """p50 and p99 of every run, and p99 of each message's fastest run: on a shared machine
    a search now and then waits for the processor, whatever message it is, and the fastest of
    a message's runs is what the search itself costs."""
    times = []
    fastest: dict[str, float] = {}
    for n in range(RUNS):
        query = queries[n % len(queries)]
        started = time.perf_counter()
        built.search(query, now=NOW, limit=10)
        took = (time.perf_counter() - started) * 1000
        times.append(took)
        fastest[query] = min(took, fastest.get(query, took))
    return (*_percentiles(times), _percentiles(list(fastest.values()))[1])


def time_import(path: Path, workdir: Path) -> tuple[float, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'import.db'}"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(path)],
        env=env,
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--import-size", type=int, default=100_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return

    print(f"one core: {os.cpu_count()} seen, searches run single-threaded")
    header = (
        f"{'courses':>8} {'vocab':>6} {'build s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'res p50':>8} {'res p99':>8} {'fastest':>8} {'peak MB':>8} {'index MB':>9} | "
        f"{'scan p50':>9} {'scan p99':>9} {'(runs)':>6}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for size in args.sizes:
            path = workdir / f"courses-{size}.csv"
            path.write_text(varied.csv_text(size), encoding="utf-8")
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.search_speed", "--child", str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            r = json.loads(out)
            print(
                f"{r['courses']:>8,} {r['vocabulary']:>6,} {r['build_s']:>8.2f} "
                f"{r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} {r['residents_p50_ms']:>8.2f} "
                f"{r['residents_p99_ms']:>8.2f} {r['residents_steady_p99_ms']:>8.2f} "
                f"{r['peak_mb']:>8.0f} "
                f"{r['index_mb']:>9.0f} | {r['scan_p50_ms']:>9.1f} {r['scan_p99_ms']:>9.1f} "
                f"{r['scan_runs']:>6}"
            )
        if args.import_size:
            path = workdir / f"import-{args.import_size}.csv"
            path.write_text(varied.csv_text(args.import_size), encoding="utf-8")
            seconds, said = time_import(path, workdir)
            print(f"\nlearnbot import of {args.import_size:,} rows into SQLite: {seconds:.1f} s")
            print(f"  {said}")


if __name__ == "__main__":
    main()
