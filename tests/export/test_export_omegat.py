"""OmegaT (Debian package ``omegat``, 3.6) in headless console mode, as a real CAT tool.

Our TMX goes into ``tm/auto/``; a source file holds the memory's English
segments; OmegaT must fill each with the memory's Japanese. OmegaT exits 0
even when it rejects a TMX, so the target text and the log are checked. The
glossaries are read with OmegaT's own TBX and TSV readers (a Groovy script run
by ``--script`` inside the loaded project) and their entries compared.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from export_contract import OPTIONS, hostile, real_pairs, real_result, sample
from lxml import etree

from align.export.tbx import TbxExporter
from align.export.tmx import TmxExporter
from align.export.tsv import TsvExporter

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>EN</source_lang>
    <target_lang>JA</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneJapaneseTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
# sentence_seg=false: each paragraph of the source file is one segment, so a 2-1 bead's
# two English sentences stay one segment and can match their unit exactly.

SCRIPT = """
import org.omegat.gui.glossary.GlossaryReaderTBX
import org.omegat.gui.glossary.GlossaryReaderTSV
if (eventType.toString() == "LOAD") {
  new File(project.projectProperties.glossaryRoot).listFiles().sort().each { f ->
    def tbx = f.name.endsWith(".tbx")
    def entries = tbx ? GlossaryReaderTBX.read(f, false) : GlossaryReaderTSV.read(f, false)
    entries.each { e -> println "GLOSSARY\\t" + f.name + "\\t" + e.srcText + "\\t" + e.locText }
  }
}
"""


def memory(path: Path) -> list[tuple[str, str]]:
    root = etree.parse(str(path)).getroot()
    return [
        (tu.findall("tuv/seg")[0].text or "", tu.findall("tuv/seg")[1].text or "") for tu in root.iter("tu")
    ]


def need_omegat() -> str:
    java = shutil.which("java")
    if java is None or not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT not installed (need java and {OMEGAT_JAR}; .ci/run installs the omegat package)")
    return java


def omegat_schema(tmp_path: Path, name: str) -> etree.XMLSchema:
    """One of the XML schemas OmegaT ships in its jar (it unmarshals TBX and omegat.project with them)."""
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        for member in (f"schemas/{name}", "schemas/xml.xsd"):
            jar.extract(member, tmp_path)
    return etree.XMLSchema(etree.parse(str(tmp_path / "schemas" / name)))


@pytest.mark.omegat
def test_tbx_valid_against_omegat_schema(tmp_path: Path) -> None:
    need_omegat()
    schema = omegat_schema(tmp_path, "tbx.xsd")
    for result in [sample(), hostile()] + [real_result(p) for p in real_pairs()]:
        path = tmp_path / f"{result.name}.tbx"
        TbxExporter().write(result, path, OPTIONS)
        assert schema.validate(etree.parse(str(path))), (result.name, schema.error_log)
    project = omegat_schema(tmp_path, "project_properties.xsd")
    assert project.validate(etree.fromstring(PROJECT.encode())), project.error_log


@pytest.mark.omegat
def test_omegat_fills_memory_matches_and_reads_glossaries(tmp_path: Path) -> None:
    java = need_omegat()
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, "utf-8")
    results = [real_result(p) for p in real_pairs()] + [hostile(), sample()]
    expected: dict[str, list[str]] = {}
    for result in results:
        tmx = project / "tm" / "auto" / f"{result.name}.tmx"
        TmxExporter().write(result, tmx, OPTIONS)
        units = memory(tmx)
        assert units, result.name
        # An English segment the memory renders two ways has no single right answer: leave it out.
        targets: dict[str, set[str]] = {}
        for en, ja in units:
            targets.setdefault(en, set()).add(ja)
        unique = [(en, ja) for en, ja in units if len(targets[en]) == 1]
        source = "\n\n".join(dict.fromkeys(en for en, _ in unique)) + "\n"
        (project / "source" / f"{result.name}.txt").write_text(source, "utf-8")
        expected[result.name] = [targets[en].pop() for en in dict.fromkeys(en for en, _ in unique)]
    glossary_results = [sample()] + [r for r in results[:-2] if r.glossary]
    for result in glossary_results:
        TbxExporter().write(result, project / "glossary" / f"{result.name}.tbx", OPTIONS)
        # OmegaT 3.6 reads tab-separated glossaries named .utf8 (UTF-8); ours is <pair>.tsv.
        TsvExporter().write(result, project / "glossary" / f"{result.name}.utf8", OPTIONS)
    script = tmp_path / "glossary.groovy"
    script.write_text(SCRIPT, "utf-8")
    cmd = [
        java,
        "-Djava.awt.headless=true",
        "-jar",
        str(OMEGAT_JAR),
        str(project),
        "--mode=console-translate",
    ]
    cmd += [
        f"--config-dir={tmp_path / 'config'}",
        "--disable-project-locking",
        "--no-team",
        f"--script={script}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    log = proc.stdout + proc.stderr
    errors = [line for line in log.splitlines() if ": Error:" in line or "Exception" in line]
    assert not errors, "\n".join(errors[:20])
    assert log.count("TMXR_INFO_READING_COMPLETE") == len(results), log[-3000:]
    for name, japanese in expected.items():
        target = (project / "target" / f"{name}.txt").read_text("utf-8")
        assert target == "\n\n".join(japanese) + "\n", name
    seen = {tuple(line.split("\t")[1:]) for line in log.splitlines() if line.startswith("GLOSSARY\t")}
    for result in glossary_results:
        for entry in result.glossary:
            for v in entry.variants:
                assert (f"{result.name}.tbx", entry.english, v.form) in seen
                assert (f"{result.name}.utf8", entry.english, v.form) in seen
