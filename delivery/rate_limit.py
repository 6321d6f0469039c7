"""Residents before bulk: one budget for the whole bot (Telegram allows about 30 messages a
second), spent evenly, where a message answering a resident always goes before the bot's own
messages (reminders, notices, announcements). PTB's AIORateLimiter has one queue for all; this
is the same idea with two priorities, plugged in through PTB's BaseRateLimiter."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

BULK = "bulk"  # rate_limit_args for a message nobody is waiting for this second
JSON = bool | dict[str, Any] | list[dict[str, Any]]
# After a 429 the bulk share shrinks by this factor (down to SLOWEST_BULK between messages),
# and grows back slowly once BACK_OFF_FOR seconds pass without one.
BACK_OFF = 1.15
SLOWEST_BULK = 1 / 15
BACK_OFF_FOR = 10.0


class PriorityRateLimiter(BaseRateLimiter[str]):
    """`messages_per_second` for this instance; bulk messages also keep within
    `bulk_per_second`, the share the one instance that sends them takes of Telegram's budget,
    leaving the rest for answers from every instance."""

    def __init__(
        self,
        messages_per_second: float,
        *,
        bulk_per_second: float | None = None,
        max_retries: int = 3,
    ) -> None:
        self.interval = 1.0 / messages_per_second
        self.bulk_interval = self.bulk_base = 1.0 / (bulk_per_second or messages_per_second)
        self._last_429 = -BACK_OFF_FOR
        self.max_retries = max_retries
        self._next = 0.0  # loop time of the next free slot
        self._next_bulk = 0.0  # ... and of the next one a bulk message may take
        self._paused_until = 0.0  # after a 429 nobody sends until then
        self._residents_waiting = 0
        self._lock = asyncio.Lock()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> JSON:
        if data.get("chat_id") is None:  # not a message to anyone (getMe, setWebhook...)
            return await callback(*args, **kwargs)
        bulk = rate_limit_args == BULK
        for attempt in range(self.max_retries + 1):
            await self._slot(bulk)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    raise
                wait = exc.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                now = asyncio.get_running_loop().time()
                # Other instances are answering residents too: give them more of the budget.
                self.bulk_interval = min(self.bulk_interval * BACK_OFF, SLOWEST_BULK)
                self._last_429 = now
                rate = 1 / self.bulk_interval
                log.info("Telegram says wait %s s: everyone waits; bulk now %.1f/s", seconds, rate)
                self._paused_until = now + seconds + 0.1
        raise AssertionError("unreachable")

    async def _slot(self, bulk: bool) -> None:
        """Wait for this message's turn: the next even slot, and for a bulk message, no
        resident's answer waiting for it."""
        loop = asyncio.get_running_loop()
        if not bulk:
            self._residents_waiting += 1
        try:
            while True:
                async with self._lock:
                    now = loop.time()
                    free = max(self._next, self._paused_until)
                    if bulk:
                        free = max(free, self._next_bulk)
                    if now >= free and (not bulk or not self._residents_waiting):
                        # Keep to the schedule when a little late (a sleep overshoots), so
                        # lateness does not add up; start afresh after an idle spell.
                        start = free if now - free < self.interval else now
                        self._next = start + self.interval
                        if bulk:  # the bulk share keeps its own schedule, likewise
                            late = now - self._next_bulk < self.bulk_interval
                            self._next_bulk = (
                                self._next_bulk if late else now
                            ) + self.bulk_interval
                            if now - self._last_429 > BACK_OFF_FOR:  # quiet: take it back
                                self.bulk_interval = max(self.bulk_base, self.bulk_interval * 0.99)
                        return
                    wait = free - now if now < free else self.interval / 2
                await asyncio.sleep(wait)
        finally:
            if not bulk:
                self._residents_waiting -= 1
