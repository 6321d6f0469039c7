"""Callback data: what a button says when pressed, built and read only here, within Telegram's
64 bytes. Each kind of button is a typed value with `data()` to build it and `read()` to parse
it; `read` answers None for data no such button makes (an old message, a forged press), and the
handler answers "expired".

Free text never goes into callback data (a query can be 4,000 characters); searches are kept in
chat_data under a short token and buttons carry the token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

SEP = "|"


class Press(StrEnum):
    """What a button does; its value starts the button's data."""

    COURSE = "c"  # c|<course id>|<back>: open a course card
    RESULTS = "s"  # s|<token>|<page>: a page of search results
    SUBJECTS = "b"  # b: the list of subjects; b|<subject number>|<page>: one subject's courses
    NEARBY = "n"  # n: back to the courses near a shared location
    EXAMPLE = "q"  # q|<text>: run an example search
    REMIND = "r"  # r|<course id>|<back>: follow a course from its card
    LEAD = "l"  # l|<course id>|<minutes>|<back>: the lead time picked on the card
    STOP = "u"  # u|<course id>|<back>: stop reminders from the card
    CALENDAR = "ics"  # ics|<course id>: the course's sessions as an .ics file
    MINE = "mine"  # back to the /mycourses list
    MINE_CHANGE = "mc"  # mc|<course id>: pick another lead time, from /mycourses
    MINE_LEAD = "ml"  # ml|<course id>|<minutes>
    MINE_STOP = "mu"  # mu|<course id>
    REMINDER_STOP = "ru"  # ru|<course id>: stop, from a reminder message
    FORGET = "x"  # x|yes or x|no
    LANGUAGE = "lg"  # lg|<language code>: speak this language from now on
    RELOAD = "rl"  # rl|<token>|yes or rl|<token>|no
    ANNOUNCE = "an"  # an|<step>|<course or announcement id>[|<minutes since epoch>]
    CANCEL_SESSION = "cs"  # cs|<course id>[|<minutes since epoch>[|y]]


LISTS = (Press.RESULTS, Press.SUBJECTS, Press.NEARBY)
# Course buttons that carry the list a card was opened from, and those that carry minutes.
WITH_BACK = (Press.COURSE, Press.REMIND, Press.LEAD, Press.STOP)
WITH_MINUTES = (Press.LEAD, Press.MINE_LEAD)
ON_A_COURSE = (
    *WITH_BACK,
    Press.CALENDAR,
    Press.MINE_CHANGE,
    Press.MINE_LEAD,
    Press.MINE_STOP,
    Press.REMINDER_STOP,
)


def pattern(*presses: Press) -> str:
    """A CallbackQueryHandler pattern matching these kinds of button."""
    return "^({})(\\|.*)?$".format("|".join(press.value for press in presses))


def _fields(data: str, press: Press) -> list[str] | None:
    head, *rest = data.split(SEP)
    return rest if head == press.value else None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 12 else None


@dataclass(frozen=True, slots=True)
class Back:
    """A place in a list: a page of search results (key: the search's token), one subject's
    courses (key: its number) or the courses nearby. Pressed as a button of its own, or packed
    into a course card's buttons ('s:ab12:0') so the card's back button returns there."""

    kind: Press
    key: str = ""
    page: int = 0

    def data(self) -> str:
        if self.kind is Press.NEARBY or (self.kind is Press.SUBJECTS and not self.key):
            return self.kind.value
        return SEP.join((self.kind.value, self.key, str(self.page)))

    @classmethod
    def read(cls, data: str) -> Back | None:
        head, *rest = data.split(SEP)
        if head not in LISTS:
            return None
        if not rest:
            return cls(Press(head))
        page = _number(rest[-1]) if len(rest) == 2 else None
        return None if page is None else cls(Press(head), rest[0], page)

    def pack(self) -> str:
        return f"{self.kind.value}:{self.key}:{self.page}"

    @classmethod
    def unpack(cls, text: str) -> Back | None:
        parts = text.split(":")
        page = _number(parts[2]) if len(parts) == 3 else None
        if page is None or parts[0] not in LISTS:
            return None
        return cls(Press(parts[0]), parts[1], page)


