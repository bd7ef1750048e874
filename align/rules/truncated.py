"""Translations cut short: a name cut to a Latin fragment, a sentence cut at a particle, a stub."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from functools import lru_cache

from ..model import Finding, Severity
from .base import Context, Rule

_LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
# Honorifics and company suffixes that follow a (possibly cut) name.
_AFTER_NAME = re.compile(r"\s*(?:氏|さん|様|社|会長|社長|CEO)")
_OPENERS = "「『（(【〈《\"'“ 　"


@lru_cache(maxsize=4096)
def _conjunction(words: str) -> bool:
    """True when JMdict lists *words* (two or more tokens, e.g. では) as a conjunction."""
    from ..lexicon.dictionary import jamdict

    try:
        result = jamdict().lookup(words, lookup_chars=False, strict_lookup=True)
    except Exception:  # noqa: BLE001 - without the dictionary the rule only loses this exception
        return False
    return any("conjunction" in p for e in result.entries for sense in e.senses for p in sense.pos)


class TruncatedName(Rule):
    """A name cut to a Latin fragment: a prefix of an English name of the aligned sentence.

    The English of the sentence's bead (or, for a sentence without English, of
    the neighbouring beads) must contain a longer capitalised word that starts
    with the fragment, and the fragment itself must not occur as an English word.

    Anti-pattern::

        EN: Johnson said the deal was fair.
        JA: Johns 氏は、取引は公正だと述べた。

    Better::

        JA: ジョンソン氏は、取引は公正だと述べた。
    """

    code = "AL301"
    name = "truncated-name"
    category = "truncated"
    severity = Severity.ERROR
    defaults = {"min_chars": 2}

    def check(self, ctx: Context) -> Iterator[Finding]:
        en_words = {w.lower() for w in _EN_WORD.findall(ctx.en.text)}
        beads = ctx.alignment.beads
        for seg in ctx.ja.segments:
            if seg.is_metadata or seg.index not in ctx.bead_of_ja:
                continue
            k = ctx.bead_of_ja[seg.index]
            scope = [beads[k]] if beads[k].en else [beads[n] for n in (k - 1, k + 1) if 0 <= n < len(beads)]
            names = {w for b in scope for w in _EN_WORD.findall(ctx.en_text(b)) if w[0].isupper()}
            for m in _LATIN.finditer(seg.text):
                frag = m.group()
                if len(frag) < self.config["min_chars"] or frag.lower() in en_words:
                    continue
                whole = sorted(n for n in names if len(n) > len(frag) and n.lower().startswith(frag.lower()))
                if not whole:
                    continue
                end = m.end()
                tail = _AFTER_NAME.match(seg.text, end)
                if tail:
                    end = tail.end()
                yield self.finding(
                    f"{seg.text[m.start() : end]!r} looks like {whole[0]!r} cut short",
                    ja=[seg.index],
                    en=[i for b in scope for i in b.en],
                    spans=[ctx.ja_span(seg, m.start(), end)],
                    expected=whole[0],
                )


class TruncatedStart(Rule):
    """A Japanese sentence that begins with a case particle, a conjunctive particle or an auxiliary.

    No Japanese sentence starts with が, を, て or だ: the MT cut a sentence and lost
    its first half (UniDic part of speech of the first token, via fugashi).

    Connective openings are fine: ですから, だから, では、 (a comma or a
    conjunctive particle follows).

    Anti-pattern::

        準備を進めてきた。がさらに複雑になっている。

    Better::

        準備を進めてきたが、その作業はさらに複雑になっている。
    """

    code = "AL302"
    name = "truncated-start"
    category = "truncated"
    severity = Severity.ERROR
    #: UniDic pos1 / pos1-pos2 values that cannot open a sentence.
    defaults = {"pos": ["助詞-格助詞", "助詞-接続助詞", "助詞-係助詞", "助動詞"]}

    def check(self, ctx: Context) -> Iterator[Finding]:
        banned = set(self.config["pos"])
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            toks = [t for t in ctx.tokens(seg.index) if t.surface.strip(_OPENERS)]
            if not toks:
                continue
            tok = toks[0]
            # UniDic reads a sentence-initial が as the conjunction "but"; that use takes a comma
            # (が、…). A one-kana conjunction glued to the next word is the particle of a cut sentence.
            glued = len(toks) > 1 and toks[1].pos1 != "補助記号" and toks[1].start == tok.end
            particle_like = tok.pos1 == "接続詞" and len(tok.surface) == 1 and glued
            if not particle_like and not ({tok.pos1, f"{tok.pos1}-{tok.pos2}"} & banned):
                continue
            # ですから, ですので、, では、: function words that open a connective expression.
            k = 1
            while k < len(toks) and toks[k].pos1 in ("助詞", "助動詞"):
                k += 1
            chain = toks[1:k]
            comma = k < len(toks) and (toks[k].pos2 == "読点" or toks[k].surface in "、，,")
            if comma or (tok.pos1 == "助動詞" and any(t.pos2 == "接続助詞" for t in chain)):
                continue
            if any(_conjunction(seg.text[tok.start : t.end]) for t in toks[1:4]):
                continue  # では, とはいえ: JMdict lists the opening words as a conjunction
            pos = "助詞" if particle_like else f"{tok.pos1}-{tok.pos2}" if tok.pos2 else tok.pos1
            yield self.finding(
                f"sentence starts with {tok.surface} ({pos}): its beginning is missing",
                ja=[seg.index],
                en=ctx.bead(ctx.bead_of_ja[seg.index]).en if seg.index in ctx.bead_of_ja else (),
                spans=[ctx.ja_span(seg, tok.start, len(seg.text))],
            )


class TruncatedShort(Rule):
    """A translation far shorter than its English predicts, by the pair's length ratio.

    The expected length is the English length times the Japanese/English
    character ratio of the aligner's length model for this pair (without it,
    the median ratio of the one-to-one beads).

    Anti-pattern::

        EN: The company, which was founded in 1990 and employs 4,000 people, said profits rose.
        JA: 同社は述べた。

    Better::

        JA: 1990年に設立され、4000人を雇用する同社は、利益が増加したと述べた。
    """

    code = "AL303"
    name = "truncated-short"
    category = "truncated"
    severity = Severity.WARNING
    defaults = {"max_ratio": 0.35, "min_en_chars": 60}

    @staticmethod
    def _ratio(ctx: Context) -> float | None:
        """Japanese characters per English character: the aligner's length model, else the beads'."""
        # To the 2 decimals this rule has always used (it read them from the signature), so that
        # reading the typed field changes no finding.
        model_ratio = round(ctx.alignment.ratio, 2)
        if model_ratio > 0:
            return 1.0 / model_ratio  # the aligner's ratio is English per Japanese
        ratios = [
            len(ctx.ja_text(b)) / len(ctx.en_text(b))
            for b in ctx.alignment.beads
            if len(b.en) == 1 and len(b.ja) == 1 and ctx.en_text(b)
        ]
        return statistics.median(ratios) if len(ratios) >= 5 else None

    def check(self, ctx: Context) -> Iterator[Finding]:
        ratio = self._ratio(ctx)
        if ratio is None:
            return
        for bead in ctx.alignment.beads:
            en_len = len(ctx.en_text(bead))
            if not bead.ja or en_len < self.config["min_en_chars"]:
                continue
            expected = en_len * ratio
            got = len(ctx.ja_text(bead))
            if got >= self.config["max_ratio"] * expected:
                continue
            seg = ctx.ja.segments[bead.ja[-1]]
            yield self.finding(
                f"{got} characters where the English predicts about {expected:.0f}",
                ja=bead.ja,
                en=bead.en,
                spans=[ctx.ja_span(seg, 0, len(seg.text))],
            )


RULES: tuple[type[Rule], ...] = (TruncatedName, TruncatedStart, TruncatedShort)
