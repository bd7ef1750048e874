"""PO via polib: read back by translate-toolkit and accepted by ``msgfmt --check`` without a warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from export_contract import (
    OPTIONS,
    POST_EDIT_SAMPLE,
    ExporterContract,
    hostile,
    sample,
)

from align.export.po import PoExporter
from align.export.units import bitext_of


def msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    """``msgfmt --check`` (format strings, header fields, domain): warnings go to stderr, exit 0."""
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt not installed (Debian package gettext; .ci/run installs it)")
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def msgfmt_check(path: Path) -> None:
    proc = msgfmt(path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr  # a missing header field is only a warning: none allowed


class TestPo(ExporterContract):
    exporter = PoExporter

    def read_back(self, path: Path) -> list[tuple[str, ...]]:
        from translate.storage import po as pofile

        store = pofile.pofile.parsefile(str(path))
        return [(u.source, u.target) for u in store.units if not u.isheader()]

    def expected_sample(self) -> list[tuple[str, ...]]:
        return list(POST_EDIT_SAMPLE)


@pytest.mark.parametrize("make", [sample, hostile])
def test_msgfmt_accepts(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.po"
    PoExporter().write(bitext_of(make(), OPTIONS), path, OPTIONS)
    msgfmt_check(path)


def test_msgfmt_warns_without_a_complete_header(tmp_path: Path) -> None:
    """The check can fail: drop the header fields we fill and msgfmt names them."""
    path = tmp_path / "x.po"
    PoExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith(('"Last-Translator', '"Language-Team'))))
    warnings = msgfmt(path).stderr
    assert "header field 'Last-Translator' missing" in warnings
    assert "header field 'Language-Team' missing" in warnings


def test_header_is_complete_and_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.export import ExportOptions

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    options = ExportOptions.create(ja_lang="ja-JP")
    po = polib.pofile(PoExporter().serialize(bitext_of(sample(), options), options).data.decode())
    meta = po.metadata
    assert meta["PO-Revision-Date"] == meta["POT-Creation-Date"] == "2025-01-01 00:00+0000"
    assert meta["Last-Translator"].startswith("machine translation, checked by align ")
    assert meta["Language-Team"] == "ja-JP" and meta["Language"] == "ja_JP"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    options = ExportOptions.create()
    again = polib.pofile(PoExporter().serialize(bitext_of(sample(), options), options).data.decode())
    assert again.metadata["PO-Revision-Date"] == "1980-01-01 00:00+0000"  # never the clock


def test_context_fuzzy_and_comments(tmp_path: Path) -> None:
    from translate.storage import po as pofile

    path = tmp_path / "x.po"
    PoExporter().write(bitext_of(sample(), OPTIONS), path, OPTIONS)
    units = [u for u in pofile.pofile.parsefile(str(path)).units if not u.isheader()]
    assert [u.getcontext() for u in units] == ["sample:0", "sample:1", "sample:2", "sample:4", "sample:5"]
    # An error (0), a duplicate after 2, a warning (4); the omitted sentence (5) is untranslated.
    assert [u.isfuzzy() for u in units] == [True, False, True, True, False]
    assert [u.istranslated() for u in units] == [False, True, False, False, False]
    assert units[4].target == "" and units[4].source == "Extra."
    # What align says is extracted comments (#.), never the translator's own (#).
    assert all(not u.getnotes("translator") for u in units)
    assert "NV01 name-variant (error): ホルトン" in units[0].getnotes("developer")
    assert "QT01 quote (warning): unbalanced 「" in units[3].getnotes("developer")
    assert "kept in this target: 「余分。」" in units[2].getnotes("developer")
    assert "align-place: ja=@50/p en=69-75" in units[4].getnotes("developer")
    text = path.read_text("utf-8")
    assert "\n# " not in text.split("\n\n", 1)[1]  # no translator comment after the header
    assert "#. NV01 name-variant (error): ホルトン is a second rendering of Halton\n" in text
    assert '#, fuzzy\nmsgctxt "sample:0"' in text
    assert 'msgctxt "sample:5"\nmsgid "Extra."\nmsgstr ""\n' in text
    assert '"Language: ja\\n"' in text
    assert '"X-Align-Japanese-File: ' in text and " ja.txt\\n" in text


def test_suggested_fix_is_an_extracted_comment(tmp_path: Path) -> None:
    from test_export_xliff import _fixable

    path = tmp_path / "fix.po"
    PoExporter().write(bitext_of(_fixable(), OPTIONS), path, OPTIONS)
    msgfmt_check(path)
    second = polib.pofile(str(path))[1]
    assert "suggested by align fix NV01 (safe): ブラニックが去った。" in second.comment.splitlines()
    assert second.msgstr == "ブラニクが去った。"


def test_variant_finding_flags_only_the_wrong_rendering(tmp_path: Path) -> None:
    from export_contract import make_result

    from align.model import Finding, Severity, Variant

    variants = (Variant("ブラニガン", 1, "preferred", (0,)), Variant("ブラニンガン", 1, "deprecated", (1,)))
    nv = Finding(
        "NV01", "name", "name-variant", Severity.ERROR, "two ways", ja=(0, 1),
        preferred="ブラニガン", variants=variants,
    )  # fmt: skip
    result = make_result(
        ["Brannigan spoke.", "Brannigan left."], ["ブラニガンが話した。", "ブラニンガンが去った。"],
        [((0,), (0,), 1.0), ((1,), (1,), 1.0)], (nv,),
    )  # fmt: skip
    path = tmp_path / "x.po"
    PoExporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
    entries = polib.pofile(str(path))
    assert [(e.msgctxt, e.fuzzy) for e in entries] == [("sample:0", False), ("sample:1", True)]
    msgfmt_check(path)
