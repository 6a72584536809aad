"""Build the embedded data of Dasbor Kemiskinan from the reference files.

Reads the read-only reference set (default ``<repo>/../shared/reference``; its
``SOURCES.md`` and ``facts.md`` give origin, licence and known defects of every
file) and writes into ``<repo>/data``:

    regions.csv             nation, 38 provinces (34 of 2020 + 4 new of 2025), 514 kab/kota
    observations.csv        tidy values, one row per value, each with its source id
    targets.csv             official targets with their legal basis (all of target_kemiskinan.csv;
                            Kota Tangerang RTLH)
    catalog/sources.yaml    one entry per origin
    catalog/measures.yaml   measure definitions (Indonesian / English)
    catalog/programs.yaml   Kota Tangerang programmes, strategies and dated rules
    geo/*.geojson           boundaries, coordinates rounded to 3 decimals
    README.md               contents, coverage, defects, omissions

Rules kept here:
  * no invented numbers: every value is copied from a reference file and carries a
    source id; values typed in below (facts from ``facts.md``) must be found verbatim
    in the reference text (``evidence``), otherwise the build fails;
  * gaps stay gaps (no row); values the reference blanked stay out;
  * deterministic output: sorted rows, values written as in the source (parsed and
    re-written with ``repr``, whole numbers without ``.0``).

Usage::

    .venv/bin/python scripts/build_data.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

# --------------------------------------------------------------------------- paths

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analytics import catalog, ingest  # noqa: E402  (the period vocabulary is defined once, there)

DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DATA = REPO / "data"

F_KABKOTA_2025 = "kabkota_kemiskinan_2025.csv"  # SOURCES.md file 1
F_KABKOTA_2021 = "kabkota_kemiskinan_2021.csv"  # file 2
F_PROV_POVERTY = "provinsi_kemiskinan_2015_2025.csv"  # file 4
F_PROV_INDICATORS = "provinsi_indikator_2015_2025.csv"  # file 5
F_CROSSWALK = "kode_wilayah_bps_kemendagri_2020.csv"  # file 8
F_CODES_2025 = "kode_bps_2025.csv"  # file 9
F_TANGERANG = "kota_tangerang_fakta.csv"  # file 10
F_FACTS_MD = "facts.md"  # file 10
F_PANEL = "kabkota_kemiskinan_panel_2015_2025.csv"  # file 11
F_TARGETS = "target_kemiskinan.csv"  # file 21

# reference file -> (output file, property holding the BPS code)
GEO_FILES = {
    "kabkota_2020_bps_simplified.geojson": ("kabkota_2020.geojson", "kode_bps"),
    "provinsi_34_bps_simplified.geojson": ("provinsi_34.geojson", "kode_prov"),
    "provinsi_38_bps2025_simplified.geojson": ("provinsi_38.geojson", "kode_prov_2025"),
}
GEO_DECIMALS = 3

# --------------------------------------------------------------------------- schema

REGION_COLUMNS = [
    "code",
    "name",
    "name_bps",
    "level",
    "type",
    "parent_code",
    "code_bps_2025",
    "parent_code_2025",
    "code_kemendagri",
    "scheme",
]
OBS_COLUMNS = list(ingest.TIDY_COLUMNS)  # the tidy template, defined once
TARGET_COLUMNS = list(ingest.TARGET_FILE_COLUMNS)  # the target template, defined once
PERIODS = catalog.PERIODS  # the project's period vocabulary, one definition
PERIOD_FROM_SOURCE = {"Maret": "march", "September": "september"}
STATUS = "final"

NATION_CODE = "00"
NEW_PROVINCES_2025 = ("92", "95", "96", "97")  # Papua provinces of 2022, BPS codes
SPLIT_PROVINCES = ("91", "94")  # same code in both schemes, territory changed in 2022

LICENCE_BPS = "none stated; data are BPS's — cite 'Sumber: Badan Pusat Statistik'"
LICENCE_NEWS = "none stated (news page); figures cited with attribution"
LICENCE_GOV_NEWS = "none stated (official government news page); cited with attribution"

# --------------------------------------------------------------------------- sources

SOURCES = [
    # --- BPS statistics via public GitHub mirrors (SOURCES.md) ---------------------
    {
        "id": "bps_kabkota_p0_count",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (tabel 621) dan "
        "Jumlah Penduduk Miskin (Ribu Jiwa) Menurut Kabupaten/Kota (tabel 619), 2004–2025",
        "url": "",
        "date": "series 2004–2025 (download date not stated)",
        "licence": LICENCE_BPS + " (mirror: a STIS student assignment, no licence)",
        "via": "github.com/muhammadludviarg/visdati @ 2e55fd5: "
        "data/mentah/Persentase Penduduk Miskin (P0) Menurut KabupatenKota.csv; "
        "data/mentah/Jumlah Penduduk Miskin (Ribu Jiwa) Menurut KabupatenKota.csv",
        "note": "Unmodified BPS statistics-table downloads, transcribed; names mapped to codes "
        "within the province (514/514). Susenas March. Nduga 2015 repeats 2014; "
        "Buton/Muna 2015 are pre-split territories; 2021 SP2020 rebasing of counts.",
    },
    {
        "id": "bps_kabkota_gk",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Garis Kemiskinan Menurut Kabupaten/Kota, 2011–2025 (one file per year)",
        "url": "",
        "date": "series 2011–2025 (download date not stated)",
        "licence": LICENCE_BPS,
        "via": "github.com/FerliyanaRonnan/Prediksi-Garis-Kemiskinan-Indonesia-with-Machine-Learning"
        " @ 05b6608: Garis Kemiskinan Menurut Kabupaten_Kota, <year>.csv",
        "note": "GK is volatile in small or new kab/kota (66 year-on-year changes outside "
        "−3 %…+15 %); these are BPS values, not transcription errors.",
    },
    {
        "id": "bps_kabkota_2025",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "P0, P1, P2 and number of poor by kab/kota, March 2025 (tables 621/622/623/619) "
        "and IPM 2025",
        "url": "",
        "date": "2025",
        "licence": LICENCE_BPS,
        "via": "github.com/jagonyabakmie/uas-visdat-kemiskinan @ 9fbd3c7: "
        "data/processed/kabkota_2025.csv",
        "note": "Used here for P1, P2 and IPM 2025 (transcribed, not cross-checked). "
        "Kota Tarakan P1 0.04 / P2 0.00 look implausible. IPM uses the new method "
        "(UHH from the SP2020 Long Form). Kab/kota types fixed (Kotawaringin Barat/Timur, "
        "Kotabaru are Kabupaten).",
    },
    {
        "id": "od_jabar_p2",
        "publisher": "Open Data Jabar (Pemerintah Provinsi Jawa Barat); figures from BPS",
        "title": "Indeks keparahan kemiskinan (P2) by kab/kota, Jawa Barat, 2015–2024 "
        "(Open Data Jabar dataset bps-od_19998)",
        "url": "",
        "date": "series 2015–2024",
        "licence": LICENCE_BPS,
        "via": "github.com/nailaselvirabudiana/data-analytics-tubes @ 17f93e7: "
        "data/raw/raw_keparahan_kemiskinan.csv",
        "note": "Only plausibility-checked (P2 < P1 < P0).",
    },
    {
        "id": "od_jabar_p1",
        "publisher": "Open Data Jabar (Pemerintah Provinsi Jawa Barat); figures from BPS",
        "title": "Indeks kedalaman kemiskinan (P1) by kab/kota, Jawa Barat, 2018–2020",
        "url": "",
        "date": "series 2018–2020",
        "licence": LICENCE_BPS,
        "via": "github.com/dmutiar123/python-data_kemiskinan_jabar @ 5ab9a89: "
        "bps_kemiskinanjabar.csv",
        "note": "Transcribed; only plausibility-checked.",
    },
    {
        "id": "od_aceh_p1p2",
        "publisher": "Aceh provincial open data (apparently); figures from BPS",
        "title": "Indeks Kedalaman dan Keparahan Kemiskinan (P1, P2) by kab/kota, Aceh, 2015–2023",
        "url": "",
        "date": "series 2015–2023",
        "licence": LICENCE_BPS,
        "via": "github.com/malikkamal12/Kemiskinan @ 1d31cb8: Indeks Kedalaman dan Keparahan "
        "Kemiskinan Aceh/test keparahan dan kedalaman.csv",
        "note": "Unverified: passed plausibility checks only; the Aceh GK file of the same repo "
        "has errors and was not used.",
    },
    {
        "id": "bantenprov_ik",
        "publisher": "Pemerintah Provinsi Banten (figures from BPS)",
        "title": "Indikator kemiskinan kabupaten/kota Banten (ik-kabupaten-kota-010.json)",
        "url": "",
        "date": "2018 (copyright year); data 2014–2015",
        "licence": "MIT (Copyright 2018 Provinsi Banten)",
        "via": "github.com/bantenprov/indikator-kemiskinan-kabupaten-kota @ 54c5e55: "
        "src/public/json/bantenprov/ik-kabupaten-kota/ik-kabupaten-kota-010.json",
        "note": "Used for Banten 2015 P1/P2 (3 decimals). The source labels the year "
        "'September' but the 2015 kab/kota figures are Susenas March 2015.",
    },
    {
        "id": "kaggle_kemiskinan_2021",
        "publisher": "Kaggle user ermila (figures from BPS)",
        "title": "Klasifikasi Tingkat Kemiskinan di Indonesia",
        "url": "",
        "date": "data year 2021 (identified by SOURCES.md; not stated in the source)",
        "licence": LICENCE_BPS + " (repo: none stated; Kaggle licence not checked)",
        "via": "github.com/Abesttar/KlasifikasiKemiskinanDiIndonesia @ b21412a: "
        "Klasifikasi Tingkat Kemiskinan di Indonesia.csv",
        "note": "Used for TPT 2021 (Sakernas August). Names only, codes assigned by name; "
        "TPT 0.0 for Nduga and Lanny Jaya means no data and is left out.",
    },
    {
        "id": "bps_prov_poverty",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Jumlah dan Persentase Penduduk Miskin Menurut Provinsi, 2015–2025",
        "url": "",
        "date": "series 2015–2025",
        "licence": LICENCE_BPS,
        "via": "github.com/akbaralqahri/Kemiskinan-Indonesia @ e7cd3ab: data/raw/poverty/"
        "Jumlah dan Persentase Penduduk Miskin Menurut Provinsi, <year>.csv",
        "note": "March and September; 34 provinces to 2023, 38 from 2024. Blanked by the "
        "reference: Indonesia P0 March 2018 (column shift) and GK March 2022 "
        "(truncated). Indonesia P0 March 2017 (10.12) left out here as inconsistent.",
    },
    {
        "id": "bps_statistik_indonesia",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Statistik Indonesia 2016, 2019, 2021, 2024 and 2026 (statistical yearbooks)",
        "url": "",
        "date": "2016–2026 editions",
        "licence": LICENCE_BPS,
        "via": "github.com/akbaralqahri/Kemiskinan-Indonesia @ e7cd3ab: "
        "data/processed/extracted_panel.json (indicators_long)",
        "note": "Values extracted from the PDFs by the mirror's author; publication, table and "
        "PDF page are in each observation's note. IPM method break in 2021.",
    },
    {
        "id": "bps_hdx_boundaries",
        "publisher": "Badan Pusat Statistik (BPS) / OCHA Humanitarian Data Exchange (HDX)",
        "title": "Indonesia - Subnational Administrative Boundaries (cod-ab-idn), BPS 2020",
        "url": "https://data.humdata.org/dataset/cod-ab-idn",
        "date": "valid_on 2020-04-01",
        "licence": "CC BY-IGO",
        "via": "github.com/JfrAziz/indonesia-district @ 8d3de3c (village files, dissolved to "
        "kab/kota and provinces, simplified)",
        "note": "Attribution to BPS / OCHA-HDX required. Anggana (Kutai Kartanegara) missing in "
        "the source copy, so the Mahakam-delta coast is cut back slightly. Reservoir "
        "holes are intentional.",
    },
    {
        "id": "bps_kemendagri_bridging",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Bridging kode wilayah BPS–Kemendagri (2020 semester 2)",
        "url": "https://sig.bps.go.id/bridging-kode",
        "date": "scraped 2022-05-22",
        "licence": LICENCE_BPS,
        "via": "github.com/zakiego/Kode-Wilayah-Administrasi-Indonesia-Relasi-BPS-Kemendagri"
        " @ 8d5e83e: csv/provinsi.csv; csv/kabkota.csv",
        "note": "About 180 codes collide across the schemes: never join BPS data on Kemendagri "
        "codes. Some Kemendagri names are truncated.",
    },
    {
        "id": "bps_kode_2025",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "BPS WebAPI, variable 624 (Garis Kemiskinan), year 2025: vervar list "
        "(BPS 2025 region codes and names)",
        "url": "",
        "date": "last_update 2025-12-01",
        "licence": LICENCE_BPS,
        "via": "github.com/Rasyidarfan/CekKemiskinanByPengeluaran @ de0b345: Garis Kemiskinan.json",
        "note": "38 provinces (incl. 92, 95, 96, 97) and 514 kab/kota with 2025 codes.",
    },
    # --- legal -----------------------------------------------------------------------
    {
        "id": "inpres_4_2022",
        "publisher": "Pemerintah Republik Indonesia",
        "title": "Instruksi Presiden Nomor 4 Tahun 2022 tentang Percepatan Penghapusan "
        "Kemiskinan Ekstrem",
        "url": "https://peraturan.bpk.go.id/Details/207523/inpres-no-4-tahun-2022",
        "date": "2022-06-08",
        "licence": "Public legal document",
        "via": "",
        "note": "target: 0 % extreme poverty by 2024",
    },
    # --- news and official pages (facts.md, kota_tangerang_fakta.csv) ------------------
    {
        "id": "banpos_20220303",
        "publisher": "Banpos",
        "title": "BPS, 5,93 persen penduduk Kota Tangerang miskin",
        "url": "https://banpos.co/?p=20137",
        "date": "2022-03-03",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Quotes the head of BPS Kota Tangerang; IPM 2020/2021 (old method).",
    },
    {
        "id": "lenteranews_20230119",
        "publisher": "Lenteranews",
        "title": "Rancangan RPD 2024-2026, Bappeda jaring aspirasi (Forum Konsultasi Publik)",
        "url": "https://lenteranews.co.id/pemerintahan/"
        "rancangan-rpd-2024-2026-bappeda-jaring-aspirasi-forum-konsultasi-publik",
        "date": "2023-01-19",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Extreme-poverty figures stated by BPS Provinsi Banten (Susenas) at the FKP "
        "RPD 2024–2026.",
    },
    {
        "id": "republika_20211111",
        "publisher": "Republika",
        "title": "Angka Pengangguran Terbuka di Kota Tangerang 103.537 Orang",
        "url": "https://fbeta.republika.co.id/berita/r2dxbx484/"
        "angka-pengangguran-terbuka-di-kota-tangerang-103-537-orang",
        "date": "2021-11-11",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "TPT 2020/2021 (Sakernas August) and virtual job fair placements 2020/2021.",
    },
    {
        "id": "tangerangpos_20230105",
        "publisher": "TangerangPos",
        "title": "Pemkot Tangerang Berhasil Tekan Angka Pengangguran Hingga 1,91%",
        "url": "https://tangerangpos.id/pemkot-tangerang-berhasil-tekan-angka-pengangguran-hingga-191/",
        "date": "2023-01-05",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "TPT 2022 (BPS, IKR Kota Tangerang 2022).",
    },
    {
        "id": "tribun_tangerang_20230820",
        "publisher": "Tribun Tangerang",
        "title": "(title not recorded in the reference)",
        "url": "",
        "date": "2023-08-20",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Cited in the reference for the 85,324 unemployed of 2022; address not recorded.",
    },
    {
        "id": "databoks_tpt_2023",
        "publisher": "Databoks (Katadata)",
        "title": "2023 Data Unemployment in South Tangerang City is 5.81%",
        "url": "https://databoks.katadata.co.id/en/employment/statistics/ecfdd01a82dcefe/"
        "2023-data-unemployment-in-south-tangerang-city-is-581",
        "date": "not stated (2023 data)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Lists TPT 2023 of the Banten kab/kota.",
    },
    {
        "id": "katafoto_20251215",
        "publisher": "Katafoto",
        "title": "Pemkot Tangerang tuntaskan rehabilitasi 1.000 RTLH 2025",
        "url": "https://katafoto.id/?p=14290",
        "date": "2025-12-15",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Quotes tangerangkota.go.id / Disperkimtan: RTLH units 2021–2025, "
        "aid per unit Rp 20 million → Rp 30 million in 2025.",
    },
    {
        "id": "wargabanten_rtlh",
        "publisher": "WargaBanten",
        "title": "Ada ribuan rumah tak layak huni di Kota Tangerang, tahun ini 1.000 unit diperbaiki",
        "url": "https://wargabanten.com/"
        "ada-ribuan-rumah-tak-layak-huni-di-kota-tangerang-tahun-ini-1-000-unit-diperbaiki",
        "date": "not stated (2025)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Cumulative RTLH 2014–2024 = 8,656 (so 2014–2023 = 8,182, as in the article).",
    },
    {
        "id": "tangerangkota_60555",
        "publisher": "Pemerintah Kota Tangerang (tangerangkota.go.id)",
        "title": "Pemkot Tangerang Targetkan Rehabilitasi 1.000 Unit RTLH di Tahun 2026",
        "url": "https://tangerangkota.go.id/berita/detail/60555/"
        "pemkot-tangerang-targetkan-rehabilitasi-1-000-unit-rumah-tidak-layak-huni-di-tahun-2026",
        "date": "not stated (refers to January 2026)",
        "licence": LICENCE_GOV_NEWS,
        "via": "",
        "note": "Cumulative RTLH 2014–2025 = 10,656; 2026 target 1,000; 1,571 proposals by "
        "Jan 2026.",
    },
    {
        "id": "republika_o0rrb0335",
        "publisher": "Republika",
        "title": "Lebih dari 1000 rumah di Tangerang tak layak huni (title from the URL)",
        "url": "https://news.republika.co.id/berita/o0rrb0335/"
        "lebih-dari-1000-rumah-di-tangerang-tak-layak-huni",
        "date": "not stated (2015/2016)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "1,732 recorded RTLH (2015 study); other lists 2,600 (BKM), about 4,000 (PPLS).",
    },
    {
        "id": "tangselife_20230606",
        "publisher": "Tangselife",
        "title": "146 Sekolah Swasta Gratis di Kota Tangerang",
        "url": "https://tangselife.com/news/146-sekolah-swasta-gratis-di-kota-tangerang",
        "date": "2023-06-06",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "TA 2023/24: 73 SD/MI + 73 SMP/MTs; predecessor scheme 2021–2022 "
        "Rp 1 million uang pangkal per pupil (APBD).",
    },
    {
        "id": "antara_3544089",
        "publisher": "Antara (video)",
        "title": "143 Sekolah Swasta di Kota Tangerang Ikuti Program Sekolah Gratis",
        "url": "https://www.antaranews.com/video/3544089/"
        "143-sekolah-swasta-di-kota-tangerang-ikuti-program-sekolah-gratis",
        "date": "2023-05-17 (date of the figure)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Earlier count (143) before the 146 of TA 2023/24.",
    },
    {
        "id": "tvrijakartanews_21744",
        "publisher": "TVRI Jakarta News",
        "title": "146 Sekolah Swasta di Kota Tangerang Bebas Biaya Sejak 2023",
        "url": "https://tvrijakartanews.com/article/News/21744",
        "date": "2025-06-05 (statement date)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Wali Kota Sachrudin, 5 Jun 2025: 65 SD swasta + 73 SMP swasta "
        "(+ more than 240 public schools).",
    },
    {
        "id": "idntimes_banten_vjf_2022",
        "publisher": "IDN Times Banten",
        "title": "Virtual Job Fair Kota Tangerang siap digelar Juni",
        "url": "https://banten.idntimes.com/news/banten/"
        "virtual-job-fair-kota-kota-tangerang-siap-digelar-juni-mendatangbr-00-fx5pg-b3b239/amp",
        "date": "2022 (not stated; figure to 31 May 2022)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "About 7,000 hired since the start of the virtual job fair, to 31 May 2022.",
    },
    {
        "id": "wartatangerang_jobfair_2025",
        "publisher": "WartaTangerang",
        "title": "Sepanjang Job Fair 2025 Disnaker Tangerang catat 2.034 warga terserap ke "
        "dunia kerja",
        "url": "https://wartatangerang.com/"
        "sepanjang-job-fair-2025-disnaker-tangerang-catat-2-034-warga-terserap-ke-dunia-kerja",
        "date": "not stated (also reported by Nyohor, 18 Dec 2025)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Job fair (online + offline) 2025: 2,034 hired (1,447 residents, 587 from "
        "outside); 24,705 vacancies; 330 companies.",
    },
    {
        "id": "tangerangkota_6913",
        "publisher": "Pemerintah Kota Tangerang (tangerangkota.go.id)",
        "title": "Job Fair Kota Tangerang 2016 Kembali Digelar",
        "url": "https://tangerangkota.go.id/berita/detail/6913/job-fair-kota-tangerang-2016-kembali-digelar",
        "date": "2016-05",
        "licence": LICENCE_GOV_NEWS,
        "via": "",
        "note": "In-person job fair May 2016: about 4,000 vacancies, 43 firms.",
    },
    {
        "id": "satelitnews_1514",
        "publisher": "Satelit News",
        "title": "(title not recorded in the reference; job fair HUT ke-27 Kota Tangerang)",
        "url": "https://satelitnews.com/?p=1514",
        "date": "2020-02",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "In-person job fair Feb 2020 (HUT ke-27): 3,383 vacancies, 56 firms.",
    },
    {
        "id": "antara_banten_238941",
        "publisher": "Antara Banten",
        "title": "Disnaker Kota Tangerang luncurkan mobil pelatihan praktek kerja",
        "url": "https://banten.antaranews.com/berita/238941/"
        "disnaker-kota-tangerang-luncurkan-mobil-pelatihan-praktek-kerja",
        "date": "2023-02 (launch; also Liputan6, 22 Feb 2023)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Si Praja: 2 vehicles; 20 competency + 20 entrepreneurship trainings; "
        "min. 20 participants per request; 3 days per session.",
    },
    {
        "id": "koranjakarta_266",
        "publisher": "Koran Jakarta",
        "title": "Kota Tangerang Latih 266 Tenaga Kerja",
        "url": "https://amp.koran-jakarta.com/kota-tangerang-latih-266-tenaga-kerja",
        "date": "2023-08 (figure to 7 Aug 2023)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Si Praja participants Feb–7 Aug 2023: 136 barista (7 kelurahan) + "
        "130 content creator.",
    },
    {
        "id": "tangerangnews_36976",
        "publisher": "TangerangNews",
        "title": "Ratusan Warga Kota Tangerang Dibekali Pelatihan Kerja Selama Pandemi "
        "(title from the URL)",
        "url": "https://tangerangnews.com/kota-tangerang/read/36976/"
        "Ratusan-Warga-Kota-Tangerang-Dibekali-Pelatihan-Kerja-Selama-Pandemi",
        "date": "2021 (figure to 28 Sep 2021)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "Disnaker training before Si Praja: 420 trained in cohorts of 30.",
    },
    {
        "id": "detik_d7028009",
        "publisher": "detik finance",
        "title": "Kemiskinan ekstrem di Papua-Papua Barat masih di atas 5% (title from the URL)",
        "url": "https://finance.detik.com/berita-ekonomi-bisnis/d-7028009/"
        "kemiskinan-ekstrem-di-papua-papua-barat-masih-di-atas-5",
        "date": "2023 (not stated)",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "National extreme poverty March 2023 1.12 % (line US$1.9 PPP = Rp 351,957 per "
        "capita per month); Papua 7.67 %, Papua Barat 6.43 %.",
    },
    {
        "id": "katadata_20231120",
        "publisher": "Katadata",
        "title": "Daftar 18 Provinsi dengan Kemiskinan Ekstrem di Bawah 1%, Ada Jakarta "
        "(title from the URL)",
        "url": "https://katadata.co.id/finansial/makro/655b34ea5a450/"
        "daftar-18-provinsi-dengan-kemiskinan-ekstrem-di-bawah-1-ada-jakarta",
        "date": "2023-11-20",
        "licence": LICENCE_NEWS,
        "via": "",
        "note": "18 provinces with extreme poverty below 1 %, March 2023 (also Harian Jogja, "
        "19 Nov 2023).",
    },
]

# --------------------------------------------------------------------------- measures


def t(text_id: str, text_en: str) -> Bilingual:
    """A text in Indonesian and English."""
    return Bilingual(id=text_id, en=text_en)


class Bilingual(dict):
    """{id, en} pair; short ones are written in YAML flow style."""


def _measure(
    mid,
    name,
    short,
    unit,
    decimals,
    lower_is_better,
    definition,
    *,
    unit_label=None,
    program=None,
    cumulative=False,
    method_notes=(),
):
    return {
        "id": mid,
        "name": name,
        "short": short,
        "unit": unit,
        "unit_label": unit_label,
        "decimals": decimals,
        "lower_is_better": lower_is_better,
        "program": program,
        "cumulative": cumulative,
        "definition": definition,
        "method_notes": list(method_notes),
    }


def _note(year, text_id, text_en):
    return {"year": year, "id": text_id, "en": text_en}


POVERTY_MEASURES = [
    _measure(
        "p0",
        t("Persentase penduduk miskin (P0)", "Poverty rate (P0)"),
        t("P0", "P0"),
        "percent",
        2,
        True,
        t(
            "Persentase penduduk yang rata-rata pengeluaran per kapita per bulannya di bawah "
            "garis kemiskinan (pendekatan kebutuhan dasar BPS, Susenas). Kab/kota: Susenas Maret; "
            "provinsi dan nasional: Maret dan September.",
            "Share of the population whose average monthly per-capita expenditure is below the "
            "poverty line (BPS basic-needs approach, Susenas). Kab/kota: Susenas March; provinces "
            "and nation: March and September.",
        ),
    ),
    _measure(
        "poor_count",
        t("Jumlah penduduk miskin", "Number of poor people"),
        t("Penduduk miskin", "Poor people"),
        "thousand_people",
        2,
        True,
        t(
            "Jumlah penduduk yang rata-rata pengeluaran per kapita per bulannya di bawah garis "
            "kemiskinan, dalam ribu jiwa.",
            "Number of people whose average monthly per-capita expenditure is below the poverty "
            "line, in thousands.",
        ),
        method_notes=[
            _note(
                2021,
                "Mulai 2021 BPS memakai proyeksi penduduk berbasis SP2020; jumlah penduduk miskin "
                "melonjak di beberapa daerah (mis. Kolaka, Kolaka Timur) sementara P0 hampir tidak "
                "berubah. Untuk 2020→2021 bandingkan P0, bukan jumlah.",
                "From 2021 BPS uses SP2020-based population projections; the number of poor jumps "
                "in some regions (e.g. Kolaka, Kolaka Timur) while P0 barely moves. Compare P0, not "
                "counts, across 2020→2021.",
            )
        ],
    ),
    _measure(
        "p1",
        t("Indeks Kedalaman Kemiskinan (P1)", "Poverty gap index (P1)"),
        t("P1", "P1"),
        "index",
        2,
        True,
        t(
            "Ukuran rata-rata kesenjangan pengeluaran penduduk miskin terhadap garis kemiskinan. "
            "Makin tinggi nilainya, makin jauh rata-rata pengeluaran penduduk miskin dari garis "
            "kemiskinan. Di kab/kota kecil galat sampelnya (RSE) tinggi.",
            "Average gap between the expenditure of the poor and the poverty line. The higher "
            "the value, the further the poor are, on average, below the line. High sampling "
            "error (RSE) in small kab/kota.",
        ),
    ),
    _measure(
        "p2",
        t("Indeks Keparahan Kemiskinan (P2)", "Poverty severity index (P2)"),
        t("P2", "P2"),
        "index",
        2,
        True,
        t(
            "Gambaran sebaran pengeluaran di antara penduduk miskin. Makin tinggi nilainya, makin "
            "besar ketimpangan pengeluaran di antara penduduk miskin. Di kab/kota kecil galat "
            "sampelnya (RSE) tinggi.",
            "Describes how expenditure is spread among the poor. The higher the value, the more "
            "unequal the expenditure among the poor. High sampling error (RSE) in small kab/kota.",
        ),
    ),
    _measure(
        "poverty_line",
        t("Garis kemiskinan (GK)", "Poverty line (GK)"),
        t("GK", "Poverty line"),
        "rupiah_per_capita_month",
        0,
        None,
        t(
            "GK = Garis Kemiskinan Makanan (GKM: nilai pengeluaran kebutuhan minimum makanan yang "
            "disetarakan 2.100 kkal per kapita per hari) + Garis Kemiskinan Non-Makanan (GKNM: "
            "kebutuhan minimum perumahan, sandang, pendidikan dan kesehatan); rupiah per kapita "
            "per bulan.",
            "GK = food poverty line (GKM: minimum food expenditure equivalent to 2,100 kcal per "
            "capita per day) + non-food poverty line (GKNM: minimum housing, clothing, education "
            "and health needs); rupiah per capita per month.",
        ),
    ),
    _measure(
        "extreme_poverty",
        t("Persentase penduduk miskin ekstrem", "Extreme poverty rate"),
        t("Miskin ekstrem", "Extreme poverty"),
        "percent",
        2,
        True,
        t(
            "Persentase penduduk dengan pengeluaran per kapita di bawah garis kemiskinan ekstrem "
            "US$1,9 PPP (2011) per hari; pada Maret 2023 setara Rp351.957 per kapita per bulan "
            "(detik finance, mengutip BPS).",
            "Share of the population with per-capita expenditure below the extreme-poverty line "
            "of US$1.9 PPP (2011) a day; in March 2023 this was Rp 351,957 per capita per month "
            "(detik finance, quoting BPS).",
        ),
        method_notes=[
            _note(
                None,
                "Garis yang dipakai dalam referensi: US$1,9 PPP (2011) per hari (Rp351.957/kapita/"
                "bulan, Maret 2023; sumber detik_d7028009). Tidak ada dataset kab/kota; angka di sini "
                "berasal dari berita yang mengutip BPS.",
                "Line used in the references: US$1.9 PPP (2011) a day (Rp 351,957/capita/month, "
                "March 2023; source detik_d7028009). No kab/kota dataset exists; the values here "
                "come from news quoting BPS.",
            )
        ],
    ),
    _measure(
        "unemployment",
        t("Tingkat Pengangguran Terbuka (TPT)", "Open unemployment rate"),
        t("TPT", "Unemployment"),
        "percent",
        2,
        True,
        t(
            "Persentase penganggur terhadap angkatan kerja, hasil Survei Angkatan Kerja Nasional "
            "(Sakernas) Agustus.",
            "Unemployed people as a share of the labour force, from the National Labour Force "
            "Survey (Sakernas) of August.",
        ),
    ),
    _measure(
        "hdi",
        t("Indeks Pembangunan Manusia (IPM)", "Human Development Index (HDI)"),
        t("IPM", "HDI"),
        "index",
        2,
        False,
        t(
            "Indeks komposit dari umur panjang dan hidup sehat (umur harapan hidup saat lahir, "
            "UHH), pengetahuan (harapan lama sekolah dan rata-rata lama sekolah) dan standar hidup "
            "layak (pengeluaran per kapita disesuaikan).",
            "Composite index of a long and healthy life (life expectancy at birth, UHH), "
            "knowledge (expected and mean years of schooling) and a decent standard of living "
            "(adjusted per-capita expenditure).",
        ),
        method_notes=[
            _note(
                2021,
                "Mulai 2021 BPS menghitung UHH dari Long Form SP2020; nilai sebelum dan sesudahnya "
                "tidak sebanding (seri provinsi 2021–2025 ditandai di catatan). Contoh Kota "
                "Tangerang: 78,50 (2021, metode lama) vs 82,41 (2025, metode baru).",
                "From 2021 BPS computes UHH from the SP2020 Long Form; values before and after are "
                "not comparable (the 2021–2025 province series is flagged in the notes). Example "
                "Kota Tangerang: 78.50 (2021, old method) vs 82.41 (2025, new method).",
            )
        ],
    ),
    _measure(
        "unemployed_count",
        t("Jumlah penganggur terbuka", "Number of unemployed"),
        t("Penganggur", "Unemployed"),
        "people",
        0,
        True,
        t(
            "Jumlah penganggur terbuka (orang), Sakernas Agustus.",
            "Number of openly unemployed people, Sakernas August.",
        ),
    ),
]


def _program_measure(
    mid, program, name, short, unit, definition, *, unit_label=None, cumulative=False
):
    return _measure(
        mid,
        name,
        short,
        unit,
        0,
        None,
        definition,
        unit_label=unit_label,
        program=program,
        cumulative=cumulative,
    )


HOUSES = t("rumah", "houses")
SCHOOLS = t("sekolah", "schools")

PROGRAM_MEASURES = [
    _program_measure(
        "rtlh_units",
        "rtlh",
        t("RTLH direhabilitasi", "Houses renovated (RTLH)"),
        t("RTLH direhabilitasi", "Houses renovated"),
        "count",
        t(
            "Jumlah rumah tidak layak huni (RTLH) yang direhabilitasi dalam tahun tersebut.",
            "Number of unfit houses (RTLH) renovated in the year.",
        ),
        unit_label=HOUSES,
    ),
    _program_measure(
        "rtlh_units_cumulative",
        "rtlh",
        t("RTLH direhabilitasi, kumulatif sejak 2014", "Houses renovated since 2014 (cumulative)"),
        t("RTLH kumulatif", "Cumulative houses"),
        "count",
        t(
            "Jumlah kumulatif RTLH yang direhabilitasi sejak 2014, sebagaimana dilaporkan "
            "(bukan hasil penjumlahan).",
            "Running total of RTLH renovated since 2014, as reported (not summed here).",
        ),
        unit_label=HOUSES,
        cumulative=True,
    ),
    _program_measure(
        "rtlh_backlog",
        "rtlh",
        t("RTLH tercatat", "Recorded unfit houses"),
        t("RTLH tercatat", "Recorded RTLH"),
        "count",
        t(
            "Jumlah rumah tidak layak huni yang tercatat (konteks kebutuhan, bukan keluaran "
            "program).",
            "Number of unfit houses on record (context for the need, not a programme output).",
        ),
        unit_label=HOUSES,
    ),
    _program_measure(
        "school_free_count",
        "sekolah_gratis",
        t("Sekolah swasta gratis", "Free private schools"),
        t("Sekolah gratis", "Free schools"),
        "count",
        t(
            "Jumlah sekolah swasta (SD/MI dan SMP/MTs) yang ikut program sekolah gratis.",
            "Number of private schools (primary and junior secondary) in the free-schooling "
            "programme.",
        ),
        unit_label=SCHOOLS,
    ),
    _program_measure(
        "school_free_sd",
        "sekolah_gratis",
        t("Sekolah swasta gratis: SD/MI", "Free private schools: primary (SD/MI)"),
        t("SD/MI gratis", "Free primary"),
        "count",
        t(
            "Jumlah SD/MI swasta dalam program sekolah gratis.",
            "Number of private primary schools (SD/MI) in the programme.",
        ),
        unit_label=SCHOOLS,
    ),
    _program_measure(
        "school_free_smp",
        "sekolah_gratis",
        t("Sekolah swasta gratis: SMP/MTs", "Free private schools: junior secondary (SMP/MTs)"),
        t("SMP/MTs gratis", "Free junior secondary"),
        "count",
        t(
            "Jumlah SMP/MTs swasta dalam program sekolah gratis.",
            "Number of private junior secondary schools (SMP/MTs) in the programme.",
        ),
        unit_label=SCHOOLS,
    ),
    _program_measure(
        "jobfair_hires",
        "job_fair",
        t("Pencari kerja terserap lewat job fair", "Job-fair hires"),
        t("Terserap", "Hires"),
        "people",
        t(
            "Jumlah pencari kerja yang diterima bekerja melalui job fair Disnaker dalam tahun "
            "tersebut.",
            "Number of job-seekers hired through the Disnaker job fair in the year.",
        ),
    ),
    _program_measure(
        "jobfair_hires_resident",
        "job_fair",
        t("Terserap job fair: warga Kota Tangerang", "Job-fair hires: residents"),
        t("Terserap (warga)", "Hires (residents)"),
        "people",
        t(
            "Bagian dari pencari kerja terserap yang merupakan warga Kota Tangerang.",
            "Hires who are residents of Kota Tangerang.",
        ),
    ),
    _program_measure(
        "jobfair_hires_nonresident",
        "job_fair",
        t("Terserap job fair: luar daerah", "Job-fair hires: non-residents"),
        t("Terserap (luar daerah)", "Hires (non-residents)"),
        "people",
        t(
            "Bagian dari pencari kerja terserap yang berasal dari luar Kota Tangerang.",
            "Hires who come from outside Kota Tangerang.",
        ),
    ),
    _program_measure(
        "jobfair_hires_cumulative",
        "job_fair",
        t("Terserap virtual job fair, kumulatif", "Virtual job-fair hires (cumulative)"),
        t("Terserap kumulatif", "Cumulative hires"),
        "people",
        t(
            "Jumlah kumulatif pencari kerja terserap sejak awal virtual job fair (2020), "
            "sebagaimana dilaporkan.",
            "Running total of hires since the virtual job fair began (2020), as reported.",
        ),
        cumulative=True,
    ),
    _program_measure(
        "jobfair_vacancies",
        "job_fair",
        t("Lowongan job fair", "Job-fair vacancies"),
        t("Lowongan", "Vacancies"),
        "count",
        t(
            "Jumlah lowongan kerja yang ditawarkan dalam job fair.",
            "Number of vacancies offered at the job fair.",
        ),
        unit_label=t("lowongan", "vacancies"),
    ),
    _program_measure(
        "jobfair_companies",
        "job_fair",
        t("Perusahaan peserta job fair", "Job-fair companies"),
        t("Perusahaan", "Companies"),
        "count",
        t("Jumlah perusahaan yang ikut job fair.", "Number of companies taking part."),
        unit_label=t("perusahaan", "companies"),
    ),
    _program_measure(
        "sipraja_vehicles",
        "si_praja",
        t("Mobil pelatihan Si Praja", "Si Praja training vehicles"),
        t("Mobil Si Praja", "Vehicles"),
        "count",
        t(
            "Jumlah mobil pelatihan kerja keliling (Mobile Training Unit) Si Praja.",
            "Number of Si Praja mobile training units (vehicles).",
        ),
        unit_label=t("unit mobil", "vehicles"),
    ),
    _program_measure(
        "sipraja_trainees_cumulative",
        "si_praja",
        t("Peserta pelatihan Si Praja, kumulatif", "Si Praja trainees (cumulative)"),
        t("Peserta Si Praja", "Trainees"),
        "people",
        t(
            "Jumlah kumulatif peserta pelatihan Si Praja sejak peluncuran (Feb 2023), "
            "sebagaimana dilaporkan.",
            "Running total of Si Praja trainees since the launch (Feb 2023), as reported.",
        ),
        cumulative=True,
    ),
    _program_measure(
        "job_training_trainees",
        "si_praja",
        t("Peserta pelatihan kerja Disnaker", "Disnaker job-training trainees"),
        t("Peserta pelatihan", "Trainees"),
        "people",
        t(
            "Jumlah peserta pelatihan kerja Disnaker dalam tahun tersebut, sebelum ada Si Praja "
            "(pembanding).",
            "Number of Disnaker job-training trainees in the year, before Si Praja existed "
            "(baseline).",
        ),
    ),
]

# Measures of the second pass (SOURCES.md §13–20), defined with their loaders further below.
MEASURES = POVERTY_MEASURES + PROGRAM_MEASURES  # extended by the second-pass block
MEASURE_BY_ID = {m["id"]: m for m in MEASURES}

# --------------------------------------------------------------------------- programmes

STRATEGIES = [
    {
        "id": "reduce_spending",
        "name": t("Mengurangi beban pengeluaran", "Reduce the spending burden"),
    },
    {"id": "raise_income", "name": t("Meningkatkan pendapatan", "Raise income")},
    {
        "id": "reduce_pockets",
        "name": t("Mengurangi kantong-kantong kemiskinan", "Reduce poverty pockets"),
    },
]


def _rule(rule_id, value, unit, valid_from, valid_to, source, note, evidence):
    """A dated programme rule; ``evidence`` must occur verbatim in the reference text."""
    return {
        "id": rule_id,
        "value": value,
        "unit": unit,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "source": source,
        "note": note,
        "_evidence": evidence,
    }


TANGERANG = "3671"
DISNAKER = t("Dinas Ketenagakerjaan (Disnaker)", "Manpower Agency (Disnaker)")

PROGRAMS = [
    {
        "id": "rtlh",
        "name": t("Bedah Rumah (rehabilitasi RTLH)", "Home renovation (RTLH)"),
        "agency": t(
            "Dinas Perumahan, Kawasan Permukiman dan Pertanahan (Disperkimtan)",
            "Housing, Settlement and Land Agency (Disperkimtan)",
        ),
        "agency_short": "Disperkimtan",
        "strategy": "reduce_pockets",
        "region": TANGERANG,
        "description": t(
            "Rehabilitasi rumah tidak layak huni (RTLH) oleh Pemerintah Kota Tangerang melalui "
            "Disperkimtan, berjalan sejak 2014. Digolongkan ke strategi pengurangan kantong "
            "kemiskinan (perbaikan kondisi tempat tinggal); bantuan perumahan juga mengurangi "
            "beban pengeluaran rumah tangga.",
            "Renovation of unfit houses (RTLH) by the Kota Tangerang government through "
            "Disperkimtan, running since 2014. Classed under reducing poverty pockets (better "
            "living conditions); housing aid also reduces household spending.",
        ),
        "measures": ["rtlh_units", "rtlh_units_cumulative", "rtlh_backlog"],
        "rules": [
            _rule(
                "grant_per_unit",
                20000000,
                "rupiah",
                None,
                2024,
                "katafoto_20251215",
                t(
                    "Bantuan per unit sebelum 2025: Rp20 juta.",
                    "Aid per house before 2025: Rp 20 million.",
                ),
                "Rp30 juta/unit (sebelumnya Rp20 juta)",
            ),
            _rule(
                "grant_per_unit",
                30000000,
                "rupiah",
                2025,
                None,
                "katafoto_20251215",
                t(
                    "Bantuan per unit dinaikkan menjadi Rp30 juta pada 2025.",
                    "Aid per house raised to Rp 30 million in 2025.",
                ),
                "Rp30 juta/unit (sebelumnya Rp20 juta)",
            ),
        ],
    },
    {
        "id": "sekolah_gratis",
        "name": t("Sekolah swasta gratis", "Free private schooling"),
        "agency": t("Dinas Pendidikan", "Education Agency (Dinas Pendidikan)"),
        "agency_short": "Dinas Pendidikan",
        "strategy": "reduce_spending",
        "region": TANGERANG,
        "description": t(
            "Sejak TA 2023/2024 sekolah swasta SD/MI dan SMP/MTs yang ikut program dibebaskan "
            "dari biaya (pendaftaran, SPP, ujian, buku, dll.). Pendahulunya (2021–2022): bantuan "
            "uang pangkal Rp1 juta per siswa dari APBD.",
            "Since school year 2023/24, participating private primary and junior secondary "
            "schools charge no fees (registration, tuition, exams, books, etc.). Predecessor "
            "scheme (2021–2022): Rp 1 million enrolment fee (uang pangkal) per pupil from the "
            "city budget.",
        ),
        "measures": ["school_free_count", "school_free_sd", "school_free_smp"],
        "rules": [
            _rule(
                "uang_pangkal_per_pupil",
                1000000,
                "rupiah",
                2021,
                2022,
                "tangselife_20230606",
                t(
                    "Skema pendahulu: bantuan uang pangkal Rp1 juta per siswa (APBD).",
                    "Predecessor scheme: Rp 1 million enrolment fee per pupil (city budget).",
                ),
                "Rp 1 million uang pangkal per pupil (APBD)",
            ),
        ],
    },
    {
        "id": "job_fair",
        "name": t("Job fair (virtual dan tatap muka)", "Job fair (virtual and in person)"),
        "agency": DISNAKER,
        "agency_short": "Disnaker",
        "strategy": "raise_income",
        "region": TANGERANG,
        "description": t(
            "Job fair Disnaker Kota Tangerang: virtual job fair bulanan sejak 2020 serta job fair "
            "tatap muka/daring yang mempertemukan pencari kerja dengan perusahaan.",
            "Disnaker job fairs in Kota Tangerang: a monthly virtual job fair since 2020 plus "
            "in-person/online fairs matching job-seekers with companies.",
        ),
        "measures": [
            "jobfair_hires",
            "jobfair_hires_resident",
            "jobfair_hires_nonresident",
            "jobfair_hires_cumulative",
            "jobfair_vacancies",
            "jobfair_companies",
        ],
        "rules": [],
    },
    {
        "id": "si_praja",
        "name": t(
            "Si Praja (mobil pelatihan kerja keliling)", "Si Praja (mobile job-training unit)"
        ),
        "agency": DISNAKER,
        "agency_short": "Disnaker",
        "strategy": "raise_income",
        "region": TANGERANG,
        "description": t(
            "Mobile Training Unit Disnaker sejak Feb 2023: mobil pelatihan datang ke kelurahan "
            "atas permintaan warga dan memberi pelatihan kompetensi dan kewirausahaan.",
            "Disnaker's Mobile Training Unit since Feb 2023: training vehicles come to a "
            "kelurahan on request and run competency and entrepreneurship courses.",
        ),
        "measures": ["sipraja_vehicles", "sipraja_trainees_cumulative", "job_training_trainees"],
        "rules": [
            _rule(
                "min_participants_per_request",
                20,
                "people",
                2023,
                None,
                "antara_banten_238941",
                t("Minimal 20 peserta per pengajuan.", "At least 20 participants per request."),
                "min. 20 peserta per pengajuan",
            ),
            _rule(
                "days_per_session",
                3,
                "days",
                2023,
                None,
                "antara_banten_238941",
                t("3 hari per pelaksanaan.", "3 days per session."),
                "3 hari per pelaksanaan",
            ),
            _rule(
                "competency_courses",
                20,
                "count",
                2023,
                None,
                "antara_banten_238941",
                t("20 jenis kegiatan pelatihan kompetensi.", "20 competency courses."),
                "20 kegiatan kompetensi",
            ),
            _rule(
                "entrepreneurship_courses",
                20,
                "count",
                2023,
                None,
                "antara_banten_238941",
                t("20 jenis kegiatan pelatihan kewirausahaan.", "20 entrepreneurship courses."),
                "20 kewirausahaan",
            ),
        ],
    },
]

# --------------------------------------------------------------------------- panel (file 11)

PANEL_VALUE_COLUMNS = {
    "p0_persen": "p0",
    "jumlah_miskin_ribu": "poor_count",
    "garis_kemiskinan_rp": "poverty_line",
    "p1": "p1",
    "p2": "p2",
}
PANEL_TAG_KEYS = {"p0": "p0", "jumlah": "poor_count", "gk": "poverty_line", "p1": "p1", "p2": "p2"}
# (measure, sumber tag) -> source id
PANEL_SOURCE_TAGS = {
    ("p0", "bps_tabel_621_619(visdati)"): "bps_kabkota_p0_count",
    ("poor_count", "bps_tabel_621_619(visdati)"): "bps_kabkota_p0_count",
    ("poverty_line", "bps_tabel_gk(ferliyana)"): "bps_kabkota_gk",
    ("p1", "bps2025_file1"): "bps_kabkota_2025",
    ("p2", "bps2025_file1"): "bps_kabkota_2025",
    ("p1", "od_aceh"): "od_aceh_p1p2",
    ("p2", "od_aceh"): "od_aceh_p1p2",
    ("p1", "od_jabar"): "od_jabar_p1",
    ("p2", "od_jabar"): "od_jabar_p2",
    ("p1", "bantenprov"): "bantenprov_ik",
    ("p2", "bantenprov"): "bantenprov_ik",
}
# catatan prefix -> measures it concerns (catatan not listed here concern every measure)
PANEL_NOTE_SCOPE = {
    "lonjakan jumlah": ("poor_count",),
    "P1=0.04/P2=0.00": ("p1", "p2"),
}
KABKOTA_HDI_NOTE = "metode baru (UHH dari Long Form SP2020)"

# --------------------------------------------------------------------------- file 2 (2021)

# kab/kota whose TPT 0.0 means "no data" (SOURCES.md file 2)
KAGGLE_TPT_NO_DATA = ("9429", "9430")  # Nduga, Lanny Jaya

# --------------------------------------------------------------------------- file 4 / file 5

# Values of file 4 left out although not blanked by the reference: (code, column, year, periode).
# The national rows of file 4 are all replaced by file 19 (second pass), which also fixes its
# March 2017 P0 (10.12 there is the September value; March is 10.64).
PROV_POVERTY_EXCLUDED: dict[tuple[str, str, str, str], str] = {}
PROV_INDICATOR_MEASURES = {"tpt_aug_pct": ("unemployment", "august"), "hdi": ("hdi", "annual")}
TERRITORY_BEFORE = "wilayah sebelum pemekaran Papua 2022 (skema 34 provinsi)"
TERRITORY_AFTER = "wilayah sesudah pemekaran Papua 2022 (tanpa 92/95/96/97)"

# --------------------------------------------------------------------------- Kota Tangerang

# kota_tangerang_fakta.csv: (indikator, tahun or "*", nilai or "*") -> (measure, period, note)
# note None = keep the row's keterangan as the note. Rows mapped to VERIFY are compared with
# data that the panel / file 2 already hold and are not written again.
VERIFY = "verify"
TANGERANG_CSV_MAP = {
    ("p0_persen", "*", "*"): (VERIFY, "p0", None),
    ("jumlah_miskin_jiwa", "*", "*"): (VERIFY, "poor_count", None),
    ("tpt_persen", "2021", "*"): (VERIFY, "unemployment", None),
    ("kemiskinan_ekstrem_persen", "*", "*"): ("extreme_poverty", "march", None),
    ("ipm", "*", "*"): (
        "hdi",
        "annual",
        "metode lama (sebelum UHH LF SP2020); tidak sebanding dengan 2025",
    ),
    # TPT 2020, 2022, 2023 equal the BPS kab/kota table (file 15), which holds them now.
    ("tpt_persen", "*", "*"): (VERIFY, "unemployment", None),
    ("rtlh_unit_direhabilitasi", "*", "*"): ("rtlh_units", "annual", None),
    ("rtlh_kumulatif_sejak_2014", "2024", "*"): ("rtlh_units_cumulative", "annual", None),
    ("rtlh_kumulatif_sejak_2014", "2025", "*"): (
        "rtlh_units_cumulative",
        "annual",
        "BERTENTANGAN: kumulatif 2014-2025; tidak cocok dengan 8.656 (2014-2024) + 1.000 (2025) = 9.656: "
        "selisih 1.000 antarsumber",
    ),
    ("sekolah_swasta_gratis", "2023", "146"): ("school_free_count", "annual", None),
    ("sekolah_swasta_gratis", "2023", "143"): ("school_free_count", "may", None),
    ("sekolah_swasta_gratis", "2025", "138"): ("school_free_count", "june", None),
    ("virtual_job_fair_terserap", "2020", "*"): (
        "jobfair_hires",
        "annual",
        "virtual job fair; 11,68% pencaker; 825 dalam kota, 265 luar kota",
    ),
    ("virtual_job_fair_terserap", "2021", "*"): (
        "jobfair_hires",
        "annual",
        "tahun parsial: Jan-Sep 2021 (s.d. September); virtual job "
        "fair; 25,61% pencaker; 3.709 dalam kota, 327 luar kota",
    ),
    ("virtual_job_fair_terserap_kumulatif", "2022", "*"): (
        "jobfair_hires_cumulative",
        "may",
        "sekitar 7 ribu sejak awal virtual job fair (2020) s.d. 31 Mei 2022",
    ),
    ("job_fair_terserap", "2025", "*"): (
        "jobfair_hires",
        "annual",
        "job fair daring + luring; 1.447 warga Kota Tangerang + 587 luar daerah",
    ),
    ("si_praja_peserta_kumulatif", "2023", "*"): (
        "sipraja_trainees_cumulative",
        "august",
        "Feb-7 Agu 2023: 136 barista (7 kelurahan) + 130 content creator",
    ),
    ("si_praja_unit_mobil", "2023", "*"): ("sipraja_vehicles", "annual", None),
}

# Values typed in from facts.md or from the keterangan text of kota_tangerang_fakta.csv.
# Each needs an `evidence` string found verbatim in that reference text.
# (region, measure, year, period, value, source, note, evidence)
EXTRA_FACTS = [
    # unemployed counts (keterangan of the TPT rows)
    (
        TANGERANG,
        "unemployed_count",
        2020,
        "august",
        "97344",
        "republika_20211111",
        "Sakernas Agustus 2020",
        "Sakernas Agustus; 97.344 orang",
    ),
    (
        TANGERANG,
        "unemployed_count",
        2021,
        "august",
        "103537",
        "republika_20211111",
        "Sakernas Agustus 2021",
        "Sakernas Agustus; 103.537 orang",
    ),
    (
        TANGERANG,
        "unemployed_count",
        2022,
        "august",
        "85324",
        "tribun_tangerang_20230820",
        "Sakernas Agustus 2022; dikutip bersama TPT 7,16% (TangerangPos 5 Jan 2023)",
        "85.324 orang (Tribun 20 Agu 2023)",
    ),
    # free schooling breakdowns
    (
        TANGERANG,
        "school_free_sd",
        2023,
        "annual",
        "73",
        "tangselife_20230606",
        "TA 2023/2024: SD/MI swasta",
        "73 SD/MI swasta",
    ),
    (
        TANGERANG,
        "school_free_smp",
        2023,
        "annual",
        "73",
        "tangselife_20230606",
        "TA 2023/2024: SMP/MTs swasta",
        "73 SMP/MTs swasta",
    ),
    (
        TANGERANG,
        "school_free_sd",
        2025,
        "june",
        "65",
        "tvrijakartanews_21744",
        "Wali Kota Sachrudin 5 Jun 2025: SD swasta",
        "65 SD swasta",
    ),
    (
        TANGERANG,
        "school_free_smp",
        2025,
        "june",
        "73",
        "tvrijakartanews_21744",
        "Wali Kota Sachrudin 5 Jun 2025: SMP swasta",
        "73 SMP swasta",
    ),
    # job fair breakdowns and size
    (
        TANGERANG,
        "jobfair_hires_resident",
        2020,
        "annual",
        "825",
        "republika_20211111",
        "virtual job fair; dalam kota",
        "825 dalam kota",
    ),
    (
        TANGERANG,
        "jobfair_hires_nonresident",
        2020,
        "annual",
        "265",
        "republika_20211111",
        "virtual job fair; luar kota",
        "265 luar kota",
    ),
    (
        TANGERANG,
        "jobfair_hires_resident",
        2021,
        "annual",
        "3709",
        "republika_20211111",
        "tahun parsial: Jan-Sep 2021; virtual job fair; dalam kota",
        "3.709 dalam kota",
    ),
    (
        TANGERANG,
        "jobfair_hires_nonresident",
        2021,
        "annual",
        "327",
        "republika_20211111",
        "tahun parsial: Jan-Sep 2021; virtual job fair; luar kota",
        "327 luar kota",
    ),
    (
        TANGERANG,
        "jobfair_hires_resident",
        2025,
        "annual",
        "1447",
        "wartatangerang_jobfair_2025",
        "job fair daring + luring; warga Kota Tangerang",
        "1.447 warga Kota Tangerang",
    ),
    (
        TANGERANG,
        "jobfair_hires_nonresident",
        2025,
        "annual",
        "587",
        "wartatangerang_jobfair_2025",
        "job fair daring + luring; luar daerah",
        "587 luar daerah",
    ),
    (
        TANGERANG,
        "jobfair_vacancies",
        2025,
        "annual",
        "24705",
        "wartatangerang_jobfair_2025",
        "job fair daring + luring 2025",
        "24.705 lowongan",
    ),
    (
        TANGERANG,
        "jobfair_companies",
        2025,
        "annual",
        "330",
        "wartatangerang_jobfair_2025",
        "job fair daring + luring 2025",
        "330 perusahaan",
    ),
    (
        TANGERANG,
        "jobfair_vacancies",
        2016,
        "may",
        "4000",
        "tangerangkota_6913",
        "sekitar 4.000 lowongan; job fair tatap muka Mei 2016",
        "about 4,000 vacancies, 43 firms (May 2016)",
    ),
    (
        TANGERANG,
        "jobfair_companies",
        2016,
        "may",
        "43",
        "tangerangkota_6913",
        "job fair tatap muka Mei 2016",
        "about 4,000 vacancies, 43 firms (May 2016)",
    ),
    (
        TANGERANG,
        "jobfair_vacancies",
        2020,
        "february",
        "3383",
        "satelitnews_1514",
        "job fair tatap muka HUT ke-27 Kota Tangerang, Feb 2020",
        "3,383 vacancies, 56 firms (Feb 2020, HUT ke-27)",
    ),
    (
        TANGERANG,
        "jobfair_companies",
        2020,
        "february",
        "56",
        "satelitnews_1514",
        "job fair tatap muka HUT ke-27 Kota Tangerang, Feb 2020",
        "3,383 vacancies, 56 firms (Feb 2020, HUT ke-27)",
    ),
    # housing backlog, training
    (
        TANGERANG,
        "rtlh_backlog",
        2015,
        "annual",
        "1732",
        "republika_o0rrb0335",
        "RTLH tercatat (kajian 2015); daftar lain: 2.600 (BKM) dan sekitar 4.000 (PPLS)",
        "1,732 recorded RTLH (2015 study); other lists give 2,600 (BKM) and about 4,000 (PPLS)",
    ),
    (
        TANGERANG,
        "job_training_trainees",
        2021,
        "annual",
        "420",
        "tangerangnews_36976",
        "s.d. 28 Sep 2021 (tahun parsial); angkatan @30 orang",
        "420 trained (cohorts of 30)",
    ),
    # extreme poverty, wider context (facts.md section C)
    (
        "36",
        "extreme_poverty",
        2022,
        "march",
        "1.18",
        "lenteranews_20230119",
        "BPS Provinsi Banten (Susenas); turun 0,32 poin dari 2021",
        "1.18 % (−0.32 pts from 2021)",
    ),
    (
        NATION_CODE,
        "extreme_poverty",
        2023,
        "march",
        "1.12",
        "detik_d7028009",
        "garis US$1,9 PPP = Rp351.957/kapita/bulan (Maret 2023); juga Harian Jogja 19 Nov 2023",
        "1.12 % (line US$1.9 PPP = Rp 351,957/cap/month in Mar 2023)",
    ),
    (
        "94",
        "extreme_poverty",
        2023,
        "march",
        "7.67",
        "detik_d7028009",
        "Maret 2023; wilayah Papua sebelum pemekaran 2022 (data kemiskinan BPS 2023 masih 34 "
        "provinsi)",
        "| Papua / Papua Barat | Mar 2023 | 7.67 % / 6.43 %",
    ),
    (
        "91",
        "extreme_poverty",
        2023,
        "march",
        "6.43",
        "detik_d7028009",
        "Maret 2023; wilayah Papua Barat sebelum pemekaran 2022 (data kemiskinan BPS 2023 masih 34 "
        "provinsi)",
        "| Papua / Papua Barat | Mar 2023 | 7.67 % / 6.43 %",
    ),
]
# facts.md section C, "18 provinces below 1 %" (March 2023): abbreviation -> BPS code
EXTREME_POVERTY_18_PROVINCES = {
    "Kalbar": "61",
    "Jatim": "35",
    "Jambi": "15",
    "Jabar": "32",
    "Sumut": "12",
    "Sulut": "71",
    "Sulbar": "76",
    "Riau": "14",
    "Malut": "82",
    "DKI": "31",
    "Kalsel": "63",
    "Sumbar": "13",
    "Kepri": "21",
    "Kalteng": "62",
    "Kaltara": "65",
    "Babel": "19",
    "Bali": "51",
    "Kaltim": "64",
}
EXTREME_POVERTY_18_NOTE = (
    "Maret 2023; daftar 18 provinsi dengan kemiskinan ekstrem di bawah "
    "1% (juga Harian Jogja 19 Nov 2023)"
)

# Programme targets typed in from facts (region, measure, year, period, value, source, note,
# evidence or None). Poverty targets come from target_kemiskinan.csv (build_official_targets).
PROGRAM_TARGET_BASIS = "Target program Pemkot Tangerang (Disperkimtan)"
TARGETS = [
    (
        TANGERANG,
        "rtlh_units",
        2025,
        "annual",
        "1000",
        "katafoto_20251215",
        "target 1.000 unit; tercapai 100%",
        "target 1.000 tercapai 100%",
    ),
    (
        TANGERANG,
        "rtlh_units",
        2026,
        "annual",
        "1000",
        "tangerangkota_60555",
        "target 2026: 1.000 unit; 1.571 usulan per Jan 2026",
        "2026 target 1,000 units",
    ),
]

# Official poverty targets (SOURCES.md §21). BPS kab/kota poverty is measured in March, so a
# target for year t is read against March of t, except where the target's own source compares
# it with another period (Banten's RPJMD 2016: "realisasi 5,36 = BPS September 2016").
TARGET_PERIOD = "march"
TARGET_PERIOD_EXCEPTIONS = {("36", "p0", "2016"): ("september", "BPS September 2016")}
# A plan period written in the legal basis ("RPJMN 2025-2029", "RPJMD ... 2012-2017").
PLAN_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)-((?:19|20)\d\d)(?!\d)")
# SOURCES.md §21: the province ranges were read from a text conversion of the RPJMN PDF and their
# assignment to provinces inferred from the table layout: flagged until checked against the Perpres.
VERIFY_BASIS_PREFIX = "Perpres 12/2025"
TARGET_REFERENCE_ROWS = 62  # SOURCES.md §21


# =========================================================================== second pass
# SOURCES.md §12–20 (added 2026-11-29, issue #16): new measures, sources and loaders. Kept in one
# block so that other changes to this script (targets, #15) merge cleanly.

F_LONG_HISTORY = "kabkota_kemiskinan_2004_2014.csv"  # file 12
F_KABKOTA_P1P2 = "kabkota_p1_p2_2015_2024.csv"  # file 13
F_PROV_P1P2_OLD = "provinsi_p1_p2_2015_2023.csv"  # file 14
F_LABOUR = "kabkota_tpt_tpak_2015_2025.csv"  # file 15
F_KABKOTA_HDI = "kabkota_ipm_2015_2024.csv"  # file 16
F_EXTREME_NEWS = "kabkota_kemiskinan_ekstrem_berita.csv"  # file 17
F_PROGRAM_EXTRA = "kota_tangerang_program_tambahan.csv"  # file 18
F_NATIONAL = "nasional_kemiskinan_2015_2025.csv"  # file 19
F_PROV_P1P2_NEW = "provinsi_p1_p2_2024_2025.csv"  # file 20

# A note starting with this word says that another source gives a different figure for the same
# thing; the Program page turns such rows into a sentence (analytics.programs.disagreements).
DISAGREEMENT = "BERTENTANGAN"
# A note starting with this marks a break in the long kab/kota series (file 12): the territory or
# the survey changed, so the line is cut there (analytics.indicators.comparability_segments).
COMPARABILITY_BREAK = "jeda keterbandingan"
HDI_CURRENT_NOTE = "metode UHH LF SP2020 (metode sekarang)"

LONG_SERIES_BREAK_NOTE = _note(
    2008,
    "Metode dan sampel Susenas berubah antara 2007 dan 2008: banyak kota melonjak (mis. Kota "
    "Tasikmalaya 9,30→26,08). Nilai 2004–2007 tidak sebanding dengan 2008 dan sesudahnya.",
    "Susenas method and sampling changed between 2007 and 2008: many cities jump (e.g. Kota "
    "Tasikmalaya 9.30→26.08). Values of 2004–2007 are not comparable with 2008 onwards.",
)

SECOND_PASS_POVERTY_MEASURES = [
    _measure(
        "p0_urban",
        t("Persentase penduduk miskin perkotaan", "Urban poverty rate"),
        t("P0 perkotaan", "Urban P0"),
        "percent",
        2,
        True,
        t(
            "P0 penduduk di daerah perkotaan (klasifikasi desa/kelurahan BPS), Susenas Maret dan "
            "September; nasional.",
            "P0 of the population living in urban areas (BPS village classification), Susenas "
            "March and September; national.",
        ),
    ),
    _measure(
        "p0_rural",
        t("Persentase penduduk miskin perdesaan", "Rural poverty rate"),
        t("P0 perdesaan", "Rural P0"),
        "percent",
        2,
        True,
        t(
            "P0 penduduk di daerah perdesaan, Susenas Maret dan September; nasional.",
            "P0 of the population living in rural areas, Susenas March and September; national.",
        ),
    ),
    _measure(
        "gini",
        t("Rasio Gini", "Gini ratio"),
        t("Gini", "Gini"),
        "index",
        3,
        True,
        t(
            "Ukuran ketimpangan pengeluaran penduduk, 0 (merata sempurna) sampai 1 (timpang "
            "sempurna), Susenas Maret dan September; nasional.",
            "Inequality of household expenditure, from 0 (perfect equality) to 1 (perfect "
            "inequality), Susenas March and September; national.",
        ),
    ),
    _measure(
        "labour_participation",
        t("Tingkat Partisipasi Angkatan Kerja (TPAK)", "Labour-force participation rate"),
        t("TPAK", "Participation"),
        "percent",
        2,
        False,
        t(
            "Persentase angkatan kerja (bekerja atau menganggur) terhadap penduduk usia kerja "
            "(15 tahun ke atas), Sakernas Agustus.",
            "Labour force (employed or unemployed) as a share of the working-age population "
            "(15 and over), Sakernas August.",
        ),
    ),
    _measure(
        "hdi_old_series",
        t(
            "IPM seri lama (sebelum UHH LF SP2020)",
            "HDI, earlier series (before UHH from the SP2020 Long Form)",
        ),
        t("IPM seri lama", "HDI (earlier series)"),
        "index",
        2,
        False,
        t(
            "IPM sebagaimana BPS menerbitkannya sebelum 2024 (\"metode baru\" 2010, umur harapan "
            "hidup dari proyeksi). Ukuran tersendiri: untuk tahun yang sama berbeda sekitar 1 poin "
            "dari IPM metode sekarang, jadi kedua seri tidak pernah digabung dalam satu garis.",
            "HDI as BPS published it before 2024 (the 2010 \"new method\", life expectancy from "
            "projections). A measure of its own: for the same year it differs by about 1 point "
            "from the current-method HDI, so the two series are never joined in one line.",
        ),
    ),
    _measure(
        "p0_history",
        t("P0 kab/kota, seri panjang 2004–2014", "Kab/kota P0, long series 2004–2014"),
        t("P0 2004–2014", "P0 2004–2014"),
        "percent",
        2,
        True,
        t(
            "Persentase penduduk miskin kab/kota 2004–2014 dari tabel BPS yang sama (Susenas). "
            "Untuk tren panjang satu daerah; garis diputus di setiap tanda keterbandingan "
            "(wilayah sebelum pemekaran, perubahan metode 2007→2008) dan tidak disambung ke seri "
            "2015–2025.",
            "Kab/kota poverty rate 2004–2014 from the same BPS table (Susenas). For one region's "
            "long trend; the line is cut at every comparability flag (territory before a split, "
            "the 2007→2008 method change) and not joined to the 2015–2025 series.",
        ),
        method_notes=[LONG_SERIES_BREAK_NOTE],
    ),
]

PUPILS = t("siswa", "pupils")
SECOND_PASS_PROGRAM_MEASURES = [
    _program_measure(
        "pupils_free_total",
        "sekolah_gratis",
        t("Siswa sekolah swasta gratis (jumlah menurut berita)", "Pupils in free private schools (total as reported)"),
        t("Siswa (jumlah)", "Pupils (total)"),
        "people",
        t(
            "Jumlah siswa penerima program sekolah swasta gratis sebagaimana disebut sumber. "
            "Tidak sama dengan jumlah rincian SMP dan SD (lihat catatan).",
            "Number of pupils in the free private-schooling programme as the source states it. "
            "It is not the sum of the SMP and SD parts (see the note).",
        ),
        unit_label=PUPILS,
        cumulative=True,  # counts since the 2023 start as the city reports them, not a year's flow
    ),
    _program_measure(
        "pupils_free_smp",
        "sekolah_gratis",
        t("Siswa SMP/MTs swasta gratis", "Pupils in free private junior secondary schools"),
        t("Siswa SMP", "Pupils (SMP)"),
        "people",
        t(
            "Siswa tingkat menengah pertama penerima program, kumulatif sejak 2023.",
            "Junior secondary pupils in the programme, cumulative since 2023.",
        ),
        unit_label=PUPILS,
        cumulative=True,  # counts since the 2023 start as the city reports them, not a year's flow
    ),
    _program_measure(
        "pupils_free_sd",
        "sekolah_gratis",
        t("Siswa SD/MI swasta gratis", "Pupils in free private primary schools"),
        t("Siswa SD", "Pupils (SD)"),
        "people",
        t(
            "Siswa SD swasta dan MI swasta penerima program, sebagaimana dilaporkan kota.",
            "Private SD and MI pupils in the programme, as the city reports them.",
        ),
        unit_label=PUPILS,
        cumulative=True,  # counts since the 2023 start as the city reports them, not a year's flow
    ),
    _program_measure(
        "jobseekers_registered",
        "job_fair",
        t("Pencari kerja terdaftar (Disnaker)", "Registered job-seekers (Disnaker)"),
        t("Pencari kerja", "Job-seekers"),
        # a count of registrations (context), not people a programme reached: no intensity
        "count",
        t(
            "Jumlah pencari kerja terdaftar menurut Disnaker (konteks job fair, bukan keluaran).",
            "Job-seekers registered with Disnaker (context for the job fair, not an output).",
        ),
        unit_label=t("pencari kerja", "job-seekers"),
    ),
    _program_measure(
        "vocational_trainees_cumulative",
        "si_praja",
        t("Peserta pelatihan BLK, kumulatif", "Vocational-centre (BLK) trainees, cumulative"),
        t("Peserta BLK", "BLK trainees"),
        "people",
        t(
            "Jumlah kumulatif peserta pelatihan di Balai Latihan Kerja Disnaker, sebagaimana "
            "dilaporkan.",
            "Running total of trainees at Disnaker's vocational training centre, as reported.",
        ),
        cumulative=True,
    ),
    _program_measure(
        "entrepreneurship_trainees_cumulative",
        "si_praja",
        t("Peserta pelatihan kewirausahaan, kumulatif", "Entrepreneurship trainees, cumulative"),
        t("Peserta kewirausahaan", "Entrepreneurship trainees"),
        "people",
        t(
            "Jumlah kumulatif peserta pelatihan kewirausahaan Disnaker sejak 2017, sebagaimana "
            "dilaporkan.",
            "Running total of Disnaker entrepreneurship trainees since 2017, as reported.",
        ),
        cumulative=True,
    ),
]

# Catalog order: the poverty measures first (P0 leads), programme measures after.
MEASURES[:] = POVERTY_MEASURES + SECOND_PASS_POVERTY_MEASURES + PROGRAM_MEASURES + SECOND_PASS_PROGRAM_MEASURES
MEASURE_BY_ID.update({m["id"]: m for m in MEASURES})
for _program in PROGRAMS:
    _program["measures"] += [
        m["id"] for m in SECOND_PASS_PROGRAM_MEASURES if m["program"] == _program["id"]
    ]

# Known gaps: a period the reference has no value for, with the reason shown beside the chart.
# (region, year, period, measures, reason)
NATIONAL_SEPT_2023 = t(
    "BPS tidak menghitung September 2023 (tabel BPS menampilkan \"-\" untuk semester 2 2023).",
    "BPS did not compute September 2023 (the BPS tables show \"-\" for the second half of 2023).",
)
NATIONAL_P1P2_SEPT_2025 = t(
    "Tabel BPS P1/P2 September 2025 (rilis Februari 2026) belum tersedia bagi dasbor ini.",
    "The BPS P1/P2 table for September 2025 (released February 2026) is not yet available to "
    "this dashboard.",
)
KNOWN_GAPS = [
    (NATION_CODE, 2023, "september",
     ("p0", "poor_count", "poverty_line", "p1", "p2", "p0_urban", "p0_rural", "gini"),
     NATIONAL_SEPT_2023),
    (NATION_CODE, 2025, "september", ("p1", "p2"), NATIONAL_P1P2_SEPT_2025),
]


def _add_gaps(measures: list[dict]) -> None:
    """Write the known gaps into the measures they concern (catalog field `gaps`)."""
    for region, year, period, measure_ids, reason in KNOWN_GAPS:
        for measure_id in measure_ids:
            MEASURE_BY_ID[measure_id].setdefault("gaps", []).append(
                {"region": region, "year": year, "period": period, "id": reason["id"], "en": reason["en"]}
            )


_add_gaps(MEASURES)

# -- province urban/rural P1/P2 (file 20) and file 12's count and poverty-line columns (#16) ------
# Self-contained: the measures, their known gaps, the rows and the checks of these columns.

URBAN_RURAL_COLUMNS = {"p1_kota": "p1_urban", "p1_desa": "p1_rural", "p2_kota": "p2_urban", "p2_desa": "p2_rural"}
# file 12 column -> the long-series measure it loads (P0 itself is `p0_history`, above)
HISTORY_COLUMNS = {"jumlah_miskin_ribu": "poor_count_history", "garis_kemiskinan_rp": "poverty_line_history"}
HISTORY_SOURCES = {"poor_count_history": "bps_kabkota_p0_count", "poverty_line_history": "bps_kabkota_gk"}
DKI = "31"
NO_RURAL_DKI = t(
    "DKI Jakarta tidak punya daerah perdesaan (tabel BPS menulis \"-\").",
    "DKI Jakarta has no rural area (the BPS table shows \"-\").",
)


def _area_measure(mid, index, area_id, area_en, short_id, short_en):
    return _measure(
        mid,
        t(f"{index['name_id']} {area_id}", f"{area_en.capitalize()} {index['name_en']}"),
        t(f"{index['short']} {short_id}", f"{short_en} {index['short']}"),
        "index",
        2,
        True,
        t(
            f"{index['short']} penduduk di daerah {area_id} (klasifikasi desa/kelurahan BPS), Susenas Maret "
            "dan September; provinsi, Maret 2024–Maret 2025 (tabel BPS September 2025 belum tersedia).",
            f"{index['short']} of the population living in {area_en} areas (BPS village classification), "
            "Susenas March and September; provinces, March 2024–March 2025 (the BPS table for "
            "September 2025 is not yet available).",
        ),
    )


_P1 = {"name_id": "Indeks kedalaman kemiskinan (P1)", "name_en": "poverty gap index (P1)", "short": "P1"}
_P2 = {"name_id": "Indeks keparahan kemiskinan (P2)", "name_en": "poverty severity index (P2)", "short": "P2"}
URBAN_RURAL_MEASURES = [
    _area_measure("p1_urban", _P1, "perkotaan", "urban", "perkotaan", "Urban"),
    _area_measure("p1_rural", _P1, "perdesaan", "rural", "perdesaan", "Rural"),
    _area_measure("p2_urban", _P2, "perkotaan", "urban", "perkotaan", "Urban"),
    _area_measure("p2_rural", _P2, "perdesaan", "rural", "perdesaan", "Rural"),
]
HISTORY_MEASURES = [
    _measure(
        "poor_count_history",
        t("Jumlah penduduk miskin kab/kota, seri panjang 2004–2014",
          "Kab/kota number of poor people, long series 2004–2014"),
        t("Penduduk miskin 2004–2014", "Poor people 2004–2014"),
        "thousand_people",
        2,
        True,
        t(
            "Jumlah penduduk miskin kab/kota 2004–2014 (ribu jiwa) dari tabel BPS yang sama dengan P0 "
            "(Susenas). Untuk tren panjang satu daerah; garis diputus di setiap tanda keterbandingan "
            "(wilayah sebelum pemekaran, perubahan metode 2007→2008) dan tidak disambung ke seri "
            "2015–2025.",
            "Kab/kota number of poor people 2004–2014 (thousands) from the same BPS table as P0 "
            "(Susenas). For one region's long trend; the line is cut at every comparability flag "
            "(territory before a split, the 2007→2008 method change) and not joined to the 2015–2025 "
            "series.",
        ),
        method_notes=[LONG_SERIES_BREAK_NOTE],
    ),
    _measure(
        "poverty_line_history",
        t("Garis kemiskinan kab/kota, seri panjang 2011–2014", "Kab/kota poverty line, long series 2011–2014"),
        t("GK 2011–2014", "Poverty line 2011–2014"),
        "rupiah_per_capita_month",
        0,
        None,
        t(
            "Garis kemiskinan kab/kota (rupiah per kapita per bulan) 2011–2014 dari tabel GK BPS; tabel "
            "yang tersedia tidak memuat 2004–2010. Untuk tren panjang satu daerah; garis diputus di tanda "
            "wilayah sebelum pemekaran dan tidak disambung ke seri 2015–2025.",
            "Kab/kota poverty line (rupiah per capita per month) 2011–2014 from the BPS GK table; the "
            "table available has no 2004–2010. For one region's long trend; the line is cut at every "
            "flag of pre-split territory and not joined to the 2015–2025 series.",
        ),
    ),
]


def _insert_poverty_measures(new: list[dict]) -> None:
    """Put measures after the last poverty measure (catalog order: poverty first, programmes after)."""
    at = max(i for i, m in enumerate(MEASURES) if not m["program"]) + 1
    MEASURES[at:at] = new
    MEASURE_BY_ID.update({m["id"]: m for m in new})


_insert_poverty_measures(URBAN_RURAL_MEASURES + HISTORY_MEASURES)
for _year, _period in ((2024, "march"), (2024, "september"), (2025, "march")):
    for _mid in ("p1_rural", "p2_rural"):
        MEASURE_BY_ID[_mid].setdefault("gaps", []).append(
            {"region": DKI, "year": _year, "period": _period, "id": NO_RURAL_DKI["id"], "en": NO_RURAL_DKI["en"]})

# -- sources of the second pass (citations as a reader would give them) ------------------------

SECOND_PASS_SOURCES = [
    {
        "id": "bps_kabkota_p1p2",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Indeks Kedalaman Kemiskinan (P1) dan Indeks Keparahan Kemiskinan (P2) Menurut "
        "Kabupaten/Kota (tabel 622 dan 623)",
        "url": "",
        "date": "Susenas Maret 2015–2024",
        "licence": LICENCE_BPS,
        "note": "Buton and Muna 2015 are pre-split territory; Nduga is starred at BPS; "
        "Kota Sawah Lunto 2020 P2 = 0.00 as published.",
    },
    {
        "id": "bps_prov_p1p2",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Indeks Kedalaman Kemiskinan (P1) dan Indeks Keparahan Kemiskinan (P2) Menurut "
        "Provinsi dan Daerah (tabel 503 dan 504)",
        "url": "https://www.bps.go.id/id/statistics-table/2/NTAzIzI=",
        "date": "Maret 2024, September 2024, Maret 2025",
        "licence": LICENCE_BPS,
        "note": "38 provinces; P2 table: https://www.bps.go.id/id/statistics-table/2/NTA0IzI=",
    },
    {
        "id": "bps_prov_p1p2_2015_2023",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Indeks Kedalaman Kemiskinan (P1) dan Indeks Keparahan Kemiskinan (P2) Menurut "
        "Kabupaten/Kota (tabel 622 dan 623), baris provinsi",
        "url": "",
        "date": "Susenas Maret 2015–2023",
        "licence": LICENCE_BPS,
        "note": "34 provinces; the province rows of the kab/kota tables round differently from "
        "the province tables in 21 of 612 values (±0.01). Banten P2 2017 is 0.19 (table 504 "
        "agrees); a BPS Kota Tangerang publication gives 0.17.",
    },
    {
        "id": "bps_prov_p1p2_news_sep2025",
        "publisher": "BPS provinsi (Berita Resmi Statistik), dikutip berita",
        "title": "Profil Kemiskinan Provinsi September 2025 (Banten, Jawa Tengah, Kalimantan Barat)",
        "url": "",
        "date": "2026-02 (rilis)",
        "licence": LICENCE_NEWS,
        "note": "Three decimals as quoted, not rounded like the BPS tables.",
    },
    {
        "id": "bps_national_poverty",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Persentase Penduduk Miskin, Indeks Kedalaman dan Keparahan Kemiskinan, Garis "
        "Kemiskinan dan Jumlah Penduduk Miskin Menurut Daerah (perkotaan/perdesaan)",
        "url": "https://www.bps.go.id/pressrelease/2017/07/17/1379/"
        "persentase-penduduk-miskin-maret-2017-mencapai-10-64-persen.html",
        "date": "Susenas Maret dan September 2015–2025",
        "licence": LICENCE_BPS,
        "note": "September 2023 was not computed by BPS. The link is the March 2017 press release "
        "(10.64 %), the one release address the reference records.",
    },
    {
        "id": "bps_gini_news",
        "publisher": "Badan Pusat Statistik (BPS), rilis Gini Ratio dikutip berita",
        "title": "Tingkat Ketimpangan Pengeluaran Penduduk Indonesia (Gini Ratio), Maret dan "
        "September 2015–2025",
        "url": "",
        "date": "Maret dan September 2015–2025",
        "licence": LICENCE_NEWS,
        "note": "Each value was read in two news reports of the BPS release; the outlets and dates "
        "are in the row note.",
    },
    {
        "id": "bps_kabkota_tpt_tpak",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Tingkat Pengangguran Terbuka (TPT) dan Tingkat Partisipasi Angkatan Kerja (TPAK) "
        "Menurut Kabupaten/Kota, Agustus",
        "url": "",
        "date": "Sakernas Agustus 2015, 2017–2025",
        "licence": LICENCE_BPS,
        "note": "BPS published no kab/kota TPT for August 2016. 2018–2024 all provinces; 2015, 2017 "
        "and 2025 Jawa Timur and Aceh only. TPT 0.00 in "
        "four Papua highland regencies as published (tiny samples).",
    },
    {
        "id": "bps_kabkota_hdi",
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Indeks Pembangunan Manusia (IPM) Menurut Kabupaten/Kota",
        "url": "",
        "date": "2015–2024",
        "licence": LICENCE_BPS,
        "note": "2024 all 514 (current method, UHH from the SP2020 Long Form; components recompute "
        "the index within 0.005); Jawa Timur 2015–2024 both methods; Aceh 2015–2024 (method of "
        "2020–2023 inferred from the level jump).",
    },
    {
        "id": "tangerangupdate_20220426",
        "publisher": "Tangerangupdate",
        "title": "Ratusan ribu masyarakat Kabupaten Tangerang alami kemiskinan ekstrem",
        "url": "https://tangerangupdate.com/ratusan-ribu-masyarakat-kabupaten-tangerang-alami-kemiskinan-ekstrem",
        "date": "2022-04-26",
        "licence": LICENCE_NEWS,
        "note": "Quotes the head of BPS Kab. Tangerang (Husin Maulana).",
    },
    {
        "id": "tempo_1600299",
        "publisher": "Tempo",
        "title": "Kota Tangerang Bakal Bedah 450 Rumah tidak Layak Huni Tahun Ini",
        "url": "https://metro.tempo.co/read/1600299/kota-tangerang-bakal-bedah-450-rumah-tidak-layak-huni-tahun-ini",
        "date": "2022",
        "licence": LICENCE_NEWS,
        "note": "RTLH units 2014, 2019 (387, retrospective), 2020; cumulative to 2018 and 2021.",
    },
    {
        "id": "tangerangnews_29655",
        "publisher": "TangerangNews",
        "title": "2020, Pemkot Tangerang Targetkan Bedah 750 Rumah",
        "url": "https://www.tangerangnews.com/kota-tangerang/read/29655/2020-Pemkot-Tangerang-Targetkan-Bedah-750-Rumah",
        "date": "2019-12-30",
        "licence": LICENCE_NEWS,
        "note": "RTLH units 2016–2019 (2019: 500) and cumulative to December 2019.",
    },
    {
        "id": "poskota_20210213",
        "publisher": "Poskota",
        "title": "Pemkot Tangerang Kembali Memulai Program Bedah Rumah",
        "url": "https://poskota.co.id/2021/02/13/pemkot-tangerang-kembali-memulai-program-bedah-rumah-untuk-hunian-yang-tidak-layak",
        "date": "2021-02-13",
        "licence": LICENCE_NEWS,
        "note": "Cumulative RTLH to February 2021 (Wali Kota Arief).",
    },
    {
        "id": "antara_banten_267573",
        "publisher": "Antara Banten",
        "title": "Disnaker: Job Fair Virtual serap 18.944 tenaga kerja",
        "url": "https://banten.antaranews.com/berita/267573/disnaker-job-fair-virtual-serap-18944-tenaga-kerja",
        "date": "2023-12",
        "licence": LICENCE_NEWS,
        "note": "Virtual job fair hires to 5 Dec 2023; Si Praja, BLK and entrepreneurship trainees.",
    },
    {
        "id": "tangerangnews_37362",
        "publisher": "TangerangNews",
        "title": "Virtual Job Fair Kota Tangerang Serap 4.031 Tenaga Kerja",
        "url": "https://www.tangerangnews.com/kota-tangerang/read/37362/Virtual-Job-Fair-Kota-Tangerang-Serap-4031-Tenaga-Kerja",
        "date": "2021-10-17",
        "licence": LICENCE_NEWS,
        "note": "4,031 hires 2020–Oct 2021 from 209 firms; registered job-seekers 2020 and 2021.",
    },
    {
        "id": "tangerangkota_58651",
        "publisher": "Pemerintah Kota Tangerang (tangerangkota.go.id)",
        "title": "Ribuan pelajar rasakan manfaat program sekolah swasta",
        "url": "https://www.tangerangkota.go.id/berita/detail/58651/ribuan-pelajar-rasakan-manfaat-program-sekolah-sekolah-swasta-di-kota-tangerang",
        "date": "2025/2026 (tanggal tidak terbaca)",
        "licence": LICENCE_GOV_NEWS,
        "note": "Pupils in the free private-schooling programme; the stated total does not equal "
        "its parts.",
    },
]
SOURCES += SECOND_PASS_SOURCES
# The number of poor is its own BPS table (619); the first pass cited it together with P0 (621).
SOURCES.append({
    "id": "bps_kabkota_poor_count",
    "publisher": "Badan Pusat Statistik (BPS)",
    "title": "Jumlah Penduduk Miskin (Ribu Jiwa) Menurut Kabupaten/Kota (tabel 619)",
    "url": "",
    "date": "Susenas Maret 2004–2025",
    "licence": LICENCE_BPS,
    "note": "2021 SP2020 rebasing: counts jump in some regions while P0 barely moves.",
})
PANEL_SOURCE_TAGS[("poor_count", "bps_tabel_621_619(visdati)")] = "bps_kabkota_poor_count"

# How each file reached us (public mirrors): written to data/README.md only, never to the
# catalog, the pages or the downloads (a reader cites the publisher, not the mirror).
SECOND_PASS_PROVENANCE = {
    "bps_kabkota_p1p2": "2015–2023: github.com/febroherdyanto/analisis_index_kemiskinan_indonesia_pyspark "
    "@ ed5af24d (Dataset/Split/*.xls, unmodified BPS exports); 2024: "
    "github.com/muhlis000/visdat-welfare-indonesia @ 1e26fdb (data/raw/kemiskinan_kabkota_2024_2025.csv)",
    "bps_prov_p1p2": "github.com/ArdWind/bigdataTPTvsP0 @ 6a08226 (Data_Source/Persentase Penduduk Miskin); "
    "March 2025 equals a second download in github.com/muhammadludviarg/visdati @ 54c39e3",
    "bps_prov_p1p2_2015_2023": "github.com/febroherdyanto/analisis_index_kemiskinan_indonesia_pyspark @ ed5af24d",
    "bps_prov_p1p2_news_sep2025": "news quotes collected in the reference (provinsi_p1_p2_2024_2025.csv)",
    "bps_national_poverty": "github.com/ArdWind/bigdataTPTvsP0 @ 6a08226 (tables by urban/rural) and "
    "github.com/muhammadludviarg/visdati @ 2e55fd5 (number of poor by province and area)",
    "bps_gini_news": "two news reports per release, named in each row's note",
    "bps_kabkota_tpt_tpak": "2018–2024: github.com/Jessch22/clustering-tpt-tpak @ 874ec07 (DATASET.xlsx, "
    "sheet Populasi); Jawa Timur: github.com/egafaiz/DashboardKetenagakerjaanProvJatim @ b397d14 "
    "(BPS web API variable 54); Aceh: github.com/raafaagna/uts-offstat_kelompok-1_dashboard-kemiskinan-aceh "
    "@ 1046f75",
    "bps_kabkota_poor_count": "github.com/muhammadludviarg/visdati @ 2e55fd5: data/mentah/Jumlah Penduduk "
    "Miskin (Ribu Jiwa) Menurut KabupatenKota.csv",
    "bps_kabkota_hdi": "2024: github.com/muhlis000/visdat-welfare-indonesia @ 1e26fdb; Jawa Timur: "
    "github.com/kamilianabila01/dashboard-visualization-bps @ 96589c6 (Apache-2.0); Aceh: "
    "github.com/raafaagna/uts-offstat_kelompok-1_dashboard-kemiskinan-aceh @ 1046f75",
}

# -- citations for the first-pass sources (item 3 of issue #16) -------------------------------
# The catalog names the publisher and the table as a reader would cite them; the mirror that
# delivered the file (the old `via`) moves to data/README.md's provenance table.
CITATIONS = {
    "bps_kabkota_p0_count": {
        "publisher": "Badan Pusat Statistik (BPS)",
        "title": "Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (tabel 621)",
        "date": "Susenas Maret 2004–2025",
    },
    "bps_kabkota_gk": {
        "title": "Garis Kemiskinan (Rupiah/Kapita/Bulan) Menurut Kabupaten/Kota",
        "date": "Susenas Maret 2011–2025",
    },
    "bps_kabkota_2025": {
        "title": "Indeks Kedalaman (P1) dan Keparahan (P2) Kemiskinan Menurut Kabupaten/Kota "
        "(tabel 622, 623) dan Indeks Pembangunan Manusia Menurut Kabupaten/Kota",
        "date": "2025",
    },
    "od_jabar_p2": {"title": "Indeks Keparahan Kemiskinan (P2) Berdasarkan Kabupaten/Kota di Jawa "
                    "Barat (dataset bps-od_19998)", "date": "2015–2024"},
    "od_jabar_p1": {"title": "Indeks Kedalaman Kemiskinan (P1) Berdasarkan Kabupaten/Kota di Jawa Barat",
                    "date": "2018–2020"},
    "od_aceh_p1p2": {"title": "Indeks Kedalaman dan Keparahan Kemiskinan Menurut Kabupaten/Kota, Aceh",
                     "date": "2015–2023"},
    "bantenprov_ik": {"title": "Indikator Kemiskinan Kabupaten/Kota Provinsi Banten", "date": "2014–2015"},
    "kaggle_kemiskinan_2021": {
        "publisher": "Badan Pusat Statistik (BPS), dihimpun di Kaggle (ermila)",
        "title": "Klasifikasi Tingkat Kemiskinan di Indonesia (indikator kab/kota 2021)",
        "date": "2021",
    },
    "bps_prov_poverty": {
        "title": "Jumlah dan Persentase Penduduk Miskin dan Garis Kemiskinan Menurut Provinsi",
        "date": "Susenas Maret dan September 2015–2025",
    },
    "bps_statistik_indonesia": {
        "title": "Statistik Indonesia 2016, 2019, 2021, 2024 dan 2026 (tabel TPT dan IPM menurut "
        "provinsi)",
        "date": "edisi 2016–2026",
    },
    "bps_kode_2025": {"title": "Kode dan Nama Wilayah BPS 2025 (daftar wilayah tabel Garis Kemiskinan 2025)"},
}
FIRST_PASS_PROVENANCE = {s["id"]: s["via"] for s in SOURCES if s.get("via")}
for _source in SOURCES:
    _source.update(CITATIONS.get(_source["id"], {}))
    _source.pop("via", None)
PROVENANCE = {**FIRST_PASS_PROVENANCE, **SECOND_PASS_PROVENANCE}

# Rows of file 18 that the second pass loads: (indikator, tahun) -> (measure, year, period, note).
# note None keeps the reference's keterangan.
PROGRAM_EXTRA_MAP = {
    ("rtlh_unit", "2014"): ("rtlh_units", 2014, "annual", None),
    ("rtlh_unit", "2016"): ("rtlh_units", 2016, "annual", None),
    ("rtlh_unit", "2017"): ("rtlh_units", 2017, "annual", None),
    ("rtlh_unit", "2018"): ("rtlh_units", 2018, "annual", None),
    ("rtlh_unit", "2020"): ("rtlh_units", 2020, "annual", None),
    ("rtlh_kumulatif_unit", "2014-2018"): ("rtlh_units_cumulative", 2018, "annual", None),
    ("rtlh_kumulatif_unit", "2014-2019"): ("rtlh_units_cumulative", 2019, "annual", None),
    ("rtlh_kumulatif_unit", "2014-2020"): ("rtlh_units_cumulative", 2020, "annual", None),
    ("rtlh_kumulatif_unit", "2014-2021"): ("rtlh_units_cumulative", 2021, "annual", None),
    ("jobfair_virtual_terserap_kumulatif", "2020-2023 (s.d. 5 Des 2023)"): (
        "jobfair_hires_cumulative", 2023, "december",
        "s.d. 5 Des 2023: 17.609 warga kota + 1.335 luar kota. Artikel Antara Banten Maret 2023 "
        "menyebut 19.944 s.d. Maret 2023, tetapi rinciannya berjumlah 14.890 (diduga salah ketik; "
        "tidak dimuat)",
    ),
    ("jobfair_virtual_terserap", "2020-Okt 2021"): (
        "jobfair_hires_cumulative", 2021, "october",
        DISAGREEMENT + ": 4.031 terserap 2020 s.d. Okt 2021 (209 perusahaan); Republika menyebut "
        "1.090 (2020) + 4.036 (Jan-Sep 2021) = 5.126",
    ),
    ("pencari_kerja_terdaftar", "2020"): ("jobseekers_registered", 2020, "annual", None),
    ("pencari_kerja_terdaftar", "2021"): ("jobseekers_registered", 2021, "october", None),
    ("si_praja_peserta_kumulatif", "Feb-Des 2023"): (
        "sipraja_trainees_cumulative", 2023, "december",
        "Feb-Des 2023 menurut keahlian: konten kreator 430, barista 386, pembuatan makanan 145, "
        "digital marketing 108",
    ),
    ("blk_peserta_kumulatif", "s.d. Des 2023"): ("vocational_trainees_cumulative", 2023, "december", None),
    ("pelatihan_kewirausahaan_peserta_kumulatif", "2017-Des 2023"): (
        "entrepreneurship_trainees_cumulative", 2023, "december",
        "2017 s.d. Des 2023; 9 bidang kewirausahaan",
    ),
    ("sekolah_swasta_gratis_siswa_smp", ""): (
        "pupils_free_smp", 2025, "annual",
        "tingkat menengah pertama, kumulatif sejak 2023; tahun = tahun terbit berita (tanggal "
        "tidak terbaca; berita no. 58651 terbit antara Sep 2025 dan Jan 2026)",
    ),
    ("sekolah_swasta_gratis_siswa_sd", ""): (
        "pupils_free_sd", 2025, "annual",
        "SD swasta + MI swasta; tahun = tahun terbit berita (tanggal tidak terbaca)",
    ),
    ("sekolah_swasta_gratis_siswa_total", ""): (
        "pupils_free_total", 2025, "annual",
        DISAGREEMENT + ": jumlah 18.734 menurut berita, padahal 16.622 (SMP) + 8.600 (SD) = "
        "25.222; 18.734 = 16.622 + 2.112 (angka MTsN di kalimat yang sama)",
    ),
}
# The 2019 unit count: two sources disagree and both are kept. The December 2019 report is a
# dated figure (period december); the retrospective 2022 figure is the year's total (annual).
RTLH_2019 = {
    "500": ("december", DISAGREEMENT + ": 500 rumah menurut TangerangNews (30 Des 2019); Tempo (2022) "
            "menyebut 387 untuk 2019"),
    "387": ("annual", DISAGREEMENT + ": 387 rumah menurut Tempo (2022, angka retrospektif); "
            "TangerangNews (30 Des 2019) menyebut 500"),
}
# Rows of file 18 left out, with the reason (written to data/README.md).
PROGRAM_EXTRA_LEFT_OUT = {
    "rtlh_target_unit": "RTLH targets 2020 (750) and 2021 (250): targets are loaded by the targets "
    "block (issue #15), not here",
    "rtlh_kecamatan_karawaci_unit": "RTLH in Kec. Karawaci 2019 (73): a kecamatan figure without a "
    "kecamatan code in the reference",
    "jamban_sehat_unit": "latrines built 2019 (520): not one of the catalog's programmes",
    "jobfair_pnm_diterima": "70 hires by one company (PT PNM) at a 2025 fair: not a programme total",
    "jobfair_keliling_kecamatan": "a 2017 travelling job fair in 13 kecamatan: a count of places, "
    "not an output",
    "jobfair_virtual_terserap_kumulatif/2020-Mar 2023": "19,944 hires to March 2023: larger than "
    "the December 2023 total and its own breakdown sums to 14,890 (a typo, as the reference says); "
    "named in the note of the December 2023 figure instead",
}


def _source_by_url() -> dict[str, str]:
    return {s["url"]: s["id"] for s in SOURCES if s["url"]}


def kabkota_p1p2_observations(ref: Path, names) -> list[dict]:
    """Kab/kota P1 and P2 2015–2024 (file 13, BPS tables 622/623), Susenas March."""
    out = []
    for r in read_csv(ref / F_KABKOTA_P1P2):
        note = r["catatan"]
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, r["tahun"], "march", r[measure],
                                       "bps_kabkota_p1p2", note, names))
    return out


def province_p1p2_observations(ref: Path, names) -> list[dict]:
    """Province P1/P2: 2015–2023 March (file 14); 2024–2025 March/September (file 20)."""
    out = []
    for r in read_csv(ref / F_PROV_P1P2_OLD):
        year = int(r["tahun"])
        note = territory_note(r["kode_bps"], year, 9999)
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, year, "march", r[measure],
                                       "bps_prov_p1p2_2015_2023", note, names))
    for r in read_csv(ref / F_PROV_P1P2_NEW):
        year = int(r["tahun"])
        source = "bps_prov_p1p2_news_sep2025" if r["sumber"].startswith("BRS") else "bps_prov_p1p2"
        note = territory_note(r["kode_bps"], year, 2024)
        if source == "bps_prov_p1p2_news_sep2025":
            note = join_notes(note, "tiga desimal sebagaimana dikutip berita dari BRS BPS provinsi")
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, year, PERIOD_FROM_SOURCE[r["periode"]],
                                       r[measure], source, note, names))
    return out


def national_observations(ref: Path, names) -> list[dict]:
    """The national series March/September 2015–2025 (file 19), replacing file 4's rows."""
    columns = {
        "p0_persen": ("p0", "bps_national_poverty"),
        "jumlah_miskin_ribu": ("poor_count", "bps_national_poverty"),
        "garis_kemiskinan_rp": ("poverty_line", "bps_national_poverty"),
        "p1": ("p1", "bps_national_poverty"),
        "p2": ("p2", "bps_national_poverty"),
        "p0_kota": ("p0_urban", "bps_national_poverty"),
        "p0_desa": ("p0_rural", "bps_national_poverty"),
        "gini": ("gini", "bps_gini_news"),
    }
    out = []
    for r in read_csv(ref / F_NATIONAL):
        gini_note = next((part.strip().removeprefix("Gini: ") for part in r["sumber"].split("|")
                          if part.strip().startswith("Gini:")), "")
        for column, (measure, source) in columns.items():
            if not r[column]:
                continue
            note = gini_note if measure == "gini" else ""
            out.append(observation(NATION_CODE, measure, r["tahun"], PERIOD_FROM_SOURCE[r["periode"]],
                                   r[column], source, note, names))
    return out


