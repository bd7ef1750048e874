"""Numbers and Latin tokens that changed between an English sentence and its translation.

All three rules query the phrase layer (align.phrases): each bead's quantities are paired
across the languages with value, unit, currency, scale and kind (align.phrases.numbers), and
its URLs, identifiers, versions and alphanumerics are looked up in the Japanese
(align.lexicon.latin).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..messages import Message, Template
from ..model import Finding, Severity, Span
from ..phrases.numbers import MESSAGES
from .base import Context, Rule

#: Mismatch reasons reported by number-mismatch; "missing" and "extra" go to number-missing.
_CHANGED = frozenset({"value", "scale", "unit", "currency", "date", "swapped"})


class NumberMismatch(Rule):
    """A number in the English that the aligned Japanese renders as a different quantity.

    Each English quantity (money, percentages and percentage points, counts, measures,
    durations, dates, years, versions, ports) is paired with the Japanese one of the same
    value and kind: 万/億/兆 against mn/bn/tn, currencies (A$ is not 米ドル, won is not 円),
    MW against MWh, minutes against seconds, % against ポイント, kanji numerals. What is left
    pairs as a mismatch: the value, the scale (a power of ten), the unit, the currency or the
    date changed, or two values were swapped. The message names both sides.

    Every form is read the same way on both sides: days of the month (the 25th, 25日), ages
    ((27), aged 27, 27歳), decades of age (in their 40s, 40代), number words (four, a dozen, a
    quarter of), times of day (11am, 午前11時), ranges (2-4 weeks, ３～４週間), scores (24-0,
    24対0), "x out of y" (42 out of 50, 50点中42点), versions after a name (iOS 17, Python
    3.12), decimals (rose to 3.2), magnitudes, ordinals and labels (Chapter 4, 第4章, 背番号
    「3」), school years (third-year, 3年), era years (昭和51年, 1895（明治28）年, by the era
    calendar of the japanera package), full-width digits and letter currency symbols (RM50).

    Bare numbers are compared too ("between 0 and 1" against 0と4の間, "60 columns" against
    54の列), with the digits of codes and names (theta1, シータ1): after every form is read,
    the values of the two sides are matched as multisets, and one value left on each side with
    the same shape (digits before and after the point) is a changed number.

    A changed number is compared only with its counterpart: the only value of its kind left on
    each side, or the one whose neighbouring words (the counted noun, the verb) are related.
    When the two are tied by their position alone, the finding says so and is a warning.

    Anti-pattern::

        EN: a fee of £35mn, paid over three weeks
        JA: 3億5000万ポンドの違約金を4週間で支払う

    Better::

        JA: 3500万ポンドの違約金を3週間で支払う
    """

    code = "AL401"
    name = "number-mismatch"
    category = "number"
    severity = Severity.ERROR
    messages = {k: v for k, v in MESSAGES.items() if k not in ("missing", "extra")}

    def check(self, ctx: Context) -> Iterator[Finding]:
        for check in ctx.numbers:
            for mm in check.mismatches:
                if mm.reason not in _CHANGED or mm.ja is None:
                    continue
                ja_span = check.ja.span(mm.ja.start, mm.ja.end)
                spans: list[Span] = [ja_span]
                en_ids: list[int] = []
                if mm.en is not None:
                    en_span = check.en.span(mm.en.start, mm.en.end)
                    spans.append(en_span)
                    en_ids.append(en_span.sentence)
                finding = self.finding(
                    Message(mm.message_id, mm.arguments),
                    ja=[ja_span.sentence],
                    en=en_ids or [p[0] for p in check.en.pieces],
                    spans=spans,
                    expected=mm.en.text if mm.en is not None else None,
                    data={"reason": mm.reason} if mm.strong else {"reason": mm.reason, "tie": "position"},
                )
                if not mm.strong and finding.severity == Severity.ERROR:
                    # Paired by position only: the counterpart may be another number.
                    finding = replace(finding, severity=Severity.WARNING)
                yield finding


class NumberMissing(Rule):
    """A number of the English that the Japanese drops, or a number the Japanese adds.

    Only quantities a faithful translation neither drops nor adds count: money,
    percentages, measures, durations, dates, versions, ports, counts with a counter, and bare
    numbers written in digits. Never reported: an ordinal or label, an estimate (about 100,
    約100, 2-3の), a fraction, the digits of a code or name, a number in words or kanji ("one",
    "half", 一つ), which translations rephrase, nor a value the other side writes anywhere, nor
    one that the previous or next bead's other side writes once more than that bead's own side
    does (the alignment drew a sentence boundary a clause off: the value moved with it). In a
    bead of several sentences, a sentence none of whose numbers the Japanese renders is an
    omission, not a list of missing numbers (and a Japanese sentence an addition).

    Anti-pattern::

        EN: The plant, which cost $2bn, opened in May.
        JA: 工場は5月に開業した。

    Better::

        JA: 20億ドルを投じた工場は5月に開業した。
    """

    code = "AL402"
    name = "number-missing"
    category = "number"
    severity = Severity.WARNING
    messages = {k: MESSAGES[k] for k in ("missing", "extra")}

    def check(self, ctx: Context) -> Iterator[Finding]:
        for check in ctx.numbers:
            for mm in check.mismatches:
                if mm.reason == "missing" and mm.en is not None:
                    en_span = check.en.span(mm.en.start, mm.en.end)
                    yield self.finding(
                        Message(mm.message_id, mm.arguments),
                        ja=[p[0] for p in check.ja.pieces],
                        en=[en_span.sentence],
                        spans=[en_span],
                        expected=mm.en.text,
                        data={"reason": mm.reason},
                    )
                elif mm.reason == "extra" and mm.ja is not None:
                    ja_span = check.ja.span(mm.ja.start, mm.ja.end)
                    yield self.finding(
                        Message(mm.message_id, mm.arguments),
                        ja=[ja_span.sentence],
                        en=[p[0] for p in check.en.pieces],
                        spans=[ja_span],
                        data={"reason": mm.reason},
                    )


class LatinMismatch(Rule):
    """A URL, e-mail address, identifier, package, version or alphanumeric that did not pass unchanged.

    Such tokens are copied, never translated or transliterated (as Xbench's URL and
    alphanumeric mismatch checks expect): ``pkg==1.4.2``, ``/v3/``, ``load_config()``, K240.
    The message names the most similar token the Japanese has instead, if any.

    Anti-pattern::

        EN: Install it with pip install quillfold==2.4.1 and call load_config().
        JA: pip install quillfold==2.4.0 でインストールし、read_config() を呼び出す。

    Better::

        JA: pip install quillfold==2.4.1 でインストールし、load_config() を呼び出す。
    """

    code = "AL403"
    name = "latin-mismatch"
    category = "number"
    severity = Severity.ERROR
    messages = {
        "changed": Template(
            "{ja} does not match the English {en} ({kind})", "{ja} が英語の {en}（{kind_ja}）と一致しません"
        ),
        "missing": Template(
            "the English {kind} {en} is missing from the Japanese",
            "英語の{kind_ja} {en} が日本語にありません",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        numbers = {c.bead: c for c in ctx.numbers}
        for check in ctx.latin:
            # Quantities (38C, 5433, v3) are the number rules' business, matched or not.
            nc = numbers.get(check.bead)
            covered = (
                [(m.en.start, m.en.end) for m in nc.matches]
                + [(mm.en.start, mm.en.end) for mm in nc.mismatches if mm.en is not None]
                if nc is not None
                else []
            )
            for tok, cand in check.missing:
                if any(s < tok.end and tok.start < e for s, e in covered):
                    continue
                en_span = check.en.span(tok.start, tok.end)
                kind_ja = _KINDS_JA.get(tok.kind, tok.kind)
                if cand is not None:
                    ja_span = check.ja.span(cand.start, cand.end)
                    message = self.say("changed", ja=cand.text, en=tok.text, kind=tok.kind, kind_ja=kind_ja)
                    spans = [ja_span, en_span]
                    ja_ids = [ja_span.sentence]
                else:
                    message = self.say("missing", en=tok.text, kind=tok.kind, kind_ja=kind_ja)
                    spans = [en_span]
                    ja_ids = [p[0] for p in check.ja.pieces]
                yield self.finding(message, ja=ja_ids, en=[en_span.sentence], spans=spans, expected=tok.text)


#: Latin token kinds (align.lexicon.latin.MUST_PASS) as a Japanese message names them.
_KINDS_JA = {
    "url": "URL",
    "email": "メールアドレス",
    "identifier": "識別子",
    "package": "パッケージ",
    "version": "バージョン",
    "path": "パス",
    "alphanumeric": "英数字",
    "acronym": "略語",
    "variable": "変数",
    "word": "名前",
}

RULES: tuple[type[Rule], ...] = (NumberMismatch, NumberMissing, LatinMismatch)
