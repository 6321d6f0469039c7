"""A pure, immutable search index over the catalogue: `build(courses)`, then `search(text)`.

How it answers, as the best engines do:
- Every word of a course is posted under the field it came from (title, subject, place,
  about, description), and every concept phrase the lexicon knows ("sign language", "BSL")
  under a concept token, so synonyms cost one more posting list, not a rewrite of the query.
- A query word is looked up in the vocabulary: exactly, with a typo allowance that grows with
  its length (a swap of two letters is one typo), as a prefix if it is the last word, and
  through its concept. Only the courses reached that way are scored, with numpy over posting
  arrays, never a scan of every course's text.
- Ranking is in tiers: more query words matched, then facets met, then fewer typos, then the
  fields matched (title and subject over description), then exact words over synonyms and
  prefixes, then words close together and in order, then sooner (and nearer) courses.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue import lexicon as lexicon_module
from catalogue.lexicon import Lexicon
from catalogue.models import Course, Mode
from catalogue.query import (
    AUDIENCE_BITS,
    LEVEL_BITS,
    Facets,
    ParsedQuery,
    Slot,
    parse,
    typo_allowance,
)
from catalogue.text import fold, words

Positions = npt.NDArray[np.int32]

TITLE: Final = 0
SUBJECT: Final = 1
PLACE: Final = 2
ABOUT: Final = 3
DESCRIPTION: Final = 4
WEIGHTS: Final = (3.0, 3.0, 2.0, 1.5, 1.0)
STRONG: Final = 2.0  # a match this strong (place or better) can carry a partial query
SYNONYM_QUALITY: Final = 0.9
PREFIX_QUALITY: Final = 0.9
MIN_PREFIX: Final = 4  # "pott" finds pottery; "bus" must not find business
REFINED: Final = 50  # how many of the best hits get the finer, per-course tie-breaks
# When no course meets every facet, near misses keeping the weightier facets come first:
# a class in the right neighbourhood at another time beats one at the right time elsewhere.
FACET_WEIGHTS: Final = {
    "place": 8,
    "audience": 4,
    "mode": 4,
    "level": 2,
    "price": 2,
    "day": 1,
    "time": 1,
}
_NO_TIME: Final = float("inf")


@dataclass(frozen=True, slots=True)
class Hit:
    course: Course
    score: float
    matched: int  # how many of the query's words this course matched
    distance_km: float | None = None  # from the place asked for, or the resident's location


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    query: ParsedQuery
    missed: tuple[str, ...] = ()  # facets the hits do not all meet: a graceful fallback

    def __bool__(self) -> bool:
        return bool(self.hits)

    @property
    def suggestion(self) -> str | None:
        """The message as the index understood it, when it corrected a misspelling."""
        if not self.query.corrections:
            return None
        return " ".join(self.query.corrections.values())


@dataclass(frozen=True, slots=True)
class _Alternative:
    term: str
    typos: int
    exact: int  # 1 for the resident's own word, 0 for a synonym, prefix or typo
    quality: float


@dataclass(frozen=True, eq=False)
class Index:
    courses: tuple[Course, ...]
    lexicon: Lexicon
    postings: dict[str, tuple[tuple[int, Positions], ...]]  # term -> (field, positions)
    vocabulary: tuple[str, ...]  # sorted, for prefix look-ups
    forms_by_length: dict[int, tuple[str, ...]]  # written forms by length, for typo look-ups
    form_to_term: dict[str, str]  # "maths" -> "math"
    lexicon_words: frozenset[str]  # words the lexicon understood: never "corrected"
    by_id: dict[str, int]
    last_end: npt.NDArray[np.float64]  # epoch seconds; inf when there are no dated sessions
    days: npt.NDArray[np.uint8]
    times: npt.NDArray[np.uint8]
    cost: npt.NDArray[np.int64]  # pence; -1 when unknown
    mode: npt.NDArray[np.uint8]  # 0 in person, 1 online, 2 blended
    levels: npt.NDArray[np.uint16]
    audiences: npt.NDArray[np.uint8]
    lat: npt.NDArray[np.float64]  # nan without coordinates
    lon: npt.NDArray[np.float64]
    area: tuple[str, ...]  # folded area names
    district: tuple[str, ...]  # postcode districts, "M14"

    def get(self, course_id: str) -> Course | None:
        position = self.by_id.get(course_id)
        return None if position is None else self.courses[position]

    def knows(self, word: str) -> bool:
        return word in self.postings

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
        facets = parsed.facets.active
        if not parsed.slots and not facets:
            return SearchResult((), parsed)
        current = self.last_end > now.timestamp()
        count = len(self.courses)
        matched = np.zeros(count, np.int16)
        typos = np.zeros(count, np.int16)
        fields = np.zeros(count, np.float32)
        exact = np.zeros(count, np.int16)
        score = np.zeros(count, np.float32)
        coverage = np.zeros(count, np.float32)  # the same words found in more fields
        strong = np.zeros(count, bool)  # matched a word as typed in a title, subject or place
        for number, slot in enumerate(parsed.slots):
            last = number == len(parsed.slots) - 1
            reached = np.zeros(count, bool)
            for alt, field_code, positions in self._postings_for(slot, last=last, parsed=parsed):
                weight = WEIGHTS[field_code]
                seen = reached[positions]
                coverage[positions[seen]] += weight
                fresh = positions[~seen]
                if not len(fresh):
                    continue
                reached[fresh] = True
                typos[fresh] += alt.typos
                fields[fresh] += weight
                exact[fresh] += alt.exact
                score[fresh] += weight * alt.quality
                if weight >= STRONG and not alt.term.startswith("~"):
                    strong[fresh] = True
            matched += reached

        slots = len(parsed.slots)
        if slots:
            # Half the words must match, and a partial match needs one of the resident's own
            # words in a title, subject or place: "football results" must not find a course
            # that mentions results, nor "lottery numbers" one about numeracy.
            enough = (matched * 2 >= slots) & ((matched == slots) | strong) & (matched > 0)
            candidates = np.flatnonzero(enough & current)
        else:
            candidates = np.flatnonzero(current)
        if not len(candidates):
            return SearchResult((), parsed)

        met, distance = self._facets(parsed.facets, candidates)
        full = sum(FACET_WEIGHTS[name] for name in facets)
        fallback = bool(full) and met.max() < full
        if full and not fallback:
            keep = met == full
            candidates, met, distance = candidates[keep], met[keep], distance[keep]
        place_asked = self._centre(parsed.facets) is not None
        if not place_asked and near is not None:
            distance = _haversine(*near, self.lat[candidates], self.lon[candidates])
        # With a place asked for, nearness (to the kilometre) ranks right after typos. When
        # no course meets every facet, the words decide first and facets met come after
        # exactness: "free guitar lessons" shows the guitar course, not a free choir.
        km = np.floor(np.nan_to_num(distance, nan=1e9)) if place_asked else np.zeros(len(met))
        keys = [-coverage[candidates], -fields[candidates], km]
        if fallback:
            keys += [-met, -exact[candidates], typos[candidates], -matched[candidates]]
        else:
            keys += [-exact[candidates], typos[candidates], -matched[candidates], -met]
        order = np.lexsort(keys)
        head = order[:REFINED]
        ranked = (
            self._refine(
                [int(candidates[i]) for i in head],
                parsed,
                now,
                (matched, typos, fields, exact, coverage),
                met_of={int(candidates[i]): int(met[i]) for i in head},
                distance_of={
                    int(candidates[i]): float(distance[i])
                    for i in head
                    if not np.isnan(distance[i])
                },
                fallback=fallback,
                place_asked=place_asked,
            )
            + candidates[order[REFINED:]].tolist()
        )
        shown = ranked if limit is None else ranked[:limit]
        # candidates is sorted, so each hit's row in the per-candidate arrays is a search away.
        rows = np.searchsorted(candidates, np.array(shown, dtype=np.intp))
        hits = tuple(
            Hit(self.courses[p], float(score[p]), int(matched[p]), _km(distance[row]))
            for p, row in zip(shown, rows.tolist(), strict=True)
        )
        missed = self._missed(parsed.facets, candidates[rows[:1]]) if fallback else ()
        return SearchResult(hits, parsed, missed)

    def _postings_for(
        self, slot: Slot, *, last: bool, parsed: ParsedQuery
    ) -> list[tuple[_Alternative, int, Positions]]:
        """Every posting list a slot reaches, best first: fewer typos, stronger field,
        the resident's own word before a synonym."""
        found = []
        for alt in self._alternatives(slot, last=last, parsed=parsed):
            for field_code, positions in self.postings.get(alt.term, ()):
                found.append((alt, field_code, positions))
        found.sort(key=lambda item: (item[0].typos, -WEIGHTS[item[1]], -item[0].exact))
        return found

    def _alternatives(self, slot: Slot, *, last: bool, parsed: ParsedQuery) -> list[_Alternative]:
        word = slot.word
        found: dict[str, _Alternative] = {}
        if word in self.postings:  # a word, or a concept phrase as the resident wrote it
            found[word] = _Alternative(word, 0, 1, 1.0)
        elif slot.literal:
            self._typos(word, found, parsed)
        if slot.literal and last and len(word) >= MIN_PREFIX and not word.isdigit():
            start = bisect_left(self.vocabulary, word)
            for term in self.vocabulary[start : start + 50]:
                if not term.startswith(word):
                    break
                found.setdefault(term, _Alternative(term, 0, 0, PREFIX_QUALITY))
        if slot.concept is not None:
            token = _concept_token(slot.concept)
            found.setdefault(token, _Alternative(token, 0, 0, SYNONYM_QUALITY))
        return list(found.values())

    def _typos(self, word: str, found: dict[str, _Alternative], parsed: ParsedQuery) -> None:
        """Catalogue words within the typo allowance, compared as written ('mathss' is one
        letter from 'maths', though the index keeps the stem 'math')."""
        allowance = typo_allowance(word)
        if not allowance:
            return
        forms = [
            form
            for length in range(len(word) - allowance, len(word) + allowance + 1)
            for form in self.forms_by_length.get(length, ())
        ]
        matches = process.extract(
            word, forms, scorer=OSA.distance, score_cutoff=allowance, limit=None
        )
        for form, distance, _ in sorted(matches, key=lambda m: m[1]):
            term = self.form_to_term[form]
            found.setdefault(term, _Alternative(term, int(distance), 0, 1.0 - 0.15 * distance))
        if matches and word not in self.lexicon_words:
            best = min(matches, key=lambda m: (m[1], -self._frequency(self.form_to_term[m[0]])))
            parsed.corrections[word] = best[0]

    def _frequency(self, term: str) -> int:
        return sum(len(positions) for _, positions in self.postings.get(term, ()))

    def _facets(
        self, facets: Facets, candidates: npt.NDArray[np.intp]
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.float64]]:
        """How many facets each candidate meets, and its distance from the place asked for."""
        met = np.zeros(len(candidates), np.int16)
        distance = np.full(len(candidates), np.nan)
        for name, ok in self._facet_checks(facets, candidates, distance):
            met += ok * np.int16(FACET_WEIGHTS[name])
        return met, distance

    def _facet_checks(
        self,
        facets: Facets,
        candidates: npt.NDArray[np.intp],
        distance: npt.NDArray[np.float64],
    ) -> Iterable[tuple[str, npt.NDArray[np.bool_]]]:
        if facets.days:
            yield "day", (self.days[candidates] & facets.days) > 0
        if facets.times:
            yield "time", (self.times[candidates] & facets.times) > 0
        if facets.max_pence is not None:
            cost = self.cost[candidates]
            yield "price", (cost >= 0) & (cost <= facets.max_pence)
        if facets.mode == "online":
            yield "mode", self.mode[candidates] != 0
        elif facets.mode == "in_person":
            yield "mode", self.mode[candidates] != 1
        if facets.levels:
            yield "level", (self.levels[candidates] & facets.levels) > 0
        if facets.audiences:
            yield "audience", (self.audiences[candidates] & facets.audiences) > 0
        centre = self._centre(facets)
        if centre is not None:
            lat, lon = centre
            distance[:] = _haversine(lat, lon, self.lat[candidates], self.lon[candidates])
            near = distance <= self.lexicon.radius_km
            areas = {fold(facets.place.name)} if facets.place else set()
            districts = facets.place.districts if facets.place else {facets.district}
            named = np.fromiter(
                (
                    self.area[c] in areas or self.district[c] in districts
                    for c in candidates.tolist()
                ),
                bool,
                len(candidates),
            )
            yield "place", near | named

    def _centre(self, facets: Facets) -> tuple[float, float] | None:
        if facets.place is not None:
            return facets.place.lat, facets.place.lon
        if facets.district is not None:
            return self.lexicon.districts.get(facets.district)
        return None

    def _missed(self, facets: Facets, near_misses: npt.NDArray[np.intp]) -> tuple[str, ...]:
        distance = np.full(len(near_misses), np.nan)
        return tuple(
            name for name, ok in self._facet_checks(facets, near_misses, distance) if not ok.any()
        )

    def _refine(
        self,
        head: list[int],
        parsed: ParsedQuery,
        now: datetime,
        tiers: tuple[npt.NDArray[np.generic], ...],
        *,
        met_of: dict[int, int],
        distance_of: dict[int, float],
        fallback: bool,
        place_asked: bool,
    ) -> list[int]:
        """The full ranking for the best few: the coarse tiers as in `search`, then words
        close together and in order in the title, then the nearest (to the place asked for or
        the resident's shared location) and the soonest course."""
        matched, typos, fields, exact, coverage = tiers
        slot_words = [s.word for s in parsed.slots if s.literal]

        def key(p: int) -> tuple[float, ...]:
            km = math.floor(distance_of.get(p, 1e9)) if place_asked else 0
            met = -met_of.get(p, 0)
            tiers: tuple[float, ...] = (
                (-int(matched[p]), int(typos[p]), -int(exact[p]), met, km, -float(fields[p]))
                if fallback
                else (met, -int(matched[p]), int(typos[p]), km, -float(fields[p]), -int(exact[p]))
            )
            return (
                *tiers,
                -float(coverage[p]),
                -_proximity(slot_words, self.courses[p]),
                round(distance_of.get(p, 1e9), 1),
                _next_start(self.courses[p], now),
            )

        return sorted(head, key=key)

    # --- browsing ---

    def nearest(
        self, lat: float, lon: float, *, now: datetime, limit: int = 5
    ) -> list[tuple[Course, float]]:
        """Current in-person courses with coordinates, nearest first, with distance in km."""
        usable = (self.last_end > now.timestamp()) & (self.mode != 1) & ~np.isnan(self.lat)
        positions = np.flatnonzero(usable)
        distance = _haversine(lat, lon, self.lat[positions], self.lon[positions])
        order = np.argsort(np.round(distance, 1), kind="stable")[: limit * 4]
        found = [(self.courses[int(positions[i])], float(distance[i])) for i in order]
        found.sort(key=lambda pair: (round(pair[1], 1), _next_start(pair[0], now)))
        return found[:limit]

    def categories(self, *, now: datetime) -> list[tuple[str, int]]:
        """Subjects with how many current courses each has, largest first."""
        current = self.last_end > now.timestamp()
        counts = Counter(
            self.courses[p].category for p in np.flatnonzero(current) if self.courses[p].category
        )
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def in_category(self, category: str, *, now: datetime) -> list[Course]:
        current = self.last_end > now.timestamp()
        found = [
            self.courses[p]
            for p in np.flatnonzero(current)
            if self.courses[p].category == category
        ]
        found.sort(key=lambda course: (_next_start(course, now), course.title))
        return found


