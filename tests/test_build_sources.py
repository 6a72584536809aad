"""scripts/build_data.py is code only: its data are the hand-edited files of data/source, and the catalog
files it writes say they are generated (the byte-identical rebuild needs ../shared/reference; see README)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

SOURCE = ROOT / "data" / "source"


@pytest.fixture(scope="module")
def build_data():
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_source_file_is_read_by_the_build():
    code = (ROOT / "scripts" / "build_data.py").read_text(encoding="utf-8")
    unread = [p.name for p in SOURCE.iterdir() if f'"{p.stem}"' not in code and f'"{p.name}"' not in code]
    assert unread == []


def test_generated_catalog_files_say_so_and_the_hand_edited_one_does_not(build_data):
    for name in ("measures.yaml", "programs.yaml", "sources.yaml"):
        text = (ROOT / "data" / "catalog" / name).read_text(encoding="utf-8")
        assert text.startswith(build_data.GENERATED_HEADER), name
    assert not (ROOT / "data" / "catalog" / "matching.yaml").read_text(encoding="utf-8").startswith("# Generated")


def test_source_records_come_back_as_the_builds_tuples(build_data):
    # Kota Tangerang's RTLH target for 2025: 1,000 houses (facts.md, Disperkimtan).
    rtlh = [t for t in build_data.TARGETS if t[:4] == ("3671", "rtlh_units", 2025, "annual")]
    assert len(rtlh) == 1 and float(rtlh[0][4]) == 1000
    # A bilingual text is the build's Bilingual (written in flow style when short).
    assert isinstance(build_data.PROGRAMS[0]["name"], build_data.Bilingual)
    assert build_data.PROGRAM_EXTRA_MAP[("rtlh_unit", "2014")] == ("rtlh_units", 2014, "annual", None)


def test_a_source_table_listing_a_key_twice_stops_the_build(build_data, tmp_path, monkeypatch):
    (tmp_path / "twice.yaml").write_text("- {indicator: a, year: '1', then: x}\n- {indicator: a, year: '1', then: y}\n",
                                         encoding="utf-8")
    monkeypatch.setattr(build_data, "SOURCE_DIR", tmp_path)
    with pytest.raises(SystemExit, match="listed twice"):
        build_data.source_lookup("twice", ("indicator", "year"))


def test_a_record_missing_a_field_stops_the_build(build_data, tmp_path, monkeypatch):
    (tmp_path / "facts.yaml").write_text("- {region: '3671', measure: p0}\n", encoding="utf-8")
    monkeypatch.setattr(build_data, "SOURCE_DIR", tmp_path)
    with pytest.raises(SystemExit, match="record 1: fields"):
        build_data.source_records("facts", build_data.FACT_FIELDS)
