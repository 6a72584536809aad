"""Editor and admin accounts: argon2 password hashes, sign-in with lockout, SSO role mapping,
and the check every write makes that its account still may.

Passwords are never stored or logged in clear. After FAILURES_BEFORE_LOCK failed
attempts for a name (existing or not) the name is locked for a delay that doubles
with every further failure; the message is the same whether or not the account
exists. An attempt is counted *before* its password is checked, in one transaction
holding the name's row, so parallel guesses cannot all slip in before the first
failure is recorded.

A session carries a stamp of the credential it was opened with (a digest of the
account's password hash). `authorise` re-reads the account for every write: a
disabled account, a role that no longer allows the action or a password reset
since the session began (the stamp no longer matches) refuses it, and the
refusal is audited. A lock on the name stops new password sign-ins (and callers
without a session), not a session that signed in before it: otherwise a guesser
who knows an editor's name could stop that editor's work; such writes are audited.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics.accounts import audit
from analytics.errors import DasborError
from analytics.i18n import pair
from analytics.store.schema import login_attempts_table, users_table
from analytics.store.store import Store
from analytics.text import clean_name

ROLES = ("editor", "admin")
FAILURES_BEFORE_LOCK = 5
# First lock 60 s, doubling per further failure, at most an hour.
LOCK_BASE_SECONDS = 60
LOCK_MAX_SECONDS = 3600
MIN_PASSWORD_LENGTH = 10
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

# argon2id with the library's RFC 9106 low-memory profile (memory-hard, 64 MiB).
_HASHER = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so timing does not reveal which names exist."""
    return _HASHER.hash("dasbor-kemiskinan-dummy-password")


class AccountError(DasborError):
    """An account command was refused (bad name, weak password, unknown account...)."""


class AccessRefused(DasborError):
    """A write was refused: no account, disabled, locked, role too low or session outdated."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            *pair("message.auth.no_longer_allowed"))
        self.reason = reason


@dataclass(frozen=True)
class User:
    name: str
    role: str
    # Digest of the password hash the session was opened with (see `credential_stamp`); empty
    # for an SSO identity. Not part of equality: it identifies a session, not an account.
    stamp: str = field(default="", compare=False, repr=False)

    def can(self, role: str) -> bool:
        """Admins can do everything editors can."""
        return self.role == "admin" or self.role == role


@dataclass(frozen=True)
class SignIn:
    user: User | None
    locked_for: int = 0  # seconds until the name may try again

    @property
    def ok(self) -> bool:
        return self.user is not None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def credential_stamp(password_hash: str) -> str:
    """What a session remembers of the credential it was opened with: a new password (a new
    salted hash) gives a new stamp, so sessions opened before a reset no longer match."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def normalise_name(name: object) -> str:
    """An account name as stored: trimmed, lower-case, no control characters, at most 100."""
    return clean_name(str(name or "")).strip().lower()[:100]


# Bundled list of common passwords (provenance in the file's header).
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "common_passwords.txt"
# Keyboard rows and counting runs: any stretch of ten or more of these is trivially guessable.
_SEQUENCES = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _guessable(password: str, name: str | None) -> bool:
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) <= 2:
        return True
    letters = re.sub(r"[^a-z0-9]", "", lowered)
    if letters.isdigit():  # ten digits: a telephone number, a date, a PIN written twice
        return True
    if any(letters and (letters in run * 2 or letters in run[::-1] * 2) for run in _SEQUENCES):
        return True
    return bool(name and len(name) >= 3 and name.lower() in lowered and len(lowered) - len(name) <= 6)


def _check_password(password: str, name: str | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(*pair("message.auth.password_too_short", min_password_length=MIN_PASSWORD_LENGTH))
    if _guessable(password, name):
        raise AccountError(
            *pair("message.auth.password_too_common"))


def add_user(store: Store, name: str, role: str, password: str, *, by: str | None = None) -> User:
    name = normalise_name(name)
    if not NAME_PATTERN.match(name):
        raise AccountError(*pair("message.auth.bad_account_name"))
    if role not in ROLES:
        raise AccountError(*pair("message.auth.bad_role"))
    _check_password(password, name)
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users_table.c.name).where(users_table.c.name == name)).first():
            raise AccountError(*pair("message.auth.account_exists", name=name))
        conn.execute(users_table.insert().values(
            name=name, role=role, password_hash=_HASHER.hash(password), disabled=False,
            created_at=_now(), password_changed_at=_now()))
    audit.record(store, "user_add", user=by, detail=f"{name} ({role})")
    return User(name, role)


def list_users(store: Store) -> pd.DataFrame:
    columns = [users_table.c.name, users_table.c.role, users_table.c.disabled, users_table.c.created_at,
               users_table.c.password_changed_at]
    with store.engine.connect() as conn:
        return pd.read_sql(sa.select(*columns).order_by(users_table.c.name), conn)