def labour_observations(ref: Path, names) -> list[dict]:
    """Kab/kota TPT and TPAK, Sakernas August (file 15)."""
    out = []
    for r in read_csv(ref / F_LABOUR):
        for column, measure in (("tpt", "unemployment"), ("tpak", "labour_participation")):
            if r[column]:
                note = r["catatan"] if r["catatan"] != 'sumber "-"' else ""
                out.append(observation(r["kode_bps"], measure, r["tahun"], "august", r[column],
                                       "bps_kabkota_tpt_tpak", note, names))
    return out


def kabkota_hdi_observations(ref: Path, names) -> list[dict]:
    """Kab/kota HDI (file 16): current method -> `hdi`, the pre-2024 series -> `hdi_old_series`."""
    out = []
    for r in read_csv(ref / F_KABKOTA_HDI):
        if r["metode"] == "uhh_lf_sp2020":
            measure, note = "hdi", join_notes(HDI_CURRENT_NOTE, r["catatan"])
        elif r["metode"] == "metode_baru_lama":
            measure, note = "hdi_old_series", r["catatan"]
        else:
            raise SystemExit(f"unknown HDI method {r['metode']!r}")
        out.append(observation(r["kode_bps"], measure, r["tahun"], "annual", r["ipm"],
                               "bps_kabkota_hdi", note, names))
    return out


