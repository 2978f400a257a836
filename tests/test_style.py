"""The code stays ruff-clean (ruff is a test dependency, so the README's test command checks it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    out = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def _mypy() -> list[str]:
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    return [sys.executable, "-m", "mypy"]


def test_mypy_clean() -> None:
    # [tool.mypy] in pyproject.toml: the package, strict on the public API; the cache makes a rerun take seconds
    out = subprocess.run(
        [*_mypy(), "--cache-dir", str(ROOT / ".mypy_cache")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr


CLIENT = """
import govtext
from govtext.config import RuleConfig, load_config

# --disallow-any-expr: every value below has a type, none is Any


def document() -> govtext.Document:
    return govtext.analyze_text("二、主动公开政府信息情况", year=2023)


def year(doc: govtext.Document) -> int | None:
    return doc.meta.year


def places(doc: govtext.Document) -> list[tuple[str, govtext.Span | None]]:
    return [(f.rule, f.span) for f in doc.findings]


def findings() -> list[govtext.Finding]:
    return govtext.lint(b"...")


def total(source: bytes) -> int | float | None:
    t3 = govtext.read_tables(source, name="r.txt")["t3"]
    return t3.get("total", "total") if t3 is not None else None


def config() -> RuleConfig:
    return load_config(None)


def message() -> str | None:
    try:
        govtext.analyze("missing.pdf")
    except govtext.GovtextError as e:
        return str(e)
    return None
"""


def test_client_code_type_checks_strictly(tmp_path: Path) -> None:
    # what a user's `mypy --strict` sees of govtext (py.typed): no Any leaking, no missing annotation
    (tmp_path / "client.py").write_text(CLIENT, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text(f"[mypy]\nmypy_path = {ROOT}\n", encoding="utf-8")
    out = subprocess.run(
        [*_mypy(), "--strict", "--disallow-any-expr", "--follow-imports=silent", "--config-file", "mypy.ini",
         "--cache-dir", str(ROOT / ".mypy_cache" / "client"), "client.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
