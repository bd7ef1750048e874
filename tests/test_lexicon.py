"""The lexicon on real data: fugashi + unidic-lite tokens, JMdict/JMnedict via jamdict-data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from align.lexicon import dictionary, names, quantities
from align.lexicon.tokens import Token, document_tokens, tokenize

ROOT = Path(__file__).resolve().parents[1]

# --- tokens ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "クリス・レーン氏は2015年に１兆ドルを投資した。",
        "  全角　スペース と ASCII space, GPT-4 と H100。",
        "",
    ],
)
def test_token_offsets_point_into_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    # MeCab skips ASCII blanks only; an ideographic space is a token of its own.
    assert "".join(t.surface for t in tokens) == text.replace(" ", "")


def test_token_fields_come_from_unidic() -> None:
    toks = {t.surface: t for t in tokenize("会社はレーンを食べた。")}
    assert isinstance(toks["会社"], Token)
    assert toks["会社"].pos1 == "名詞" and toks["会社"].reading == "カイシャ"
    assert toks["食べ"].lemma == "食べる" and toks["食べ"].pos1 == "動詞"
    # UniDic's loanword origin is split off the lemma.
    assert toks["レーン"].lemma == "レーン" and toks["レーン"].origin == "lane"


def test_a_document_is_tokenized_once_for_every_stage() -> None:
    from align.aligner import align
    from align.lexicon.keys import pair_keys
    from align.rules import Context
    from align.segment import segment

    ja = segment("データ構造のコースを、分かりやすく説明します。株価は上昇した。", "ja")
    en = segment("The course explains data structures. Shares rose.", "en")
    per_sentence = document_tokens(ja)
    assert document_tokens(ja) is per_sentence
    assert [t.surface for t in per_sentence[0]][:3] == ["データ", "構造", "の"]
    # The aligner's keys, the rules and the phrase layer read the very same Token records.
    pair_keys(en, ja, 5, 40)
    ctx = Context(ja, en, align(en, ja))
    assert ctx.tokens(1) is per_sentence[1]
    assert all(a is b for a, b in zip(tokenize(ja.segments[1].text), per_sentence[1], strict=True))


def test_a_long_document_s_sentences_are_parsed_once_and_forgotten_with_it() -> None:
    import gc

    from align.lexicon import tokens as tokens_module
    from align.segment import segment

    # More sentences than the memo of other texts holds, one of them twice.
    lines = [f"ヴォルテラ社は{i}台の車を作った。" for i in range(2100)] + ["ヴォルテラ社は0台の車を作った。"]
    ja = segment("\n".join(lines), "ja", presegmented=True)
    per_sentence = document_tokens(ja)
    assert per_sentence[0] is per_sentence[-1]
    # Every pass over the document reads the same records, however long the document is.
    for k in (0, 1000, 2099):
        assert all(a is b for a, b in zip(tokenize(lines[k]), per_sentence[k], strict=True))
    assert tokenize(lines[5]) == [*tokens_module._parse(lines[5])]
    del ja, per_sentence
    gc.collect()
    assert lines[5] not in tokens_module._SENTENCES
    # Parsed again, by the same MeCab.
    assert "".join(t.surface for t in tokenize(lines[5])) == lines[5]


# --- numbers: one grammar for the aligner and the rules ---------------------------

PAIRS = [
    ("1兆ドル", "$1tn", 1e12, "money"),
    ("10万台", "100,000 units", 1e5, "count"),
    ("100万ドル", "$1m", 1e6, "money"),
    ("100万ドル", "$1mn", 1e6, "money"),
    ("4億2000万ポンド", "£420mn", 4.2e8, "money"),
    ("2100億円", "¥210bn", 2.1e11, "money"),
    ("2015年", "in 2015", 2015, "year"),
    ("11月", "November", 1100, "date"),
    ("3.5%", "3.5 per cent", 3.5, "percent"),
    ("３．５％", "3.5%", 3.5, "percent"),
    ("２０１５年", "2015", 2015, "year"),
    ("三つ", "three", 3, None),
    ("十人", "ten people", 10, "count"),
    ("二十歳", "twenty years old", 20, "count"),
    ("二〇一五年", "2015", 2015, "year"),
    ("66億ドル", "$6.6 billion", 6.6e9, "money"),
]


def _shared_keys(qj: quantities.Quantity, qe: quantities.Quantity) -> set[str]:
    keys_j = {k for group in quantities.number_keys(qj) for k in group}
    keys_e = {k for group in quantities.number_keys(qe) for k in group}
    return keys_j & keys_e


@pytest.mark.parametrize(("ja", "en", "value", "kind"), PAIRS)
def test_quantities_normalise_across_languages(ja: str, en: str, value: float, kind: str | None) -> None:
    """The rules pair both sides, and the aligner's keys for them agree."""
    from align.phrases.numbers import match_quantities

    (qj,) = quantities.ja_quantities(ja)
    (qe,) = quantities.en_quantities(en)
    assert qj.value == pytest.approx(value) and qe.value == pytest.approx(value)
    if kind:
        assert qj.kind == qe.kind == kind
    matches, mismatches = match_quantities([qe], [qj])
    assert len(matches) == 1 and mismatches == []
    assert _shared_keys(qj, qe)
    assert ja[qj.start : qj.end] == qj.text and en[qe.start : qe.end] == qe.text


