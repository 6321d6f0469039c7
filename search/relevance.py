"""How relevant each course is to a message: the word match, blended with meaning.

`index.Index.search` asks `blend` for every course's relevance and for the candidates worth
ranking; the rest (facets, nearness, tie-breaks) is the index's. The semantic signal
(`semantic.py`) orders the word matches, and when a sentence's words were partly dropped,
courses whose meaning stands well above the rest join them; meaning never answers alone.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from search import languages, semantic
from search.about import about_something_else, audience_is_the_subject, told_about_someone
from search.indexing import Tables
from search.lexicon import Lexicon
from search.matching import Matches
from search.parsed import ParsedQuery

# The semantic signal: its weight beside the word match, and how far above the catalogue's
# average similarity (in standard deviations) a course must stand to join a subject's matches
# on meaning. Set on the team's own sets (tests/data), never on the held-out one.
MEANING_WEIGHT: Final = 0.3
MEANING_JOIN_Z: Final = 3.0


def blend(
    t: Tables,
    lexicon: Lexicon,
    parsed: ParsedQuery,
    matches: Matches,
    current: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]:
    """Each course's relevance (word match blended with meaning) and the candidates."""
    if not parsed.slots:  # facets alone: every current course, filtered below
        return np.zeros(len(t.courses), np.float32), np.flatnonzero(current)
    lexical = matches.score / np.float32(max(matches.weight, 1e-6))
    count = len(t.courses)
    nothing = np.flatnonzero(np.zeros(count, bool))
    if matches.subject and about_something_else(parsed, matches):
        if not told_about_someone(parsed, matches):
            return lexical, nothing
        # "My 16 yo has nowhere to go after college and is hanging round with a bad crowd":
        # not about the one word it shares with a course ("college") but about the person.
        by_words = _made_for(t, parsed, current)
        lexical = by_words.astype(np.float32)  # each answers as well; meaning orders them
    elif matches.subject:
        by_words = matches.on_subject & current  # reached through a subject word
    elif audience_is_the_subject(parsed, matches):
        # "Stuck in the house all day with my 2 year old, going stir crazy", "our lad's 15
        # and never off his xbox": who it is for is what is asked; the courses made for
        # them, by meaning, whatever course the other words happen to share.
        by_words = _made_for(t, parsed, current)
        lexical = by_words.astype(np.float32)  # each answers as well; meaning orders them
    elif parsed.facets.active and matches.live == matches.placed and not matches.dropped:
        # "Anything free on weekday mornings at Gorton library": the words say where the
        # courses are, as a place does; the courses there answer.
        by_words = (matches.at_place == matches.live) & current
    elif matches.live >= 2 and not matches.dropped:
        # Every word of the message in one course, if only in its description: "my
        # toaster is broken" and the repair café that fixes toasters and broken lamps.
        by_words = (matches.matched == matches.live) & current
    else:
        by_words = np.zeros(count, bool)
    meaning = meaning_of(parsed, lexicon, t)
    found = np.flatnonzero(by_words)
    if meaning is None:
        return lexical, found
    # Meaning can add courses to a subject's matches when words were dropped; then every
    # course is compared, otherwise only those the words found (far fewer). Meaning never
    # answers alone: static embeddings cannot tell "drum lessons" (nothing here) from "make
    # pots" (pottery) well enough, measured on the team's sets.
    if not (matches.dropped and len(found)):
        similarity = np.zeros(count, np.float32)
        similarity[found] = semantic.similarities(t.vectors[found], meaning)
        return lexical + MEANING_WEIGHT * similarity, found
    similarity = semantic.similarities(t.vectors, meaning)
    usual = similarity[current]
    spread = float(usual.std()) if len(usual) > 1 else 0.0
    # Courses whose meaning stands well above the rest join the word matches.
    standing = similarity >= float(usual.mean()) + MEANING_JOIN_Z * spread
    if not spread:
        standing[:] = False
    candidates = np.flatnonzero(by_words | (standing & current))
    return lexical + MEANING_WEIGHT * similarity, candidates


def _made_for(
    t: Tables, parsed: ParsedQuery, current: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """The current courses made for the audience the message names (not open to all)."""
    made_for = (t.audiences & np.uint8(parsed.facets.audiences)) > 0
    result: npt.NDArray[np.bool_] = made_for & ~t.for_everyone & current
    return result


def meaning_of(parsed: ParsedQuery, lexicon: Lexicon, t: Tables) -> npt.NDArray[np.float32] | None:
    """The message's meaning vector, from the resident's own words (as corrected) where
    they are written in Latin letters; words in other scripts by their concept's English
    name, since the model reads English. Fillers and facets are left out: "I want a class
    on Saturday" is what every course is about; so are words in Latin letters that are
    neither English nor the catalogue's ("ammi", "chalana": Urdu typed in Latin letters),
    which the model would read as noise, and the rarest noise at that."""
    parts, weights = [], []
    for slot in parsed.slots:
        word = parsed.corrections.get(slot.label, slot.form)
        if (
            word
            and word.isascii()
            and (slot.concept is not None or languages.is_english(word) or slot.word in t.postings)
        ):
            parts.append(word)
            weights.append(languages.information(word))
        elif slot.concept is not None:
            parts.append(lexicon.glosses.get(slot.concept, slot.concept))
            weights.append(1.0)
    return semantic.encoder().encode_words(parts, weights)
