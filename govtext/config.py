"""Rule configuration: which rules run and at what severity, from ``pyproject.toml`` or the command line.

As ruff and sqlfluff do, govtext reads ``[tool.govtext]`` from the nearest
``pyproject.toml`` (searching upwards from the current directory), or from a file
given with ``--config``::

    [tool.govtext]
    select = ["GT1", "arithmetic", "GT401"]   # codes, prefixes, groups or rule names; default: every rule
    ignore = ["tables.digits_run_together"]
    lang = "zh"                              # zh | en: the language of messages
    timeout = 120                            # seconds one analyze/lint may take (default 60; 0: none)
    limits = {pdf_pages = 10000}             # budgets for hostile input (govtext.limits.Limits)
    [tool.govtext.severity]
    GT206 = "info"                           # error | warning | info | off

Command-line flags (``--select``, ``--ignore``, ``--severity GT206=info``, ``--lang``)
win over the file.  Every name is checked, as ruff does: an unknown rule code,
group, rule name or configuration key is a :class:`ConfigError` that suggests the
nearest valid name — a typo never silently switches rules off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GovtextError

if TYPE_CHECKING:
    from .limits import Limits

SEVERITIES = ("error", "warning", "info", "off")
LANGS = ("zh", "en")
#: the keys [tool.govtext] knows
KEYS = ("select", "ignore", "severity", "lang", "timeout", "limits")


class ConfigError(GovtextError):
    """A configuration that cannot be used (unknown severity, unreadable file)."""

    kind_zh = "配置或选项有误"


@dataclass(frozen=True)
class RuleConfig:
    """Which rules run (``select``/``ignore``: codes or code prefixes) and severity overrides."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    lang: str | None = None
    #: seconds one analyze/lint may take; ``None``: the default (60 s)
    timeout: float | None = None
    #: budgets for hostile input; ``None``: the defaults
    limits: Limits | None = None

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
        lang: str | None = None,
    ) -> RuleConfig:
        """This configuration with command-line values on top (every name checked)."""
        sev = dict(self.severity)
        sev.update(_check_severities(severity or {}, "the command line"))
        return RuleConfig(
            select=resolve(select, "--select") if select is not None else self.select,
            ignore=resolve(ignore, "--ignore") if ignore is not None else self.ignore,
            severity=sev,
            source=self.source,
            lang=check_lang(lang, "--lang") if lang is not None else self.lang,
            timeout=self.timeout,
            limits=self.limits,
        )


def _rule_names() -> tuple[dict[str, str], dict[str, str]]:
    """``(codes, aliases)``: every rule code, and every group and rule name with the code prefix it stands for."""
    from .checks import all_rules

    codes: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for r in all_rules():
        codes[r.code] = r.code
        aliases[r.name] = r.code
        groups = [other.code for other in all_rules() if other.group == r.group]
        prefix = _common_prefix(groups)
        if prefix and all(other.group == r.group for other in all_rules() if other.code.startswith(prefix)):
            aliases[r.group] = prefix
    return codes, aliases


def _common_prefix(codes: list[str]) -> str:
    first, last = min(codes), max(codes)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def resolve(names: Iterable[str], where: str) -> tuple[str, ...]:
    """Rule codes, code prefixes, groups (``arithmetic``) or rule names (``prose.parts_vs_total``) as code prefixes.

    A name that matches no rule raises :class:`ConfigError` with the nearest valid name.
    """
    codes, aliases = _rule_names()
    out = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name.lower() in aliases:
            out.append(aliases[name.lower()])
        elif name.upper() == "ALL":
            out.append("GT")
        elif name.upper().startswith("GT") and any(c.startswith(name.upper()) for c in codes):
            out.append(name.upper())
        else:
            hint = nearest(name, [*codes, *aliases]) or " (`govtext rules` lists them)"
            raise ConfigError(f"{where}: unknown rule, group or prefix {name!r}{hint}")
    return tuple(out)


def nearest(name: str, valid: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the valid name nearest ``name``, or ``""``."""
    import difflib

    valid = list(valid)
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5) or difflib.get_close_matches(
        name.upper(), valid, n=1, cutoff=0.5
    )
    return f"; did you mean {close[0]!r}?" if close else ""


def check_lang(value: Any, where: str) -> str:
    if value not in LANGS:
        raise ConfigError(f"{where}: lang must be one of {', '.join(LANGS)}, not {value!r}{nearest(str(value), LANGS)}")
    return str(value)


def _check_severities(values: Mapping[str, Any], where: str) -> dict[str, str]:
    out = {}
    for code, level in values.items():
        if level not in SEVERITIES:
            raise ConfigError(
                f"{where}: severity of {code} must be one of {', '.join(SEVERITIES)}, not {level!r}"
                + nearest(str(level), SEVERITIES)
            )
        for prefix in resolve([str(code)], where):
            out[prefix] = str(level)
    return out


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: [tool.govtext] {key} must be a list of rule codes")
    return resolve(value, f"{where}: [tool.govtext] {key}")


def load_config(path: str | os.PathLike[str] | None = None, start: str | os.PathLike[str] | None = None) -> RuleConfig:
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
    for key in section:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} in [tool.govtext]{nearest(key, KEYS)}")
    select = _codes(section["select"], "select", where) if "select" in section else None
    ignore = _codes(section.get("ignore", []), "ignore", where)
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: [tool.govtext.severity] must be a table of CODE = level")
    lang = check_lang(section["lang"], f"{where}: [tool.govtext] lang") if "lang" in section else None
    timeout = check_timeout(section["timeout"], f"{where}: [tool.govtext] timeout") if "timeout" in section else None
    limits = None
    if "limits" in section:
        from .limits import Limits

        if not isinstance(section["limits"], dict):
            raise ConfigError(f"{where}: [tool.govtext] limits must be a table of name = number")
        limits = Limits.from_mapping(section["limits"], f"{where}: [tool.govtext] limits")
    return RuleConfig(select, ignore, _check_severities(severity, where), str(p), lang, timeout, limits)


def check_timeout(value: Any, where: str) -> float:
    """A timeout in seconds (a number ≥ 0; 0 means none)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value:
        raise ConfigError(f"{where}: timeout must be a number of seconds ≥ 0 (0: no deadline), not {value!r}")
    return float(value)


def parse_severity_flags(values: Iterable[str]) -> dict[str, str]:
    """``["GT206=info", "GT3=warning"]`` -> ``{"GT206": "info", "GT3": "warning"}``."""
    out = {}
    for v in values:
        code, sep, level = v.partition("=")
        if not sep or not code.strip():
            raise ConfigError(f"--severity expects CODE=LEVEL, not {v!r}")
        out[code.strip()] = level.strip().lower()
    return _check_severities(out, "--severity")
