"""One-off restructure (issue #19 items 1, 6, 7): analytics/ into sub-packages along the data flow.

Run once, on a clean checkout of the merged main, from the repository root:

    .venv/bin/python scripts/restructure_layout.py            # apply, check, leave changes staged
    .venv/bin/python scripts/restructure_layout.py --commit   # ... and commit them

What it does, in order (every step deterministic, driven by the tables below):

1. Pre-flight: refuses a dirty tree; says "already applied" and exits 0 when analytics/ingest/ is a
   package; refuses (changing nothing) when analytics/ holds a flat module the tables do not place
   (place it with `--place NAME=PACKAGE`, e.g. `--place plurals=.` to keep it at the top).
2. Data contract: moves the tidy columns, the fact key, the target key, the region code lengths and
   the period/status vocabularies into analytics/contract.py (each only when its definition is a
   literal or built from other contract names; otherwise it stays and a warning says so).
3. `git mv` of every module (history follows), of analytics/common_passwords.txt with auth.py, and of
   the tests into tests/analytics/<package>/test_<module>.py; __init__.py files for the packages.
4. Rewrites every reference: import statements by AST (`from analytics import x`,
   `from analytics.x import y`, `import analytics.x as z`, multi-line, function-local), then dotted
   and slash paths in code, strings, comments and docs (monkeypatch targets, "analytics.x.y",
   analytics/x.py, tests/analytics/test_x.py, tests.analytics.test_x), test-file depth
   (Path(__file__).parents), pyproject's package list; writes the README's architecture section and
   docs/architecture.md.
5. `ruff check --fix --select I001,F401` on the rewritten Python files (import order; an import left
   unused because its names moved to the contract), then checks and fails loudly when:
   any old module path is still referenced anywhere (dotted or slash), any module fails to import,
   or `ruff check .` fails. On failure the tree is put back (`git reset --hard`, new files removed)
   unless `--keep-on-failure`.

No compatibility shims are left: nothing persisted names a module (st.cache_data keeps its pickles in
memory only, no persist=; the store holds no class paths), so no old import path has to keep working.

This script can be deleted after it has been applied; it is kept in history for the record.
"""

from __future__ import annotations

import argparse
import ast
import builtins
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------------------------
# The tables: where each flat module goes. Top level keeps the foundation every layer uses.
# --------------------------------------------------------------------------------------------

# Flat modules that stay in analytics/ (the foundation and the entry point).
KEEP = ["__init__", "__main__", "cli", "paths", "errors", "text", "catalog", "regions", "fmt", "i18n"]

# old module name -> new dotted module path
MODULE_MOVES: dict[str, str] = {
    # files -> tidy frame -> matched -> validated -> planned / loaded
    "ingest": "analytics.ingest.parser",
    "matching": "analytics.ingest.matching",
    "schemas": "analytics.ingest.schemas",
    "validate": "analytics.ingest.validate",
    "loading": "analytics.ingest.loading",
    # the one writer
    "store": "analytics.store.store",
    "keys": "analytics.store.keys",
    # who may write, and the record of what they did
    "auth": "analytics.accounts.auth",
    "audit": "analytics.accounts.audit",
    "session_cookie": "analytics.accounts.session_cookie",  # issue #20's remembered sign-in (when merged)
    # pure pandas over the stored observations
    "indicators": "analytics.domain.indicators",
    "programs": "analytics.domain.programs",
    "targets": "analytics.domain.targets",
    "target_text": "analytics.domain.target_text",
    "compare": "analytics.domain.compare",
    "coverage": "analytics.domain.coverage",
    "narrative": "analytics.domain.narrative",
    "provenance": "analytics.domain.provenance",
    # every plotly figure
    "charts": "analytics.figures.charts",
    "maps": "analytics.figures.maps",
    "poverty_charts": "analytics.figures.poverty_charts",
    "program_charts": "analytics.figures.program_charts",
    "target_charts": "analytics.figures.target_charts",
    # what leaves the dashboard: downloads and the printed brief
    "exports": "analytics.outputs.exports",
    "brief": "analytics.outputs.brief",
}

# Modules a parallel branch adds: moved when merged, no warning when not.
MODULE_OPTIONAL = {"session_cookie"}

# Non-Python files that move with their module.
FILE_MOVES = {"analytics/common_passwords.txt": "analytics/accounts/common_passwords.txt"}

PACKAGE_DOCS = {
    "ingest": '"""Files to checked rows: parse any supported layout (parser), match regions and measures\n'
              '(matching), check against the pandera contract and domain rules (schemas, validate), and the one\n'
              'path to the store (loading: parse -> match -> validate -> plan -> load)."""\n',
    "store": '"""The one writer: the versioned SQL store (store) and the integer fact key (keys)."""\n',
    "accounts": '"""Editor and admin accounts (auth: argon2, lockout, SSO roles) and the append-only audit log."""\n',
    "domain": '"""Pure pandas over the stored observations: indicators, programmes, targets and their words,\n'
              'comparison, coverage, narrative and provenance. No plotly figures here (see figures/),\n'
              'except the quadrant of compare and the heatmap of coverage, drawn on figures.charts."""\n',
    "figures": '"""Every plotly figure: the one theme (charts: palette, base_layout, source line, trend),\n'
               'maps and the figures of the poverty, programme and target sections."""\n',
    "outputs": '"""What leaves the dashboard: CSV/Excel downloads (exports) and the one-page PDF brief (brief)."""\n',
}

