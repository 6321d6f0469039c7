"""/language: the resident picks the language the bot speaks to them in (each shown in its own
name); and, once, an offer to switch when they search in a language the bot speaks."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers import language_views, replies
from handlers.context import Context, lang_for
from handlers.messages import edit, send
from store.store import StoreUnavailable
from views import callbacks
from views.callbacks import Press
from views.i18n import ENGLISH, SHIPPED, Lang, best_code, lang


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


async def offer_switch(message: Message, context: Context, written: str | None, now: Lang) -> None:
    """After a search written in a language the bot speaks but is not using, offer once to
    switch to it (never after the resident has picked a language themselves)."""
    chat_data = context.chat_data
    code = best_code(written) if written else ENGLISH
    if chat_data is None or code == ENGLISH or code == now.code or chat_data.offered_switch:
        return
    try:
        if await context.bot_data.store.chosen_language(message.chat.id):
            return
    except StoreUnavailable:
        return  # the offer can wait for the database
    chat_data.offered_switch = True
    await send(message, language_views.offer(lang(code)))


HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("language", choose),
    CallbackQueryHandler(chosen, pattern=callbacks.pattern(Press.LANGUAGE)),
]
