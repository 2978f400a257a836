"""The exceptions govtext raises.

Every error govtext raises on purpose is a :class:`GovtextError`, so a caller can
catch one class.  Errors about an input that cannot be read are
:class:`ReadError` subclasses and carry the offending ``path`` (or ``None`` for
bytes) and a one-line ``reason`` that the command line prints as it is.
"""

from __future__ import annotations

from os import PathLike


class GovtextError(Exception):
    """Base class of every error govtext raises deliberately.

    :attr:`kind_zh` says in Chinese what kind of error it is; :meth:`message` gives the
    line the command line prints, in English or in Chinese.
    """

    kind_zh: str = "错误"

    def message(self, lang: str = "en") -> str:
        """The one-line message; in Chinese, the kind of error first and the English detail after it."""
        return f"{self.kind_zh}：{self}" if lang == "zh" else str(self)


class ReadError(GovtextError):
    """The input could not be read as a report.

    ``str(err)`` is one line naming the file and the reason, e.g.
    ``report.pdf: the PDF is encrypted and needs a password``.
    """

    kind_zh = "无法读取"

    def __init__(self, reason: str, path: str | PathLike[str] | None = None) -> None:
        self.reason = reason
        self.path = None if path is None else str(path)
        super().__init__(f"{self.path}: {reason}" if self.path else reason)

    def with_path(self, path: str | PathLike[str] | None) -> ReadError:
        """Return a copy of this error that names ``path``."""
        return type(self)(self.reason, path)


class SourceNotFoundError(ReadError):
    """The path does not exist or is not a readable file."""

    kind_zh = "找不到文件"


class EmptyDocumentError(ReadError):
    """The file holds no text: zero bytes, only whitespace, or a PDF without a text layer."""

    kind_zh = "文件没有正文"


class UnsupportedFormatError(ReadError):
    """The content is not a format govtext reads (binary junk, a zip that is not DOCX, a legacy .doc)."""

    kind_zh = "不支持的文件格式"


class EncodingError(ReadError):
    """The bytes look like text, but in no encoding govtext can identify."""

    kind_zh = "无法识别文本编码"


class CorruptFileError(ReadError):
    """The file claims a format (PDF, DOCX) but is truncated or damaged."""

    kind_zh = "文件已损坏"


class EncryptedFileError(ReadError):
    """The file is encrypted and needs a password."""

    kind_zh = "文件已加密，需要密码"


class FileTooLargeError(ReadError):
    """The file exceeds the size limit for its format (see ``govtext.io.limits``)."""

    kind_zh = "文件超出大小限制"


__all__ = [
    "CorruptFileError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "FileTooLargeError",
    "GovtextError",
    "ReadError",
    "SourceNotFoundError",
    "UnsupportedFormatError",
]
