"""``align check --ui-lang ja`` renders the text output from the rules' Japanese templates too."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import invoke, work  # noqa: F401

import align
from align.rules import message_text


def _findings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("ja.txt:")]


def test_ui_lang_ja_gives_japanese_messages_and_summary(work: Path) -> None:  # noqa: F811
    english = invoke("check", "--exit-zero", "ja.txt", "en.txt")
    japanese = invoke("check", "--exit-zero", "--ui-lang", "ja", "ja.txt", "en.txt")
    assert english.exit_code == japanese.exit_code == 0, japanese.stderr
    result = align.check(*align.load_pair("ja.txt", "en.txt"))
    assert result.findings
    en_lines, ja_lines = _findings(english.stdout), _findings(japanese.stdout)
    assert len(en_lines) == len(ja_lines) == len(result.findings)
    for en_line, ja_line, finding in zip(en_lines, ja_lines, result.findings, strict=True):
        head = f"{finding.rule} {finding.name}: "
        where = en_line[: en_line.index(head) + len(head)]
        # Same place, code and name; the message from the Japanese template.
        assert ja_line == where + message_text(finding, "ja")
        assert en_line == where + finding.message
    translated = [f for f in result.findings if message_text(f, "ja") != f.message]
    assert translated, "no finding with a Japanese template to compare"
    # The summary uses the report's Japanese labels, the fixable line too.
    summary = japanese.stdout.split("\n\n")[-1].splitlines()
    assert f"指摘 {len(result.findings)}件" in summary, summary
    assert any(line.startswith("align fix で修正できる指摘") for line in summary), summary
    assert "finding" not in "\n".join(summary) and "fixable" not in "\n".join(summary)
    assert f"{len(result.findings)} findings" in english.stdout.split("\n\n")[-1].splitlines()
