"""Webhook mode: Telegram (the fake) posts updates to the bot's endpoint with the secret; a
post without it is refused; /healthz and /metrics tell an operator how the instance is."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from pydantic import SecretStr

from bot.app import App, build_application
from bot.config import Settings
from bot.webhook import SECRET_HEADER, server_for, webhook_running
from fakegram import FakeBotApi
from tests.conftest import Clock, free_port

SECRET = "s3cret-Token_for-tests"


@pytest.fixture
async def hooked(settings: Settings, clock: Clock) -> AsyncIterator[tuple[App, str]]:
    """The real Application in webhook mode behind uvicorn on 127.0.0.1; yields it and the
    base address it listens on."""
    port = free_port()
    local = settings.model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_secret": SecretStr(SECRET),
            "webhook_port": port,
        }
    )
    application = build_application(local, clock=clock)
    server = server_for(application, local)
    async with webhook_running(application, url=local.webhook_url, secret=SECRET):
        serving = asyncio.create_task(server.serve())
        for _ in range(500):  # uvicorn has no event to await: look every 20 ms, up to 10 s
            if server.started:
                break
            await asyncio.sleep(0.02)
        assert server.started
        try:
            yield application, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            await serving


async def test_telegram_posts_updates_and_residents_get_answers(
    hooked: tuple[App, str], fake_api: FakeBotApi
) -> None:
    resident = fake_api.resident(5001, "Wanjiru")
    welcome = await resident.send("/start")
    assert "Hello Wanjiru" in welcome.text
    results = await resident.send("pottery")
    assert "Pottery wheel for beginners" in results.text
    assert fake_api.webhook is not None
    assert fake_api.webhook == (hooked[1] + "/telegram", SECRET)
    assert fake_api.webhook_posts == 2
    assert fake_api.webhook_refusals == []
    assert not any(method == "getUpdates" for method, _ in fake_api.calls)


async def test_a_post_without_the_secret_is_refused(hooked: tuple[App, str]) -> None:
    _, base = hooked
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1,
              "type": "private"}, "text": "hi"}}  # fmt: skip
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET[:-1]}):
            async with session.post(f"{base}/telegram", json=update, headers=headers) as reply:
                assert reply.status == 403
        async with session.post(
            f"{base}/telegram", data=b"not json", headers={SECRET_HEADER: SECRET}
        ) as reply:
            assert reply.status == 400


async def test_health_and_metrics(
    hooked: tuple[App, str], fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    application, base = hooked
    resident = fake_api.resident(5002, "Ola")
    await resident.send("free maths")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/healthz") as reply:
            report = await reply.json()
            assert reply.status == 200
            assert report["database"] is True
            assert report["updates_flowing"] is True
        async with session.get(f"{base}/metrics") as reply:
            text = await reply.text()
        for name in (
            'learnbot_updates_total{kind="message"} 1.0',
            "learnbot_search_seconds_count 1.0",
            'learnbot_outbox_rows{state="pending"} 0.0',
            "learnbot_sends_total",
            "learnbot_telegram_429_total 0.0",
            "learnbot_reloads_total",
        ):
            assert name in text, name

        async def database_down() -> bool:
            raise ConnectionError("the database is restarting")

        monkeypatch.setattr(application.bot_data.store, "ping", database_down)
        async with session.get(f"{base}/healthz") as reply:
            assert reply.status == 503
            assert (await reply.json())["database"] is False
        async with session.get(f"{base}/livez") as reply:
            assert reply.status == 200  # still taking updates: the proxy keeps it
