"""Comparison and map logic on tiny hand-written fixtures; every expected value worked out by hand."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics.catalog import Measure, Text
from analytics.domain import compare
from analytics.figures import maps
from analytics.regions import RegionRegistry

# Nation, two provinces (one a 2022 Papua province), five kab/kota. P1 moved from 94 to 95 in 2022.
REGIONS = pd.DataFrame(
    [
        ("00", "Indonesia", "nation", "", "", "", "both"),
        ("36", "Banten", "province", "", "00", "00", "both"),
        ("94", "Papua", "province", "", "00", "00", "both"),
        ("95", "Papua Selatan", "province", "", "00", "00", "2025"),
        ("3601", "Kab. A", "kabkota", "Kabupaten", "36", "36", "both"),
        ("3671", "Kota B", "kabkota", "Kota", "36", "36", "both"),
        ("3672", "Kota C", "kabkota", "Kota", "36", "36", "both"),
        ("3673", "Kota D", "kabkota", "Kota", "36", "36", "both"),
        ("9401", "Kab. P1", "kabkota", "Kabupaten", "94", "95", "both"),
    ],
    columns=["code", "name", "level", "type", "parent_code", "parent_code_2025", "scheme"],
)


def obs(rows: list[tuple[str, str, int, float]], period: str = "march") -> pd.DataFrame:
    return pd.DataFrame(
        [{"region_code": r, "measure": m, "year": y, "period": period, "value": v, "status": "illustrative",
          "source": "test", "note": None} for r, m, y, v in rows])


def measure(measure_id: str = "p0", lower_is_better: bool | None = True) -> Measure:
    return Measure(id=measure_id, name=Text(measure_id, measure_id), short=Text(measure_id, measure_id),
                   unit="percent", unit_label=None, decimals=2, lower_is_better=lower_is_better,
                   definition=Text("", ""), program=None, cumulative=False)


@pytest.fixture
def registry() -> RegionRegistry:
    return RegionRegistry(REGIONS)


# Rankings ------------------------------------------------------------------------------------------


def test_ranking_gives_tied_regions_the_better_rank_and_skips_the_next():
    # P0: A 5, B 3, C 5, D 7 (lower is better) → B 1, A and C share 2, D is 4 (not 3).
    frame = obs([("3601", "p0", 2025, 5.0), ("3671", "p0", 2025, 3.0), ("3672", "p0", 2025, 5.0),
                 ("3673", "p0", 2025, 7.0)])
    ranks = compare.ranking(frame, measure(), 2025, "march", ["3601", "3671", "3672", "3673"])
    assert dict(zip(ranks["region_code"], ranks["rank"], strict=True)) == {"3671": 1, "3601": 2, "3672": 2,
                                                                           "3673": 4}
    # Percentile = regions strictly worse / (n − 1): B 3/3 = 100, A 1/3 = 33.3 (only D worse), D 0/3 = 0.
    percentiles = dict(zip(ranks["region_code"], ranks["percentile"], strict=True))
    assert percentiles["3671"] == 100
    assert percentiles["3601"] == pytest.approx(100 / 3)
    assert percentiles["3673"] == 0


def test_ranking_of_a_higher_is_better_measure_puts_the_highest_first():
    # HDI: A 70, B 80 → B 1, A 2.
    frame = obs([("3601", "hdi", 2025, 70.0), ("3671", "hdi", 2025, 80.0)], period="annual")
    ranks = compare.ranking(frame, measure("hdi", lower_is_better=False), 2025, "annual", ["3601", "3671"])
    assert ranks["region_code"].tolist() == ["3671", "3601"]


def test_rank_change_counts_only_regions_with_both_years():
    # 2024: A 5, B 3, C 6 → ranks A 2, B 1, C 3. 2025: A 2, B 3, C 6, D 1 → D has no 2024 value and is left out,
    # so 2025 ranks among A, B, C: A 1, B 2, C 3. Places = rank 2024 − rank 2025: A +1, B −1, C 0.
    frame = obs([("3601", "p0", 2024, 5.0), ("3671", "p0", 2024, 3.0), ("3672", "p0", 2024, 6.0),
                 ("3601", "p0", 2025, 2.0), ("3671", "p0", 2025, 3.0), ("3672", "p0", 2025, 6.0),
                 ("3673", "p0", 2025, 1.0)])
    moves = compare.rank_change(frame, measure(), 2024, 2025, "march", ["3601", "3671", "3672", "3673"])
    assert dict(zip(moves["region_code"], moves["places"], strict=True)) == {"3601": 1, "3671": -1, "3672": 0}


def test_standing_ranks_within_the_province_and_nationally_with_gaps_to_official_values(registry):
    # Kab/kota 2025: A 5, B 3, C 4, D 8, P1 20. Banten official 4.5, nation 9.0.
    # Kota B: national 1 of 5, in Banten 1 of 4; gap to Banten 3 − 4.5 = −1.5; to nation 3 − 9 = −6.
    # Kab. P1 belongs to Papua Selatan (95) in the 2025 scheme: rank 1 of 1 there, 5 of 5 nationally.
    frame = obs([("3601", "p0", 2025, 5.0), ("3671", "p0", 2025, 3.0), ("3672", "p0", 2025, 4.0),
                 ("3673", "p0", 2025, 8.0), ("9401", "p0", 2025, 20.0), ("36", "p0", 2025, 4.5),
                 ("00", "p0", 2025, 9.0)])
    mine = compare.standing(frame, registry, measure(), "3671", 2025, "march")
    assert (mine.national_rank, mine.national_n, mine.province_rank, mine.province_n) == (1, 5, 1, 4)
    assert mine.province == "36"
    assert mine.gap_to_province == -1.5
    assert mine.gap_to_nation == -6.0
    papua = compare.standing(frame, registry, measure(), "9401", 2025, "march")
    assert (papua.province, papua.province_rank, papua.province_n, papua.national_rank) == ("95", 1, 1, 5)
    assert papua.province_value is None  # no official value for 95 in the fixture: a gap, not zero


def test_standing_from_kept_rankings_is_the_standing_worked_out_alone(registry):
    """The app keeps each level's ranking once for every region (pages/_shared/compare_data.ranking) and hands
    it to `standing`: each region's standing is then exactly the one worked out alone, and the tables asked for
    are the nation's kab/kota and the region's own province's, whichever region asks (same fixture as above)."""
    frame = obs([("3601", "p0", 2025, 5.0), ("3671", "p0", 2025, 3.0), ("3672", "p0", 2025, 4.0),
                 ("3673", "p0", 2025, 8.0), ("9401", "p0", 2025, 20.0), ("36", "p0", 2025, 4.5),
                 ("95", "p0", 2025, 12.0), ("00", "p0", 2025, 9.0)])
    kept: dict[tuple[str, str | None], pd.DataFrame] = {}
    asked: list[tuple[str, str | None]] = []

    def ranked(level: str, province: str | None) -> pd.DataFrame:
        asked.append((level, province))
        if (level, province) not in kept:
            kept[(level, province)] = compare.ranking(frame, measure(), 2025, "march",
                                                      compare.level_codes(registry, level, 2025, province))
        return kept[(level, province)]

    for code in ("3601", "3671", "3672", "3673", "9401", "36", "95"):
        assert compare.standing(frame, registry, measure(), code, 2025, "march", ranked=ranked) == \
            compare.standing(frame, registry, measure(), code, 2025, "march"), code
    assert set(asked) == {("kabkota", None), ("kabkota", "36"), ("kabkota", "95"), ("province", None)}
    # Kab. P1 (9401): 5 of 5 nationally, 1 of 1 in Papua Selatan, 20 − 12 = 8 points above its province.
    papua = compare.standing(frame, registry, measure(), "9401", 2025, "march", ranked=ranked)
    assert (papua.national_rank, papua.province_rank, papua.province_n, papua.gap_to_province) == (5, 1, 1, 8.0)


