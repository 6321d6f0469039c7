"""The course card: when, where, cost, who it is for, how to book, and its buttons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from catalogue.models import Course, Mode
from store.reminder_times import describe_lead
from views.callbacks import Back, CancelSessionButton, CourseButton, Press
from views.text import MAX_TEXT, Reply, clip, cost, esc, when, where

SESSIONS_SHOWN = 5


def course_card(
    course: Course,
    *,
    now: datetime,
    tz: ZoneInfo,
    back: Back | None,
    following: int | None = None,
    cancelled: Mapping[datetime, str] | None = None,
    manage: bool = False,
) -> Reply:
    """A course's card. `following` is the lead time in minutes when the chat follows it;
    `cancelled` maps cancelled session starts to reasons; `manage` adds the coordinator's
    button to cancel a session."""
    cancelled = cancelled or {}
    lines = [f"<b>{esc(clip(course.title, 200))}</b>", f"by {esc(clip(course.provider, 120))}", ""]
    upcoming = course.upcoming(now)
    if upcoming:
        lines.append("📅 <b>Next sessions</b>")
        for session in upcoming[:SESSIONS_SHOWN]:
            end = session.end.astimezone(tz)
            line = f"• {when(session.start, tz)}–{end:%H:%M}"
            if session.start in cancelled:
                reason = cancelled[session.start]
                line = f"• <s>{when(session.start, tz)}–{end:%H:%M}</s> ❌ cancelled"
                line += f": {esc(clip(reason, 100))}" if reason else ""
            lines.append(line)
        if len(upcoming) > SESSIONS_SHOWN:
            lines.append(f"  and {len(upcoming) - SESSIONS_SHOWN} more")
    elif course.sessions:
        lines.append("📅 This course has finished.")
    elif course.starts_on or course.ends_on:
        lines.append("📅 " + _runs(course))
    elif course.mode is Mode.ONLINE:
        lines.append("📅 Self-paced: start any time.")
    else:
        lines.append("📅 Ongoing: contact the provider for dates.")
    lines.append("")
    lines.append(where(course))
    lines.append(f"💷 {cost(course)}")
    for icon, label, value, limit in (
        ("📈", "Level", course.level, 80),
        ("👥", "Who it's for", course.audience, 160),
        ("🗣", "Taught in", course.language if course.language.casefold() != "english" else "", 80),
        ("♿", "Access", course.accessibility, 300),
        ("☎️", "Contact", course.contact, 120),
    ):
        if value:
            lines.append(f"{icon} {label}: {esc(clip(value, limit))}")
    if following is not None:
        lines.append(f"🔔 You'll get a reminder {describe_lead(following)} before each session.")
    head = "\n".join(lines)
    # The description is the one long field: it gets whatever room is left.
    room = MAX_TEXT - len(head) - 2
    description = clip(course.description, min(800, room)) if course.description else ""
    text = head + (f"\n\n{esc(description)}" if description else "")

    buttons = []
    if course.booking_url:
        buttons.append([InlineKeyboardButton("📝 Book or find out more", url=course.booking_url)])
    if upcoming and following is None:
        remind = CourseButton(Press.REMIND, course.id, back=back).data()
        buttons.append([InlineKeyboardButton("🔔 Remind me", callback_data=remind)])
    elif following is not None:
        stop = CourseButton(Press.STOP, course.id, back=back).data()
        buttons.append([InlineKeyboardButton("🔕 Stop reminders", callback_data=stop)])
    if upcoming:
        calendar = CourseButton(Press.CALENDAR, course.id).data()
        buttons.append([InlineKeyboardButton("📅 Add to calendar", callback_data=calendar)])
    if manage and upcoming:
        cancel = CancelSessionButton(course.id).data()
        buttons.append([InlineKeyboardButton("❌ Cancel a session", callback_data=cancel)])
    if back is not None:
        label = "◂ Back to subjects" if back.kind is Press.SUBJECTS else "◂ Back to results"
        buttons.append([InlineKeyboardButton(label, callback_data=back.data())])
    return Reply(text, InlineKeyboardMarkup(buttons) if buttons else None)


def _runs(course: Course) -> str:
    def day(value: date) -> str:
        return f"{value:%a} {value.day} {value:%b %Y}"

    if course.starts_on and course.ends_on:
        return f"Runs from {day(course.starts_on)} to {day(course.ends_on)}; ask for times."
    if course.starts_on:
        return f"Starts on {day(course.starts_on)}; ask for times."
    assert course.ends_on is not None
    return f"Runs until {day(course.ends_on)}; ask for times."
