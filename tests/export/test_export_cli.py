"""`align export` on the real pairs of sources/: the committed tmx/ and glossary/ are reproducible."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_contract import ROOT, SOURCES, real_pairs, real_result
from lxml import etree
from test_export_po import msgfmt_check
from test_export_tmx import assert_valid

from align.cli import main
from align.export import ExportOptions, read_glossary
from align.export.tmx import TmxExporter
from align.export.units import bitext_of

REPO_FILES = ("tmx/{}.tmx", "tmx/{}.penalty-30.tmx", "glossary/{}.tbx", "glossary/{}.utf8", "glossary/{}.csv")


def run_align(*args: str, cwd: Path = ROOT, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = seed  # set/dict order must not leak into the output
    return subprocess.run(
        [sys.executable, "-m", "align", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_regenerated_exports_match_committed(tmp_path: Path) -> None:
    proc = run_align("export", "-o", str(tmp_path), seed="12345")
    assert proc.returncode == 0, proc.stderr
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    expected = sorted(f.format(pair) for pair in real_pairs() for f in REPO_FILES)
    assert made == expected
    for rel in expected:
        committed = ROOT / rel
        assert committed.is_file(), f"{rel} is not committed; run `align export` at the repository root"
        assert (tmp_path / rel).read_bytes() == committed.read_bytes(), f"{rel} is stale; run `align export`"


@pytest.mark.parametrize("pair", real_pairs())
def test_real_pair_memory(pair: str, tmp_path: Path) -> None:
    from translate.storage import po, tmx

    result = real_result(pair)
    folder = SOURCES / pair
    proc = run_align("export", str(folder / "ja.txt"), str(folder / "en.txt"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{pair}.{e}" for e in ("tmx", "penalty-30.tmx", "tbx", "utf8", "csv", "po", "xlf")
    )
    both = [b for b in result.alignment.beads if b.en and b.ja]
    tus = [tu for m in ("tmx", "penalty-30.tmx") for tu in assert_valid(out / f"{pair}.{m}").iter("tu")]
    assert len(tus) == len(both) > 10
    assert len({tu.get("tuid") for tu in tus}) == len(tus)
    # The main memory holds no unit with a warning or an error; the penalty memory only those.
    for m, flagged in (("tmx", False), ("penalty-30.tmx", True)):
        for tu in assert_valid(out / f"{pair}.{m}").iter("tu"):
            notes = [n.text or "" for n in tu.iter("note")]
            assert any("(error)" in n or "(warning)" in n for n in notes) is flagged, (m, tu.get("tuid"))
    memories = [tmx.tmxfile.parsefile(str(out / f"{pair}.{m}")) for m in ("tmx", "penalty-30.tmx")]
    units = [u for store in memories for u in store.units]
    po_units = [u for u in po.pofile.parsefile(str(out / f"{pair}.po")).units if not u.isheader()]
    # Every English sentence is a PO entry; a memory unit's target there may go on with a
    # Japanese addition that has no English (shown to the post-editor, never in a memory).
    assert len(po_units) == sum(1 for b in result.alignment.beads if b.en)
    key = {u.getcontext(): (u.source, u.target) for u in po_units}
    for u in units:
        source, target = key[u.getid()]
        assert source == u.source and target.startswith(u.target)
    assert all(u.source.strip() and u.target.strip() for u in units)
    fuzzy = {u.source for u in po_units if u.isfuzzy()}
    penalty = tmx.tmxfile.parsefile(str(out / f"{pair}.penalty-30.tmx")).units
    assert {u.source for u in penalty} <= fuzzy  # PO marks fuzzy what the TMX sets aside (and more)
    msgfmt_check(out / f"{pair}.po")
    etree.parse(str(out / f"{pair}.tbx"))
    assert len(read_glossary(out / f"{pair}.tbx")) == len(result.glossary)


def test_seed_glossary_variants() -> None:
    entries = {e.english: e for e in read_glossary(ROOT / "glossary" / "openai-musk.tbx")}
    # The builder may also list the full name ("Chris Lehane"); the surname entry gathers the variants.
    lehane = max((e for name, e in entries.items() if name.endswith("Lehane")), key=lambda e: len(e.variants))
    assert len(lehane.variants) >= 3
    assert {"レーン", "リーン", "リーハイガン"} <= {v.form for v in lehane.variants}
    altman = max((e for name, e in entries.items() if name.endswith("Altman")), key=lambda e: len(e.variants))
    status = {v.form: v.status for v in altman.variants}
    assert status.get("オルトマン") == "deprecated"
    assert altman.preferred is not None and altman.preferred.form.endswith("アルトマン")
    tsv = (ROOT / "glossary" / "openai-musk.utf8").read_text("utf-8")
    assert any(line.split("\t")[1] == "オルトマン" and "DO NOT USE" in line for line in tsv.splitlines()[1:])


def test_source_date_epoch_sets_creationdate(monkeypatch: pytest.MonkeyPatch) -> None:
    result = real_result(real_pairs()[0])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    options = ExportOptions.create()
    data = TmxExporter().serialize(bitext_of(result, options), options).data
    assert b'creationdate="20250101T000000Z"' in data and b"19800101" not in data
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    options = ExportOptions.create()
    data = TmxExporter().serialize(bitext_of(result, options), options).data
    assert b'creationdate="19800101T000000Z"' in data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exclude", "bogus"], "--exclude: unknown bogus"),
        (["--formats", "tmx,docx"], "--formats: unknown docx"),
        (["--en-lang", "<en>"], "is not a language tag"),
        (["--name", "../x"], "must be a plain file name"),
        (["--min-score", "5"], "align: --min-score 5: must be between 0 and 1"),
        (["--min-score", "65.0"], "align: --min-score 65: must be between 0 and 1"),
        (["--min-score", "-0.1"], "align: --min-score -0.1: must be between 0 and 1"),
        (["--min-score", "nan"], "align: --min-score nan: must be between 0 and 1"),
    ],
)
def test_user_errors(tmp_path: Path, args: list[str], message: str) -> None:
    folder = SOURCES / real_pairs()[0]
    argv = ["export", str(folder / "ja.txt"), str(folder / "en.txt"), "-o", str(tmp_path), *args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_files_need_output_dir() -> None:
    folder = SOURCES / real_pairs()[0]
    result = CliRunner().invoke(main, ["export", str(folder / "ja.txt"), str(folder / "en.txt")])
    assert result.exit_code == 2 and "-o DIR" in result.output


def test_min_score_and_exclude_shrink_memory(tmp_path: Path) -> None:
    pair = real_pairs()[0]
    result = real_result(pair)
    both = [b for b in result.alignment.beads if b.en and b.ja]
    scores = sorted(b.score for b in both)
    median = scores[len(scores) // 2]
    folder = SOURCES / pair
    argv = ["export", str(folder / "en.txt"), str(folder / "ja.txt"), "--formats", "tmx", "-o"]
    out = tmp_path / "min"
    assert CliRunner().invoke(main, [*argv, str(out), "--min-score", str(median)]).exit_code == 0
    tus = [tu for m in ("tmx", "penalty-30.tmx") for tu in assert_valid(out / f"{pair}.{m}").iter("tu")]
    assert len(tus) == sum(b.score >= median for b in both)
    for edge in ("0", "1"):  # the range's ends are allowed
        assert CliRunner().invoke(main, [*argv, str(tmp_path / edge), "--min-score", edge]).exit_code == 0
    out = tmp_path / "exclude"
    assert CliRunner().invoke(main, [*argv, str(out), "--exclude", "error,warning"]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{pair}.tmx"]  # dropped: no penalty memory
    default = tmp_path / "default"
    assert CliRunner().invoke(main, [*argv, str(default)]).exit_code == 0
    assert len(assert_valid(out / f"{pair}.tmx").getroot().findall("body/tu")) == len(
        assert_valid(default / f"{pair}.tmx").getroot().findall("body/tu")
    )


def test_hostile_input_files(tmp_path: Path) -> None:
    """Markup, ]]>, & and control characters in real input files: valid exports and a warning per change."""
    en = [
        "Tom met <b>Jerry</b> & friends ]]> at noon.",
        "The \x1fcat sat\x0b on the mat.",
        "A third sentence here.",
    ]
    ja = [
        "トムは正午に<b>ジェリー</b>と友人たちに会った ]]>。",
        "猫が\x1fマットの上に座った。",
        "三番目の文です。",
    ]
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n")
    (tmp_path / "ja.txt").write_text("\n".join(ja) + "\n")
    out = tmp_path / "out"
    proc = run_align(
        "export", str(tmp_path / "ja.txt"), str(tmp_path / "en.txt"), "-o", str(out), "--name", "h"
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        "align: warning: h bead 1 (en): removed 2 character(s) illegal in XML 1.0 (U+000B, U+001F)"
        in proc.stderr
    )
    root = assert_valid(out / "h.tmx").getroot()
    assert [tu.get("tuid") for tu in root.iter("tu")] == ["h:0", "h:1", "h:2"]
    segs = [seg.text for seg in root.iter("seg")]
    assert segs[:4] == [
        "Tom met <b>Jerry</b> & friends ]]> at noon.",
        "トムは正午に<b>ジェリー</b>と友人たちに会った ]]>。",
        "The cat sat on the mat.",
        "猫がマットの上に座った。",
    ]
    msgfmt_check(out / "h.po")


def test_committed_omegat_glossary_is_read_back_by_check(tmp_path: Path) -> None:
    """glossary/<pair>.utf8 (the name OmegaT loads as is) holds the TBX's renderings and feeds --glossary."""
    pair = real_pairs()[0]
    utf8, tbx = ROOT / "glossary" / f"{pair}.utf8", ROOT / "glossary" / f"{pair}.tbx"
    assert not (ROOT / "glossary" / f"{pair}.tsv").exists()  # the old name, which OmegaT skipped

    def rows(path: Path) -> list[tuple[str, str, str]]:
        return [(e.english, v.form, v.status) for e in read_glossary(path) for v in e.variants]

    assert rows(utf8) == rows(tbx) and len(rows(utf8)) > 5
    folder = SOURCES / pair
    texts = (str(folder / "ja.txt"), str(folder / "en.txt"))
    proc = run_align("check", "--glossary", str(utf8), "--format", "json", *texts)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == "" and '"findings"' in proc.stdout
