"""/language: the resident picks the language the bot speaks to them in (each shown in its own
name), from the command or from the offer a search in another language makes; either way,
the chat's search of the last few minutes is answered again in the language chosen."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers import language_views, replies, search
from handlers.context import Context, lang_for
from handlers.messages import edit, send
from views import callbacks
from views.callbacks import Press
from views.i18n import ENGLISH, SHIPPED, lang


async def choose(update: Update, context: Context) -> None:
    """List the languages the bot speaks, each in its own name."""
    if update.effective_message is None:
        return
    current = await lang_for(update, context)
    await send(update.effective_message, language_views.choices(current))


async def chosen(update: Update, context: Context) -> None:
    """Speak the language picked from now on (stored; /forget deletes it)."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    await query.answer()
    code = callbacks.read_language(query.data)
    if code is None or code not in (ENGLISH, *SHIPPED):
        await edit(query, replies.expired(await lang_for(update, context)))
        return
    await context.bot_data.store.choose_language(chat.id, code)
    await edit(query, language_views.now_speaking(lang(code)))
    if isinstance(query.message, Message):
        # The answer that prompted the switch, again in the language chosen.
        await search.resend_latest(query.message, context, lang(code))


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("language", choose),
    CallbackQueryHandler(chosen, pattern=callbacks.pattern(Press.LANGUAGE)),
]
