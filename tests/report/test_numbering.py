"""One numbering for users: every position shown is a 1-based ``line:col`` in the input file.

Each test takes a real pair from sources/, picks what an output cites, opens the file as
saved and checks that the cited line and column point at the cited text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lxml import html as lxml_html

from align.pipeline import CheckResult
from align.report import html, sarif, text
from align.report.view import build

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(path: str) -> list[str]:
    return _LINE_BREAK.split(Path(path).read_text(encoding="utf-8").removeprefix("\ufeff"))


def _at(lines: list[str], line: int, col: int) -> str:
    """The file's text from a 1-based line and column to the end of that line."""
    assert 1 <= line <= len(lines), line
    assert 1 <= col <= len(lines[line - 1]) + 1, (line, col)
    return lines[line - 1][col - 1 :]


def _text_rows(result: CheckResult) -> list[str]:
    return [r for r in text.render([result]).splitlines() if r.startswith(result.ja.path + ":")]


def _first_ja_span(result: CheckResult, k: int) -> str:
    f = result.findings[k]
    return next((s.text for s in f.spans if s.side == "ja"), "")


def test_text_output_cites_the_finding_text(seed_result: CheckResult) -> None:
    lines = _lines(seed_result.ja.path)
    rows = _text_rows(seed_result)
    assert len(rows) == len(seed_result.findings) >= 20
    checked = 0
    for k, row in enumerate(rows):
        _, line, col, _ = row[len(seed_result.ja.path) :].split(":", 3)
        cited = _first_ja_span(seed_result, k)
        if cited and "\n" not in cited:
            assert _at(lines, int(line), int(col)).startswith(cited), row
            checked += 1
    assert checked >= 20


def _sarif_path(run: dict[str, Any], phys: dict[str, Any]) -> Path:
    """The file a SARIF location names: its URI resolved against the run's %SRCROOT%."""
    base = run["originalUriBaseIds"][phys["artifactLocation"]["uriBaseId"]]["uri"]
    return (Path(unquote(urlparse(base).path)) / unquote(phys["artifactLocation"]["uri"])).resolve()


def test_sarif_regions_are_1_based_and_match_the_files(seed_result: CheckResult) -> None:
    files = {Path(doc.path).resolve(): _lines(doc.path) for doc in (seed_result.ja, seed_result.en)}
    log = json.loads(sarif.render([seed_result]))
    run = log["runs"][0]
    text_rows = _text_rows(seed_result)
    checked = 0
    for res, row in zip(run["results"], text_rows, strict=True):
        first = res["locations"][0]["physicalLocation"]
        # The first location is where the text output reports the finding.
        at = re.match(r"(.*?):(\d+):(\d+):", row)
        assert at, row
        assert Path(at.group(1)).resolve() == _sarif_path(run, first), row
        assert (int(at.group(2)), int(at.group(3))) == (
            first["region"]["startLine"],
            first["region"]["startColumn"],
        ), row
        for loc in res["locations"] + res.get("relatedLocations", []):
            phys = loc["physicalLocation"]
            region = phys["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            snippet = region.get("snippet", {}).get("text", "")
            if snippet and "\n" not in snippet:
                lines = files[_sarif_path(run, phys)]
                assert _at(lines, region["startLine"], region["startColumn"]).startswith(snippet), region
                checked += 1
    assert checked >= 30


def _cited(message: str) -> list[tuple[str, int, int]]:
    """(form, line, col) for each ``form ×n (line:col, ...)`` of a variant message."""
    out = []
    for m in re.finditer(r"(\S+) ×\d+ \(([\d:, ]+)\)", message):
        for place in m.group(2).split(", "):
            line, col = place.split(":")
            out.append((m.group(1), int(line), int(col)))
    return out


def test_variant_messages_cite_other_sentences_by_line_and_column(seed_result: CheckResult) -> None:
    lines = _lines(seed_result.ja.path)
    variants = [f for f in seed_result.findings if f.rule in ("AL201", "AL202")]
    assert variants
    for f in variants:
        cited = _cited(f.message)
        assert len(cited) == sum(len(v.sentences) for v in f.variants), f.message
        for form, line, col in cited:
            assert _at(lines, line, col).startswith(form), (form, line, col)


def test_html_shows_file_positions_and_pair_numbers(seed_result: CheckResult) -> None:
    ja_lines, en_lines = _lines(seed_result.ja.path), _lines(seed_result.en.path)
    name = Path(seed_result.ja.path).name
    view = build(seed_result)
    text_rows = _text_rows(seed_result)
    located = {r[len(seed_result.ja.path) + 1 :].split(": ", 1)[0] for r in text_rows}
    for f in view.findings:
        assert f.where.startswith(name + ":")
        assert f.where.removeprefix(name + ":") in located  # the text output's line:col
    for row in view.rows:
        assert row.number == row.index + 1
        if row.bead.ja:
            line = int(row.lines[-1].split()[-1].split("\u2013")[0])
            seg = seed_result.ja.segments[row.bead.ja[0]]
            assert seg.text in "\n".join(ja_lines[line - 1 : line + 1])
        if row.bead.en and row.lines[0].startswith("EN"):
            line = int(row.lines[0].split()[-1].split("\u2013")[0])
            assert seed_result.en.segments[row.bead.en[0]].text in en_lines[line - 1]
    for g in view.glossary:
        for v in g.variants:
            for _, place in v.places:
                line, col = map(int, place.split(":"))
                assert _at(ja_lines, line, col).startswith(v.form)

    for lang in ("en", "ja"):
        page = lxml_html.fromstring(html.render(seed_result, lang))
        numbers = [int(a.text_content()) for a in page.xpath('//a[@class="rowno"]')]
        assert numbers == list(range(1, len(view.rows) + 1))  # pair numbers, 1-based
        header = page.xpath('//table[@class="align"]/thead//th')[0].text_content()
        assert header != "行"  # a pair number is not a line
        for where in page.xpath('//span[@class="where"]'):
            for ref in re.findall(re.escape(name) + r":(\d+):(\d+)", where.text_content()):
                assert _at(ja_lines, int(ref[0]), int(ref[1]))  # exists in the file
