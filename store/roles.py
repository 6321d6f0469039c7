"""Who may do what: coordinators per provider, and the audit trail of privileged actions.
(Admins come from settings, not the database.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from store.tables import AuditEntry, Coordinator


def coordinators(session: Session) -> dict[int, frozenset[str]]:
    """user id -> the providers they coordinate."""
    found: dict[int, set[str]] = {}
    for row in session.exec(select(Coordinator)).all():
        found.setdefault(row.user_id, set()).add(row.provider)
    return {user: frozenset(providers) for user, providers in found.items()}


def grant(session: Session, *, user_id: int, provider: str, by: int, now: datetime) -> bool:
    """Make a coordinator for a provider. False if they already were."""
    if session.get(Coordinator, (user_id, provider)) is not None:
        return False
    session.add(Coordinator(user_id=user_id, provider=provider, granted_by=by, granted_at=now))
    return True


def revoke(session: Session, *, user_id: int, provider: str | None = None) -> int:
    """Take back one provider, or all of them. Returns how many were taken back."""
    query = delete(Coordinator).where(col(Coordinator.user_id) == user_id)
    if provider is not None:
        query = query.where(col(Coordinator.provider) == provider)
    return int(session.execute(query).rowcount)  # type: ignore[attr-defined]


def audit(
    session: Session, *, user_id: int, action: str, detail: str, outcome: str, now: datetime
) -> None:
    session.add(
        AuditEntry(
            at=now, user_id=user_id, action=action[:40], detail=detail[:500], outcome=outcome
        )
    )


def audit_trail(session: Session, *, limit: int = 100) -> list[AuditEntry]:
    return list(
        session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit)).all()
    )
