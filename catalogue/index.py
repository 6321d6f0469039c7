"""A pure, immutable search index over the catalogue: `build(courses)`, then `search(text)`.

How it answers a message (`query.parse` has already read it into slots and facets):
- **Each word is looked up** exactly, through its concept ("resume" finds CV courses), with a
  typo allowance taken from the catalogue's own words, and as a prefix if it is the last word.
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
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue import languages, semantic
from catalogue import lexicon as lexicon_module
from catalogue.indexing import (
    NO_TIME,
    SUBJECT,
    TITLE,
    Positions,
    Tables,
    concept_token,
    tabulate,
)
from catalogue.lexicon import Lexicon
from catalogue.models import Course
from catalogue.query import AMBIGUOUS_BELOW, Facets, ParsedQuery, Slot, parse, typo_allowance
from catalogue.ranking import facet_checks, haversine, proximity

# How much a match in each field is worth: title, subject, place, about, description.
FIELD_VALUE: Final = (1.0, 1.0, 0.6, 0.45, 0.4)
SYNONYM_QUALITY: Final = 0.9
PREFIX_QUALITY: Final = 0.85
FAMILY_QUALITY: Final = 0.8  # a word of the same family: "plumber" finds plumbing
TYPO_COST: Final = 0.15  # per letter
RARER_TYPO: Final = 0.05  # an equally close but rarer correction is a little less likely
# The same word found in more fields counts a little more, never enough to beat the
# resident's own word with a synonym.
EXTRA_FIELDS: Final = 0.03
MIN_PREFIX: Final = 4  # "pott" finds pottery; "bus" must not find business
FAMILY_PREFIX: Final = 5  # letters a word family must share, and most of the shorter word
FAMILY_SHARE: Final = 0.7
# A word found in more than this share of courses ("skills", "adults") does not name a subject.
GENERIC_SHARE: Final = 0.2
GENERIC_MIN: Final = 5  # (in a small catalogue every word is in a large share of it)
# The semantic signal: its weight beside the word match, and how far above the catalogue's
# average similarity (in standard deviations) a course must stand to join a subject's matches
# on meaning. Set on the team's own sets (tests/data), never on the held-out one.
MEANING_WEIGHT: Final = 0.3
MEANING_JOIN_Z: Final = 3.0
# A short message (this many words that are neither fillers nor facets) is about its most
# specific word; a dropped word counts if English uses it (Zipf >= 3: not a typo, not another
# language); a concept word is at least this specific.
SHORT_MESSAGE: Final = 4
REAL_WORD: Final = 3.0
CONCEPT_SPECIFIC: Final = 0.8
RELATIVE_TAIL: Final = 0.5  # hits scoring under half the best are left out
# When no course meets every facet, meeting more of them (by weight) adds up to this much; with
# a place asked for, each kilometre away costs KM_COST, up to KM_CAP.
FACET_SHARE: Final = 0.3
FACET_STRICT_SHARE: Final = 0.75
KM_COST: Final = 0.03
KM_CAP: Final = 0.3
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
    quality: float  # 1 for the resident's own word, less for synonyms, prefixes and typos


@dataclass
class _Matches:
    """Per-course scores for one message, built slot by slot."""

    score: npt.NDArray[np.float32]  # sum of slot weight x match quality
    matched: npt.NDArray[np.int16]  # slots matched
    on_subject: npt.NDArray[np.bool_]  # matched a slot that names a subject
    weight: float = 0.0  # sum of the weights of every slot, dropped ones included
    live: int = 0  # slots that reach some course
    subject: bool = False  # some slot names a subject the catalogue has
    dropped: list[str] = field(default_factory=list)  # words that matched nothing


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
        if not parsed.slots and not parsed.facets.active:
            return SearchResult((), parsed)
        t = self.tables
        current = t.last_end > now.timestamp()
        matches = self._match(parsed, current)
        relevance, candidates = self._relevance(parsed, matches, current)
        if not len(candidates):
            return SearchResult((), parsed)

        facets = parsed.facets.active
        met, distance = self._facets(parsed.facets, candidates)
        full = sum(FACET_WEIGHTS[name] for name in facets)
        # Facets filter when courses meeting them all answer the words about as well as the
        # best; otherwise the best answers come first and the note says which facet failed.
        meets_all = met == full
        fallback = bool(full) and (
            not meets_all.any()
            or relevance[candidates][meets_all].max()
            < FACET_STRICT_SHARE * relevance[candidates].max()
        )
        # In a message about a situation, facets are hints, not filters: "my son keeps
        # telling me to video call them" is not asking for a children's course.
        soft = len(parsed.slots) > SHORT_MESSAGE
        if full and not fallback and not soft:
            keep = meets_all
            candidates, met, distance = candidates[keep], met[keep], distance[keep]
        place_asked = self._centre(parsed.facets) is not None
        if not place_asked and near is not None:
            distance = haversine(*near, t.lat[candidates], t.lon[candidates])
        scores = relevance[candidates]
        best = float(scores.max())
        if best > 0:  # a message of facets alone scores nothing: every course may answer
            # Courses matching every word the catalogue knows stay; partial matches and
            # meaning alone stay only near the best.
            whole = matches.matched[candidates] == matches.live
            keep = whole | (scores >= best * RELATIVE_TAIL)
            candidates, met, distance, scores = (
                candidates[keep],
                met[keep],
                distance[keep],
                scores[keep],
            )
        ranking = scores + self._facet_bonus(met, full, distance, place_asked)
        wanted = None if limit is None else max(limit, REFINED)
        if wanted is not None and len(ranking) > 4 * wanted:
            # Only the best few are shown: order those, not every match of a broad word.
            cut = ranking[np.argpartition(-ranking, wanted)[wanted - 1]]
            best_few = np.flatnonzero(ranking >= cut)  # ties at the cut stay in
            order = best_few[np.argsort(-ranking[best_few], kind="stable")]
        else:
            order = np.argsort(-ranking, kind="stable")
        head = [int(i) for i in order[:REFINED]]
        head.sort(key=lambda i: self._tie_break(i, candidates, ranking, distance, parsed, now))
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
            self._missed(parsed.facets, candidates[[shown[0]]]) if fallback and not soft else ()
        )
        return SearchResult(hits, parsed, missed)

    def _match(self, parsed: ParsedQuery, current: npt.NDArray[np.bool_]) -> _Matches:
        count = len(self.tables.courses)
        matches = _Matches(
            np.zeros(count, np.float32),
            np.zeros(count, np.int16),
            np.zeros(count, bool),
        )
        live = max(1, int(current.sum()))
        for number, slot in enumerate(parsed.slots):
            last = number == len(parsed.slots) - 1
            best = np.zeros(count, np.float32)
            extra = np.zeros(count, np.float32)
            subject = np.zeros(count, bool)
            for alt, field_code, positions in self._postings_for(slot, last=last, parsed=parsed):
                value = np.float32(alt.quality * FIELD_VALUE[field_code])
                before = best[positions]
                extra[positions] += np.minimum(before, value)
                best[positions] = np.maximum(before, value)
                if field_code in (TITLE, SUBJECT) or alt.term.startswith("~"):
                    subject[positions] = True
            reached = (best > 0) & current
            found = int(reached.sum())
            # Rare words say more about what the resident wants than common ones. A word
            # that matches nothing weighs as the rarest would, less as English uses it more:
            # dropping "ciggies" costs, dropping "nothing" hardly does.
            weight = math.log(1 + live / max(found, 1))
            if slot.concept is None and slot.form.isascii():
                weight *= languages.information(slot.form)
            matches.weight += weight
            if not found:
                matches.dropped.append(slot.label)
                continue
            matches.live += 1
            matches.score += weight * (best + EXTRA_FIELDS * extra)
            matches.matched += best > 0
            generic = found > max(GENERIC_SHARE * live, GENERIC_MIN)
            names_subject = slot.concept is not None or not generic
            if names_subject and (subject & current).any():
                matches.subject = True
                matches.on_subject |= subject
        return matches

    def _relevance(
        self, parsed: ParsedQuery, matches: _Matches, current: npt.NDArray[np.bool_]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]:
        """Each course's relevance (word match blended with meaning) and the candidates."""
        t = self.tables
        if not parsed.slots:  # facets alone: every current course, filtered below
            return np.zeros(len(t.courses), np.float32), np.flatnonzero(current)
        lexical = matches.score / np.float32(max(matches.weight, 1e-6))
        count = len(t.courses)
        nothing = np.flatnonzero(np.zeros(count, bool))
        if matches.subject and _about_something_else(parsed, matches):
            return lexical, nothing
        if matches.subject:
            by_words = matches.on_subject & current  # reached through a subject word
        elif matches.live >= 2 and not matches.dropped:
            # Every word of the message in one course, if only in its description: "my
            # toaster is broken" and the repair café that fixes toasters and broken lamps.
            by_words = (matches.matched == matches.live) & current
        else:
            by_words = np.zeros(count, bool)
        meaning = self._meaning(parsed)
        similarity = np.zeros(count, np.float32)
        # Meaning can add courses to a subject's matches when words were dropped; then every
        # course is compared, otherwise only those the words found (far fewer). Meaning never
        # answers alone: static embeddings cannot tell "drum lessons" (nothing here) from "make
        # pots" (pottery) well enough, measured on the team's sets.
        widen = meaning is not None and bool(matches.dropped) and by_words.any()
        if meaning is not None and not widen:
            found = np.flatnonzero(by_words)
            similarity[found] = semantic.similarities(t.vectors[found], meaning)
        relevance = lexical + MEANING_WEIGHT * similarity
        if not widen or meaning is None:
            return relevance, np.flatnonzero(by_words)
        similarity = semantic.similarities(t.vectors, meaning)
        relevance = lexical + MEANING_WEIGHT * similarity
        usual = similarity[current]
        spread = float(usual.std()) if len(usual) > 1 else 0.0
        z = (similarity - float(usual.mean())) / spread if spread else np.zeros(count)
        # Courses whose meaning stands well above the rest join the word matches.
        candidates = np.flatnonzero(by_words | ((z >= MEANING_JOIN_Z) & current))
        return relevance, candidates

    def _meaning(self, parsed: ParsedQuery) -> npt.NDArray[np.float32] | None:
        """The message's meaning vector, from the resident's own words (as corrected) where
        they are written in Latin letters; words in other scripts by their concept's English
        name, since the model reads English. Fillers and facets are left out: "I want a class
        on Saturday" is what every course is about."""
        parts, weights = [], []
        for slot in parsed.slots:
            if slot.form and slot.form.isascii():
                word = parsed.corrections.get(slot.label, slot.form)
                parts.append(word)
                weights.append(languages.information(word))
            elif slot.concept is not None:
                parts.append(self.lexicon.glosses.get(slot.concept, slot.concept))
                weights.append(1.0)
        return semantic.encoder().encode_words(parts, weights)

    def _postings_for(
        self, slot: Slot, *, last: bool, parsed: ParsedQuery
    ) -> list[tuple[_Alternative, int, Positions]]:
        """Every posting list a slot reaches."""
        found = []
        for alt in self._alternatives(slot, last=last, parsed=parsed):
            for field_code, positions in self.tables.postings.get(alt.term, ()):
                found.append((alt, field_code, positions))
        return found

    def _alternatives(self, slot: Slot, *, last: bool, parsed: ParsedQuery) -> list[_Alternative]:
        word = slot.word
        found: dict[str, _Alternative] = {}
        if word in self.tables.postings:  # a word, or a concept phrase as the resident wrote it
            found[word] = _Alternative(word, 1.0)
        elif slot.literal:
            self._typos(slot, found, parsed)
        if slot.literal and last and len(word) >= MIN_PREFIX and not word.isdigit():
            vocabulary = self.tables.vocabulary
            start = bisect_left(vocabulary, word)
            for term in vocabulary[start : start + 50]:
                if not term.startswith(word):
                    break
                found.setdefault(term, _Alternative(term, PREFIX_QUALITY))
        if slot.literal and not found and len(slot.form) > FAMILY_PREFIX:
            self._family(slot.form, found)
        if slot.concept is not None:
            token = concept_token(slot.concept)
            found.setdefault(token, _Alternative(token, SYNONYM_QUALITY))
        return list(found.values())

    def _family(self, form: str, found: dict[str, _Alternative]) -> None:
        """Words sharing most of their beginning: "plumber" and "plumbing", "painter" and
        "painting", where a light stemmer leaves them apart."""
        shared = max(FAMILY_PREFIX, math.ceil(FAMILY_SHARE * len(form)))
        start_of = form[:shared]
        vocabulary = self.tables.vocabulary
        start = bisect_left(vocabulary, start_of)
        for term in vocabulary[start : start + 20]:
            if not term.startswith(start_of):
                break
            if len(start_of) >= FAMILY_SHARE * min(len(term), len(form)):
                found.setdefault(term, _Alternative(term, FAMILY_QUALITY))

    def _typos(self, slot: Slot, found: dict[str, _Alternative], parsed: ParsedQuery) -> None:
        """Catalogue words within the typo allowance, compared as written ('evning' is one
        letter from 'evening', though the index keeps the stem 'even')."""
        form = slot.form or slot.word
        allowance = 0 if slot.real else typo_allowance(form)
        if not allowance:
            return
        t = self.tables
        matches = [
            match
            for length in range(len(form) - allowance, len(form) + allowance + 1)
            for match in process.extract(
                form,
                t.forms_by_length.get(length, ()),
                scorer=OSA.distance,
                score_cutoff=allowance,
                limit=None,
            )
        ]
        if not matches:
            return
        if len(form) < AMBIGUOUS_BELOW and len({t.form_to_term[m[0]] for m in matches}) > 1:
            return  # a short word with several corrections: no guessing
        ordered = sorted(matches, key=lambda m: (m[1], -self._frequency(t.form_to_term[m[0]])))
        closest = ordered[0][1]
        for rank, (written, distance, _) in enumerate(ordered):
            term = t.form_to_term[written]
            rarer = RARER_TYPO if rank and distance == closest else 0.0
            found.setdefault(term, _Alternative(term, 1.0 - TYPO_COST * distance - rarer))
        best = ordered[0]
        parsed.corrections[slot.label] = best[0]

    def _frequency(self, term: str) -> int:
        return sum(len(positions) for _, positions in self.tables.postings.get(term, ()))

    def _facets(
        self, facets: Facets, candidates: npt.NDArray[np.intp]
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.float64]]:
        """How many facets each candidate meets, and its distance from the place asked for."""
        met = np.zeros(len(candidates), np.int16)
        distance = np.full(len(candidates), np.nan)
        checks = facet_checks(self.tables, self.lexicon, facets, candidates, distance)
        for name, ok in checks:
            met += ok * np.int16(FACET_WEIGHTS[name])
        return met, distance

    def _centre(self, facets: Facets) -> tuple[float, float] | None:
        if facets.place is not None:
            return facets.place.lat, facets.place.lon
        if facets.district is not None:
            return self.lexicon.districts.get(facets.district)
        return None

    def _missed(self, facets: Facets, near_misses: npt.NDArray[np.intp]) -> tuple[str, ...]:
        distance = np.full(len(near_misses), np.nan)
        checks = facet_checks(self.tables, self.lexicon, facets, near_misses, distance)
        return tuple(name for name, ok in checks if not ok.any())

    @staticmethod
    def _facet_bonus(
        met: npt.NDArray[np.int16],
        full: int,
        distance: npt.NDArray[np.float64],
        place_asked: bool,
    ) -> npt.NDArray[np.float64]:
        """What facets add to relevance. When no course meets them all, each facet kept
        counts by its weight; with a place asked for, every kilometre away costs a little."""
        bonus = FACET_SHARE * met / full if full else np.zeros(len(met))
        if place_asked:
            km = np.nan_to_num(distance, nan=KM_CAP / KM_COST)
            bonus = bonus - np.minimum(km * KM_COST, KM_CAP)
        result: npt.NDArray[np.float64] = bonus
        return result

    def _tie_break(
        self,
        i: int,
        candidates: npt.NDArray[np.intp],
        ranking: npt.NDArray[np.float64],
        distance: npt.NDArray[np.float64],
        parsed: ParsedQuery,
        now: datetime,
    ) -> tuple[float, ...]:
        """The full order of the best few: their ranking (to three places, so that meaning
        does not split hairs), words in order in the title, nearness, the soonest session."""
        course = self.tables.courses[int(candidates[i])]
        km = float(distance[i]) if not math.isnan(distance[i]) else 1e9
        return (
            -round(float(ranking[i]), 2),
            -proximity([s.word for s in parsed.slots if s.literal], course),
            round(km, 1),
            _next_start(course, now),
        )

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


