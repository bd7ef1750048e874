"""--ja/--en name the files' roles; when the script clearly says otherwise, the tool stops.

Swapped roles (``--ja en.txt --en ja.txt``) used to give dozens of nonsense findings and no
warning. Detection vetoes only what it is sure of; --force-roles keeps the roles as given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import invoke

JA = (
    "ブラニック氏は月曜日、ヴォルテラ社の新しい工場が来年に稼働すると述べた。\n"
    "同社は工場に約3億ドルを投資する。\n"
    "地元の議会は計画を承認した。\n"
)
EN = (
    "Brannick said on Monday that Volterra's new plant would open next year.\n"
    "The company will invest about $300mn in the plant.\n"
    "The local council approved the plan.\n"
)


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ja.txt").write_text(JA, "utf-8")
    (tmp_path / "en.txt").write_text(EN, "utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["check", "beads", "report", "fix"])
def test_swapped_roles_stop_with_one_line(pair: Path, command: str) -> None:
    result = invoke(command, "--ja", "en.txt", "--en", "ja.txt")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "align: en.txt: given as Japanese (--ja) but written in English, while ja.txt (--en) is "
        "Japanese: swap the two files; give --force-roles to keep the roles as given\n"
    )


def test_the_right_roles_and_detection_still_work(pair: Path) -> None:
    for args in (["--ja", "ja.txt", "--en", "en.txt"], ["en.txt", "ja.txt"]):
        result = invoke("beads", *args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[0].startswith("[0]:[0]")


def test_force_roles_keeps_the_roles_as_given(pair: Path) -> None:
    result = invoke("beads", "--ja", "en.txt", "--en", "ja.txt", "--force-roles")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) >= 1
    alone = invoke("beads", "en.txt", "ja.txt", "--force-roles")
    assert alone.exit_code == 2 and "--force-roles needs --ja and --en" in alone.stderr


def test_a_japanese_file_without_japanese_and_two_japanese_files(pair: Path) -> None:
    (pair / "en2.txt").write_text(EN.replace("Monday", "Tuesday"), "utf-8")
    (pair / "ja2.txt").write_text(JA.replace("月曜日", "火曜日"), "utf-8")
    english = invoke("check", "--ja", "en2.txt", "--en", "en.txt")
    assert english.exit_code == 2
    assert english.stderr.startswith("align: en2.txt: given as Japanese (--ja) but holds no Japanese text;")
    japanese = invoke("check", "--ja", "ja.txt", "--en", "ja2.txt")
    assert japanese.exit_code == 2
    assert japanese.stderr.startswith("align: ja2.txt: given as English (--en) but written in Japanese;")


def test_when_detection_cannot_tell_the_given_roles_stand(pair: Path) -> None:
    """A manual that is mostly code: both files hold some Japanese; --ja/--en decide, as before."""
    code = "config.set('mode', 'fast')  # 設定\nrun(config)\n" * 3
    (pair / "m-ja.txt").write_text(code + "設定を変更します。\n", "utf-8")
    (pair / "m-en.txt").write_text(code + "Change the settings.\n", "utf-8")
    guessed = invoke("beads", "m-ja.txt", "m-en.txt")
    assert guessed.exit_code == 2 and "cannot tell which input is Japanese" in guessed.stderr
    given = invoke("beads", "--ja", "m-ja.txt", "--en", "m-en.txt")
    assert given.exit_code == 0, given.stderr


def test_a_swapped_manifest_row_is_an_error_row(tmp_path: Path) -> None:
    from align.job import Pair
    from align.pipeline import Plan

    (tmp_path / "ja.txt").write_text(JA, "utf-8")
    (tmp_path / "en.txt").write_text(EN, "utf-8")
    from align.errors import LanguageError
    from align.job import Settings

    plan = Plan(Settings())
    with pytest.raises(LanguageError, match="swap the two files"):
        plan.load(Pair("row", str(tmp_path / "en.txt"), str(tmp_path / "ja.txt"), "given"))
    ja, en = plan.load(Pair("row", str(tmp_path / "en.txt"), str(tmp_path / "ja.txt"), "forced"))
    assert ja.lang == "ja" and "Brannick" in ja.text
