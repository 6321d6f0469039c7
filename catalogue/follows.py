"""Residents' follows and the outbox of messages owed to them.

Each follow has at most one pending reminder: for the next session. Sending it (or finding the
session gone) rolls the follow on to the session after. The sender claims due rows before
sending and marks them after, so a crash can repeat at most the rows it had claimed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, func, update
from sqlmodel import Session, col, select

from catalogue.models import (
    AuditEntry,
    Course,
    Follow,
    Outbox,
    OutboxKind,
    OutboxState,
    Resident,
    SessionCancellation,
)
from catalogue.reminders import QuietHours, next_reminder

PENDING = OutboxState.PENDING.value
CLAIMED = OutboxState.CLAIMED.value
CourseLookup = Callable[[str], Course | None]


@dataclass(frozen=True, slots=True)
class Schedule:
    """What reminder times depend on."""

    tz: ZoneInfo
    quiet: QuietHours | None


def follow(
    engine: Engine,
    *,
    chat_id: int,
    course: Course,
    lead_minutes: int,
    now: datetime,
    schedule: Schedule,
) -> None:
    """Follow a course (or change the lead time), and plan its next reminder."""
    with Session(engine) as session, session.begin():
        resident = session.get(Resident, chat_id)
        if resident is None:
            session.add(Resident(chat_id=chat_id, active=True, created_at=now))
        elif not resident.active:
            resident.active = True  # they are back: whatever they follow is planned again
        row = session.exec(
            select(Follow).where(Follow.chat_id == chat_id, Follow.course_id == course.id)
        ).first()
        if row is None:
            session.add(
                Follow(
                    chat_id=chat_id, course_id=course.id, lead_minutes=lead_minutes, created_at=now
                )
            )
        else:
            row.lead_minutes = lead_minutes
        _drop_pending(session, chat_id=chat_id, course_id=course.id)
        _plan(session, chat_id, course, lead_minutes, after=now, now=now, schedule=schedule)


def unfollow(engine: Engine, *, chat_id: int, course_id: str) -> bool:
    """Stop following a course; its pending reminder goes too. False if not followed."""
    with Session(engine) as session, session.begin():
        _drop_pending(session, chat_id=chat_id, course_id=course_id)
        deleted = session.execute(
            delete(Follow).where(
                col(Follow.chat_id) == chat_id, col(Follow.course_id) == course_id
            )
        )
        return bool(deleted.rowcount)  # type: ignore[attr-defined]


def followed(engine: Engine, *, chat_id: int) -> list[Follow]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Follow).where(Follow.chat_id == chat_id).order_by(col(Follow.created_at))
            ).all()
        )


def lead_of(engine: Engine, *, chat_id: int, course_id: str) -> int | None:
    """The lead time in minutes if the chat follows the course."""
    with Session(engine) as session:
        return session.exec(
            select(Follow.lead_minutes).where(
                Follow.chat_id == chat_id, Follow.course_id == course_id
            )
        ).first()


def forget(engine: Engine, *, chat_id: int) -> int:
    """Delete everything held about a chat (in a private chat, the chat id is the user id):
    follows, messages owed, the resident row, and any audit entries of theirs, such as a
    refused attempt at an admin command. Returns how many follows there were."""
    with Session(engine) as session, session.begin():
        session.execute(delete(Outbox).where(col(Outbox.chat_id) == chat_id))
        session.execute(delete(AuditEntry).where(col(AuditEntry.user_id) == chat_id))
        follows = session.execute(delete(Follow).where(col(Follow.chat_id) == chat_id))
        session.execute(delete(Resident).where(col(Resident.chat_id) == chat_id))
        return int(follows.rowcount)  # type: ignore[attr-defined]


def release_claimed(engine: Engine) -> int:
    """After a restart, rows claimed by the previous process go back to pending: they may
    have been sent just before it died, so this is where a repeat can come from."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(Outbox).where(col(Outbox.state) == CLAIMED).values(state=PENDING)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def next_due(engine: Engine) -> datetime | None:
    with Session(engine) as session:
        return session.exec(
            select(func.min(Outbox.due_at)).where(col(Outbox.state) == PENDING)
        ).one()


