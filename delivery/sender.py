"""The one way the bot sends messages nobody asked for at that moment: reminders, change
notices and announcements.

Every call goes through the Application's bot, so PTB's AIORateLimiter keeps the whole bot
within Telegram's ~30 messages a second. On top of that: a 429 waits as long as Telegram says
and tries again; a 403 (the resident blocked the bot) is reported so their reminders stop;
timeouts and network errors are retried with back-off; whatever still fails is reported, never
dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from delivery.rate_limit import BULK
from telemetry import Metrics

log = logging.getLogger(__name__)


class Outcome(Enum):
    SENT = "sent"
    BLOCKED = "blocked"  # the resident blocked the bot, or their account is gone
    FAILED = "failed"  # Telegram refused this message for good
    LATER = "later"  # still failing after every retry: try again later


@dataclass(frozen=True, slots=True)
class Venue:
    lat: float
    lon: float
    title: str
    address: str


@dataclass
class SendStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    waited_429: int = 0
    network_retries: int = 0


class Sender:
    def __init__(
        self,
        bot: ExtBot[str],
        *,
        attempts: int = 5,
        backoff: float = 1.0,
        metrics: Metrics | None = None,
        priority: str | None = BULK,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.backoff = backoff
        self.stats = SendStats()
        self.metrics = metrics or Metrics()
        # Bulk: the rate limiter sends answers to residents first (delivery/rate_limit.py).
        self.priority = priority

    async def send(
        self,
        chat_id: int,
        text: str,
        keyboard: InlineKeyboardMarkup | None = None,
        *,
        venue: Venue | None = None,
    ) -> tuple[Outcome, str]:
        """Send one message (and a map pin after it, if given). Returns the outcome and,
        unless it was sent, why."""
        outcome, error = await self._try(
            lambda: self.bot.send_message(
                chat_id, text, reply_markup=keyboard, rate_limit_args=self.priority
            )
        )
        if outcome is Outcome.SENT and venue is not None:
            pinned, why = await self._try(
                lambda: self.bot.send_venue(
                    chat_id,
                    venue.lat,
                    venue.lon,
                    venue.title[:100],
                    venue.address[:200],
                    rate_limit_args=self.priority,
                )
            )
            if pinned is not Outcome.SENT:  # the text went; a missing pin is only logged
                log.warning("map pin for chat %s not sent: %s", chat_id, why)
        counter = {Outcome.SENT: "sent", Outcome.BLOCKED: "blocked", Outcome.FAILED: "failed"}
        if outcome in counter:
            setattr(self.stats, counter[outcome], getattr(self.stats, counter[outcome]) + 1)
        self.metrics.sends.labels(outcome.value).inc()
        return outcome, error

    async def _try(self, call: Callable[[], Awaitable[object]]) -> tuple[Outcome, str]:
        delay = self.backoff
        error = ""
        for attempt in range(1, self.attempts + 1):
            try:
                await call()
                return Outcome.SENT, ""
            except RetryAfter as exc:
                # PTB's limiter already retried; Telegram still says wait: wait, and again.
                self.stats.waited_429 += 1
                self.metrics.too_many_requests.inc()
                error = str(exc)
                await asyncio.sleep(_seconds(exc.retry_after))
            except Forbidden as exc:
                return Outcome.BLOCKED, exc.message
            except BadRequest as exc:
                if "chat not found" in exc.message.lower():
                    return Outcome.BLOCKED, exc.message
                log.error("Telegram refused a message: %s", exc.message)
                return Outcome.FAILED, exc.message
            except (TimedOut, NetworkError) as exc:
                self.stats.network_retries += 1
                error = str(exc)
                log.warning("sending failed (attempt %s): %s", attempt, exc)
                await asyncio.sleep(delay)
                delay *= 2
        return Outcome.LATER, error


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
