from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule


class UnreadableCharacters(Rule):
    """Characters of the source could not be decoded.

    说明
        A text file whose bytes are valid UTF-8 or GB18030 but for a few (a byte
        flipped in transfer, two files spliced) is read with U+FFFD (�) in place of
        each bad sequence, rather than refused; a source may also hold U+FFFD
        already.  Whatever stood there is lost, so the finding points at each
        place, and a number beside one is never read with certainty: no error
        rests on it.

    中文
        源文件中有无法解码的字符。

        文本文件绝大部分是有效的UTF-8或GB18030编码，只有少数字节无效（传输中损坏、两个文件拼接）时，
        govtext用替换字符（�）代替每处无效字节后照常读取，而不是拒绝整个文件；源文件中本来就有替换字符的，
        也同样处理。这些位置原有的内容已经丢失，因此逐处指出；紧挨着这些位置的数字不作为确切读取的数字，
        不会据此报告错误。

    错误示例
        ``本年度收到申请1�5件`` (a byte of the file was not UTF-8).

    正确示例
        ``本年度收到申请125件``.
    """

    code = "GT107"
    name = "structure.unreadable_characters"
    severity = "warning"
    group = "structure"
    requires = ()

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        at = text.find("\ufffd")
        while at >= 0:
            end = at
            while end < len(text) and text[end] == "\ufffd":
                end += 1
            n = end - at
            yield self.finding(
                f"{n} character(s) could not be decoded here and are shown as U+FFFD; whatever stood there is lost",
                zh=f"此处有{n}个字符无法解码，显示为替换字符（�），原有内容已丢失",
                span=doc.span(at, end),
                observed=n,
            )
            at = text.find("\ufffd", end)
