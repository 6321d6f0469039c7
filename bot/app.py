"""Assemble the PTB Application: API address, rate limiter, defaults, services, handlers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from apscheduler.triggers.cron import CronTrigger
from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    Defaults,
    ExtBot,
    JobQueue,
)

from bot.config import Settings
from delivery.rate_limit import PriorityRateLimiter
from delivery.sender import Sender
from delivery.worker import Delivery
from handlers import HANDLERS, on_error, start_views
from handlers.admin import refresh_coordinators, scheduled_reload
from handlers.context import CONTEXT_TYPES, BotData, ChatData, Context
from store.live import LiveCatalogue
from store.planning import ReminderPolicy
from store.store import Clock, Store, utc_now
from views.i18n import SHIPPED, lang

log = logging.getLogger(__name__)

App = Application[ExtBot[str], Context, dict[Any, Any], ChatData, BotData, JobQueue[Context]]

ADMIN_COMMANDS = [
    BotCommand("stats", "What residents ask for"),
    BotCommand("reload", "Reload the catalogue"),
    BotCommand("announce", "Message a course's followers"),
    BotCommand("cancelsession", "Cancel a session"),
    BotCommand("grant", "Make a coordinator"),
    BotCommand("revoke", "Take coordinator rights back"),
]

COMMANDS = start_views.commands(lang())  # English, and the default for other languages


# Telegram allows about 30 messages a second overall. Pacing evenly just under that, rather
# than allowing bursts of 30, keeps a sliding one-second window from ever seeing more; answers
# to residents take the next slot before the bot's own messages (delivery/rate_limit.py).
MESSAGES_PER_SECOND = 29.8
# The share of it reminders, notices and announcements take (they go from one instance),
# leaving the rest for answers from every instance.
BULK_PER_SECOND = 28.5


class MissingToken(RuntimeError):
    """BOT_TOKEN is not set."""


def build_application(settings: Settings, *, clock: Clock = utc_now) -> App:
    """The bot, ready for `run_polling()` or `running()`. Opens nothing until post_init."""
    if settings.bot_token is None or not settings.bot_token.get_secret_value():
        raise MissingToken("BOT_TOKEN is not set: put it in .env or the environment")

    deliveries: list[Delivery] = []  # the one post_init starts, for post_shutdown

    async def post_init(application: App) -> None:
        policy = ReminderPolicy(tz=settings.tz, quiet=settings.quiet)
        store = await asyncio.to_thread(
            Store.open, settings.database_url, policy=policy, clock=clock
        )
        catalogue = await asyncio.to_thread(LiveCatalogue.open, store)
        bot_data: BotData = application.bot_data
        sender = Sender(application.bot, metrics=bot_data.metrics)
        delivery = Delivery(
            store, catalogue, sender, application.job_queue, tick=settings.coordination_seconds
        )
        deliveries.append(delivery)
        bot_data.open(
            store,
            catalogue,
            delivery,
            admin_ids=settings.admin_ids,
            leads=settings.leads,
            coordinators=await store.coordinators(),
            catalogue_source=settings.sources,
        )
        await application.bot.set_my_commands(COMMANDS)
        for code in SHIPPED:
            # Telegram keys menus by the two-letter code ('zh' for 'zh-hans').
            menu = start_views.commands(lang(code))
            await application.bot.set_my_commands(menu, language_code=code[:2])
        for admin in sorted(settings.admin_ids):
            try:
                scope = BotCommandScopeChat(admin)
                await application.bot.set_my_commands(COMMANDS + ADMIN_COMMANDS, scope=scope)
            except TelegramError as exc:  # an admin who has not opened the bot yet
                log.info("admin commands not set for %s: %s", admin, exc)
        delivery.start()
        await delivery.resume()
        assert application.job_queue is not None
        application.job_queue.run_repeating(
            refresh_coordinators, interval=settings.coordination_seconds
        )
        if settings.sources:
            trigger = CronTrigger.from_crontab(settings.reload_cron, timezone=settings.tz)
            application.job_queue.run_custom(
                scheduled_reload, job_kwargs={"trigger": trigger}, name="scheduled reload"
            )

    async def post_shutdown(application: App) -> None:
        for delivery in deliveries:
            await delivery.close()
        bot_data: BotData = application.bot_data
        bot_data.close()

    api = settings.telegram_api_url
    # The builder's type parameters cannot follow context_types() through the chain.
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(PriorityRateLimiter(MESSAGES_PER_SECOND, bulk_per_second=BULK_PER_SECOND))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.tz,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    application = cast(App, builder.build())
    application.add_handlers(HANDLERS)
    application.add_error_handler(on_error)
    return application


@asynccontextmanager
async def running(application: App, *, poll_timeout: float = 10) -> AsyncIterator[App]:
    """Run the bot inside an existing event loop, as `run_polling` would: initialize,
    post_init, poll, start; then the same steps back on the way out."""
    assert application.updater is not None
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.updater.start_polling(poll_interval=0, timeout=int(poll_timeout))
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


__all__ = ["App", "BotData", "ChatData", "MissingToken", "build_application", "running"]
