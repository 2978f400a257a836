"""``python -m govtext``: the ``govtext`` command."""

from .cli import run

run()
