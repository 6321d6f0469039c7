"""Who a course is for, read once per course at indexing from its level and audience texts:
the level bits a resident's "beginners" or "entry 2" meets, the audience bits (children,
families, older people, women, young people), whether it is open to everyone or made for
adults, and the ages it takes ("Young carers 8-17", "Families with children under 5",
"Adults 16+")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from search.facets import AUDIENCE_BITS, LEVEL_BITS, MAJORITY_AGE, MINORS, SCHOOL_AGE, TEEN_AGE

_LEVEL_PATTERNS = {
    "beginner": (
        r"beginner|pre-?entry|entry 1|entry level|taster|introduc|get started|first steps"
        r"|all levels"
    ),
    # On the national scale, Entry 2 to Level 1 is where improvers are: "intermediate
    # English" is ESOL Entry 3 or Level 1.
    "improver": r"improver|intermediate|all levels|entry [23]\b|level 1\b",
    "advanced": r"advanced|level 3|all levels",
    "pre_entry": r"pre-?entry",
    "entry1": r"entry 1\b",
    "entry2": r"entry 2\b",
    "entry3": r"entry 3\b",
    "level1": r"level 1\b",
    "level2": r"level 2\b",
    "level3": r"level 3\b",
}
_AUDIENCE_PATTERNS = {
    "children": r"child|kids|young people|teen|aged \d+ to 1\d\b|under 5|famil|everyone",
    "family": r"famil|parent|carer|mums|dads|everyone",
    "older": r"over 5\d|over 6\d|older|senior|retired|50\+|pensioner|everyone",
    "women": r"women|ladies|female|mother|mums|girls\b",
    "young": r"young (?:people|adults)|teen|youth|aged 1[1-9]|to 1[3-9]\b|1[3-9] ?- ?1\d|everyone",
}
_LEVELS = [(LEVEL_BITS[k], re.compile(v)) for k, v in _LEVEL_PATTERNS.items()]
_EVERYONE = re.compile(r"everyone|all ages|open to all|anyone")
_EVERY_LEVEL = re.compile(r"all levels|any level|every level|mixed abilit|all abilities")
# The first age an audience takes: "Adults 16+", "16-24s", "aged 17 and over".
_FROM_AGE = re.compile(r"\b(1\d) ?(?:\+|-|–|to\b)|\baged (1\d)\b")
_AUDIENCES = [(AUDIENCE_BITS[k], re.compile(v)) for k, v in _AUDIENCE_PATTERNS.items()]
# An age range an audience gives ("Young carers 8-17", "ages 11 to 16"), and the ages each
# audience of minors covers: a range says whom a course takes whatever its words call them.
_AGE_RANGE = re.compile(r"\b(\d{1,2}) ?(?:-|–|to) ?(\d{1,2})(?!\d)")  # "11-18s" too
NO_AGE: Final = 255  # the end of an audience's ages when it gives none
_UNDER_AGE = re.compile(r"\bunder[- ]?(\d{1,2})(?!\d)")  # "under 5s", "under-4s"
_OPEN_AGES = re.compile(r"\d ?\+")  # "19+"
_AGES_OF: Final = (
    (AUDIENCE_BITS["family"], 0, SCHOOL_AGE - 1),
    (AUDIENCE_BITS["children"], SCHOOL_AGE, TEEN_AGE - 1),
    (AUDIENCE_BITS["young"], TEEN_AGE, MAJORITY_AGE),
)


@dataclass(frozen=True, slots=True)
class ForWhom:
    """Whom an audience text takes (see the same-named columns of `indexing.Tables`)."""

    audiences: int  # AUDIENCE_BITS of the groups it names or its age ranges cover
    for_everyone: bool  # open to all: meets any audience, made for none
    for_adults: bool  # names an audience, and none of minors nor everyone
    youngest: int  # the first age it takes ("Adults 16+"); MAJORITY_AGE when it says none
    ages_from: int  # the range it gives ("8-17", "under 5"); 0 to NO_AGE when none
    ages_to: int


def level_bits(level: str, title: str) -> int:
    """The LEVEL_BITS a course's level and title name ("Entry 2", "an introduction")."""
    text = f"{level} {title}".lower()
    return sum(bit for bit, pattern in _LEVELS if pattern.search(text))


def for_every_level(level: str) -> bool:
    """Whether a course's level says it takes every level ("All levels", "Mixed ability"):
    it meets any level asked for, made for none."""
    return _EVERY_LEVEL.search(level.lower()) is not None


@lru_cache(maxsize=4096)  # catalogues repeat a few audience texts over thousands of courses
def for_whom(audience: str) -> ForWhom:
    """Whom a course's audience text takes."""
    text = audience.lower()
    audiences = sum(bit for bit, pattern in _AUDIENCES if pattern.search(text))
    audiences |= _age_range_bits(text)
    everyone = _EVERYONE.search(text) is not None
    adults = bool(text.strip()) and not (audiences & MINORS or everyone)
    ages_from, ages_to = 0, NO_AGE
    # (An open range, "Adults 19+ and 16-18s", leaves no age too old for the course.)
    span = _AGE_RANGE.search(text)
    under = _UNDER_AGE.search(text)
    if _OPEN_AGES.search(text) is None:
        if span is not None and int(span[1]) < int(span[2]):
            ages_from, ages_to = int(span[1]), int(span[2])
        elif under is not None and int(under[1]) <= MAJORITY_AGE:
            ages_to = int(under[1]) - 1  # "Families with children under 5"
    first = _FROM_AGE.search(text)
    youngest = MAJORITY_AGE if first is None else min(int(first[1] or first[2]), MAJORITY_AGE)
    return ForWhom(audiences, everyone, adults, youngest, ages_from, ages_to)


def _age_range_bits(audience: str) -> int:
    """The audiences of minors an audience's age ranges cover: "8-17" children and young
    people. (An open range, "Adults 16+", says only the youngest age: see `youngest`.)"""
    bits = 0
    for found in _AGE_RANGE.finditer(audience):
        low, high = int(found[1]), int(found[2])
        if low < high:
            bits |= sum(bit for bit, first, last in _AGES_OF if low <= last and high >= first)
    return bits
