"""align fix on the seed pair (sources/openai-musk): the done-when checks of issue 13.

Nothing here names the article's words: which names and spans are fixed comes from the
findings of the original check, and every assertion is about them.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.baseline import fingerprint
from align.cli import main
from align.job import Job, Pair
from align.pipeline import CheckResult, run

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "openai-musk"
VARIANT_RULES = ("AL201", "AL202")


def _check(ja: Path, en: Path) -> CheckResult:
    return next(run(Job((Pair("openai-musk", str(ja), str(en)),)), glossary=True))


def _fix(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fix", *map(str, args)])
    return result.exit_code, result.stderr


@dataclass(frozen=True)
class Fixed:
    ja: Path
    en: Path
    before: CheckResult
    after: CheckResult
    exit_code: int
    before_text: str
    after_text: str


def _copy(tmp: Path) -> tuple[Path, Path]:
    d = tmp / "openai-musk"
    d.mkdir()
    shutil.copyfile(SEED / "ja.txt", d / "ja.txt")
    shutil.copyfile(SEED / "en.txt", d / "en.txt")
    return d / "ja.txt", d / "en.txt"


def _fixed(tmp: Path, *flags: str) -> Fixed:
    ja, en = _copy(tmp)
    before = _check(ja, en)
    text = ja.read_bytes().decode("utf-8")
    code, err = _fix(ja, en, "--in-place", *flags)
    assert code in (0, 1), err
    return Fixed(ja, en, before, _check(ja, en), code, text, ja.read_bytes().decode("utf-8"))


@pytest.fixture(scope="module")
def safe(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    return _fixed(tmp_path_factory.mktemp("safe"))


@pytest.fixture(scope="module")
def unsafe(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    return _fixed(tmp_path_factory.mktemp("unsafe"), "--unsafe-fixes")


def _fixable(result: CheckResult, unsafe: bool) -> list[str]:
    return [f.rule for f in result.findings if f.fix is not None and (f.fix.safe or unsafe)]


def _one_rendering(result: CheckResult, english: str) -> list[str]:
    assert result.glossary is not None
    return [v.form for g in result.glossary if g.english == english for v in g.variants]


def test_the_seed_has_safe_and_unsafe_fixes(safe: Fixed) -> None:
    rules = {f.rule for f in safe.before.findings if f.fix is not None and f.fix.safe}
    assert {"AL201", "AL202", "AL301", "AL501", "AL504"} <= rules
    assert "AL103" in {f.rule for f in safe.before.findings if f.fix is not None and not f.fix.safe}


def test_fix_exits_0_and_nothing_safe_is_left(safe: Fixed) -> None:
    assert safe.exit_code == 0
    assert _fixable(safe.after, unsafe=False) == []


def test_one_rendering_where_safe_fixes_replaced_the_variants(safe: Fixed) -> None:
    fixed = [f for f in safe.before.findings if f.rule in VARIANT_RULES and f.fix is not None and f.fix.safe]
    assert len(fixed) >= 2
    for f in fixed:
        assert f.expected and f.preferred
        assert _one_rendering(safe.after, f.expected) == [f.preferred], f.message
        for v in f.variants:
            if v.status != "preferred":
                assert v.form not in safe.after_text, (f.expected, v.form)


def test_recheck_reports_none_of_the_fixed_findings(safe: Fixed) -> None:
    fixed = {fingerprint(safe.before, f) for f in safe.before.findings if f.fix is not None and f.fix.safe}
    left = {fingerprint(safe.after, f) for f in safe.after.findings}
    assert fixed and not fixed & left
    # Variant findings are found by their English unit too (their spans change with the fix).
    names = {f.expected for f in safe.before.findings if f.rule in VARIANT_RULES and f.fix and f.fix.safe}
    assert not {f.expected for f in safe.after.findings if f.rule in VARIANT_RULES} & names


def test_second_fix_is_a_no_op(safe: Fixed) -> None:
    before = safe.ja.read_bytes()
    code, err = _fix(safe.ja, safe.en, "--in-place")
    assert code == 0, err
    assert "fixed 0 findings" in err
    assert safe.ja.read_bytes() == before


def _changed_ranges(before: str, after: str) -> Iterator[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            yield i1, i2


def test_the_diff_touches_only_the_fixed_spans(safe: Fixed) -> None:
    spans = [
        (e.start, e.end)
        for f in safe.before.findings
        if f.fix is not None and f.fix.safe
        for e in f.fix.edits
    ]
    changed = list(_changed_ranges(safe.before_text, safe.after_text))
    assert changed
    for i1, i2 in changed:
        assert any(s <= i1 and i2 <= e for s, e in spans), safe.before_text[max(0, i1 - 10) : i2 + 10]
    # Every line that changed holds a fix; the others are the same lines, endings included.
    lines_before = safe.before_text.splitlines(keepends=True)
    lines_after = safe.after_text.splitlines(keepends=True)
    assert len(lines_before) == len(lines_after)
    starts = [0]
    for line in lines_before:
        starts.append(starts[-1] + len(line))
    for k, (a, b) in enumerate(zip(lines_before, lines_after, strict=True)):
        if a != b:
            assert any(starts[k] <= s < starts[k + 1] for s, _ in spans), a


@pytest.mark.parametrize(("encoding", "newline"), [("shift_jis", "\n"), ("utf-8", "\r\n"), ("cp932", "\r\n")])
def test_shift_jis_and_crlf_copies_change_only_the_fixed_bytes(
    safe: Fixed, tmp_path: Path, encoding: str, newline: str
) -> None:
    ja = tmp_path / "ja.txt"
    ja.write_bytes(safe.before_text.replace("\n", newline).encode(encoding))
    out = tmp_path / "fixed.txt"
    code, err = _fix(ja, safe.en, "-o", out)  # the encoding is detected, not given
    assert code == 0, err
    # Byte for byte: the UTF-8/LF result, in the copy's encoding and line endings.
    assert out.read_bytes() == safe.after_text.replace("\n", newline).encode(encoding)


def test_unsafe_fixes_leave_one_rendering_of_every_variant_name(unsafe: Fixed) -> None:
    assert unsafe.exit_code == 0
    assert _fixable(unsafe.after, unsafe=True) == []
    names = {f.expected: f.preferred for f in unsafe.before.findings if f.rule in VARIANT_RULES and f.fix}
    assert len(names) >= 4
    for english, preferred in names.items():
        assert english is not None
        assert _one_rendering(unsafe.after, english) == [preferred]
    # The repeated sentences are gone, each with its own line or place, nothing else.
    repeats = [f for f in unsafe.before.findings if f.rule == "AL103"]
    assert repeats and not [f for f in unsafe.after.findings if f.rule == "AL103"]
    for f in repeats:
        assert f.spans[0].text not in unsafe.after_text
    code, err = _fix(unsafe.ja, unsafe.en, "--diff", "--unsafe-fixes")
    assert code == 0, err
