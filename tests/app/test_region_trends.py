"""The region-plus-references trend of three pages (Ringkasan, Kemiskinan, Bandingkan's side by side) is
drawn by one builder: `indicators.trend_rows` for the frame, `poverty_charts.trend_lines` for the lines
(issue #19 item 4). Each page's chart must carry exactly the lines the builder made, value for value."""

from __future__ import annotations

import json
import sys

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.figures import poverty_charts
from analytics.i18n import period_label
from tests.app.conftest import open_page


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple, list]]:
    """Every call of the one builder while a page runs: the figure function that called it, the (code, role)
    pairs it was given and its lines. The pages' caches are emptied first, so a figure cannot come from an
    earlier test's build."""
    calls: list[tuple[str, tuple, list]] = []
    real = poverty_charts.trend_lines

    def recording(rows, *args, **kwargs):
        lines, old_labels = real(rows, *args, **kwargs)
        calls.append((sys._getframe(1).f_code.co_name, tuple(dict.fromkeys(zip(rows["region_code"], rows["role"], strict=True))), lines))
        return lines, old_labels

    monkeypatch.setattr(poverty_charts, "trend_lines", recording)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield calls
    st.cache_resource.clear()
    st.cache_data.clear()


def _drawn(app: AppTest) -> list[dict[str, list]]:
    """Per chart on the page: trace name → the values it draws (nulls, the gaps, left out)."""
    charts = []
    for chart in app.get("plotly_chart"):
        traces = json.loads(chart.proto.spec).get("data", [])
        charts.append({t.get("name"): [y for y in t.get("y", []) if y is not None] for t in traces})
    return charts


def _expected(lines, lang: str) -> dict[str, list]:
    return {f"{line.label} ({period_label(line.period, lang)})": line.frame["value"].tolist() for line in lines}


def _drawn_by(charts: list[dict[str, list]], lines, lang: str) -> bool:
    expected = _expected(lines, lang)
    return any(all(chart.get(name) == values for name, values in expected.items()) for chart in charts)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_kemiskinan_and_side_by_side_draw_the_builders_lines(app, built, lang):
    roles = (("3671", "region"), ("36", "province"), ("00", "nation"))
    # Ringkasan: Kota Tangerang's P0 with Banten and Indonesia.
    overview = open_page(app, "pages/overview.py", region="3671", lang=lang)
    assert not overview.exception
    (lines,) = [lines for caller, given, lines in built if (caller, given) == ("overview_figure", roles)]
    assert [line.role for line in lines] == ["region", "province", "nation"]
    assert _drawn_by(_drawn(overview), lines, lang)

    # Kemiskinan: the same region with its references, P0 only (the explorer figure and its table's lines).
    built.clear()
    poverty = open_page(AppTest.from_file(app._script_path, default_timeout=120), "pages/poverty.py",
                        region="3671", lang=lang, measures="p0", refs="1", compare="")
    assert not poverty.exception
    # The explorer makes each region's lines on its own (kept for every page that draws that region) and
    # draws them in the order of the roles.
    parts = {given: lines for caller, given, lines in built if caller == "region_lines"}
    explorer = [line for pair in roles for line in parts[(pair,)]]
    assert {line.role for line in explorer} == {"region", "province", "nation"}
    assert _drawn_by(_drawn(poverty), explorer, lang)

    # Bandingkan side by side: one small chart per chosen region, each with its own province and nation.
    built.clear()
    compare = open_page(AppTest.from_file(app._script_path, default_timeout=120), "pages/compare.py",
                        region="3671", lang=lang, ind="p0", sel="3671,3273", tab="side")
    assert not compare.exception
    bandung = (("3273", "region"), ("32", "province"), ("00", "nation"))
    for expected_roles in (roles, bandung):
        lines = [lines for caller, given, lines in built
                 if (caller, given) == ("side_by_side_figure", expected_roles)][-1]
        assert _drawn_by(_drawn(compare), lines, lang), expected_roles
