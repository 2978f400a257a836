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

    中文
        同一部分的标题出现了两次。

        六个部分各出现一次。第二次出现的标题通常是复制粘贴时的疏漏，或是下级标题用了与部分标题相同的序
        号。报告第二次出现的标题；其后的语句仍归入该部分。该项为错误。

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
