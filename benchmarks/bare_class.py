"""The floor of the class benchmark: a bare Streamlit app with the class exercise's widgets and pages, every
figure built once and shared by all sessions (st.cache_resource, its dict made once), so a step costs only what Streamlit itself
does for a session: run the script, encode the figure, send it.

`/compare` has "Indikator" and "Tahun" selectboxes (the dashboard's own labels) and draws a choropleth of the
514 kab/kota with the dashboard's boundaries; `/poverty` has "Wilayah pembanding" and draws a trend chart of
the chosen regions. Run by `benchmarks/class_load.py --floor`, not by hand.
Nothing here is a real figure: the values are generated, for timing only.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from analytics.figures import maps  # only for the same geometry as the dashboard's map
from analytics.i18n import t
from pages._shared import figures  # a shared figure's dict is made once, as the dashboard's are

MEASURES = ["p0", "p1", "p2", "poor_count", "poverty_line", "unemployment", "hdi"]
YEARS = list(range(2025, 2014, -1))


@st.cache_resource
def map_figure(measure: str, year: int) -> go.Figure:
    geojson = maps.load_geojson("kabkota")
    codes = [feature["properties"]["kode_bps"] for feature in geojson["features"]]
    rng = np.random.default_rng(abs(hash((measure, year))) % 2**32)
    figure = go.Figure(go.Choropleth(geojson=geojson, locations=codes, featureidkey="properties.kode_bps",
                                     z=rng.integers(0, 5, len(codes)), customdata=codes))
    figure.update_layout(title=f"{measure} {year}", height=480,
                         geo={"visible": False, "projection": {"type": "mercator"},
                              "lonaxis": {"range": [94.8, 141.2]}, "lataxis": {"range": [-11.2, 6.1]}})
    return figures.shared(figure)


@st.cache_resource
def trend_figure(codes: tuple[str, ...]) -> go.Figure:
    rng = np.random.default_rng(len(codes))
    return figures.shared(go.Figure([go.Scatter(x=list(range(2015, 2026)), y=rng.random(11) * 10, name=name,
                                                mode="lines+markers")
                                     for name in ("Wilayah", "Provinsi", "Indonesia", *codes)]))


def compare_page() -> None:
    measure = st.selectbox(t("compare.indicator", "id"), MEASURES, key="cmp_ind")
    year = st.selectbox(t("compare.year", "id"), YEARS, key="cmp_year")
    st.plotly_chart(map_figure(measure, year), width="stretch", config={"topojsonURL": maps.TOPOJSON_URL})


def poverty_page() -> None:
    chosen = st.multiselect(t("poverty.compare", "id"), [f"{i:04d}" for i in range(1101, 1200)], key="cmp")
    st.plotly_chart(trend_figure(tuple(chosen)), width="stretch")


st.navigation([st.Page(compare_page, title="Bandingkan", url_path="compare"),
               st.Page(poverty_page, title="Kemiskinan", url_path="poverty")]).run()
