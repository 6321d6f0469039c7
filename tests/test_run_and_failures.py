"""`learnbot run` as a real process, and what residents see when Telegram misbehaves."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from fakegram import ApiError, FakeBotApi, Resident


async def test_learnbot_run_serves_residents_and_stops_cleanly_on_sigterm(
    fake_api: FakeBotApi, database_url: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "BOT_TOKEN": fake_api.token,
        "TELEGRAM_API_URL": fake_api.url,
        "DATABASE_URL": database_url,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        resident = fake_api.resident(2002, "Bilal")
        reply = await resident.send("/start", timeout=30)
        assert "Hello Bilal" in reply.text
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    logs = (out + err).decode()
    assert "Application started" in logs
    assert fake_api.token not in logs
    assert fake_api.token.split(":")[1] not in logs


async def test_a_failing_telegram_call_gets_the_resident_an_apology(
    fake_api: FakeBotApi, resident: Resident
) -> None:
    await resident.send("pottery")
    fake_api.inject_error("editMessageText", ApiError(400, "Bad Request: something broke"))
    reply = await resident.press("Pottery wheel")
    assert "something went wrong on my side" in reply.text
    assert not fake_api.unanswered_callbacks
    card = await resident.press("Pottery wheel")  # the next try works
    assert "by Hulme Makers Co-op" in card.text


async def test_a_429_is_waited_out_and_the_reply_still_arrives(
    fake_api: FakeBotApi, resident: Resident
) -> None:
    fake_api.inject_error("sendMessage", ApiError(429, "Too Many Requests: retry after 1", 1))
    reply = await resident.send("yoga")
    assert "Gentle yoga" in reply.text
    assert len(fake_api.calls_to("sendMessage")) == 2  # refused once, then sent
