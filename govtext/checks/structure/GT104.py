from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule


class DuplicateSection(Rule):
    """A section heading appears twice.

    说明
        Each of the six sections appears once.  A second heading is usually a
        copy-and-paste slip, or a sub-heading numbered like a section.  The
        second heading is reported; its sentences stay in the section.

    错误示例
        ``二、主动公开政府信息情况`` … ``二、主动公开政府信息情况``.

    正确示例
        One ``二、主动公开政府信息情况``.
    """

    code = "GT104"
    name = "structure.duplicate_section"
    severity = "error"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None:
            return
        for first, again in doc.structure.duplicates:
            yield self.finding(
                f"section {again.section} heading appears again (first in sentence {first.index + 1})",
                span=doc.sentences[again.index].span,
                observed=again.section,
            )
