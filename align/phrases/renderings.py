"""Where each English name or term is rendered in its bead's Japanese (the phrase layer's names).

Only the alignment can tell that two katakana spellings render the same English
name: within one bead, each katakana run (split at ・) is paired with the
English name it transliterates best (Hepburn romanisation, JMnedict). A second
pass pairs what is left over: in a bead whose English has exactly one name
that found no rendering and whose Japanese has exactly one katakana word that
explains nothing (not a rendering of another name, not a JMdict translation of
an English word of the bead), the two belong together, however little they
sound alike. The rules (name-variant, term-variant) and the glossary stage both use
:func:`find_renderings` and :func:`group_forms`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..charclass import KANJI, KATAKANA
from ..model import (
    Alignment,
    Bead,
    Document,
    GlossaryEntry,
    RenderingMethod,
    UnitKind,
    Variant,
    VariantStatus,
)

__all__ = ["Rendering", "TermForms", "english_names", "find_renderings", "group_forms", "script_of"]

MIN_TRANSLIT = 0.6
#: The same for a capitalised word seen only at sentence starts (may be an ordinary word).
MIN_WEAK = 0.85

_EN_TOKEN = re.compile(r"[^\W_](?:[\w]|[-.](?=\w))*")
_POSSESSIVE = re.compile(r"['’]s?$")
_LATIN_IN_JA = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:[-.][A-Za-z0-9]+)*")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc\u30fd\u30fe]+")
_HONORIFIC = ("氏", "さん", "様", "会長", "社長", "議員", "大統領", "首相", "判事", "教授", "博士")
_KANJI = re.compile(f"[{KANJI}]")
# The kanji, katakana or Latin run right before a model number (H100 -> エイチ100 or 型100).
_BEFORE_NUMBER = re.compile(f"[{KANJI}{KATAKANA}A-Za-z]{{1,12}}$")
#: A kanji name counts only when its reading spells the English name almost exactly.
MIN_READING = 0.85
_ORG_SUFFIX = ("社", "グループ")
_EN_ORG = re.compile(r"\s+(?:Inc|Corp|Corporation|Ltd|Group|Capital|Holdings|plc|LLC|Bank)\b")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_OPEN_QUOTES = "\"'“‘(["
_LATIN_FULL_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


@dataclass(frozen=True)
class Rendering:
    """One Japanese occurrence rendering an English name or term."""

    english: str
    ja: int
    start: int
    end: int
    form: str
    #: How it was found (see align.model.RenderingMethod).
    method: RenderingMethod
    en: tuple[int, ...] = ()
    #: The English unit's kind (see align.phrases.english).
    kind: UnitKind = "name"


def script_of(form: str) -> str:
    """The script of a Japanese form: latin, katakana, mixed (ウィジェットPro) or kanji."""
    has_latin = bool(re.search(r"[A-Za-z]", form))
    has_kata = bool(_KATAKANA_WORD.search(form))
    if has_latin and has_kata:
        return "mixed"
    if has_latin:
        return "latin"
    if has_kata and not _KANJI.search(form):
        return "katakana"
    return "kanji"


# --- English names ------------------------------------------------------------


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of an English sentence (cached: every name pass reads every sentence)."""
    out = []
    for m in _EN_TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group()) if m.group().endswith(("'s", "’s")) else m.group()
        word = word.rstrip(".-")
        start = m.start()
        if "-" in word and not any(c.isdigit() for c in word):
            # un-American, London-listed: the capitalised part is the name.
            parts = word.split("-")
            caps = [k for k, p in enumerate(parts) if p[:1].isupper()]
            if caps and len(caps) < len(parts):
                k = caps[0]
                start += sum(len(p) + 1 for p in parts[:k])
                word = parts[k]
        if word:
            out.append((start, start + len(word), word))
    return tuple(out)


def _is_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPEN_QUOTES + " ")
    return not before or before.endswith((".", "!", "?", ":"))


