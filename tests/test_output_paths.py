"""``-o``: one rule in every command. ``-o DIR/`` (a path ending in a separator, or an existing
folder) is a folder, created if need be, holding the file named after the pair (or the
Japanese file); ``-o FILE`` is that file. A single-format export writes the named file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from paths import SOURCES

from align.cli import main

PAIR = SOURCES / "serra-azul-kestrel"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kestrel"
    folder.mkdir()
    for name in ("ja.txt", "en.txt"):
        (folder / name).write_bytes((PAIR / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("sarif", "sarif"), ("html", "html")]
)
def test_check_into_a_folder(pair: Path, fmt: str, suffix: str) -> None:
    result = run("check", "kestrel/ja.txt", "kestrel/en.txt", "--format", fmt, "-o", "out/")
    assert result.exit_code == 1, result.output  # findings, written to the folder
    written = Path("out") / f"kestrel.{suffix}"
    assert Path("out").is_dir() and written.is_file()
    assert result.stdout == f"{written}\n"  # says where it went
    if fmt == "json":
        assert json.loads(written.read_text("utf-8"))["findings"]


def test_check_into_an_existing_folder_without_the_slash(pair: Path) -> None:
    Path("out").mkdir()
    assert run("check", "kestrel/ja.txt", "kestrel/en.txt", "-o", "out").exit_code == 1
    assert (Path("out") / "kestrel.txt").is_file()


def test_check_several_pairs_into_a_folder(pair: Path) -> None:
    other = pair.parent / "other"
    other.mkdir()
    for name in ("ja.txt", "en.txt"):
        (other / name).write_bytes((pair / name).read_bytes())
    Path("sources").mkdir()
    for folder in (pair, other):
        folder.rename(Path("sources") / folder.name)
    result = run("check", "--format", "json", "-o", "out/")
    assert result.exit_code == 1
    data = json.loads((Path("out") / "align.json").read_text("utf-8"))
    assert [Path(r["ja"]["path"]).parent.name for r in data] == ["kestrel", "other"]
    result = run("check", "--format", "html", "-o", "pages/")
    assert sorted(p.name for p in Path("pages").iterdir()) == ["kestrel.html", "other.html"]


def test_fix_into_a_folder(pair: Path) -> None:
    result = run("fix", "kestrel/ja.txt", "kestrel/en.txt", "-o", "fixed/")
    assert result.exit_code in (0, 1), result.output
    written = Path("fixed") / "ja.txt"
    assert written.is_file() and written.read_bytes() != (pair / "ja.txt").read_bytes()


def test_report_into_a_folder(pair: Path) -> None:
    result = run("report", "kestrel/ja.txt", "kestrel/en.txt", "-o", "pages/")
    assert result.exit_code == 0 and (Path("pages") / "kestrel.html").is_file()


def test_a_missing_folder_of_a_file_stays_an_error(pair: Path) -> None:
    for command in ("check", "fix"):
        result = run(command, "kestrel/ja.txt", "kestrel/en.txt", "-o", "nowhere/x.out")
        assert result.exit_code == 2 and "does not exist" in result.stderr, (command, result.output)


@pytest.mark.parametrize(
    ("fmt", "name"), [("tmx", "memory.tmx"), ("xliff", "post-edit.xliff"), ("po", "x.po")]
)
def test_single_format_export_writes_the_named_file(pair: Path, fmt: str, name: str) -> None:
    result = run("export", "kestrel/ja.txt", "kestrel/en.txt", "-o", name, "--formats", fmt)
    assert result.exit_code == 0, result.output
    assert Path(name).is_file()
    if fmt == "tmx":  # the penalty memory beside it, named after it
        assert Path("memory.penalty-30.tmx").is_file()
        assert result.stdout == "memory.tmx\nmemory.penalty-30.tmx\n"
        etree.parse(name)
    again = run("export", "kestrel/ja.txt", "kestrel/en.txt", "-o", name, "--formats", fmt)
    assert again.exit_code == 0, again.output  # the file exists now: replaced, not an error


def test_export_into_a_folder_named_like_a_file(pair: Path) -> None:
    """With a trailing slash, or several formats, -o is a folder whatever its name."""
    assert (
        run("export", "kestrel/ja.txt", "kestrel/en.txt", "-o", "out.tmx/", "--formats", "tmx").exit_code == 0
    )
    assert (Path("out.tmx") / "kestrel.tmx").is_file()
    assert (
        run("export", "kestrel/ja.txt", "kestrel/en.txt", "-o", "both.tmx", "--formats", "tmx,po").exit_code
        == 0
    )
    assert (Path("both.tmx") / "kestrel.po").is_file()
