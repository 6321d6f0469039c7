"""The error handler: log what failed, and tell the resident something went wrong."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from handlers import replies
from handlers.context import Context, lang_for

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the exception with the update's id (never its content) and apologise."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        # Already answered, or too old: the apology below still goes out.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    reply = replies.apology(await lang_for(update, context))
    try:
        await context.bot.send_message(update.effective_chat.id, reply.text)
    except TelegramError:
        log.warning("could not send the apology for update %s", update_id, exc_info=True)
