"""``align --help`` and every command's help read whole at the usual terminal widths.

Click cuts a command's summary at its first full stop ("e.g.") or at the width, ending it
with "..."; each command declares a short help that fits instead.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from align.cli import main

WIDTHS = (80, 60)


def _help(*args: str, width: int) -> list[str]:
    result = CliRunner().invoke(main, [*args, "--help"], terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_command_list_is_whole(width: int) -> None:
    lines = _help(width=width)
    listed = lines[lines.index("Commands:") + 1 :]
    assert {line.split()[0] for line in listed} == set(main.commands)
    for line in listed:
        name, text = line.split(None, 1)
        assert text == main.commands[name].get_short_help_str(limit=1000), line
        assert not text.endswith("...") and text.endswith("."), line
        assert len(line) <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", sorted(main.commands))
def test_each_command_help_has_no_cut_lines(command: str, width: int) -> None:
    lines = _help(command, width=width)
    text = "\n".join(lines[1:])  # the usage line's "[FILES]..." is click's notation for several
    assert "..." not in text
    for line in lines:
        # A default shown as "[default:" on one line and its value on the next.
        assert not line.rstrip().endswith("[default:"), line
        assert len(line) <= width, line