@dataclass(frozen=True, slots=True)
class CourseButton:
    """A button about one course: open its card, follow it (with a lead time), stop, get its
    calendar file, change it from /mycourses or stop it from a reminder."""

    press: Press
    course_id: str
    minutes: int | None = None
    back: Back | None = None

    def data(self) -> str:
        fields = [self.press.value, self.course_id]
        if self.press in WITH_MINUTES:
            fields.append(str(self.minutes or 0))
        if self.press in WITH_BACK:
            fields.append(self.back.pack() if self.back else "")
        return SEP.join(fields)

    @classmethod
    def read(cls, data: str) -> CourseButton | None:
        head, *rest = data.split(SEP)
        if head not in ON_A_COURSE or not rest or not rest[0]:
            return None
        press = Press(head)
        wanted = 1 + (press in WITH_MINUTES) + (press in WITH_BACK)
        if len(rest) != wanted:
            return None
        minutes = _number(rest[1]) if press in WITH_MINUTES else None
        if press in WITH_MINUTES and minutes is None:
            return None
        back = Back.unpack(rest[-1]) if press in WITH_BACK else None
        return cls(press, rest[0], minutes, back)


def my_courses() -> str:
    return Press.MINE.value


def example(text: str) -> str:
    return SEP.join((Press.EXAMPLE.value, text))


def read_example(data: str) -> str | None:
    """The example search a button runs."""
    return data.partition(SEP)[2] if data.startswith(Press.EXAMPLE.value + SEP) else None


def forget(answer: bool) -> str:
    return SEP.join((Press.FORGET.value, "yes" if answer else "no"))


def read_forget(data: str) -> bool:
    """True only for the 'Yes, delete' button."""
    return _fields(data, Press.FORGET) == ["yes"]


def language(code: str) -> str:
    return SEP.join((Press.LANGUAGE.value, code))


def read_language(data: str) -> str | None:
    """The language code a language button picks."""
    fields = _fields(data, Press.LANGUAGE)
    return fields[0] if fields and len(fields) == 1 and fields[0] else None


@dataclass(frozen=True, slots=True)
class ReloadButton:
    """Confirm or cancel the validated reload kept under `token`."""

    token: str
    confirm: bool

    def data(self) -> str:
        return SEP.join((Press.RELOAD.value, self.token, "yes" if self.confirm else "no"))

    @classmethod
    def read(cls, data: str) -> ReloadButton | None:
        fields = _fields(data, Press.RELOAD)
        if fields is None or len(fields) != 2 or fields[1] not in ("yes", "no"):
            return None
        return cls(fields[0], fields[1] == "yes")


class AnnounceStep(StrEnum):
    """The steps of a guided announcement, as its buttons carry them."""

    COURSE = "c"  # the course picked: key is the course id
    SEND_NOW = "s"  # key is the announcement id, as for the rest
    LATER = "l"  # show the times it could go out
    AT = "t"  # send at `at`
    CANCEL = "x"


def _minutes(moment: datetime) -> str:
    return str(int(moment.timestamp() // 60))


def _moment(text: str) -> datetime | None:
    minutes = _number(text)
    return None if minutes is None else datetime.fromtimestamp(minutes * 60, UTC)


@dataclass(frozen=True)
class AnnounceButton:
    """One announce button: an|<step>|<key>[|<minutes since epoch>]."""

    step: AnnounceStep
    key: str
    at: datetime | None = None

    def data(self) -> str:
        minutes = [] if self.at is None else [_minutes(self.at)]
        return SEP.join((Press.ANNOUNCE.value, self.step.value, self.key, *minutes))

    @classmethod
    def read(cls, data: str) -> AnnounceButton | None:
        """The button pressed, or None for data no announce button makes."""
        fields = _fields(data, Press.ANNOUNCE)
        if fields is None or len(fields) not in (2, 3) or fields[0] not in set(AnnounceStep):
            return None
        at = _moment(fields[2]) if len(fields) == 3 else None
        if len(fields) == 3 and at is None:
            return None
        return cls(AnnounceStep(fields[0]), fields[1], at)

    @property
    def announcement_id(self) -> int | None:
        return _number(self.key)


@dataclass(frozen=True, slots=True)
class CancelSessionButton:
    """A coordinator cancelling a session from a card: pick one (no `start`), confirm it
    (`start`), then cancel it (`start` and `confirmed`)."""

    course_id: str
    start: datetime | None = None
    confirmed: bool = False

    def data(self) -> str:
        fields = [Press.CANCEL_SESSION.value, self.course_id]
        if self.start is not None:
            fields.append(_minutes(self.start))
            if self.confirmed:
                fields.append("y")
        return SEP.join(fields)

    @classmethod
    def read(cls, data: str) -> CancelSessionButton | None:
        fields = _fields(data, Press.CANCEL_SESSION)
        if not fields or not fields[0] or len(fields) > 3:
            return None
        start = _moment(fields[1]) if len(fields) > 1 else None
        if len(fields) > 1 and start is None:
            return None
        return cls(fields[0], start, len(fields) == 3 and fields[2] == "y")
