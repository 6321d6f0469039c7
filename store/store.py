"""The one door to residents' state: `await store.follow(...)`.

Every method runs its work in a worker thread, inside one transaction, so the event loop never
waits on the database and an action commits together with its audit entry or not at all.
Handlers and delivery hold a Store (through bot_data); only store/ runs SQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine, text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from catalogue.models import Course
from store import announcements, conversation, follows, outbox, roles, searches
from store.engine import make_engine
from store.outbox import Done
from store.payloads import AnnouncementReport
from store.planning import CourseLookup, ReminderPolicy
from store.tables import Announcement, AuditEntry, Follow, Outbox

T = TypeVar("T")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreUnavailable(RuntimeError):
    """The database cannot be reached (restarting, network gone). Callers answer from memory
    where they can, or tell the resident to try again; nothing half-done was kept."""


@dataclass(frozen=True, slots=True)
class Audit:
    """Who did a privileged action, and on what: the store adds the outcome it knows and
    writes the entry in the action's own transaction."""

    user_id: int
    action: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Audience:
    residents: int  # residents following anything
    active: int  # of them, the ones who have not blocked the bot
    follows: int


class Store:
    """Residents' follows and the messages owed to them, announcements, cancelled sessions,
    coordinators, the audit trail and search counts."""

    def __init__(self, engine: Engine, *, policy: ReminderPolicy, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.policy = policy
        self.clock = clock

    @classmethod
    def open(cls, url: str, *, policy: ReminderPolicy, clock: Clock = utc_now) -> Store:
        """Connect to DATABASE_URL, bringing the schema up to date first (Alembic)."""
        return cls(make_engine(url), policy=policy, clock=clock)

    def close(self) -> None:
        self.engine.dispose()

    def now(self) -> datetime:
        return self.clock()

    async def ping(self) -> bool:
        """The database answers."""
        await self._run(lambda s: s.execute(text("SELECT 1")))
        return True

    def transaction(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction, in the calling thread (the CLI and start-up use it;
        everyone else awaits the methods below)."""
        # Rows handed back stay readable after the commit.
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            return work(session)

    async def _run(self, work: Callable[[Session], T]) -> T:
        try:
            return await asyncio.to_thread(self.transaction, work)
        except (OperationalError, InterfaceError, PoolTimeout) as exc:
            raise StoreUnavailable(
                str(exc.orig or exc) if hasattr(exc, "orig") else str(exc)
            ) from exc

    def audit_within(self, session: Session, audit: Audit, outcome: str) -> None:
        roles.audit(
            session,
            user_id=audit.user_id,
            action=audit.action,
            detail=audit.detail,
            outcome=outcome,
            now=self.now(),
        )

    # --- following courses ---

    async def follow(
        self, chat_id: int, course: Course, lead_minutes: int, language: str | None = None
    ) -> None:
        """Follow a course (or change the lead time), planning its next reminder; reminders
        come in `language` unless the resident chose one with /language."""
        now = self.now()
        await self._run(
            lambda s: follows.follow(
                s, chat_id=chat_id, course=course, lead_minutes=lead_minutes, now=now,
                policy=self.policy, language=language,
            )
        )  # fmt: skip

    async def chosen_language(self, chat_id: int) -> str | None:
        return await self._run(lambda s: follows.chosen_language(s, chat_id=chat_id))

    async def choose_language(self, chat_id: int, language: str) -> None:
        """Remember the language a resident picked (/forget deletes it with the rest)."""
        now = self.now()
        await self._run(
            lambda s: follows.choose_language(s, chat_id=chat_id, language=language, now=now)
        )

    async def languages(self, chat_ids: Sequence[int]) -> dict[int, str]:
        return await self._run(lambda s: follows.languages(s, chat_ids=chat_ids))

    async def unfollow(self, chat_id: int, course_id: str) -> bool:
        return await self._run(lambda s: follows.unfollow(s, chat_id=chat_id, course_id=course_id))

    async def followed(self, chat_id: int) -> list[Follow]:
        return await self._run(lambda s: follows.followed(s, chat_id=chat_id))

    async def lead_of(self, chat_id: int, course_id: str) -> int | None:
        """The lead time in minutes if the chat follows the course."""
        return await self._run(lambda s: follows.lead_of(s, chat_id=chat_id, course_id=course_id))

    async def forget(self, chat_id: int) -> int:
        """Delete everything held about a chat: follows, messages owed, their record and
        language, recent searches, a shared location. Returns how many follows there were."""

        def work(session: Session) -> int:
            conversation.forget(session, chat_id=chat_id)
            return follows.forget(session, chat_id=chat_id)

        return await self._run(work)

    async def audience(self) -> Audience:
        return Audience(*await self._run(follows.audience))

    async def count_followers(self, course_ids: Sequence[str]) -> int:
        return await self._run(lambda s: follows.count_followers(s, course_ids=course_ids))

    def after_import(self, session: Session, *, old: CourseLookup, new: CourseLookup) -> int:
        """Within a catalogue swap's transaction: replan followers, queue change notices."""
        return follows.after_import(session, old=old, new=new, now=self.now(), policy=self.policy)

    # --- conversations any instance can continue ---

    async def remember_search(self, chat_id: int, text: str) -> str:
        """Keep a search for its paging buttons; returns the token they carry."""
        now = self.now()
        return await self._run(
            lambda s: conversation.remember_search(s, chat_id=chat_id, text=text, now=now)
        )

    async def recall_search(self, chat_id: int, token: str) -> str | None:
        return await self._run(
            lambda s: conversation.recall_search(s, chat_id=chat_id, token=token)
        )

    async def latest_search(self, chat_id: int, within: timedelta) -> tuple[str, str] | None:
        """The chat's newest search of the last `within`, as (token, text), if any."""
        since = self.now() - within
        return await self._run(
            lambda s: conversation.latest_search(s, chat_id=chat_id, since=since)
        )

    async def share_location(self, chat_id: int, where: tuple[float, float]) -> None:
        now = self.now()
        await self._run(
            lambda s: conversation.share_location(s, chat_id=chat_id, where=where, now=now)
        )

    async def location_of(self, chat_id: int) -> tuple[float, float] | None:
        """The location the resident shared in the last day, if any."""
        now = self.now()
        return await self._run(lambda s: conversation.location_of(s, chat_id=chat_id, now=now))

    async def keep_reload(self, courses: tuple[Course, ...], source: str, admin_id: int) -> str:
        """Keep a validated catalogue for the admin's Confirm; returns its token."""
        now = self.now()
        return await self._run(
            lambda s: conversation.keep_reload(
                s, courses=courses, source=source, admin_id=admin_id, now=now
            )
        )

    async def take_reload(self, token: str) -> tuple[tuple[Course, ...], str] | None:
        now = self.now()
        return await self._run(lambda s: conversation.take_reload(s, token=token, now=now))

    # --- the outbox ---

    async def release_claimed(self) -> int:
        return await self._run(outbox.release_claimed)

    async def next_due(self) -> datetime | None:
        return await self._run(outbox.next_due)

    async def claim_due(self, limit: int) -> list[Outbox]:
        now = self.now()
        return await self._run(lambda s: outbox.claim_due(s, now=now, limit=limit))

    async def finish(self, done: Iterable[Done], lookup: CourseLookup) -> None:
        now = self.now()
        await self._run(
            lambda s: outbox.finish(s, done, now=now, lookup=lookup, policy=self.policy)
        )

    async def retry_later(self, rows: Sequence[Outbox], *, due: datetime, error: str) -> None:
        await self._run(lambda s: outbox.retry_later(s, rows, due=due, error=error))

    async def outbox_counts(self) -> dict[str, int]:
        """Outbox rows by state."""
        return await self._run(outbox.counts)

    # --- announcements and cancelled sessions ---

    async def start_announcement(self, course_id: str, text: str, audit: Audit) -> int:
        """A new draft for the author; their earlier unsent draft is dropped."""
        now = self.now()

        def work(session: Session) -> int:
            made = announcements.start(
                session, course_id=course_id, author_id=audit.user_id, text=text, now=now
            )
            self.audit_within(session, audit, "draft")
            return made

        return await self._run(work)

    async def announcement(self, announcement_id: int) -> Announcement | None:
        return await self._run(lambda s: announcements.get(s, announcement_id=announcement_id))

    async def draft_awaiting_text(self, author_id: int) -> Announcement | None:
        return await self._run(lambda s: announcements.awaiting_text(s, author_id=author_id))

    async def write_announcement(self, announcement_id: int, text: str) -> None:
        await self._run(
            lambda s: announcements.write(s, announcement_id=announcement_id, text=text)
        )

    async def recipients(self, course_id: str) -> int:
        """How many an announcement to the course, or a cancellation, reaches."""
        return await self._run(lambda s: announcements.recipients(s, course_id=course_id))

    async def send_announcement(
        self, announcement_id: int, course: Course, at: datetime | None, audit: Audit
    ) -> int:
        """Queue it for every active follower, now or at `at`. Returns how many."""
        now = self.now()

        def work(session: Session) -> int:
            count = announcements.send(
                session, announcement_id=announcement_id, course=course, at=at or now, now=now
            )
            self.audit_within(session, audit, f"{'scheduled' if at else 'sent'} to {count}")
            return count

        return await self._run(work)

    async def cancel_announcement(self, announcement_id: int, audit: Audit | None) -> bool:
        """Cancel a draft or scheduled announcement (audited when it is the author's act)."""

        def work(session: Session) -> bool:
            cancelled = announcements.cancel(session, announcement_id=announcement_id)
            if audit is not None and cancelled:
                self.audit_within(session, audit, "cancelled")
            return cancelled

        return await self._run(work)

    async def report_finished(self) -> list[AnnouncementReport]:
        now = self.now()
        return await self._run(lambda s: announcements.report_finished(s, now=now))

    async def cancel_sessions(
        self, course: Course, starts: Sequence[datetime], reason: str, audit: Audit
    ) -> int:
        """Cancel sessions for good, replanning reminders and queueing a notice to each
        active follower. Returns how many notices were queued."""
        now = self.now()

        def work(session: Session) -> int:
            told = sum(
                announcements.cancel_session(
                    session, course=course, start=start, reason=reason, by=audit.user_id,
                    now=now, policy=self.policy,
                )
                for start in starts
            )  # fmt: skip
            self.audit_within(session, audit, f"{told} told")
            return told

        return await self._run(work)

    def cancellations(self) -> dict[str, dict[datetime, str]]:
        """course id -> {session start: reason} (sync: the live catalogue reads it)."""
        return self.transaction(announcements.cancellations)

    # --- roles and the audit trail ---

    async def coordinators(self) -> dict[int, frozenset[str]]:
        return await self._run(roles.coordinators)

    async def grant(self, user_id: int, provider: str, audit: Audit) -> bool:
        """Make a coordinator for a provider. False if they already were."""
        now = self.now()

        def work(session: Session) -> bool:
            added = roles.grant(
                session, user_id=user_id, provider=provider, by=audit.user_id, now=now
            )
            self.audit_within(session, audit, "done" if added else "already")
            return added

        return await self._run(work)

    async def revoke(self, user_id: int, provider: str | None, audit: Audit) -> int:
        """Take back one provider, or all. Returns how many were taken back."""

        def work(session: Session) -> int:
            taken = roles.revoke(session, user_id=user_id, provider=provider)
            self.audit_within(session, audit, f"{taken} taken back")
            return taken

        return await self._run(work)

    async def audit(self, audit: Audit, outcome: str) -> None:
        """Record an attempt that changed nothing: a refusal, a mistyped command."""
        await self._run(lambda s: self.audit_within(s, audit, outcome))

    async def audit_trail(self, limit: int = 100) -> list[AuditEntry]:
        return await self._run(lambda s: roles.audit_trail(s, limit=limit))

    # --- what residents search for ---

    async def record_search(self, text: str, *, found: bool) -> None:
        """Count a search by its text and day, never by who asked."""
        now = self.now()
        day = now.astimezone(self.policy.tz).date()
        await self._run(
            lambda s: searches.record_search(s, text=text, found=found, now=now, day=day)
        )

    async def top_searches(
        self, *, misses_only: bool = False, limit: int = 10
    ) -> list[tuple[str, int]]:
        return await self._run(
            lambda s: searches.top_searches(s, misses_only=misses_only, limit=limit)
        )

    async def searches_by_day(self, since: date) -> list[tuple[date, int, int]]:
        return await self._run(lambda s: searches.searches_by_day(s, since=since))
