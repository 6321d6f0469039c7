"""Course cards, opened from a list of results, a subject or the places nearby."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from catalogue import follows
from handlers import callbacks, render
from handlers.callbacks import Back
from handlers.context import Context
from handlers.messages import edit


async def open_course(update: Update, context: Context) -> None:
    """Show a course's card in place of the list it was picked from."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    _, course_id, back = [*query.data.split(callbacks.SEP), "", ""][:3]
    data = context.bot_data
    course = data.catalogue.index.get(course_id)
    if course is None:
        await edit(query, render.course_gone())
        return
    following = await following_lead(context, update, course_id)
    card = render.course_card(
        course, now=data.now(), tz=data.tz, back=Back.unpack(back), following=following
    )
    await edit(query, card)


async def following_lead(context: Context, update: Update, course_id: str) -> int | None:
    """The lead time if this chat follows the course (one indexed row, not a scan)."""
    if update.effective_chat is None:
        return None
    return await asyncio.to_thread(
        follows.lead_of,
        context.bot_data.catalogue.engine,
        chat_id=update.effective_chat.id,
        course_id=course_id,
    )


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CallbackQueryHandler(open_course, pattern=callbacks.pattern(callbacks.COURSE)),
]
