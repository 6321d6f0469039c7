"""Typed context for every handler: `context.bot_data` is a BotData, `context.chat_data` a
ChatData (PTB's contexttypesbot pattern), so handlers reach services without string keys."""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from catalogue.models import Course
from catalogue.service import Catalogue
from handlers.sender import Sender

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class BotData:
    """Services shared by all handlers: opened in post_init, closed in post_shutdown."""

    def __init__(self) -> None:
        self._catalogue: Catalogue | None = None
        self._sender: Sender | None = None
        self.clock: Clock = utc_now
        self.admin_ids: frozenset[int] = frozenset()
        self.leads: tuple[int, ...] = (60,)
        self.coordinators: dict[int, frozenset[str]] = {}  # user id -> providers
        self.catalogue_source: tuple[Path, ...] = ()
        self.pending_reloads: dict[str, PendingReload] = {}
        # One delivery run at a time: the timer and the heartbeat may both fire.
        self.delivering = asyncio.Lock()

    def open(
        self,
        catalogue: Catalogue,
        sender: Sender,
        *,
        admin_ids: frozenset[int],
        leads: tuple[int, ...],
        clock: Clock,
        coordinators: dict[int, frozenset[str]] | None = None,
        catalogue_source: tuple[Path, ...] = (),
    ) -> None:
        self._catalogue = catalogue
        self._sender = sender
        self.admin_ids = admin_ids
        self.leads = leads
        self.clock = clock
        self.coordinators = coordinators or {}
        self.catalogue_source = catalogue_source

    def close(self) -> None:
        if self._catalogue is not None:
            self._catalogue.close()
            self._catalogue = None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            raise RuntimeError("BotData is used before post_init opened it")
        return self._catalogue

    @property
    def sender(self) -> Sender:
        if self._sender is None:
            raise RuntimeError("BotData is used before post_init opened it")
        return self._sender

    @property
    def tz(self) -> ZoneInfo:
        return self.catalogue.tz

    def now(self) -> datetime:
        return self.clock()

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

    def remember(self, query: str) -> str:
        token = secrets.token_urlsafe(6)
        self.searches[token] = query
        while len(self.searches) > self.KEEP:
            self.searches.popitem(last=False)
        return token

    def recall(self, token: str) -> str | None:
        return self.searches.get(token)


Context = CallbackContext[ExtBot[None], dict[Any, Any], ChatData, BotData]
CONTEXT_TYPES = ContextTypes(context=CallbackContext, chat_data=ChatData, bot_data=BotData)
