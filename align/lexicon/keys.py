"""Lexical keys: what a sentence says, as strings both languages share, and how much of it
another sentence says too (coverage).

Keys are matched across the languages: English word stems against the stems of the JMdict
glosses of Japanese content words (and UniDic's loanword origins), the quantity grammar's
number keys (values and kinds), Latin tokens (H100, GPT-4), and the sound keys of a name
shared by a capitalised English word and its katakana / proper-noun reading. Each side weighs
its keys by inverse sentence frequency, so "the" or する count for little.

The aligner builds its matrices from these keys (align.aligner.features), and the rules judge
repeats with the same keys and the same coverage (align.rules.restatement): every form the
aligner uses as evidence is the one the rules use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from ..charclass import KATAKANA
from ..model import Document
from .memo import IdentityMemo
from .stopwords import content_words
from .tokens import Token, document_tokens, tokenize

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_KATAKANA = re.compile(f"^[{KATAKANA}・]+$")
_KATAKANA_WORD = re.compile(f"^[{KATAKANA}]+$")
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "連体詞"})
#: Stem length (light suffix stripping, then prefix truncation), and the number of distinct
#: gloss stems past which a Japanese word is too vague to count: the aligner's defaults.
STEM, MAX_KEYS = 5, 40
#: Weight of each of a name's sound keys (_name_keys) against an ordinary key: together they
#: weigh about what one skeleton did, so a name counts no more for having several readings.
SOUND_KEY_WEIGHT = 0.5


def key_weight(key: str) -> float:
    """What an English key weighs against an ordinary one (before its idf)."""
    return SOUND_KEY_WEIGHT if key[0] in "~^" else 1.0


@lru_cache(maxsize=500_000)
def stem_word(word: str, size: int) -> str:
    """Light suffix stripping (works/worked/working -> work), then prefix truncation."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w[:size]


@lru_cache(maxsize=200_000)
def _skeleton_keys(latin: str) -> tuple[str, ...]:
    """Sound keys of a capitalised English word (see _name_keys)."""
    from .translit import phonetic_key

    return _name_keys(phonetic_key(latin, kana=False))


@lru_cache(maxsize=200_000)
def _kana_skeleton_keys(kana: str) -> tuple[str, ...]:
    """Sound keys of a katakana word or a proper noun's reading (see _name_keys)."""
    from .translit import phonetic_key, romaji

    return _name_keys(phonetic_key(romaji(kana), kana=True))


#: Consonants of a name's sound key that katakana often leaves unwritten: an r or l after a
#: vowel (Wendersohn -> ウェンダーソン, Torvane -> トーヴェイン) and h.
_SILENT = re.compile(r"[aeiouh]+[rl](?![aeiou])|[aeiouh]")
#: m before b or p is katakana's ン (Ambrel -> アンブレル); a doubled consonant is one sound.
_NASAL = re.compile(r"m([bp])")
_DOUBLE = re.compile(r"(.)\1+")


def _name_keys(key: str) -> tuple[str, ...]:
    """A name's consonant skeleton, the skeleton without the r/l that katakana drops after a
    vowel, and the first three consonants of the latter.

    Each key is partial evidence: a rendering with the name's sounds matches the first, a
    non-rhotic one (ウェンダーソン) the second, and a variant or a truncated rendering that keeps the
    name's start (ウェンダー氏, ヴェンデルゾン) still the third, so the defect does not take its
    sentence out of its bead. w, b and v are one sound (ヴ, ウ and ブ all write a foreign w/v), and
    so are m and n before b or p.
    """
    key = _NASAL.sub(r"n\1", key.replace("w", "b").replace("v", "b"))
    full = _DOUBLE.sub(r"\1", re.sub(r"[aeiouh]", "", key))
    rless = _DOUBLE.sub(r"\1", _SILENT.sub("", key))
    out = []
    for k in (full, rless):
        if len(k) >= 3 and "~" + k not in out:
            out.append("~" + k)
    if len(rless) >= 3:
        out.append("^" + rless[:3])
    return tuple(out)


@lru_cache(maxsize=1)
def _dictionary() -> ModuleType:
    """The JMdict index module, imported on first use and looked up once: an import statement
    in the per-word functions below cost about 2 us a call (20k calls on 20k sentences)."""
    from . import dictionary

    return dictionary


@lru_cache(maxsize=1)
def _translit() -> ModuleType:
    """The transliteration module, imported on first use (as _dictionary)."""
    from . import translit

    return translit


