"""Finding messages in the outputs: Japanese in the ja report, templates in JSON and SARIF."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import invoke
from lxml import html as lxml_html
from paths import SOURCES

from align.rules import get_rule

PAIR = SOURCES / "openai-musk"
FILES = (str(PAIR / "ja.txt"), str(PAIR / "en.txt"))


@pytest.fixture(scope="module")
def checked() -> dict:
    result = invoke("check", *FILES, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    data: dict = json.loads(result.stdout)
    return data


def sarif_format(text: str, arguments: list[str]) -> str:
    """SARIF 2.1.0 §3.11.5: ``{n}`` is the nth argument; ``{{`` and ``}}`` are literal braces."""

    def one(m: re.Match[str]) -> str:
        return m.group()[0] if m.group(1) is None else arguments[int(m.group(1))]

    return re.sub(r"\{\{|\}\}|\{(\d+)\}", one, text)


def _page_strings(path: Path) -> list[str]:
    """Every piece of text a reader can see on the page, attributes (tooltips) included."""
    page = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    out = [page.text_content()]
    for el in page.iter():
        out.extend(str(v) for v in el.attrib.values())
    return out


def test_json_findings_carry_their_template_and_arguments(checked: dict) -> None:
    assert checked["findings"]
    for f in checked["findings"]:
        template = get_rule(f["rule"]).messages[f["message_id"]]
        assert template.render("en", f["arguments"]) == f["message"]


def test_sarif_messages_use_the_rules_message_strings() -> None:
    result = invoke("check", *FILES, "--format", "sarif")
    assert result.exit_code in (0, 1), result.stderr
    run = json.loads(result.stdout)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(r["messageStrings"] for r in rules)
    assert run["results"]
    for res in run["results"]:
        msg = res["message"]
        strings = rules[res["ruleIndex"]]["messageStrings"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert sarif_format(strings[msg["id"]]["text"], msg["arguments"]) == msg["text"]


def test_japanese_report_shows_japanese_messages(checked: dict, tmp_path: Path) -> None:
    out = tmp_path / "ja.html"
    result = invoke("report", *FILES, "--ui-lang", "ja", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    shown = _page_strings(out)
    page_text = shown[0]
    assert len(checked["findings"]) >= 20
    for f in checked["findings"]:
        english = f["message"]
        assert not any(english in s for s in shown), f"English message left: {english}"
        japanese = get_rule(f["rule"]).messages[f["message_id"]].render("ja", f["arguments"])
        assert japanese in page_text
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert len(page.xpath('//ol[@class="findings"]/li')) == len(checked["findings"])


def test_english_report_keeps_the_english_messages(checked: dict, tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    assert invoke("report", *FILES, "-o", str(out)).exit_code == 0
    page_text = _page_strings(out)[0]
    for f in checked["findings"]:
        assert f["message"] in page_text