def english_names(en: Document, weak: bool = False) -> dict[int, list[tuple[int, int, str]]]:
    """Name-like words per English sentence: (start, end, word), possessives stripped.

    A word is a name when it has a capital or digit after its first letter (iPad,
    MP3), or is capitalised where a sentence does not start and never occurs
    in lower case in the text. A capitalised sentence-initial word is a name if
    it is one elsewhere; with *weak*, the other sentence-initial capitalised
    words (never seen in lower case) are returned instead, as candidates that
    need a close transliteration to count.
    """
    return _names_both(en)[1 if weak else 0]


def _names_both(
    en: Document,
) -> tuple[dict[int, list[tuple[int, int, str]]], dict[int, list[tuple[int, int, str]]]]:
    """english_names(en) and english_names(en, weak=True), from one pass over the sentences."""
    lower = {w for s in en.segments for _, _, w in _tokens(s.text) if w.islower()}
    seen_mid: set[str] = set()
    candidates: dict[int, list[tuple[int, int, str, bool]]] = {}
    for seg in en.segments:
        if seg.is_metadata:
            continue
        row = []
        for s, e, w in _tokens(seg.text):
            inner = w[1:]
            coded = any(c.isupper() or c.isdigit() for c in inner) and any(c.isalpha() for c in w)
            if not (w[0].isupper() or coded) or w.lower() in lower and not coded:
                continue
            if len(w) == 1 and (not w.isupper() or w == "I"):
                continue  # the pronoun I; single capitals such as X stay
            initial = _is_initial(seg.text, s)
            if not initial or coded:
                seen_mid.add(w)
            row.append((s, e, w, initial and not coded))
        candidates[seg.index] = row
    strong: dict[int, list[tuple[int, int, str]]] = {}
    weak: dict[int, list[tuple[int, int, str]]] = {}
    for i, row in candidates.items():
        strong[i] = [(s, e, w) for s, e, w, initial in row if not initial or w in seen_mid]
        weak[i] = [(s, e, w) for s, e, w, initial in row if initial and w not in seen_mid]
    return strong, weak


# --- Japanese candidate words -----------------------------------------------------


def _ja_words(text: str) -> list[tuple[int, int, str]]:
    """Katakana words (full names split at ・ and ＝, Latin suffix kept: ウィジェットPro) and Latin words."""
    from ..lexicon.names import katakana_runs

    out: list[tuple[int, int, str]] = []
    for s, _e, run in katakana_runs(text):
        for m in _KATAKANA_WORD.finditer(run):
            ws, we = s + m.start(), s + m.end()
            latin = _LATIN_IN_JA.match(text, we)
            if latin and not latin.group()[0].islower():
                we = latin.end()
            out.append((ws, we, text[ws:we]))
    taken = [(s, e) for s, e, _ in out]
    for m in _LATIN_IN_JA.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            out.append((m.start(), m.end(), m.group()))
    out.extend(_kanji_names(text))
    return sorted(out)


def _kanji_names(text: str) -> list[tuple[int, int, str]]:
    """Proper nouns written in kanji (UniDic 固有名詞): names whose reading may spell an English name."""
    from ..lexicon.tokens import tokenize

    return [
        (t.start, t.end, t.surface)
        for t in tokenize(text)
        if t.pos2 == "固有名詞" and _KANJI.search(t.surface) and not _KATAKANA_WORD.search(t.surface)
    ]


def _person_suffix(text: str, end: int) -> bool:
    """An honorific or a person's title right after a name (スミス氏, 田中判事)."""
    return text.startswith(_HONORIFIC, end)


