"""Rule configuration: which rules run and at what severity, from ``pyproject.toml`` or the command line.

As ruff and sqlfluff do, govtext reads ``[tool.govtext]`` from the nearest
``pyproject.toml`` (searching upwards from the current directory), or from a file
given with ``--config``::

    [tool.govtext]
    select = ["GT1", "GT3", "GT401"]   # codes or prefixes; default: every rule
    ignore = ["GT203"]
    [tool.govtext.severity]
    GT206 = "info"                    # error | warning | info | off

Command-line flags (``--select``, ``--ignore``, ``--severity GT206=info``) win over
the file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GovtextError

SEVERITIES = ("error", "warning", "info", "off")


class ConfigError(GovtextError):
    """A configuration that cannot be used (unknown severity, unreadable file)."""


@dataclass(frozen=True)
class RuleConfig:
    """Which rules run (``select``/``ignore``: codes or code prefixes) and severity overrides."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None

    def enabled(self, code: str) -> bool:
        if self.select is not None and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        return self.severity_of(code, "on") != "off"

    def severity_of(self, code: str, default: str) -> str:
        # the longest matching prefix wins: GT2 = "info" with GT206 = "error"
        best, best_len = default, -1
        for prefix, level in self.severity.items():
            if code.startswith(prefix) and len(prefix) > best_len:
                best, best_len = level, len(prefix)
        return best

    def merged(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severity: Mapping[str, str] | None = None,
    ) -> RuleConfig:
        """This configuration with command-line values on top."""
        sev = dict(self.severity)
        sev.update(_check_severities(severity or {}, "the command line"))
        return RuleConfig(
            select=tuple(select) if select is not None else self.select,
            ignore=tuple(ignore) if ignore is not None else self.ignore,
            severity=sev,
            source=self.source,
        )


def _check_severities(values: Mapping[str, Any], where: str) -> dict[str, str]:
    out = {}
    for code, level in values.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity of {code} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        out[str(code).upper()] = str(level)
    return out


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: [tool.govtext] {key} must be a list of rule codes")
    return tuple(v.strip().upper() for v in value if v.strip())


def load_config(path: str | Path | None = None, start: str | Path | None = None) -> RuleConfig:
    """The configuration in ``path``, or in the nearest ``pyproject.toml`` above ``start`` (default: cwd)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    if path is None:
        here = Path(start or Path.cwd()).resolve()
        for d in (here, *here.parents):
            candidate = d / "pyproject.toml"
            if candidate.is_file():
                path = candidate
                break
        if path is None:
            return RuleConfig()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read the configuration ({exc})") from None
    section = data.get("tool", {}).get("govtext")
    if section is None:
        return RuleConfig(source=str(p))
    where = str(p)
    select = _codes(section["select"], "select", where) if "select" in section else None
    ignore = _codes(section.get("ignore", []), "ignore", where)
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: [tool.govtext.severity] must be a table of CODE = level")
    return RuleConfig(select, ignore, _check_severities(severity, where), str(p))


def parse_severity_flags(values: Iterable[str]) -> dict[str, str]:
    """``["GT206=info", "GT3=warning"]`` -> ``{"GT206": "info", "GT3": "warning"}``."""
    out = {}
    for v in values:
        code, sep, level = v.partition("=")
        if not sep or not code.strip():
            raise ConfigError(f"--severity expects CODE=LEVEL, not {v!r}")
        out[code.strip().upper()] = level.strip().lower()
    return _check_severities(out, "--severity")