def _km(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _concept_token(concept: str) -> str:
    return "~" + concept


def _proximity(slot_words: Sequence[str], course: Course) -> int:
    """Pairs of consecutive query words found next to each other, in order, in the title."""
    if len(slot_words) < 2:
        return 0
    title = words(course.title)
    where = {w: i for i, w in enumerate(title)}
    return sum(
        1
        for a, b in itertools.pairwise(slot_words)
        if a in where and b in where and 0 < where[b] - where[a] <= 2
    )


def _next_start(course: Course, now: datetime) -> float:
    for session in course.sessions:
        if session.end > now:
            return session.start.timestamp()
    return _NO_TIME


def _haversine(
    lat: float, lon: float, lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    phi1, phi2 = np.radians(lat), np.radians(lats)
    dphi, dlambda = phi2 - phi1, np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    result: npt.NDArray[np.float64] = 6371.0 * 2 * np.arcsin(np.sqrt(a))
    return result


# --- building ---

_LEVEL_PATTERNS = {
    "beginner": (
        r"beginner|pre-?entry|entry 1|entry level|taster|introduc|get started|first steps"
        r"|all levels"
    ),
    "improver": r"improver|intermediate|all levels",
    "advanced": r"advanced|level 3|all levels",
    "pre_entry": r"pre-?entry",
    "entry1": r"entry 1\b",
    "entry2": r"entry 2\b",
    "entry3": r"entry 3\b",
    "level1": r"level 1\b",
    "level2": r"level 2\b",
    "level3": r"level 3\b",
}
_AUDIENCE_PATTERNS = {
    "children": r"child|kids|young people|teen|aged \d+ to 1\d\b|under 5|famil|everyone",
    "family": r"famil|parent|carer|mums|dads|everyone",
    "older": r"over 5\d|over 6\d|older|senior|retired|50\+|pensioner|everyone",
    "women": r"women|ladies|female|mother|mums",
}
_LEVELS = [(LEVEL_BITS[k], re.compile(v)) for k, v in _LEVEL_PATTERNS.items()]
_AUDIENCES = [(AUDIENCE_BITS[k], re.compile(v)) for k, v in _AUDIENCE_PATTERNS.items()]


def build(courses: Iterable[Course], *, tz: ZoneInfo, lexicon: Lexicon | None = None) -> Index:
    lexicon = lexicon or lexicon_module.load()
    ordered = tuple(courses)
    count = len(ordered)
    lists: dict[tuple[str, int], list[int]] = {}
    local_start: dict[datetime, tuple[int, int]] = {}  # many courses share session times
    days = np.zeros(count, np.uint8)
    times = np.zeros(count, np.uint8)
    levels = np.zeros(count, np.uint16)
    audiences = np.zeros(count, np.uint8)
    for position, course in enumerate(ordered):
        for field_code, text in enumerate(_field_texts(course)):
            for term in _terms(text, lexicon):
                lists.setdefault((term, field_code), []).append(position)
        day_bits = time_bits = 0
        for session in course.sessions:
            weekday_hour = local_start.get(session.start)
            if weekday_hour is None:
                local = session.start.astimezone(tz)
                weekday_hour = local_start[session.start] = (local.weekday(), local.hour)
            day_bits |= 1 << weekday_hour[0]
            hour = weekday_hour[1]
            time_bits |= 1 if hour < 12 else (2 if hour < 17 else 4)
        days[position], times[position] = day_bits, time_bits
        level_text = f"{course.level} {course.title}".lower()
        levels[position] = sum(bit for bit, pattern in _LEVELS if pattern.search(level_text))
        audience_text = course.audience.lower()
        audiences[position] = sum(
            bit for bit, pattern in _AUDIENCES if pattern.search(audience_text)
        )

    postings: dict[str, list[tuple[int, Positions]]] = {}
    for (term, field_code), positions in lists.items():
        postings.setdefault(term, []).append((field_code, np.array(positions, np.int32)))
    vocabulary = tuple(sorted(t for t in postings if not t.startswith("~") and " " not in t))
    # Typos are made on words as written, and the index keeps stems: compare with the
    # forms a stem is usually written in.
    form_to_term: dict[str, str] = {}
    for term in vocabulary:
        for form in (term, term + "s", term + "ing") if term.isalpha() else (term,):
            form_to_term.setdefault(form, term)
    by_length: dict[int, list[str]] = {}
    for form in form_to_term:
        by_length.setdefault(len(form), []).append(form)
    return Index(
        courses=ordered,
        lexicon=lexicon,
        postings={t: tuple(sorted(p, key=lambda fp: fp[0])) for t, p in postings.items()},
        vocabulary=vocabulary,
        forms_by_length={n: tuple(ws) for n, ws in by_length.items()},
        form_to_term=form_to_term,
        lexicon_words=frozenset(p[0] for p in lexicon.phrases if len(p) == 1),
        by_id={c.id: position for position, c in enumerate(ordered)},
        last_end=np.array([_last_end(c, tz) for c in ordered], np.float64),
        days=days,
        times=times,
        cost=np.array([-1 if c.cost_pence is None else c.cost_pence for c in ordered], np.int64),
        mode=np.array(
            [{Mode.IN_PERSON: 0, Mode.ONLINE: 1, Mode.BLENDED: 2}[c.mode] for c in ordered],
            np.uint8,
        ),
        levels=levels,
        audiences=audiences,
        lat=np.array([np.nan if c.lat is None else c.lat for c in ordered], np.float64),
        lon=np.array([np.nan if c.lon is None else c.lon for c in ordered], np.float64),
        area=tuple(fold(c.area) for c in ordered),
        district=tuple(c.postcode.split(" ")[0] for c in ordered),
    )


_ENGLISH = re.compile(r"\benglish\b", re.IGNORECASE)


def _last_end(course: Course, tz: ZoneInfo) -> float:
    """When a course stops being current, in epoch seconds; infinity for ongoing ones."""
    if course.sessions:
        return max(s.end for s in course.sessions).timestamp()
    if course.ends_on is not None:
        midnight = datetime.combine(course.ends_on + timedelta(days=1), time(), tzinfo=tz)
        return midnight.timestamp()
    return _NO_TIME


def _field_texts(course: Course) -> tuple[str, str, str, str, str]:
    # Teaching in English is the default and says nothing; another language does.
    language = _ENGLISH.sub("", course.language)
    return (
        course.title,
        " ; ".join((course.category, *course.tags)),
        " ; ".join((course.area, course.venue, course.postcode, course.address)),
        " ; ".join((course.provider, course.level, course.audience, language)),
        course.description,
    )


def _terms(text: str, lexicon: Lexicon) -> set[str]:
    """The distinct words of a field, plus a token for every concept it mentions and each
    concept phrase as written ("sign language"), so the resident's own phrase outranks its
    synonyms."""
    found = words(text)
    terms = set(found)
    phrases = lexicon.phrases
    for i, word in enumerate(found):
        meaning = phrases.get((word,))
        if meaning is not None and meaning.kind is lexicon_module.Kind.CONCEPT:
            terms.add(_concept_token(meaning.value))
        for phrase in lexicon.concept_phrases.get(word, ()):
            if tuple(found[i : i + len(phrase)]) == phrase:
                terms.add(_concept_token(phrases[phrase].value))
                terms.add(" ".join(phrase))
                break
    return terms