# tests/analytics/<old>.py (or tests/<old>.py) -> new path. Tests named test_<module>.py of a moved
# module follow their module automatically; these are the others, placed by what they test.
TEST_MOVES = {
    "tests/analytics/test_ingest.py": "tests/analytics/ingest/test_parser.py",
    "tests/analytics/test_auth_hardening.py": "tests/analytics/accounts/test_auth_hardening.py",
    "tests/analytics/test_chart_audit.py": "tests/analytics/figures/test_chart_audit.py",
    "tests/analytics/test_hostile_files.py": "tests/analytics/ingest/test_hostile_files.py",
    "tests/analytics/test_import_safety.py": "tests/analytics/ingest/test_import_safety.py",
    "tests/analytics/test_input_hardening.py": "tests/analytics/ingest/test_input_hardening.py",
    "tests/analytics/test_new_regions.py": "tests/analytics/ingest/test_new_regions.py",
    "tests/analytics/test_store_targets.py": "tests/analytics/store/test_store_targets.py",
    "tests/analytics/test_target_answers.py": "tests/analytics/domain/test_target_answers.py",
    "tests/analytics/test_target_upload.py": "tests/analytics/ingest/test_target_upload.py",
    "tests/analytics/test_upload_corpus.py": "tests/analytics/ingest/test_upload_corpus.py",
    "tests/test_cli.py": "tests/analytics/test_cli.py",
    # added on the parallel branches of the last round (moved when present)
    "tests/analytics/test_bps_year.py": "tests/analytics/ingest/test_bps_year.py",
    "tests/analytics/test_upload_memory.py": "tests/analytics/ingest/test_upload_memory.py",
}
# Tests that stay where they are (they check the whole tree or the seeded data, not one module).
TEST_KEEP = {"tests/analytics/test_architecture.py", "tests/analytics/test_data_second_pass.py",
             "tests/analytics/test_fmt.py", "tests/analytics/test_citations_without_mirrors.py",
             "tests/analytics/test_data_history_urban_rural.py"}

# The data contract: (old module, name) moved into analytics/contract.py, in this order.
CONTRACT = [
    ("ingest", "TIDY_COLUMNS"),
    ("ingest", "TARGET_COLUMNS"),
    ("keys", "KEY"),
    ("store", "TARGET_KEY"),
    ("store", "CODE_LENGTH"),
    ("catalog", "MONTHS"),
    ("catalog", "PERIODS"),
    ("catalog", "PERIOD_ORDER"),
    ("catalog", "STATUSES"),
]
# Defined only once issue #19's de-duplication is merged: their absence is no warning.
CONTRACT_OPTIONAL = {("catalog", "MONTHS"), ("catalog", "PERIOD_ORDER")}
# Same-named duplicates removed when their definition equals the contract's (issue #19: "nothing twice").
CONTRACT_DUPLICATES = [("validate", "TARGET_KEY")]

CONTRACT_HEADER = '''"""The data contract: the columns, keys and vocabularies every layer agrees on.

The tidy template's columns (what files are parsed into, what exports write), the key of a fact row
and of a target, the longest region code at each level, and the periods and statuses a row may
carry. The parser, the validator, the store and the exports import them from here, so a change to
the contract is one edit in one file.
"""

from __future__ import annotations
'''

# Text files whose references are rewritten and checked (besides every tracked .py file).
TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".txt", ".yaml", ".yml", ".sh", ".rst", ".json"}
TEXT_NAMES = {"Makefile", "run", ".importlinter", ".coveragerc", "setup.cfg", ".vulture_whitelist"}
SKIP_DIRS = ("data/", ".venv/", "analytics/fonts/")
SELF = "scripts/restructure_layout.py"
DOCS = "scripts/restructure_layout_docs/"  # written in the new paths already: never rewritten

# --------------------------------------------------------------------------------------------


class Failure(Exception):
    pass


