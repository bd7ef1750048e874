"""align.config: [tool.align] found upward, align.toml, errors as ConfigError (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.config import find_config, load_config
from align.errors import ConfigError


def test_nearest_config_wins_and_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "align.toml").write_text('select = ["quote"]\nfail-on = "error"\n', encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(inner) == tmp_path / "align.toml"
    cfg = load_config(start=str(inner))
    assert cfg.select == ("quote",) and cfg.fail_on == "error"
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.align]\nignore = "style,AL7"\n', encoding="utf-8")
    cfg = load_config(start=str(inner))
    assert cfg.ignore == ("style", "AL7") and cfg.select == ()


def test_pairs_and_files_resolve_against_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / "align.toml").write_text(
        'glossary = "g/approved.tbx"\npairs = [["x/ja.txt", "x/en.txt"], {name = "b", ja = "j", en = "e"}]\n',
        encoding="utf-8",
    )
    cfg = load_config(start=str(tmp_path))
    assert cfg.glossary == str(tmp_path / "g" / "approved.tbx")
    assert cfg.pairs == (
        ("x", str(tmp_path / "x" / "ja.txt"), str(tmp_path / "x" / "en.txt")),
        ("b", str(tmp_path / "j"), str(tmp_path / "e")),
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("select = [", "invalid TOML"),
        ("colour = 1", "unknown"),
        ('fail-on = "sometimes"', "fail-on"),
        ("select = 3", "select"),
        ('pairs = [{ja = "x"}]', "pairs[0]"),
        ("[rules]\nAL101 = 3", "rules"),
    ],
)
def test_bad_config_is_a_config_error(tmp_path: Path, body: str, words: str) -> None:
    (tmp_path / "align.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(start=str(tmp_path))
    assert words in str(exc.value)


def test_unknown_rule_option_is_a_config_error() -> None:
    from align.rules import get_rule

    with pytest.raises(ConfigError):
        get_rule("AL103")({"min_scor": 3})
