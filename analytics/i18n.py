"""The one string lookup: every UI text in Bahasa Indonesia (default) and English.

Catalog texts (measure names, definitions) live in data/catalog; this module holds
the interface's own words. `t(key, lang, **values)` fills `{placeholders}`.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "id"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # frame
    "app.title": ("Dasbor Kemiskinan", "Poverty Dashboard"),
    "app.tagline": (
        "Indikator kemiskinan dan program penanggulangannya, dari data resmi BPS.",
        "Poverty indicators and the programmes that fight poverty, from official BPS data.",
    ),
    "frame.language": ("Bahasa", "Language"),
    "frame.province": ("Provinsi", "Province"),
    "frame.region": ("Wilayah", "Region"),
    "frame.all_indonesia": ("Seluruh Indonesia", "All of Indonesia"),
    "frame.region_help": (
        "Ketik untuk mencari nama kabupaten/kota. Pilihan disimpan di alamat (URL) sehingga tautan "
        "menampilkan wilayah yang sama.",
        "Type to search a regency/city by name. The choice is kept in the address (URL), so a link "
        "shows the same region.",
    ),
    "frame.store_error": (
        "Penyimpanan data tidak dapat dibuka. Hubungi pengelola dasbor.",
        "The data store could not be opened. Please contact the dashboard administrator.",
    ),
    "frame.unexpected_error": (
        "Terjadi kesalahan tak terduga. Kesalahan sudah dicatat; silakan muat ulang halaman.",
        "Something unexpected went wrong. It has been logged; please reload the page.",
    ),
    "nav.section.summary": ("Ringkasan", "Summary"),
    "nav.section.poverty": ("Kemiskinan", "Poverty"),
    "nav.section.programs": ("Program", "Programmes"),
    "nav.section.compare": ("Bandingkan", "Compare"),
    "nav.section.data": ("Data", "Data"),
    "nav.overview": ("Ikhtisar", "Overview"),
    "nav.about": ("Tentang data", "About the data"),
    # levels and periods
    "level.nation": ("Nasional", "National"),
    "level.province": ("Provinsi", "Province"),
    "level.kabkota": ("Kabupaten/Kota", "Regency/City"),
    "period.annual": ("tahunan", "annual"),
    "period.january": ("Januari", "January"),
    "period.february": ("Februari", "February"),
    "period.march": ("Maret", "March"),
    "period.april": ("April", "April"),
    "period.may": ("Mei", "May"),
    "period.june": ("Juni", "June"),
    "period.july": ("Juli", "July"),
    "period.august": ("Agustus", "August"),
    "period.september": ("September", "September"),
    "period.october": ("Oktober", "October"),
    "period.november": ("November", "November"),
    "period.december": ("Desember", "December"),
    # overview
    "overview.title": ("Ikhtisar {region}", "Overview: {region}"),
    "overview.kpi_period": ("{period} {year}", "{period} {year}"),
    "overview.delta_since": ("dibanding {year}", "vs {year}"),
    "overview.not_comparable": (
        "tidak sebanding dengan {year} (metode berubah)",
        "not comparable with {year} (method changed)",
    ),
    "overview.no_value": ("tidak ada data", "no data"),
    "overview.trend_title": ("{measure}", "{measure}"),
    "overview.trend_subtitle": ("{region}, provinsi dan nasional", "{region}, province and nation"),
    "overview.trend_caption": (
        "Garis putus berarti tahun tanpa data; tidak ada nilai yang diisi atau diinterpolasi.",
        "A break in a line is a year without data; no value is filled in or interpolated.",
    ),
    "overview.kpis": ("Indikator utama", "Key indicators"),
    "overview.source": ("Sumber", "Source"),
    "overview.sources_under_chart": ("Sumber data grafik", "Chart data sources"),
    "overview.method_note": ("Catatan metode", "Method note"),
    "overview.programs": ("Program di wilayah ini", "Programmes in this region"),
    "overview.no_programs": (
        "Belum ada data program untuk wilayah ini. Data program dapat diunggah oleh petugas.",
        "No programme data for this region yet. Staff can upload programme data.",
    ),
    "overview.extreme_none": (
        "BPS tidak menerbitkan kemiskinan ekstrem kabupaten/kota sebagai data terbuka; yang tersedia hanya "
        "angka yang dikutip berita.",
        "BPS does not publish kab/kota extreme poverty as open data; only figures quoted in the news exist.",
    ),
    "overview.series": ("Seri", "Series"),
    "overview.year": ("Tahun", "Year"),
    "overview.value": ("Nilai", "Value"),
    "overview.table": ("Tabel angka", "Figures table"),
    # about
    "about.title": ("Tentang data", "About the data"),
    "about.intro": (
        "Semua angka di dasbor ini berasal dari sumber yang disebut di bawah. Celah data ditampilkan "
        "sebagai celah, tidak pernah diisi.",
        "Every number on this dashboard comes from a source listed below. Gaps are shown as gaps, never filled.",
    ),
    "about.data_version": ("Versi data (revisi): {version}", "Data version (revision): {version}"),
    "about.measures": ("Indikator", "Measures"),
    "about.sources": ("Sumber", "Sources"),
    "about.attribution": (
        "Sumber: Badan Pusat Statistik. Batas wilayah: BPS / OCHA-HDX (CC BY-IGO).",
        "Source: Statistics Indonesia (BPS). Boundaries: BPS / OCHA-HDX (CC BY-IGO).",
    ),
    "about.col.id": ("ID", "ID"),
    "about.col.name": ("Nama", "Name"),
    "about.col.unit": ("Satuan", "Unit"),
    "about.col.definition": ("Definisi", "Definition"),
    "about.col.publisher": ("Penerbit", "Publisher"),
    "about.col.title": ("Judul", "Title"),
    "about.col.url": ("Alamat", "Address"),
    "about.col.licence": ("Lisensi", "Licence"),
    "about.col.via": ("Melalui", "Via"),
    "about.col.values": ("Jumlah nilai", "Values"),
    "about.col.years": ("Tahun", "Years"),
    "about.coverage": ("Cakupan data", "Data coverage"),
    "about.revisions": ("Riwayat revisi", "Revision history"),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Look up a UI string; an unknown key is a programming error and raises KeyError."""
    text_id, text_en = STRINGS[key]
    text = text_en if lang == "en" else text_id
    return text.format(**values) if values else text


def period_label(period: str, lang: str) -> str:
    return t(f"period.{period}", lang)


def when(period: str, year: int, lang: str) -> str:
    """"Maret 2025" for a monthly reference period, plain "2025" for an annual figure."""
    return str(year) if period == "annual" else f"{period_label(period, lang)} {year}"
