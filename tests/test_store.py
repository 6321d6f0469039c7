"""The store's promise: each method is one transaction, so an action and its audit entry are
kept together or not at all."""

from __future__ import annotations

import pytest

from store import roles
from store.store import Audit, Store


async def test_an_action_and_its_audit_entry_commit_together(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def audit_fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(roles, "audit", audit_fails)
    with pytest.raises(RuntimeError):
        await store.grant(7, "Hulme Makers Co-op", Audit(42, "grant", "7 Hulme Makers Co-op"))
    monkeypatch.undo()
    assert await store.coordinators() == {}  # no grant without its audit entry

    assert await store.grant(7, "Hulme Makers Co-op", Audit(42, "grant", "7 Hulme Makers Co-op"))
    assert await store.coordinators() == {7: frozenset({"Hulme Makers Co-op"})}
    (entry,) = await store.audit_trail()
    assert (entry.user_id, entry.action, entry.outcome) == (42, "grant", "done")
    taken = await store.revoke(7, None, Audit(42, "revoke", "7 *"))
    assert taken == 1
    assert [e.outcome for e in await store.audit_trail()] == ["1 taken back", "done"]
