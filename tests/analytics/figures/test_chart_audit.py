"""Chart audit: every figure the pages can draw, built over the seeded store and checked from its own data.

For each figure kind (poverty explorer, overview trend, side-by-side small chart, glide path,
choropleth map, ranking bars, quadrant, programme charts) over every poverty measure, region levels
(kab/kota with and without data, province, nation), with and without province/nation and comparison
regions, in both languages:

- no line segment spans a missing year (consecutive drawn points of a line are one year apart);
- one colour and one legend entry per legend group;
- the subtitle names only what is drawn (and never the old blanket "provinsi dan nasional");
- no two count series whose typical sizes differ by more than charts.SCALE_FACTOR share a y-axis;
- a source line ("Sumber: …" / "Source: …") is in the figure's own layout.

Regions are sampled (a city, a regency with gaps, a province, the nation; a large and a small
comparison region) so the audit runs in seconds; the measures and figure kinds are all covered.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics.catalog import EXTENSIVE_UNITS, default_catalog
from analytics.domain import compare, indicators, provenance, targets
from analytics.domain import programs as progs
from analytics.figures import (
    charts,
    compare_charts,
    maps,
    poverty_charts,
    program_charts,
    target_charts,
)
from analytics.regions import RegionRegistry
from tests.analytics.figures.quadrant import quadrant_figure

CATALOG = default_catalog()
# Every measure the Kemiskinan page offers (pages/poverty.py), with issue #16's second-pass measures.
POVERTY_MEASURES = ("p0", "poor_count", "p1", "p2", "poverty_line", "extreme_poverty", "unemployment",
                    "labour_participation", "hdi", "hdi_old_series", "p0_urban", "p0_rural", "gini")
# Kota Tangerang (the first user), Kab. Lebak (a regency), Banten (a province), Indonesia.
REGIONS = ("3671", "3602", "36", "00")
# A city of another province (Kota Kupang: P1 only in some years, a 2021 method break) and a large province.
COMPARE = (["5371"], ["5371", "32"])
LANGS = ("id", "en")
SOURCE_WORD = {"id": "Sumber:", "en": "Source:"}


@pytest.fixture(scope="module")
def registry(seeded_store) -> RegionRegistry:
    return RegionRegistry(seeded_store.regions())


@pytest.fixture(scope="module")
def obs(seeded_store) -> pd.DataFrame:
    return seeded_store.observations(down_to="kabkota")


@pytest.fixture(scope="module")
def sampled(obs) -> pd.DataFrame:
    """The sampled regions' rows only (every trend figure reads just these), so the audit stays fast."""
    return obs[obs["region_code"].isin({*REGIONS, "32", "53", "5371"})]


@pytest.fixture(scope="module")
def by_measure(sampled) -> dict[str, pd.DataFrame]:
    """The sampled rows of each measure, split once: an explorer, side-by-side or overview figure of one
    measure reads only that measure's rows (poverty_charts selects them by measure), so it gets the same
    figure from this slice while each of its many series look-ups scans a few hundred rows, not all."""
    split = {measure: rows for measure, rows in sampled.groupby("measure", sort=False)}
    return {measure: split.get(measure, sampled.iloc[:0]) for measure in {*POVERTY_MEASURES, *split}}


@pytest.fixture(scope="module")
def glides(obs, registry, seeded_store) -> dict[tuple[str, str], targets.GlidePath]:
    """The headline target of each sampled region's measure where it is one value: the explorer draws it
    as a star (pages/poverty.py), one more legend entry."""
    store_targets, found = seeded_store.targets(), {}
    for region in REGIONS:
        for measure_id in ("p0", "extreme_poverty"):
            result = targets.evaluate(obs, store_targets, registry, CATALOG, region, measure_id, as_of=2026)
            if result.headline and result.headline[0].target.kind == "value":
                found[(measure_id, region)] = result.headline[0]
    assert ("p0", "3671") in found  # Kota Tangerang's own 4.80 % by 2029
    return found


