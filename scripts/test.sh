#!/usr/bin/env bash
# Run every test. If no TEST_DATABASE_URL is given and PostgreSQL's server binaries are
# installed, start a throwaway cluster for the PostgreSQL suite and stop it afterwards.
# Under CI=true the browser and PostgreSQL tests must run (the tests fail instead of skipping).
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]; then
  PGDIR=$(mktemp -d /tmp/dasbor-pg.XXXXXX)
  PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
  trap stop_pg EXIT
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR" start >/dev/null
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE dasbor_test" >/dev/null
  export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/dasbor_test"
  echo "PostgreSQL $($PGBIN/postgres --version | awk '{print $3}') on port $PGPORT for the store suite"
fi

# Two workers (pytest-xdist) on the project's 2-core machines: much of a browser test is waiting for
# Chromium or the app, which the other worker fills. A file's tests stay on one worker (its module
# fixtures, such as a server of its own, start once); each worker has its own PostgreSQL database
# (tests/conftest.py), and files are handed out browser and computing ones in turn (tests/conftest.py).
# PYTEST_WORKERS=0 runs everything in this one process.
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
