"""Plotly figures of programme outputs: yearly bars, running totals and reported milestones, parts, kecamatan.

Built on the one chart theme (analytics.figures.charts: palette, base_layout). A year without a
figure is marked "tidak ada data" on the axis, never drawn as a zero bar.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.catalog import Measure
from analytics.figures.charts import add_source, base_layout, palette
from analytics.i18n import period_label, t, when

NO_DATA_COLOUR = "#888888"
# Up to this value a count axis ticks every whole number.
SMALL_COUNT = 6
# Values above the bars; plotly drops a label that does not fit (narrow phone screens).
BAR_TEXT_POSITION = "outside"
# In years (x units): keeps a lone bar (one year of data) from filling the whole chart.
BAR_WIDTH = 0.6


def chart_subtitle(region_name: str, measure: Measure, lang: str) -> str:
    """The subtitle of every Program chart: the region and the measure's unit."""
    return t("programs.chart.subtitle", lang, region=region_name, unit=fmt.axis_label(measure, lang))


def _hover(frame: pd.DataFrame, measure: Measure, lang: str) -> list[tuple[str, str, str]]:
    return [(fmt.value(v, measure, lang), when(str(p), int(y), lang) if isinstance(p, str) else str(int(y)),
             f"{s or ''}{' · ' + n if isinstance(n, str) and n else ''}")
            for y, p, v, s, n in zip(frame["year"], frame["period"], frame["value"], frame["source"],
                                     frame["note"], strict=True)]


def _bar_text(frame: pd.DataFrame, measure: Measure, lang: str) -> list[str]:
    """The value above a bar, with its month when the figure is dated ("138 (Juni)")."""
    return [fmt.number(v, measure.decimals, lang) + ("" if p == "annual" else f" ({period_label(str(p), lang)})")
            for v, p in zip(frame["value"], frame["period"], strict=True)]


def _whole_number_axis(fig: go.Figure, measure: Measure, values: pd.Series) -> None:
    """Counts of a few things (2 vehicles) get whole-number ticks, not 0,5 steps; counts are written out
    with the language's thousands separator ("10.000"), not plotly's SI "10k"."""
    if measure.decimals == 0:
        fig.update_yaxes(tickformat=",.0f")
    if measure.decimals == 0 and values.notna().any() and values.max() <= SMALL_COUNT:
        fig.update_yaxes(dtick=1)


def _mark_gaps(fig: go.Figure, years: list[int], lang: str) -> None:
    """Write "tidak ada data" upright on each year without a figure."""
    for year in years:
        fig.add_annotation(x=year, y=0, yref="y", text=fmt.NO_DATA[lang], showarrow=False, textangle=-90,
                           yanchor="bottom", font={"size": 10, "color": NO_DATA_COLOUR})