def run(*args: str, check: bool = True, capture: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=ROOT, text=True, capture_output=capture)
    if check and result.returncode != 0:
        raise Failure(f"`{' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
    return result


def tracked_files() -> list[str]:
    return [line for line in run("git", "ls-files").stdout.splitlines() if (ROOT / line).is_file()]


def is_text_candidate(rel: str) -> bool:
    if rel == SELF or rel.startswith(DOCS) or rel.startswith(SKIP_DIRS) or rel.startswith("tests/fixtures/uploads/"):
        return False
    path = Path(rel)
    return path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES


def warn(message: str) -> None:
    print(f"WARNING: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------- pre-flight


def preflight(places: dict[str, str]) -> dict[str, str]:
    if (ROOT / "analytics" / "ingest" / "__init__.py").exists():
        print("already applied: analytics/ingest/ is a package; nothing to do")
        sys.exit(0)
    status = run("git", "status", "--porcelain", "--untracked-files=no").stdout.strip()
    if status:
        raise Failure(f"the work tree has uncommitted changes; commit or stash them first:\n{status}")
    moves = dict(MODULE_MOVES)
    for name, package in places.items():
        if package in (".", ""):
            KEEP.append(name)
            moves.pop(name, None)
        else:
            moves[name] = f"analytics.{package}.{name}"
    flat = sorted(p.stem for p in (ROOT / "analytics").glob("*.py"))
    unplaced = [name for name in flat if name not in moves and name not in KEEP]
    if unplaced:
        raise Failure("analytics/ holds modules the tables do not place: " + ", ".join(unplaced)
                      + "\nplace each with --place NAME=PACKAGE (PACKAGE one of ingest, store, accounts, "
                      "domain, figures, outputs, or . to keep it at the top) and run again")
    for name in list(moves):
        if not (ROOT / "analytics" / f"{name}.py").exists():
            if name in MODULE_OPTIONAL:
                print(f"note: analytics/{name}.py is not on this tree (its branch not merged); nothing to move")
            else:
                warn(f"analytics/{name}.py no longer exists (removed on main?); skipped")
            del moves[name]
    return moves


# ---------------------------------------------------------------------------- the contract


def _definition(tree: ast.Module, name: str) -> ast.stmt | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return node
    return None


def _span_with_comments(lines: list[str], node: ast.stmt) -> tuple[int, int]:
    """0-based [start, end) of the statement plus the comment lines directly above it."""
    start = node.lineno - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start, node.end_lineno


def _drop_doubled_blank(lines: list[str], at: int) -> None:
    """A block cut out from between two blank lines leaves one of them, not both."""
    if 0 < at < len(lines) and not lines[at - 1].strip() and not lines[at].strip():
        del lines[at]


def _insert_import(text: str, statement: str) -> str:
    """Put `statement` after the module's last top-level import (ruff sorts it afterwards)."""
    tree = ast.parse(text)
    last = 0
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            last = node.end_lineno
        elif last:
            break
    if not last:  # no imports: after the docstring / __future__
        first = tree.body[0]
        last = first.end_lineno if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) else 0
    lines = text.splitlines(keepends=True)
    lines.insert(last, statement + "\n")
    return "".join(lines)


def extract_contract() -> set[tuple[str, str]]:
    """Move the contract's definitions into analytics/contract.py (still at the old paths)."""
    moved: list[tuple[str, str, str]] = []  # (module, name, source text)
    names_moved: set[str] = set()
    sources: dict[str, str] = {}
    for module, name in CONTRACT:
        path = ROOT / "analytics" / f"{module}.py"
        if not path.exists():
            warn(f"contract: analytics/{module}.py is gone; {name} not moved")
            continue
        text = sources.setdefault(module, path.read_text(encoding="utf-8"))
        tree = ast.parse(text)
        node = _definition(tree, name)
        if node is None:
            if (module, name) in CONTRACT_OPTIONAL:
                print(f"note: contract: {module}.{name} is not defined (yet); nothing to move")
            else:
                warn(f"contract: {name} is not defined at the top of analytics/{module}.py; not moved")
            continue
        used = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)} if node.value else set()
        # comprehension variables are bound inside the expression; builtins are everywhere
        bound = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        foreign = used - names_moved - bound - set(dir(builtins))
        if foreign:
            warn(f"contract: {module}.{name} depends on {sorted(foreign)}; left where it is")
            continue
        lines = text.splitlines(keepends=True)
        start, end = _span_with_comments(lines, node)
        block = "".join(lines[start:end])
        lines[start:end] = []
        _drop_doubled_blank(lines, start)
        # collapse a run of blank lines the removal may have left
        sources[module] = re.sub(r"\n{4,}", "\n\n\n", "".join(lines))
        moved.append((module, name, block))
        names_moved.add(name)
    for module, name in CONTRACT_DUPLICATES:
        path = ROOT / "analytics" / f"{module}.py"
        if name not in names_moved or not path.exists():
            continue
        text = sources.setdefault(module, path.read_text(encoding="utf-8"))
        node = _definition(ast.parse(text), name)
        original = next(b for m, n, b in moved if n == name)
        if node is None:
            continue
        if ast.dump(node) != ast.dump(_definition(ast.parse(original), name)):
            warn(f"contract: {module}.{name} differs from the contract's; left where it is")
            continue
        lines = text.splitlines(keepends=True)
        start, end = _span_with_comments(lines, node)
        lines[start:end] = []
        _drop_doubled_blank(lines, start)
        sources[module] = "".join(lines)
        moved.append((module, name, ""))
    if not moved:
        return set()
    body = CONTRACT_HEADER
    for _module, _name, block in moved:
        if block:
            body += "\n" + block
    (ROOT / "analytics" / "contract.py").write_text(body, encoding="utf-8")
    # every source module imports back what it still uses
    for module, text in sources.items():
        tree = ast.parse(text)
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        wanted = sorted(name for _m, name, _b in moved if name in used and _definition(tree, name) is None)
        if wanted:
            text = _insert_import(text, f"from analytics.contract import {', '.join(wanted)}")
        (ROOT / "analytics" / f"{module}.py").write_text(text, encoding="utf-8")
    run("git", "add", "analytics/contract.py")
    return {(m, n) for m, n, _b in moved}


