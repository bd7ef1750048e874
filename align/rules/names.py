"""One English name or term rendered several ways in the Japanese (found through the alignment)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..lexicon.latin import english_lemmas
from ..messages import Template
from ..model import Document, Finding, Severity, Span
from ..phrases.renderings import TermForms, script_of, usual_scripts
from .base import Context, Rule
from .fixes import name_fix, variant_fix

if TYPE_CHECKING:
    from ..phrases.entities import EnEntity, EntityCheck, JaEntity
    from ..phrases.renderings import Rendering


def places(ja: Document, entry: TermForms, form: str, sentences: Sequence[int]) -> str:
    """Where a form occurs, as 1-based ``line:col`` in the Japanese file, one per sentence.

    Users read positions in their file (as the text output gives them), never sentence
    indexes; a sentence's first occurrence of the form is cited, else its start.
    """
    out = []
    for j in sentences:
        seg = ja.segments[j]
        here = [r for r in entry.renderings if r.ja == j]
        r = next((r for r in here if r.form == form), here[0] if here else None)
        line, col = ja.line_col(seg.start + (r.start if r is not None else 0))
        out.append(f"{line}:{col}")
    return ", ".join(out)


def describe(ja: Document, entry: TermForms) -> str:
    """Every form with its count and places: ``スミス ×6 (2:11, 8:5), スミット ×1 (5:1)``."""
    return ", ".join(
        f"{v.form} ×{v.count} ({places(ja, entry, v.form, v.sentences)})" for v in entry.variants
    )


def is_name_variant(entry: TermForms) -> bool:
    """A person's name, or a name (not a lower-case term) written in katakana only: a
    transliteration problem."""
    if entry.person:
        return True
    return any(r.kind != "term" for r in entry.renderings) and all(
        script_of(v.form) == "katakana" for v in entry.variants
    )


class _VariantRule(Rule):
    #: True for the rule that takes names (persons, katakana-only forms), False for terms.
    names = True
    messages = {
        "variants": Template(
            "{english!r} is rendered {count} ways: {forms}; preferred: {preferred}",
            "「{english}」の表記が{count}通りあります: {forms}。推奨: {preferred}",
        ),
        "unusual": Template(
            "{english!r} is written {form} ({places}); its usual spelling is {usual}",
            "「{english}」が {form} と書かれています（{places}）。通常の表記は {usual} です",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if self.names:
            yield from self._unusual(ctx)
        for entry in ctx.term_forms:
            if len(entry.variants) < 2 or is_name_variant(entry) != self.names:
                continue
            if not self.names and (usual_scripts(entry) or _one_core(ctx, entry)):
                continue  # Twitter and ツイッター: a choice of script at most, no variant
            preferred = entry.preferred.form
            cut = {r.form for r in entry.truncated}
            # Deviant forms first, so that the reported position is a deviant one; cut-short
            # forms are left to truncated-name.
            occurrences = sorted(
                (r for r in entry.renderings if r.form not in cut),
                key=lambda r: (r.form == preferred, r.ja, r.start),
            )
            spans = [ctx.ja_span(ctx.ja.segments[r.ja], r.start, r.end) for r in occurrences]
            yield self.finding(
                self.say(
                    "variants",
                    english=entry.english,
                    count=len(entry.variants),
                    forms=describe(ctx.ja, entry),
                    preferred=preferred,
                ),
                ja=[r.ja for r in occurrences],
                en=[i for r in occurrences for i in r.en],
                spans=spans,
                expected=entry.english,
                preferred=preferred,
                variants=entry.variants,
                fix=variant_fix(ctx, entry, occurrences),
            )

    def _unusual(self, ctx: Context) -> Iterator[Finding]:
        """A name written throughout in a katakana no dictionary knows, a length mark or small
        kana away from its usual spelling (アメーリカ): the variant of the dictionaries' form."""
        for entry in ctx.term_forms:
            if not entry.usual or entry.truncated:
                continue
            form = entry.variants[0].form
            rs = [r for r in entry.renderings if r.form == form]
            yield self.finding(
                self.say(
                    "unusual",
                    english=entry.english,
                    form=form,
                    places=places(ctx.ja, entry, form, entry.variants[0].sentences),
                    usual=entry.usual,
                ),
                ja=[r.ja for r in rs],
                en=[i for r in rs for i in r.en],
                spans=[ctx.ja_span(ctx.ja.segments[r.ja], r.start, r.end) for r in rs],
                expected=entry.english,
                preferred=entry.usual,
                fix=name_fix(
                    ctx,
                    ctx.ja.segments[rs[0].ja],
                    rs[0].start,
                    rs[0].end,
                    entry.usual,
                    False,
                    f"write {entry.usual}",
                )
                if len(rs) == 1
                else None,
            )


