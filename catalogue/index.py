"""A pure, immutable search index over the catalogue: `build(courses)` then `search(query)`.

Each word of a course is posted under the field it came from, weighted so that subject and
title words outrank description words. A query word is looked up in the vocabulary with a typo
allowance that grows with its length (none below five letters, never on numbers; a swap
of two letters counts as one typo), and the last
word may be a prefix of a catalogue word, as people stop typing early. Only courses reached that
way are scored, so a query never scans the whole catalogue.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue.models import Course, Mode
from catalogue.text import words

TITLE: Final = 3.0
SUBJECT: Final = 3.0
PLACE: Final = 2.0
ABOUT: Final = 1.5  # provider, level, audience, language
WHEN: Final = 1.2  # weekday and time-of-day words derived from the sessions
DESCRIPTION: Final = 1.0
STRONG: Final = PLACE  # a match at least this strong can carry a query on its own

# Words that say nothing about what a resident wants to learn.
STOPWORDS: Final = frozenset(
    words(
        "a an and any are at about can class classes course courses do for from get go "
        "have help how i im in is it learn learning lesson lessons like looking me my near "
        "nearby need of on or please session sessions some something the there to want "
        "where which with would you your"
    )
)
_LONG_STOPWORDS: Final = tuple(w for w in STOPWORDS if len(w) >= 5)
_WEEKDAY_NAMES: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


@dataclass(frozen=True, slots=True)
class Hit:
    course: Course
    score: float
    matched: int  # how many of the query's words this course matched


def typo_allowance(word: str) -> int:
    if any(ch.isdigit() for ch in word) or len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def _time_of_day(hour: int) -> str:
    if hour < 12:
        return "morning"
    return "afternoon" if hour < 17 else "evening"


def course_fields(course: Course, tz: ZoneInfo) -> list[tuple[float, str]]:
    """(weight, text) pairs a course is found by."""
    when: set[str] = set()
    for session in course.sessions:
        local = session.start.astimezone(tz)
        when.add(_WEEKDAY_NAMES[local.weekday()])
        when.add("weekend" if local.weekday() >= 5 else "weekday")
        when.add(_time_of_day(local.hour))
    attributes = {"free"} if course.is_free else set()
    attributes.add("online" if course.mode is Mode.ONLINE else "person")
    if course.mode is Mode.BLENDED:
        attributes.add("online")
    language = "" if course.language.casefold() == "english" else course.language
    return [
        (TITLE, course.title),
        (SUBJECT, " ".join((course.category, *course.tags))),
        (PLACE, " ".join((course.area, course.venue, course.postcode, course.address))),
        # Teaching in English is the default and says nothing; another language does.
        (ABOUT, " ".join((course.provider, course.level, course.audience, language))),
        (WHEN, " ".join(sorted(when | attributes))),
        (DESCRIPTION, course.description),
    ]


@dataclass(frozen=True, slots=True)
class Index:
    courses: tuple[Course, ...]
    postings: MappingProxyType[str, MappingProxyType[int, float]]
    vocabulary: tuple[str, ...]  # sorted, for prefix look-ups
    last_end: tuple[datetime | None, ...]  # None: no dated sessions (ongoing or self-paced)
    by_id: MappingProxyType[str, int]

    def get(self, course_id: str) -> Course | None:
        position = self.by_id.get(course_id)
        return None if position is None else self.courses[position]

    def is_current(self, position: int, now: datetime) -> bool:
        end = self.last_end[position]
        return end is None or end > now

    def search(self, query: str, *, now: datetime, limit: int | None = None) -> list[Hit]:
        """Courses matching the query, best first; [] when nothing really matches."""
        wanted = [w for w in words(query) if not self._is_filler(w)]
        if not wanted:
            return []
        per_word = [self._scores(word, last=i == len(wanted) - 1) for i, word in enumerate(wanted)]
        totals: dict[int, list[float]] = {}
        for word_scores in per_word:
            for position, score in word_scores.items():
                totals.setdefault(position, []).append(score)
        hits = []
        for position, scores in totals.items():
            matched = len(scores)
            # Half the words must match, and a partial match needs a title, subject or place
            # word: "football results" must not find a course that mentions "results".
            if matched * 2 < len(wanted):
                continue
            if matched < len(wanted) and max(scores) < STRONG:
                continue
            if not self.is_current(position, now):
                continue
            hits.append(Hit(self.courses[position], sum(scores), matched))
        hits.sort(key=lambda h: (-h.matched, -h.score, _next_start(h.course, now), h.course.title))
        return hits if limit is None else hits[:limit]

    def _is_filler(self, word: str) -> bool:
        if word in STOPWORDS or (len(word) == 1 and word.isascii() and word.isalpha()):
            return True
        # "clases", "pleese": a misspelt filler word is still filler, unless the catalogue
        # uses the word itself ("glass" is one letter from "class").
        return (
            len(word) >= 5
            and word not in self.postings
            and any(OSA.distance(word, stop, score_cutoff=1) <= 1 for stop in _LONG_STOPWORDS)
        )

    def _scores(self, word: str, *, last: bool) -> dict[int, float]:
        scores: dict[int, float] = {}
        for term, quality in self._terms(word, last=last):
            for position, weight in self.postings[term].items():
                score = weight * quality
                if score > scores.get(position, 0.0):
                    scores[position] = score
        return scores

    def _terms(self, word: str, *, last: bool) -> list[tuple[str, float]]:
        """Catalogue words this query word stands for, with how well each matches (0..1]."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        allowance = typo_allowance(word)
        if allowance:
            for term, distance, _ in process.extract(
                word,
                self.vocabulary,
                scorer=OSA.distance,
                score_cutoff=allowance,
                limit=None,
            ):
                found.setdefault(term, 1.0 - 0.2 * distance)
        if last and len(word) >= 3 and not word.isdigit():
            start = bisect_left(self.vocabulary, word)
            for term in self.vocabulary[start : start + 50]:
                if not term.startswith(word):
                    break
                found.setdefault(term, 0.9)
        return list(found.items())

    def nearest(
        self, lat: float, lon: float, *, now: datetime, limit: int = 5
    ) -> list[tuple[Course, float]]:
        """Current in-person courses with coordinates, nearest first, with distance in km."""
        found = [
            (course, haversine_km(lat, lon, course.lat, course.lon))
            for position, course in enumerate(self.courses)
            if course.lat is not None
            and course.lon is not None
            and course.mode is not Mode.ONLINE
            and self.is_current(position, now)
        ]
        found.sort(key=lambda pair: (round(pair[1], 1), _next_start(pair[0], now)))
        return found[:limit]

    def categories(self, *, now: datetime) -> list[tuple[str, int]]:
        """Subjects with how many current courses each has, largest first."""
        counts = Counter(
            course.category
            for position, course in enumerate(self.courses)
            if course.category and self.is_current(position, now)
        )
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def in_category(self, category: str, *, now: datetime) -> list[Course]:
        found = [
            course
            for position, course in enumerate(self.courses)
            if course.category == category and self.is_current(position, now)
        ]
        found.sort(key=lambda course: (_next_start(course, now), course.title))
        return found


def build(courses: Iterable[Course], *, tz: ZoneInfo) -> Index:
    ordered = tuple(courses)
    postings: dict[str, dict[int, float]] = {}
    for position, course in enumerate(ordered):
        for weight, text in course_fields(course, tz):
            for word in words(text):
                if word in STOPWORDS:
                    continue
                posting = postings.setdefault(word, {})
                if weight > posting.get(position, 0.0):
                    posting[position] = weight
    return Index(
        courses=ordered,
        postings=MappingProxyType({w: MappingProxyType(p) for w, p in postings.items()}),
        vocabulary=tuple(sorted(postings)),
        last_end=tuple(max((s.end for s in c.sessions), default=None) for c in ordered),
        by_id=MappingProxyType({c.id: position for position, c in enumerate(ordered)}),
    )


def _next_start(course: Course, now: datetime) -> datetime:
    for session in course.sessions:
        if session.end > now:
            return session.start
    return datetime.max.replace(tzinfo=now.tzinfo)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
