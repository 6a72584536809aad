"""Kecamatan and desa named in an upload are registered with it, so their rows show by name;
a code under no kab/kota or with two names is refused, and a refusal registers nothing."""

from __future__ import annotations

from analytics.domain import programs
from analytics.ingest.loading import check_upload, save_upload
from analytics.regions import RegionRegistry
from analytics.store.store import Store

# Illustrative numbers in this test's own store only; the codes follow the BPS 7-digit pattern
# under Kota Tangerang (3671).
KECAMATAN = (b"kode_kecamatan;kecamatan;tahun;Jumlah RTLH diperbaiki\n"
             b"3671010;Ciledug;2023;120\n3671020;Larangan;2023;95\n3671020;Larangan;2024;80\n3671030;;2024;10\n")


def test_named_kecamatan_are_registered_on_save_and_shown_by_name(writable_store: Store):
    check = check_upload(writable_store, KECAMATAN, file_name="rtlh_kecamatan.csv")
    assert check.status == "accepted", check.problems
    assert check.regions[["code", "name", "level", "parent_code"]].values.tolist() == [
        ["3671010", "Ciledug", "kecamatan", "3671"], ["3671020", "Larangan", "kecamatan", "3671"]]
    # 3671030 has no name: stored, not registered, and the user is told so once.
    [unnamed] = [p for p in check.warnings if p.column == "region_name"]
    assert unnamed.message_en.startswith("1 kecamatan/desa code is not registered and has no name (3671030)")
    assert "3671010" not in set(writable_store.regions()["code"])  # the dry run registered nothing
    revision = save_upload(writable_store, check, user="siti", note="RTLH per kecamatan (uji)")
    assert revision.rows_added == 4
    registry = RegionRegistry(writable_store.regions())
    assert registry.name("3671020") == "Larangan" and registry.get("3671020").parent_code == "3671"
    assert "3671030" not in registry
    breakdown = programs.kecamatan_breakdown(writable_store.observations(), registry, "3671", ["rtlh_units"])
    assert sorted(zip(breakdown["region_name"], breakdown["year"], breakdown["value"], strict=True)) == [
        ("Ciledug", 2023, 120.0), ("Larangan", 2023, 95.0), ("Larangan", 2024, 80.0)]


def test_a_code_under_no_kabkota_or_with_two_names_is_refused_and_registers_nothing(writable_store: Store):
    before = writable_store.regions()
    check = check_upload(writable_store, b"kode_kecamatan;kecamatan;tahun;Jumlah RTLH diperbaiki\n"
                                         b"9999010;Ciledug;2023;120\n3671020;Larangan;2023;95\n"
                                         b"3671020;Larang;2024;80\n", file_name="salah.csv")
    assert check.status == "rejected"
    assert [(p.row, p.column, p.value) for p in check.errors] == [
        (2, "region_code", "9999010"), (3, "region_name", "Larangan / Larang")]
    assert "9999 is not a BPS kab/kota code" in check.errors[0].message_en
    assert check.errors[1].message_en.startswith("Code 3671020 is given more than one name (Larangan, Larang)")
    assert writable_store.regions().equals(before) and writable_store.data_version() == 1


def test_a_file_of_registered_regions_registers_nothing(writable_store: Store):
    check = check_upload(writable_store, b"kode_wilayah;nama_wilayah;indikator;tahun;periode;nilai\n"
                                         b"3671;Kota Tangerang;p0;2025;Maret;5,19\n", file_name="p0.csv")
    assert check.status == "accepted" and check.regions is None
