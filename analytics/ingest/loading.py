"""One path from a file to the store: parse → match → validate → plan (dry run) → load.

The upload page calls `check_upload` (the dry run it shows) and then `save_upload`; the command
line's `import` calls `import_observations`, which is those two in one; the seeding of the
embedded store (`seed`) reads data/ with the same parser and validator and writes with the same
`Store.load`. Nothing else writes data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from analytics import contract, paths
from analytics.catalog import Catalog, default_catalog
from analytics.contract import CODE_LENGTH
from analytics.domain import indicators, provenance
from analytics.errors import Problem, UploadRejected
from analytics.i18n import pair
from analytics.ingest import matching
from analytics.ingest import parser as ingest
from analytics.ingest.validate import validate_observations, validate_target_rows
from analytics.regions import RegionRegistry
from analytics.store.store import LoadPlan, Revision, Store, file_sha256


class _Problems:
    """Warnings and errors of a result's `problems`."""

    problems: list[Problem]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class ImportResult(_Problems):
    status: str  # "accepted" | "rejected"
    plan: LoadPlan | None
    revision: Revision | None
    problems: list[Problem] = field(default_factory=list)
    regions: pd.DataFrame | None = None  # kecamatan and desa registered (or to be) with the load


def _region_codes(store: Store, extra: pd.DataFrame | None = None) -> set[str]:
    codes = set(store.regions()["code"])
    if extra is not None:
        codes |= set(extra["code"].astype(str))
    return codes


def check_observations(store: Store, parsed: ingest.ParsedFile, *, catalog: Catalog | None = None,
                       allow_illustrative: bool = False, extra_regions: pd.DataFrame | None = None
                       ) -> tuple[pd.DataFrame, list[Problem]]:
    catalog = catalog or default_catalog()
    typed, problems = validate_observations(parsed.frame, catalog, _region_codes(store, extra_regions),
                                            allow_illustrative=allow_illustrative)
    return typed, parsed.problems + problems


Progress = Callable[[float, str], None]

# Implied population (poor × 100 / P0) differing by more than this share from the region's
# previous year suggests P0 and the number of poor do not belong together.
POPULATION_TOLERANCE = 0.10
# The source of rows whose file names none: the file itself ("upload:p0_2025.csv"); defined with
# the other provenance words (analytics.domain.provenance), which pages import without the loading path.
UPLOAD_SOURCE = provenance.UPLOAD_SOURCE


def _scaled(progress: Progress | None, low: float, high: float) -> Progress | None:
    if progress is None:
        return None
    return lambda fraction, label: progress(low + (high - low) * fraction, label)


def consistency_warnings(frame: pd.DataFrame, store_obs: pd.DataFrame) -> list[Problem]:
    """P0 against the number of poor: where both are in the file, the population they imply
    should be close to the population the stored figures imply for an earlier year."""
    pairs = frame[frame["measure"].isin(["p0", "poor_count"])]
    if pairs.empty:
        return []
    wide = pairs.pivot_table(index=["region_code", "year", "period"], columns="measure", values="value",
                             aggfunc="first")
    rows = pairs.pivot_table(index=["region_code", "year", "period"], columns="measure", values="row",
                             aggfunc="first")
    if not {"p0", "poor_count"} <= set(wide.columns):
        return []
    implied = indicators.population_from_poverty(wide).rename("population")
    if implied.empty:
        return []
    stored = store_obs[store_obs["measure"].isin(["p0", "poor_count"])]
    stored = stored.pivot_table(index=["region_code", "year", "period"], columns="measure", values="value",
                                aggfunc="first").dropna()
    if stored.empty or not {"p0", "poor_count"} <= set(stored.columns):
        return []
    stored_population = indicators.population_from_poverty(stored).rename("population").reset_index()
    problems = []
    for (region, year, period), population in implied.items():
        earlier = stored_population[(stored_population["region_code"] == region)
                                    & (stored_population["period"] == period)
                                    & (stored_population["year"] < year)]
        if earlier.empty:
            continue
        reference = earlier.sort_values("year").iloc[-1]
        if abs(population / reference["population"] - 1) > POPULATION_TOLERANCE:
            line = rows.loc[(region, year, period), "poor_count"]
            problems.append(Problem(
                None if pd.isna(line) else int(line), "value", f"{population:.1f}",
                *pair("message.loading.implied_population", region=region, year=year, population=population, reference_population=reference['population'], int_reference_year=int(reference['year'])),
                "warning"))
    return problems


