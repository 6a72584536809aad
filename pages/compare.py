"""Bandingkan / Compare: tabs for the map and rankings, quadrant analysis, regions like mine and side by
side, only the open one built.

Every choice is a query parameter, so a copied link reproduces the view. Figures are
built once per data-version and selection (cached); analytics stays pure.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.domain import compare, indicators
from analytics.figures import charts, compare_charts, maps
from analytics.i18n import period_label, t, when
from analytics.outputs import exports
from analytics.regions import NATION
from pages._shared import compare_data as cdata
from pages._shared import compare_state as state
from pages._shared import data, frame, session, targets_view, ui

# Measures worth comparing across regions, in the order officials read them.
MEASURES = cdata.MEASURES
LEVELS = ("kabkota", "province")
CHARTS = ("map", "bar")
REFERENCES = compare.REFERENCE_KINDS
WEIGHTS = ("simple", "weighted")
MAX_SIDE_BY_SIDE = 6
DEFAULT_FEATURES = ("type", "population", "p0", "poverty_line")
SIMILAR_COUNTS = list(range(3, 11))  # how many similar regions may be listed
REF_LIMIT = state.REF_LIMIT
# The page's parts, each a tab built only while open, by id (kept in the link) and label string.
TABS = {"map": "compare.tab.map", "quadrant": "compare.quad.heading", "like": "compare.like.heading",
        "side": "compare.side.heading"}
TAB_KEY = "compare_tab"
# The open tab, kept across page changes (Streamlit drops a widget's state once its page is left).
SAVED = "_compare_tab_saved"


# 1. inputs ----------------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, obs, registry, version = ctx.lang, ctx.catalog, ctx.observations, ctx.registry, ctx.version
names = registry.frame["name"].to_dict()
names[NATION] = "Indonesia"
avail = cdata.availability(version)

st.title(t("compare.title", lang))
st.caption(t("compare.intro", lang))

state.choose("cmp_level", list(LEVELS), "kabkota")
level_avail = avail[avail["level"] == st.session_state["cmp_level"]]
measure_options = [m for m in MEASURES if m in set(level_avail["measure"])]
state.choose("cmp_ind", measure_options, "p0")
ind_avail = level_avail[level_avail["measure"] == st.session_state["cmp_ind"]]
# Offer years where at least a fifth of the regions have a value (e.g. kab/kota P1 before 2025 is Jabar/Aceh only).
level_size = int(avail[(avail["level"] == st.session_state["cmp_level"])]["regions"].max())
good = ind_avail[ind_avail["regions"] >= max(1, level_size // 5)]
year_options = sorted(set((good if not good.empty else ind_avail)["year"]), reverse=True)
state.choose("cmp_year", year_options, year_options[0])
period_options = [p for p in ("march", "september", "august", "annual")
                  if p in set(ind_avail[ind_avail["year"] == st.session_state["cmp_year"]]["period"])]
state.choose("cmp_period", period_options, period_options[0])
province_options = [NATION, *sorted(registry.provinces("2025")["code"], key=lambda c: names[c])]
state.choose("cmp_prov", province_options, NATION)
state.choose("cmp_chart", list(CHARTS), "map")
state.choose("cmp_classes", list(maps.CLASS_METHODS), "quantile")

controls = st.columns([3, 2, 1, 2])
controls[0].selectbox(t("compare.indicator", lang), measure_options, key="cmp_ind",
                      format_func=lambda m: catalog.measure(m).name.get(lang), placeholder=t("ui.choose_one", lang))
controls[1].radio(t("compare.level", lang), list(LEVELS), key="cmp_level", horizontal=True,
                  format_func=lambda v: t(f"level.{v}", lang))
controls[2].selectbox(t("compare.year", lang), year_options, key="cmp_year", placeholder=t("ui.choose_one", lang))
controls[3].selectbox(t("compare.period", lang), period_options, key="cmp_period",
                      format_func=lambda p: period_label(p, lang), placeholder=t("ui.choose_one", lang))
measure = catalog.measure(st.session_state["cmp_ind"])
level, year, period = st.session_state["cmp_level"], st.session_state["cmp_year"], st.session_state["cmp_period"]

# The selected region at this level: a kab/kota, or at province level the province (of that year's scheme).
region = registry.get(ctx.region)
if level == "kabkota":
    selected = region.code if region.level == "kabkota" else ""
else:
    selected = (region.code if region.level == "province"
                else (compare.province_map(registry, year).get(region.code, "") if region.level == "kabkota" else ""))
    if selected and selected not in compare.level_codes(registry, "province", year):
        selected = ""

# Shared by the tabs: the earlier years a rank or a change can start from.
earlier_years = sorted({y for y in ind_avail[ind_avail["period"] == period]["year"] if y < year}, reverse=True)
if earlier_years:
    state.choose("cmp_from", earlier_years, earlier_years[0])
# Every tab's choices are read and checked on every run, whichever tab is open, so a closed tab's stay in
# the link and in the session (its widgets are not drawn, and Streamlit would drop their state).
y_options = (["change"] if earlier_years else []) + [
    m for m in measure_options if m != measure.id and not level_avail[level_avail["measure"] == m].empty]
state.choose("cmp_qy", y_options, y_options[0] if y_options else "change")
peer_options = compare.level_codes(registry, level, year)
state.choose("cmp_peers", peer_options, [])
state.choose("cmp_ref", list(REFERENCES), "nation")
state.choose("cmp_weight", list(WEIGHTS), "simple")
state.choose("cmp_feat", list(compare.SIMILARITY_FEATURES), list(DEFAULT_FEATURES))
side_options = list(registry.frame["code"][registry.frame["level"].isin(["province", "kabkota"])])
state.choose("cmp_sel", side_options, [region.code] if region.level != "nation" else [])
state.choose("cmp_k", SIMILAR_COUNTS, 5)
state.choose("cmp_tgt", [True, False], False)
state.from_url("cmp_refx", 0.0)
state.from_url("cmp_refy", 0.0)


# 2. data and 3. render, tab by tab and in each section by section: each section's widgets decide its data,
# so every section reads its widgets, takes its (cached) data and draws it before the next section starts.
def map_scope() -> str:
    """The map area: a choice of the map tab, read by the quadrant too (read when used: the map tab reruns
    on its own)."""
    return st.session_state["cmp_prov"] if level == "kabkota" else NATION


def map_tab() -> None:
    """The map (or bars) and the rankings: a part that reruns on its own (ui.part) when its own choices change
    (area, the year a rank change starts from, the target column), so the browser redraws this tab only; within
    it the map or bars (the switch, the colour classes) are a part of their own. A region picked on the map or
    from the list is the whole page's: it reruns all."""
    if st.session_state.get("region") != ctx.region:
        st.rerun(scope="app")
    scope = map_scope()
    st.subheader(t("compare.map.heading", lang))
    if level == "kabkota":
        st.columns([3, 4])[0].selectbox(
            t("compare.scope", lang), province_options, key="cmp_prov",
            format_func=lambda c: t("frame.all_indonesia", lang) if c == NATION else names[c],
            placeholder=t("ui.choose_one", lang))
    table = cdata.indicator_table(version, measure.id, year, period, level, scope, lang)

    def map_or_bars() -> None:
        """Map or bars, and the map's colour classes: a switch redraws the chart alone, not the rankings."""
        if st.session_state.get("region") != ctx.region:
            st.rerun(scope="app")
        # The colour classes are not drawn while the bars are shown. Their value is set again on every run, so
        # Streamlit keeps it while they are hidden and the control shows it when drawn anew (without, this part,
        # which reruns without the page's checks at the top, drew them with none chosen).
        state.choose("cmp_chart", list(CHARTS), "map")
        state.choose("cmp_classes", list(maps.CLASS_METHODS), "quantile")
        st.session_state["cmp_classes"] = st.session_state["cmp_classes"]
        view = st.columns([2, 2, 3])
        view[0].segmented_control(t("compare.chart", lang), list(CHARTS), key="cmp_chart", required=True,
                                  format_func=lambda c: t(f"compare.chart.{c}", lang))
        if st.session_state["cmp_chart"] == "map":
            view[1].segmented_control(t("compare.classes", lang), list(maps.CLASS_METHODS), key="cmp_classes",
                                      required=True, format_func=lambda c: t(f"compare.classes.{c}", lang))
        if table["value"].notna().sum() == 0:
            st.info(t("compare.no_data", lang))
        elif st.session_state["cmp_chart"] == "map":
            ui.plotly_chart(cdata.map_figure(version, measure.id, year, period, level, scope,
                                             st.session_state["cmp_classes"], selected, lang),
                            width="stretch",
                            config=ui.plotly_config(lang, scrollZoom=False, topojsonURL=maps.TOPOJSON_URL),
                            key="cmp_map_chart", on_select=state.on_map_select, selection_mode="points")
            st.caption(t("compare.map.how", lang, direction=t(
                "compare.direction." + {True: "lower", False: "higher", None: "neutral"}[measure.lower_is_better],
                lang)))
        else:
            ui.plotly_chart(cdata.bar_figure(version, measure.id, year, period, level, scope, selected, lang),
                            width="stretch", config=ui.plotly_config(lang), key="cmp_bar_chart",
                            on_select=state.on_map_select, selection_mode="points")
            # A caption under the bars as under the map, so the switch leaves as many elements in the part.
            st.caption(t("compare.bar.how", lang, order=t(
                "compare.bar.order." + ("higher" if measure.lower_is_better is False else "lower"), lang)))
        state.write_url()

    ui.part(map_or_bars)
    pick_options = [c for c in table["region_code"]]
    if selected in pick_options:
        st.session_state["cmp_pick"] = selected
    elif pick_options and st.session_state.get("cmp_pick") not in pick_options:
        st.session_state["cmp_pick"] = pick_options[0]
    if pick_options:
        st.selectbox(t("compare.pick", lang), pick_options, key="cmp_pick", format_func=lambda c: names[c],
                     on_change=state.on_list_select, help=t("compare.pick_help", lang), placeholder=t("ui.choose_one", lang))
    st.caption(t("compare.attribution", lang))
    ui.source_notes(table["source"].dropna(), catalog, lang)

    # Rankings -----------------------------------------------------------------------------------------
    st.subheader(t("compare.rank.heading", lang))
    if not selected:
        st.info(t(f"compare.rank.choose.{level}", lang))
    else:
        stand = cdata.standing(version, measure.id, selected, year, period)
        cols = st.columns(4)
        if stand.national_rank is None:
            cols[0].metric(t("compare.rank.national", lang), fmt.NO_DATA[lang], border=True)
        else:
            cols[0].metric(t("compare.rank.national", lang, n=stand.national_n),
                           t("compare.rank.nth", lang, rank=stand.national_rank), help=t("compare.rank.help", lang),
                           border=True)
            cols[1].metric(t("compare.rank.percentile", lang), fmt.number(stand.national_percentile, 0, lang),
                           help=t("compare.rank.percentile_help", lang), border=True)
        if stand.province and stand.province_rank is not None:
            cols[2].metric(t("compare.rank.province", lang, n=stand.province_n, province=names[stand.province]),
                           t("compare.rank.nth", lang, rank=stand.province_rank), border=True)
        if earlier_years:
            year_from = st.session_state["cmp_from"]
            moves = cdata.rank_change(version, measure.id, year_from, year, period, level)
            mine = moves[moves["region_code"] == selected]
            if not mine.empty:
                row = mine.iloc[0]
                cols[3].metric(t("compare.rank.change", lang, year=year_from),
                               f"{int(row['rank_from'])} → {int(row['rank_to'])}",
                               delta=t("compare.rank.places", lang, places=int(row["places"])),
                               delta_arrow="off" if row["places"] == 0 else "auto",
                               delta_color="off" if row["places"] == 0 else "normal",
                               help=t("compare.rank.change_help", lang, year=year_from, n=len(moves)), border=True)
        st.caption(t("compare.rank.kind_level", lang, when=when(period, year, lang)))
        value_text = fmt.value(stand.value, measure, lang)
        gaps = []
        if stand.national_rank is not None:
            gaps.append(t("compare.rank.of", lang, rank=stand.national_rank, n=stand.national_n) + (
                "; " + t("compare.rank.of_in", lang, rank=stand.province_rank, n=stand.province_n,
                         province=ui.escape_markdown(names[stand.province])) if stand.province and stand.province_rank else "") + ".")
        if stand.province:
            gaps.append(t("compare.rank.gap", lang, reference=ui.escape_markdown(names[stand.province]),
                          value=fmt.value(stand.province_value, measure, lang),
                          gap=fmt.change(stand.gap_to_province, measure, lang)))
        gaps.append(t("compare.rank.gap", lang, reference="Indonesia", value=fmt.value(stand.nation_value, measure, lang),
                      gap=fmt.change(stand.gap_to_nation, measure, lang)))
        st.markdown(t("compare.rank.value", lang, region=ui.escape_markdown(names[selected]), value=value_text,
                      when=when(period, year, lang)) + " " + " ".join(gaps))
        if stand.province and level == "kabkota":
            ui.plotly_chart(cdata.province_bars(version, measure.id, year, period, stand.province, selected, lang),
                            width="stretch", config=ui.plotly_config(lang), key="cmp_province_bars")
        if earlier_years:
            st.selectbox(t("compare.from", lang), earlier_years, key="cmp_from", help=t("compare.from_help", lang), placeholder=t("ui.choose_one", lang))
    with st.expander(t("compare.rank.table", lang, n=int(table["value"].notna().sum()))):
        ranking = cdata.ranking_display(version, measure.id, year, period, level, scope, lang)
        # Optional "status vs target" column (issue #15), kept in the link as tgt=true by compare_state.
        if targets_view.has_targets(ctx.targets, measure.id) and st.toggle(
                t("targets.compare.toggle", lang), key="cmp_tgt",
                help=t("targets.compare.help", lang)):
            ranked = table.dropna(subset=["value"]).sort_values(["rank", "region_code"])["region_code"].tolist()
            ranking = ranking.assign(**{t("targets.compare.column", lang): targets_view.status_column(
                version, ranked, measure.id, lang)})
            st.caption(t("targets.compare.caption", lang, measure=measure.short.get(lang), year=targets_view.as_of()))
        st.dataframe(ranking, hide_index=True, width="stretch")
    ui.source_notes(table["source"].dropna(), catalog, lang)
    state.write_url()


