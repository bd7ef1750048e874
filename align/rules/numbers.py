"""Amounts, percentages and dates that changed between an English sentence and its translation."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity, Span
from .base import Context, Rule

# Bare numbers and counts match too loosely ("1株" = "a share") to call a mismatch a defect.
_LOOSE = frozenset({"", "count"})


def ja_amount(value: float) -> str:
    """A value written with Japanese myriad units, for messages: 2.1e12 -> 2兆1000億."""
    if value < 1e4 or not value.is_integer():
        return f"{value:g}"
    out = []
    rest = int(value)
    for unit, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        if rest >= size:
            out.append(f"{rest // size}{unit}")
            rest %= size
    if rest:
        out.append(str(rest))
    return "".join(out)


class NumberMismatch(Rule):
    """A number in the English that the aligned Japanese renders as a different amount.

    Quantities are compared after normalisation: 万/億/兆 against mn/bn/tn,
    currencies, per cent and %, years, months, full-width digits. Only
    quantities of the same kind (same currency, %, year, month) are paired,
    and the same amount in another currency.

    Anti-pattern::

        EN: a fee of £35mn
        JA: 3億5000万ポンドの違約金

    Better::

        JA: 3500万ポンドの違約金
    """

    code = "AL401"
    name = "number-mismatch"
    category = "number"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Finding]:
        from ..lexicon.numbers import en_quantities, ja_quantities, same_quantity

        for bead in ctx.alignment.beads:
            if not bead.en or not bead.ja:
                continue
            en_q = [(i, q) for i in bead.en for q in en_quantities(ctx.en.segments[i].text)]
            ja_q = [(j, q) for j in bead.ja for q in ja_quantities(ctx.ja.segments[j].text)]
            free_en = list(en_q)
            unmatched_ja = []
            for j, q in ja_q:
                hit = next((k for k, (_, e) in enumerate(free_en) if same_quantity(q, e)), None)
                if hit is None:
                    unmatched_ja.append((j, q))
                else:
                    del free_en[hit]
            for j, q in unmatched_ja:
                if q.unit in _LOOSE:
                    continue
                same_kind = [(i, e) for i, e in free_en if e.unit == q.unit]
                if not same_kind and q.unit.startswith("currency:"):
                    # Same amount, other currency: $14bn rendered 140億円.
                    same_kind = [
                        (i, e)
                        for i, e in free_en
                        if e.unit.startswith("currency:")
                        and abs(e.value - q.value) <= 1e-9 * max(1.0, e.value)
                    ]
                if not same_kind:
                    continue
                # The closest English amount of the same kind is the one it should have rendered.
                i, e = min(same_kind, key=lambda p: abs(p[1].value - q.value))
                free_en.remove((i, e))
                seg = ctx.ja.segments[j]
                amounts = f"{q.text} ({ja_amount(q.value)})", f"{e.text} ({ja_amount(e.value)})"
                yield self.finding(
                    f"{amounts[0]} does not match the English {amounts[1]}",
                    ja=[j],
                    en=[i],
                    spans=[
                        ctx.ja_span(seg, q.start, q.end),
                        Span("en", i, e.start, e.end, e.text),
                    ],
                    expected=e.text,
                )


RULES: tuple[type[Rule], ...] = (NumberMismatch,)
