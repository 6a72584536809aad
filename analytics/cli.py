"""Command line: `python -m analytics COMMAND`. Honours DATABASE_URL.

Bad arguments and rejected input give a one-line error (both languages) and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from pathlib import Path

import pandas as pd

from analytics import contract
from analytics.accounts import audit, auth
from analytics.errors import DasborError, UploadRejected
from analytics.i18n import LANGUAGES, pair, t
from analytics.ingest.loading import import_observations, seed
from analytics.outputs import exports
from analytics.store.store import Store

EXIT_OK, EXIT_ERROR, EXIT_REJECTED = 0, 1, 2
LOG = logging.getLogger("dasbor.cli")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, but bilingual
        self.exit(EXIT_REJECTED, t("cli.usage_error", message=message) + "\n")


# Longer than a screen on purpose: a flat declarative table of commands and options, read top to bottom.
def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m analytics",
        description=(
            "Dasbor Kemiskinan: kelola penyimpanan data / manage the data store. "
            "Uses DATABASE_URL (postgresql+psycopg://… or sqlite:///path); default: var/dasbor.sqlite."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    commands.add_parser("seed", help="create the schema and load the embedded data/ if the store is empty")
    commands.add_parser("migrate", help="upgrade the store's schema to this version of the code (safe to repeat)")

    export = commands.add_parser(
        "export", help="write current data (or as of --revision) as tidy CSV, UTF-8",
        description="Columns: " + ", ".join(contract.TIDY_COLUMNS))
    export.add_argument("path", type=Path, help="CSV file to write ('-' for standard output)")
    export.add_argument("--revision", type=int, help="export the data as it was at this revision")

    commands.add_parser("history", help="list revisions, newest first")

    imp = commands.add_parser("import", help="validate a tidy CSV and load it as a new revision")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and show the diff; write nothing")
    imp.add_argument("--user", required=True,
                     help="an enabled editor/admin account (see `users add`); recorded in the revision")
    imp.add_argument("--note", help="why (recorded in the revision)")
    imp.add_argument("--json", action="store_true", help="print one JSON object")
    imp.add_argument("--measure", help="catalog id of the measure, for a table with years as columns")
    imp.add_argument("--sheet", help="worksheet of an .xlsx file (default: the first)")
    imp.add_argument("--year", type=int,
                     help="year of the data, for a BPS table that names none (a file's own years win)")
    imp.add_argument("--kemendagri", action="store_true",
                     help="the file's region codes are Kemendagri codes (translated via the BPS crosswalk)")

    users = commands.add_parser("users", help="manage editor and admin accounts (passwords from a prompt or stdin)")
    user_commands = users.add_subparsers(dest="users_command", metavar="USERS_COMMAND", parser_class=_Parser)
    user_commands.required = True
    add = user_commands.add_parser("add", help="create an account; the password is read from a prompt or stdin")
    add.add_argument("name")
    add.add_argument("--role", choices=["editor", "admin"], required=True)
    user_commands.add_parser("list", help="list accounts (never passwords)")
    disable = user_commands.add_parser("disable", help="disable an account (it can no longer sign in)")
    disable.add_argument("name")
    reset = user_commands.add_parser("reset-password", help="set a new password (prompt or stdin)")
    reset.add_argument("name")

    audit_parser = commands.add_parser("audit", help="print the audit log, newest first")
    audit_parser.add_argument("--user", help="only this account")
    audit_parser.add_argument("--action", help="only this action (sign_in, upload_save, rollback, ...)")
    audit_parser.add_argument("--since", help="only entries at or after this ISO date/time")
    audit_parser.add_argument("--limit", type=int, default=200)

    brief = commands.add_parser(
        "brief", help="one-page A4 region brief (PDF): `brief REGION [--lang id|en] [--out FILE]` or "
                      "`brief --all --out DIR`",
        description="REGION: a BPS code (3671, 36, 00) or a region's name ('Kota Tangerang').")
    brief.add_argument("region", nargs="?", help="BPS code or name of the region")
    brief.add_argument("--all", action="store_true", help="every region (nation, provinces, kab/kota) into --out DIR")
    brief.add_argument("--lang", choices=list(LANGUAGES),
                       help="language (default: id; with --all both languages unless given)")
    brief.add_argument("--out", type=Path, help="PDF file (one region) or directory (--all); default: ./<name>.pdf")
    brief.add_argument("--url", help="the dashboard's address for the link and QR code "
                                     "(default: DASBOR_PUBLIC_URL or http://127.0.0.1:8501)")

    rollback = commands.add_parser("rollback", help="make an earlier revision current again (as a new revision)")
    rollback.add_argument("revision", type=int)
    rollback.add_argument("--user", required=True)
    rollback.add_argument("--note")
    return parser


def export_frame(store: Store, revision: int | None) -> pd.DataFrame:
    """Current (or past) observations in the tidy template's columns."""
    from analytics.catalog import default_catalog
    from analytics.regions import RegionRegistry

    return exports.tidy(store.observations(revision=revision), RegionRegistry(store.regions()), default_catalog())


