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
