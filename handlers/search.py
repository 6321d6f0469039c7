"""Free text becomes a search; paging, subjects, shared locations and odd messages."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import language_views, replies, search_views, start_views
from handlers.context import Context, lang_for
from handlers.messages import edit, send
from search.parsed import SearchResult, as_counted
from store.store import StoreUnavailable
from views import callbacks
from views.callbacks import Back, Press
from views.i18n import ENGLISH, Lang, best_code, lang
from views.text import Reply

# A search this recent is answered again when the resident then shares a location (it asked
# "near me") or changes language.
RECENT_SEARCH = timedelta(minutes=15)
MAX_QUERY = 1000  # characters: a few sentences about a resident's situation, not a letter
log = logging.getLogger(__name__)
_WORD = re.compile(r"\w", re.UNICODE)


async def search_text(update: Update, context: Context) -> None:
    """Treat any text message as a search and reply with the best matches."""
    message = update.message
    if message is None or message.text is None:
        return
    text = message.text.strip()
    lang = await lang_for(update, context)
    if len(text) > MAX_QUERY:
        await send(message, replies.too_long(lang))
    elif not _WORD.search(text):
        await send(message, replies.no_words(lang))
    else:
        await _search(message, context, text, lang)


async def example_search(update: Update, context: Context) -> None:
    """Run the example search on a /start button, as if the resident had typed it."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    text = callbacks.read_example(query.data)
    if isinstance(query.message, Message) and text:
        await _search(query.message, context, text, await lang_for(update, context))


async def _run(
    context: Context, chat_id: int, text: str
) -> tuple[SearchResult, tuple[float, float] | None]:
    """Search from memory, nearest first if the resident shared where they are today; the
    result, and that location."""
    data = context.bot_data
    try:
        near = await data.store.location_of(chat_id)
    except StoreUnavailable:
        near = None  # the database is down: the index in memory still answers
    with data.metrics.search_seconds.time():
        return data.catalogue.index.search(text, now=data.now(), near=near), near


async def _search(message: Message, context: Context, text: str, lang: Lang) -> None:
    data = context.bot_data
    chat_id = message.chat.id
    result, near = await _run(context, chat_id, text)
    wants_location = result.query.near_me and near is None
    query = result.query
    # "Thank you so much, my housing was approved!!": thanks and news, not a search that
    # found nothing (nor demand the city does not meet).
    thanked = query.thanks and not (result.hits or query.asking)
    asks = bool(query.slots or query.facets.active) and not thanked
    token = ""
    try:
        # An errand, a complaint or news ("how do I report fly tipping") gets what the bot
        # can help with, but is no demand for learning that the city does not meet.
        if asks and not result.unasked:
            # Counted by text alone: what residents ask for, and what the city does not offer.
            counted = as_counted(text, result.query)
            await data.store.record_search(counted, found=bool(result.hits))
        if result.hits:
            token = await data.store.remember_search(chat_id, text)
    except StoreUnavailable:
        log.warning("search answered without the database (not counted, no paging)")
    if result.hits:
        reply = search_views.results(
            text, result, page=0, token=token, now=data.now(), tz=data.tz, lang=lang
        )
        await send(message, reply)
    elif asks:
        subjects = data.catalogue.index.categories(now=data.now())
        await send(message, search_views.nothing_found(text, subjects, lang))
    elif result.query.thanks:
        await send(message, replies.welcome_back(lang))
    elif not wants_location:
        # "hello", "what can you do": nothing asked for, so no "Sorry, I couldn't find",
        # but what the bot is for and how to ask.
        first_name = message.from_user.first_name if message.from_user else ""
        await send(message, start_views.welcome(first_name, lang))
    if wants_location:
        await send(message, search_views.ask_location(lang))
    await offer_switch(message, context, result.query.language, lang)


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


async def resend_latest(
    message: Message, context: Context, lang: Lang, *, near_me_only: bool = False
) -> bool:
    """Answer the chat's search of the last few minutes again (after a change of language,
    or, `near_me_only`, a location shared for a "near me" search); whether it did."""
    data = context.bot_data
    recent = await data.store.latest_search(message.chat.id, within=RECENT_SEARCH)
    if recent is None:
        return False
    token, text = recent
    result, _ = await _run(context, message.chat.id, text)
    if not result.hits or (near_me_only and not result.query.near_me):
        return False
    reply = search_views.results(
        text, result, page=0, token=token, now=data.now(), tz=data.tz, lang=lang
    )
    await send(message, reply)
    return True


