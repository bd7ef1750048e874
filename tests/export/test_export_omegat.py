"""OmegaT (Debian package ``omegat``, 3.6) in headless console mode, as a real CAT tool.

Our main TMX goes into ``tm/auto/``, the penalty TMX (units with error findings)
into ``tm/penalty-30/``; a source file holds the English of every unit. OmegaT
must fill each segment of the main memory with its Japanese and none of the
penalty memory's: those stay English, and OmegaT's own matcher offers them only
at 100 - 30 %. OmegaT exits 0 even when it rejects a file, so the target text
and the log are checked. A Groovy script run by ``--script`` inside the loaded
project loads the glossary folder with OmegaT's own loader (which picks the
reader and charset by file name), lists the entries of our XLIFF files in
``source/`` and asks the matcher for the penalty units.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from export_contract import OPTIONS, finding, hostile, make_result, real_pairs, real_result, sample
from lxml import etree
from test_export_xliff import read_units as read_xliff

from align.export.editing import added_note, edit_units
from align.export.po import PoExporter
from align.export.tbx import TbxExporter
from align.export.tmx import PENALTY, PENALTY_SUFFIX, TmxExporter, penalized
from align.export.tsv import TsvExporter
from align.export.units import bitext_of, note, units_of
from align.export.xliff import XliffExporter
from align.model import Severity

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
import groovy.json.JsonOutput
import org.omegat.core.events.IStopped
import org.omegat.core.statistics.FindMatches
import org.omegat.gui.glossary.GlossaryManager
def out = { List row -> println "ALIGN\t" + JsonOutput.toJson(row) }
if (eventType.toString() == "LOAD") {
  // OmegaT's own glossary loader: it picks the reader and charset by extension (null: not a glossary).
  def manager = new GlossaryManager(null)
  manager.priorityGlossary = new File(project.projectProperties.writeableGlossary)
  new File(project.projectProperties.glossaryRoot).listFiles().sort().each { f ->
    def entries = manager.loadGlossaryFile(f)
    if (entries == null) out(["glossary-skipped", f.name])
    entries?.each { e -> out(["glossary", f.name, e.srcText, e.locText]) }
  }
  def matcher = new FindMatches(project.sourceTokenizer, 10, false, false)
  def never = { false } as IStopped
  project.allEntries.each { e ->
    if (e.key.file.endsWith(".xlf")) out(["xliff", e.key.file, e.srcText, e.comment ?: ""])
    if (e.key.file.endsWith(".po")) {
      def info = project.getTranslationInfo(e)
      out(["po", e.key.file, e.srcText, info.isTranslated() ? info.translation : null])
    }
    if (e.key.file.endsWith(".txt") && e.srcText.length() < 2000) {
      matcher.search(project, e.srcText, true, false, never).each { m ->
        if (m.source == e.srcText) {
          out(["match", e.key.file, e.srcText, m.translation, m.scores[0].score, m.projs.join("|")])
        }
      }
    }
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
        TbxExporter().write(bitext_of(result, OPTIONS), path, OPTIONS)
        assert schema.validate(etree.parse(str(path))), (result.name, schema.error_log)
    project = omegat_schema(tmp_path, "project_properties.xsd")
    assert project.validate(etree.fromstring(PROJECT.encode())), project.error_log


def run_omegat(java: str, project: Path, tmp_path: Path) -> tuple[str, list[list[Any]]]:
    """Console-translate *project* with the script; the log and the script's rows."""
    script = tmp_path / "probe.groovy"
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
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    rows = [json.loads(line[6:]) for line in log.splitlines() if line.startswith("ALIGN\t")]
    return log, rows