@lru_cache(maxsize=100_000)
def _gloss_keys(form: str, stem: int) -> tuple[str, ...]:
    """Stems of the JMdict gloss words of a form (cached: the same lemmas recur in every text)."""
    out: list[str] = []
    for w in _dictionary().gloss_words(form):
        out.append(stem_word(w, stem))
        if "-" in w:
            # "end-of-year", "long-term": the English writes the parts as words of their own.
            out.extend(stem_word(part, stem) for part in w.split("-") if len(part) > 2)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _quantities() -> ModuleType:
    """The quantity grammar, imported on first use (its import is not free) and looked up once,
    not per sentence."""
    from . import quantities

    return quantities


def en_keys(text: str, stem: int) -> list[str]:
    """Every key of an English sentence, in order (repeats included)."""
    q_mod = _quantities()
    keys = []
    for w in _EN_WORD.findall(text):
        keys.append(stem_word(w, stem))
        if w[0].isupper() and len(w) >= 3:
            keys.extend(_skeleton_keys(w))
    for q in q_mod.en_quantities(text):
        keys.extend(k for group in q_mod.number_keys(q) for k in group)
        kind = q_mod.kind_key(q)
        if kind:
            keys.append(kind)
    return keys


def ja_units(
    text: str, stem: int, max_keys: int = 1000, tokens: Sequence[Token] | None = None
) -> list[tuple[str, list[str]]]:
    """(unit name for weighting, its keys) for every content token and quantity of a sentence
    (its tokens, when the caller has them: a document's are parsed once)."""
    q_mod = _quantities()
    units: list[tuple[str, list[str]]] = []
    run: list[tuple[str, int | None]] = []  # the katakana tokens just read: (surface, unit)
    known = _UNITS.setdefault((stem, max_keys), {})
    if len(known) >= _MAX_UNITS:
        known.clear()
    for t in tokenize(text) if tokens is None else tokens:
        # What a token gives depends on these fields alone, and a document's words recur.
        word = (t.surface, t.lemma, t.pos1, t.pos2, t.origin, t.pron)
        found = known.get(word)
        if found is None:
            found = known[word] = (_token_unit(t, stem, max_keys), bool(_KATAKANA_WORD.match(t.surface)))
        unit, katakana = found
        if unit is not None:
            units.append((unit[0], list(unit[1])))
        if katakana:
            run.append((t.surface, len(units) - 1 if unit is not None else None))
        elif run:
            _join_katakana(run, units)
            run = []
    _join_katakana(run, units)
    # One unit per fact a quantity states, named by its first key (its value as written),
    # and one unit for its kind: a changed number is still partial evidence for its bead.
    for q in q_mod.ja_quantities(text):
        units.extend((group[0], list(group)) for group in q_mod.number_keys(q))
        kind = q_mod.kind_key(q)
        if kind:
            units.append((kind, [kind]))
    return units


#: (stem, max_keys) -> a token's (surface, lemma, pos1, pos2, origin, pron) -> (_token_unit's
#: answer, whether the surface is a katakana word): 200k tokens of 20k sentences are about 12k
#: distinct words (cleared when it grows large).
_UNITS: dict[tuple[int, int], dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]] | None, bool]]] = {}
_MAX_UNITS = 1 << 16


def _token_unit(t: Token, stem: int, max_keys: int) -> tuple[str, tuple[str, ...]] | None:
    """(unit name, keys) of one token, or None for a function word or a vague one."""
    surface = t.surface
    if surface.isascii():
        if _LATIN.fullmatch(surface) and not surface.isdigit():
            return surface.lower(), (stem_word(surface, stem),)
        return None
    if t.pos1 not in _CONTENT_POS or t.pos2 in ("数詞", "非自立可能"):
        return None
    keys = _word_keys(surface, t.lemma, t.origin, t.pron if t.pos2 == "固有名詞" else "", stem, max_keys)
    return (t.lemma, keys) if keys else None


@lru_cache(maxsize=200_000)
def _word_keys(
    surface: str, lemma: str, origin: str, name_pron: str, stem: int, max_keys: int
) -> tuple[str, ...]:
    """The keys of a content word (none when it has more than max_keys: a vague word, 事 or 物,
    that matches anything). Cached: the same words recur in every text."""
    keys = list(_gloss_keys(lemma if _dictionary().has_gloss(lemma) else surface, stem))
    if origin:
        keys.extend(stem_word(w, stem) for w in _EN_WORD.findall(origin))
    if _KATAKANA.match(surface):
        keys.extend(_kana_skeleton_keys(surface))
    elif name_pron:
        keys.append(stem_word(_translit().romaji(name_pron), stem))
        keys.extend(_kana_skeleton_keys(name_pron))
    return tuple(keys) if len(keys) <= max_keys else ()


