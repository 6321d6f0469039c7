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
from views import callbacks
from views.callbacks import CourseButton, Press
from views.i18n import Lang
from views.text import Reply, clip, esc, lead


def lead_choice(
    course: Course,
    leads: Sequence[int],
    *,
    data: Callable[[int], str],
    back: str,
    lang: Lang,
    current: int | None = None,
) -> Reply:
    """Ask how long before each session to remind; `data(minutes)` makes each button's data.
    The lead time in force, if any, is ticked."""
    title = lang.isolate(esc(clip(course.title, 200)))
    text = "🔔 " + "\n".join(
        (
            lang._("When should I remind you about <b>{course}</b>?", course=title),
            lang._("I'll send a reminder before each session."),
        )
    )
    rows = [
        [
            InlineKeyboardButton(
                ("✓ " if m == current else "") + lang._("{lead} before", lead=lead(m, lang)),
                callback_data=data(m),
            )
        ]
        for m in leads
    ]
    rows.append([InlineKeyboardButton("◂ " + lang._("Back"), callback_data=back)])
    return Reply(text, InlineKeyboardMarkup(rows))


def my_courses(
    followed: Sequence[tuple[str, Course | None, int]],
    *,
    now: datetime,
    tz: ZoneInfo,
    lang: Lang,
) -> Reply:
    """The courses a resident follows: (course id, course if still listed, lead minutes)."""
    if not followed:
        return Reply(
            lang._(
                "You're not following any courses yet. Open a course and tap "
                "<b>🔔 Remind me</b> to get a reminder before each session."
            )
        )
    lines = ["🔔 " + lang._("<b>Courses you follow</b>"), ""]
    buttons = []
    for number, (course_id, course, minutes) in enumerate(followed, start=1):
        shown = lang.number(number)
        if course is None:
            lines.append(
                f"{shown}. " + lang._("{course}: no longer listed", course=esc(course_id))
            )
        else:
            upcoming = course.upcoming(now)
            nxt = (
                lang._("next {when}", when=lang.when(upcoming[0].start, tz))
                if upcoming
                else lang._("no more sessions")
            )
            reminder = lang._("reminder {lead} before", lead=lead(minutes, lang))
            lines.append(f"{shown}. <b>{lang.isolate(esc(clip(course.title, 120)))}</b>")
            lines.append(f"    {nxt} · {reminder}")
        change = InlineKeyboardButton(
            f"{shown}. ⏰ " + lang._("Change"),
            callback_data=CourseButton(Press.MINE_CHANGE, course_id).data(),
        )
        stop = InlineKeyboardButton(
            f"{shown}. 🔕 " + lang._("Stop"),
            callback_data=CourseButton(Press.MINE_STOP, course_id).data(),
        )
        buttons.append([change, stop] if course is not None else [stop])
    return Reply("\n".join(lines), InlineKeyboardMarkup(buttons))


def forget_confirm(following: int, lang: Lang) -> Reply:
    if following:
        text = lang.n_(
            "This deletes everything I hold about you: the {n} course you follow and its "
            "reminders, your language choice and your recent searches. It can't be undone.",
            "This deletes everything I hold about you: the {n} courses you follow and their "
            "reminders, your language choice and your recent searches. It can't be undone.",
            following,
            n=following,
        )
    else:
        text = lang._(
            "This deletes everything I hold about you: any reminders, your language choice "
            "and your recent searches. It can't be undone."
        )
    buttons = [
        [
            InlineKeyboardButton(
                lang._("Yes, delete everything"), callback_data=callbacks.forget(True)
            )
        ],
        [InlineKeyboardButton(lang._("No, keep it"), callback_data=callbacks.forget(False))],
    ]
    return Reply("🗑 " + lang._("<b>Forget me?</b>") + "\n\n" + text, InlineKeyboardMarkup(buttons))


def forgotten(lang: Lang) -> Reply:
    return Reply(
        lang._(
            "Done: I've deleted everything I held about you. You can still search any time, "
            "or /start again."
        )
    )


def kept(lang: Lang) -> Reply:
    return Reply(lang._("OK, nothing was deleted."))


def stopped(title: str, lang: Lang) -> Reply:
    course = lang.isolate(esc(clip(title, 200)))
    return Reply("🔕 " + lang._("Reminders for <b>{course}</b> are off.", course=course))
