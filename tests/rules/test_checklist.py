"""User checklists ([[tool.align.checklist]]): rules of the user's own, run like built-in ones.

Everything is real: config file, CLI, segmenter, aligner and the pipeline's signature.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from align.errors import ConfigError
from align.job import Job, resolve_job
from align.rules.checklist import ChecklistItem, parse_checklist

CONFIG = """
[[checklist]]
code = "X001"
name = "no-katakana-middle-dot"
pattern = "[ァ-ヺ]・[ァ-ヺ]"
message = "middle dot between katakana words"
severity = "info"

[[checklist]]
code = "X002"
pattern = "株式会社"
en_pattern = "(?i)\\\\binc\\\\b"
message = "write 社 for Inc."
category = "term-variant"
"""
JA = "Acme株式会社はピート・ファンデル氏を雇った。\nAcme株式会社は成長した。\n"
EN = "Acme Inc. hired Piet Vander.\nThe Acme company grew.\n"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "align.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "ja.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> list[dict[str, object]]:
    code, out, _ = run("check", "ja.txt", "en.txt", "--format", "json", "--exit-zero", *args)
    assert code == 0
    return json.loads(out)["findings"]  # type: ignore[no-any-return]


def test_checklist_rules_fire_with_their_code_message_and_severity(project: Path) -> None:
    got = findings("--select", "X")
    assert [(f["rule"], f["severity"], f["category"], f["ja"]) for f in got] == [
        ("X002", "warning", "term-variant", [0]),  # the second 株式会社 aligns with no "Inc."
        ("X001", "info", "style", [0]),
    ]
    assert got[1]["message"] == "middle dot between katakana words"
    assert got[1]["spans"][0]["text"] == "ト・フ"


def test_checklist_rules_are_selected_and_ignored_like_built_in_ones(project: Path) -> None:
    assert {f["rule"] for f in findings("--select", "X001")} == {"X001"}
    assert {f["rule"] for f in findings("--select", "no-katakana-middle-dot,X002")} == {"X001", "X002"}
    assert {f["rule"] for f in findings("--select", "style")} == {"X001"}
    assert "X001" not in {f["rule"] for f in findings("--ignore", "X001")}
    assert not {"X001", "X002"} & {f["rule"] for f in findings("--ignore", "X")}
    code, _, err = run("check", "ja.txt", "en.txt", "--select", "X009")
    assert code == 2 and "X009" in err


def test_rules_command_lists_and_documents_checklist_rules(project: Path) -> None:
    code, out, _ = run("rules")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "AL101" in rows and "middle dot between katakana words" in rows["X001"]
    assert "term-variant" in rows["X002"] and "checklist-x002" in rows["X002"]
    code, out, _ = run("rule", "no-katakana-middle-dot")
    assert code == 0 and out.startswith("X001 no-katakana-middle-dot") and "severity: info" in out


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('code = "X001"\npattern = "[abc"\nmessage = "m"', "bad pattern '[abc'"),
        ('code = "X001"\npattern = "a"\nen_pattern = "("\nmessage = "m"', "bad en_pattern"),
        ('code = "AL101"\npattern = "a"\nmessage = "m"', "AL are align's own"),
        ('code = "X1"\npattern = "a*"\nmessage = "m"', "matches the empty string"),
        ('code = "X1"\npattern = "a"\nmessage = "m"\nname = "omission"', "already a rule name"),
        ('code = "X1"\npattern = "a"\nmessage = "m"\nseverity = "fatal"', "unknown severity"),
        ('code = "X1"\npattern = "a"', "needs string values"),
        ('code = "1X"\npattern = "a"\nmessage = "m"', "letters then digits"),
        ('code = "X1"\npattern = "a"\nmessage = "m"\ncolour = "red"', "unknown key(s) colour"),
    ],
)
def test_a_bad_checklist_entry_is_one_line_and_exit_2(project: Path, entry: str, words: str) -> None:
    (project / "align.toml").write_text(f"[[checklist]]\n{entry}\n", encoding="utf-8")
    code, out, err = run("check", "ja.txt", "en.txt")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "align.toml" in err and words in err, err


def test_clashing_codes_within_a_checklist() -> None:
    entry = {"code": "X1", "pattern": "a", "message": "m"}
    with pytest.raises(ConfigError, match="used by another checklist entry"):
        parse_checklist([entry, {**entry, "name": "other"}])


def test_the_checklist_shapes_the_signature_and_survives_json(project: Path) -> None:
    job, _ = resolve_job(["ja.txt", "en.txt"])
    assert [i.code for i in job.settings.checklist] == ["X001", "X002"]
    assert Job.from_json(job.to_json()) == job

    def signature() -> str:
        return str(json.loads(run("check", "ja.txt", "en.txt", "--format", "json")[1])["signature"])

    first = signature()
    assert "|checklist:" in first and "rules:all|" in first
    (project / "align.toml").write_text(CONFIG.replace("katakana words", "katakana"), encoding="utf-8")
    assert signature() != first
    (project / "align.toml").unlink()
    assert "checklist:" not in signature()


def test_checklist_items_run_through_the_python_api() -> None:
    from align.pipeline import check
    from align.segment import segment

    item = ChecklistItem("Q10", "no-exclamation", "！", "no exclamation marks in news copy", "error")
    ja = segment("売上が急増した！", "ja")
    en = segment("Sales soared!", "en")
    result = check(ja, en, select=["Q"], checklist=[item])
    assert [(f.rule, str(f.severity), f.spans[0].text) for f in result.findings] == [("Q10", "error", "！")]