def quadrant_tab() -> None:
    # Quadrant analysis --------------------------------------------------------------------------------
    st.subheader(t("compare.quad.heading", lang))
    st.caption(t("compare.quad.intro", lang))
    scope = map_scope()
    quad_codes = compare.level_codes(registry, level, year, scope if level == "kabkota" else None)

    qcols = st.columns([2, 2, 2])
    change_label = t("compare.quad.y_change", lang, year=st.session_state.get("cmp_from", ""))
    qcols[0].selectbox(t("compare.quad.y", lang), y_options, key="cmp_qy",
                       format_func=lambda v: change_label if v == "change" else catalog.measure(v).name.get(lang), placeholder=t("ui.choose_one", lang))
    qcols[1].selectbox(t("compare.quad.reference", lang), list(REFERENCES), key="cmp_ref",
                       format_func=lambda r: t(f"compare.ref.{r}", lang), placeholder=t("ui.choose_one", lang))
    qcols[2].radio(t("compare.quad.weight", lang), list(WEIGHTS), key="cmp_weight", horizontal=True,
                   format_func=lambda w: t(f"compare.weight.{w}", lang), help=t("compare.weight_help", lang))
    st.multiselect(t("compare.quad.peers", lang), peer_options, key="cmp_peers", format_func=lambda c: names[c],
                   placeholder=t("compare.choose_regions", lang), help=t("compare.quad.peers_help", lang),
                   select_all=False)

    y_kind = st.session_state["cmp_qy"]
    # Values are read for every region of the level nationwide: the national average is over all of them,
    # even when the chart shows one province; the chart then draws only the province's regions.
    quad_key = tuple(compare.level_codes(registry, level, year))
    x_values = cdata.values(version, measure.id, year, period, quad_key)
    y_measure, y_is_change, y_when = measure, False, ""
    if y_kind == "change" and earlier_years:
        year_from = st.session_state["cmp_from"]
        start = cdata.values(version, measure.id, year_from, period, quad_key)
        y_values = (x_values - start).dropna()
        y_is_change = True
        y_title = t("compare.quad.y_change_title", lang, measure=measure.short.get(lang), start=year_from, end=year)
        y_when = f"{year_from}–{year}"
    else:
        y_measure = catalog.measure(y_kind)
        y_rows = avail[(avail["measure"] == y_kind) & (avail["level"] == level) & (avail["year"] <= year)]
        if y_rows.empty:
            y_rows = avail[(avail["measure"] == y_kind) & (avail["level"] == level)]
        y_rows = y_rows.sort_values(["regions", "year"]).iloc[-1] if not y_rows.empty else None
        if y_rows is not None:
            y_year, y_period = int(y_rows["year"]), str(y_rows["period"])
            y_values = cdata.values(version, y_kind, y_year, y_period, quad_key)
            y_when = when(y_period, y_year, lang)
        else:
            y_values = pd.Series(dtype=float)
        y_title = f"{y_measure.short.get(lang)} ({y_when})"
    x_title = f"{measure.short.get(lang)} ({when(period, year, lang)})"
    all_points = pd.DataFrame({"x": x_values, "y": y_values}).rename_axis("region_code").reset_index()
    points = all_points[all_points["region_code"].isin(quad_codes)]

    weighted = st.session_state["cmp_weight"] == "weighted"
    weights = cdata.weights(version, year, quad_key) if weighted else None
    if weighted and (weights is None or weights.empty):
        st.warning(t("compare.weight_missing", lang))
        weights = None
    reference = st.session_state["cmp_ref"]
    if reference == "province":
        ref_province = (compare.province_map(registry, year).get(selected) if level == "kabkota" and selected
                        else (scope if scope != NATION else None))
        group = compare.level_codes(registry, "kabkota", year, ref_province) if ref_province and level == "kabkota" else []
        ref_name = t("compare.ref.province_of", lang, province=names.get(ref_province or "", ""))
    elif reference == "peers":
        group = [c for c in st.session_state["cmp_peers"]] + ([selected] if selected else [])
        ref_name = t("compare.ref.peers_of", lang, n=len(group))
    else:
        group = list(quad_key)
        ref_name = t("compare.ref.nation_all", lang, level=t(f"compare.level_plural.{level}", lang))
    in_group = all_points[all_points["region_code"].isin(group)].set_index("region_code")
    if reference == "value":
        # Kept in the link (refx, refy) by compare_state, only while the reference is a typed value.
        rcols = st.columns(2)
        x_ref = rcols[0].number_input(t("compare.quad.refx", lang, axis=x_title), key="cmp_refx", format="%.2f",
                                      min_value=-REF_LIMIT, max_value=REF_LIMIT)
        y_ref = rcols[1].number_input(t("compare.quad.refy", lang, axis=y_title), key="cmp_refy", format="%.2f",
                                      min_value=-REF_LIMIT, max_value=REF_LIMIT)
        ref_name = t("compare.ref.value", lang)
        averaging = ""
    else:
        x_ref = compare.average(in_group["x"], weights) if not in_group.empty else None
        y_ref = compare.average(in_group["y"], weights) if not in_group.empty else None
        averaging = t("compare.weight.weighted_note" if weights is not None else "compare.weight.simple_note", lang,
                      n=len(in_group.dropna()))
        # The line's name says whether the average is weighted, on the chart itself (and in its PNG).
        ref_name += " (" + t(f"compare.weight.{'weighted' if weights is not None else 'simple'}", lang).lower() + ")"

    if points.dropna().empty:
        st.info(t("compare.quad.empty", lang))
    elif x_ref is None or y_ref is None:
        st.info(t("compare.quad.no_reference", lang))
    else:
        quads = compare.quadrant_table(points, x_ref, y_ref)
        counts = compare.quadrant_counts(quads)
        y_direction = y_measure.lower_is_better
        meanings = compare.quadrant_meanings(measure.lower_is_better, y_direction)

        def meaning(q: str) -> str:
            x_word, y_word = meanings[q]
            return t("compare.quad.meaning", lang, x=measure.short.get(lang), x_word=t(f"compare.judge.{x_word}", lang),
                     y=(t("compare.quad.change_word", lang) if y_is_change else y_measure.short.get(lang)),
                     y_word=t(f"compare.judge.{y_word}", lang))

        quadrant_names = {q: f"<b>{q}</b> ({counts[q]})" for q in compare.QUADRANTS}
        ref_text = t("compare.quad.reference_text", lang, name=ref_name,
                     x=fmt.value(x_ref, measure, lang),
                     y=fmt.change(y_ref, measure, lang) if y_is_change else fmt.value(y_ref, y_measure, lang))
        labels = compare_charts.QuadrantLabels(
            title=t("compare.quad.title", lang, x=measure.short.get(lang), y=y_title), subtitle=ref_text,
            x_title=x_title, y_title=y_title, quadrant_names=quadrant_names, reference_name=ref_name)
        peers = [p for p in st.session_state["cmp_peers"] if p != selected]
        quad_rows = indicators.select(obs, regions=quad_codes, measures=[measure.id, y_measure.id])
        figure = cdata.quadrant_chart(version, quads, x_ref, y_ref, labels, lang, selected, tuple(peers), measure.id,
                                      y_measure.id, y_is_change, names,
                                      charts.rows_source_text(quad_rows, catalog, lang, data.revision_stamps(version)))
        ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key="cmp_quadrant")
        st.caption(f"{ui.escape_markdown(ref_text)}. {averaging}")
        legend = st.columns(4)
        for column, q in zip(legend, compare.QUADRANTS, strict=True):
            column.metric(t("compare.quad.name", lang, q=q), counts[q], help=meaning(q), border=True)
            column.caption(meaning(q))
        if selected and selected in set(quads["region_code"]):
            mine_q = quads.loc[quads["region_code"] == selected, "quadrant"].iloc[0]
            st.markdown(t("compare.quad.mine", lang, region=ui.escape_markdown(names[selected]), q=mine_q, meaning=meaning(mine_q)))
        with st.expander(t("compare.quad.table", lang)):
            st.dataframe(cdata.quadrant_display(version, quads, x_title, y_title, measure.id, y_measure.id, y_is_change, lang),
                         hide_index=True, width="stretch")
        ui.rows_source_notes(quad_rows, catalog, data.revision_stamps(version), lang)