def _translit(form: str, english: str) -> float:
    """How well a Japanese word renders an English name (1.0 for a JMnedict reading).

    Latin matches with diacritics folded (Dvorak for Dvořák); katakana is compared with
    e2k's predicted katakana and the sound skeleton (align.lexicon.translit).
    """
    from ..lexicon.translit import fold, katakana_similarity, reading_matches, sound_score

    if script_of(form) == "latin":
        return 1.0 if fold(form) == fold(english) else 0.0
    if script_of(form) == "kanji":
        if not english[:1].isupper() or not english.isalpha():
            return 0.0
        score = reading_matches(form, english)
        return score if score >= MIN_READING else 0.0
    if len(english) == 1:
        return 0.0  # a single capital (X, B) is kept in Latin; katakana is never its rendering
    if script_of(form) == "mixed":
        kana = _KATAKANA_WORD.match(form)
        if kana is None:
            return 0.0
        suffix = form[kana.end() :]
        if not english.lower().endswith(suffix.lower()) or len(english) <= len(suffix):
            return 0.0
        # The shared Latin suffix is strong evidence by itself (ウィジェットPro ~ WidgetPro).
        return 0.5 + 0.5 * katakana_similarity(kana.group(), english[: len(english) - len(suffix)])
    # e2k's prediction knows usual spellings (ワーズワース ~ Wordsworth); the sound skeleton alone
    # still wins where a name is spelt as it sounds, not as it is written (リーズ ~ Leighs).
    return max(katakana_similarity(form, english), sound_score(form, english) - 0.05)


def _english_words(text: str) -> set[str]:
    words = set()
    for _, _, w in _tokens(text):
        low = w.lower()
        words.add(low)
        words.update(low.split("-"))
        for suffix in ("es", "s", "ed", "ing"):
            if low.endswith(suffix) and len(low) > len(suffix) + 3:
                words.add(low[: -len(suffix)])
    return words


def _glossed(form: str, en_words: set[str]) -> bool:
    """True when JMdict translates *form*, or a word of it, by a word of the bead's English.

    データ ~ data; a compound such as テックコングロマリット is looked up word by word.
    """
    from ..lexicon.dictionary import gloss
    from ..lexicon.tokens import tokenize

    # Only dictionary loanwords count as parts: an unknown name splits into noise (良い, ロン...).
    parts = {form} | {
        t.surface
        for t in tokenize(form)
        if len(t.surface) >= 3 and t.lemma == t.surface and t.surface != form
    }
    for part in parts:
        for g in gloss(part):
            if g in en_words or any(len(g) >= 5 and w.startswith(g[:5]) for w in en_words):
                return True
    return False


def _groups(text: str, names: list[tuple[int, int, str]]) -> list[tuple[str, ...]]:
    """Runs of two or more names separated by single spaces (Port Elmwood, Grand Vista)."""
    out: list[tuple[str, ...]] = []
    run: list[tuple[int, int, str]] = []
    for n in names:
        if run and text[run[-1][1] : n[0]] != " ":
            if len(run) > 1:
                out.append(tuple(w for _, _, w in run))
            run = []
        run.append(n)
    if len(run) > 1:
        out.append(tuple(w for _, _, w in run))
    return out


@dataclass
class _Bead:
    bead: Bead
    names: list[str]
    words: list[tuple[int, int, int, str]]  # (ja sentence, start, end, form)
    groups: list[tuple[str, ...]]


