"""One path from a file to the store: parse → validate → plan (dry run) → load.

The upload page, the command line and the seeding of the embedded store all
call `import_observations`; nothing else writes data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from analytics import ingest, paths
from analytics.catalog import Catalog, default_catalog
from analytics.errors import Problem, UploadRejected
from analytics.store import LoadPlan, Revision, Store, file_sha256
from analytics.validate import validate_observations, validate_targets


@dataclass
class ImportResult:
    status: str  # "accepted" | "rejected"
    plan: LoadPlan | None
    revision: Revision | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


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


def import_observations(store: Store, source: str | Path | bytes | BinaryIO, *, user: str,
                        file_name: str | None = None, note: str | None = None, dry_run: bool = False,
                        catalog: Catalog | None = None, allow_illustrative: bool = False) -> ImportResult:
    """Import a tidy file. Rejected files raise nothing and write nothing: see `status`."""
    parsed = ingest.parse_tidy(source, file_name=file_name)
    typed, problems = check_observations(store, parsed, catalog=catalog, allow_illustrative=allow_illustrative)
    if any(p.severity == "error" for p in problems):
        return ImportResult("rejected", None, None, problems)
    plan = store.plan(typed)
    if dry_run:
        return ImportResult("accepted", plan, None, problems)
    revision = store.load(typed, user=user, file_name=parsed.file_name, sha256=parsed.sha256, note=note)
    return ImportResult("accepted", plan, revision, problems)


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
    parsed_targets = ingest.parse_tidy(tgt_file, columns=ingest.TARGET_COLUMNS)
    targets, target_problems = validate_targets(parsed_targets.frame, catalog, set(regions["code"]))
    problems += parsed_targets.problems + target_problems
    if any(p.severity == "error" for p in problems):
        raise UploadRejected(problems)
    if not store.is_empty():  # another process seeded while we validated
        return None
    return store.load(observations, targets, user="system", kind="seed", regions=regions,
                      file_name="data/observations.csv + data/targets.csv",
                      sha256=file_sha256(obs_file, tgt_file),
                      note="Data BPS tertanam / embedded BPS data")
