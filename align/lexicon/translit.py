"""Matching names and terms across scripts: Latin, katakana and kanji.

The phrase layer asks, for an English unit and a Japanese word of the same bead, how
plausibly one renders the other. Three real resources answer:

- ``e2k``'s character-level English->katakana model predicts how a word is usually
  written in katakana; the Japanese word is compared with that prediction (rapidfuzz).
- UniDic's readings (through the shared fugashi tagger) romanised with ``cutlet`` give
  the sound of a kanji name; JMnedict adds the other readings a name may have.
- JMnedict's Latin transliterations settle a katakana name outright.

``e2k`` decodes one word at a time in pure numpy; :class:`_BatchedC2K` runs the same
weights over many words at once, which is what makes a corpus affordable.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..charclass import (
    HIRAGANA,
    KANJI,
    KATAKANA,
    KATAKANA_LETTERS,
    is_hiragana,
    to_full_width,
    to_hiragana,
    to_katakana,
)

__all__ = [
    "MIN_SIMILARITY",
    "fold",
    "is_katakana_prefix",
    "is_latin_prefix",
    "kanji_reading",
    "kanji_readings",
    "name_key",
    "katakana_similarity",
    "normalize_kana",
    "phonetic_key",
    "predicted_katakana",
    "predicted_katakana_many",
    "prefetch",
    "reading_matches",
    "romaji",
    "same_name_kanji",
    "sound_score",
]

# --- folding ---------------------------------------------------------------------

#: Letters that NFKD does not decompose into a base letter and a combining mark.
_FOLD_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)
#: The kana voicing marks are combining marks too; removing them would turn ガ into カ.
_KANA_MARKS = "\u3099\u309a"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-folded, diacritics removed: "Dvořák" -> "dvorak", "Søren" -> "soren", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if c in _KANA_MARKS or not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", bare.translate(_FOLD_LETTERS))


# --- e2k: predicted katakana ----------------------------------------------------------

#: Output limit per word; e2k's own default (16) cuts long words short (internationalization).
_MAX_KANA = 40
_MODEL = "turbo"


@lru_cache(maxsize=1)
def _c2k() -> Any:
    """e2k's English->katakana model (weights ship with the package; loaded once).

    The "turbo" variant (width 128, distilled from the base model) does a quarter of the
    arithmetic and matches as well on the labelled corpus pairs (F1 0.984 vs 0.983).
    """
    try:
        from e2k import C2K
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ImportError("katakana prediction needs: pip install e2k") from exc
    return C2K(max_len=_MAX_KANA, model=_MODEL)


class _BatchedC2K:
    """e2k's C2K sequence-to-sequence model, decoded greedily for many words at once.

    e2k decodes one word per call with per-step array splits (7-30 ms a word). Here a batch
    shares every matrix product, input projections are precomputed per symbol, and padding
    is masked. float32, as e2k itself computes, because numpy's float32 exp and tanh are
    2-4 times faster than float64's and they dominate a step.

    Determinism: BLAS may round a row differently in a batch than alone. A word whose decoding
    ever has two candidate kana within ``_MARGIN`` of each other is decoded again alone, so
    every output equals the one-word decoding, whatever batch the word came in.
    """

    def __init__(self, model: Any) -> None:
        import numpy as np

        s2s = model.s2s

        def arr(x: Any) -> Any:
            return np.ascontiguousarray(x, dtype=np.float32)

        def gru(g: Any) -> tuple[Any, Any, Any, Any]:
            c = g.cell
            return arr(c.ih.weight), arr(c.ih.bias), arr(c.hh.weight.T), arr(c.hh.bias)

        self.sos, self.eos = int(s2s.sos_idx), int(s2s.eos_idx)
        self.in_index: dict[str, int] = dict(model.in_table)
        self.out_table: list[str] = list(model.out_table)
        e_emb, k_emb = arr(s2s.e_emb.weight), arr(s2s.k_emb.weight)
        wi, bi, self.enc_hh, self.enc_bh = gru(s2s.encoder)
        self.enc_in = arr(e_emb @ wi.T + bi)  # input projection per input symbol
        wi, bi, self.rev_hh, self.rev_bh = gru(s2s.encoder_reverse)
        self.rev_in = arr(e_emb @ wi.T + bi)
        self.fc_enc_w, self.fc_enc_b = arr(s2s.encoder_fc.weight.T), arr(s2s.encoder_fc.bias)
        wi, bi, self.pre_hh, self.pre_bh = gru(s2s.pre_decoder)
        self.pre_in = arr(k_emb @ wi.T + bi)  # input projection per output symbol
        attn = s2s.attn
        self.heads = int(attn.num_heads)
        self.scale = float(attn.scale)
        self.q_w, self.q_b = arr(attn.q_proj.weight.T), arr(attn.q_proj.bias)
        self.k_w, self.k_b = arr(attn.k_proj.weight.T), arr(attn.k_proj.bias)
        self.v_w, self.v_b = arr(attn.v_proj.weight.T), arr(attn.v_proj.bias)
        wi, bi, self.post_hh, self.post_bh = gru(s2s.post_decoder)
        hidden = self.pre_hh.shape[0]
        # The post-decoder reads [decoder state, o_proj(context)]: o_proj folds into its weights.
        o_w, o_b = arr(attn.o_proj.weight), arr(attn.o_proj.bias)
        self.post_w_dec = arr(wi[:, :hidden].T)
        self.post_w_att = arr((wi[:, hidden:] @ o_w).T)
        self.post_b = arr(bi + wi[:, hidden:] @ o_b)
        self.out_w, self.out_b = arr(s2s.fc.weight.T), arr(s2s.fc.bias)

    @staticmethod
    def _gru_step(np: Any, gi: Any, h: Any, w_hh: Any, b_hh: Any) -> Any:
        gh = h @ w_hh + b_hh
        d = h.shape[-1]
        rz = 1.0 / (1.0 + np.exp(-(gi[:, : 2 * d] + gh[:, : 2 * d])))
        n = np.tanh(gi[:, 2 * d :] + rz[:, :d] * gh[:, 2 * d :])
        z = rz[:, d:]
        return n + z * (h - n)

    def __call__(self, words: list[str]) -> list[str]:
        """Katakana per model input (lower-case letters, apostrophes, spaces)."""
        import numpy as np

        if not words:
            return []
        seqs = [[self.sos, *(self.in_index[c] for c in w if c in self.in_index), self.eos] for w in words]
        batch, length = len(seqs), max(len(s) for s in seqs)
        ids = np.zeros((batch, length), dtype=np.int64)  # 0 is <pad>
        mask = np.zeros((batch, length), dtype=bool)
        for b, seq in enumerate(seqs):
            ids[b, : len(seq)] = seq
            mask[b, : len(seq)] = True
        d = self.enc_hh.shape[0]
        states = np.zeros((batch, length, 2 * d), dtype=np.float32)
        h = np.zeros((batch, d), dtype=np.float32)
        for t in range(length):
            new = self._gru_step(np, self.enc_in[ids[:, t]], h, self.enc_hh, self.enc_bh)
            h = np.where(mask[:, t, None], new, h)
            states[:, t, :d] = h
        h = np.zeros((batch, d), dtype=np.float32)
        for t in range(length - 1, -1, -1):  # padding comes last, so each word starts from a zero state
            new = self._gru_step(np, self.rev_in[ids[:, t]], h, self.rev_hh, self.rev_bh)
            h = np.where(mask[:, t, None], new, h)
            states[:, t, d:] = h
        enc = np.tanh(states @ self.fc_enc_w + self.fc_enc_b)
        heads = self.heads
        dh = self.k_w.shape[1] // heads
        keys = (enc @ self.k_w + self.k_b).reshape(batch, length, heads, dh)
        values = (enc @ self.v_w + self.v_b).reshape(batch, length, heads, dh)
        blocked = ~mask[:, :, None]
        prev = np.full(batch, self.sos, dtype=np.int64)
        h1 = np.zeros((batch, self.pre_hh.shape[0]), dtype=np.float32)
        h2 = np.zeros((batch, self.post_hh.shape[0]), dtype=np.float32)
        out = np.full((batch, _MAX_KANA), self.eos, dtype=np.int64)
        done = np.zeros(batch, dtype=bool)
        unsure = np.zeros(batch, dtype=bool)
        rows = np.arange(batch)
        for step in range(_MAX_KANA):
            h1 = self._gru_step(np, self.pre_in[prev], h1, self.pre_hh, self.pre_bh)
            q = (h1 @ self.q_w + self.q_b).reshape(batch, 1, heads, dh)
            scores = np.where(blocked, -np.inf, (q * keys).sum(axis=-1) / self.scale)  # [B, T, H]
            weights = np.exp(scores - scores.max(axis=1, keepdims=True))
            weights /= weights.sum(axis=1, keepdims=True)
            context = (weights[..., None] * values).sum(axis=1).reshape(batch, heads * dh)
            gi = h1 @ self.post_w_dec + context @ self.post_w_att + self.post_b
            h2 = self._gru_step(np, gi, h2, self.post_hh, self.post_bh)
            logits = h2 @ self.out_w + self.out_b
            prev = np.argmax(logits, axis=-1)
            best = logits[rows, prev]
            logits[rows, prev] = -np.inf
            unsure |= ~done & (best - logits.max(axis=-1) < _MARGIN)
            prev[done] = self.eos
            out[:, step] = prev
            done |= prev == self.eos
            if done.all():
                break
        result = []
        for row in out.tolist():
            end = row.index(self.eos) if self.eos in row else len(row)
            result.append("".join(self.out_table[i] for i in row[:end]))
        if batch > 1:
            for b in np.flatnonzero(unsure).tolist():
                result[b] = self([words[b]])[0]
        return result


#: Two kana whose scores differ by less than this are a near tie (float32 rounding is ~1e-5).
_MARGIN = 1e-3


@lru_cache(maxsize=1)
def _batched() -> _BatchedC2K | None:
    """The batched decoder, or None when e2k's internals differ from what it was written for."""
    try:
        return _BatchedC2K(_c2k())
    except (AttributeError, KeyError, TypeError, ValueError):  # pragma: no cover - other e2k versions
        return None


