"""Building the fixes that findings carry (see :class:`align.model.Fix`).

The rules call these where they build a finding, so that a rule module only adds one
argument. Each helper decides the applicability: "safe" only when the corrected form is
certain, "unsafe" when it is a guess or changes what the text says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..charclass import is_hiragana, is_kana, is_kanji, is_katakana, to_full_width
from ..model import Applicability, Edit, Finding, Fix, RenderingMethod, Segment
from .base import make_fix

if TYPE_CHECKING:
    from ..phrases.renderings import Rendering, TermForms
    from .base import Context

#: How a rendering was tied to its English: these are firm (the same letters, the same sound,
#: a dictionary reading, a bracketed gloss, another spelling of a firm one); "alignment" (left
#: over in a bead), "consensus", "partial" and "quoted" are inferences, so replacing such a form
#: is a guess unless it sounds like the name.
_FIRM_METHODS: frozenset[RenderingMethod] = frozenset({"latin", "translit", "reading", "bracket", "spelling"})
#: katakana_similarity from which a form left over in a bead still sounds like its name.
_SOUNDS_LIKE = 0.7
# A gloss right after a form: アクメ(Acme), 日の出（Sunrise）.
_GLOSS = re.compile(r"[(（]\s*([^()（）]+?)\s*[)）]")
_HORIZONTAL_SPACE = " \t\u3000"
#: The rest of a line and its line break.
_REST_OF_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n)?")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def glossary_preferred(ctx: Context, english: str) -> str | None:
    """The user glossary's preferred form for *english* (any case), or None."""
    for entry in ctx.user_glossary:
        if entry.english.lower() == english.lower() and entry.preferred is not None and entry.preferred.form:
            return entry.preferred.form
    return None


def preferred_is_certain(ctx: Context, entry: TermForms) -> bool:
    """Whether the preferred form is decided: by the user glossary, else by the text.

    The text decides by the most frequent form, and a tie by the first occurrence (see
    group_forms), as a house style would: the article introduces a name in the form it
    means to keep. Making the forms agree is the fix; a glossary entry overrides the choice.
    A glossary that prefers another form than the text's makes the text's choice uncertain.
    """
    chosen = glossary_preferred(ctx, entry.english)
    return chosen is None or chosen == entry.preferred.form


def _firm(r: Rendering) -> bool:
    """Whether rendering *r* surely renders its English (see _FIRM_METHODS)."""
    if r.method in _FIRM_METHODS:
        return True
    from ..lexicon.translit import katakana_similarity

    return katakana_similarity(r.form, r.english) >= _SOUNDS_LIKE


def _script(ch: str) -> str:
    if is_katakana(ch) or ch in "・ー" or is_kana(ch) and not is_hiragana(ch):
        return "katakana"
    if ch.isascii() and ch.isalnum():
        return "latin"
    if is_kanji(ch):
        return "kanji"
    return ""


def _part_of_a_compound(ctx: Context, r: Rendering, preferred: str) -> bool:
    """A form glued to more of its script (or by ・) that the fix would write in another script.

    ノト in ノト・イン・ウィンター (a title) -> 能登・イン・ウィンター mixes scripts inside one
    word; スミット in ジョン・スミット -> ジョン・スミス does not.
    """
    text = ctx.ja.segments[r.ja].text
    if not r.form or not preferred or _script(r.form[0]) == _script(preferred[0]):
        return False
    before, after = text[r.start - 1 : r.start], text[r.end : r.end + 1]
    glue = "・＝="
    return bool(
        (before and (before in glue or _script(before) == _script(r.form[0]) != ""))
        or (after and (after in glue or _script(after) == _script(r.form[-1]) != ""))
    )


def _rendering_edit(ctx: Context, r: Rendering, preferred: str) -> Edit:
    """Replace rendering *r* with *preferred*, dropping a gloss that would then repeat it."""
    seg = ctx.ja.segments[r.ja]
    end = r.end
    gloss = _GLOSS.match(seg.text, end)
    if gloss is not None and gloss.group(1) == preferred:
        end = gloss.end()  # アクメ(Acme) -> Acme, not Acme(Acme)
    return ctx.ja_edit(seg, r.start, end, preferred)


def variant_fix(ctx: Context, entry: TermForms, occurrences: Iterable[Rendering]) -> Fix | None:
    """AL201/AL202: every deviant occurrence -> the preferred rendering.

    Only forms the entry lists as deprecated variants are replaced (a kanji spelling with
    the same reading as the preferred one is not a variant). Unsafe when the preferred
    form is a tie-break or a replaced form was only inferred from the alignment.
    """
    preferred = entry.preferred.form
    deviant = {v.form for v in entry.variants if v.status != "preferred"}
    targets = [r for r in occurrences if r.form in deviant]
    if not targets:
        return None
    certain = (
        preferred_is_certain(ctx, entry)
        and all(_firm(r) for r in targets)
        and not any(_part_of_a_compound(ctx, r, preferred) for r in targets)
    )
    forms = ", ".join(dict.fromkeys(r.form for r in targets))
    fix = make_fix(
        [_rendering_edit(ctx, r, preferred) for r in targets],
        "safe" if certain else "unsafe",
        f"replace {forms} with {preferred} ({_count(len(targets), 'place')})",
    )
    return fix if fix is not None and fix.edits else None


