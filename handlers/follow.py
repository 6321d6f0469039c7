"""Following courses: the 🔔 buttons on a card, /mycourses, stopping from a reminder, and
/forget. The reminders themselves go out from delivery/, woken through bot_data."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers import course_views, follow_views, replies
from handlers.context import Context, lang_for
from handlers.courses import card
from handlers.messages import edit, send
from views import callbacks
from views.callbacks import Back, CourseButton, Press
from views.i18n import Lang
from views.text import Reply


async def remind_me(update: Update, context: Context) -> None:
    """Follow a course from its card, asking how long before each session if there is a choice."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    data = context.bot_data
    course = data.catalogue.index.get(button.course_id) if button else None
    lang = await lang_for(update, context)
    if button is None or course is None:
        await edit(query, replies.course_gone(lang))
        return
    if len(data.leads) == 1:
        await _follow_and_show(update, context, course.id, data.leads[0], button.back)
        return
    choice = follow_views.lead_choice(
        course,
        data.leads,
        data=lambda minutes: CourseButton(Press.LEAD, course.id, minutes, button.back).data(),
        back=CourseButton(Press.COURSE, course.id, back=button.back).data(),
        lang=lang,
    )
    await edit(query, choice)


async def choose_lead(update: Update, context: Context) -> None:
    """Follow a course with the lead time picked on its card."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    if button is None or button.minutes is None:
        await edit(query, replies.expired(await lang_for(update, context)))
        return
    await _follow_and_show(update, context, button.course_id, button.minutes, button.back)


async def stop_from_card(update: Update, context: Context) -> None:
    """Stop reminders for the course on this card."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    lang = await lang_for(update, context)
    if button is None:
        await edit(query, replies.expired(lang))
        return
    data = context.bot_data
    await data.store.unfollow(update.effective_chat.id, button.course_id)
    course = data.catalogue.index.get(button.course_id)
    if course is None:
        await edit(query, replies.course_gone(lang))
        return
    card = course_views.course_card(
        course, now=data.now(), tz=data.tz, back=button.back, lang=lang
    )
    await edit(query, card)


async def _follow_and_show(
    update: Update, context: Context, course_id: str, minutes: int, back: Back | None
) -> None:
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    data = context.bot_data
    course = data.catalogue.index.get(course_id)
    lang = await lang_for(update, context)
    if course is None or minutes not in data.leads:
        await edit(query, replies.course_gone(lang) if course is None else replies.expired(lang))
        return
    await data.store.follow(update.effective_chat.id, course, minutes, lang.code)
    await data.delivery.wake()
    await edit(query, await card(update, context, course, back))


async def my_courses(update: Update, context: Context) -> None:
    """List the courses this resident follows, with buttons to change or stop reminders."""
    if update.effective_message is None or update.effective_chat is None:
        return
    lang = await lang_for(update, context)
    await send(
        update.effective_message, await _my_courses(context, update.effective_chat.id, lang)
    )


async def my_courses_button(update: Update, context: Context) -> None:
    """Change a lead time or stop a course from /mycourses."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    data = context.bot_data
    chat_id = update.effective_chat.id
    button = CourseButton.read(query.data)
    course = data.catalogue.index.get(button.course_id) if button else None
    lang = await lang_for(update, context)
    if button is not None and button.press is Press.MINE_CHANGE and course is not None:
        choice = follow_views.lead_choice(
            course,
            data.leads,
            data=lambda m: CourseButton(Press.MINE_LEAD, course.id, m).data(),
            back=callbacks.my_courses(),
            lang=lang,
            current=await data.store.lead_of(chat_id, course.id),
        )
        await edit(query, choice)
        return
    if button is not None and button.press is Press.MINE_LEAD and course is not None:
        if button.minutes in data.leads:
            await data.store.follow(chat_id, course, button.minutes, lang.code)
            await data.delivery.wake()
    elif button is not None and button.press is Press.MINE_STOP:
        await data.store.unfollow(chat_id, button.course_id)
    await edit(query, await _my_courses(context, chat_id, lang))


async def _my_courses(context: Context, chat_id: int, lang: Lang) -> Reply:
    data = context.bot_data
    rows = await data.store.followed(chat_id)
    items = [(r.course_id, data.catalogue.index.get(r.course_id), r.lead_minutes) for r in rows]
    return follow_views.my_courses(items, now=data.now(), tz=data.tz, lang=lang)


async def stop_from_reminder(update: Update, context: Context) -> None:
    """Stop reminders for a course from the reminder itself."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    button = CourseButton.read(query.data)
    if button is None or update.effective_message is None:
        return
    data = context.bot_data
    await data.store.unfollow(update.effective_chat.id, button.course_id)
    course = data.catalogue.index.get(button.course_id)
    title = course.title if course else button.course_id
    lang = await lang_for(update, context)
    await send(update.effective_message, follow_views.stopped(title, lang))


async def forget(update: Update, context: Context) -> None:
    """Ask before deleting everything the bot holds about this resident."""
    if update.effective_message is None or update.effective_chat is None:
        return
    data = context.bot_data
    rows = await data.store.followed(update.effective_chat.id)
    lang = await lang_for(update, context)
    await send(update.effective_message, follow_views.forget_confirm(len(rows), lang))


async def forget_button(update: Update, context: Context) -> None:
    """Delete everything about the resident (follows, reminders, searches), or not."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    lang = await lang_for(update, context)
    if not callbacks.read_forget(query.data):
        await edit(query, follow_views.kept(lang))
        return
    data = context.bot_data
    await data.store.forget(update.effective_chat.id)
    await edit(query, follow_views.forgotten(lang))


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("mycourses", my_courses),
    CommandHandler("forget", forget),
    CallbackQueryHandler(remind_me, pattern=callbacks.pattern(Press.REMIND)),
    CallbackQueryHandler(choose_lead, pattern=callbacks.pattern(Press.LEAD)),
    CallbackQueryHandler(stop_from_card, pattern=callbacks.pattern(Press.STOP)),
    CallbackQueryHandler(
        my_courses_button,
        pattern=callbacks.pattern(Press.MINE, Press.MINE_CHANGE, Press.MINE_LEAD, Press.MINE_STOP),
    ),
    CallbackQueryHandler(stop_from_reminder, pattern=callbacks.pattern(Press.REMINDER_STOP)),
    CallbackQueryHandler(forget_button, pattern=callbacks.pattern(Press.FORGET)),
]