def _cmd_export(store: Store, args: argparse.Namespace) -> int:
    frame = export_frame(store, args.revision)
    if str(args.path) == "-":
        exports.neutralise(frame).to_csv(sys.stdout, index=False)
    else:
        exports.neutralise(frame).to_csv(args.path, index=False, encoding="utf-8")
        print(t("cli.exported", rows=len(frame), path=args.path))
    return EXIT_OK


def _cmd_history(store: Store, _args: argparse.Namespace) -> int:
    history = store.revisions()
    if history.empty:
        print(t("cli.no_revisions"))
        return EXIT_OK
    columns = ["id", "created_at", "user_name", "kind", "file_name", "rows_added", "rows_changed",
               "rows_unchanged", "rows_removed", "note"]
    print(history[columns].to_string(index=False))
    return EXIT_OK


def _cmd_import(store: Store, args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise DasborError(*pair("message.cli.file_not_found", file=args.file))
    # A dry run too needs an enabled account: it is audited under that name, and a name that is no
    # account must not appear in the log as if it had acted (the refusal is audited instead).
    user = auth.writer(store, args.user, action="import_dry_run (cli)" if args.dry_run else "import (cli)").name
    progress = _terminal_progress() if sys.stderr.isatty() and not args.json else None
    result = import_observations(store, args.file, user=user, note=args.note, dry_run=args.dry_run,
                                 measure=args.measure, sheet=args.sheet, year=args.year,
                                 region_scheme="kemendagri" if args.kemendagri else "bps", progress=progress)
    if progress:
        sys.stderr.write("\n")
    audit.record(store, "upload_dry_run" if args.dry_run else "upload_save", user=user,
                 outcome=result.status, detail=f"{args.file.name} (cli)")
    plan = result.plan
    summary = {
        "status": result.status,
        "rows_added": plan.rows_added if plan else 0,
        "rows_changed": plan.rows_changed if plan else 0,
        "rows_unchanged": plan.rows_unchanged if plan else 0,
        "revision": result.revision.id if result.revision else None,
        # Kecamatan/desa the load registers (code and the name the file gives it).
        "regions_added": ([] if result.regions is None else
                          [{"code": c, "name": n} for c, n in zip(result.regions["code"], result.regions["name"],
                                                                   strict=True)]),
        "warnings": [p.as_dict() for p in result.warnings],
        "problems": [p.as_dict() for p in result.errors],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for problem in result.problems:
            where = t("cli.line", line=problem.row) if problem.row else t("cli.whole_file")
            print(f"[{problem.severity}] {where}, {problem.column}={problem.value!r}: "
                  f"{problem.message_id} / {problem.message_en}")
        print(f"{result.status}: +{summary['rows_added']} ~{summary['rows_changed']} ={summary['rows_unchanged']}"
              + (t("cli.revision_suffix", revision=summary["revision"]) if summary["revision"] else ""))
        if summary["regions_added"]:
            listed = ", ".join(f"{r['code']} {r['name']}" for r in summary["regions_added"])
            print(t("cli.new_regions", regions=listed))
    return EXIT_OK if result.status == "accepted" else EXIT_REJECTED


def _terminal_progress():
    """A one-line progress bar on stderr for long imports at a terminal."""
    def show(fraction: float, label: str) -> None:
        width = 30
        filled = int(width * max(0.0, min(1.0, fraction)))
        stage = label.rsplit(".", 1)[-1]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction * 100:5.1f} % {stage:<14}")
        sys.stderr.flush()
    return show


def _cmd_brief(store: Store, args: argparse.Namespace) -> int:
    from analytics.outputs import brief

    if args.all == bool(args.region):
        raise DasborError(*pair("message.cli.region_or_all"))
    if args.all and args.out is None:
        raise DasborError(*pair("message.cli.all_needs_out"))
    inputs = brief.inputs_from_store(store, args.url or brief.DEFAULT_BASE_URL)
    if not args.all:
        code = brief.find_region(inputs.registry, args.region)
        lang = args.lang or "id"
        target = args.out or Path(brief.file_name(inputs.registry.get(code), lang))
        if target.is_dir():
            target = target / brief.file_name(inputs.registry.get(code), lang)
        target.write_bytes(brief.make_brief(inputs, code, lang).pdf)
        print(f"{target}")
        return EXIT_OK
    languages = [args.lang] if args.lang else list(LANGUAGES)
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [(code, lang) for code in brief.brief_regions(inputs.registry) for lang in languages]
    progress = _terminal_progress() if sys.stderr.isatty() else None
    for done, (code, lang) in enumerate(jobs, start=1):
        region = inputs.registry.get(code)
        (args.out / brief.file_name(region, lang)).write_bytes(brief.make_brief(inputs, code, lang).pdf)
        if progress:
            progress(done / len(jobs), f"{done}/{len(jobs)} {code}")
    if progress:
        sys.stderr.write("\n")
    print(f"{len(jobs)} PDF → {args.out}")
    return EXIT_OK


def _cmd_rollback(store: Store, args: argparse.Namespace) -> int:
    user = auth.writer(store, args.user, action="rollback (cli)").name
    revision = store.rollback(args.revision, user=user, note=args.note)
    audit.record(store, "rollback", user=user, detail=f"to {args.revision} → {revision.id} (cli)")
    print(t("cli.revision_counts", revision=revision.id, added=revision.rows_added, changed=revision.rows_changed, removed=revision.rows_removed))
    return EXIT_OK


def read_password(prompt: str = "Kata sandi / password: ") -> str:
    """From a hidden prompt on a terminal (asked twice), else the first line of stdin; never argv."""
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Ulangi / repeat: ") != first:
            raise DasborError(*pair("message.cli.password_mismatch"))
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _cmd_users(store: Store, args: argparse.Namespace) -> int:
    if args.users_command == "add":
        user = auth.add_user(store, args.name, args.role, read_password(), by="cli")
        print(t("cli.account", name=user.name, role=user.role))
    elif args.users_command == "list":
        table = auth.list_users(store)
        print(table.to_string(index=False) if not table.empty else t("cli.no_accounts"))
    elif args.users_command == "disable":
        auth.disable_user(store, args.name, by="cli")
        print(t("cli.disabled", name=args.name))
    else:
        auth.reset_password(store, args.name, read_password(), by="cli")
        print(t("cli.password_reset", name=args.name))
    return EXIT_OK


def _cmd_audit(store: Store, args: argparse.Namespace) -> int:
    table = audit.entries(store, user=args.user, action=args.action, since=args.since, limit=args.limit)
    print(table.to_string(index=False) if not table.empty else t("cli.audit_empty"))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = Store()
        if args.command == "seed":
            revision = seed(store)
            print(t("cli.seeded", revision=revision.id, values=revision.rows_added) if revision
                  else t("cli.already_seeded"))
            return EXIT_OK
        applied = store.migrate()
        if args.command == "migrate":
            print(t("cli.migrated", version=store.schema_version(), steps=applied))
            return EXIT_OK
        handler = {"export": _cmd_export, "history": _cmd_history, "import": _cmd_import,
                   "rollback": _cmd_rollback, "users": _cmd_users, "audit": _cmd_audit,
                   "brief": _cmd_brief}[args.command]
        return handler(store, args)
    except UploadRejected as error:
        print(t("cli.error", message_id=error.message_id, message_en=error.message_en), file=sys.stderr)
        for problem in error.problems[:20]:
            print(t("cli.problem_line", line=problem.row, column=problem.column, message=problem.message_en), file=sys.stderr)
        return EXIT_REJECTED
    except DasborError as error:
        print(t("cli.error", message_id=error.message_id, message_en=error.message_en), file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # never a traceback for a user; details go to the log
        LOG.debug("command failed", exc_info=True)
        print(t("cli.unexpected_error", kind=type(error).__name__, first_line=str(error).splitlines()[0] if str(error) else ""),
              file=sys.stderr)
        return EXIT_ERROR
