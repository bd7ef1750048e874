"""JMdict entries that span several UniDic tokens, and the stems of their English glosses.

UniDic cuts a compound into a stem and its affixes (教科書 is 教科 + 書, 図書館 is 図書 + 館,
無意味 is 無 + 意味) and a set phrase into its words (心を動かす, すべき, ありがとうございます),
while JMdict lists the whole: "textbook", "library", "nonsense", "moved", "ought", "thank
you". The aligner's keys are per token (see keys.ja_units), so these words are lost to them;
the repair pass asks for them where a decision rests on a few words (see refine._renders).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .dictionary import gloss_words
from .keys import stem_word
from .tokens import Token

#: A span holds at least one of these (a run of particles and endings is no entry's rendering).
_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "感動詞"})
#: Every token of a span is a word, an affix, a particle or an ending (no punctuation, no
#: symbol: an entry is written without them).
_INSIDE = _CONTENT | {"接頭辞", "接尾辞", "助詞", "助動詞", "代名詞", "連体詞"}
#: A span neither starts with a particle or an ending (には, んです) nor ends with a particle
#: (誰も, それが): those entries are grammar, not what a sentence says.
_NO_START = frozenset({"助詞", "助動詞"})
_NO_END = frozenset({"助詞"})
#: Tokens per span: JMdict's compounds and phrases are short.
_MIN_SPAN, _MAX_SPAN = 2, 5


def span_keys(tokens: Sequence[Token], stem: int) -> frozenset[str]:
    """Stems of the English glosses of every JMdict entry that a span of two to five tokens
    writes, as written or with its last word in its dictionary form (動かされ → 動かす), and of
    the interjections (ようこそ "welcome"), which are no unit of the keys either."""
    return frozenset().union(*(keys for _, keys in spans(tokens, stem)))


def spans(tokens: Sequence[Token], stem: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(lemmas of its tokens, gloss stems) of every entry span_keys reads, in order."""
    out: list[tuple[frozenset[str], frozenset[str]]] = []
    for t in tokens:
        if t.pos1 == "感動詞":  # ようこそ, ありがとう: no unit of the keys (see keys._CONTENT_POS)
            keys = frozenset().union(
                *(_form_keys(form, stem) for form in dict.fromkeys((t.lemma, t.surface)))
            )
            if keys:
                out.append((frozenset({t.lemma}), keys))
    for start in range(len(tokens)):
        if tokens[start].pos1 in _NO_START or tokens[start].pos1 not in _INSIDE:
            continue
        for end in range(start + _MIN_SPAN, min(len(tokens), start + _MAX_SPAN) + 1):
            span = tokens[start:end]
            if span[-1].pos1 not in _INSIDE:
                break  # every longer span holds it too
            if span[-1].pos1 in _NO_END or not any(t.pos1 in _CONTENT for t in span):
                continue
            head = "".join(t.surface for t in span[:-1])
            forms = dict.fromkeys((head + span[-1].surface, head + span[-1].lemma))
            keys = frozenset().union(*(_form_keys(form, stem) for form in forms))
            if keys:
                out.append((frozenset(t.lemma for t in span), keys))
    return out


@lru_cache(maxsize=65536)
def _form_keys(form: str, stem: int) -> tuple[str, ...]:
    """Stems of the gloss words of one form, and of the parts of a hyphenated one."""
    out: list[str] = []
    for w in gloss_words(form):
        out.append(stem_word(w, stem))
        if "-" in w:
            out.extend(stem_word(part, stem) for part in w.split("-") if len(part) > 2)
    return tuple(dict.fromkeys(out))
