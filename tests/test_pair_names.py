"""Issue 14, pair naming: a pair given as two files is named as a user expects, in every output.

``story.ja.txt`` + ``story.en.txt`` is the pair "story" (not "ja", not "story.ja"): in the HTML
title and file name, every export's file names and the SARIF run id.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import SOURCES

from align.cli import main
from align.job import pair_name

PAIR = SOURCES / "openai-musk"


@pytest.mark.parametrize(
    ("ja", "en", "name"),
    [
        ("story.ja.txt", "story.en.txt", "story"),
        ("story.en.txt", "story.ja.txt", "story"),  # swapped (detection decides later)
        ("story_ja.txt", "story_en.txt", "story"),
        ("story-ja-JP.txt", "story-en-US.txt", "story"),
        ("manual_ja_v2.txt", "manual_en_v2.txt", "manual"),
        ("chapter1.txt", "chapter1.en.txt", "chapter1"),
        ("report.mt.txt", "original.txt", "report"),  # no common prefix: the JA stem, untagged
        ("a.txt", "b.txt", "a"),
        ("deep/dir/story.ja.txt", "other/story.en.txt", "story"),
    ],
)
def test_pair_name_from_two_file_names(ja: str, en: str, name: str) -> None:
    assert pair_name(ja, en) == name


def test_bare_language_files_are_named_after_their_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-article"
    folder.mkdir()
    for stem, other in (("ja", "en"), ("mt", "source"), ("japanese", "english")):
        assert pair_name(str(folder / f"{stem}.txt"), str(folder / f"{other}.txt")) == "my-article"


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """story.ja.txt and story.en.txt (a real pair) in a folder that is not sources/."""
    shutil.copy(PAIR / "ja.txt", tmp_path / "story.ja.txt")
    shutil.copy(PAIR / "en.txt", tmp_path / "story.en.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_every_output_names_the_pair_story(story: Path) -> None:
    files = ("story.ja.txt", "story.en.txt")
    # HTML: the page's file name and its title.
    result = invoke("report", *files)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "reports/story.html\n"
    page = (story / "reports" / "story.html").read_text(encoding="utf-8")
    assert "<title>Translation QA report: story</title>" in page
    # Exports: every format's file is named story.<ext>.
    result = invoke("export", *files, "-o", "out")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (story / "out").iterdir())
    assert written == sorted(
        ["story.tmx", "story.penalty-30.tmx", "story.tbx", "story.utf8", "story.csv", "story.po", "story.xlf"]
    )
    assert '<prop type="x-align-pair">story</prop>' in (story / "out" / "story.tmx").read_text("utf-8")
    # SARIF names the pair in its run id (the JSON output carries no pair name, only the paths).
    sarif = json.loads(invoke("check", *files, "--format", "sarif").stdout)
    assert sarif["runs"][0]["automationDetails"]["id"] == "align/story/"
    # Swapped arguments: the same name.
    swapped = json.loads(invoke("check", "story.en.txt", "story.ja.txt", "--format", "sarif").stdout)
    assert swapped["runs"][0]["automationDetails"]["id"] == "align/story/"


def test_folder_pair_is_named_after_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "press-release"
    folder.mkdir()
    shutil.copy(PAIR / "ja.txt", folder / "ja.txt")
    shutil.copy(PAIR / "en.txt", folder / "en.txt")
    monkeypatch.chdir(folder)
    result = invoke("report", "ja.txt", "en.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "reports/press-release.html\n"
