"""The tokenizer's two paths (MeCab's text output, fugashi's nodes) give the same tokens."""

from __future__ import annotations

import pytest

from align.lexicon import tokens

TEXTS = [
    "ヴォルテラ社のBrannick氏は、１２３円の「引用」を読んだ。",
    'カンマ,あり"引用"と ﾊﾟｿｺﾝ ＡＢＣ ｘｙｚ',
    "コードレビューのアメーリカ的な進め方について話した",
    "🙂絵文字です　全角空白も",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_output_gives_the_node_tokens(text: str) -> None:
    fast = tokens._parse_text(text)
    assert fast is not None
    assert fast == tokens._parse_nodes(text, text)
    assert all(text[t.start : t.end] == t.surface for t in fast)


def test_line_breaks_and_unsafe_characters_take_the_node_path() -> None:
    for text in ("ブラニック\tさん", "一行目\n二行目", "東京\x00タワー"):
        got = tokens._parse(text)
        assert got == tokens._parse_nodes(text, tokens._UNSAFE.sub("\ufffd", text))
        assert all(text[t.start : t.end] == t.surface for t in got)
        assert got  # the text was read, not dropped
