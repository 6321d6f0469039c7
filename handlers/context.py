"""Typed context for every handler: `context.bot_data` is a BotData, `context.chat_data` a
ChatData (PTB's contexttypesbot pattern), so handlers reach services without string keys."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from catalogue.models import Course
from store.live import LiveCatalogue
from store.store import Store
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
        self.pending_reloads: dict[str, PendingReload] = {}
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


@dataclass(frozen=True)
class PendingReload:
    """A validated catalogue waiting for an admin's Confirm. Held in memory only: after a
    restart the admin is asked to send it again, and nothing has changed meanwhile."""

    courses: tuple[Course, ...]
    source: str
    admin_id: int
    created_at: datetime


class ChatData:
    """What the bot keeps in memory about one chat: recent searches, so 'More' and 'Back'
    buttons work without putting the query into callback data. Never written to disk."""

    KEEP = 20

    def __init__(self) -> None:
        self.searches: OrderedDict[str, str] = OrderedDict()
        self.location: tuple[float, float] | None = None
        # The language picked with /language, read from the store once per process: None
        # until read, "" when they never picked one.
        self.chosen_language: str | None = None
        self.offered_switch = False  # asked once whether to switch to the language they write

    def remember(self, query: str) -> str:
        token = secrets.token_urlsafe(6)
        self.searches[token] = query
        while len(self.searches) > self.KEEP:
            self.searches.popitem(last=False)
        return token

    def recall(self, token: str) -> str | None:
        return self.searches.get(token)


async def lang_for(update: Update, context: CallbackContext[Any, Any, ChatData, BotData]) -> Lang:
    """The language to answer in: the one the resident picked with /language, else their
    Telegram app's language if the bot speaks it, else English."""
    chat, chat_data = update.effective_chat, context.chat_data
    if chat is not None and chat_data is not None and chat.type == "private":
        if chat_data.chosen_language is None:
            chat_data.chosen_language = await context.bot_data.store.chosen_language(chat.id) or ""
        if chat_data.chosen_language:
            return lang(chat_data.chosen_language)
    user = update.effective_user
    return for_telegram(user.language_code if user else None)


Context = CallbackContext[ExtBot[None], dict[Any, Any], ChatData, BotData]
CONTEXT_TYPES = ContextTypes(context=CallbackContext, chat_data=ChatData, bot_data=BotData)
