"""Issue #16 item 3: the targets CSV download (Kemiskinan and Ringkasan target sections) cites the
legal basis or the publisher; the public copies that delivered a document (the RPJMN text conversion
on GitHub, a news archive) are named only in data/README.md's provenance."""

from __future__ import annotations

import re

import pytest

from analytics.catalog import default_catalog
from analytics.domain import targets
from analytics.outputs import exports
from analytics.regions import RegionRegistry
from pages._shared import targets_view

CATALOG = default_catalog()
MIRROR = re.compile(r"github|mova-notes|naandalist|via arsip|[\w.-]+/[\w.-]+@[0-9a-f]{7}", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_target_download_cites_no_mirror(seeded_store, lang):
    obs = seeded_store.observations(down_to="kabkota")
    registry = RegionRegistry(seeded_store.regions())
    stored = seeded_store.targets()
    # every region that has a target of its own, and the nation (whose RPJMN targets came via the mirror)
    downloads = 0
    for region in sorted(set(stored["region_code"])):
        for measure_id in sorted(set(stored.loc[stored["region_code"] == region, "measure"])):
            result = targets.evaluate(obs, stored, registry, CATALOG, region, measure_id, as_of=2026)
            if not result.all:
                continue
            text = exports.csv_bytes(targets_view.targets_table(result, CATALOG.measure(measure_id), registry, lang)
                                     ).decode("utf-8")
            assert not MIRROR.search(text), (region, measure_id, MIRROR.search(text).group(0))
            downloads += 1
    assert downloads >= 20
    # the national extreme-poverty 2029 target, read from the RPJMN's copy, is cited by its legal basis
    result = targets.evaluate(obs, stored, registry, CATALOG, "00", "extreme_poverty", as_of=2026)
    table = targets_view.targets_table(result, CATALOG.measure("extreme_poverty"), registry, lang)
    sources = set(table.iloc[:, -2])
    assert "Perpres 12/2025 tentang RPJMN 2025-2029 (Lampiran/Narasi) - Sasaran Utama PN 6" in sources
