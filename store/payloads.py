"""What an outbox row carries besides its chat, course and time: one typed payload per kind of
message, stored as JSON. Written here by the store, read by delivery; a reminder needs none (its
course and session are columns). The JSON shape is the one older rows already hold."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from store.tables import OutboxKind

MAX_ANNOUNCEMENT = 3000  # characters a coordinator may write: room for the frame around it


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """Sessions of a followed course that moved or were cancelled, or the course is gone."""

    course: str  # its title, as the resident knew it
    course_id: str = ""
    removed: bool = False
    moved: tuple[tuple[datetime, datetime], ...] = ()  # (was, now)
    cancelled: tuple[datetime, ...] = ()
    reason: str = ""  # the coordinator's, for a cancelled session

    def to_json(self) -> str:
        if self.removed:
            return json.dumps({"course": self.course, "removed": True})
        data: dict[str, object] = {
            "course": self.course,
            "course_id": self.course_id,
            "moved": [[a.isoformat(), b.isoformat()] for a, b in self.moved],
            "cancelled": [c.isoformat() for c in self.cancelled],
        }
        if self.reason:
            data["reason"] = self.reason
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> ChangeNotice:
        data = json.loads(text or "{}")
        return cls(
            course=str(data.get("course", "")),
            course_id=str(data.get("course_id", "")),
            removed=bool(data.get("removed")),
            moved=tuple(
                (datetime.fromisoformat(a), datetime.fromisoformat(b))
                for a, b in data.get("moved", [])
            ),
            cancelled=tuple(datetime.fromisoformat(c) for c in data.get("cancelled", [])),
            reason=str(data.get("reason") or ""),
        )


@dataclass(frozen=True, slots=True)
class AnnouncementMessage:
    """A coordinator's words to a course's followers, with what frames them."""

    course: str
    course_id: str
    provider: str
    text: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> AnnouncementMessage:
        data = json.loads(text)
        return cls(str(data["course"]), str(data["course_id"]), data["provider"], data["text"])


@dataclass(frozen=True, slots=True)
class AnnouncementReport:
    """To the author, once every message of their announcement is done: how it went."""

    announcement_id: int
    author_id: int
    course_id: str
    delivered: int
    blocked: int
    failed: int

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> AnnouncementReport:
        data = json.loads(text)
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


Payload = ChangeNotice | AnnouncementMessage | AnnouncementReport
KINDS: dict[OutboxKind, type[Payload]] = {
    OutboxKind.NOTICE: ChangeNotice,
    OutboxKind.ANNOUNCEMENT: AnnouncementMessage,
    OutboxKind.REPORT: AnnouncementReport,
}


def read(kind: str, text: str) -> Payload | None:
    """The payload of an outbox row of this kind; None for a reminder."""
    cls = KINDS.get(OutboxKind(kind))
    return None if cls is None else cls.from_json(text)
