"""Sentence segmentation: targeted Japanese and English cases, offsets, presegmented mode, languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import CORPORA, pair_dirs

from align.errors import LanguageError
from align.model import Document
from align.segment import (
    detect_language,
    japanese_ratio,
    order_pair,
    segment,
    segment_en,
    segment_ja,
    segment_presegmented,
)

# (input text, expected sentence texts)
JA_CASES: list[tuple[str, list[str]]] = [
    ("今日は晴れ。明日は雨。", ["今日は晴れ。", "明日は雨。"]),
    ("本当か？本当だ！", ["本当か？", "本当だ！"]),
    ("本当か?本当だ!", ["本当か?", "本当だ!"]),
    ("えっ！？まさか。", ["えっ！？", "まさか。"]),
    ("終わり", ["終わり"]),
    ("一文目。二文目", ["一文目。", "二文目"]),
    ("彼は「行く。すぐ戻る」と言った。次だ。", ["彼は「行く。すぐ戻る」と言った。", "次だ。"]),
    ("『本の題名。副題』を読んだ。面白い。", ["『本の題名。副題』を読んだ。", "面白い。"]),
    ("（注。補足）がある。以上。", ["（注。補足）がある。", "以上。"]),
    ("(注。補足)がある。以上。", ["(注。補足)がある。", "以上。"]),
    ("彼は「ああ。」と答えた。", ["彼は「ああ。」と答えた。"]),
    ("「行こう。」彼は言った。", ["「行こう。」", "彼は言った。"]),
    ("「本当に？」と聞いた。", ["「本当に？」と聞いた。"]),
    ("「勝つ。」（ロイター）\n次。", ["「勝つ。」（ロイター）", "次。"]),
    ("「勝つ。」2025年に。", ["「勝つ。」", "2025年に。"]),
    ("「行く。」「来る。」", ["「行く。」", "「来る。」"]),
    ("彼は言った。「行く。」", ["彼は言った。", "「行く。」"]),
    ("完了した。）次へ。", ["完了した。）", "次へ。"]),
    ("終わった。」次の文。", ["終わった。」", "次の文。"]),
    ("彼は「行く。まだ閉じない。", ["彼は「行く。", "まだ閉じない。"]),
    ("「A『B。C』D。」E。", ["「A『B。C』D。」", "E。"]),
    ("「外。『内。」外の後。", ["「外。『内。」", "外の後。"]),
    ("彼は「行く。すぐだ。\n戻る」と言った。", ["彼は「行く。", "すぐだ。", "戻る」と言った。"]),
    ("出典:ft.com\n本文だ。", ["出典:ft.com", "本文だ。"]),
    ("出典：日本経済新聞\n本文だ。", ["出典：日本経済新聞", "本文だ。"]),
    ("本文だ。\n\n次の段落だ。", ["本文だ。", "次の段落だ。"]),
    ("本文だ。\r\n次の段落。\r最後。", ["本文だ。", "次の段落。", "最後。"]),
    ("  空白付き。  次。  ", ["空白付き。", "次。"]),
    ("価格は1.5ドルだ。上がった。", ["価格は1.5ドルだ。", "上がった。"]),
    ('彼は"行く。来る"と言った。次。', ['彼は"行く。来る"と言った。', "次。"]),
    ('「行く。来る"と言った。次。', ["「行く。", '来る"と言った。', "次。"]),
    ('終わりだ。"次の文。', ["終わりだ。", '"次の文。']),
    ("それは“名言。だ”と言った。以上。", ["それは“名言。だ”と言った。", "以上。"]),
    ("【速報。続報】が出た。終わり。", ["【速報。続報】が出た。", "終わり。"]),
    ("なるほど…。そうか。", ["なるほど…。", "そうか。"]),
    ("行った。が、戻った。", ["行った。", "が、戻った。"]),
    ("本当に?と聞いた。", ["本当に?", "と聞いた。"]),
]

EN_CASES: list[tuple[str, list[str]]] = [
    ("Hello world. This is a test.", ["Hello world.", "This is a test."]),
    ("Is it? Yes! It is.", ["Is it?", "Yes!", "It is."]),
    ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
    (
        "Mrs. Jones and Dr. Patel met at St. Paul's. They talked.",
        ["Mrs. Jones and Dr. Patel met at St. Paul's.", "They talked."],
    ),
    ("He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
    ("The U.S. economy grew. Exports rose.", ["The U.S. economy grew.", "Exports rose."]),
    (
        "Sales in the U.K. fell 3 per cent. Prices rose.",
        ["Sales in the U.K. fell 3 per cent.", "Prices rose."],
    ),
    ("She joined Acme Inc. in 2010. It grew.", ["She joined Acme Inc. in 2010.", "It grew."]),
    ("He works for Acme Corp. Shares rose.", ["He works for Acme Corp.", "Shares rose."]),
    ("Smith & Co. said profits fell. Shares dropped.", ["Smith & Co. said profits fell.", "Shares dropped."]),
    ("Tata Sons Ltd. owns it. Nobody else does.", ["Tata Sons Ltd. owns it.", "Nobody else does."]),
    ("It ranked No. 1 in Asia. Then it fell.", ["It ranked No. 1 in Asia.", "Then it fell."]),
    ("It was Smith vs. Jones. The court ruled.", ["It was Smith vs. Jones.", "The court ruled."]),
    ("Use metals, e.g. Copper and tin. Then stop.", ["Use metals, e.g. Copper and tin.", "Then stop."]),
    ("The fund, i.e. The pension plan, lost money.", ["The fund, i.e. The pension plan, lost money."]),
    ("We met at 9 a.m. and left at 5 p.m. on Friday.", ["We met at 9 a.m. and left at 5 p.m. on Friday."]),
    ("It closed at 5 p.m. The next day it reopened.", ["It closed at 5 p.m.", "The next day it reopened."]),
    (
        "The deal closed on Jan. 5 this year. Feb. 3 was next.",
        ["The deal closed on Jan. 5 this year.", "Feb. 3 was next."],
    ),
    (
        "It was signed on Sept. 12 and Dec. 1. Nobody objected.",
        ["It was signed on Sept. 12 and Dec. 1.", "Nobody objected."],
    ),
    ("J. K. Rowling wrote it. She is British.", ["J. K. Rowling wrote it.", "She is British."]),
    ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
    ("They have data from X. They are serious.", ["They have data from X.", "They are serious."]),
    ("It raised $1.5bn. Investors cheered.", ["It raised $1.5bn.", "Investors cheered."]),
    ("Pi is about 3.14. Everyone knows.", ["Pi is about 3.14.", "Everyone knows."]),
    (
        "Growth was 2.5 per cent in 2023. Inflation was 4.1 per cent.",
        ["Growth was 2.5 per cent in 2023.", "Inflation was 4.1 per cent."],
    ),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
    ("Well... maybe not.", ["Well... maybe not."]),
    ('"We will win," he said. "Nobody doubts it."', ['"We will win," he said.', '"Nobody doubts it."']),
    ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
    ("“It is over.” Then he left.", ["“It is over.”", "Then he left."]),
    (
        "It beat the old mark (a record.) Next came a rally.",
        ["It beat the old mark (a record.)", "Next came a rally."],
    ),
    ('Is it real?" she asked. Nobody knew.', ['Is it real?" she asked.', "Nobody knew."]),
    ("Sales rose (see chart). Margins fell.", ["Sales rose (see chart).", "Margins fell."]),
    ("He said 'no.' Then left.", ["He said 'no.'", "Then left."]),
    ("Visit example.com today. It is free.", ["Visit example.com today.", "It is free."]),
    ("Version 2.0 shipped. Version 3.0 follows.", ["Version 2.0 shipped.", "Version 3.0 follows."]),
    ("Prof. Tanaka and Gen. Lee met. They agreed.", ["Prof. Tanaka and Gen. Lee met.", "They agreed."]),
    ("It rose 5%. Then it fell.", ["It rose 5%.", "Then it fell."]),
    ("First line.\nSecond line without stop\nThird.", ["First line.", "Second line without stop", "Third."]),
    ("Wait!! What?! Really.", ["Wait!!", "What?!", "Really."]),
    (
        "The firm, founded in 1998, has 12,000 staff. It is growing.",
        ["The firm, founded in 1998, has 12,000 staff.", "It is growing."],
    ),
]


def _texts(doc: Document) -> list[str]:
    return [s.text for s in doc.segments]


@pytest.mark.parametrize(("text", "expected"), JA_CASES)
def test_japanese_cases(text: str, expected: list[str]) -> None:
    assert _texts(segment_ja(text)) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_cases(text: str, expected: list[str]) -> None:
    assert _texts(segment_en(text)) == expected


def test_case_tables_are_large_enough() -> None:
    assert len(JA_CASES) >= 30 and len(EN_CASES) >= 30


@pytest.mark.parametrize(
    ("text", "lang", "kinds"),
    [
        ("出典:ft.com\n本文だ。", "ja", ["metadata", "sentence"]),
        ("出典：日経\n本文だ。", "ja", ["metadata", "sentence"]),
        ("文＝山田太郎\n本文だ。", "ja", ["metadata", "sentence"]),
        ("本文で出典:ft.comと書いた。", "ja", ["sentence"]),
        ("Source: Reuters\nBody text. More.", "en", ["metadata", "sentence", "sentence"]),
        ("By: Jane Doe\nBody.", "en", ["metadata", "sentence"]),
    ],
)
def test_metadata_lines(text: str, lang: str, kinds: list[str]) -> None:
    doc = segment_ja(text) if lang == "ja" else segment_en(text)
    assert [s.kind for s in doc.segments] == kinds
    assert all(s.is_metadata == (s.kind == "metadata") for s in doc.segments)


def test_metadata_line_is_never_split() -> None:
    doc = segment_ja("出典:ft.com。日本経済新聞。\n本文。")
    assert _texts(doc) == ["出典:ft.com。日本経済新聞。", "本文。"]


def _check_offsets(doc: Document) -> None:
    text = doc.text
    owner = [-1] * len(text)
    prev_end = 0
    for k, seg in enumerate(doc.segments):
        assert seg.index == k
        assert text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip()
        assert seg.start >= prev_end  # ordered, non-overlapping
        prev_end = seg.end
        for i in range(seg.start, seg.end):
            owner[i] = k
    # Every non-space character belongs to exactly one segment (overlaps are excluded above).
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and owner[i] < 0]
    assert not missing, [text[i] for i in missing[:10]]
    paragraphs = [s.paragraph for s in doc.segments]
    assert paragraphs == sorted(paragraphs)


@pytest.mark.parametrize(("text", "expected"), JA_CASES)
def test_japanese_offsets(text: str, expected: list[str]) -> None:
    _check_offsets(segment_ja(text))


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_offsets(text: str, expected: list[str]) -> None:
    _check_offsets(segment_en(text))


@pytest.mark.parametrize("pair", pair_dirs(), ids=lambda p: p.name)
def test_offsets_on_bundled_pairs(pair) -> None:  # type: ignore[no-untyped-def]
    _check_offsets(segment_ja((pair / "ja.txt").read_text(encoding="utf-8")))
    _check_offsets(segment_en((pair / "en.txt").read_text(encoding="utf-8")))


def test_offsets_on_real_corpus_text() -> None:
    files = sorted(CORPORA.glob("*.ja"))[:3] + sorted(CORPORA.glob("*.en"))[:3]
    if not files:
        pytest.skip("shared corpora not available")
    for f in files:
        text = f.read_text(encoding="utf-8")
        _check_offsets(segment_ja(text) if f.suffix == ".ja" else segment_en(text))


_MIXED = st.text(
    alphabet=st.sampled_from(list('あ漢字カナab Z.。！？!?「」『』（）()"\u201c\u201d…、\n\r\t 1$')),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_offsets_property(text: str) -> None:
    _check_offsets(segment_ja(text))
    _check_offsets(segment_en(text))


def test_paragraph_numbers_follow_lines() -> None:
    doc = segment_ja("一。二。\n\n三。\n四")
    assert [(s.text, s.paragraph) for s in doc.segments] == [("一。", 0), ("二。", 0), ("三。", 1), ("四", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc", [(0, "a"), (1, "b"), (2, "c")]),
        ("a\nb\n", [(0, "a"), (1, "b")]),
        ("a\n\nb", [(0, "a"), (1, ""), (2, "b")]),
        ("  One. Two.  \nThree", [(0, "One. Two."), (1, "Three")]),
        ("一。二。\r\n三", [(0, "一。二。"), (1, "三")]),
        ("", []),
    ],
)
def test_presegmented_takes_lines_as_is(text: str, expected: list[tuple[int, str]]) -> None:
    doc = segment_presegmented(text, "en")
    assert doc.presegmented
    assert [(s.index, s.text) for s in doc.segments] == expected
    assert [s.paragraph for s in doc.segments] == [i for i, _ in expected]
    for s in doc.segments:
        assert text[s.start : s.end] == s.text


def test_segment_dispatch() -> None:
    assert _texts(segment("一。二。", "ja")) == ["一。", "二。"]
    assert _texts(segment("One. Two.", "en")) == ["One.", "Two."]
    assert _texts(segment("One. Two.\nThree.", "en", presegmented=True)) == ["One. Two.", "Three."]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Globexのサム・ハルトンは、スタートアップを成長させた。", "ja"),
        ("The company said on Monday that profits rose.", "en"),
        ("ひらがなだけ", "ja"),
        ("カタカナダケ", "ja"),
        ("漢字文章", "ja"),
        ("GPT-4とGrok-2とNvidia H100を比較した結果を示す。", "ja"),
        ("12345 !!! ---", None),
        ("", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_order_pair_in_either_order() -> None:
    ja = ("a.txt", "日本語の文章です。")
    en = ("b.txt", "An English sentence.")
    assert order_pair(ja, en) == (ja, en)
    assert order_pair(en, ja) == (ja, en)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("x.txt", "日本語です。"), ("y.txt", "これも日本語。")),
        (("x.txt", "English text."), ("y.txt", "More English.")),
        (("x.txt", "12345"), ("y.txt", "English text.")),
    ],
)
def test_order_pair_rejects_same_language_or_none(a: tuple[str, str], b: tuple[str, str]) -> None:
    with pytest.raises(LanguageError):
        order_pair(a, b)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("(" * 40_000 + "」" * 40_000, "ja"),  # stray closers must not rescan the opener stack
        ("「(" * 20_000 + "」" * 20_000, "ja"),
        ("x" * 200_000 + ". Next.", "en"),
        ("A.\t" * 40_000, "en"),
    ],
)
def test_pathological_inputs_stay_linear(text: str, lang: str) -> None:
    import time

    t0 = time.perf_counter()
    doc = segment_ja(text) if lang == "ja" else segment_en(text)
    assert time.perf_counter() - t0 < 5.0  # the former quadratic scan took over a minute here
    _check_offsets(doc)


# A Japanese software manual that is mostly code and markup: under a fifth of its letters are
# kana/kanji, yet it is the Japanese file of its pair.
_JA_MANUAL = """# インストール

