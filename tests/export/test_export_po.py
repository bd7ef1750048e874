"""PO via polib: read back by translate-toolkit and accepted by ``msgfmt --check`` without a warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from export_contract import (
    OPTIONS,
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
    assert [u.getcontext() for u in units] == ["sample:0", "sample:1", "sample:2", "sample:4"]
    assert [u.isfuzzy() for u in units] == [True, False, False, True]  # an error (0), a warning (4)
    assert "NV01 name-variant (error): ホルトン" in units[0].getnotes("translator")
    assert "QT01 quote (warning): unbalanced 「" in units[3].getnotes("translator")
    assert not units[1].getnotes("translator")
    text = path.read_text("utf-8")
    assert '#, fuzzy\nmsgctxt "sample:0"' in text
    assert '"Language: ja\\n"' in text


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
