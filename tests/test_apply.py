"""``align apply``: post-edits made in a CAT tool come back into the Japanese text.

The round trip runs every real part: the CLI exports the pair, translate-toolkit (the
library CAT tools such as Virtaal and Pootle are built on) or lxml edits the XLIFF / PO the
way a post-editor's tool saves it, ``align apply`` writes the Japanese, and the re-check and
the second export see what the post-editor did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from align.cli import main

# Invented names only; one paragraph of four sentences, a blank line, a paragraph of two.
EN = (
    "Volterra Corp. opened a new factory in Osaka on Monday. The plant will employ 300 people. "
    "It will make batteries for electric cars. The company plans to double its output by 2030.\n"
    "\n"
    "Chief executive Anna Brannick said the investment was a turning point. "
    "Analysts expect the shares to rise.\n"
)
# The MT drops "It will make batteries for electric cars." Windows line endings.
JA = (
    "ヴォルテラ社は月曜日、大阪に新工場を開設した。この工場では300人が働く予定だ。"
    "同社は2030年までに生産量を倍増させる計画だ。\r\n"
    "\r\n"
    "アンナ・ブラニック最高経営責任者は、この投資は転換点だと述べた。アナリストは株価の上昇を見込んでいる。\r\n"
)
FILLED = "電気自動車向けの電池を製造する。"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pair folder, the working directory (exports record the input paths as given)."""
    folder = tmp_path / "volterra"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, "utf-8")
    (folder / "ja.txt").write_bytes(JA.encode("utf-8"))
    monkeypatch.chdir(folder)
    return folder


def export(formats: str, out: str = "out") -> None:
    result = run("export", "ja.txt", "en.txt", "-o", out, "--formats", formats)
    assert result.exit_code == 0, result.output


def post_edit_xliff(path: Path, edited: Path) -> None:
    """Fill every empty target and confirm it, as a translator does in a CAT tool."""
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(path))
    for unit in store.units:
        if not unit.target:
            unit.target = FILLED
            unit.set_state_n(xliff.xliffunit.statemap["translated"])
    store.savefile(str(edited))


def post_edit_po(path: Path, edited: Path) -> None:
    from translate.storage import po

    store = po.pofile.parsefile(str(path))
    for unit in store.units:
        if not unit.isheader() and not unit.target:
            unit.target = FILLED
    store.savefile(str(edited))


def tuids(path: Path) -> dict[str, tuple[str, str]]:
    root = etree.parse(str(path)).getroot()
    return {str(tu.get("tuid")): tuple(s.text or "" for s in tu.iter("seg")) for tu in root.iter("tu")}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fmt", "suffix", "edit"), [("xliff", "xlf", post_edit_xliff), ("po", "po", post_edit_po)]
)
def test_round_trip(pair: Path, fmt: str, suffix: str, edit) -> None:  # type: ignore[no-untyped-def]
    """export -> post-edit -> apply -> check -> export: the omission is gone, the TMX gains the unit."""
    first = run("check", "ja.txt", "en.txt")
    assert first.exit_code == 1 and "AL101 omission" in first.output
    export(f"{fmt},tmx")
    before = tuids(pair / "out" / "volterra.tmx") | tuids(pair / "out" / "volterra.penalty-30.tmx")
    edit(pair / "out" / f"volterra.{suffix}", pair / f"edited.{suffix}")

    applied = run("apply", f"edited.{suffix}", "-o", "fixed/")  # a folder: fixed/ja.txt
    assert applied.exit_code == 0, applied.output
    assert (
        applied.stderr == f"align: edited.{suffix}: wrote fixed/ja.txt: 1 filled (volterra:2); 5 unchanged\n"
    )
    # In place, in its paragraph, the other bytes as they were: CRLF, the blank line, no BOM.
    expected = JA.replace("予定だ。", "予定だ。" + FILLED)
    assert (pair / "fixed" / "ja.txt").read_bytes() == expected.encode("utf-8")

    again = run("check", "fixed/ja.txt", "en.txt")
    assert again.exit_code == 0 and "AL101" not in again.output, again.output
    result = run("export", "fixed/ja.txt", "en.txt", "-o", "out2", "--formats", "tmx", "--name", "volterra")
    assert result.exit_code == 0, result.output
    after = tuids(pair / "out2" / "volterra.tmx") | tuids(pair / "out2" / "volterra.penalty-30.tmx")
    gained = {k: v for k, v in after.items() if k not in before}
    assert gained == {"volterra:2": ("It will make batteries for electric cars.", FILLED)}
    assert (pair / "ja.txt").read_bytes() == JA.encode("utf-8")  # the input is never touched


