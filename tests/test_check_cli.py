"""`align check` as a user runs it: formats, exit codes, selection, config, baseline, glossary.

Everything runs for real (segmenter, aligner, fugashi, JMdict) on the bundled pairs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from align.cli import main
from align.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SEED_JA = ROOT / "sources" / "openai-musk" / "ja.txt"
SEED_EN = ROOT / "sources" / "openai-musk" / "en.txt"
LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>AL\d{3}) (?P<name>[a-z-]+): (?P<msg>.+)$"
)


def run(
    *args: str, cwd: Path | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    if cwd is not None and monkeypatch is not None:
        monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed_text() -> str:
    code, out, _ = run("check", str(SEED_JA), str(SEED_EN))
    assert code == 1
    return out


def test_text_lines_point_into_the_japanese_file(seed_text: str) -> None:
    lines = seed_text.splitlines()
    findings = [LINE.match(x) for x in lines if LINE.match(x)]
    assert len(findings) >= 20
    ja_lines = SEED_JA.read_text(encoding="utf-8").splitlines()
    for m in findings:
        assert m["path"] == str(SEED_JA)
        assert 1 <= int(m["line"]) <= len(ja_lines)
    # オルトマン opens line 5 of ja.txt: the name-variant finding for Altman points at it.
    altman = next(m for m in findings if m["code"] == "AL201" and "'Altman'" in m["msg"])
    assert (int(altman["line"]), int(altman["col"])) == (5, 1)
    assert ja_lines[4].startswith("オルトマン")
    # "Mus 氏" is at the start of line 9.
    mus = next(m for m in findings if m["code"] == "AL301")
    assert (int(mus["line"]), int(mus["col"])) == (9, 1) and "Musk" in mus["msg"]


def test_text_ends_with_a_summary_per_category(seed_text: str) -> None:
    tail = seed_text.rstrip("\n").split("\n\n")[-1].splitlines()
    # Then, as ruff does, what align fix would fix (per rule, as align fix announces it).
    fixable = r"\d+ fixable with align fix \(AL.*\); \d+ more with --unsafe-fixes \(AL.*\)"
    assert re.fullmatch(fixable, tail[-1])
    cats = {line.split(":")[0] for line in tail[:-2]}
    assert {"name-variant", "truncated", "duplicate", "quote", "term-variant"} <= cats
    assert re.fullmatch(r"\d+ findings", tail[-2])


def test_json_contract_and_schema(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    code, stdout, _ = run("check", "--format", "json", "-o", str(out), str(SEED_EN), str(SEED_JA))
    assert code == 1 and stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "align" / "schema" / "check.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    altman = next(f for f in data["findings"] if f["rule"] == "AL201" and f["expected"] == "Altman")
    assert altman["name"] == "name-variant" and altman["category"] == "name-variant"
    assert altman["severity"] == "error" and 5 in altman["ja"]
    span = altman["spans"][0]
    assert span == {"side": "ja", "sentence": 5, "start": 0, "end": 5, "text": "オルトマン"}


def test_select_and_ignore_by_code_and_category() -> None:
    code, out, _ = run("check", "--select", "quote", str(SEED_JA), str(SEED_EN))
    codes = {m["code"] for m in map(LINE.match, out.splitlines()) if m}
    assert codes and all(c.startswith("AL5") for c in codes)
    code, out, _ = run("check", "--select", "AL201,AL301", str(SEED_JA), str(SEED_EN))
    assert {m["code"] for m in map(LINE.match, out.splitlines()) if m} == {"AL201", "AL301"}
    code, out, _ = run("check", "--ignore", "style", "--ignore", "AL5", str(SEED_JA), str(SEED_EN))
    names = {m["name"] for m in map(LINE.match, out.splitlines()) if m}
    assert names and not any(n.startswith("quote") for n in names)
    assert not {"half-width-punctuation", "latin-spacing", "inconsistent-honorific"} & names


def test_exit_codes() -> None:
    # Only warnings (quotes): fail at warning, not at error.
    assert run("check", "--select", "quote", str(SEED_JA), str(SEED_EN))[0] == 1
    assert run("check", "--select", "quote", "--fail-on", "error", str(SEED_JA), str(SEED_EN))[0] == 0
    assert run("check", "--fail-on", "never", str(SEED_JA), str(SEED_EN))[0] == 0
    assert run("check", "--exit-zero", str(SEED_JA), str(SEED_EN))[0] == 0
    # Only info findings (style) never fail at the default threshold.
    assert run("check", "--select", "style", str(SEED_JA), str(SEED_EN))[0] == 0
    assert run("check", "--select", "style", "--fail-on", "info", str(SEED_JA), str(SEED_EN))[0] == 1


def test_usage_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(SEED_JA))  # click's usage errors: exit 2, one line, no traceback
    assert code == 2 and "Traceback" not in err and "give two files" in err
    assert err.strip().splitlines() == [
        "align: give two files (JA and EN, in either order) or none (see 'align check --help')"
    ]
    for args in (
        ["check", "--format", "xml", str(SEED_JA), str(SEED_EN)],
        ["no-such-command"],
        ["check", "--select", "AL999", str(SEED_JA), str(SEED_EN)],
        ["check", "--baseline", str(tmp_path / "missing.json"), str(SEED_JA), str(SEED_EN)],
        ["check", "--glossary", str(tmp_path / "missing.tsv"), str(SEED_JA), str(SEED_EN)],
        ["rule", "AL999"],
    ):
        code, out, err = run(*args)
        assert code == 2, args
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (args, err)


def test_baseline_accepts_known_findings(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    code, _, err = run("check", "--write-baseline", str(base), str(SEED_JA), str(SEED_EN))
    assert code == 0 and "wrote" in err
    rows = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert len(rows) >= 20 and all(re.fullmatch(r"[0-9a-f]{20}", r["fingerprint"]) for r in rows)
    code, out, _ = run("check", "--baseline", str(base), str(SEED_JA), str(SEED_EN))
    assert code == 0 and out.strip() == "no findings"
    # A baseline accepts exactly what it recorded: drop one entry and that finding is back.
    data = json.loads(base.read_text(encoding="utf-8"))
    dropped = next(r for r in data["findings"] if r["rule"] == "AL301")
    data["findings"].remove(dropped)
    base.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run("check", "--baseline", str(base), str(SEED_JA), str(SEED_EN))
    assert code == 1 and [m["code"] for m in map(LINE.match, out.splitlines()) if m] == ["AL301"]


def test_glossary_deprecated_variant_is_an_error(tmp_path: Path) -> None:
    gloss = tmp_path / "approved.tsv"
    gloss.write_text(
        "Altman\tオルトマン\tpreferred; person\nAltman\tアルトマン\tDO NOT USE: deprecated; person\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "--glossary", str(gloss), "--format", "json", str(SEED_JA), str(SEED_EN))
    data = json.loads(out)
    deprecated = [f for f in data["findings"] if f["rule"] == "AL203"]
    assert code == 1 and len(deprecated) == 6
    assert all(f["severity"] == "error" and f["spans"][0]["text"] == "アルトマン" for f in deprecated)
    # The glossary decides the preferred form of the name-variant finding too.
    variant = next(f for f in data["findings"] if f["rule"] == "AL201" and f["expected"] == "Altman")
    assert "preferred: オルトマン" in variant["message"]


def test_config_file_found_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "ja.txt").write_bytes(SEED_JA.read_bytes())
    (tmp_path / "texts" / "en.txt").write_bytes(SEED_EN.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[tool.align]\nselect = ["truncated"]\nfail-on = "never"\n'
        'pairs = [{ name = "demo", ja = "texts/ja.txt", en = "texts/en.txt" }]\n'
        '[tool.align.rules.AL302]\nseverity = "info"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "deeper" / "still"
    sub.mkdir(parents=True)
    code, out, _ = run("check", "--format", "json", cwd=sub, monkeypatch=monkeypatch)
    data = json.loads(out)
    assert code == 0  # fail-on = never
    assert {f["category"] for f in data["findings"]} == {"truncated"}
    assert {f["rule"]: f["severity"] for f in data["findings"]}["AL302"] == "info"
    (tmp_path / "pyproject.toml").write_text('[tool.align]\nselect = ["nonsense"]\n', encoding="utf-8")
    code, _, err = run("check", cwd=sub, monkeypatch=monkeypatch)
    assert code == 2 and "nonsense" in err


def test_no_arguments_checks_every_pair_under_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("check", "--format", "json", cwd=ROOT, monkeypatch=monkeypatch)
    data = json.loads(out)
    pairs = sorted(d.name for d in (ROOT / "sources").iterdir() if (d / "ja.txt").is_file())
    assert isinstance(data, list) and len(data) == len(pairs) >= 2
    assert code == 1


def test_rules_and_rule_commands() -> None:
    code, out, _ = run("rules")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    # The built-in rules, then the corpus rules of align batch.
    assert listed == [r.code for r in all_rules()] + ["AL901", "AL902"]
    code, out, _ = run("rule", "AL201")
    assert code == 0 and "Anti-pattern::" in out and "Better::" in out and "category: name-variant" in out
    assert run("rule", "name-variant")[1] == out


def test_output_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sarif", tmp_path / "b.sarif"
    run("check", "--format", "sarif", "-o", str(a), str(SEED_JA), str(SEED_EN))
    run("check", "--format", "sarif", "-o", str(b), str(SEED_JA), str(SEED_EN))
    assert a.read_bytes() == b.read_bytes()
