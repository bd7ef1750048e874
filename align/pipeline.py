"""The one code path: a Job in, one CheckResult per pair out (read, segment, align, check).

``align check``, ``report``, ``export`` and ``beads``, the Python API and corpus mode all
call :func:`run` (or :meth:`Plan.check_documents` for documents already in memory), so
they agree on settings, rules and results. Results are yielded one pair at a time, so a
long list of pairs is never held in memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .files import read_text
from .job import Job, Pair, Settings, discover_pairs, glossary_digest, pair_name
from .lexicon.memo import collector_paused, release_free_memory
from .model import Alignment, CheckResult, Document, GlossaryEntry, Signature, Stage
from .segment import check_roles as check_given_roles
from .segment import order_pair, segment

# CheckResult lives in the model (every output reads it); it stays importable from here.
__all__ = ["CheckResult", "Job", "Pair", "Plan", "check", "discover_pairs", "load_pair", "pair_name", "run"]


def load_pair(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    presegmented: bool = False,
    detect: bool = True,
    check_roles: bool = True,
) -> tuple[Document, Document]:
    """Read two files and return (ja, en) documents; with *detect*, in either order.

    Without *detect*, *a* is the Japanese file; then, with *check_roles*, a pair whose scripts
    clearly say the opposite is a LanguageError (see :func:`align.segment.check_roles`).
    """
    pa, pb = os.fspath(a), os.fspath(b)
    first, second = (pa, read_text(pa, encoding)), (pb, read_text(pb, encoding))
    if not detect and check_roles:
        check_given_roles(first, second)
    (ja_path, ja_text), (en_path, en_text) = order_pair(first, second) if detect else (first, second)
    # A long pair's segments are hundreds of thousands of objects in no reference cycle.
    with collector_paused(len(ja_text) + len(en_text) >= _PAUSE_FROM_CHARS):
        return segment(ja_text, "ja", ja_path, presegmented), segment(en_text, "en", en_path, presegmented)


#: Characters (both files) from which segmenting runs with the cyclic collector paused (about
#: 20,000 sentences, as _PAUSE_FROM): 0.1 s of the 1 s that segmenting 200k sentences a side took.
_PAUSE_FROM_CHARS = 1_000_000


@dataclass(frozen=True)
class Plan:
    """A job's settings resolved once: the rule classes, the user glossary and the signature.

    Building a plan reads the glossary file and validates rule codes and options; checking
    a pair then only reads the pair. Corpus-mode workers build one plan each.
    """

    settings: Settings
    stage: Stage = "check"
    #: Run the glossary stage (exports and the HTML report need it; text and JSON do not).
    glossary: bool = False
    #: Keep the phrase layer in the results (the JSON output shows it).
    phrases: bool = False

    @cached_property
    def rules(self) -> tuple[Any, ...]:
        from .rules import checklist_rules, select_rules

        if self.stage != "check":
            return ()
        return select_rules(
            self.settings.select, self.settings.ignore, checklist_rules(self.settings.checklist)
        )

    @cached_property
    def user_glossary(self) -> tuple[GlossaryEntry, ...]:
        if not self.settings.glossary:
            return ()
        from .glossary_file import read_glossary

        return tuple(read_glossary(self.settings.glossary))

    @cached_property
    def params(self) -> Any:
        return self.settings.align_params()

    @cached_property
    def signature(self) -> Signature:
        return build_signature(self.settings, self.rules, self.user_glossary, self.params, self.stage)

    def validate(self) -> None:
        """Raise the user's configuration errors now, before any pair is read."""
        if self.settings.options or self.settings.checklist:
            # Empty tables and no checklist have nothing to check: the rules stay unimported.
            from .rules import check_options, checklist_rules

            check_options(self.settings.options, checklist_rules(self.settings.checklist))
        _ = self.user_glossary, self.params

    def load(self, pair: Pair) -> tuple[Document, Document]:
        return load_pair(
            pair.ja_path,
            pair.en_path,
            encoding=self.settings.encoding,
            presegmented=self.settings.presegmented,
            detect=pair.roles == "detect",
            check_roles=pair.roles == "given",
        )

    def check_pair(self, pair: Pair) -> CheckResult:
        ja, en = self.load(pair)
        return self.check_documents(ja, en, pair.name or pair_name(ja.path, en.path))

    def check_documents(
        self, ja: Document, en: Document, name: str = "", alignment: Alignment | None = None
    ) -> CheckResult:
        """Align (unless *alignment* is given), run the rules, and build the glossary if asked."""
        from .aligner import align
        from .lexicon.memo import new_document
        from .rules import Context, run_rules

        new_document()
        large = len(ja.segments) + len(en.segments) >= _PAUSE_FROM
        if alignment is None:
            alignment = align(en, ja, self.params)
            if large:  # the aligner's freed arrays, before the rules' peak (see release_free_memory)
                release_free_memory()
        ctx = Context(ja, en, alignment, self.user_glossary, self.settings.options)
        with collector_paused(large):
            findings = run_rules(ctx, self.rules, self.settings.options) if self.rules else ()
            glossary = None
            if self.glossary:
                from .glossary import build_glossary

                glossary = build_glossary(
                    ja, en, alignment, self.user_glossary, ctx.renderings, ctx.term_forms
                )
            layer = ctx.phrases() if self.phrases and self.stage == "check" else None
        return CheckResult(
            name or pair_name(ja.path, en.path), ja, en, alignment, findings, self.signature, glossary, layer
        )


