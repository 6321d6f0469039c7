"""Courses turned into the arrays the search index answers from, once per catalogue.

Every word of a course is posted under the field it came from (title, subject, place, about,
description), and every concept phrase the lexicon knows ("sign language", "BSL") under a
concept token, so a synonym costs one more posting list, not a rewrite of the query. Facets
become bit masks and numbers per course, and each course gets a meaning vector for the
semantic signal. Nothing here changes after it is built.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from catalogue.models import Course, Mode
from search import languages, schedules, semantic, tongues
from search.audiences import NO_AGE, for_every_level, for_whom, level_bits
from search.awards import gives_qualification
from search.facets import MAJORITY_AGE, TIME_BITS, time_of_day
from search.lexicon import EdgeTable, Kind, Lexicon, SoundTable, by_edges, by_sound
from search.negation import left_out
from search.schedules import MONTHS_KEPT, SESSION_WEEKS, last_end, month_number, one_day_course
from search.text import fold, forget_words, words, words_and_forms

Positions = npt.NDArray[np.int32]

TITLE: Final = 0
SUBJECT: Final = 1
PLACE: Final = 2
ABOUT: Final = 3
DESCRIPTION: Final = 4
PROVIDER: Final = 5
# Where a course is and who runs it name no subject: "Silver Threads Manchester" is neither
# jewellery nor eyebrow threading, "Garden Lane" no gardening course.
NAMES_ONLY: Final = frozenset((PLACE, PROVIDER))
MEANING_CHARS: Final = 400
_TERMS_MEMO: Final = 50_000
_MEMO_LONGER: Final = 80  # characters


@dataclass(frozen=True, eq=False)
class Tables:
    courses: tuple[Course, ...]
    postings: dict[str, tuple[tuple[int, Positions], ...]]  # term -> (field, positions)
    vocabulary: tuple[str, ...]  # sorted, for prefix look-ups
    # Words as written, for typos, by length and first letter, and by length and last letter:
    # one or two slips seldom change both ends of a word, so a misspelt word is compared with
    # a tenth of the catalogue's words.
    forms_by_edge: EdgeTable
    forms_by_sound: SoundTable  # and by how they sound: "begginer", "beginner"
    form_to_term: dict[str, str]  # "maths" -> "math"
    by_id: dict[str, int]
    last_end: npt.NDArray[np.float64]  # epoch seconds; inf when there are no dated sessions
    # Bit m: the course meets in the m-th calendar month from `months_from` (the month the
    # index was built, as (year, month)): "courses in March" without keeping every session.
    months: npt.NDArray[np.uint32]
    months_from: tuple[int, int]
    days: npt.NDArray[np.uint8]
    times: npt.NDArray[np.uint8]
    one_day: npt.NDArray[np.bool_]  # a one-day course, run once or again (see `_one_day`)
    self_paced: npt.NDArray[np.bool_]  # done at the learner's own pace (`schedules`)
    qualifying: npt.NDArray[np.bool_]  # leads to a qualification (`awards`)
    cost: npt.NDArray[np.int64]  # pence; -1 when unknown
    mode: npt.NDArray[np.uint8]  # 0 in person, 1 online, 2 blended
    levels: npt.NDArray[np.uint16]
    every_level: npt.NDArray[np.bool_]  # takes every level: meets any asked, made for none
    audiences: npt.NDArray[np.uint8]
    for_everyone: npt.NDArray[np.bool_]  # open to all: meets any audience, made for none
    # Says who it is for, and that is adults: "Adults 19+", "Over 50s", "Women", "Carers".
    for_adults: npt.NDArray[np.bool_]
    # The youngest age a course for adults takes: 16 for "Adults 16+", 18 when it says none.
    youngest: npt.NDArray[np.uint8]
    # The ages an audience's range spans ("Children 8-14": 8 and 14); 0 and 255 without one.
    ages_from: npt.NDArray[np.uint8]
    ages_to: npt.NDArray[np.uint8]
    # Whom a course is made for, beyond adults and ages in general ("Women", "Disabled
    # adults", "Unpaid carers"): an index into `groups`, -1 for courses open to any adult.
    group: npt.NDArray[np.int32]
    groups: tuple[frozenset[str], ...]  # each group's words and concept tokens
    # The languages a course is taught in when English is not one ("Urdu", "Polish"): an
    # index into `teachings` (language codes), -1 for courses taught in English.
    taught: npt.NDArray[np.int32]
    teachings: tuple[frozenset[str], ...]
    teaches_own: npt.NDArray[np.bool_]  # taught in a language, it teaches it: a Saturday school
    lat: npt.NDArray[np.float64]  # nan without coordinates
    lon: npt.NDArray[np.float64]
    areas: npt.NDArray[np.int32]  # each course's area, as a code of area_code
    area_code: dict[str, int]  # folded area name -> code
    districts: npt.NDArray[np.int32]  # each course's postcode district ("M14"), as a code
    district_code: dict[str, int]
    vectors: semantic.Vectors  # one unit meaning vector per course
    # The starts of the sessions in the weeks after the index was built, in minutes since the
    # epoch, in order, and whose each is: the courses meeting between two moments of those
    # weeks are one slice ("what's on this weekend"). Only those weeks: every session of 100k
    # courses would cost more memory than the rest of the index's numbers.
    session_minutes: npt.NDArray[np.int32]
    session_course: npt.NDArray[np.int32]
    # The weeks kept, in minutes since the epoch: other windows are read from the courses.
    sessions_from: int
    sessions_until: int
    tz: ZoneInfo
    # A concept -> the broader concept it is a kind of (Lexicon.within): a title that names
    # the broader one ("Know your rights") names a course about the narrower ("renting").
    within: dict[str, str] = field(default_factory=dict)


def concept_token(concept: str) -> str:
    return "~" + concept


def tabulate(
    courses: Iterable[Course], *, tz: ZoneInfo, lexicon: Lexicon, now: datetime | None = None
) -> Tables:
    ordered = tuple(courses)
    built_at = (now or datetime.now(UTC)).astimezone(tz)  # local: months count from its month
    built = int(built_at.timestamp()) // 60
    sessions_from, sessions_until = built - 24 * 60, built + SESSION_WEEKS * 7 * 24 * 60
    count = len(ordered)
    # Positions gathered as machine integers: at 100k courses there are millions of them.
    lists: dict[tuple[str, int], array[int]] = {}
    form_to_term: dict[str, str] = {}
    # Many courses share session times: (weekday bit, time-of-day bit, minutes since the epoch,
    # month bit, local date as an ordinal) by start.
    local_start: dict[datetime, tuple[int, int, int, int, int]] = {}
    days = np.zeros(count, np.uint8)
    one_day = np.zeros(count, bool)
    months = np.zeros(count, np.uint32)
    times = np.zeros(count, np.uint8)
    levels = np.zeros(count, np.uint16)
    audiences = np.zeros(count, np.uint8)
    for_everyone = np.zeros(count, bool)
    for_adults = np.zeros(count, bool)
    youngest = np.full(count, MAJORITY_AGE, np.uint8)
    ages_from = np.zeros(count, np.uint8)
    ages_to = np.full(count, NO_AGE, np.uint8)
    seen: set[tuple[str, str]] = set()  # (stem, form as written) of every word
    minutes, owners = array("i"), array("i")
    # Courses at many venues repeat their descriptions: read each long text once. Only texts
    # seen twice are remembered (the first time, a hash of them): a catalogue of texts all
    # its own would otherwise hold tens of megabytes of terms it never reads again.
    terms_of: dict[str, frozenset[str]] = {}
    seen_once: set[int] = set()
    for position, course in enumerate(ordered):
        for field_code, text in enumerate(_field_texts(course)):
            terms = terms_of.get(text) if field_code not in NAMES_ONLY else None
            if terms is None:
                terms = _terms(text, lexicon, seen, concepts=field_code not in NAMES_ONLY)
                if len(text) > _MEMO_LONGER and len(terms_of) < _TERMS_MEMO:
                    digest = hash(text)
                    if digest in seen_once:
                        terms_of[text] = terms
                    else:
                        seen_once.add(digest)
            for term in terms:
                found = lists.get((term, field_code))
                if found is None:
                    found = lists[(term, field_code)] = array("i")
                found.append(position)
        day_bits = time_bits = month_bits = 0
        dates = set()
        for session in course.sessions:
            known = local_start.get(session.start)
            if known is None:
                local = session.start.astimezone(tz)
                minute = int(session.start.timestamp()) // 60
                period = TIME_BITS[time_of_day(local.hour)]
                month = month_number(local, built_at)
                month_bit = 1 << month if 0 <= month < MONTHS_KEPT else 0
                known = local_start[session.start] = (
                    1 << local.weekday(),
                    period,
                    minute,
                    month_bit,
                    local.toordinal(),
                )
            day_bit, period, minute, month_bit, date = known
            dates.add(date)
            if sessions_from <= minute < sessions_until:
                minutes.append(minute)
                owners.append(position)
            day_bits |= day_bit
            time_bits |= period
            month_bits |= month_bit
        days[position], times[position] = day_bits, time_bits
        one_day[position] = one_day_course(course, dates)
        months[position] = month_bits
        levels[position] = level_bits(course.level, course.title)
        who = for_whom(course.audience)
        audiences[position], for_everyone[position] = who.audiences, who.for_everyone
        for_adults[position], youngest[position] = who.for_adults, who.youngest
        ages_from[position], ages_to[position] = who.ages_from, who.ages_to

    postings: dict[str, list[tuple[int, Positions]]] = {}
    for key in list(lists):
        term, field_code = key
        # An exact-size copy, and the growing array freed as we go: no slack kept.
        positions = np.array(lists.pop(key), np.int32)
        postings.setdefault(term, []).append((field_code, positions))
    vocabulary = tuple(sorted(t for t in postings if not t.startswith("~") and " " not in t))
    for stem, form in sorted(seen):
        form_to_term.setdefault(form, stem)
    del lists, seen, terms_of, seen_once
    forget_words()
    return Tables(
        courses=ordered,
        postings={t: tuple(sorted(p, key=lambda fp: fp[0])) for t, p in postings.items()},
        vocabulary=vocabulary,
        forms_by_edge=by_edges(form_to_term),
        forms_by_sound=by_sound(form_to_term),
        form_to_term=form_to_term,
        by_id={c.id: position for position, c in enumerate(ordered)},
        last_end=np.array([last_end(c, tz) for c in ordered], np.float64),
        months=months,
        months_from=(built_at.year, built_at.month),
        days=days,
        one_day=one_day,
        self_paced=np.array([schedules.self_paced(c) for c in ordered], bool),
        qualifying=np.array([gives_qualification(c) for c in ordered], bool),
        times=times,
        cost=np.array([-1 if c.cost_pence is None else c.cost_pence for c in ordered], np.int64),
        mode=np.array(
            [{Mode.IN_PERSON: 0, Mode.ONLINE: 1, Mode.BLENDED: 2}[c.mode] for c in ordered],
            np.uint8,
        ),
        levels=levels,
        every_level=np.array([for_every_level(c.level) for c in ordered], bool),
        audiences=audiences,
        for_everyone=for_everyone,
        for_adults=for_adults,
        youngest=youngest,
        ages_from=ages_from,
        ages_to=ages_to,
        **_groups(ordered, lexicon),
        **_teachings(ordered),
        lat=np.array([np.nan if c.lat is None else c.lat for c in ordered], np.float64),
        lon=np.array([np.nan if c.lon is None else c.lon for c in ordered], np.float64),
        **_coded("area", (fold(c.area) for c in ordered), count),
        **_coded("district", (c.postcode.split(" ")[0] for c in ordered), count),
        vectors=_vectors(ordered),
        **_sessions(minutes, owners),
        sessions_from=sessions_from,
        sessions_until=sessions_until,
        tz=tz,
        within=lexicon.within,
    )


# Words of an audience that name no group: adults of an age, open to all.
_ANY_ADULT = frozenset(
    words(
        "adult adults all everyone anyone people person age ages aged over under new existing "
        "especially only plus years year old local"
    )
)


def _groups(courses: tuple[Course, ...], lexicon: Lexicon) -> dict[str, Any]:
    """Each course's audience group (see `Tables.group`), read once per audience text."""
    function_words = languages.function_words()["en"]
    ids: dict[str, int] = {}
    groups: list[frozenset[str]] = []
    group = np.full(len(courses), -1, np.int32)
    for position, course in enumerate(courses):
        text = course.audience
        known = ids.get(text)
        if known is None:
            terms = _terms(text, lexicon, set())
            named = frozenset(
                term
                for term in terms
                if term not in _ANY_ADULT
                and term not in function_words
                and not any(ch.isdigit() for ch in term)
            )
            known = ids[text] = len(groups) if named else -1
            if named:
                groups.append(named)
        group[position] = known
    return {"group": group, "groups": tuple(groups)}


