"""Callback data: what a button says when pressed, within Telegram's 64 bytes.

Free text never goes into callback data (a query can be 4,000 characters); searches are kept in
chat_data under a short token and buttons carry the token.
"""

from __future__ import annotations

from dataclasses import dataclass

SEP = "|"
COURSE = "c"  # c|<course id>|<back>: open a course card
RESULTS = "s"  # s|<token>|<page>: a page of search results
SUBJECTS = "b"  # b: the list of subjects; b|<subject number>|<page>: one subject's courses
NEARBY = "n"  # n: back to the courses near a shared location
EXAMPLE = "q"  # q|<text>: run an example search


@dataclass(frozen=True, slots=True)
class Back:
    """Where a course card's back button returns to, packed as e.g. 's:ab12:0'."""

    kind: str
    key: str = ""
    page: int = 0

    def pack(self) -> str:
        return f"{self.kind}:{self.key}:{self.page}"

    @classmethod
    def unpack(cls, text: str) -> Back | None:
        parts = text.split(":")
        if (
            len(parts) != 3
            or parts[0] not in (RESULTS, SUBJECTS, NEARBY)
            or not parts[2].isdigit()
        ):
            return None
        return cls(parts[0], parts[1], int(parts[2]))


def course(course_id: str, back: Back | None = None) -> str:
    return SEP.join((COURSE, course_id, back.pack() if back else ""))


def results(token: str, page: int) -> str:
    return SEP.join((RESULTS, token, str(page)))


def subjects() -> str:
    return SUBJECTS


def subject(number: int, page: int) -> str:
    return SEP.join((SUBJECTS, str(number), str(page)))


def nearby() -> str:
    return NEARBY


def example(text: str) -> str:
    return SEP.join((EXAMPLE, text))


def pattern(kind: str) -> str:
    """A CallbackQueryHandler pattern matching one kind of button."""
    return rf"^{kind}(\|.*)?$"