@dataclass
class UploadCheck(_Problems):
    """A file read, matched, validated and compared with the store: the dry run."""

    status: str  # "accepted" | "rejected"
    parsed: ingest.ParsedFile
    frame: pd.DataFrame
    plan: LoadPlan | None
    problems: list[Problem] = field(default_factory=list)
    # Kecamatan and desa/kelurahan the registry does not know yet, named by the file: registered
    # with the load so their rows show by name (the per-kecamatan views list registered ones).
    regions: pd.DataFrame | None = None
    # "observations", or "targets" for a file in the target template (its rows are in `frame`
    # and its dry run in plan.targets_*).
    kind: str = "observations"


# By a finer code's length: its level and the length of its parent's code (BPS: 7-digit kecamatan
# under a 4-digit kab/kota, 10-digit desa under a 7-digit kecamatan).
FINER_LEVELS = {CODE_LENGTH[level]: (level, CODE_LENGTH[parent]) for level, parent in contract.FINER_LEVELS.items()}


def new_finer_regions(frame: pd.DataFrame, registry: RegionRegistry) -> tuple[pd.DataFrame, list[Problem]]:
    """Kecamatan (7-digit) and desa/kelurahan (10-digit) codes not in the registry, with the names
    the file gives them, as rows for the regions table. A code under no registered kab/kota, or
    given two names, is an error; codes the file names nowhere are one warning (their rows are
    stored but cannot be shown by name). Worked out per distinct code: a million-row file of
    desa holds some tens of thousands."""
    empty = pd.DataFrame(columns=["code", "name", "level", "type", "parent_code", "scheme"])
    row_codes, uniques = pd.factorize(frame["region_code"])
    distinct = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    is_new = (distinct.str.len().isin(list(FINER_LEVELS)) & ~distinct.isin(registry.frame.index)).to_numpy()
    if not is_new.any():
        return empty, []
    new = distinct[is_new]
    problems: list[Problem] = []
    kabkota = registry.frame.index[registry.frame["level"] == "kabkota"]
    orphans = new[~new.str[:CODE_LENGTH["kabkota"]].isin(kabkota)]
    if not orphans.empty:
        rows = frame.loc[frame["region_code"].isin(set(orphans)), ["row", "region_code"]]
        for prefix, group in rows.groupby(rows["region_code"].str[:CODE_LENGTH["kabkota"]], sort=True):
            code = str(group["region_code"].iloc[0])
            problems.append(matching.problem_on_lines(
                group["row"].astype(int).tolist(), "region_code", code,
                *pair("message.loading.orphan_code", code=code, prefix=prefix)))
        is_new = is_new & ~distinct.isin(orphans).to_numpy()
        new = distinct[is_new]
    in_new = is_new[row_codes]
    has_name = frame["region_name"].str.len().fillna(0).to_numpy(dtype="int64") > 0
    given = np.flatnonzero(in_new & has_name)  # rows of new codes that name them
    named = frame.iloc[given][["row", "region_code"]].assign(
        region_name=frame["region_name"].iloc[given].astype(str).str.strip())
    named = named[named["region_name"] != ""]
    pairs = named.drop_duplicates(["region_code", "region_name"])
    names_per_code = pairs.groupby("region_code", sort=True)["region_name"].agg(list)
    for code, names in names_per_code[names_per_code.map(len) > 1].items():
        problems.append(matching.problem_on_lines(
            named.loc[named["region_code"] == code, "row"].astype(int).tolist(), "region_name", " / ".join(names),
            *pair("message.loading.two_names", code=code, join_names=', '.join(names))))
    unnamed = sorted(set(new) - set(names_per_code.index))
    if unnamed:
        shown = ", ".join(unnamed[:5]) + (f" … (+{len(unnamed) - 5})" if len(unnamed) > 5 else "")
        problems.append(Problem(
            None, "region_name", "",
            *pair("message.loading.unnamed_finer_codes", count=len(unnamed), shown=shown),
            "warning"))
    single = names_per_code[names_per_code.map(len) == 1]
    if single.empty:
        return empty, problems
    codes = [str(c) for c in single.index]
    levels = [FINER_LEVELS[len(c)] for c in codes]
    regions = pd.DataFrame({"code": codes, "name": [names[0] for names in single],
                            "level": [level for level, _ in levels], "type": None,
                            "parent_code": [c[:size] for c, (_, size) in zip(codes, levels, strict=True)],
                            "scheme": "bps"})
    return regions, problems