def _teachings(courses: tuple[Course, ...]) -> dict[str, Any]:
    """Each course's languages when English is not one (see `Tables.taught`)."""
    ids: dict[str, int] = {}
    teachings: list[frozenset[str]] = []
    taught = np.full(len(courses), -1, np.int32)
    for position, course in enumerate(courses):
        known = ids.get(course.language)
        if known is None:
            codes = tongues.taught_only_in_others(course.language)
            known = ids[course.language] = len(teachings) if codes else -1
            if codes:
                teachings.append(codes)
        taught[position] = known
    teaches_own = np.array(
        [n >= 0 and tongues.teaches_its_own(c) for n, c in zip(taught, courses, strict=True)], bool
    )
    return {"taught": taught, "teachings": tuple(teachings), "teaches_own": teaches_own}


def _sessions(minutes: array[int], owners: array[int]) -> dict[str, Any]:
    starts = np.frombuffer(minutes, np.int32) if minutes else np.zeros(0, np.int32)
    courses = np.frombuffer(owners, np.int32) if owners else np.zeros(0, np.int32)
    order = np.argsort(starts, kind="stable")
    return {"session_minutes": starts[order], "session_course": courses[order]}


def _coded(name: str, values: Iterable[str], count: int) -> dict[str, Any]:
    """A column of repeated names as small integer codes, for vectorised comparisons."""
    codes: dict[str, int] = {}
    column = np.fromiter((codes.setdefault(v, len(codes)) for v in values), np.int32, count)
    return {f"{name}s": column, f"{name}_code": codes}