# The checks -------------------------------------------------------------------------------------


def line_traces(fig: go.Figure) -> list[go.Scatter]:
    return [tr for tr in fig.data if isinstance(tr, go.Scatter) and "lines" in (tr.mode or "")]


def assert_no_segment_spans_a_gap(fig: go.Figure, where: str) -> None:
    for trace in line_traces(fig):
        points = [(x, y) for x, y in zip(trace.x or (), trace.y or (), strict=True)]
        xs = [x for x, _ in points]
        # Straight reference lines (glide path, fitted trend) are not observations.
        if len(points) == 2 and all(y is not None for _, y in points) and trace.hoverinfo == "skip":
            continue
        assert trace.connectgaps in (None, False), f"{where}: {trace.name} joins gaps"
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            if y0 is not None and y1 is not None and not (isinstance(y0, float) and math.isnan(y0)):
                assert x1 - x0 <= 1, f"{where}: {trace.name} joins {x0} and {x1} across missing years"
        assert xs == sorted(xs), f"{where}: {trace.name} x not in order"


def assert_one_colour_per_legend_group(fig: go.Figure, where: str) -> None:
    colours: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, int] = defaultdict(int)
    for trace in line_traces(fig):
        group = trace.legendgroup or trace.name
        colours[group].add(trace.line.color)
        shown[group] += 1 if trace.showlegend in (None, True) else 0
    for group, used in colours.items():
        assert len(used) == 1, f"{where}: {group} drawn in {used}"
        assert shown[group] == 1, f"{where}: {group} has {shown[group]} legend entries"


def source_of(fig: go.Figure) -> str | None:
    """The source line written by charts.add_source (None if the figure has none)."""
    for annotation in fig.layout.annotations or ():
        if annotation.name == charts.SOURCE_NAME:
            return str(annotation.text).replace("<br>", " ")
    return None


def assert_source_line(fig: go.Figure, lang: str, where: str) -> None:
    text = source_of(fig)
    assert text is not None, f"{where}: no source line in the figure"
    assert text.startswith(SOURCE_WORD[lang]), f"{where}: source line {text!r}"


# The least plot height (px) a figure keeps between its top and bottom margins.
MIN_PLOT_PX = 100


def assert_plot_has_room(fig: go.Figure, where: str) -> None:
    """plotly.js can draw the plot: margins leave it room, and a legend placed in container coordinates
    (add_source) sits in the lower half. Above the middle plotly reserves a top margin for it too, the plot
    height goes below zero and plotly draws nothing at all (the blank Kemiskinan P1 chart)."""
    layout = fig.layout
    height = layout.height or 450
    plot = height - (layout.margin.t or 0) - (layout.margin.b or 0)
    assert plot >= MIN_PLOT_PX, f"{where}: {plot} px left for the plot of a {height}-px figure"
    legend = layout.legend
    if legend.yref == "container" and legend.y is not None and fig.layout.showlegend is not False:
        assert legend.y <= 0.5, f"{where}: legend at container y={legend.y:.2f}, plotly reserves a top margin"
        reserved = legend.y * height  # plotly's bottom reservation for a legend hanging from y (yanchor top)
        assert legend.yanchor != "top" or reserved + (layout.margin.t or 0) < height - MIN_PLOT_PX, where
        # The rows reserved above the source line hold every legend entry the figure has now (an entry
        # added after add_source, like the target's star, overlapped the source line on a phone).
        source = next((a for a in layout.annotations if a.name == charts.SOURCE_NAME), None)
        if source is not None:
            source_px = (str(source.text).count("<br>") + 1) * (charts.SOURCE_FONT_SIZE + 4) + 8
            rows = charts.legend_rows(charts.legend_names(fig), charts.phone_legend_width(fig))
            assert reserved - source_px >= charts.LEGEND_ROW_PX * rows - 1, \
                f"{where}: {rows} legend rows, {reserved - source_px:.0f} px reserved above the source line"