#: Largest batch: beyond it the padded length of long words costs more than the batching saves.
_BATCH = 64


def _model_input(word: str) -> str:
    """What the model reads: folded letters, apostrophes and single spaces (it knows no digits)."""
    return " ".join(re.sub(r"[^a-z' ]+", " ", fold(word).replace("’", "'")).split())


@lru_cache(maxsize=1)
def _blas() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a hard dependency; without it BLAS keeps its threads
        return None
    return ThreadpoolController()


def _one_blas_thread() -> Any:
    """The model's matrices are small (64 x 384 at most): BLAS threads cost more than they save,
    and on a busy machine (or beside other workers) they made decoding 8 times slower."""
    controller = _blas()
    return contextlib.nullcontext() if controller is None else controller.limit(limits=1, user_api="blas")


def _decode(inputs: list[str]) -> list[str]:
    with _one_blas_thread():
        return _decode_batches(inputs)


def _decode_batches(inputs: list[str]) -> list[str]:
    fast = _batched()
    if fast is None:  # pragma: no cover - other e2k versions
        model = _c2k()
        return [model(w) for w in inputs]
    # Similar lengths share a batch, so little padding is decoded.
    order = sorted(range(len(inputs)), key=lambda i: (len(inputs[i]), inputs[i]))
    out = [""] * len(inputs)
    for k in range(0, len(order), _BATCH):
        chunk = order[k : k + _BATCH]
        for i, kana in zip(chunk, fast([inputs[i] for i in chunk]), strict=True):
            out[i] = kana
    return out