# ---------------------------------------------------------------------------- moves


def plan_test_moves(moves: dict[str, str]) -> dict[str, str]:
    """Old test path -> new test path."""
    out: dict[str, str] = {}
    candidates = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "analytics").glob("test_*.py"))
    candidates += [p for p in TEST_MOVES if p.startswith("tests/test_")]
    for rel in candidates:
        if not (ROOT / rel).exists():
            if rel in TEST_MOVES:
                warn(f"{rel} no longer exists; skipped")
            continue
        if rel in TEST_MOVES:
            out[rel] = TEST_MOVES[rel]
            continue
        if rel in TEST_KEEP:
            continue
        stem = Path(rel).stem[len("test_"):]
        # test_<module>.py, or test_<module>_<aspect>.py, follows its module (longest module name first)
        owner = next((m for m in sorted(moves, key=len, reverse=True)
                      if stem == m or stem.startswith(m + "_")), None)
        if owner is None:
            if stem not in KEEP and not any(stem == k or stem.startswith(k + "_") for k in KEEP):
                warn(f"{rel} names no module; left in tests/analytics/")
            continue
        package, new = moves[owner].split(".")[1:]
        out[rel] = f"tests/analytics/{package}/test_{new}{stem[len(owner):]}.py"
    return out


def do_moves(moves: dict[str, str], tests: dict[str, str]) -> list[str]:
    created: list[str] = []
    for package in sorted({target.split(".")[1] for target in moves.values()}):
        directory = ROOT / "analytics" / package
        directory.mkdir(exist_ok=True)
        init = directory / "__init__.py"
        init.write_text(PACKAGE_DOCS.get(package, f'"""analytics.{package}."""\n'), encoding="utf-8")
        created.append(init.relative_to(ROOT).as_posix())
    for name, target in moves.items():
        run("git", "mv", f"analytics/{name}.py", target.replace(".", "/") + ".py")
    for old, new in FILE_MOVES.items():
        if (ROOT / old).exists():
            run("git", "mv", old, new)
    for old, new in tests.items():
        directory = (ROOT / new).parent
        if not directory.exists():
            directory.mkdir(parents=True)
        init = directory / "__init__.py"
        if not init.exists():
            init.write_text("", encoding="utf-8")
            created.append(init.relative_to(ROOT).as_posix())
        run("git", "mv", old, new)
    run("git", "add", *created)
    return created


# ---------------------------------------------------------------------------- rewriting


