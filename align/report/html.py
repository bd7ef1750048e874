"""The editor's QA report: render one checked pair's view model as a self-contained HTML page.

The page is rendered by Jinja2 templates (templates/report.html.j2 and its parts)
with autoescape on; the MT and the reference are untrusted, so every piece of them
reaches the page only through an escaped ``{{ }}`` expression. A
Content-Security-Policy allows no network and only our own script (by hash), so
even an escaping bug could not run code. What the page shows is decided in
``view.py``; where it is written, in ``paths.py``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from markupsafe import Markup

from ..xmltext import replace_illegal
from .view import LOW_CONFIDENCE, SEVERITIES, SEVERITY_ICONS, UI_LANGS, ReportView, build, labels, source_date

if TYPE_CHECKING:
    import jinja2

    from ..model import CheckResult
    from . import ReportOptions

# LOW_CONFIDENCE, UI_LANGS and source_date lived here before the split into view.py; callers
# still import them from this module. Where pages are written is align.report.paths.
__all__ = [
    "LOW_CONFIDENCE",
    "HtmlWriter",
    "UI_LANGS",
    "clean",
    "render",
    "render_view",
    "source_date",
]


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: NUL -> U+2400
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """Replace characters that would make the page invalid (C0 and C1 controls except TAB/LF/CR,
    lone surrogates, noncharacters) by ONE visible character each, so that span offsets into
    the sentence stay valid."""
    return replace_illegal(text, _visible, html=True)


def _finalize(value: Any) -> Any:
    """Jinja finalize hook: every printed string is cleaned before it is escaped."""
    # Called for every printed value (tens of thousands per page): no import statement here.
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return template_environment("align.report")


def template_environment(package: str) -> jinja2.Environment:
    """The Jinja settings of every page align writes (the report, the corpus dashboard): escaped,
    strict about missing values, every printed string cleaned of XML-illegal characters."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    env = _environment()
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def _script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render_view(view: ReportView) -> str:
    """The page for a view model, as a string (UTF-8 when written)."""
    from markupsafe import Markup

    script = _asset("report.js")
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=view,
            L=labels()["ui"][view.lang],
            severities=SEVERITIES,
            severity_icons=SEVERITY_ICONS,
            css=Markup(_asset("report.css")),
            script=Markup(script),
            script_hash=_script_hash(script),
        )
    )
    return str(page)


def render(result: CheckResult, ui_lang: str = "en", *, low_confidence: float = LOW_CONFIDENCE) -> str:
    """The whole report page for one checked pair, as a string (UTF-8 when written)."""
    return render_view(build(result, ui_lang, low_confidence=low_confidence))


class HtmlWriter:
    """The page of one pair, as the report registry's writers go (several pairs: write_reports)."""

    def __init__(self, out: IO[str], count: int, options: ReportOptions) -> None:
        self.out, self.options = out, options

    def add(self, result: CheckResult) -> None:
        threshold = LOW_CONFIDENCE if self.options.low_confidence is None else self.options.low_confidence
        self.out.write(render(result, self.options.ui_lang, low_confidence=threshold))

    def close(self) -> None:
        pass