def find_renderings(ja: Document, en: Document, alignment: Alignment) -> tuple[Rendering, ...]:
    """Every Japanese occurrence of an English name or term, in document order."""
    # Sentence-initial capitalised words (weak): names only if a close transliteration shows it.
    names_by_sentence, weak_by_sentence = _names_both(en)
    weak = {w for row in weak_by_sentence.values() for _, _, w in row}
    beads: list[_Bead] = []
    for bead in alignment.beads:
        if not bead.en or not bead.ja:
            continue
        names = sorted({w for i in bead.en for _, _, w in names_by_sentence.get(i, [])})
        names += sorted({w for i in bead.en for _, _, w in weak_by_sentence.get(i, [])} - set(names))
        words = [
            (j, s, e, f)
            for j in bead.ja
            if not ja.segments[j].is_metadata
            for s, e, f in _ja_words(ja.segments[j].text)
        ]
        if names and words:
            groups = sorted(
                {g for i in bead.en for g in _groups(en.segments[i].text, names_by_sentence.get(i, []))}
            )
            beads.append(_Bead(bead, names, words, groups))

    from ..lexicon.translit import prefetch

    # The names that meet a katakana word below, predicted in one batch rather than one by one.
    prefetch(
        n
        for b in beads
        if any(_KATAKANA_WORD.search(w[3]) for w in b.words)
        for n in b.names + [" ".join(g) for g in b.groups]
    )
    out: list[Rendering] = []
    leftovers: list[tuple[_Bead, list[str], list[tuple[int, int, int, str]]]] = []
    for b in beads:
        matched: set[str] = set()
        free = []
        # Words of the English other than its names: a katakana word they translate is no name.
        own = {n.lower() for n in b.names}
        common = {
            w
            for w in _english_words(" ".join(en.segments[i].text for i in b.bead.en))
            if not any(n.startswith(w) or w.startswith(n) for n in own)
        }
        # A katakana word translating one part of a compound name (ノード for NodeRED) is no rendering.
        common |= {p.lower() for n in b.names for p in _CAMEL.findall(n) if len(p) < len(n)}
        # Consecutive names (Port Elmwood) are candidates too, for runs written without ・.
        candidates = b.names + [" ".join(g) for g in b.groups]
        best = []
        for *_, form in b.words:
            scored = sorted(((_translit(form, n), n) for n in candidates), key=lambda p: (-p[0], p[1]))
            best.append(scored[0])
        # A name inside a group rendered as one word is taken: ペンキ near "Port Elmwood" is not Port.
        taken = {m for score, n in best if " " in n and score >= MIN_TRANSLIT for m in n.split()}
        last: Rendering | None = None
        for (j, s, e, form), (score, name) in zip(b.words, best, strict=True):
            text = ja.segments[j].text
            if (
                last is not None
                and last.english == name
                and last.ja == j
                and script_of(form) != script_of(last.form)
                and text[last.end : s] in ("(", "（")
            ):
                continue  # ウィジェット(Widget), Widget（ウィジェット）: a gloss in brackets, not a variant
            if script_of(form) == "katakana" and _glossed(form, common):
                continue
            needed = MIN_WEAK if name in weak else MIN_TRANSLIT
            if name in taken and score < 0.9:
                needed = 2.0
            if score >= needed and len(form) > 1 or score == 1.0:
                method: RenderingMethod = "latin" if script_of(form) == "latin" else "translit"
                last = Rendering(name, j, s, e, form, method, b.bead.en)
                out.append(last)
                matched.update(name.split())
            elif script_of(form) == "katakana" or (
                script_of(form) == "kanji" and _person_suffix(ja.segments[j].text, e)
            ):
                free.append((j, s, e, form))
        leftovers.append((b, [n for n in b.names if n not in matched], free))

    known = {r.english for r in out}
    rendered_forms = {r.form for r in out}
    for b, names, free in leftovers:
        # Left-over names must be rendered elsewhere (so they are transliterated names),
        # and not be acronyms, which Japanese often writes in kanji (US -> 米国).
        en_words = _english_words(" ".join(en.segments[i].text for i in b.bead.en))
        names = [n for n in names if n in known and not (n.isupper() and len(n) <= 3)]
        ja_text = "".join(ja.segments[j].text for j in b.bead.ja)
        names = [n for n in names if not _kanji_rendered(n, ja_text)]
        by_reading = [r for n in names for r in _read_as(n, b.bead, ja)]
        if by_reading:
            out.extend(by_reading)
            names = [n for n in names if n not in {r.english for r in by_reading}]
        free = [w for w in free if w[3] not in rendered_forms and not _glossed(w[3], en_words)]
        numbered = [r for n in names for r in _numbered_rendering(n, b.bead, ja, en)]
        if numbered:
            out.extend(numbered)
            continue
        if (
            len(names) == 1
            and len({w[3] for w in free}) == 1
            and not _used_elsewhere(free[0][3], names[0], alignment, ja, en)
        ):
            for j, s, e, form in free:
                out.append(Rendering(names[0], j, s, e, form, "alignment", b.bead.en))
    out.extend(_latin_elsewhere(out, names_by_sentence, ja, alignment))
    out.extend(_full_names(out, ja, en))
    from .terms import term_renderings

    out.extend(term_renderings(ja, en, alignment, out))
    out = [r for r in out if not _in_untranslated(r, ja)]
    return tuple(sorted(out, key=lambda r: (r.ja, r.start, r.english)))


