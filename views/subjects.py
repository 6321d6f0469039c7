"""The subjects the city's catalogues file courses under (the catalogue contract's examples
and the sample's), named in the resident's language on /browse. A subject a publisher names
otherwise is shown as published, like the rest of a course's content."""

from __future__ import annotations

from typing import Final

from views.i18n import Lang


def _(message: str) -> str:
    """Marks a subject's name for `pybabel extract`; it is translated when shown."""
    return message


KNOWN: Final = frozenset(
    (
        _("English & ESOL"),
        _("Maths"),
        _("Digital skills"),
        _("Languages"),
        _("Arts & crafts"),
        _("Health & wellbeing"),
        _("Employability"),
        _("Family learning"),
        _("Community & citizenship"),
        _("Cooking & nutrition"),
        _("Gardening & environment"),
        _("Music"),
    )
)


def subject_name(name: str, lang: Lang) -> str:
    """A subject as the resident reads it: translated if it is one of the known ones."""
    return lang._(name) if name in KNOWN else name