def extreme_news_observations(ref: Path, names) -> tuple[list[dict], list[str]]:
    """Kab. Tangerang extreme poverty 2020 (file 17). Kota Tangerang's rows are already loaded
    from facts.md (checked equal here); the Lombok rows are a different concept and stay out."""
    out, left_out = [], []
    for r in read_csv(ref / F_EXTREME_NEWS):
        if r["kode_bps"] == TANGERANG:
            continue  # the same figures as kota_tangerang_fakta.csv (checked in verify_second_pass)
        if not r["konsep"].startswith("BPS"):
            left_out.append(f"{r['nama']} ({r['kode_bps']}): {r['ekstrem_persen'] or r['ekstrem_jiwa']} — "
                            f"{r['konsep']}")
            continue
        out.append(observation(
            r["kode_bps"], "extreme_poverty", r["tahun_data"], "march", r["ekstrem_persen"],
            _source_by_url()[r["sumber_url"]],
            f"{r['konsep']}; sekitar 106 ribu orang; periode survei tidak disebut (angka kemiskinan "
            "ekstrem BPS memakai Susenas Maret); garis disebut Rp435 ribu/kapita/bulan",
            names))
    return out, left_out


def program_extra_observations(ref: Path, names) -> list[dict]:
    """More Kota Tangerang programme figures (file 18); both sides of a disagreement are kept."""
    by_url = _source_by_url()
    out = []
    for r in read_csv(ref / F_PROGRAM_EXTRA):
        source = by_url.get(r["sumber_url"])
        if r["indikator"] == "rtlh_unit" and r["tahun"] == "2019":
            period, note = RTLH_2019[r["nilai"]]
            out.append(observation(TANGERANG, "rtlh_units", 2019, period, r["nilai"], source, note, names))
            continue
        mapping = PROGRAM_EXTRA_MAP.get((r["indikator"], r["tahun"]))
        if mapping is None:
            key = f"{r['indikator']}/{r['tahun']}"
            if r["indikator"] not in PROGRAM_EXTRA_LEFT_OUT and key not in PROGRAM_EXTRA_LEFT_OUT:
                raise SystemExit(f"unmapped row of {F_PROGRAM_EXTRA}: {key}")
            continue
        if source is None:
            raise SystemExit(f"no source for {r['sumber_url']}")
        measure, year, period, note = mapping
        out.append(observation(TANGERANG, measure, year, period, r["nilai"], source,
                               r["keterangan"] if note is None else note, names))
    return out


