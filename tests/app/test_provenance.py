"""Issue #16: an uploaded value shows as uploaded on the Overview (KPI, chart hover) and in the
poverty page's CSV; seeded values are cited by publisher and table; known gaps carry their reason;
the long P0 series never joins values across its flags; the About page shows the coverage matrix."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from analytics.domain import provenance
from analytics.ingest.loading import import_observations
from tests.app.conftest import open_page, visible
from tests.conftest import ROOT

# Illustrative upload (test data, not a real figure): Kota Tangerang P0 2025 5.19 → 5.20.
UPLOAD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n"


@pytest.fixture
def uploaded(writable_store, monkeypatch) -> tuple[AppTest, str]:
    result = import_observations(writable_store, UPLOAD, user="siti", file_name="p0_2025.csv")
    assert result.status == "accepted"
    revision = writable_store.revision(result.revision.id)
    day = provenance.day_text(date.fromisoformat(revision.created_at[:10]), "id")
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), f"diunggah petugas, revisi 2, {day}"


def chart_specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def hover_sources(spec: dict, name_start: str) -> dict[int, str]:
    """Year → the source text shown in the hover of the first trace whose name starts so."""
    trace = next(d for d in spec["data"] if d["name"].startswith(name_start))
    return {x: c[1] for x, c in zip(trace["x"], trace["customdata"], strict=True) if c[1]}


def test_uploaded_value_is_marked_on_the_overview_kpi_and_chart_hover(uploaded):
    app, mark = uploaded
    open_page(app, "pages/overview.py")
    assert not app.exception
    assert any(m.value == "5,20 %" for m in app.metric)
    assert any(visible(c.value) == f"Maret 2025 · ⬆ {mark} (berkas p0_2025.csv)" for c in app.caption)
    sources = hover_sources(chart_specs(app)[0], "Kota Tangerang")
    assert sources[2025] == f"{mark} (berkas p0_2025.csv)"
    # 2024 was not uploaded: cited by publisher and table with its year, not as an upload.
    assert sources[2024].startswith("BPS, Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (tabel 621)")
    assert sources[2024].endswith(", 2024")
    # Under the chart: the sources of its rows, the upload listed apart and last (worked out once per region and
    # language, and kept): here in Indonesian, then in English in the same session.
    notes = [visible(c.value) for c in app.caption if visible(c.value).endswith(f"- ⬆ {mark}")]
    assert len(notes) == 1 and "- BPS, Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (tabel 621)" in notes[0]
    app.sidebar.radio(key="lang").set_value("en").run()
    revision = mark.split("revisi ")[1].split(",")[0]
    english = [visible(c.value) for c in app.caption if f"- ⬆ staff upload, revision {revision}, " in visible(c.value)]
    assert len(english) == 2 and not any("diunggah" in c for c in english)  # the KPIs' notes and the chart's


class _KeptStorage(MemoryMediaFileStorage):
    """AppTest's in-memory media storage, kept after the run so a test can read a download."""

    instances: list[_KeptStorage] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _KeptStorage.instances.append(self)


class _KeptManager(MediaFileManager):
    """AppTest's media file manager, kept after the run: a deferred download (built only when
    clicked) is made by it when the browser asks, as a click does."""

    instances: list[_KeptManager] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _KeptManager.instances.append(self)


def download_bytes(button) -> bytes:
    """The file a click on the button downloads. A deferred button's file is built now, through the
    same call the server makes when the browser asks for it after a click."""
    url = button.proto.url
    if button.proto.deferred_file_id:
        for manager in reversed(_KeptManager.instances):
            try:
                url = manager.execute_deferred(button.proto.deferred_file_id)
                break
            except Exception:  # noqa: BLE001, S112  (another run's manager)
                continue
        else:
            raise AssertionError(f"deferred download {button.proto.deferred_file_id} not found")
    name = url.rsplit("/", 1)[-1]
    for storage in reversed(_KeptStorage.instances):
        try:
            return bytes(storage.get_file(name).content)
        except Exception:  # noqa: BLE001, S112  (another run's storage)
            continue
    raise AssertionError(f"download {name} not found")


