"""Japanese sentences that repeat one shortly before them instead of translating anything."""

from __future__ import annotations

from collections.abc import Iterator

from ..messages import Message, Template
from ..model import Finding, Severity
from .base import Context, Rule
from .fixes import delete_sentence_fix, one_deletion_per_repeat
from .restatement import Repeat, RepeatSettings


class Duplicate(Rule):
    """A Japanese sentence with no English counterpart that repeats one of the sentences before it.

    The MT sometimes emits a sentence twice, repeats a clause of the previous sentence
    as a new sentence, or restates an earlier sentence in other words; an editor may
    paste a paragraph twice. Similarity is the highest of sacrebleu's chrF against the
    best-matching window of the other sentence, chrF's character n-gram precision
    against it, and the share of the sentence's content words (UniDic lemmas) the other
    already has. A sentence without English is compared with the ``window`` sentences
    before it and the next one (``min_score``), then with every sentence of the text at
    a stricter threshold (``min_score_far``: a repeated paragraph, however far from its
    original); a sentence the aligner merged into its neighbour's bead with its
    neighbours only (``min_score_aligned``); a one-to-one translation never is. A sentence
    shorter than ``min_chars`` is a repeat only as a verbatim copy (はい。 said twice
    where the English says it once).

    A verbatim copy that the aligner would pair with the next English sentence (shifting
    the pairs after it) is held out of the alignment when the English of the two does not
    say the same thing, so that it is reported here and its neighbour is no omission.

    A reworded repeat is also found by what it translates: when two Japanese sentences
    each render the same English sentence on their own (each covers the English's
    words, names and numbers as well as both together do, and the later one repeats
    the earlier's content), the later one is the repeat, whether the aligner put both
    into one bead or left the later one without English.

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
    #: min_score applies to sentences the aligner left without English and their neighbours;
    #: min_score_far to them and any other sentence; min_score_aligned to sentences that share a
    #: bead with others (a merge can hide a repeat). The record is the analysis' own
    #: (align.rules.restatement), so the addition rule reads the same repeats.
    Options = RepeatSettings
    options: RepeatSettings
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
        # nth as above; gap: how many sentences later.
        "later": Template(
            "repeats the {nth}-next sentence (similarity {score}/100) and translates nothing",
            "{gap}文後の文の繰り返しで、何も訳していません（類似度 {score}/100）",
        ),
        # where: "previous", "second-previous"...; gap: how many sentences back (next: later).
        "restated": Template(
            "restates the {where} sentence in other words: both translate the same English "
            "({score}/100 of its content repeated)",
            "{gap}文前の文と同じ英文を別の言葉で繰り返しています（内容の {score}/100 が重複）",
        ),
        "restated-later": Template(
            "restates the {where} sentence in other words: both translate the same English "
            "({score}/100 of its content repeated)",
            "{gap}文後の文と同じ英文を別の言葉で繰り返しています（内容の {score}/100 が重複）",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        repeats = ctx.repeats(self.options)
        yield from one_deletion_per_repeat(ctx, tuple(self._finding(ctx, r) for r in repeats))

    def _finding(self, ctx: Context, repeat: Repeat) -> Finding:
        seg = ctx.ja.segments[repeat.ja]
        gap = repeat.gap
        where = _where(gap)
        return self.finding(
            self._message(repeat, where),
            ja=[seg.index],
            spans=[ctx.ja_span(seg, 0, len(seg.text))],
            data={"repeats": repeat.of, "chrf": round(repeat.score, 1)},
            fix=delete_sentence_fix(ctx, seg, f"delete the sentence (it repeats the {where} one)"),
        )

    def _message(self, repeat: Repeat, where: str) -> Message:
        gap, said = repeat.gap, f"{repeat.score:.0f}"
        if repeat.how == "restated":
            key = "restated" if gap > 0 else "restated-later"
            return self.say(key, where=where, gap=abs(gap), score=said)
        if gap in (1, -1):
            return self.say("previous" if gap == 1 else "next", score=said)
        if gap < 0:
            return self.say("later", nth=where.removesuffix("-next"), gap=-gap, score=said)
        return self.say("earlier", nth=where.removesuffix("-previous"), gap=gap, score=said)


def _where(gap: int) -> str:
    """Where the repeated sentence is: previous, next, second-previous, 4th-next..."""
    if gap == 1:
        return "previous"
    if gap == -1:
        return "next"
    side, n = ("previous", gap) if gap > 0 else ("next", -gap)
    nth = {2: "second", 3: "third"}.get(n, f"{n}th")
    return f"{nth}-{side}"


RULES: tuple[type[Rule], ...] = (Duplicate,)
