"""Reminder delivery at scale: 10,000 reminders due at once, against a fake Bot API that
enforces Telegram's ~30 messages a second with 429s.

    python -m benchmarks.reminders [--count 10000] [--seed 1]

Prints delivered, duplicates, lost, 429s received and the achieved rate; then the same with the
sending process killed (SIGKILL) at a random point and started again. Targets: 0 lost;
0 duplicates without a kill and no more than the in-flight count with one; at least 27 a second
(90% of the cap). The residents follow online courses, so each reminder is one message (no map
pin) and the rate counts reminders.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import insert

from bot.app import build_application, running
from bot.config import Settings
from catalogue.models import Mode
from delivery.worker import BATCH
from fakegram import FakeBotApi
from store.live import LiveCatalogue
from store.planning import ReminderPolicy
from store.store import Store
from store.tables import Follow, Outbox, ResidentRow

CAP = 30
FIRST_CHAT = 10_000_001


def prepare(database_url: str, count: int, api: FakeBotApi) -> None:
    """Residents following online courses, each with a reminder due now."""
    settings = Settings(_env_file=None, database_url=database_url)
    store = Store.open(database_url, policy=ReminderPolicy(tz=settings.tz, quiet=None))
    catalogue = LiveCatalogue.open(store)
    now = datetime.now(UTC)
    courses = [
        c
        for c in catalogue.index.courses
        if c.mode is Mode.ONLINE and any(s.start > now + timedelta(days=1) for s in c.sessions)
    ]
    residents, follow_rows, outbox = [], [], []
    for n in range(count):
        chat_id = FIRST_CHAT + n
        course = courses[n % len(courses)]
        start = next(s.start for s in course.sessions if s.start > now + timedelta(days=1))
        residents.append({"chat_id": chat_id, "active": True, "created_at": now})
        follow_rows.append(
            {"chat_id": chat_id, "course_id": course.id, "lead_minutes": 60, "created_at": now}
        )
        outbox.append(
            {
                "chat_id": chat_id,
                "kind": "reminder",
                "course_id": course.id,
                "session_start": start,
                "due_at": now,
                "state": "pending",
                "attempts": 0,
                "payload": "",
                "error": "",
            }
        )
        api.resident(chat_id, f"R{n}")
    with store.engine.begin() as connection:
        connection.execute(insert(ResidentRow), residents)
        connection.execute(insert(Follow), follow_rows)
        connection.execute(insert(Outbox), outbox)
    store.close()


def tally(api: FakeBotApi, count: int, *, since: float = 0.0) -> tuple[int, int, int, float]:
    """Delivered, duplicates, lost, and the achieved rate over the delivery window (of the
    messages delivered after `since`, a monotonic time)."""
    delivered = duplicates = lost = 0
    stamps = []
    for n in range(count):
        resident = api.residents[FIRST_CHAT + n]
        got = [e for e in resident.events if e.text.startswith("🔔 Reminder")]
        delivered += len(got) > 0
        duplicates += max(0, len(got) - 1)
        lost += not got
        stamps += [e.extra["at"] for e in got if e.extra["at"] >= since]
    window = max(stamps) - min(stamps) if len(stamps) > 1 else 0.0
    return delivered, duplicates, lost, (len(stamps) - 1) / window if window else 0.0


def reminded(api: FakeBotApi) -> int:
    """Residents who have had a reminder (counted by the fake as it delivers; cheap)."""
    return sum(1 for chat in api.delivered if chat >= FIRST_CHAT)


async def wait_for_sent(api: FakeBotApi, count: int, timeout: float) -> None:
    for _ in range(int(timeout * 2)):
        if reminded(api) >= count:
            return
        await asyncio.sleep(0.5)


async def in_process(count: int, workdir: Path) -> str:
    url = f"sqlite:///{workdir / 'plain.db'}"
    async with FakeBotApi(rate_limit=CAP) as api:
        prepare(url, count, api)
        settings = Settings(
            _env_file=None,
            bot_token=SecretStr(api.token),
            telegram_api_url=api.url,
            database_url=url,
        )
        started = time.monotonic()
        async with running(build_application(settings), poll_timeout=1) as app:
            await wait_for_sent(api, count, timeout=count / 10)
            await asyncio.sleep(2)  # anything sent twice would show by now
            states = await app.bot_data.store.outbox_counts()
        elapsed = time.monotonic() - started
        delivered, duplicates, lost, rate = tally(api, count)
        return (
            f"no kill:   delivered {delivered:,}  duplicates {duplicates}  lost {lost}  "
            f"429s received {api.too_many}  rate {rate:.1f}/s  "
            f"({elapsed:.0f} s in all; outbox {states})"
        )


async def with_kill(count: int, workdir: Path, seed: int) -> str:
    url = f"sqlite:///{workdir / 'killed.db'}"
    async with FakeBotApi(rate_limit=CAP) as api:
        prepare(url, count, api)
        env = {
            **os.environ,
            "BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": url,
        }

        async def start() -> asyncio.subprocess.Process:
            return await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                env=env,
                cwd=workdir,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )

        kill_after = random.Random(seed).uniform(0.1, 0.9) * count / CAP
        first = await start()
        await asyncio.sleep(kill_after)
        before = reminded(api)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        restarted = time.monotonic()
        second = await start()
        await wait_for_sent(api, count, timeout=count / 10)
        await asyncio.sleep(2)
        second.send_signal(signal.SIGTERM)
        await second.wait()
        delivered, duplicates, lost, rate = tally(api, count)
        *_, after = tally(api, count, since=restarted)
        return (
            f"with kill: delivered {delivered:,}  duplicates {duplicates} (in flight at most "
            f"{2 * BATCH}, two batches)  lost {lost}  429s received {api.too_many}  "
            f"rate {after:.1f}/s after "
            f"the restart ({rate:.1f}/s counting the restart)  (SIGKILL after {kill_after:.0f} s, "
            f"{before:,} delivered by then)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(f"{args.count:,} reminders due at once; fake Bot API capped at {CAP} messages/s")
    with tempfile.TemporaryDirectory() as tmp:
        print(asyncio.run(in_process(args.count, Path(tmp))), flush=True)
        print(asyncio.run(with_kill(args.count, Path(tmp), args.seed)), flush=True)


if __name__ == "__main__":
    main()