def test_uploaded_value_is_marked_in_the_poverty_csv(uploaded, monkeypatch):
    app, mark = uploaded
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeptStorage)
    monkeypatch.setattr(app_test, "MediaFileManager", _KeptManager)
    open_page(app, "pages/poverty.py", measures="p0", refs="0")
    assert not app.exception
    button = next(b for b in app.get("download_button") if "CSV" in b.proto.label)
    rows = list(csv.DictReader(io.StringIO(download_bytes(button).decode("utf-8-sig"))))
    # The interface-language CSV (issue #14): its source column carries the upload mark (issue #16).
    by_year = {r["Tahun"]: r for r in rows if r["Kode wilayah (BPS)"] == "3671"}
    assert by_year["2025"]["Nilai"] == "5.2"
    assert by_year["2025"]["Sumber"] == f"{mark} (berkas p0_2025.csv)"
    assert by_year["2024"]["Sumber"].startswith("BPS, Persentase Penduduk Miskin (P0)")


def test_seeded_hover_cites_publisher_and_year_not_a_mirror(app):
    open_page(app, "pages/overview.py")
    sources = hover_sources(chart_specs(app)[0], "Kota Tangerang")
    assert sources[2025].startswith("BPS, Persentase Penduduk Miskin (P0)")
    assert all("github" not in s.lower() and "visdati" not in s for s in sources.values())


def test_national_september_2023_is_a_gap_with_its_reason_and_march_2017_18_are_drawn(app):
    open_page(app, "pages/poverty.py", region="00", measures="p0", refs="0")
    assert not app.exception
    spec = chart_specs(app)[0]
    march = next(d for d in spec["data"] if d["name"] == "Indonesia (Maret)")
    september = next(d for d in spec["data"] if d["name"] == "Indonesia (September)")
    march_values = dict(zip(march["x"], march["y"], strict=True))
    september_values = dict(zip(september["x"], september["y"], strict=True))
    # nasional_kemiskinan_2015_2025.csv: March 2017 10.64, March 2018 9.82; every March present.
    assert (march_values[2017], march_values[2018]) == (10.64, 9.82)
    assert all(march_values[y] is not None for y in range(2015, 2026))
    # September: every year but 2023, which BPS did not compute (a null: a break in the line).
    assert september_values[2023] is None
    assert all(september_values[y] is not None for y in range(2015, 2026) if y != 2023)
    assert any("Celah data — Indonesia, September 2023: BPS tidak menghitung September 2023" in visible(c.value)
               for c in app.caption)
    # the chart view shows the chart, not also the figures table (columns Seri, Periode, …)
    assert not any("Seri" in d.value.columns for d in app.dataframe)


def test_long_series_is_cut_at_its_flags_and_never_joined_to_2015(app):
    # Kab. Nias (1201), kabkota_kemiskinan_2004_2014.csv: 2004–2007 before the 2008 method change,
    # 2008–2009, then 2010 flagged (implied population −70 %: Nias split), 2010–2014.
    open_page(app, "pages/poverty.py", region="1201", measures="p0", refs="0", long="1")
    assert not app.exception
    spec = chart_specs(app)[0]
    long_traces = [d for d in spec["data"] if "seri panjang" in d["name"]]
    spans = sorted([x for x, y in zip(d["x"], d["y"], strict=True) if y is not None] for d in long_traces)
    assert spans == [[2004, 2005, 2006, 2007], [2008, 2009], [2010, 2011, 2012, 2013, 2014]]
    main = [d for d in spec["data"] if d["name"].startswith("Kab. Nias (")]
    assert all(min(x for x, y in zip(d["x"], d["y"], strict=True) if y is not None) >= 2015 for d in main)
    # one legend entry for the long series, however many pieces
    assert sum(1 for d in long_traces if d.get("showlegend", True)) == 1