#: Bound of the prediction memo: about 100 bytes an entry, so at most some tens of MB.
_MEMO_SIZE = 500_000


@lru_cache(maxsize=1)
def _memo() -> dict[str, str]:
    """Model input -> katakana. A dict rather than an lru_cache so that a batch can fill it."""
    return {}


def predicted_katakana(word: str) -> str:
    """e2k's katakana for an English word ("widget" -> "ウィジェット"), diacritics folded first.

    A multi-word input is predicted as one phrase, as e2k was trained; callers wanting a name's
    parts predict each part (see :func:`katakana_similarity`).
    """
    return predicted_katakana_many((word,))[word]


def predicted_katakana_many(words: Iterable[str]) -> dict[str, str]:
    """Predictions for many words; the ones not seen before are decoded in shared batches."""
    memo = _memo()
    inputs = {w: _model_input(w) for w in words}
    todo = sorted({m for m in inputs.values() if m and m not in memo})
    if todo:
        if len(memo) + len(todo) > _MEMO_SIZE:
            memo.clear()
        stored = _store_get(todo)
        memo.update(stored)
        todo = [m for m in todo if m not in stored]
        if todo:
            decoded = dict(zip(todo, _decode(todo), strict=True))
            memo.update(decoded)
            _store_put(decoded)
    return {w: memo.get(m, "") for w, m in inputs.items()}


# --- the on-disk prediction store -------------------------------------------------------------
# Decoding is most of a warm check's time (a few ms a word) and the same names and words recur
# from article to article, so every prediction is kept in the cache folder, keyed by the model's
# version: a later process (or another corpus worker) reads it instead of decoding again. The
# model is deterministic, so a stored prediction is the one decoding would give. Best effort: a
# read-only or locked cache only costs the decoding.

_STORE_LOCAL = threading.local()


