"""benchmarks/demetr.py on one half of DEMETR's Japanese items: held-out checks of calibration.

    python benchmarks/demetr_halves.py odd|even [--seed N] [--examples N] [--json]

The thresholds of the entity checks (align.phrases.entities) were calibrated on the devset,
on every other document of benchmarks/perturb.py and on DEMETR's items with odd ids; the
items with even ids were not looked at. This script builds the documents of demetr.py from
one half of the items only (the perturbed items and the lines around them) and prints the
same report, so that the held-out half can be compared with the calibration half.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demetr  # noqa: E402
from planted import finish  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("half", choices=("odd", "even"), help="the items with odd or even ids")
    ap.add_argument("--seed", type=int, default=1, help="document layout seed (default 1)")
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N misses per class")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args(argv)
    items = demetr.load_items()
    keep = {i: item for i, item in items.items() if i % 2 == (1 if args.half == "odd" else 0)}
    demetr.load_items = lambda: keep  # type: ignore[assignment]
    docs = demetr.build_documents(args.seed)
    scores = demetr.score(docs, demetr.load_known())
    planted = sum(len(d.planted) for d, _ in docs)
    print(
        f"DEMETR Japanese items, {args.half} ids ({len(keep)} items): {len(docs)} perturbed documents "
        f"with {planted} planted errors, {len(docs)} clean controls (seed {args.seed})\n"
    )
    return finish(
        scores,
        clean_unit="document",
        false_target=demetr.FALSE_PER_DOC_TARGET,
        precision_target=demetr.PRECISION_TARGET,
        examples=args.examples,
        as_json=args.json,
    )


if __name__ == "__main__":
    sys.exit(main())
