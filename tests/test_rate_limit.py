"""The bot-wide budget: an answer to a resident goes before the bot's own messages already
waiting, every message still takes its own slot, and a 429 is waited out and retried."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter

from delivery.rate_limit import BULK, PriorityRateLimiter


async def test_a_residents_answer_goes_before_waiting_bulk_messages() -> None:
    limiter = PriorityRateLimiter(messages_per_second=50)
    order: list[str] = []

    def send(name: str) -> Any:
        async def call() -> bool:
            order.append(name)
            return True

        return call

    async def message(name: str, priority: str | None) -> None:
        await limiter.process_request(send(name), (), {}, "sendMessage", {"chat_id": 1}, priority)

    bulk = [asyncio.create_task(message(f"bulk {n}", BULK)) for n in range(10)]
    await asyncio.sleep(0.05)  # a few bulk messages have gone; the rest wait their turn
    sent_before = len(order)
    await message("answer", None)
    await asyncio.gather(*bulk)
    assert order.index("answer") <= sent_before + 1  # next slot, not the back of the queue
    assert sorted(order) == sorted(["answer", *(f"bulk {n}" for n in range(10))])


async def test_a_429_is_waited_out_and_retried() -> None:
    limiter = PriorityRateLimiter(messages_per_second=50)
    tries = 0

    async def call() -> bool:
        nonlocal tries
        tries += 1
        if tries == 1:
            raise RetryAfter(timedelta(seconds=0))
        return True

    assert await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, BULK)
    assert tries == 2


async def test_calls_that_message_nobody_are_not_counted() -> None:
    limiter = PriorityRateLimiter(messages_per_second=1)

    async def call() -> bool:
        return True

    for _ in range(5):
        assert await limiter.process_request(call, (), {}, "getMe", {}, None)
    assert limiter._next == 0.0  # no slot was taken


async def test_429s_shrink_the_bulk_share_for_answers_from_other_instances() -> None:
    limiter = PriorityRateLimiter(messages_per_second=50, bulk_per_second=40)
    base = limiter.bulk_interval
    told = False

    async def call() -> bool:
        nonlocal told
        if not told:
            told = True
            raise RetryAfter(timedelta(seconds=0))
        return True

    await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, BULK)
    assert limiter.bulk_interval > base  # fewer bulk messages a second now