class Rewriter:
    def __init__(self, moves: dict[str, str], contract: set[tuple[str, str]], tests: dict[str, str]):
        self.moves = moves
        self.contract = contract
        self.tests = tests
        # old module names that are package names now (analytics/ingest.py -> analytics/ingest/)
        self.packages = {name for name in moves if name in {t.split(".")[1] for t in moves.values()}}
        names = "|".join(sorted(map(re.escape, moves), key=len, reverse=True))
        # analytics.x (not part of a longer dotted name on the left), x a moved module
        self.dotted = re.compile(rf"(?<![\w.-])analytics\.({names})(?![\w])")
        # analytics/x.py or analytics/x (a path), not under another folder
        self.slashed = re.compile(rf"(?<![\w/.-])analytics/({names})(\.py)?(?![\w/-])")
        test_map: dict[str, str] = {}
        for old, new in tests.items():
            test_map[old] = new
            test_map[old[:-3].replace("/", ".")] = new[:-3].replace("/", ".")
        self.test_map = test_map
        keys = "|".join(sorted(map(re.escape, test_map), key=len, reverse=True))
        self.tested = re.compile(rf"(?<![\w/.-])({keys})(?![\w])") if keys else None

    # -- prose, strings, comments: one pass, so nothing is rewritten twice
    def text(self, text: str, config: bool = False) -> str:
        if config:
            # import-linter / coverage settings name packages and wildcards ("analytics.ingest",
            # "analytics.store.**"): once ingest and store are packages those mean the whole package,
            # as their authors intended, so they stay; other module names are rewritten
            def dotted(m: re.Match) -> str:
                name, after = m.group(1), m.string[m.end():m.end() + 2]
                return m.group(0) if name in self.packages or after == ".*" else self.moves[name]
            text = self.dotted.sub(dotted, text)
        else:
            text = self.dotted.sub(lambda m: self.moves[m.group(1)], text)
        text = self.slashed.sub(
            lambda m: self.moves[m.group(1)].replace(".", "/") + (m.group(2) or ""), text)
        if self.tested:
            text = self.tested.sub(lambda m: self.test_map[m.group(1)], text)
        return text

    # -- import statements, by AST
    def _from_analytics(self, alias: ast.alias) -> tuple[str, str]:
        """`from analytics import NAME [as x]` -> (module, 'name [as x]')."""
        name, bound = alias.name, alias.asname or alias.name
        if name in self.moves:
            package, new = self.moves[name].rsplit(".", 1)
            return package, new if new == bound else f"{new} as {bound}"
        return "analytics", name if bound == name else f"{name} as {bound}"

    def _statements(self, node: ast.stmt, force: bool = False) -> list[str] | None:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise Failure(f"relative import at line {node.lineno}: not handled")
            module = node.module or ""
            groups: dict[str, list[str]] = {}
            if module == "analytics":
                if not force and not any(a.name in self.moves for a in node.names):
                    return None
                for alias in node.names:
                    target, text = self._from_analytics(alias)
                    groups.setdefault(target, []).append(text)
            elif module.startswith("analytics."):
                old = module.split(".")[1]
                rest = module.split(".")[2:]
                new_module = self.moves.get(old, f"analytics.{old}")
                if rest:
                    new_module = ".".join([new_module, *rest])
                touched = old in self.moves or any((old, a.name) in self.contract for a in node.names)
                if not touched:
                    return None
                for alias in node.names:
                    text = alias.name if not alias.asname else f"{alias.name} as {alias.asname}"
                    target = "analytics.contract" if (old, alias.name) in self.contract else new_module
                    groups.setdefault(target, []).append(text)
            else:
                return None
            return [f"from {target} import {', '.join(names)}" for target, names in groups.items()]
        if isinstance(node, ast.Import):
            if not force and not any(a.name.split(".")[0] == "analytics" and len(a.name.split(".")) > 1
                                     and a.name.split(".")[1] in self.moves for a in node.names):
                return None
            out = []
            for alias in node.names:
                parts = alias.name.split(".")
                name = alias.name
                if parts[0] == "analytics" and len(parts) > 1 and parts[1] in self.moves:
                    name = ".".join([self.moves[parts[1]], *parts[2:]])
                out.append(f"import {name}" + (f" as {alias.asname}" if alias.asname else ""))
            return out
        return None

    def python(self, text: str, rel: str) -> str:
        tree = ast.parse(text, filename=rel)
        lines = text.splitlines(keepends=True)
        # contract names read through a module alias (ingest.TIDY_COLUMNS -> contract.TIDY_COLUMNS):
        # the import binding that alias gets `from analytics import contract` beside it (same place,
        # same indentation and noqa, so a script's imports after its sys.path line stay after it)
        aliases = self._module_aliases(tree)
        attribute_uses: list[tuple[re.Pattern, str]] = []
        hit_aliases: set[str] = set()
        for module, name in sorted(self.contract):
            for alias in aliases.get(module, ()):
                pattern = re.compile(rf"(?<![\w.]){re.escape(alias)}\.{name}\b")
                if pattern.search(text):
                    attribute_uses.append((pattern, f"contract.{name}"))
                    hit_aliases.add(alias)
        contract_placed = bool(re.search(r"^\s*from analytics import .*\bcontract\b", text, re.M))
        spans: list[tuple[int, int, list[str]]] = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            binds = {a.asname or a.name for a in node.names} & hit_aliases if isinstance(node, ast.ImportFrom) \
                else {a.asname for a in node.names if a.asname} & hit_aliases
            statements = self._statements(node, force=bool(binds))
            if statements is None:
                continue
            if binds and not contract_placed:
                # into this statement's own `from analytics import ...` when it has one (one line, one
                # noqa comment), else beside it
                plain = [i for i, st in enumerate(statements) if st.startswith("from analytics import ")]
                if plain:
                    statements[plain[0]] += ", contract"
                else:
                    statements.append("from analytics import contract")
                contract_placed = True
            first, last = node.lineno - 1, node.end_lineno - 1
            before = lines[first][:node.col_offset]
            after = lines[last][node.end_col_offset:]
            if before.strip() or (after.strip() and not after.strip().startswith("#")):
                raise Failure(f"{rel}:{node.lineno}: an import shares its line with other code")
            comment = after.rstrip("\n").strip()
            indent = before
            new = [f"{indent}{s}" + (f"  {comment}" if comment else "") + "\n" for s in statements]
            spans.append((first, last, new))
        span_lines = {i for first, last, _ in spans for i in range(first, last + 1)}
        # prose pass outside import statements (line count unchanged)
        out = [line if i in span_lines else self.text(line) for i, line in enumerate(lines)]
        for first, last, new in sorted(spans, reverse=True):
            out[first:last + 1] = new
        result = "".join(out)
        for pattern, replacement in attribute_uses:
            result = pattern.sub(replacement, result)
        return result

    def _module_aliases(self, tree: ast.Module) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "analytics":
                for alias in node.names:
                    out.setdefault(alias.name, set()).add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "analytics" and len(parts) == 2 and alias.asname:
                        out.setdefault(parts[1], set()).add(alias.asname)
        return out


PATH_CHAIN = re.compile(r"Path\(__file__\)(\.resolve\(\))?((?:\.parent(?![\w]))+|\.parents\[(\d+)\])")


