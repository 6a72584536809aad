"""Bulk writes of fact rows, one way per database: COPY on PostgreSQL, multi-row INSERTs on SQLite.

A load writes up to millions of rows; the per-row cost of SQLAlchemy's executemany, not the
database, would dominate it. Both ways write whole columns without a Python loop per row.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.store.keys import key_codes
from analytics.store.schema import fact_key

# Most rows per INSERT statement on SQLite (fewer when its parameter limit is lower): the
# per-statement cost of executemany, not the binding, dominates a bulk load.
SQLITE_ROWS = 3000
# Columns bound row by row in a SQLite bulk insert; the rest are bound once per group of rows
# sharing them, when the groups average at least _MIN_GROUP rows.
_ROW_COLUMNS = ["region_code", "year", "value"]
_MIN_GROUP = 50
# Rows retired per UPDATE: an IN list of ids stays well below either database's parameter limit.
_RETIRE_CHUNK = 5000


def retire(conn: Connection, table: sa.Table, ids: Iterable[int], revision_id: int) -> None:
    """Mark rows as replaced or removed by `revision_id` (they stay, as history)."""
    ids = [int(i) for i in ids]
    for start in range(0, len(ids), _RETIRE_CHUNK):
        chunk = ids[start:start + _RETIRE_CHUNK]
        conn.execute(table.update().where(table.c.id.in_(chunk)).values(rev_to=revision_id))


def insert(conn: Connection, table: sa.Table, rows: pd.DataFrame, value_columns: list[str],
           revision_id: int) -> None:
    """Write `rows` (key and value columns) as rows of `revision_id`; an empty note is stored as NULL."""
    if rows.empty:
        return
    key = fact_key(table)
    columns = [*key, *value_columns, "rev_from"]
    note = rows["note"]
    values = {c: rows[c] for c in key + value_columns}
    values["note"] = note.astype(object).where(note.notna() & (note != ""), None)
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, table, values, columns, revision_id)
        return
    frame = rows[key + value_columns].reset_index(drop=True).assign(note=values["note"].to_numpy())
    _insert_sqlite(conn, table, frame, columns, revision_id)


def _copy_postgres(conn: Connection, table: sa.Table, values: dict[str, pd.Series], columns: list[str],
                   revision_id: int) -> None:
    """COPY of the rows as CSV written by Arrow (about 6 times faster than executemany)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    # One-chunk arrays built from NumPy, not Table.from_pandas: the rows are often a concat
    # with an empty part, whose empty Arrow chunk pyarrow 26's CSV writer pads with 8 KB of
    # NUL bytes (PostgreSQL then refuses the COPY).
    numeric = {"year", "value", "lower", "upper"}
    arrays = [pa.array(values[c].to_numpy(dtype=object) if c not in numeric else
                       values[c].to_numpy(dtype="float64" if c != "year" else "int64"), from_pandas=True)
              for c in columns[:-1]]
    arrays.append(pa.array(np.full(len(arrays[0]), revision_id, dtype="int64")))
    buffer = io.BytesIO()
    # Strings are quoted, NULL is an unquoted empty field: COPY tells them apart.
    pacsv.write_csv(pa.table(arrays, names=columns), buffer,
                    pacsv.WriteOptions(include_header=False, quoting_style="needed"))
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT csv)") as copy:
        copy.write(buffer.getbuffer())


def _insert_sqlite(conn: Connection, table: sa.Table, frame: pd.DataFrame, columns: list[str],
                   revision_id: int) -> None:
    """Multi-row INSERTs (up to SQLITE_ROWS rows per statement) from whole columns, no per-row
    Python. Binding each value is most of the cost, so rows that share their measure, period,
    status, source and note (most of a file, usually) are written group by group with those
    bound once per statement: only region, year and value are bound per row (about half the
    time of binding all nine)."""
    import sqlite3

    shared = [c for c in columns if c not in _ROW_COLUMNS and c != "rev_from"]
    varying = [c for c in shared if not _constant(frame[c])]
    groups = (pd.factorize(key_codes(frame, columns=varying)[0])[0] if varying
              else np.zeros(len(frame), dtype="int64"))
    if groups.max(initial=0) + 1 > len(frame) // _MIN_GROUP:
        shared, groups = [], np.zeros(len(frame), dtype="int64")  # too many small groups: bind every value
    per_row = [c for c in columns if c not in shared and c != "rev_from"]
    grid = np.empty((len(frame), len(per_row)), dtype=object)
    for position, column in enumerate(per_row):
        grid[:, position] = _python_objects(frame[column])
    # Table and column names are this module's own constants; values go as parameters. The
    # shared values' placeholders come first in the text, so they are the first parameters.
    select = ", ".join(f"column{per_row.index(c) + 1}" if c in per_row else "?" for c in columns)
    row_marks = "(" + ", ".join("?" for _ in per_row) + ")"
    names = ", ".join(columns)
    limit = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(SQLITE_ROWS, (limit - len(shared) - 1) // len(per_row)))
    order = np.argsort(groups, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(groups[order]) != 0, True])
    for start, end in zip(starts[:-1], starts[1:], strict=True):
        positions = order[start:end]
        rows = grid if end - start == len(frame) else grid[positions]
        constants = (*(_python_objects(frame[c].iloc[positions[:1]])[0] for c in shared), revision_id)
        whole = len(rows) - len(rows) % per_statement
        for count, part in ((per_statement, rows[:whole]), (1, rows[whole:])):
            if len(part):
                statement = (f"INSERT INTO {table.name} ({names}) SELECT {select} "  # noqa: S608
                             f"FROM (VALUES {', '.join([row_marks] * count)})")
                conn.exec_driver_sql(statement, [constants + tuple(chunk)
                                                 for chunk in part.reshape(-1, count * len(per_row))])


def _constant(series: pd.Series) -> bool:
    """Whether every value of a non-empty column is the same (all missing counts as the same)."""
    first = series.iloc[0]
    return bool(series.isna().all()) if pd.isna(first) else bool(series.eq(first).all())


def _python_objects(series: pd.Series) -> np.ndarray:
    """A column as Python objects (None for missing), one object per distinct value: a text
    column of a million rows holds a few hundred values, so this is a gather, not a million
    new strings."""
    if series.dtype.kind in "if":
        return series.to_numpy().astype(object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    objects = np.empty(len(uniques) + 1, dtype=object)  # the last slot, None, is for missing
    objects[:-1] = np.asarray(uniques, dtype=object)
    return objects[codes]