def test_papua_kabkota_belong_to_the_old_province_before_2024(registry):
    assert compare.province_map(registry, 2023)["9401"] == "94"
    assert compare.province_map(registry, 2024)["9401"] == "95"
    assert compare.level_codes(registry, "province", 2023) == ["36", "94"]
    assert compare.level_codes(registry, "province", 2025) == ["36", "94", "95"]


# Averages and quadrants -----------------------------------------------------------------------------


def test_population_weighted_average_differs_from_the_simple_one():
    # A: P0 10 %, 10 thousand poor → implied population 10 × 100 / 10 = 100 thousand.
    # B: P0 2 %, 6 thousand poor → 6 × 100 / 2 = 300 thousand.
    # Simple mean (10 + 2) / 2 = 6; weighted (10·100 + 2·300) / 400 = 1600 / 400 = 4
    # (= Σ poor / Σ population × 100 = 16 / 400 × 100 = 4).
    frame = obs([("3601", "p0", 2025, 10.0), ("3601", "poor_count", 2025, 10.0),
                 ("3671", "p0", 2025, 2.0), ("3671", "poor_count", 2025, 6.0)])
    weights = compare.population_weights(frame, 2025, "march", ["3601", "3671"])
    assert weights.to_dict() == {"3601": pytest.approx(100.0), "3671": pytest.approx(300.0)}
    values = pd.Series({"3601": 10.0, "3671": 2.0})
    assert compare.average(values) == 6.0
    assert compare.average(values, weights) == pytest.approx(4.0)


