"""Typed context for every handler: `context.bot_data` is a BotData, `context.chat_data` a
ChatData (PTB's contexttypesbot pattern), so handlers reach services without string keys."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from store.live import LiveCatalogue
from store.store import Store, StoreUnavailable
from telemetry import Metrics
from views.i18n import Lang, for_telegram, lang
from views.text import Reply


class Outgoing(Protocol):
    """What handlers may ask of delivery/ (which they never import): wake it after making a
    message due sooner, or have it tell staff something."""

    async def wake(self) -> None: ...

    async def tell(self, chat_ids: list[int], reply: Reply) -> None: ...

    async def deliver_now(self) -> int: ...

    @property
    def leading(self) -> bool:
        """This instance runs the outbox and the scheduled jobs."""
        ...


class BotData:
    """Services shared by all handlers: opened in post_init, closed in post_shutdown."""

    def __init__(self) -> None:
        self._services: tuple[Store, LiveCatalogue, Outgoing] | None = None
        self.admin_ids: frozenset[int] = frozenset()
        self.leads: tuple[int, ...] = (60,)
        self.coordinators: dict[int, frozenset[str]] = {}  # user id -> providers
        self.catalogue_source: tuple[Path, ...] = ()
        self.metrics = Metrics()
        self.last_update: float | None = None  # monotonic time of the last update (/healthz)

    def open(
        self,
        store: Store,
        catalogue: LiveCatalogue,
        delivery: Outgoing,
        *,
        admin_ids: frozenset[int],
        leads: tuple[int, ...],
        coordinators: dict[int, frozenset[str]] | None = None,
        catalogue_source: tuple[Path, ...] = (),
    ) -> None:
        self._services = (store, catalogue, delivery)
        self.admin_ids = admin_ids
        self.leads = leads
        self.coordinators = coordinators or {}
        self.catalogue_source = catalogue_source

    def close(self) -> None:
        if self._services is not None:
            self._services[0].close()
            self._services = None

    def _opened(self) -> tuple[Store, LiveCatalogue, Outgoing]:
        if self._services is None:
            raise RuntimeError("BotData is used before post_init opened it")
        return self._services

    @property
    def store(self) -> Store:
        """Residents' state: follows, outbox, announcements, roles, audit, search counts."""
        return self._opened()[0]

    @property
    def catalogue(self) -> LiveCatalogue:
        """The courses and their search index, swapped whole on reload."""
        return self._opened()[1]

    @property
    def delivery(self) -> Outgoing:
        return self._opened()[2]

    @property
    def tz(self) -> ZoneInfo:
        return self.catalogue.tz

    def now(self) -> datetime:
        return self.store.now()

    def providers_of(self, user_id: int) -> frozenset[str]:
        return self.coordinators.get(user_id, frozenset())

    def is_admin(self, user_id: int) -> bool:
        return user_id in self.admin_ids


class ChatData:
    """What one process keeps about a chat in memory: only whether it has already offered to
    switch languages (losing it offers once more). Everything a button needs is in the
    database or in the button itself, so any instance can take the next update."""

    def __init__(self) -> None:
        self.offered_switch = False


async def lang_for(update: Update, context: CallbackContext[Any, Any, ChatData, BotData]) -> Lang:
    """The language to answer in: the one the resident picked with /language, else their
    Telegram app's language if the bot speaks it, else English."""
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        try:
            chosen = await context.bot_data.store.chosen_language(chat.id)
        except StoreUnavailable:
            chosen = None  # the database is down: the app's language will do
        if chosen:
            return lang(chosen)
    user = update.effective_user
    return for_telegram(user.language_code if user else None)


Context = CallbackContext[ExtBot[str], dict[Any, Any], ChatData, BotData]
CONTEXT_TYPES = ContextTypes(context=CallbackContext, chat_data=ChatData, bot_data=BotData)
