"""Short pairs for the name variants, truncations and ties of issue 18 ("Why"), on the real pipeline.

Each defect must give one finding of its own kind and no other finding about that name: a
variant is no substitution, a cut name is no variant, and a name is never tied to another
name's katakana. All names and texts are invented.
"""

from __future__ import annotations

import pytest

from align.model import Finding
from align.pipeline import check
from align.segment import segment

NAME_RULES = ("AL201", "AL202", "AL205", "AL206", "AL207", "AL301")


def names_findings(en: str, ja: str) -> list[Finding]:
    result = check(segment(ja, "ja", "ja.txt"), segment(en, "en", "en.txt"))
    return [f for f in result.findings if f.rule in NAME_RULES]


def test_kanji_surname_with_a_variant_kanji_of_one_reading() -> None:
    found = names_findings(
        "Morisawa chairs the board. The board thanked Morisawa for his work. Shares rose on Friday.",
        "森沢氏が取締役会の議長を務める。取締役会は森澤氏の働きに感謝した。金曜日に株価は上昇した。",
    )
    assert [(f.rule, f.expected) for f in found] == [("AL201", "Morisawa")]
    assert {v.form for v in found[0].variants} == {"森沢", "森澤"}


def test_title_translated_once_and_transliterated_once() -> None:
    found = names_findings(
        'Her novel "Winter Orchard" sold well. Critics praised "Winter Orchard" for its style. '
        "The author thanked her readers.",
        "彼女の小説『冬の果樹園』はよく売れた。批評家は『ウィンター・オーチャード』の文体を称賛した。"
        "著者は読者に感謝した。",
    )
    assert [(f.rule, f.expected) for f in found] == [("AL202", "Winter Orchard")]
    assert {v.form for v in found[0].variants} == {"冬の果樹園", "ウィンター・オーチャード"}


def test_romanised_korean_surname_rendered_two_ways() -> None:
    found = names_findings(
        "Choi Min-seo joined in May. Choi said the plan works. Choi will lead the unit.",
        "チェ・ミンソ氏は5月に加わった。チョイ氏は計画がうまくいくと述べた。チェ氏が部門を率いる。",
    )
    # One defect, one finding: the variant, not a substitution of the name by チェ or チョイ.
    assert [(f.rule, f.expected) for f in found] == [("AL201", "Choi")]
    assert [s.text for s in found[0].spans][0] == "チョイ"


def test_long_surname_cut_to_its_first_morae_before_an_honorific() -> None:
    found = names_findings(
        "Tollemarsh opened the plant. Tollemarsh said output would double. The town welcomed the jobs.",
        "トールマーシュ氏が工場を開設した。トールマ氏によると生産量は倍増する。町は雇用を歓迎した。",
    )
    assert [(f.rule, f.spans[0].text) for f in found] == [("AL301", "トールマ氏")]
    assert found[0].expected == "トールマーシュ"


@pytest.mark.parametrize(
    ("ja", "rules"),
    [
        ("マーロウ判事も判決に同意した。マーロウ＝グラント判事が意見を書いた。", ["AL301"]),
        ("マーロウ＝グラント判事も判決に同意した。マーロウ＝グラント判事が意見を書いた。", []),
    ],
)
def test_double_barrelled_surname_is_one_name(ja: str, rules: list[str]) -> None:
    """Its halves are no two renderings of it ('rendered 2 ways: X, Y'): one half alone is the
    name cut short, and both halves joined are the name."""
    found = names_findings(
        "Justice Marlowe-Grant agreed with the ruling. Marlowe-Grant wrote the opinion.", ja
    )
    assert [f.rule for f in found] == rules
    assert not any(f.rule == "AL201" for f in found)


def test_a_city_is_not_tied_to_a_persons_name_in_the_same_sentence() -> None:
    found = names_findings(
        "Marlow met Dr Halvard in Vellmar. Marlow said the talks went well. Vellmar hosts the summit.",
        "マーロウ氏はヴェルマーでハルヴァード博士と会った。マーロウ氏は協議は順調だったと述べた。"
        "ヴェルマーは首脳会議を主催する。",
    )
    assert not found


def test_a_magazine_is_not_tied_to_a_city_of_its_sentence() -> None:
    found = names_findings(
        "Brightfield Weekly reported the deal on Monday. Brightfield Weekly cited sources in Kessington.",
        "ブライトフィールド・ウィークリー誌は月曜日にこの取引を報じた。"
        "ブライトフィールド・ウィークリー誌はケシントンの関係者を引用した。",
    )
    assert not [f for f in found if f.rule in ("AL201", "AL202")]


def test_a_role_is_not_tied_to_another_compound_sharing_a_word() -> None:
    found = names_findings(
        "The defence minister approved the plan. The defence minister cut the budget for drones.",
        "国防相は計画を承認した。国防相はドローンの国防予算を削減した。",
    )
    assert not found


def test_well_known_name_in_latin_and_in_its_usual_katakana_is_no_variant() -> None:
    found = names_findings(
        "Posts on Twitter spread fast. Twitter removed them on Monday.",
        "Twitterへの投稿は急速に広まった。ツイッターは月曜日にそれらを削除した。",
    )
    assert not found


def test_a_coined_katakana_beside_the_latin_name_is_a_variant() -> None:
    found = names_findings(
        "Korvane Labs builds sensors. Korvane Labs hired staff. Korvane Labs grew fast.",
        "Korvane Labsはセンサーを作る。Korvane Labsは人員を採用した。コーヴェイン・ラボは急成長した。",
    )
    assert [f.rule for f in found] == ["AL202"]


def test_a_substituted_name_is_reported_once_as_a_substitution() -> None:
    found = names_findings(
        "Brannick met investors. Brannick said sales rose. Brannick expects growth.",
        "ブラニック氏は投資家と会った。ホルスト氏によると売上は増えた。ブラニック氏は成長を見込む。",
    )
    assert [f.rule for f in found] == ["AL205"]


def test_a_word_beginning_a_longer_katakana_compound_is_not_cut_short() -> None:
    found = names_findings(
        "Sales peak in the Christmas season. Christmas shoppers arrive early. Stores hire more staff.",
        "売上はクリスマスシーズンにピークを迎える。クリスマスの買い物客は早く来る。店は人員を増やす。",
    )
    assert not found
