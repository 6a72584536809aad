"""Back up and restore the store named by DATABASE_URL (or the embedded SQLite file).

    python scripts/backup.py backup FILE     # SQLite: online backup API; PostgreSQL: pg_dump -Fc
    python scripts/backup.py restore FILE    # replaces the store's contents with the backup

Restore into a running deployment only during maintenance (stop the app processes
first); the store is replaced as a whole.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url  # noqa: E402

from analytics.store.store import default_url  # noqa: E402


def _sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    parsed = make_url(url)
    args = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres",
            "-d", parsed.database or "postgres"]
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    return args, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise SystemExit(f"error: {name} not found (apt-get install postgresql-client)")
    return str(candidates[-1])


def backup(url: str, target: Path) -> None:
    if url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(url))
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)  # consistent even while the app is writing
        destination.close()
        source.close()
        return
    args, env = _pg_args(url)
    import os

    subprocess.run([_pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target), *args], check=True,
                   env={**os.environ, **env})


def restore(url: str, source_file: Path) -> None:
    if not source_file.is_file():
        raise SystemExit(f"error: no backup file {source_file}")
    if url.startswith("sqlite"):
        source = sqlite3.connect(source_file)
        destination = sqlite3.connect(_sqlite_path(url))
        with destination:
            source.backup(destination)
        destination.close()
        source.close()
        return
    args, env = _pg_args(url)
    import os

    subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    *args, str(source_file)], check=True, env={**os.environ, **env})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    url = default_url()
    (backup if args.action == "backup" else restore)(url, args.file)
    print(f"{args.action}: {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
