"""One pipeline for every command: [tool.align] (selection, options, pairs) and the baseline hold
for check, report, export and beads alike; the signature names every setting and nothing else.

Everything runs the real CLI in-process on a real pair (sources/serra-azul-kestrel, copied into
a temporary project folder with its own align.toml).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from paths import SOURCES

from align.cli import main
from align.job import Job, Pair, Settings, resolve_job
from align.pipeline import Plan, run

PAIR = SOURCES / "serra-azul-kestrel"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with texts/ja.txt, texts/en.txt and no sources/: only the config names the pair."""
    (tmp_path / "texts").mkdir()
    shutil.copy(PAIR / "ja.txt", tmp_path / "texts" / "ja.txt")
    shutil.copy(PAIR / "en.txt", tmp_path / "texts" / "en.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(project: Path, body: str) -> None:
    (project / "align.toml").write_text(body, encoding="utf-8")


STYLE_AND_QUOTE = re.compile(r"AL5\d\d|AL7\d\d")


def test_every_command_honours_ignore_and_pairs(project: Path) -> None:
    write_config(
        project,
        'ignore = ["style", "quote"]\n'
        'pairs = [{ name = "demo", ja = "texts/ja.txt", en = "texts/en.txt" }]\n',
    )
    # check: text, JSON and the HTML page
    text = invoke("check", "--exit-zero")
    assert text.exit_code == 0, text.stderr
    assert "texts/ja.txt:" in text.stdout and not STYLE_AND_QUOTE.search(text.stdout)
    payload = json.loads(invoke("check", "--format", "json", "--exit-zero").stdout)
    assert payload["findings"] and not [f for f in payload["findings"] if f["category"] in ("style", "quote")]
    page = invoke("check", "--format", "html", "--exit-zero", "-o", "check.html")
    assert page.exit_code == 0, page.stderr
    assert not STYLE_AND_QUOTE.search((project / "check.html").read_text(encoding="utf-8"))
    # report: the same page, from the config's pairs (no sources/ folder here)
    report = invoke("report", "-o", "out/")
    assert report.exit_code == 0, report.stderr
    html = (project / "out" / "demo.html").read_text(encoding="utf-8")
    assert not STYLE_AND_QUOTE.search(html) and re.search(r"AL[1-4]\d\d", html)
    # export: the config's pairs, in the repository layout; no note names an ignored rule
    export = invoke("export")
    assert export.exit_code == 0, export.stderr
    tmx = (project / "tmx" / "demo.tmx").read_text(encoding="utf-8")
    assert "<tu " in tmx and not STYLE_AND_QUOTE.search(tmx)
    # beads: the config's pairs too
    beads = invoke("beads")
    assert beads.exit_code == 0, beads.stderr
    assert re.match(r"\[\d+\]:\[\d+\]\t", beads.stdout)


def test_rule_options_from_the_config_reach_every_command(project: Path) -> None:
    write_config(
        project,
        'select = ["AL801"]\npairs = [["texts/ja.txt", "texts/en.txt"]]\n[rules.AL801]\nmin_score = 0.99\n',
    )
    strict = json.loads(invoke("check", "--format", "json", "--exit-zero").stdout)
    weak_beads = [f for f in strict["findings"] if f["rule"] == "AL801"]
    assert weak_beads and {f["rule"] for f in strict["findings"]} == {"AL801"}
    assert invoke("report", "-o", "r.html").exit_code == 0
    assert (project / "r.html").read_text(encoding="utf-8").count("AL801") >= len(weak_beads)


def test_baseline_survives_another_path_spelling_and_edits_elsewhere(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = invoke("check", "texts/ja.txt", "texts/en.txt", "--write-baseline", "b.json")
    assert write.exit_code == 0, write.stderr
    recorded = json.loads((project / "b.json").read_text(encoding="utf-8"))["findings"]
    assert recorded
    # The same pair named from inside its folder: every finding is still accepted.
    monkeypatch.chdir(project / "texts")
    inside = invoke("check", "ja.txt", "en.txt", "--baseline", "../b.json")
    assert inside.exit_code == 0, inside.stderr
    assert "no findings" in inside.stdout


def test_baseline_fingerprint_ignores_an_unrelated_fix_in_the_same_sentence(project: Path) -> None:
    from align.baseline import fingerprint
    from align.pipeline import check, load_pair

    ja, en = load_pair("texts/ja.txt", "texts/en.txt")
    before = check(ja, en, "demo")
    variant = next(f for f in before.findings if f.rule in ("AL201", "AL202"))
    sentence = variant.spans[0].sentence
    seg = ja.segments[sentence]
    # Edit a digit or add a word elsewhere in that sentence (not the variant's own text).
    edited = seg.text + "（注）"
    text = ja.text[: seg.start] + edited + ja.text[seg.end :]
    (project / "texts" / "ja.txt").write_text(text, encoding="utf-8")
    ja2, en2 = load_pair("texts/ja.txt", "texts/en.txt")
    after = check(ja2, en2, "demo")
    same = [f for f in after.findings if f.rule == variant.rule and f.expected == variant.expected]
    assert same and fingerprint(before, variant) == fingerprint(after, same[0])


# --- the job and its signature ---------------------------------------------------------


def test_job_round_trips_through_json() -> None:
    job = Job(
        (Pair("a", "x/ja.txt", "x/en.txt"), Pair("", "ja.txt", "en.txt", "given")),
        Settings.create(select=["AL2"], options={"AL103": {"min_score": 70.0}}, aligner={"lex_member": 0.5}),
        baseline="b.json",
    )
    assert Job.from_json(job.to_json()) == job


def _signature(**changes: object) -> str:
    settings = dataclasses.replace(Settings(), **changes)  # type: ignore[arg-type]
    return str(Plan(settings).signature)


@pytest.mark.parametrize(
    "change",
    [
        {"aligner": (("lex_member", 0.0),)},
        {"aligner": (("refine", False),)},
        {"aligner": (("band", 60),)},
        {"rule_options": (("AL801", (("min_score", 0.9),)),)},
        {"rule_options": (("AL103", (("severity", "warning"),)),)},
        {"select": ("AL2",)},
        {"ignore": ("style",)},
        {"presegmented": True},
    ],
    ids=lambda c: next(iter(c)),
)
def test_every_setting_changes_the_signature(change: dict[str, object]) -> None:
    assert _signature(**change) != _signature()


def test_same_settings_on_two_documents_give_one_signature() -> None:
    job, _ = resolve_job([str(PAIR / "ja.txt"), str(PAIR / "en.txt")])
    other, _ = resolve_job([str(SOURCES / "openai-musk" / "ja.txt"), str(SOURCES / "openai-musk" / "en.txt")])
    a = next(run(job))
    b = next(run(other))
    assert a.signature == b.signature
    assert a.alignment.ratio != b.alignment.ratio  # per-document facts are typed fields, not in it
    assert "ratio" not in str(a.signature) and "band:" not in str(a.signature)
    text = str(a.signature)
    for field in ("lex_member=", "refine=", "rules:all", "glossary:none", "dict:jmdict-", "tok:unidic-lite"):
        assert field in text
