"""The audit log: every sign-in, sign-out, lock, upload, rollback and account change.

Append-only by design: this module can add and read entries and nothing else;
no code path in the app edits or deletes them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from analytics.store.schema import audit_table
from analytics.store.store import Store

ACTIONS = (
    "sign_in", "sign_out", "session_expired", "lock", "upload_dry_run", "upload_save", "rollback",
    "user_add", "user_disable", "user_reset_password", "sso_sign_in",
    # A refused page, action or command (who, what, why), and a session ended because its
    # account was disabled or its password reset since it began.
    "access_refused", "session_revoked",
    # A session resumed on reload from the remembered sign-in cookie (issue #20, item 12), and a
    # write by a session signed in before its name was locked by failed guesses (item 3 of the review).
    "session_resumed", "locked_name_write",
)


def record(store: Store, action: str, *, user: str | None, outcome: str = "ok", detail: str | None = None,
           client: str | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with store.engine.begin() as conn:
        conn.execute(audit_table.insert().values(
            at=datetime.now(UTC).isoformat(timespec="seconds"), user_name=user, action=action,
            outcome=outcome, detail=detail, client=client))


def last(store: Store, user: str, action: str) -> str | None:
    """When `user` last did `action` (ISO time), or None."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(audit_table.c.at))
                            .where(audit_table.c.user_name == user, audit_table.c.action == action)).scalar()


def entries(store: Store, *, user: str | None = None, action: str | None = None, since: str | None = None,
            limit: int | None = 1000) -> pd.DataFrame:
    """Newest first; filters are exact (user, action) or an ISO date/time lower bound (since)."""
    query = sa.select(audit_table).order_by(audit_table.c.id.desc())
    if user:
        query = query.where(audit_table.c.user_name == user)
    if action:
        query = query.where(audit_table.c.action == action)
    if since:
        query = query.where(audit_table.c.at >= since)
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return pd.read_sql(query, conn)
