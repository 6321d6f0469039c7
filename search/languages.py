"""What other languages bring to a message: their function words and their inflections.

Residents write whole sentences: "potrzebuję kursu angielskiego w Longsight", "أريد دورة
كمبيوتر مجانية". The learning words come from the vocabulary; the rest is read here:
- Function and filler words are the most frequent words of each language in `wordfreq`'s
  frequency lists, not hand-typed lists. They are ignored, so a sentence is not dropped for
  words that carry no subject.
- When a message is mostly one language, its function words win over an English catalogue word
  of the same spelling (Romanian "care" is "which", not care work).
- Inflected forms are matched through each language's Snowball stemmer ("angielskiego" and
  "angielski" share a stem), and, for languages without one, by the word's beginning.
- English word frequencies say how much a word tells (SIF weights) and which words are real
  words rather than typos.

What is taken from wordfreq is written once to `data/frequencies.json` by
`python -m search.languages` (wordfreq is a development dependency): reading its full lists
at every start would cost seconds and hundreds of megabytes for a few thousand words.
`tests/test_languages.py` checks the file still matches wordfreq.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Final, TypeVar

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.text import stem, tokens, words

T = TypeVar("T")

# Languages with a wordfreq list, from the city's largest after English (Census 2021).
FREQUENCY_LANGUAGES: Final = ("ur", "ar", "pl", "es", "bn", "pt", "it", "ro", "fa", "zh")
# The city's languages wordfreq has no list for, and the stopwords-iso list standing in for
# it (stopwords-iso files Sorani Kurdish, in Arabic script, as "ku"). Without them a Somali
# message reads as English: its words get "corrected" ("samee" into "same") and matched
# as other languages' words (Spanish "sano", healthy).
STOPWORD_LANGUAGES: Final = {"so": "so", "ckb": "ku"}
# How many of each list's most frequent words count as function words. English stops early:
# its lists soon reach words that are also subjects ("work", "life", "home").
TOP: Final = {"en": 120}
TOP_DEFAULT: Final = 300
# English words kept with their frequency (Zipf scale; 3 is one per million words): rarer
# ones count as unknown, which for weighting and typos is what they are.
KEPT_ZIPF: Final = 3.0
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
DATA_FILE: Final = "frequencies.json"


def derive() -> dict[str, Any]:
    """What the search takes from wordfreq: each language's most frequent words as written,
    and English words with their Zipf frequency; from stopwords-iso, the function words of
    languages wordfreq lacks."""
    import stopwordsiso  # development dependencies, needed only to write the file
    import wordfreq

    top = {
        language: wordfreq.top_n_list(language, TOP.get(language, TOP_DEFAULT))
        for language in ("en", *FREQUENCY_LANGUAGES)
    }
    for language, listed_as in STOPWORD_LANGUAGES.items():
        top[language] = sorted(stopwordsiso.stopwords(listed_as))
    threshold = 10 ** (KEPT_ZIPF - 9)
    english = {
        w: round(math.log10(f) + 9, 2)
        for w, f in sorted(wordfreq.get_frequency_dict("en").items())
        if f >= threshold and not any(ch.isdigit() for ch in w)
    }
    source = (
        f"wordfreq {metadata.version('wordfreq')}: top_n_list, get_frequency_dict('en'); "
        f"stopwordsiso {metadata.version('stopwordsiso')}: stopwords"
    )
    return {"source": source, "top": top, "english_zipf": english}


@cache
def most_frequent(count: int) -> dict[str, list[str]]:
    """Each language's `count` most frequent words, as wordfreq lists them."""
    top: dict[str, list[str]] = _data()["top"]
    return {language: found[:count] for language, found in top.items()}


def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = read_data(DATA_FILE)
    return loaded


def read_data(name: str) -> Any:
    """A bundled JSON file of search/data/."""
    return json.loads((resources.files("search") / "data" / name).read_text("utf-8"))


def compact(value: object) -> str:
    """JSON on one line: the data files keep one entry (a language) to a line."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_data(name: str, text: str) -> None:
    """Write a file of search/data/ (a development step: `python -m search.languages`)."""
    path = Path(__file__).parent / "data" / name
    path.write_text(text, "utf-8")
    print(f"wrote {path}")


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Language -> its most frequent words, folded and stemmed like any message; in English
    also the parts of its contractions ("haven't" is "haven" and "t": no harbour)."""
    found = {
        language: frozenset(w for text in top for w in words(text) if not w.isdigit())
        for language, top in _data()["top"].items()
    }
    found["en"] = found["en"] | {part for parts in contractions().values() for part in parts}
    return found


