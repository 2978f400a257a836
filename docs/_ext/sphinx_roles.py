"""A griffe extension for the docs site: Sphinx roles in docstrings become code spans.

The package's docstrings use reST roles (``:class:`Document```, ``:meth:`~Rule.check```),
which Markdown would print as they stand; mkdocstrings then shows ``Document`` and
``check``.  Loaded by mkdocs.yml (``extensions:`` of the python handler); not part
of the package.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`(~?)([^`]+)`")


def _plain(match: re.Match[str]) -> str:
    target = match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


def strip_roles(text: str) -> str:
    """``:class:`~a.B``` → ```B```, ``:func:`f``` → ```f```."""
    return _ROLE.sub(_plain, text)


class SphinxRoles(Extension):
    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = strip_roles(obj.docstring.value)
