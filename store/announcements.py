"""Coordinators' announcements to a course's followers, and sessions they cancel.

An announcement is written as a draft, sent now or scheduled: either way one outbox row per
active follower, due at the send time, so a scheduled announcement survives restarts like any
reminder. When its last row is done, a report goes to the author.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from catalogue.models import Course
from store import outbox, planning
from store.payloads import AnnouncementMessage, AnnouncementReport, ChangeNotice
from store.planning import ReminderPolicy
from store.tables import (
    Announcement,
    AnnouncementState,
    Follow,
    Outbox,
    OutboxKind,
    OutboxState,
    ResidentRow,
    SessionCancellation,
)

OPEN = (AnnouncementState.DRAFT.value, AnnouncementState.READY.value)


def start(session: Session, *, course_id: str, author_id: int, text: str, now: datetime) -> int:
    """A new draft for the author (any earlier unsent draft of theirs is dropped). With text
    it is ready to preview; without, the author's next message becomes its text."""
    session.execute(
        delete(Announcement).where(
            col(Announcement.author_id) == author_id, col(Announcement.state).in_(OPEN)
        )
    )
    state = AnnouncementState.READY if text else AnnouncementState.DRAFT
    row = Announcement(
        course_id=course_id, author_id=author_id, text=text, state=state.value, created_at=now
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def awaiting_text(session: Session, *, author_id: int) -> Announcement | None:
    return session.exec(
        select(Announcement).where(
            Announcement.author_id == author_id,
            Announcement.state == AnnouncementState.DRAFT.value,
        )
    ).first()


def write(session: Session, *, announcement_id: int, text: str) -> None:
    row = session.get(Announcement, announcement_id)
    if row is not None:
        row.text = text
        row.state = AnnouncementState.READY.value


def get(session: Session, *, announcement_id: int) -> Announcement | None:
    return session.get(Announcement, announcement_id)


def _active_followers(course_id: str) -> SelectOfScalar[int]:
    """Chat ids of the residents following a course who have not blocked the bot: the people
    an announcement or a cancellation reaches."""
    return (
        select(Follow.chat_id)
        .join(ResidentRow, col(ResidentRow.chat_id) == col(Follow.chat_id))
        .where(col(Follow.course_id) == course_id, col(ResidentRow.active))
    )


def recipients(session: Session, *, course_id: str) -> int:
    """How many an announcement to the course (or a cancellation of its session) reaches."""
    return session.exec(
        select(func.count()).select_from(_active_followers(course_id).subquery())
    ).one()


def send(
    session: Session, *, announcement_id: int, course: Course, at: datetime, now: datetime
) -> int:
    """Queue the announcement for every active follower, due at `at`. Returns how many.
    Only a ready announcement is sent, so a double tap on Send sends once."""
    row = session.get(Announcement, announcement_id)
    if row is None or row.state != AnnouncementState.READY.value:
        return 0
    chats = session.exec(_active_followers(course.id)).all()
    payload = AnnouncementMessage(course.title, course.id, course.provider, row.text).to_json()
    for chat_id in chats:
        session.add(
            Outbox(
                chat_id=chat_id,
                kind=OutboxKind.ANNOUNCEMENT.value,
                course_id=course.id,
                due_at=at,
                payload=payload,
                announcement_id=row.id,
            )
        )
    row.state = (AnnouncementState.SCHEDULED if at > now else AnnouncementState.SENDING).value
    row.send_at = at
    row.recipients = len(chats)
    if not chats:
        row.state = AnnouncementState.DONE.value
    return len(chats)


def cancel(session: Session, *, announcement_id: int) -> bool:
    """Cancel a draft or a scheduled announcement that has not gone out."""
    row = session.get(Announcement, announcement_id)
    if row is None or row.state not in (*OPEN, AnnouncementState.SCHEDULED.value):
        return False
    row.state = AnnouncementState.CANCELLED.value
    session.execute(
        delete(Outbox).where(
            col(Outbox.announcement_id) == announcement_id,
            col(Outbox.state) == OutboxState.PENDING.value,
        )
    )
    return True


def report_finished(session: Session, *, now: datetime) -> list[AnnouncementReport]:
    """Announcements whose every message is done: mark them done and queue a report to each
    author. Returns the reports queued."""
    reports = []
    going = session.exec(
        select(Announcement).where(
            col(Announcement.state).in_(
                [AnnouncementState.SENDING.value, AnnouncementState.SCHEDULED.value]
            )
        )
    ).all()
    for row in going:
        states = dict(
            session.exec(
                select(Outbox.state, func.count())
                .where(col(Outbox.announcement_id) == row.id)
                .group_by(col(Outbox.state))
            ).all()
        )
        if states.get(OutboxState.PENDING.value) or states.get(OutboxState.CLAIMED.value):
            continue
        assert row.id is not None
        report = AnnouncementReport(
            row.id,
            row.author_id,
            row.course_id,
            states.get(OutboxState.SENT.value, 0),
            states.get(OutboxState.CANCELLED.value, 0),
            states.get(OutboxState.FAILED.value, 0),
        )
        row.state = AnnouncementState.DONE.value
        session.add(
            Outbox(
                chat_id=row.author_id,
                kind=OutboxKind.REPORT.value,
                course_id=row.course_id,
                due_at=now,
                payload=report.to_json(),
            )
        )
        reports.append(report)
    return reports


def cancellations(session: Session) -> dict[str, dict[datetime, str]]:
    """course id -> {session start: reason}, for every cancelled session."""
    found: dict[str, dict[datetime, str]] = {}
    for row in session.exec(select(SessionCancellation)).all():
        found.setdefault(row.course_id, {})[row.session_start] = row.reason
    return found


def cancel_session(
    session: Session,
    *,
    course: Course,
    start: datetime,
    reason: str,
    by: int,
    now: datetime,
    policy: ReminderPolicy,
) -> int:
    """Cancel one session: record it, drop its reminders (planning the next session's instead)
    and queue one notice per active follower. Returns how many followers will be told."""
    if session.get(SessionCancellation, (course.id, start)) is not None:
        return 0
    session.add(
        SessionCancellation(
            course_id=course.id,
            session_start=start,
            reason=reason[:300],
            cancelled_by=by,
            cancelled_at=now,
        )
    )
    session.flush()
    told = 0
    followers = session.exec(
        select(Follow, ResidentRow)
        .join(ResidentRow, col(ResidentRow.chat_id) == col(Follow.chat_id))
        .where(col(Follow.course_id) == course.id)
    ).all()
    for row, resident in followers:
        if not resident.active:
            continue
        planning.replan(session, row, course, now=now, policy=policy)
        outbox.add_notice(
            session,
            chat_id=row.chat_id,
            course_id=course.id,
            notice=ChangeNotice(course.title, course.id, cancelled=(start,), reason=reason),
            now=now,
        )
        told += 1
    return told
