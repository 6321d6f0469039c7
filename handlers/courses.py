"""Course cards, opened from a list of results, a subject or the places nearby."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

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
    card = render.course_card(course, now=data.now(), tz=data.tz, back=Back.unpack(back))
    await edit(query, card)


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CallbackQueryHandler(open_course, pattern=callbacks.pattern(callbacks.COURSE)),
]
