"""Vocabulary words in another form: "angielskiego" (Polish, of English), "بالكمبيوتر"
(Arabic, with the computer), "ইংরেজির" (Bengali, of English).

Through each language's Snowball stemmer where it has one (`languages.inflection_keys`),
otherwise by the vocabulary word the form begins with; in Arabic also past the words for
"and", "with", "for" and "the" written onto the next word.
"""

from __future__ import annotations

import re

from search import languages
from search.lexicon import Kind, Lexicon, Meaning

# Arabic writes "and", "with", "for" and "the" as part of the next word: "بالسكري" is
# "with diabetes", "وللأطفال" "and for the children". Folded, longest first.
_ARABIC_PROCLITICS = (
    "وبال",
    "فبال",
    "وال",
    "بال",
    "فال",
    "کال",
    "ولل",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
)
_ARABIC_REST = 3  # letters left after a proclitic, at least
_BENGALI = re.compile(r"[\u0980-\u09ff]")
# Longest first: plural and case endings written onto a word.
_BENGALI_ENDINGS = ("গুলোকে", "গুলোর", "গুলো", "দেরকে", "দের", "কে", "তে", "ের", "র", "ে", "য়")
_ARTICLE = "ال"
# A stem longer than this may have its last letter altered by the inflection, which Snowball
# leaves: Polish "emeryturze" (about retirement) is "emeryturz", "emerytura" is "emerytur".
# Shorter stems say too little without their last letter. Latin letters only: Arabic and
# Persian stems are short, and their last letter is the root's.
ALTERED_STEM = 7
_WITH_ARTICLE = tuple(p for p in _ARABIC_PROCLITICS if p.endswith(_ARTICLE) or p.endswith("لل"))


def inflected(form: str, lexicon: Lexicon, language: str | None = None) -> Meaning | None:
    """A vocabulary word in another form: "angielskiego", "بالكمبيوتر", "ইংরেজির"."""
    keys = languages.inflection_keys(form)
    for key in keys:
        meaning = lexicon.inflections.get(key)
        if meaning is not None:
            return meaning
    for stemmer, stemmed in keys:  # (not `language`: the message's, used below)
        if len(stemmed) > ALTERED_STEM and stemmed.isascii():
            meaning = lexicon.inflections.get((stemmer, stemmed[:-1]))
            if meaning is not None:
                return meaning
    meaning = _with_prefix(form, lexicon, arabic=language == "ar")
    if meaning is None and _BENGALI.search(form):
        # Bengali case endings on a short word: "অংকে" (in maths), "ক্লাসের" (of the class).
        for ending in _BENGALI_ENDINGS:
            stem = form.removesuffix(ending)
            found = lexicon.written.get(stem) if stem != form and len(stem) > 1 else None
            if found is not None and found.kind is not Kind.FILLER:
                return found
    if meaning is None and language == "ar":
        for proclitic in _ARABIC_PROCLITICS:
            rest = form[len(proclitic) :]
            if form.startswith(proclitic) and len(rest) >= _ARABIC_REST:
                meaning = _with_prefix(rest, lexicon) or _with_prefix(_ARTICLE + rest, lexicon)
                if meaning is not None:
                    break
    return meaning


def _with_prefix(form: str, lexicon: Lexicon, *, arabic: bool = False) -> Meaning | None:
    """The vocabulary word the form is or begins with, the longest. `arabic`: the form is a
    word of an Arabic message, which may begin with "and the", "with the" ("والسكن", and
    housing)."""
    found = lexicon.written.get(form)
    if found is not None and found.kind is not Kind.FILLER:
        return found
    # The Arabic article says nothing of the word: "الامن" (security) begins with "الام"
    # (pains) but is no inflection of it; nor does "and the": "والسكن" (and housing) is no
    # "والس" (waltz).
    written_on = _ARTICLE if form.startswith(_ARTICLE) else ""
    if arabic:
        written_on = next((p for p in _WITH_ARTICLE if form.startswith(p)), written_on)
    shortest = lexicon.shortest_inflectable + len(written_on)
    for length in range(len(form), shortest - 1, -1):
        meaning = lexicon.inflectable.get(form[:length])
        if meaning is not None:
            return meaning
    return None