def test_unedited_file_gives_the_same_bytes(pair: Path) -> None:
    export("xliff,po")
    for name in ("volterra.xlf", "volterra.po"):
        result = run("apply", f"out/{name}", "-o", "-")
        assert result.exit_code == 0
        assert result.stdout_bytes == JA.encode("utf-8")
        assert "no unit changed; 6 unchanged" in result.stderr


def test_a_target_rewritten_with_lxml_replaces_its_sentences(pair: Path) -> None:
    """A CAT tool that rewrites a target (lxml, as tools built on it save XLIFF) and splits
    nothing: the sentences of that unit are replaced, nothing else moves."""
    export("xliff")
    tree = etree.parse("out/volterra.xlf")
    target = tree.find(".//x:trans-unit[@id='volterra:5']/x:target", NS)
    assert target is not None and target.text == "アナリストは株価の上昇を見込んでいる。"
    target.text = "アナリストは株価が上がると見ている。"
    tree.write("edited.xlf", encoding="UTF-8", xml_declaration=True)
    result = run("apply", "edited.xlf", "-o", "out/")  # a folder: the Japanese file's name inside
    assert result.exit_code == 0, result.output
    assert "1 edited (volterra:5)" in result.stderr
    written = (pair / "out" / "ja.txt").read_bytes().decode("utf-8")
    assert written == JA.replace("株価の上昇を見込んでいる", "株価が上がると見ている")


