"""The pieces every message shares: the Reply (HTML text and keyboard), escaping, clipping
to a length, and how a date, a cost and a place read.

Everything that comes from the catalogue goes through `esc`; each field is clipped before it is
escaped, which keeps a message under Telegram's limit (MAX_TEXT)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup
from telegram.constants import MessageLimit

from catalogue.models import Course, Mode

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


def cost(course: Course) -> str:
    if course.cost_pence is None:
        return "Cost: ask the provider"
    if course.cost_pence == 0:
        return "Free"
    pounds, pence = divmod(course.cost_pence, 100)
    return f"£{pounds:,}" if pence == 0 else f"£{pounds:,}.{pence:02d}"


def when(moment: datetime, tz: ZoneInfo, *, year: bool = True) -> str:
    local = moment.astimezone(tz)
    day = f"{local:%a} {local.day} {local:%b}" + (f" {local.year}" if year else "")
    return f"{day}, {local:%H:%M}"


def next_session_line(course: Course, now: datetime, tz: ZoneInfo) -> str:
    upcoming = course.upcoming(now)
    if upcoming:
        return "next " + when(upcoming[0].start, tz, year=False)
    if course.sessions:
        return "finished"
    if course.starts_on and course.starts_on > now.astimezone(tz).date():
        return f"starts {course.starts_on.day} {course.starts_on:%b %Y}"
    return "start any time" if course.mode is Mode.ONLINE else "ongoing, ask for dates"


def place(course: Course) -> str:
    if course.mode is Mode.ONLINE:
        return "Online"
    return course.area or course.venue or course.postcode or "Venue to be confirmed"


def summary(course: Course, now: datetime, tz: ZoneInfo) -> str:
    """One line under a course's title in a list."""
    return esc(
        " · ".join((clip(place(course), 40), next_session_line(course, now, tz), cost(course)))
    )


def where(course: Course) -> str:
    if course.mode is Mode.ONLINE:
        return "💻 Online"
    parts = [clip(p, 120) for p in (course.venue, course.address, course.area) if p]
    if course.postcode:
        parts.append(course.postcode)
    place_text = esc(", ".join(parts)) if parts else "Venue to be confirmed"
    return ("🔀 Online and in person: " if course.mode is Mode.BLENDED else "📍 ") + place_text


def announcement_frame(title: str, provider: str, text: str) -> str:
    """A coordinator's words as written, framed by course and provider: what followers get
    and what the preview shows."""
    return f"📣 <b>{esc(clip(title, 200))}</b>\n\n{esc(text)}\n\n— {esc(clip(provider, 120))}"
