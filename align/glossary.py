"""The glossary stage: names and terms with their kind, renderings, readings and an example.

An output (TBX, TSV, CSV, the HTML report), not an input of the rules: it runs only when
an output needs it, on the renderings the phrase layer found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Alignment, Document, GlossaryEntry, GlossaryKind, Variant
from .phrases.renderings import Rendering, TermForms, find_renderings, group_forms, script_of

__all__ = ["build_glossary", "jmnedict_types"]

_HONORIFIC = ("氏", "さん", "様", "会長", "社長", "議員", "大統領", "首相")
_ORG_SUFFIX = ("社", "グループ")
_EN_ORG = re.compile(r"\s+(?:Inc|Corp|Corporation|Ltd|Group|Capital|Holdings|plc|LLC|Bank)\b")


#: What a full-name match can hold besides the name itself: words, "&", ".", "-" and spaces.
_NAME_RUN = re.compile(r"[\w&.\-\s]+")
_POSSESSIVE_END = re.compile(r"['’]s$")


@lru_cache(maxsize=8)
def _name_runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """The runs of a text that a full name can span (found once per text, not once per name)."""
    return tuple((r.start(), r.end(), r.group()) for r in _NAME_RUN.finditer(text))


@lru_cache(maxsize=4096)
def _name_pattern(english: str) -> re.Pattern[str]:
    return re.compile(r"(?:[A-Z][\w&.-]*\s+)*" + re.escape(english) + r"(?:\s+[A-Z][\w&.-]*)*")


def _name_group(english: str, en: Document) -> list[str]:
    """The longest run of capitalised words around *english* in the English (its full name)."""
    pattern = _name_pattern(english)
    text = en.text
    if _NAME_RUN.fullmatch(english):
        # A match holds only run characters, so it lies inside one run that contains the name:
        # searching those runs finds the same matches as scanning the whole text, faster.
        spans = [(s, e) for s, e, run in _name_runs(text) if english in run]
    else:
        spans = [(0, len(text))]
    best: list[str] = []
    for start, end in spans:
        for m in pattern.finditer(text, start, end):
            words = [_POSSESSIVE_END.sub("", w) for w in m.group().split()]
            if len(words) > len(best):
                best = words
    return best


def _org_after(english: str, text: str) -> bool:
    """``re.search(re.escape(english) + _EN_ORG.pattern, text)``, matched after each occurrence
    instead of compiling a pattern per name."""
    p = text.find(english)
    while p >= 0:
        if _EN_ORG.match(text, p + len(english)):
            return True
        p = text.find(english, p + 1)
    return False


def _common_word(word: str) -> bool:
    from .lexicon.dictionary import gloss_vocabulary

    return word.lower() in gloss_vocabulary()


@lru_cache(maxsize=4096)
def jmnedict_types(form: str) -> tuple[str, ...]:
    """JMnedict name types of a Japanese form ("surname", "company", "place"...)."""
    if script_of(form) in ("latin", "mixed"):
        return ()
    from .lexicon.dictionary import name_types

    return name_types(form)


_PERSON_TYPES = {"surname", "given", "person", "fem", "masc", "unclass"}


#: Head nouns of event names (Harvest Day, the Veltham Festival, the Orlen Cup): glossary
#: typing only, where the dictionaries carry no such class (JMnedict has no event entries
#: to speak of).
_EVENT_HEADS = frozenset(
    "day days week festival fest fair expo exhibition show cup games olympics championship "
    "championships tournament open marathon race summit conference forum congress symposium "
    "awards award prize sale ceremony parade war battle".split()
)
#: Words that call the name next to them a product: "its flagship product, Velocore", "the
#: Velocore maker".
_PRODUCT_BEFORE = frozenset("product products brand model app chatbot device drug vaccine".split())
_PRODUCT_AFTER = frozenset({"maker", "makers"})
_QUOTED = ("「", "『")


@dataclass(frozen=True)
class _Named:
    """What the kind of one glossary name is read from: the name, its word group in the
    English, its renderings, both documents and the JMnedict types of its renderings."""

    english: str
    group: list[str]
    renderings: Sequence[Rendering]
    ja: Document
    en: Document
    types: frozenset[str]


def _kind(
    english: str, renderings: Sequence[Rendering], ja: Document, en: Document, persons: set[str]
) -> GlossaryKind:
    """person, organization, place, product, event or term, from the text itself, then
    JMnedict (each step one function, first answer wins)."""
    group = _name_group(english, en) or english.split()
    # A given name or full name takes the kind of its family name: スミス氏 makes John a person.
    if english in persons or english.split()[-1] in persons or group[-1] in persons:
        return "person"
    types = frozenset(t for r in renderings for t in jmnedict_types(r.form))
    named = _Named(english, group, renderings, ja, en, types)
    for step in (_event, _product, _organization):
        found = step(named)
        if found:
            return found
    if types & {"place", "station"}:
        return "place"
    return _person_or_term(english, renderings, ja, persons, types)


def _event(n: _Named) -> GlossaryKind | None:
    """An event: its name ends in an event noun (Harvest Day), or JMnedict says so."""
    head = n.group[-1].lower()
    return "event" if "event" in n.types or (len(n.group) > 1 and head in _EVENT_HEADS) else None


def _product(n: _Named) -> GlossaryKind | None:
    """A product or work: a version number in its name (Velocore 7), JMnedict, the Japanese
    quoting it in 「」 as it quotes titles and products, or the English calling it one."""
    if n.types & {"product", "work"} or any(c.isdigit() for c in n.english):
        return "product"
    if any(_quoted_name(n.ja.segments[r.ja].text, r.start, r.end) for r in n.renderings):
        return "product"
    text = n.en.text
    for m in re.finditer(re.escape(n.english), text):
        # The word right before it, an apposition (product, Velocore; the chatbot Grok).
        before = re.findall(r"[a-z]+", text[max(0, m.start() - 40) : m.start()].lower())[-1:]
        after = re.findall(r"[a-z]+", text[m.end() : m.end() + 12].lower())[:1]
        if _PRODUCT_BEFORE & set(before) or _PRODUCT_AFTER & set(after):
            return "product"
    return None


def _quoted_name(text: str, start: int, end: int) -> bool:
    """The rendering is all a 「」 or 『』 holds, a version number aside (「ベロコア7」), as
    Japanese quotes product names and titles; not the first word of a quotation."""
    return text[:start].endswith(_QUOTED) and bool(_QUOTE_END.match(text, end))


_QUOTE_END = re.compile(r"\s*[0-9０-９.．-]*\s*[」』]")


def _organization(n: _Named) -> GlossaryKind | None:
    """An organization: a name ending in an ordinary noun (Acme Metals), a company suffix in
    either language, JMnedict, or a word with inner capitals (WidgetPro, DataCorp)."""
    english, group = n.english, n.group
    if len(group) > 1 and english != group[-1] and _common_word(group[-1]):
        return "organization"
    after = [n.ja.segments[r.ja].text[r.end : r.end + 3] for r in n.renderings]
    if any(a.startswith(_ORG_SUFFIX) for a in after) or _org_after(english, n.en.text):
        return "organization"
    if n.types & {"company", "organization"}:
        return "organization"
    inner_caps = any(c.isupper() for c in english[1:]) and any(c.islower() for c in english)
    return "organization" if " " not in english and inner_caps else None


def _person_or_term(
    english: str, renderings: Sequence[Rendering], ja: Document, persons: set[str], types: frozenset[str]
) -> GlossaryKind:
    # In a text that gives people honorifics, a name seen twice without one is no person.
    honorless = bool(persons) and len(renderings) >= 2
    if types & _PERSON_TYPES - {"unclass"} and not honorless:
        return "person"
    # A ・ next to a single name marks a person's given/family name; in a multi-word name it
    # only separates words (a company's name too), so it says nothing about the kind.
    if (
        not honorless
        and " " not in english
        and any("・" in ja.segments[r.ja].text[max(0, r.start - 1) : r.end + 1] for r in renderings)
    ):
        return "person"
    return "term"


def _initial_common_word(english: str, en: Document) -> bool:
    """An ordinary English word capitalised only where it starts a sentence ("Tailors expect
    ..."): lemminflect's lexicon or the stop-word list knows it, and the text never capitalises
    it inside a sentence. A term of the glossary it is not, whatever renders it."""
    from .phrases.entities import common_word, sentence_initial

    if " " in english or not common_word(english):
        return False
    word = re.compile(rf"(?<![\w'’-]){re.escape(english)}(?![\w-])")
    return all(
        sentence_initial(seg.text, m.start())
        for seg in en.segments
        if not seg.is_metadata
        for m in word.finditer(seg.text)
    )


def _lines(ja: Document, sentences: Sequence[int]) -> tuple[int, ...]:
    """1-based lines of the Japanese file holding these sentences, each line once."""
    return tuple(dict.fromkeys(ja.line_col(ja.segments[j].start)[0] for j in sentences))


def _reading(form: str) -> str:
    """Katakana reading: the form itself for katakana, fugashi's reading for kanji, none for Latin."""
    script = script_of(form)
    if script == "katakana":
        return form
    if script != "kanji":
        return ""
    from .lexicon.tokens import tokenize

    return "".join(t.reading for t in tokenize(form))


def build_glossary(
    ja: Document,
    en: Document,
    alignment: Alignment,
    user_terms: Iterable[GlossaryEntry] | None = None,
    renderings: Sequence[Rendering] | None = None,
    forms: Sequence[TermForms] | None = None,
) -> tuple[GlossaryEntry, ...]:
    """One entry per English name or term with its Japanese forms, counts, statuses and kind.

    Forms and the preferred one come from :func:`align.phrases.renderings.group_forms`; this
    stage adds what only outputs need: the kind, readings and an example sentence pair.
    *forms* are the groups already made from the same renderings and user terms (the rules'
    ``Context.term_forms``), to save grouping them again.
    """
    found = find_renderings(ja, en, alignment) if renderings is None else renderings
    user = tuple(user_terms or ())
    persons = {r.english for r in found if ja.segments[r.ja].text.startswith(_HONORIFIC, r.end)}
    entries = []
    user_names = {u.english for u in user}
    for group in group_forms(found, en, user, ja) if forms is None else forms:
        if group.english not in user_names and _initial_common_word(group.english, en):
            continue
        if not any(v.count for v in group.variants):
            continue  # a name the text only writes cut short: its whole form is a guess
        rs = group.renderings
        # A cut-short form goes in as deprecated, so that a CAT tool warns about it too.
        cut = Counter(r.form for r in group.truncated)
        variants = tuple(
            Variant(v.form, v.count, v.status, v.sentences, _reading(v.form), _lines(ja, v.sentences))
            for v in group.variants
        ) + tuple(
            Variant(f, n, "deprecated", where, _reading(f), _lines(ja, where))
            for f, n in cut.items()
            for where in [tuple(sorted({r.ja for r in group.truncated if r.form == f}))]
        )
        preferred = group.preferred.form
        example_r = next((r for r in rs if r.form == preferred), rs[0])
        example = (
            " ".join(en.segments[i].text for i in example_r.en),
            ja.segments[example_r.ja].text,
        )
        kind = _kind(group.english, rs, ja, en, persons)
        entries.append(GlossaryEntry(group.english, kind, variants, example))
    # Terms the user lists belong in the glossary even when this text does not use them.
    found_names = {e.english.lower() for e in entries}
    for user_entry in user:
        if user_entry.english.lower() not in found_names:
            entries.append(
                GlossaryEntry(
                    user_entry.english,
                    user_entry.kind,
                    tuple(Variant(v.form, 0, v.status, (), v.reading) for v in user_entry.variants),
                )
            )
    return tuple(entries)
