"""The trust benchmark in small: generated reports in six renderings, no error on the consistent ones,
every single mutation caught at error (the full run is ``benchmarks/eval_trust.py``, figures in docs/trust.md)."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_trust

RENDERINGS = ["docx", "pdf", "html", "md", "crawler-txt", "tab-txt", "cells-txt"]


def test_generated_reports_in_six_renderings_are_trusted() -> None:
    jobs = eval_trust.make_jobs(seed=11, n=3, renderings=RENDERINGS, k=2)
    by = eval_trust.summarise([eval_trust.analyse(j) for j in jobs])
    assert set(by) == set(RENDERINGS)
    for name, s in by.items():
        assert s["failed"] == 0, name
        assert s["reports"] == 3, name
        assert s["false_error"] == 0, (name, s["false"])
        assert s["mutants"] >= 6, name
        assert s["caught_error"] == s["mutants"], (name, s["missed"])
        if name != "crawler-txt":  # glued crawler digits may have several readings
            assert s["right"] == s["cells"], name