def _store() -> sqlite3.Connection | None:
    con: sqlite3.Connection | None = getattr(_STORE_LOCAL, "con", None)
    if con is None and not getattr(_STORE_LOCAL, "failed", False):
        from ..versions import installed_version
        from .dictionary import cache_dir

        try:
            path = cache_dir() / f"e2k-{installed_version('e2k', 'e2k')}-{_MODEL}-{_MAX_KANA}.sqlite"
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(str(path), timeout=2.0, check_same_thread=False)
            con.execute("CREATE TABLE IF NOT EXISTS pred (word TEXT PRIMARY KEY, kana TEXT) WITHOUT ROWID")
            con.commit()
        except (OSError, sqlite3.Error):
            _STORE_LOCAL.failed = True
            return None
        _STORE_LOCAL.con = con
    return con


def _store_get(words: list[str]) -> dict[str, str]:
    con = _store()
    if con is None:
        return {}
    found: dict[str, str] = {}
    try:
        for k in range(0, len(words), 500):  # SQLite's bound on host parameters
            chunk = words[k : k + 500]
            marks = ",".join("?" * len(chunk))
            found.update(con.execute(f"SELECT word, kana FROM pred WHERE word IN ({marks})", chunk))
    except sqlite3.Error:
        return {}
    return found


def _store_put(decoded: dict[str, str]) -> None:
    con = _store()
    if con is None or not decoded:
        return
    try:
        with con:
            con.executemany("INSERT OR IGNORE INTO pred VALUES (?, ?)", sorted(decoded.items()))
    except sqlite3.Error:
        pass


def prefetch(names: Iterable[str]) -> None:
    """Decode e2k's predictions for the parts of these names now, in shared batches.

    The phrase layer compares katakana words with the names of their bead one pair at a time,
    which decodes each new name alone; asking for an article's names at once first costs a
    fraction of that. Only the memo changes: a prediction does not depend on its batch (a
    near tie is decoded again alone, see _BatchedC2K).
    """
    predicted_katakana_many({p for n in names for p in _english_parts(n)})


# --- katakana comparison ----------------------------------------------------------------

#: Spelling variants of one sound: ヴ rows as バ rows (both are current), old kana as modern ones.
_KANA_VARIANTS = (
    ("ヴァ", "バ"),
    ("ヴィ", "ビ"),
    ("ヴェ", "ベ"),
    ("ヴォ", "ボ"),
    ("ヴュ", "ビュ"),
    ("ヴ", "ブ"),
    ("ヷ", "バ"),
    ("ヸ", "ビ"),
    ("ヹ", "ベ"),
    ("ヺ", "ボ"),
    ("ヂ", "ジ"),
    ("ヅ", "ズ"),
    ("ヰ", "イ"),
    ("ヱ", "エ"),
    ("ヲ", "オ"),
)
#: Word separators inside a name: middle dots, double hyphens, equals signs and spaces.
_KANJI = re.compile(f"[{KANJI}]")
_KANA_SEPARATORS = re.compile(r"[\s・･·゠=＝]+")
_SMALL_KANA = str.maketrans("ァィゥェォヵヶヮ", "アイウエオカケワ")


@lru_cache(maxsize=65536)
def normalize_kana(kana: str, loose: bool = False) -> str:
    """A comparison key for spelling variants of one katakana word.

    Hiragana and half-width kana become katakana, ヴ-rows become バ-rows, ヂ/ヅ/ヰ/ヱ/ヲ their
    modern kana, and name separators (・, ＝, spaces) go. *loose* also drops ー and ッ and
    enlarges small vowels, for renderings that differ only in length marks (コンピュータ,
    コンピューター) or in a foreign-sound digraph (ウィ / ウイ).
    """
    text = to_katakana(unicodedata.normalize("NFKC", kana))
    for variant, plain in _KANA_VARIANTS:
        text = text.replace(variant, plain)
    text = _KANA_SEPARATORS.sub("", text)
    if loose:
        text = text.replace("ー", "").replace("ッ", "").translate(_SMALL_KANA)
    return text


def _kana_parts(kana: str) -> list[str]:
    return [p for p in _KANA_SEPARATORS.split(unicodedata.normalize("NFKC", kana)) if p]


def _english_parts(english: str) -> list[str]:
    """The words of a name as e2k reads them: Smith-Jones -> Smith, Jones; possessives dropped."""
    words = re.split(r"[\s\-‐‑–—/_.]+", re.sub(r"['’]s?(?=\s|$)", "", english))
    return [p for p in words if any(c.isalpha() for c in p)]


def _kana_ratio(kana: str, predicted: str) -> float:
    from rapidfuzz.fuzz import ratio

    strict = ratio(normalize_kana(kana), normalize_kana(predicted)) / 100
    loose = ratio(normalize_kana(kana, loose=True), normalize_kana(predicted, loose=True)) / 100
    return max(strict, loose)


