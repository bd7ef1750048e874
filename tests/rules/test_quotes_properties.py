"""Properties of the quote scanner (hypothesis): balanced text is clean, problems stay in range."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from align.rules.quotes import scan

_TEXT = st.text(alphabet="あいうえおカキク漢字、。", max_size=8)


@st.composite
def balanced(draw: st.DrawFn, depth: int = 0) -> str:
    parts = [draw(_TEXT)]
    for _ in range(draw(st.integers(0, 2 if depth < 2 else 0))):
        inner = draw(balanced(depth + 1))
        # Japanese nesting: 「 outside, 『 inside; brackets anywhere.
        opener, closer = draw(st.sampled_from([("「", "」") if depth == 0 else ("『", "』"), ("（", "）")]))
        parts.append(f"{opener}{inner}{closer}{draw(_TEXT)}")
    return "".join(parts)


@given(balanced())
def test_balanced_text_has_no_problems(text: str) -> None:
    assert scan(text, 0, len(text)) == []


@given(st.text(alphabet='「」『』（）"あ 。', max_size=30))
def test_problems_point_inside_the_text(text: str) -> None:
    for p in scan(text, 0, len(text)):
        assert 0 <= p.start < p.end <= len(text)
        assert p.kind in {"mismatch", "unopened", "unclosed", "ascii-space", "nesting"}


@given(balanced(), st.sampled_from(["「", "」", "『", "』"]))
def test_one_stray_mark_is_reported(text: str, mark: str) -> None:
    broken = text + mark
    assert scan(broken, 0, len(broken))
