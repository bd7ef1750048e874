"""The corpus TMX in OmegaT (Debian ``omegat``, console mode), with the harness of
tests/export/test_export_omegat.py: the main memory fills every segment it holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from batch_helpers import ROOT, Run

from align.export.tmx import PENALTY, PENALTY_SUFFIX

sys.path.insert(0, str(ROOT / "tests" / "export"))
from test_export_omegat import PROJECT, memory, need_omegat, run_omegat  # noqa: E402


@pytest.mark.omegat
def test_omegat_fills_segments_from_the_corpus_memory(local_run: Run, tmp_path: Path) -> None:
    java = need_omegat()
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", f"tm/penalty-{PENALTY}", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, "utf-8")
    main = project / "tm" / "auto" / "corpus.tmx"
    main.write_bytes((local_run.out / "corpus.tmx").read_bytes())
    penalty = project / "tm" / f"penalty-{PENALTY}" / f"corpus{PENALTY_SUFFIX}"
    penalty.write_bytes((local_run.out / f"corpus{PENALTY_SUFFIX}").read_bytes())
    (project / "glossary" / "corpus.utf8").write_bytes((local_run.out / "corpus.utf8").read_bytes())
    clean = memory(main)
    targets: dict[str, set[str]] = {}
    for en, ja in clean:
        targets.setdefault(en, set()).add(ja)
    # English segments the memory renders one way only (a merged duplicate is one unit).
    segments = [en for en in dict.fromkeys(en for en, _ in clean) if len(targets[en]) == 1]
    assert len(segments) > 20
    (project / "source" / "corpus.txt").write_text("\n\n".join(segments) + "\n", "utf-8")

    log, rows = run_omegat(java, project, tmp_path)
    errors = [line for line in log.splitlines() if ": Error:" in line or "Exception" in line]
    assert not errors, "\n".join(errors[:20])
    assert log.count("TMXR_INFO_READING_COMPLETE") == 2, log[-3000:]
    target = (project / "target" / "corpus.txt").read_text("utf-8")
    assert target == "\n\n".join(next(iter(targets[en])) for en in segments) + "\n"
    glossary = {(row[2], row[3]) for row in rows if row[0] == "glossary" and row[1] == "corpus.utf8"}
    assert ("Quillbrook", "クイルブルック") in glossary and ("Quillbrook", "キルブルック") in glossary
