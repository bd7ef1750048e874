"""TMX 1.4b: DTD-valid, read back by translate-toolkit with the same units."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from export_contract import (
    GOLDEN,
    OPTIONS,
    ExporterContract,
    hostile,
    make_result,
    sample,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from paths import TMX_DTD

from align.errors import ConfigError
from align.export import ExportOptions
from align.export.tmx import PENALTY_SUFFIX, TmxExporter
from align.export.units import bitext_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(TMX_DTD))


def assert_valid(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    dtd = tmx_dtd()
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def read_units(path: Path) -> list[tuple[str, str]]:
    from translate.storage import tmx

    assert_valid(path)
    return [(u.source, u.target) for u in tmx.tmxfile.parsefile(str(path)).units]


class TestTmx(ExporterContract):
    """The main memory: the contract's units minus those with a warning or an error (in the penalty
    memory, by default)."""

    exporter = TmxExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        return list(read_units(path))

    def expected_sample(self) -> list[tuple[str, ...]]:
        return super().expected_sample()[1:3]  # bead 0 has an error finding, bead 4 a warning

    def expected_hostile(self) -> list[tuple[str, ...]]:
        return super().expected_hostile()[1:]  # so has the markup bead


def test_penalty_memory_holds_the_flagged_units(tmp_path: Path) -> None:
    contract = ExporterContract()
    sample_flagged = contract.expected_sample()[::3]  # the error unit (bead 0) and the warning one (4)
    cases = ((sample, sample_flagged), (hostile, contract.expected_hostile()[:1]))
    for make, expected in cases:
        outputs = dict(TmxExporter().outputs(bitext_of(make(), OPTIONS), OPTIONS))
        assert list(outputs) == [".tmx", PENALTY_SUFFIX]
        assert outputs[PENALTY_SUFFIX] == TmxExporter().penalty(bitext_of(make(), OPTIONS), OPTIONS)
        path = tmp_path / f"x{PENALTY_SUFFIX}"
        path.write_bytes(outputs[PENALTY_SUFFIX].data)
        assert read_units(path) == expected  # markup and ]]> survive here too
        main = tmp_path / "x.tmx"
        main.write_bytes(outputs[".tmx"].data)
        assert not set(read_units(main)) & set(expected)
    root = assert_valid(path).getroot()
    assert [tu.get("tuid") for tu in root.iter("tu")] == ["hostile:0"]
    assert root.findtext("header/prop[@type='x-align-signature']") == "sig:test"


def test_penalty_golden() -> None:
    data = TmxExporter().penalty(bitext_of(sample(), OPTIONS), OPTIONS).data
    golden = GOLDEN / f"sample{PENALTY_SUFFIX}"
    if os.environ.get("ALIGN_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"{golden} differs; ALIGN_UPDATE_GOLDEN=1 rewrites it"


def test_excluding_what_it_would_hold_drops_the_penalty_memory() -> None:
    options = ExportOptions.create(epoch=0, exclude="error,warning")
    assert [suffix for suffix, _ in TmxExporter().outputs(bitext_of(sample(), options), options)] == [".tmx"]
    assert b"<tu " not in TmxExporter().penalty(bitext_of(sample(), options), options).data
    # Errors alone excluded: the warning units still need the penalty memory.
    options = ExportOptions.create(epoch=0, exclude="error")
    assert len(TmxExporter().outputs(bitext_of(sample(), options), options)) == 2
    options = ExportOptions.create(epoch=0, exclude="error", penalty_from="error")
    assert len(TmxExporter().outputs(bitext_of(sample(), options), options)) == 1
    # Without error units the penalty memory is still written (empty), so no stale one is left beside.
    clean = make_result(["One."], ["一。"], [((0,), (0,), 0.9)])
    outputs = dict(TmxExporter().outputs(bitext_of(clean, OPTIONS), OPTIONS))
    assert b"<tu " not in outputs[PENALTY_SUFFIX].data and b"<tu " in outputs[".tmx"].data


def test_header_and_units(tmp_path: Path) -> None:
    path = tmp_path / "s.tmx"
    TmxExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    root = assert_valid(path).getroot()
    header = root.find("header")
    assert header is not None
    for key, value in {
        "creationtool": "align",
        "segtype": "sentence",
        "o-tmf": "align",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
        "creationdate": "20231114T221320Z",
    }.items():
        assert header.get(key) == value, key
    assert header.get("creationtoolversion")
    assert header.findtext("prop[@type='x-align-signature']") == "sig:test"
    assert header.findtext("prop[@type='x-align-memory']") == "main"
    assert header.findtext("prop[@type='x-align-penalty-from']") == "warning"
    tus = root.findall("body/tu")
    # Beads 1 and 2 have text on both sides and no finding; bead 0 has an error and bead 4 a
    # warning (penalty memory); the 0-1 bead (3) and the 1-0 bead (5) are left out.
    assert [tu.get("tuid") for tu in tus] == ["sample:1", "sample:2"]
    assert tus[0].findtext("prop[@type='x-align-score']") == "0.8000"
    assert tus[0].find("prop[@type='x-align-findings']") is None
    assert [tuv.get(XML_LANG) for tuv in tus[0].findall("tuv")] == ["en", "ja"]
    assert all(seg.text and seg.text == seg.text.strip() for seg in root.iter("seg"))
    penalty = etree.fromstring(TmxExporter().penalty(bitext_of(sample(), OPTIONS), OPTIONS).data)
    assert penalty.findtext("header/prop[@type='x-align-memory']") == "penalty"
    assert penalty.findtext("header/prop[@type='x-align-penalty-from']") == "warning"
    first, last = penalty.findall("body/tu")
    assert first.get("tuid") == "sample:0"
    assert first.findtext("prop[@type='x-align-score']") == "0.9100"
    assert first.findtext("prop[@type='x-align-findings']") == "NV01"
    nv = sample().findings[0]
    assert first.findtext("note") == f"NV01 name-variant (error): {nv.message}"
    assert last.findtext("prop[@type='x-align-findings']") == "QT01"
    assert last.findtext("note") == "QT01 quote (warning): unbalanced 「"


def test_languages_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "s.tmx"
    options = ExportOptions.create(en_lang="en-US", ja_lang="ja-JP", epoch=0)
    TmxExporter().write(bitext_of(sample(), options), path, options)
    root = assert_valid(path).getroot()
    assert root.find("header").get("srclang") == "en-US"  # type: ignore[union-attr]
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"en-US", "ja-JP"}


@pytest.mark.parametrize(
    ("options", "tuids", "penalty"),
    [
        ({"min_score": 0.75}, ["sample:1"], ["sample:0"]),
        ({"exclude": "error"}, ["sample:1", "sample:2"], ["sample:4"]),
        ({"exclude": "error,warning"}, ["sample:1", "sample:2"], None),
        ({"exclude": "quote,name-variant"}, ["sample:1", "sample:2"], []),
        ({"exclude": "info"}, ["sample:1", "sample:2"], ["sample:0", "sample:4"]),
        ({"exclude": "warning"}, ["sample:1", "sample:2"], ["sample:0"]),
        # The penalty severity: error lets the warning unit in, never puts every unit in the main one.
        ({"penalty_from": "error"}, ["sample:1", "sample:2", "sample:4"], ["sample:0"]),
        ({"penalty_from": "info"}, ["sample:1", "sample:2"], ["sample:0", "sample:4"]),
        ({"penalty_from": "never"}, ["sample:0", "sample:1", "sample:2", "sample:4"], []),
        ({"penalty_from": "error", "exclude": "error"}, ["sample:1", "sample:2", "sample:4"], None),
    ],
)
def test_clean_memory_options(
    tmp_path: Path, options: dict[str, object], tuids: list[str], penalty: list[str] | None
) -> None:
    chosen = ExportOptions.create(epoch=0, **options)  # type: ignore[arg-type]
    outputs = dict(TmxExporter().outputs(bitext_of(sample(), chosen), chosen))
    got: dict[str, list[str] | None] = {".tmx": tuids, PENALTY_SUFFIX: penalty}
    for suffix, want in got.items():
        if want is None:
            assert suffix not in outputs
            continue
        path = tmp_path / f"s{suffix}"
        path.write_bytes(outputs[suffix].data)
        assert [tu.get("tuid") for tu in assert_valid(path).getroot().iter("tu")] == want, suffix


def test_penalty_severity_is_recorded_and_validated() -> None:
    options = ExportOptions.create(epoch=0, penalty_from="never")
    root = etree.fromstring(TmxExporter().serialize(bitext_of(sample(), options), options).data)
    assert root.findtext("header/prop[@type='x-align-penalty-from']") == "never"
    with pytest.raises(ConfigError, match="--penalty-from 'fatal'"):
        ExportOptions.create(penalty_from="fatal")


def _half_english_pair(folder: Path) -> tuple[Path, Path]:
    """A real pair whose second Japanese sentence leaves English words untranslated (AL601)."""
    folder.mkdir()
    en, ja = folder / "en.txt", folder / "ja.txt"
    en.write_text(
        "The committee met on Monday.\n"
        "The committee approved the new budget after a long debate.\n"
        "Members then went home.\n",
        "utf-8",
    )
    ja.write_text(
        "委員会は月曜日に会合を開いた。\n"
        "委員会は after a long debate 新しい予算を承認した。\n"
        "その後、委員たちは帰宅した。\n",
        "utf-8",
    )
    return ja, en


def _tuids(path: Path) -> list[str]:
    return [str(tu.get("tuid")) for tu in assert_valid(path).getroot().iter("tu")]


def test_half_english_unit_stays_out_of_the_main_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real pipeline and CLI: an AL601 warning sends its unit to the penalty memory by default;
    [tool.align.export] penalty-from and --penalty-from change that, and the header says so."""
    from click.testing import CliRunner

    from align.cli import main

    ja, en = _half_english_pair(tmp_path / "pair")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["export", str(ja), str(en), "-o", "out", "--formats", "tmx"])
    assert run.exit_code == 0, run.output
    assert _tuids(tmp_path / "out" / "pair.tmx") == ["pair:0", "pair:2"]
    penalty = tmp_path / "out" / f"pair{PENALTY_SUFFIX}"
    assert _tuids(penalty) == ["pair:1"]
    assert "AL601" in (assert_valid(penalty).getroot().findtext(".//tu/prop[@type='x-align-findings']") or "")

    (tmp_path / "pyproject.toml").write_text('[tool.align.export]\npenalty-from = "error"\n', "utf-8")
    run = CliRunner().invoke(main, ["export", str(ja), str(en), "-o", "cfg", "--formats", "tmx"])
    assert run.exit_code == 0, run.output
    main_memory = assert_valid(tmp_path / "cfg" / "pair.tmx").getroot()
    assert main_memory.findtext("header/prop[@type='x-align-penalty-from']") == "error"
    assert _tuids(tmp_path / "cfg" / "pair.tmx") == ["pair:0", "pair:1", "pair:2"]
    argv = ["export", str(ja), str(en), "-o", "cli", "--formats", "tmx", "--penalty-from", "warning"]
    assert CliRunner().invoke(main, argv).exit_code == 0
    assert _tuids(tmp_path / "cli" / "pair.tmx") == ["pair:0", "pair:2"]  # the option beats the config

    (tmp_path / "pyproject.toml").write_text('[tool.align.export]\npenalty-from = "fatal"\n', "utf-8")
    run = CliRunner().invoke(main, ["export", str(ja), str(en), "-o", "bad", "--formats", "tmx"])
    assert run.exit_code == 2
    assert "penalty-from must be one of error, warning, info, never" in run.output


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(
    tuid=_TEXT.filter(bool),
    en=_TEXT,
    ja=_TEXT,
    score=st.floats(0, 1),
    occurrences=st.integers(1, 4),
    messages=st.lists(_TEXT, max_size=2),
    en_lang=st.sampled_from(["en", "en-US"]),
)
@settings(max_examples=300, deadline=None)
def test_a_unit_written_without_lxml_is_lxml_s_bytes(
    tuid: str, en: str, ja: str, score: float, occurrences: int, messages: list[str], en_lang: str
) -> None:
    """The string-built <tu> of a plain unit is byte for byte what lxml writes, and a unit with a
    character XML forbids (or one lxml writes as a reference) is left to lxml."""
    from align.export import tmx
    from align.model import Finding, Severity, Unit

    findings = tuple(Finding("AL101", "omitted", "omission", Severity.WARNING, m) for m in messages)
    unit = Unit(tuid, en, ja, score, findings, occurrences=occurrences)
    options = ExportOptions.create(en_lang=en_lang)
    fast = tmx._plain_unit(unit, options)
    out = io.BytesIO()
    try:
        tmx.TmxStream(out, "n", "s", options, []).lxml_unit(unit)
        expected: bytes | None = out.getvalue()
    except ValueError:  # lxml refuses the text
        expected = None
    if fast is not None:
        assert fast == expected
    else:
        assert tmx._NOT_PLAIN.search("".join((tuid, en, ja, *messages)))
