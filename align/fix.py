"""Applying the fixes that findings carry: ``align fix``.

The pipeline (:func:`align.pipeline.run`) checks each pair once; the fixes of its findings
are chosen in finding order, a fix that overlaps one already chosen is left for the next
round (fixes are applied whole or not at all), and the corrected text is checked again,
since one fix can enable another (a deleted duplicate takes its other findings with it).
Rounds stop when nothing applicable is left, when the text stops changing or comes back
to an earlier state, or after :data:`MAX_ROUNDS`.

Only the bytes of the edited spans change: each edit is spliced into the original bytes,
encoded with the file's own codec, after its BOM, so encoding, BOM and line endings
(CRLF, CR) survive; the result is decoded again and compared before anything is written.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, OutputError
from .files import Decoded, decode, read_bytes
from .model import Edit, Finding, Fix, apply_edits

if TYPE_CHECKING:
    from .job import Job
    from .model import CheckResult
    from .pipeline import Plan

__all__ = [
    "MAX_ROUNDS",
    "FixOutcome",
    "applicable",
    "apply_edits",
    "choose",
    "fix_job",
    "overlap",
    "splice",
    "unified_diff",
]

#: Check-and-fix rounds per pair; one fix rarely enables more than one more.
MAX_ROUNDS = 5
# Codecs whose bytes for a character depend on what came before (ISO-2022-JP escapes):
# they cannot be spliced, so the whole text is encoded again.
_STATEFUL = ("iso2022",)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``align fix`` applies *fix*: safe fixes always, unsafe ones with --unsafe-fixes."""
    return fix is not None and (fix.safe or unsafe)


def overlap(a: Edit, b: Edit) -> bool:
    """Edits that touch the same characters, or two insertions at one point (order unknown)."""
    return a.overlaps(b)


