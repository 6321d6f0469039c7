"""Pure views of following courses: the lead-time choice, /mycourses, /forget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from catalogue.models import Course
from store.reminder_times import describe_lead
from views import callbacks
from views.callbacks import CourseButton, Press
from views.text import Reply, clip, esc, when


def lead_choice(
    course: Course, leads: Sequence[int], *, data: Callable[[int], str], back: str
) -> Reply:
    """Ask how long before each session to remind; `data(minutes)` makes each button's data."""
    text = (
        f"🔔 When should I remind you about <b>{esc(clip(course.title, 200))}</b>?\n"
        "I'll send a reminder before each session."
    )
    rows = [
        [InlineKeyboardButton(f"{describe_lead(m)} before", callback_data=data(m))] for m in leads
    ]
    rows.append([InlineKeyboardButton("◂ Back", callback_data=back)])
    return Reply(text, InlineKeyboardMarkup(rows))


def my_courses(
    followed: Sequence[tuple[str, Course | None, int]], *, now: datetime, tz: ZoneInfo
) -> Reply:
    """The courses a resident follows: (course id, course if still listed, lead minutes)."""
    if not followed:
        return Reply(
            "You're not following any courses yet. Open a course and tap "
            "<b>🔔 Remind me</b> to get a reminder before each session."
        )
    lines = ["🔔 <b>Courses you follow</b>", ""]
    buttons = []
    for number, (course_id, course, lead) in enumerate(followed, start=1):
        if course is None:
            lines.append(f"{number}. {esc(course_id)}: no longer listed")
        else:
            upcoming = course.upcoming(now)
            nxt = f"next {when(upcoming[0].start, tz)}" if upcoming else "no more sessions"
            lines.append(f"{number}. <b>{esc(clip(course.title, 120))}</b>")
            lines.append(f"    {nxt} · reminder {describe_lead(lead)} before")
        change = InlineKeyboardButton(
            f"{number}. ⏰ Change", callback_data=CourseButton(Press.MINE_CHANGE, course_id).data()
        )
        stop = InlineKeyboardButton(
            f"{number}. 🔕 Stop", callback_data=CourseButton(Press.MINE_STOP, course_id).data()
        )
        buttons.append([change, stop] if course is not None else [stop])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def forget_confirm(following: int) -> Reply:
    held = (
        f"the {following} course" + ("" if following == 1 else "s") + " you follow and "
        "their reminders"
        if following
        else "any reminders"
    )
    text = (
        "🗑 <b>Forget me?</b>\n\nThis deletes everything I hold about you: "
        f"{held}, and your recent searches. It can't be undone."
    )
    buttons = [
        [InlineKeyboardButton("Yes, delete everything", callback_data=callbacks.forget(True))],
        [InlineKeyboardButton("No, keep it", callback_data=callbacks.forget(False))],
    ]
    return Reply(text, InlineKeyboardMarkup(buttons))


def forgotten() -> Reply:
    return Reply(
        "Done: I've deleted everything I held about you. You can still search any time, "
        "or /start again."
    )


def kept() -> Reply:
    return Reply("OK, nothing was deleted.")


def stopped(title: str) -> Reply:
    return Reply(f"🔕 Reminders for <b>{esc(clip(title, 200))}</b> are off.")