def assert_scale_honest(fig: go.Figure, measure_id: str, where: str) -> None:
    measure = CATALOG.measure(measure_id)
    if measure.unit not in EXTENSIVE_UNITS:
        return
    sizes: dict[str, dict[str, float]] = defaultdict(dict)
    for trace in line_traces(fig):
        values = [abs(v) for v in (trace.y or ()) if v is not None]
        if values:
            axis = trace.yaxis or "y"
            label = str(trace.name).rsplit(" (", 1)[0]
            sizes[axis][label] = max(sizes[axis].get(label, 0.0), float(pd.Series(values).median()))
    for axis, by_label in sizes.items():
        positive = [v for v in by_label.values() if v > 0]
        if len(positive) > 1:
            ratio = max(positive) / min(positive)
            assert ratio <= charts.SCALE_FACTOR, f"{where}: {sorted(by_label)} share {axis} at a ratio of {ratio:.0f}"


def assert_subtitle_names_what_is_drawn(fig: go.Figure, names: list[str], where: str,
                                        peers: list[str] = ()) -> None:
    """`names`: the regions the figure was asked to draw. Each is named in the subtitle either as drawn or
    in the "no data" clause, never as drawn when it has no trace. Comparison regions (`peers`) are counted
    ("2 wilayah pembanding", the legend names them) when drawn and named when they have no data."""
    subtitle = str(fig.layout.title.subtitle.text or "").replace("<br>", " ")
    assert "provinsi dan nasional" not in subtitle and "province and nation" not in subtitle, where
    drawn_part, _, no_data_part = subtitle.partition(";")
    if "tidak ada data" not in subtitle and "no data" not in subtitle:
        no_data_part = ""
    else:
        drawn_part, no_data_part = subtitle.rsplit(";", 1) if ";" in subtitle else ("", subtitle)
    traced = {str(tr.name).rsplit(" (", 1)[0] for tr in line_traces(fig)}
    drawn_peers = [p for p in peers if p in traced]
    if drawn_peers:
        count = f"{len(drawn_peers)} wilayah pembanding" if "wilayah" in subtitle else f"{len(drawn_peers)} comparison"
        assert count in drawn_part, f"{where}: {drawn_peers} drawn, subtitle {subtitle!r}"
    for peer in peers:
        if peer not in traced:
            assert peer in no_data_part, f"{where}: {peer} not drawn, subtitle {subtitle!r}"
    for name in names:
        if name in traced:
            assert name in drawn_part, f"{where}: {name} drawn but not named in {subtitle!r}"
        else:
            assert name in no_data_part, f"{where}: {name} not drawn, subtitle {subtitle!r}"
            assert name not in drawn_part.replace(no_data_part, ""), f"{where}: {name} named as drawn"


def assert_every_point_in_view(fig: go.Figure, where: str) -> None:
    """Every year drawn (a line's points, a target's star) lies inside the x-axis range the figure sets: a
    legend entry whose marker is cut off tells of a target the reader cannot see."""
    ranges = {name: fig.layout[name].range for name in fig.layout if name.startswith("xaxis")}
    for trace in fig.data:
        if not isinstance(trace, go.Scatter) or not trace.x:
            continue
        axis = "xaxis" if trace.xaxis in (None, "x") else f"xaxis{trace.xaxis[1:]}"
        shown = ranges.get(axis)
        if shown is None or not all(isinstance(x, int | float) for x in trace.x if x is not None):
            continue
        outside = [x for x in trace.x if x is not None and not shown[0] <= x <= shown[1]]
        assert not outside, f"{where}: {trace.name} at {outside} outside the x-axis {tuple(shown)}"


