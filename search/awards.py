"""Whether a course leads to a qualification or certificate: its level ("Level 2", "Entry 3"),
or its title or description naming an award ("accredited", "City & Guilds", "certificate"),
as a resident asks for "free courses with a qualification at the end"."""

from __future__ import annotations

import re
from typing import Final

from catalogue.models import Course

_AWARD: Final = re.compile(
    r"\b(?:qualifications?|certificates?|certificated|certified|accredited|accreditation"
    r"|award(?![- ]winning)|diploma|nvq|btec|gcses?|a[- ]levels?|level [1-7]"
    r"|entry (?:level )?[1-3]|city (?:&|and) guilds|ncfe|ocn|cache|rqf|functional skills"
    r"|access to he)\b",
    re.IGNORECASE,
)
# "No qualification needed", "no certificate": a course saying what it does not ask for.
_NONE_NEEDED: Final = re.compile(
    r"\bno (?:formal )?(?:qualifications?|certificates?)\b(?: (?:needed|required))?",
    re.IGNORECASE,
)


def gives_qualification(course: Course) -> bool:
    """Whether a course leads to a qualification or certificate, by its level, title or
    description."""
    text = " ".join((course.level, course.title, course.description))
    return bool(_AWARD.search(_NONE_NEEDED.sub(" ", text)))