def like_tab() -> None:
    # Regions like mine --------------------------------------------------------------------------------
    st.subheader(t("compare.like.heading", lang))
    if region.level != "kabkota":
        st.info(t("compare.like.choose", lang))
    else:
        kab_years = sorted(set(avail[(avail["measure"] == "p0") & (avail["level"] == "kabkota")]["year"]))
        like_year = year if level == "kabkota" and year in kab_years else kab_years[-1]
        hdi_years = sorted(set(avail[(avail["measure"] == "hdi") & (avail["level"] == "kabkota")
                                     & (avail["regions"] >= 100)]["year"]))
        hdi_year = hdi_years[-1] if hdi_years else None
        fcols = st.columns([4, 1])
        fcols[0].multiselect(t("compare.like.features", lang), list(compare.SIMILARITY_FEATURES), key="cmp_feat",
                             format_func=lambda f: t(f"compare.feature.{f}", lang),
                             placeholder=t("compare.choose_features", lang), select_all=False)
        # Kept in the link (k) by compare_state; 5 by default (left out of the link).
        k = fcols[1].selectbox(t("compare.like.k", lang), SIMILAR_COUNTS, key="cmp_k",
                               placeholder=t("ui.choose_one", lang))
        st.caption(t("compare.like.how", lang, year=like_year, hdi_year=hdi_year or "–"))
        features = cdata.features(version, like_year, hdi_year)
        try:
            similar = compare.similar_regions(features, region.code, st.session_state["cmp_feat"], k)
        except compare.CompareError as error:
            st.warning(error.message(lang))
            similar = None
        if similar is not None:
            me = features.loc[region.code]

            def describe(code: str, row: pd.Series) -> str:
                parts = []
                for feature in st.session_state["cmp_feat"]:
                    other = features.at[code, feature]
                    if feature == "type":
                        parts.append(t("compare.like.same_type" if other == me["type"] else "compare.like.other_type",
                                       lang, type=other))
                    elif feature == "province":
                        parts.append(t("compare.like.same_province" if other == me["province"]
                                       else "compare.like.other_province", lang,
                                       province=ui.escape_markdown(names.get(other, other))))
                    else:
                        shown_measure = catalog.measure(feature) if feature != "population" else None
                        if shown_measure is None:
                            # Thousands of people in words: "2,4 juta", "862 ribu".
                            parts.append(t("compare.like.population", lang, value=fmt.people(other * 1000, lang),
                                           mine=fmt.people(me["population"] * 1000, lang)))
                        else:
                            parts.append(f"{shown_measure.short.get(lang)} {fmt.value(other, shown_measure, lang)} "
                                         f"({fmt.change(other - me[feature], shown_measure, lang)})")
                contributions = {f: row[f"d_{f}"] for f in st.session_state["cmp_feat"]}
                biggest = max(contributions, key=contributions.get)
                return "; ".join(parts) + ". " + t("compare.like.biggest", lang,
                                                    feature=t(f"compare.feature.{biggest}", lang))

            lines = [t("compare.like.item", lang, i=i + 1, region=ui.escape_markdown(names[c]),
                       province=ui.escape_markdown(names.get(features.at[c, "province"], "")),
                       distance=fmt.number(r["distance"], 2, lang), why=describe(c, r))
                     for i, (c, r) in enumerate(zip(similar["region_code"], similar.to_dict("records"), strict=True))]
            st.markdown("\n".join(lines))
            bcols = st.columns(2)
            codes = similar["region_code"].tolist()
            bcols[0].button(t("compare.like.add", lang), on_click=state.add_to, args=("cmp_sel", [region.code, *codes],
                                                                                   MAX_SIDE_BY_SIDE),
                            icon=":material/add:", key="cmp_like_add")
            bcols[1].button(t("compare.like.as_peers", lang), on_click=state.add_to, args=("cmp_peers", codes),
                            icon=":material/group_add:", key="cmp_like_peers")
            st.caption(t("compare.like.population_note", lang))


