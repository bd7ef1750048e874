"""Short pairs for the Latin-script and punctuation checks, as a new user tries the tool.

Each example of the fidelity issue's "Why" that concerns Latin text, written as an invented
pair of 7 sentences and run through the whole pipeline (segmenter, aligner, phrase layer,
rules): a single English word left in the Japanese, a Latin name with diacritics cut short
before 氏, an acronym with an ending, an identifier read out in katakana, a naira amount,
emoticons; and one finding per defect for a cut name with a blank before 氏.
"""

from __future__ import annotations

from align.model import Finding
from align.pipeline import check
from align.segment import segment

EN = [
    "The conductor Mirela Hošková opened the Velmora music festival on Friday.",
    "Hošková said the orchestra had rehearsed for three months.",
    "The festival is run by Velmora.com, which also sells the tickets.",
    "Sponsors include a GKX-based fund that also holds REITs and AI-related shares.",
    "The town council lent N585 million to local musicians this year.",
    "Tickets for the closing concert sold out within an hour.",
    "Organisers expect about 40,000 visitors over the weekend.",
]
JA = [
    "指揮者のミレラ・ホシュコヴァー氏が金曜日、ヴェルモラ音楽祭の幕を開けた。",
    "ホシュコヴァー氏は、オーケストラが3か月間リハーサルを重ねてきたと語った。",
    "音楽祭はヴェルモラ・ドット・コムが運営しており、チケットも同社が販売している。",
    "スポンサーには、REITやAI関連株も保有するGKX系のファンドが含まれる。",
    "町議会は今年、地元の音楽家に5億8500万ナイラを融資した。",
    "閉幕コンサートのチケットは1時間以内に完売した。",
    "主催者は週末に約4万人の来場者を見込んでいる。",
]


def run(ja: list[str], en: list[str] = EN) -> list[Finding]:
    result = check(
        segment("\n".join(ja) + "\n", "ja", "ja.txt"), segment("\n".join(en) + "\n", "en", "en.txt")
    )
    return list(result.findings)


def at(findings: list[Finding], j: int, *codes: str) -> list[Finding]:
    return [f for f in findings if j in f.ja and (not codes or f.rule in codes)]


def test_the_clean_pair_has_no_latin_finding() -> None:
    """Acronyms with endings (REITs, GKX-based, AI-related), the identifier read out in katakana
    and the naira amount are all accounted for."""
    findings = run(JA)
    latin = [f for f in findings if f.rule in ("AL301", "AL403", "AL601", "AL602")]
    assert latin == [], [f.message for f in latin]


def test_single_english_word_left_untranslated() -> None:
    ja = list(JA)
    ja[5] = "閉幕コンサートのticketsは1時間以内に完売した。"
    findings = at(run(ja), 5, "AL601")
    assert [f.spans[0].text for f in findings] == ["tickets"]


def test_latin_name_with_diacritics_cut_before_honorific_is_a_truncation() -> None:
    ja = list(JA)
    ja[1] = "Hošk 氏は、オーケストラが3か月間リハーサルを重ねてきたと語った。"
    findings = run(ja)
    cut = at(findings, 1, "AL301")
    assert [f.spans[0].text for f in cut] == ["Hošk 氏"] and cut[0].expected == "Hošková"
    # Not "untranslated" information, and one finding for one defect: no spacing finding either.
    assert not at(findings, 1, "AL602", "AL601", "AL702")


def test_identifier_cut_to_its_name_is_missing() -> None:
    ja = list(JA)
    ja[2] = "音楽祭はヴェルモラが運営しており、チケットも同社が販売している。"
    findings = at(run(ja), 2, "AL403")
    assert [f.expected for f in findings] == ["Velmora.com"]


def test_emoticons_are_no_brackets() -> None:
    en = [*EN[:5], "Tickets for the closing concert sold out within an hour :(", EN[6]]
    ja = list(JA)
    ja[5] = "閉幕コンサートのチケットは1時間以内に完売した:( 残念(^^;"
    findings = at(run(ja, en), 5)
    assert not [f for f in findings if f.category == "quote" or f.rule == "AL701"], [
        f.message for f in findings
    ]


def test_cut_name_with_a_blank_before_honorific_is_one_finding() -> None:
    """The blank of 'Brann 氏' is part of the cut name: AL301 reports it, AL702 does not again."""
    en = list(EN)
    en[1] = "Brannigan said the orchestra had rehearsed for three months."
    ja = list(JA)
    ja[1] = "Brann 氏は、オーケストラが3か月間リハーサルを重ねてきたと語った。"
    findings = at(run(ja, en), 1)
    assert [(f.rule, f.spans[0].text) for f in findings] == [("AL301", "Brann 氏")], [
        f.message for f in findings
    ]


def _presegmented(ja: list[str], en: list[str]) -> list[Finding]:
    result = check(
        segment("\n".join(ja) + "\n", "ja", "ja.txt", presegmented=True),
        segment("\n".join(en) + "\n", "en", "en.txt", presegmented=True),
    )
    return [f for f in result.findings if f.category == "quote"]


def test_quotation_over_lines_of_one_sentence_each() -> None:
    """With one sentence per line a quotation of two sentences spans two lines: no finding;
    a stray 」 four lines after an unclosed 「 is still two findings."""
    en = [
        'She said, "We will open a second hall.',
        'It will seat 800 people."',
        "The hall will open next spring.",
        "Tickets will go on sale in March.",
        "The council approved the plan.",
        'The mayor called it "a good day for the town."',
    ]
    ja = [
        "彼女は「第2ホールを開設します。",
        "800人を収容できます」と述べた。",
        "ホールは来春開館する。",
        "チケットは3月に発売される。",
        "議会はこの計画を承認した。",
        "市長はこれを「町にとって良い日だ」と評した。",
    ]
    assert _presegmented(ja, en) == []
    broken = [ja[0], "800人を収容できますと述べた。", *ja[2:5], "市長はこれを町にとって良い日だ」と評した。"]
    assert sorted(f.rule for f in _presegmented(broken, en)) == ["AL502", "AL503"]
