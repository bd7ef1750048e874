from __future__ import annotations

from pathlib import Path

import pytest
from paths import ROOT


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The bad-input fixtures (a work folder with a real pair; a real tmpfs), for every test folder.
from cli_helpers import tmpfs, work  # noqa: E402, F401
