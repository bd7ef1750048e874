"""``check`` and ``fix`` agree on what is fixable, per rule.

``check`` ends with the fixable findings per rule (safe, then unsafe); ``fix --diff``
announces exactly those numbers for the findings the check shows, and says apart how many
more its later rounds fix (findings that the first fixes bring up, which the check never
showed).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner
from paths import pair_dirs

from align.cli import main

TALLY = re.compile(r"(AL\d+) ×(\d+)")


def tally(text: str) -> Counter[str]:
    return Counter({rule: int(n) for rule, n in TALLY.findall(text)})


def part(line: str, label: str) -> Counter[str]:
    """The "(AL201 ×2, ...)" that follows *label* in a summary line."""
    m = re.search(re.escape(label) + r"[^(;]*\(([^)]*)\)", line)
    return tally(m.group(1)) if m else Counter()


@pytest.mark.parametrize("folder", pair_dirs(), ids=lambda p: p.name)
def test_fix_announces_what_check_shows(folder) -> None:  # type: ignore[no-untyped-def]
    files = [str(folder / "ja.txt"), str(folder / "en.txt")]
    check = CliRunner().invoke(main, ["check", *files, "--exit-zero"])
    lines = check.stdout.splitlines()
    shown = Counter(m.group(1) for line in lines if (m := re.search(r": (AL\d+) ", line)))
    (fixable,) = [line for line in lines if "fixable with align fix" in line]
    safe, unsafe = part(fixable, "fixable with align fix"), part(fixable, "more with --unsafe-fixes")
    assert safe and unsafe and all(shown[r] >= n for r, n in (safe + unsafe).items())

    diff = CliRunner().invoke(main, ["fix", "--diff", *files]).stderr.splitlines()[-1]
    assert part(diff, "would fix") == safe, diff
    assert part(diff, "more with --unsafe-fixes") == unsafe, diff
    both = CliRunner().invoke(main, ["fix", "--diff", "--unsafe-fixes", *files]).stderr.splitlines()[-1]
    assert part(both, "would fix") == safe + unsafe, both
    assert "more with --unsafe-fixes" not in both
