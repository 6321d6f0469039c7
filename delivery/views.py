"""What the bot sends on its own: a reminder before a session, a notice of what changed in a
followed course, a coordinator's announcement in its frame, and the report to its author."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.models import Course
from store.payloads import AnnouncementMessage, AnnouncementReport, ChangeNotice
from views.callbacks import CourseButton, Press
from views.text import Reply, announcement_frame, clip, cost, esc, when, where

NOTICE_LINES = 5


def reminder(course: Course, start: datetime, *, now: datetime, tz: ZoneInfo) -> Reply:
    """The reminder before a session."""
    session = next((s for s in course.sessions if s.start == start), None)
    end = f"–{session.end.astimezone(tz):%H:%M}" if session else ""
    lines = [
        f"🔔 <b>Reminder: {esc(clip(course.title, 200))}</b>",
        f"📅 {when(start, tz)}{end} ({_how_soon(start, now, tz)})",
        where(course),
        f"💷 {cost(course)}",
    ]
    if course.contact:
        lines.append(f"☎️ {esc(clip(course.contact, 120))}")
    stop = CourseButton(Press.REMINDER_STOP, course.id).data()
    keyboard = [[InlineKeyboardButton("🔕 Stop reminders for this course", callback_data=stop)]]
    if course.booking_url:
        keyboard.insert(0, [InlineKeyboardButton("📝 Course page", url=course.booking_url)])
    return Reply("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _how_soon(start: datetime, now: datetime, tz: ZoneInfo) -> str:
    minutes = max(0, int((start - now).total_seconds() // 60))
    if minutes < 60:
        return f"in {minutes} minutes" if minutes != 1 else "in 1 minute"
    days = (start.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days == 0:
        hours = minutes // 60
        return f"in {hours} hour" + ("" if hours == 1 else "s")
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def notice(change: ChangeNotice, *, tz: ZoneInfo) -> Reply:
    """What changed in a course the resident follows."""
    title = esc(clip(change.course, 200))
    if change.removed:
        return Reply(
            f"ℹ️ <b>{title}</b> is no longer listed, so I've stopped its reminders. "
            "Send me a search to find something similar."
        )
    changes = [
        f"• The session on {when(old, tz)} has moved to {when(new, tz)}."
        for old, new in change.moved
    ]
    changes += [
        f"• The session on {when(old, tz)} is cancelled"
        + (f": {esc(clip(change.reason, 200))}." if change.reason else ".")
        for old in change.cancelled
    ]
    lines = [f"ℹ️ <b>Changes to {title}</b>", *changes[:NOTICE_LINES]]
    if len(changes) > NOTICE_LINES:
        lines.append(
            f"… and {len(changes) - NOTICE_LINES} more changes; /mycourses shows the next session."
        )
    lines.append("Your reminders have been updated.")
    return Reply("\n".join(lines))


def announcement(message: AnnouncementMessage) -> Reply:
    """What followers receive: the coordinator's words as written, framed by course and
    provider."""
    return Reply(announcement_frame(message.course, message.provider, message.text))


def announcement_report(report: AnnouncementReport, title: str) -> Reply:
    """To the author, once everything has gone out."""
    return Reply(
        f"📣 Your announcement for <b>{esc(clip(title, 200))}</b> has gone out: "
        f"{report.delivered} delivered, {report.blocked} blocked the bot, "
        f"{report.failed} failed."
    )
