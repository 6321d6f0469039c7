"""A course and its sessions: the frozen values that import produces, the search index reads
and handlers show. How they are stored is store/'s business (store/tables.py). Times are
timezone-aware UTC throughout."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Mode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BLENDED = "blended"


@dataclass(frozen=True, slots=True)
class CourseSession:
    """One meeting of a course, in UTC."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    title: str
    provider: str
    description: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    level: str = ""
    audience: str = ""
    cost_pence: int | None = None
    mode: Mode = Mode.IN_PERSON
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
    # Dates a course runs between when its feed gives no timetable (XCRI-CAP presentations,
    # course-directory start dates): enough to tell current from finished.
    starts_on: date | None = None
    ends_on: date | None = None
    sessions: tuple[CourseSession, ...] = field(default=())

    @property
    def is_free(self) -> bool:
        return self.cost_pence == 0

    def upcoming(self, now: datetime) -> tuple[CourseSession, ...]:
        """Sessions that have not finished yet, soonest first."""
        return tuple(s for s in self.sessions if s.end > now)
