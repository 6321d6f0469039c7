"""Reading one phrase of a message: the longest phrase of the vocabulary that starts at a
token, read as the resident meant it. A word of another language's sentence is that
language's (Romanian "care" is "which"); a word cut far back by stemming keeps no facet
("wedding" is no Wednesday); a misspelt phrase or word is the vocabulary's ("sowing clas"),
and an inflected one its word ("angielskiego"). `query.parse` reads a message phrase by
phrase with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from search import inflections, languages, slips
from search.lexicon import Kind, Lexicon, Meaning
from search.text import words

STRETCH: Final = 3  # letters a stem may cut from an English word before the stem is another word
# Facets a single word sets, which a word cut far back by stemming must not: "wedding".
_FACETS: Final = frozenset(
    (Kind.DAY, Kind.TIME, Kind.WHEN, Kind.AUDIENCE, Kind.LEVEL, Kind.ONLINE, Kind.IN_PERSON)
)
FILLER: Final = Meaning(Kind.FILLER)


def meaning_at(
    tokens: list[str],
    forms: list[str],
    i: int,
    lexicon: Lexicon,
    known: Callable[[str], bool],
    language: str | None,
) -> tuple[Meaning | None, int, str]:
    """The meaning of the phrase starting at tokens[i], how many tokens it takes, and the
    phrase as understood (differs from the tokens when corrected)."""
    functions = languages.function_words()
    for length in range(min(lexicon.longest, len(tokens) - i), 0, -1):
        phrase = tuple(tokens[i : i + length])
        meaning = lexicon.phrases.get(phrase)
        if meaning is None and length > 2 and any(t in _OF for t in phrase[1:-1]):
            # "ਟਰੱਕ ਦਾ ਡਰਾਈਵਰ", "driver of a truck": the vocabulary's "ਟਰੱਕ ਡਰਾਈਵਰ".
            bare = tuple(t for t in phrase if t not in _OF)
            found = lexicon.phrases.get(bare)
            if found is not None and found.kind is Kind.CONCEPT:
                return found, length, " ".join(phrase)
        if meaning is not None:
            if (
                length == 1
                and language is not None
                and phrase[0] in functions[language]
                and languages.is_real_word(forms[i])
            ):
                break  # an English word in another language's sentence: Romanian "pot"
            if length == 1 and meaning.kind is not Kind.CONCEPT:
                meaning = lexicon.as_written(forms[i], meaning)
                if meaning.kind in _FACETS and stretched(forms[i], phrase[0], lexicon):
                    break  # "wedding" is no Wednesday, "kidding" no kid
            if (
                length == 1
                and meaning.kind is Kind.CONCEPT
                and language is None
                and slips.begins_a_slipped_pair(tokens, forms, i, lexicon, known)
            ):
                # A word of a longer phrase whose next word is misspelt: "sowing clas" is the
                # vocabulary's "sowing class" (sewing), not "sowing" (gardening). (In another
                # language's message its words are that language's, not slips.)
                longer = slips.misspelt_phrase(tokens, forms, i, lexicon, known)
                if longer is not None and longer[1] > 1:
                    return longer
            return meaning, length, " ".join(phrase)
    misspelt = slips.misspelt_phrase(tokens, forms, i, lexicon, known)
    if misspelt is not None:
        return misspelt
    word, form = tokens[i], forms[i]
    if word.isdigit():
        return None, 1, word
    # In a message written mostly in one other language, its function words win over an
    # English catalogue word spelt the same (Romanian "care" is "which").
    if word in functions["en"] or (language is not None and word in functions[language]):
        return FILLER, 1, word
    if known(word):
        return None, 1, word
    if word in languages.any_function_words():
        return FILLER, 1, word
    # An English word in an English message is not another language's inflection: "party"
    # is no Polish "part-" (birth).
    english = language is None and languages.is_real_word(form)
    inflected = None if english else inflections.inflected(form, lexicon, language)
    if inflected is not None:
        return inflected, 1, word  # the resident's own word, so no "did you mean"
    # In a message written in another language, a word we do not know is a word of that
    # language, not a slip: Italian "morto" (dead) is not "orto" (a vegetable garden).
    slip = language is None and not english
    match = slips.lexicon_typo(form, lexicon) if slip else None
    if match is not None:
        return lexicon.written[match], 1, match
    return None, 1, word


def stretched(form: str, stem: str, lexicon: Lexicon) -> bool:
    """Whether an English word reaches a facet's short word only by stemming that cuts it
    far back: "wedding" to "wed" (Wednesday), "shaming" to "sham" (Urdu evening). Words the
    vocabulary lists as written ("weds", "evenings") keep their meaning."""
    return (
        len(form) - len(stem) >= STRETCH
        and form not in lexicon.written
        and languages.is_real_word(form)
    )


# Words for "of" between two words of a name, which the vocabulary writes without: Urdu and
# Panjabi (in three scripts) and Romance languages.
_OF = frozenset(words("کا کی کے دا دی دے ਦਾ ਦੀ ਦੇ ka ki ke da di de do dos das del della"))