@pytest.mark.parametrize(
    ("ja", "en"),
    [("100万ドル", "$1bn"), ("3.5%", "$3.5"), ("2015年", "2016"), ("11月", "December"), ("100万円", "$1m")],
)
def test_different_quantities_differ(ja: str, en: str) -> None:
    from align.phrases.numbers import match_quantities

    (qj,) = quantities.ja_quantities(ja)
    (qe,) = quantities.en_quantities(en)
    assert match_quantities([qe], [qj])[0] == []


@pytest.mark.parametrize(
    "text", ["統一された一般的な方法", "一方で", "万一の場合", "十分です", "一番", "七夕", "百貨店"]
)
def test_kanji_words_are_not_numbers(text: str) -> None:
    assert quantities.ja_quantities(text) == []


@pytest.mark.parametrize("text", ["May I come in?", "one of them said", "A4x paper"])
def test_english_non_numbers(text: str) -> None:
    assert quantities.en_quantities(text) == []


# --- names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kana", "roman"),
    [
        ("ホフマン", "hofuman"),
        ("チェック", "chekku"),
        ("ジョン", "jon"),
        ("ティー", "tii"),
        ("ファイル", "fairu"),
        # Foreign-sound spellings that cutlet's own table lacks (see translit._foreign_sounds).
        ("ウィルソン", "wiruson"),
        ("ウォーカー", "wookaa"),
        ("イェーツ", "yeetsu"),
        ("クァルテット", "kwarutetto"),
        ("ニェムツォフ", "nyemutsofu"),
        # Letters only: no n' before a vowel, no - for a lone long mark.
        ("ケンイチ", "kenichi"),
        ("ジョン・スミス", "jonsumisu"),
        ("ひらがな", "hiragana"),
    ],
)
def test_romaji(kana: str, roman: str) -> None:
    from align.lexicon.translit import romaji

    assert romaji(kana) == roman


def test_katakana_runs_keep_middle_dots_and_long_marks() -> None:
    from align.phrases.japanese import katakana_runs

    text = "クリス・ダンモア氏とサム・ハルトン。スミス＝ジョーンズ"
    runs = katakana_runs(text)
    assert [r.text for r in runs] == ["クリス・ダンモア", "サム・ハルトン", "スミス＝ジョーンズ"]
    assert all(text[r.start : r.end] == r.text for r in runs)


def test_kana_conversion_round_trip() -> None:
    from align.charclass import to_hiragana, to_katakana

    assert to_katakana("わたなべゝ") == "ワタナベヽ"
    assert to_hiragana("ワタナベヽ") == "わたなべゝ"
    assert to_hiragana("ヴァ・ヷ") == "ゔぁ・ヷ"  # ヷ has no hiragana letter


def test_transliteration_scores_order_plausibility() -> None:
    halton = names.translit_score("ハルトン", "Halton")
    hoffman = names.translit_score("ホフマン", "Hoffman")
    dunmore = names.translit_score("ダンモー", "Dunmore")  # a shortened rendering
    wrong = names.translit_score("ホフマン", "Halton")
    assert halton >= 0.9 and hoffman >= 0.9
    assert 0.4 <= dunmore < halton
    assert wrong < 0.6 and wrong < dunmore
    assert names.translit_score("ホルトン", "Halton") < halton  # one vowel off
    assert all(0.0 <= x <= 1.0 for x in (halton, hoffman, dunmore, wrong))


def test_jmnedict_transliterations() -> None:
    assert "John" in names.jmnedict_latin("ジョン")
    assert "Tanaka" in names.jmnedict_latin("田中")
    assert names.jmnedict_latin("ではない語") == ()


# --- dictionary -----------------------------------------------------------------


def test_gloss_gives_english_content_words() -> None:
    assert "company" in dictionary.gloss("会社")
    assert "algorithm" in dictionary.gloss("アルゴリズム")
    assert "eat" in dictionary.gloss("食べる")
    # Function words of the glosses ("to eat") are dropped by frequency, not by a list.
    assert "to" not in dictionary.gloss("食べる")
    assert dictionary.gloss("存在しない語ですよ") == frozenset()


def test_kana_spelling_only_means_kana_written_words() -> None:
    # こう as a kana spelling must not pull in 校 (school), 港 (port) and the other homophones.
    assert "school" not in dictionary.gloss("こう")
    assert "port" not in dictionary.gloss("こう")
    assert "school" in dictionary.gloss("学校")


def test_reverse_gloss_index_maps_english_to_kanji_forms() -> None:
    forms = dictionary.reverse_gloss("company")
    assert "会社" in forms
    assert all(len(form) >= 2 for form in forms)


def test_signature_names_the_data_version() -> None:
    assert dictionary.signature().startswith("jmdict-1.")


def test_cache_lives_in_align_cache_dir(tmp_path: Path) -> None:
    """Two processes build a cold cache at once; both succeed and leave one valid file."""
    env = dict(os.environ, ALIGN_CACHE_DIR=str(tmp_path))
    code = "from align.lexicon.dictionary import gloss; assert 'company' in gloss('会社')"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    files = sorted(f.name for f in tmp_path.iterdir())
    assert len(files) == 1 and files[0].startswith("jmdict-index-") and files[0].endswith(".sqlite")
    # A warm run queries the file (and a corrupt one is rebuilt, not fatal).
    (tmp_path / files[0]).write_bytes(b"garbage")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
