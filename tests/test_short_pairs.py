"""Short pairs, as a new user tries the tool: 7-8 sentences, one or two defects, the real pipeline.

On short texts the aligner has little evidence, so a defect must not derail the alignment:
a sentence with a wrong number or a missing clause stays aligned to its English and gets
its own finding, never an "addition" of its correct neighbour; a dropped sentence and a
reworded duplicate are both reported. Every number change the issue lists is a case here,
in news text and in a software manual. All names and texts are invented.
"""

from __future__ import annotations

import pytest

from align.pipeline import check
from align.segment import segment

NEWS_EN = [
    "Marrowby Foods said on Tuesday that its annual profit rose 12 per cent to ¥48bn.",
    "The company sold more frozen meals in supermarkets across western Japan.",
    "Chief executive Ruth Calloway said demand had recovered after two difficult years of rising costs.",
    "The group plans to open a new factory in the south of the country next spring.",
    "It will hire about 300 workers for the plant, most of them from nearby towns.",
    "Shares in Marrowby rose 3 per cent in morning trading in Tokyo.",
    "Analysts expect further growth in the coming year.",
]
NEWS_JA = [
    "マロウビー・フーズは火曜日、年間利益が12%増の480億円になったと発表した。",
    "同社は西日本のスーパーで冷凍食品の販売を伸ばした。",
    "ルース・キャロウェイ最高経営責任者は、コスト上昇が続いた2年間の苦境を経て需要が回復したと述べた。",
    "同グループは来春、国内南部に新工場を開設する計画だ。",
    "同工場では約300人を雇用し、その大半は近隣の町から採用する。",
    "マロウビーの株価は東京の午前の取引で3%上昇した。",
    "アナリストは来年もさらなる成長を見込んでいる。",
]


def run(en: list[str], ja: list[str]):  # type: ignore[no-untyped-def]
    return check(segment("\n".join(ja) + "\n", "ja", "ja.txt"), segment("\n".join(en) + "\n", "en", "en.txt"))


def codes_at(result, ja_sentence: int) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in result.findings if ja_sentence in f.ja}


def test_the_clean_pair_is_clean() -> None:
    result = run(NEWS_EN, NEWS_JA)
    assert [b.vecalign() for b in result.alignment.beads] == [f"[{k}]:[{k}]" for k in range(7)]
    assert not [f for f in result.findings if f.category not in ("style",)]


def test_changed_percentage_stays_aligned_and_is_reported() -> None:
    ja = list(NEWS_JA)
    ja[0] = ja[0].replace("12%", "21%")
    result = run(NEWS_EN, ja)
    assert [b.vecalign() for b in result.alignment.beads] == [f"[{k}]:[{k}]" for k in range(7)]
    numbers = [f for f in result.findings if f.rule == "AL401"]
    assert len(numbers) == 1 and numbers[0].spans[0].text == "21%" and numbers[0].expected == "12 per cent"
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]


def test_sentence_cut_after_its_subject_is_flagged_not_its_neighbour() -> None:
    ja = list(NEWS_JA)
    ja[2] = "ルース・キャロウェイ最高経営責任者は、"
    result = run(NEWS_EN, ja)
    assert "[2]:[2]" in [b.vecalign() for b in result.alignment.beads]
    assert {"AL304", "AL303"} & codes_at(result, 2), result.findings
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]


def test_dropped_sentence_and_reworded_duplicate_are_both_reported() -> None:
    ja = list(NEWS_JA)
    del ja[3]  # the factory plan is not translated
    # Two sentences later, a reworded repeat of the supermarket sentence.
    ja.insert(4, "同社は西日本のスーパーマーケットで冷凍食品の売り上げを伸ばしている。")
    result = run(NEWS_EN, ja)
    omissions = [f for f in result.findings if f.rule == "AL101"]
    assert [f.en for f in omissions] == [(3,)]
    duplicates = [f for f in result.findings if f.rule == "AL103"]
    assert [f.ja for f in duplicates] == [(4,)]


