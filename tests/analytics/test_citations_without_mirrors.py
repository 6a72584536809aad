"""Issue #16 (sources a reader trusts): the public copies that delivered a document (a repository and
commit, "via arsip …") are named only in data/README.md's provenance, never in a citation a reader
sees: the region brief's target sources, the targets table and the glide chart's source line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analytics.domain import provenance
from analytics.outputs import brief

MIRROR = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{7}|via arsip|mova-notes|Naandalist|github", re.IGNORECASE)


@pytest.mark.parametrize(("text", "basis", "expected"), [
    # targets.csv rows (data/targets.csv, national extreme poverty 2029 and 2025)
    ("movanet/mova-notes@94a8ab07ee5d7e5cb6de747c46f220eff5f64cca III_Prioritas_6",
     "Perpres 12/2025 tentang RPJMN 2025-2029", "Perpres 12/2025 tentang RPJMN 2025-2029"),
    ("movanet/mova-notes@94a8ab07ee5d7e5cb6de747c46f220eff5f64cca docs/rpjmn/IV_Wilayah_3_Jawa.md (tabel "
     "\"Sasaran Pembangunan Provinsi\")", "Perpres 12/2025",
     "Perpres 12/2025 (tabel \"Sasaran Pembangunan Provinsi\")"),
    ("Politika (Mensos); Kompas 27-05-2025 via arsip Naandalist/trending-news-diggest (Wamensos)", "Inpres 8/2025",
     "Politika (Mensos); Kompas 27-05-2025 (Wamensos)"),
    # a text naming no mirror is left as written
    ("Katadata 12-02-2020 \"RPJMN: Pemerintah Targetkan\"", "Perpres 18/2020", "Katadata 12-02-2020 \"RPJMN: Pemerintah Targetkan\""),
])
def test_target_citation_drops_the_mirror_and_keeps_the_publisher(text, basis, expected):
    assert provenance.target_citation(text, basis) == expected


def test_publisher_url_keeps_the_publisher_page_only():
    assert provenance.publisher_url("https://github.com/movanet/mova-notes/blob/x/docs/a.md") == ""
    assert provenance.publisher_url("https://www.bps.go.id/id/statistics-table/2/NTAzIzI=").startswith("https://www.bps")


@pytest.mark.parametrize("code", ["5371", "3671", "00"])
def test_brief_names_no_mirror(seeded_store, code):
    inputs = brief.inputs_from_store(seeded_store, "https://dasbor.example.go.id", date(2026, 11, 29))
    content = brief.compose(inputs, code, "id")
    target_line = next(s for s in content.sources if s.startswith("Sumber target"))
    assert "Perpres 12/2025" in target_line  # the RPJMN is cited by its legal name
    assert not [s for s in content.sources if MIRROR.search(s)]
