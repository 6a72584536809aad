"""Editor and admin accounts: argon2 password hashes, sign-in with lockout, SSO role mapping.

Passwords are never stored or logged in clear. After FAILURES_BEFORE_LOCK failed
attempts for a name (existing or not) the name is locked for a delay that doubles
with every further failure; the message is the same whether or not the account
exists.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics import audit
from analytics.errors import DasborError
from analytics.store import Store, login_attempts_table, users_table

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


@dataclass(frozen=True)
class User:
    name: str
    role: str

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


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
                           f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")


def add_user(store: Store, name: str, role: str, password: str, *, by: str | None = None) -> User:
    name = name.strip().lower()
    if not NAME_PATTERN.match(name):
        raise AccountError("Nama akun: huruf kecil, angka, titik, garis bawah atau minus (2–64 karakter).",
                           "Account name: lower-case letters, digits, dot, underscore or hyphen (2–64 characters).")
    if role not in ROLES:
        raise AccountError("Peran harus editor atau admin.", "Role must be editor or admin.")
    _check_password(password)
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users_table.c.name).where(users_table.c.name == name)).first():
            raise AccountError(f"Akun {name} sudah ada.", f"Account {name} already exists.")
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
        raise AccountError(f"Akun {name} tidak ada.", f"No account named {name}.")


def writer(store: Store, name: str) -> User:
    """The enabled editor or admin account `name`, for writes from the command line."""
    name = name.strip().lower()
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
    if row is None or row.disabled or row.role not in ROLES:
        raise AccountError(
            f"{name} bukan akun editor/admin yang aktif. Buat dengan `python -m analytics users add`.",
            f"{name} is not an enabled editor/admin account. Create one with `python -m analytics users add`.")
    return User(row.name, row.role)


def disable_user(store: Store, name: str, *, by: str | None = None) -> None:
    name = name.strip().lower()
    with store.engine.begin() as conn:
        _require_user(conn, name)
        conn.execute(users_table.update().where(users_table.c.name == name).values(disabled=True))
    audit.record(store, "user_disable", user=by, detail=name)


def reset_password(store: Store, name: str, password: str, *, by: str | None = None) -> None:
    name = name.strip().lower()
    _check_password(password)
    with store.engine.begin() as conn:
        _require_user(conn, name)
        conn.execute(users_table.update().where(users_table.c.name == name).values(
            password_hash=_HASHER.hash(password), password_changed_at=_now()))
        conn.execute(login_attempts_table.delete().where(login_attempts_table.c.name == name))
    audit.record(store, "user_reset_password", user=by, detail=name)


def lock_seconds(failures: int) -> int:
    """The lock that follows the n-th consecutive failure (0 below the threshold)."""
    if failures < FAILURES_BEFORE_LOCK:
        return 0
    return min(LOCK_BASE_SECONDS * 2 ** (failures - FAILURES_BEFORE_LOCK), LOCK_MAX_SECONDS)


def sign_in(store: Store, name: str, password: str, *, client: str | None = None,
            clock: float | None = None) -> SignIn:
    """Check a name and password; records the attempt in the audit log."""
    now = time.time() if clock is None else clock
    name = name.strip().lower()[:100]
    with store.engine.begin() as conn:
        attempt = conn.execute(sa.select(login_attempts_table).where(login_attempts_table.c.name == name)).first()
        failures = attempt.failures if attempt else 0
        if attempt and attempt.locked_until and attempt.locked_until > now:
            remaining = int(attempt.locked_until - now) + 1
            locked = SignIn(None, remaining)
        else:
            locked = None
    if locked is not None:
        audit.record(store, "sign_in", user=name, outcome="locked", client=client)
        return locked

    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).first()
    try:
        _HASHER.verify(row.password_hash if row else _dummy_hash(), password)
        valid = row is not None and not row.disabled
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        valid = False

    with store.engine.begin() as conn:
        if valid:
            conn.execute(login_attempts_table.delete().where(login_attempts_table.c.name == name))
        else:
            failures += 1
            delay = lock_seconds(failures)
            values = {"failures": failures, "locked_until": now + delay if delay else None}
            if attempt:
                conn.execute(login_attempts_table.update().where(login_attempts_table.c.name == name).values(**values))
            else:
                conn.execute(login_attempts_table.insert().values(name=name, **values))
    if valid:
        if _HASHER.check_needs_rehash(row.password_hash):
            with store.engine.begin() as conn:
                conn.execute(users_table.update().where(users_table.c.name == name)
                             .values(password_hash=_HASHER.hash(password)))
        audit.record(store, "sign_in", user=name, outcome="ok", client=client)
        return SignIn(User(row.name, row.role))
    audit.record(store, "sign_in", user=name, outcome="failed", client=client)
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