class NameVariant(_VariantRule):
    """One English name transliterated several ways in katakana.

    Found through the alignment: each English name is paired, one to one, with the words of
    its aligned sentences that render it with evidence (the sound, e2k's and JMnedict's
    spellings, a romanisation: チョイ for Choi, a reading for kanji). A word that does not
    sound like the name still renders it when it is spelt almost as its rendering elsewhere,
    when it is found with the name bead after bead (a romanised Korean or Chinese name:
    チェ for Choi), or when it is the Japanese written with variant kanji of one reading
    (森沢 / 森澤). Another name in the place of the name is name-substituted's finding (AL205),
    never a variant; a double-barrelled name's half alone is a cut (AL301). The preferred
    form is the most frequent one (ties: the first seen) unless the glossary (``--glossary``)
    says otherwise.

    Anti-pattern::

        EN: Smith said ... Smith added ...
        JA: スミス氏は…と述べた。…スミット氏は…と付け加えた。

    Better::

        JA: スミス氏は…と述べた。…スミス氏は…と付け加えた。

    Fix (safe): every deviant occurrence becomes the preferred form. Unsafe when the
    preferred form only won a tie (first seen) or a deviant form was only inferred from
    the alignment: give the name in ``--glossary`` to decide it.
    """

    code = "AL201"
    name = "name-variant"
    category = "name-variant"
    severity = Severity.ERROR
    names = True


class TermVariant(_VariantRule):
    """One English name or term written in different scripts or translated differently.

    Latin in one place and a coined katakana in another (Acme / アクメ, WidgetPro /
    ウィジェットPro), a transliteration in one place and a translation in another
    (サンライズ / 日の出 for Sunrise; a title 『冬の果樹園』 / 『ウィンター・オーチャード』), or a
    term translated two ways. Not variants: a well-known name in Latin and in the katakana a
    dictionary gives for it (Twitter / ツイッター: a choice of script), Latin forms differing
    in case only, ordinary English words left in the Japanese (untranslated, AL601), and one
    rendering that takes in neighbouring words of its own sentence (土壌採取方法 for "soil
    sampling methods" beside 土壌採取; データ・アナリスト where the sentence says "data analyst").

    Anti-pattern::

        JA: Acme社は…。アクメ社の株価は…。

    Better::

        JA: Acme社は…。Acme社の株価は…。

    Fix: as for AL201 (a gloss that would repeat the preferred form, アクメ(Acme) ->
    Acme, goes too).
    """

    code = "AL202"
    name = "term-variant"
    category = "term-variant"
    severity = Severity.WARNING
    names = False


_EN_WORD = re.compile(r"[A-Za-z]+")


def _common_core(forms: Sequence[str]) -> str:
    """The longest string that every form contains."""
    first = min(forms, key=len)
    for size in range(len(first), 0, -1):
        for at in range(len(first) - size + 1):
            core = first[at : at + size]
            if all(core in f for f in forms):
                return core
    return ""


def _one_core(ctx: Context, entry: TermForms) -> bool:
    """The forms are one rendering of the term with neighbouring words taken in: what a form
    adds to the core all forms share renders words of its own English sentence outside the term
    (機械学習方法 for "machine learning methods", 技術機械学習タイプ for "machine learning types of
    techniques"; データ・アナリスト tied to "data analysis" where the sentence says "data
    analyst"). At most one form left that adds a word of the term itself: no variant. (潜在的交絡因子
    and 潜在的交絡要因 both add "factor", a word of the term: a variant.)"""
    core = _common_core([v.form for v in entry.variants])
    if len(core) < 2:
        return False
    term = {f for w in _EN_WORD.findall(entry.english) for f in english_lemmas(w.lower())}
    kept = 0
    for v in entry.variants:
        english = " ".join(
            ctx.en.segments[i].text for r in entry.renderings if r.form == v.form for i in r.en
        )
        outside = {f for w in _EN_WORD.findall(english) for f in english_lemmas(w.lower())} - term
        if not _explained(v.form.replace(core, " ", 1), outside):
            kept += 1
    return kept < 2