def meaning_text(course: Course) -> str:
    """What a course is about, for the semantic signal: not where, when or who runs it. The
    opening of a description says what it is about; the rest costs time at 100k courses."""
    return " ".join(
        (course.title, course.category, *course.tags, course.description[:MEANING_CHARS])
    )


def _vectors(courses: tuple[Course, ...]) -> semantic.Vectors:
    return semantic.encoder().encode_many(map(meaning_text, courses), len(courses))


_ENGLISH = re.compile(r"\benglish\b", re.IGNORECASE)


def _field_texts(course: Course) -> tuple[str, str, str, str, str, str]:
    # Teaching in English is the default and says nothing; another language does.
    language = _ENGLISH.sub("", course.language)
    return (
        course.title,
        " ; ".join((course.category, *course.tags)),
        " ; ".join((course.area, course.venue, course.postcode, course.address)),
        " ; ".join((course.level, course.audience, language)),
        left_out(course.description),
        course.provider,
    )


def _terms(
    text: str, lexicon: Lexicon, seen: set[tuple[str, str]], *, concepts: bool = True
) -> frozenset[str]:
    """The distinct words of a field, plus a token for every concept it mentions and each
    concept phrase as written ("sign language"), so the resident's own phrase outranks its
    synonyms. Records how each word was written, for typo look-ups."""
    pairs = words_and_forms(text)
    seen.update(pairs)
    found = [stem for stem, _ in pairs]
    terms = set(found)
    if not concepts:
        return frozenset(terms)
    phrases = lexicon.phrases
    # Each word by its stem, and, where the stem means no subject, as written: "parenting".
    for word, form in set(pairs):
        meaning = phrases.get((word,))
        if meaning is not None and meaning.kind is not Kind.CONCEPT:
            meaning = lexicon.as_written(form, meaning)
        if meaning is not None and meaning.kind is Kind.CONCEPT and (word,) not in lexicon.told:
            if (
                meaning.value in lexicon.language_concepts
                and meaning.value.title() not in text
                and not text.islower()
            ):
                continue  # a language is named with a capital: "nail polish" is no Polish
            terms.add(concept_token(meaning.value))
            terms.update(_broader_concepts(meaning.value, lexicon))
            broader = lexicon.broader.get(word)
            if broader is not None:  # "Tabla and harmonium": tabla by name, and drums
                terms.add(concept_token(broader))
    for i in range(len(found) - 1):
        for length in lexicon.concept_lengths.get((found[i], found[i + 1]), ()):
            phrase = tuple(found[i : i + length])
            meaning = phrases.get(phrase)
            if meaning is not None and meaning.kind is Kind.CONCEPT and phrase not in lexicon.told:
                terms.add(concept_token(meaning.value))
                terms.update(_broader_concepts(meaning.value, lexicon))
                terms.add(" ".join(phrase))
                break
    return frozenset(terms)


def _broader_concepts(concept: str, lexicon: Lexicon) -> list[str]:
    """The token of the concept a concept is a kind of, if any: care work is care."""
    within = lexicon.within.get(concept)
    return [concept_token(within)] if within else []
