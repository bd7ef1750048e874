"""align.lexicon.emoticons: faces told from brackets and punctuation."""

from __future__ import annotations

import pytest

from align.lexicon.emoticons import emoticon_spans, kaomoji_spans


def _faces(text: str) -> list[str]:
    return [text[s:e] for s, e in sorted(emoticon_spans(text) + kaomoji_spans(text))]


@pytest.mark.parametrize(
    ("text", "faces"),
    [
        ("疲れた:(」と書き;)、笑った:-)", [":(", ";)", ":-)"]),
        ("最高:-))) 本当に", [":-)))"]),
        ("泣いた:'( 怒った>:(", [":'(", ">:("]),
        ("よろしく(^^)です", ["(^^)"]),
        ("ありがとう(^_^;)", ["(^_^;)"]),
        ("すみません(^^;", ["(^^;"]),
        ("だめだ(T_T)", ["(T_T)"]),
        ("痛い(>_<)", ["(>_<)"]),
        ("えっ(´・ω・｀)", ["(´・ω・｀)"]),
        ("照れる(*^^*)", ["(*^^*)"]),
    ],
)
def test_faces(text: str, faces: list[str]) -> None:
    assert _faces(text) == faces


@pytest.mark.parametrize(
    "text",
    [
        "次の通り:(1) 最初に",  # a colon before a numbered item
        "10:30に開始",  # a time
        "詳しくはhttps://example.orgを参照",  # a URL
        "冗談です(笑)",  # a bracketed word
        "(a-b)の値",  # an expression
        "省略(...)した",  # an omission
        "(--verbose)を付ける",  # an option
        "照度(lux)",  # a unit
    ],
)
def test_not_faces(text: str) -> None:
    assert _faces(text) == []
