"""Small real corpora for the corpus-mode tests, and running ``align batch`` as a user would.

Paths are computed here, not imported from a conftest (see tests/export/export_contract.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"

#: One made-up name, rendered two ways in two otherwise identical pairs (a cross-article variant).
NAME_EN = (
    "Quillbrook said the new library would open in May.\n"
    "Quillbrook added that the city council approved the budget on Monday.\n"
    "The council thanked Quillbrook for the report.\n"
)
NAME_JA = (
    "{name}氏は、新しい図書館は5月に開館すると述べた。\n"
    "{name}氏は、市議会が月曜日に予算を承認したと付け加えた。\n"
    "議会は報告書について{name}氏に感謝した。\n"
)
NAME_FORMS = ("クイルブルック", "キルブルック")


@dataclass(frozen=True)
class Run:
    """One ``align batch`` run: its corpus, output folder, exit status and stderr."""

    corpus: Path
    out: Path
    code: int
    stderr: str


def _beads(gold: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in gold.read_text("utf-8").splitlines():
        en, ja = (side.strip("[]").split(",") for side in line.split(":"))
        out.append(([int(x) for x in en if x], [int(x) for x in ja if x]))
    return out


def pieces(doc: str, count: int, size: int = 20) -> list[tuple[str, str]]:
    """The first *count* pieces of about *size* English sentences of a corpus document, cut at
    gold bead boundaries: (ja text, en text)."""
    en = (CORPORA / f"{doc}.en").read_text("utf-8").splitlines()
    ja = (CORPORA / f"{doc}.ja").read_text("utf-8").splitlines()
    out: list[tuple[str, str]] = []
    e: list[str] = []
    j: list[str] = []
    for en_ids, ja_ids in _beads(CORPORA / f"{doc}.gold"):
        e += [en[i] for i in en_ids]
        j += [ja[i] for i in ja_ids]
        if len(e) >= size and j:
            out.append(("\n".join(j) + "\n", "\n".join(e) + "\n"))
            e, j = [], []
            if len(out) == count:
                break
    return out


def write_pair(root: Path, name: str, ja: str | bytes, en: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    if isinstance(ja, bytes):
        (folder / "ja.txt").write_bytes(ja)
    else:
        (folder / "ja.txt").write_text(ja, "utf-8")
    (folder / "en.txt").write_text(en, "utf-8")
    return folder


def make_corpus(root: Path, pieces_count: int = 3, *, bad: bool = True) -> Path:
    """sources/, the two name-variant pairs, tanaka pieces (one of them twice, so that the corpus
    memory has duplicate units to merge) and, with *bad*, one pair whose Japanese is binary."""
    if not (CORPORA / "tanaka_01.gold").is_file():
        import pytest

        pytest.skip(f"the corpus-mode tests cut real pieces from {CORPORA}, which is not beside this clone")
    root.mkdir(parents=True)
    for d in sorted((ROOT / "sources").iterdir()):
        if (d / "ja.txt").is_file():
            shutil.copytree(d, root / d.name, ignore=shutil.ignore_patterns("gold*"))
    for suffix, form in zip("ab", NAME_FORMS, strict=True):
        write_pair(root, f"names-{suffix}", NAME_JA.format(name=form), NAME_EN)
    for k, (ja, en) in enumerate(pieces("tanaka_01", pieces_count)):
        write_pair(root, f"tanaka-{k}", ja, en)
    ja, en = pieces("tanaka_01", 1)[0]
    write_pair(root, "tanaka-copy", ja, en)
    if bad:
        write_pair(root, "zz-broken", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), NAME_EN)
    return root


def env() -> dict[str, str]:
    """The environment of our subprocesses: this checkout's align first, a fixed report date."""
    path = os.environ.get("PYTHONPATH", "")
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""),
        "SOURCE_DATE_EPOCH": "1700000000",
    }


def align_batch(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "align", "batch", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=timeout)


def rows(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]


def without_timing(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in ("seconds", "cached")} for r in items]
