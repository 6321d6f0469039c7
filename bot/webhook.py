"""Webhook mode, for running as a city service: Telegram posts each update to an ASGI app
(Starlette on uvicorn), PTB's custom-webhook pattern. The same app answers /healthz (the
database is reachable and updates are flowing: for monitoring), /livez (updates are flowing:
for the proxy, which should keep sending while the database is away) and /metrics."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.app import App
from bot.config import Settings
from handlers.context import BotData
from telemetry import CONTENT_TYPE

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Updates waiting longer than this without any being handled mean the bot is stuck.
STUCK_AFTER = 60.0
HEALTH_TIMEOUT = 3.0


class MissingSecret(RuntimeError):
    """WEBHOOK_SECRET is not set: anyone could post updates."""


def web_app(application: App, *, path: str, secret: str) -> Starlette:
    """The routes an instance serves behind the proxy."""

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        # Constant time, so the secret cannot be guessed a character at a time.
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)
        try:
            payload = await request.json()
        except ValueError:
            return Response(status_code=400)
        update = Update.de_json(payload, application.bot)
        if update is None:
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response()

    async def healthz(request: Request) -> Response:
        report = await health(application)
        return JSONResponse(report, status_code=200 if report["ok"] else 503)

    async def livez(request: Request) -> Response:
        # For the proxy: this instance takes updates, even while the database is away
        # (searches are answered from memory); /healthz tells monitoring about the database.
        report = await health(application)
        return JSONResponse(report, status_code=200 if report["updates_flowing"] else 503)

    async def metrics(request: Request) -> Response:
        data: BotData = application.bot_data
        try:
            counts = await asyncio.wait_for(data.store.outbox_counts(), HEALTH_TIMEOUT)
            data.metrics.set_outbox(counts)
        except Exception:  # the database is down: the other figures still help
            log.warning("outbox depth unavailable for /metrics", exc_info=True)
        return Response(data.metrics.render(), media_type=CONTENT_TYPE)

    return Starlette(
        routes=[
            Route(path, telegram, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/livez", livez, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
    )


async def health(application: App) -> dict[str, Any]:
    """Is this instance fit to take updates: its database answers, and updates are being
    handled (none waiting long with none handled)."""
    data: BotData = application.bot_data
    try:
        database = await asyncio.wait_for(data.store.ping(), HEALTH_TIMEOUT)
    except Exception:
        database = False
    waiting = application.update_queue.qsize()
    since = None if data.last_update is None else time.monotonic() - data.last_update
    flowing = application.running and not (waiting and (since is None or since > STUCK_AFTER))
    return {
        "ok": bool(database and flowing),
        "database": database,
        "updates_flowing": flowing,
        "updates_waiting": waiting,
        "seconds_since_last_update": None if since is None else round(since, 1),
        "leading": data.delivery.leading,  # this instance sends reminders and announcements
        "catalogue_version": data.catalogue.version,
    }


@asynccontextmanager
async def webhook_running(application: App, *, url: str, secret: str) -> AsyncIterator[App]:
    """Start the bot for webhook mode, as `running` does for polling: initialize, post_init,
    point Telegram at `url`, start; the same steps back on the way out. The webhook stays
    set when one instance stops: the others go on serving it."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.bot.set_webhook(
            url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        await application.start()
        try:
            yield application
        finally:
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def server_for(application: App, settings: Settings) -> uvicorn.Server:
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not secret:
        raise MissingSecret("WEBHOOK_SECRET is not set: Telegram's posts could not be told apart")
    path = urlsplit(settings.webhook_url).path or "/telegram"
    config = uvicorn.Config(
        web_app(application, path=path, secret=secret),
        host=settings.webhook_listen,
        port=settings.webhook_port,
        log_level="warning",
        lifespan="off",
    )
    return uvicorn.Server(config)


async def serve(application: App, settings: Settings) -> None:
    """Run until SIGTERM or Ctrl-C (uvicorn handles both), then stop cleanly."""
    server = server_for(application, settings)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    async with webhook_running(application, url=settings.webhook_url, secret=secret):
        log.info("listening on %s:%s", settings.webhook_listen, settings.webhook_port)
        await server.serve()