# (English sentence, correct Japanese, defective Japanese, the defective span)
NUMBER_CASES = [
    (
        "The carmaker will cut 500 staff at its plant.",
        "同社は工場の従業員500人を削減する。",
        "同社は工場の従業員50人を削減する。",
        "50人",
    ),
    (
        "The storm left 2,300 homes without power.",
        "嵐で2300戸が停電した。",
        "嵐で3200戸が停電した。",
        "3200戸",
    ),
    (
        "The new tram line is 3.2 km long.",
        "新しい路面電車の路線は全長3.2キロだ。",
        "新しい路面電車の路線は全長32キロだ。",
        "32キロ",
    ),
    (
        "Temperatures in the city reached 38C on Tuesday.",
        "火曜日、市内の気温は38度に達した。",
        "火曜日、市内の気温は83度に達した。",
        "83度",
    ),
    (
        "The council will vote on the plan on June 4.",
        "議会は6月4日にこの計画を採決する。",
        "議会は6月14日にこの計画を採決する。",
        "6月14日",
    ),
    (
        "Repairs to the bridge will take three weeks.",
        "橋の修理には3週間かかる。",
        "橋の修理には4週間かかる。",
        "4週間",
    ),
]
MANUAL_CASES = [
    (
        "By default the database listens on port 5432.",
        "既定では、データベースはポート5432で待ち受ける。",
        "既定では、データベースはポート5433で待ち受ける。",
        "5433",
    ),
    (
        "The backup job runs every 15 minutes.",
        "バックアップジョブは15分ごとに実行される。",
        "バックアップジョブは50分ごとに実行される。",
        "50分",
    ),
    (
        "Pin the client with quillfold==1.4.2 in your requirements file.",
        "requirementsファイルで quillfold==1.4.2 としてクライアントを固定する。",
        "requirementsファイルで quillfold==1.4.1 としてクライアントを固定する。",
        "1.4.1",
    ),
    (
        "Send requests to https://api.example.org/v3/items instead.",
        "代わりに https://api.example.org/v3/items にリクエストを送る。",
        "代わりに https://api.example.org/v2/items にリクエストを送る。",
        "v2",
    ),
    (
        "Call load_config() before the server starts.",
        "サーバーの起動前に load_config() を呼び出す。",
        "サーバーの起動前に read_config() を呼び出す。",
        "read_config()",
    ),
]
_NEWS_FRAME_EN = [
    "Officials gave the figures at a briefing in the capital on Monday.",
    "They said the plan had the support of most local residents.",
    "Opposition members questioned the cost of the project.",
    "A final decision is expected before the end of the year.",
    "The regional government will publish a full report next month.",
    "Residents can comment on the proposal online.",
]
_NEWS_FRAME_JA = [
    "当局者は月曜日、首都での説明会でこれらの数字を示した。",
    "当局者によると、この計画は地元住民の大半の支持を得ている。",
    "野党議員は事業の費用を疑問視した。",
    "最終決定は年内に下される見通しだ。",
    "地方政府は来月、詳しい報告書を公表する。",
    "住民はこの提案についてオンラインで意見を述べることができる。",
]
_MANUAL_FRAME_EN = [
    "This guide explains how to install the service on a single machine.",
    "You need administrator rights for every step.",
    "First, download the package from the release page.",
    "Then edit the configuration file in your home directory.",
    "Restart the service after every change.",
    "Check the log file if the service does not start.",
]
_MANUAL_FRAME_JA = [
    "このガイドでは、サービスを1台のマシンにインストールする方法を説明する。",
    "すべての手順で管理者権限が必要だ。",
    "まず、リリースページからパッケージをダウンロードする。",
    "次に、ホームディレクトリにある設定ファイルを編集する。",
    "変更のたびにサービスを再起動する。",
    "サービスが起動しない場合はログファイルを確認する。",
]


@pytest.mark.parametrize(
    ("frame", "case"),
    [("news", c) for c in NUMBER_CASES] + [("manual", c) for c in MANUAL_CASES],
    ids=lambda v: v if isinstance(v, str) else v[3],
)
def test_changed_number_in_a_short_pair(frame: str, case: tuple[str, str, str, str]) -> None:
    en_sentence, good, bad, span = case
    frame_en, frame_ja = (
        (_NEWS_FRAME_EN, _NEWS_FRAME_JA) if frame == "news" else (_MANUAL_FRAME_EN, _MANUAL_FRAME_JA)
    )
    en = frame_en[:3] + [en_sentence] + frame_en[3:]
    clean = run(en, frame_ja[:3] + [good] + frame_ja[3:])
    assert not [f for f in clean.findings if f.category in ("number", "omission", "alignment")], (
        clean.findings
    )
    result = run(en, frame_ja[:3] + [bad] + frame_ja[3:])
    assert "[3]:[3]" in [b.vecalign() for b in result.alignment.beads]
    changed = [f for f in result.findings if f.category == "number"]
    assert len(changed) == 1, [f.message for f in result.findings]
    assert span in changed[0].spans[0].text and changed[0].ja == (3,)
    assert not [f for f in result.findings if f.rule in ("AL101", "AL102")]