# --- phonetic comparison ----------------------------------------------------------

_LATIN_RULES = [
    (r"ph", "f"),
    (r"ck", "k"),
    (r"qu", "kw"),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
    (r"th", "s"),
    (r"sh", "s"),
    (r"ch", "c"),
    (r"tch", "c"),
    (r"wh", "w"),
    (r"gh", ""),
    (r"dg", "j"),
    (r"l", "r"),
    (r"v", "b"),
    (r"y", "i"),
    (r"z", "s"),
    (r"j", "j"),
]
_ROMAJI_RULES = [
    (r"shi", "si"),
    (r"sh", "s"),
    (r"chi", "ci"),
    (r"ch", "c"),
    (r"tsu", "ts"),
    (r"fu", "f"),
    (r"ji", "ji"),
    (r"v", "b"),
    (r"l", "r"),
    (r"z", "s"),
    (r"y", "i"),
    # Epenthetic vowels that Japanese adds after final or clustered consonants: "to" in ボルトン (Bolton).
    (r"(?<=[kgsztdnhbpmrfc])[uo](?=[kgsztdbpmrfcj]|$)", ""),
    (r"(?<=[td])o(?=[kgsztdnhbpmrfcj]|$)", ""),
]


# Compiled once: called for every name, they would otherwise depend on re's cache, which the
# patterns built per name elsewhere keep flushing.
_LATIN_RES = [(re.compile(p), r) for p, r in _LATIN_RULES]
_ROMAJI_RES = [(re.compile(p), r) for p, r in _ROMAJI_RULES]
_REPEAT = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]")
_VOWEL_OR_H = re.compile(r"[aeiouh]")


def _squeeze(s: str) -> str:
    return _REPEAT.sub(r"\1", s)


def phonetic_key(word: str, *, kana: bool) -> str:
    """A coarse sound key shared by a name and its katakana rendering (r/l, b/v, s/th merged)."""
    s = word.lower()
    s = _NOT_LETTER.sub("", s)
    for pat, rep in _ROMAJI_RES if kana else _LATIN_RES:
        s = pat.sub(rep, s)
    return _squeeze(s)


def _skeleton(key: str) -> str:
    return _squeeze(_VOWEL_OR_H.sub("", key)) or key[:1]


@lru_cache(maxsize=65536)
def _sound_key(text: str, kana: bool) -> tuple[str, str]:
    """(phonetic key, consonant skeleton), cached: each word meets every word of its bead."""
    key = phonetic_key(romaji(text), kana=True) if kana else phonetic_key(fold(text), kana=False)
    return key, _skeleton(key)


def sound_score(kana: str, english: str) -> float:
    """The phonetic key and consonant skeleton of both words, compared with rapidfuzz.

    It catches renderings e2k does not predict (older or unusual spellings of a name), since
    it only asks whether the consonants come in the same order.
    """
    from rapidfuzz.fuzz import ratio

    k, k_skel = _sound_key(kana, True)
    lat, lat_skel = _sound_key(english, False)
    if not k or not lat:
        return 0.0
    full = ratio(k, lat) / 100
    skel = ratio(k_skel, lat_skel) / 100
    first = 1.0 if k[0] == lat[0] or (k[0] in "aiueo" and lat[0] in "aiueo") else 0.8
    return min(1.0, (0.5 * full + 0.5 * skel) * first)


@lru_cache(maxsize=4096)
def _acronym_reading(word: str) -> str:
    """UniDic's katakana for a known acronym written in full width (ＩＢＭ -> アイビーエム), else ""."""
    from .tokens import tokenize

    if not (2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper()):
        return ""
    wide = to_full_width(word)
    tokens = tokenize(wide)
    if len(tokens) == 1 and _is_katakana(tokens[0].reading):
        return tokens[0].reading
    return ""


_KATAKANA_ONLY = re.compile(f"[{KATAKANA_LETTERS}ー]+")


def _is_katakana(text: str) -> bool:
    """Katakana letters and ー only (no iteration marks, no small extension letters)."""
    return bool(_KATAKANA_ONLY.fullmatch(text))


def _jmnedict_says(kana: str, english: str) -> bool:
    from .dictionary import names_lookup

    target = fold(english)
    return any(fold(x) == target for x in names_lookup(kana))


#: A katakana word at least this similar renders the English word: on 3,550 labelled pairs of
#: the Coursera and Tanaka gold beads, precision 0.98 and recall 0.99 (translit_score: 0.95, 0.89).
#: The Latin-token check reads identifiers read out in katakana with it (lexicon/latin.py).
MIN_SIMILARITY = 0.6
#: Weight of e2k's prediction against the sound skeleton (calibrated; see benchmarks/translit_calibration.py).
_E2K_WEIGHT = 0.7


