"""The speed benchmarks of issue 20: hunalign's input and output handling in
benchmarks/bench_hunalign.py and the varied 200k input of benchmarks/bench_pathological.py.

hunalign itself is not here (the user builds it); these tests check the parts that decide
whether its figures mean anything: the ladder read the right way round, the dictionary in
hunalign's ``target @ source`` order, the tokens it is given, and the exit code without it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from paths import CORPORA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_hunalign  # noqa: E402
import bench_pathological  # noqa: E402

needs_corpora = pytest.mark.skipif(
    not (CORPORA / "tanaka_01.gold").is_file(), reason="../shared/corpora is not beside this clone"
)


def test_ladder_rungs_become_beads_english_first() -> None:
    # hunalign's ladder for 4 Japanese lines against 5 English ones, the source (Japanese)
    # position first; English line 2 has no Japanese counterpart.
    ladder = "0\t0\t0.6\n1\t1\t0.5\n2\t2\t-0.3\n2\t3\t0.5\n3\t4\t0.5\n4\t5\t0.3\n"
    assert bench_hunalign.ladder_beads(ladder) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2,)),
        ((4,), (3,)),
    ]


@needs_corpora
def test_gold_round_trips_through_a_ladder() -> None:
    sc = bench_hunalign.scorer()
    gold = sc.read_beads(str(CORPORA / "tanaka_01.gold"))
    rungs, ja, en = [], 0, 0
    for e, j in gold:
        rungs.append(f"{ja}\t{en}\t0.5")
        ja, en = ja + len(j), en + len(e)
    rungs.append(f"{ja}\t{en}\t0.3")
    beads = bench_hunalign.ladder_beads("\n".join(rungs))
    assert beads == gold
    assert sc.score([(beads, gold)])["f1_strict"] == 1.0


def test_align_beads_output_is_parsed() -> None:
    assert bench_hunalign.align_beads("[0]:[0]\t0.91\n[1,2]:[]\t0.10\n[]:[1,2]\t0.5\n") == [
        ((0,), (0,)),
        ((1, 2), ()),
        ((), (1, 2)),
    ]


def test_single_word_glosses() -> None:
    assert bench_hunalign._one_word("to eat") == "eat"
    assert bench_hunalign._one_word("Dog (esp. a small one)") == "dog"
    assert bench_hunalign._one_word("dog (Canis (lupus) familiaris)") == "dog"
    assert bench_hunalign._one_word("x-ray") == "x-ray"
    assert bench_hunalign._one_word("to look after") is None
    assert bench_hunalign._one_word("(n) 3") is None


def test_hunalign_tokens() -> None:
    # Japanese: base forms, so that 食べ(なかった) meets the dictionary's 食べる; NFKC on both sides.
    (base,) = bench_hunalign.ja_tokens(["ヴォルテラ社はりんごを食べなかった。"], "base")
    assert "食べる" in base.split() and "食べ" not in base.split()
    (surface,) = bench_hunalign.ja_tokens(["ヴォルテラ社はりんごを食べなかった。"], "surface")
    assert "食べ" in surface.split() and "".join(surface.split()) == "ヴォルテラ社はりんごを食べなかった。"
    assert bench_hunalign.en_tokens(["Brannick's ＡＢＣ can't pay 3.5 km, \"now\"."]) == [
        "brannick's abc can't pay 3.5 km , \" now \" ."
    ]


@pytest.mark.slow  # a pass over all of JMdict (~10 s) unless the cached file is there
def test_dictionary_is_target_at_source() -> None:
    path = bench_hunalign.dictionary_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert bench_hunalign.dictionary_file() == path
    assert lines == sorted(set(lines)) and "" not in lines
    english, japanese = zip(
        *(line.split(" @ ") for line in lines[:: max(1, len(lines) // 2000)]), strict=True
    )
    assert all(w.isascii() and w == w.lower() and " " not in w for w in english)
    # JMdict has a few Latin-letter headwords (abbreviations); the rest is Japanese.
    assert sum(j.isascii() for j in japanese) < len(japanese) / 50
    assert "dog @ 犬" in lines and "eat @ 食べる" in lines


def test_missing_binary_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_hunalign.py"), str(tmp_path / "hunalign")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@needs_corpora
def test_varied_scale_input(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ja, en, nj, ne = bench_pathological.build_varied(tmp_path / "a", 30_000)
    first = (ja.read_bytes(), en.read_bytes())
    assert ne >= 30_000 and abs(nj - ne) < 1_000
    assert len(en.read_text(encoding="utf-8").splitlines()) == ne
    # Deterministic, and the second pass is not the first one repeated.
    again = bench_pathological.build_varied(tmp_path / "b", 30_000)
    assert (again[0].read_bytes(), again[1].read_bytes()) == first
    lines = en.read_text(encoding="utf-8").splitlines()
    corpus = sum(
        len(g.with_suffix(".en").read_text(encoding="utf-8").splitlines()) for g in CORPORA.glob("*.gold")
    )
    assert lines[corpus : corpus + 50] != lines[:50]
