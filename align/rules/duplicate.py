"""Japanese sentences that repeat one shortly before them instead of translating anything."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..messages import Template
from ..model import Finding, Severity
from .base import Context, Rule
from .fixes import delete_sentence_fix, one_deletion_per_repeat
from .options import RuleOptions, bounded

#: sacrebleu's CHRF defaults: character n-grams 1-6, no word n-grams, beta 2, whitespace ignored.
_CHAR_ORDER, _BETA = 6, 2


def _char_ngrams(text: str) -> list[Counter[str]]:
    """sacrebleu.metrics.helpers.extract_all_char_ngrams(text, 6, False)."""
    line = "".join(text.split())
    return [Counter([line[i : i + n] for i in range(len(line) - n + 1)]) for n in range(1, _CHAR_ORDER + 1)]


def _f_score(hyp: list[Counter[str]], ref: list[Counter[str]]) -> float:
    """sacrebleu's sentence chrF from n-gram counts: CHRF._get_match_statistics per order, then
    CHRF._compute_f_score (effective-order smoothing), with the same operations in the same order,
    so that the scores are the same floats.
    """
    eps = 1e-16
    factor = _BETA**2
    avg_prec, avg_rec, effective_order = 0.0, 0.0, 0
    for h, r in zip(hyp, ref, strict=True):
        match_count, hyp_count = 0, 0
        for ng, count in h.items():
            hyp_count += count
            if ng in r:
                match_count += min(count, r[ng])
        n_hyp, n_ref, n_match = (hyp_count if r else 0), sum(r.values()), match_count
        prec = n_match / n_hyp if n_hyp > 0 else eps
        rec = n_match / n_ref if n_ref > 0 else eps
        if n_hyp > 0 and n_ref > 0:
            avg_prec += prec
            avg_rec += rec
            effective_order += 1
    if effective_order == 0:
        avg_prec = avg_rec = 0.0
    else:
        avg_prec /= effective_order
        avg_rec /= effective_order
    if avg_prec + avg_rec:
        score = (1 + factor) * avg_prec * avg_rec
        score /= (factor * avg_prec) + avg_rec
        return 100 * score
    return 0.0


def chrf(candidate: str, reference: str) -> float:
    """sacrebleu's ``CHRF().sentence_score(candidate, [reference]).score``."""
    return _f_score(_char_ngrams(candidate), _char_ngrams(reference))


def _clean(text: str) -> str:
    # chrF ignores whitespace already; punctuation only adds noise at sentence ends.
    return text.strip().rstrip('。．.!?！？」』"')


def ngram_precision(candidate: str, reference: str, orders: tuple[int, ...] = (2, 3, 4)) -> float:
    """Share (0-100) of the candidate's character n-grams found in the reference: chrF's precision."""
    scores = []
    for n in orders:
        cand = Counter(candidate[i : i + n] for i in range(len(candidate) - n + 1))
        ref = Counter(reference[i : i + n] for i in range(len(reference) - n + 1))
        total = sum(cand.values())
        if total:
            scores.append(sum(min(c, ref[g]) for g, c in cand.items()) / total)
    return 100 * sum(scores) / len(scores) if scores else 0.0


#: UniDic parts of speech that carry a sentence's content (what a reworded repeat keeps).
_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})


def _content_lemmas(ctx: Context, j: int) -> frozenset[str]:
    return frozenset(
        t.lemma
        for t in ctx.tokens(j)
        if t.pos1 in _CONTENT and t.pos2 not in ("数詞", "非自立可能") and len(t.lemma) > 1
    )


def _reworded(ctx: Context, j: int, k: int) -> float:
    """How much (0-100) of sentence j's content words (UniDic lemmas) sentence k already has.

    A reworded repeat keeps the content and changes the wording (売り上げ for 販売, a tense),
    which character n-grams miss; a sentence with few content words is not judged this way.
    """
    mine = _content_lemmas(ctx, j)
    if len(mine) < 4:
        return 0.0
    return 100.0 * len(mine & _content_lemmas(ctx, k)) / len(mine)