def _explained(rest: str, english: set[str]) -> bool:
    """Every content word of *rest* has a JMdict gloss among the *english* words; *rest* has one."""
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize

    words = [t for t in tokenize(rest) if t.pos1 not in ("補助記号", "助詞", "空白")]
    return bool(words) and all(english & (gloss(t.lemma) | gloss(t.surface)) for t in words)


def _entities(ctx: Context) -> tuple[EntityCheck, ...]:
    """Every bead's names tied across the languages (align.phrases.entities), once per pair."""
    from ..phrases.entities import check_entities

    return ctx.memo("entities", lambda: check_entities(ctx.ja, ctx.en, ctx.alignment))


def _missing(ctx: Context, check: EntityCheck) -> list[EnEntity]:
    """The bead's English names with no rendering, but those the phrase layer renders in the
    bead's Japanese otherwise than by a proper noun left over there: Velocore as 速核, or
    Titanor as ジャイアント (giant), where the text writes the name another way elsewhere,
    is a variant that AL201/AL202 report (one finding per defect). A word the phrase layer
    ties to no other form of the name stays a possible stand-in for it, and a word it found
    only by consensus (教授 of "Professor Brannick" in every bead) renders no name alone."""
    bead = ctx.bead(check.bead)

    def over(r: Rendering, names: Sequence[JaEntity]) -> bool:
        return any(n.sentence == r.ja and n.start < r.end and r.start < n.end for n in names)

    def tied(r: Rendering) -> bool:
        # The rendering of another mention of the name (Python twice in the English, once
        # in the Japanese): it renders that one, not this; nor does it render the name that a
        # letter heads (R Markdown is another name than Markdown).
        return any(
            (t.en.text == r.english or _lettered(t.en.words, r.english))
            and t.sentence == r.ja
            and t.start < r.end
            and r.start < t.end
            for t in check.ties
        )

    by_sentence = ctx.memo("term renderings by sentence", lambda: _renderings_by_sentence(ctx))
    rendered = {
        entry.english
        for j in bead.ja
        for entry, r in by_sentence.get(j, ())
        if not over(r, check.added)
        and not tied(r)
        and (len(entry.variants) >= 2 or r.method != "consensus" and not over(r, check.standins))
    }
    return [e for e in check.missing if e.text not in rendered]


def _lettered(words: Sequence[str], english: str) -> bool:
    """A name headed by a capital letter (R Markdown) and the rest of it (Markdown)."""
    return len(words) > 1 and len(words[0]) == 1 and english in words[1:]


def _renderings_by_sentence(ctx: Context) -> dict[int, list[tuple[TermForms, Rendering]]]:
    """Every rendering of ctx.term_forms by its Japanese sentence: reading all of them for each
    bead with a missing name was quadratic in the length of the text."""
    out: dict[int, list[tuple[TermForms, Rendering]]] = {}
    for entry in ctx.term_forms:
        for r in entry.renderings:
            out.setdefault(r.ja, []).append((entry, r))
    return out


def _pairs(ctx: Context, check: EntityCheck) -> list[tuple[EnEntity, JaEntity]]:
    """The bead's left-over English names and Japanese proper nouns, paired in reading order:
    a name with no rendering and an unexplained name in its bead stand in for each other
    (after the proper nouns, the unexplained words that may stand in a name's place)."""
    missing = _missing(ctx, check)
    pairs = list(zip(missing, check.added, strict=False))
    # A name the Japanese renders in the bead (said twice, rendered once) was not replaced by
    # an ordinary word: a stand-in takes only a name the bead does not render at all.
    tied = {t.en.text for t in check.ties}
    rest = [e for e in missing[len(pairs) :] if e.text not in tied]
    return pairs + list(zip(rest, check.standins, strict=False))


def _en_span(ctx: Context, e: EnEntity) -> Span:
    seg = ctx.en.segments[e.sentence]
    return Span("en", e.sentence, e.start, e.end, seg.text[e.start : e.end])


def _rendered_elsewhere(ctx: Context, english: str) -> str | None:
    """The form the text uses for *english* elsewhere (the preferred one), if any."""
    for entry in ctx.term_forms:
        if entry.english == english:
            return entry.preferred.form
    return None


def _spelling_of(ctx: Context, e: EnEntity, n: JaEntity) -> bool:
    """The phrase layer ties the Japanese name (or a part of it) to the English name (or a word of
    it) with evidence: a spelling close to the name's other renderings, a romanisation, a word
    found with the name bead after bead. One defect, one finding: the variant, not a substitution
    -- where the variant rules report it, that is where the text writes the name another way
    too (a name's only rendering is no variant of anything, and nothing else would report it)."""
    words = {e.text, *e.words}
    several = {entry.english for entry in ctx.term_forms if len(entry.variants) >= 2}
    return any(
        r.ja == n.sentence
        and r.start < n.end
        and n.start < r.end
        and r.english in several
        and (r.english in words or any(r.english.startswith(f"{w}-") for w in words))
        for r in ctx.renderings
    )


