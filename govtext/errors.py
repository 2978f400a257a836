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
    """The file exceeds the size limit for its format (``govtext.io.MAX_TEXT_BYTES``, ``MAX_BINARY_BYTES``)."""

    kind_zh = "文件超出大小限制"


class ResourceLimitError(ReadError):
    """Reading the input would exceed a budget of :class:`govtext.limits.Limits`.

    A zip entry that inflates too far, too many PDF pages or characters on a page, too
    many table cells, too much text.  :attr:`limit` names the limit, :attr:`value` is
    what was found and :attr:`maximum` the ceiling; the message says how to raise it.
    """

    kind_zh = "超出资源限制"

    def __init__(
        self,
        reason: str,
        path: str | PathLike[str] | None = None,
        *,
        limit: str | None = None,
        value: int | None = None,
        maximum: int | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        super().__init__(reason, path)

    @classmethod
    def over(cls, limit: str, value: int, maximum: int, what: str) -> ResourceLimitError:
        """The error for ``value`` of limit ``limit`` over ``maximum``; ``what`` says what was counted."""
        reason = (
            f"{what}: {value:,} is over the limit {limit} = {maximum:,} "
            f"(raise it with [tool.govtext] limits = {{{limit} = N}} or govtext.analyze(..., limits=Limits({limit}=N)))"
        )
        return cls(reason, limit=limit, value=value, maximum=maximum)

    def with_path(self, path: str | PathLike[str] | None) -> ResourceLimitError:
        return type(self)(self.reason, path, limit=self.limit, value=self.value, maximum=self.maximum)


class DeadlineExceededError(GovtextError):
    """The analysis ran past its deadline (``timeout``, default 60 s) and was stopped."""

    kind_zh = "处理超时"

    def __init__(self, timeout: float, path: str | PathLike[str] | None = None) -> None:
        self.timeout = timeout
        self.path = None if path is None else str(path)
        reason = (
            f"the analysis took longer than {timeout:g} s and was stopped "
            "(raise it with --timeout SECONDS, timeout= in the API or timeout in [tool.govtext])"
        )
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)

    def with_path(self, path: str | PathLike[str] | None) -> DeadlineExceededError:
        return type(self)(self.timeout, path)


class InvalidRecordError(GovtextError, ValueError):
    """A JSON record that is not an analysis ``Document.from_dict`` can read back (a key missing, a value of the
    wrong kind): a hand-edited line of a batch's output, or one of another tool."""

    kind_zh = "记录无法读取"


__all__ = [
    "CorruptFileError",
    "DeadlineExceededError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "FileTooLargeError",
    "GovtextError",
    "InvalidRecordError",
    "ReadError",
    "ResourceLimitError",
    "SourceNotFoundError",
    "UnsupportedFormatError",
]