def repeat_score(candidate: str, neighbour: str) -> float:
    """How much of *candidate* (0-100) repeats *neighbour*.

    The higher of sacrebleu's chrF against the best window of the neighbour (a
    repeated clause of a long sentence) and chrF's n-gram precision against the
    whole neighbour (a repeat with words left out, as when a list of lenders is
    dropped from the repeated sentence).
    """
    cand, ref = _clean(candidate), _clean(neighbour)
    if not cand or not ref:
        return 0.0
    n = len(cand)
    if len(ref) <= n * 1.5:
        windows = [ref]
    else:
        width = int(n * 1.3) + 1
        step = max(1, n // 6)
        windows = [ref[i : i + width] for i in range(0, len(ref) - n // 2, step)]
    # chrF of the candidate against each window, its n-grams counted once (not once a window).
    hyp = _char_ngrams(cand)
    windowed = max(_f_score(hyp, _char_ngrams(w)) for w in windows)
    return max(windowed, ngram_precision(cand, ref))


@dataclass(frozen=True)
class DuplicateOptions(RuleOptions):
    #: Similarity (chrF, 0-100) from which a sentence the aligner left without English repeats another.
    min_score: float = bounded(60.0, 0, 100)
    #: The same for a sentence sharing a bead with others (a merge can hide a repeat).
    min_score_aligned: float = bounded(70.0, 0, 100)
    #: Sentences shorter than this (characters, punctuation left out) are never repeats.
    min_chars: int = bounded(10, 0)
    #: How many sentences back a sentence without English is compared with.
    window: int = bounded(5, 1)


class Duplicate(Rule):
    """A Japanese sentence with no English counterpart that repeats one of the sentences before it.

    The MT sometimes emits a sentence twice, repeats a clause of the previous sentence
    as a new sentence, or restates an earlier sentence in other words. Similarity is
    the highest of sacrebleu's chrF against the best-matching window of the other
    sentence, chrF's character n-gram precision against it, and the share of the
    sentence's content words (UniDic lemmas) the other already has. A sentence without
    English is compared with the ``window`` sentences before it and the next one; a
    sentence the aligner merged into its neighbour's bead with its neighbours only, at
    a stricter threshold (``min_score_aligned``); a one-to-one translation never is.

    Anti-pattern::

        彼は会社を提訴し、契約の取り消しを求めている。彼は、会社を提訴し、契約の取消しを求めている。

    Better::

        彼は会社を提訴し、契約の取り消しを求めている。

    Fix (unsafe): delete the repeated sentence (with its line when it stands alone).
    """

    code = "AL103"
    name = "duplicate"
    category = "duplicate"
    severity = Severity.ERROR
    Options = DuplicateOptions
    options: DuplicateOptions
    messages = {
        "previous": Template(
            "repeats the previous sentence (similarity {score}/100) and translates nothing",
            "直前の文の繰り返しで、何も訳していません（類似度 {score}/100）",
        ),
        "next": Template(
            "repeats the next sentence (similarity {score}/100) and translates nothing",
            "直後の文の繰り返しで、何も訳していません（類似度 {score}/100）",
        ),
        # nth: "second", "third", "4th"... (English only); gap: how many sentences back.
        "earlier": Template(
            "repeats the {nth}-previous sentence (similarity {score}/100) and translates nothing",
            "{gap}文前の文の繰り返しで、何も訳していません（類似度 {score}/100）",
        ),
    }

    @classmethod
    def shared(cls, ctx: Context) -> tuple[Finding, ...]:
        """The duplicates of this pair with the user's options, computed once for all rules."""
        return ctx.memo(
            cls.code, lambda: one_deletion_per_repeat(ctx, tuple(cls.configured(ctx.options)._find(ctx)))
        )

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self.shared(ctx)

    def _find(self, ctx: Context) -> Iterator[Finding]:
        segs = ctx.ja.segments
        for seg in segs:
            if seg.is_metadata or len(_clean(seg.text)) < self.options.min_chars:
                continue
            bead = ctx.bead(ctx.bead_of_ja[seg.index]) if seg.index in ctx.bead_of_ja else None
            if bead is None or not bead.en:
                threshold = self.options.min_score
            elif len(bead.ja) > 1:
                threshold = self.options.min_score_aligned
            else:
                continue  # a 1-1 translation is never a repeat, whatever its neighbours say
            best: tuple[float, int] | None = None
            # The neighbours, and for a sentence without English the several sentences before
            # it: an MT repeats a sentence it has just translated, in other words too.
            back = self.options.window if not (bead and bead.en) else 1
            for k in (*range(seg.index - 1, seg.index - back - 1, -1), seg.index + 1):
                if 0 <= k < len(segs) and not segs[k].is_metadata:
                    score = max(repeat_score(seg.text, segs[k].text), _reworded(ctx, seg.index, k))
                    if score >= threshold and (best is None or score > best[0]):
                        best = (score, k)
            if best is None:
                continue
            score, k = best
            gap = seg.index - k
            where = "previous" if gap == 1 else "next" if gap == -1 else f"{gap}th-previous"
            if gap in (2, 3):
                where = ("second", "third")[gap - 2] + "-previous"
            said = f"{score:.0f}"
            if gap in (1, -1):
                message = self.say("previous" if gap == 1 else "next", score=said)
            else:
                message = self.say("earlier", nth=where.removesuffix("-previous"), gap=gap, score=said)
            yield self.finding(
                message,
                ja=[seg.index],
                spans=[ctx.ja_span(seg, 0, len(seg.text))],
                data={"repeats": k, "chrf": round(score, 1)},
                fix=delete_sentence_fix(ctx, seg, f"delete the sentence (it repeats the {where} one)"),
            )


RULES: tuple[type[Rule], ...] = (Duplicate,)
