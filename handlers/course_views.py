"""The course card: when, where, cost, who it is for, how to book, and its buttons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from catalogue.models import Course, Mode
from views.callbacks import Back, CancelSessionButton, CourseButton, Press
from views.i18n import Lang
from views.text import MAX_TEXT, Reply, clip, cost, esc, labelled, lead, utf16_len, where

SESSIONS_SHOWN = 5


def course_card(
    course: Course,
    *,
    now: datetime,
    tz: ZoneInfo,
    back: Back | None,
    lang: Lang,
    following: int | None = None,
    cancelled: Mapping[datetime, str] | None = None,
    manage: bool = False,
) -> Reply:
    """A course's card. `following` is the lead time in minutes when the chat follows it;
    `cancelled` maps cancelled session starts to reasons; `manage` adds the coordinator's
    button to cancel a session. Course content stays as published; the labels are the
    resident's language."""
    cancelled = cancelled or {}
    lines = [
        f"<b>{lang.isolate(esc(clip(course.title, 200)))}</b>",
        lang._("by {provider}", provider=esc(clip(course.provider, 120))),
        "",
    ]
    upcoming = course.upcoming(now)
    if upcoming:
        lines.append("📅 " + lang._("<b>Next sessions</b>"))
        for session in upcoming[:SESSIONS_SHOWN]:
            span = lang._(
                "{start}–{end}", start=lang.when(session.start, tz), end=lang.time(session.end, tz)
            )
            line = f"• {span}"
            if session.start in cancelled:
                reason = cancelled[session.start]
                status = lang._("cancelled")
                if reason:
                    status = labelled(status, esc(clip(reason, 100)), lang)
                line = f"• <s>{span}</s> ❌ {status}"
            lines.append(line)
        if len(upcoming) > SESSIONS_SHOWN:
            more = len(upcoming) - SESSIONS_SHOWN
            lines.append("  " + lang.n_("and {n} more", "and {n} more", more, n=more))
    elif course.sessions:
        lines.append("📅 " + lang._("This course has finished."))
    elif course.starts_on or course.ends_on:
        lines.append("📅 " + _runs(course, lang))
    elif course.mode is Mode.ONLINE:
        lines.append("📅 " + lang._("Self-paced: start any time."))
    else:
        lines.append("📅 " + lang._("Ongoing: contact the provider for dates."))
    lines.append("")
    lines.append(where(course, lang))
    lines.append("💷 " + lang.isolate(cost(course, lang)))
    taught_in = course.language if course.language.casefold() != "english" else ""
    for icon, label, value, limit in (
        ("📈", lang._("Level"), course.level, 80),
        ("👥", lang._("Who it's for"), course.audience, 160),
        ("🗣", lang._("Taught in"), taught_in, 80),
        ("♿", lang._("Access"), course.accessibility, 300),
        ("☎️", lang._("Contact"), course.contact, 120),
    ):
        if value:
            lines.append(f"{icon} " + labelled(label, esc(clip(value, limit)), lang))
    if following is not None:
        lines.append(
            "🔔 "
            + lang._(
                "You'll get a reminder {lead} before each session.", lead=lead(following, lang)
            )
        )
    head = "\n".join(lines)
    # The description is the one long field: it gets whatever room is left, counted in
    # UTF-16 units as Telegram counts (and escaping may lengthen it, hence the margin).
    room = MAX_TEXT - utf16_len(head) - 8
    description = clip(course.description, min(800, room)) if course.description else ""
    text = head + (f"\n\n{lang.isolate(esc(description))}" if description else "")

    buttons = []
    if course.booking_url:
        label = "📝 " + lang._("Book or find out more")
        buttons.append([InlineKeyboardButton(label, url=course.booking_url)])
    if upcoming and following is None:
        remind = CourseButton(Press.REMIND, course.id, back=back).data()
        buttons.append([InlineKeyboardButton("🔔 " + lang._("Remind me"), callback_data=remind)])
    elif following is not None:
        stop = CourseButton(Press.STOP, course.id, back=back).data()
        label = "🔕 " + lang._("Stop reminders")
        buttons.append([InlineKeyboardButton(label, callback_data=stop)])
    if upcoming:
        calendar = CourseButton(Press.CALENDAR, course.id).data()
        label = "📅 " + lang._("Add to calendar")
        buttons.append([InlineKeyboardButton(label, callback_data=calendar)])
    if manage and upcoming:
        cancel = CancelSessionButton(course.id).data()
        buttons.append([InlineKeyboardButton("❌ Cancel a session", callback_data=cancel)])
    if back is not None:
        label = "◂ " + (
            lang._("Back to subjects")
            if back.kind is Press.SUBJECTS
            else lang._("Back to results")
        )
        buttons.append([InlineKeyboardButton(label, callback_data=back.data())])
    return Reply(text, InlineKeyboardMarkup(buttons) if buttons else None)


def _runs(course: Course, lang: Lang) -> str:
    if course.starts_on and course.ends_on:
        return lang._(
            "Runs from {start} to {end}; ask for times.",
            start=lang.day(course.starts_on),
            end=lang.day(course.ends_on),
        )
    if course.starts_on:
        return lang._("Starts on {day}; ask for times.", day=lang.day(course.starts_on))
    assert course.ends_on is not None
    return lang._("Runs until {day}; ask for times.", day=lang.day(course.ends_on))