def _in_untranslated(r: Rendering, ja: Document) -> bool:
    """A Latin name inside a clause left in English is that English, not a rendering; so is a
    term copied as ordinary lower-case English words (machine learning): the untranslated rule
    reports it."""
    from ..lexicon.latin import is_ordinary_english
    from .japanese import untranslated_runs

    if script_of(r.form) != "latin":
        return False
    if is_ordinary_english(r.form):
        return True
    return any(
        c.start <= r.start and r.end <= c.end and c.text != r.form
        for c in untranslated_runs(ja.segments[r.ja].text)
    )


def _read_as(name: str, bead: Bead, ja: Document) -> list[Rendering]:
    """A name written with an ordinary kanji word that reads as the name (燕 for a company called
    Tsubame): UniDic's reading of each kanji noun, romanised, against the name; only for names
    left without a rendering, so that the check stays cheap.
    """
    from rapidfuzz.fuzz import ratio

    from ..lexicon.tokens import tokenize
    from ..lexicon.translit import fold, reading_matches, romaji

    if not name.isalpha() or not name[:1].isupper() or len(name) < 3:
        return []
    target = fold(name)
    out = []
    for j in bead.ja:
        for t in tokenize(ja.segments[j].text):
            if t.pos1 != "名詞" or not _KANJI.search(t.surface) or _KATAKANA_WORD.search(t.surface):
                continue
            if ratio(romaji(t.reading), target) < 80 or reading_matches(t.surface, name) < MIN_READING:
                continue
            out.append(Rendering(name, j, t.start, t.end, t.surface, "reading", bead.en))
    return out


def _latin_elsewhere(
    found: Sequence[Rendering],
    names_by_sentence: dict[int, list[tuple[int, int, str]]],
    ja: Document,
    alignment: Alignment,
) -> list[Rendering]:
    """A name left in Latin where the bead's English does not name it ("the brand").

    The word is still that name's rendering when the article renders the name elsewhere:
    otherwise the variant (katakana in one place, Latin in another) goes unseen.
    """
    from ..lexicon.translit import fold

    names = {fold(w): w for row in names_by_sentence.values() for _, _, w in row if len(w) >= 3}
    known = {r.english for r in found}
    taken = {(r.ja, r.start) for r in found}
    out = []
    for bead in alignment.beads:
        for j in bead.ja:
            seg = ja.segments[j]
            if seg.is_metadata:
                continue
            for m in _LATIN_IN_JA.finditer(seg.text):
                name = names.get(fold(m.group()))
                if (
                    name not in known
                    or (j, m.start()) in taken
                    or _bracket_gloss(seg.text, m.start(), m.end())
                ):
                    continue
                out.append(Rendering(name, j, m.start(), m.end(), m.group(), "latin", bead.en))
    return out


def _bracket_gloss(text: str, start: int, end: int) -> bool:
    """The original in brackets next to its rendering: ブリンデル（Brindel） or Brindel（ブリンデル）."""
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    if before in ("(", "（") and after in (")", "）") and start >= 2:
        return bool(
            _KATAKANA_WORD.search(text[start - 2 : start - 1]) or _KANJI.search(text[start - 2 : start - 1])
        )
    return after in ("(", "（") and bool(_KATAKANA_WORD.match(text, end + 1) or _KANJI.match(text, end + 1))


