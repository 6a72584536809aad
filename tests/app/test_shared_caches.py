"""The caches that keep reruns fast (issue #18) never show stale or someone else's results.

Shared figures (built once, their dict made once), the region registry's remembered lookups and
the Kemiskinan narrative held per data-version: a write by another process is seen at the next
rerun, each language and each region gets its own, and two sessions on different regions never
see each other's state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from analytics.errors import UnknownRegion
from analytics.regions import RegionRegistry
from analytics.store.store import Store
from pages._shared import figures
from tests.analytics.figures.quadrant import quadrant_figure
from tests.app.conftest import open_page
from tests.conftest import ROOT

COMPARE, POVERTY, OVERVIEW, PROGRAMS = "pages/compare.py", "pages/poverty.py", "pages/overview.py", "pages/programs.py"


def test_a_shared_figure_sends_the_same_dict_as_a_plain_one_made_once():
    def build() -> go.Figure:
        fig = go.Figure(go.Bar(x=["3671", "3674"], y=[5.19, 2.39], marker_color=["#1f77b4", "#b8b8b8"]))
        fig.update_layout(title="P0, Maret 2025")
        return fig

    plain, shared = build(), figures.shared(build())
    assert isinstance(shared, go.Figure)
    assert shared.to_dict() == plain.to_dict()
    assert list(shared.to_dict()["data"][0]["y"]) == [5.19, 2.39]
    assert shared.to_dict() is shared.to_dict()  # made once, handed out again


def test_charts_are_encoded_by_orjson_exactly_as_by_the_json_module(seeded_store):
    """Streamlit sends a chart as plotly.io.to_json, whose default engine takes orjson when it is installed (a
    pinned dependency: about four times faster on the dashboard's figures, the kab/kota map above all). What
    the browser gets is the same figure the standard json module writes: the Overview's trend of Kota
    Tangerang, and a map of every kab/kota (illustrative values, not real figures; the real boundaries)."""
    import importlib.util

    import plotly.io as pio

    from analytics.catalog import default_catalog
    from analytics.figures import maps, poverty_charts

    assert importlib.util.find_spec("orjson") is not None and pio.json.config.default_engine == "auto"
    catalog = default_catalog()
    trend, _ = poverty_charts.overview_figure(seeded_store.observations(), RegionRegistry(seeded_store.regions()),
                                              catalog, "3671", "id", "p0", {})
    layer = maps.load_geojson("kabkota")
    codes = [feature["id"] for feature in layer["features"]]
    frame = pd.DataFrame({"region_code": codes, "name": codes, "value": [i % 37 / 3 for i in range(len(codes))],
                          "rank": range(1, len(codes) + 1), "n": len(codes), "source_label": "uji"})
    labels = maps.MapLabels(title="P0", subtitle="Indonesia", no_data="tidak ada data", rank_word="peringkat",
                            legend_title="%")
    kabkota_map = maps.choropleth_figure(frame, layer, catalog.measure("p0"), "id", labels, selected="3671")
    for figure in (trend, kabkota_map):
        fast, plain = pio.to_json(figure, validate=False), pio.to_json(figure, validate=False, engine="json")
        assert json.loads(fast) == json.loads(plain)
    assert len(plain) > 500_000  # the boundaries are in it


def test_maps_share_the_loaded_boundaries_and_draw_what_a_copied_map_draws():
    """A map takes its boundaries from the loaded layer by reference, and a shared map's dict takes the
    figure's: two maps highlighting different regions hold no copy of their own (each held two, about
    11 MB, for every participant's region in a class of 30). What they draw is exactly what a map built
    with its boundaries copied into each trace draws. Illustrative values, not real figures."""
    from analytics.catalog import default_catalog
    from analytics.figures import maps

    layer = maps.load_geojson("kabkota")
    by_code = {f["id"]: f for f in layer["features"]}
    frame = pd.DataFrame({"region_code": ["3671", "3672", "3673", "3674"], "name": ["A", "B", "C", "D"],
                          "value": [5.19, 2.39, 4.1, None], "rank": [3, 1, 2, None], "n": [3, 3, 3, None],
                          "source_label": ["uji"] * 4})
    labels = maps.MapLabels(title="P0", subtitle="Banten", no_data="tidak ada data", rank_word="peringkat",
                            legend_title="%")
    measure = default_catalog().measure("p0")
    first = figures.shared(maps.choropleth_figure(frame, layer, measure, "id", labels, selected="3671"))
    second = figures.shared(maps.choropleth_figure(frame, layer, measure, "id", labels, selected="3672"))
    for figure in (first, second):
        drawn = figure.to_dict()["data"]
        assert [f["id"] for f in drawn[0]["geojson"]["features"]] == ["3671", "3672", "3673"]  # with a value
        assert [f["id"] for f in drawn[1]["geojson"]["features"]] == ["3674"]  # no data: grey
        for trace in drawn:
            assert all(f is by_code[f["id"]] for f in trace["geojson"]["features"])  # the layer's, not copies
        assert [t["geojson"] is s["geojson"] for t, s in zip(drawn, figure._data, strict=True)] == [True] * 3
    assert [f["id"] for f in first.to_dict()["data"][2]["geojson"]["features"]] == ["3671"]  # the outline
    assert [f["id"] for f in second.to_dict()["data"][2]["geojson"]["features"]] == ["3672"]
    # The same figure as one built the plain way, each trace given its boundaries before plotly adds (copies) it.
    plain_add = maps._add_map_trace
    try:
        maps._add_map_trace = lambda fig, trace, geojson: fig.add_trace(trace.update(geojson=geojson))
        copied = maps.choropleth_figure(frame, layer, measure, "id", labels, selected="3671")
    finally:
        maps._add_map_trace = plain_add
    assert copied.to_dict()["data"][0]["geojson"]["features"][0] is not by_code["3671"]  # it did copy
    assert copied.to_dict() == first.to_dict()
    assert layer["features"] == json.loads(json.dumps(layer["features"]))  # the layer itself unchanged


def test_an_overlay_draws_what_the_figure_built_whole_draws_and_leaves_the_shared_base_alone():
    """Bandingkan builds each map, bar chart and quadrant chart once for every session and draws each
    participant's own region over it (figures.overlay). What is sent is exactly the figure built whole with
    that region selected; the shared base is not changed by anyone's overlay; the overlay's own texts (a
    region's name in its label) are cleaned like any other. Illustrative values, not real figures."""
    from analytics import text
    from analytics.catalog import default_catalog
    from analytics.domain import compare
    from analytics.figures import compare_charts, maps

    catalog = default_catalog()
    p0 = catalog.measure("p0")
    layer = maps.load_geojson("kabkota")
    frame = pd.DataFrame({"region_code": ["3671", "3672", "3673", "3674"],
                          "name": ["A", "B", "C <a href='https://x.test'>klik</a>", "D"],
                          "value": [5.19, 2.39, 4.1, None], "rank": [3, 1, 2, None], "n": [3, 3, 3, None],
                          "source_label": ["uji"] * 4})
    labels = maps.MapLabels(title="P0", subtitle="Banten", no_data="tidak ada data", rank_word="peringkat",
                            legend_title="%")
    base_map = figures.shared(maps.choropleth_figure(frame, layer, p0, "id", labels))
    base_bars = figures.shared(maps.bar_figure(frame, p0, "id", labels, horizontal=True))
    before = json.dumps([base_map.to_dict()["data"][:2], base_bars.to_dict()], sort_keys=True, default=str)
    hover_names = [row[1] for row in base_map.to_dict()["data"][0]["customdata"]]  # plain once shared, not per draw
    assert "C" not in hover_names and [n for n in hover_names if "klik" in n and "<a" not in n]
    for code in ("3671", "3673"):
        drawn = figures.overlay(base_map, [maps.outline_trace(code, layer)]).to_dict()
        # As sent: a shared figure and its marks are made plain once, when built (figures.shared, overlay).
        assert drawn == text.plain_figure(maps.choropleth_figure(frame, layer, p0, "id", labels, selected=code)).to_dict()
        assert drawn["data"][-1]["locations"] == [code] and len(drawn["data"]) == 3
        mark = maps.selected_bar(frame, p0, "id", labels, code, horizontal=True)
        bars = figures.overlay(base_bars, [mark]).to_dict()
        assert bars == text.plain_figure(maps.bar_figure(frame, p0, "id", labels, selected=code, horizontal=True)).to_dict()
        assert bars["data"][-1]["y"] == [text.plotly_literal(frame.set_index("region_code").at[code, "name"])]
        assert bars["data"][-1]["marker"]["color"] != bars["data"][0]["marker"]["color"]
    assert maps.selected_bar(frame, p0, "id", labels, "3674") is None  # no value, no bar to colour
    assert json.dumps([base_map.to_dict()["data"][:2], base_bars.to_dict()], sort_keys=True, default=str) == before
    assert len(base_map.to_dict()["data"]) == 2 and len(base_bars.to_dict()["data"]) == 1

    points = compare.quadrant_table(pd.DataFrame({"region_code": ["3671", "3672", "3673"], "x": [5.19, 2.39, 4.1],
                                                  "y": [-0.5, 0.2, -0.1]}), 3.9, -0.1)
    names = frame.set_index("region_code")["name"].to_dict()
    qlabels = compare_charts.QuadrantLabels("P0", "rujukan", "P0", "Perubahan", {q: q for q in compare.QUADRANTS}, "rata-rata")
    options = {"names": names, "x_measure": p0, "y_measure": p0, "y_is_change": True}
    base_quad = figures.shared(compare_charts.quadrant_base(points, 3.9, -0.1, qlabels, "id", **options))
    annotations_before = len(base_quad.to_dict()["layout"]["annotations"])
    traces, notes = compare_charts.quadrant_marks(points, qlabels, "id", highlight="3673", peers=["3672"], **options)
    quad = figures.overlay(base_quad, traces, notes)
    whole = quadrant_figure(points, 3.9, -0.1, qlabels, "id", highlight="3673", peers=["3672"], **options)
    assert quad.to_dict() == text.plain_figure(whole).to_dict()
    assert [t["name"] for t in quad.to_dict()["data"]] == ["others", "peers", "region"]
    assert len(base_quad.to_dict()["layout"]["annotations"]) == annotations_before
    label = quad.to_dict()["layout"]["annotations"][-1]["text"]  # sent as it is (ui.plotly_chart)
    assert "<a" not in label and "klik" in label
    with pytest.raises(TypeError):
        quad.data  # noqa: B018 — an overlay is read through its dict only


def test_sessions_share_bandingkan_figures_and_each_draws_only_its_own_region(seeded_store, monkeypatch):
    apps = {code: open_page(_app(seeded_store.url, monkeypatch), COMPARE, region=code, lang="id")
            for code in ("3671", "3273")}
    names = {"3671": "Kota Tangerang", "3273": "Kota Bandung"}
    maps_drawn = {code: _chart(app, "cmp_map_chart") for code, app in apps.items()}
    for code, spec in maps_drawn.items():
        assert spec["data"][-1]["name"] == "selected" and spec["data"][-1]["locations"] == [code]
    assert maps_drawn["3671"]["data"][:-1] == maps_drawn["3273"]["data"][:-1]  # the same map beneath
    assert maps_drawn["3671"]["layout"] == maps_drawn["3273"]["layout"]
    for code, app in apps.items():
        bars = _chart(app, "cmp_province_bars")
        assert bars["data"][-1]["y"] == [names[code]] and bars["data"][-1]["hoverinfo"] == "skip"
        app.session_state["compare_tab"] = "Analisis kuadran"  # the quadrant's tab: only the open tab is built
        quad = _chart(app.run(), "cmp_quadrant")
        (mine,) = [trace for trace in quad["data"] if trace["name"] == "region"]
        assert [point[0] for point in mine["customdata"]] == [code]
        labels = [a["text"] for a in quad["layout"]["annotations"]]
        assert names[code] in labels and not [n for c, n in names.items() if c != code and n in labels]


def test_remembered_level_codes_match_the_table_in_both_province_schemes(seeded_store):
    """compare.level_codes and province_map are worked out once per registry (issue #18): for every
    province of both schemes, the kab/kota listed are those whose parent column names it, read here from
    the table, asked twice; a caller changing the list it got does not change the next caller's."""
    from analytics.domain import compare

    registry = RegionRegistry(seeded_store.regions())
    frame = registry.frame
    kabkota = frame[frame["level"] == "kabkota"]
    parent_2025 = kabkota["parent_code_2025"].where(kabkota["parent_code_2025"].fillna("") != "",
                                                    kabkota["parent_code"])
    for year, parents in ((2023, kabkota["parent_code"]), (2025, parent_2025)):
        for _ in range(2):
            assert compare.level_codes(registry, "kabkota", year) == sorted(kabkota["code"])
            assert compare.level_codes(registry, "kabkota", year, "00") == sorted(kabkota["code"])
            for province in sorted(set(parents)):
                assert compare.level_codes(registry, "kabkota", year, province) == sorted(
                    kabkota["code"][parents == province])
            assert compare.province_map(registry, year).to_dict() == dict(zip(kabkota["code"], parents, strict=True))
    assert len(compare.level_codes(registry, "kabkota", 2025, "36")) == 8  # Banten's 4 kabupaten and 4 kota
    assert compare.province_map(registry, 2023)["9401"] == "94" and compare.province_map(registry, 2025)["9401"] == "95"
    taken = compare.level_codes(registry, "province", 2025)
    taken.append("99")
    assert "99" not in compare.level_codes(registry, "province", 2025) and len(taken) == 39


def test_remembered_region_lookups_match_the_table(seeded_store):
    registry = RegionRegistry(seeded_store.regions())
    frame = registry.frame
    for code in frame["code"]:
        region = registry.get(code)
        assert region.name == frame.loc[code, "name"] and region.level == frame.loc[code, "level"]
        assert registry.get(code) is region
    # Kota Tangerang is in Banten; Kab. Merauke moved from Papua (94) to Papua Selatan (95 in the registry) in 2022.
    assert registry.province_of("3671") == "36" and registry.province_of("3671", scheme="2025") == "36"
    assert registry.province_of("9401") == "94" and registry.province_of("9401", scheme="2025") == "95"
    assert registry.province_of("00") is None
    for _ in range(2):  # an unknown code is refused every time, not remembered as something
        try:
            registry.get("9999")
        except UnknownRegion:
            pass
        else:
            raise AssertionError("unknown region accepted")
    assert "9999" not in registry


def _app(url: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def _map_value(app: AppTest, code: str) -> str:
    """The value text the Bandingkan map shows on hover for `code`."""
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    for trace in spec["data"]:
        for point in trace.get("customdata") or []:
            if point[0] == code:
                return point[2]
    raise AssertionError(f"{code} not on the map")


def _markdown(app: AppTest) -> str:
    """The page's Markdown as a reader sees it (data text is escaped: 5\\,19 reads 5,19)."""
    return "\n".join(m.value for m in app.markdown).replace("\\", "")


def _write_from_another_process(url: str, measure: str, year: int, period: str, value: float) -> None:
    """Kota Tangerang's `measure` set to an illustrative test value (not a real figure) by another process,
    as a second app process or the command line would write it."""
    script = ("import os, sys, pandas as pd; from analytics.store.store import Store; "
              "Store(os.environ['DATABASE_URL']).load(pd.DataFrame({'region_code': ['3671'], "
              "'measure': [sys.argv[1]], 'year': [int(sys.argv[2])], 'period': [sys.argv[3]], "
              "'value': [float(sys.argv[4])], 'status': ['final'], 'source': ['uji'], "
              "'note': ['illustrative test value']}), user='uji', note='illustrative')")
    subprocess.run([sys.executable, "-c", script, measure, str(year), period, str(value)], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url})


def _ranks(app: AppTest) -> tuple[int, int]:
    """Bandingkan's national and provincial rank of the selected region, as its metric cards show them."""
    shown = {m.label.split(" (")[0]: m.value for m in app.metric}
    return int(shown["Nasional"].removeprefix("ke-")), int(shown["Di Banten"].removeprefix("ke-"))


def _rank_by_hand(store: Store, value: float, province: str | None = None) -> int:
    """1 + the kab/kota (all, or one province's in the 2025 scheme) whose March 2025 P0 is lower than `value`."""
    from analytics.domain import compare

    codes = compare.level_codes(RegionRegistry(store.regions()), "kabkota", 2025, province)
    obs = store.observations()
    others = obs[(obs["measure"] == "p0") & (obs["year"] == 2025) & (obs["period"] == "march")
                 & obs["region_code"].isin(codes) & (obs["region_code"] != "3671")]
    return 1 + int((others["value"] < value).sum())


def test_a_write_by_another_process_is_seen_at_the_next_rerun(writable_store, monkeypatch):
    compare_app = open_page(_app(writable_store.url, monkeypatch), COMPARE, region="3671", lang="id")
    poverty_app = open_page(_app(writable_store.url, monkeypatch), POVERTY, region="3671", lang="id")
    targets_app = open_page(_app(writable_store.url, monkeypatch), POVERTY, region="3671", lang="id", tab="targets")
    overview_app = open_page(_app(writable_store.url, monkeypatch), OVERVIEW, region="3671", lang="id")
    assert _map_value(compare_app, "3671").startswith("5,19")
    assert _ranks(compare_app) == (_rank_by_hand(writable_store, 5.19), _rank_by_hand(writable_store, 5.19, "36"))
    assert "5,19" in _markdown(poverty_app)
    assert _p0_kpi(overview_app).startswith("5,19") and 5.19 in _numbers(_chart(overview_app, "overview_trend"))
    for app, key in ((poverty_app, "poverty_chart_p0"), (targets_app, "target_glide_p0")):
        assert 5.19 in _numbers(_chart(app, key)), key
    # Another process (as a second app process or the command line would) writes an illustrative
    # correction of Kota Tangerang P0 March 2025: 9.99, a test value, not a real figure.
    _write_from_another_process(writable_store.url, "p0", 2025, "march", 9.99)
    compare_app.run()
    poverty_app.run()
    targets_app.run()
    overview_app.run()
    assert _map_value(compare_app, "3671").startswith("9,99")
    # Kota Tangerang's ranks come from each level's ranking, kept once for every region: worked out by hand
    # from the store after the write (1 + the kab/kota with a lower P0), nationally and within Banten.
    assert _ranks(compare_app) == (_rank_by_hand(writable_store, 9.99), _rank_by_hand(writable_store, 9.99, "36"))
    # The Overview's KPIs and trend are held per data-version too (cached.overview): both show the new value,
    # and the KPI's change is worked from it: 9.99 − 5.43 (March 2024) = +4.56 points.
    assert _p0_kpi(overview_app).startswith("9,99")
    assert next(m for m in overview_app.metric if m.label == "Persentase penduduk miskin (P0)").proto.delta == "+4,56 poin"
    trend = _numbers(_chart(overview_app, "overview_trend"))
    assert 9.99 in trend and 5.19 not in trend
    assert "9,99" in _markdown(poverty_app)
    # The Kemiskinan explorer and glide path charts are shared figures too: both draw the new value.
    for app, key in ((poverty_app, "poverty_chart_p0"), (targets_app, "target_glide_p0")):
        drawn = _numbers(_chart(app, key))
        assert 9.99 in drawn and 5.19 not in drawn, key


def test_each_language_gets_its_own_figures_and_narrative(seeded_store, monkeypatch):
    indonesian = open_page(_app(seeded_store.url, monkeypatch), COMPARE, region="3671", lang="id")
    english = open_page(_app(seeded_store.url, monkeypatch), COMPARE, region="3671", lang="en")
    titles = {name: json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
              for name, app in (("id", indonesian), ("en", english))}
    assert "Maret 2025" in titles["id"] and "March 2025" in titles["en"]
    assert _map_value(indonesian, "3671").startswith("5,19") and _map_value(english, "3671").startswith("5.19")
    poverty_id = open_page(_app(seeded_store.url, monkeypatch), POVERTY, region="3671", lang="id")
    poverty_en = open_page(_app(seeded_store.url, monkeypatch), POVERTY, region="3671", lang="en")
    assert "5,19" in _markdown(poverty_id) and "5.19" in _markdown(poverty_en)
    overview_id = open_page(_app(seeded_store.url, monkeypatch), OVERVIEW, region="3671", lang="id")
    overview_en = open_page(_app(seeded_store.url, monkeypatch), OVERVIEW, region="3671", lang="en")
    assert _p0_kpi(overview_id).startswith("5,19") and _p0_kpi(overview_en).startswith("5.19")
    assert "Maret" in _chart(overview_id, "overview_trend")["layout"]["title"]["text"]
    assert "March" in _chart(overview_en, "overview_trend")["layout"]["title"]["text"]
    explorer = {name: _chart(app, "poverty_chart_p0")["layout"] for name, app in (("id", poverty_id), ("en", poverty_en))}
    assert explorer["id"]["title"]["text"].startswith("Persentase penduduk miskin (P0)")
    assert explorer["en"]["title"]["text"].startswith("Poverty rate (P0)")


def test_two_sessions_on_different_regions_never_see_each_others_state(seeded_store, monkeypatch):
    tangerang = open_page(_app(seeded_store.url, monkeypatch), COMPARE, region="3671", lang="id")
    bandung = open_page(_app(seeded_store.url, monkeypatch), COMPARE, region="3273", lang="id")
    # One session changes its year; the other, rerun after it, keeps its own region and year.
    next(s for s in bandung.selectbox if s.key == "cmp_year").set_value(2024).run()
    tangerang.run()
    assert tangerang.session_state["region"] == "3671" and bandung.session_state["region"] == "3273"
    assert tangerang.session_state["cmp_year"] == 2025 and bandung.session_state["cmp_year"] == 2024
    metrics = {app: [m.label for m in app.metric] for app in (tangerang, bandung)}
    assert any(label.startswith("Di Banten") for label in metrics[tangerang])
    assert any(label.startswith("Di Jawa Barat") for label in metrics[bandung])
    titles = {app: [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in app.get("plotly_chart")]
              for app in (tangerang, bandung)}
    assert any("Banten" in title for title in titles[tangerang])  # the province bars, Tangerang's own
    assert any("Jawa Barat" in title for title in titles[bandung])
    assert not any("Jawa Barat" in title for title in titles[tangerang])
    assert not any("Banten" in title for title in titles[bandung])
    assert tangerang.query_params["region"] in ("3671", ["3671"])
    poverty_a = open_page(_app(seeded_store.url, monkeypatch), POVERTY, region="3671", lang="id")
    poverty_b = open_page(_app(seeded_store.url, monkeypatch), POVERTY, region="3273", lang="id")
    poverty_a.run()
    assert "Kota Tangerang" in poverty_a.title[0].value and "Kota Bandung" in poverty_b.title[0].value
    assert "Kota Bandung" not in _markdown(poverty_a) and "Kota Tangerang" not in _markdown(poverty_b)
    overview_a = open_page(_app(seeded_store.url, monkeypatch), OVERVIEW, region="3671", lang="id")
    overview_b = open_page(_app(seeded_store.url, monkeypatch), OVERVIEW, region="3273", lang="id")
    overview_a.run()
    legends = {app: [trace["name"] for trace in _chart(app, "overview_trend")["data"] if trace.get("showlegend", True)]
               for app in (overview_a, overview_b)}
    assert any("Kota Tangerang" in name for name in legends[overview_a])
    assert any("Kota Bandung" in name for name in legends[overview_b])
    assert not any("Kota Bandung" in name or "Jawa Barat" in name for name in legends[overview_a])
    assert not any("Kota Tangerang" in name or "Banten" in name for name in legends[overview_b])
    assert _p0_kpi(overview_a) != _p0_kpi(overview_b)


def _p0_kpi(app: AppTest) -> str:
    """The Overview's P0 KPI value as shown."""
    labels = [m for m in app.metric if m.label in ("Persentase penduduk miskin (P0)", "Poverty rate (P0)")]
    assert len(labels) == 1, [m.label for m in app.metric]
    return labels[0].value


def _copy_of(seeded_store, path) -> str:
    import sqlite3

    source = sqlite3.connect(seeded_store.url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(path)
    source.backup(copy)
    copy.close()
    source.close()
    return f"sqlite:///{path}"


def _charts_by_key(app: AppTest) -> dict[str, dict]:
    """Bandingkan's figures by their widget key (the element id ends with it)."""
    found = {}
    for chart in app.get("plotly_chart"):
        for key in ("cmp_map_chart", "cmp_province_bars", "cmp_trend_3671"):
            if chart.proto.id.endswith(key):
                found[key] = json.loads(chart.proto.spec)
    return found


def _chart(app: AppTest, key: str) -> dict:
    """The figure drawn under widget key `key` (the element id ends with it)."""
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if c.proto.id.endswith(key)]
    assert len(specs) == 1, f"{key}: {len(specs)} charts"
    return specs[0]


def _numbers(spec: dict) -> set[float]:
    """Every number a figure draws (plotly may send an array as base64 with its dtype)."""
    import base64

    import numpy as np

    values: set[float] = set()
    for trace in spec["data"]:
        for axis in ("x", "y", "z"):
            array = trace.get(axis)
            if isinstance(array, dict) and "bdata" in array:
                array = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
            values |= {round(v, 2) for v in (array or []) if isinstance(v, float) and v == v}
    return values


def test_two_stores_at_the_same_revision_never_answer_for_each_other(seeded_store, tmp_path, monkeypatch):
    """Bandingkan's caches (pages/_shared/compare_data.py) are keyed on the store's URL as well as its
    data-version: two stores that have each taken one write stand at the same revision number, and each
    app must draw its own value on the map, the province bars and the side-by-side trend."""
    stores = {value: _copy_of(seeded_store, tmp_path / f"store_{value}.sqlite") for value in (9.99, 8.88)}
    for value, url in stores.items():  # illustrative test values for Kota Tangerang P0 March 2025, not real figures
        Store(url).load(pd.DataFrame({
            "region_code": ["3671"], "measure": ["p0"], "year": [2025], "period": ["march"], "value": [value],
            "status": ["final"], "source": ["uji"], "note": ["illustrative test value"]}), user="uji", note="illustrative")
    versions = {Store(url).data_version() for url in stores.values()}
    assert len(versions) == 1  # the same revision number in both: only the URL tells them apart
    for value, url in stores.items():
        other = 8.88 if value == 9.99 else 9.99
        app = open_page(_app(url, monkeypatch), COMPARE, region="3671", lang="id", sel="3671")
        assert _map_value(app, "3671").startswith(fmt_id(value))
        drawn = _charts_by_key(app)
        app.session_state["compare_tab"] = "Berdampingan"  # the side-by-side tab: only the open tab is built
        drawn |= _charts_by_key(app.run())
        assert set(drawn) == {"cmp_map_chart", "cmp_province_bars", "cmp_trend_3671"}
        for key in ("cmp_province_bars", "cmp_trend_3671"):
            assert value in _numbers(drawn[key]) and other not in _numbers(drawn[key]), key


def fmt_id(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def test_the_programme_view_follows_writes_language_and_region(writable_store, monkeypatch):
    """Program's figures are held per store, data-version, region, programme and language
    (cached.programme_view): a write by another process is drawn at the next rerun, each language has its
    own titles and numbers, and a session on a region without programmes never sees Kota Tangerang's."""
    indonesian = open_page(_app(writable_store.url, monkeypatch), PROGRAMS, region="3671", lang="id", program="rtlh")
    english = open_page(_app(writable_store.url, monkeypatch), PROGRAMS, region="3671", lang="en", program="rtlh")
    serang = open_page(_app(writable_store.url, monkeypatch), PROGRAMS, region="3673", lang="id")
    assert 2314.0 in _numbers(_chart(indonesian, "programs_chart_rtlh_units"))  # 2017: 2,314 houses
    titles = {name: _chart(app, "programs_chart_rtlh_units")["layout"]["title"]["text"]
              for name, app in (("id", indonesian), ("en", english))}
    assert titles == {"id": "RTLH direhabilitasi", "en": "Houses renovated (RTLH)"}
    assert not serang.get("plotly_chart") and "Kota Tangerang" not in "\n".join(i.value for i in serang.info)
    # Another process writes an illustrative correction of 2017: 9,999 houses (a test value, not a real figure).
    _write_from_another_process(writable_store.url, "rtlh_units", 2017, "annual", 9999.0)
    indonesian.run()
    english.run()
    for app in (indonesian, english):
        drawn = _numbers(_chart(app, "programs_chart_rtlh_units"))
        assert 9999.0 in drawn and 2314.0 not in drawn
    serang.run()
    assert not serang.get("plotly_chart")


def test_no_page_writes_into_the_shared_observations_or_targets(seeded_store, monkeypatch):
    """The observations and targets are one frame per store and data-version, shared by every session
    (st.cache_resource: no copy per read). Every page, opened for a kab/kota, a province and the nation,
    with its choices moved, leaves both exactly as a fresh read of the store gives them."""
    from analytics.domain import indicators
    from pages._shared import data

    opened = []
    for region in ("3671", "36", "00"):
        for page in (OVERVIEW, POVERTY, COMPARE, PROGRAMS, "pages/about.py"):
            opened.append(open_page(_app(seeded_store.url, monkeypatch), page, region=region, lang="en",
                                    measures="p0,extreme_poverty,p1,hdi,unemployment", compare="3273,3578",
                                    long="true", view="table" if region == "36" else "chart"))
    for program in ("rtlh", "sekolah_gratis", "job_fair", "si_praja"):
        opened.append(open_page(_app(seeded_store.url, monkeypatch), PROGRAMS, region="3671", lang="id", program=program))
    assert not [app.exception for app in opened if app.exception]
    store = Store(seeded_store.url)
    version = store.data_version()
    shared = data._observations(seeded_store.url, version)
    assert shared is data._observations(seeded_store.url, version)  # one frame, not a copy per read
    fresh = store.observations(down_to="kabkota")
    pd.testing.assert_frame_equal(shared, indicators.text_as_objects(fresh))  # its texts as Python strings
    pd.testing.assert_frame_equal(shared, fresh, check_dtype=False)
    pd.testing.assert_frame_equal(data._targets(seeded_store.url, version), store.targets())


def test_the_region_selector_lists_what_the_registry_table_holds_for_each_province(app, seeded_store):
    """The sidebar's province and region lists are worked out once per registry (issue #18): on every run of
    every session they are the ones read from the table here. Provinces: all of the 2025 scheme, by name, after
    "all Indonesia"; a province's regions: the province, then its kab/kota by code; all Indonesia: the nation,
    every province and every kab/kota."""
    frame = RegionRegistry(seeded_store.regions()).frame
    name = frame["name"].to_dict()
    provinces = frame[(frame["level"] == "province") & frame["scheme"].isin(["both", "2025"])]
    province_labels = ["Seluruh Indonesia", *sorted(provinces["name"])]
    assert len(province_labels) == 39  # all Indonesia and the 38 provinces

    def labels_of(province: str) -> list[str]:
        kabkota = frame[frame["level"] == "kabkota"]
        inside = (kabkota["parent_code"] == province) | (kabkota["parent_code_2025"] == province)
        return [f"{name[province]} (Provinsi)", *[f"{name[c]}, {name[province]}" for c in sorted(kabkota["code"][inside])]]

    # All Indonesia: the table's rows in its order (nation, then each province before its kab/kota), each kab/kota
    # named with its province of the 2025 scheme.
    listed = frame[frame["level"].isin(["nation", "province", "kabkota"])]
    parent = listed["parent_code_2025"].where(listed["parent_code_2025"].fillna("") != "", listed["parent_code"])
    everything = ["Indonesia" if level == "nation" else f"{name[code]} (Provinsi)" if level == "province"
                  else f"{name[code]}, {name[parent[code]]}" for code, level in listed["level"].items()]
    assert len(everything) == 1 + 38 + 514 and everything[0] == "Indonesia"

    open_page(app, "pages/overview.py", region="3671")
    for _ in range(2):  # asked again: the kept lists are handed out, unchanged
        for province in ("36", "95", "00"):
            app.sidebar.selectbox(key="province").set_value(province).run()
            assert not app.exception
            assert app.sidebar.selectbox(key="province").options == province_labels
            shown = app.sidebar.selectbox(key="region").options
            assert shown == (everything if province == "00" else labels_of(province))
    assert len(labels_of("36")) == 9 and "Kab. Merauke, Papua Selatan" in labels_of("95")
