"""Words out of text, the same way for the catalogue and for what residents type."""

from __future__ import annotations

import re
import unicodedata

import regex

# Letters with their combining marks: Python's own \w splits Gurmukhi, Bengali and Devanagari
# words at every vowel sign ("ਅੰਗਰੇਜ਼ੀ" would be five pieces). The zero-width non-joiner joins
# the parts of one Persian word ("می‌خواهم") and is dropped when folding.
# Chinese runs are split from Latin letters: "用xero做账" holds the word "xero".
_WORD = regex.compile(r"\p{Han}+|(?:(?!\p{Han})[\w\p{M}\u200c])+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")  # most catalogue text: the same words, faster


def _raw_words(text: str) -> list[str]:
    # "Health & Social Care" says what "health and social care" does, and is read so.
    text = text.replace(" & ", " and ")
    if text.isascii():
        return _ASCII_WORD.findall(text)
    found: list[str] = _WORD.findall(text.replace("_", " "))
    return found


# Arabic-script letters written several ways (Arabic, Urdu, Persian and Kurdish keyboards),
# folded to one form so "انگریزی" typed on any of them finds the same word.
_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ە": "ه",
        "ة": "ه",
        "ۀ": "ه",
        "ك": "ک",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel, a stretching stroke
        # Sorani Kurdish letters, written where Persian and Urdu use the plain ones.
        "ۆ": "و",
        "ێ": "ي",
        "ڕ": "ر",
        "ڵ": "ل",
        # English t and d are written retroflex in Urdu (گورٹن), plain in Persian and Kurdish
        # (گورتن): one spelling for a place or an English loanword either way.
        "ٹ": "ت",
        "ڈ": "د",
    }
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(word: str) -> str:
    """Lower-case, and drop accents from Latin letters ('inglés' -> 'ingles').

    Marks are kept in other scripts, where they are part of the spelling, except Arabic
    vowel marks, which are optional and usually left out.
    """
    word = word.casefold().replace("\u200c", "")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )
    if stripped.isascii():
        return stripped
    word = unicodedata.normalize("NFC", word)
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        word = _ARABIC_MARKS.sub("", word).translate(_ARABIC)
    return word


_VOWEL = re.compile(r"[aeiouy]")
# Words ending like an inflection that are not one, where the cut lands on another word.
_NOT_INFLECTED = frozenset(
    (
        "evening",
        "during",
        "thing",
        "nothing",
        "something",
        "anything",
        "everything",
        "string",
        "news",
    )
)


def stem(word: str) -> str:
    """A light English stemmer for plurals and -ing: 'classes' -> 'class', 'families' ->
    'family', 'knitting' -> 'knit', 'cooking' -> 'cook'. The same on both sides of a search,
    so an odd stem ('morning' -> 'morn') does no harm, except where it lands on another word:
    'evening' must not become 'even'."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word in _NOT_INFLECTED:
        return word
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ings") and len(word) > 6:
        word = word[:-1]
        if word in _NOT_INFLECTED:  # "evenings" is "evening", never "even"
            return word
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    # Three letters are too few to stand for a word: "caring" must not become "car".
    if word.endswith("ing") and len(word) >= 7 and _VOWEL.search(word[:-3]):
        base = word[:-3]
        if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]  # knitt -> knit, shopp -> shop
        return base
    return word


_MEMO: dict[str, tuple[str, str]] = {}  # raw word -> (stem, folded form as written)
_MEMO_LIMIT = 500_000


def words_and_forms(text: str) -> list[tuple[str, str]]:
    """Each word folded and stemmed, with its folded form as written: typos are made on
    written words, and the index keeps stems.

    Catalogues repeat the same few thousand words many times over, so each distinct word is
    folded once and remembered (a pure memo, cleared if it ever grows past its limit).
    """
    out = []
    for raw in _raw_words(text):
        pair = _MEMO.get(raw)
        if pair is None:
            if len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.clear()
            form = fold(raw)
            pair = _MEMO[raw] = (stem(form), form)
        out.append(pair)
    return out


def forget_words() -> None:
    """Drop the memo after reading a whole catalogue: searches fill it with their own words."""
    _MEMO.clear()


def words(text: str) -> list[str]:
    """Folded, stemmed words in order; '_' counts as a separator."""
    return [stem for stem, _ in words_and_forms(text)]


def tokens(text: str) -> list[tuple[str, str]]:
    """Each word as `words` gives it, paired with the word as written (lower-cased), for
    showing a resident their own words back."""
    raw = _raw_words(text)
    return list(zip(words(text), (w.lower() for w in raw), strict=True))


def has_cjk(word: str) -> bool:
    """Chinese is written without spaces, so its words are found inside longer runs."""
    return bool(_CJK.search(word))
