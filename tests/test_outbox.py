"""The outbox's claim is atomic: senders racing for due rows never take the same one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import insert

from store import outbox
from store.store import Store
from store.tables import Outbox
from tests.conftest import NOW


async def test_racing_claims_never_take_the_same_row(store: Store) -> None:
    engine = store.engine
    rows = [
        {
            "chat_id": 9_000 + n,
            "kind": "notice",
            "course_id": "X",
            "due_at": NOW - timedelta(seconds=n),
            "state": "pending",
            "attempts": 0,
            "payload": "{}",
            "error": "",
        }
        for n in range(300)
    ]
    with engine.begin() as connection:
        connection.execute(insert(Outbox), rows)

    def claim_all() -> list[int]:
        taken = []
        while batch := store.transaction(lambda s: outbox.claim_due(s, now=NOW, limit=7)):
            taken += [row.id for row in batch if row.id is not None]
        return taken

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: claim_all(), range(4)))
    claimed = [row_id for result in results for row_id in result]
    assert len(claimed) == 300
    assert len(set(claimed)) == 300
    assert await store.outbox_counts() == {"claimed": 300}


async def test_claims_come_oldest_first(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            insert(Outbox),
            [
                {
                    "chat_id": n,
                    "kind": "notice",
                    "due_at": NOW - timedelta(minutes=n),
                    "state": "pending",
                    "attempts": 0,
                    "payload": "{}",
                    "error": "",
                    "course_id": "",
                }
                for n in range(5)
            ],
        )
    batch = await store.claim_due(limit=2)
    assert [row.chat_id for row in batch] == [4, 3]
    assert all(row.attempts == 1 for row in batch)
    store.clock = lambda: NOW - timedelta(hours=1)
    assert await store.claim_due(limit=10) == []


async def test_a_claim_takes_no_more_than_asked_when_all_are_due_together(store: Store) -> None:
    # An announcement: hundreds of rows due at the same moment. PostgreSQL once claimed all of
    # them at once through `id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)`.
    with store.engine.begin() as connection:
        connection.execute(
            insert(Outbox),
            [
                {"chat_id": n, "kind": "announcement", "course_id": "X", "due_at": NOW,
                 "state": "pending", "attempts": 0, "payload": "{}", "error": "",
                 "announcement_id": 1}
                for n in range(200)
            ],
        )  # fmt: skip
    store.clock = lambda: NOW
    assert len(await store.claim_due(limit=30)) == 30
    assert (await store.outbox_counts()) == {"claimed": 30, "pending": 170}
