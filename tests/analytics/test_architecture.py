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
