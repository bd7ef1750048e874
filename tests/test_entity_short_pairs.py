"""Short pairs for issue 18's examples about names (substituted, missing, added), the real
pipeline, every name invented.

Each test is one class of the issue's "Why" written as a small pair of our own: a name
replaced by another, a name on one side only (both ways), a name that must not be tied to
another name of its sentence (a city to a person, a newspaper to a place, a name to the
place of a party), an identifier written out in katakana, a hyphenated surname as one name,
and a name the Japanese renders by a pronoun.
"""

from __future__ import annotations

from align.model import Finding
from align.pipeline import check
from align.segment import segment

#: The entity rules: substituted, missing, added.
ENTITY = ("AL205", "AL206", "AL207")


def entity_findings(en: list[str], ja: list[str]) -> list[Finding]:
    ja_doc = segment("\n".join(ja) + "\n", "ja", "ja.txt")
    result = check(ja_doc, segment("\n".join(en) + "\n", "en", "en.txt"))
    return [f for f in result.findings if f.rule in ENTITY]


NEWS_EN = [
    "Orlenvia Metals said on Tuesday that its profit rose.",
    "Chief executive Marta Brannick said demand had recovered in Veltham.",
    "The company will build a plant near Penwick next year.",
]
NEWS_JA = [
    "オーレンビア・メタルズは火曜日、利益が増えたと発表した。",
    "マルタ・ブラニック最高経営責任者は、ヴェルサムで需要が回復したと述べた。",
    "同社は来年、ペンウィック近郊に工場を建設する。",
]


def test_clean_pair_has_no_entity_finding() -> None:
    assert entity_findings(NEWS_EN, NEWS_JA) == []


def test_name_replaced_by_another_is_one_substitution_naming_both() -> None:
    ja = list(NEWS_JA)
    ja[2] = ja[2].replace("ペンウィック", "コルデビア")
    found = entity_findings(NEWS_EN, ja)
    assert [f.rule for f in found] == ["AL205"]
    assert "Penwick" in found[0].message and "コルデビア" in found[0].message


def test_name_dropped_from_the_japanese_is_missing() -> None:
    ja = list(NEWS_JA)
    ja[2] = "同社は来年、工場を建設する。"
    found = entity_findings(NEWS_EN, ja)
    assert [(f.rule, f.expected) for f in found] == [("AL206", "Penwick")]


def test_name_the_english_lacks_is_added() -> None:
    en = list(NEWS_EN)
    en[2] = "The company will build a plant next year."
    found = entity_findings(en, NEWS_JA)
    assert [(f.rule, f.spans[0].text) for f in found] == [("AL207", "ペンウィック")]


def test_a_city_is_not_tied_to_the_persons_name_of_its_sentence() -> None:
    # The city is replaced; the person's katakana name stays tied to the person.
    ja = list(NEWS_JA)
    ja[1] = ja[1].replace("ヴェルサム", "コルデビア")
    found = entity_findings(NEWS_EN, ja)
    assert [f.rule for f in found] == ["AL205"]
    assert "Veltham" in found[0].message and "コルデビア" in found[0].message


def test_a_newspaper_is_not_tied_to_the_place_in_a_partys_name() -> None:
    en = ["The Penwick Courier reported that the Veltham National Party won the vote."]
    ja = ["ペンウィック・クーリエ紙は、ヴェルサム国民党が投票で勝利したと報じた。"]
    assert entity_findings(en, ja) == []
    # Without the newspaper's name in the Japanese, the newspaper is missing, and the
    # party's place is not taken for it.
    ja = ["新聞は、ヴェルサム国民党が投票で勝利したと報じた。"]
    found = entity_findings(en, ja)
    assert [(f.rule, f.expected) for f in found] == [("AL206", "Penwick Courier")]


def test_an_identifier_written_out_in_katakana_is_rendered() -> None:
    en = ["Velocore.com said it would postpone its annual sale."]
    ja = ["ヴェロコア・ドット・コムは年次セールの延期を発表した。"]
    assert entity_findings(en, ja) == []


def test_an_identifier_replaced_by_another_name_is_a_substitution() -> None:
    en = ["Brannick Bank said it would postpone its annual sale."]
    ja = ["ヴェロコア・ドット・コムは年次セールの延期を発表した。"]
    assert [f.rule for f in entity_findings(en, ja)] == ["AL205"]


def test_a_hyphenated_surname_is_one_name() -> None:
    en = ["Judge Okonsa-Blake dismissed the claim."]
    assert entity_findings(en, ["オコンサ=ブレイク判事は請求を棄却した。"]) == []


def test_a_pronoun_for_a_name_is_no_omission_but_one_for_a_pronoun_is() -> None:
    en = ["Brannick said the plant would open in spring."]
    assert entity_findings(en, ["彼は、工場は春に開業すると述べた。"]) == []
    # "he" in the English is what 彼 renders: the dropped name is missing.
    en = ["Brannick said he would open the plant in spring."]
    found = entity_findings(en, ["彼は春に工場を開くと述べた。"])
    assert [(f.rule, f.expected) for f in found] == [("AL206", "Brannick")]


def test_a_possessive_ordinary_noun_replacing_a_name_is_a_substitution() -> None:
    en = ["Marrow's car was found near the river."]
    ja = ["ブラニックさんの車は川の近くで見つかった。"]
    found = entity_findings(en, ja)
    assert [f.rule for f in found] == ["AL205"] and "Marrow" in found[0].message
