"""Where a shown value comes from, in words a reader can cite.

A seeded value is cited by its publisher and table ("BPS, Persentase Penduduk Miskin (P0)
Menurut Kabupaten/Kota (tabel 621) …, 2025") or, for news, by outlet, title and date. A value a
member of staff uploaded is marked as such ("diunggah petugas, revisi 3, 29 Nov 2026"), never
under the citation of the value it replaced: the store's `rev_from` says which revision wrote a
row, and the revision's kind says whether that was an upload. Mirrors that delivered the
reference files are not named here (data/README.md's provenance table holds them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from babel.dates import format_date

from analytics.catalog import Catalog, Source
from analytics.fmt import LOCALES
from analytics.i18n import t

# The source of rows whose file names none: the file itself ("upload:p0_2025.csv"). Used by the
# loading path (analytics.ingest.loading) and here; kept here so pages need not import the loading path.
UPLOAD_SOURCE = "upload:"

# Revision kinds whose rows are staff uploads, and rows a rollback put back.
UPLOAD_KIND = "upload"
ROLLBACK_KIND = "rollback"
# "Badan Pusat Statistik (BPS)" → "BPS": a publisher's acronym in brackets is what readers cite.
_ACRONYM = re.compile(r"\(([A-Z][A-Z-]{1,12})\)")
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}")
# A public copy that delivered a document ("owner/repo@<commit>", with the file or section after it)
# and "via arsip owner/repo": data/README.md's provenance names them, a citation does not.
_MIRROR = re.compile(r"\s*\b[\w.-]+/[\w.-]+@[0-9a-f]{7,40}\b(?:\s+(?:[\w.…-]+/)*[\w.…-]+\.md\b|"
                     r"\s+[IVX]+_\w+(?:\s*&\s*[IVX]+_\w+)*)?:?")
_VIA_ARCHIVE = re.compile(r"\s+via arsip [\w.-]+/[\w.-]+")
# The catalog's mark on a title rebuilt from the article's address (data/source/sources.yaml).
TITLE_FROM_LINK = " (title taken from the link)"
_MIRROR_HOSTS = ("github.com", "githubusercontent.com", "gitlab.com")
# Publishers whose entries are statistical tables (cited with the data year), not articles.
_STATISTICS_PUBLISHERS = ("Badan Pusat Statistik", "BPS", "Open Data", "Pemerintah Provinsi Banten")


@dataclass(frozen=True)
class RevisionStamp:
    """Who wrote a row: the revision's number, kind and day."""

    id: int
    kind: str
    day: date | None


def revision_stamps(revisions: pd.DataFrame) -> dict[int, RevisionStamp]:
    """Revision id → its stamp, from the store's revisions table."""
    stamps = {}
    for row in revisions.itertuples(index=False):
        created = str(getattr(row, "created_at", "") or "")
        try:
            day = date.fromisoformat(created[:10])
        except ValueError:
            day = None
        stamps[int(row.id)] = RevisionStamp(int(row.id), str(row.kind), day)
    return stamps


def day_text(day: date | None, lang: str) -> str:
    """"29 Nov 2026" (Indonesian month abbreviations in Indonesian: "3 Agu 2026")."""
    return "" if day is None else format_date(day, "d MMM y", locale=LOCALES.get(lang, LOCALES["id"]))


def short_publisher(publisher: str) -> str:
    match = _ACRONYM.search(publisher)
    return match.group(1) if match else publisher


def is_statistics(source: Source) -> bool:
    return any(name in source.publisher for name in _STATISTICS_PUBLISHERS)


def source_title(source: Source, lang: str) -> str:
    """The catalog title as a reader reads it. A title the reference did not give was rebuilt from the
    article's address and is marked so in the catalog; the mark is said in the reader's language
    ("judul menurut alamat tautan" / "title taken from the link"). No title is ever invented."""
    if not source.title.endswith(TITLE_FROM_LINK):
        return source.title
    return f"{source.title.removesuffix(TITLE_FROM_LINK)} ({t('source.title_from_link', lang)})"


def citation(source_id: str, catalog: Catalog, lang: str, year: int | str | None = None) -> str:
    """A source as a reader cites it: "BPS, <table>, 2025" for statistics (with the data year when
    given), "<outlet>, “<title>”, <date>" for an article."""
    source = catalog.sources.get(source_id)
    if source is None and source_id.startswith(UPLOAD_SOURCE):
        return t("source.upload", lang, file=source_id.removeprefix(UPLOAD_SOURCE))
    if source is None:
        return source_id
    if is_statistics(source):
        parts = [short_publisher(source.publisher), source_title(source, lang)]
        if year is not None and str(year):
            parts.append(str(year))
        return ", ".join(p for p in parts if p)
    title = f"“{source_title(source, lang)}”" if source.title and not source.title.startswith("(") else ""
    if source.title.endswith(TITLE_FROM_LINK):  # the mark after the quotes: it is not part of the title
        title = f"“{source.title.removesuffix(TITLE_FROM_LINK)}” ({t('source.title_from_link', lang)})"
    return ", ".join(p for p in (source.publisher, title, article_date(source.date)) if p)


def without_mirrors(text: str) -> str:
    """A source text as a reader cites it: the public copies that delivered the document (repository
    and commit, "via arsip …") removed, the publisher, date and title kept; parts left empty dropped."""
    parts = []
    for part in str(text or "").split(";"):
        cleaned = _VIA_ARCHIVE.sub("", _MIRROR.sub("", part)).strip()
        if cleaned:
            parts.append(cleaned)
    return "; ".join(parts)