def long_history_observations(ref: Path, names) -> list[dict]:
    """Kab/kota P0 2004–2014 (file 12) as `p0_history`, each row with its comparability flag."""
    out = []
    for r in read_csv(ref / F_LONG_HISTORY):
        if not r["p0_persen"]:
            continue
        year = int(r["tahun"])
        notes = []
        if r["catatan"]:
            notes.append(f"{COMPARABILITY_BREAK}: {r['catatan']}")
        if year < LONG_SERIES_BREAK_NOTE["year"]:
            notes.append("sebelum perubahan metode/sampel Susenas 2008")
        out.append(observation(r["kode_bps"], "p0_history", year, "march", r["p0_persen"],
                               "bps_kabkota_p0_count", join_notes(*notes), names))
    return out


def second_pass_observations(ref: Path, names, rows: list[dict]) -> tuple[list[dict], dict]:
    """Replace superseded first-pass rows and add the second-pass files; returns rows and checks."""
    key = lambda r: (r["region_code"], r["measure"], r["year"], r["period"])  # noqa: E731
    kab_p1p2 = kabkota_p1p2_observations(ref, names)
    labour = labour_observations(ref, names)
    new_keys = {key(r): r for r in kab_p1p2 + labour}
    # Panel P1/P2 before 2025 (Jabar, Aceh, Banten 2015) and the Kaggle TPT 2021 are superseded by
    # the BPS tables of files 13 and 15; where both hold a value they must agree (SOURCES.md).
    # A superseded value with no replacement stays (Pegunungan Arfak TPT 2021: "-" in file 15,
    # 0.7 in the Kaggle file).
    superseded = [r for r in rows if (r["measure"] in ("p1", "p2") and len(r["region_code"]) == 4
                                      and r["year"] < 2025) or r["source"] == "kaggle_kemiskinan_2021"]
    replaced = [r for r in superseded if key(r) in new_keys]
    missing = len(superseded) - len(replaced)
    agree = differ = 0
    differences = []
    for r in replaced:
        other = new_keys[key(r)]
        if abs(float(other["value"]) - float(r["value"])) <= 0.005 + 1e-9:
            agree += 1  # equal, or bantenprov's 3 decimals rounding to BPS's 2 (SOURCES.md §13)
        else:
            differ += 1
            differences.append(f"{r['region_code']} {r['measure']} {r['year']}: "
                               f"{r['value']} ({r['source']}) vs {other['value']}")
    replaced_ids = {id(r) for r in replaced}
    kept = [r for r in rows if id(r) not in replaced_ids]
    added = (kab_p1p2 + labour + province_p1p2_observations(ref, names) + national_observations(ref, names)
             + kabkota_hdi_observations(ref, names) + program_extra_observations(ref, names)
             + long_history_observations(ref, names))
    extreme, extreme_left_out = extreme_news_observations(ref, names)
    info = {"replaced": len(replaced), "agree": agree, "differ": differ, "missing": missing,
            "differences": differences, "extreme_left_out": extreme_left_out}
    return kept + added + extreme, info