def deepen(text: str, by: int) -> str:
    """A moved test sits `by` folders deeper: its Path(__file__) parents climb as many more."""
    def fix(m: re.Match) -> str:
        count = int(m.group(3)) + 1 if m.group(3) is not None else m.group(2).count(".parent")
        count += by
        return f"Path(__file__){m.group(1) or ''}" + (".parent" if count == 1 else f".parents[{count - 1}]")
    return PATH_CHAIN.sub(fix, text)


def rewrite_all(rewriter: Rewriter, tests: dict[str, str]) -> list[str]:
    changed: list[str] = []
    moved_tests = {new: new.count("/") - old.count("/") for old, new in tests.items()}
    for rel in tracked_files():
        if not is_text_candidate(rel):
            continue
        path = ROOT / rel
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        config = Path(rel).name in {"pyproject.toml", "setup.cfg", ".importlinter", ".coveragerc"}
        new = rewriter.python(text, rel) if rel.endswith(".py") else rewriter.text(text, config=config)
        if rel in moved_tests and moved_tests[rel]:
            new = deepen(new, moved_tests[rel])
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(rel)
    return changed


def rewrite_pyproject(moves: dict[str, str]) -> None:
    path = ROOT / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    packages = ["analytics", *sorted({t.rsplit(".", 1)[0] for t in moves.values()})]
    listed = "".join(f'    "{p}",\n' for p in packages)
    new, count = re.subn(r'^packages = \["analytics"\]$', f"packages = [\n{listed}]", text, flags=re.M)
    if not count:
        warn("pyproject.toml: `packages = [\"analytics\"]` not found; package list left as it is")
    # auth.py reads common_passwords.txt beside it: an installed package needs it too
    if "analytics.accounts" in packages and '"analytics.accounts" =' not in new:
        new, count = re.subn(r'^(analytics = \[.*\]\n)', '\\1"analytics.accounts" = ["common_passwords.txt"]\n',
                             new, flags=re.M)
    path.write_text(new, encoding="utf-8")


# ---------------------------------------------------------------------------- docs


def _conditional(text: str) -> str:
    """Lines starting `?path? ` are kept (without the mark) only when that path exists, `?!path? `
    only when it does not: the docs name what a parallel branch adds only once it is merged."""
    out = []
    for line in text.splitlines(keepends=True):
        m = re.match(r"\?(!?)([^?\s]+)\? ", line)
        if m is None:
            out.append(line)
        elif (ROOT / m.group(2)).exists() != bool(m.group(1)):
            out.append(line[m.end():])
    return "".join(out)


def readme_section(text: str) -> tuple[int, int]:
    start = text.index("\n## Architecture\n") + 1
    end = text.index("\n## ", start + 5) + 1
    return start, end


def write_docs(rewriter: Rewriter) -> None:
    docs = Path(__file__).resolve().parent / "restructure_layout_docs"
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = readme_section(text)
    old_section = text[start:end]
    # The section as it stood on main and on the branches of the last round when the replacement
    # was written (after the same path rewrite): a line in none of them is news the replacement
    # does not carry, so it is shown for a hand merge.
    known = set()
    for before in sorted(docs.glob("README_architecture.before*.md")):
        known |= set(rewriter.text(before.read_text(encoding="utf-8")).splitlines())
    news = [line for line in old_section.splitlines() if line not in known]
    if news:
        warn("README's architecture section holds lines the replacement was not written against; "
             "re-add what still holds to the new section by hand:\n" + "\n".join(news))
    new_section = _conditional((docs / "README_architecture.md").read_text(encoding="utf-8"))
    readme.write_text(text[:start] + new_section + text[end:], encoding="utf-8")
    target = ROOT / "docs" / "architecture.md"
    target.write_text(_conditional((docs / "architecture.md").read_text(encoding="utf-8")), encoding="utf-8")
    run("git", "add", "docs/architecture.md", "README.md")


INIT_DOC = '''"""Dasbor Kemiskinan data layer: pure pandas, never imports Streamlit.

Packages, in the order data flows through them (docs/architecture.md has the picture):
ingest (parser -> matching -> validate -> loading) -> store (the versioned SQL store) ->
domain (indicators, programmes, targets, comparison, narrative, provenance) -> figures (plotly) and
outputs (downloads, the PDF brief); accounts (sign-in, audit log) guards every write.
At the top, the foundation every layer uses: contract (tidy columns, keys, code lengths, periods),
catalog and regions (what the dashboard knows), fmt and i18n (the one number formatter and the one
string lookup), text, errors, paths, and cli (`python -m analytics`).
"""
'''


def write_package_docstring() -> None:
    path = ROOT / "analytics" / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        path.write_text(INIT_DOC, encoding="utf-8")
    else:
        warn("analytics/__init__.py holds more than its docstring; its docstring is left as it is")


