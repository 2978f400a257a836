"""govtext: read Chinese government information-disclosure annual reports and check that they hold together.

>>> import govtext
>>> doc = govtext.analyze("report.pdf")          # doctest: +SKIP
>>> doc.meta.year, len(doc.sentences)            # doctest: +SKIP
(2024, 212)

The heavy parts (jieba, OpenCC, numpy, pdf and docx readers, spaCy) load on
first use, so ``import govtext`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    CorruptFileError,
    DeadlineExceededError,
    EmptyDocumentError,
    EncodingError,
    EncryptedFileError,
    FileTooLargeError,
    GovtextError,
    InvalidRecordError,
    ReadError,
    ResourceLimitError,
    SourceNotFoundError,
    UnsupportedFormatError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .config import RuleConfig
    from .flat import CorpusTables, read_corpus
    from .limits import Limits
    from .linter import Linter, LintResult
    from .model import (
        SCHEMA_VERSION,
        CellRef,
        Claim,
        CrossReportFinding,
        Document,
        Finding,
        Meta,
        ReportCell,
        Section,
        Sentence,
        Span,
        json_schema,
    )
    from .pipeline import analyze, analyze_text, lint, read_tables
    from .tables import Table

_LAZY = {
    "analyze": "pipeline",
    "analyze_text": "pipeline",
    "lint": "pipeline",
    "read_tables": "pipeline",
    "Table": "tables",
    "Limits": "limits",
    "Linter": "linter",
    "LintResult": "linter",
    "RuleConfig": "config",
    "read_corpus": "flat",
    "CorpusTables": "flat",
    "Document": "model",
    "CellRef": "model",
    "Sentence": "model",
    "Section": "model",
    "Claim": "model",
    "Finding": "model",
    "CrossReportFinding": "model",
    "ReportCell": "model",
    "Meta": "model",
    "Span": "model",
    "SCHEMA_VERSION": "model",
    "json_schema": "model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govtext' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_LAZY))


__all__ = [
    "SCHEMA_VERSION",
    "CellRef",
    "Claim",
    "CorpusTables",
    "CorruptFileError",
    "CrossReportFinding",
    "DeadlineExceededError",
    "Document",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "FileTooLargeError",
    "Finding",
    "GovtextError",
    "InvalidRecordError",
    "Limits",
    "LintResult",
    "Linter",
    "Meta",
    "ReadError",
    "ReportCell",
    "ResourceLimitError",
    "RuleConfig",
    "Section",
    "Sentence",
    "SourceNotFoundError",
    "Span",
    "Table",
    "UnsupportedFormatError",
    "__version__",
    "analyze",
    "analyze_text",
    "json_schema",
    "lint",
    "read_corpus",
    "read_tables",
]