def _join_katakana(run: list[tuple[str, int | None]], units: list[tuple[str, list[str]]]) -> None:
    """Give the pieces of a katakana word the sound key of the whole word.

    UniDic cuts a name it does not know into pieces (エルシン -> エル + シン) whose keys match
    nothing; the whole run's skeleton matches the English name. The key joins each piece's
    unit, or a unit of its own when no piece has one.
    """
    if len(run) < 2:
        return
    word = "".join(surface for surface, _ in run)
    keys = _kana_skeleton_keys(word)
    if not keys:
        return
    pieces = [u for _, u in run if u is not None]
    for u in pieces:
        units[u][1].extend(keys)
    if not pieces:
        units.append((word, list(keys)))


# --- a document pair's keys, weighted --------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PairKeys:
    """The keys of every sentence of a document pair, as the aligner and the rules read them.

    Metadata lines (出典:...) have none. Weights are inverse sentence frequencies over the
    document, log(1 + n / df): of each distinct English key (times key_weight), and of each
    Japanese unit's name (its lemma, or a number's first key).
    """

    en: tuple[tuple[str, ...], ...]  # distinct keys of each en sentence, in first-seen order
    ja: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]  # (unit name, its keys) per ja unit
    en_idf: dict[str, float]
    ja_idf: dict[str, float]
    #: Content words (no stop words) of each en sentence: how much its translation should share.
    en_content: tuple[int, ...]


#: Pairs still alive: the aligner builds their keys, the rules read the same ones.
_PAIRS: IdentityMemo[PairKeys] = IdentityMemo()


def pair_keys(en: Document, ja: Document, stem: int, max_keys: int) -> PairKeys:
    """The keys of a document pair, computed once while both documents live."""
    return _PAIRS.get((en, ja), (stem, max_keys), lambda: _build(en, ja, stem, max_keys))


def _build(en: Document, ja: Document, stem: int, max_keys: int) -> PairKeys:
    # A row depends on the sentence's text alone (its tokens too: document_tokens parses each
    # distinct text once), so a repeated sentence shares its row: a long document repeats its
    # sentences, and a row per sentence was the largest part of its memory before alignment.
    en_row: dict[str, tuple[str, ...]] = {}
    ja_row: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for s in en.segments:
        if not s.is_metadata and s.text not in en_row:
            en_row[s.text] = tuple(dict.fromkeys(en_keys(s.text, stem)))
    en_rows = tuple(() if s.is_metadata else en_row[s.text] for s in en.segments)
    tokens = document_tokens(ja)
    for s in ja.segments:
        if not s.is_metadata and s.text not in ja_row:
            units = ja_units(s.text, stem, max_keys, tokens[s.index])
            ja_row[s.text] = tuple((name, tuple(keys)) for name, keys in units)
    ja_rows = tuple(() if s.is_metadata else ja_row[s.text] for s in ja.segments)
    return PairKeys(
        en=en_rows,
        ja=ja_rows,
        en_idf=_idf(_shared_rows(en_rows, set), len(en)),
        ja_idf=_idf(_shared_rows(ja_rows, lambda row: {name for name, _ in row}), len(ja)),
        en_content=_content_counts(en),
    )


def _content_counts(en: Document) -> tuple[int, ...]:
    """content_words of each en sentence (0 for metadata), once per distinct text."""
    counts: dict[str, int] = {}
    out = []
    for s in en.segments:
        if s.is_metadata:
            out.append(0)
            continue
        k = counts.get(s.text)
        if k is None:
            k = counts[s.text] = content_words(s.text)
        out.append(k)
    return tuple(out)


def _shared_rows(rows: Sequence[Any], keys: Callable[[Any], set[str]]) -> list[tuple[set[str], int]]:
    """(keys of the row, how many rows share it) per distinct row object, in first-seen order:
    a repeated text shares its row, and its keys are counted once per occurrence all the same."""
    count: dict[int, int] = {}
    first: dict[int, Any] = {}
    for row in rows:
        at = id(row)
        if at in count:
            count[at] += 1
        else:
            count[at] = 1
            first[at] = row
    return [(keys(first[at]), k) for at, k in count.items()]


def _row_ids(rows: Sequence[object]) -> list[int]:
    """A number per row, the same for the same row object (a repeated text shares its row)."""
    ids: dict[int, int] = {}
    return [ids.setdefault(id(row), len(ids)) for row in rows]


