"""Bilingual knowledge for the aligner and the rules: tokens, quantities, names, dictionary.

Nothing is loaded at import time; the tagger and the dictionary index load on first use.
"""

from __future__ import annotations

__all__ = ["dictionary", "names", "quantities", "tokens"]