def audit(fig: go.Figure, lang: str, where: str, measure_id: str | None = None) -> None:
    assert_every_point_in_view(fig, where)
    assert_no_segment_spans_a_gap(fig, where)
    assert_one_colour_per_legend_group(fig, where)
    assert_source_line(fig, lang, where)
    assert_plot_has_room(fig, where)
    if measure_id:
        assert_scale_honest(fig, measure_id, where)


def name_of(registry: RegionRegistry, code: str) -> str:
    return "Indonesia" if code == "00" else registry.name(code)


# The audit over every figure kind ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_poverty_explorer_figures(by_measure, glides, registry, lang):
    drawn = 0
    for measure_id in POVERTY_MEASURES:
        measure = CATALOG.measure(measure_id)
        obs = by_measure[measure_id]
        for region in REGIONS:
            # With and without province/nation, alone and with one or two comparison regions.
            for refs, peers in ((True, []), (True, COMPARE[1]), (False, COMPARE[0])):
                glide = glides.get((measure_id, region)) if refs else None
                fig = poverty_charts.explorer_figure(obs, registry, CATALOG, measure, region, lang,
                                                     references=refs, compare=list(peers), glide=glide)
                where = f"explorer {measure_id} {region} refs={refs} peers={peers} {lang}"
                if fig is None:
                    continue
                drawn += 1
                audit(fig, lang, where, measure_id)
                asked = [region, *(registry.references(region) if refs else [])]
                assert_subtitle_names_what_is_drawn(fig, [name_of(registry, c) for c in asked], where,
                                                    peers=[name_of(registry, c) for c in peers])
    assert drawn > 60


@pytest.mark.parametrize("lang", LANGS)
def test_long_series_keeps_its_colour_and_breaks_at_its_cuts(sampled, registry, seeded_store, lang):
    """The long P0 series (2004–2014, issue #16) beside the current one: audited like every figure, each
    region's long-series pieces in one colour, no piece joined across a comparability flag, and the
    hover citing each value (provenance stamps from the store)."""
    stamps = provenance.revision_stamps(seeded_store.revisions())
    measure = CATALOG.measure("p0")
    history = CATALOG.measure("p0_history")
    drawn = 0
    for region in ("3671", "3602"):
        for refs, peers in ((True, []), (False, COMPARE[0])):
            fig = poverty_charts.explorer_figure(sampled, registry, CATALOG, measure, region, lang,
                                                 references=refs, compare=list(peers), stamps=stamps, long=True)
            where = f"long series {region} refs={refs} peers={peers} {lang}"
            audit(fig, lang, where, "p0")
            long_traces = [tr for tr in line_traces(fig) if tr.line.dash == "dashdot"]
            if not long_traces:
                continue
            drawn += 1
            # Each piece is its own trace; none draws a segment across a flagged (cut) year.
            rows = sampled[(sampled["region_code"] == region) & (sampled["measure"] == history.id)]
            cuts = set(rows.loc[rows["note"].fillna("").str.startswith(indicators.COMPARABILITY_BREAK), "year"])
            by_group: dict[str, set[str]] = {}
            for trace in long_traces:
                by_group.setdefault(trace.legendgroup, set()).add(trace.line.color)
                years = [x for x, y in zip(trace.x, trace.y, strict=True) if y is not None]
                assert not any(c in years and c - 1 in years for c in cuts if c != min(years)), (where, years)
            assert all(len(colours) == 1 for colours in by_group.values()), (where, by_group)
            hovers = [s for tr in long_traces for _, s, _ in tr.customdata if s]
            assert hovers and all(h.startswith("BPS") for h in hovers), (where, hovers[:3])
    assert drawn >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_overview_and_side_by_side_figures(sampled, by_measure, registry, lang):
    obs = sampled
    for region in REGIONS:
        fig, _ = poverty_charts.overview_figure(obs, registry, CATALOG, region, lang)
        where = f"overview {region} {lang}"
        audit(fig, lang, where, "p0")
        assert_subtitle_names_what_is_drawn(
            fig, [name_of(registry, c) for c in [region, *registry.references(region)]], where)
    chosen = ["3671", "5371", "36"]
    for measure_id in ("p0", "poor_count", "poverty_line", "p1"):
        measure = CATALOG.measure(measure_id)
        rows = by_measure[measure_id]
        shared = poverty_charts.shared_range(rows, registry, measure, chosen, "march")
        for code in chosen:
            fig = poverty_charts.side_by_side_figure(rows, registry, CATALOG, measure, code, "march", lang,
                                                     y_range=shared)
            if fig is None:
                continue
            where = f"side by side {measure_id} {code} {lang}"
            audit(fig, lang, where, measure_id)
            subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
            # A province or nation left out for scale is said to be left out, never to have no data.
            if measure_id == "poor_count":
                assert "tidak ada data" not in subtitle and "no data" not in subtitle, (where, subtitle)
                assert ("tidak digambar" in subtitle) if lang == "id" else ("not drawn" in subtitle), where
            # Every small chart says whether its y-scale is shared with the others.
            assert ("sama di semua" in subtitle or "berbeda" in subtitle) if lang == "id" else (
                "same y-scale" in subtitle or "own y-scale" in subtitle), where