def claim_due(engine: Engine, *, now: datetime, limit: int) -> list[Outbox]:
    """Take up to `limit` due rows, oldest first, marking them claimed.

    One conditional UPDATE ... RETURNING, so two senders can never claim the same row: on
    SQLite the statement holds the write lock; on PostgreSQL a row another sender locked is
    skipped, and one it has just claimed no longer matches `state = pending`.
    """
    due = (
        select(Outbox.id)
        .where(col(Outbox.state) == PENDING, col(Outbox.due_at) <= now)
        .order_by(col(Outbox.due_at), col(Outbox.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(Outbox)
        .where(col(Outbox.id).in_(due), col(Outbox.state) == PENDING)
        .values(state=CLAIMED, claimed_at=now, attempts=Outbox.attempts + 1)
        .returning(Outbox)
    )
    with Session(engine) as session, session.begin():
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
    engine: Engine,
    done: Iterable[Done],
    *,
    now: datetime,
    lookup: CourseLookup,
    schedule: Schedule,
) -> None:
    """Mark claimed rows, stop reminders for residents who blocked the bot, and plan each
    follow's next reminder."""
    with Session(engine) as session, session.begin():
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
                _roll(session, row, now=now, lookup=lookup, schedule=schedule)


def retry_later(engine: Engine, rows: Sequence[Outbox], *, due: datetime, error: str) -> None:
    """Put claimed rows back for another try (the network was down, Telegram kept failing)."""
    with Session(engine) as session, session.begin():
        for item in rows:
            row = session.get(Outbox, item.id)
            if row is not None and row.state == CLAIMED:
                row.state = PENDING
                row.due_at = due
                row.error = error[:500]


def _deactivate(session: Session, chat_id: int) -> None:
    """The resident blocked the bot: stop everything owed to them, keep what they follow
    (following a course again brings them back)."""
    resident = session.get(Resident, chat_id)
    if resident is not None:
        resident.active = False
    session.execute(
        update(Outbox)
        .where(col(Outbox.chat_id) == chat_id, col(Outbox.state) == PENDING)
        .values(state=OutboxState.CANCELLED.value, error="blocked the bot")
    )


def add_notice(
    session: Session, *, chat_id: int, course_id: str, payload: dict[str, object], now: datetime
) -> None:
    session.add(
        Outbox(
            chat_id=chat_id,
            kind=OutboxKind.NOTICE.value,
            course_id=course_id,
            due_at=now,
            payload=json.dumps(payload),
        )
    )


def after_import(
    engine: Engine,
    *,
    old: CourseLookup,
    new: CourseLookup,
    now: datetime,
    schedule: Schedule,
) -> int:
    """Replan followers' reminders after the catalogue changed, and tell each follower once
    which of their upcoming sessions moved or were cancelled, or that the course is gone.
    Returns how many residents were told."""
    told = 0
    with Session(engine) as session, session.begin():
        follows = session.exec(select(Follow)).all()
        active = set(session.exec(select(Resident.chat_id).where(col(Resident.active))).all())
        for row in follows:
            before, after = old(row.course_id), new(row.course_id)
            change = _change(before, after, now=now)
            if change is None:
                continue
            _drop_pending(session, chat_id=row.chat_id, course_id=row.course_id)
            if row.chat_id in active:
                add_notice(
                    session, chat_id=row.chat_id, course_id=row.course_id, payload=change, now=now
                )
                told += 1
            if after is None:
                session.delete(row)
            elif row.chat_id in active:
                _plan(
                    session,
                    row.chat_id,
                    after,
                    row.lead_minutes,
                    after=now,
                    now=now,
                    schedule=schedule,
                )
    return told


def _change(
    before: Course | None, after: Course | None, *, now: datetime
) -> dict[str, object] | None:
    """What a follower should hear about, as a notice payload; None if nothing they follow
    changed."""
    if before is None:
        return None
    title = before.title
    if after is None:
        return {"course": title, "removed": True}
    old = {s.start: s for s in before.sessions if s.start > now}
    new = {s.start: s for s in after.sessions if s.start > now}
    gone = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    if not gone:
        return None  # new sessions alone are good news the next reminder will carry
    moved = list(zip(gone, added, strict=False))
    cancelled = gone[len(moved) :]
    return {
        "course": after.title,
        "course_id": after.id,
        "moved": [[a.isoformat(), b.isoformat()] for a, b in moved],
        "cancelled": [c.isoformat() for c in cancelled],
    }


def _drop_pending(session: Session, *, chat_id: int, course_id: str) -> None:
    session.execute(
        delete(Outbox).where(
            col(Outbox.chat_id) == chat_id,
            col(Outbox.course_id) == course_id,
            col(Outbox.kind) == OutboxKind.REMINDER.value,
            col(Outbox.state) == PENDING,
        )
    )


def _plan(
    session: Session,
    chat_id: int,
    course: Course,
    lead_minutes: int,
    *,
    after: datetime,
    now: datetime,
    schedule: Schedule,
) -> None:
    cancelled = session.exec(
        select(SessionCancellation.session_start).where(SessionCancellation.course_id == course.id)
    ).all()
    planned = next_reminder(
        course,
        lead_minutes,
        after=after,
        now=now,
        tz=schedule.tz,
        quiet=schedule.quiet,
        skip=set(cancelled),
    )
    if planned is not None:
        upcoming, due = planned
        session.add(
            Outbox(
                chat_id=chat_id,
                course_id=course.id,
                session_start=upcoming.start,
                due_at=due,
            )
        )


def replan(
    session: Session, row: Follow, course: Course, *, now: datetime, schedule: Schedule
) -> None:
    """Drop a follow's pending reminder and plan it afresh (after a session was cancelled)."""
    _drop_pending(session, chat_id=row.chat_id, course_id=row.course_id)
    _plan(session, row.chat_id, course, row.lead_minutes, after=now, now=now, schedule=schedule)


def _roll(
    session: Session, row: Outbox, *, now: datetime, lookup: CourseLookup, schedule: Schedule
) -> None:
    """Plan the reminder after this one, if the resident still follows the course."""
    follow_row = session.exec(
        select(Follow).where(Follow.chat_id == row.chat_id, Follow.course_id == row.course_id)
    ).first()
    course = lookup(row.course_id)
    if follow_row is None or course is None or row.session_start is None:
        return
    resident = session.get(Resident, row.chat_id)
    if resident is None or not resident.active:
        return
    _plan(
        session,
        row.chat_id,
        course,
        follow_row.lead_minutes,
        after=row.session_start,
        now=now,
        schedule=schedule,
    )


def audience(engine: Engine) -> tuple[int, int, int]:
    """Residents following anything, how many of them are active, and how many follows."""
    with Session(engine) as session:
        residents = session.exec(select(func.count()).select_from(Resident)).one()
        active = session.exec(
            select(func.count()).select_from(Resident).where(col(Resident.active))
        ).one()
        following = session.exec(select(func.count()).select_from(Follow)).one()
    return residents, active, following


def count_followers(engine: Engine, *, course_ids: Sequence[str]) -> int:
    """Residents following any of these courses."""
    if not course_ids:
        return 0
    with Session(engine) as session:
        return session.exec(
            select(func.count(func.distinct(Follow.chat_id))).where(
                col(Follow.course_id).in_(list(course_ids))
            )
        ).one()


def counts(engine: Engine) -> dict[str, int]:
    """Outbox rows by state, for tests, benchmarks and /stats."""
    with Session(engine) as session:
        rows = session.exec(select(Outbox.state, func.count()).group_by(col(Outbox.state))).all()
    return dict(rows)
