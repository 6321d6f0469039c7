"""The bot as a city runs it, on one machine, every part a real process: PostgreSQL, the fake
Bot API delivering updates by webhook, HAProxy spreading them round-robin over three
`learnbot run --webhook` instances.

    python -m benchmarks.cluster [--reminders 10000] [--followers 2000] [--residents 5]

Then, in order: reminders and an announcement all due at once; the leading instance SIGKILLed
a third of the way through; PostgreSQL restarted at two thirds; a new catalogue imported;
residents searching and pressing buttons throughout. Printed: delivered, lost and duplicated
messages (a duplicate can only be a send in flight at the kill: at most two batches), the
overall send rate, residents' reply p50/p95/max and unanswered presses, how long until another
instance led after the kill, how long PostgreSQL was away, and how long the other instances
took to serve the new catalogue. Needs root for `pg_ctlcluster` and HAProxy
(`apt-get install haproxy`); without HAProxy it says so and uses a few lines of aiohttp.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import os
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
from aiohttp import web
from sqlalchemy import create_engine, text
from sqlmodel import Session

from benchmarks.reminders import FIRST_CHAT, prepare
from delivery.worker import BATCH
from fakegram import FakeBotApi
from store import announcements, follows
from store.live import LiveCatalogue, sample_path
from store.planning import ReminderPolicy
from store.store import Store

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATABASE = "learnbot_cluster"
URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}"
SECRET = "cluster-benchmark-secret"
CAP = 30
ANNOUNCED = "ART-POT-AN"
log = logging.getLogger("cluster")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fresh_database() -> None:
    engine = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {DATABASE}"))
    engine.dispose()


def seed(api: FakeBotApi, reminders: int, followers: int) -> int:
    """Residents with a reminder due now (as benchmarks/reminders.py seeds them), then
    followers of one course with an announcement due now. Returns how many messages are owed."""
    prepare(URL, reminders, api)
    store = Store.open(URL, policy=ReminderPolicy(tz=ZoneInfo("Europe/London"), quiet=None))
    now = datetime.now(UTC)
    announced = LiveCatalogue.open(store).index.get(ANNOUNCED)
    assert announced is not None
    chats = [FIRST_CHAT + reminders + n for n in range(followers)]
    for chat_id in chats:
        api.resident(chat_id, f"F{chat_id}")

    def follow_and_announce(session: Session) -> None:
        for chat_id in chats:
            follows.follow(
                session, chat_id=chat_id, course=announced, lead_minutes=60, now=now,
                policy=store.policy,
            )  # fmt: skip
        made = announcements.start(
            session, course_id=ANNOUNCED, author_id=42, text="Room 2 tonight.", now=now
        )
        announcements.send(session, announcement_id=made, course=announced, at=now, now=now)

    store.transaction(follow_and_announce)
    store.close()
    return reminders + followers


class Proxy:
    """HAProxy, round-robin, health-checking /healthz; or, if it is not installed, a few
    lines of aiohttp doing the round-robin (said so in the output)."""

    def __init__(self, ports: list[int], workdir: Path) -> None:
        self.ports = ports
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram"
        self.workdir = workdir
        self.kind = "HAProxy" if shutil.which("haproxy") else "aiohttp (HAProxy not installed)"
        self._process: asyncio.subprocess.Process | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        if shutil.which("haproxy"):
            servers = "\n".join(
                f"    server i{n} 127.0.0.1:{port} check inter 1s fall 2 rise 1"
                for n, port in enumerate(self.ports)
            )
            config = self.workdir / "haproxy.cfg"
            config.write_text(
                "defaults\n    mode http\n    timeout connect 2s\n    timeout client 30s\n"
                "    timeout server 30s\n    retries 3\n    option redispatch\n"
                f"frontend telegram\n    bind 127.0.0.1:{self.port}\n"
                "    default_backend instances\n"
                "backend instances\n    balance roundrobin\n    option httpchk GET /livez\n"
                f"{servers}\n"
            )
            self._process = await asyncio.create_subprocess_exec(
                "haproxy", "-db", "-f", str(config)
            )
            await asyncio.sleep(0.5)
            return
        turns = itertools.cycle(self.ports)
        session = aiohttp.ClientSession()

        async def forward(request: web.Request) -> web.Response:
            for _ in self.ports:
                port = next(turns)
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.post(
                        f"http://127.0.0.1:{port}/telegram",
                        data=await request.read(),
                        headers={k: v for k, v in request.headers.items() if k != "Host"},
                    ) as reply:
                        return web.Response(status=reply.status, body=await reply.read())
            return web.Response(status=502)

        app = web.Application()
        app.router.add_post("/telegram", forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            await self._process.wait()
        if self._runner is not None:
            await self._runner.cleanup()


async def health(port: int) -> dict[str, object]:
    timeout = aiohttp.ClientTimeout(total=2)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as reply,
        ):
            found: dict[str, object] = await reply.json()
            return found
    except (aiohttp.ClientError, TimeoutError):
        return {}


async def command(*args: str, env: dict[str, str] | None = None) -> str:
    """Run a command to its end; its output, or an error if it failed."""
    process = await asyncio.create_subprocess_exec(
        *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await process.communicate()
    if process.returncode:
        raise RuntimeError(f"{args[:4]} failed: {out.decode()[-500:]}")
    return out.decode()


async def run(reminders: int, followers: int, resident_count: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="learnbot-cluster-"))
    fresh_database()
    async with FakeBotApi(rate_limit=CAP) as api:
        await command(
            sys.executable, "-m", "bot", "migrate", env={**os.environ, "DATABASE_URL": URL}
        )
        owed = seed(api, reminders, followers)
        ports = [free_port() for _ in range(3)]
        proxy = Proxy(ports, workdir)
        await proxy.start()
        env = {
            **os.environ,
            "BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": URL,
            "WEBHOOK_URL": proxy.url,
            "WEBHOOK_SECRET": SECRET,
            "COORDINATION_SECONDS": "1",
            "ADMIN_IDS": "42",
        }

        async def start(port: int) -> asyncio.subprocess.Process:
            out = (workdir / f"instance-{port}.log").open("wb")
            return await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--webhook",
                env={**env, "WEBHOOK_PORT": str(port)},
                stdout=out,
                stderr=out,
                cwd=workdir,
            )

        instances = {port: await start(port) for port in ports}
        started = time.monotonic()
        waits: list[float] = []
        unanswered = 0
        stop = asyncio.Event()

        async def resident_loop(n: int) -> None:
            nonlocal unanswered
            resident = api.resident(9_000 + n, f"Asker{n}")
            while not stop.is_set():
                asked = time.monotonic()
                try:
                    results = await resident.send("computer", timeout=10)
                    waits.append(time.monotonic() - asked)
                    if results.buttons:
                        asked = time.monotonic()
                        await resident.press("More", on=results, timeout=10)
                        waits.append(time.monotonic() - asked)
                except (TimeoutError, LookupError):
                    unanswered += 1
                await asyncio.sleep(1.0)

        def delivered() -> int:
            return sum(1 for n in range(owed) if api.delivered[FIRST_CHAT + n])

        askers = [asyncio.create_task(resident_loop(n)) for n in range(resident_count)]
        failover = outage = reload_seen = float("nan")
        killed = restarted = reloaded = False
        while delivered() < owed and time.monotonic() - started < owed / 10 + 300:
            await asyncio.sleep(0.5)
            done = delivered()
            if not killed and done >= owed / 3:
                killed = True
                leaders = [p for p in ports if (await health(p)).get("leading")]
                victim = leaders[0] if leaders else ports[0]
                instances[victim].send_signal(signal.SIGKILL)
                await instances[victim].wait()
                ports_left = [p for p in ports if p != victim]
                t0 = time.monotonic()
                for _ in range(600):  # look every 0.1 s, up to a minute
                    if any([(await health(p)).get("leading") for p in ports_left]):
                        failover = time.monotonic() - t0
                        break
                    await asyncio.sleep(0.1)
                instances[victim] = await start(victim)  # the supervisor restarts it
            elif killed and not restarted and done >= 2 * owed / 3:
                restarted = True
                t0 = time.monotonic()
                version = sorted(os.listdir("/etc/postgresql"))[-1]
                await command(
                    "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"
                )
                outage = time.monotonic() - t0
            elif restarted and not reloaded:
                reloaded = True
                before = {p: (await health(p)).get("catalogue_version") for p in ports}
                await command(sys.executable, "-m", "bot", "import", str(sample_path()), env=env)
                t0 = time.monotonic()
                for _ in range(600):
                    now_versions = {p: (await health(p)).get("catalogue_version") for p in ports}
                    if all(now_versions[p] != before[p] for p in ports):
                        reload_seen = time.monotonic() - t0
                        break
                    await asyncio.sleep(0.1)
        elapsed = time.monotonic() - started
        await asyncio.sleep(3)  # anything sent twice would show by now
        stop.set()
        await asyncio.gather(*askers, return_exceptions=True)
        for process in instances.values():
            process.send_signal(signal.SIGTERM)
        for process in instances.values():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), timeout=20)
        await proxy.stop()
        counts = [api.delivered[FIRST_CHAT + n] for n in range(owed)]
        got = sum(1 for c in counts if c)
        duplicates = sum(c - 1 for c in counts if c > 1)
        waits.sort()
        p95 = waits[min(len(waits) - 1, int(len(waits) * 0.95))] if waits else float("nan")
        print(f"proxy: {proxy.kind}; 3 instances; fake Bot API capped at {CAP}/s")
        print(
            f"messages owed {owed:,} ({reminders:,} reminders, a {followers:,}-follower "
            f"announcement)"
        )
        print(
            f"delivered {got:,}  lost {owed - got:,}  duplicates {duplicates} (at most "
            f"{2 * BATCH} in flight at the kill)  429s received {api.too_many}"
        )
        print(f"overall send rate {got / elapsed:.1f}/s ({elapsed:.0f} s)")
        print(
            f"residents' replies n={len(waits)}  p50 "
            f"{statistics.median(waits) if waits else float('nan'):.2f} s  p95 {p95:.2f} s  "
            f"max {waits[-1] if waits else float('nan'):.2f} s  unanswered {unanswered}"
        )
        print(f"failover after SIGKILL of the leader: another led after {failover:.1f} s")
        print(
            f"PostgreSQL restart took {outage:.1f} s; the other instances served a new "
            f"catalogue {reload_seen:.1f} s after it was imported"
        )
        print(f"logs: {workdir}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--followers", type=int, default=2_000)
    parser.add_argument("--residents", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(run(args.reminders, args.followers, args.residents))


if __name__ == "__main__":
    main()