@pytest.mark.parametrize("lang", LANGS)
def test_glide_maps_bars_quadrant_and_programme_figures(obs, registry, seeded_store, lang):
    # Glide paths of the headline targets of the sampled regions (as pages/_shared/targets_view draws them).
    store_targets = seeded_store.targets()
    for region in REGIONS:
        for measure_id in ("p0", "extreme_poverty"):
            result = targets.evaluate(obs, store_targets, registry, CATALOG, region, measure_id, as_of=2026)
            if not result.headline:
                continue
            first = result.headline[0].target
            measure = CATALOG.measure(measure_id)
            series = indicators.series(obs, region, measure_id, first.period).dropna(subset=["value"])
            if series.empty:
                continue
            fig = target_charts.glide_figure(series, name_of(registry, region), measure, list(result.headline),
                                             ["target"] * len(result.headline), lang, title="t", subtitle="s")
            charts.add_source(fig, charts.source_text(series["source"], CATALOG, lang))
            # The observed line (target bands and paths are drawn lines, not observations).
            observed = go.Figure([tr for tr in fig.data if str(tr.name).startswith(name_of(registry, region))])
            assert observed.data, f"glide {region} {measure_id}: no observed line"
            assert_no_segment_spans_a_gap(observed, f"glide {region} {measure_id}")
            assert_source_line(fig, lang, f"glide {region} {measure_id}")
    # Map and bars of P0 at kab/kota level, for all of Indonesia and for Banten; provinces.
    measure = CATALOG.measure("p0")
    for level, province in (("kabkota", None), ("kabkota", "36"), ("province", None)):
        codes = compare.level_codes(registry, level, 2025, province)
        table = pd.DataFrame({"region_code": codes}).merge(
            compare.ranking(obs, measure, 2025, "march", codes), on="region_code", how="left")
        table["name"] = [name_of(registry, c) for c in table["region_code"]]
        table["source_label"] = ""
        labels = maps.MapLabels(title="P0", subtitle="", no_data="-", rank_word="rank", legend_title="%")
        source = charts.source_text(table["source"].dropna(), CATALOG, lang)
        if level == "kabkota" and province is None:
            geo = maps.load_geojson("kabkota")
            audit(maps.choropleth_figure(table, geo, measure, lang, labels, source=source), lang, "map")
        audit(maps.bar_figure(table, measure, lang, labels, source=source), lang, f"bars {level} {province}")
    # Quadrant of P0 against its change.
    codes = compare.level_codes(registry, "kabkota", 2025, "36")
    x = compare.values_at(obs, "p0", 2025, "march", codes).set_index("region_code")["value"]
    y = x - compare.values_at(obs, "p0", 2024, "march", codes).set_index("region_code")["value"]
    quads = compare.quadrant_table(pd.DataFrame({"x": x, "y": y}).rename_axis("region_code").reset_index(),
                                   float(x.mean()), float(y.mean()))
    labels = compare_charts.QuadrantLabels("q", "s", "x", "y", dict.fromkeys(compare.QUADRANTS, ""),
                                    "rata-rata kab/kota Banten (sederhana)")
    fig = quadrant_figure(quads, float(x.mean()), float(y.mean()), labels, lang, highlight="3671", peers=[],
                                  names={}, x_measure=measure, y_measure=measure, y_is_change=True,
                                  source=charts.source_text(["bps_kabkota_p0_count"], CATALOG, lang))
    audit(fig, lang, "quadrant")
    # The reference lines say what they are on the chart (and in its PNG), above the plot area.
    assert [a.text for a in fig.layout.annotations].count("- - - rata-rata kab/kota Banten (sederhana)") == 1
    # Programme charts of every programme measure Kota Tangerang has.
    for program in progs.programs_for_region(CATALOG, obs, registry, "3671"):
        for measure in progs.chart_measures(CATALOG, program):
            yearly = progs.yearly_values(obs, "3671", measure.id)
            if yearly.empty:
                continue
            fig = program_charts.output_figure(yearly, measure, lang, title="t",
                                               source=charts.source_text(yearly["source"], CATALOG, lang))
            audit(fig, lang, f"programme {measure.id}")
            # Whole counts with the language's separators ("10.000"), never plotly's "10k".
            if measure.decimals == 0:
                assert fig.layout.yaxis.tickformat == ",.0f", measure.id