```bash
pip install widgetkit==2.4.1
export WIDGETKIT_HOME=/opt/widgetkit/config
widgetkit serve --host 0.0.0.0 --port 8080 --workers 4
```

設定ファイルを編集する。

```yaml
server:
  host: localhost
  port: 8080
  timeout_seconds: 30
database:
  url: postgresql://user:password@localhost:5432/widgets
```

<div class="note">再起動してください。</div>
"""
_EN_MANUAL = (
    _JA_MANUAL.replace("インストール", "Installation")
    .replace("設定ファイルを編集する。", "Edit the configuration file.")
    .replace("再起動してください。", "Restart the service.")
)


def test_a_japanese_manual_that_is_mostly_code_is_the_japanese_file() -> None:
    assert japanese_ratio(_JA_MANUAL) < 0.2  # a per-file threshold alone would call it English
    assert detect_language(_JA_MANUAL) == "ja"
    ja, en = ("manual.ja.md", _JA_MANUAL), ("manual.en.md", _EN_MANUAL)
    assert order_pair(ja, en) == (ja, en)
    assert order_pair(en, ja) == (ja, en)


def test_english_quoting_some_japanese_is_still_the_english_file() -> None:
    en = ("en.txt", "The shop, called 花屋 (flower shop) locally, opened in 1990 on a quiet street. " * 3)
    ja = ("ja.txt", "その店は地元で花屋と呼ばれ、1990年に静かな通りに開店した。")
    assert order_pair(en, ja) == (ja, en)
    code = ("code.txt", "x = 1\n" * 400 + "# 設定\n")
    with pytest.raises(LanguageError, match="cannot tell which input is Japanese"):
        order_pair(code, ("b.txt", "y = 2\n" * 400 + "# 設定を読む\n"))


def test_segments_are_plain_segments_with_every_field_set() -> None:
    """The segmenters build Segments the fast way (align.segment._segment): each must be a
    Segment like one built by its constructor, every field set, equal, hashable, picklable."""
    import dataclasses
    import pickle

    from align.model import Segment

    doc_ja = segment_ja("出典:ヴォルテラ社\n「行こう。」彼は言った。次だ。\n終わり")
    doc_en = segment_en("Source: Brannick\nHe left. Dr. Brannick stayed.\nThe end")
    for doc in (doc_ja, doc_en, segment_presegmented("一行目\n二行目", "ja")):
        for seg in doc.segments:
            assert type(seg) is Segment
            values = dataclasses.astuple(seg)  # reads every field: an unset slot raises
            assert seg == Segment(*values) and hash(seg) == hash(Segment(*values))
            assert pickle.loads(pickle.dumps(seg)) == seg
            with pytest.raises(dataclasses.FrozenInstanceError):
                seg.text = "x"  # type: ignore[misc]
    assert [s.kind for s in doc_ja.segments] == ["metadata", "sentence", "sentence", "sentence", "sentence"]
    assert [s.text for s in doc_en.segments] == [
        "Source: Brannick",
        "He left.",
        "Dr. Brannick stayed.",
        "The end",
    ]
