"""align fix: choosing and applying fixes, byte-exact writing, the command line.

The pieces (choose, apply_edits, splice) are tested on their own and as properties;
the command on a small invented pair, with every output mode and exit code. The
seed pair's done-when checks are in tests/test_fix_seed.py.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from align.cli import main
from align.errors import OutputError
from align.files import Decoded, decode
from align.fix import apply_edits, choose, splice, unified_diff
from align.model import Edit, Finding, Fix, Severity

EN = """Keller founded Zentrix in 2010.

Keller said the aim was "to do what we can". Sales rose by 5% last year.

Keller expects further growth.
"""
JA = (
    "出典:example.com\n"
    "ケラー氏は2010年にZentrixを設立した。\n"
    'ケラー氏は、目標は "できることをする "ことだと述べた。昨年の売上は5%増加した。昨年、売上は5%増加した。\n'
    "ケーラー氏はさらなる成長を見込む。\n"
)
#: What the safe fixes make of JA (AL504 and AL201; the repeated sentence needs --unsafe-fixes).
SAFE = JA.replace(' "できることをする "', "「できることをする」").replace("ケーラー", "ケラー")
UNSAFE = SAFE.replace("昨年、売上は5%増加した。", "")


def _finding(rule: str, *edits: Edit, applicability: str = "safe") -> Finding:
    fix = Fix(tuple(edits), applicability, f"fix {rule}")  # type: ignore[arg-type]
    return Finding(rule, rule.lower(), "style", Severity.INFO, "m", fix=fix)


# --- the model ------------------------------------------------------------------


def test_fix_refuses_overlapping_or_unsorted_edits_and_unknown_applicability() -> None:
    with pytest.raises(ValueError, match="overlap"):
        Fix((Edit(0, 3, "a"), Edit(2, 4, "b")), "safe", "x")
    with pytest.raises(ValueError, match="overlap"):
        Fix((Edit(5, 6, "a"), Edit(0, 1, "b")), "safe", "x")
    with pytest.raises(ValueError, match="applicability"):
        Fix((Edit(0, 1, "a"),), "maybe", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        Fix((), "safe", "x")
    assert Fix((Edit(0, 1, "a"), Edit(1, 1, "b")), "unsafe", "x").end == 1


# --- choosing and applying ---------------------------------------------------------


def test_choose_takes_fixes_in_finding_order_and_skips_overlaps_and_unsafe() -> None:
    first = _finding("A1", Edit(0, 4, "x"))
    overlapping = _finding("A2", Edit(3, 5, "y"))
    touching = _finding("A3", Edit(4, 6, "z"))
    unsafe = _finding("A4", Edit(8, 9, "u"), applicability="unsafe")
    no_fix = Finding("A5", "a5", "style", Severity.INFO, "m")
    findings = [first, overlapping, touching, unsafe, no_fix]
    assert choose(findings, unsafe=False) == [first, touching]
    assert choose(findings, unsafe=True) == [first, touching, unsafe]
    # Two insertions at one point: which goes first is unknown, so the second waits.
    a, b = _finding("B1", Edit(2, 2, "p")), _finding("B2", Edit(2, 2, "q"))
    assert choose([a, b], unsafe=False) == [a]
    # An insertion inside a replaced span overlaps it; at its edge it does not.
    assert choose([first, _finding("B3", Edit(2, 2, "p"))], unsafe=False) == [first]
    assert len(choose([first, _finding("B4", Edit(4, 4, "p"))], unsafe=False)) == 2


def test_apply_edits() -> None:
    text = "abcdef"
    assert apply_edits(text, [Edit(4, 6, "X"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdX"
    assert apply_edits(text, []) == text


# --- writing the bytes back -----------------------------------------------------------

_ALPHABET = st.sampled_from(list("あいうアイウ漢字「」。、abc ?\n") + ["\r\n", "\r"])


@st.composite
def _text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = "".join(draw(st.lists(_ALPHABET, min_size=1, max_size=40)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits = []
    for a, b in zip(cuts[0::2], cuts[1::2], strict=False):
        edits.append(Edit(a, b, draw(st.sampled_from(["", "「", "」", "アルファ", "？", "x\r\n"]))))
    return text, edits


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("shift_jis", b""),
        ("cp932", b""),
        ("euc_jp", b""),
        ("iso2022_jp", b""),
    ],
)
@settings(max_examples=40, deadline=None)
@given(case=_text_and_edits())
def test_splice_keeps_every_byte_outside_the_edits(
    codec: str, bom: bytes, case: tuple[str, list[Edit]]
) -> None:
    text, edits = case
    data = bom + text.encode(codec)
    out = splice(data, Decoded(text, codec, bom), edits)
    fixed = apply_edits(text, edits)
    assert out == bom + fixed.encode(codec)
    if edits and not codec.startswith("iso2022"):
        # The bytes before the first edit and after the last are the original ones.
        head = len(bom) + len(text[: edits[0].start].encode(codec))
        tail = len(text[edits[-1].end :].encode(codec))
        assert out[:head] == data[:head]
        assert out[len(out) - tail :] == data[len(data) - tail :]


def test_splice_keeps_a_character_that_has_two_byte_forms() -> None:
    # CP932 maps IBM extensions (FA 40) and NEC-selected IBM extensions (EE EF) to one
    # character; encoding the whole text again would rewrite the untouched FA 40.
    data = b"\xfa\x40" + "の検査".encode("cp932")
    decoded = decode(data, "x.txt", "cp932")
    assert decoded.text[0] == "\u2170" and "\u2170".encode("cp932") == b"\xee\xef"
    out = splice(data, decoded, [Edit(2, 4, "試験")])
    assert out == b"\xfa\x40" + "の試験".encode("cp932")


def test_splice_refuses_a_replacement_the_encoding_cannot_write() -> None:
    data = "名前の表記".encode("shift_jis")
    with pytest.raises(OutputError, match="shift_jis"):
        splice(data, Decoded("名前の表記", "shift_jis"), [Edit(0, 2, "\U0001f600")], "ja.txt")


@pytest.mark.parametrize(
    ("data", "codec", "bom"),
    [
        ("テスト\r\n".encode("utf-16-be"), "utf-16-be", b""),
        (codecs.BOM_UTF16_BE + "テスト".encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        (codecs.BOM_UTF8 + "テスト".encode(), "utf-8", codecs.BOM_UTF8),
        ("テストです。これは日本語の文章です。".encode("shift_jis"), "", b""),
    ],
)
def test_decode_tells_how_to_encode_back(data: bytes, codec: str, bom: bytes) -> None:
    decoded = decode(data, "x.txt")
    assert decoded.bom == bom
    if codec:
        assert decoded.codec == codec
    assert decoded.bom + decoded.text.encode(decoded.codec) == data


def test_decode_with_a_given_encoding_keeps_the_bom_and_its_byte_order() -> None:
    data = codecs.BOM_UTF16_BE + "テスト".encode("utf-16-be")
    decoded = decode(data, "x.txt", "utf-16")
    assert (decoded.text, decoded.codec, decoded.bom) == ("テスト", "utf-16-be", codecs.BOM_UTF16_BE)


def test_unified_diff_keeps_line_endings_and_marks_a_missing_last_newline() -> None:
    before = "一行目\r\n二行目\r\n三行目"
    after = "一行目\r\n2行目\r\n三行目です"
    diff = unified_diff(before, after, "ja.txt")
    assert diff.startswith("--- ja.txt\n+++ ja.txt\n")
    assert " 一行目\r\n-二行目\r\n-三行目\n\\ No newline at end of file\n+2行目\r\n" in diff
    assert diff.endswith("+三行目です\n\\ No newline at end of file\n")
    assert unified_diff(before, before, "ja.txt") == ""


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text(JA, encoding="utf-8", newline="")
    en.write_text(EN, encoding="utf-8")
    return ja, en


def _run(*args: str | Path) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["fix", *map(str, args)])
    return result.exit_code, result.stdout_bytes, result.stderr


def test_fix_to_stdout_file_and_in_place(pair: tuple[Path, Path], tmp_path: Path) -> None:
    ja, en = pair
    code, out, err = _run(ja, en)
    assert code == 0, err
    assert out.decode("utf-8") == SAFE
    assert "fixed 2 findings (AL201 ×1, AL504 ×1)" in err
    assert "1 more with --unsafe-fixes (AL103 ×1)" in err
    assert ja.read_text(encoding="utf-8") == JA  # stdout: the input is untouched

    target = tmp_path / "fixed.txt"
    assert _run(ja, en, "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8") == SAFE

    code, _, err = _run(ja, en, "--in-place", "--unsafe-fixes")
    assert code == 0, err
    assert ja.read_text(encoding="utf-8") == UNSAFE


def test_diff_writes_nothing_and_exit_codes_say_what_is_left(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    code, out, err = _run(ja, en, "--diff")
    assert code == 1, err  # something to fix
    diff = out.decode("utf-8")
    assert '-ケラー氏は、目標は "できることをする "ことだと述べた。' in diff
    assert "+ケラー氏は、目標は「できることをする」ことだと述べた。" in diff
    assert "+ケラー氏はさらなる成長を見込む。" in diff
    assert "would fix 2 findings" in err
    assert ja.read_text(encoding="utf-8") == JA
    # After the fix, nothing safe is left: --diff is empty and exits 0; fix again is a no-op.
    assert _run(ja, en, "--in-place")[0] == 0
    summary = f"align: {ja}: would fix 0 findings; 1 more with --unsafe-fixes (AL103 ×1)\n"
    assert _run(ja, en, "--diff") == (0, b"", summary)
    before = ja.read_bytes()
    assert _run(ja, en, "--in-place")[0] == 0
    assert ja.read_bytes() == before
    # Only unsafe fixes are left; with --unsafe-fixes they are fixable, so --diff exits 1.
    assert _run(ja, en, "--diff", "--unsafe-fixes")[0] == 1


def test_select_and_ignore_choose_what_is_fixed(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    code, out, _ = _run(ja, en, "--select", "quote")
    assert code == 0
    assert out.decode("utf-8") == JA.replace(' "できることをする "', "「できることをする」")
    code, out, _ = _run(ja, en, "--ignore", "AL504,AL103")
    assert out.decode("utf-8") == JA.replace("ケーラー", "ケラー")


def test_crlf_shift_jis_input_keeps_its_bytes(pair: tuple[Path, Path]) -> None:
    ja, en = pair
    ja.write_bytes(JA.replace("\n", "\r\n").encode("shift_jis"))
    # Too short for encoding detection to be sure (the seed test detects it): named here.
    code, out, err = _run(ja, en, "--encoding", "shift_jis")
    assert code == 0, err
    assert out == SAFE.replace("\n", "\r\n").encode("shift_jis")


def test_usage_and_encoding_errors_are_one_line_exit_2(pair: tuple[Path, Path], tmp_path: Path) -> None:
    ja, en = pair
    code, _, err = _run(ja, en, "-o", tmp_path / "x.txt", "--in-place")
    assert code == 2 and err.count("\n") == 1 and "only one of" in err
    code, _, err = _run(ja, en, "--select", "AL999")
    assert code == 2 and "unknown rule" in err
    # A glossary form Shift_JIS cannot write: nothing is written, the input is untouched.
    ja.write_bytes(JA.encode("shift_jis"))
    sjis = ("--encoding", "shift_jis")
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("Keller\tケ\U0001f600ラー\tpreferred\n", encoding="utf-8")
    before = ja.read_bytes()
    out_file = tmp_path / "out.txt"
    code, _, err = _run(ja, en, *sjis, "--glossary", glossary, "--select", "AL203", "-o", out_file)
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err, err
    assert not out_file.exists()
    code, _, err = _run(ja, en, *sjis, "--glossary", glossary, "--select", "AL203", "--in-place")
    assert code == 2
    assert ja.read_bytes() == before


def test_several_pairs_need_in_place_or_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        d = tmp_path / "sources" / name
        d.mkdir(parents=True)
        (d / "ja.txt").write_text(JA, encoding="utf-8")
        (d / "en.txt").write_text(EN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run()
    assert code == 2 and "several pairs" in err
    code, out, err = _run("--diff")
    assert code == 1
    assert out.decode("utf-8").count("+++ ") == 2


def test_json_and_sarif_carry_the_same_fixes(pair: tuple[Path, Path], tmp_path: Path) -> None:
    """The JSON edits are document offsets; the SARIF regions, lines and columns: both say the same."""
    ja, en = pair
    ja.write_text(JA.replace("\n", "\r\n"), encoding="utf-8", newline="")
    out_json, out_sarif = tmp_path / "c.json", tmp_path / "c.sarif"
    for fmt, out in (("json", out_json), ("sarif", out_sarif)):
        CliRunner().invoke(main, ["check", "--format", fmt, "-o", str(out), str(ja), str(en)])
    findings = json.loads(out_json.read_text(encoding="utf-8"))["findings"]
    run = json.loads(out_sarif.read_text(encoding="utf-8"))["runs"][0]
    results, base = run["results"], run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    text = ja.read_bytes().decode("utf-8")
    line_starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\r\n", i)]

    def offset(line: int, column: int) -> int:
        return line_starts[line - 1] + column - 1

    with_fix = [f for f in findings if "fix" in f]
    assert {f["rule"] for f in with_fix} == {"AL201", "AL504", "AL103"}
    assert [r.get("fixes") is not None for r in results] == ["fix" in f for f in findings]
    for f, r in zip(findings, results, strict=True):
        if "fix" not in f:
            continue
        (change,) = r["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert base + change["artifactLocation"]["uri"] == ja.as_uri()  # relative to the base
        assert r["fixes"][0]["properties"]["applicability"] == f["fix"]["applicability"]
        for edit, rep in zip(f["fix"]["edits"], change["replacements"], strict=True):
            region = rep["deletedRegion"]
            assert offset(region["startLine"], region["startColumn"]) == edit["start"]
            assert offset(region["endLine"], region["endColumn"]) == edit["end"]
            assert text[edit["start"] : edit["end"]] == edit["original"]
            assert rep["insertedContent"]["text"] == edit["replacement"]


def test_json_schema_accepts_fixes_and_rejects_broken_ones(pair: tuple[Path, Path], tmp_path: Path) -> None:
    import jsonschema

    ja, en = pair
    out = tmp_path / "c.json"
    CliRunner().invoke(main, ["check", "--format", "json", "-o", str(out), str(ja), str(en)])
    data = json.loads(out.read_text(encoding="utf-8"))
    schema_path = Path(__file__).resolve().parents[1] / "align" / "schema" / "check.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    fixed = next(f for f in data["findings"] if "fix" in f)
    assert set(fixed["fix"]) == {"applicability", "description", "edits"}
    assert set(fixed["fix"]["edits"][0]) == {"start", "end", "original", "replacement"}
    for breakage in ({"applicability": "maybe"}, {"edits": []}):
        broken = json.loads(json.dumps(data))
        next(f for f in broken["findings"] if "fix" in f)["fix"].update(breakage)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_a_pipe_is_refused_before_anything_is_read(pair: tuple[Path, Path], tmp_path: Path) -> None:
    import os

    _, en = pair
    fifo = tmp_path / "ja.fifo"
    os.mkfifo(fifo)  # opening it to read would block: the check must come first
    code, _, err = _run(fifo, en)
    assert code == 2 and "not a pipe" in err