ARCHITECTURE_TESTS = '''

# The layout that shows the flow (issue #19): see docs/architecture.md.
FOUNDATION = {FOUNDATION}
PACKAGES = {PACKAGES}


def _analytics_imports(path: Path) -> set[str]:
    """The analytics modules and packages a file imports, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analytics"):
            names |= {{f"{{node.module}}.{{a.name}}" for a in node.names}} | {{node.module}}
        elif isinstance(node, ast.Import):
            names |= {{a.name for a in node.names if a.name.startswith("analytics")}}
    return names


def test_the_top_of_analytics_holds_only_the_foundation_and_the_flow_packages():
    modules = {{p.stem for p in (ROOT / "analytics").glob("*.py")}}
    packages = {{p.parent.name for p in (ROOT / "analytics").glob("*/__init__.py")}}
    assert modules == FOUNDATION
    assert packages == PACKAGES


def test_the_store_imports_only_the_foundation():
    allowed = {{f"analytics.{{m}}" for m in FOUNDATION}} | {{"analytics", "analytics.store"}}
    for path in (ROOT / "analytics" / "store").glob("*.py"):
        upward = {{n for n in _analytics_imports(path)
                  if not any(n == a or n.startswith(a + ".") for a in allowed)}}
        assert upward == set(), path.name


def test_domain_and_figures_never_import_the_import_path_the_store_or_accounts():
    below = ("analytics.ingest", "analytics.store", "analytics.accounts", "analytics.outputs")
    for package in ("domain", "figures"):
        for path in (ROOT / "analytics" / package).glob("*.py"):
            reached = {{n for n in _analytics_imports(path) if n.startswith(below)}}
            assert reached == set(), f"{{package}}/{{path.name}}"


def test_tests_mirror_the_code():
    """A test named after a module (test_y.py, or test_y_<aspect>.py) sits in tests/analytics/x/ when the
    module is analytics/x/y.py, at the top of tests/analytics/ when it is analytics/y.py (issue #19 item 6)."""
    home = {{p.stem: p.parent.relative_to(ROOT / "analytics").as_posix()
            for p in (ROOT / "analytics").rglob("*.py") if not p.name.startswith("_")}}
    test_packages = {{p.parent.name for p in (ROOT / "tests" / "analytics").glob("*/__init__.py")}}
    assert test_packages <= PACKAGES
    misplaced = []
    for test in (ROOT / "tests" / "analytics").rglob("test_*.py"):
        stem = test.stem.removeprefix("test_")
        module = max((m for m in home if stem == m or stem.startswith(m + "_")), key=len, default=None)
        if module and test.parent.relative_to(ROOT / "tests" / "analytics").as_posix() != home[module]:
            misplaced.append(f"{{test.relative_to(ROOT)}} (analytics/{{home[module]}}/{{module}}.py)")
    assert misplaced == []
'''


def write_architecture_tests(moves: dict[str, str]) -> None:
    path = ROOT / "tests" / "analytics" / "test_architecture.py"
    text = path.read_text(encoding="utf-8")
    foundation = sorted({*KEEP, "contract"} & {p.stem for p in (ROOT / "analytics").glob("*.py")})
    packages = sorted({t.split(".")[1] for t in moves.values()})
    text = text.rstrip("\n") + "\n" + ARCHITECTURE_TESTS.format(
        FOUNDATION="{" + ", ".join(f'"{m}"' for m in foundation) + "}",
        PACKAGES="{" + ", ".join(f'"{p}"' for p in packages) + "}")
    path.write_text(text, encoding="utf-8")


