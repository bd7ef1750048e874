"""Where report pages go: reports/<pair>.html by default, -o FILE for one pair, -o DIR/ for many."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import literal_result

from align.errors import OutputError
from align.report.paths import check_output, output_paths, write_reports


def test_output_paths() -> None:
    assert output_paths(["a", "b"], None) == [Path("reports/a.html"), Path("reports/b.html")]
    assert output_paths(["a"], "x.html") == [Path("x.html")]
    assert output_paths(["a", "b"], "out/") == [Path("out/a.html"), Path("out/b.html")]


def test_several_pairs_need_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        check_output(2, str(tmp_path / "x.html"))
    check_output(1, str(tmp_path / "x.html"))
    check_output(2, str(tmp_path))  # an existing directory, even without a trailing slash
    assert output_paths(["a", "b"], str(tmp_path)) == [tmp_path / "a.html", tmp_path / "b.html"]


def test_write_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = [literal_result(["One."], ["一。"], name=n) for n in ("p1", "p2")]
    assert write_reports(results) == [Path("reports/p1.html"), Path("reports/p2.html")]
    assert Path("reports/p2.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert write_reports(results[:1], "new/", "ja") == [Path("new/p1.html")]
    assert '<html lang="ja">' in Path("new/p1.html").read_text(encoding="utf-8")
    # A file in a missing folder is the user's typo, not a folder to create.
    with pytest.raises(OutputError):
        write_reports(results[:1], "missing/one.html")
    assert not Path("missing").exists()
