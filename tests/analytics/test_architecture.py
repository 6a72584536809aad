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