def _about_something_else(parsed: ParsedQuery, matches: _Matches) -> bool:
    """A short message whose most specific word is one the catalogue lacks is about that
    word: "taxi number", "lottery numbers", "dentist appointment", "passport photo". Long
    messages describe a situation, where dropped words are context ("40 years on the buses").
    A word of the vocabulary's concepts counts as specific, however common in English."""
    if not matches.dropped or len(parsed.slots) > SHORT_MESSAGE:
        return False
    dropped = set(matches.dropped)
    kept, lost = 0.0, 0.0
    for slot in parsed.slots:
        form = slot.form or slot.word
        if slot.label in dropped:
            if form.isascii() and languages.english_zipf(form) >= REAL_WORD:
                lost = max(lost, languages.information(form))
        else:
            specific = languages.information(form) if form.isascii() else 1.0
            if slot.concept is not None:
                specific = max(specific, CONCEPT_SPECIFIC)
            kept = max(kept, specific)
    return lost > kept


def build(courses: Iterable[Course], *, tz: ZoneInfo, lexicon: Lexicon | None = None) -> Index:
    lexicon = lexicon or lexicon_module.load()
    return Index(tabulate(courses, tz=tz, lexicon=lexicon), lexicon)


def _km(value: float) -> float | None:
    return None if math.isnan(value) else value


def _next_start(course: Course, now: datetime) -> float:
    for session in course.sessions:
        if session.end > now:
            return session.start.timestamp()
    return NO_TIME