def test_average_leaves_out_gaps_instead_of_counting_them_as_zero():
    # (4 + 8) / 2 = 6, not (4 + 8 + 0) / 3 = 4.
    assert compare.average(pd.Series({"a": 4.0, "b": 8.0, "c": float("nan")})) == 6.0
    assert compare.average(pd.Series(dtype=float)) is None


def test_quadrants_are_numbered_counterclockwise_from_top_right_and_lines_count_as_above():
    # Reference (5, 0): (6, 1) I, (4, 1) II, (4, −1) III, (6, −1) IV, (5, 0) on both lines → I.
    points = pd.DataFrame({"region_code": ["a", "b", "c", "d", "e", "f"],
                           "x": [6.0, 4.0, 4.0, 6.0, 5.0, 7.0], "y": [1.0, 1.0, -1.0, -1.0, 0.0, float("nan")]})
    table = compare.quadrant_table(points, 5.0, 0.0)
    assert dict(zip(table["region_code"], table["quadrant"], strict=True)) == {
        "a": "I", "b": "II", "c": "III", "d": "IV", "e": "I"}  # f has no y: not placed
    assert compare.quadrant_counts(table) == {"I": 2, "II": 1, "III": 1, "IV": 1}


def test_quadrant_assignment_follows_the_chosen_reference():
    # Same points against a peer-group average of a and b: x̄ = (6 + 4) / 2 = 5, ȳ = (3 + 1) / 2 = 2.
    # a (6, 3) → I; b (4, 1) → III; c (4.5, 2.5) → II.
    points = pd.DataFrame({"region_code": ["a", "b", "c"], "x": [6.0, 4.0, 4.5], "y": [3.0, 1.0, 2.5]})
    peers = points.set_index("region_code").loc[["a", "b"]]
    x_ref, y_ref = compare.average(peers["x"]), compare.average(peers["y"])
    assert (x_ref, y_ref) == (5.0, 2.0)
    table = compare.quadrant_table(points, x_ref, y_ref)
    assert dict(zip(table["region_code"], table["quadrant"], strict=True)) == {"a": "I", "b": "III", "c": "II"}
    # Against a typed reference (4, 0) all three are in I.
    assert set(compare.quadrant_table(points, 4.0, 0.0)["quadrant"]) == {"I"}


def test_quadrant_meanings_follow_the_direction_of_each_axis():
    # P0 level × P0 change: above = worse on both axes; quadrant III (below, below) is the good one.
    p0 = compare.quadrant_meanings(True, True)
    assert p0["I"] == ("worse", "worse")
    assert p0["III"] == ("better", "better")
    # P0 × HDI (higher HDI is better): quadrant II = low poverty, high HDI.
    assert compare.quadrant_meanings(True, False)["II"] == ("better", "better")
    # A neutral measure (poverty line) is only higher or lower.
    assert compare.quadrant_meanings(None, True)["IV"] == ("higher", "better")


# Regions like mine ---------------------------------------------------------------------------------


def similarity_fixture() -> pd.DataFrame:
    return pd.DataFrame(
        {"type": ["Kota", "Kabupaten", "Kota", "Kota", "Kota"],
         "province": ["36", "36", "36", "32", "32"],
         "population": [100.0, 100.0, 1000.0, 100.0, 100.0],
         "p0": [2.0, 4.0, 5.0, 11.0, float("nan")]},
        index=pd.Index(["A", "B", "C", "D", "E"], name="region_code"))


