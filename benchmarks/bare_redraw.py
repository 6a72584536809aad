"""Baseline for the interaction benchmark: a bare Streamlit app redrawing one figure on a widget change.

`?kind=` picks a figure of the same kind and size as the dashboard's: `trend` (three lines of eleven
years), `map` (a choropleth of the 514 kab/kota with the dashboard's own thinned boundaries), `bar`
(514 bars), `mapbar` (the map for one choice, the bars for the other), `table` (a table of `?rows=`
rows) or `upload` (a file uploader and a preview table of the file); `?kind=trend&charts=N` draws N
trend charts. The selectbox "Pilihan" switches between two sets of values; the title names the choice.
`?frame=1` draws it inside a frame like the dashboard's (issue #18's page floor): a navigation of six
pages in five sections and, in the sidebar, a language radio, a province box, the "Pilihan" box (as the
dashboard's region box) and an image-format radio; `&notes=N` adds N captions whose text changes with
the choice (as a page's narrative, notes and cards change with the region); `&cards=N` N bordered cards in a
row above the chart (a bold name with a coloured badge, a line, a caption with a help mark: Ringkasan's status
cards) and `&metrics=N` N bordered metrics with a change, three to a row, each with a caption under it (its KPI
cards), all changing with the choice.
Nothing here is a real figure: the values are generated, for timing only.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

kind = st.query_params.get("kind", "trend")
framed = st.query_params.get("frame") == "1"
if framed:
    st.sidebar.radio("Bahasa", ["Bahasa Indonesia", "English"], horizontal=True, key="lang")
    st.sidebar.selectbox("Provinsi", [f"Provinsi {number}" for number in range(38)], key="province")
    choice = st.sidebar.selectbox("Pilihan", ["A", "B"], key="choice", help="Bantuan")
    st.sidebar.radio("Unduhan gambar", ["PNG", "SVG"], horizontal=True, key="image", help="Bantuan")
else:
    choice = st.selectbox("Pilihan", ["A", "B"], key="choice")
rng = np.random.default_rng(1 if choice == "A" else 2)
title = f"Baseline {kind} {choice}"


def cards() -> None:
    """Ringkasan's kinds of element, generated (issue #18's page floor): status cards and metrics."""
    count = int(st.query_params.get("cards", "0"))
    for number, column in enumerate(st.columns(count) if count else []):
        with column, st.container(border=True):
            st.markdown(f"**Ukuran {number}** :green-badge[Sesuai jalur {choice}]")
            st.markdown(f"Target {number} untuk pilihan {choice}: 5,00 % pada 2029")
            st.caption(f"Rincian {number} {choice}: perlu turun 0,3 poin per tahun  \nDasar hukum {number}",
                       help=f"Dasar hukum lengkap {number}")
    metrics = int(st.query_params.get("metrics", "0"))
    for start in range(0, metrics, 3):
        for number, column in zip(range(start, min(start + 3, metrics)), st.columns(3), strict=False):
            with column:
                st.metric(f"Ukuran {number}", f"{rng.random() * 10:.2f} %", delta=f"-{rng.random():.2f} poin",
                          delta_color="inverse", delta_description=f"sejak {choice}", help="Definisi", border=True)
                st.caption(f"Maret 2025 · Sumber {choice}")


def draw() -> None:
    cards()
    # `mapbar` switches between the two: A draws the map, B the bars (as Bandingkan's map/bars switch does).
    shown = ("map" if choice == "A" else "bar") if kind == "mapbar" else kind
    if shown == "map":
        from analytics.figures import maps  # only for the same geometry as the dashboard's map

        geojson = maps.load_geojson("kabkota")
        codes = [feature["properties"]["kode_bps"] for feature in geojson["features"]]
        figure = go.Figure(go.Choropleth(geojson=geojson, locations=codes, featureidkey="properties.kode_bps",
                                         z=rng.integers(0, 5, len(codes)), customdata=codes))
        figure.update_layout(title=title, geo={"visible": False, "projection": {"type": "mercator"},
                                               "lonaxis": {"range": [94.8, 141.2]}, "lataxis": {"range": [-11.2, 6.1]}},
                             height=480)
        st.plotly_chart(figure, width="stretch", config={"topojsonURL": maps.TOPOJSON_URL})
    elif shown == "bar":
        codes = [f"{i:04d}" for i in range(514)]
        st.plotly_chart(go.Figure(go.Bar(x=codes, y=rng.random(514) * 20), layout={"title": title}), width="stretch")
    elif shown in ("table", "upload"):
        if shown == "upload":
            uploaded = st.file_uploader("Berkas", type=["csv"])
            if uploaded is not None:
                st.dataframe(pd.read_csv(uploaded), hide_index=True, width="stretch")
        else:
            # B shows one row more, so the drawn table changes visibly (the benchmark reads the drawn row count).
            rows = int(st.query_params.get("rows", "30")) + (choice == "B")
            st.subheader(title)
            st.dataframe(pd.DataFrame(rng.random((rows, 7)), columns=list("abcdefg")), hide_index=True, width="stretch")
    else:
        # `?charts=N`: N such trend charts, all changed by the choice (the floor of a page that must redraw N).
        for number in range(int(st.query_params.get("charts", "1"))):
            figure = go.Figure([go.Scatter(x=list(range(2015, 2026)), y=rng.random(11) * 10, name=name,
                                           mode="lines+markers") for name in ("Wilayah", "Provinsi", "Indonesia")])
            figure.update_layout(title=f"{title} {number + 1}" if number else title)
            st.plotly_chart(figure, width="stretch")
    for number in range(int(st.query_params.get("notes", "0"))):
        st.caption(f"Catatan {number} untuk pilihan {choice}: teks yang berubah dengan pilihan, seperti narasi atau sumber.")


if framed:
    def other() -> None:
        st.write("Halaman lain")

    sections = ["Ringkasan", "Kemiskinan", "Program", "Bandingkan", "Data", "Data"]
    pages: dict[str, list] = {}
    for number, section in enumerate(sections):
        pages.setdefault(section, []).append(st.Page(draw if number == 0 else other, title=f"Halaman {number}",
                                                     url_path=f"halaman{number}", default=number == 0,
                                                     icon=":material/dashboard:"))
    st.navigation(pages).run()
else:
    draw()
