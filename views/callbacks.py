"""Callback data: what a button says when pressed, within Telegram's 64 bytes.

Free text never goes into callback data (a query can be 4,000 characters); searches are kept in
chat_data under a short token and buttons carry the token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

SEP = "|"
COURSE = "c"  # c|<course id>|<back>: open a course card
RESULTS = "s"  # s|<token>|<page>: a page of search results
SUBJECTS = "b"  # b: the list of subjects; b|<subject number>|<page>: one subject's courses
NEARBY = "n"  # n: back to the courses near a shared location
EXAMPLE = "q"  # q|<text>: run an example search
REMIND = "r"  # r|<course id>|<back>: follow a course from its card
LEAD = "l"  # l|<course id>|<minutes>|<back>: the lead time picked on the card
STOP = "u"  # u|<course id>|<back>: stop reminders from the card
MINE_CHANGE = "mc"  # mc|<course id>: pick another lead time, from /mycourses
MINE_LEAD = "ml"  # ml|<course id>|<minutes>
MINE_STOP = "mu"  # mu|<course id>
MINE = "mine"  # back to the /mycourses list
REMINDER_STOP = "ru"  # ru|<course id>: stop, from a reminder message
FORGET = "x"  # x|yes or x|no
RELOAD = "rl"  # rl|<token>|yes or rl|<token>|no
ANNOUNCE = "an"  # an|<step>|<course or announcement id>[|<minutes since epoch>]
CANCEL_SESSION = "cs"  # cs|<course id>[|<minutes since epoch>[|y]]
CALENDAR = "ics"  # ics|<course id>: send the course's sessions as an .ics file


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


def remind(course_id: str, back: Back | None) -> str:
    return SEP.join((REMIND, course_id, back.pack() if back else ""))


def lead(course_id: str, minutes: int, back: Back | None) -> str:
    return SEP.join((LEAD, course_id, str(minutes), back.pack() if back else ""))


def stop(course_id: str, back: Back | None) -> str:
    return SEP.join((STOP, course_id, back.pack() if back else ""))


def mine(kind: str, course_id: str = "", minutes: int | None = None) -> str:
    parts = [kind, course_id] if course_id else [kind]
    if minutes is not None:
        parts.append(str(minutes))
    return SEP.join(parts)


def forget(answer: bool) -> str:
    return SEP.join((FORGET, "yes" if answer else "no"))


def reload(token: str, answer: bool) -> str:
    return SEP.join((RELOAD, token, "yes" if answer else "no"))


class AnnounceStep(StrEnum):
    """The steps of a guided announcement, as its buttons carry them."""

    COURSE = "c"  # the course picked: key is the course id
    SEND_NOW = "s"  # key is the announcement id, as for the rest
    LATER = "l"  # show the times it could go out
    AT = "t"  # send at `at`
    CANCEL = "x"


@dataclass(frozen=True)
class AnnounceButton:
    """One announce button, built and read only here: an|<step>|<key>[|<minutes since epoch>]."""

    step: AnnounceStep
    key: str
    at: datetime | None = None

    def data(self) -> str:
        minutes = [] if self.at is None else [str(int(self.at.timestamp() // 60))]
        return SEP.join((ANNOUNCE, self.step.value, self.key, *minutes))

    @classmethod
    def read(cls, data: str) -> AnnounceButton | None:
        """The button pressed, or None for data no announce button makes."""
        step, key, at = parts(data, 3)
        try:
            when = datetime.fromtimestamp(int(at) * 60, UTC) if at else None
            return cls(AnnounceStep(step), key, when)
        except (ValueError, OverflowError, OSError):
            return None

    @property
    def announcement_id(self) -> int | None:
        return int(self.key) if self.key.isdigit() else None


def cancel_session(course_id: str, at: int | None = None, confirm: bool = False) -> str:
    fields = [CANCEL_SESSION, course_id]
    if at is not None:
        fields.append(str(at))
    if confirm:
        fields.append("y")
    return SEP.join(fields)


def calendar(course_id: str) -> str:
    return SEP.join((CALENDAR, course_id))


def parts(data: str, count: int) -> list[str]:
    """The fields after the prefix, padded with '' to `count`."""
    fields = data.split(SEP)[1:]
    return (fields + [""] * count)[:count]


def pattern(kind: str) -> str:
    """A CallbackQueryHandler pattern matching one kind of button."""
    return rf"^{kind}(\|.*)?$"
