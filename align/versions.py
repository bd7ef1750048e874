"""align's own version (written here only), and the installed versions of the packages in the
signature, read without importlib.metadata.

Importing importlib.metadata (and the email parser it pulls in) costs 20-70 ms of every
``align`` process; a package's version is also the name of its ``<name>-<version>.dist-info``
folder beside it, which is what this reads. importlib.metadata remains the fallback.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

#: align's version: the one place it is written. pyproject.toml reads it
#: (``[tool.setuptools.dynamic]``); every output that names align's version imports it from here.
__version__ = "0.1.0"


@lru_cache(maxsize=16)
def installed_version(distribution: str, module: str) -> str:
    """The version of *distribution* (e.g. "unidic-lite"), whose import name is *module*."""
    spec = find_spec(module)
    if spec is not None and spec.origin is not None:
        folder = (
            Path(next(iter(spec.submodule_search_locations)))
            if spec.submodule_search_locations
            else Path(spec.origin)
        )
        prefix = distribution.replace("-", "_")
        found = sorted(folder.parent.glob(f"{prefix}-*.dist-info")) or sorted(
            folder.parent.glob(f"{distribution}-*.dist-info")
        )
        if len(found) == 1:
            return found[0].name.split("-", 1)[1][: -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:  # pragma: no cover - hard dependencies
        return "unknown"