def test_hdi_methods_are_never_one_trace(app):
    # Kota Tangerang: 78.25/78.50 (2020/21, old method, news) apart from 81.53/82.41 (2024/25).
    open_page(app, "pages/poverty.py", measures="hdi,hdi_old_series", refs="0")
    assert not app.exception
    spec = chart_specs(app)[0]
    for trace in spec["data"]:
        years = [x for x, y in zip(trace["x"], trace["y"], strict=True) if y is not None]
        assert not (min(years) < 2024 <= max(years)), (trace["name"], years)


def test_about_page_shows_the_coverage_matrix(app):
    open_page(app, "pages/about.py")
    assert not app.exception
    spec = chart_specs(app)[0]
    heat = spec["data"][0]
    rows = heat["y"]
    years = heat["x"]
    # P1 by province: 34 of 38 regions in 2015 (the four 2022 Papua provinces did not exist), 38 in 2025.
    row = rows.index("P1 · provinsi")
    assert heat["text"][row][years.index(2015)] == "34"
    assert heat["z"][row][years.index(2015)] == pytest.approx(34 / 38)
    assert heat["z"][row][years.index(2025)] == 1
    # P0 long series: kab/kota only, 2004–2014; no value in 2015 (an empty cell, not 0).
    row = rows.index("P0 2004–2014 · kab/kota")
    assert heat["z"][row][years.index(2015)] is None
    assert heat["z"][row][years.index(2004)] > 0


def test_programme_page_says_where_sources_disagree(app):
    open_page(app, "pages/programs.py", program="rtlh")
    assert not app.exception
    warnings = [visible(w.value) for w in app.warning]
    # kota_tangerang_program_tambahan.csv: RTLH 2019 = 500 (TangerangNews, 30 Dec 2019) and 387
    # (Tempo 2022); both kept, the page names both.
    pair = next(w for w in warnings if "2019: dua sumber memberi angka berbeda" in w)
    assert "387 rumah (2019, Tempo" in pair and "500 rumah (Desember 2019, TangerangNews" in pair
    assert any("10.656" in w and "tidak cocok dengan sumber lain" in w for w in warnings)


def test_uploaded_programme_figure_is_marked_on_its_card(writable_store, monkeypatch):
    # Illustrative upload (test data): RTLH 2025 1,000 → 1,001.
    upload = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;rtlh_units;2025;tahunan;1001\n"
    result = import_observations(writable_store, upload, user="siti", file_name="rtlh.csv")
    assert result.status == "accepted", result.problems
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    open_page(app, "pages/programs.py", program="rtlh")
    assert not app.exception
    assert any(m.value == "1.001 rumah" for m in app.metric)
    assert any(visible(c.value).startswith("2025 · ⬆ diunggah petugas, revisi 2") for c in app.caption)
    # the replaced value's source (Katafoto) is not what the card cites
    assert not any(visible(c.value) == "2025 · Katafoto" for c in app.caption)


def test_uploaded_value_is_marked_in_the_compare_map_hover(uploaded):
    app, mark = uploaded
    open_page(app, "pages/compare.py", ind="p0", year="2025", level="kabkota", region="3671")
    assert not app.exception
    hovers = [str(c) for spec in chart_specs(app) for trace in spec["data"] for c in (trace.get("customdata") or [])]
    tangerang = [h for h in hovers if "'3671'" in h or '"3671"' in h]
    # the map and ranking hovers mark the upload; none cites the table of the value it replaced
    assert any(mark in h for h in tangerang)
    assert not any("BPS, Persentase Penduduk Miskin (P0)" in h for h in tangerang)
    # another kab/kota keeps its citation
    assert any("BPS, Persentase Penduduk Miskin (P0)" in h for h in hovers if "'3674'" in h)