def test_similar_regions_by_p0_alone_are_ordered_by_standardised_difference():
    # P0 of A–D: 2, 4, 5, 11 (E has none and is left out). Mean 5.5; deviations −3.5, −1.5, −0.5, 5.5;
    # variance (12.25 + 2.25 + 0.25 + 30.25) / 4 = 11.25; sd = 3.3541.
    # Distances from A: B 2 / 3.3541 = 0.5963, C 3 / 3.3541 = 0.8944, D 9 / 3.3541 = 2.6833.
    result = compare.similar_regions(similarity_fixture(), "A", ["p0"], k=3)
    assert result["region_code"].tolist() == ["B", "C", "D"]
    assert result["distance"].tolist() == pytest.approx([0.5963, 0.8944, 2.6833], abs=1e-4)


def test_adding_the_type_feature_moves_the_kota_ahead_of_the_kabupaten():
    # With type, B (a Kabupaten, A is a Kota) gets 1 more: √(0.5963² + 1²) = √1.3556 = 1.1643 > C's 0.8944.
    result = compare.similar_regions(similarity_fixture(), "A", ["p0", "type"], k=2)
    assert result["region_code"].tolist() == ["C", "B"]
    assert result["distance"].tolist() == pytest.approx([0.8944, 1.1643], abs=1e-4)
    assert result.loc[1, "d_type"] == 1.0


def test_population_is_compared_on_a_log_scale():
    # log10 population of A–E: 2, 2, 3, 2, 2 → mean 2.2, sd √((4·0.04 + 0.64) / 5) = √0.16 = 0.4.
    # From A: B, D, E differ by 0; C by 1 / 0.4 = 2.5. Ties broken by code.
    result = compare.similar_regions(similarity_fixture(), "A", ["population"], k=4)
    assert result["region_code"].tolist() == ["B", "D", "E", "C"]
    assert result["distance"].tolist() == pytest.approx([0, 0, 0, 2.5])


def test_similar_regions_explain_a_missing_feature_of_the_selected_region():
    with pytest.raises(compare.CompareError) as error:
        compare.similar_regions(similarity_fixture(), "E", ["p0"], k=3)
    assert "p0" in error.value.message("en")
    with pytest.raises(compare.CompareError):
        compare.similar_regions(similarity_fixture(), "A", [], k=3)


# Maps ------------------------------------------------------------------------------------------------


def test_equal_interval_and_quantile_classes_by_hand():
    values = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0, "e": 10.0})
    # Equal intervals of (10 − 1) / 3 = 3: breaks 1, 4, 7, 10; 4 opens the second class, 10 closes the last.
    equal = maps.classify(values, "equal", n=3)
    assert equal.breaks == (1.0, 4.0, 7.0, 10.0)
    assert equal.index.to_dict() == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 2}
    # Two quantile classes: median 3 → [1, 3) and [3, 10].
    quantile = maps.classify(values, "quantile", n=2)
    assert quantile.breaks == (1.0, 3.0, 10.0)
    assert quantile.index.to_dict() == {"a": 0, "b": 0, "c": 1, "d": 1, "e": 1}


def test_lighter_colour_is_better_in_both_directions():
    light, dark = maps.BETTER_TO_WORSE[0], maps.BETTER_TO_WORSE[-1]
    assert maps.class_colours(measure("p0", True), 5)[0] == light  # lowest P0 = best = light
    assert maps.class_colours(measure("hdi", False), 5)[0] == dark  # lowest HDI = worst = dark


def test_map_fits_its_area_at_any_width_offline_and_shows_gaps_and_the_selected_region():
    geojson = maps.load_geojson("province38")
    frame = pd.DataFrame({"region_code": ["36", "31", "32"], "name": ["Banten", "DKI Jakarta", "Jawa Barat"],
                          "value": [5.63, 4.28, float("nan")], "rank": [2, 1, None], "n": [2, 2, None],
                          "source_label": ["BPS", "BPS", ""]})
    labels = maps.MapLabels(title="P0", subtitle="", no_data="tidak ada data", rank_word="peringkat", legend_title="%")
    figure = maps.choropleth_figure(frame, geojson, measure(), "id", labels, selected="36").to_dict()
    geo = figure["layout"]["geo"]
    # No base map (it would be fetched from a CDN) and no width in the figure: the browser fits the view's
    # ranges, the three provinces' box with a 0.15° margin, into whatever width the chart gets.
    assert geo["visible"] is False and "width" not in figure["layout"]
    west, south, east, north = maps.bounds(maps.subset(geojson, {"31", "32", "36"}))
    assert geo["lonaxis"]["range"] == pytest.approx([west - 0.15, east + 0.15], abs=1e-3)
    assert geo["lataxis"]["range"] == pytest.approx([south - 0.15, north + 0.15], abs=1e-3)
    assert west < 105.2 < 108.8 < east  # Banten's western tip (Ujung Kulon) to Jawa Barat's eastern border
    with_data, without, outline = figure["data"]
    assert sorted(with_data["locations"]) == ["31", "36"]
    assert list(without["locations"]) == ["32"]
    assert without["customdata"][0][2] == "tidak ada data"
    assert list(outline["locations"]) == ["36"] and outline["marker"]["line"]["color"] == "#000000"
    assert outline["hoverinfo"] == "skip"


