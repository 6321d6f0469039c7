"""A language asked for as a subject ("Mandarin evening class", "learn Arabic properly"),
or as the one a course is taught in ("computer class in Arabic", "Arabic-speaking women's
group"). Courses taught in a language rarely teach it: a tai chi class taught in Cantonese,
a food hygiene course taught in Arabic or a wellbeing circle for Polish speakers is no answer
to a resident who wants to learn Mandarin, Arabic or Polish. A course does teach the language
it is taught in when it says so: a languages course, a Saturday school.

Also the languages words name ("urdu and panjabi", a course's language column "Farsi"), as
codes, and whether a message speaks of the resident's own language."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
from babel import Locale

from catalogue.models import Course
from search.parsed import Slot
from search.text import fold, words

if TYPE_CHECKING:
    from search.indexing import Tables

# Words just before a language that make it the one spoken ("in Arabic", "po polsku", "en
# español", "speaks Urdu"), or just after it ("Arabic-speaking", "Polish speakers").
_SPOKEN_BEFORE: Final = frozenset(
    words("in po w en em na în به بہ بال باللغة بلغة speak speaks spoke spoken who talk")
)
# Before "speak": learning to speak it ("learn to speak Arabic"), or not speaking it yet.
_NOT_SPOKEN_YET: Final = frozenset(words("to learn not cant can't dont don't never nie"))
_SPOKEN_AFTER: Final = frozenset(words("speaking speakers speaker speaks spoken"))
# Chinese runs words together: "学中文" learns Chinese, "说中文的" and "用中文" speak it.
_LEARNS_CHINESE: Final = ("学", "學")
_SPEAKS_CHINESE: Final = ("说", "說", "会说", "會說", "用", "讲", "講")
# What says a course taught in a language teaches it: its subject is languages, or it is a
# school for the community's children ("Polish Saturday School", "Arabic & Quran Evening
# School").
_SCHOOLS: Final = (
    "saturday school",
    "sunday school",
    "weekend school",
    "evening school",
    "supplementary school",
    "madrasa",
    "madrassa",
)
_SUBJECT_OF_LANGUAGES: Final = frozenset(words("language languages"))


def marked(
    slots: Sequence[Slot], starts: Sequence[int], tokens: Sequence[str], codes: Mapping[str, str]
) -> list[Slot]:
    """The slots, each naming a language asked to learn marked with its code (`codes`: a
    language's code by its concept); `starts` are where the slots begin, in tokens."""
    return [
        replace(slot, tongue=learnt)
        if (learnt := asked_to_learn(slot, start, tokens, slots, codes.get(slot.concept or "")))
        else slot
        for slot, start in zip(slots, starts, strict=True)
    ]


def asked_to_learn(
    slot: Slot, start: int, tokens: Sequence[str], others: Sequence[Slot], code: str | None
) -> str | None:
    """The language a slot asks to learn, as a code (`code`, from its concept), or None when
    the slot names no language, names the one spoken, or the message asks for another
    subject ("computer class in Arabic"). `tokens` are the message's, `start` the slot's
    first, `others` the message's slots."""
    if code is None or any(
        other.concept is not None and other.concept != slot.concept and not other.circumstance
        for other in others
    ):
        return None
    shown = slot.shown.strip()
    if shown.startswith(_SPEAKS_CHINESE):
        return None
    if shown.startswith(_LEARNS_CHINESE):
        return code
    own = words(slot.shown)
    end = start + max(1, len(own))
    # The word before it, or the first of its own phrase: "zajęcia po polsku", "باللغة العربية".
    spoken = _SPOKEN_BEFORE & {*tokens[max(0, start - 1) : start], *own[:1]}
    if spoken and not _NOT_SPOKEN_YET & {*tokens[max(0, start - 3) : max(0, start - 1)]}:
        return None
    if _SPOKEN_AFTER & {*tokens[end : end + 1]}:
        return None
    return code if slot.focus else None


def already_spoken(tokens: Sequence[str], start: int) -> bool:
    """Whether a language named at `start` is one the resident speaks well already ("I'm
    bilingual Arabic and English", "fluent in Urdu"): their story, not what they ask to
    learn, unless they are not yet ("not fluent in English"). ("Only speaks Cantonese" is
    the language a course must be taught in, and stays.)"""
    before = tokens[max(0, start - SPOKEN_REACH) : start]
    at = next((n for n, token in enumerate(before) if token in _SPEAKING), None)
    if at is None:
        # "I speak Arabic and English", "hablo español, inglés y un poco de árabe": said of
        # the resident, and not of the one language they have ("I only speak Urdu").
        at = next((n for n, token in enumerate(before) if token in _I_SPEAK), None)
        if at is None or (before[at] == "speak" and before[at - 1 : at] != ["i"]):
            return False
        if _ONLY & set(tokens[max(0, start - SPOKEN_REACH - 2) : start + 2]):
            return False
    return not _NOT_SPOKEN_YET & set(before[max(0, at - 2) : at])


SPOKEN_REACH = 3  # tokens
_SPEAKING: Final = frozenset(words("bilingual fluent"))
_I_SPEAK: Final = frozenset(words("speak hablo falo parlo vorbesc"))
_ONLY: Final = frozenset(words("only just little bit solo só solamente doar"))


def teaches_its_own(course: Course) -> bool:
    """Whether a course taught in another language than English teaches that language."""
    if _SUBJECT_OF_LANGUAGES & set(words(course.category)):
        return True
    subject = fold(" ".join((course.category, course.title, *course.tags)))
    return any(school in subject for school in _SCHOOLS)


def spoken_only(t: Tables, code: str, at: npt.NDArray[np.intp] | slice) -> npt.NDArray[np.bool_]:
    """Which courses (at `at`) are taught in a language without teaching it."""
    codes = {code, KIN.get(code, code)}
    teachings = [n for n, taught in enumerate(t.teachings) if taught & codes]
    if not teachings:
        return np.zeros(len(t.taught[at]), bool)
    result: npt.NDArray[np.bool_] = np.isin(t.taught[at], teachings) & ~t.teaches_own[at]
    return result


# Names catalogues give languages beside CLDR's English ones, by the code of the messages
# their speakers write (Cantonese and Mandarin are both written Chinese; Dari is Persian).
_NAMED_ALSO: Final = {
    "panjabi": "pa",
    "bengali": "bn",
    "farsi": "fa",
    "dari": "fa",
    "mandarin": "zh",
    "cantonese": "zh",
    "sorani": "ckb",
    "kurmanji": "ku",
}
# Languages whose speakers here commonly read the other: Urdu and Panjabi (written in the
# same script in Pakistan), the two written Kurdish languages.
KIN: Final = {"ur": "pa", "pa": "ur", "ku": "ckb", "ckb": "ku"}
_NOT_A_LANGUAGE_OF_MESSAGES: Final = frozenset(("english", "sign", "bsl", "makaton"))


@cache
def _codes_by_name() -> dict[str, str]:
    """Language code by the language's English name, one word or two ("central kurdish")."""
    named = {
        " ".join(words(name)): code
        for code, name in Locale("en").languages.items()
        if "_" not in code and len(code) <= 3
    }
    return named | {" ".join(words(name)): code for name, code in _NAMED_ALSO.items()}


def named_languages(found: Sequence[str]) -> frozenset[str]:
    """The codes of the languages some words (as `words` reads them) name: "urdu and
    panjabi" -> {"ur", "pa"}."""
    names = _codes_by_name()
    codes = {names[word] for word in found if word in names}
    codes |= {names[pair] for pair in map(" ".join, itertools.pairwise(found)) if pair in names}
    return frozenset(codes)


def says_own_language(found: Sequence[str]) -> bool:
    """Whether words (as `words` reads them) speak of the resident's own language ("can't
    read or write my own language", "my mother tongue"), whichever it is."""
    return bool(_OWN_LANGUAGE & set(itertools.pairwise(found)))


_OWN_LANGUAGE: Final = frozenset((("own", "language"), ("my", "language"), ("mother", "tongue")))


def taught_only_in_others(text: str) -> frozenset[str]:
    """The languages a course is taught in, as codes, when it is not taught in English (nor
    in sign language, which is about the deaf, not about the words a resident writes)."""
    found = words(fold(text))
    if _NOT_A_LANGUAGE_OF_MESSAGES & set(found):
        return frozenset()
    return named_languages(found)