#: Sentences (both sides) from which the rules, glossary and phrase layer run with the cyclic
#: collector paused (lexicon.memo.collector_paused); an article is left to the collector as before.
_PAUSE_FROM = 20_000


def build_signature(
    settings: Settings,
    rules: Sequence[Any],
    user_glossary: Sequence[GlossaryEntry],
    params: Any,
    stage: Stage = "check",
) -> Signature:
    """The signature of a job's settings: aligner parameters, rules, options, glossary, versions."""
    import dataclasses

    from .aligner.params import ALIGNER_VERSION
    from .lexicon.dictionary import signature as dict_signature
    from .rules.checklist import ChecklistRule
    from .rules.options import configure
    from .versions import __version__, installed_version

    def show(value: Any) -> str:
        if isinstance(value, (tuple, list)):
            return "/".join(show(v) for v in value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        return f"{value:g}" if isinstance(value, float) else str(value)

    aligner = (("v", str(ALIGNER_VERSION)),) + tuple(
        (f.name, show(getattr(params, f.name))) for f in dataclasses.fields(params)
    )
    chosen = "none"
    if stage == "check":  # no other stage runs rules: their list is not imported for it
        all_codes = _all_codes()
        codes = [r.code for r in rules if r.code in all_codes]
        chosen = "all" if codes == all_codes else ",".join(codes) or "none"
    # The checklist rules that run, by content: editing a pattern or a message changes the signature.
    checklist = [dataclasses.astuple(r.item) for r in rules if issubclass(r, ChecklistRule)]
    options = []
    for cls in rules:
        # The options the user set: severity always, others when they differ from the default.
        chosen_options = configure(cls, settings.options)
        default, record = cls.Options(), chosen_options.options
        for key in chosen_options.given:
            if key == "severity":
                options.append((f"{cls.code}.{key}", str(chosen_options.severity)))
            elif getattr(default, key) != getattr(record, key):
                options.append((f"{cls.code}.{key}", show(getattr(record, key))))

    resources = (
        ("dict", dict_signature()),
        (
            "tok",
            f"unidic-lite-{installed_version('unidic-lite', 'unidic_lite')}"
            f"+fugashi-{installed_version('fugashi', 'fugashi')}",
        ),
    )
    return Signature(
        version=__version__,
        segmentation="presegmented" if settings.presegmented else "auto",
        aligner=aligner,
        rules=chosen,
        options=tuple(options),
        glossary=glossary_digest(user_glossary) if user_glossary else "none",
        resources=resources,
        checklist=_digest(checklist) if checklist else "none",
    )


def _digest(rows: Sequence[Any]) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _all_codes() -> list[str]:
    from .rules import all_rules

    return [r.code for r in all_rules()]


def run(
    job: Job,
    *,
    glossary: bool = False,
    phrases: bool = False,
    notes: Callable[[str], None] | None = None,
) -> Iterator[CheckResult]:
    """Check every pair of *job*, yielding results in order, one pair at a time.

    Configuration errors (unknown rules or options, an unreadable glossary) are raised
    before the first pair is read; a pair's input errors are raised when it is reached.
    With *glossary*, each result carries the names-and-terms glossary (an output stage);
    with *phrases*, the phrase layer. A baseline in the job hides the findings it records.
    After the last pair, *notes* receives one line per user-glossary entry that could not be
    applied in the whole run.
    """
    plan = Plan(job.settings, job.stage, glossary, phrases)
    plan.validate()
    accepted = None
    if job.baseline and job.stage == "check":
        from .baseline import load_baseline

        accepted = load_baseline(job.baseline)
    entries = plan.user_glossary if job.stage == "check" else ()
    found: set[str] = set()
    for pair in job.pairs:
        result = plan.check_pair(pair)
        if entries:
            from .rules.glossary import entries_found

            found |= entries_found(entries, result.en.text)
        if accepted is not None:
            from .baseline import filter_result

            result = filter_result(result, accepted)
        yield result
    if entries and notes is not None:
        from .rules.glossary import glossary_notes

        for line in glossary_notes(entries, found):
            notes(f"glossary {job.settings.glossary}: {line}")


def check(
    ja: Document,
    en: Document,
    name: str = "",
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    glossary: Sequence[GlossaryEntry] = (),
    alignment: Alignment | None = None,
    checklist: Sequence[Any] = (),
) -> CheckResult:
    """Check two documents already in memory (the Python API): align, run rules, build the glossary.

    *select*/*ignore* take rule codes, code prefixes, names or categories; *options* maps a
    rule code or name to its settings; *glossary* is the user's approved glossary, which
    also decides preferred forms; *checklist* are user checklist rules
    (:func:`align.rules.checklist.parse_checklist` entries).
    """
    settings = Settings.create(select=select, ignore=ignore, options=options, checklist=checklist)
    plan = Plan(settings, "check", glossary=True, phrases=True)
    if glossary:
        # Entries given in memory rather than by path: seed the plan's cached glossary.
        plan.__dict__["user_glossary"] = tuple(glossary)
    plan.validate()
    return plan.check_documents(ja, en, name, alignment)
