"""Course cards, opened from a list of results, a subject, the places nearby or a deep link."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from catalogue.models import Course
from handlers import calendar_file, course_views, replies
from handlers.context import Context, lang_for
from handlers.messages import edit
from store.store import StoreUnavailable
from views import callbacks
from views.callbacks import Back, CourseButton, Press
from views.text import Reply


async def open_course(update: Update, context: Context) -> None:
    """Show a course's card in place of the list it was picked from."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    course = context.bot_data.catalogue.index.get(button.course_id) if button else None
    if button is None or course is None:
        await edit(query, replies.course_gone(await lang_for(update, context)))
        return
    await edit(query, await card(update, context, course, button.back))


async def card(update: Update, context: Context, course: Course, back: Back | None) -> Reply:
    """The card as this person should see it: whether they follow the course (one indexed
    row, not a scan), its cancelled sessions, and for its coordinators, their button."""
    data = context.bot_data
    following = None
    if update.effective_chat is not None:
        # With the database away the card still shows, without the follow state.
        with contextlib.suppress(StoreUnavailable):
            following = await data.store.lead_of(update.effective_chat.id, course.id)
    user = update.effective_user
    manage = user is not None and (
        data.is_admin(user.id) or course.provider in data.providers_of(user.id)
    )
    cancelled = data.catalogue.cancelled_sessions(course.id)
    return course_views.course_card(
        course,
        now=data.now(),
        tz=data.tz,
        back=back,
        lang=await lang_for(update, context),
        following=following,
        cancelled=cancelled,
        manage=manage,
    )


async def add_to_calendar(update: Update, context: Context) -> None:
    """Send the course's upcoming sessions as an .ics file for the resident's calendar."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    data = context.bot_data
    course = data.catalogue.index.get(button.course_id) if button else None
    message = update.effective_message
    lang = await lang_for(update, context)
    if course is None or message is None:
        if message is not None:
            await message.reply_text(replies.course_gone(lang).text)
        return
    cancelled = data.catalogue.cancelled_sessions(course.id)
    content = calendar_file.course_ics(course, now=data.now(), cancelled=cancelled, lang=lang)
    await message.reply_document(
        content,
        filename=calendar_file.ics_name(course),
        caption="📅 " + lang._("Open this file to add the sessions to your calendar."),
    )


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CallbackQueryHandler(open_course, pattern=callbacks.pattern(Press.COURSE)),
    CallbackQueryHandler(add_to_calendar, pattern=callbacks.pattern(Press.CALENDAR)),
]