@pytest.mark.omegat
def test_omegat_fills_clean_matches_only_reads_glossaries_and_xliff(tmp_path: Path) -> None:
    java = need_omegat()
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", f"tm/penalty-{PENALTY}", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, "utf-8")
    results = [real_result(p) for p in real_pairs()] + [hostile(), sample()]
    expected: dict[str, list[str]] = {}
    rejected: set[str] = set()  # English of the units set aside for an error finding
    for result in results:
        outputs = dict(TmxExporter().outputs(bitext_of(result, OPTIONS), OPTIONS))
        main = project / "tm" / "auto" / f"{result.name}.tmx"
        main.write_bytes(outputs[".tmx"].data)
        (project / "tm" / f"penalty-{PENALTY}" / f"{result.name}{PENALTY_SUFFIX}").write_bytes(
            outputs[PENALTY_SUFFIX].data
        )
        clean, flagged = (
            memory(main),
            memory(project / "tm" / f"penalty-{PENALTY}" / f"{result.name}{PENALTY_SUFFIX}"),
        )
        assert clean and (flagged or result.name == "hostile"), result.name
        # An English segment the memory renders two ways has no single right answer: leave it out.
        targets: dict[str, set[str]] = {}
        for en, ja in clean:
            targets.setdefault(en, set()).add(ja)
        segments = [
            en for en in dict.fromkeys(en for en, _ in clean + flagged) if len(targets.get(en, ())) <= 1
        ]
        (project / "source" / f"{result.name}.txt").write_text("\n\n".join(segments) + "\n", "utf-8")
        # A clean unit is filled in; a set-aside one stays English (unless a clean unit has the same English).
        expected[result.name] = [next(iter(targets[en])) if en in targets else en for en in segments]
        rejected |= {en for en, _ in flagged if en not in targets}
        XliffExporter().write(bitext_of(result, OPTIONS), project / "source" / f"{result.name}.xlf", OPTIONS)
    glossary_results = [sample()] + [r for r in results[:-2] if r.glossary]
    for result in glossary_results:
        TbxExporter().write(bitext_of(result, OPTIONS), project / "glossary" / f"{result.name}.tbx", OPTIONS)
        for suffix, out in TsvExporter().outputs(bitext_of(result, OPTIONS), OPTIONS):
            (project / "glossary" / f"{result.name}{suffix}").write_bytes(out.data)
    # Control: the same file under the old name, which OmegaT's loader skips.
    TsvExporter().write(bitext_of(sample(), OPTIONS), project / "glossary" / "control.tsv", OPTIONS)
    # Control: a penalty memory wrongly put in tm/auto is inserted, whatever its file name says.
    cracked = finding("XX01", Severity.ERROR, "wrong part", (0,), "number")
    control = make_result(
        ["The fan blade cracked."], ["ファンの羽根に亀裂が入った。"], [((0,), (0,), 0.9)], (cracked,)
    )
    (project / "tm" / "auto" / f"control{PENALTY_SUFFIX}").write_bytes(
        TmxExporter().penalty(bitext_of(control, OPTIONS), OPTIONS).data
    )
    (project / "source" / "control.txt").write_text("The fan blade cracked.\n", "utf-8")

    log, rows = run_omegat(java, project, tmp_path)
    errors = [line for line in log.splitlines() if ": Error:" in line or "Exception" in line]
    assert not errors, "\n".join(errors[:20])
    # Every TMX was read, the penalty memories too.
    assert log.count("TMXR_INFO_READING_COMPLETE") == 2 * len(results) + 1, log[-3000:]
    assert (project / "target" / "control.txt").read_text("utf-8") == "ファンの羽根に亀裂が入った。\n"
    for name, japanese in expected.items():
        target = (project / "target" / f"{name}.txt").read_text("utf-8")
        assert target == "\n\n".join(japanese) + "\n", name
    assert rejected  # the real pairs have error findings: the check below is not vacuous
    # OmegaT's matcher still offers a set-aside unit, lowered by the penalty, never as a 100% match.
    offered = {(row[2], row[4], row[5]) for row in rows if row[0] == "match"}
    for en in rejected:
        scores = {score for src, score, proj in offered if src == en}
        assert scores == {100 - PENALTY}, (en, scores)
    assert all(PENALTY_SUFFIX in proj for src, _, proj in offered if src in rejected)

    # Glossaries: OmegaT loads <pair>.utf8 and <pair>.tbx as they are written, and skips a .tsv.
    seen = {tuple(row[1:]) for row in rows if row[0] == "glossary"}
    ours = TsvExporter.extensions[0]
    for result in glossary_results:
        for entry in result.glossary:
            for v in entry.variants:
                assert (f"{result.name}.tbx", entry.english, v.form) in seen
                assert (f"{result.name}{ours}", entry.english, v.form) in seen
    assert ["glossary-skipped", "control.tsv"] in rows

    # XLIFF as a source document: one entry per trans-unit, the findings as the entry's comment.
    # OmegaT 3.6's XLIFF filter takes an existing <target> as the text to translate, so the
    # entries are the Japanese MT (for post-editing it in place), not the English; it skips a
    # unit whose target is empty (an omitted sentence): OmegaT users fill those in the PO
    # (see test_omegat_po_shows_every_english_sentence).
    for result in results:
        name = f"{result.name}.xlf"
        units = read_xliff(project / "source" / name)
        entries = [(row[2], row[3]) for row in rows if row[0] == "xliff" and row[1] == name]
        written = [u for u in edit_units(units_of(result, OPTIONS)[0]) if u.target]
        notes = ["\n".join([*map(note, u.findings), *map(added_note, u.added)]) for u in written]
        assert [text for text, _ in entries] == [ja for _, ja in units if ja], name
        assert [comment for _, comment in entries] == notes, name
        # OmegaT writes the file back whole: the same units, still schema-valid.
        assert read_xliff(project / "target" / name) == units, name


@pytest.mark.omegat
def test_omegat_po_shows_every_english_sentence(tmp_path: Path) -> None:
    """OmegaT's PO filter: every English sentence is an entry, the MT its translation (unless
    fuzzy); the omitted sentence is an entry with no translation, for the post-editor to fill."""
    java = need_omegat()
    project = tmp_path / "project"
    for sub in ("source", "target", "tm", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, "utf-8")
    omitting = [p for p in real_pairs() if any(b.en and not b.ja for b in real_result(p).alignment)]
    result = real_result(omitting[0])
    PoExporter().write(bitext_of(result, OPTIONS), project / "source" / f"{result.name}.po", OPTIONS)
    log, rows = run_omegat(java, project, tmp_path)
    # OmegaT offers the PO header's text as an entry of its own too.
    entries = [(row[2], row[3]) for row in rows if row[0] == "po" and not row[2].startswith("Project-Id")]
    written = edit_units(units_of(result, OPTIONS)[0])
    # A fuzzy entry's MT is not taken as a translation: it is there to review, like an empty one.
    fuzzy = {u.id for u in written if penalized(u, OPTIONS)}
    expected = [(u.source, u.target if u.target and u.id not in fuzzy else None) for u in written]
    assert entries == expected, log[-2000:]
    omitted = [u.source for u in written if not u.target]
    assert omitted and all((source, None) in entries for source in omitted)