def check_upload(store: Store, source: str | Path | bytes | BinaryIO, *, file_name: str | None = None,
                 sheet: str | None = None, measure: str | None = None, region_scheme: str = "bps",
                 year: int | None = None, catalog: Catalog | None = None,
                 progress: Progress | None = None) -> UploadCheck:
    """Parse → match regions and measures → validate → diff against the store. Writes nothing.
    A file in the target template (it names a legal basis or a bound) is checked as targets."""
    catalog = catalog or default_catalog()
    if isinstance(source, (str, Path)) and Path(source).is_file():
        source, file_name = Path(source).read_bytes(), file_name or Path(source).name
    # A workbook is read once, in a child process: parse says when it holds the target template.
    workbook = isinstance(source, (bytes, bytearray)) and bytes(source[:4]) == b"PK\x03\x04"
    if isinstance(source, (bytes, bytearray)) and not workbook and ingest.sniff_targets(bytes(source), sheet):
        return check_target_upload(store, bytes(source), file_name=file_name, sheet=sheet, catalog=catalog)
    parsed = ingest.parse(source, file_name=file_name, sheet=sheet, measure=measure, region_scheme=region_scheme,
                          year=year, progress=_scaled(progress, 0.0, 0.5))
    if parsed.target_template:
        return check_target_upload(store, bytes(source), file_name=file_name, sheet=sheet,  # type: ignore[arg-type]
                                   catalog=catalog)
    if any(p.severity == "error" for p in parsed.problems) and parsed.frame.empty:
        return UploadCheck("rejected", parsed, parsed.frame, None, parsed.problems)
    registry = RegionRegistry(store.regions())
    if progress:
        progress(0.55, "loading.progress.match")
    resolution = matching.resolve(parsed.frame, registry, catalog)
    if progress:
        progress(0.7, "loading.progress.validate")
    resolved = resolution.frame
    if "source" in resolved:
        # Every stored value carries a source: a file that names none is its own source.
        resolved = resolved.assign(source=resolved["source"].fillna("").astype(str).str.strip()
                                   .replace("", f"{UPLOAD_SOURCE}{parsed.file_name}"))
    typed, problems = validate_observations(resolved, catalog, set(registry.frame["code"]))
    problems = parsed.problems + resolution.problems + _not_yet_reported(problems, parsed, resolution.problems)
    if any(p.severity == "error" for p in problems):
        return UploadCheck("rejected", parsed, resolution.frame, None, _dedupe(problems))
    regions, region_problems = new_finer_regions(typed, registry)
    problems += region_problems
    if any(p.severity == "error" for p in region_problems):
        return UploadCheck("rejected", parsed, typed, None, _dedupe(problems))
    if typed["measure"].isin(["p0", "poor_count"]).any():
        store_obs = store.observations(regions=sorted(typed["region_code"].unique()), measures=["p0", "poor_count"])
        problems += consistency_warnings(typed, store_obs)
    if progress:
        progress(0.85, "loading.progress.compare")
    plan = store.plan(typed)
    if progress:
        progress(1.0, "loading.progress.compare")
    return UploadCheck("accepted", parsed, typed, plan, _dedupe(problems), regions if not regions.empty else None)


# Columns the matcher already explains: the validator's generic word on them adds nothing.
_MATCHED_COLUMNS = {"region_code", "region_name", "measure", "period"}


def _not_yet_reported(problems: list[Problem], parsed: ingest.ParsedFile,
                      matched: list[Problem]) -> list[Problem]:
    """Validator problems, minus those on a cell the parser or matcher already explained
    (an unmatched name is not also "not a BPS code"; a file needing a measure is not also
    "measure empty" on every line; an unreadable number is not also "a value is required")."""
    explained_rows = {p.row for p in matched if p.severity == "error"}
    explained_values = {p.value for p in matched if p.severity == "error" and p.value}
    # A value the parser could not read ("lima koma sembilan belas") is empty to the validator:
    # the parser's "not a number" already says what is wrong with that row.
    unread_rows = {p.row for p in parsed.problems if p.severity == "error" and p.row is not None}
    out = []
    for problem in problems:
        if problem.column == "value" and not problem.value and problem.row in unread_rows:
            continue
        if problem.column in _MATCHED_COLUMNS and (problem.row in explained_rows
                                                   or problem.value in explained_values):
            continue
        if parsed.needs_measure and problem.column == "measure":
            continue
        out.append(problem)
    return out


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per cell and severity (the matcher's message is the more specific one, and
    it comes first), in the order of the file's lines."""
    seen, out = set(), []
    for problem in problems:
        key = (problem.row, problem.column, problem.value, problem.severity)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return sorted(out, key=lambda p: (p.row is not None, p.row or 0))