def side_tab() -> None:
    # Side by side -------------------------------------------------------------------------------------
    st.subheader(t("compare.side.heading", lang))
    st.multiselect(t("compare.side.regions", lang), side_options, key="cmp_sel", max_selections=MAX_SIDE_BY_SIDE,
                   format_func=lambda c: names[c], placeholder=t("compare.choose_regions", lang),
                   help=t("compare.side.help", lang), select_all=False)
    chosen = st.session_state["cmp_sel"]
    if not chosen:
        st.info(t("compare.side.empty", lang))
    else:
        references = []
        for code in chosen:
            for ref in registry.references(code):
                if ref not in references and ref not in chosen:
                    references.append(ref)
        side_measures = [m for m in ("p0", "poor_count", "poverty_line", "p1", "p2", "unemployment", "hdi")]
        rows = []
        latest_points = cdata.latest_values(version, tuple([*chosen, *references]), tuple(side_measures))
        for code in [*chosen, *references]:
            row = {t("compare.col.region", lang): names[code] + ("" if code in chosen else " ◇")}
            for measure_id in side_measures:
                point = latest_points[(code, measure_id)]
                shown_measure = catalog.measure(measure_id)
                row[shown_measure.short.get(lang)] = (
                    f"{fmt.value(point.value, shown_measure, lang)} ({when(point.period, point.year, lang)})"
                    if point else fmt.NO_DATA[lang])
            rows.append(row)
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption(t("compare.side.reference_mark", lang))
        trend_period = "march" if measure.id in ("p0", "poor_count", "poverty_line", "p1", "p2") else period
        grid = st.columns(2)
        trends = cdata.side_trends(version, measure.id, tuple(chosen), trend_period, lang)
        for index, (code, (fig, _)) in enumerate(zip(chosen, trends, strict=True)):
            with grid[index % 2]:
                if fig is None:
                    st.caption(f"{ui.escape_markdown(names[code])}: {fmt.NO_DATA[lang]}")
                    continue
                ui.plotly_chart(fig, width="stretch", config=ui.plotly_config(lang), key=f"cmp_trend_{code}")
        # The notes cite the rows shown (the table's values and the small charts' lines) by the same
        # provenance path as the figures' source lines: a staff upload listed as such, not under a citation.
        keys = ["region_code", "measure", "year", "period", "source"]
        shown = pd.DataFrame([[getattr(p, k) for k in keys] for p in latest_points.values() if p], columns=keys)
        side_rows = pd.concat([indicators.select(obs, regions=[*chosen, *references], measures=side_measures)
                               .astype({"year": int}).merge(shown.astype({"year": int}), on=keys),
                               *(indicators.series(obs, code, measure.id, trend_period)
                                 for code, (fig, _) in zip(chosen, trends, strict=True) if fig is not None)],
                              ignore_index=True)
        ui.rows_source_notes(side_rows, catalog, data.revision_stamps(version), lang)
        # The files are built only when a button is clicked (deferred), not on every rerun.
        download_key = (version, tuple([*chosen, *references]), tuple(side_measures))
        dcols = st.columns(2)
        dcols[0].download_button(t("compare.side.csv", lang),
                                 lambda: exports.readable_csv(cdata.download_rows(*download_key), registry, catalog, lang),
                                 file_name="perbandingan.csv", mime="text/csv", icon=":material/download:", key="cmp_csv")
        dcols[1].download_button(t("compare.side.excel", lang),
                                 lambda: exports.readable_excel(cdata.download_rows(*download_key), registry, catalog, lang),
                                 file_name="perbandingan.xlsx", icon=":material/download:", key="cmp_xlsx",
                                 mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        ui.csv_note(lang)


# Only the open tab is built: the others send nothing and the browser draws nothing (issue #18). A shared
# link opened the whole page before: the map, its rankings, the quadrant, regions like mine and the side
# by side, each region's own trends with them, for a first chart 1.4–1.6× the bare map's; the map tab
# alone 1.1–1.2×. Kept in the link by id (?tab=quadrant), and across page changes (SAVED).
session.keep_across_language(TAB_KEY)
open_tab, tabs = ui.lazy_tabs(TAB_KEY, TABS, lang, remembered=st.session_state.get(SAVED))
st.session_state[SAVED] = open_tab
ui.build_open_tab(tabs, (map_tab, quadrant_tab, like_tab, side_tab), parts=(map_tab,))

# Share: every choice into the URL, and the link shown with a copy button --------------------------
state.write_url()
ui.share_link(lang, "/compare")
