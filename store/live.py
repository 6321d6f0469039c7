"""The live catalogue: the stored courses and the search index built from them, swapped whole.

A search running during a reload sees the old catalogue or the new one, never a mixture. The
courses, the followers' replanned reminders and the audit entry of a reload commit together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path

from sqlmodel import Session

from catalogue import importer
from catalogue.models import Course
from search import index
from store import courses as stored
from store.planning import CourseLookup
from store.store import Audit, Store

SAMPLE_NAME = "manchester.csv"
Progress = Callable[[int, int], None]


def sample_path() -> Path:
    return Path(str(resources.files("catalogue") / "sample" / SAMPLE_NAME))


class LiveCatalogue:
    """The current index, built from the store's courses, and the sessions coordinators
    cancelled (kept beside the index, not in it, so a cancellation needs no rebuild)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.tz = store.policy.tz
        self.index = index.build((), tz=self.tz)
        self.version = -1  # the stored catalogue's version this index was built from
        self.cancelled: dict[str, dict[datetime, str]] = {}

    @classmethod
    def open(cls, store: Store, *, seed_sample: bool = True) -> LiveCatalogue:
        """Build the index from the store, loading the sample into an empty database first.
        Synchronous: start-up runs it in a thread, the CLI directly."""
        catalogue = cls(store)
        if seed_sample and store.transaction(stored.count_courses) == 0:
            catalogue.replace(importer.parse_file(sample_path(), tz=catalogue.tz).courses)
        else:
            catalogue.refresh()
        return catalogue

    def refresh(self) -> None:
        version, courses = self.store.transaction(
            lambda s: (stored.catalogue_version(s), stored.load_courses(s))
        )
        self.index = index.build(courses, tz=self.tz, now=self.store.now())
        self.cancelled = self.store.cancellations()
        self.version = version

    def refresh_if_changed(self) -> bool:
        """Pick up a catalogue another process imported, and sessions cancelled there."""
        self.cancelled = self.store.cancellations()
        if self.store.transaction(stored.catalogue_version) == self.version:
            return False
        self.refresh()
        return True

    async def pick_up_changes(self) -> bool:
        """refresh_if_changed, off the event loop."""
        return await asyncio.to_thread(self.refresh_if_changed)

    def replace(
        self,
        courses: Sequence[Course],
        *,
        audit: Audit | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Swap in a new catalogue: store it, replan followers' reminders and queue a notice
        to each follower whose sessions moved or were cancelled, in one transaction; then
        serve it. Returns how many followers were told."""
        old = self.index
        new = index.build(courses, tz=self.tz, now=self.store.now())
        self.version, told = _swap(
            self.store, courses, old=old.get, new=new.get, audit=audit, progress=progress
        )
        self.index = new
        return told

    async def reload(self, courses: Sequence[Course], audit: Audit) -> int:
        """replace, off the event loop."""
        return await asyncio.to_thread(self.replace, courses, audit=audit)

    async def cancel_sessions(
        self, course: Course, starts: Sequence[datetime], reason: str, audit: Audit
    ) -> int:
        """Cancel sessions for good; returns how many followers will be told."""
        told = await self.store.cancel_sessions(course, starts, reason, audit)
        self.cancelled = await asyncio.to_thread(self.store.cancellations)
        return told

    def cancelled_sessions(self, course_id: str) -> Mapping[datetime, str]:
        """Session start -> reason, for the course's cancelled sessions."""
        return self.cancelled.get(course_id, {})


def store_catalogue(
    store: Store,
    courses: Sequence[Course],
    *,
    audit: Audit | None = None,
    progress: Progress | None = None,
) -> int:
    """`LiveCatalogue.replace` for a process that will not serve the catalogue (`learnbot
    import`): the same transaction, courses looked up by id instead of through two search
    indexes (at 100k courses, building them was a fifth of the import). The bot picks it up."""
    previous = {c.id: c for c in store.transaction(stored.load_courses)}
    fresh = {c.id: c for c in courses}
    _, told = _swap(
        store, courses, old=previous.get, new=fresh.get, audit=audit, progress=progress
    )
    return told


def _swap(
    store: Store,
    courses: Sequence[Course],
    *,
    old: CourseLookup,
    new: CourseLookup,
    audit: Audit | None,
    progress: Progress | None,
) -> tuple[int, int]:
    """Store a catalogue, replan followers' reminders, queue their notices and audit it, in
    one transaction; returns the new catalogue version and how many followers were told."""

    def work(session: Session) -> tuple[int, int]:
        version = stored.replace_catalogue(session, courses=courses, progress=progress)
        told = store.after_import(session, old=old, new=new)
        if audit is not None:
            store.audit_within(session, audit, f"{len(courses)} courses, {told} told")
        return version, told

    return store.transaction(work)