def name_fix(
    ctx: Context, seg: Segment, start: int, end: int, preferred: str, certain: bool, what: str
) -> Fix | None:
    """Replace seg.text[start:end] (sentence offsets) with *preferred*, e.g. a truncated name."""
    if seg.text[start:end] == preferred:
        return None
    applicability: Applicability = "safe" if certain else "unsafe"
    return make_fix([ctx.ja_edit(seg, start, end, preferred)], applicability, what)


def full_name_form(ctx: Context, english: str) -> tuple[str, bool] | None:
    """The preferred Japanese rendering of an English name and whether it is certain.

    The user glossary first; otherwise the form the text itself prefers for the name.
    """
    chosen = glossary_preferred(ctx, english)
    if chosen is not None:
        return chosen, True
    for entry in ctx.term_forms:
        if entry.english == english:
            return entry.preferred.form, preferred_is_certain(ctx, entry)
    return None


def fullwidth_fix(ctx: Context, seg: Segment, positions: Sequence[int], marks: str) -> Fix | None:
    """AL701: half-width ? ! : ( ) at *positions* (sentence offsets) -> full-width.

    Safe where the Japanese already writes one of *marks* in full width elsewhere (the
    document's own convention); unsafe where it never does.
    """
    edits = [ctx.ja_edit(seg, i, i + 1, to_full_width(seg.text[i])) for i in positions]
    wide = to_full_width(marks)
    used = ctx.memo(
        f"fullwidth:{marks}",
        lambda: any(c in s.text for s in ctx.ja.segments if not s.is_metadata for c in wide),
    )
    shown = "".join(to_full_width(seg.text[i]) for i in sorted(positions))
    return make_fix(edits, "safe" if used else "unsafe", f"use full-width {shown}")


def paren_partner(text: str, i: int) -> int | None:
    """The half-width parenthesis matching the one at *i* in *text*, if any."""
    step, own, other = (1, "(", ")") if text[i] == "(" else (-1, ")", "(")
    depth = 0
    k = i
    while 0 <= k < len(text):
        if text[k] == own:
            depth += 1
        elif text[k] == other:
            depth -= 1
            if depth == 0:
                return k
        k += step
    return None


def delete_sentence_fix(ctx: Context, seg: Segment, description: str) -> Fix | None:
    """Unsafe: delete a sentence, with its line when it stands alone, or one adjoining blank run.

    The neighbouring sentences keep their text and the file keeps its line endings.
    """
    text = ctx.ja.text
    # The last line break before the sentence; a \r only after the last \n (a text without
    # any \r is not searched back to its start for one, once per sentence).
    newline = text.rfind("\n", 0, seg.start)
    line_start = max(newline, text.rfind("\r", newline + 1, seg.start)) + 1
    m = _REST_OF_LINE.match(text, seg.end)
    line_end = m.end(0) if m else seg.end
    content_end = line_end - len(m.group(1) or "") if m else seg.end
    alone = not text[line_start : seg.start].strip() and not text[seg.end : content_end].strip()
    if alone:
        start, end = line_start, line_end
        if end == content_end and start > 0:
            # The last line has no line break: take the one before it instead.
            start -= 2 if text[start - 2 : start] == "\r\n" else 1
    else:
        start, end = seg.start, seg.end
        after = len(text[end:content_end]) - len(text[end:content_end].lstrip(_HORIZONTAL_SPACE))
        if end + after < content_end:
            end += after  # a sentence follows on the line: take the blanks before it
        else:
            before = text[line_start:start]
            start -= len(before) - len(before.rstrip(_HORIZONTAL_SPACE))
    return make_fix([Edit(start, end, "")], "unsafe", description)


def fragment_fix(
    ctx: Context, seg: Segment, start: int, end: int, honorific: re.Match[str] | None, names: Sequence[str]
) -> Fix | None:
    """AL301: a Latin fragment (seg.text[start:end]) -> the preferred rendering of the full name.

    Blanks between the fragment and an honorific go too (Fragment 氏 -> 名前氏). Unsafe when
    the fragment starts more than one name of the sentence, when the form is not certain, or
    when the text never renders the name (the English name is written then).
    """
    if not names:
        return None
    # Without a Japanese rendering of the name, the English name itself (a guess: unsafe).
    form, certain = full_name_form(ctx, names[0]) or (names[0], False)
    if honorific is not None:
        blanks = honorific.group()
        end += len(blanks) - len(blanks.lstrip())
    return name_fix(ctx, seg, start, end, form, certain and len(names) == 1, f"write the full name {form}")


def one_deletion_per_repeat(ctx: Context, findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """AL103: of two sentences reported as repeating each other, only one may be deleted.

    Deleting both would lose the translation. The one kept is the one the aligner paired
    with English when only one of them is, else the first.
    """
    flagged = {f.ja[0]: f for f in findings if f.ja}
    out = []
    for f in findings:
        j = f.ja[0] if f.ja else None
        k = f.data.get("repeats")
        other = flagged.get(k) if isinstance(k, int) else None
        if j is not None and isinstance(k, int) and other is not None and other.data.get("repeats") == j:
            english = {
                n: bool(ctx.bead(ctx.bead_of_ja[n]).en) if n in ctx.bead_of_ja else False for n in (j, k)
            }
            keep = j if english[j] and not english[k] else k if english[k] and not english[j] else min(j, k)
            if keep == j:
                f = replace(f, fix=None)
        out.append(f)
    return tuple(out)
