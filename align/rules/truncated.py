"""Translations cut short: a name cut to a Latin fragment, a sentence cut at a particle, a stub."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..charclass import LATIN
from ..lexicon.translit import fold, is_latin_prefix
from ..messages import Template
from ..model import Finding, Segment, Severity
from .base import Context, Rule
from .fixes import fragment_fix, name_fix, preferred_is_certain
from .options import RuleOptions, bounded

_LATIN = re.compile(f"[{LATIN}][{LATIN}'\\-]*")
# An English word, hyphenated and with an apostrophe inside kept whole (Smith-Jones, O'Neill).
_EN_WORD = re.compile(f"[{LATIN}]+(?:['’-][{LATIN}]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# Honorifics and company suffixes that follow a (possibly cut) name.
_AFTER_NAME = re.compile(r"\s*(?:氏|さん|様|社|会長|社長|判事|CEO)")
_OPENERS = "「『（(【〈《\"'“ 　"
_QUOTE_CLOSERS = ("」", "』", "”", '"')


@lru_cache(maxsize=4096)
def _jmdict_pos(words: str) -> frozenset[str]:
    """Every JMdict part of speech of *words* ("conjunction", "particle", ...)."""
    from ..lexicon.dictionary import jmdict_pos

    return jmdict_pos(words)


@dataclass(frozen=True)
class LatinCut:
    """A Latin fragment of an English name in a Japanese sentence (Kowal 氏 for Kowalski)."""

    ja: int
    start: int
    #: End of the fragment, and of the finding's span (the honorific after it included).
    end: int
    span_end: int
    #: The English names it starts, sorted; the bead's English sentences.
    names: tuple[str, ...]
    en: tuple[int, ...]


def _english_words(text: str) -> set[str]:
    """Every English word folded (case, diacritics), hyphenated words whole and in parts."""
    out = set()
    # Each distinct line once, then each distinct word: a long document repeats its lines and
    # words. (No word spans a line break, and _EN_WORD looks at nothing around its match, so
    # the words of the lines are the words of the text.)
    words = set().union(*(_EN_WORD.findall(line) for line in set(text.split("\n"))))
    for found in words:
        word = fold(found)
        out.add(word)
        out.update(re.split(r"['’-]", word))
    return out


def _word_itself(fragment: str, name: str) -> bool:
    """The English word is the fragment with an ending English adds: ETFs, APIs' (a plural or a
    possessive), APS-based (a compound). An acronym is never cut short into a shorter one."""
    rest = fold(name)[len(fold(fragment)) :]
    if rest[:1] in ("-", "'", "’") or rest in ("s", "es"):
        return True
    return fragment.isupper() and not name.isupper()


def _cuts_in(ctx: Context, seg: Segment, en_words: set[str], min_chars: int) -> Iterator[LatinCut]:
    frags = [m for m in _LATIN.finditer(seg.text) if len(m.group()) >= min_chars]
    if not frags:
        return  # most Japanese sentences have no Latin: their bead's English is not read
    beads = ctx.alignment.beads
    k = ctx.bead_of_ja[seg.index]
    scope = [beads[k]] if beads[k].en else [beads[n] for n in (k - 1, k + 1) if 0 <= n < len(beads)]
    # A possessive is English grammar: Kowalski's is the name Kowalski.
    english = " ".join(ctx.en_text(b) for b in scope)
    names = {_POSSESSIVE.sub("", w) for w in _EN_WORD.findall(english) if w[0].isupper()}
    for m in frags:
        frag = m.group()
        whole = sorted(n for n in names if is_latin_prefix(frag, n) and not _word_itself(frag, n))
        if fold(frag) in en_words:
            # A word of the English (And) is a cut name only in a copy of the name's phrase:
            # "And phone" for "Android phone".
            whole = [n for n in whole if _same_words_after(english, n, seg.text, m.end())]
        if whole:
            tail = _AFTER_NAME.match(seg.text, m.end())
            end = tail.end() if tail else m.end()
            en = tuple(i for b in scope for i in b.en)
            yield LatinCut(seg.index, m.start(), m.end(), end, tuple(whole), en)


def _same_words_after(english: str, name: str, text: str, end: int) -> bool:
    """The Japanese goes on after the fragment with the Latin word that follows the name in the
    English (a phrase copied with its first word cut)."""
    for m in re.finditer(rf"(?<![{LATIN}]){re.escape(name)}(\s+[{LATIN}0-9]+)", english):
        if text.startswith(m.group(1), end):
            return True
    return False


def latin_truncations(ctx: Context, min_chars: int = 2) -> tuple[LatinCut, ...]:
    """Every Latin fragment of a name in the Japanese: a prefix (diacritics folded: Dvoř of Dvořák)
    of a capitalised word of the aligned English (for a sentence without English, of the
    neighbouring beads') that is not itself a word of the English. Computed once per pair: the
    spacing rule leaves a fragment's blanks to this one (one finding per defect)."""

    def compute() -> tuple[LatinCut, ...]:
        en_words = _english_words(ctx.en.text)
        # Whether a text has a Latin fragment at all, once per distinct text (most have none).
        latin: dict[str, bool] = {}
        out: list[LatinCut] = []
        for seg in ctx.ja.segments:
            if seg.is_metadata or seg.index not in ctx.bead_of_ja:
                continue
            has = latin.get(seg.text)
            if has is None:
                has = latin[seg.text] = any(len(m.group()) >= min_chars for m in _LATIN.finditer(seg.text))
            if has:
                out.extend(_cuts_in(ctx, seg, en_words, min_chars))
        return tuple(out)

    return ctx.memo(f"latin-truncations-{min_chars}", compute)


@dataclass(frozen=True)
class TruncatedNameOptions(RuleOptions):
    #: The shortest Latin fragment reported.
    min_chars: int = bounded(2, 1)


class TruncatedName(Rule):
    """A name cut to a Latin fragment: a prefix of an English name of the aligned sentence.

    The English of the sentence's bead (or, for a sentence without English, of
    the neighbouring beads) must contain a longer capitalised word that starts
    with the fragment (diacritics folded: Dvoř of Dvořák), and the fragment itself
    must not occur as an English word. An acronym with an ending (ETF for ETFs,
    APS系 for APS-based) is the word itself, not a cut. The blank between a fragment
    and its honorific is part of this finding, not a separate spacing one (AL702).

    A name cut in katakana is the start of how the text writes the name elsewhere, or of its
    usual spelling (JMnedict's, e2k's): トールマ氏 for Tollemarsh (トールマーシュ), at least two
    morae kept and one missing. A double-barrelled name is one name, so one of its halves
    alone (マーロウ判事 for Marlowe-Grant) is the name cut short, not a variant of it. No cut:
    a word that renders another word of the English (クリスマス of クリスマスシーズン beside
    "Christmas season"), one part transliterated beside the others translated (インド太平洋).

    Anti-pattern::

        EN: Johnson said the deal was fair.
        JA: Johns 氏は、取引は公正だと述べた。

    Better::

        JA: ジョンソン氏は、取引は公正だと述べた。

    Fix (safe): the preferred rendering of the full name (the glossary's, else the text's
    own) replaces the fragment; unsafe when that form is a tie-break, when the fragment
    could start several names, or when the text never renders the name (the English name
    is written then, or for a katakana cut the name's usual spelling).
    """

    code = "AL301"
    name = "truncated-name"
    category = "truncated"
    severity = Severity.ERROR
    Options = TruncatedNameOptions
    options: TruncatedNameOptions
    messages = {
        "latin": Template(
            "{fragment!r} looks like {name!r} cut short",
            "「{fragment}」は「{name}」が途中で切れたもののようです",
        ),
        "katakana": Template(
            "{fragment!r} looks like {preferred!r} ({english}) cut short",
            "「{fragment}」は「{preferred}」（{english}）が途中で切れたもののようです",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cut in latin_truncations(ctx, self.options.min_chars):
            seg = ctx.ja.segments[cut.ja]
            honorific = _AFTER_NAME.match(seg.text, cut.end)
            yield self.finding(
                self.say("latin", fragment=seg.text[cut.start : cut.span_end], name=cut.names[0]),
                ja=[seg.index],
                en=cut.en,
                spans=[ctx.ja_span(seg, cut.start, cut.span_end)],
                expected=cut.names[0],
                fix=fragment_fix(ctx, seg, cut.start, cut.end, honorific, cut.names),
            )
        # Katakana cut short: ペンバー where the text elsewhere writes ペンバートン, or one part of a
        # double-barrelled name (found by the phrase layer, see group_forms).
        for entry in ctx.term_forms:
            preferred = entry.preferred.form
            # A whole form the text never writes is the usual spelling, a guess: no safe fix.
            certain = preferred_is_certain(ctx, entry) and entry.preferred.count > 0
            for r in entry.truncated:
                seg = ctx.ja.segments[r.ja]
                end = r.end
                tail = _AFTER_NAME.match(seg.text, end)
                if tail:
                    end = tail.end()
                yield self.finding(
                    self.say(
                        "katakana",
                        fragment=seg.text[r.start : end],
                        preferred=preferred,
                        english=entry.english,
                    ),
                    ja=[r.ja],
                    en=r.en,
                    spans=[ctx.ja_span(seg, r.start, end)],
                    expected=preferred,
                    preferred=preferred,
                    fix=name_fix(ctx, seg, r.start, r.end, preferred, certain, f"write {preferred}"),
                )


@dataclass(frozen=True)
class TruncatedStartOptions(RuleOptions):
    #: UniDic pos1 / pos1-pos2 values that cannot open a sentence.
    pos: tuple[str, ...] = ("助詞-格助詞", "助詞-接続助詞", "助詞-係助詞", "助動詞")


class TruncatedStart(Rule):
    """A Japanese sentence that begins with a particle or an auxiliary: the MT cut a sentence in two.

    No Japanese sentence starts with が, を, は, て or だ, with or without a comma
    after it (UniDic part of speech of the first token, via fugashi): the
    sentence lost its first half, or is a clause split off the sentence before.

    Openings that JMdict lists as conjunctions but that begin with a particle
    (では、 "well then", でも、, とはいえ) are fine on their own. They are reported
    only when the aligner put the sentence in one bead with the previous Japanese
    sentence against fewer English sentences: one English sentence cut in two.
    Connectives built on an auxiliary (だから, ですから), UniDic conjunctions
    with a comma (が、 "but") and other conjunctions (しかし, また) are fine. A
    quotative と right after a closed quotation is named in the message: a
    reporting clause ("…, she said") split off its quotation. A one-kana
    conjunction with a comma (で、 "and so", が、 "but") is fine after a complete
    sentence, and a fragment after one that breaks off on a noun without end
    punctuation (会議はジュネーブ / で、各国の代表が…): there it is the case
    particle of that noun; the same holds for では、 and でも、, and for the
    connectives of speech made of と, 言う and a noun (ということで、, というわけで、).

    Anti-pattern::

        準備を進めてきた。がさらに複雑になっている。
        計画は順調だと説明した。と、広報担当者は付け加えた。

    Better::

        準備を進めてきたが、その作業はさらに複雑になっている。
        計画は順調だと説明した、と広報担当者は付け加えた。
    """

    code = "AL302"
    name = "truncated-start"
    category = "truncated"
    severity = Severity.ERROR
    Options = TruncatedStartOptions
    options: TruncatedStartOptions
    messages = {
        "start": Template(
            "sentence starts with {token} ({pos}): its beginning is missing",
            "文が「{token}」（{pos}）で始まっています: 文の前半が欠けています",
        ),
        "split-shared": Template(
            "sentence starts with {token} ({pos}) and shares its English with the sentence before: "
            "a clause split off",
            "文が「{token}」（{pos}）で始まり、前の文と同じ英文に対応しています: 節が切り離されています",
        ),
        "split-unfinished": Template(
            "sentence starts with {token} ({pos}) after a sentence that breaks off on a noun: "
            "a clause split off",
            "文が「{token}」（{pos}）で始まり、前の文が名詞で途切れています: 節が切り離されています",
        ),
        "split-quote": Template(
            "sentence starts with {token} ({pos}) and follows a closed quotation: a clause split off",
            "文が「{token}」（{pos}）で始まり、閉じた引用の直後にあります: 節が切り離されています",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        banned = set(self.options.pos)
        # A sentence's opening depends on its text alone: each distinct text once (a long
        # document repeats its sentences).
        openings: dict[str, tuple[Any, tuple[str, str]] | None] = {}
        for seg in ctx.ja.segments:
            if seg.is_metadata:
                continue
            if seg.text not in openings:
                openings[seg.text] = _first_and_opening(ctx.tokens(seg.index), seg.text, banned)
            found = openings[seg.text]
            if found is None:
                continue
            tok, opening = found
            kind, pos = opening
            if kind == "conjunction":
                why = "split-unfinished" if _unfinished(ctx, seg.index) else None
            else:
                why = _split_evidence(ctx, seg.index, kind == "particle" and tok.surface == "と")
                if why is None and kind == "connective" and _unfinished(ctx, seg.index):
                    why = "split-unfinished"
            if kind != "particle" and why is None:
                continue
            yield self.finding(
                self.say(why or "start", token=tok.surface, pos=pos),
                ja=[seg.index],
                en=ctx.bead(ctx.bead_of_ja[seg.index]).en if seg.index in ctx.bead_of_ja else (),
                spans=[ctx.ja_span(seg, tok.start, len(seg.text))],
            )


def _first_and_opening(
    tokens: Sequence[Any], text: str, banned: set[str]
) -> tuple[Any, tuple[str, str]] | None:
    """The first token (opening brackets aside) and the sentence's opening (see _opening), or None."""
    toks = [t for t in tokens if t.surface.strip(_OPENERS)]
    if not toks:
        return None
    opening = _opening(toks, text, banned)
    return None if opening is None else (toks[0], opening)


def _opening(toks: list[Any], text: str, banned: set[str]) -> tuple[str, str] | None:
    """("particle" | "connective" | "conjunction", part of speech) of a sentence's opening, or
    None if it is fine.

    "particle": a particle or auxiliary no sentence starts with. "connective": a conjunction
    opening with a particle (では、, でも、), a fragment only with evidence from the context.
    "conjunction": a one-kana conjunction that is also a particle (で、, が、), a fragment only
    after a sentence that breaks off.
    """
    tok = toks[0]
    glued = len(toks) > 1 and toks[1].pos1 != "補助記号" and toks[1].start == tok.end
    if tok.pos1 == "接続詞":
        # UniDic reads a sentence-initial が or で as a conjunction. Glued to the next word
        # (no comma), a one-kana conjunction is the particle of a cut sentence. With a comma it
        # is the conjunction (が、 "but", で、 "and so") after a complete sentence, even in a
        # bead with it, and the particle after one that breaks off on a noun (see _unfinished).
        if len(tok.surface) != 1:
            return None
        return ("particle", "助詞") if glued else ("conjunction", "助詞")
    pos = f"{tok.pos1}-{tok.pos2}" if tok.pos2 else tok.pos1
    if not ({tok.pos1, pos} & banned):
        return None
    k = 1
    while k < len(toks) and toks[k].pos1 in ("助詞", "助動詞"):
        k += 1
    comma = k < len(toks) and (toks[k].pos2 == "読点" or toks[k].surface in "、，,")
    if tok.pos1 == "助動詞" and (comma or any(t.pos2 == "接続助詞" for t in toks[1:k])):
        return None  # ですから, ですので、: an auxiliary opening a connective expression
    prefixes = [_jmdict_pos(text[tok.start : t.end]) for t in toks[1:4]]
    if tok.pos1 == "助動詞" and any("particle" in p or "conjunction" in p for p in prefixes):
        return None  # なので: JMdict lists the opening as a compound particle or a conjunction
    if any("conjunction" in p for p in prefixes) or _quotative_connective(toks):
        return "connective", pos  # では, とはいえ: a conjunction, but also a particle chain
    return "particle", pos


def _quotative_connective(toks: list[Any]) -> bool:
    """ということで、, というわけで、: と, the verb 言う, a noun and a particle or the copula, then
    a comma. Speech opens a sentence with it ("so", "that's why"), as it does with では、; UniDic
    reads it word by word and JMdict lists only some of its forms (というのは)."""
    return (
        len(toks) >= 5
        and toks[0].surface == "と"
        and toks[1].lemma == "言う"
        and toks[2].pos1 == "名詞"
        and any(t.pos2 == "読点" or t.surface in "、，," for t in toks[3:5])
    )


#: What may end a complete Japanese sentence: end punctuation and closing brackets.
_SENTENCE_END = "。．.！？!?」』）)"
_EN_CLOSERS = "\"'”’)"


def _asks(ja: str, en: str) -> bool:
    """The sentence is a question: its own question mark, or its English's."""
    return ja.rstrip().rstrip("」』）)").endswith(("？", "?")) or en.rstrip().rstrip(_EN_CLOSERS).endswith(
        "?"
    )


def _unfinished(ctx: Context, j: int) -> bool:
    """Whether the Japanese sentence before *j* breaks off on a noun, without end punctuation,
    where its English is a whole sentence: the sentence goes on in *j* (会議はジュネーブ / で、
    各国の代表が…), whose opening で or が is then the case particle of that noun, not a
    conjunction. A heading ends on a noun too, but so does its English."""
    if j == 0 or ctx.ja.segments[j - 1].is_metadata:
        return False
    before = ctx.ja.segments[j - 1].text.rstrip()
    if not before or before.endswith(tuple(_SENTENCE_END)):
        return False
    k = ctx.bead_of_ja.get(j - 1)
    english = ctx.en_text(ctx.bead(k)).rstrip() if k is not None else ""
    if not english.rstrip(_EN_CLOSERS).endswith((".", "!", "?")):
        return False
    toks = [t for t in ctx.tokens(j - 1) if t.surface.strip()]
    return bool(toks) and toks[-1].pos1 in ("名詞", "代名詞")


def _split_evidence(ctx: Context, j: int, quotative: bool) -> str | None:
    """Why sentence *j* reads as a clause split off the sentence before it: the id of
    TruncatedStart's message saying so, or None."""
    if j == 0:
        return None
    k = ctx.bead_of_ja.get(j)
    if k is not None and ctx.bead_of_ja.get(j - 1) == k:
        bead = ctx.bead(k)
        if len(bead.en) < len(bead.ja):
            return "split-shared"
    if quotative and ctx.ja.segments[j - 1].text.rstrip().endswith(_QUOTE_CLOSERS):
        return "split-quote"
    return None


@dataclass(frozen=True)
class TruncatedEndOptions(RuleOptions):
    #: UniDic pos1-pos2 of a last token that cannot end a sentence.
    pos: tuple[str, ...] = ("助詞-格助詞", "助詞-係助詞", "補助記号-読点")
    #: A sentence at least this share of its predicted length is whole whatever its last token.
    max_ratio: float = bounded(0.6, 0)


class TruncatedEnd(Rule):
    """A Japanese sentence that stops after a particle or a comma: its predicate is missing.

    A Japanese sentence ends with its predicate (a verb, an adjective, the copula), with
    a noun (体言止め) or with a sentence-final particle (か, ね, よ). One that ends with a
    case or binding particle (は, が, を, に, で, と, の, も) or with 、 and is also much
    shorter than its English predicts was cut short after its subject or a clause. Decided
    by the UniDic part of speech of the last token and the pair's length ratio (speech,
    with its inverted sentences, ends on particles too, but at full length).

    A topic with は and nothing after it is a question when it has a question mark or
    its English asks one (ご滞在の目的は？ "What is the purpose of your stay?").

    Anti-pattern::

        EN: The chief executive said demand had recovered.
        JA: 最高経営責任者は、

    Better::

        JA: 最高経営責任者は、需要が回復したと述べた。
    """

    code = "AL304"
    name = "truncated-end"
    category = "truncated"
    severity = Severity.ERROR
    Options = TruncatedEndOptions
    options: TruncatedEndOptions
    messages = {
        "end": Template(
            "sentence ends with {token} ({pos}): the rest of it is missing",
            "文が「{token}」（{pos}）で終わっています: 文の後半が欠けています",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        banned = set(self.options.pos)
        # Without a model of this pair, the usual ratio of Japanese to English news (the
        # aligner's starting point, 2.1 English characters per Japanese one).
        ratio = TruncatedShort._ratio(ctx) or 1 / 2.1
        ends: dict[str, Any] = {}
        for seg in ctx.ja.segments:
            if seg.is_metadata or seg.index not in ctx.bead_of_ja:
                continue
            if not ctx.bead(ctx.bead_of_ja[seg.index]).en:
                continue  # an unaligned sentence is the omission/addition rules' business
            if seg.text not in ends:  # its text alone decides: each distinct text once
                ends[seg.text] = _banned_end(ctx.tokens(seg.index), banned)
            last = ends[seg.text]
            if last is None:
                continue
            bead = ctx.bead(ctx.bead_of_ja[seg.index])
            if len(ctx.ja_text(bead)) >= self.options.max_ratio * ratio * len(ctx.en_text(bead)):
                continue
            if last.surface == "は" and _asks(seg.text, ctx.en_text(bead)):
                continue  # 目的は？ "What is the purpose?": Japanese asks with the topic alone
            yield self.finding(
                self.say("end", token=last.surface, pos=f"{last.pos1}-{last.pos2}"),
                ja=[seg.index],
                en=ctx.bead(ctx.bead_of_ja[seg.index]).en,
                spans=[ctx.ja_span(seg, 0, len(seg.text))],
            )


def _banned_end(tokens: Sequence[Any], banned: set[str]) -> Any:
    """The last word of a sentence (final punctuation and closing brackets aside; a comma counts)
    when its part of speech is in *banned* and the sentence has two words at least, else None."""
    toks = [t for t in tokens if t.surface.strip()]
    while toks and toks[-1].pos1 == "補助記号" and toks[-1].pos2 != "読点":
        toks.pop()
    if len(toks) < 2:
        return None
    last = toks[-1]
    return last if f"{last.pos1}-{last.pos2}" in banned else None


@dataclass(frozen=True)
class TruncatedShortOptions(RuleOptions):
    #: A translation shorter than this share of its predicted length is reported.
    max_ratio: float = bounded(0.35, 0)
    #: English sentences shorter than this (characters) are too short to predict a length.
    min_en_chars: int = bounded(60, 0)


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
    Options = TruncatedShortOptions
    options: TruncatedShortOptions
    messages = {
        "short": Template(
            "{got} characters where the English predicts about {expected}",
            "{got}文字しかありません（英文からの予測は約{expected}文字）",
        )
    }

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
            if not bead.ja or en_len < self.options.min_en_chars:
                continue
            expected = en_len * ratio
            got = len(ctx.ja_text(bead))
            if got >= self.options.max_ratio * expected:
                continue
            seg = ctx.ja.segments[bead.ja[-1]]
            yield self.finding(
                self.say("short", got=got, expected=f"{expected:.0f}"),
                ja=bead.ja,
                en=bead.en,
                spans=[ctx.ja_span(seg, 0, len(seg.text))],
            )


RULES: tuple[type[Rule], ...] = (TruncatedName, TruncatedStart, TruncatedEnd, TruncatedShort)
