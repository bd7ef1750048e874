"""JMdict entries that span several UniDic tokens, and the stems of their English glosses.

UniDic cuts a compound into a stem and its affixes (教科書 is 教科 + 書, 図書館 is 図書 + 館,
無意味 is 無 + 意味) and a set phrase into its words (心を動かす, すべき, ありがとうございます),
while JMdict lists the whole: "textbook", "library", "nonsense", "moved", "ought", "thank
you". The aligner's keys are per token (see keys.ja_units), so these words are lost to them;
the repair pass asks for them where a decision rests on a few words (see refine._renders).
"""

from __future__ import annotations

from collections.abc import Sequence

from .dictionary import gloss_words, prefetch_glosses
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
    found = _span_forms(tokens)
    # The forms not read yet are looked up in one query (a query per form was most of this).
    prefetch_glosses(form for _, _, forms in found for form in forms if (form, stem) not in _FORMS)
    out: list[tuple[frozenset[str], frozenset[str]]] = []
    for start, end, forms in found:
        keys = frozenset().union(*(_form_keys(form, stem) for form in forms))
        if keys:
            out.append((frozenset(t.lemma for t in tokens[start:end]), keys))
    return out


def _span_forms(tokens: Sequence[Token]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first token, end, its forms) of every interjection and every span whose glosses spans
    reads, in order (a span's text and whether it holds a content word grow with it)."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for at, t in enumerate(tokens):
        if t.pos1 == "感動詞":  # ようこそ, ありがとう: no unit of the keys (see keys._CONTENT_POS)
            out.append((at, at + 1, tuple(dict.fromkeys((t.lemma, t.surface)))))
    for start, first in enumerate(tokens):
        if first.pos1 in _NO_START or first.pos1 not in _INSIDE:
            continue
        head, content = first.surface, first.pos1 in _CONTENT
        for end in range(start + _MIN_SPAN, min(len(tokens), start + _MAX_SPAN) + 1):
            last = tokens[end - 1]
            if last.pos1 not in _INSIDE:
                break  # every longer span holds it too
            content = content or last.pos1 in _CONTENT
            if last.pos1 not in _NO_END and content:
                out.append((start, end, tuple(dict.fromkeys((head + last.surface, head + last.lemma)))))
            head += last.surface
    return out


#: _form_keys per (form, stem): a memo that spans can ask what it holds (dropped whole when full).
_FORMS: dict[tuple[str, int], tuple[str, ...]] = {}
_FORMS_MAX = 65536


def _form_keys(form: str, stem: int) -> tuple[str, ...]:
    """Stems of the gloss words of one form, and of the parts of a hyphenated one."""
    found = _FORMS.get((form, stem))
    if found is None:
        if len(_FORMS) >= _FORMS_MAX:
            _FORMS.clear()
        found = _FORMS[(form, stem)] = _gloss_stems(form, stem)
    return found


def _gloss_stems(form: str, stem: int) -> tuple[str, ...]:
    """_form_keys of one form, computed."""
    out: list[str] = []
    for w in gloss_words(form):
        out.append(stem_word(w, stem))
        if "-" in w:
            out.extend(stem_word(part, stem) for part in w.split("-") if len(part) > 2)
    return tuple(dict.fromkeys(out))
