"""The docs site (mkdocs.yml) builds with ``--strict``: every page in the nav, every link and anchor found."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from govtext.checks import all_rules
from tests.conftest import ROOT


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed (pip install -e '.[docs]'):\n{proc.stderr[-4000:]}"

    home = (site / "index.html").read_text(encoding="utf-8")
    assert "What it does today" in home, "the home page does not include README.md"

    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    rules_zh = (site / "rules-zh" / "index.html").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f'id="{rule.code.lower()}"' in rules, f"{rule.code} has no section on the rules page"
        assert f'id="{rule.code.lower()}"' in rules_zh, f"{rule.code} has no section on the Chinese rules page"
        assert rule.summary("zh") in rules_zh
        # the Chinese explanation is a paragraph on both pages, not an indented block printed as code
        explanation = rule.explain("zh")["explanation"][:12]
        assert f"<p>{explanation}" in rules, f"{rule.code}: the Chinese explanation is not a paragraph on rules.md"
        assert f"<p>{explanation}" in rules_zh, f"{rule.code}: the explanation is not a paragraph on rules-zh.md"

    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    public = (
        "govtext.analyze", "govtext.analyze_text", "govtext.lint", "govtext.read_tables", "govtext.json_schema",
        "govtext.Document", "govtext.Sentence", "govtext.Section", "govtext.Claim", "govtext.Finding",
        "govtext.Span", "govtext.Meta", "govtext.Table", "govtext.errors.GovtextError", "govtext.errors.ReadError",
        "govtext.errors.EncryptedFileError", "govtext.config.load_config", "govtext.config.RuleConfig",
    )  # fmt: skip
    for name in public:
        assert f'id="{name}"' in api, f"{name} is missing from the API page"
    assert "Analyse a report given as a path" in api, "the API page does not show the docstrings"
    assert not re.search(r":(class|func|meth|attr):`", api), "a Sphinx role was left in the API page"

    # offline: nothing the pages load (scripts, styles, fonts) comes from another host
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', text), f"{page} loads from the network"
