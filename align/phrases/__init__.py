"""The phrase layer: English units (names, terms, numbers, Latin tokens) and their Japanese
renderings inside one bead, which the rules query. Nothing is loaded at import time."""

from __future__ import annotations

__all__: list[str] = []