# The examples of issue #14, each a test that would have caught it ------------------------------


def test_national_september_2023_is_a_null_not_a_line_from_2022_to_2024(obs, registry):
    """Issue #14's gap rule on the second-pass data (issue #16): BPS computed no national September 2023
    figure, so the September line has a null there and no segment from 2022 (9.57) to 2024 (8.57)."""
    fig = poverty_charts.explorer_figure(obs, registry, CATALOG, CATALOG.measure("p0"), "00", "id",
                                         references=False, compare=[])
    (september,) = [tr for tr in fig.data if str(tr.name) == "Indonesia (September)"]
    by_year = dict(zip(september.x, september.y, strict=True))
    assert by_year[2022] == pytest.approx(9.57) and by_year[2024] == pytest.approx(8.57)
    assert by_year[2023] is None
    assert september.connectgaps is False
    # The March line is complete over the same years (2017 and 2018 included).
    (march,) = [tr for tr in fig.data if str(tr.name) == "Indonesia (Maret)"]
    assert all(dict(zip(march.x, march.y, strict=True))[y] is not None for y in range(2015, 2026))


def test_kota_tangerang_p1_is_the_kabkota_table_and_says_references_have_no_kabkota_p1(obs, registry):
    fig = poverty_charts.explorer_figure(obs, registry, CATALOG, CATALOG.measure("p1"), "3671", "id",
                                         references=True, compare=[])
    traces = [tr for tr in fig.data if str(tr.name).startswith("Kota Tangerang")]
    # P1 of Kota Tangerang from the BPS kab/kota table: March 2015 (0.87) to March 2025 (0.69), every year.
    assert [tr.showlegend for tr in traces][0] is not False
    values = {x: y for tr in traces for x, y in zip(tr.x, tr.y, strict=True) if y is not None}
    assert sorted(values) == list(range(2015, 2026))
    assert values[2015] == pytest.approx(0.87) and values[2025] == pytest.approx(0.69)
    assert list(fig.layout.xaxis.range)[0] <= 2014.5
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert subtitle.startswith("Kota Tangerang")


