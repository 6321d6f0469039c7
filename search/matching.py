"""Which courses a message's words reach, and how well: each word looked up exactly, through
its concept ("resume" finds CV courses), with a typo allowance taken from the catalogue's own
words, as a prefix if it is the last word, and as a word of the same family ("plumber" finds
plumbing). Matching degrades gracefully, as Meilisearch's "frequency" strategy does: a course
scores the share of the message's weight it matches, each word weighted by its rarity, and a
word that matches nothing is dropped at a cost instead of emptying the answer.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search import languages, tongues
from search.indexing import DESCRIPTION, PLACE, SUBJECT, TITLE, Positions, Tables, concept_token
from search.lexicon import near_edges
from search.parsed import ParsedQuery, Slot
from search.slips import AMBIGUOUS_BELOW, sounding, typo_allowance
from search.text import stem

# How much a match in each field is worth: title, subject, place, about, description,
# provider.
FIELD_VALUE: Final = (1.0, 1.0, 0.6, 0.45, 0.4, 0.45)
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
# A short message (this many words that are neither fillers nor facets) is about its most
# specific word (`about.py`).
SHORT_MESSAGE: Final = 4
SENTENCE: Final = 10  # more words than this, fillers included, describe a situation
# In a long message, a word next to one about learning ("want english classes" after a line
# about a restaurant kitchen) says what is wanted; the rest is the resident's situation.
FOCUS_WEIGHT: Final = 2.0
TYPO_LOOKUPS: Final = 6  # unknown words per message looked for as typos
OWN_WORD_CAP: Final = 1.5  # the most a resident's own rarer word outweighs its concept
DENSE_SHARE: Final = 8  # a slot reaching more than 1/8 of the courses is scored over them all


@dataclass(frozen=True, slots=True)
class Alternative:
    term: str
    quality: float  # 1 for the resident's own word, less for synonyms, prefixes and typos


@dataclass
class Matches:
    """Per-course scores for one message, built slot by slot."""

    score: npt.NDArray[np.float32]  # sum of slot weight x match quality
    matched: npt.NDArray[np.int16]  # slots matched
    on_subject: npt.NDArray[np.bool_]  # matched a slot that names a subject
    at_place: npt.NDArray[np.int16]  # slots matched where a course is (venue, address, area)
    weight: float = 0.0  # sum of the weights of every slot, dropped ones included
    live: int = 0  # slots that reach some course
    subject: bool = False  # some slot names a subject the catalogue has
    dropped: list[str] = field(default_factory=list)  # words that matched nothing
    placed: int = 0  # slots that reach some course where it is


def match(t: Tables, parsed: ParsedQuery, current: npt.NDArray[np.bool_]) -> Matches:
    """Each course's share of the message's weight that it matches, slot by slot. Each slot
    is scored over the courses its words reach, not over the whole catalogue: most words
    reach a few hundred of 100k courses, and a long message has a dozen slots."""
    count = len(t.courses)
    matches = Matches(
        np.zeros(count, np.float32),
        np.zeros(count, np.int16),
        np.zeros(count, bool),
        np.zeros(count, np.int16),
    )
    live = max(1, int(current.sum()))
    correctable = _correctable(t, parsed)
    short = len(parsed.slots) <= SHORT_MESSAGE and parsed.length <= SENTENCE
    marked = np.zeros(count, bool)  # the courses a slot reaches, while it is scored
    local = np.zeros(count, np.int32)  # a reached course's place among them
    for number, slot in enumerate(parsed.slots):
        last = number == len(parsed.slots) - 1
        postings = _postings_for(t, slot, last=last, parsed=parsed, correct=number in correctable)
        # Where a slot reaches a large share of the catalogue ("english" in a city of ESOL
        # classes), it is scored over the whole of it: gathering its courses would cost more.
        dense = sum(len(positions) for _, _, positions in postings) > count // DENSE_SHARE
        reachable: npt.NDArray[np.intp] | slice = slice(None)
        size = count
        if not dense:
            for _, _, positions in postings:
                marked[positions] = True
            reachable = np.flatnonzero(marked)
            marked[reachable] = False
            size = len(reachable)
            local[reachable] = np.arange(size, dtype=np.int32)
        subject = np.zeros(size, bool)
        placed = np.zeros(size, bool)  # reached where a course is: "Gorton library"
        own = np.zeros(size, bool)  # reached by the resident's own word, not a synonym
        # Reached where a course says what it is about (looked at for a short ask, and for
        # what a longer message asks to learn: "photography course, I've got a DSLR...").
        passing = (short or slot.focus) and slot.concept is not None
        named = np.zeros(size if passing else 0, bool)
        titled = np.zeros(size if passing else 0, bool)  # a course's title names it
        # Each course scores its best field, and a little for the others (`extra`): the
        # lists in rising value, so that each overwrites the lesser values before it.
        located = []
        for alt, field_code, positions in postings:
            at = positions if dense else local[positions]
            located.append((float(alt.quality * FIELD_VALUE[field_code]), at))
            if alt.term == slot.word:
                own[at] = True
            if passing and field_code != DESCRIPTION:
                named[at] = True
            if passing and field_code == TITLE:
                titled[at] = True
            if field_code == PLACE:
                placed[at] = True
            if field_code in (TITLE, SUBJECT) or alt.term.startswith("~"):
                subject[at] = True
        broader = t.within.get(slot.concept or "")
        if passing and broader is not None:
            # A title naming the broader concept names this one too: "Know your rights:
            # housing and work" is about renting, where its tags say so.
            for field_code, positions in t.postings.get(concept_token(broader), ()):
                if field_code != TITLE:
                    continue
                if isinstance(reachable, slice):  # scored over the whole catalogue
                    at = positions
                else:
                    at = local[positions[np.isin(positions, reachable)]]
                named[at] = titled[at] = True
        best = np.zeros(size, np.float32)
        total = np.zeros(size, np.float32)
        for value, at in sorted(located, key=lambda pair: pair[0]):
            best[at] = value
            total[at] += np.float32(value)
        if slot.tongue is not None:
            # "Mandarin evening class": a course taught in Cantonese does not teach it.
            spoken = tongues.spoken_only(t, slot.tongue, reachable)
            best[spoken] = total[spoken] = 0
            subject &= ~spoken
            own &= ~spoken
        extra = total - best
        now_on = current[reachable]
        reached = (best > 0) & now_on
        lacking = passing and _own_words_absent(t, slot, own & now_on, parsed.language)
        if lacking:
            # The resident's own English word is nowhere in the catalogue: its broader
            # concept is offered only where a course's title names it ("photography
            # course": "take and send photos" in a smartphone course is no photography).
            named = titled
        # A short ask for a subject that courses only mention in passing, through another
        # word of its concept or in a description ("plumbing course": "labour and birth" in
        # an antenatal class; "pottery": "potter about the garden"), is for a subject the
        # catalogue lacks; so is an English word asked to learn in a longer message ("i
        # need english classes for my wife": pensions "explained in plain English").
        in_passing = short or lacking or (slot.literal and parsed.language is None)
        if passing and in_passing and not (named & now_on).any():
            reached[:] = False
        found = int(reached.sum())
        # Rare words say more about what the resident wants than common ones. A word
        # that matches nothing weighs as the rarest would, less as English uses it more:
        # dropping "ciggies" costs, dropping "nothing" hardly does.
        weight = math.log(1 + live / max(found, 1))
        if slot.concept is None and slot.form.isascii():
            weight *= languages.information(slot.form)
        if slot.focus and parsed.length > SENTENCE:
            weight *= FOCUS_WEIGHT
        own &= now_on
        found_own = int(own.sum())
        if slot.concept is not None and 0 < found_own < found:
            # "Interviews" reaches two courses; its concept, every course about work. The
            # resident's own word, rarer than its concept, counts for more where it is found.
            rarer = math.log(1 + live / found_own) / math.log(1 + live / found)
            best[own] *= np.float32(min(OWN_WORD_CAP, rarer))
        matches.weight += weight
        if not found:
            matches.dropped.append(slot.label)
            continue
        matches.live += 1
        matches.score[reachable] += weight * (best + EXTRA_FIELDS * extra)
        matches.matched[reachable] += best > 0
        placed &= now_on & (best > 0)
        if placed.any():
            matches.placed += 1
            matches.at_place[reachable] += placed
        generic = found > max(GENERIC_SHARE * live, GENERIC_MIN)
        names_subject = slot.concept is not None or not generic
        if names_subject and (subject & now_on).any():
            matches.subject = True
            matches.on_subject[reachable] |= subject
    return matches


def _own_words_absent(
    t: Tables, slot: Slot, own: npt.NDArray[np.bool_], language: str | None
) -> bool:
    """Whether the resident's own English words for a subject are nowhere in the catalogue:
    the word itself ("photography"), or every English word of a phrase but the function words
    ("licence" of "forklift licence"; "forklift" is too rare for English's frequency list,
    so it may as well be another language's). A synonym phrase keeps its common word in the
    catalogue ("writing" of "resume writing"), and its concept whole."""
    form = slot.form or slot.word
    if slot.literal:
        return not own.any() and languages.is_english(form)
    common = languages.function_words()
    # "de" of "cuidador de idosos" is a Portuguese word that English also has.
    ignored = common["en"] | common.get(language or "en", frozenset())
    telling = [word for word in form.split() if languages.is_english(word) and word not in ignored]
    return bool(telling) and not any(stem(word) in t.postings for word in telling)


def _correctable(t: Tables, parsed: ParsedQuery) -> set[int]:
    """The slots whose words may be looked for among the catalogue's as typos: the first
    few unknown ones. Comparing a word with every catalogue word of about its length is the
    dearest step of a search at 100k courses, and a long message with many unknown words is
    more likely another language than a string of typos. A message written in another
    language has none: its words are that language's, not slips of the catalogue's."""
    if parsed.language is not None:
        return set()
    unknown = [
        number
        for number, slot in enumerate(parsed.slots)
        if slot.literal and slot.concept is None and not slot.real and slot.word not in t.postings
    ]
    return set(unknown[:TYPO_LOOKUPS])


def _postings_for(
    t: Tables, slot: Slot, *, last: bool, parsed: ParsedQuery, correct: bool
) -> list[tuple[Alternative, int, Positions]]:
    """Every posting list a slot reaches."""
    found = []
    for alt in _alternatives(t, slot, last=last, parsed=parsed, correct=correct):
        for field_code, positions in t.postings.get(alt.term, ()):
            found.append((alt, field_code, positions))
    if not found and correct_by_sound(slot, parsed):
        # A vocabulary word no course is about, sounding like one a course is: "sowing clas"
        # in a city with sewing classes and no gardening.
        distance, alike = sounding(slot.form, t.forms_by_sound, 1)
        for written in alike:
            alt = Alternative(t.form_to_term[written], 1.0 - TYPO_COST * distance)
            for field_code, positions in t.postings.get(alt.term, ()):
                found.append((alt, field_code, positions))
    return found


def correct_by_sound(slot: Slot, parsed: ParsedQuery) -> bool:
    """Whether a slot's word may be read as a sound-alike one slip away: in an English
    message, a word of the vocabulary English seldom uses (not "drum": that is asked for)."""
    form = slot.form
    return (
        parsed.language is None
        and slot.concept is not None
        and form.isascii()
        and " " not in form
        and not languages.is_real_word(form)
    )


def _alternatives(
    t: Tables, slot: Slot, *, last: bool, parsed: ParsedQuery, correct: bool
) -> list[Alternative]:
    word = slot.word
    found: dict[str, Alternative] = {}
    if word in t.postings:  # a word, or a concept phrase as the resident wrote it
        found[word] = Alternative(word, 1.0)
    elif correct:
        # (A word the vocabulary read, like "fone" for phone, is not a misspelt catalogue word.)
        _typos(t, slot, found, parsed)
    if slot.literal and last and len(word) >= MIN_PREFIX and not word.isdigit():
        vocabulary = t.vocabulary
        start = bisect_left(vocabulary, word)
        for term in vocabulary[start : start + 50]:
            if not term.startswith(word):
                break
            found.setdefault(term, Alternative(term, PREFIX_QUALITY))
    if slot.literal and not found and len(slot.form) > FAMILY_PREFIX:
        _family(t, slot.form, found)
    if slot.concept is not None:
        token = concept_token(slot.concept)
        found.setdefault(token, Alternative(token, SYNONYM_QUALITY))
    return list(found.values())


def _family(t: Tables, form: str, found: dict[str, Alternative]) -> None:
    """Words sharing most of their beginning: "plumber" and "plumbing", "painter" and
    "painting", where a light stemmer leaves them apart; most of both words, so that a
    short word is no family of any long one it begins ("autobús", bus, of "autobiography")."""
    shared = max(FAMILY_PREFIX, math.ceil(FAMILY_SHARE * len(form)))
    start_of = form[:shared]
    vocabulary = t.vocabulary
    start = bisect_left(vocabulary, start_of)
    for term in vocabulary[start : start + 20]:
        if not term.startswith(start_of):
            break
        common = next(
            (n for n, (a, b) in enumerate(zip(term, form, strict=False)) if a != b),
            min(len(term), len(form)),
        )
        if common >= FAMILY_SHARE * max(len(term), len(form)):
            found.setdefault(term, Alternative(term, FAMILY_QUALITY))


def _typos(t: Tables, slot: Slot, found: dict[str, Alternative], parsed: ParsedQuery) -> None:
    """Catalogue words within the typo allowance, compared as written ('evning' is one
    letter from 'evening', though the index keeps the stem 'even')."""
    form = slot.form or slot.word
    allowance = typo_allowance(form)  # (real words never get here: `_correctable`)
    if not allowance:
        return
    matches = [
        match
        for length in range(len(form) - allowance, len(form) + allowance + 1)
        for match in process.extract(
            form,
            near_edges(t.forms_by_edge, form, length),
            scorer=OSA.distance,
            score_cutoff=allowance,
            limit=None,
        )
    ]
    if not matches:
        # Spelt as it sounds, a slip further: "begginer" for "beginner", "electrishun" for
        # "electrician".
        distance, sounds_alike = sounding(form, t.forms_by_sound, allowance + 1)
        matches = [(written, distance, 0) for written in sounds_alike]
    if not matches:
        return
    if len(form) < AMBIGUOUS_BELOW and len({t.form_to_term[m[0]] for m in matches}) > 1:
        return  # a short word with several corrections: no guessing
    ordered = sorted(matches, key=lambda m: (m[1], -_frequency(t, t.form_to_term[m[0]])))
    closest = ordered[0][1]
    if languages.commoner_word_near(form, closest, [m[0] for m in matches if m[1] == closest]):
        return  # "beter" is "better" as likely as the catalogue's "Peter"
    for rank, (written, distance, _) in enumerate(ordered):
        term = t.form_to_term[written]
        rarer = RARER_TYPO if rank and distance == closest else 0.0
        found.setdefault(term, Alternative(term, 1.0 - TYPO_COST * distance - rarer))
    best = ordered[0]
    parsed.corrections[slot.label] = best[0]


def _frequency(t: Tables, term: str) -> int:
    return sum(len(positions) for _, positions in t.postings.get(term, ()))
