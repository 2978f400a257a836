#!/usr/bin/env python3
"""Saved web pages against the same report as text and PDF (``tools/synth/govtext_synth/pages.py``).

For every report set: the section each prose sentence of the report is given,
the table cells read, the findings, the title and the date, in every format; a
page is right when it agrees with the truth.  Then the pages with no report in
them must get GT100.  ``--compare`` also measures how much of the report and of
the site's chrome trafilatura and readability-lxml keep (if installed), beside
govtext's own choice.

    python benchmarks/eval_pages.py --n 30 [--compare] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govtext_synth import pages  # noqa: E402

NAMES = {"txt": "r.txt", "pdf": "r.pdf"}
_SPACE = re.compile(r"\s+")
#: lines of the invented sites' furniture: none may reach the text
CHROME = ("主办单位", "网站标识码", "ICP备", "公网安备", "分享到", "打印", "上一篇", "下一篇", "相关文章", "当前位置",
          "您现在的位置", "政府信息公开指南", "搜索")  # fmt: skip


def sentence_sections(doc: Any, truth: dict[str, Any]) -> list[int | None]:
    """The section the document gives each prose sentence of the truth (``None``: not found)."""
    flat = [(_SPACE.sub("", s.text), s.section) for s in doc.sentences]
    out = []
    for text, _ in truth["sentences"]:
        want = _SPACE.sub("", text)
        got = next((sec for t, sec in flat if want in t or (len(t) > 8 and t in want)), None)
        out.append(got)
    return out


def cells(doc: Any, truth: dict[str, Any]) -> tuple[int, int, list[str]]:
    n = right = 0
    wrong = []
    for t in ("t2", "t3", "t4"):
        got = doc.tables.get(t)
        for r, cols in truth["tables"][t].items():
            for c, v in cols.items():
                g = None if got is None else got.get(r, c)
                n += 1
                if g == v:
                    right += 1
                else:
                    wrong.append(f"{t}.{r}.{c}: {v} read {g}")
    return n, right, wrong


def evaluate(n: int, seed: int = 0) -> dict[str, Any]:
    import govtext

    per: dict[str, Counter] = {}
    problems: list[str] = []
    secs: dict[str, float] = {}
    for i in range(n):
        s = pages.make_set(seed * 100_000 + i)
        truth = s["truth"]
        want = [k for _, k in truth["sentences"]]
        findings_of: dict[str, set[str]] = {}
        for fmt, data in s["files"].items():
            t0 = time.perf_counter()
            doc = govtext.analyze(data, name=NAMES.get(fmt, "r.html"))
            secs[fmt] = secs.get(fmt, 0.0) + time.perf_counter() - t0
            c = per.setdefault(fmt, Counter())
            c["reports"] += 1
            got = sentence_sections(doc, truth)
            c["sentences"] += len(want)
            c["sentences_right"] += sum(g == w for g, w in zip(got, want, strict=True))
            n_cells, right, wrong = cells(doc, truth)
            c["cells"] += n_cells
            c["cells_right"] += right
            errors = [f for f in doc.findings if f.severity == "error"]
            c["error_findings"] += len(errors)
            c["reports_with_error"] += bool(errors)
            findings_of[fmt] = {f.rule for f in doc.findings}
            c["title_right"] += doc.meta.title == truth["title"]
            if fmt.startswith("html"):
                c["published_right"] += doc.meta.published == truth["published"]
                c["chrome_lines"] += sum(1 for line in doc.text.split("\n") if any(w in line for w in CHROME))
            if got != want or wrong or errors:
                problems.append(f"{i} {fmt}: sections {got} want {want}; cells {wrong[:2]}; "
                                f"errors {[f'{f.rule} {f.message[:80]}' for f in errors]}")  # fmt: skip
        base = findings_of["txt"]
        for fmt, rules in findings_of.items():
            per[fmt]["findings_same_as_txt"] += rules == base
            if rules != base:
                problems.append(f"{i} {fmt}: findings {sorted(rules ^ base)} differ from the text's")
    nonreport: dict[str, Any] = {}
    for k in range(max(1, n // 10)):
        for name, data in pages.non_report_pages(seed * 100 + k).items():
            doc = govtext.analyze(data, name="r.txt" if name.endswith("txt") else "r.html")
            gt100 = [f.message for f in doc.findings if f.rule == "GT100"]
            entry = nonreport.setdefault(name, {"pages": 0, "gt100": 0, "sections_found": 0, "example": None})
            entry["pages"] += 1
            entry["gt100"] += bool(gt100)
            entry["sections_found"] += sum(1 for sec in doc.sections if sec.found)
            entry["example"] = entry["example"] or (gt100[0] if gt100 else None)
    return {"n": n, "formats": {k: dict(v) for k, v in per.items()}, "seconds": {k: round(v, 2) for k, v in secs.items()},
            "non_report": nonreport, "problems": problems[:40]}  # fmt: skip


def compare(n: int, seed: int = 0) -> dict[str, Any]:
    """Share of the report's sentences and table cells kept, and chrome lines let in, per extractor."""
    from govtext.io.html import read_html

    tools: dict[str, Any] = {
        "govtext": lambda raw: read_html(raw).text,
        "govtext (whole page)": lambda raw: read_html(raw, whole_page=True).text,
    }
    try:
        import trafilatura

        tools["trafilatura"] = lambda raw: trafilatura.extract(raw, include_tables=True, favor_recall=True) or ""
    except ImportError:
        pass
    try:
        from lxml import html as lxml_html
        from readability import Document as Readable

        tools["readability-lxml"] = lambda raw: lxml_html.fromstring(Readable(raw).summary()).text_content()
    except ImportError:
        pass
    out = {name: Counter() for name in tools}
    for i in range(n):
        s = pages.make_set(seed * 100_000 + i)
        truth = s["truth"]
        numbers = [
            str(v) for t in ("t3", "t4") for row in truth["tables"][t].values() for v in row.values() if v is not None
        ]
        for style in pages.STYLES:
            raw = s["files"][style].decode("utf-8")
            for name, fn in tools.items():
                text = fn(raw)
                flat = _SPACE.sub("", text)
                c = out[name]
                c["pages"] += 1
                c["sentences"] += len(truth["sentences"])
                c["sentences_kept"] += sum(_SPACE.sub("", t) in flat for t, _ in truth["sentences"])
                c["headings_kept"] += sum(h in flat for h in pages.tr.HEADINGS)
                c["table3_row_labels_kept"] += int("法人或其他组织" in flat and "本年新收政府信息公开申请数量" in flat)
                c["numbers"] += 1
                c["chrome_lines"] += sum(1 for line in text.split("\n") if any(w in line for w in CHROME))
                c["pages_whole_report"] += all(_SPACE.sub("", t) in flat for t, _ in truth["sentences"]) and all(
                    h in flat for h in pages.tr.HEADINGS
                )
                del numbers[:0]
    return {k: dict(v) for k, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = evaluate(args.n, args.seed)
    if args.compare:
        result["extractors"] = compare(args.n, args.seed)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
