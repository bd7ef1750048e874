"""The JSON contract of ``align check --format json`` (schema: align/schema/check.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from io import StringIO
from itertools import chain, islice
from typing import IO, Any

from ..model import CheckResult, Document, Finding, Fix, Phrase, Segment, Span

VERSION = 1


def _items(items: Iterator[Any], lazy: bool) -> Iterator[Any] | list[Any]:
    """The items of a long list: a list, or with *lazy* the iterator itself, which the streamed
    writer consumes item by item (a 200k-sentence pair's lists, built whole, held hundreds of MB
    at the end of the check)."""
    return items if lazy else list(items)


def _doc(doc: Document, lazy: bool = False) -> dict[str, Any]:
    if lazy:  # streamed: each sentence's text at once (400k records for a 200k-sentence pair)
        return {"path": doc.path, "sentences": map(_sentence_json, doc.segments)}
    return {"path": doc.path, "sentences": list(map(_sentence, doc.segments))}


class _Json(str):
    """Text already encoded as JSON, written as it is: the streamed writer's records, laid out at
    the depth _write_json puts them (a document's sentences three levels down, beads two)."""

    __slots__ = ()


def _sentence_json(s: Segment) -> _Json:
    """``_encoded(_sentence(s), 3)``: one %-format, not a dozen concatenations (400k records for a
    200k-sentence pair)."""
    kind = ',\n    "kind": ' + _encode_str(s.kind) if s.kind != "sentence" else ""
    return _Json(_SENTENCE % (s.index, _encode_str(s.text), s.start, s.end, s.paragraph, kind))


_SENTENCE = (
    '{\n    "index": %d,\n    "text": %s,\n    "start": %d,\n    "end": %d,\n    "paragraph": %d%s\n   }'
)


def _bead_json(en: tuple[int, ...], ja: tuple[int, ...], score: float) -> _Json:
    """``_encoded({"en": list(en), "ja": list(ja), "score": round(score, 4)}, 2)``."""
    rounded = round(score, 4)
    return _Json(_BEAD % (_int_list(en), _int_list(ja), _SCALARS[type(rounded)](rounded)))


_BEAD = '{\n   "en": %s,\n   "ja": %s,\n   "score": %s\n  }'


def _int_list(items: tuple[int, ...]) -> str:
    """A list of sentence numbers three levels down."""
    if len(items) == 1:  # most beads: one sentence a side
        return _ONE_INT % items
    return "[\n    " + ",\n    ".join(map(int.__repr__, items)) + "\n   ]" if items else "[]"


_ONE_INT = "[\n    %d\n   ]"


def _sentence(s: Segment) -> dict[str, Any]:
    return {
        "index": s.index,
        "text": s.text,
        "start": s.start,
        "end": s.end,
        "paragraph": s.paragraph,
        **({"kind": s.kind} if s.kind != "sentence" else {}),
    }


def fix_dict(fix: Fix, ja_text: str | None = None) -> dict[str, Any]:
    """A finding's fix: edits as document offsets into the decoded Japanese text.

    With *ja_text*, each edit also gives the text it replaces ("original"), so that a
    consumer can check that its copy of the file is the one the offsets refer to.
    """
    return {
        "applicability": fix.applicability,
        "description": fix.description,
        "edits": [
            {
                "start": e.start,
                "end": e.end,
                **({"original": ja_text[e.start : e.end]} if ja_text is not None else {}),
                "replacement": e.replacement,
            }
            for e in fix.edits
        ],
    }


def finding_dict(f: Finding, ja_text: str | None = None) -> dict[str, Any]:
    """One finding; "fix" only when it has one (so findings without a fix read as before)."""
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": str(f.severity),
        "message": f.message,
        # The message's template (see `align rules`/SARIF messageStrings) and its arguments.
        **({"message_id": f.message_id, "arguments": dict(f.arguments)} if f.message_id else {}),
        "ja": list(f.ja),
        "en": list(f.en),
        "spans": [
            {"side": s.side, "sentence": s.sentence, "start": s.start, "end": s.end, "text": s.text}
            for s in f.spans
        ],
        "expected": f.expected,
        **({"fix": fix_dict(f.fix, ja_text)} if f.fix is not None else {}),
    }


