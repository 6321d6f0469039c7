"""Words out of text, the same way for the catalogue and for what residents type."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def fold(word: str) -> str:
    """Lower-case, and drop accents from Latin letters ('inglés' -> 'ingles').

    Marks are kept in other scripts, where they are part of the spelling.
    """
    word = word.casefold()
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )
    return stripped if stripped.isascii() else unicodedata.normalize("NFC", word)


def stem(word: str) -> str:
    """A light English plural stemmer: 'classes' -> 'class', 'families' -> 'family'."""
    if len(word) <= 3 or not word.isascii() or word.isdigit():
        return word
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded, stemmed words in order; '_' counts as a separator."""
    return [stem(fold(w)) for w in _WORD.findall(text.replace("_", " "))]
