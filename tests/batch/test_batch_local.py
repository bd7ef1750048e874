"""``align batch`` on a LocalCluster: rows, reports, corpus outputs, cache, errors and Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch_helpers import (
    NAME_FORMS,
    ROOT,
    Run,
    align_batch,
    env,
    make_corpus,
    rows,
    without_timing,
)
from lxml import etree
from paths import TMX_DTD

from align.export import read_glossary
from align.export.tmx import PENALTY_SUFFIX


def test_every_pair_has_a_row_in_pair_order_and_a_broken_pair_exits_2(local_run: Run) -> None:
    assert local_run.code == 2, local_run.stderr
    names = sorted(d.name for d in local_run.corpus.iterdir())
    got = rows(local_run.out)
    assert [r["name"] for r in got] == names
    broken = next(r for r in got if r["name"] == "zz-broken")
    assert broken["status"] == "error" and "binary file" in broken["error"] and "check" not in broken
    ok = [r for r in got if r["status"] == "ok"]
    assert len(ok) == len(names) - 1
    assert all(r["cached"] is False and r["seconds"] > 0 and r["key"] for r in ok)
    assert "1 failed" in local_run.stderr.splitlines()[-1]
    # One report page per checked pair, none for the broken one.
    reports = sorted(p.stem for p in (local_run.out / "reports").iterdir())
    assert reports == [r["name"] for r in ok]


def test_the_check_json_is_the_one_pipeline_s(local_run: Run) -> None:
    """A row holds exactly what ``align check --format json`` prints for that pair."""
    row = next(r for r in rows(local_run.out) if r["name"] == "openai-musk")
    cmd = [sys.executable, "-m", "align", "check", "--format", "json", "--exit-zero", row["ja"], row["en"]]
    proc = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, check=True)
    assert row["check"] == json.loads(proc.stdout)
    assert any(f["rule"] == "AL201" for f in row["check"]["findings"])


def test_a_name_rendered_differently_in_two_articles_is_a_corpus_finding(local_run: Run) -> None:
    findings = json.loads((local_run.out / "corpus-findings.json").read_text("utf-8"))
    found = [f for f in findings if f["expected"] == "Quillbrook"]
    assert len(found) == 1, findings
    f = found[0]
    assert (f["rule"], f["name"], f["category"]) == ("AL901", "corpus-name-variant", "name-variant")
    assert {x["form"]: x["articles"] for x in f["forms"]} == {
        NAME_FORMS[0]: ["names-a"],
        NAME_FORMS[1]: ["names-b"],
    }
    # Within each article the name is consistent: no per-article variant finding.
    by_name = {r["name"]: r for r in rows(local_run.out)}
    for pair in ("names-a", "names-b"):
        assert not [x for x in by_name[pair]["check"]["findings"] if x["rule"] in ("AL201", "AL202")]
    page = (local_run.out / "dashboard.html").read_text("utf-8")
    assert "AL901" in page and "Quillbrook" in page and 'href="reports/names-b.html"' in page


def test_the_corpus_memory_is_dtd_valid_deterministic_and_merges_duplicates(local_run: Run) -> None:
    dtd = etree.DTD(str(TMX_DTD))
    units: list[tuple[str, str]] = []
    for name in ("corpus.tmx", f"corpus{PENALTY_SUFFIX}"):
        tree = etree.parse(str(local_run.out / name))
        assert dtd.validate(tree), dtd.error_log.filter_from_errors()
        units += [tuple(s.text or "" for s in tu.iter("seg")) for tu in tree.iter("tu")]  # type: ignore[misc]
    assert len(units) == len(set(units)), "a unit is written twice"
    # tanaka-copy repeats tanaka-0: its units are merged into tanaka-0's, counted twice.
    main = etree.parse(str(local_run.out / "corpus.tmx"))
    tuids = [tu.get("tuid") for tu in main.iter("tu")]
    assert not [t for t in tuids if t.startswith("tanaka-copy:")]
    counts = {tu.get("tuid"): tu.findtext("prop[@type='x-align-occurrences']") for tu in main.iter("tu")}
    assert any(t.startswith("tanaka-0:") and c == "2" for t, c in counts.items())
    # Units come in pair-name order, each pair's in bead order.
    pairs = [t.rsplit(":", 1)[0] for t in tuids]
    assert pairs == sorted(pairs)


def test_the_corpus_glossary_counts_across_articles(local_run: Run) -> None:
    for suffix in (".tbx", ".utf8", ".csv"):
        entries = {e.english: e for e in read_glossary(local_run.out / f"corpus{suffix}")}
        variants = {v.form: v for v in entries["Quillbrook"].variants}
        assert set(variants) == set(NAME_FORMS), suffix
        assert variants[NAME_FORMS[0]].status == "preferred"  # first article by name, on a tie
        assert variants[NAME_FORMS[1]].status == "deprecated"
        if suffix != ".utf8":  # the OmegaT glossary has no count column to read back
            assert [variants[f].count for f in NAME_FORMS] == [3, 3], suffix


def test_a_rerun_takes_everything_from_the_cache(local_run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(local_run.out, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    start = time.monotonic()
    proc = align_batch(str(local_run.corpus), "-o", str(out))
    rerun = time.monotonic() - start
    assert proc.returncode == 2, proc.stderr
    again = rows(out)
    assert [r["cached"] for r in again if r["status"] == "ok"] == [True] * (len(again) - 1)
    assert without_timing(again) == without_timing(rows(local_run.out))
    for name, data in before.items():
        if name != "results.jsonl":
            assert (out / name).read_bytes() == data, name
    # No pair to compute: no cluster is started (a second or two of Python start-up).
    assert "from the cache" in proc.stderr and rerun < 20


def test_ctrl_c_leaves_whole_lines_a_rerun_resumes_and_changes_miss_the_cache(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", pieces_count=8, bad=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "align", "batch", str(corpus), "-o", str(out), "--workers", "1"]
    # Its own process group, which Ctrl-C in a terminal signals as a whole.
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env(), stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    results = out / "results.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if results.is_file() and len(results.read_text("utf-8").splitlines()) >= 2:
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.rstrip().endswith("align: interrupted")
    done = rows(out)  # every line parses
    total = len(list(corpus.iterdir()))
    assert 2 <= len(done) < total
    resumed = align_batch(str(corpus), "-o", str(out), "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    again = rows(out)
    assert len(again) == total
    assert sum(r["cached"] for r in again) >= len(done)
    # A changed file misses the cache; --force recomputes every pair.
    (corpus / "names-b" / "en.txt").write_text("The council met on Monday.\n", "utf-8")
    align_batch(str(corpus), "-o", str(out), "--workers", "1")
    cached = {r["name"]: r["cached"] for r in rows(out)}
    assert cached["names-b"] is False and sum(cached.values()) == total - 1
    align_batch(str(corpus), "-o", str(out), "--workers", "1", "--force")
    assert not any(r["cached"] for r in rows(out))
