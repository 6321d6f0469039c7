"""The outbox worker: sends what is due (reminders, notices, announcements, reports), a claimed
batch at a time, and sleeps until the next due time on PTB's JobQueue.

Handlers never call it directly: they wake it through bot_data after anything that may have made
a message due sooner (a follow, an announcement, a reload).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardMarkup
from telegram.ext import CallbackContext, JobQueue

from delivery import views
from delivery.sender import Outcome, Sender, Venue
from store import payloads
from store.leader import Leadership
from store.live import LiveCatalogue
from store.outbox import Done
from store.store import Store, StoreUnavailable
from store.tables import Outbox, OutboxKind, OutboxState
from views.i18n import ENGLISH, Lang, lang
from views.text import Reply

log = logging.getLogger(__name__)

BATCH = 30  # claimed at once (about a second of sending): the most a crash can repeat
RETRY_AFTER = timedelta(minutes=5)
HEARTBEAT = 60.0  # seconds: the leader looks for anything due, whatever the timers say
JOB = "deliver"


class Delivery:
    """Everything that leaves the bot on its own, through one rate-limited Sender."""

    def __init__(
        self,
        store: Store,
        catalogue: LiveCatalogue,
        sender: Sender,
        job_queue: JobQueue[Any] | None,
        *,
        leadership: Leadership | None = None,
        tick: float = 2.0,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.sender = sender
        self.job_queue = job_queue
        self.leadership = leadership or Leadership(store.engine)
        self.tick = tick
        self.leading = False
        # One delivery run at a time: the timer and the heartbeat may both fire.
        self._running = asyncio.Lock()
        self._unmarked: list[Callable[[], Awaitable[None]]] = []

    def start(self) -> None:
        """Every `tick` seconds: pick up a catalogue another instance loaded, see whether this
        instance leads (PostgreSQL advisory lock), and if so look again for what is due (a
        follow or an announcement on another instance may have made it sooner). Every
        minute, the leader delivers whatever is due, whatever the timers say."""
        if self.job_queue is not None:
            self.job_queue.run_repeating(self._tick, interval=self.tick, first=self.tick)
            self.job_queue.run_repeating(
                self._heartbeat, interval=HEARTBEAT, first=HEARTBEAT, name="heartbeat"
            )

    async def resume(self) -> None:
        """After a start: lead if nobody else does, then wake."""
        await self._check_lead()
        await self.wake()

    async def close(self) -> None:
        """Hand the lead to another instance at once (it would pass anyway when the
        connection closes)."""
        await asyncio.to_thread(self.leadership.release)
        self.leading = False

    async def _check_lead(self) -> None:
        was = self.leading
        self.leading = await asyncio.to_thread(self.leadership.try_lead)
        if self.leading and not was:
            # Rows the last leader claimed but never marked may or may not have gone out
            # before it died: sending them again is the price of losing none.
            released = await self.store.release_claimed()
            if released:
                log.warning(
                    "%s messages were in flight when the last leader stopped: resending", released
                )

    async def wake(self) -> None:
        """Sleep until the next due time (after anything that may have made it sooner). Only
        the leader delivers; other instances leave it to the leader's next tick."""
        if self.job_queue is None or not self.leading:
            return
        due = await self.store.next_due()
        for job in self.job_queue.get_jobs_by_name(JOB):
            job.schedule_removal()
        if due is not None:
            delay = max(0.0, (due - self.store.now()).total_seconds())
            self.job_queue.run_once(self._on_time, when=delay, name=JOB)

    async def tell(self, chat_ids: list[int], reply: Reply) -> None:
        """A message to staff (admins hearing of a failed nightly reload); logged if it fails."""
        for chat_id in chat_ids:
            outcome, error = await self.sender.send(chat_id, reply.text)
            if error:
                log.warning("could not tell %s: %s (%s)", chat_id, error, outcome.value)

    async def _tick(self, _: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            if await self.catalogue.pick_up_changes():
                log.info("catalogue reloaded: %s courses", len(self.catalogue.index.courses))
            await self._check_lead()
            await self.wake()
        except (StoreUnavailable, SQLAlchemyError):
            log.warning("the database is unreachable; trying again in %s s", self.tick)

    async def _heartbeat(self, _: CallbackContext[Any, Any, Any, Any]) -> None:
        if self.leading:
            await self._on_time(_)

    async def _on_time(self, _: CallbackContext[Any, Any, Any, Any]) -> None:
        if self._running.locked():
            return
        try:
            async with self._running:
                await self.deliver_now()
            await self.wake()
        except (StoreUnavailable, SQLAlchemyError):
            log.warning("the database is unreachable: delivery waits for it")

    async def deliver_now(self) -> int:
        """Deliver what is due now, a claimed batch at a time, marking each message as soon as
        it is sent: a crash then repeats only messages sent in the last instant, and messages
        claimed but not yet sent go out once after the restart. Returns the rows handled."""
        if not self.leading:
            return 0
        marking = asyncio.Lock()  # one writer at a time: SQLite has one anyway
        handled = 0

        async def deliver_and_mark(row: Outbox, code: str) -> None:
            result = await self._deliver(row, lang(code))
            if result is None:
                due = self.store.now() + RETRY_AFTER
                mark = self._later(row, due)
            else:
                mark = self._finished(result)
            async with marking:
                try:
                    await mark()
                except (StoreUnavailable, SQLAlchemyError):
                    # Sent, but the database went away before it was marked: keep the mark
                    # and make it first thing next time, so the row is never sent again.
                    self._unmarked.append(mark)

        await self._mark_what_was_left()

        # Two batches in flight: the next is claimed while the last is still going out, so
        # the pace never waits on the database between batches. A crash can repeat at most
        # the sends of both (2 x BATCH).
        in_flight: list[asyncio.Future[list[None]]] = []
        announcements = False
        while True:
            # An instance that lost the lead (its connection broke) claims no more.
            rows = await self.store.claim_due(BATCH) if self.leading else []
            if not rows:
                await asyncio.gather(*in_flight)
                in_flight.clear()
                if not announcements:
                    return handled
                # Announcements now fully out queue a report to their author: send those too.
                announcements = False
                await self.store.report_finished()
                continue
            # Each in the language the resident is spoken to in (English if none is known).
            codes = await self.store.languages([row.chat_id for row in rows])
            in_flight.append(
                asyncio.gather(
                    *(deliver_and_mark(row, codes.get(row.chat_id, ENGLISH)) for row in rows)
                )
            )
            handled += len(rows)
            announcements |= any(row.kind == OutboxKind.ANNOUNCEMENT.value for row in rows)
            if len(in_flight) == 2:
                await in_flight.pop(0)

    def _finished(self, done: Done) -> Callable[[], Awaitable[None]]:
        return lambda: self.store.finish([done], lookup=self.catalogue.index.get)

    def _later(self, row: Outbox, due: datetime) -> Callable[[], Awaitable[None]]:
        return lambda: self.store.retry_later([row], due=due, error="Telegram unreachable")

    async def _mark_what_was_left(self) -> None:
        """Marks the database missed while it was down (raises if it still is)."""
        while self._unmarked:
            await self._unmarked[0]()
            self._unmarked.pop(0)

    async def _deliver(self, row: Outbox, speaking: Lang) -> Done | None:
        """Send one outbox row. None means: could not reach Telegram, try again later."""
        venue = None
        payload = payloads.read(row.kind, row.payload)
        if isinstance(payload, payloads.ChangeNotice):
            reply = views.notice(payload, tz=self.catalogue.tz, lang=speaking)
        elif isinstance(payload, payloads.AnnouncementMessage):
            reply = views.announcement(payload, speaking)
        elif isinstance(payload, payloads.AnnouncementReport):
            course = self.catalogue.index.get(row.course_id)
            reply = views.announcement_report(payload, course.title if course else row.course_id)
        else:
            reminder = self._reminder(row, speaking)
            if isinstance(reminder, Done):
                return reminder
            reply, venue = reminder
        keyboard = reply.keyboard if isinstance(reply.keyboard, InlineKeyboardMarkup) else None
        outcome, error = await self.sender.send(row.chat_id, reply.text, keyboard, venue=venue)
        if outcome is Outcome.SENT:
            return Done(row, OutboxState.SENT)
        if outcome is Outcome.BLOCKED:
            return Done(row, OutboxState.CANCELLED, error, blocked=True)
        if outcome is Outcome.FAILED:
            return Done(row, OutboxState.FAILED, error)
        return None

    def _reminder(self, row: Outbox, speaking: Lang) -> tuple[Reply, Venue | None] | Done:
        """A reminder and its map pin, or why it is no longer owed."""
        now = self.store.now()
        course = self.catalogue.index.get(row.course_id)
        start = row.session_start
        if course is None or start is None or all(s.start != start for s in course.sessions):
            return Done(row, OutboxState.CANCELLED, "the session is no longer listed")
        if start in self.catalogue.cancelled_sessions(course.id):
            return Done(row, OutboxState.CANCELLED, "the session was cancelled")
        if start <= now:
            return Done(row, OutboxState.MISSED, "the session had started")
        venue = None
        if course.lat is not None and course.lon is not None and course.venue:
            venue = Venue(course.lat, course.lon, course.venue, course.address or course.area)
        reminder = views.reminder(course, start, now=now, tz=self.catalogue.tz, lang=speaking)
        return reminder, venue
