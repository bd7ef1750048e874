"""Paths shared by the tests (a plain module: importing `conftest` by name is ambiguous
once a subfolder has its own conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ROOT / "sources"
CORPORA = SHARED / "corpora"
SEED = SHARED / "seeds" / "000_61612d1f41b1f4df.txt"
# Vendored (tests/data/tmx14.PROVENANCE.txt), so that a clone without ../shared validates TMX.
TMX_DTD = ROOT / "tests" / "data" / "tmx14.dtd"


def pair_dirs() -> list[Path]:
    return sorted(d for d in SOURCES.iterdir() if (d / "ja.txt").is_file() and (d / "en.txt").is_file())
