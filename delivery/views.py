"""What the bot sends on its own: a reminder before a session, a notice of what changed in a
followed course, a coordinator's announcement in its frame, and the report to its author."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.models import Course
from store.payloads import AnnouncementMessage, AnnouncementReport, ChangeNotice
from views.callbacks import CourseButton, Press
from views.i18n import Lang
from views.text import Reply, announcement_frame, clip, cost, esc, where

NOTICE_LINES = 5


def reminder(course: Course, start: datetime, *, now: datetime, tz: ZoneInfo, lang: Lang) -> Reply:
    """The reminder before a session."""
    session = next((s for s in course.sessions if s.start == start), None)
    moment = lang.when(start, tz)
    if session is not None:
        moment = lang._("{start}–{end}", start=moment, end=lang.time(session.end, tz))
    soon = _how_soon(start, now, tz, lang)
    # Translators: a session's day and time, then how soon it is: "Mon, 11 Jan, 18:30 (tomorrow)".
    moment = lang._("{when} ({how_soon})", when=moment, how_soon=soon)
    title = lang.isolate(esc(clip(course.title, 200)))
    lines = [
        "🔔 " + lang._("<b>Reminder: {course}</b>", course=title),
        f"📅 {moment}",
        where(course, lang),
        "💷 " + lang.isolate(cost(course, lang)),
    ]
    if course.contact:
        lines.append(f"☎️ {lang.isolate(esc(clip(course.contact, 120)))}")
    stop = CourseButton(Press.REMINDER_STOP, course.id).data()
    label = "🔕 " + lang._("Stop reminders for this course")
    keyboard = [[InlineKeyboardButton(label, callback_data=stop)]]
    if course.booking_url:
        page = "📝 " + lang._("Course page")
        keyboard.insert(0, [InlineKeyboardButton(page, url=course.booking_url)])
    return Reply("\n".join(lines), InlineKeyboardMarkup(keyboard))


def _how_soon(start: datetime, now: datetime, tz: ZoneInfo, lang: Lang) -> str:
    minutes = max(0, int((start - now).total_seconds() // 60))
    if minutes < 60:
        return lang.n_("in {n} minute", "in {n} minutes", minutes, n=minutes)
    days = (start.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days == 0:
        hours = minutes // 60
        return lang.n_("in {n} hour", "in {n} hours", hours, n=hours)
    if days == 1:
        return lang._("tomorrow")
    return lang.n_("in {n} day", "in {n} days", days, n=days)


def notice(change: ChangeNotice, *, tz: ZoneInfo, lang: Lang) -> Reply:
    """What changed in a course the resident follows."""
    title = lang.isolate(esc(clip(change.course, 200)))
    if change.removed:
        return Reply(
            "ℹ️ "
            + lang._(
                "<b>{course}</b> is no longer listed, so I've stopped its reminders. "
                "Send me a search to find something similar.",
                course=title,
            )
        )
    changes = [
        "• "
        + lang._(
            "The session on {old} has moved to {new}.",
            old=lang.when(old, tz),
            new=lang.when(new, tz),
        )
        for old, new in change.moved
    ]
    reason = esc(clip(change.reason, 200))
    changes += [
        "• "
        + (
            lang._(
                "The session on {old} is cancelled: {reason}.",
                old=lang.when(old, tz),
                reason=reason,
            )
            if reason
            else lang._("The session on {old} is cancelled.", old=lang.when(old, tz))
        )
        for old in change.cancelled
    ]
    lines = ["ℹ️ " + lang._("<b>Changes to {course}</b>", course=title), *changes[:NOTICE_LINES]]
    if len(changes) > NOTICE_LINES:
        more = len(changes) - NOTICE_LINES
        lines.append(
            lang.n_(
                "… and {n} more change; /mycourses shows the next session.",
                "… and {n} more changes; /mycourses shows the next session.",
                more,
                n=more,
            )
        )
    lines.append(lang._("Your reminders have been updated."))
    return Reply("\n".join(lines))


def announcement(message: AnnouncementMessage, lang: Lang) -> Reply:
    """What followers receive: the coordinator's words as written, framed by course and
    provider."""
    return Reply(announcement_frame(message.course, message.provider, message.text, lang))


def announcement_report(report: AnnouncementReport, title: str) -> Reply:
    """To the author, once everything has gone out."""
    return Reply(
        f"📣 Your announcement for <b>{esc(clip(title, 200))}</b> has gone out: "
        f"{report.delivered} delivered, {report.blocked} blocked the bot, "
        f"{report.failed} failed."
    )
