"""Every rule's messages are templates in English and Japanese (align.messages)."""

from __future__ import annotations

import re

import pytest

from align.batch.consistency import CORPUS_RULES, TermUse, corpus_findings
from align.messages import LANGS, Message, Template
from align.model import GlossaryEntry, Variant
from align.rules import all_rules, checklist_rules, message_text
from align.rules.base import Rule
from align.rules.checklist import parse_checklist

_RULES = (*all_rules(), *CORPUS_RULES)
_KANA = re.compile("[\u3040-\u30ff]")


def _sarif_format(text: str, arguments: list[str]) -> str:
    """SARIF 2.1.0 §3.11.5: ``{n}`` is the nth argument; ``{{`` and ``}}`` are literal braces."""

    def one(m: re.Match[str]) -> str:
        return m.group()[0] if m.group(1) is None else arguments[int(m.group(1))]

    return re.sub(r"\{\{|\}\}|\{(\d+)\}", one, text)


def _sample(template: Template) -> dict[str, str]:
    """An argument value per name, distinct and free of any language."""
    return {name: f"<{k}>" for k, name in enumerate(template.names())}


def test_the_registry_lists_every_rule_code() -> None:
    codes = [r.code for r in _RULES]
    assert len(codes) == len(set(codes)) >= 31


@pytest.mark.parametrize("rule", _RULES, ids=lambda r: r.code)
def test_every_rule_has_its_messages_in_both_languages(rule: type[Rule]) -> None:
    assert rule.messages, f"{rule.code} declares no message"
    for key, template in rule.messages.items():
        args = _sample(template)
        en, ja = template.render("en", args), template.render("ja", args)
        # Every argument is used by some language, and each language says something of its own.
        assert set(template.names("en")) | set(template.names("ja")) == set(args)
        assert en != ja, (rule.code, key)
        assert not _KANA.search(template.en.replace("「…」", "").replace("『』", "")), (rule.code, key)
        assert _KANA.search(template.ja), (rule.code, key)
        # SARIF form: positional placeholders, filled in order, give the English text back.
        text, values = template.sarif(args)
        assert _sarif_format(text, values) == en
        for lang in LANGS:
            assert template.text(lang)


def test_say_knows_only_declared_messages() -> None:
    rule = next(r for r in all_rules() if r.code == "AL101")()
    assert rule.say("omitted", text="x") == Message("omitted", (("text", "x"),))
    with pytest.raises(KeyError):
        rule.say("no-such-message")


def test_message_text_renders_the_ui_language() -> None:
    rule = next(r for r in all_rules() if r.code == "AL704")()
    f = rule.finding(rule.say("twice", word="のの"))
    assert f.message == "'のの' twice in a row"
    assert message_text(f, "en") == f.message
    assert message_text(f, "ja") == "「のの」が2回続いています"


def test_a_checklist_message_is_the_users_words_in_every_language() -> None:
    items = parse_checklist([{"code": "X001", "pattern": "・・", "message": "doubled dot {not a field}"}])
    (cls,) = checklist_rules(items)
    for lang in LANGS:
        assert cls.messages["checklist"].render(lang, {}) == "doubled dot {not a field}"
    f = cls().finding(cls().say("checklist"))
    assert f.message == "doubled dot {not a field}"
    assert message_text(f, "ja", extra=(cls,)) == f.message


def test_corpus_findings_carry_their_template() -> None:
    term = TermUse("Acme")
    term.add(
        "a1", GlossaryEntry("Acme", "organization", (Variant("Acme", 3, "preferred"),), ("Acme", "Acme"))
    )
    term.add(
        "a2", GlossaryEntry("Acme", "organization", (Variant("アクメ", 2, "preferred"),), ("Acme", "アクメ"))
    )
    (f,) = corpus_findings([term], ["AL201", "AL202"])
    rule = next(r for r in CORPUS_RULES if r.code == f.rule)
    template = rule.messages[f.message_id]
    assert template.render("en", dict(f.arguments)) == f.message
    assert "記事" in template.render("ja", dict(f.arguments))
