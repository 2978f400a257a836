"""``python -m govtext.checks`` prints ``docs/rules.md``."""

from . import render_docs

print(render_docs(), end="")
