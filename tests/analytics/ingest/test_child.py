"""analytics.ingest.child: a parser function run in a bounded child process (issue #20, item 8)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from analytics.ingest import child
from analytics.ingest import parser as ingest


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["kode_wilayah", "tahun"])
    book.active.append(["3671", 2024])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(function: str, seconds: float = 60, **kwargs: object) -> object:
    return child.run_bounded("analytics.ingest.parser", function, kwargs, seconds=seconds, memory=2 * 1024**3,
                             settings={"_IN_CHILD": True})


def test_the_result_comes_back_from_the_child():
    grid, lines, names = run("_target_grid", data=workbook(), sheet=None)  # type: ignore[misc]
    assert (grid, lines, names) == ([["kode_wilayah", "tahun"], ["3671", 2024.0]], [1, 2], ["Sheet"])


def test_an_exception_in_the_child_is_raised_again_in_the_parent_with_its_problem():
    with pytest.raises(ingest._Refused) as refused:
        run("_target_grid", data=b"PK\x03\x04 not a zip", sheet=None)
    assert refused.value.problem.message_en.startswith("This Excel file cannot be opened")


def test_a_child_past_its_time_is_ended():
    with pytest.raises(child.ChildTimedOut):
        run("_target_grid", seconds=0.0, data=workbook(), sheet=None)


def test_progress_is_relayed_to_the_parent():
    calls: list[tuple[float, str]] = []
    parsed = child.run_bounded("analytics.ingest.parser", "parse", {"source": workbook()}, seconds=60,
                               memory=2 * 1024**3, settings={"_IN_CHILD": True},
                               progress=lambda fraction, label: calls.append((fraction, label)))
    assert parsed.problems[0].message_en.startswith("Required column(s) missing: measure, value")  # type: ignore[attr-defined]
    assert calls[0] == (0.0, "ingest.progress.read")
    assert calls[-1] == (1.0, "ingest.progress.done")