def result_dict(r: CheckResult, lazy: bool = False) -> dict[str, Any]:
    """The check's JSON object; with *lazy*, its long lists are iterators (for _write_json)."""
    ja_text = r.ja.text
    return {
        "version": VERSION,
        "signature": str(r.signature),
        "ja": _doc(r.ja, lazy),
        "en": _doc(r.en, lazy),
        "alignment": (
            (_bead_json(b.en, b.ja, b.score) for b in r.alignment.beads)
            if lazy
            else [{"en": list(b.en), "ja": list(b.ja), "score": round(b.score, 4)} for b in r.alignment.beads]
        ),
        "findings": _items((finding_dict(f, ja_text) for f in r.findings), lazy),
        **({"phrases": _items(map(phrase_dict, r.phrases), lazy)} if r.phrases is not None else {}),
    }


def _span(s: Span) -> dict[str, Any]:
    return {"side": s.side, "sentence": s.sentence, "start": s.start, "end": s.end, "text": s.text}


def phrase_dict(p: Phrase) -> dict[str, Any]:
    """One unit of the phrase layer: the English, its Japanese rendering(s), how it was found."""
    return {
        "bead": p.bead,
        "kind": p.kind,
        "key": p.key,
        "en": _span(p.en) if p.en is not None else None,
        "ja": [_span(s) for s in p.ja],
        "method": p.method,
        **({"note": p.note} if p.note else {}),
    }


def _indented(payload: Any, prefix: str) -> str:
    """json.dumps(payload, indent=1) as it would appear nested *len(prefix)* levels deep."""
    return prefix + _encoded(payload, len(prefix))


_encode_str = json.encoder.encode_basestring  # the C function where the interpreter has it
_INFINITY = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_str,
    int: int.__repr__,
    float: _float,
    bool: lambda o: "true" if o else "false",
    type(None): lambda o: "null",
    _Json: str.__str__,
}