def _require_user(conn: sa.Connection, name: str) -> None:
    if conn.execute(sa.select(users_table.c.name).where(users_table.c.name == name)).first() is None:
        raise AccountError(*pair("message.auth.no_such_account", name=name))


def _refusal(row: object, role: str, stamp: str | None, now: float, locked_until: float | None) -> str | None:
    """Why the account row may not act with `role` (None: it may)."""
    if row is None:
        return "unknown account"
    if row.disabled:  # type: ignore[attr-defined]
        return "disabled"
    if row.role not in ROLES or not User(row.name, row.role).can(role):  # type: ignore[attr-defined]
        return f"role {row.role} lacks {role}"  # type: ignore[attr-defined]
    if locked_until and locked_until > now:
        return "locked"
    if stamp is not None and stamp != credential_stamp(row.password_hash):  # type: ignore[attr-defined]
        return "password changed since the session began"
    return None


def account_refusal(store: Store, name: str, role: str, *, stamp: str | None = None,
                    check_lock: bool = True, clock: float | None = None) -> str | None:
    """Why `name` may not act as `role` now, read afresh from the store (None: it may).
    `stamp` None skips the session check (the command line opens no session)."""
    now = time.time() if clock is None else clock
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
        attempt = conn.execute(sa.select(login_attempts_table.c.locked_until)
                               .where(login_attempts_table.c.name == name)).first()
    return _refusal(row, role, stamp, now, attempt.locked_until if attempt and check_lock else None)


def session_account(store: Store, name: str, stamp: str) -> tuple[User | None, str | None]:
    """The account behind a session, read afresh: (the account with its current role, None), or
    (None, why the session must end: unknown, disabled, or its password was reset since)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
    reason = _refusal(row, "editor", stamp, 0.0, None)
    if reason is not None:
        return None, reason
    return User(row.name, row.role, stamp), None


def authorise(store: Store, name: str | None, role: str, *, action: str, stamp: str | None = None,
              client: str | None = None, clock: float | None = None, write: bool = True) -> User:
    """The account `name` if it may still act as `role`, read afresh from the store; otherwise the
    refusal is audited and AccessRefused raised. Every write calls this just before writing.

    A lock on the name does not stop a session (`stamp` given) that signed in before it: the lock
    answers failed password guesses, and refusing the editor who is already in would hand anyone
    who knows the name a way to stop that editor's work for up to an hour (issue #20 review). Such
    a write is audited (locked_name_write) so an admin sees both the guesses and the work; the
    check on every run of a write page (`write=False`) is not."""
    name = normalise_name(name)
    session = stamp is not None
    reason = "not signed in" if not name else account_refusal(store, name, role, stamp=stamp, clock=clock,
                                                              check_lock=not session)
    if reason is not None:
        record_refusal(store, name or None, action, reason, client=client, known=reason != "unknown account")
        raise AccessRefused(reason)
    if session and write and is_locked(store, name, clock=clock):
        audit.record(store, "locked_name_write", user=name, detail=f"{action}: signed in before the lock",
                     client=client)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table.c.role).where(users_table.c.name == name)).first()
    return User(name, row.role, stamp or "")


def is_locked(store: Store, name: str, *, clock: float | None = None) -> bool:
    """Whether password sign-in for `name` is locked now (failed attempts)."""
    now = time.time() if clock is None else clock
    with store.engine.connect() as conn:
        until = conn.execute(sa.select(login_attempts_table.c.locked_until)
                             .where(login_attempts_table.c.name == normalise_name(name))).scalar()
    return bool(until and until > now)


def signed_out_since(store: Store, name: str, since: float) -> bool:
    """Whether `name` signed out (anywhere) at or after Unix time `since`: a remembered sign-in
    issued before a sign-out is void (analytics.accounts.session_cookie)."""
    last = audit.last(store, name, "sign_out")
    return bool(last) and datetime.fromisoformat(last).timestamp() >= int(since)


def record_refusal(store: Store, name: str | None, action: str, reason: str, *, client: str | None = None,
                   known: bool = True) -> None:
    """One audit entry for a refused attempt. A name that is no account is not written as the
    entry's user (it would read as if that account had acted); it is named in the detail."""
    detail = f"{action}: {reason}" if known or not name else f"{action}: {reason} ({name!r})"
    audit.record(store, "access_refused", user=name if known else None, outcome="refused", detail=detail,
                 client=client)


def writer(store: Store, name: str, *, action: str = "cli") -> User:
    """The enabled editor or admin account `name`, for writes (and dry runs) from the command
    line; a refusal is audited."""
    name = normalise_name(name)
    reason = account_refusal(store, name, "editor", check_lock=False) if name else "unknown account"
    if reason is not None:
        record_refusal(store, name or None, action, reason, known=reason != "unknown account")
        raise AccountError(
            *pair("message.auth.not_an_editor", name=name))
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table.c.role).where(users_table.c.name == name)).first()
    return User(name, row.role)


