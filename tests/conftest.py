"""Shared fixtures: where ../shared is, and small files made on the fly."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVTEXT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "corpora" / "examples"
SEED = CORPUS / "seed_pengjiang_minzheng_2023.txt"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").is_file(),
    reason=f"the shared corpus is not at {CORPUS} (CI puts ../shared beside the checkout)",
)


def corpus_files() -> list[Path]:
    """The reports listed in ../shared/corpus/MANIFEST.tsv (empty where it is absent)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as fh:
        return [CORPUS / row["file"] for row in csv.DictReader(fh, delimiter="\t")]


def corpus_params() -> list:
    files = corpus_files()
    if not files:
        return [pytest.param(None, marks=needs_corpus, id="no-corpus")]
    return [pytest.param(f, id=f.name) for f in files]