def test_kota_kupang_keeps_one_colour_and_one_legend_entry_across_the_2021_break(obs, registry):
    fig = poverty_charts.explorer_figure(obs, registry, CATALOG, CATALOG.measure("poor_count"), "3671", "id",
                                         references=False, compare=["5371"])
    kupang = [tr for tr in fig.data if str(tr.name).startswith("Kota Kupang")]
    assert len(kupang) == 2  # before and after the 2021 break, the line cut there
    assert {tr.line.color for tr in kupang} == {charts.palette()[2]}
    assert [tr.showlegend for tr in kupang] == [True, False]
    before, after = kupang
    # The pieces do not touch: the last drawn year of one is not the first of the other.
    last_before = max(x for x, y in zip(before.x, before.y, strict=True) if y is not None)
    first_after = min(x for x, y in zip(after.x, after.y, strict=True) if y is not None)
    assert last_before < 2021 <= first_after
    assert fig.layout.title.subtitle.text.replace("<br>", " ") == "Kota Tangerang, 1 wilayah pembanding"


def test_number_of_poor_with_nation_goes_to_panels_with_natural_units(obs, registry):
    fig = poverty_charts.explorer_figure(obs, registry, CATALOG, CATALOG.measure("poor_count"), "3671", "id",
                                         references=True, compare=["5371"])
    # Indonesia (~24 million) and Kota Kupang (~25 thousand): a ratio near 1000, so one panel each.
    axes = {tr.yaxis for tr in fig.data}
    assert len(axes) == 4
    assert "skala sumbu-y tiap panel berbeda" in fig.layout.title.subtitle.text.replace("<br>", " ")
    nation_axis = next(tr.yaxis for tr in fig.data if str(tr.name).startswith("Indonesia"))
    ticks = fig.layout[f"yaxis{nation_axis[1:]}"].ticktext
    assert all(text.endswith(" juta") for text in ticks), ticks
    region_ticks = fig.layout.yaxis.ticktext
    assert all(text.endswith(" ribu") for text in region_ticks), region_ticks
    assert not any("k" in text for text in region_ticks)


def test_source_line_names_publisher_and_table():
    text = charts.source_text(["bps_kabkota_p0_count"], CATALOG, "id")
    source = CATALOG.sources["bps_kabkota_p0_count"]
    assert text.startswith(f"Sumber: {source.publisher}, {source.title[:30]}")
    assert "Dasbor Kemiskinan, dibuat " in text


def test_plain_text_keeps_the_codes_line_breaks_in_titles_and_annotations_but_not_a_datas_link():
    """Found by looking at the merged Kemiskinan page: the wrapped subtitle and source line showed a
    literal '<br>' because layout annotations were escaped like trace data."""
    import plotly.graph_objects as go

    from analytics.text import plain_figure

    figure = go.Figure(go.Scatter(x=[1], y=[1], text=["<b>Kota</b>"], name='<a href="https://x.id">klik</a>'))
    figure.update_layout(title={"text": "Jumlah penduduk<br>miskin"})
    figure.add_annotation(text='Kota <a href="https://x.id">X</a><br>Sumber: BPS', showarrow=False)
    plain_figure(figure)
    assert figure.layout.title.text == "Jumlah penduduk<br>miskin"
    assert figure.layout.annotations[0].text == 'Kota &lt;a href="https://x.id"&gt;X&lt;/a&gt;<br>Sumber: BPS'
    assert figure.data[0].text == ("&lt;b&gt;Kota&lt;/b&gt;",)
    assert "<a" not in figure.data[0].name


def test_a_measures_slice_draws_the_same_figure_as_all_rows(sampled, by_measure, registry):
    """The audit builds its figures from by_measure's slices: they must be the figures the pages draw."""
    for measure_id, region, peers in (("p1", "3671", COMPARE[1]), ("poor_count", "00", COMPARE[0])):
        measure = CATALOG.measure(measure_id)
        whole, sliced = (poverty_charts.explorer_figure(rows, registry, CATALOG, measure, region, "id",
                                                        references=True, compare=list(peers))
                         for rows in (sampled, by_measure[measure_id]))
        assert whole.to_plotly_json() == sliced.to_plotly_json(), measure_id