def output_figure(yearly: pd.DataFrame, measure: Measure, lang: str, *, title: str, subtitle: str = "",
                  targets: pd.DataFrame | None = None, source: str = "") -> go.Figure:
    """Figures per year as bars (a reported running total as a line), targets as ticks.

    `yearly`: year, period, value, source, note (one row per year). `targets`: year, target.
    Years inside the range without a figure are marked "tidak ada data".
    """
    colours = palette()
    fig = go.Figure()
    years = {int(y) for y in yearly["year"]}
    if targets is not None and not targets.empty:
        years |= {int(y) for y in targets["year"]}
    span = list(range(min(years), max(years) + 1)) if years else []
    has_value = {int(y) for y, v in zip(yearly["year"], yearly["value"], strict=True) if not fmt.is_missing(v)}
    customdata = _hover(yearly, measure, lang)
    hover = "<b>%{customdata[1]}</b><br>%{customdata[0]}<br><i>%{customdata[2]}</i><extra></extra>"
    if measure.cumulative:
        # Every year of the span, a null where none was reported: the line breaks there.
        spanned = yearly.drop_duplicates("year").set_index("year").reindex(span).reset_index()
        customdata = _hover(spanned.assign(period=spanned["period"].fillna("annual"),
                                           source=spanned["source"].fillna(""), note=spanned["note"].fillna("")),
                            measure, lang)
        customdata = [c if not fmt.is_missing(v) else ("", "", "") for c, v in zip(customdata, spanned["value"],
                                                                                  strict=True)]
        fig.add_trace(go.Scatter(
            x=span, y=[None if fmt.is_missing(v) else float(v) for v in spanned["value"]],
            mode="lines+markers+text", connectgaps=False,
            name=t("programs.chart.reported_total", lang), line={"color": colours[2 % len(colours)], "width": 2},
            marker={"size": 12, "symbol": "diamond"}, text=[c[0] for c in customdata],
            textposition="top center", customdata=customdata, hovertemplate=hover, cliponaxis=False))
    else:
        fig.add_trace(go.Bar(
            x=yearly["year"].tolist(), y=yearly["value"].tolist(), name=t("programs.chart.per_year", lang),
            marker={"color": colours[0]}, text=_bar_text(yearly, measure, lang),
            textposition=BAR_TEXT_POSITION, cliponaxis=False, customdata=customdata, hovertemplate=hover,
            width=BAR_WIDTH))
        _mark_gaps(fig, [y for y in span if y not in has_value], lang)
    if targets is not None and not targets.empty:
        fig.add_trace(go.Scatter(
            x=targets["year"].tolist(), y=targets["target"].tolist(), mode="markers",
            name=t("programs.chart.target", lang),
            marker={"symbol": "line-ew-open", "size": 30, "line": {"width": 3, "color": colours[5 % len(colours)]}},
            customdata=[fmt.value(v, measure, lang) for v in targets["target"]],
            hovertemplate=f"<b>{t('programs.chart.target', lang)} %{{x}}</b><br>%{{customdata}}<extra></extra>"))
    base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    fig.update_layout(xaxis={"range": [span[0] - 0.6, span[-1] + 0.6] if span else None, "dtick": 1},
                      yaxis={"rangemode": "tozero"}, showlegend=len(fig.data) > 1)
    _whole_number_axis(fig, measure, yearly["value"])
    return add_source(fig, source)


def cumulative_figure(running: pd.DataFrame, reported: pd.DataFrame, measure: Measure, lang: str, *,
                      title: str, subtitle: str = "", source: str = "") -> go.Figure:
    """Running totals kept apart: the sum of yearly figures (line), the totals a source reported
    (filled diamonds) and the previous report plus the yearly figures (open diamonds).

    `running`: year, value, first_year (running_total). `reported`: cumulative_comparison rows.
    """
    colours = palette()
    fig = go.Figure()
    if not running.empty and running["value"].notna().any():
        label = t("programs.chart.running_sum", lang, year=int(running["first_year"].iloc[0]))
        fig.add_trace(go.Scatter(
            x=running["year"].tolist(), y=running["value"].tolist(), mode="lines+markers", connectgaps=False,
            name=label, line={"color": colours[1], "width": 2}, marker={"size": 7},
            customdata=[fmt.value(v, measure, lang) for v in running["value"]],
            hovertemplate=f"<b>{label}</b> %{{x}}<br>%{{customdata}}<extra></extra>"))
    if not reported.empty:
        fig.add_trace(go.Scatter(
            x=reported["year"].tolist(), y=reported["reported"].tolist(), mode="markers+text",
            name=t("programs.chart.reported_total", lang),
            marker={"symbol": "diamond", "size": 13, "color": colours[2 % len(colours)]},
            text=[fmt.number(v, measure.decimals, lang) for v in reported["reported"]], textposition="top center",
            cliponaxis=False,
            customdata=[(fmt.value(v, measure, lang), when(str(p), int(y), lang), s)
                        for y, p, v, s in zip(reported["year"], reported["period"], reported["reported"],
                                              reported["source"], strict=True)],
            hovertemplate=(f"<b>{t('programs.chart.reported_total', lang)}</b> %{{customdata[1]}}"
                           "<br>%{customdata[0]}<br><i>%{customdata[2]}</i><extra></extra>")))
        computed = reported.dropna(subset=["computed"])
        if not computed.empty:
            fig.add_trace(go.Scatter(
                x=computed["year"].tolist(), y=computed["computed"].tolist(), mode="markers+text",
                name=t("programs.chart.computed_total", lang),
                marker={"symbol": "diamond-open", "size": 13, "line": {"width": 2},
                        "color": colours[3 % len(colours)]},
                text=[fmt.number(v, measure.decimals, lang) for v in computed["computed"]],
                textposition="bottom center", cliponaxis=False,
                customdata=[fmt.value(v, measure, lang) for v in computed["computed"]],
                hovertemplate=(f"<b>{t('programs.chart.computed_total', lang)}</b> %{{x}}<br>%{{customdata}}"
                               "<extra></extra>")))
    years = [int(y) for frame in (running, reported) if not frame.empty for y in frame["year"]]
    base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    fig.update_layout(yaxis={"rangemode": "tozero"},
                      xaxis={"dtick": 1, "range": [min(years) - 0.6, max(years) + 0.6] if years else None})
    if measure.decimals == 0:
        fig.update_yaxes(tickformat=",.0f")
    return add_source(fig, source)


