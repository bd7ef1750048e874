"""What the phrase layer costs per article: alignment, phrase layer and rules timed apart, in process.

    python benchmarks/bench_phrases.py [--repeat N] [PAIR_DIR ...]
    python benchmarks/bench_phrases.py --fifty 30

Default articles: every pair under sources/ and, when ../shared is beside the clone, every
pair of ../shared/devset. Each article is checked once to warm the caches (dictionary
indexes, tokenizer, e2k model), then N times; the medians are printed per stage:

- align: segmentation is done once beforehand; this is ``align.align`` (DP and repair);
- phrases: the phrase layer of the article (name and term renderings and their grouping,
  numbers and Latin tokens per bead), the part this issue added between beads and rules;
- rules: every rule, with the phrase layer already computed;
- total: ``align.check`` end to end (includes the glossary stage).

``--fifty N`` measures issue 20's per-article figure instead (target at most 50 ms): N
articles of exactly 50 English sentences cut from ../shared/corpora at gold bead boundaries
(``bench_batch.fifty``), each never seen before by the process (which is warmed on five other
ones first, so its caches hold what a long-running worker's would, but not this article's
sentences). Each article is measured once, stage after stage as the pipeline runs them:
segmentation (``load_pair``), alignment, the phrase layer, the rules; the total is their sum.
The times are CPU time of this process (``time.process_time``), which a busy machine
disturbs less than wall time; the mean and the median over the N articles are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align.aligner import align  # noqa: E402
from align.model import Alignment, Document  # noqa: E402
from align.pipeline import check, load_pair  # noqa: E402
from align.rules import Context, all_rules, run_rules  # noqa: E402


def articles(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    found = sorted(d for d in (ROOT / "sources").iterdir() if (d / "ja.txt").is_file())
    devset = ROOT.parent / "shared" / "devset"
    if devset.is_dir():
        found += sorted(d for d in devset.iterdir() if (d / "ja.txt").is_file())
    return found


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _stages(ja_path: Path, en_path: Path) -> list[float]:
    """CPU seconds of segmentation, alignment, phrase layer and rules for one article."""
    marks = [time.process_time()]
    ja, en = load_pair(ja_path, en_path)
    marks.append(time.process_time())
    alignment = align(en, ja)
    marks.append(time.process_time())
    ctx = Context(ja, en, alignment)
    _ = ctx.term_forms, ctx.numbers, ctx.latin
    marks.append(time.process_time())
    run_rules(ctx, all_rules())
    marks.append(time.process_time())
    return [b - a for a, b in zip(marks, marks[1:], strict=False)]


def fifty(n: int) -> int:
    """Per-stage CPU time on *n* unseen 50-sentence articles (issue 20's per-article figure)."""
    from bench_batch import CORPORA
    from bench_batch import fifty as fifty_texts

    if not (CORPORA / "tanaka_20k.gold").is_file():
        print(f"bench_phrases: {CORPORA}: no corpora (../shared must sit beside the clone)", file=sys.stderr)
        return 2
    warm = 5
    texts = fifty_texts(n + warm)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-fifty-") as tmp:
        for k, (ja_text, en_text) in enumerate(texts):
            ja_path, en_path = Path(tmp, f"{k}.ja.txt"), Path(tmp, f"{k}.en.txt")
            ja_path.write_text(ja_text, encoding="utf-8")
            en_path.write_text(en_text, encoding="utf-8")
            times = _stages(ja_path, en_path)
            if k >= warm:
                rows.append([*times, sum(times)])
    print(f"{len(rows)} unseen articles of 50 English sentences, CPU time per article in process")
    print("| | segment ms | align ms | phrase layer ms | rules ms | total ms |")
    print("|---|---|---|---|---|---|")
    for label, fn in (("mean", statistics.mean), ("median", statistics.median)):
        cols = [fn(r[i] for r in rows) * 1000 for i in range(5)]
        print(f"| {label} | " + " | ".join(f"{c:.0f}" for c in cols) + " |")
    align_rules = statistics.median(r[1] + r[2] + r[3] for r in rows) * 1000
    print(f"\nalignment + phrases + rules, median: {align_rules:.0f} ms; target ≤ 50 ms")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--fifty", type=int, metavar="N", help="N unseen 50-sentence articles (issue 20)")
    a = ap.parse_args()
    if a.fifty:
        return fifty(a.fifty)
    print("| article | ja sentences | align ms | phrase layer ms | rules ms | check total ms |")
    print("|---|---|---|---|---|---|")
    sums = [0.0, 0.0, 0.0, 0.0]
    docs = articles(a.pairs)
    for d in docs:
        ja, en = load_pair(d / "ja.txt", d / "en.txt")
        check(ja, en)  # warm every cache once
        alignment = align(en, ja)

        # Defaults bind this article's values (the closures are timed inside the loop only).
        def phrase_layer(ja: Document = ja, en: Document = en, alignment: Alignment = alignment) -> None:
            ctx = Context(ja, en, alignment)
            _ = ctx.term_forms, ctx.numbers, ctx.latin

        def rules(ja: Document = ja, en: Document = en, alignment: Alignment = alignment) -> None:
            ctx = Context(ja, en, alignment)
            _ = ctx.term_forms, ctx.numbers, ctx.latin
            run_rules(ctx, all_rules())

        def aligned(ja: Document = ja, en: Document = en) -> None:
            align(en, ja)

        def checked(ja: Document = ja, en: Document = en) -> None:
            check(ja, en)

        t_align = timed(aligned, a.repeat)
        t_phr = timed(phrase_layer, a.repeat)
        t_rules = timed(rules, a.repeat) - t_phr
        t_total = timed(checked, a.repeat)
        for k, v in enumerate((t_align, t_phr, t_rules, t_total)):
            sums[k] += v
        print(
            f"| {d.name} | {len(ja)} | {t_align * 1000:.0f} | {t_phr * 1000:.0f} | "
            f"{max(t_rules, 0) * 1000:.0f} | {t_total * 1000:.0f} |"
        )
    n = max(len(docs), 1)
    print(
        f"| mean of {n} | | {sums[0] / n * 1000:.0f} | {sums[1] / n * 1000:.0f} | "
        f"{max(sums[2], 0) / n * 1000:.0f} | {sums[3] / n * 1000:.0f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
