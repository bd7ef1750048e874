"""align.versions reads the same versions as importlib.metadata, for every package the signature names."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from align.versions import installed_version


@pytest.mark.parametrize(
    ("distribution", "module"),
    [
        ("fugashi", "fugashi"),
        ("unidic-lite", "unidic_lite"),
        ("e2k", "e2k"),
        ("jamdict-data", "jamdict_data"),
    ],
)
def test_installed_version_matches_importlib_metadata(distribution: str, module: str) -> None:
    assert installed_version(distribution, module) == version(distribution)


def test_an_unknown_package_falls_back_to_importlib_metadata() -> None:
    assert installed_version("no-such-distribution-here", "no_such_module_here") == "unknown"


def test_the_version_is_written_once_in_align_versions() -> None:
    """pyproject reads align.versions.__version__; no other module of align/ assigns a version."""
    import re
    import sys
    from pathlib import Path

    import align
    from align.aligner.params import ALIGNER_VERSION
    from align.versions import __version__

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "align.versions.__version__"}
    assert align.__version__ == ALIGNER_VERSION == __version__
    literal = re.compile(r"^\s*(?:__version__|\w*VERSION)\s*=\s*[\"'][0-9]", re.M)
    assignments = [
        str(path.relative_to(root))
        for path in sorted((root / "align").rglob("*.py"))
        if literal.search(path.read_text(encoding="utf-8"))
    ]
    assert assignments == ["align/versions.py"]
