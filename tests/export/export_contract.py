"""The contract every exporter's tests inherit: round trip, escaping, empty units,
XML-illegal characters, huge lines, determinism, atomic writes and golden files.

A subclass sets ``exporter`` and implements ``read_back`` with a *real* reader
(translate-toolkit, polib, lxml or our glossary reader) and ``expected`` with
what that reader must return for a result.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest

from align.export import DEFAULT_EPOCH, Exporter, ExportOptions
from align.export.units import bitext_of
from align.model import (
    Alignment,
    Bead,
    Document,
    Finding,
    GlossaryEntry,
    Lang,
    Segment,
    Severity,
    Variant,
)
from align.pipeline import CheckResult

# Paths are computed here, not imported from conftest: with several conftest.py files in the
# tree, ``import conftest`` resolves to whichever pytest loaded last.
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).parent / "golden"
OPTIONS = ExportOptions.create(epoch=1_700_000_000)
# Text that breaks naive writers: markup, CDATA end, entities, quotes, a formula, a comment mark.
MARKUP = "<b>bold</b> & ]]> \"quoted\" 'single' &amp; <!-- c --> <?pi x?>"
HOSTILE_JA = '「<i>タグ</i>」と ]]> と & と "引用"。'
BAD = "a\x00b\x0bc\x1fd\ud800e\ufffef"  # every kind of XML-illegal character


def document(texts: list[str], lang: Lang) -> Document:
    segments, pos = [], 0
    for i, text in enumerate(texts):
        segments.append(Segment(i, text, pos, pos + len(text), i, lang))
        pos += len(text) + 1
    return Document("\n".join(texts), lang, tuple(segments), f"{lang}.txt")


def make_result(
    en: list[str],
    ja: list[str],
    beads: list[tuple[tuple[int, ...], tuple[int, ...], float]],
    findings: tuple[Finding, ...] = (),
    glossary: tuple[GlossaryEntry, ...] = (),
    name: str = "sample",
) -> CheckResult:
    alignment = Alignment(tuple(Bead(e, j, s) for e, j, s in beads), "test:1|aligner:hand")
    return CheckResult(
        name, document(ja, "ja"), document(en, "en"), alignment, findings, "sig:test", glossary
    )


def finding(rule: str, severity: Severity, message: str, ja: tuple[int, ...], category: str) -> Finding:
    return Finding(rule, rule.lower(), category, severity, message, ja=ja)


HALTON = GlossaryEntry(
    "Sam Halton",
    "person",
    (
        Variant("サム・ハルトン", 3, "preferred", (0, 2, 4), "サム・ハルトン", (1, 3, 5)),
        Variant("ホルトン", 1, "deprecated", (3,), "ホルトン", (4,)),
    ),
    ("Sam Halton spoke.", "サム・ハルトンが話した。"),
)
DUNMORE = GlossaryEntry(
    "Chris Dunmore",
    "person",
    (
        Variant("ダンモア", 1, "preferred", (1,), "ダンモア", (2,)),
        Variant("ダンモー", 1, "admitted", (5,), "ダンモー", (6,)),
        Variant("ダンモリガン", 1, "deprecated", (6,), "ダンモリガン", (7,)),
    ),
    ("Chris Dunmore said so.", "クリス・ダンモア氏はそう述べた。"),
)


def sample() -> CheckResult:
    """1-1, 2-1, 1-2, 0-1 and 1-0 beads, an error and a warning, two glossary entries."""
    en = ["Sam Halton spoke.", "He said so.", "It was late.", "And dark.", "Dunmore agreed.", "Extra."]
    ja = [
        "サム・ハルトンが話した。",
        "彼はそう言った。",
        "遅くて暗かった。",
        "余分。",
        "ダンモアが同意した。",
        "そうだ。",
    ]
    beads = [((0,), (0,), 0.91), ((1,), (1,), 0.8), ((2, 3), (2,), 0.7), ((), (3,), 0.0), ((4,), (4, 5), 0.6)]
    beads.append(((5,), (), 0.0))
    findings = (
        finding("NV01", Severity.ERROR, "ホルトン is a second rendering of Halton", (0,), "name-variant"),
        finding("QT01", Severity.WARNING, "unbalanced 「", (4,), "quote"),
        finding("DU01", Severity.ERROR, "duplicated sentence", (3,), "duplicate"),
    )
    return make_result(en, ja, beads, findings, (HALTON, DUNMORE))


def hostile() -> CheckResult:
    """Markup, CDATA ends, entities, illegal controls, lone surrogates, line breaks, empties, a huge line."""
    huge_en = "word " * 40_000 + "end."
    huge_ja = "語" * 200_000 + "。"
    en = [MARKUP, BAD + " en", "=SUM(A1) line\nbreak", "   ", "\x00\x01", huge_en, "#hash tag"]
    ja = [HOSTILE_JA, BAD + " ja", "改行\nあり", "空でない", "空でない2", huge_ja, "ハッシュ"]
    beads = [((i,), (i,), 0.5) for i in range(len(en))]
    findings = (
        finding("XX01", Severity.ERROR, "message with <markup> & \x00 NUL\nand break", (0,), "style"),
    )
    glossary = (
        GlossaryEntry(
            "<Tag> & ]]> Co",
            "organization",
            (Variant("<タグ>&社", 2, "preferred", (0,), "タグシャ"), Variant("a\tb" + BAD, 1, "deprecated")),
            (MARKUP, HOSTILE_JA),
        ),
        GlossaryEntry("\x00", "term", (Variant("空", 1, "preferred"),)),
        GlossaryEntry("Empty forms", "term", (Variant("\x01 ", 1, "preferred"),)),
        GlossaryEntry("=cmd", "product", (Variant("-コマンド", 1, "preferred"),)),
        GlossaryEntry("#hash", "term", (Variant("ハッシュ", 1, "preferred"),)),
    )
    return make_result(en, ja, beads, findings, glossary, name="hostile")


#: What post-editing files (XLIFF, PO) read back for sample(): every English unit, the 1-0 bead
#: with an empty target, the 0-1 bead's Japanese in the target of the unit it follows.
POST_EDIT_SAMPLE = [
    ("Sam Halton spoke.", "サム・ハルトンが話した。"),
    ("He said so.", "彼はそう言った。"),
    ("It was late. And dark.", "遅くて暗かった。余分。"),
    ("Dunmore agreed.", "ダンモアが同意した。そうだ。"),
    ("Extra.", ""),
]

#: What the cleaned hostile text must come back as (illegal characters removed, breaks folded).
CLEAN_BAD_EN, CLEAN_BAD_JA = "abcdef en", "abcdef ja"


class ExporterContract:
    exporter: ClassVar[type[Exporter]]

    # --- hooks ---------------------------------------------------------------
    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        raise NotImplementedError

    def expected_sample(self) -> list[tuple[str, ...]]:
        """Bilingual formats (TMX, PO) read back one (English, Japanese) unit per bead."""
        return [
            ("Sam Halton spoke.", "サム・ハルトンが話した。"),
            ("He said so.", "彼はそう言った。"),
            ("It was late. And dark.", "遅くて暗かった。"),
            ("Dunmore agreed.", "ダンモアが同意した。そうだ。"),
        ]

    def expected_hostile(self) -> list[tuple[str, ...]]:
        return [
            (MARKUP, HOSTILE_JA),
            (CLEAN_BAD_EN, CLEAN_BAD_JA),
            ("=SUM(A1) line break", "改行あり"),
            ("word " * 40_000 + "end.", "語" * 200_000 + "。"),
            ("#hash tag", "ハッシュ"),
        ]

    # --- helpers ---------------------------------------------------------------
    def write(self, result: CheckResult, tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
        path = tmp_path / f"{result.name}{self.exporter.extensions[0]}"
        out = self.exporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
        return path, out.warnings

    # --- the contract ------------------------------------------------------------
    def test_declares_format(self) -> None:
        assert self.exporter.name and self.exporter.extensions
        assert all(e.startswith(".") for e in self.exporter.extensions)

    def test_round_trip(self, tmp_path: Path) -> None:
        path, warnings = self.write(sample(), tmp_path)
        assert warnings == ()
        assert self.read_back(path) == self.expected_sample()

    def test_escaping_and_illegal_characters(self, tmp_path: Path) -> None:
        path, warnings = self.write(hostile(), tmp_path)
        assert self.read_back(path) == self.expected_hostile()
        data = path.read_bytes()
        text = data.decode("utf-8")  # a lone surrogate would have made this raise
        for ch in "\x00\x01\x0b\x1f\ufffe":
            assert ch not in text
        assert any("U+0000" in w and "U+D800" in w and "U+FFFE" in w for w in warnings), warnings

    def test_empty_units_are_left_out(self, tmp_path: Path) -> None:
        path, warnings = self.write(hostile(), tmp_path)
        for row in self.read_back(path):
            assert all(cell.strip() for cell in row[:2]), row
        assert any("left out" in w for w in warnings)

    def test_deterministic(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        first = self.exporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data
        assert self.exporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data == first
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        from_env = ExportOptions.create()
        assert self.exporter().serialize(bitext_of(sample(), from_env), from_env).data == first
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        fixed, default = ExportOptions.create(epoch=DEFAULT_EPOCH), ExportOptions.create()
        assert self.exporter().serialize(bitext_of(sample(), default), default) == self.exporter().serialize(
            bitext_of(sample(), fixed), fixed
        )

    def test_golden(self) -> None:
        data = self.exporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data
        golden = GOLDEN / f"sample{self.exporter.extensions[0]}"
        if os.environ.get("ALIGN_UPDATE_GOLDEN"):
            golden.write_bytes(data)
        assert data == golden.read_bytes(), f"{golden} differs; ALIGN_UPDATE_GOLDEN=1 rewrites it"

    def test_atomic_write_replaces_whole_file(self, tmp_path: Path) -> None:
        path = tmp_path / f"x{self.exporter.extensions[0]}"
        path.write_bytes(b"old content that is much longer than nothing " * 1000)
        self.exporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
        assert path.read_bytes() == self.exporter().serialize(bitext_of(sample(), OPTIONS), OPTIONS).data
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temp file left


@cache
def real_result(pair: str) -> CheckResult:
    """The real pipeline (segmenter, aligner, rules) on sources/<pair>, computed once per session."""
    from align.pipeline import check, load_pair

    folder = SOURCES / pair
    ja, en = load_pair(folder / "ja.txt", folder / "en.txt")
    return check(ja, en, pair)


def real_pairs() -> list[str]:
    return sorted(d.name for d in SOURCES.iterdir() if (d / "ja.txt").is_file() and (d / "en.txt").is_file())