def test_map_bounds_from_remembered_boxes_equal_every_point_read_again():
    """bounds() remembers each loaded geometry's box (issue #18); the box must still be that of the points
    drawn: checked against every outer-ring point read here, for whole layers, a province's kab/kota and a
    geometry made anew (same shape, moved 1° east) that must not be given the loaded one's box."""
    def by_hand(collection: dict) -> tuple[float, float, float, float]:
        points = [point for f in collection["features"] for polygon in f["geometry"]["coordinates"]
                  for point in polygon[0]]
        return (min(p[0] for p in points), min(p[1] for p in points),
                max(p[0] for p in points), max(p[1] for p in points))

    kabkota = maps.load_geojson("kabkota")
    banten = maps.subset(kabkota, {f["id"] for f in kabkota["features"] if f["id"].startswith("36")})
    for collection in (kabkota, maps.load_geojson("province34"), banten, banten):  # asked twice: remembered
        assert maps.bounds(collection) == by_hand(collection)
    moved = {"type": "FeatureCollection", "features": [
        {**f, "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[lon + 1, lat] for lon, lat in ring] for ring in polygon] for polygon in f["geometry"]["coordinates"]]}}
        for f in banten["features"]]}
    assert maps.bounds(moved) == by_hand(moved) != maps.bounds(banten)
    assert maps.bounds(maps.subset(kabkota, set())) is None


def test_national_map_view_spans_aceh_to_papua():
    geojson = maps.load_geojson("kabkota")
    codes = [f["id"] for f in geojson["features"]]
    frame = pd.DataFrame({"region_code": codes, "name": codes, "value": range(len(codes)), "rank": 1, "n": 1,
                          "source_label": ""})
    labels = maps.MapLabels(title="P0", subtitle="", no_data="-", rank_word="peringkat", legend_title="%")
    figure = maps.choropleth_figure(frame, geojson, measure(), "id", labels)
    lon, lat = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    # Pulau Breueh (Aceh) 95.01° E to the Papua border 141.02° E; Rote 11.0° S to Miangas 5.6° N.
    assert lon[0] < 95.01 and lon[1] > 141.02 and lat[0] < -11.0 and lat[1] > 5.6
    # Five classes in the legend, each named by its range.
    assert len(figure.data[0].colorbar.ticktext) == 5


def test_rings_are_wound_as_plotly_geo_reads_them():
    # An outer ring counter-clockwise (GeoJSON's order) with a clockwise hole: d3 wants both reversed,
    # else it fills the whole globe except the region.
    outer = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    hole = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]
    wound = maps.wind_for_d3([outer, hole])
    assert wound[0] == outer[::-1] and wound[1] == hole[::-1]
    assert maps.wind_for_d3(wound) == wound
    kabkota = maps.load_geojson("kabkota")
    assert all(maps._signed_area(p[0]) < 0 for f in kabkota["features"] for p in f["geometry"]["coordinates"])


def test_the_base_map_plotly_asks_for_is_an_empty_topology_in_the_config():
    from urllib.parse import unquote

    url = maps.TOPOJSON_URL
    assert url.startswith("data:application/json,") and url.endswith("#")
    # plotly appends "/world_110m.json": after "#" it is a fragment, not part of the data.
    assert json.loads(unquote(url.removeprefix("data:application/json,").removesuffix("#"))) == maps.EMPTY_TOPOLOGY


def test_kabkota_geometry_is_thinned_but_keeps_every_region():
    geojson = maps.load_geojson("kabkota")
    assert len(geojson["features"]) == 514
    assert all(f["geometry"]["coordinates"] for f in geojson["features"])
    # 2.29 MB on disk with 116 thousand points; under 1 MB once thinned.
    assert len(json.dumps(geojson, separators=(",", ":"))) < 1_000_000