def target_citation(source: str, basis: str) -> str:
    """A target's source as a reader cites it: its text without mirrors; where only a mirror named the
    document (the RPJMN's text conversion), the legal basis names it instead."""
    cleaned = without_mirrors(source)
    if not cleaned or cleaned[0] in "(\"":
        return f"{basis} {cleaned}".strip()
    return cleaned


def publisher_url(url: str) -> str:
    """The address if it is the publisher's own page, "" if it points at a public copy (a repository)."""
    return "" if any(host in str(url or "") for host in _MIRROR_HOSTS) else str(url or "")


def article_date(text: str) -> str:
    """The date of an article as the catalog gives it ("2023-01-19", "2022-04"), without the
    catalog's explanations ("not stated (2025)" gives "")."""
    match = _DATE.match(text)
    return match.group(0) if match else ""


def uploaded_label(stamp: RevisionStamp, lang: str, stated_source: str = "") -> str:
    """"diunggah petugas, revisi 3, 29 Nov 2026" (+ the source the file itself named, if any)."""
    text = t("provenance.uploaded", lang, revision=stamp.id, day=day_text(stamp.day, lang)).rstrip(", ")
    if stated_source.startswith(UPLOAD_SOURCE):
        text += " " + t("provenance.file", lang, file=stated_source.removeprefix(UPLOAD_SOURCE))
    elif stated_source:
        text += " " + t("provenance.file_says", lang, source=stated_source)
    return text


def row_labels(rows: pd.DataFrame, catalog: Catalog, stamps: dict[int, RevisionStamp], lang: str) -> list[str]:
    """One provenance text per row: the uploaded mark for uploaded rows, else the citation with
    the row's year; a value a rollback put back says so before its citation."""
    revisions = rows["rev_from"] if "rev_from" in rows else pd.Series([None] * len(rows), index=rows.index)
    out = []
    for source, year, rev in zip(rows["source"], rows["year"], revisions, strict=True):
        stamp = stamps.get(int(rev)) if rev is not None and not pd.isna(rev) else None
        if stamp is not None and stamp.kind == UPLOAD_KIND:
            out.append(uploaded_label(stamp, lang, str(source)))
            continue
        text = citation(str(source), catalog, lang, int(year))
        if stamp is not None and stamp.kind == ROLLBACK_KIND:
            text = t("provenance.restored", lang, revision=stamp.id, day=day_text(stamp.day, lang)) + " " + text
        out.append(text)
    return out


def is_uploaded(rows: pd.DataFrame, stamps: dict[int, RevisionStamp]) -> pd.Series:
    """Which rows a staff upload wrote."""
    if "rev_from" not in rows:
        return pd.Series(False, index=rows.index)
    kinds = rows["rev_from"].map(lambda rev: stamps[int(rev)].kind if not pd.isna(rev) and int(rev) in stamps else "")
    return kinds.eq(UPLOAD_KIND)


def cited_sources(rows: pd.DataFrame, stamps: dict[int, RevisionStamp]) -> list[str]:
    """The catalog sources behind the rows that were not uploaded (uploads are listed apart)."""
    uploaded = is_uploaded(rows, stamps)
    return sorted({str(s) for s in rows.loc[~uploaded, "source"] if s})


def upload_revisions(rows: pd.DataFrame, stamps: dict[int, RevisionStamp]) -> list[int]:
    """The upload revisions that wrote any of the rows, oldest first (none for rows without `rev_from`,
    e.g. a kecamatan breakdown)."""
    if "rev_from" not in rows:
        return []
    uploaded = is_uploaded(rows, stamps)
    return sorted({int(r) for r in rows.loc[uploaded, "rev_from"]})


def upload_notes(rows: pd.DataFrame, stamps: dict[int, RevisionStamp], lang: str) -> list[str]:
    """One line per upload revision behind the rows: "diunggah petugas, revisi 3, 29 Nov 2026"."""
    return [uploaded_label(stamps[r], lang) for r in upload_revisions(rows, stamps)]


def point_upload(rows: pd.DataFrame, point: object, stamps: dict[int, RevisionStamp]
                 ) -> tuple[RevisionStamp, str] | None:
    """The upload revision that wrote one shown value (an indicators.Point) and the source its file
    named, or None if the value was not uploaded."""
    if point is None or "rev_from" not in rows:
        return None
    match = rows[(rows["region_code"] == point.region_code) & (rows["measure"] == point.measure)
                 & (rows["year"] == point.year) & (rows["period"] == point.period)]
    if match.empty:
        return None
    stamp = stamps.get(int(match["rev_from"].iloc[0]))
    if stamp is None or stamp.kind != UPLOAD_KIND:
        return None
    return stamp, str(match["source"].iloc[0])


def point_upload_label(rows: pd.DataFrame, point: object, stamps: dict[int, RevisionStamp], lang: str
                       ) -> str | None:
    """The uploaded mark of one shown value (an indicators.Point), or None if it was not uploaded."""
    found = point_upload(rows, point, stamps)
    return None if found is None else uploaded_label(found[0], lang, found[1])


def with_labels(rows: pd.DataFrame, catalog: Catalog, stamps: dict[int, RevisionStamp], lang: str) -> pd.DataFrame:
    """The rows with a `source_label` column (what a chart's hover and a table show)."""
    return rows.assign(source_label=row_labels(rows, catalog, stamps, lang)) if not rows.empty else \
        rows.assign(source_label=pd.Series(dtype=object))
