"""Residents' follows: following, changing the lead time, stopping, /forget, and replanning
every follower when a new catalogue comes in. Each follow has at most one pending reminder in
the outbox, for its next session (store/planning.py plans it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from catalogue.models import Course
from store import outbox
from store.payloads import ChangeNotice
from store.planning import CourseLookup, ReminderPolicy, drop_pending, plan
from store.tables import (
    AuditEntry,
    Follow,
    Outbox,
    ResidentRow,
)


def follow(
    session: Session,
    *,
    chat_id: int,
    course: Course,
    lead_minutes: int,
    now: datetime,
    policy: ReminderPolicy,
    language: str | None = None,
) -> None:
    """Follow a course (or change the lead time), and plan its next reminder. `language` is
    the one the bot speaks to them in now: their reminders come in it, unless they chose
    another with /language."""
    resident = session.get(ResidentRow, chat_id)
    if resident is None:
        resident = ResidentRow(chat_id=chat_id, active=True, created_at=now)
        session.add(resident)
    elif not resident.active:
        resident.active = True  # they are back: whatever they follow is planned again
    if language is not None and not resident.language_chosen:
        resident.language = language
    row = session.exec(
        select(Follow).where(Follow.chat_id == chat_id, Follow.course_id == course.id)
    ).first()
    if row is None:
        session.add(
            Follow(chat_id=chat_id, course_id=course.id, lead_minutes=lead_minutes, created_at=now)
        )
    else:
        row.lead_minutes = lead_minutes
    drop_pending(session, chat_id=chat_id, course_id=course.id)
    plan(session, chat_id, course, lead_minutes, after=now, now=now, policy=policy)


def unfollow(session: Session, *, chat_id: int, course_id: str) -> bool:
    """Stop following a course; its pending reminder goes too. False if not followed."""
    drop_pending(session, chat_id=chat_id, course_id=course_id)
    deleted = session.execute(
        delete(Follow).where(col(Follow.chat_id) == chat_id, col(Follow.course_id) == course_id)
    )
    return bool(deleted.rowcount)  # type: ignore[attr-defined]


def followed(session: Session, *, chat_id: int) -> list[Follow]:
    return list(
        session.exec(
            select(Follow).where(Follow.chat_id == chat_id).order_by(col(Follow.created_at))
        ).all()
    )


def lead_of(session: Session, *, chat_id: int, course_id: str) -> int | None:
    """The lead time in minutes if the chat follows the course."""
    return session.exec(
        select(Follow.lead_minutes).where(Follow.chat_id == chat_id, Follow.course_id == course_id)
    ).first()


def forget(session: Session, *, chat_id: int) -> int:
    """Delete everything held about a chat (in a private chat, the chat id is the user id):
    follows, messages owed, the resident row, and any audit entries of theirs, such as a
    refused attempt at an admin command. Returns how many follows there were."""
    session.execute(delete(Outbox).where(col(Outbox.chat_id) == chat_id))
    session.execute(delete(AuditEntry).where(col(AuditEntry.user_id) == chat_id))
    follows = session.execute(delete(Follow).where(col(Follow.chat_id) == chat_id))
    session.execute(delete(ResidentRow).where(col(ResidentRow.chat_id) == chat_id))
    return int(follows.rowcount)  # type: ignore[attr-defined]


def after_import(
    session: Session,
    *,
    old: CourseLookup,
    new: CourseLookup,
    now: datetime,
    policy: ReminderPolicy,
) -> int:
    """Replan followers' reminders after the catalogue changed, and tell each follower once
    which of their upcoming sessions moved or were cancelled, or that the course is gone.
    Returns how many residents were told."""
    told = 0
    follows = session.exec(select(Follow)).all()
    active = set(session.exec(select(ResidentRow.chat_id).where(col(ResidentRow.active))).all())
    for row in follows:
        before, after = old(row.course_id), new(row.course_id)
        change = _change(before, after, now=now)
        if change is None:
            continue
        drop_pending(session, chat_id=row.chat_id, course_id=row.course_id)
        if row.chat_id in active:
            outbox.add_notice(
                session, chat_id=row.chat_id, course_id=row.course_id, notice=change, now=now
            )
            told += 1
        if after is None:
            session.delete(row)
        elif row.chat_id in active:
            plan(
                session,
                row.chat_id,
                after,
                row.lead_minutes,
                after=now,
                now=now,
                policy=policy,
            )
    return told


def _change(before: Course | None, after: Course | None, *, now: datetime) -> ChangeNotice | None:
    """What a follower should hear about, as a notice payload; None if nothing they follow
    changed."""
    if before is None:
        return None
    title = before.title
    if after is None:
        return ChangeNotice(title, removed=True)
    old = {s.start: s for s in before.sessions if s.start > now}
    new = {s.start: s for s in after.sessions if s.start > now}
    gone = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    if not gone:
        return None  # new sessions alone are good news the next reminder will carry
    moved = list(zip(gone, added, strict=False))
    cancelled = gone[len(moved) :]
    return ChangeNotice(after.title, after.id, moved=tuple(moved), cancelled=tuple(cancelled))


def audience(session: Session) -> tuple[int, int, int]:
    """Residents following anything, how many of them are active, and how many follows."""
    residents = session.exec(select(func.count()).select_from(ResidentRow)).one()
    active = session.exec(
        select(func.count()).select_from(ResidentRow).where(col(ResidentRow.active))
    ).one()
    following = session.exec(select(func.count()).select_from(Follow)).one()
    return residents, active, following


def count_followers(session: Session, *, course_ids: Sequence[str]) -> int:
    """Residents following any of these courses."""
    if not course_ids:
        return 0
    return session.exec(
        select(func.count(func.distinct(Follow.chat_id))).where(
            col(Follow.course_id).in_(list(course_ids))
        )
    ).one()


def chosen_language(session: Session, *, chat_id: int) -> str | None:
    """The language a resident picked with /language, if they did."""
    resident = session.get(ResidentRow, chat_id)
    return resident.language if resident is not None and resident.language_chosen else None


def choose_language(session: Session, *, chat_id: int, language: str, now: datetime) -> None:
    resident = session.get(ResidentRow, chat_id)
    if resident is None:
        resident = ResidentRow(chat_id=chat_id, active=True, created_at=now)
        session.add(resident)
    resident.language = language
    resident.language_chosen = True


def languages(session: Session, *, chat_ids: Sequence[int]) -> dict[int, str]:
    """chat id -> the language to write to them in, for those who have one."""
    if not chat_ids:
        return {}
    rows = session.exec(
        select(ResidentRow.chat_id, ResidentRow.language).where(
            col(ResidentRow.chat_id).in_(list(chat_ids)), col(ResidentRow.language).is_not(None)
        )
    ).all()
    return {chat_id: language for chat_id, language in rows if language}
