"""The pieces every message shares: the Reply (HTML text and keyboard), escaping, clipping
to a length, and how a date, a cost and a place read.

Everything that comes from the catalogue goes through `esc`; each field is clipped before it is
escaped, which keeps a message under Telegram's limit (MAX_TEXT)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup
from telegram.constants import MessageLimit

from catalogue.models import Course, Mode
from views.i18n import Lang

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    keyboard: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def cost(course: Course, lang: Lang) -> str:
    if course.cost_pence is None:
        return lang._("Cost: ask the provider")
    if course.cost_pence == 0:
        return lang._("Free")
    return lang.money(course.cost_pence)


def next_session_line(course: Course, now: datetime, tz: ZoneInfo, lang: Lang) -> str:
    upcoming = course.upcoming(now)
    if upcoming:
        return lang._("next {when}", when=lang.when(upcoming[0].start, tz, year=False))
    if course.sessions:
        return lang._("finished")
    if course.starts_on and course.starts_on > now.astimezone(tz).date():
        return lang._("starts {day}", day=lang.day(course.starts_on))
    if course.mode is Mode.ONLINE:
        return lang._("start any time")
    return lang._("ongoing, ask for dates")


def place(course: Course, lang: Lang) -> str:
    if course.mode is Mode.ONLINE:
        return lang._("Online")
    return course.area or course.venue or course.postcode or lang._("Venue to be confirmed")


def summary(course: Course, now: datetime, tz: ZoneInfo, lang: Lang) -> str:
    """One line under a course's title in a list."""
    parts = (clip(place(course, lang), 40), next_session_line(course, now, tz, lang))
    return " · ".join(lang.isolate(esc(part)) for part in (*parts, cost(course, lang)))


def where(course: Course, lang: Lang) -> str:
    if course.mode is Mode.ONLINE:
        return "💻 " + lang._("Online")
    parts = [clip(p, 120) for p in (course.venue, course.address, course.area) if p]
    if course.postcode:
        parts.append(course.postcode)
    if not parts:
        return "📍 " + lang._("Venue to be confirmed")
    address = esc(", ".join(parts))
    if course.mode is Mode.BLENDED:
        return "🔀 " + lang._("Online and in person: {address}", address=address)
    return "📍 " + lang.isolate(address)


def lead(minutes: int, lang: Lang) -> str:
    """How long before a session a reminder comes: 1440 -> '1 day', 90 -> '1 hour 30 minutes'."""
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        # Translators: as in "1 day before" ({lead} before).
        parts.append(lang.n_("{n} day", "{n} days", days, n=days))
    if hours:
        # Translators: as in "1 hour before" ({lead} before).
        parts.append(lang.n_("{n} hour", "{n} hours", hours, n=hours))
    if minutes or not parts:
        # Translators: as in "30 minutes before" ({lead} before).
        parts.append(lang.n_("{n} minute", "{n} minutes", minutes, n=minutes))
    joined = parts[0]
    for part in parts[1:]:
        # Translators: joins the parts of a length of time: "1 hour" "30 minutes".
        joined = lang._("{longer} {shorter}", longer=joined, shorter=part)
    return joined


def labelled(label: str, value: str, lang: Lang) -> str:
    """A label and what it says, punctuated the language's way: 'Level: Beginner',
    '级别：Beginner'. Both are HTML already."""
    # Translators: a label and what it says: "Level: Beginner", "cancelled: tutor ill".
    return lang._("{label}: {value}", label=label, value=value)


def heading(text: str, lang: Lang) -> str:
    """A line that introduces the list below it: '12 courses for “pottery”:'."""
    # Translators: a line that introduces the list below it: "12 courses for “pottery”:".
    return lang._("{heading}:", heading=text)


def in_a_row(items: Sequence[str], lang: Lang) -> str:
    """Short things named one after another: 'evening, women', '晚上、女性'."""
    if not items:
        return ""
    joined = items[0]
    for item in items[1:]:
        # Translators: joins two short things in a list: "evening" "women".
        joined = lang._("{first}, {second}", first=joined, second=item)
    return joined


def one_after_another(clauses: Sequence[str], lang: Lang) -> str:
    """Whole clauses one after another: 'these run on other days; these cost more'."""
    if not clauses:
        return ""
    joined = clauses[0]
    for clause in clauses[1:]:
        # Translators: joins two clauses: "these run on other days" "these cost more".
        joined = lang._("{first}; {second}", first=joined, second=clause)
    return joined


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def announcement_frame(title: str, provider: str, text: str, lang: Lang) -> str:
    """A coordinator's words as written (in the language they wrote them), framed by course
    and provider in the resident's: what followers get and what the preview shows."""
    head = lang.isolate(esc(clip(title, 200)))
    sign = lang._("— {provider}, about a course you follow", provider=esc(clip(provider, 120)))
    return f"📣 <b>{head}</b>\n\n{lang.isolate(esc(text))}\n\n{sign}"
