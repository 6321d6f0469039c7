"""Every table the bot keeps, as SQLModel classes: the catalogue's courses and sessions, and
residents' state (follows, the outbox, announcements, cancellations, roles, audit, search
counts). Only store/ reads and writes them; Alembic (store/migrations) shapes them. Times are
stored as UTC and come back aware, on SQLite too."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from catalogue.models import Mode


class CourseRow(SQLModel, table=True):
    __tablename__ = "course"

    id: str = Field(primary_key=True, max_length=40)
    title: str
    provider: str
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category: str = ""
    tags: str = ""  # ';'-joined
    level: str = ""
    audience: str = ""
    cost_pence: int | None = None
    mode: str = Mode.IN_PERSON.value
    venue: str = ""
    address: str = ""
    postcode: str = ""
    area: str = ""
    lat: float | None = None
    lon: float | None = None
    booking_url: str = ""
    contact: str = ""
    accessibility: str = ""
    language: str = "English"
    starts_on: date | None = None
    ends_on: date | None = None


class SessionRow(SQLModel, table=True):
    __tablename__ = "course_session"

    id: int | None = Field(default=None, primary_key=True)
    course_id: str = Field(foreign_key="course.id", index=True, ondelete="CASCADE")
    starts_at: datetime
    ends_at: datetime


class CatalogueVersion(SQLModel, table=True):
    """One row, bumped by every import, so a running bot notices a catalogue replaced by
    another process."""

    __tablename__ = "catalogue_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0


class SearchStat(SQLModel, table=True):
    """How often a search text was sent, and how often it found nothing: the text and the
    counts, never who asked."""

    __tablename__ = "search_stat"

    text: str = Field(primary_key=True, max_length=200)
    searches: int = 0
    misses: int = 0
    first_seen: datetime
    last_seen: datetime


class SearchDay(SQLModel, table=True):
    __tablename__ = "search_day"

    day: date = Field(primary_key=True)  # local date
    searches: int = 0
    misses: int = 0


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting for its due time
    CLAIMED = "claimed"  # taken by the sender; in flight
    SENT = "sent"
    MISSED = "missed"  # its session had started before it could go out
    CANCELLED = "cancelled"  # the session or the follow went away, or the resident left
    FAILED = "failed"  # Telegram refused it for good; the error is kept


class OutboxKind(StrEnum):
    REMINDER = "reminder"
    NOTICE = "notice"  # what changed in a followed course
    ANNOUNCEMENT = "announcement"  # a coordinator's message to a course's followers
    REPORT = "report"  # to a coordinator: how their announcement went


class ResidentRow(SQLModel, table=True):
    """A chat that follows courses. Nothing else about the person is kept."""

    __tablename__ = "resident"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    active: bool = True  # false once Telegram says they blocked the bot
    created_at: datetime
    # The language the bot speaks to them in messages it sends on its own (reminders,
    # notices); `language_chosen` when they picked it with /language, rather than it
    # following their Telegram app's language.
    language: str | None = Field(default=None, max_length=16)
    language_chosen: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Follow(SQLModel, table=True):
    __tablename__ = "follow"
    __table_args__ = (UniqueConstraint("chat_id", "course_id"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    course_id: str = Field(max_length=40)  # the provider's id, stable across reloads
    lead_minutes: int
    created_at: datetime


class Outbox(SQLModel, table=True):
    """Messages the bot owes residents, sent when due: claimed before sending, marked after."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    kind: str = OutboxKind.REMINDER.value
    course_id: str = Field(default="", max_length=40)
    session_start: datetime | None = None
    due_at: datetime = Field(index=True)
    state: str = Field(default=OutboxState.PENDING.value, index=True)
    attempts: int = 0
    payload: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    announcement_id: int | None = Field(default=None, index=True)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    error: str = ""


class Coordinator(SQLModel, table=True):
    """A Telegram user who may announce to, and cancel sessions of, one provider's courses."""

    __tablename__ = "coordinator"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    provider: str = Field(primary_key=True, max_length=200)
    granted_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    granted_at: datetime


class AuditEntry(SQLModel, table=True):
    """Every privileged action, refusals included: who, what, when, outcome."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    action: str = Field(max_length=40)
    detail: str = Field(default="", max_length=500)
    outcome: str = Field(max_length=40)


class SessionCancellation(SQLModel, table=True):
    """A session a coordinator cancelled. Kept apart from the imported sessions so that a
    reload of the provider's file does not bring a cancelled session back."""

    __tablename__ = "session_cancellation"

    course_id: str = Field(primary_key=True, max_length=40)
    session_start: datetime = Field(primary_key=True)
    reason: str = Field(default="", max_length=300)
    cancelled_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    cancelled_at: datetime


class AnnouncementState(StrEnum):
    DRAFT = "draft"  # course chosen, text not yet written
    READY = "ready"  # written, waiting for Send or Cancel
    SCHEDULED = "scheduled"  # queued in the outbox for later
    SENDING = "sending"
    DONE = "done"  # all sent and reported
    CANCELLED = "cancelled"


class Announcement(SQLModel, table=True):
    __tablename__ = "announcement"

    id: int | None = Field(default=None, primary_key=True)
    course_id: str = Field(max_length=40)
    author_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    state: str = Field(default=AnnouncementState.DRAFT.value, index=True)
    created_at: datetime
    send_at: datetime | None = None
    recipients: int = 0


class RememberedSearch(SQLModel, table=True):
    """A resident's recent search, kept under the short token its buttons carry ("More",
    "Back to results"), so any instance can page it. A chat keeps its last few; /forget
    deletes them."""

    __tablename__ = "remembered_search"

    id: int | None = Field(default=None, primary_key=True)  # the order they came in
    token: str = Field(unique=True, max_length=16)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class SharedLocation(SQLModel, table=True):
    """Where a resident said they are, to rank their searches by distance for a day; then
    it is forgotten (and /forget deletes it at once)."""

    __tablename__ = "shared_location"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    lat: float
    lon: float
    shared_at: datetime


class PendingReload(SQLModel, table=True):
    """A validated catalogue waiting for an admin's Confirm (any instance may get the press);
    dropped after an hour."""

    __tablename__ = "pending_reload"

    token: str = Field(primary_key=True, max_length=16)
    admin_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    source: str = Field(max_length=500)
    courses: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    created_at: datetime