def _full_names(found: Sequence[Rendering], ja: Document, en: Document) -> list[Rendering]:
    """ジョン・スミス for "John Smith": a ・-joined run whose parts render consecutive English names."""
    from ..lexicon.names import katakana_runs

    by_sentence: dict[int, list[Rendering]] = defaultdict(list)
    for r in found:
        by_sentence[r.ja].append(r)
    out = []
    for j, rs in by_sentence.items():
        text = ja.segments[j].text
        # ・-joined katakana runs, and Latin names kept as written with their spaces (a full
        # name left in Latin script inside the Japanese).
        runs = [(s, e, run) for s, e, run in katakana_runs(text) if "・" in run or "＝" in run]
        runs += [(m.start(), m.end(), m.group()) for m in _LATIN_FULL_NAME.finditer(text)]
        for s, e, run in runs:
            parts = sorted((r for r in rs if s <= r.start and r.end <= e), key=lambda r: r.start)
            if len(parts) != len(re.split("[・＝ ]", run)):
                continue
            english = " ".join(r.english for r in parts)
            en_text = " ".join(en.segments[i].text for i in parts[0].en)
            if english in en_text:
                joined: RenderingMethod = (
                    "alignment" if any(r.method == "alignment" for r in parts) else "translit"
                )
                out.append(Rendering(english, j, s, e, run, joined, parts[0].en))
    return out


def _used_elsewhere(form: str, name: str, alignment: Alignment, ja: Document, en: Document) -> bool:
    """True when *form* also occurs where the English lacks *name*: then it is an ordinary word."""
    pattern = re.compile(rf"(?<![\u30a1-\u30fc]){re.escape(form)}(?![\u30a1-\u30fc])")
    for bead in alignment.beads:
        if any(name in en.segments[i].text for i in bead.en):
            continue
        if any(pattern.search(ja.segments[j].text) for j in bead.ja):
            return True
    return False


def _numbered_rendering(name: str, bead: Bead, ja: Document, en: Document) -> list[Rendering]:
    """A product name followed by a model number (Widget 65) and rendered as whatever precedes 65.

    The number survives translation, so the word just before it in the Japanese
    renders the name even when it is translated rather than transliterated.
    """
    out = []
    for i in bead.en:
        m = re.search(re.escape(name) + r"[ -]?(\d+)\b", en.segments[i].text)
        if not m:
            continue
        for j in bead.ja:
            text = ja.segments[j].text
            for k in re.finditer(r"(?<!\d)" + m.group(1) + r"(?!\d)", text):
                run = _BEFORE_NUMBER.search(text[: k.start()])
                if run:
                    out.append(Rendering(name, j, run.start(), run.end(), run.group(), "alignment", bead.en))
    return out


def _kanji_rendered(name: str, ja_text: str) -> bool:
    """True when a JMdict word glossed by *name* occurs in the Japanese (China -> 中国)."""
    from ..lexicon.dictionary import reverse_gloss

    return any(form in ja_text for form in reverse_gloss(name.lower()))


@dataclass(frozen=True)
class TermForms:
    """One English name or term with every Japanese form it takes in the text."""

    english: str
    #: Its renderings in document order.
    renderings: tuple[Rendering, ...]
    #: The distinct forms, preferred first, each with its count and sentences (cut-short forms
    #: are not among them: they are no way of writing the name).
    variants: tuple[Variant, ...]
    #: Renderings that are the preferred form cut short (ペンバー for ペンバートン).
    truncated: tuple[Rendering, ...] = ()
    #: True when the text treats the name as a person's (an honorific, or Mr/Dr/Judge before it).
    person: bool = False

    @property
    def preferred(self) -> Variant:
        return next((v for v in self.variants if v.status == "preferred"), self.variants[0])


