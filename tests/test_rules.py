"""Every rule is documented, and docs/rules.md and docs/rules-zh.md are what its docstrings generate."""

from __future__ import annotations

import inspect
import re

from govtext.checks import all_rules, render_docs
from tests.conftest import ROOT


def test_rules_md_is_generated_from_docstrings() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_docs(), (
        "docs/rules.md is stale: run `python -m govtext.checks > docs/rules.md`"
    )


def test_rules_zh_md_is_generated_from_docstrings() -> None:
    page = (ROOT / "docs" / "rules-zh.md").read_text(encoding="utf-8")
    assert page == render_docs("zh"), (
        "docs/rules-zh.md is stale: run `python -m govtext.checks --lang zh > docs/rules-zh.md`"
    )
    for rule in all_rules():
        assert f"## {rule.code}\n\n**{rule.summary('zh')}**" in page, f"{rule.code} lacks its Chinese summary"


def test_every_rule_has_code_severity_and_documentation() -> None:
    codes = set()
    for rule in all_rules():
        assert re.fullmatch(r"GT\d{3}", rule.code)
        assert rule.code not in codes
        codes.add(rule.code)
        assert rule.severity in ("error", "warning", "info")
        doc = inspect.getdoc(rule) or ""
        for part in ("说明", "错误示例", "正确示例"):
            assert part in doc, f"{rule.code} docstring lacks {part}"
        assert rule.__module__.endswith(rule.code), "one rule per file, named by its code"


_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_is_explained_in_chinese() -> None:
    """Office staff read the rules in Chinese: a 中文 section right after 说明, a summary sentence, then an explanation."""
    for rule in all_rules():
        doc = inspect.getdoc(rule) or ""
        headings = [line for line in doc.splitlines()[1:] if line.strip() and not line.startswith(" ")]
        assert headings == ["说明", "中文", "错误示例", "正确示例"], f"{rule.code} sections: {headings}"
        en, zh = rule.explain("en"), rule.explain("zh")
        assert _CJK.search(zh["summary"]), f"{rule.code}: the Chinese summary has no Chinese"
        assert zh["summary"].endswith("。"), f"{rule.code}: the Chinese summary is not one sentence ending in 。"
        assert zh["summary"] != en["summary"]
        assert len(_CJK.findall(zh["explanation"])) >= 40, f"{rule.code}: the Chinese explanation is missing or short"
        assert zh["explanation"] != en["explanation"]
        assert not zh["explanation"].startswith(zh["summary"]), f"{rule.code}: the summary is repeated"
        assert (zh["wrong"], zh["right"]) == (en["wrong"], en["right"])
        assert rule.summary("zh") == zh["summary"]
