"""Residents before bulk: how long a resident waits for an answer while a 600-follower
announcement goes out under Telegram's ~30 messages a second.

    python -m benchmarks.priority [--followers 600] [--every 0.5]

Against the fake Bot API capped at 30 messages a second (429s beyond), the real bot sends an
announcement to every follower while one resident sends a search every `--every` seconds and
times each answer. Printed: the announcement's send rate (over its delivery window, first
message to last, as benchmarks/reminders.py counts it; the wait before the first beside it)
and the resident's reply p50 / p95 / max. First as the bot runs (answers to residents take the
next slot of the bot-wide budget before its own messages, delivery/rate_limit.py); then, in
the same process, the baseline: one queue for all, as PTB's AIORateLimiter has, so the
resident's answers wait behind the announcement's batch. Targets: reply p95 <= 0.5 s, fan-out
>= 27 a second.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

from bot.app import build_application, running
from bot.config import Settings
from delivery.worker import Delivery
from fakegram import FakeBotApi
from store import follows
from store.store import Audit

CAP = 30
FIRST_CHAT = 20_000_001
COURSE = "ART-POT-AN"


async def one_run(followers: int, every: float, workdir: Path, *, paced: bool) -> str:
    url = f"sqlite:///{workdir / ('paced.db' if paced else 'unpaced.db')}"
    async with FakeBotApi(rate_limit=CAP) as api:
        settings = Settings(
            _env_file=None, bot_token=SecretStr(api.token), telegram_api_url=api.url,
            database_url=url, admin_ids=frozenset({42}),
        )  # fmt: skip
        async with running(build_application(settings), poll_timeout=1) as app:
            data = app.bot_data
            delivery = data.delivery
            assert isinstance(delivery, Delivery)
            if not paced:
                delivery.sender.priority = None  # bulk messages queue like answers
            course = data.catalogue.index.get(COURSE)
            assert course is not None
            chats = [FIRST_CHAT + n for n in range(followers)]
            for chat in chats:
                api.resident(chat, f"F{chat}")

            def follow_all(session: object) -> None:
                for chat in chats:
                    follows.follow(
                        session,  # type: ignore[arg-type]
                        chat_id=chat, course=course, lead_minutes=60, now=data.now(),
                        policy=data.store.policy,
                    )  # fmt: skip

            await asyncio.to_thread(data.store.transaction, follow_all)
            audit = Audit(42, "announce", COURSE)
            announcement = await data.store.start_announcement(COURSE, "Room change.", audit)
            resident = api.resident(9999, "Asker")
            waits: list[float] = []
            started = time.monotonic()
            await data.store.send_announcement(announcement, course, None, audit)
            await delivery.wake()

            def announced() -> int:
                return sum(1 for chat in chats if api.delivered[chat])

            while announced() < followers:
                asked = time.monotonic()
                await resident.send("pottery", timeout=30)
                waits.append(time.monotonic() - asked)
                await asyncio.sleep(every)
            stamps = sorted(e.extra["at"] for chat in chats for e in api.residents[chat].events)
    # As benchmarks/reminders.py counts it: the rate over the delivery window, first message
    # to last; the wait before the first is printed beside it.
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0])
    first = stamps[0] - started
    waits.sort()
    p95 = waits[min(len(waits) - 1, int(len(waits) * 0.95))]
    label = "residents first (the bot)" if paced else "baseline, one queue"
    return (
        f"{label:<26} fan-out {rate:5.1f}/s (first after {first:.2f} s)  replies n={len(waits)} "
        f"p50 {statistics.median(waits):.2f} s  p95 {p95:.2f} s  max {waits[-1]:.2f} s  "
        f"429s received {api.too_many}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--followers", type=int, default=600)
    parser.add_argument("--every", type=float, default=0.5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(
        f"a {args.followers}-follower announcement, a resident searching every {args.every} s; "
        f"fake Bot API capped at {CAP} messages/s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for paced in (True, False):  # the bot, then the baseline
            print(asyncio.run(one_run(args.followers, args.every, Path(tmp), paced=paced)))


if __name__ == "__main__":
    main()
