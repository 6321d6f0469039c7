"""Planning a follow's next reminder: one pending outbox row per follow, for the first session
still to come that nobody cancelled, due by the reminder policy (lead time, quiet hours)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlmodel import Session, col, select

from catalogue.models import Course
from store.reminder_times import QuietHours, next_reminder
from store.tables import Follow, Outbox, OutboxKind, OutboxState, SessionCancellation

PENDING = OutboxState.PENDING.value
GONE = (OutboxState.CLAIMED.value, OutboxState.SENT.value)  # reminders out, or on their way
CourseLookup = Callable[[str], Course | None]


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """What reminder times depend on."""

    tz: ZoneInfo
    quiet: QuietHours | None


def drop_pending(session: Session, *, chat_id: int, course_id: str) -> None:
    session.execute(
        delete(Outbox).where(
            col(Outbox.chat_id) == chat_id,
            col(Outbox.course_id) == course_id,
            col(Outbox.kind) == OutboxKind.REMINDER.value,
            col(Outbox.state) == PENDING,
        )
    )


def plan(
    session: Session,
    chat_id: int,
    course: Course,
    lead_minutes: int,
    *,
    after: datetime,
    now: datetime,
    policy: ReminderPolicy,
) -> None:
    cancelled = session.exec(
        select(SessionCancellation.session_start).where(SessionCancellation.course_id == course.id)
    ).all()
    # A session this resident was already reminded of is not planned again: changing "1 hour
    # before" to "1 day before" after the hour's reminder went must not send a second one.
    reminded = session.exec(
        select(Outbox.session_start).where(
            Outbox.chat_id == chat_id,
            Outbox.course_id == course.id,
            Outbox.kind == OutboxKind.REMINDER.value,
            col(Outbox.state).in_(GONE),
        )
    ).all()
    planned = next_reminder(
        course,
        lead_minutes,
        after=after,
        now=now,
        tz=policy.tz,
        quiet=policy.quiet,
        skip={*cancelled, *(start for start in reminded if start is not None)},
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
    session: Session, row: Follow, course: Course, *, now: datetime, policy: ReminderPolicy
) -> None:
    """Drop a follow's pending reminder and plan it afresh (after a session was cancelled)."""
    drop_pending(session, chat_id=row.chat_id, course_id=row.course_id)
    plan(session, row.chat_id, course, row.lead_minutes, after=now, now=now, policy=policy)
