"""Issue #16's remaining columns in the seeded store: province P1/P2 by urban/rural area (SOURCES.md
§20, file 20) and file 12's number of poor and poverty line (the kab/kota long history), checked
against reference rows read by hand (quoted beside each value)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import indicators
from analytics.figures import poverty_charts
from analytics.regions import RegionRegistry

CATALOG = default_catalog()


def value(obs: pd.DataFrame, region: str, measure: str, year: int, period: str) -> float | None:
    rows = obs[(obs["region_code"] == region) & (obs["measure"] == measure) & (obs["year"] == year)
               & (obs["period"] == period)]
    return None if rows.empty else float(rows["value"].iloc[0])


@pytest.mark.parametrize(("key", "expected"), [
    # file 20 "53,NUSA TENGGARA TIMUR,2024,Maret,3.41,0.85,1.19,4.21,0.24,1.07"
    (("53", "p1_urban", 2024, "march"), 1.19),
    (("53", "p1_rural", 2024, "march"), 4.21),
    (("53", "p2_urban", 2024, "march"), 0.24),
    (("53", "p2_rural", 2024, "march"), 1.07),
    # file 20 "36,BANTEN,2024,September,0.80,0.15,0.79,0.82,0.15,0.17"
    (("36", "p1_rural", 2024, "september"), 0.82),
    (("36", "p2_rural", 2024, "september"), 0.17),
    # file 12 "5371,Kota Kupang,53,2008,14.66,46.10,,…" and "…,2013,9.12,33.80,400641,…"
    (("5371", "poor_count_history", 2008, "march"), 46.10),
    (("5371", "poor_count_history", 2013, "march"), 33.80),
    (("5371", "poverty_line_history", 2013, "march"), 400641),
])
def test_reference_values_reach_the_store(observations, key, expected):
    assert value(observations, *key) == pytest.approx(expected)


def test_urban_and_rural_parts_bracket_the_province_total(observations):
    # NTT March 2024: P1 total 3.41 lies between urban 1.19 and rural 4.21 (a weighted mean of the two).
    total = value(observations, "53", "p1", 2024, "march")
    assert value(observations, "53", "p1_urban", 2024, "march") < total < value(observations, "53", "p1_rural",
                                                                                  2024, "march")


def test_dki_has_no_rural_value_but_a_gap_with_its_reason(observations):
    assert value(observations, "31", "p1_rural", 2024, "march") is None
    assert value(observations, "31", "p1_urban", 2024, "march") == 0.65  # file 20: "31,…,2024,Maret,0.65,0.13,0.65,,0.13,"
    gaps = CATALOG.measure("p2_rural").gaps_for(["31"])
    assert [(g.year, g.period) for g in gaps] == [(2024, "march"), (2024, "september"), (2025, "march")]
    assert "tidak punya daerah perdesaan" in gaps[0].reason.get("id")
    assert "no rural area" in gaps[0].reason.get("en")


def test_no_september_2025_urban_rural_value_is_invented(observations):
    # file 20's September 2025 rows give totals only (three provinces, from the news)
    rows = observations[observations["measure"].isin(["p1_urban", "p1_rural", "p2_urban", "p2_rural"])]
    assert not ((rows["year"] == 2025) & (rows["period"] == "september")).any()
    assert value(observations, "36", "p1", 2025, "september") == 1.028  # the total is there


def test_poverty_line_history_starts_in_2011_no_earlier_value(observations):
    rows = observations[observations["measure"] == "poverty_line_history"]
    assert rows["year"].min() == 2011 and len(rows) == 1988  # SOURCES.md §12: 497 a year, 2011–2014


def test_count_history_carries_the_p0_history_flags(observations):
    # Kab. Nias (1201) 2010: flagged in file 12 (implied population −70 %: Nias split); 2004–2007 are
    # before the 2008 method change. The count rows carry exactly the P0 rows' notes.
    def notes(measure: str) -> dict[int, str]:
        rows = indicators.series(observations, "1201", measure)
        return dict(zip(rows["year"], rows["note"].fillna(""), strict=True))

    p0, count = notes("p0_history"), notes("poor_count_history")
    assert count == p0
    assert count[2010].startswith(indicators.COMPARABILITY_BREAK)
    assert "2008" in count[2004] and count[2009] == ""


def test_long_count_series_of_kota_kupang_is_cut_at_2008_and_not_joined_to_2015(observations, seeded_store):
    registry = RegionRegistry(seeded_store.regions())
    measure = CATALOG.measure("poor_count")
    lines, labels, flags = poverty_charts.long_series_lines(observations, registry, CATALOG, measure,
                                                            [("5371", "region")], "id")
    spans = sorted([int(y) for y in line.frame["year"]] for line in lines)
    # Kota Kupang: no territory flag in file 12; the 2007→2008 method change cuts the line.
    assert spans == [[2004, 2005, 2006, 2007], [2008, 2009, 2010, 2011, 2012, 2013, 2014]]
    assert flags == 0 and labels == {"Kota Kupang, seri panjang"}
    # the GK long series has 2011–2014 only, one piece
    gk = poverty_charts.long_series_lines(observations, registry, CATALOG, CATALOG.measure("poverty_line"),
                                          [("5371", "region")], "id")[0]
    assert [sorted(int(y) for y in line.frame["year"]) for line in gk] == [[2011, 2012, 2013, 2014]]


def test_long_series_method_break_is_a_rule_and_a_flag_in_the_explorer(observations, seeded_store):
    # Kota Kupang P0 2007 7.50 → 2008 14.66 (file 12): the Susenas change is marked at 2007.5, in grey,
    # and the long series keeps the region's colour on both sides (one series, one colour).
    registry = RegionRegistry(seeded_store.regions())
    fig = poverty_charts.explorer_figure(observations, registry, CATALOG, CATALOG.measure("p0"), "5371", "en",
                                         references=False, compare=[], long=True)
    rules = [s for s in fig.layout.shapes if s.type == "line" and s.x0 == 2007.5]
    assert rules and rules[0].line.color == "#999999"
    flags = [a for a in fig.layout.annotations if a.text == "⚑" and a.x == 2007.5]
    assert flags and "2007 and 2008" in flags[0].hovertext
    long_traces = [d for d in fig.data if "long series" in str(d.name)]
    assert len({d.line.color for d in long_traces}) == 1
    main = next(d for d in fig.data if str(d.name).startswith("Kota Kupang (March)"))
    assert long_traces[0].line.color == main.line.color
    # without the long series there is no 2008 rule (P0 2015–2025 has no such break)
    plain = poverty_charts.explorer_figure(observations, registry, CATALOG, CATALOG.measure("p0"), "5371", "en",
                                           references=False, compare=[], long=False)
    assert not [s for s in plain.layout.shapes if s.type == "line" and s.x0 == 2007.5]


def test_province_holes_of_the_reference_carry_their_reason_grouped_by_years():
    # provinsi_kemiskinan_2015_2025.csv (file 4): September only 2015–2018 and 2024–2025; NTT (53)
    # has P0 September 2018 and 2024 but none in 2019–2023; BPS computed no September 2023 at all.
    from analytics.catalog import grouped_gaps

    groups = grouped_gaps(CATALOG.measure("p0").gaps_for(["53"], ["september"]))
    assert [(g.years_text(), g.reason.get("en")[:23]) for g in groups] == [
        ("2019–2022", "BPS published it, but t"), ("2023", "BPS did not compute Sep")]
    # GK: file 4 has it from March 2017; September only 2024–2025 (none for the 2022 Papua provinces in 2024)
    gk = grouped_gaps(CATALOG.measure("poverty_line").gaps_for(["53", "95"]))
    assert [(g.region, g.period, g.years_text()) for g in gk] == [
        ("53", "march", "2015–2016"), ("53", "september", "2015–2022"), ("53", "september", "2023"),
        ("95", "september", "2024")]
