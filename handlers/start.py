"""/start (with deep links to a course) and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from handlers import replies, start_views
from handlers.context import Context, lang_for
from handlers.courses import card
from handlers.messages import send

DEEP_LINK_PREFIX = "c_"


async def start(update: Update, context: Context) -> None:
    """Welcome the resident, or open the course a poster's deep link points to."""
    message = update.effective_message
    if message is None:
        return
    lang = await lang_for(update, context)
    if context.args and context.args[0].startswith(DEEP_LINK_PREFIX):
        data = context.bot_data
        course = data.catalogue.index.get(context.args[0].removeprefix(DEEP_LINK_PREFIX))
        if course is None:
            await send(message, replies.course_gone(lang))
        else:
            await send(message, await card(update, context, course, None))
        return
    user = update.effective_user
    await send(message, start_views.welcome(user.first_name if user else "", lang))


async def help_command(update: Update, context: Context) -> None:
    """Explain how to search."""
    if update.effective_message:
        await send(
            update.effective_message, start_views.help_text(await lang_for(update, context))
        )


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
]