def run_architecture_tests() -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/analytics/test_architecture.py"], cwd=ROOT, text=True, capture_output=True)
    if result.returncode != 0:
        raise Failure(f"tests/analytics/test_architecture.py fails:\n{result.stdout[-4000:]}")
    print("tests/analytics/test_architecture.py: " + result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- checks


REFERENCE = re.compile(r"(?<![\w/.-])(analytics(?:[./][A-Za-z_]\w*)+|tests(?:[./][A-Za-z_]\w*)+)(\.py)?")


def _resolves(reference: str) -> bool:
    parts = re.split(r"[./]", reference)
    path = ROOT
    for i, part in enumerate(parts):
        if (path / part).is_dir():
            path = path / part
            continue
        if (path / f"{part}.py").is_file():
            module = path / f"{part}.py"
            if i + 1 == len(parts):
                return True
            # analytics.x.NAME: NAME must be defined (or imported) at the top of x
            name = parts[i + 1]
            tree = ast.parse(module.read_text(encoding="utf-8"))
            defined = set()
            for node in tree.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    defined.add(node.name)
                elif isinstance(node, ast.Assign | ast.AnnAssign):
                    for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        defined |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
                elif isinstance(node, ast.Import | ast.ImportFrom):
                    defined |= {(a.asname or a.name).split(".")[0] for a in node.names}
            return name in defined
        # a file that is not Python (strings/charts.yaml), or a glob: exists as named
        return any(path.glob(part + "*")) or part in {"*"}
    return True


def check_references(moves: dict[str, str], tests: dict[str, str]) -> list[str]:
    stale = {f"analytics.{m}" for m in moves} | {f"analytics/{m}" for m in moves}
    stale |= {t[:-3] for t in tests} | {t[:-3].replace("/", ".") for t in tests}
    problems = []
    for rel in tracked_files():
        if not is_text_candidate(rel):
            continue
        try:
            text = (ROOT / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for m in REFERENCE.finditer(line):
                reference = m.group(1).removesuffix(".py")
                # only references into the moved modules and tests are this script's business
                if not any(reference == s or reference.startswith(s + ".") or reference.startswith(s + "/")
                           for s in stale):
                    continue
                if not _resolves(reference):
                    problems.append(f"{rel}:{number}: {reference}")
    return problems


def check_imports() -> None:
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "analytics").rglob("*.py") if p.name != "__main__.py")
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\nprint(len(sys.argv) - 1)"
    result = subprocess.run([sys.executable, "-c", code, *modules], cwd=ROOT, text=True, capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if result.returncode != 0:
        raise Failure(f"importing the modules failed:\n{result.stderr}")
    print(f"imported {result.stdout.strip()} analytics modules")


def ruff() -> None:
    binary = ROOT / ".venv" / "bin" / "ruff"
    command = str(binary) if binary.exists() else "ruff"
    # The tree passed ruff before this run, so whatever these two rules fix now, this run caused
    # (changed files, and the modules the contract was taken from).
    run(command, "check", "--fix", "--select", "I001,F401", "--quiet", ".", check=False)
    result = run(command, "check", ".", check=False)
    if result.returncode != 0:
        raise Failure(f"ruff check . fails after the rewrite:\n{result.stdout}{result.stderr}")


# ---------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--place", action="append", default=[], metavar="NAME=PACKAGE",
                        help="place a flat module the tables do not know (PACKAGE '.' keeps it at the top)")
    parser.add_argument("--commit", action="store_true", help="commit the result")
    parser.add_argument("--keep-on-failure", action="store_true", help="leave a failed run's tree to inspect")
    parser.add_argument("--drop-script", action="store_true",
                        help="also remove this script and its docs folder (git rm), once applied")
    args = parser.parse_args()
    places = dict(p.split("=", 1) for p in args.place)
    try:
        moves = preflight(places)
    except Failure as error:
        print(f"REFUSED (nothing changed): {error}", file=sys.stderr)
        return 1
    head = run("git", "rev-parse", "HEAD").stdout.strip()
    created: list[str] = []
    try:
        contract = extract_contract()
        if contract:
            created.append("analytics/contract.py")
        tests = plan_test_moves(moves)
        created += do_moves(moves, tests)
        rewriter = Rewriter(moves, contract, tests)
        changed = rewrite_all(rewriter, tests)
        print(f"rewrote references in {len(changed)} files")
        rewrite_pyproject(moves)
        write_docs(rewriter)
        created.append("docs/architecture.md")
        write_package_docstring()
        write_architecture_tests(moves)
        # the script itself and its docs folder are done with once applied
        problems = check_references(moves, tests)
        if problems:
            raise Failure("old paths still referenced after the rewrite:\n" + "\n".join(problems))
        ruff()
        check_imports()
        run_architecture_tests()
        problems = check_references(moves, tests)
        if problems:
            raise Failure("old paths referenced after ruff's fixes:\n" + "\n".join(problems))
        run("git", "add", "-u")
        run("git", "add", *[c for c in created if (ROOT / c).exists()])
    except Failure as error:
        print(f"FAILED: {error}", file=sys.stderr)
        if not args.keep_on_failure:
            run("git", "reset", "--hard", head, check=False)
            for rel in created:
                path = ROOT / rel
                if path.exists() and not run("git", "ls-files", rel).stdout.strip():
                    path.unlink()
            # the package folders this run made, once they hold no tracked file (only caches)
            for package in {t.split(".")[1] for t in moves.values()}:
                for directory in (ROOT / "analytics" / package, ROOT / "tests" / "analytics" / package):
                    rel = directory.relative_to(ROOT).as_posix()
                    if directory.is_dir() and not run("git", "ls-files", rel).stdout.strip():
                        shutil.rmtree(directory)
            print("the tree is back at " + head[:10], file=sys.stderr)
        return 1
    print("\nmoved modules:")
    for name, target in moves.items():
        print(f"  analytics/{name}.py -> {target.replace('.', '/')}.py")
    print("moved tests:")
    for old, new in tests.items():
        print(f"  {old} -> {new}")
    if contract:
        print("contract: " + ", ".join(f"{m}.{n}" for m, n in sorted(contract)) + " -> analytics/contract.py")
    if args.drop_script:
        run("git", "rm", "-rq", SELF, DOCS.rstrip("/"))
        print(f"removed {SELF} and {DOCS}")
    if args.commit:
        run("git", "commit", "-q", "-m",
            "Layout that shows the flow (issue #19 items 1, 6, 7): analytics/ in sub-packages ingest, store, "
            "accounts, domain, figures, outputs and a contract module; tests mirror the code; README and "
            "docs/architecture.md picture the new shape (applied by scripts/restructure_layout.py)")
        print("committed")
    else:
        print("\nall checks passed; the changes are staged: review with `git status`, then commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
