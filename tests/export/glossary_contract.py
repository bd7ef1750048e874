"""Expectations shared by the glossary formats (TBX, TSV, CSV)."""

from __future__ import annotations

from export_contract import ExporterContract

SAMPLE_ROWS: list[tuple[str, ...]] = [
    ("Sam Halton", "サム・ハルトン", "preferred"),
    ("Sam Halton", "ホルトン", "deprecated"),
    ("Chris Dunmore", "ダンモア", "preferred"),
    ("Chris Dunmore", "ダンモー", "admitted"),
    ("Chris Dunmore", "ダンモリガン", "deprecated"),
]


def hostile_rows(tab: str) -> list[tuple[str, ...]]:
    return [
        ("<Tag> & ]]> Co", "<タグ>&社", "preferred"),
        ("<Tag> & ]]> Co", f"a{tab}babcdef", "deprecated"),
        ("=cmd", "-コマンド", "preferred"),
        ("#hash", "ハッシュ", "preferred"),
    ]


class GlossaryContract(ExporterContract):
    def expected_sample(self) -> list[tuple[str, ...]]:
        return SAMPLE_ROWS

    def expected_hostile(self) -> list[tuple[str, ...]]:
        return hostile_rows("\t")
