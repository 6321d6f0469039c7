"""Assemble the PTB Application: API address, rate limiter, defaults, services, handlers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    Defaults,
    ExtBot,
    JobQueue,
)

from bot.config import Settings
from catalogue.service import Catalogue
from handlers import HANDLERS, on_error
from handlers.context import CONTEXT_TYPES, BotData, ChatData, Clock, Context, utc_now

App = Application[ExtBot[None], Context, dict[Any, Any], ChatData, BotData, JobQueue[Context]]

COMMANDS = [
    BotCommand("start", "Welcome and example searches"),
    BotCommand("browse", "Courses by subject"),
    BotCommand("help", "How to find a course"),
]


class MissingToken(RuntimeError):
    """BOT_TOKEN is not set."""


def build_application(settings: Settings, *, clock: Clock = utc_now) -> App:
    """The bot, ready for `run_polling()` or `running()`. Opens nothing until post_init."""
    if settings.bot_token is None or not settings.bot_token.get_secret_value():
        raise MissingToken("BOT_TOKEN is not set: put it in .env or the environment")

    async def post_init(application: App) -> None:
        catalogue = await asyncio.to_thread(Catalogue.open, settings.database_url, tz=settings.tz)
        bot_data: BotData = application.bot_data
        bot_data.open(catalogue, admin_ids=settings.admin_ids, clock=clock)
        await application.bot.set_my_commands(COMMANDS)

    async def post_shutdown(application: App) -> None:
        bot_data: BotData = application.bot_data
        bot_data.close()

    api = settings.telegram_api_url
    # The builder's type parameters cannot follow context_types() through the chain.
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=3))
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