def check_target_upload(store: Store, source: str | Path | bytes | BinaryIO, *, file_name: str | None = None,
                        sheet: str | None = None, catalog: Catalog | None = None) -> UploadCheck:
    """A file in the target template: parse → validate → diff against the store's targets."""
    catalog = catalog or default_catalog()
    parsed = ingest.parse_targets(source, file_name=file_name, sheet=sheet)
    if any(p.severity == "error" for p in parsed.problems) and parsed.frame.empty:
        return UploadCheck("rejected", parsed, parsed.frame, None, parsed.problems, kind="targets")
    frame = parsed.frame.assign(source=parsed.frame["source"].replace("", f"{UPLOAD_SOURCE}{parsed.file_name}"))
    typed, problems = validate_target_rows(frame, catalog, set(store.regions()["code"]))
    problems = _dedupe(parsed.problems + problems)
    if any(p.severity == "error" for p in problems):
        return UploadCheck("rejected", parsed, frame, None, problems, kind="targets")
    plan = store.plan(_no_observations(), typed)
    return UploadCheck("accepted", parsed, typed, plan, problems, kind="targets")


def _no_observations() -> pd.DataFrame:
    return pd.DataFrame({"region_code": pd.Series(dtype=object), "measure": pd.Series(dtype=object),
                         "year": pd.Series(dtype="int64"), "period": pd.Series(dtype=object),
                         "value": pd.Series(dtype="float64"), "status": pd.Series(dtype=object),
                         "source": pd.Series(dtype=object), "note": pd.Series(dtype=object)})


def save_upload(store: Store, check: UploadCheck, *, user: str, note: str | None) -> Revision:
    """Write an accepted check as one revision. Its dry run is reused when nothing was written
    since; otherwise the plan is computed again inside the transaction."""
    if check.status != "accepted":
        raise UploadRejected(check.problems)
    if check.kind == "targets":
        return store.load(_no_observations(), check.frame, user=user, file_name=check.parsed.file_name,
                          sha256=check.parsed.sha256, note=note, plan=check.plan)
    return store.load(check.frame, user=user, file_name=check.parsed.file_name, sha256=check.parsed.sha256,
                      note=note, plan=check.plan, regions=check.regions)


def import_observations(store: Store, source: str | Path | bytes | BinaryIO, *, user: str,
                        file_name: str | None = None, note: str | None = None, dry_run: bool = False,
                        sheet: str | None = None, measure: str | None = None, region_scheme: str = "bps",
                        year: int | None = None, catalog: Catalog | None = None,
                        progress: Progress | None = None) -> ImportResult:
    """Import any supported file (the CLI's path). Rejected files write nothing: see `status`."""
    check = check_upload(store, source, file_name=file_name, sheet=sheet, measure=measure,
                         region_scheme=region_scheme, year=year, catalog=catalog, progress=progress)
    if check.status == "rejected" or dry_run:
        return ImportResult(check.status, check.plan, None, check.problems, check.regions)
    if check.plan is not None and check.plan.rows_added + check.plan.rows_changed == 0 and check.regions is None:
        # Nothing new: an empty revision would only clutter the history (the page offers no save then).
        return ImportResult("accepted", check.plan, None, check.problems, None)
    revision = save_upload(store, check, user=user, note=note)
    return ImportResult("accepted", check.plan, revision, check.problems, check.regions)


def read_regions(path: Path | None = None) -> pd.DataFrame:
    return pd.read_csv(path or paths.REGIONS_FILE, dtype=str, keep_default_na=False)


def seed(store: Store, *, data_dir: Path | None = None, catalog: Catalog | None = None) -> Revision | None:
    """Create the schema and load the embedded data as revision 1 if the store is empty."""
    store.migrate()
    if not store.is_empty():
        return None
    data_dir = data_dir or paths.DATA_DIR
    catalog = catalog or default_catalog()
    regions = read_regions(data_dir / "regions.csv")
    obs_file, tgt_file = data_dir / "observations.csv", data_dir / "targets.csv"
    parsed = ingest.parse_tidy(obs_file)
    observations, problems = check_observations(store, parsed, catalog=catalog, extra_regions=regions)
    parsed_targets = ingest.parse_targets(tgt_file)
    targets, target_problems = validate_target_rows(parsed_targets.frame, catalog, set(regions["code"]),
                                                    allow_without_number=True)
    problems += parsed_targets.problems + target_problems
    if any(p.severity == "error" for p in problems):
        raise UploadRejected(problems)
    if not store.is_empty():  # another process seeded while we validated
        return None
    return store.load(observations, targets, user="system", kind="seed", regions=regions,
                      file_name="data/observations.csv + data/targets.csv",
                      sha256=file_sha256(obs_file, tgt_file),
                      note="Data BPS tertanam / embedded BPS data")
