"""Paths shared by the tests (a plain module: importing `conftest` by name is ambiguous
once a subfolder has its own conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ROOT / "sources"
CORPORA = SHARED / "corpora"
SEED = SHARED / "seeds" / "000_61612d1f41b1f4df.txt"
# Vendored (tests/data/tmx14.PROVENANCE.txt), so that a clone without ../shared validates TMX.
TMX_DTD = ROOT / "tests" / "data" / "tmx14.dtd"


def pair_dirs() -> list[Path]:
    return sorted(d for d in SOURCES.iterdir() if (d / "ja.txt").is_file() and (d / "en.txt").is_file())


def load_script(path: Path, name: str) -> ModuleType:
    """A Python file that is not on the path (a benchmark, the corpora's score.py, the docs'
    generator), imported by file name and registered as *name* (dataclasses look it up)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module
