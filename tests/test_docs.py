"""The documentation: a short README whose test commands CI runs verbatim, and a docs site that
builds with ``mkdocs build --strict`` with a generated page for every rule."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from paths import ROOT, load_script

from align.cli import main

README = ROOT / "README.md"
DOCS = ROOT / "docs"


def _section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def _sh_lines(section: str) -> list[str]:
    """The command lines of a section's first ```sh block."""
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "no ```sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def _listed_rules() -> list[str]:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0, result.output
    return [line.split()[0] for line in result.output.splitlines()]


def _rule(code: str) -> Any:
    """A rule as `align rule CODE` finds it: the registry's, or a corpus rule of `align batch`."""
    from align.rules import get_rule
    from align.rules.corpus import RULES as CORPUS_RULES

    return get_rule(code, CORPUS_RULES)


def _generator() -> ModuleType:
    return load_script(DOCS / "gen_rules.py", "gen_rules")


def test_the_readme_is_short_and_its_links_resolve() -> None:
    text = README.read_text("utf-8")
    assert len(text.splitlines()) < 150
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", text):
        assert (ROOT / target).is_file(), target


def test_the_quickstart_is_two_commands_in_a_venv() -> None:
    """PEP 668: a system Python refuses `pip install` outside a venv, so both commands make one."""
    commands = _sh_lines(_section("Quickstart"))
    assert len(commands) == 2
    for command in commands:
        assert command.startswith("python3 -m venv --upgrade-deps .venv && .venv/bin/pip install ")
        assert " python3 -m pip" not in command and "sudo" not in command


def test_ci_runs_the_readme_test_commands_verbatim() -> None:
    tests = _sh_lines(_section("Tests"))
    assert tests[0] == _sh_lines(_section("Quickstart"))[1]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    where = [ci.index(command) for command in tests]  # ValueError names a missing line
    assert where == sorted(where)


def test_every_rule_gets_a_generated_page() -> None:
    gen = _generator()
    pages = {path: text for path, _, text in gen.pages()}
    codes = _listed_rules()
    assert codes and set(pages) == {"rules/index.md", *(f"rules/{c}.md" for c in codes)}
    from align.rules.options import option_defaults

    for code in codes:
        rule = _rule(code)
        page = pages[f"rules/{code}.md"]
        assert page.startswith(f"# {code} {rule.name}\n")
        assert f"`{rule.category}`" in page and str(rule.severity) in page
        assert all(f"| `{option}` | `{value}` |" in page for option, value in option_defaults(rule).items())
        assert f"[`{code}`]({code}.md)" in pages["rules/index.md"]


def test_the_docstring_becomes_markdown() -> None:
    gen = _generator()
    doc = "What it finds, with ``code`` and a_b * c.\n\nAnti-pattern::\n\n    EN: x\n    JA: y\n\nAfter."
    assert gen.markdown(doc) == (
        "What it finds, with `code` and a\\_b \\* c.\n\n"
        "Anti-pattern:\n\n```text\nEN: x\nJA: y\n```\n\nAfter.\n"
    )


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    written = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert written and all(f": {page}\n" in nav for page in written), written


def _mkdocs_missing() -> str:
    for module in ("mkdocs", "material"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install '.[docs]')"
    return ""


@pytest.mark.skipif(bool(_mkdocs_missing()), reason=_mkdocs_missing() or "mkdocs is installed")
def test_the_site_builds_strictly_with_a_page_per_rule(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    for code in _listed_rules():
        page = site / "rules" / code / "index.html"
        assert page.is_file(), code
        html = page.read_text("utf-8")
        assert f"{code} {_rule(code).name}" in html
    for name in ("check", "fix", "apply", "report", "export", "rules", "beads", "segment"):
        assert (site / "commands" / name / "index.html").is_file(), name


def test_the_readme_architecture_shows_the_declared_layers() -> None:
    """The README's layer stack is the import-linter contract's, line for line (issue 19)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    block = re.search(r"```text\n(.*?)```", _section("Architecture"), re.S)
    assert block, "no layer block"
    assert block.group(1).split("\n")[:-1] == layers["layers"]
