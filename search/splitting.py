"""Words a message runs together: Chinese, written without spaces, and two English words
typed without one on a phone keyboard ("mathsgcse")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import opencc

from search import languages
from search.lexicon import Kind, Lexicon
from search.text import has_cjk, stem
from search.text import tokens as tokens_of

COMMON_JOINED = 4.0  # Zipf: a word this common is also often written as two ("every day")
JOINED_PART = 3  # the shortest half of two words run together ("gcse" + "maths")
# and the longer half at least: six letters read as two words of three ("pottry": "pot try")
# are likelier one word misspelt.
JOINED_LONGER = 4


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Chinese in traditional characters ("想學太極", as Hong Kong writes it) in the simplified
    ones the vocabulary is written in ("想学太极"), by OpenCC's dictionaries; other text as is."""
    return _to_simplified().convert(text) if has_cjk(text) else text


def split_cjk(pairs: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """Chinese runs carry no spaces: pick out the lexicon words inside them, longest first."""
    if not any(has_cjk(stem) for stem, _ in pairs):
        return pairs
    out: list[tuple[str, str]] = []
    for token, raw in pairs:
        if not has_cjk(token) or (token,) in lexicon.phrases:
            out.append((token, raw))
            continue
        found = []
        for word in lexicon.chinese_words:
            position = token.find(word)
            while position >= 0:
                found.append((position, word))
                token = token[:position] + " " * len(word) + token[position + len(word) :]
                position = token.find(word)
        rest = [(m.start(), m.group()) for m in re.finditer(r"\S+", token)]
        out.extend((word, word) for _, word in sorted(found + rest))
    return out


def split_joined(
    pairs: list[tuple[str, str]],
    lexicon: Lexicon,
    known: Callable[[str], bool],
    corrections: dict[str, str],
) -> list[tuple[str, str]]:
    """Two words run together on a phone keyboard ("mathsgcse", "englishclass") are read as
    the two words, when the whole is no word at all and both halves are words the catalogue
    or the vocabulary knows. The longest shorter half wins: "computercourse" is
    computer + course, not comp + utercourse."""
    out: list[tuple[str, str]] = []
    for token, raw in pairs:
        if (
            len(raw) < 2 * JOINED_PART
            or not raw.isascii()
            or not raw.isalpha()
            or known(token)
            or (token,) in lexicon.phrases
            or languages.is_english(raw)  # "forgets" is no "for gets"
            or _a_letter_too_many(raw, known)  # "drawring" is drawing, not draw + ring
        ):
            out.append((token, raw))
            continue
        best: list[tuple[str, str]] = []
        for cut in range(JOINED_PART, len(raw) - JOINED_PART + 1):
            halves = tokens_of(f"{raw[:cut]} {raw[cut:]}")
            if (
                len(halves) == 2
                and max(cut, len(raw) - cut) >= JOINED_LONGER
                and all(known(stem) or _a_word(stem, lexicon) for stem, _ in halves)
                # and one half says something to search by: "barbring" is no "bar bring"
                # but barbering misspelt
                and any(_meaningful(stem, lexicon) for stem, _ in halves)
            ):
                shorter = min(cut, len(raw) - cut)
                if not best or shorter > min(len(best[0][1]), len(best[1][1])):
                    best = halves
        if best:
            corrections[raw] = " ".join(written for _, written in best)
            out.extend(best)
        else:
            out.append((token, raw))
    return out


def _a_letter_too_many(raw: str, known: Callable[[str], bool]) -> bool:
    """Whether a word the catalogue knows is this one with a letter left out: a slip of one
    letter typed too many is likelier than two words run together."""
    return any(known(stem(raw[:n] + raw[n + 1 :])) for n in range(len(raw)))


def _a_word(stem: str, lexicon: Lexicon) -> bool:
    """Whether the vocabulary knows a half as a word: not as a place abroad, whose ten
    thousand names would turn slips into journeys ("homwork" is no Homs + work)."""
    meaning = lexicon.phrases.get((stem,))
    return meaning is not None and meaning.kind is not Kind.ABROAD


def _meaningful(stem: str, lexicon: Lexicon) -> bool:
    """Whether the vocabulary gives a half a meaning to search by: a subject, a facet, a
    place or a word about learning, not a filler."""
    meaning = lexicon.phrases.get((stem,))
    return meaning is not None and meaning.kind not in (Kind.ABROAD, Kind.FILLER)


def join_split(
    pairs: list[tuple[str, str]],
    lexicon: Lexicon,
    known: Callable[[str], bool],
    corrections: dict[str, str],
) -> list[tuple[str, str]]:
    """One word typed as two ("wood work", "book keeping", "dress making") is read as the
    catalogue's word, when the two together are no phrase the vocabulary knows."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pairs):
        if i + 1 < len(pairs):
            (first, raw), (second, raw_next) = pairs[i], pairs[i + 1]
            joined = raw + raw_next
            plain = min(len(raw), len(raw_next)) >= JOINED_PART and joined.isascii()
            whole = stem(joined) if plain and joined.isalpha() else ""
            if (
                whole
                and known(whole)
                and (first, second) not in lexicon.phrases
                # "every day" is two words as often as "everyday" is one
                and languages.english_zipf(joined) < COMMON_JOINED
            ):
                corrections[f"{raw} {raw_next}"] = joined
                out.append((whole, joined))
                i += 2
                continue
        out.append(pairs[i])
        i += 1
    return out