def _singulars(word: str) -> list[str]:
    """The word and, for a plural, its stem: katakana does not mark number (ケーキ ~ cakes)."""
    low = word.lower()
    if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        return [word, word[:-2] if low.endswith("es") else word[:-1]]
    return [word]


#: The plural ending as e2k spells it (コンピューターズ, ケークス): dropped to compare with a singular.
_PLURAL_KANA = re.compile(r"(?:[スズツ]|イズ|エス)$")


def _part_score(kana: str, english: str, predicted: dict[str, str]) -> float:
    if _jmnedict_says(kana, english):
        return 1.0
    acronym = _acronym_reading(english)
    if acronym:  # a known acronym is read as UniDic reads it; e2k reads it as a word
        return _kana_ratio(kana, acronym)
    guess = predicted.get(english, "")
    forms = _singulars(english)
    e2k = _kana_ratio(kana, guess) if guess else 0.0
    sound = sound_score(kana, english)
    if len(forms) > 1:
        # A plural: the prediction without its plural ending, the English without its -s/-es.
        bare = _PLURAL_KANA.sub("", guess)
        if bare:
            e2k = max(e2k, _kana_ratio(kana, bare))
        sound = max(sound, sound_score(kana, forms[1]))
    return _E2K_WEIGHT * e2k + (1 - _E2K_WEIGHT) * sound


@lru_cache(maxsize=65536)
def katakana_similarity(kana: str, english: str) -> float:
    """How plausibly the katakana *kana* renders the English word or name *english*, in [0, 1].

    A multi-word name is compared part by part when both sides have as many parts
    (スミス＝ジョーンズ ~ Smith-Jones), else as one string. A JMnedict transliteration of the
    katakana that equals the English scores 1.
    """
    en_parts = _english_parts(english)
    k_parts = _kana_parts(kana)
    if not en_parts or not k_parts:
        return 0.0
    if _jmnedict_says("".join(k_parts), english) or _jmnedict_says(kana, english):
        return 1.0
    predicted = predicted_katakana_many(en_parts)
    if len(en_parts) == len(k_parts):
        sizes = [len(p) for p in k_parts]
        scores = [_part_score(k, e, predicted) for k, e in zip(k_parts, en_parts, strict=True)]
        return round(sum(s * n for s, n in zip(scores, sizes, strict=True)) / sum(sizes), 4)
    joined = " ".join(en_parts)
    predicted[joined] = "".join(predicted[e] for e in en_parts)
    return round(_part_score("".join(k_parts), joined, predicted), 4)


# --- truncation -------------------------------------------------------------------------


def _boundaries(parts: list[str]) -> set[int]:
    out, at = set(), 0
    for p in parts[:-1]:
        at += len(p)
        out.add(at)
    return out


def is_katakana_prefix(short: str, full: str) -> bool:
    """*short* is *full* cut short (ペンバー for ペンバートン), after :func:`normalize_kana`.

    It needs at least 2 kana and at least 1 missing kana. A cut at a word boundary of a
    multi-part name (ジョン of ジョン・スミス) is a part of the name, not a truncation, and
    a missing length mark alone (コンピュータ) is a spelling variant.
    """
    s, f = normalize_kana(short), normalize_kana(full)
    if not (_is_katakana(s) and _is_katakana(f)):
        return False
    if len(s.replace("ー", "")) < 2 or len(f) <= len(s) or not f.startswith(s):
        return False
    if not f[len(s) :].strip("ー"):
        return False
    return len(s) not in _boundaries([normalize_kana(p) for p in _kana_parts(full)])


def is_latin_prefix(short: str, full: str) -> bool:
    """*short* is *full* cut short in Latin script, diacritics folded ("Dvoř", "Dvor" of "Dvořák").

    At least 2 letters stay and at least 1 letter is missing; a whole part of a compound
    name ("Smith" of "Smith-Jones") or an abbreviation with a full stop ("Dvo.") is not a cut.
    """
    s, f = fold(short.strip()), fold(full.strip())
    if not s or not s[-1].isalpha() or sum(c.isalpha() for c in s) < 2:
        return False
    if not f.startswith(s) or not any(c.isalpha() for c in f[len(s) :]):
        return False
    return f[len(s)].isalpha()


# --- kanji names: readings and romanisation ---------------------------------------------------