class NameSubstituted(Rule):
    """A name of the English replaced by another name in the Japanese.

    The English names X, the bead's Japanese has no rendering of X, and it names something the
    English does not: the translation put another name in X's place. The message names both
    (one finding: no AL206 and AL207 for the same pair). A rendering counts only with evidence
    (the same letters, a katakana word close to X's usual transliteration, a reading or a
    dictionary translation of X, for a name of ordinary words the meanings of two of its words
    at least), and each Japanese span renders at most one English name, by the best total
    (align.phrases.entities). A katakana word that a dictionary glosses as another name
    (アメリカ for "Carlin") never renders X by sound. What may stand in X's place: a proper
    noun nothing explains, else an ordinary word nothing explains (a katakana loanword, a
    name only the dictionaries give, 軽井沢); a name that the phrase layer renders in the bead
    by such a word and writes otherwise elsewhere is a variant (AL201/AL202), not this.

    Anti-pattern::

        EN: Brannick met the mayor of Veltham.
        JA: ホルスト氏はヴェルサム市長と会談した。

    Better::

        JA: ブラニック氏はヴェルサム市長と会談した。

    Fix (unsafe): where the text renders X elsewhere, that form replaces the other name.
    """

    code = "AL205"
    name = "name-substituted"
    category = "name-variant"
    severity = Severity.ERROR
    messages = {
        "substituted": Template(
            "{english!r} is not rendered: the Japanese has {japanese} in its place",
            "「{english}」の訳がなく、代わりに {japanese} があります",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for check in _entities(ctx):
            for e, n in _pairs(ctx, check):
                if _spelling_of(ctx, e, n):
                    continue  # a misspelt or romanised rendering: name-variant reports it
                seg = ctx.ja.segments[n.sentence]
                form = _rendered_elsewhere(ctx, e.text)
                fix = None
                if form and form != n.text:
                    fix = name_fix(ctx, seg, n.start, n.end, form, False, f"write {form}")
                yield self.finding(
                    self.say("substituted", english=e.text, japanese=n.text),
                    ja=[n.sentence],
                    en=[e.sentence],
                    spans=[ctx.ja_span(seg, n.start, n.end), _en_span(ctx, e)],
                    expected=e.text,
                    fix=fix,
                )


class NameMissing(Rule):
    """A name of the English with no rendering in its bead's Japanese.

    Every name of the English (capitalised words and phrases, acronyms, a bare given name
    opening its sentence such as Tom, which UniDic gives as a proper noun in katakana and
    JMdict translates no word by, and in a text that writes names in lower case, the words
    the dictionaries give as names) needs a counterpart in the Japanese: the same letters, a
    transliteration, a reading or a dictionary translation. Fine: a bead whose Japanese
    refers to the name with an anaphor beyond the English's own (同氏, 同社, 彼 where the
    English has no "he" or "the company" for it), a name the text renders in the beads just
    before or in two other beads at least where it opens its clause or is a possessive
    (Japanese leaves a known topic unsaid; not "brings the Brannick method", nor where the
    Japanese sentence opens with a particle: its start was lost with the name; where the name
    opens its English sentence as subject, only a person's, one the Japanese writes with 氏 or
    さん somewhere: Japanese drops a known speaker but restates a product or a company at the
    head of a new sentence), a name the
    English says twice in the bead and the Japanese once (not Markdown beside R Markdown: a
    name a letter heads is another name), a country or capital rendered by what it stands
    for (政府, 国内), and a name the phrase layer renders otherwise (a variant: AL201/AL202).
    A name after a verb in its clause ("you already have Norvex installed") is an object, no
    topic left unsaid, and no name is left unsaid where the Japanese shows the hole it left (an
    adjectival noun's attributive form before a verb: 高度な教えます). Not reported alone: an
    acronym (Japanese often spells it out in a form no dictionary links to it).

    Anti-pattern::

        EN: The study was led by Orlen University.
        JA: この研究は大学が主導した。

    Better::

        JA: この研究はオーレン大学が主導した。
    """

    code = "AL206"
    name = "name-missing"
    category = "omission"
    severity = Severity.WARNING
    messages = {
        "missing": Template(
            "{english!r} has no rendering in the Japanese",
            "「{english}」が訳文にありません",
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for check in _entities(ctx):
            paired = {id(e) for e, _ in _pairs(ctx, check)}
            for e in (e for e in _missing(ctx, check) if id(e) not in paired):
                if e.kind == "acronym":
                    continue
                bead = ctx.bead(check.bead)
                yield self.finding(
                    self.say("missing", english=e.text),
                    ja=bead.ja,
                    en=[e.sentence],
                    spans=[_en_span(ctx, e)],
                    expected=e.text,
                )


class NameAdded(Rule):
    """A proper noun of the Japanese with no counterpart in its bead's English.

    A name in the Japanese (UniDic's proper nouns, a noun before 氏 or さん, a katakana word
    JMdict gives as a name or does not know, a kanji name only the dictionaries give, a Latin
    word) that no word of the English accounts for: the translation added it, or the English
    lost it. A katakana word JMdict knows as an ordinary word (クマ, bear) is no name here, nor a
    Latin word that the English of the bead before or after has (the alignment put it next
    door); a
    name of the beads around renders what the English calls "the probe" unless a name of this
    bead is missing (then it is a substitution, AL205), and unless a dictionary glosses it as
    another name (インド, India, only sounds like a neighbour's "Windows").

    Where the English shows the place of a lost word (a sentence opening with a comma,
    "according to," with nothing after it, "by (ACRONYM)", "of" spaced off the final stop or
    before a bare participle), the bead's longest Japanese noun compound that no English word
    accounts for (no gloss, no sound) is reported too: whatever it is, the English lost it.
    The katakana source of an attribution (Xによると, Xによれば: "according to X") is reported
    when no English word of the bead glosses it or sounds like it, ordinary loanword or not:
    a translation that says who says so where the English does not has added a source.
    Ordinary loanwords and compounds are not reported otherwise: translations add and drop
    them freely (タバコ for "smoke").

    Anti-pattern::

        EN: The festival opens on Friday.
        JA: ヴォルテラ祭は金曜日に開幕する。

    Better::

        EN: The Volterra festival opens on Friday.
    """

    code = "AL207"
    name = "name-added"
    category = "alignment"
    severity = Severity.WARNING
    messages = {
        "added": Template(
            "{japanese} has no counterpart in the English",
            "{japanese} に対応する語が原文にありません",
        ),
        "lost": Template(
            "{japanese} has no counterpart in the English, which lost a word here: {gap!r}",
            "{japanese} に対応する語が原文にありません（原文の語が欠けています: {gap}）",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        reported: set[int] = set()
        for check in _entities(ctx):
            paired = {id(n) for _, n in _pairs(ctx, check)}
            for n in (n for n in check.added if id(n) not in paired):
                seg = ctx.ja.segments[n.sentence]
                reported.add(check.bead)
                yield self.finding(
                    self.say("added", japanese=n.text),
                    ja=[n.sentence],
                    en=ctx.bead(check.bead).en,
                    spans=[ctx.ja_span(seg, n.start, n.end)],
                )
        yield from self._unexplained(ctx, reported)

    def _unexplained(self, ctx: Context, reported: set[int]) -> Iterator[Finding]:
        """Beads with no name finding yet, where a Japanese word that nothing in the English
        accounts for is added all the same: the bead's longest such noun compound where the
        English shows the place of a lost word (english_gap), else the katakana source of an
        attribution (Xによると: "according to" names who says so in the sentence itself)."""
        from ..phrases.entities import english_gap, unexplained_compound, unexplained_source

        for k, bead in enumerate(ctx.alignment.beads):
            if k in reported or not bead.en or not bead.ja:
                continue
            english = ctx.en_text(bead)
            gap = next((g for i in bead.en if (g := english_gap(ctx.en.segments[i].text))), None)
            for j in bead.ja:
                seg = ctx.ja.segments[j]
                lost = unexplained_compound(seg.text, english) if gap is not None else None
                span = lost or unexplained_source(seg.text, english)
                if span is None:
                    continue
                word = seg.text[span[0] : span[1]]
                if lost:
                    message = self.say("lost", japanese=word, gap=gap)
                else:
                    message = self.say("added", japanese=word)
                yield self.finding(message, ja=[j], en=bead.en, spans=[ctx.ja_span(seg, *span)])
                break


RULES: tuple[type[Rule], ...] = (NameVariant, TermVariant, NameSubstituted, NameMissing, NameAdded)