def verify_second_pass(observations: list[dict], info: dict) -> None:
    """Known values of every second-pass file, worked from the reference by hand (row cited)."""
    value = {(r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in observations}
    source = {(r["region_code"], r["measure"], r["year"], r["period"]): r["source"] for r in observations}
    expect = {
        ("1101", "p1", 2015, "march"): "2.97",  # file 13 first row: Simeulue 2015 P1 2.97
        ("1101", "p2", 2015, "march"): "0.64",
        # file 14 first row: Aceh 2015 P1 3.10, P2 0.83
        ("11", "p1", 2015, "march"): "3.1",
        ("11", "p2", 2015, "march"): "0.83",
        # file 20 first rows: Aceh March 2024 P1 2.62, September 2024 P2 0.47
        ("11", "p1", 2024, "march"): "2.62",
        ("11", "p2", 2024, "september"): "0.47",
        # file 19: March 2017 10.64 (file 4 had 10.12), March 2018 9.82 (blank in file 4)
        (NATION_CODE, "p0", 2017, "march"): "10.64",
        (NATION_CODE, "p0", 2017, "september"): "10.12",
        (NATION_CODE, "p0", 2018, "march"): "9.82",
        (NATION_CODE, "poverty_line", 2017, "march"): "374478",
        (NATION_CODE, "poverty_line", 2022, "march"): "505469",
        (NATION_CODE, "p0", 2020, "september"): "10.19",
        (NATION_CODE, "poor_count", 2024, "september"): "24054.72",
        (NATION_CODE, "p0_urban", 2025, "september"): "6.6",
        (NATION_CODE, "p0_rural", 2015, "march"): "14.21",
        (NATION_CODE, "gini", 2025, "september"): "0.363",
        # file 15: Kota Tangerang 2023 TPT 6.76 (= facts.md), TPAK 63.39
        (TANGERANG, "unemployment", 2023, "august"): "6.76",
        (TANGERANG, "labour_participation", 2023, "august"): "63.39",
        # file 16: Simeulue 2015 old series 63.16
        ("1101", "hdi_old_series", 2015, "annual"): "63.16",
        # file 17: Kab. Tangerang 2020 extreme poverty 2.75 %
        ("3603", "extreme_poverty", 2020, "march"): "2.75",
        # file 18: RTLH 2019 both figures; 2014 53; cumulative to 2021 7,032
        (TANGERANG, "rtlh_units", 2019, "december"): "500",
        (TANGERANG, "rtlh_units", 2019, "annual"): "387",
        (TANGERANG, "rtlh_units", 2014, "annual"): "53",
        (TANGERANG, "rtlh_units_cumulative", 2021, "annual"): "7032",
        (TANGERANG, "sipraja_trainees_cumulative", 2023, "december"): "1069",
        (TANGERANG, "pupils_free_total", 2025, "annual"): "18734",
        # file 12: Simeulue 2004 34.26; Kota Tangerang 2014 4.91 (facts.md, bantenprov)
        ("1101", "p0_history", 2004, "march"): "34.26",
        (TANGERANG, "p0_history", 2014, "march"): "4.91",
    }
    for k, v in expect.items():
        assert value.get(k) == v, f"{k}: expected {v}, got {value.get(k)}"
    assert source[(NATION_CODE, "p0", 2017, "march")] == "bps_national_poverty"
    # every period of the national series except September 2023 (BPS did not compute it)
    for year in range(2015, 2026):
        for period in ("march", "september"):
            present = (NATION_CODE, "p0", year, period) in value
            assert present == ((year, period) != (2023, "september")), (year, period)
    # the RTLH chain of SOURCES.md §18: 7,032 + 450 + 700 + 474 = 8,656 (facts.md, to 2024)
    chain = float(value[(TANGERANG, "rtlh_units_cumulative", 2021, "annual")]) + sum(
        float(value[(TANGERANG, "rtlh_units", y, "annual")]) for y in (2022, 2023, 2024))
    assert chain == float(value[(TANGERANG, "rtlh_units_cumulative", 2024, "annual")]) == 8656
    # Kota Tangerang's extreme poverty of file 17 equals what facts.md gave (1.61, 0.75)
    assert value[(TANGERANG, "extreme_poverty", 2021, "march")] == "1.61"
    assert value[(TANGERANG, "extreme_poverty", 2022, "march")] == "0.75"
    # coverage: P1/P2 for every kab/kota 2017–2025 and 511 in 2015–2016 (three created in 2016)
    kab_years = Counter(r["year"] for r in observations
                        if r["measure"] == "p1" and len(r["region_code"]) == 4)
    assert all(kab_years[y] == 514 for y in range(2017, 2026)), kab_years
    assert kab_years[2015] == kab_years[2016] == 511, kab_years
    prov_years = Counter((r["year"], r["period"]) for r in observations
                         if r["measure"] == "p2" and len(r["region_code"]) == 2 and r["region_code"] != "00")
    assert all(prov_years[(y, "march")] == 34 for y in range(2015, 2024)), prov_years
    assert prov_years[(2024, "march")] == prov_years[(2025, "march")] == 38, prov_years
    # superseded values agree with their replacements (SOURCES.md §13 and §15 checks), except
    # Labuhan Batu Utara (1223) TPT 2021 (5.71 at BPS, 5.74 in the Kaggle file: flagged in file 15)
    assert info["differ"] == 1 and info["differences"][0].startswith("1223 unemployment 2021"), info
    # HDI: no region-year holds both methods under one measure
    for r in observations:
        if r["measure"] == "hdi" and r["source"] == "bps_kabkota_hdi":
            assert r["note"].startswith(HDI_CURRENT_NOTE), r
    # no mirror names reach a note (they belong to data/README.md only)
    for r in observations:
        assert "github" not in r["note"].lower() and "@" not in r["note"].replace("@30", ""), r


def long_history_flags(r: dict[str, str]) -> str:
    """The comparability flags of a file 12 row, worded as p0_history's (one wording for every column)."""
    notes = []
    if r["catatan"]:
        notes.append(f"{COMPARABILITY_BREAK}: {r['catatan']}")
    if int(r["tahun"]) < LONG_SERIES_BREAK_NOTE["year"]:
        notes.append("sebelum perubahan metode/sampel Susenas 2008")
    return join_notes(*notes)


def history_count_line_observations(ref: Path, names) -> list[dict]:
    """File 12's number of poor (2004–2014) and poverty line (2011–2014 only: the GK table has no
    earlier years) as long-series measures, each row with the same flags as its P0."""
    out = []
    for r in read_csv(ref / F_LONG_HISTORY):
        for column, measure in HISTORY_COLUMNS.items():
            if r[column]:  # an empty cell is a gap (GK before 2011), never a value
                out.append(observation(r["kode_bps"], measure, r["tahun"], "march", r[column],
                                       HISTORY_SOURCES[measure], long_history_flags(r), names))
    return out


def urban_rural_p1p2_observations(ref: Path, names) -> list[dict]:
    """Province P1/P2 by urban/rural area (file 20, BPS tables 503/504): March 2024, September 2024,
    March 2025. DKI's rural cells are "-" (no rural area: a known gap); no province has them for
    September 2025 (the news quotes give totals only)."""
    out = []
    for r in read_csv(ref / F_PROV_P1P2_NEW):
        year = int(r["tahun"])
        note = territory_note(r["kode_bps"], year, 2024)
        for column, measure in URBAN_RURAL_COLUMNS.items():
            if r[column]:
                out.append(observation(r["kode_bps"], measure, year, PERIOD_FROM_SOURCE[r["periode"]], r[column],
                                       "bps_prov_p1p2", note, names))
    return out


def verify_history_and_urban_rural(observations: list[dict]) -> None:
    """Known values of the columns added for #16, worked from the reference by hand (row cited)."""
    value = {(r["region_code"], r["measure"], r["year"], r["period"]): r for r in observations}
    expect = {
        # file 12, Kota Kupang (5371): 2004 27.80 thousand poor; 2011 GK Rp 337,181; 2014 33.30 / 413,905
        ("5371", "poor_count_history", 2004, "march"): "27.8",
        ("5371", "poverty_line_history", 2011, "march"): "337181",
        ("5371", "poor_count_history", 2014, "march"): "33.3",
        ("5371", "poverty_line_history", 2014, "march"): "413905",
        # file 12 first row: Simeulue 2004, 24.30 thousand poor
        ("1101", "poor_count_history", 2004, "march"): "24.3",
        # file 20: NTT (53) March 2024 P1 urban 1.19, rural 4.21; September 2024 P2 urban 0.29, rural 1.21
        ("53", "p1_urban", 2024, "march"): "1.19",
        ("53", "p1_rural", 2024, "march"): "4.21",
        ("53", "p2_urban", 2024, "september"): "0.29",
        ("53", "p2_rural", 2024, "september"): "1.21",
        # file 20: Banten (36) March 2025 P1 urban 0.86, rural 0.81; DKI March 2025 P2 urban 0.11
        ("36", "p1_urban", 2025, "march"): "0.86",
        ("36", "p1_rural", 2025, "march"): "0.81",
        (DKI, "p2_urban", 2025, "march"): "0.11",
    }
    for k, v in expect.items():
        assert k in value and value[k]["value"] == v, f"{k}: expected {v}, got {value.get(k, {}).get('value')}"
    counts = Counter((r["measure"], r["year"]) for r in observations if r["measure"] in HISTORY_COLUMNS.values())
    # SOURCES.md §12: P0 (and the count beside it) 415 kab/kota in 2004 … 497 in 2010–2014; GK 2011–2014 only
    assert counts[("poor_count_history", 2004)] == 415 and counts[("poor_count_history", 2014)] == 497, counts
    assert sum(n for (m, _), n in counts.items() if m == "poverty_line_history") == 1988, counts
    assert not any(m == "poverty_line_history" and y < 2011 for m, y in counts), counts
    # the same flags as P0's long series, row by row
    for (code, measure, year, period), r in value.items():
        if measure in HISTORY_COLUMNS.values():
            p0 = value[(code, "p0_history", year, period)]
            assert r["note"] == p0["note"], (code, measure, year)
    # urban/rural: 38 provinces in each of the three periods, DKI without rural (its known gap)
    areas = Counter((r["measure"], r["year"], r["period"]) for r in observations
                    if r["measure"] in URBAN_RURAL_COLUMNS.values())
    for (year, period) in ((2024, "march"), (2024, "september"), (2025, "march")):
        assert areas[("p1_urban", year, period)] == areas[("p2_urban", year, period)] == 38, areas
        assert areas[("p1_rural", year, period)] == areas[("p2_rural", year, period)] == 37, areas
        assert (DKI, "p1_rural", year, period) not in value
    assert not any(y == 2025 and p == "september" for _, y, p in areas), areas
    # an area index never exceeds its P0-side ordering: P2 < P1 in every area row
    for (code, measure, year, period), r in value.items():
        if measure in ("p1_urban", "p1_rural"):
            p2 = value.get((code, measure.replace("p1", "p2"), year, period))
            assert p2 is not None and float(p2["value"]) < float(r["value"]), (code, measure, year, period)


PROVINCE_GAP_MEASURES = ("p0", "poor_count", "poverty_line")  # the province rows of file 4
PROVINCE_NOT_IN_REFERENCE = t(
    "BPS menerbitkannya, tetapi tabel provinsi yang tersedia bagi dasbor ini (berkas rujukan 4) tidak "
    "memuatnya: September hanya 2015–2018 dan 2024–2025, GK mulai Maret 2017.",
    "BPS published it, but the province table available to this dashboard (reference file 4) does not "
    "hold it: September only 2015–2018 and 2024–2025, the poverty line from March 2017.",
)


def add_province_gaps(observations: list[dict], regions: list[dict]) -> None:
    """Every province period of file 4's measures without a value gets its reason in the catalog
    (one entry per measure, period, years and reason, listing the provinces), so a chart's hole is
    explained: September 2023 was not computed by BPS; the rest is missing from the reference."""
    held = {(r["region_code"], r["measure"], r["year"], r["period"]) for r in observations}
    both = sorted(r["code"] for r in regions if r["level"] == "province" and r["scheme"] == "both")
    current = sorted(r["code"] for r in regions if r["level"] == "province")
    for measure in PROVINCE_GAP_MEASURES:
        for period in ("march", "september"):
            groups: dict[tuple, list[str]] = {}
            for code in current:
                for year in range(2015, 2026):
                    if code not in (both if year < 2024 else current) or (code, measure, year, period) in held:
                        continue
                    reason = NATIONAL_SEPT_2023 if (year, period) == (2023, "september") else PROVINCE_NOT_IN_REFERENCE
                    groups.setdefault((reason["id"], code), []).append(year)
            entries: dict[tuple, list[str]] = {}
            for (reason_id, code), years in groups.items():
                entries.setdefault((reason_id, tuple(years)), []).append(code)
            for (reason_id, years), codes in sorted(entries.items(), key=lambda e: (e[0][1], e[1])):
                reason = NATIONAL_SEPT_2023 if reason_id == NATIONAL_SEPT_2023["id"] else PROVINCE_NOT_IN_REFERENCE
                MEASURE_BY_ID[measure].setdefault("gaps", []).append(
                    {"regions": codes, "years": list(years), "period": period, "id": reason["id"], "en": reason["en"]})
    # self-check: NTT (53) has no P0 for September 2019–2022 in file 4, and none is claimed held
    ntt = [g for g in MEASURE_BY_ID["p0"]["gaps"] if "53" in g.get("regions", [])]
    assert any(g["years"] == [2019, 2020, 2021, 2022] and g["period"] == "september" for g in ntt), ntt
    for measure in PROVINCE_GAP_MEASURES:
        for g in MEASURE_BY_ID[measure]["gaps"]:
            for code in g.get("regions", [g.get("region")]):
                for year in g.get("years", [g.get("year")]):
                    assert (code, measure, year, g["period"]) not in held, (code, measure, year, g["period"])


def provenance_table() -> str:
    lines = ["| source id | citation in the dashboard | delivered by (public mirror) |", "|---|---|---|"]
    for s in SOURCES:
        via = PROVENANCE.get(s["id"])
        if via:
            lines.append(f"| `{s['id']}` | {s['publisher']}, {s['title']} | {via} |")
    return "\n".join(lines)


# =========================================================================== helpers


def read_csv(path: Path) -> list[dict[str, str]]:
    """All rows as dicts of stripped strings (nothing parsed, codes keep leading zeros)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def fmt_value(text: str) -> str:
    """Source number -> stable text: whole numbers without '.0', else repr of the float."""
    number = float(text.replace(",", "."))
    if number != number:  # NaN
        raise ValueError(f"not a number: {text!r}")
    if number.is_integer():
        return str(int(number))
    return repr(number)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def write_yaml(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    path.write_text(text, encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    """SafeDumper without anchors/aliases (shared Python objects are written out in full)."""

    def ignore_aliases(self, data):
        return True


def _represent_bilingual(dumper, data):
    flow = len(data["id"]) + len(data["en"]) <= 90
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=flow)


_Dumper.add_representer(Bilingual, _represent_bilingual)


class Evidence:
    """Reference text that typed-in values must be found in."""

    def __init__(self, reference: Path):
        self.text = "\n".join(
            (reference / name).read_text(encoding="utf-8") for name in (F_FACTS_MD, F_TANGERANG)
        )

    def check(self, evidence: str | None, what: str) -> None:
        if evidence is not None and evidence not in self.text:
            raise SystemExit(f"evidence not found in reference text for {what}: {evidence!r}")


def observation(region, measure, year, period, value, source, note="", names=None):
    if measure not in MEASURE_BY_ID:
        raise SystemExit(f"unknown measure {measure}")
    if period not in PERIODS:
        raise SystemExit(f"unknown period {period}")
    return {
        "region_code": region,
        "region_name": names[region] if names else "",
        "measure": measure,
        "year": int(year),
        "period": period,
        "value": fmt_value(value),
        "unit": MEASURE_BY_ID[measure]["unit"],
        "status": STATUS,
        "source": source,
        "note": note,
    }


def sort_key(row):
    return (row["region_code"], row["measure"], row["year"], PERIODS.index(row["period"]))


# =========================================================================== regions


def build_regions(ref: Path) -> list[dict]:
    """Nation, 34 + 4 provinces and the 514 kab/kota (BPS 2020 codes)."""
    prov_poverty = read_csv(ref / F_PROV_POVERTY)
    codes_2025 = read_csv(ref / F_CODES_2025)
    crosswalk = read_csv(ref / F_CROSSWALK)
    kabkota = read_csv(ref / F_KABKOTA_2025)

    prov_names = {r["kode_bps"]: r["provinsi"] for r in prov_poverty if r["level"] == "provinsi"}
    prov_names_bps = {
        r["kode_prov_2025"]: r["nama_bps_2025"] for r in codes_2025 if r["level"] == "provinsi"
    }
    kemendagri = {r["kode_bps"]: r["kode_kemendagri"] for r in crosswalk}
    if set(prov_names) != set(prov_names_bps) or len(prov_names) != 38:
        raise SystemExit("province lists of file 4 and file 9 differ")

    regions = [
        {
            "code": NATION_CODE,
            "name": "Indonesia",
            "name_bps": "INDONESIA",
            "level": "nation",
            "type": "",
            "parent_code": "",
            "code_bps_2025": NATION_CODE,
            "parent_code_2025": "",
            "code_kemendagri": "",
            "scheme": "both",
        }
    ]
    for code, name in prov_names.items():
        new = code in NEW_PROVINCES_2025
        regions.append(
            {
                "code": code,
                "name": name,
                "name_bps": prov_names_bps[code],
                "level": "province",
                "type": "",
                "parent_code": NATION_CODE,
                "code_bps_2025": code,
                "parent_code_2025": NATION_CODE,
                "code_kemendagri": "" if new else kemendagri[code],  # crosswalk is 2020 only
                "scheme": "2025" if new else "both",
            }
        )
    for r in kabkota:
        display = r["nama"] if r["tipe"] == "Kota" else f"Kab. {r['nama']}"
        if r["tipe"] == "Kota" and not r["nama"].startswith("Kota "):
            raise SystemExit(f"Kota without 'Kota' prefix: {r['nama']}")
        regions.append(
            {
                "code": r["kode_bps"],
                "name": display,
                "name_bps": r["nama"],
                "level": "kabkota",
                "type": r["tipe"],
                "parent_code": r["kode_prov_bps"],
                "code_bps_2025": r["kode_bps_2025"],
                "parent_code_2025": r["kode_bps_2025"][:2],
                "code_kemendagri": kemendagri[r["kode_bps"]],
                "scheme": "both",
            }
        )
    return sorted(regions, key=lambda r: r["code"])


def kemendagri_disagreements(ref: Path) -> list[tuple[str, str, str]]:
    """(kode_bps, file 1 kode_kemendagri, crosswalk kode_kemendagri) where they differ."""
    crosswalk = {r["kode_bps"]: r["kode_kemendagri"] for r in read_csv(ref / F_CROSSWALK)}
    return [
        (r["kode_bps"], r["kode_kemendagri"], crosswalk.get(r["kode_bps"], ""))
        for r in read_csv(ref / F_KABKOTA_2025)
        if r["kode_kemendagri"] != crosswalk.get(r["kode_bps"], "")
    ]


# =========================================================================== observations


def panel_observations(ref: Path, names) -> list[dict]:
    """(a) kab/kota P0, count, GK, P1, P2 2015–2025 (Susenas March) from file 11."""
    out = []
    for r in read_csv(ref / F_PANEL):
        if r["periode"] != "Maret":
            raise SystemExit(f"unexpected periode {r['periode']}")
        sources = {}
        for part in filter(None, (p.strip() for p in r["sumber"].split(";"))):
            keys, tag = part.split(":", 1)
            for key in keys.split("+"):
                measure = PANEL_TAG_KEYS[key]
                sources[measure] = PANEL_SOURCE_TAGS[(measure, tag)]
        catatan = r["catatan"]
        scope = next(
            (m for prefix, m in PANEL_NOTE_SCOPE.items() if catatan.startswith(prefix)), None
        )
        for column, measure in PANEL_VALUE_COLUMNS.items():
            if not r[column]:
                continue
            if measure not in sources:
                raise SystemExit(f"no source tag for {measure} of {r['kode_bps']} {r['tahun']}")
            note = catatan if scope is None or measure in scope else ""
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    r["tahun"],
                    "march",
                    r[column],
                    sources[measure],
                    note,
                    names,
                )
            )
    return out


def kabkota_2025_observations(ref: Path, names) -> list[dict]:
    """(b) kab/kota IPM 2025 (new method) from file 1."""
    return [
        observation(
            r["kode_bps"],
            "hdi",
            r["tahun"],
            "annual",
            r["ipm"],
            "bps_kabkota_2025",
            KABKOTA_HDI_NOTE,
            names,
        )
        for r in read_csv(ref / F_KABKOTA_2025)
        if r["ipm"]
    ]


def kabkota_2021_observations(ref: Path, names) -> list[dict]:
    """(c) kab/kota TPT 2021 (Sakernas August) from file 2, without the 'no data' zeros."""
    out = []
    for r in read_csv(ref / F_KABKOTA_2021):
        value = r["tpt_persen"]
        if r["kode_bps"] in KAGGLE_TPT_NO_DATA:
            if float(value) != 0:
                raise SystemExit(f"expected TPT 0.0 (no data) for {r['kode_bps']}")
            continue
        if not value or float(value) == 0:
            raise SystemExit(f"unexpected empty/zero TPT for {r['kode_bps']}")
        out.append(
            observation(
                r["kode_bps"],
                "unemployment",
                r["tahun"],
                "august",
                value,
                "kaggle_kemiskinan_2021",
                "",
                names,
            )
        )
    return out


def first_year_of_new_provinces(rows, value_column) -> int:
    """First year in which one of the 2022 Papua provinces has a value."""
    years = [
        int(r["tahun"]) for r in rows if r["kode_bps"] in NEW_PROVINCES_2025 and r[value_column]
    ]
    return min(years)


def territory_note(code: str, year: int, first_new_year: int) -> str:
    if code not in SPLIT_PROVINCES:
        return ""
    return TERRITORY_AFTER if year >= first_new_year else TERRITORY_BEFORE


def join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def province_poverty_observations(ref: Path, names) -> tuple[list[dict], list[str]]:
    """(d) province and national P0, count, GK (March/September) from file 4."""
    rows = read_csv(ref / F_PROV_POVERTY)
    first_new = min(int(r["tahun"]) for r in rows if r["kode_bps"] in NEW_PROVINCES_2025)
    columns = {
        "p0_persen": "p0",
        "jumlah_miskin_ribu": "poor_count",
        "garis_kemiskinan_rp": "poverty_line",
    }
    out, excluded = [], []
    for r in rows:
        if r["kode_bps"] == NATION_CODE:
            continue  # replaced by file 19 (national_observations)
        year = int(r["tahun"])
        for column, measure in columns.items():
            key = (r["kode_bps"], column, r["tahun"], r["periode"])
            if not r[column]:
                continue
            if key in PROV_POVERTY_EXCLUDED:
                excluded.append(PROV_POVERTY_EXCLUDED[key])
                continue
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    year,
                    PERIOD_FROM_SOURCE[r["periode"]],
                    r[column],
                    "bps_prov_poverty",
                    territory_note(r["kode_bps"], year, first_new),
                    names,
                )
            )
    if len(excluded) != len(PROV_POVERTY_EXCLUDED):
        raise SystemExit("an excluded file-4 value was not found")
    return out, excluded


def province_indicator_observations(ref: Path, names) -> list[dict]:
    """(e) province TPT (August) and IPM from Statistik Indonesia (file 5)."""
    rows = read_csv(ref / F_PROV_INDICATORS)
    out = []
    for indicator, (measure, period) in PROV_INDICATOR_MEASURES.items():
        selected = [r for r in rows if r["indikator"] == indicator]
        first_new = first_year_of_new_provinces(selected, "nilai")
        for r in selected:
            if not r["nilai"]:
                continue
            year = int(r["tahun"])
            citation = f"{r['publikasi']}, tabel {r['tabel']}, hlm. {r['halaman_pdf']}"
            note = join_notes(
                citation, r["catatan"], territory_note(r["kode_bps"], year, first_new)
            )
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    year,
                    period,
                    r["nilai"],
                    "bps_statistik_indonesia",
                    note,
                    names,
                )
            )
    return out


def tangerang_observations(ref: Path, names, source_by_url, held) -> tuple[list[dict], list[str]]:
    """(f) Kota Tangerang facts from kota_tangerang_fakta.csv; checks rows already held."""
    out, verified = [], []
    for r in read_csv(ref / F_TANGERANG):
        ind, year, value = r["indikator"], r["tahun"], r["nilai"]
        mapping = (
            TANGERANG_CSV_MAP.get((ind, year, value))
            or TANGERANG_CSV_MAP.get((ind, year, "*"))
            or TANGERANG_CSV_MAP.get((ind, "*", "*"))
        )
        if mapping is None:
            raise SystemExit(f"unmapped Kota Tangerang row {ind} {year} {value}")
        if mapping[0] == VERIFY:
            measure = mapping[1]
            expected = float(value) / 1000 if r["satuan"] == "jiwa" else float(value)
            key = (
                TANGERANG,
                measure,
                int(year),
                "march" if measure != "unemployment" else "august",
            )
            if key not in held or abs(float(held[key]) - expected) > 1e-6:
                raise SystemExit(f"fact {ind} {year}={value} disagrees with data {held.get(key)}")
            verified.append(f"{ind} {year} = {value}")
            continue
        measure, period, note = mapping
        source = source_by_url[r["sumber_url"]]
        out.append(
            observation(
                TANGERANG,
                measure,
                year,
                period,
                value,
                source,
                note if note is not None else r["keterangan"],
                names,
            )
        )
    return out, verified


def extra_fact_observations(ref: Path, names, evidence: Evidence) -> list[dict]:
    """(f, g) figures typed in from facts.md / keterangan, each checked against that text."""
    out = []
    for region, measure, year, period, value, source, note, proof in EXTRA_FACTS:
        evidence.check(proof, f"{region} {measure} {year}")
        evidence.check(value if "." in value else None, f"{region} {measure} {year}")
        out.append(observation(region, measure, year, period, value, source, note, names))
    for abbreviation, code in EXTREME_POVERTY_18_PROVINCES.items():
        match = re.search(rf"\b{abbreviation} (\d+\.\d+)", evidence.text)
        if match is None:
            raise SystemExit(f"{abbreviation} not found in facts.md")
        out.append(
            observation(
                code,
                "extreme_poverty",
                2023,
                "march",
                match.group(1),
                "katadata_20231120",
                EXTREME_POVERTY_18_NOTE,
                names,
            )
        )
    return out


def build_observations(ref: Path, names) -> tuple[list[dict], dict]:
    source_by_url = {s["url"]: s["id"] for s in SOURCES if s["url"]}
    evidence = Evidence(ref)
    rows = panel_observations(ref, names)
    rows += kabkota_2025_observations(ref, names)
    rows += kabkota_2021_observations(ref, names)
    province_rows, excluded = province_poverty_observations(ref, names)
    rows += province_rows
    rows += province_indicator_observations(ref, names)
    rows, second_pass = second_pass_observations(ref, names, rows)
    held = {(r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in rows}
    tangerang_rows, verified = tangerang_observations(ref, names, source_by_url, held)
    rows += tangerang_rows
    rows += extra_fact_observations(ref, names, evidence)
    rows += history_count_line_observations(ref, names) + urban_rural_p1p2_observations(ref, names)
    info = {"excluded": excluded, "verified": verified, "second_pass": second_pass}
    return sorted(rows, key=sort_key), info


def build_targets(ref: Path, names) -> list[dict]:
    evidence = Evidence(ref)
    rows = []
    for region, measure, year, period, value, source, note, proof in TARGETS:
        evidence.check(proof, f"target {region} {measure} {year}")
        row = observation(region, measure, year, period, value, source, note, names)
        del row["status"]
        row.update(basis=PROGRAM_TARGET_BASIS, year_stated="yes", verify="no")
        rows.append(row)
    rows += build_official_targets(ref, names)
    return sorted(rows, key=target_sort_key)


def target_sort_key(row):
    return (*sort_key(row), row["basis"])


def build_official_targets(ref: Path, names) -> list[dict]:
    """Every row of target_kemiskinan.csv (SOURCES.md §21) as a target with its legal basis.

    A single value stays in `value`; a range in `lower`/`upper` ("below x" is `upper` alone);
    a target with no number (SDG 1.2, a relative target) is kept with all three empty. A row
    without a target year (Kota Tangerang's 4.8 % "in the coming years") is dated to the end of
    its plan period, with `year_stated` = no so the dashboard says so. Conflicting targets for
    the same year are all kept: the basis is part of a target's key."""
    source_rows = read_csv(ref / F_TARGETS)
    if len(source_rows) != TARGET_REFERENCE_ROWS:
        raise SystemExit(f"{F_TARGETS}: {len(source_rows)} rows, SOURCES.md says {TARGET_REFERENCE_ROWS}")
    rows = []
    for line, source_row in enumerate(source_rows, start=2):
        region, measure = source_row["kode_bps"], source_row["indikator"]
        if region not in names:
            raise SystemExit(f"{F_TARGETS} line {line}: unknown region {region}")
        if measure not in MEASURE_BY_ID:
            raise SystemExit(f"{F_TARGETS} line {line}: unknown measure {measure}")
        basis = source_row["dasar_hukum"]
        if not basis:
            raise SystemExit(f"{F_TARGETS} line {line}: no legal basis")
        plan = PLAN_PERIOD.search(basis)
        plan_period = f"{plan.group(1)}-{plan.group(2)}" if plan else ""
        year, year_stated = source_row["tahun_target"], "yes"
        if not year:
            if not plan:
                raise SystemExit(f"{F_TARGETS} line {line}: no target year and no plan period")
            year, year_stated = plan.group(2), "no"
        period = TARGET_PERIOD
        exception = TARGET_PERIOD_EXCEPTIONS.get((region, measure, year))
        if exception is not None:
            period, proof = exception
            if proof not in source_row["catatan"]:
                raise SystemExit(f"{F_TARGETS} line {line}: period exception without its evidence {proof!r}")
        value, lower, upper = (fmt_value(source_row[c]) if source_row[c] else ""
                               for c in ("nilai_target", "nilai_bawah", "nilai_atas"))
        if value and (lower or upper):
            raise SystemExit(f"{F_TARGETS} line {line}: both a value and a range")
        if lower and upper and float(lower) > float(upper):
            raise SystemExit(f"{F_TARGETS} line {line}: lower bound above upper bound")
        verify = region != NATION_CODE and basis.startswith(VERIFY_BASIS_PREFIX)
        rows.append({
            "region_code": region, "region_name": names[region], "measure": measure, "year": int(year),
            "period": period, "value": value, "lower": lower, "upper": upper,
            "unit": MEASURE_BY_ID[measure]["unit"], "basis": basis, "plan_period": plan_period,
            "year_stated": year_stated, "verify": "yes" if verify else "no", "source": source_row["sumber"],
            "source_url": source_row["sumber_url"], "note": source_row["catatan"],
        })
    return rows


# =========================================================================== catalog


def build_sources() -> list[dict]:
    return [dict(s) for s in SOURCES]


def build_programs(ref: Path) -> dict:
    evidence = Evidence(ref)
    programs = []
    for p in PROGRAMS:
        rules = []
        for rule in p["rules"]:
            evidence.check(rule["_evidence"], f"rule {p['id']}.{rule['id']}")
            rules.append({k: v for k, v in rule.items() if not k.startswith("_")})
        programs.append({**p, "rules": rules})
    return {"strategies": STRATEGIES, "programs": programs}


# =========================================================================== geo


def _round(value: float) -> float:
    rounded = round(value, GEO_DECIMALS)
    return 0.0 if rounded == 0 else rounded  # no "-0.0"


def round_ring(ring: list) -> list:
    """Round a linear ring and drop consecutive duplicates; keep it closed and >= 4 points."""
    rounded = [[_round(p[0]), _round(p[1])] for p in ring]
    deduped = [rounded[0]]
    for point in rounded[1:]:
        if point != deduped[-1]:
            deduped.append(point)
    if deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return deduped if len(deduped) >= 4 else rounded


def round_geometry(geometry: dict) -> dict:
    kind = geometry["type"]
    if kind == "Polygon":
        coordinates = [round_ring(ring) for ring in geometry["coordinates"]]
    elif kind == "MultiPolygon":
        coordinates = [
            [round_ring(ring) for ring in polygon] for polygon in geometry["coordinates"]
        ]
    else:
        raise SystemExit(f"unexpected geometry type {kind}")
    return {"type": kind, "coordinates": coordinates}


def build_geo(ref: Path) -> dict[str, list[str]]:
    """Copy the three layers at reduced precision, each feature with a string kode_bps."""
    codes = {}
    for source_name, (target_name, code_property) in GEO_FILES.items():
        layer = json.loads((ref / source_name).read_text(encoding="utf-8"))
        features = []
        for feature in layer["features"]:
            properties = {"kode_bps": str(feature["properties"][code_property])}
            properties.update({k: v for k, v in feature["properties"].items() if k != "kode_bps"})
            features.append(
                {
                    "type": "Feature",
                    "properties": properties,
                    "geometry": round_geometry(feature["geometry"]),
                }
            )
        features.sort(key=lambda f: f["properties"]["kode_bps"])
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        (DATA / "geo").mkdir(parents=True, exist_ok=True)
        (DATA / "geo" / target_name).write_text(text + "\n", encoding="utf-8")
        codes[target_name] = [f["properties"]["kode_bps"] for f in features]
    return codes


# =========================================================================== checks


def verify(regions, observations, targets, geo_codes) -> None:
    """Fail loudly if the output breaks the data contract."""
    levels = Counter(r["level"] for r in regions)
    assert levels == {"nation": 1, "province": 38, "kabkota": 514}, levels
    codes = {r["code"] for r in regions}
    source_ids = {s["id"] for s in SOURCES}
    assert len(source_ids) == len(SOURCES), "duplicate source id"
    assert len(MEASURE_BY_ID) == len(MEASURES), "duplicate measure id"
    for name, rows in (("observations", observations), ("targets", targets)):
        keys = Counter((r["region_code"], r["measure"], r["year"], r["period"], r.get("basis")) for r in rows)
        duplicates = [k for k, n in keys.items() if n > 1]
        assert not duplicates, f"duplicate keys in {name}: {duplicates[:5]}"
        # Official targets cite their source in words (SOURCES.md §21 gives no source ids).
        cited = {r["source"] for r in rows if name == "observations" or r["basis"] == PROGRAM_TARGET_BASIS}
        assert cited <= source_ids, f"unknown source in {name}"
        assert {r["measure"] for r in rows} <= set(MEASURE_BY_ID), f"unknown measure in {name}"
        assert {r["region_code"] for r in rows} <= codes, f"unknown region in {name}"
    for p in PROGRAMS:
        assert set(p["measures"]) <= set(MEASURE_BY_ID)
        assert {r["source"] for r in p["rules"]} <= source_ids
    assert {m["program"] for m in MEASURES if m["program"]} == {p["id"] for p in PROGRAMS}
    value = {
        (r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in observations
    }
    assert value[(TANGERANG, "p0", 2021, "march")] == "5.93"
    assert value[(TANGERANG, "p0", 2025, "march")] == "5.19"
    assert value[(NATION_CODE, "p0", 2025, "march")] == "8.47"
    verify_targets(targets)
    kabkota = sorted(r["code"] for r in regions if r["level"] == "kabkota")
    provinces_2020 = sorted(
        r["code"] for r in regions if r["level"] == "province" and r["scheme"] == "both"
    )
    provinces_2025 = sorted(r["code"] for r in regions if r["level"] == "province")
    assert geo_codes["kabkota_2020.geojson"] == kabkota
    assert geo_codes["provinsi_34.geojson"] == provinces_2020
    assert geo_codes["provinsi_38.geojson"] == provinces_2025


def verify_targets(targets) -> None:
    """The official targets the dashboard's answers rest on, checked against SOURCES.md §21."""
    official = [r for r in targets if r["basis"] != PROGRAM_TARGET_BASIS]
    assert len(official) == TARGET_REFERENCE_ROWS, len(official)
    by_key = defaultdict(list)
    for r in official:
        by_key[(r["region_code"], r["measure"], r["year"])].append(r)
    banten_2025 = by_key[("36", "p0", 2025)]
    assert [(r["lower"], r["upper"], r["verify"]) for r in banten_2025] == [("4.5", "5.5", "yes")], banten_2025
    # Conflicting official targets are all kept: extreme poverty 2025 (RPJMN range, budget law 0)
    # and 2026 (RPJMN below 0.5, draft budget 0-0.5, presidential directive 0).
    assert len(by_key[(NATION_CODE, "extreme_poverty", 2025)]) == 2
    assert len(by_key[(NATION_CODE, "extreme_poverty", 2026)]) == 3
    below = [r for r in by_key[(NATION_CODE, "extreme_poverty", 2026)] if r["basis"].startswith("Perpres 12/2025")]
    assert [(r["value"], r["lower"], r["upper"]) for r in below] == [("", "", "0.5")], below
    tangerang = by_key[(TANGERANG, "p0", 2029)]
    assert [(r["value"], r["year_stated"], r["plan_period"]) for r in tangerang] == [("4.8", "no", "2025-2029")]
    assert sum(r["verify"] == "yes" for r in official) == 38  # 19 provinces × (2025, 2029)


# =========================================================================== README


def coverage_table(observations, regions) -> str:
    level_of = {r["code"]: r["level"] for r in regions}
    groups = defaultdict(list)
    for r in observations:
        groups[(r["measure"], level_of[r["region_code"]])].append(r)
    order = {m["id"]: i for i, m in enumerate(MEASURES)}
    level_order = {"nation": 0, "province": 1, "kabkota": 2}
    lines = [
        "| measure | level | rows | regions | years | periods | sources |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for measure, level in sorted(groups, key=lambda k: (order[k[0]], level_order[k[1]])):
        rows = groups[(measure, level)]
        years = sorted({r["year"] for r in rows})
        span = _year_span(years)
        periods = ", ".join(sorted({r["period"] for r in rows}, key=PERIODS.index))
        sources = ", ".join(sorted({r["source"] for r in rows}))
        lines.append(
            f"| {measure} | {level} | {len(rows)} | "
            f"{len({r['region_code'] for r in rows})} | {span} | {periods} | {sources} |"
        )
    return "\n".join(lines)


def _year_span(years: list[int]) -> str:
    """2015–2025 when contiguous, else a list."""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def per_year_counts(observations, regions, measure, level) -> str:
    level_of = {r["code"]: r["level"] for r in regions}
    counts = Counter(
        r["year"]
        for r in observations
        if r["measure"] == measure and level_of[r["region_code"]] == level
    )
    return ", ".join(f"{y}: {n}" for y, n in sorted(counts.items()))


def second_pass_readme(info: dict) -> str:
    """The data/README.md paragraph on the second-pass files and their checks."""
    left_out_extreme = "\n".join(f"  - {text}" for text in info["extreme_left_out"])
    left_out_program = "\n".join(f"  - `{key}`: {why}" for key, why in PROGRAM_EXTRA_LEFT_OUT.items())
    # S608: the words "where ... and" in this Markdown text look like SQL to the linter.
    return f"""Second pass (SOURCES.md §12–20):

- **P1/P2**: kab/kota 2015–2024 from BPS tables 622/623 (file 13) replace the partial Open Data
  Jabar, Aceh and bantenprov values; where both exist they agree ({info['agree']} of
  {info['replaced']} superseded values equal, or equal after rounding bantenprov's 3 decimals;
  the one difference is Labuhan Batu Utara TPT 2021, 5.71 at BPS vs 5.74 in the Kaggle file).
  Provinces: 2015–2023 March (34, file 14), March/September 2024 and March 2025 (38, file 20);
  September 2025 only Banten, Jawa Tengah and Kalimantan Barat (three decimals, news).
- **National**: P0, number of poor, GK, P1, P2, urban and rural P0 (`p0_urban`, `p0_rural`) and the
  Gini ratio (`gini`, BPS releases quoted in the news, outlets in each note), March and September.
- **Labour**: TPT and TPAK (`labour_participation`) by kab/kota, Sakernas August (file 15).
- **HDI** by kab/kota with its method (file 16): see the IPM caveat below.
- **Extreme poverty**: Kab. Tangerang 2020 = 2.75 % (head of BPS Kab. Tangerang, Tangerangupdate,
  26 Apr 2022). Left out, a different concept (households on the P3KE/Regsosek by-name list, not a
  Susenas rate):
{left_out_extreme}
- **Kota Tangerang programmes** (file 18): RTLH units 2014–2020 and running totals to 2018–2021;
  virtual job-fair hires to Oct 2021 and to 5 Dec 2023; registered job-seekers; Si Praja, BLK and
  entrepreneurship trainees; free-schooling pupils. **Where sources disagree both figures are kept
  and the note starts with `BERTENTANGAN`** (the Program page says so in words): RTLH 2019 is 500
  (TangerangNews, Dec 2019: period `december`) and 387 (Tempo 2022: `annual`); the 2025 running
  total 10,656 vs 8,656 + 1,000; the pupils' total 18,734 vs 16,622 + 8,600 = 25,222; 4,031 hires
  2020–Oct 2021 vs 1,090 + 4,036. Left out:
{left_out_program}
- **Long series** (`p0_history`, file 12): kab/kota P0 2004–2014. A row whose note starts with
  `jeda keterbandingan` follows a change of territory (implied population ±30 % or more); rows
  before 2008 precede the Susenas method change. Pages cut the line at both and never join it to
  the 2015–2025 `p0` series."""  # noqa: S608


def file_size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.2f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


def build_readme(regions, observations, targets, info) -> str:
    geo = DATA / "geo"
    geo_total = sum((geo / name).stat().st_size for name, _ in GEO_FILES.values())
    data_total = sum(
        p.stat().st_size for p in DATA.rglob("*") if p.is_file() and p.name != "README.md"
    )
    sources_used = sorted({r["source"] for r in observations}
                          | {r["source"] for r in targets if r["basis"] == PROGRAM_TARGET_BASIS})
    excluded = "\n".join(f"  - {text}" for text in info["excluded"])
    verified = "\n".join(f"- {text}" for text in info["verified"])
    return README_TEMPLATE.format(
        regions_rows=len(regions),
        regions_size=file_size(DATA / "regions.csv"),
        obs_rows=len(observations),
        obs_size=file_size(DATA / "observations.csv"),
        targets_rows=len(targets),
        targets_size=file_size(DATA / "targets.csv"),
        sources_count=len(SOURCES),
        sources_used=len(sources_used),
        measures_count=len(MEASURES),
        programs_count=len(PROGRAMS),
        kabkota_geo_size=file_size(geo / "kabkota_2020.geojson"),
        prov34_geo_size=file_size(geo / "provinsi_34.geojson"),
        prov38_geo_size=file_size(geo / "provinsi_38.geojson"),
        geo_total=f"{geo_total / 1_000_000:.2f} MB",
        data_total=f"{data_total / 1_000_000:.2f} MB",
        coverage=coverage_table(observations, regions),
        p1_years=per_year_counts(observations, regions, "p1", "kabkota"),
        p2_years=per_year_counts(observations, regions, "p2", "kabkota"),
        excluded=excluded or "  - (none)",
        verified=verified,
        provenance=provenance_table(),
        second_pass=second_pass_readme(info["second_pass"]),
        hdi_years=per_year_counts(observations, regions, "hdi", "kabkota"),
        tpt_years=per_year_counts(observations, regions, "unemployment", "kabkota"),
        history_years=per_year_counts(observations, regions, "p0_history", "kabkota"),
    )


README_TEMPLATE = """\
# data/ — embedded data of Dasbor Kemiskinan

Generated by `scripts/build_data.py` from the read-only reference set in
`../shared/reference` (see its `SOURCES.md` and `facts.md`). **Do not edit by hand**; change
the script and rebuild:

```sh
.venv/bin/python scripts/build_data.py            # or: --reference /path/to/reference
```

The build is deterministic (running it twice gives byte-identical files) and checks its own
output (region counts, unique keys, known values, every source / measure / region id resolves,
typed-in facts found verbatim in the reference text).

**Attribution.** Almost every figure is official BPS data re-published by third parties: show
**"Sumber: Badan Pusat Statistik"** wherever it is displayed. Boundaries: **CC BY-IGO, BPS /
OCHA-HDX** (attribution required). News figures (and the Gini ratio, read in news reports of
the BPS releases) name their outlet in `catalog/sources.yaml`. None of the GitHub mirrors grants an explicit open licence for the numbers; BPS allows reuse of its published
statistics with citation (check the current terms on bps.go.id before release).

**Rules.** No invented numbers: every value is copied from a reference file and carries one
`source` id from `catalog/sources.yaml`. Gaps stay gaps (no row). Values the reference blanked
stay out. Values are written as in the source (`5.19`, `838535`; whole numbers without `.0`).

## Files

| file | rows | size | contents |
|---|---:|---:|---|
| `regions.csv` | {regions_rows} | {regions_size} | nation `00`, 38 provinces, 514 kab/kota |
| `observations.csv` | {obs_rows} | {obs_size} | tidy values, one row per value |
| `targets.csv` | {targets_rows} | {targets_size} | official targets |
| `catalog/sources.yaml` | {sources_count} | | one entry per origin ({sources_used} used by rows) |
| `catalog/measures.yaml` | {measures_count} | | measure definitions (id/en), units, method notes |
| `catalog/programs.yaml` | {programs_count} | | Kota Tangerang programmes, strategies, dated rules |
| `geo/kabkota_2020.geojson` | 514 | {kabkota_geo_size} | kab/kota, BPS 2020 codes |
| `geo/provinsi_34.geojson` | 34 | {prov34_geo_size} | provinces, 2020 scheme |
| `geo/provinsi_38.geojson` | 38 | {prov38_geo_size} | provinces, 2025 scheme |

Geo total {geo_total}; all of `data/` except this README {data_total}.

### `regions.csv`

`code,name,name_bps,level,type,parent_code,code_bps_2025,parent_code_2025,code_kemendagri,scheme`

- Codes are **BPS codes**, strings with leading zeros (`00` = Indonesia). Kab/kota use the
  4-digit BPS 2020 code (`kode_bps`, the key of the kab/kota geometry); `code_bps_2025` /
  `parent_code_2025` give the 2025 code and province (they differ only for the 26 Papua kab/kota
  moved to 92/95/96/97).
- `name`: display name (`Kota X`, `Kab. X`); `name_bps`: the BPS name as written in the
  reference (kab/kota: `kabkota_kemiskinan_2025.csv`; provinces: `kode_bps_2025.csv`, upper
  case). BPS 2025 tables still use some older names: `Pontianak` (6104, now Mempawah),
  `Mamuju Utara` (7605, now Pasangkayu), `Maluku Tenggara Barat` (8101, now Kepulauan Tanimbar),
  `Kota Baru` (6302, a Kabupaten: Kotabaru).
- Provinces: the 34 of the 2020 scheme plus 92 Papua Barat Daya, 95 Papua Selatan, 96 Papua
  Tengah, 97 Papua Pegunungan (`scheme` = `2025`). **91 Papua Barat and 94 Papua keep their code
  in both schemes but lost territory in 2022** (`scheme` = `both`): their series have a
  territorial break, flagged in the row notes (see below).
- `code_kemendagri` from the BPS–Kemendagri bridging table (2020, semester 2); empty for the four
  new provinces (the crosswalk is 2020 only). About 180 codes collide across the two schemes:
  **never join BPS data on Kemendagri codes.** The crosswalk agrees with the Kemendagri codes of
  `kabkota_kemiskinan_2025.csv` for all 514 kab/kota.
- Sources: `bps_kode_2025`, `bps_kemendagri_bridging`, `bps_kabkota_2025`, `bps_prov_poverty`.

### `observations.csv`

`region_code,region_name,measure,year,period,value,unit,status,source,note`

- `period`: `annual` or a month. Kab/kota poverty = `march` (Susenas March); province/national
  poverty = `march` / `september`; TPT and unemployed counts = `august` (Sakernas August); IPM =
  `annual`; programme outputs = `annual` unless the source dates the figure to a month that
  differs from a year figure (e.g. 143 schools on 17 May 2023 = `may`, 146 for TA 2023/24 =
  `annual`). Partial years are `annual` with the partiality in `note`.
- `status` is `final` for every row (nothing illustrative). `unit` repeats the measure's unit.
- `note`: row flags carried over from the reference (`catatan`), publication/table/page for the
  Statistik Indonesia rows, territory notes for 91/94, partial-year and breakdown text.
- Sorted by `region_code`, `measure`, `year`, `period` (periods in calendar order, `annual`
  first). Key (`region_code`, `measure`, `year`, `period`) is unique.

Coverage (computed):

{coverage}

Kab/kota rows per year —
P1: {p1_years};
P2: {p2_years} (BPS tables 622/623; Muna Barat, Buton Tengah and Buton Selatan have no 2015–2016
value: "-" at BPS);
TPT: {tpt_years};
HDI (current method): {hdi_years};
P0 long series (`p0_history`): {history_years}.

{second_pass}

### `targets.csv`

Columns `region_code, region_name, measure, year, period, value, lower, upper, unit, basis,
plan_period, year_stated, verify, source, source_url, note`: a single value in `value`, a range in
`lower`/`upper` ("below x" is `upper` alone), the legal basis in `basis` (part of a target's key, so
conflicting targets for one year are all kept). All 62 rows of `target_kemiskinan.csv` (SOURCES.md
§21): national P0 and extreme-poverty targets 2020–2030 (APBN/RKP, RPJMN 2020–2024 and 2025–2029,
Inpres 4/2022 and 8/2025, SDG 1.1/1.2; the SDG 1.2 target has no number and is kept without one),
RPJMN 2025–2029 P0 ranges for 19 provinces (`verify` = yes: read from a text conversion of the PDF,
to be checked against the Perpres), Banten's RPJMD 2016 range (read against September, as its source
does) and Kota Tangerang's 4.8 % (no year stated: dated to the end of its plan period 2025–2029,
`year_stated` = no). Also the Kota Tangerang RTLH targets of 1,000 houses for 2025 (met, Katafoto)
and 2026 (tangerangkota.go.id).

### `catalog/`

- `sources.yaml`: `id, publisher, title, url, date, licence, note` per origin: the publisher and
  the table or article as a reader would cite it (`url` only where the reference records the
  publisher's own address). How the file reached us (a public mirror) is **not** in the catalog,
  the pages or the downloads; it is in the provenance table below. Titles marked "from the URL"
  were rebuilt from the address because the reference gives none.
- A measure's `gaps` list periods the reference has no value for, with the reason (the national
  September 2023: BPS did not compute it); pages show the reason beside the chart.
- `measures.yaml`: poverty measures (`p0, poor_count, p1, p2, poverty_line, extreme_poverty,
  unemployment, hdi, unemployed_count`) and programme measures, with unit, decimals,
  `lower_is_better`, `cumulative` and method notes (2021 SP2020 rebasing of counts; 2021 IPM
  method break).
- `programs.yaml`: the Inpres 4/2022 strategies and four Kota Tangerang programmes (`rtlh`,
  `sekolah_gratis`, `job_fair`, `si_praja`) with dated rules only where a reference states them.

### `geo/`

The three reference layers (BPS 2020 via HDX, dissolved and simplified by the reference) with
coordinates rounded to 3 decimals (about 100 m) and consecutive duplicate points dropped (rings
stay closed with at least 4 points; a ring that would degenerate is kept rounded without dedup).
Properties are kept; every feature has a string `kode_bps` (kab/kota: BPS 2020 code; 34-province
layer: `kode_prov`; 38-province layer: `kode_prov_2025`). Features sorted by `kode_bps`.
Rounding can make a few tiny slivers or self-touching rings; fine for choropleths.

## Known defects and caveats (from SOURCES.md / facts.md)

- **Kota Tarakan 2025** P1 = 0.04, P2 = 0.00 with P0 = 5.03: implausible; flagged in `note`.
  Verify against BPS before highlighting.
- **Nduga 2015**: no Susenas March 2015 in Nduga; BPS repeats the 2014 figure (flagged). The
  national 2015 kab/kota sum is 33.4 thousand above BPS because of this.
- **Buton and Muna 2015** cover the territory before the 2016 split (flagged); Muna Barat, Buton
  Tengah and Buton Selatan have no 2015 rows.
- **2021 rebasing**: from 2021 BPS uses SP2020-based projections; the number of poor jumps in some
  regions while P0 barely moves (Kolaka +41 %, Kolaka Timur −24 % flagged). Compare P0, not
  counts, across 2020→2021.
- **Papua 2022 provinces**: kab/kota rows keep their 2020 code; the 2024–2025 notes name the 2025
  province. Province rows 91 Papua Barat and 94 Papua cover the pre-2022 territory until 2023
  in the poverty and TPT series and until 2021 in the IPM series (from 2022 Statistik Indonesia
  2026 gives IPM for 92/95/96/97), and the reduced territory afterwards; each row's note says
  which. Several Papua
  Pegunungan / Papua Selatan kab P0 jump in 2025 (e.g. Supiori): as published.
- **GK volatility**: 66 year-on-year kab/kota GK changes fall outside −3 %…+15 % (e.g. Toraja Utara
  2018 −24 %, Tolikara 2018 +47 %); these are BPS values.
- **Kab/kota P1/P2 2015–2024** come from the BPS tables 622/623 (file 13); the open-data copies
  for Aceh and Jawa Barat and bantenprov's Banten 2015 used before agree with them (see above) and
  are no longer loaded (their catalog entries stay, for the record).
- **Kab/kota P1/P2** have high sampling error in small areas.
- **Kab/kota TPT** come from the BPS table (file 15). TPT 0.00 in four Papua highland regencies
  (e.g. Nduga 2021) is as published (tiny samples) and flagged in the note. Pegunungan Arfak 2021
  (0.7) is the only value kept from the Kaggle copy (`-` in the BPS table); that copy's other
  2021 values equal the BPS table except Labuhan Batu Utara (5.74 vs 5.71: the BPS value is kept).
- **National series**: all national rows come from `nasional_kemiskinan_2015_2025.csv`, which
  replaces the national rows of `provinsi_kemiskinan_2015_2025.csv` (its March 2017 P0 10.12 was the
  September value, its March 2017 GK the urban line, March 2018 P0 and September 2019–2022 were
  missing). **September 2023 is a gap: BPS did not compute it** (catalog `gaps`); national P1/P2
  of September 2025 are not yet available here.
- **Left out here although not blanked by the reference:**
{excluded}
- Province September values (P0, count, GK) exist only for 2015–2018 and 2024–2025; GK from 2017
  (March only until 2024); Papua Selatan/Tengah/Pegunungan September 2024 have P0 but no count
  or GK in the source.
- **IPM method break 2021** (UHH from the SP2020 Long Form): the province series flags 2021–2025;
  kab/kota `hdi` holds the current method only (2024 all 514, 2025 all 514, Jawa Timur 2021–2023,
  Aceh 2020–2023 with the method inferred); the pre-2024 kab/kota series (Jawa Timur, Aceh
  2015–2023) is a separate measure, `hdi_old_series`, so no line joins the two. Kota Tangerang IPM
  2020/2021 (78.25 / 78.50, news) are old method, flagged `metode lama` and drawn apart.
- **Boundaries**: Anggana (Kutai Kartanegara) was missing from the source copy, so the
  Mahakam-delta coast is cut back slightly; reservoir holes (Cirata, Kedung Ombo) are intentional.
- **RTLH cumulative**: 8,656 (2014–2024) + 1,000 (2025) = 9,656, but the 2025 running total is
  reported as 10,656; both are kept as reported and the 2025 row's note says so.
- News figures (extreme poverty, Kota Tangerang programmes, TPT 2020/2022/2023) are journalists
  quoting BPS or the city; the BPS tables themselves were not read.

## Checked against facts.md

Kota Tangerang figures that the BPS kab/kota tables already hold were compared, not
duplicated; all agree (the news TPT 2020–2023, e.g. 9.07 % in 2021, equal the BPS kab/kota
table kept in the data):

{verified}

## Provenance: how each file reached us

The dashboard cites the publisher (BPS, the city, the news outlet). The numbers were taken from
public copies of those tables; the copy used for each source id is listed here and nowhere else.

{provenance}

## Left out, and why

- `kabkota_kemiskinan_2004_2014.csv`: nothing; P0, the number of poor and GK (2011–2014 only,
  the GK table has no earlier years) are loaded as `p0_history`, `poor_count_history` and
  `poverty_line_history`, each row with the same comparability flags.
- `kabkota_kemiskinan_panel.csv` (file 3): superseded by `kabkota_kemiskinan_panel_2015_2025.csv`.
- `kabkota_kemiskinan_2021.csv`: only `tpt_persen` of Pegunungan Arfak (0.7; "-" in the BPS
  table of file 15) is used; the other TPT values equal file 15 (512 of 513) and are taken from
  there; P0 2021 equals the panel, and RLS,
  expenditure, UHH (pre-2024 method IPM components), sanitation, drinking water and the Kaggle
  label are left out.
- `kabkota_kemiskinan_2025.csv`: only P1, P2 and IPM via the panel / directly; its GK comes from
  the BPS WebAPI and equals the panel's; `penduduk_est_ribu` is derived, not official, and left
  out.
- `provinsi_indikator_2015_2025.csv`: only `tpt_aug_pct` and `hdi`; province TPAK, PDRB per capita and
  growth, sanitation and drinking-water access (concept change 2016) and food/non-food
  expenditure are left out.
- National extreme poverty **2018 = 3.6 %** (facts.md): no period (March/September) is stated, so
  it cannot be keyed; left out. The ambiguous "4.8 %" for 2021 is not used either (as in
  facts.md). The 212-priority-kab/kota averages (3.61 % → 2.76 %) are not a region value.
- RTLH "785 done by 15 Sep 2025" is a within-year progress figure; only the year total (1,000) is
  kept.
"""


# =========================================================================== main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="reference directory (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    ref = args.reference.resolve()
    if not (ref / F_PANEL).exists():
        raise SystemExit(f"reference files not found in {ref}")

    regions = build_regions(ref)
    names = {r["code"]: r["name"] for r in regions}
    observations, info = build_observations(ref, names)
    targets = build_targets(ref, names)
    geo_codes = build_geo(ref)
    verify(regions, observations, targets, geo_codes)
    verify_second_pass(observations, info["second_pass"])
    verify_history_and_urban_rural(observations)
    add_province_gaps(observations, regions)

    write_csv(DATA / "regions.csv", REGION_COLUMNS, regions)
    write_csv(DATA / "observations.csv", OBS_COLUMNS, observations)
    write_csv(DATA / "targets.csv", TARGET_COLUMNS, targets)
    write_yaml(DATA / "catalog" / "sources.yaml", build_sources())
    write_yaml(DATA / "catalog" / "measures.yaml", MEASURES)
    write_yaml(DATA / "catalog" / "programs.yaml", build_programs(ref))
    (DATA / "README.md").write_text(
        build_readme(regions, observations, targets, info), encoding="utf-8"
    )

    disagreements = kemendagri_disagreements(ref)
    print(f"regions {len(regions)}, observations {len(observations)}, targets {len(targets)}")
    print(f"Kemendagri code disagreements file 1 vs crosswalk: {len(disagreements)}")
    for code, file1, crosswalk in disagreements:
        print(f"  {code}: file 1 {file1}, crosswalk {crosswalk} (crosswalk kept)")
    for text in info["excluded"]:
        print(f"left out: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