def _idf(rows: Iterable[tuple[set[str], int]], n: int) -> dict[str, float]:
    """log(1 + n / df) per key, from (keys, rows holding them) (see _shared_rows)."""
    df: dict[str, int] = {}
    for row, times in rows:
        for key in row:
            df[key] = df.get(key, 0) + times
    total = max(n, 1)
    return {key: math.log1p(total / d) for key, d in df.items()}


#: (keys, weight) of each unit of a Japanese sentence.
Units = list[tuple[frozenset[str], float]]

#: A sentence with fewer keys (en) or units (ja) than this gives no evidence of coverage:
#: a short sentence shares nothing with its translation as often as not.
MIN_KEYS = 5
#: A sentence with this many content words (en: no stop words; ja: units) that its bead covers
#: at most UNCOVERED is not rendered there: true translations almost never do that (0 of 200
#: n-1 beads' English, 1% of 1-1 beads', in the corpora's gold alignments).
MIN_CONTENT, UNCOVERED = 3, 0.15


@dataclass
class Coverage:
    """How much of a sentence's key weight other sentences have: the plain share, no prior."""

    keys: PairKeys
    #: Sentences with fewer keys (en) than this are not judged (None).
    min_keys: int = MIN_KEYS
    #: The same for a Japanese sentence's units (content words: fewer say as much).
    min_units: int = MIN_KEYS
    #: Per text (see text_ids): an English sentence's weights, a Japanese one's units and keys.
    _en: dict[int, dict[str, float]] = field(default_factory=dict)
    _ja: dict[int, list[tuple[frozenset[str], float]]] = field(default_factory=dict)
    _ja_all: dict[int, frozenset[str]] = field(default_factory=dict)
    #: Per sentence, the number of its text (en, ja): a row depends on the text alone.
    #: (Shared by the copies that dataclasses.replace makes, like the memos above.)
    _text_ids: list[tuple[list[int], list[int]]] = field(default_factory=list)
    #: number_values, once (a list of one list, shared like _text_ids).
    _number_values: list[list[int]] = field(default_factory=list)
    #: The shares already computed, per (which, sentence's text, other side's texts): a long
    #: document repeats its sentences, and the repair pass asks the same bead again and again.
    _shares: dict[tuple[int, int, tuple[int, ...]], float | None] = field(default_factory=dict)

    def en(self, i: int) -> dict[str, float]:
        """Key -> weight of English sentence i."""
        # Kept per text: a long document repeats its sentences, and a repeated text shares
        # its row of keys (text_ids).
        t = self.text_ids()[0][i]
        keys = self._en.get(t)
        if keys is None:
            idf = self.keys.en_idf
            keys = self._en[t] = {k: idf[k] * key_weight(k) for k in self.keys.en[i]}
        return keys

    def ja_units(self, j: int) -> list[tuple[frozenset[str], float]]:
        """(keys, weight) of each unit (content word, quantity) of Japanese sentence j."""
        t = self.text_ids()[1][j]
        units = self._ja.get(t)
        if units is None:
            idf = self.keys.ja_idf
            units = self._ja[t] = [(frozenset(keys), idf[name]) for name, keys in self.keys.ja[j] if keys]
        return units

    def ja_units_once(self, j: int) -> list[tuple[frozenset[str], float]]:
        """ja_units(j) without keeping it: a test asked once of every sentence of a long text
        would otherwise keep a row of frozensets per sentence (hundreds of MB at 200k)."""
        units = self._ja.get(self.text_ids()[1][j])
        if units is None:
            idf = self.keys.ja_idf
            units = [(frozenset(keys), idf[name]) for name, keys in self.keys.ja[j] if keys]
        return units

    def ja_keys(self, j: int) -> frozenset[str]:
        """Every key of Japanese sentence j."""
        t = self.text_ids()[1][j]
        found = self._ja_all.get(t)
        if found is None:
            found = self._ja_all[t] = frozenset().union(*(k for k, _ in self.ja_units(j)))
        return found

    def numbers(self, i: int) -> tuple[frozenset[str], int]:
        """The number keys of English sentence i (values and "#~" kinds), and how many values."""
        keys = frozenset(k for k in self.keys.en[i] if k.startswith("#"))
        return keys, sum(1 for k in keys if not k.startswith("#~"))

    def number_values(self) -> list[int]:
        """Per English sentence, how many number values it has (numbers' second part)."""
        if not self._number_values:
            per_row: dict[int, int] = {}
            out = []
            for row in self.keys.en:
                c = per_row.get(id(row))
                if c is None:
                    c = per_row[id(row)] = sum(1 for k in row if k.startswith("#") and not k.startswith("#~"))
                out.append(c)
            self._number_values.append(out)
        return self._number_values[0]

    def uncovered_en(self, i: int, ja: Iterable[int], near: Iterable[int] = ()) -> bool:
        """English sentence i says enough (MIN_CONTENT) and ``ja`` renders at most UNCOVERED of
        it, or none of its numbers (two or more: the most literal facts a translation keeps)
        while the Japanese sentences ``near`` do not have them either."""
        keys = self.en(i)
        total = sum(keys.values())
        if total <= 0 or self.keys.en_content[i] < MIN_CONTENT:
            return False
        found = frozenset().union(*(self.ja_keys(j) for j in ja))
        numbers, values = self.numbers(i)
        if values >= 2 and not numbers & found.union(*(self.ja_keys(j) for j in near)):
            return True
        return sum(w for k, w in keys.items() if k in found) / total <= UNCOVERED

    def uncovered_ja(self, j: int, en: Iterable[int]) -> bool:
        """Japanese sentence j says enough (MIN_CONTENT units) and no key of any unit is in the
        English sentences ``en``: nothing at all (1 in 400 of the gold's split translations)."""
        units = self.ja_units(j)
        if len(units) < MIN_CONTENT:
            return False
        found: set[str] = set()
        for i in en:
            found.update(self.keys.en[i])
        return all(keys.isdisjoint(found) for keys, _ in units)

    def text_ids(self) -> tuple[list[int], list[int]]:
        """Per sentence (en, ja), a number shared by the sentences with the same row of keys."""
        if not self._text_ids:
            self._text_ids.append((_row_ids(self.keys.en), _row_ids(self.keys.ja)))
        return self._text_ids[0]

    def cover_en(self, i: int, ja: Iterable[int]) -> float | None:
        """Share of English sentence i's weight found in the Japanese sentences ``ja``."""
        keys = self.en(i)
        if len(keys) < self.min_keys:
            return None
        ja = tuple(ja)
        en_ids, ja_ids = self.text_ids()
        memo = (0, en_ids[i], tuple([ja_ids[j] for j in ja]))
        if memo in self._shares:
            return self._shares[memo]
        total = sum(keys.values())
        share = None
        if total > 0:
            found = frozenset().union(*(self.ja_keys(j) for j in ja))
            share = sum(w for k, w in keys.items() if k in found) / total
        self._shares[memo] = share
        return share

    def cover_ja(self, j: int, en: Iterable[int]) -> float | None:
        """Share of Japanese sentence j's unit weight with a key in the English sentences ``en``."""
        return self.memo_units(1, j, self.ja_units, en)

    def memo_units(
        self, which: int, j: int, units: Callable[[int], Units], en: Iterable[int]
    ) -> float | None:
        """cover_units of ``units(j)``, remembered per texts under ``which`` (one per kind of units)."""
        rows = units(j)
        if len(rows) < self.min_units:
            return None
        en = tuple(en)
        en_ids, ja_ids = self.text_ids()
        memo = (which, ja_ids[j], tuple([en_ids[i] for i in en]))
        if memo not in self._shares:
            self._shares[memo] = self.cover_units(rows, en)
        return self._shares[memo]

    def cover_units(self, units: Sequence[tuple[Iterable[str], float]], en: Iterable[int]) -> float | None:
        """Share of *units*' weight with a key in the English sentences ``en`` (None: too few).

        A unit's keys may be any collection (a row's tuple needs no frozenset built per unit)."""
        total = sum(w for _, w in units)
        if total <= 0 or len(units) < self.min_units:
            return None
        found: set[str] = set()
        for i in en:
            found.update(self.keys.en[i])
        return sum(w for keys, w in units if not found.isdisjoint(keys)) / total

    def restates(self, j: int, k: int) -> float:
        """Share of Japanese sentence j's weight whose keys are also in sentence k."""
        return self.restates_any(j, (k,))

    def restates_any(self, j: int, others: Sequence[int], en: Sequence[int] = ()) -> float:
        """Share of Japanese sentence j's weight whose keys are also in the Japanese sentences
        ``others`` (or in the English sentences ``en``)."""
        units = self.ja_units(j)
        total = sum(w for _, w in units)
        if total <= 0 or len(units) < self.min_units:
            return 0.0
        if len(others) == 1 and not en:
            other = self.ja_keys(others[0])  # the union of one set is that set: no copy
        else:
            other = frozenset().union(*(self.ja_keys(k) for k in others), *(self.keys.en[i] for i in en))
        return sum(w for keys, w in units if not keys.isdisjoint(other)) / total
