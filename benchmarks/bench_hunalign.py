#!/usr/bin/env python3
"""``align beads --presegmented`` against hunalign on tanaka_20k: wall time, peak RSS, F1.

    python3 benchmarks/bench_hunalign.py HUNALIGN_BIN [--runs 3] [--ja-tokens base|surface]

hunalign is not part of this project and nothing here builds it. It is Dániel Varga's
sentence aligner (LGPL), published on GitHub as ``danielvarga/hunalign``; the figures in
issue 20 and in ../shared/corpora/README.md were taken with its newest commit, 2fbcbc9
(2020). The user fetches that source, builds it with the plain Makefile in its
``src/hunalign`` folder (a C++ compiler and make are all it needs; it reads no
configuration and opens no network connection) and passes the path of the resulting
``hunalign`` binary as the first argument. The script exits with code 2 and a one-line
message when the binary or ../shared/corpora is missing.

What is compared, each run in a fresh process, the two tools in alternation, at least
``--runs`` times each after one untimed warm-up run of each (page cache, bytecode):

- align: ``python3 -m align beads --presegmented --ja tanaka_20k.ja --en tanaka_20k.en``,
  with the JMdict index already built (warm cache, as a user's second run);
- hunalign: its input must be tokenised, and that preprocessing is counted in its time.
  A fresh Python process (this script with ``--prep``) NFKC-normalises both files,
  writes the Japanese as fugashi + unidic-lite tokens separated by spaces (MeCab's text
  output, the fastest way fugashi offers, with UniDic's written base form ``orthBase`` by
  default so that inflected words meet the dictionary's headwords; ``--ja-tokens surface``
  writes the surface forms) and the English lower-cased and split into words and
  punctuation; then ``hunalign DIC ja.tok en.tok`` runs with its default parameters. Its
  wall time is the two processes' together, its peak RSS the larger of the two.

hunalign's dictionary lists one ``target @ source`` item per line, the target language
first (its README says so: the order is the reverse of the command line's). Japanese is
the source file here, so each line is ``english_word @ japanese_form``. The items are the
single-word English glosses of JMdict (a gloss that is one word once its parenthesised
notes and a leading "to " are dropped), paired with every written form of the entry,
keeping only the words the project's own JMdict index (``align.lexicon.dictionary
.gloss_words``) gives for that form, so its data-driven function words are left out the
same way. The file is sorted (deterministic) and cached in the align cache folder
(``$ALIGN_CACHE_DIR`` or the user cache dir), under ``bench/``, named after the JMdict data
version; building it is not timed.

hunalign's default output is a ladder: one rung ``ja_pos <TAB> en_pos <TAB> score`` per
line (source position first), from (0, 0) to (number of ja lines, number of en lines),
each rung meaning "the first ja_pos Japanese lines match the first en_pos English lines".
The bead between two consecutive rungs holds the lines between them on each side (a 0-1
or 1-0 bead when one side does not move). Both outputs are scored with
../shared/corpora/score.py against tanaka_20k.gold (strict and lax F1).

Printed: each run's wall time, CPU time and peak RSS (``os.wait4`` of each process), the
medians, the median wall ratio align / hunalign (issue 20's target: at most 0.6), the CPU
ratio (which a busy machine disturbs less) and both tools' F1 (align's target: strict F1 at
least 0.97). On a shared machine the times are noisy; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
DOC = "tanaka_20k"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import scorer  # noqa: E402  (the corpora's score.py, loaded one way)

Bead = tuple[tuple[int, ...], tuple[int, ...]]

#: Bump when the dictionary's recipe changes, so that a stale cached file is not reused.
DIC_FORMAT = 2
_PAREN = re.compile(r"\([^()]*\)")
_ONE_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['’-]\w+)*|[^\w\s]")


# --- hunalign's input: the preprocessing that is timed as part of hunalign's run -----------------


def _ja_tagger(kind: str) -> Any:
    """MeCab with a text output of one "surface <TAB> orthBase" line per token."""
    import fugashi
    import unidic_lite

    d = unidic_lite.DICDIR
    # An empty output-format-type lets --node-format win over the dictionary's own format.
    field = "%f[10]" if kind == "base" else ""
    return fugashi.GenericTagger(
        f"-r {d}/mecabrc -d {d} --output-format-type= "
        f"'--node-format=%m\\t{field}\\n' '--unk-format=%m\\t\\n' '--eos-format=EOS\\n'"
    )


def ja_tokens(lines: list[str], kind: str) -> list[str]:
    parse = _ja_tagger(kind).parse
    out = []
    for line in lines:
        words = []
        for row in parse(unicodedata.normalize("NFKC", line)).split("\n"):
            surface, tab, base = row.partition("\t")
            if tab:  # not the EOS line
                words.append(base or surface)
        out.append(" ".join(words))
    return out


def en_tokens(lines: list[str]) -> list[str]:
    return [" ".join(_EN_TOKEN.findall(unicodedata.normalize("NFKC", line).lower())) for line in lines]


def prep_main(argv: list[str]) -> int:
    """``--prep KIND JA EN JA_OUT EN_OUT``: the tokenising half of a hunalign run."""
    kind, ja, en, ja_out, en_out = argv
    ja_lines = Path(ja).read_text(encoding="utf-8").splitlines()
    en_lines = Path(en).read_text(encoding="utf-8").splitlines()
    Path(ja_out).write_text("\n".join(ja_tokens(ja_lines, kind)) + "\n", encoding="utf-8")
    Path(en_out).write_text("\n".join(en_tokens(en_lines)) + "\n", encoding="utf-8")
    return 0


# --- the dictionary (built once, cached, not timed) ------------------------------------------------


def _one_word(gloss: str) -> str | None:
    text = gloss.lower()
    while "(" in text:  # innermost first: "dog (Canis (lupus) familiaris)"
        text, n = _PAREN.subn(" ", text)
        if not n:
            break
    text = text.strip()
    if text.startswith("to "):  # JMdict's verb glosses: "to eat"
        text = text[3:].strip()
    return text if _ONE_WORD.fullmatch(text) else None


def dictionary_lines() -> list[str]:
    """``english @ japanese`` items from JMdict's single-word glosses, sorted."""
    import jamdict_data

    from align.lexicon.dictionary import gloss_words

    db = Path(jamdict_data.__file__).with_name("jamdict.db")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        words: dict[int, set[str]] = {}
        for idseq, text in con.execute(
            "SELECT s.idseq, g.text FROM Sense s JOIN SenseGloss g ON g.sid = s.ID "
            "WHERE g.lang IS NULL OR g.lang = 'eng'"
        ):
            word = _one_word(text)
            if word:
                words.setdefault(idseq, set()).add(word)
        forms = con.execute("SELECT idseq, text FROM Kanji UNION SELECT idseq, text FROM Kana").fetchall()
    items: set[str] = set()
    for idseq, form in forms:
        found = words.get(idseq)
        if not found or not form or any(c.isspace() for c in form):
            continue
        known = set(gloss_words(form))  # the project's index: function words left out
        key = unicodedata.normalize("NFKC", form)
        items.update(f"{w} @ {key}" for w in found & known)
    return sorted(items)


