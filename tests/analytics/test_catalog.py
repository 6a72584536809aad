"""The catalog files: programme rules are dated values, one per year (overlaps are an error)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from analytics import paths
from analytics.catalog import CatalogError, default_catalog, load_catalog
from analytics.domain import programs


def catalog_with_rules(tmp_path: Path, rules: list[dict]) -> Path:
    """A copy of the embedded catalog whose RTLH programme has these grant rules."""
    directory = tmp_path / "catalog"
    shutil.copytree(paths.CATALOG_DIR, directory)
    raw = yaml.safe_load((directory / "programs.yaml").read_text(encoding="utf-8"))
    (rtlh,) = [p for p in raw["programs"] if p["id"] == "rtlh"]
    rtlh["rules"] = [{"id": "grant_per_unit", "unit": "rupiah", "source": "katafoto_20251215", **r} for r in rules]
    (directory / "programs.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return directory


def test_the_embedded_rtlh_grant_is_20_million_until_2024_and_30_million_from_2025():
    rules = default_catalog().programs["rtlh"].rules
    assert programs.rule_for(rules, "grant_per_unit", 2024).value == 20_000_000
    assert programs.rule_for(rules, "grant_per_unit", 2025).value == 30_000_000


def test_rules_that_meet_without_overlap_are_accepted(tmp_path):
    directory = catalog_with_rules(tmp_path, [{"value": 20_000_000, "valid_from": None, "valid_to": 2024},
                                              {"value": 30_000_000, "valid_from": 2025, "valid_to": None}])
    assert len(load_catalog(directory).programs["rtlh"].rules) == 2


@pytest.mark.parametrize("second", [
    {"value": 30_000_000, "valid_from": 2024, "valid_to": None},  # 2024 in both
    {"value": 30_000_000, "valid_from": None, "valid_to": 2020},  # both open to the past
    {"value": 30_000_000, "valid_from": 2022, "valid_to": 2023},  # inside the first
])
def test_overlapping_dated_values_of_one_rule_are_an_error(tmp_path, second):
    directory = catalog_with_rules(tmp_path, [{"value": 20_000_000, "valid_from": None, "valid_to": 2024}, second])
    with pytest.raises(CatalogError, match="rtlh, rule grant_per_unit: .* overlap"):
        load_catalog(directory)


def test_a_rule_ending_before_it_starts_is_an_error(tmp_path):
    directory = catalog_with_rules(tmp_path, [{"value": 20_000_000, "valid_from": 2025, "valid_to": 2024}])
    with pytest.raises(CatalogError, match="valid_from 2025 is after valid_to 2024"):
        load_catalog(directory)