def warm() -> None:
    """Read the lists now, at start-up, rather than on a resident's first message."""
    function_words()
    _english()


@cache
def _english() -> dict[str, float]:
    found: dict[str, float] = _data()["english_zipf"]
    return found


@cache
def any_function_words() -> frozenset[str]:
    return frozenset().union(*function_words().values())


SLIGHT = 3  # letters
ENGLISH_TOO = 4.5  # Zipf: a word this common in English says little of another language


def dominant_language(tokens: Sequence[str], *, plain: bool = False) -> str | None:
    """The other language most of a message's function words belong to, if it outweighs
    English; None for English or mixed messages with no clear other language. `plain`: the
    message was written in plain ASCII letters, so one short word is no evidence alone."""
    lists = function_words()
    counts: Counter[str] = Counter()
    slight: Counter[str] = Counter()  # short words in Latin letters: weak evidence alone
    for token in tokens:
        for language, listed in lists.items():
            if token in listed:
                counts[language] += 1
                # An English word as well ("care" is Romanian for "which") is weak evidence
                # too: "care leevers suport" is English misspelt.
                slight[language] += token.isascii() and (
                    len(token) <= SLIGHT or english_zipf(token) >= ENGLISH_TOO
                )
    if not counts:
        return None
    language, count = max(
        ((lang, n) for lang, n in counts.items() if lang != "en"),
        key=lambda item: item[1],
        default=("en", 0),
    )
    if count == 1 and slight[language] and plain:
        return None  # "ok, bye!" is not Polish for "ok"; "kurs angielskiego w pobliżu" is
    return language if count > counts["en"] else None


@cache
def _stemmers() -> dict[str, snowballstemmer.stemmer]:
    return {language: snowballstemmer.stemmer(name) for language, name in SNOWBALL.items()}


@lru_cache(maxsize=4096)
def inflection_keys(word: str) -> tuple[tuple[str, str], ...]:
    """(language, stem) for each stemmer of the word's script; empty for short words.
    Remembered: six Snowball stemmers per word were a sixth of a search's time."""
    if len(word) < MIN_STEM + 1:
        return ()
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in word)
    latin = word.isascii() and word.isalpha()
    keys = []
    for language, stemmer in _stemmers().items():
        if (language in _ARABIC_SCRIPT and arabic) or (language not in _ARABIC_SCRIPT and latin):
            stemmed = stemmer.stemWord(word)
            if len(stemmed) >= MIN_STEM:
                keys.append((language, stemmed))
    return tuple(keys)


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


# A word used at least this often (Zipf 3.5 is about three per million words) is a real word,
# not a typo: "hair" is not a misspelt "chair", nor "lottery" a misspelt "pottery".
REAL_WORD_ZIPF: Final = 3.5


def is_real_word(form: str, language: str | None = None) -> bool:
    """Whether a word as written is a common word of English (or one of the commonest of the
    message's language), and so should not be corrected into another."""
    if english_zipf(form) >= REAL_WORD_ZIPF:
        return True
    return language is not None and stem(form) in function_words()[language]


COMMON_ZIPF: Final = 4.0  # "better", "cases": words everyone types
COMMONER: Final = 1.0  # Zipf: ten times as common


@cache
def _common_by_length() -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for word, zipf in _english().items():
        if zipf >= COMMON_ZIPF and word.isalpha():
            grouped.setdefault(len(word), []).append(word)
    return {length: tuple(found) for length, found in grouped.items()}


def commoner_word_near(form: str, distance: int, corrections: Iterable[str]) -> bool:
    """Whether English has a word within `distance` edits of a word as written that is far
    commoner (ten times) than every correction offered: "beter" is one letter from "meter" and
    from "Peter", but far likelier "better". ("cookin" is cooking, though "cookie" is as near.)"""
    by_length = _common_by_length()
    likeliest = max((english_zipf(c) for c in corrections), default=0.0)
    near = (
        word
        for length in range(len(form) - distance, len(form) + distance + 1)
        for word, _, _ in process.extract(
            form, by_length.get(length, ()), scorer=OSA.distance, score_cutoff=distance, limit=None
        )
    )
    # (Slips seldom touch a word's first letter: "mentering" is mentoring, not entering.)
    return any(english_zipf(word) >= likeliest + COMMONER for word in near if word[0] == form[0])


