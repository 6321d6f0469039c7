"""A pure, immutable search index over the catalogue: `build(courses)`, then `search(text)`.

How it answers a message (`query.parse` has already read it into slots and facets):
- **Each word is looked up** (`matching.py`) exactly, through its concept ("resume" finds CV
  courses), with a typo allowance taken from the catalogue's own words, and as a prefix if it
  is the last word.
- **Matching degrades gracefully**, as Meilisearch's "frequency" strategy does: a course scores
  the share of the message's weight it matches, each word weighted by how rare it is in the
  catalogue. A word that matches nothing is dropped instead of emptying the answer, so "I
  want pottery because my doctor said a hobby would help" still finds pottery.
- **Something must name a subject.** A message whose words reach no course through a title,
  a subject or a known learning concept gets nothing back, however many modifiers it carries:
  "beginner boxing for adults on Saturday" must not list beginners' courses on Saturdays.
- **A semantic signal** (`semantic.py`) reads what a sentence is about: it ranks among the
  word matches, and when a sentence's words were partly dropped, courses whose meaning stands
  well above the rest join the answer.
- Facets filter (with a graceful fallback that says which facet did not hold), then nearness,
  words close together in the title, and the soonest session break ties.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from catalogue.models import Course
from search import lexicon as lexicon_module
from search.facets import AUDIENCE_BITS, MAJORITY_AGE, Facets
from search.indexing import Tables, tabulate
from search.lexicon import Lexicon
from search.matching import SENTENCE, SHORT_MESSAGE, match
from search.parsed import Hit, SearchResult
from search.query import parse
from search.ranking import (
    CRECHE,
    centre,
    comes_along,
    facet_bonus,
    facet_checks,
    haversine,
    kept,
    little,
    proximity,
    with_concept,
    with_hints,
)
from search.relevance import blend
from search.schedules import NO_TIME
from search.text import words

RELATIVE_TAIL: Final = 0.5  # hits scoring under half the best are left out
# Matching every word keeps a course in the answer only if it matches them somewhere that
# counts: "coding" named in the knitting group's description is not a coding course.
WHOLE_TAIL: Final = 0.35
FACET_STRICT_SHARE: Final = 0.75
_CHILDREN: Final = AUDIENCE_BITS["children"]  # "tennis lessons for kids": a minor, no age said
_KIDS: Final = np.uint8(AUDIENCE_BITS["children"] | AUDIENCE_BITS["family"])  # "for adults": none
REFINED: Final = 50  # how many of the best hits get the finer, per-course tie-breaks
# When no course meets every facet, near misses keeping the weightier facets come first:
# a class in the right neighbourhood at another time beats one at the right time elsewhere.
FACET_WEIGHTS: Final = {
    "place": 8,
    "when": 4,
    "audience": 4,
    "mode": 4,
    "level": 4,
    "price": 2,
    "day": 3,
    "time": 3,
    "one_day": 3,
    "self_paced": 3,
    "qualifying": 3,
}


@dataclass(frozen=True, eq=False)
class Index:
    tables: Tables
    lexicon: Lexicon

    @property
    def courses(self) -> tuple[Course, ...]:
        return self.tables.courses

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return self.tables.vocabulary

    @property
    def by_id(self) -> dict[str, int]:
        return self.tables.by_id

    def get(self, course_id: str) -> Course | None:
        position = self.tables.by_id.get(course_id)
        return None if position is None else self.tables.courses[position]

    @cached_property
    def _subjects_by_words(self) -> dict[tuple[str, ...], str]:
        """Subjects of two words or more by their words: one word ("Maths") is a search."""
        named = {tuple(words(course.category)): course.category for course in self.courses}
        return {key: name for key, name in named.items() if len(key) > 1}

    def knows(self, word: str) -> bool:
        return word in self.tables.postings

    # --- search ---

    def search(
        self,
        text: str,
        *,
        now: datetime,
        limit: int | None = None,
        near: tuple[float, float] | None = None,
    ) -> SearchResult:
        """Courses for a resident's message, best first; no hits when nothing really matches.

        `near` is a location the resident shared: among equally good answers, nearer first.
        """
        parsed = parse(text, self.lexicon, known=self.knows)
        typed = tuple(words(text))
        subject = self._subjects_by_words.get(typed)
        if subject is not None:
            # A subject named as the catalogue names it ("Family learning", as /browse shows
            # it): its courses, soonest first, not a search for "family".
            listed = self.in_category(subject, now=now)[:limit]
            return SearchResult(tuple(Hit(c, 1.0, len(parsed.slots)) for c in listed), parsed)
        if not parsed.slots and not parsed.facets.active:
            return SearchResult((), parsed)
        if parsed.facets.active == ("when",) and not (
            parsed.slots or parsed.learning or parsed.asking
        ):
            # "See you tomorrow", "how are you today": a day named in passing, where "what's
            # on this weekend" and "anything tonight?" ask.
            return SearchResult((), parsed)
        if parsed.news and not (parsed.learning or parsed.asking):
            # "My son got a 6 in his GCSE maths!! so proud of him": news, not a question.
            return SearchResult((), parsed, unasked=True)
        named = any(slot.concept is not None for slot in parsed.slots)
        if parsed.thanks and (parsed.length > SENTENCE or not named) and not parsed.asking:
            # "Thank you so much, the lady at the welcome cafe helped me with my letter and
            # today my housing was approved!!", "thanks love you're a star": thanks and news,
            # nothing asked.
            return SearchResult((), parsed, unasked=True)
        if parsed.request and not parsed.learning:
            # "How do I report a broken street light", "when does universal credit pay out":
            # a service asked to act, not a course asked for.
            return SearchResult((), parsed, unasked=True)
        t = self.tables
        current = t.last_end > now.timestamp()
        matches = match(t, parsed, current)
        relevance, candidates = blend(self.tables, self.lexicon, parsed, matches, current)
        if not len(candidates):
            return SearchResult((), parsed)

        facets = parsed.facets.active
        met, distance = self._facets(parsed.facets, candidates, now)
        if parsed.little_ones and "audience" in facets:
            # "Waxaan ahay hooyo leh carruur yaryar": small children come along to a class
            # with a crèche, which is theirs as much as a family course is.
            creche = with_concept(t, CRECHE, candidates)
            theirs = (t.audiences[candidates] & np.uint8(parsed.facets.audiences)) > 0
            met += (creche & ~theirs) * np.int16(FACET_WEIGHTS["audience"])
        full = sum(FACET_WEIGHTS[name] for name in facets)
        # Facets filter when courses meeting them all answer the words about as well as the
        # best; otherwise the best answers come first and the note says which facet failed.
        meets_all = met == full
        fallback = bool(full) and (
            not meets_all.any()
            or relevance[candidates][meets_all].max()
            < FACET_STRICT_SHARE * relevance[candidates].max()
        )
        if fallback and not matches.live:
            # Only facets asked ("free on sunday", or "আজ কি ঝড় হবে?": no word matches) and
            # no course meets them all: nothing, not every course under a note; unless some
            # meet all but the place, nearest first ("free thing on a friday morning for
            # pensioners round charlestown").
            if "place" not in facets:
                return SearchResult((), parsed)
            anywhere = replace(parsed.facets, place=None, others=(), district=None)
            keep = self._facets(anywhere, candidates, now)[0] == full - FACET_WEIGHTS["place"]
            if not keep.any():
                return SearchResult((), parsed)
            candidates, met, distance, meets_all = kept(keep, candidates, met, distance, meets_all)
        # In a message about a situation, facets are hints, not filters: "my son keeps
        # telling me to video call them" is not asking for a children's course, nor "im a
        # mum, just arrived, my english is very little and i have a 2 year old" for a
        # family one (few subjects, many words).
        story = len(parsed.slots) > SHORT_MESSAGE
        soft = story or parsed.length > SENTENCE
        if (
            fallback
            and (not story or parsed.learning)
            and (parsed.facets.minor or (not soft and bool(parsed.facets.audiences & _CHILDREN)))
            # (A baby or toddler comes along: "i want to learn english, i have a 2 year
            # old" asks for a course for the parent.)
            and not little(parsed)
        ):
            # "Pottery for my 10 year old", "tennis lessons for kids": a course for adults is
            # no answer, however good; nothing (and what the bot can help with) rather than the
            # wrong one. Kids with no age said only in a short ask: a story's kids are its own.
            # In a longer message only when it asks to learn ("my 15 yo wants to learn
            # barbering"): "my 16 year old just sits in his room" tells a story.
            # (A course for adults from 16 takes a 17-year-old.)
            age = parsed.facets.age or 0
            keep = ~t.for_adults[candidates] | (t.youngest[candidates] <= age)
            if matches.subject:  # and what is left must still be about what was asked
                keep &= matches.on_subject[candidates]
                # as well as the best answer was, not through a side word ("Spanish for
                # children? my 8yo has started it at school": not the homework club)
                scores = relevance[candidates]
                keep &= scores >= FACET_STRICT_SHARE * scores.max()
            if not keep.any():
                return SearchResult((), parsed)
            candidates, met, distance, meets_all = kept(keep, candidates, met, distance, meets_all)
        if parsed.facets.grown:
            # "Pottery class for adults": a children's art club with clay is no answer.
            keep = t.ages_to[candidates] >= MAJORITY_AGE
            # Nor a family cooking session: made for children and their parents.
            keep &= ((t.audiences[candidates] & _KIDS) == 0) | t.for_everyone[candidates]
            if not keep.any():
                return SearchResult((), parsed)
            candidates, met, distance, meets_all = kept(keep, candidates, met, distance, meets_all)
        if comes_along(parsed):
            # "On my own with a 2 yr old in a flat and going stir crazy": a baby or toddler
            # comes along, so a group for adults is no answer where one that takes them is.
            keep = ~t.for_adults[candidates]
            if keep.any():
                candidates, met, distance, meets_all = kept(
                    keep, candidates, met, distance, meets_all
                )
        if full and not fallback and not soft:
            candidates, met, distance, meets_all = kept(
                meets_all, candidates, met, distance, meets_all
            )
        place_asked = centre(self.lexicon, parsed.facets) is not None
        if not place_asked and near is not None:
            distance = haversine(*near, t.lat[candidates], t.lon[candidates])
            # "Near me" with a location shared: distance counts as for a place named.
            place_asked = parsed.near_me
        scores = relevance[candidates]
        best = float(scores.max())
        if best > 0:  # a message of facets alone scores nothing: every course may answer
            # Courses matching every word the catalogue knows stay; partial matches and
            # meaning alone stay only near the best.
            whole = (matches.matched[candidates] == matches.live) & (scores >= best * WHOLE_TAIL)
            keep = whole | (scores >= best * RELATIVE_TAIL)
            candidates, met, distance, scores = (
                candidates[keep],
                met[keep],
                distance[keep],
                scores[keep],
            )
        ranking = scores + facet_bonus(met, full, distance, place_asked)
        ranking = with_hints(t, self.lexicon, parsed, typed, candidates, ranking, soft=soft)
        wanted = None if limit is None else max(limit, REFINED)
        if wanted is not None and len(ranking) > 4 * wanted:
            # Only the best few are shown: order those, not every match of a broad word.
            cut = ranking[np.argpartition(-ranking, wanted - 1)[wanted - 1]]  # wanted-th best
            best_few = np.flatnonzero(ranking >= cut)  # ties at the cut stay in
            order = best_few[np.argsort(-ranking[best_few], kind="stable")]
        else:
            order = np.argsort(-ranking, kind="stable")
        head = [int(i) for i in order[:REFINED]]
        # Ranking to two decimal places, so that meaning does not split hairs; the finer
        # tie-breaks only where that ties (a tuple stops comparing at its first difference).
        rounded = {i: -round(float(ranking[i]), 2) for i in head}
        tied = Counter(rounded.values())
        literal = [s.word for s in parsed.slots if s.literal]
        head.sort(
            key=lambda i: (
                rounded[i],
                *(
                    self._tie_break(i, candidates, distance, literal, now)
                    if tied[rounded[i]] > 1
                    else ()
                ),
            )
        )
        ranked = [*head, *order[REFINED:wanted].tolist()]
        shown = ranked if limit is None else ranked[:limit]
        hits = tuple(
            Hit(
                t.courses[int(candidates[i])],
                float(scores[i]),
                int(matches.matched[int(candidates[i])]),
                _km(float(distance[i])),
            )
            for i in shown
        )
        missed = (
            self._missed(parsed.facets, candidates[[shown[0]]], now)
            if fallback and not soft
            else ()
        )
        return SearchResult(hits, parsed, missed)

    def _facets(
        self, facets: Facets, candidates: npt.NDArray[np.intp], now: datetime
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.float64]]:
        """How many facets each candidate meets, and its distance from the place asked for."""
        met = np.zeros(len(candidates), np.int16)
        distance = np.full(len(candidates), np.nan)
        checks = facet_checks(self.tables, self.lexicon, facets, candidates, distance, now)
        for name, ok in checks:
            met += ok * np.int16(FACET_WEIGHTS[name])
        return met, distance

    def _missed(
        self, facets: Facets, near_misses: npt.NDArray[np.intp], now: datetime
    ) -> tuple[str, ...]:
        distance = np.full(len(near_misses), np.nan)
        checks = facet_checks(self.tables, self.lexicon, facets, near_misses, distance, now)
        return tuple(name for name, ok in checks if not ok.any())

    def _tie_break(
        self,
        i: int,
        candidates: npt.NDArray[np.intp],
        distance: npt.NDArray[np.float64],
        literal: list[str],
        now: datetime,
    ) -> tuple[float, ...]:
        """The order of equally ranked hits: the resident's words in order in the title,
        nearness, the soonest session."""
        course = self.tables.courses[int(candidates[i])]
        km = float(distance[i]) if not math.isnan(distance[i]) else 1e9
        return (-proximity(literal, course), round(km, 1), _next_start(course, now))

    # --- browsing ---

    def nearest(
        self, lat: float, lon: float, *, now: datetime, limit: int = 5
    ) -> list[tuple[Course, float]]:
        """Current in-person courses with coordinates, nearest first, with distance in km."""
        t = self.tables
        usable = (t.last_end > now.timestamp()) & (t.mode != 1) & ~np.isnan(t.lat)
        positions = np.flatnonzero(usable)
        distance = haversine(lat, lon, t.lat[positions], t.lon[positions])
        order = np.argsort(np.round(distance, 1), kind="stable")[: limit * 4]
        found = [(t.courses[int(positions[i])], float(distance[i])) for i in order]
        found.sort(key=lambda pair: (round(pair[1], 1), _next_start(pair[0], now)))
        return found[:limit]

    def categories(self, *, now: datetime) -> list[tuple[str, int]]:
        """Subjects with how many current courses each has, largest first."""
        t = self.tables
        current = t.last_end > now.timestamp()
        counts = Counter(
            t.courses[p].category for p in np.flatnonzero(current) if t.courses[p].category
        )
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def in_category(self, category: str, *, now: datetime) -> list[Course]:
        t = self.tables
        current = t.last_end > now.timestamp()
        found = [
            t.courses[p] for p in np.flatnonzero(current) if t.courses[p].category == category
        ]
        found.sort(key=lambda course: (_next_start(course, now), course.title))
        return found


def build(
    courses: Iterable[Course],
    *,
    tz: ZoneInfo,
    lexicon: Lexicon | None = None,
    now: datetime | None = None,
) -> Index:
    """The index of a catalogue; `now` (by default the clock's) is when it starts serving."""
    lexicon = lexicon or lexicon_module.load()
    return Index(tabulate(courses, tz=tz, lexicon=lexicon, now=now), lexicon)


def _km(value: float) -> float | None:
    return None if math.isnan(value) else value


def _next_start(course: Course, now: datetime) -> float:
    for session in course.sessions:
        if session.end > now:
            return session.start.timestamp()
    return NO_TIME
