"""What other languages bring to a message: their function words and their inflections.

Residents write whole sentences: "potrzebuję kursu angielskiego w Longsight", "أريد دورة
كمبيوتر مجانية". The learning words come from the vocabulary; the rest is read here:
- Function and filler words come from `wordfreq`'s frequency lists (the most frequent words of
  each language are its function words), not from hand-typed lists. They are ignored, so a
  sentence is not dropped for words that carry no subject.
- When a message is mostly one language, its function words win over an English catalogue word
  of the same spelling (Romanian "care" is "which", not care work).
- Inflected forms are matched through each language's Snowball stemmer ("angielskiego" and
  "angielski" share a stem), and, for languages without one, by the word's beginning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final, TypeVar

import snowballstemmer
import wordfreq

from catalogue.text import words

T = TypeVar("T")

# Languages with a wordfreq list, from the city's largest after English (Census 2021).
FREQUENCY_LANGUAGES: Final = ("ur", "ar", "pl", "es", "bn", "pt", "it", "ro", "fa", "zh")
# How many of each list's most frequent words count as function words. English stops early:
# its lists soon reach words that are also subjects ("work", "life", "home").
_TOP: Final = {"en": 120}
_TOP_DEFAULT: Final = 300
SNOWBALL: Final = {
    "ar": "arabic",
    "fa": "persian",
    "pl": "polish",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "ro": "romanian",
}
_ARABIC_SCRIPT: Final = frozenset(("ar", "fa"))
MIN_STEM: Final = 4  # shorter stems say too little: "cur" (curs, cursa, cura...)


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Language -> its most frequent words, folded and stemmed like any message."""
    found: dict[str, frozenset[str]] = {}
    for language in ("en", *FREQUENCY_LANGUAGES):
        top = wordfreq.top_n_list(language, _TOP.get(language, _TOP_DEFAULT))
        found[language] = frozenset(w for text in top for w in words(text) if not w.isdigit())
    return found


@cache
def any_function_words() -> frozenset[str]:
    return frozenset().union(*function_words().values())


def dominant_language(tokens: Sequence[str]) -> str | None:
    """The other language most of a message's function words belong to, if it outweighs
    English; None for English or mixed messages with no clear other language."""
    lists = function_words()
    counts: Counter[str] = Counter()
    for token in tokens:
        for language, listed in lists.items():
            if token in listed:
                counts[language] += 1
    if not counts:
        return None
    language, count = max(
        ((lang, n) for lang, n in counts.items() if lang != "en"),
        key=lambda item: item[1],
        default=("en", 0),
    )
    return language if count > counts["en"] else None


@cache
def _stemmers() -> dict[str, snowballstemmer.stemmer]:
    return {language: snowballstemmer.stemmer(name) for language, name in SNOWBALL.items()}


def inflection_keys(word: str) -> list[tuple[str, str]]:
    """(language, stem) for each stemmer of the word's script; empty for short words."""
    if len(word) < MIN_STEM + 1:
        return []
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in word)
    latin = word.isascii() and word.isalpha()
    keys = []
    for language, stemmer in _stemmers().items():
        if (language in _ARABIC_SCRIPT and arabic) or (language not in _ARABIC_SCRIPT and latin):
            stemmed = stemmer.stemWord(word)
            if len(stemmed) >= MIN_STEM:
                keys.append((language, stemmed))
    return keys


def inflection_table(entries: Iterable[tuple[str, T]]) -> dict[tuple[str, str], T]:
    """(language, stem) -> meaning for vocabulary words, keeping only unambiguous stems."""
    table: dict[tuple[str, str], T] = {}
    clashes: set[tuple[str, str]] = set()
    for word, meaning in entries:
        for key in inflection_keys(word):
            if key in table and table[key] != meaning:
                clashes.add(key)
            table.setdefault(key, meaning)
    for key in clashes:
        del table[key]
    return table


# A word used at least this often (Zipf scale: 3.5 is about three per million words) is a real
# word, not a typo: "hair" is not a misspelt "chair", nor "lottery" a misspelt "pottery".
REAL_WORD_ZIPF: Final = 3.5


@cache
def _common(language: str) -> frozenset[str]:
    threshold = 10 ** (REAL_WORD_ZIPF - 9)
    return frozenset(w for w, f in wordfreq.get_frequency_dict(language).items() if f >= threshold)


def is_real_word(form: str, language: str | None = None) -> bool:
    """Whether a word as written is a common word of English (or of the message's language),
    and so should not be corrected into another."""
    return form in _common("en") or (language is not None and form in _common(language))


# Smooth inverse frequency: a word's weight in a message's meaning is a / (a + p(word)), so
# "the" and "want" count for little and "ciggies" for nearly everything.
_SIF_A: Final = 1e-4


def information(form: str) -> float:
    """How much a word (as written) says, from 0 (the commonest English words) to 1 (a word
    English hardly uses)."""
    return _SIF_A / (_SIF_A + wordfreq.word_frequency(form, "en"))


def english_zipf(form: str) -> float:
    """How common a word is in English, on the Zipf scale (0 unknown, 3 rare, 6 very common)."""
    return float(wordfreq.zipf_frequency(form, "en"))