def dictionary_file() -> Path:
    from align.lexicon.dictionary import build_indexes, cache_dir, data_version

    build_indexes()
    path = cache_dir() / "bench" / f"hunalign-jmdict-{data_version()}-d{DIC_FORMAT}.dic"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # No empty line: hunalign stops reading its dictionary at the first one.
            f.write("\n".join(dictionary_lines()) + "\n")
        os.replace(tmp, path)
        for old in path.parent.glob("hunalign-jmdict-*.dic"):  # other data versions or recipes
            if old != path:
                old.unlink(missing_ok=True)
    return path


# --- runs -----------------------------------------------------------------------------------------


def measured(cmd: list[str], stdout: Path | None = None, cwd: Path = ROOT) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS KiB) of one process; a failure ends the benchmark."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()  # drained first: hunalign writes a lot of progress there
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise SystemExit(f"{cmd[0]} {' '.join(cmd[1:3])}... failed ({proc.returncode}): {tail[0]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


#: (wall s, CPU s, peak RSS KiB, wall s of hunalign's tokenising step) of one run.
Run = tuple[float, float, int, float]


def run_align(tmp: Path) -> tuple[Run, Path]:
    out = tmp / "align.beads"
    ja, en = CORPORA / f"{DOC}.ja", CORPORA / f"{DOC}.en"
    cmd = [sys.executable, "-m", "align", "beads", "--presegmented", "--ja", str(ja), "--en", str(en)]
    wall, cpu, rss = measured(cmd, out)
    return (wall, cpu, rss, 0.0), out


def run_hunalign(binary: Path, dic: Path, tmp: Path, kind: str) -> tuple[Run, Path]:
    ja_tok, en_tok, out = tmp / "ja.tok", tmp / "en.tok", tmp / "hunalign.ladder"
    prep = [sys.executable, str(Path(__file__).resolve()), "--prep", kind]
    prep += [str(CORPORA / f"{DOC}.ja"), str(CORPORA / f"{DOC}.en"), str(ja_tok), str(en_tok)]
    w1, c1, r1 = measured(prep)
    # In the temporary folder: hunalign writes an (empty) translate.txt into its working directory.
    w2, c2, r2 = measured([str(binary), str(dic), str(ja_tok), str(en_tok)], out, cwd=tmp)
    return (w1 + w2, c1 + c2, max(r1, r2), w1), out


# --- outputs to beads, scoring --------------------------------------------------------------------


def ladder_beads(text: str) -> list[Bead]:
    """hunalign's ladder (ja_pos, en_pos, score rungs) as beads, English side first."""
    rungs = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2:
            rungs.append((int(cols[0]), int(cols[1])))
    beads = []
    for (j0, e0), (j1, e1) in zip(rungs, rungs[1:], strict=False):
        if j1 > j0 or e1 > e0:
            beads.append((tuple(range(e0, e1)), tuple(range(j0, j1))))
    return beads


def align_beads(text: str) -> list[Bead]:
    """``align beads`` output: ``[en]:[ja]<TAB>score`` per line."""
    beads = []
    for line in text.splitlines():
        left, right = line.split("\t")[0].split(":")
        beads.append(
            (
                tuple(int(x) for x in left.strip("[]").split(",") if x),
                tuple(int(x) for x in right.strip("[]").split(",") if x),
            )
        )
    return beads


def _fail(message: str) -> None:
    print(f"bench_hunalign: {message}", file=sys.stderr)
    raise SystemExit(2)


def _row(label: str, run: Run) -> str:
    wall, cpu, rss, prep = run
    return (
        f"| {label} | {wall:.2f} s | {cpu:.2f} s | {rss / 1024:.0f} MiB | {f'{prep:.2f} s' if prep else ''} |"
    )


def main() -> int:
    if sys.argv[1:2] == ["--prep"]:
        return prep_main(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("hunalign", type=Path, metavar="HUNALIGN_BIN", help="path of a built hunalign binary")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each tool (default 3)")
    ap.add_argument(
        "--ja-tokens", choices=("base", "surface"), default="base", help="Japanese tokens for hunalign"
    )
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed first run of each")
    a = ap.parse_args()
    if not all((CORPORA / f"{DOC}.{ext}").is_file() for ext in ("ja", "en", "gold")):
        _fail(f"{CORPORA}: no {DOC}.ja/.en/.gold (the shared corpora must sit beside the clone)")
    if not a.hunalign.is_file() or not os.access(a.hunalign, os.X_OK):
        _fail(f"{a.hunalign}: no hunalign binary there (build it from danielvarga/hunalign, src/hunalign)")
    runs = max(1, a.runs)
    dic = dictionary_file()
    n_items = sum(1 for _ in dic.open(encoding="utf-8"))
    print(f"# bench_hunalign: {DOC}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"# hunalign dictionary: {n_items:,} JMdict items, {dic}; Japanese tokens: {a.ja_tokens}\n")
    results: dict[str, list[Run]] = {"align": [], "hunalign": []}
    outputs: dict[str, set[bytes]] = {"align": set(), "hunalign": set()}
    with tempfile.TemporaryDirectory(prefix="bench-hunalign-") as name:
        tmp = Path(name)
        tools = {
            "align": lambda: run_align(tmp),
            "hunalign": lambda: run_hunalign(a.hunalign, dic, tmp, a.ja_tokens),
        }
        if not a.no_warmup:
            for warm_up in tools.values():
                warm_up()
        print("| run | wall | CPU | peak RSS | of the wall: tokenising for hunalign |")
        print("|---|---|---|---|---|")
        for k in range(runs):
            # Alternate which goes first, so neither always runs after the other's cache traffic.
            for tool in ("align", "hunalign") if k % 2 == 0 else ("hunalign", "align"):
                run, out = tools[tool]()
                results[tool].append(run)
                outputs[tool].add(out.read_bytes())
                print(_row(f"{tool} #{k + 1}", run), flush=True)
        sc = scorer()
        gold = sc.read_beads(str(CORPORA / f"{DOC}.gold"))
        scores = {
            "align": sc.score([(align_beads((tmp / "align.beads").read_text(encoding="utf-8")), gold)]),
            "hunalign": sc.score(
                [(ladder_beads((tmp / "hunalign.ladder").read_text(encoding="utf-8")), gold)]
            ),
        }
    print()
    med = {t: statistics.median(r[0] for r in rs) for t, rs in results.items()}
    print("| tool | median wall | median CPU | max peak RSS | strict F1 | lax F1 | identical outputs |")
    print("|---|---|---|---|---|---|---|")
    cpu = {t: statistics.median(r[1] for r in rs) for t, rs in results.items()}
    for t, rs in results.items():
        rss = max(r[2] for r in rs) / 1024
        s = scores[t]
        same = "yes" if len(outputs[t]) == 1 else f"no ({len(outputs[t])} distinct)"
        print(
            f"| {t} | {med[t]:.2f} s | {cpu[t]:.2f} s | {rss:.0f} MiB | {s['f1_strict']:.4f} | "
            f"{s['f1_lax']:.4f} | {same} |"
        )
    ratios = [x[0] / y[0] for x, y in zip(results["align"], results["hunalign"], strict=True)]
    print(
        f"\nwall ratio align / hunalign: {med['align'] / med['hunalign']:.2f} of the medians "
        f"(paired runs: {', '.join(f'{r:.2f}' for r in ratios)}); target ≤ 0.6"
    )
    print(
        f"CPU ratio align / hunalign: {cpu['align'] / cpu['hunalign']:.2f} of the medians "
        "(steadier on a busy machine)"
    )
    print(f"align strict F1 {scores['align']['f1_strict']:.4f}; target ≥ 0.97")
    print(f"# load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