#: English titles before a person's name; the prepositive abbreviations come from pysbd's
#: maintained tables (Mr, Dr, Prof...), the rest are titles written out in full.
_EN_TITLES_FULL = ("Lord", "Lady", "Sir", "Dame", "Justice", "Judge", "Mister", "Madam")


@lru_cache(maxsize=1)
def _en_titles() -> frozenset[str]:
    try:
        from pysbd.lang.english import English

        abbreviations = {
            a.strip(".").capitalize()
            for a in English.Abbreviation.PREPOSITIVE_ABBREVIATIONS
            if a not in ("v", "vs", "fig")  # citation marks, not titles
        }
    except (ImportError, AttributeError):  # pragma: no cover - pysbd is a hard dependency
        abbreviations = set()
    return frozenset(abbreviations | set(_EN_TITLES_FULL))


@lru_cache(maxsize=1)
def _title_starts() -> re.Pattern[str]:
    """Where a title followed by a space (Mr, Dr. , Judge ) starts."""
    titles = "|".join(re.escape(t) for t in sorted(_en_titles()))
    return re.compile(rf"\b(?=(?:{titles})\.? )")


_CAP_WORD_SPACE = re.compile(r"[A-Z][\w-]* ")


def _is_word_char(text: str, k: int) -> bool:
    """Whether text[k] is a regex word character (\\w: alphanumeric or _); False out of range."""
    return 0 <= k < len(text) and (text[k].isalnum() or text[k] == "_")


@lru_cache(maxsize=8)
def _after_titles(text: str) -> tuple[int, ...]:
    """Where a name may start right after a title, its optional dot and a space (once per text)."""
    by_first: dict[str, list[str]] = {}
    for title in sorted(_en_titles()):
        by_first.setdefault(title[:1], []).append(title)
    out = []
    for m in _title_starts().finditer(text):
        s = m.start()
        for title in by_first.get(text[s], ()):
            if text.startswith(title, s):
                e = s + len(title)
                q = e + 1 if text[e : e + 1] == " " else e + 2 if text[e : e + 2] == ". " else -1
                if q >= 0:
                    out.append(q)
    return tuple(out)


def _titled(english: str, text: str) -> bool:
    """``re.search(rf"\\b(?:TITLES)\\.? (?:[A-Z][\\w-]* )*{re.escape(english)}\\b", text)``, without
    compiling a pattern of 38 titles for every name (and flushing re's cache of other patterns).

    Every position where such a match could put the name is walked: after a title, its
    optional dot and a space, then after each capitalised word and its space.
    """
    if english not in text:
        return False
    for start in _after_titles(text):
        q = start
        while q >= 0:
            r = q + len(english)
            if text.startswith(english, q) and _is_word_char(text, r - 1) != _is_word_char(text, r):
                return True
            w = _CAP_WORD_SPACE.match(text, q)
            q = w.end() if w else -1
    return False


def _is_person(english: str, rs: Sequence[Rendering], ja: Document | None, en: Document) -> bool:
    if ja is not None and any(_person_suffix(ja.segments[r.ja].text, r.end) for r in rs):
        return True
    return _titled(english, en.text)


def _cut_short(form: str, others: Iterable[str]) -> bool:
    from ..lexicon.translit import is_katakana_prefix

    return script_of(form) == "katakana" and any(
        is_katakana_prefix(form, o) for o in others if o != form and script_of(o) == "katakana"
    )


def _one_part_only(form: str, english: str) -> bool:
    """A double-barrelled name (Smith-Jones) rendered by one of its parts: a name cut short."""
    from ..lexicon.translit import katakana_similarity

    parts = [p for p in english.split("-") if p]
    if len(parts) < 2 or script_of(form) != "katakana" or any(c in form for c in "・＝="):
        return False
    best_part = max(katakana_similarity(form, p) for p in parts)
    return best_part >= 0.8 and best_part > katakana_similarity(form, english) + 0.1