def test_accepting_a_suggested_deletion_removes_the_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated sentence is shown in the target of the unit it follows; the <alt-trans> without
    it, accepted in the CAT tool, deletes it from the file, and the re-check no longer sees it."""
    from translate.storage import xliff

    monkeypatch.chdir(tmp_path)
    en = "Volterra Corp. opened a factory in Osaka. The plant will employ 300 people. It opens in May.\n"
    ja = (
        "ヴォルテラ社は大阪に工場を開設した。この工場では300人が働く。この工場では300人が働く。"
        "5月に稼働する。\n"
    )
    Path("en.txt").write_text(en, "utf-8")
    Path("ja.txt").write_text(ja, "utf-8")
    assert "AL103 duplicate" in run("check", "ja.txt", "en.txt").output
    assert run("export", "ja.txt", "en.txt", "-o", "out", "--formats", "xliff").exit_code == 0
    (exported,) = Path("out").glob("*.xlf")
    store = xliff.xlifffile.parsefile(str(exported))
    (unit,) = [u for u in store.units if u.getalttrans()]
    assert unit.target.count("この工場では300人が働く。") == 2
    unit.target = unit.getalttrans()[0].target
    store.savefile("edited.xlf")
    result = run("apply", "edited.xlf", "-o", "fixed.txt")
    assert result.exit_code == 0, result.output
    assert Path("fixed.txt").read_text("utf-8") == ja.replace("働く。この工場では300人が働く。", "働く。")
    assert "AL103" not in run("check", "fixed.txt", "en.txt").output


def test_an_omitted_paragraph_comes_back_as_a_paragraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.storage import po

    monkeypatch.chdir(tmp_path)
    en = (
        "The plant will employ 300 people.\n\n"
        "It will make batteries for electric cars.\n\n"
        "Analysts expect the shares to rise.\n"
    )
    ja = "この工場では300人が働く予定だ。\n\nアナリストは株価の上昇を見込んでいる。\n"
    Path("en.txt").write_text(en, "utf-8")
    Path("ja.txt").write_text(ja, "utf-8")
    assert run("export", "ja.txt", "en.txt", "-o", "out", "--formats", "po").exit_code == 0
    (exported,) = Path("out").glob("*.po")
    store = po.pofile.parsefile(str(exported))
    (omitted,) = [u for u in store.units if not u.isheader() and not u.target]
    assert omitted.source == "It will make batteries for electric cars."
    omitted.target = FILLED
    store.savefile("edited.po")
    assert run("apply", "edited.po", "-o", "fixed.txt").exit_code == 0
    assert Path("fixed.txt").read_text("utf-8") == ja.replace("予定だ。\n\n", f"予定だ。\n\n{FILLED}\n\n")


def test_keeps_the_encoding(pair: Path) -> None:
    (pair / "ja.txt").write_bytes(JA.encode("cp932"))
    export("po")
    post_edit_po(pair / "out" / "volterra.po", pair / "edited.po")
    result = run("apply", "edited.po", "-o", "fixed.txt")
    assert result.exit_code == 0, result.output
    assert (pair / "fixed.txt").read_bytes() == JA.replace("予定だ。", "予定だ。" + FILLED).encode("cp932")


@pytest.mark.parametrize("suffix", ["xlf", "po"])
def test_a_changed_english_source_is_refused_by_unit(pair: Path, suffix: str) -> None:
    export("xliff,po")
    text = (pair / "out" / f"volterra.{suffix}").read_text("utf-8")
    (pair / f"edited.{suffix}").write_text(
        text.replace("The plant will employ", "The plant employs"), "utf-8"
    )
    result = run("apply", f"edited.{suffix}", "-o", "fixed.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert f"align: edited.{suffix}: unit 'volterra:1': its English source no longer matches" in result.stderr
    assert not (pair / "fixed.txt").exists()


def test_a_changed_input_file_is_refused(pair: Path) -> None:
    export("xliff")
    (pair / "ja.txt").write_bytes(JA.replace("月曜日", "火曜日").encode("utf-8"))
    result = run("apply", "out/volterra.xlf", "-o", "fixed.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("align: ja.txt: not the text volterra.xlf was exported from")
    (pair / "ja.txt").rename(pair / "moved.txt")
    result = run("apply", "out/volterra.xlf", "-o", "fixed.txt")
    assert result.exit_code == 2 and "give it with --ja" in result.stderr
    (pair / "moved.txt").write_bytes(JA.encode("utf-8"))
    assert run("apply", "out/volterra.xlf", "--ja", "moved.txt", "-o", "fixed.txt").exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.txt", "hello", "not a post-editing file"),
        ("x.xlf", "<xliff", "not a readable XLIFF file"),
        ("x.po", "garbage line\n", "not a readable PO file"),
        ("y.po", 'msgid "a"\nmsgstr "b"\n', "names no Japanese file: give it with --ja"),
        ("missing.xlf", None, "no such file"),
    ],
)
def test_bad_edited_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        Path(name).write_text(content, "utf-8")
    result = run("apply", name, "-o", "out.txt")
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1, (
        result.output
    )


def test_a_source_copied_into_the_target_is_no_translation(pair: Path) -> None:
    """CAT tools can copy the source into an empty target: English never goes into the Japanese."""
    from translate.storage import xliff

    export("xliff")
    store = xliff.xlifffile.parsefile("out/volterra.xlf")
    for unit in store.units:
        if not unit.target:
            unit.target = unit.source
    store.savefile("edited.xlf")
    result = run("apply", "edited.xlf", "-o", "-")
    assert result.exit_code == 0 and result.stdout_bytes == JA.encode("utf-8")
    assert "no unit changed" in result.stderr