def choose(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fixes apply together: in finding order, skipping any that overlaps.

    A skipped fix is not lost: the next round checks the corrected text again.
    """
    chosen: list[Finding] = []
    taken: list[Edit] = []
    for f in findings:
        if f.fix is None or not applicable(f.fix, unsafe):
            continue
        if any(overlap(e, t) for e in f.fix.edits for t in taken):
            continue
        chosen.append(f)
        taken.extend(f.fix.edits)
    return chosen


def _edits(findings: Sequence[Finding]) -> list[Edit]:
    return sorted(e for f in findings if f.fix is not None for e in f.fix.edits)


def splice(data: bytes, decoded: Decoded, edits: Sequence[Edit], path: str = "") -> bytes:
    """The file's bytes with *edits* applied: every byte outside the edited spans is kept.

    *decoded* is how *data* decodes (its text, codec and BOM). Raises OutputError when a
    replacement cannot be written in the file's encoding.
    """
    text, codec, bom = decoded.text, decoded.codec, decoded.bom
    fixed = apply_edits(text, edits)
    try:
        if codec.startswith(_STATEFUL):
            out = bom + fixed.encode(codec)
        else:
            parts, char, byte = [data[: len(bom)]], 0, len(bom)
            for e in sorted(edits):
                kept = len(text[char : e.start].encode(codec))
                parts.append(data[byte : byte + kept])
                byte += kept + len(text[e.start : e.end].encode(codec))
                parts.append(e.replacement.encode(codec))
                char = e.end
            parts.append(data[byte:])
            out = b"".join(parts)
            if out[len(bom) :].decode(codec) != fixed:
                # The file does not encode back the way it decoded (a character with two
                # byte forms): encode the whole text again rather than write a wrong file.
                out = bom + fixed.encode(codec)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise OutputError(f"cannot write {bad!r} in the file's encoding ({codec})", path or None) from None
    if out[len(bom) :].decode(codec, errors="replace") != fixed:  # pragma: no cover - a bug guard
        raise OutputError(f"the fixed text does not encode back in {codec}; nothing written", path or None)
    return out


@dataclass(frozen=True)
class FixOutcome:
    """One pair after ``align fix``: the bytes before and after, and what was fixed."""

    name: str
    #: The Japanese file (after language detection, whichever argument it was).
    path: str
    before: bytes
    after: bytes
    before_text: str
    after_text: str
    #: The findings whose fixes were applied, round after round.
    applied: tuple[Finding, ...]
    #: Findings of the corrected text that still carry a fix this run would apply.
    remaining: tuple[Finding, ...]
    #: Findings of the corrected text whose fix is unsafe and was not asked for.
    hidden: tuple[Finding, ...]
    #: The findings of the first check (what ``align check`` shows).
    found: tuple[Finding, ...]
    rounds: int
    #: The check of the corrected text.
    result: CheckResult

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def announced(self, unsafe: bool) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
        """Of the first check's findings (what ``align check`` counts as fixable): those this run
        fixes, and those only --unsafe-fixes would."""
        fixable = tuple(f for f in self.found if applicable(f.fix, unsafe))
        held = tuple(f for f in self.found if f.fix is not None and not applicable(f.fix, unsafe))
        return fixable, held


def _recheck(
    plan: Plan, result: CheckResult, text: str, accepted: Counter[tuple[str, str]] | None
) -> CheckResult:
    from .baseline import filter_result
    from .segment import segment

    ja = segment(text, "ja", result.ja.path, plan.settings.presegmented)
    again = plan.check_documents(ja, result.en, result.name)
    return filter_result(again, Counter(accepted)) if accepted is not None else again


def _fix_result(
    plan: Plan,
    result: CheckResult,
    unsafe: bool,
    accepted: Counter[tuple[str, str]] | None,
    max_rounds: int,
) -> FixOutcome:
    path = result.ja.path
    found = result.findings
    data = before = read_bytes(path)
    decoded = original = decode(data, path, plan.settings.encoding)
    if original.text != result.ja.text:
        raise InputError("changed while it was being checked; run align fix again", path)
    applied: list[Finding] = []
    seen = {decoded.text}
    rounds = 0
    while rounds < max_rounds:
        chosen = choose(result.findings, unsafe)
        if not chosen:
            break
        edits = _edits(chosen)
        data = splice(data, decoded, edits, path)
        decoded = replace(decoded, text=apply_edits(decoded.text, edits))
        applied.extend(chosen)
        rounds += 1
        result = _recheck(plan, result, decoded.text, accepted)
        if decoded.text in seen:
            break  # back to an earlier text: fixes undo each other
        seen.add(decoded.text)
    with_fix = [f for f in result.findings if f.fix is not None]
    return FixOutcome(
        name=result.name,
        path=path,
        before=before,
        after=data,
        before_text=original.text,
        after_text=decoded.text,
        applied=tuple(applied),
        remaining=tuple(f for f in with_fix if applicable(f.fix, unsafe)),
        hidden=tuple(f for f in with_fix if not applicable(f.fix, unsafe)),
        found=found,
        rounds=rounds,
        result=result,
    )


def fix_job(
    job: Job,
    *,
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
    notes: Callable[[str], None] | None = None,
) -> Iterator[FixOutcome]:
    """Check every pair of *job* through the pipeline and fix its Japanese, one pair at a time.

    Nothing is written here: each :class:`FixOutcome` holds the corrected bytes.
    """
    from .baseline import load_baseline
    from .pipeline import Plan, run

    for pair in job.pairs:
        for path in (pair.ja_path, pair.en_path):
            if Path(path).exists() and stat.S_ISFIFO(os.stat(path).st_mode):
                # The pipeline reads it once; the fix needs its bytes again to write them back.
                raise InputError("align fix needs a regular file, not a pipe", path)
    plan = Plan(job.settings, job.stage)
    accepted = load_baseline(job.baseline) if job.baseline else None
    for result in run(job, notes=notes):
        yield _fix_result(plan, result, unsafe, accepted, max_rounds)


def _lines(text: str) -> list[str]:
    """Lines with their own ending (CRLF, CR or LF), and nothing else splitting them."""
    return _LINE.findall(text)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of the decoded texts, lines keeping their own line endings."""
    out = []
    for line in difflib.unified_diff(_lines(before), _lines(after), name, name, lineterm="\n"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
