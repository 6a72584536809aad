"""The house rules that keep the layers apart, checked on the source tree."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_analytics_never_imports_streamlit():
    offenders = [p.name for p in (ROOT / "analytics").rglob("*.py") if "streamlit" in _imports(p)]
    assert offenders == []


def test_pages_never_talk_sql_or_open_files():
    offenders = []
    for path in [*list((ROOT / "pages").rglob("*.py")), ROOT / "app.py"]:
        imports = _imports(path)
        if imports & {"sqlalchemy", "sqlite3", "psycopg"} or "open(" in path.read_text(encoding="utf-8"):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_page_scripts_sit_directly_in_pages():
    helpers = [p.name for p in (ROOT / "pages").glob("*.py") if p.name.startswith("_")]
    assert helpers == []


def test_no_unsafe_html_anywhere():
    hits = [str(p.relative_to(ROOT)) for p in [*list((ROOT / "pages").rglob("*.py")), ROOT / "app.py"]
            if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert hits == []


def _cached_functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and any(
                "cache_data" in ast.unparse(d) or "cache_resource" in ast.unparse(d) for d in node.decorator_list):
            yield node


def test_every_cache_keyed_on_a_data_version_is_keyed_on_the_store_too():
    """A cache keyed on the data-version alone is shared by two stores at the same revision number
    (tests, or an app pointed at another DATABASE_URL): targets_view's answers and Bandingkan's
    wrappers once were. Every cache of the pages and the frame is held to it."""
    offenders = []
    for path in [*list((ROOT / "pages").rglob("*.py")), ROOT / "app.py"]:
        for function in _cached_functions(path):
            params = [a.arg for a in function.args.args]
            if "version" in params and "url" not in params:
                offenders.append(f"{path.relative_to(ROOT)}:{function.name}")
    assert offenders == []


# The layout that shows the flow (issue #19): see docs/architecture.md.
FOUNDATION = {"__init__", "__main__", "catalog", "cli", "contract", "errors", "fmt", "i18n", "paths", "regions", "text"}
PACKAGES = {"accounts", "domain", "figures", "ingest", "outputs", "store"}


def _analytics_imports(path: Path) -> set[str]:
    """The analytics modules and packages a file imports, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analytics"):
            names |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("analytics")}
    return names


def test_the_top_of_analytics_holds_only_the_foundation_and_the_flow_packages():
    modules = {p.stem for p in (ROOT / "analytics").glob("*.py")}
    packages = {p.parent.name for p in (ROOT / "analytics").glob("*/__init__.py")}
    assert modules == FOUNDATION
    assert packages == PACKAGES


def test_the_store_imports_only_the_foundation():
    allowed = {f"analytics.{m}" for m in FOUNDATION} | {"analytics", "analytics.store"}
    for path in (ROOT / "analytics" / "store").glob("*.py"):
        upward = {n for n in _analytics_imports(path)
                  if not any(n == a or n.startswith(a + ".") for a in allowed)}
        assert upward == set(), path.name


def test_domain_and_figures_never_import_the_import_path_the_store_or_accounts():
    below = ("analytics.ingest", "analytics.store", "analytics.accounts", "analytics.outputs")
    for package in ("domain", "figures"):
        for path in (ROOT / "analytics" / package).glob("*.py"):
            reached = {n for n in _analytics_imports(path) if n.startswith(below)}
            assert reached == set(), f"{package}/{path.name}"


def test_the_domain_computes_and_never_draws():
    """Frames are computed in domain/ and drawn in figures/ (issue #19): no domain module imports plotly or figures."""
    for path in (ROOT / "analytics" / "domain").glob("*.py"):
        drawing = {n for n in _analytics_imports(path) if n.startswith("analytics.figures")}
        assert drawing == set() and "plotly" not in _imports(path), path.name


def test_tests_mirror_the_code():
    """A test named after a module (test_y.py, or test_y_<aspect>.py) sits in tests/analytics/x/ when the
    module is analytics/x/y.py, at the top of tests/analytics/ when it is analytics/y.py (issue #19 item 6)."""
    home = {p.stem: p.parent.relative_to(ROOT / "analytics").as_posix()
            for p in (ROOT / "analytics").rglob("*.py") if not p.name.startswith("_")}
    test_packages = {p.parent.name for p in (ROOT / "tests" / "analytics").glob("*/__init__.py")}
    assert test_packages <= PACKAGES
    misplaced = []
    for test in (ROOT / "tests" / "analytics").rglob("test_*.py"):
        stem = test.stem.removeprefix("test_")
        module = max((m for m in home if stem == m or stem.startswith(m + "_")), key=len, default=None)
        if module and test.parent.relative_to(ROOT / "tests" / "analytics").as_posix() != home[module]:
            misplaced.append(f"{test.relative_to(ROOT)} (analytics/{home[module]}/{module}.py)")
    assert misplaced == []
