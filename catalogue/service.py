"""The live catalogue: the database plus the search index built from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from catalogue import announcements, db, follows, importer
from catalogue.models import Course
from catalogue.reminders import QuietHours
from search import index

SAMPLE_NAME = "manchester.csv"


def sample_path() -> Path:
    return Path(str(resources.files("catalogue") / "sample" / SAMPLE_NAME))


class Catalogue:
    """Owns the engine and the current index. The index is swapped whole, never edited,
    so a search running during a reload sees the old catalogue or the new one."""

    def __init__(self, engine: Engine, *, tz: ZoneInfo, quiet: QuietHours | None = None) -> None:
        self.engine = engine
        self.tz = tz
        self.schedule = follows.Schedule(tz=tz, quiet=quiet)
        self.index = index.build((), tz=tz)
        self.version = -1  # the database's catalogue version this index was built from
        # course id -> {session start: reason}: sessions coordinators cancelled. Kept beside
        # the index, not in it, so a cancellation needs no rebuild and survives reloads.
        self.cancelled: dict[str, dict[datetime, str]] = {}

    @classmethod
    def open(
        cls,
        database_url: str,
        *,
        tz: ZoneInfo,
        quiet: QuietHours | None = None,
        seed_sample: bool = True,
    ) -> Catalogue:
        """Connect, create tables, load the sample when the database is empty, build the index."""
        catalogue = cls(db.make_engine(database_url), tz=tz, quiet=quiet)
        if seed_sample and db.count_courses(catalogue.engine) == 0:
            result = importer.parse_file(sample_path(), tz=tz)
            catalogue.replace(result.courses)
        else:
            catalogue.refresh()
        return catalogue

    def refresh(self) -> None:
        version = db.catalogue_version(self.engine)
        self.index = index.build(db.load_courses(self.engine), tz=self.tz)
        self.cancelled = announcements.cancellations(self.engine)
        self.version = version

    def refresh_if_changed(self) -> bool:
        """Pick up a catalogue another process imported (`learnbot import` while running)."""
        self.cancelled = announcements.cancellations(self.engine)
        if db.catalogue_version(self.engine) == self.version:
            return False
        self.refresh()
        return True

    def cancel_session(
        self, course: Course, start: datetime, *, reason: str, by: int, now: datetime
    ) -> int:
        """Cancel one session for good; returns how many followers will be told."""
        told = announcements.cancel_session(
            self.engine,
            course=course,
            start=start,
            reason=reason,
            by=by,
            now=now,
            schedule=self.schedule,
        )
        self.cancelled = announcements.cancellations(self.engine)
        return told

    def replace(
        self,
        courses: Sequence[Course],
        *,
        now: datetime | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Swap in a new catalogue, then replan followers' reminders and queue a notice for
        each follower whose sessions moved or were cancelled. Returns how many were told."""
        old = self.index
        self.version = db.replace_catalogue(self.engine, courses=courses, progress=progress)
        self.index = index.build(courses, tz=self.tz)
        return follows.after_import(
            self.engine,
            old=old.get,
            new=self.index.get,
            now=now or datetime.now(UTC),
            schedule=self.schedule,
        )

    def cancelled_sessions(self, course_id: str) -> Mapping[datetime, str]:
        """Session start -> reason, for the course's cancelled sessions."""
        return self.cancelled.get(course_id, {})

    def record_search(self, text: str, *, found: bool, now: datetime) -> None:
        db.record_search(
            self.engine, text=text, found=found, now=now, day=now.astimezone(self.tz).date()
        )

    def close(self) -> None:
        self.engine.dispose()
