"""mkdocs hook: one page per rule, generated from the rules themselves, and the rule index.

Each page is built from what ``align rule CODE`` prints, i.e. the rule class's docstring (its
user documentation), its code, name, category, default severity, options and message
templates. The list of rules is the registry's (``align.rules.all_rules`` plus the corpus
rules of ``align batch``), so a rule added to the registry gets its page and its nav entry
with no change here. Registered in mkdocs.yml under ``hooks:``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The nav entry the rule pages go under (mkdocs.yml names it with rules/index.md).
NAV_TITLE = "Rule reference"
INDEX = "rules/index.md"


def rules() -> tuple[Any, ...]:
    """Every rule `align rules` lists without a config: the registry and the corpus rules."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # a checkout builds its own docs, installed or not
    from align.rules import all_rules
    from align.rules.corpus import RULES as CORPUS_RULES

    return (*all_rules(), *CORPUS_RULES)


# --- the docstring, from reStructuredText habits to Markdown -------------------------------

_CODE = re.compile(r"``(.+?)``|`([^`]+)`")
_SPECIAL = re.compile(r"([\\*_\[\]<>#|])")


def _inline(text: str) -> str:
    """``code`` -> `code`; Markdown's special characters escaped outside code."""
    out, pos = [], 0
    for m in _CODE.finditer(text):
        out.append(_SPECIAL.sub(r"\\\1", text[pos : m.start()]))
        out.append(f"`{m.group(1) or m.group(2)}`")
        pos = m.end()
    out.append(_SPECIAL.sub(r"\\\1", text[pos:]))
    return "".join(out)


def _literal_block(lines: Sequence[str], start: int) -> tuple[list[str], int]:
    """The indented block after a ``::`` line, dedented, and the index after it."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    block: list[str] = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
        block.append(lines[i])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    indent = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
    return [b[indent:] for b in block], i


def markdown(doc: str) -> str:
    """A rule docstring as Markdown: paragraphs, lists, and ``Label::`` blocks as code blocks."""
    lines = doc.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.endswith("::"):
            label = line[:-2].rstrip()
            block, i = _literal_block(lines, i + 1)
            if label:
                out += [_inline(label) + ":", ""]
            out += ["```text", *block, "```", ""]
            continue
        if line.lstrip().startswith(("- ", "* ")) and out and out[-1].strip() and not _is_item(out[-1]):
            out.append("")  # Markdown needs a blank line before a list
        out.append(_inline(line) if not _is_item(line) else _item(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def _is_item(line: str) -> bool:
    return line.lstrip().startswith(("- ", "* "))


def _item(line: str) -> str:
    indent = len(line) - len(line.lstrip())
    return " " * indent + "- " + _inline(line.lstrip()[2:])


# --- the pages ------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return _inline(text).replace("\n", " ")


def rule_page(rule: Any) -> str:
    """The page of one rule, as ruff's rule pages are: what it finds, why, an example, options."""
    doc = rule.doc()
    summary, _, body = doc.partition("\n")
    # AL9xx compare the articles of a corpus: only align batch has several articles.
    corpus = rule.code.startswith("AL9")
    runs = "`align batch`, across articles" if corpus else "`check`, `fix`, `report`, `export`, `batch`"
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{_inline(summary.strip())}**",
        "",
        "| code | name | category | default severity | runs in |",
        "|---|---|---|---|---|",
        f"| `{rule.code}` | `{rule.name}` | `{rule.category}` | {rule.severity} | {runs} |",
        "",
    ]
    if body.strip():
        lines += ["## What it finds", "", markdown(body.strip())]
    lines += _options(rule)
    lines += _messages(rule)
    lines += [
        "## Choosing it",
        "",
        f"`align check --select {rule.code}` runs only this rule; `--ignore {rule.code}` (or "
        f"`--ignore {rule.name}`, or its category `{rule.category}`) leaves it out; "
        f"`align rule {rule.code}` prints this documentation. Its severity can be changed in "
        f'`[tool.align.rules.{rule.code}]` (`severity = "warning"`). See '
        "[align check](../commands/check.md#configuration).",
        "",
    ]
    return "\n".join(lines)


def _options(rule: Any) -> list[str]:
    from align.rules.options import option_defaults

    defaults = option_defaults(rule)  # as TOML writes them
    if not defaults:
        return []
    rows = [f"| `{k}` | `{v}` |" for k, v in defaults.items()]
    return [
        "## Options",
        "",
        f"In `[tool.align.rules.{rule.code}]` of `pyproject.toml` or `align.toml`:",
        "",
        "| option | default |",
        "|---|---|",
        *rows,
        "",
    ]


def _messages(rule: Any) -> list[str]:
    if not rule.messages:
        return []
    rows = [f"| `{mid}` | {_cell(t.en)} | {_cell(t.ja)} |" for mid, t in sorted(rule.messages.items())]
    return [
        "## Messages",
        "",
        "Each finding's message, with its arguments in braces (`--ui-lang ja` shows the Japanese):",
        "",
        "| id | English | Japanese |",
        "|---|---|---|",
        *rows,
        "",
    ]


def index_page(all_rules: Sequence[Any]) -> str:
    rows = [
        f"| [`{r.code}`]({r.code}.md) | `{r.name}` | {r.category} | {r.severity} | {_cell(r.summary())} |"
        for r in all_rules
    ]
    return "\n".join(
        [
            "# Rule reference",
            "",
            "Every rule `align rules` lists, one page each, generated from the rule's own "
            "documentation (what `align rule CODE` prints). AL9xx rules compare the articles of a "
            "corpus and run in [`align batch`](../corpus.md).",
            "",
            "| code | name | category | severity | finds |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


def pages() -> Iterator[tuple[str, str, str]]:
    """(path in docs/, nav title, Markdown) for the index and every rule."""
    found = rules()
    yield INDEX, "Rules", index_page(found)
    for r in found:
        yield f"rules/{r.code}.md", f"{r.code} {r.name}", rule_page(r)


# --- mkdocs hook events -----------------------------------------------------------------------


def on_config(config: Any) -> Any:
    """Put every rule page under the nav entry that names rules/index.md."""
    entries = [{title: path} if path != INDEX else path for path, title, _ in pages()]
    nav = config.get("nav") or []
    for k, item in enumerate(nav):
        if isinstance(item, dict) and NAV_TITLE in item:
            nav[k] = {NAV_TITLE: entries}
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, _, text in pages():
        files.append(File.generated(config, path, content=text))
    return files
