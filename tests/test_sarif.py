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


def _artifact_locations(node: object) -> list[dict]:  # type: ignore[type-arg]
    """Every artifactLocation in a SARIF log (results, related locations, fixes)."""
    if isinstance(node, dict):
        found = [node["artifactLocation"]] if "artifactLocation" in node else []
        return found + [a for v in node.values() for a in _artifact_locations(v)]
    if isinstance(node, list):
        return [a for v in node for a in _artifact_locations(v)]
    return []


@pytest.mark.parametrize(
    ("where", "spelling"),
    [
        ("repo", "relative"),  # sources/<pair>/ja.txt from the repository root
        ("repo", "absolute"),  # /…/sources/<pair>/ja.txt from the repository root
        ("outside", "absolute"),  # /…/sources/<pair>/ja.txt from an unrelated folder
    ],
)
def test_uris_are_relative_to_srcroot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, spelling: str
) -> None:
    """SARIF §3.4.4 / §3.14.14: relative artifact URIs on %SRCROOT%, its file:// URI only in
    run.originalUriBaseIds; the base is the current folder, or the inputs' folder outside it."""
    from urllib.parse import unquote, urlparse

    monkeypatch.chdir(ROOT if where == "repo" else tmp_path)
    pair = ROOT / "sources" / "serra-azul-kestrel"
    files = [pair / "ja.txt", pair / "en.txt"]
    args = [str(f.relative_to(ROOT)) if spelling == "relative" else str(f) for f in files]
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args])
    assert result.exit_code == 1, result.stderr
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    (run,) = log["runs"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    expected_base = ROOT if where == "repo" else pair
    assert base == expected_base.as_uri() + "/"
    locations = _artifact_locations(run)
    assert len(locations) > 10
    assert {loc["uri"] for loc in locations} == (
        {"sources/serra-azul-kestrel/ja.txt", "sources/serra-azul-kestrel/en.txt"}
        if where == "repo"
        else {"ja.txt", "en.txt"}
    )
    for loc in locations:
        assert loc["uriBaseId"] == "%SRCROOT%"
        assert not loc["uri"].startswith("/") and ":" not in loc["uri"]
        # Resolved against its base, each URI is the file that was checked.
        assert Path(unquote(urlparse(base + loc["uri"]).path)) in files
    assert str(ROOT) not in json.dumps(run["results"])
