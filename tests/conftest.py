from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ROOT / "sources"
CORPORA = SHARED / "corpora"
SEED = SHARED / "seeds" / "000_61612d1f41b1f4df.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def pair_dirs() -> list[Path]:
    return sorted(d for d in SOURCES.iterdir() if (d / "ja.txt").is_file() and (d / "en.txt").is_file())
