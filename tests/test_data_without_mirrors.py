"""Issue #16 item 3: the public copies that delivered the files are named in data/README.md's
provenance section and nowhere else under data/ (the hand-edited inputs under data/source/ keep
them for the build, which writes them to the README only)."""

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
README = DATA / "README.md"


def mirror_names() -> set[str]:
    """Every repository the provenance section names (github.com/owner/name or owner/name@commit)."""
    text = README.read_text(encoding="utf-8").split("## Provenance", 1)[1]
    names = {m.group(1) for m in re.finditer(r"github\.com/([\w.-]+/[\w.-]+)", text)}
    names |= {m.group(1) for m in re.finditer(r"\b([\w.-]+/[\w.-]+)\s*@\s*[0-9a-f]{7,40}", text)}
    names |= {m.group(1) for m in re.finditer(r"via arsip ([\w.-]+/[\w.-]+)", text)}
    return {n.removesuffix(".git") for n in names}


def test_the_provenance_section_names_the_mirrors_the_targets_came_through():
    names = mirror_names()
    # the RPJMN text conversion that delivered the national and provincial targets, and the two
    # repositories the first pass read (worked out from data/source/sources.yaml's `via`)
    assert {"movanet/mova-notes", "Naandalist/trending-news-diggest", "muhammadludviarg/visdati", "jagonyabakmie/uas-visdat-kemiskinan"} <= names
    assert len(names) >= 10


def test_no_data_file_but_the_readme_names_a_mirror():
    needles = {"github.com", "githubusercontent.com", "via arsip", *mirror_names(),
               # the account names too (Naandalist, movanet), except the Banten government's own
               # account: "bantenprov" is the publisher, and the catalog's source id says so
               *(n.split("/")[0] for n in mirror_names())} - {"bantenprov"}
    offenders = []
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or path == README or DATA / "source" in path.parents:
            continue
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        offenders += [f"{path.relative_to(DATA)}: {n}" for n in needles if n.lower() in text]
    assert offenders == []


def test_targets_cite_the_legal_basis_where_only_a_mirror_named_the_document():
    import csv
    with (DATA / "targets.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["region_code"], r["measure"], r["year"]): r for r in csv.DictReader(f)}
    row = rows[("00", "extreme_poverty", "2029")]
    assert row["source"] == row["basis"] == "Perpres 12/2025 tentang RPJMN 2025-2029 (Lampiran/Narasi) - Sasaran Utama PN 6"
    assert row["source_url"] == ""
    # a publisher's own page stays (Bisnis.com beside the RPJMN for the national P0 2025 range)
    assert rows[("00", "p0", "2025")]["source_url"].startswith("https://ekonomi.bisnis.com/")