# Smooth inverse frequency: a word's weight in a message's meaning is a / (a + p(word)), so
# "the" and "want" count for little and "ciggies" for nearly everything.
_SIF_A: Final = 1e-4


def information(form: str) -> float:
    """How much a word (as written) says, from 0 (the commonest English words) to 1 (a word
    English hardly uses)."""
    zipf = english_zipf(form)
    return _SIF_A / (_SIF_A + 10 ** (zipf - 9)) if zipf else 1.0


def is_english(form: str) -> bool:
    """Whether English uses a word (as written) at least once in a million words or so."""
    return form in _english()


# Contractions typed without their apostrophe ("dont", "im", "thats"): read as the contraction
# when English writes it far more often than the apostrophe-less word on its own, so "well",
# "were", "ill", "shed" and "wed" stay words. Possessives ("women's") are not contractions.
_CONTRACTED_ENDINGS: Final = frozenset(("t", "m", "ve", "re", "ll", "d"))
_CONTRACTED_WITH_S: Final = frozenset(
    ("it", "that", "what", "there", "he", "she", "who", "here", "where", "let")
)
CONTRACTION_ZIPF: Final = 4.0  # contractions at least this common
OWN_WORD_MARGIN: Final = 1.0  # Zipf: ten times rarer as a word of its own


@cache
def contractions() -> dict[str, tuple[str, str]]:
    """Contractions typed without their apostrophe -> their two parts: "dont" -> don, t."""
    found = {}
    for word, zipf in _english().items():
        first, apostrophe, rest = word.partition("'")
        if not apostrophe or zipf < CONTRACTION_ZIPF or "'" in rest:
            continue
        if rest not in _CONTRACTED_ENDINGS and not (rest == "s" and first in _CONTRACTED_WITH_S):
            continue
        joined = first + rest
        if english_zipf(joined) < zipf - OWN_WORD_MARGIN:
            found[joined] = (first, rest)
    return found


def with_apostrophes(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(stem, word as written) pairs with contractions typed without their apostrophe read as
    typed with it: "dont know anyone" is "don't know anyone", and "doesnt" is a function
    word, not a subject the catalogue lacks. Messages and the vocabulary alike."""
    out: list[tuple[str, str]] = []
    for token, raw in pairs:
        parts = contractions().get(raw.lower()) if raw.isascii() else None
        if parts is None:
            out.append((token, raw))
        else:
            out.extend((part, part) for part in parts)
    return out


# Words that only strengthen a feeling: "feeling really low" is feeling low, "feel proper
# down" feeling down.
INTENSIFIERS: Final = frozenset(("really", "very", "so", "proper", "quite", "totally"))
_FEELING: Final = frozenset(("feel", "feeling", "feels", "felt"))


def without_intensifiers(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (stem, word as written) pairs without a word that only strengthens the feeling
    named before it ("feeling really low")."""
    return [
        pair
        for n, pair in enumerate(pairs)
        if not (
            n
            and pair[1].lower() in INTENSIFIERS
            and pairs[n - 1][1].lower() in _FEELING
            and n + 1 < len(pairs)
        )
    ]


def read_as_messages_are(text: str) -> list[str]:
    """A word list's entry tokenised as a message is: folded, stemmed, contractions spelt out
    ("havent slept" as "haven't slept"), a feeling's intensifier read past, so that
    vocabulary and messages meet."""
    return [stem for stem, _ in without_intensifiers(with_apostrophes(tokens(text)))]


def english_zipf(form: str) -> float:
    """How common a word is in English, on the Zipf scale (0 unknown, 3 rare, 6 very common)."""
    return _english().get(form, 0.0)


def dump(data: dict[str, Any]) -> str:
    """The data as JSON, a language to a line, so that a regenerated file diffs readably."""
    top = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in data["top"].items())
    return (
        f'{{"source": {compact(data["source"])},\n"top": {{\n{top}\n}},\n'
        f'"english_zipf": {compact(data["english_zipf"])}}}\n'
    )


def main() -> None:
    """Write data/frequencies.json from the installed wordfreq."""
    write_data(DATA_FILE, dump(derive()))


if __name__ == "__main__":
    main()