def kanji_reading(form: str) -> str:
    """UniDic's katakana reading of a kanji or mixed form (渡辺 -> ワタナベ); unknown parts stay as is."""
    from .tokens import tokenize

    return "".join(t.reading for t in tokenize(form))


@lru_cache(maxsize=16384)
def _jmnedict_kana(form: str) -> tuple[str, ...]:
    """Katakana readings JMnedict gives for a name form, in the dictionary's order."""
    from .dictionary import name_kana

    if not form or not _KANJI.search(form):
        return ()
    return tuple(dict.fromkeys(normalize_kana(kana) for kana in name_kana(form)))


#: At most this many readings are tried per name (JMnedict lists up to a few dozen for a surname).
_MAX_READINGS = 48


@lru_cache(maxsize=16384)
def kanji_readings(form: str) -> tuple[str, ...]:
    """Every reading of a name: UniDic's first, then JMnedict's, for the whole form and per word.

    A full name (田中一郎) is rarely a JMnedict entry; its words are, so their readings are
    combined (UniDic's reading of the other word kept fixed, to stay small).
    """
    from .tokens import tokenize

    tokens = [t for t in tokenize(form) if t.surface.strip()]
    out: dict[str, None] = {}
    primary = normalize_kana("".join(t.reading for t in tokens))
    if _is_katakana(primary):
        out[primary] = None
    for kana in _jmnedict_kana(form):
        out.setdefault(kana, None)
    if 2 <= len(tokens) <= 3:
        base = [normalize_kana(t.reading) for t in tokens]
        for i, t in enumerate(tokens):
            for kana in _jmnedict_kana(t.surface):
                out.setdefault("".join([*base[:i], kana, *base[i + 1 :]]), None)
    return tuple(r for r in out if _is_katakana(r))[:_MAX_READINGS]


#: Small vowels and the vowel each one writes.
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぇ": "e", "ぉ": "o"}


def _foreign_sounds(cut: Any) -> dict[str, str]:
    """Kana spellings that cutlet's table lacks, derived by the writing rules, not listed by hand.

    cutlet maps a kana followed by a small vowel as the kana's consonant plus the vowel, which
    loses a sound where the kana has no consonant (ウィ would be i, イェ e) or a palatal one
    (ニェ would be ne). Loanwords write w + vowel with ウ (ウィ wi), kw/gw with ク/グ (クァ kwa),
    y + e with イェ and a palatal + e with an i-row kana (ニェ nye, as cutlet reads ニャ nya);
    a vowel kana before a small vowel is read whole (エィ ei); the old kana ゐゑを are read i,
    e, o, as modern names and loanwords read them.
    """
    out = {"いぇ": "ye", "ゐ": "i", "ゑ": "e", "を": "o"}
    for kana, consonant in (("う", "w"), ("く", "kw"), ("ぐ", "gw")):
        for small, vowel in _SMALL_VOWELS.items():
            out[kana + small] = consonant + vowel
    for kana in "あいうえお":
        # A vowel kana before a small vowel keeps both vowels (エィ ei), as before a large one.
        for small, vowel in _SMALL_VOWELS.items():
            out.setdefault(kana + small, cut.table[kana] + vowel)
    for kana, roman in cut.table.items():
        consonant = roman[:-1]
        if len(kana) != 1 or not is_hiragana(kana) or not roman.endswith("i") or kana + "ぇ" in cut.table:
            continue
        if consonant in ("sh", "ch", "j"):
            out[kana + "ぇ"] = consonant + "e"  # ぢぇ je, as ぢゃ is ja
        elif len(consonant) == 1 and consonant != "w":
            out[kana + "ぇ"] = consonant + "ye"  # きぇ kye, as きゃ is kya
    return {kana: roman for kana, roman in out.items() if cut.map_kana(kana) != roman}


@lru_cache(maxsize=1)
def _cutlet() -> Any:
    try:
        import cutlet
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ImportError("romanisation needs: pip install cutlet") from exc
    cut = cutlet.Cutlet(system="hepburn", use_foreign_spelling=False)
    # Through cutlet's own update_mapping, so that cutlet stays the one romaniser.
    for kana, roman in sorted(_foreign_sounds(cut).items()):
        cut.update_mapping(kana, roman)
    return cut


_KANA_RUN = re.compile(f"[{HIRAGANA}{KATAKANA}]+")
#: What cutlet writes besides letters: n' before a vowel (kan'i), - for a lone ー or ッ.
_CUTLET_MARKS = str.maketrans("", "", "'-")