def group_forms(
    renderings: Sequence[Rendering],
    en: Document,
    user_terms: Iterable[GlossaryEntry] = (),
    ja: Document | None = None,
) -> tuple[TermForms, ...]:
    """Renderings grouped per English unit, with the preferred form decided.

    The preferred form is the most frequent (ties: the first seen), unless the user's
    glossary prefers another; the other forms are deprecated. A form that is another form
    cut short is kept apart as truncated, and kanji spellings with one reading (渡辺, 渡邊)
    count as one form. A given name that the English only uses inside a full name is
    folded into the full name's group.
    """
    from ..lexicon.translit import same_name_kanji

    approved = {e.english.lower(): e for e in user_terms}
    by_name: dict[str, list[Rendering]] = defaultdict(list)
    for r in renderings:
        by_name[r.english].append(r)
    for english in _parts_of_full_names(by_name, en):
        del by_name[english]
    out = []
    for english in sorted(by_name, key=lambda n: (by_name[n][0].ja, by_name[n][0].start, n)):
        rs = by_name[english]
        forms = list(dict.fromkeys(r.form for r in rs))
        short = {f for f in forms if _cut_short(f, forms) or _one_part_only(f, english)}
        # One name in two kanji spellings with the same reading is one form (the first seen).
        same: dict[str, str] = {}
        for k, f in enumerate(forms):
            if script_of(f) == "kanji":
                same[f] = next((g for g in forms[:k] if script_of(g) == "kanji" and same_name_kanji(f, g)), f)
        kept = [r for r in rs if r.form not in short]
        if english.isupper() and " " not in english and any(r.method == "bracket" for r in kept):
            # An acronym kept as itself beside its translated name (宇宙機構（JSA）, later JSA)
            # is the usual way to write it: only the translated names can disagree.
            translated = [r for r in kept if r.form != english]
            kept = translated or kept
        if not kept:
            kept, short = list(rs), set()
        counts = Counter(same.get(r.form, r.form) for r in kept)
        first = {f: min(k for k, r in enumerate(kept) if same.get(r.form, r.form) == f) for f in counts}
        order = sorted(counts, key=lambda f: (-counts[f], first[f]))
        user = approved.get(english.lower())
        preferred = user.preferred.form if user and user.preferred else order[0]
        variants = []
        for f in sorted(counts, key=lambda f: (f != preferred, -counts[f], first[f])):
            status: VariantStatus = "preferred" if f == preferred else "deprecated"
            sentences = tuple(sorted({r.ja for r in kept if same.get(r.form, r.form) == f}))
            variants.append(Variant(f, counts[f], status, sentences))
        truncated = tuple(r for r in rs if r.form in short)
        person = _is_person(english, rs, ja, en)
        out.append(TermForms(english, tuple(rs), tuple(variants), truncated, person))
    return tuple(out)


def _count_alone(word: str, text: str) -> int:
    """``len(re.findall(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text))``, without a pattern per word."""

    def joins(k: int) -> bool:
        return _is_word_char(text, k) or (0 <= k < len(text) and text[k] == "-")

    count, pos = 0, 0
    while (p := text.find(word, pos)) >= 0:
        if not joins(p - 1) and not joins(p + len(word)):
            count += 1
            pos = p + len(word)  # findall goes on after a match, past its text
        else:
            pos = p + 1
    return count


def _parts_of_full_names(by_name: dict[str, list[Rendering]], en: Document) -> list[str]:
    """Single words (a given name) that the English only uses inside a full name with its own entry.

    Such an entry repeats part of the full name's entry and only adds noise to a CAT glossary.
    """
    full = [n for n in by_name if " " in n]
    out = []
    for word in by_name:
        if " " in word or not any(word in f.split() for f in full):
            continue
        alone = _count_alone(word, en.text)
        inside = sum(_count_alone(f, en.text) for f in full if word in f.split())
        if alone <= inside:
            out.append(word)
    return out
