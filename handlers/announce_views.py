"""What coordinators are shown while they announce to followers or cancel a session, and the
announcement followers receive. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from catalogue.models import Course
from views.callbacks import (
    AnnounceButton,
    AnnounceStep,
    CancelSessionButton,
    CourseButton,
    Press,
)
from views.i18n import lang
from views.text import Reply, announcement_frame, clip, esc, summary

ANNOUNCE_CHOICES = 8
# Coordinators' and admins' commands speak English (the issue allows it); the preview shows
# the English frame.
STAFF = lang()


def pick_course(courses: Sequence[Course], *, now: datetime, tz: ZoneInfo) -> Reply:
    if not courses:
        return Reply(
            "I couldn't find a current course of yours to announce to. Try "
            "<code>/announce &lt;course id&gt; &lt;message&gt;</code>."
        )
    lines = ["📣 <b>Which course is the announcement for?</b>", ""]
    buttons = []
    for number, course in enumerate(courses[:ANNOUNCE_CHOICES], start=1):
        lines.append(f"{number}. <b>{esc(clip(course.title, 100))}</b> ({esc(course.id)})")
        lines.append(f"    {summary(course, now, tz, STAFF)}")
        data = AnnounceButton(AnnounceStep.COURSE, course.id).data()
        buttons.append(
            [InlineKeyboardButton(f"{number}. {clip(course.title, 48)}", callback_data=data)]
        )
    if len(courses) > ANNOUNCE_CHOICES:
        lines += ["", "Not there? Narrow it down: <code>/announce pottery</code>."]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def write_announcement(course: Course, recipients: int) -> Reply:
    return Reply(
        f"📣 Write your announcement for <b>{esc(clip(course.title, 200))}</b> and send it as "
        f"your next message. It will go to {recipients} follower"
        + ("" if recipients == 1 else "s")
        + ". /cancel to stop."
    )


def announcement_preview(
    announcement_id: int, course: Course, text: str, recipients: int
) -> Reply:
    body = announcement_frame(course.title, course.provider, text, STAFF)
    lines = [
        f"👀 <b>Preview</b>: this goes to {recipients} follower"
        + ("" if recipients == 1 else "s")
        + f" of {esc(clip(course.title, 120))}.",
        "",
        body,
    ]
    buttons = [
        [
            InlineKeyboardButton(
                "📣 Send now",
                callback_data=AnnounceButton(AnnounceStep.SEND_NOW, str(announcement_id)).data(),
            ),
            InlineKeyboardButton(
                "🕒 Send later",
                callback_data=AnnounceButton(AnnounceStep.LATER, str(announcement_id)).data(),
            ),
        ],
        [
            InlineKeyboardButton(
                "Cancel",
                callback_data=AnnounceButton(AnnounceStep.CANCEL, str(announcement_id)).data(),
            )
        ],
    ]
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def send_later(announcement_id: int, choices: Sequence[tuple[str, datetime]]) -> Reply:
    buttons = [
        [
            InlineKeyboardButton(
                label,
                callback_data=AnnounceButton(AnnounceStep.AT, str(announcement_id), at).data(),
            )
        ]
        for label, at in choices
    ]
    buttons.append(
        [
            InlineKeyboardButton(
                "Cancel",
                callback_data=AnnounceButton(AnnounceStep.CANCEL, str(announcement_id)).data(),
            )
        ]
    )
    return Reply("🕒 <b>When should it go out?</b>", InlineKeyboardMarkup(buttons))


def announcement_queued(recipients: int, at: datetime | None, tz: ZoneInfo) -> Reply:
    if recipients == 0:
        return Reply("Nobody follows that course yet, so there is no one to send it to.")
    people = f"{recipients} follower" + ("" if recipients == 1 else "s")
    if at is None:
        return Reply(f"📣 Sending to {people}. I'll tell you how it went.")
    return Reply(f"🕒 Scheduled for {STAFF.when(at, tz)}, to {people}. I'll tell you how it went.")


def announcement_cancelled() -> Reply:
    return Reply("Cancelled: nothing was sent.")


def announcement_too_long(limit: int) -> Reply:
    return Reply(f"That's a long one! Please keep announcements under {limit:,} characters.")


def pick_session(course: Course, sessions: Sequence[datetime], *, tz: ZoneInfo) -> Reply:
    lines = [f"❌ Which session of <b>{esc(clip(course.title, 200))}</b> is cancelled?"]
    buttons = [
        [
            InlineKeyboardButton(
                STAFF.when(start, tz),
                callback_data=CancelSessionButton(course.id, start).data(),
            )
        ]
        for start in sessions
    ]
    buttons.append(
        [
            InlineKeyboardButton(
                "◂ Back", callback_data=CourseButton(Press.COURSE, course.id).data()
            )
        ]
    )
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def confirm_cancel(course: Course, start: datetime, followers: int, *, tz: ZoneInfo) -> Reply:
    text = (
        f"Cancel <b>{esc(clip(course.title, 200))}</b> on {STAFF.when(start, tz)}? "
        f"{followers} follower" + ("" if followers == 1 else "s") + " will be told.\n"
        "To give a reason, use <code>/cancelsession "
        f"{esc(course.id)} {start.astimezone(tz):%Y-%m-%d} &lt;reason&gt;</code> instead."
    )
    buttons = [
        [
            InlineKeyboardButton(
                "Yes, cancel it",
                callback_data=CancelSessionButton(course.id, start, confirmed=True).data(),
            ),
            InlineKeyboardButton("No", callback_data=CourseButton(Press.COURSE, course.id).data()),
        ]
    ]
    return Reply(text, InlineKeyboardMarkup(buttons))


def session_cancelled(
    course: Course, starts: Sequence[datetime], told: int, *, tz: ZoneInfo
) -> Reply:
    days = ", ".join(STAFF.when(start, tz) for start in starts)
    return Reply(
        f"❌ Cancelled {esc(clip(course.title, 200))} on {days}. "
        f"{told} follower" + ("" if told == 1 else "s") + " will be told."
    )


def no_session_then(
    course: Course, day: str, upcoming: Sequence[datetime], *, tz: ZoneInfo
) -> Reply:
    dates = ", ".join(f"{start.astimezone(tz):%Y-%m-%d}" for start in upcoming[:5]) or "none"
    return Reply(
        f"{esc(clip(course.title, 200))} has no upcoming session on {esc(day)}. "
        f"Next sessions: {dates}."
    )


def unknown_course(course_id: str) -> Reply:
    return Reply(f"I don't know a course with the id {esc(clip(course_id, 40))}.")
