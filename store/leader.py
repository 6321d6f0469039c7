"""Which instance runs the outbox and the scheduled jobs: the one holding a PostgreSQL advisory
lock, on a connection it keeps open. If that instance dies, its connection closes, PostgreSQL
releases the lock, and the next instance to ask takes over. PostgreSQL is the coordinator: no
protocol of our own beside it. On SQLite (one process) this instance always leads."""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

log = logging.getLogger(__name__)

LOCK_KEY = 0x4C6561726E426F74  # "LearnBot": the one lock every instance asks for


class Leadership:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._holding: Connection | None = None

    @property
    def shared(self) -> bool:
        """Several instances may share this database (PostgreSQL)."""
        return self.engine.dialect.name == "postgresql"

    def try_lead(self) -> bool:
        """Lead if no other instance does; keep leading while the lock's connection lives.
        Synchronous: call it from a thread."""
        if not self.shared:
            return True
        if self._holding is not None:
            try:
                self._holding.execute(text("SELECT 1"))
                return True
            except (DBAPIError, OperationalError):
                log.warning("lost the delivery lock: the database connection broke")
                self._drop()
        try:
            connection = self.engine.connect()
        except (DBAPIError, OperationalError):
            return False  # the database is down: nobody leads until it is back
        try:
            got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
            if got.scalar():
                connection.commit()
                self._holding = connection
                log.info("this instance now runs the outbox and the scheduled jobs")
                return True
        except (DBAPIError, OperationalError):
            pass
        connection.close()
        return False

    def release(self) -> None:
        if self._holding is None:
            return
        try:
            self._holding.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            self._holding.commit()
        except (DBAPIError, OperationalError):
            pass  # closing the connection releases it anyway
        self._drop()

    def _drop(self) -> None:
        if self._holding is not None:
            try:
                self._holding.invalidate()  # never back into the pool: it held the lock
                self._holding.close()
            except (DBAPIError, OperationalError):
                pass
            self._holding = None
