"""Two instances behind a round-robin proxy, sharing PostgreSQL, as a city runs the bot: any
instance takes any update (a button pressed on a message one sent works when the press reaches
the other), exactly one sends reminders and another takes over when it dies, and a catalogue
loaded on one is served by the other within seconds. PostgreSQL only: it is what coordinates
them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import timedelta

import aiohttp
import pytest
import uvicorn
from aiohttp import web
from pydantic import SecretStr
from sqlmodel import Session

from bot.app import App, build_application
from bot.config import Settings
from bot.webhook import server_for, webhook_running
from delivery.worker import BATCH, Delivery
from fakegram import FakeBotApi
from store import follows
from store.store import Audit
from tests.conftest import Clock, free_port

SECRET = "instances-secret"
TICK = 0.3


async def _round_robin(ports: list[int]) -> tuple[web.AppRunner, str]:
    """A few lines of aiohttp standing in for nginx: each post goes to the next instance."""
    turns = itertools.cycle(ports)
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        port = next(turns)
        async with session.post(
            f"http://127.0.0.1:{port}{request.path}",
            data=await request.read(),
            headers={k: v for k, v in request.headers.items() if k.lower() != "host"},
        ) as reply:
            return web.Response(status=reply.status, body=await reply.read())

    app = web.Application()
    app.router.add_post("/telegram", forward)
    app.on_cleanup.append(lambda _: session.close())
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/telegram"


def _delivery(app: App) -> Delivery:
    delivery = app.bot_data.delivery
    assert isinstance(delivery, Delivery)
    return delivery


@pytest.fixture
async def instances(
    settings: Settings, clock: Clock, database_url: str
) -> AsyncIterator[list[App]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("several instances share PostgreSQL")
    ports = [free_port(), free_port()]
    proxy, url = await _round_robin(ports)
    apps, servers = [], []
    async with AsyncExitStack() as stack:
        for port in ports:
            local = settings.model_copy(
                update={
                    "webhook_url": url,
                    "webhook_secret": SecretStr(SECRET),
                    "webhook_port": port,
                    "coordination_seconds": TICK,
                }
            )
            app = build_application(local, clock=clock)
            server = server_for(app, local)
            await stack.enter_async_context(webhook_running(app, url=url, secret=SECRET))
            serving = asyncio.create_task(server.serve())
            stack.push_async_callback(_stop, server, serving)
            apps.append(app)
            servers.append(server)
        await _until(lambda: all(server.started for server in servers))
        yield apps
    await proxy.cleanup()


async def _stop(server: uvicorn.Server, serving: asyncio.Task[None]) -> None:
    server.should_exit = True
    await serving


async def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not within the time")


async def test_exactly_one_instance_sends_and_another_takes_over(
    instances: list[App], fake_api: FakeBotApi, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = (_delivery(app) for app in instances)
    await _until(lambda: a.leading or b.leading)
    await asyncio.sleep(TICK * 3)
    assert [a.leading, b.leading].count(True) == 1
    leader, other = (a, b) if a.leading else (b, a)

    resident = fake_api.resident(7001, "Ife")
    await resident.send("/start c_ART-POT-AN")
    await resident.press("Remind me")
    await resident.press("1 hour")
    # The leader dies: its connection, and with it the lock, goes; it never comes back.
    monkeypatch.setattr(leader.leadership, "try_lead", lambda: False)
    leader.leadership._drop()
    leader.leading = False
    await _until(lambda: other.leading, timeout=TICK * 20)
    course = instances[0].bot_data.catalogue.index.get("ART-POT-AN")
    assert course is not None
    clock.now = course.sessions[0].start - timedelta(minutes=59)
    # The new leader's next look finds the reminder due and sends it, once.
    reminder = await resident.next_reply(timeout=TICK * 20)
    assert "Reminder: Pottery wheel for beginners" in reminder.text
    await asyncio.sleep(TICK * 4)
    reminders = [e for e in resident.events if "Reminder:" in e.text]
    assert len(reminders) == 1
    assert await leader.deliver_now() == 0  # the one that lost the lead sends nothing


async def test_a_button_from_one_instance_works_on_the_other(
    instances: list[App], fake_api: FakeBotApi
) -> None:
    resident = fake_api.resident(7002, "Tomasz")
    results = await resident.send("computer")  # one instance answers
    assert "More" in [b.text.split()[0] for b in results.flat_buttons]
    more = await resident.press("More", on=results)  # the proxy sends the press to the other
    assert "expired" not in more.text
    assert "(6–" in more.text
    card = await resident.press("6.")
    back = await resident.press("Back to results", on=card)
    assert "expired" not in back.text


async def test_a_catalogue_loaded_on_one_is_served_by_the_other(instances: list[App]) -> None:
    a, b = instances
    old = a.bot_data.catalogue.index.get("ART-POT-AN")
    assert old is not None
    renamed = replace(old, title="Pottery wheel, evenings")
    others = [c for c in a.bot_data.catalogue.index.courses if c.id != old.id]
    await asyncio.to_thread(a.bot_data.catalogue.replace, [*others, renamed])
    started = asyncio.get_running_loop().time()
    await _until(
        lambda: (
            (c := b.bot_data.catalogue.index.get("ART-POT-AN")) is not None
            and c.title == renamed.title
        ),
        timeout=5,
    )
    assert asyncio.get_running_loop().time() - started < 5


async def test_an_announcement_reaches_every_follower_once_across_a_failover(
    instances: list[App], fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = (_delivery(app) for app in instances)
    await _until(lambda: a.leading or b.leading)
    leader, other = (a, b) if a.leading else (b, a)
    store = instances[0].bot_data.store
    course = instances[0].bot_data.catalogue.index.get("ART-POT-AN")
    assert course is not None
    chats = [8_000_000 + n for n in range(200)]
    for chat in chats:
        fake_api.resident(chat, f"F{chat}")

    def follow_all(session: Session) -> None:
        for chat in chats:
            follows.follow(
                session, chat_id=chat, course=course, lead_minutes=60, now=store.now(),
                policy=store.policy,
            )  # fmt: skip

    await asyncio.to_thread(store.transaction, follow_all)
    audit = Audit(42, "announce", course.id)
    made = await store.start_announcement(course.id, "Room 2 tonight.", audit)
    assert await store.send_announcement(made, course, None, audit) == 200
    await _until(lambda: sum(fake_api.delivered[c] for c in chats) >= 50, timeout=TICK * 40)
    monkeypatch.setattr(leader.leadership, "try_lead", lambda: False)
    leader.leadership._drop()  # the leader dies mid-announcement
    leader.leading = False
    await _until(lambda: all(fake_api.delivered[c] for c in chats), timeout=60)
    repeats = sum(fake_api.delivered[c] - 1 for c in chats)
    assert other.leading
    assert repeats <= 2 * BATCH  # at most what was in flight when it died
