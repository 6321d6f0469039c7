"""Counting: every update, by kind, for /metrics and /healthz; it runs first and lets the
update go on to the handlers."""

from __future__ import annotations

import time
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, TypeHandler

from handlers.context import Context


async def count_update(update: Update, context: Context) -> None:
    """Count the update and note when it came (updates are flowing)."""
    kind = "callback_query" if update.callback_query else "message" if update.message else "other"
    data = context.bot_data
    data.metrics.updates.labels(kind).inc()
    data.last_update = time.monotonic()


HANDLERS: list[BaseHandler[Any, Context, Any]] = [TypeHandler(Update, count_update)]