def disable_user(store: Store, name: str, *, by: str | None = None) -> None:
    name = normalise_name(name)
    with store.engine.begin() as conn:
        _require_user(conn, name)
        conn.execute(users_table.update().where(users_table.c.name == name).values(disabled=True))
    audit.record(store, "user_disable", user=by, detail=name)


def reset_password(store: Store, name: str, password: str, *, by: str | None = None) -> str:
    """Set a new password; every session opened with the old one ends at its next run (their
    stamp no longer matches). Returns the new credential stamp (for the resetting session itself
    when an admin resets their own password)."""
    name = normalise_name(name)
    _check_password(password, name)
    password_hash = _HASHER.hash(password)
    with store.engine.begin() as conn:
        _require_user(conn, name)
        conn.execute(users_table.update().where(users_table.c.name == name).values(
            password_hash=password_hash, password_changed_at=_now()))
        conn.execute(login_attempts_table.delete().where(login_attempts_table.c.name == name))
    audit.record(store, "user_reset_password", user=by, detail=name)
    return credential_stamp(password_hash)


def lock_seconds(failures: int) -> int:
    """The lock that follows the n-th consecutive failure (0 below the threshold)."""
    if failures < FAILURES_BEFORE_LOCK:
        return 0
    return min(LOCK_BASE_SECONDS * 2 ** (failures - FAILURES_BEFORE_LOCK), LOCK_MAX_SECONDS)


def _upsert_attempt_row(conn: sa.Connection, name: str) -> None:
    """Make sure `name` has a login_attempts row, without a uniqueness error when another
    process inserts it at the same moment."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    conn.execute(insert(login_attempts_table).values(name=name, failures=0, locked_until=None)
                 .on_conflict_do_nothing(index_elements=["name"]))


def _reserve_attempt(store: Store, name: str, now: float) -> tuple[int, float | None]:
    """Count one attempt for `name` as a failure before its password is checked, atomically:
    one transaction holding the name's row (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR
    UPDATE), so the N-th parallel guess sees the N−1 before it. Returns (failures before this
    attempt, seconds of lock left) — a locked name is not counted again and is not checked."""
    with store.engine.begin() as conn:
        _upsert_attempt_row(conn, name)
        attempt = conn.execute(sa.select(login_attempts_table).where(login_attempts_table.c.name == name)
                               .with_for_update()).one()
        if attempt.locked_until and attempt.locked_until > now:
            return attempt.failures, attempt.locked_until - now
        failures = attempt.failures + 1
        delay = lock_seconds(failures)
        conn.execute(login_attempts_table.update().where(login_attempts_table.c.name == name).values(
            failures=failures, locked_until=now + delay if delay else attempt.locked_until))
        return attempt.failures, None


def sign_in(store: Store, name: str, password: str, *, client: str | None = None,
            clock: float | None = None) -> SignIn:
    """Check a name and password; records the attempt in the audit log."""
    now = time.time() if clock is None else clock
    name = normalise_name(name)
    before, locked_left = _reserve_attempt(store, name, now)
    if locked_left is not None:
        audit.record(store, "sign_in", user=name, outcome="locked", client=client)
        return SignIn(None, int(locked_left) + 1)

    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
    # The same work whether the name is unknown, disabled or real: one argon2 verification
    # (a disabled account's own hash), then the same writes; nothing tells them apart by time.
    try:
        _HASHER.verify(row.password_hash if row else _dummy_hash(), password)
        valid = row is not None and not row.disabled
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        valid = False

    if valid:
        password_hash = row.password_hash
        with store.engine.begin() as conn:
            conn.execute(login_attempts_table.delete().where(login_attempts_table.c.name == name))
            if _HASHER.check_needs_rehash(password_hash):
                password_hash = _HASHER.hash(password)
                conn.execute(users_table.update().where(users_table.c.name == name)
                             .values(password_hash=password_hash))
        audit.record(store, "sign_in", user=name, outcome="ok", client=client)
        return SignIn(User(row.name, row.role, credential_stamp(password_hash)))
    audit.record(store, "sign_in", user=name, outcome="failed", client=client)
    failures = before + 1
    delay = lock_seconds(failures)
    if delay:
        audit.record(store, "lock", user=name, detail=f"{failures} failures, {delay} s", client=client)
    return SignIn(None, delay)


def sso_role(email: str | None, mapping: Mapping[str, object]) -> str | None:
    """The role an SSO identity gets from configuration, or None (no write access).

    `mapping` is the `[dasbor.sso_roles]` table of secrets.toml: role → list of exact
    e-mail addresses or "@domain" suffixes. Admin wins over editor; matching ignores case.
    """
    if not email:
        return None
    address = email.strip().lower()
    for role in ("admin", "editor"):
        entries = mapping.get(role) or []
        if isinstance(entries, str):
            entries = [entries]
        for entry in entries:  # type: ignore[union-attr]
            pattern = str(entry).strip().lower()
            if not pattern:
                continue
            if (pattern.startswith("@") and address.endswith(pattern)) or address == pattern:
                return role
    return None