def _key(k: Any) -> str:
    """A dict key as json writes it (keys that are no strings become strings first)."""
    if isinstance(k, str):
        return _encode_str(k)
    if isinstance(k, float):
        return _encode_str(_float(k))
    if k is True or k is False or k is None:
        return '"' + {True: "true", False: "false", None: "null"}[k] + '"'
    if isinstance(k, int):
        return '"' + int.__repr__(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


#: ``"key": `` of the keys met so far: the records of a long check repeat a few dozen field names
#: hundreds of thousands of times (bounded: a dictionary with keys of its own adds at most a few).
_HEADS: dict[str, str] = {}


def _head(k: Any) -> str:
    head = (_encode_str(k) if type(k) is str else _key(k)) + ": "
    if type(k) is str and len(_HEADS) < 4096:
        _HEADS[k] = head
    return head


def _encoded(o: Any, level: int) -> str:
    """``json.dumps(o, ensure_ascii=False, indent=1)`` nested *level* levels deep (its first line
    unindented), byte for byte.

    With an indent the standard library takes its pure-Python encoder, a generator per container
    and a yield per piece: the check of a 200k-sentence pair is millions of pieces. Joining each
    container's parts as strings takes about a third of the time.
    """
    # Exact types first, one dictionary look-up (most values are plain str, int and float); a
    # subclass (an enum) takes the checks below.
    scalar = _SCALARS.get(type(o))
    if scalar is not None:
        return scalar(o)
    if isinstance(o, str):
        return _encode_str(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        inner = "\n" + " " * (level + 1)
        if all(type(v) is int for v in o):  # sentence numbers: one C call for them all
            body = ("," + inner).join(map(int.__repr__, o))
        else:
            body = ("," + inner).join([_encoded(v, level + 1) for v in o])
        return "[" + inner + body + "\n" + " " * level + "]"
    if isinstance(o, dict):
        if not o:
            return "{}"
        inner = "\n" + " " * (level + 1)
        get, deeper, heads = _SCALARS.get, level + 1, _HEADS
        parts = []
        for k, v in o.items():
            scalar = get(type(v))
            head = heads.get(k) if type(k) is str else None
            if head is None:
                head = _head(k)
            parts.append(head + (scalar(v) if scalar is not None else _encoded(v, deeper)))
        return "{" + inner + ("," + inner).join(parts) + "\n" + " " * level + "}"
    if isinstance(o, Iterator):  # a lazy list (result_dict(lazy=True)) deeper than streamed
        return _encoded(list(o), level)
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _pieces(o: Any, level: int, depth: int) -> Iterator[str]:
    """The text of ``_encoded(o, level)`` in pieces: each part *depth* containers down whole.

    An iterator stands for a list, its items encoded as they come."""
    if depth == 0:
        yield _encoded(o, level)  # _encoded reads an iterator as the list of its items
        return
    if isinstance(o, Iterator):
        o = _peeked(o)
    if not isinstance(o, (list, tuple, dict, _Peeked)) or not o:
        yield _encoded(o, level)
        return
    inner = "\n" + " " * (level + 1)
    sep = inner
    # The parts one level down are encoded here whole, not through a generator each: the check of
    # a 200k-sentence pair has about a million of them.
    last = depth == 1
    if isinstance(o, dict):
        yield "{"
        for k, v in o.items():
            head = sep + _key(k) + ": "
            if last:
                yield head + _encoded(v, level + 1)
            else:
                yield head
                yield from _pieces(v, level + 1, depth - 1)
            sep = "," + inner
        yield "\n" + " " * level + "}"
        return
    yield "["
    for v in o:
        # A list's records (beads, findings, phrases) are written whole too: split into their
        # fields, each took a generator, six yields through the nesting and a resumption of each
        # enclosing generator per field (a 200k-sentence pair has 215,000 beads).
        if type(v) is _Json:  # a streamed record (a sentence, a bead), encoded already
            yield sep + v
        elif last or type(v) is dict:
            yield sep + _encoded(v, level + 1)
        else:
            yield sep
            yield from _pieces(v, level + 1, depth - 1)
        sep = "," + inner
    yield "\n" + " " * level + "]"


class _Peeked:
    """An iterator of at least one item, known not to be empty."""

    def __init__(self, first: Any, rest: Iterator[Any]) -> None:
        self.first, self.rest = first, rest

    def __iter__(self) -> Iterator[Any]:
        return chain((self.first,), self.rest)  # not a generator: an item is not a resumption


def _peeked(items: Iterator[Any]) -> _Peeked | list[Any]:
    """The iterator as a _Peeked, or [] when it is empty (written "[]")."""
    for first in items:
        return _Peeked(first, items)
    return []


class JsonArrayWriter:
    """Streams ``head [item, item, ...] tail``, byte for byte what one json.dumps would write."""

    def __init__(self, out: IO[str], count: int, head: str = "[", tail: str = "]", depth: int = 1) -> None:
        self.out, self.count, self.head, self.tail, self.prefix = out, count, head, tail, " " * depth
        self.written = 0

    def add_item(self, item: Any) -> None:
        if self.written == 0:
            self.out.write(self.head + "\n")
        else:
            self.out.write(",\n")
        self.out.write(_indented(item, self.prefix))
        self.written += 1

    def close(self) -> None:
        if self.written == 0:
            self.out.write(self.head + self.tail)
        else:
            self.out.write("\n" + self.prefix[:-1] + self.tail)


def _write_json(out: IO[str], payload: object) -> None:
    """``out.write(json.dumps(payload, ensure_ascii=False, indent=1))`` without the whole text in
    memory at once (the check of a 200k-sentence pair is a string of several hundred MB): the
    items of the top-level lists are encoded one by one and written some thousands at a time."""
    # Three levels down: a document's sentences and a finding's fields one by one.
    pieces = _pieces(payload, 0, 3)
    while chunk := list(islice(pieces, 1 << 12)):
        out.write("".join(chunk))


class JsonWriter:
    """One JSON object for one pair; a JSON array, streamed, when several pairs are checked."""

    def __init__(self, out: IO[str], count: int, options: object = None) -> None:
        self.out, self.count = out, count
        self.array = JsonArrayWriter(out, count)

    def add(self, result: CheckResult) -> None:
        if self.count == 1:
            _write_json(self.out, result_dict(result, lazy=True))
        else:
            self.array.add_item(result_dict(result))

    def close(self) -> None:
        if self.count != 1:
            self.array.close()
        self.out.write("\n")


def render(results: Iterable[CheckResult]) -> str:
    """One JSON object for one pair; a JSON array when several pairs were checked."""
    items = list(results)
    buffer = StringIO()
    writer = JsonWriter(buffer, len(items))
    for r in items:
        writer.add(r)
    writer.close()
    return buffer.getvalue()