def parts_figure(parts: dict[str, pd.DataFrame], measure: Measure, lang: str, *, title: str,
                 subtitle: str = "", source: str = "") -> go.Figure:
    """Grouped bars of a measure's parts per year (e.g. residents and non-residents among hires)."""
    colours = palette()
    fig = go.Figure()
    years: set[int] = set()
    for index, (label, frame) in enumerate(parts.items()):
        years |= {int(y) for y in frame["year"]}
        fig.add_trace(go.Bar(
            x=frame["year"].tolist(), y=frame["value"].tolist(), name=label,
            marker={"color": colours[(index + 1) % len(colours)]},
            text=[fmt.number(v, measure.decimals, lang) for v in frame["value"]], textposition="outside",
            cliponaxis=False, customdata=_hover(frame, measure, lang),
            hovertemplate=f"<b>{label}</b> %{{customdata[1]}}<br>%{{customdata[0]}}<br>"
                          "<i>%{customdata[2]}</i><extra></extra>"))
    span = list(range(min(years), max(years) + 1)) if years else []
    _mark_gaps(fig, [y for y in span if y not in years], lang)
    base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    fig.update_layout(barmode="group", xaxis={"dtick": 1}, yaxis={"rangemode": "tozero"})
    _whole_number_axis(fig, measure, pd.concat([f["value"] for f in parts.values()]) if parts else pd.Series())
    return add_source(fig, source)


def kecamatan_figure(frame: pd.DataFrame, measure: Measure, lang: str, *, title: str, subtitle: str = "",
                     source: str = "") -> go.Figure:
    """Horizontal bars, one per kecamatan (frame: region_name, value, source), largest on top."""
    ordered = frame.sort_values("value")
    fig = go.Figure(go.Bar(
        x=ordered["value"].tolist(), y=ordered["region_name"].tolist(), orientation="h",
        marker={"color": palette()[0]}, text=[fmt.value(v, measure, lang) for v in ordered["value"]],
        textposition="outside", cliponaxis=False,
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>"))
    base_layout(fig, title=title, subtitle=subtitle, y_title="", lang=lang,
                height=max(260, 60 + 34 * len(ordered)))
    fig.update_layout(xaxis={"title": {"text": fmt.axis_label(measure, lang)}, "tickformat": ",d",
                             "rangemode": "tozero"}, yaxis={"gridcolor": "white"}, margin={"r": 60, "b": 60},
                      showlegend=False)
    return add_source(fig, source)

