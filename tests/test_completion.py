"""``govtext completion bash|zsh|tcsh``: shell completion generated from the argparse parser by shtab."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from govtext.cli import build_parser, main


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def _choices(option: str) -> set[str]:
    """Every choice any subcommand offers for ``option``."""
    found: set[str] = set()
    for p in _subcommands().values():
        for action in p._actions:
            if option in action.option_strings and action.choices:
                found.update(action.choices)
    return found


def _script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    return out


def test_bash_script_names_every_subcommand_and_choice(capsys: pytest.CaptureFixture[str]) -> None:
    script = _script("bash", capsys)
    commands = _subcommands()
    assert {"analyze", "lint", "rule", "rules", "schema", "batch", "completion"} <= set(commands)
    for name in commands:
        assert name in script, f"the bash script does not mention {name}"
    assert _choices("--lang") == {"zh", "en"}
    assert {"text", "json", "sarif", "html", "pdf", "docx"} <= _choices("--format")
    for choice in _choices("--lang") | _choices("--format"):
        assert choice in script, f"the bash script does not offer {choice}"


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_zsh_and_tcsh_scripts(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script(shell, capsys)
    for name in _subcommands():
        assert name in script, f"the {shell} script does not mention {name}"
    for choice in ("sarif", "zh"):
        assert choice in script


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["completion", "fish"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_as_a_shell_would(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Source the script in bash and ask it what it offers, as bash does on TAB."""
    script = tmp_path / "govtext.bash"
    script.write_text(_script("bash", capsys), encoding="utf-8")
    (tmp_path / "report.docx").write_bytes(b"")
    probe = (
        f'source "{script}"\n'
        'ask() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE};'
        ' COMPREPLY=(); _shtab_govtext; echo "${COMPREPLY[*]}"; }\n'
        'ask govtext ""\nask govtext li\nask govtext lint --lang ""\nask govtext lint --format s\n'
        'ask govtext analyze --format ""\nask govtext rule --l\nask govtext lint rep\n'
    )
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == list(_subcommands())
    assert lines[1:6] == ["lint", "zh en", "sarif", "txt md html pdf docx", "--lang"]
    assert lines[6] == "report.docx", "a report path is completed from the files"
