"""The outbox: messages owed to residents (reminders, change notices, announcements, reports),
claimed before sending and marked after, so a crash can repeat at most the rows it had claimed.
Sending a reminder (or finding its session gone) rolls the follow on to the next session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from store.payloads import ChangeNotice
from store.planning import CourseLookup, ReminderPolicy, plan
from store.tables import Follow, Outbox, OutboxKind, OutboxState, ResidentRow

PENDING = OutboxState.PENDING.value
CLAIMED = OutboxState.CLAIMED.value


def release_claimed(session: Session) -> int:
    """After a restart, rows claimed by the previous process go back to pending: they may
    have been sent just before it died, so this is where a repeat can come from."""
    result = session.execute(
        update(Outbox).where(col(Outbox.state) == CLAIMED).values(state=PENDING)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def next_due(session: Session) -> datetime | None:
    return session.exec(select(func.min(Outbox.due_at)).where(col(Outbox.state) == PENDING)).one()


def claim_due(session: Session, *, now: datetime, limit: int) -> list[Outbox]:
    """Take up to `limit` due rows, oldest first, marking them claimed.

    One conditional UPDATE ... RETURNING, so two senders can never claim the same row: on
    SQLite the statement holds the write lock; on PostgreSQL a row another sender locked is
    skipped, and one it has just claimed no longer matches `state = pending`. The rows are
    picked in a MATERIALIZED CTE: as `id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)`,
    PostgreSQL may run the subquery again for other rows and claim far more than `limit`
    (it took a whole 200-row announcement in one claim).
    """
    due = (
        select(Outbox.id)
        .where(col(Outbox.state) == PENDING, col(Outbox.due_at) <= now)
        .order_by(col(Outbox.due_at), col(Outbox.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    claim = (
        update(Outbox)
        .where(col(Outbox.id) == due.c.id, col(Outbox.state) == PENDING)
        .values(state=CLAIMED, claimed_at=now, attempts=Outbox.attempts + 1)
        .returning(Outbox)
    )
    rows = list(session.execute(claim).scalars().all())
    for row in rows:
        session.expunge(row)
    return sorted(rows, key=lambda row: (row.due_at, row.id or 0))


@dataclass(frozen=True, slots=True)
class Done:
    """How a claimed row ended."""

    row: Outbox
    state: OutboxState
    error: str = ""
    blocked: bool = False  # the resident blocked the bot: stop everything owed to them


def finish(
    session: Session,
    done: Iterable[Done],
    *,
    now: datetime,
    lookup: CourseLookup,
    policy: ReminderPolicy,
) -> None:
    """Mark claimed rows, stop reminders for residents who blocked the bot, and plan each
    follow's next reminder."""
    for item in done:
        row = session.get(Outbox, item.row.id)
        if row is None or row.state != CLAIMED:
            continue  # forgotten meanwhile
        row.state = item.state.value
        row.error = item.error[:500]
        if item.state is OutboxState.SENT:
            row.sent_at = now
        if item.blocked:
            _deactivate(session, row.chat_id)
        elif row.kind == OutboxKind.REMINDER.value:
            _roll(session, row, now=now, lookup=lookup, policy=policy)


def retry_later(session: Session, rows: Sequence[Outbox], *, due: datetime, error: str) -> None:
    """Put claimed rows back for another try (the network was down, Telegram kept failing)."""
    for item in rows:
        row = session.get(Outbox, item.id)
        if row is not None and row.state == CLAIMED:
            row.state = PENDING
            row.due_at = due
            row.error = error[:500]


def _deactivate(session: Session, chat_id: int) -> None:
    """The resident blocked the bot: stop everything owed to them, keep what they follow
    (following a course again brings them back)."""
    resident = session.get(ResidentRow, chat_id)
    if resident is not None:
        resident.active = False
    session.execute(
        update(Outbox)
        .where(col(Outbox.chat_id) == chat_id, col(Outbox.state) == PENDING)
        .values(state=OutboxState.CANCELLED.value, error="blocked the bot")
    )


def add_notice(
    session: Session, *, chat_id: int, course_id: str, notice: ChangeNotice, now: datetime
) -> None:
    session.add(
        Outbox(
            chat_id=chat_id,
            kind=OutboxKind.NOTICE.value,
            course_id=course_id,
            due_at=now,
            payload=notice.to_json(),
        )
    )


def _roll(
    session: Session, row: Outbox, *, now: datetime, lookup: CourseLookup, policy: ReminderPolicy
) -> None:
    """Plan the reminder after this one, if the resident still follows the course."""
    follow_row = session.exec(
        select(Follow).where(Follow.chat_id == row.chat_id, Follow.course_id == row.course_id)
    ).first()
    course = lookup(row.course_id)
    if follow_row is None or course is None or row.session_start is None:
        return
    resident = session.get(ResidentRow, row.chat_id)
    if resident is None or not resident.active:
        return
    plan(
        session,
        row.chat_id,
        course,
        follow_row.lead_minutes,
        after=row.session_start,
        now=now,
        policy=policy,
    )


def counts(session: Session) -> dict[str, int]:
    """Outbox rows by state, for tests, benchmarks and /stats."""
    rows = session.exec(select(Outbox.state, func.count()).group_by(col(Outbox.state))).all()
    return dict(rows)