@lru_cache(maxsize=65536)
def romaji(kana: str) -> str:
    """Hepburn romaji of hiragana or katakana (cutlet's kana mapping): ワタナベ -> watanabe.

    The project's one romaniser. cutlet, not pykakasi: it maps kana in context (っ, ー, ゃ)
    without loading the kanji dictionaries pykakasi reads on construction (0.8 s), and its
    tagger is already UniDic. Letters only for the kana (ケンイチ -> kenichi, not ken'ichi);
    characters that are not kana are kept when ASCII and dropped otherwise (・ too).
    """
    cut = _cutlet()
    text = unicodedata.normalize("NFKC", kana)
    out: list[str] = []
    pos = 0
    for m in _KANA_RUN.finditer(text):
        out.append(text[pos : m.start()])
        hira = to_hiragana(m.group())
        try:
            roman = cut.map_kana(hira)
        except (KeyError, IndexError):  # a kana cutlet has no mapping for (ヷ, ㇰ...): one by one
            roman = "".join(_romaji_char(cut, c) for c in hira)
        out.append(roman.translate(_CUTLET_MARKS))
        pos = m.end()
    out.append(text[pos:])
    return "".join(c for c in "".join(out) if c.isascii())


def _romaji_char(cut: Any, c: str) -> str:
    try:
        return str(cut.map_kana(c))
    except (KeyError, IndexError):
        return ""


#: Hepburn and Kunrei spellings of one sound, merged (Tsuda/Tuda, Shibata/Sibata, Fujita/Huzita).
_ROMAJI_MERGE = (
    ("tsu", "tu"),
    ("shi", "si"),
    ("chi", "ti"),
    ("fu", "hu"),
    ("ji", "zi"),
    ("sh", "sy"),
    ("ch", "ty"),
    ("j", "zy"),
)


_NOT_A_TO_Z = re.compile(r"[^a-z]")
_LONG_VOWEL_H = re.compile(r"(?<=[aeiou])h(?![aeiouy])")
_M_BEFORE_LABIAL = re.compile(r"m(?=[bmp])")
_LONG_O = re.compile(r"ou|oo")
_DOUBLE_VOWEL = re.compile(r"([aiue])\1")


@lru_cache(maxsize=65536)
def name_key(roman: str) -> str:
    """Romanised name without vowel length: Oota, Ōta, Ohta and Ota are one key."""
    s = _NOT_A_TO_Z.sub("", fold(roman))
    s = _LONG_VOWEL_H.sub("", s)  # Ohta, Satoh: h marks a long vowel
    s = _M_BEFORE_LABIAL.sub("n", s)  # Homma / Honma
    for a, b in _ROMAJI_MERGE:
        s = s.replace(a, b)
    s = _LONG_O.sub("o", s)
    return _DOUBLE_VOWEL.sub(r"\1", s)


def reading_matches(form: str, english: str) -> float:
    """How well the English name *english* spells a reading of the kanji name *form*, in [0, 1].

    Case and vowel length do not count ("Oota", "Ota", "Ohta"); a full name may come in
    either order (Ichiro Tanaka ~ 田中一郎). UniDic's reading, JMnedict's readings and its Latin
    transliterations are all tried, since a written name has several readings.
    """
    return _reading_matches(form, " ".join(_english_parts(english)))


@lru_cache(maxsize=65536)
def _reading_matches(form: str, english: str) -> float:
    from rapidfuzz.fuzz import ratio

    from .dictionary import names_lookup

    words = english.split()
    if not form or not words:
        return 0.0
    targets = {name_key("".join(words)), name_key("".join(reversed(words)))}
    candidates = [name_key(romaji(r)) for r in kanji_readings(form)]
    candidates += [name_key(x) for x in names_lookup(form)]
    best = 0.0
    for c in candidates:
        if c:
            best = max(best, *(ratio(c, t) / 100 for t in targets))
    return round(best, 4)


def _reading_sets(form: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the readings that stand for *form*, every reading of *form*).

    UniDic's reading stands for a word it knows; for one it does not, JMnedict's readings do.
    """
    from .tokens import tokenize

    primary = normalize_kana("".join(t.reading for t in tokenize(form)))
    every = frozenset(kanji_readings(form)) | ({primary} if _is_katakana(primary) else set())
    if _is_katakana(primary):
        return frozenset({primary}), every
    return every, every


def same_name_kanji(a: str, b: str) -> bool:
    """Two spellings of one name: each one's reading is a reading of the other (渡辺 / 渡邊).

    Requiring it both ways keeps apart two names that merely share a rare reading.
    """
    a, b = a.strip(), b.strip()
    if not a or not b:
        return False
    if a == b:
        return True
    own_a, all_a = _reading_sets(a)
    own_b, all_b = _reading_sets(b)
    return bool(own_a & all_b) and bool(own_b & all_a)
