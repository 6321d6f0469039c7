"""PostgreSQL restarting: residents' searches are still answered from the index in memory;
what must be written is refused with a plain apology, and nothing half-done is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.app import App
from fakegram import Resident
from store.store import Store, StoreUnavailable


def database_away(monkeypatch: pytest.MonkeyPatch, app: App) -> None:
    async def unavailable(self: Store, work: Callable[..., Any]) -> Any:
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(Store, "_run", unavailable)


async def test_searches_are_answered_while_the_database_is_away(
    resident: Resident, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_away(monkeypatch, app)
    results = await resident.send("pottery")
    assert "Pottery wheel for beginners" in results.text
    card = await resident.send("/start c_ART-POT-AN")
    assert "Pottery wheel for beginners" in card.text  # shown, without the follow state


async def test_a_follow_is_refused_plainly_and_works_once_it_is_back(
    resident: Resident, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = await resident.send("/start c_ART-POT-AN")
    choice = await resident.press("Remind me", on=card)
    database_away(monkeypatch, app)
    refused = await resident.press("1 hour", on=choice)
    assert "Please try again in a moment" in refused.text
    monkeypatch.undo()
    assert await app.bot_data.store.followed(resident.user_id) == []
    followed = await resident.press("1 hour", on=choice)
    assert "You'll get a reminder 1 hour before each session" in followed.text
