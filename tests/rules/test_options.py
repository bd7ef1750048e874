"""Typed rule options: [tool.align.rules.<CODE>] tables are checked when the config is read.

One case per option type: a wrong value exits 2 with one line naming the file, the table and
the key (never an internal error from inside a rule). Real CLI, real config files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from align.errors import ConfigError
from align.job import Settings
from align.pipeline import Plan, check, load_pair
from align.rules import all_rules
from align.rules.options import RuleOptions, configure, option_defaults

JA = "ブラニック社は月曜日に新しい工場(第二工場)を開いた。\n同社は300人を雇った。\n"
EN = "Brannick opened a new plant (its second) on Monday.\nThe company hired 300 people.\n"


@pytest.fixture()
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ja.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("table", "body", "words"),
    [
        # int
        ("AL103", "window = 2.5", "[tool.align.rules.AL103] window: expected a whole number, got 2.5"),
        ("AL103", "window = 0", "[tool.align.rules.AL103] window: expected a number at least 1, got 0"),
        # float (the case: an internal TypeError, exit 3, before)
        ("AL801", 'min_score = "high"', "[tool.align.rules.AL801] min_score: expected a number, got 'high'"),
        (
            "AL801",
            "min_score = 2",
            "[tool.align.rules.AL801] min_score: expected a number from 0 to 1, got 2",
        ),
        # str choice, by rule name
        (
            "latin-spacing",
            'mode = "sometimes"',
            "[tool.align.rules.latin-spacing] mode: expected one of 'consistent', 'always', got 'sometimes'",
        ),
        # bool
        (
            "AL701",
            'parentheses = "no"',
            "[tool.align.rules.AL701] parentheses: expected true or false, got 'no'",
        ),
        # list
        ("AL302", 'pos = "助動詞"', "[tool.align.rules.AL302] pos: expected a list of strings, got '助動詞'"),
        ("AL302", "pos = [1, 2]", "[tool.align.rules.AL302] pos: expected a list of strings, got [1, 2]"),
        # severity, which every rule takes
        ("AL201", 'severity = "loud"', "[tool.align.rules.AL201] severity: expected error, warning or info"),
        # unknown key
        ("AL103", "min_scor = 3", "[tool.align.rules.AL103] min_scor: unknown option (the options are"),
        # unknown rule
        ("AL999", "severity = 'info'", "[tool.align.rules.AL999]: unknown rule"),
    ],
)
def test_a_wrong_option_exits_2_naming_the_key(pair: Path, table: str, body: str, words: str) -> None:
    (pair / "pyproject.toml").write_text(f"[tool.align.rules.{table}]\n{body}\n", encoding="utf-8")
    code, out, err = run("check", "ja.txt", "en.txt")
    assert code == 2 and out == "", (code, out, err)
    assert err.count("\n") == 1 and "pyproject.toml: " in err and words in err, err


def test_an_align_toml_names_its_own_table(pair: Path) -> None:
    (pair / "align.toml").write_text('[rules.AL801]\nmin_score = "high"\n', encoding="utf-8")
    code, _, err = run("check", "ja.txt", "en.txt")
    assert code == 2 and "align.toml: [rules.AL801] min_score: expected a number, got 'high'" in err


def test_a_table_of_a_rule_not_selected_is_checked_too(pair: Path) -> None:
    (pair / "align.toml").write_text('select = ["quote"]\n[rules.AL103]\nwindow = "wide"\n', encoding="utf-8")
    code, _, err = run("check", "ja.txt", "en.txt")
    assert code == 2 and "[rules.AL103] window: expected a whole number" in err


def test_good_options_reach_the_rule_and_the_signature(pair: Path) -> None:
    """Integers for floats, names for codes, the code winning over the name: all one record."""
    ja, en = load_pair("ja.txt", "en.txt")
    tables = {"low-confidence-bead": {"min_score": 1, "severity": "Warning"}, "AL801": {"min_score": 0.5}}
    result = check(ja, en, options=tables)
    configured = configure(all_rules()[[r.code for r in all_rules()].index("AL801")], tables)
    assert configured.options == type(configured.options)(min_score=0.5)
    assert "AL801.min_score=0.5" in str(result.signature) and "AL801.severity=warning" in str(
        result.signature
    )
    assert all(f.severity.name == "WARNING" for f in result.findings if f.rule == "AL801")


def test_the_bool_option_turns_parentheses_off(pair: Path) -> None:
    ja, en = load_pair("ja.txt", "en.txt")
    on = check(ja, en, select=["AL701"]).findings
    off = check(ja, en, select=["AL701"], options={"AL701": {"parentheses": False}}).findings
    assert {f.expected for f in on} == {"（", "）"} and off == ()


def test_the_python_api_names_its_options_too() -> None:
    with pytest.raises(ConfigError, match=r"options\['AL103'\] window: expected a whole number, got 'x'"):
        Plan(Settings.create(options={"AL103": {"window": "x"}})).validate()
    with pytest.raises(ConfigError, match=r"options\['AL9'\]: unknown rule"):
        Plan(Settings.create(options={"AL9": {}})).validate()


def test_every_rule_declares_a_frozen_record_with_defaults() -> None:
    import dataclasses

    for rule in all_rules():
        assert issubclass(rule.Options, RuleOptions) and rule.Options.__dataclass_params__.frozen  # type: ignore[attr-defined]
        record = rule.Options()  # every option has a default
        assert dataclasses.asdict(record).keys() == option_defaults(rule).keys()
        assert rule.configured({}).options == record


def test_a_rule_with_a_defaults_dict_is_refused() -> None:
    from align.rules.base import Rule

    with pytest.raises(TypeError, match="frozen dataclass"):
        type("OldStyle", (Rule,), {"code": "X9", "defaults": {"n": 1}})
