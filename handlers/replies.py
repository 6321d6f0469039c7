"""The short replies any handler may give: an odd message, an expired button, a course no
longer listed, an apology."""

from __future__ import annotations

from views.i18n import Lang
from views.text import Reply


def not_text(lang: Lang) -> Reply:
    return Reply(
        lang._(
            "I can only read text for now 🙂 Type what you'd like to learn, like <i>pottery</i> "
            "or <i>English classes</i>, or share your location to see courses nearby."
        )
    )


def too_long(lang: Lang) -> Reply:
    return Reply(
        lang._(
            "That's a long message! Tell me in a few words what you'd like to learn, "
            "like <i>sewing</i> or <i>GCSE maths evenings</i>."
        )
    )


def no_words(lang: Lang) -> Reply:
    return Reply(
        lang._(
            "I didn't catch any words there 🙂 Tell me what you'd like to learn, like "
            "<i>cooking</i> or <i>computer classes</i>, or tap /browse."
        )
    )


def welcome_back(lang: Lang) -> Reply:
    """The answer to a resident's thanks."""
    return Reply(lang._("You're welcome! 😊 Tell me any time what you'd like to learn."))


def expired(lang: Lang) -> Reply:
    return Reply(lang._("That list has expired. Please send your search again, or tap /browse."))


def course_gone(lang: Lang) -> Reply:
    return Reply(
        lang._(
            "Sorry, that course is no longer in the catalogue. Send a new search, or tap /browse."
        )
    )


def apology(lang: Lang) -> Reply:
    return Reply(lang._("Sorry, something went wrong on my side. Please try again in a moment."))


def not_for_you(lang: Lang) -> Reply:
    """To a resident who tried a coordinator's or an admin's command."""
    return Reply(
        lang._(
            "Sorry, that command is for course coordinators and the Learning City team. "
            "If you run courses in Manchester and want to reach your learners, please get in "
            "touch with the team. You can search for courses any time: just type what you'd "
            "like to learn."
        )
    )
