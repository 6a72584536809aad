"""analytics/figures/charts.py: the room a chart reserves for its legend on a phone."""

from __future__ import annotations

import plotly.graph_objects as go

from analytics.figures import charts

# The five entries of Kota Tangerang's P1 chart with province and nation (gallery, 390 px, id). Chromium
# drew them one to a row (plotly wraps at the plot area, about 260 px there): the estimate must say five
# rows, or the last one sits on the source line, as it did with a 330-px assumption (four rows).
P1_ENTRIES = ["Kota Tangerang (Maret)", "Banten (Maret)", "Banten (September)", "Indonesia (Maret)",
              "Indonesia (September)"]


def p1_figure() -> go.Figure:
    fig = go.Figure()
    for name in P1_ENTRIES:
        fig.add_trace(go.Scatter(x=[2015, 2025], y=[0.5, 1.5], name=name))
    charts.base_layout(fig, title="Indeks Kedalaman Kemiskinan (P1)", y_title="indeks", lang="id")
    return fig


def test_the_phone_legend_width_is_the_plot_area_and_wraps_as_chromium_drew_it():
    fig = p1_figure()
    assert charts.phone_legend_width(fig) < 290
    assert charts.legend_rows(charts.legend_names(fig), charts.phone_legend_width(fig)) == 5
    assert charts.legend_rows(P1_ENTRIES, 330) == 4  # the old assumption, which overlapped


def test_a_two_line_entry_takes_two_rows_and_the_source_line_sits_below_them():
    assert charts.legend_rows(["a<br>b", "c"], 300) == 2  # side by side, one row two lines tall
    assert charts.legend_rows(["x" * 40 + "<br>y", "z" * 40], 300) == 3
    fig = charts.add_source(p1_figure(), "Sumber: Badan Pusat Statistik (BPS) · Dasbor Kemiskinan")
    source = next(a for a in fig.layout.annotations if a.name == charts.SOURCE_NAME)
    source_px = (str(source.text).count("<br>") + 1) * (charts.SOURCE_FONT_SIZE + 4) + 8
    reserved = fig.layout.legend.y * fig.layout.height - source_px
    assert reserved >= 5 * charts.LEGEND_ROW_PX


def test_source_lines_are_wrapped_to_fit_a_boxed_phone_chart():
    text = "Sumber: " + " ".join(["Badan Pusat Statistik (BPS), Persentase Penduduk Miskin"] * 4)
    assert max(len(line) for line in charts.wrap(text).split("<br>")) <= 56


def test_one_entry_whose_trace_asks_for_the_legend_gets_its_row():
    # plotly.js draws this legend (trace-level showlegend=True), so its row must be reserved.
    fig = go.Figure(go.Scatter(x=[2015, 2025], y=[0.9, 0.7], name="Kota Tangerang (Maret)", showlegend=True))
    assert charts.legend_names(fig) == ["Kota Tangerang (Maret)"]
    # Without it plotly hides a lone entry, and nothing is reserved.
    assert charts.legend_names(go.Figure(go.Scatter(x=[2015], y=[0.9], name="Indonesia"))) == []


def test_relayout_makes_the_layout_update_layout_makes():
    """charts.relayout rebuilds the layout instead of plotly's slower update path (issue #18): the figure must
    be the one update_layout gives, for nested changes merged into what is set (a legend given twice, margins
    in two steps), on a figure with subplots, annotations and a vertical rule already in its layout.
    Illustrative values, not real figures."""
    from plotly.subplots import make_subplots

    def build(update) -> dict:  # type: ignore[no-untyped-def]
        fig = make_subplots(rows=2, cols=1, subplot_titles=["Kota A", "Kota B"])
        fig.add_trace(go.Scatter(x=[2020, 2021], y=[5.2, None], name="A <b>x</b>"), row=1, col=1)
        fig.add_trace(go.Scatter(x=[2020, 2021], y=[3.1, 2.9], name="B"), row=2, col=1)
        fig.add_vline(x=2020.5, line={"dash": "dash"}, row="all", col=1)
        update(fig, title={"text": "P0", "subtitle": {"text": "Banten"}, "pad": {"t": 30}}, height=380,
               margin={"l": 10, "r": 10, "t": 90, "b": 40}, legend={"orientation": "h", "y": 0.01},
               yaxis={"title": {"text": "%"}, "gridcolor": "#e5e5e5"}, separators=",.")
        update(fig, margin={"b": 120}, height=460, legend={"yref": "container", "y": 0.3},
               xaxis={"range": [2019.5, 2021.5]}, title={"font": {"size": 15}})
        fig.add_annotation(text="Sumber: BPS", xref="paper", yref="paper", x=0, y=0, showarrow=False)
        return fig.to_dict()

    slow = build(lambda fig, **changes: fig.update_layout(**changes))
    fast = build(charts.relayout)
    assert fast == slow
    layout = fast["layout"]
    assert layout["margin"] == {"l": 10, "r": 10, "t": 90, "b": 120} and layout["height"] == 460
    assert layout["legend"] == {"orientation": "h", "y": 0.3, "yref": "container"}
    assert layout["title"]["subtitle"]["text"] == "Banten" and layout["title"]["font"]["size"] == 15
    assert [a["text"] for a in layout["annotations"]] == ["Kota A", "Kota B", "Sumber: BPS"]
    assert len(layout["shapes"]) == 2 and layout["xaxis"]["range"] == [2019.5, 2021.5]