async def results_page(update: Update, context: Context) -> None:
    """Show another page of results, or return to them from a course card."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    at = Back.read(query.data)
    chat = update.effective_chat
    data = context.bot_data
    text = await data.store.recall_search(chat.id, at.key) if at and chat else None
    result = (await _run(context, chat.id, text))[0] if chat and text is not None else None
    lang = await lang_for(update, context)
    if at is None or text is None or not result:
        await edit(query, replies.expired(lang))
        return
    reply = search_views.results(
        text, result, page=at.page, token=at.key, now=data.now(), tz=data.tz, lang=lang
    )
    await edit(query, reply)


async def browse(update: Update, context: Context) -> None:
    """List the subjects there are courses in."""
    if update.effective_message:
        data = context.bot_data
        subjects = data.catalogue.index.categories(now=data.now())
        lang = await lang_for(update, context)
        await send(update.effective_message, search_views.subjects_menu(subjects, lang))


async def browse_button(update: Update, context: Context) -> None:
    """Show the subjects, or one subject's courses, in place."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    data = context.bot_data
    subjects = data.catalogue.index.categories(now=data.now())
    at = Back.read(query.data)
    number = int(at.key) if at is not None and at.key.isdigit() else -1
    lang = await lang_for(update, context)
    if at is None or not 0 <= number < len(subjects):
        await edit(query, search_views.subjects_menu(subjects, lang))
        return
    page = at.page
    name = subjects[number][0]
    found = data.catalogue.index.in_category(name, now=data.now())
    await edit(
        query,
        search_views.subject_page(
            number, name, found, page=page, now=data.now(), tz=data.tz, lang=lang
        ),
    )


async def location(update: Update, context: Context) -> None:
    """Show the upcoming courses nearest a shared location."""
    message = update.message
    if message is None or message.location is None:
        return
    where = (message.location.latitude, message.location.longitude)
    await context.bot_data.store.share_location(message.chat.id, where)
    lang = await lang_for(update, context)
    # Shared because a search asked "near me": that search again, nearest first.
    if not await resend_latest(message, context, lang, near_me_only=True):
        await send(message, _nearby(context, where, lang))


async def nearby_button(update: Update, context: Context) -> None:
    """Return from a course card to the courses near the shared location."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    chat = update.effective_chat
    where = await context.bot_data.store.location_of(chat.id) if chat else None
    lang = await lang_for(update, context)
    await edit(query, _nearby(context, where, lang) if where else replies.expired(lang))


def _nearby(context: Context, where: tuple[float, float], lang: Lang) -> Reply:
    data = context.bot_data
    found = data.catalogue.index.nearest(*where, now=data.now())
    return search_views.nearby(found, now=data.now(), tz=data.tz, lang=lang)


async def unknown_command(update: Update, context: Context) -> None:
    """Answer a command the bot does not have."""
    if update.effective_message:
        await send(
            update.effective_message, start_views.help_text(await lang_for(update, context))
        )


async def not_text(update: Update, context: Context) -> None:
    """Answer stickers, photos, voice notes and the like kindly."""
    if update.effective_message:
        await send(update.effective_message, replies.not_text(await lang_for(update, context)))


_NEW_MESSAGE = filters.UpdateType.MESSAGE

HANDLERS: list[BaseHandler[Update, Context, None]] = [
    CommandHandler("browse", browse),
    CallbackQueryHandler(example_search, pattern=callbacks.pattern(Press.EXAMPLE)),
    CallbackQueryHandler(results_page, pattern=callbacks.pattern(Press.RESULTS)),
    CallbackQueryHandler(browse_button, pattern=callbacks.pattern(Press.SUBJECTS)),
    CallbackQueryHandler(nearby_button, pattern=callbacks.pattern(Press.NEARBY)),
    MessageHandler(_NEW_MESSAGE & filters.LOCATION, location),
    MessageHandler(_NEW_MESSAGE & filters.COMMAND, unknown_command),
    MessageHandler(_NEW_MESSAGE & filters.TEXT, search_text),
    MessageHandler(_NEW_MESSAGE & ~filters.TEXT, not_text),
]
