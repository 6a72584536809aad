"""Rules that keep the house tidy (issue #19): no dead code, the import layers, no unused UI string,
and a README whose command list is the command line's own."""

from __future__ import annotations

import ast
import itertools
import re
import subprocess
import sys

import pytest

from analytics import cli
from analytics.i18n import strings
from tests.conftest import ROOT

CODE = [*sorted((ROOT / "analytics").rglob("*.py")), *sorted((ROOT / "pages").rglob("*.py")), ROOT / "app.py",
        ROOT / "server.py"]


def test_vulture_finds_no_dead_code():
    """The settings are pyproject.toml's [tool.vulture]; tests/vulture_whitelist.py says why each
    listed name is in use."""
    done = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_layers_hold():
    """pyproject.toml's [tool.importlinter] contracts: pages above analytics, no Streamlit in analytics,
    no SQL in pages, the data path never draws."""
    lint_imports = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    done = subprocess.run([sys.executable, "-c", lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _code_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in CODE)


def test_every_ui_string_is_looked_up_somewhere():
    """A key is used when the code names it, or names a prefix it builds the key from
    (t(f"targets.status.{status}"), prefix = "targets.position.range.")."""
    code = _code_text()
    literals = set(re.findall(r"[\"']([a-z_]+(?:\.[a-zA-Z0-9_]+)+)[\"']", code))
    prefixes = set(re.findall(r"[\"']([a-z_]+(?:\.[a-zA-Z0-9_]+)*\.)(?:\{|[\"'])", code))
    unused = [key for key in strings() if key not in literals and not key.startswith(tuple(prefixes))]
    assert unused == []


def _readme_commands() -> dict[str, set[str]]:
    """README's "Command line" block: command (with a users sub-command) → the options it shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands: dict[str, set[str]] = {}
    for line in block.splitlines():
        match = re.match(r"\.venv/bin/python -m analytics (\S+)(.*)", line.split("#")[0].strip())
        if not match:
            continue
        name, rest = match.groups()
        # "users list | disable NAME | reset-password NAME": one sub-command per " | " segment.
        segments = [f"users {part.strip()}" for part in rest.split(" | ")] if name == "users" else [f"{name}{rest}"]
        for segment in segments:
            words = segment.split()
            command = " ".join(words[:2]) if name == "users" else name
            commands.setdefault(command, set()).update(re.findall(r"--[a-z-]+", segment))
    return commands


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        cli.main([*argv, "--help"])
    return capsys.readouterr().out


def test_the_readme_lists_every_command_and_option_of_the_command_line(capsys):
    top = _help([], capsys)
    listed = re.search(r"\{?COMMAND\}?\n((?:\s{4}\S.*\n(?:\s{10,}.*\n)*)+)", top)
    cli_commands = set(re.findall(r"^\s{4}(\S+)", listed.group(1), re.M))
    users = _help(["users"], capsys)
    user_listed = re.search(r"USERS_COMMAND\n((?:\s{4}\S.*\n(?:\s{10,}.*\n)*)+)", users)
    cli_commands = (cli_commands - {"users"}) | {f"users {s}" for s in re.findall(r"^\s{4}(\S+)", user_listed.group(1), re.M)}
    readme = _readme_commands()
    assert set(readme) == cli_commands
    for name in sorted(cli_commands):
        options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", _help(name.split(), capsys))) - {"--help"}
        assert readme[name] == options, name


# Words that mark a text as Indonesian, and as English (a bilingual pair has one of each side by side).
_INDONESIAN = re.compile(r"\b(yang|tidak|harus|dan|atau|kolom|berkas|wilayah|tahun|nilai|ada|baris|dengan|untuk|"
                         r"ini|pakai|belum|sudah|dari|akun|kata|sandi|peran|pilih|sebutkan|revisi|lembar|isi|bukan|"
                         r"periode|kesalahan|indikator|terlalu|banyak|memerlukan|gagal|mungkin|maksudnya)\b", re.I)
_ENGLISH = re.compile(r"\b(the|must|file|not|column|region|year|value|is|are|with|for|this|use|no|of|from|to|in|"
                      r"account|password|role|choose|name|revision|sheet|fill|unknown|error|measure|too|many|needs|"
                      r"failed|did|you|mean|lines?|more)\b", re.I)
# Dicts keyed by language that are not translations: babel's locale codes; each language's own name
# (the language switch shows "Bahasa Indonesia" and "English" whatever the UI language).
_LANGUAGE_KEYED = {("analytics/fmt.py", "LOCALES"), ("analytics/i18n.py", "LANGUAGE_NAMES")}


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def bilingual_literals(source: str, where: str) -> list[str]:
    """Indonesian-then-English string literals side by side (arguments, tuples), and {"id": …, "en": …}
    dicts: text that belongs in analytics/strings/*.yaml."""
    found = []
    tree = ast.parse(source)
    language_keyed = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)
                      and any(isinstance(target, ast.Name) and (where, target.id) in _LANGUAGE_KEYED
                              for target in node.targets)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and id(node) not in language_keyed:
            keys = {key.value for key in node.keys if isinstance(key, ast.Constant)}
            if {"id", "en"} <= keys:
                found.append(f"{where}:{node.lineno} dict keyed id/en")
        items = node.args if isinstance(node, ast.Call) else node.elts if isinstance(node, ast.Tuple | ast.List) else []
        for first, second in itertools.pairwise(items):
            text_id, text_en = _literal(first), _literal(second)
            if text_id and text_en and text_id != text_en and _INDONESIAN.search(text_id) and _ENGLISH.search(text_en):
                found.append(f"{where}:{first.lineno} {text_id[:40]!r} / {text_en[:40]!r}")
    return found


def test_bilingual_literals_are_found():
    old = 'raise X(f"Berkas ditolak: {n} kesalahan.", f"File rejected: {n} error(s).")\nNO = {"id": "tidak ada", "en": "none"}'
    assert len(bilingual_literals(old, "x.py")) == 2
    assert bilingual_literals('raise X(*pair("message.errors.rejected", count=n))', "x.py") == []


def test_no_bilingual_literals_in_code():
    """Every user-facing text is a key in analytics/strings/*.yaml, looked up with t() or pair()."""
    found = [hit for path in CODE
             for hit in bilingual_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert found == []
