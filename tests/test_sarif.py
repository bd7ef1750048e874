"""SARIF 2.1.0 output validates against the official OASIS schema and carries the rule metadata."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from align.cli import main
from align.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("sarif") / "all.sarif"
    pairs = sorted(d for d in (ROOT / "sources").iterdir() if (d / "ja.txt").is_file())
    runs = []
    for d in pairs:
        result = CliRunner().invoke(
            main, ["check", "--format", "sarif", "-o", str(out), str(d / "ja.txt"), str(d / "en.txt")]
        )
        assert result.exit_code == 1, result.stderr
        runs.append(json.loads(out.read_text(encoding="utf-8")))
    return {"logs": runs}


def test_validates_against_the_official_schema(sarif: dict) -> None:  # type: ignore[type-arg]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    for log in sarif["logs"]:
        errors = sorted(validator.iter_errors(log), key=str)
        assert not errors, errors[0]
        assert log["version"] == "2.1.0"


def test_schema_rejects_a_broken_log(sarif: dict) -> None:  # type: ignore[type-arg]
    # The check can fail: a result without its message is invalid.
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(sarif["logs"][0]))
    del broken["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft4Validator)


def test_rule_metadata(sarif: dict) -> None:  # type: ignore[type-arg]
    run = sarif["logs"][0]["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for meta, cls in zip(rules, all_rules(), strict=True):
        assert meta["name"] == cls.name
        assert meta["properties"]["category"] == cls.category
        assert "Anti-pattern::" in meta["help"]["text"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")


def test_locations_point_at_the_japanese_text(sarif: dict) -> None:  # type: ignore[type-arg]
    run = sarif["logs"][0]["runs"][0]
    text = (ROOT / "sources" / "openai-musk" / "ja.txt").read_text(encoding="utf-8").splitlines()
    mus = next(r for r in run["results"] if r["ruleId"] == "AL301")
    region = mus["locations"][0]["physicalLocation"]["region"]
    line = text[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"] == "Mus 氏"
    omissions = [r for log in sarif["logs"] for r in log["runs"][0]["results"] if r["ruleId"] == "AL101"]
    assert omissions  # the second pair drops a sentence
    assert omissions[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("ja.txt")


def test_fixes_validate_and_change_the_japanese_file(sarif: dict) -> None:  # type: ignore[type-arg]
    """Findings with a fix carry it as SARIF fixes: artifactChanges with replacements."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    results = [r for log in sarif["logs"] for r in log["runs"][0]["results"]]
    fixed = [r for r in results if "fixes" in r]
    assert fixed, "the seed pairs have fixable findings"
    for r in fixed:
        (fix,) = r["fixes"]
        assert fix["description"]["text"]
        assert fix["properties"]["applicability"] in ("safe", "unsafe")
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"]["uri"].endswith("ja.txt")
        assert change["replacements"]
    # The schema checks the fixes too: a replacement without its region is invalid.
    broken = json.loads(json.dumps(sarif["logs"][0]))
    result = next(r for r in broken["runs"][0]["results"] if "fixes" in r)
    del result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft4Validator)
