"""The live catalogue: the database plus the search index built from it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from catalogue import db, importer, index
from catalogue.models import Course

SAMPLE_NAME = "manchester.csv"


def sample_path() -> Path:
    return Path(str(resources.files("catalogue") / "sample" / SAMPLE_NAME))


class Catalogue:
    """Owns the engine and the current index. The index is swapped whole, never edited,
    so a search running during a reload sees the old catalogue or the new one."""

    def __init__(self, engine: Engine, *, tz: ZoneInfo) -> None:
        self.engine = engine
        self.tz = tz
        self.index = index.build((), tz=tz)

    @classmethod
    def open(cls, database_url: str, *, tz: ZoneInfo, seed_sample: bool = True) -> Catalogue:
        """Connect, create tables, load the sample when the database is empty, build the index."""
        catalogue = cls(db.make_engine(database_url), tz=tz)
        if seed_sample and db.count_courses(catalogue.engine) == 0:
            result = importer.parse_file(sample_path(), tz=tz)
            catalogue.replace(result.courses)
        else:
            catalogue.refresh()
        return catalogue

    def refresh(self) -> None:
        self.index = index.build(db.load_courses(self.engine), tz=self.tz)

    def replace(
        self, courses: Sequence[Course], *, progress: Callable[[int, int], None] | None = None
    ) -> None:
        db.replace_catalogue(self.engine, courses=courses, progress=progress)
        self.index = index.build(courses, tz=self.tz)

    def record_miss(self, text: str, *, now: datetime) -> None:
        db.record_miss(self.engine, text=text, now=now)

    def close(self) -> None:
        self.engine.dispose()
