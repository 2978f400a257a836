"""The corpus dashboard's page, parsed (html.parser): controls wired, rule names, a true year axis, the worst reports.

The records are one analysis of the example report, copied with other years,
bodies and figures (the dashboard reads records only); the browser tests of the
same page are in ``tests/test_html.py``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

import govtext
from govtext.checks.base import all_rules
from govtext.report import dashboard_row, render_dashboard

from .conftest import EXAMPLES

# --------------------------------------------------------------------------- a small DOM


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def find(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter(tag) if all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def by_id(self, ident: str) -> Node:
        (node,) = self.find(id=ident)
        return node

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Tree(HTMLParser):
    VOID = frozenset({"meta", "br", "input", "img", "link", "hr", "col", "source", "area", "base", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#document", {}, None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.at)
        self.at.children.append(node)
        if tag not in self.VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, dict(attrs), self.at))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing"
        self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(page: str) -> Node:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.at is tree.root, f"<{tree.at.tag}> is never closed"
    return tree.root


# --------------------------------------------------------------------------- a corpus of records


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return govtext.analyze(EXAMPLES / "example_2023.txt").to_dict(detail=True)


def _record(base: dict[str, Any], name: str, year: int, agency: str, new_received: int | None,
            errors: int = 0, how: str = "read") -> dict[str, Any]:  # fmt: skip
    r = copy.deepcopy(base)
    r["source"]["path"] = f"/corpus/{name}"
    r["meta"].update(year=year, agency=agency, title=f"{agency}{year}年政府信息公开工作年度报告")
    r["tables"]["t3"]["new_received"]["total"] = new_received
    for c in r["table_detail"]["t3"]["cells"]:
        if (c["row"], c["col"]) == ("new_received", "total"):
            c["value"], c["how"] = new_received, how if new_received is not None else "missing"
    r["findings"] = [
        {"rule": "GT404", "severity": "error", "message": "m", "message_zh": "m"} for _ in range(errors)
    ] + [{"rule": "GT203", "severity": "warning", "message": "w", "message_zh": "w"}]
    return r


Corpus = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def sample_corpus(base: dict[str, Any]) -> Corpus:
    """A summary, dashboard rows and records: two bodies, 2012 and 2019–2024 with 2023 missing, a failed file."""
    a = "青禾市临溪区市场监督管理局"
    records = [
        _record(base, "a_2021.txt", 2021, a, 60),
        _record(base, "a_2022.txt", 2022, a, 70, errors=2),
        _record(base, "a_2024.txt", 2024, a, 90),  # no 2023: a gap twice as wide as 2021→2022
        _record(base, "a_2019.txt", 2019, a, 40, how="guessed"),  # not read with certainty
        _record(base, "a_2020.txt", 2020, a, None),  # a report whose count was not read
        _record(base, "b_2023.txt", 2023, "东林县人民政府", 5, errors=1),
    ]
    old = copy.deepcopy(records[0])  # a report of 2012 without any of the tables: the axis does not start there
    old["source"]["path"], old["meta"]["year"], old["tables"] = "/corpus/a_2012.txt", 2012, {}
    old["table_detail"] = {}
    records.append(old)
    failed = {"source": {"path": "/corpus/broken.pdf", "format": None, "sha256": None},
              "error": {"type": "CorruptFileError", "message": "damaged"}}  # fmt: skip
    records.append(failed)
    rows = [dashboard_row(r, None if "error" in r else f"pages/{r['source']['path'][8:]}.html") for r in records]
    summary = {
        "analysed": 7, "failed": 1, "with_errors": 2, "cross_report_findings": 0,
        "findings_by_rule": {"GT203": 7, "GT404": 3, "GT999": 1},
        "findings_by_body": {"青禾市临溪区市场监督管理局": 8, "东林县": 2},
        "worst_reports": [{"path": "/corpus/a_2022.txt", "errors": 2}, {"path": "/corpus/b_2023.txt", "errors": 1}],
    }  # fmt: skip
    return summary, rows, records


@pytest.fixture(scope="module")
def corpus(base: dict[str, Any]) -> Corpus:
    return sample_corpus(base)


@pytest.fixture(scope="module")
def page(corpus: Corpus) -> str:
    summary, rows, _ = corpus
    return render_dashboard(summary, rows, [])


# --------------------------------------------------------------------------- the tests


def test_report_table_sort_and_filter_controls_exist_and_are_wired(page: str) -> None:
    doc = parse(page)
    table = doc.by_id("report-table")
    heads = list(next(table.iter("thead")).iter("th"))
    assert len(heads) == 6
    for i, th in enumerate(heads):
        assert th.attrs.get("scope") == "col"
        (button,) = th.find("button")
        assert button.attrs["type"] == "button" and button.attrs["data-col"] == str(i)
    assert [th.find("button")[0].attrs.get("data-type") for th in heads] == [None, None] + ["number"] * 4
    rows = list(next(table.iter("tbody")).iter("tr"))
    assert len(rows) == 8 and all(len(list(r.find("td"))) == 6 for r in rows)
    assert all("data-v" in td.attrs for r in rows for td in r.find("td"))  # what the script sorts by
    # without script the table is all there, in input order, nothing hidden
    names = [r.find("td")[0].attrs["data-v"] for r in rows]
    assert names == ["a_2021.txt", "a_2022.txt", "a_2024.txt", "a_2019.txt", "a_2020.txt", "b_2023.txt", "a_2012.txt",
                     "broken.pdf"]  # fmt: skip
    assert not any("hidden" in r.attrs for r in rows)
    # the filter: text over body, title and path; severity; year
    first = rows[0].attrs
    assert "青禾市临溪区市场监督管理局2021年" in first["data-search"] and "/corpus/a_2021.txt" in first["data-search"]
    assert (first["data-year"], first["data-errors"], first["data-warnings"]) == ("2021", "0", "1")
    assert rows[-1].attrs["data-failed"] == "1"
    controls = doc.by_id("report-controls")
    assert "hidden" in controls.attrs  # shown by the script: useless without it
    assert doc.by_id("report-filter").attrs["type"] == "search"
    severity = [o.attrs["value"] for o in doc.by_id("report-severity").find("option")]
    assert severity == ["", "errors", "warnings", "infos", "clean", "failed"]
    assert all(f"data-{s}" in first for s in severity[1:4])  # each severity names a row attribute
    years = [o.attrs["value"] for o in doc.by_id("report-year").find("option")]
    assert years == ["", "2012", "2019", "2020", "2021", "2022", "2023", "2024"]
    (script,) = doc.find("script")
    code = script.text()
    assert "src" not in script.attrs
    for ident in ("report-table", "report-controls", "report-filter", "report-severity", "report-year"):
        assert f'getElementById("{ident}")' in code
    assert 'querySelectorAll("thead th button[data-col]")' in code and '"aria-sort"' in code
    assert 'addEventListener("click"' in code and 'addEventListener("input"' in code
    assert code.count('addEventListener("change"') == 2
    assert all("disabled" in th.find("button")[0].attrs for th in heads)  # enabled by the script


def test_rule_bars_name_each_rule(page: str) -> None:
    doc = parse(page)
    rules = {r.code: r for r in all_rules()}
    (bars, _) = doc.find("table", class_="bars")
    labels = [th.text() for th in bars.find("th", scope="row")]
    assert [label.split()[0] for label in labels] == ["GT203", "GT404", "GT999"]  # by count
    for label, code in zip(labels, ("GT203", "GT404"), strict=False):
        rule = rules[code]
        assert f"{code} {rule.name}" in label and rule.summary("zh") in label
    assert "prose.prose_vs_table" in labels[1]
    assert labels[2].strip() == "GT999"  # a code of no rule (an older record): shown as it is


def _xs(figure: Node, key: str) -> dict[int, float]:
    (band,) = figure.find("g", **{"data-figure": key})
    return {int(c.attrs["data-year"]): float(c.attrs["cx"]) for c in band.find("circle")}


def test_year_axis_is_a_true_scale_starting_at_the_first_year_with_data(page: str) -> None:
    doc = parse(page)
    figures = {f.attrs["data-body"]: f for f in doc.find("figure")}
    assert list(figures) == ["青禾市临溪区市场监督管理局"]  # the other body has one year only
    fig = figures["青禾市临溪区市场监督管理局"]
    xs = _xs(fig, "new_received")
    assert sorted(xs) == [2019, 2021, 2022, 2024]  # 2020's count was not read; no report of 2023
    assert xs[2024] - xs[2022] == pytest.approx(2 * (xs[2022] - xs[2021]))
    assert xs[2021] - xs[2019] == pytest.approx(2 * (xs[2022] - xs[2021]))
    other = _xs(fig, "carried_over")  # every band on the same axis
    assert [other[y] for y in (2019, 2021)] == [xs[2019], xs[2021]]
    labels = [t.text() for t in fig.find("text", class_="year")]
    assert labels[0] == "2019" and labels[-1] == "2024" and "2012" not in labels  # 2012 has no figures
    assert "2012" in fig.find("figcaption")[0].text()  # said in words instead
    shaded = [r.find("title")[0].text() for r in fig.find("rect", class_="noreport")]
    assert shaded == ["2023: no report 无报告"]
    # lines join consecutive years only: 2021–2022; not 2019–2021 (2020 not read), not 2022–2024 (no 2023)
    (band,) = fig.find("g", **{"data-figure": "new_received"})
    year_at = {x: y for y, x in xs.items()}
    runs = [[year_at[float(p.split(",")[0])] for p in line.attrs["points"].split()] for line in band.find("polyline")]
    assert runs == [[2021, 2022]]
    # the chain as a table: every year a column; a year without a report a gap, a cell not read a dash
    table = fig.find("table", class_="chain")[0]
    assert [th.text() for th in table.find("th", scope="col")][1:] == [str(y) for y in range(2019, 2025)]
    (row,) = [tr for tr in table.find("tr") if tr.find("th", scope="row") and "本年新收申请" in tr.text()]
    cells = row.find("td")
    assert [c.attrs.get("class") for c in cells] == ["unsure", "nr", None, None, "gap", None]
    assert [c.text() for c in cells] == ["40?", "–", "60", "70", "no report", "90"]
    (hollow,) = [c for c in band.find("circle") if c.attrs["data-year"] == "2019"]
    assert hollow.attrs["fill"] == "#fff" and "not read with certainty" in hollow.text()


def test_worst_reports_are_listed_with_links_to_their_pages(page: str) -> None:
    doc = parse(page)
    (worst,) = doc.find("ol", class_="worst")
    items = worst.find("li")
    assert [li.find("a")[0].attrs["href"] for li in items] == ["pages/a_2022.txt.html", "pages/b_2023.txt.html"]
    assert "2 errors" in items[0].text() and "1 error" in items[1].text() and "东林县" in items[1].text()


def test_the_page_fetches_nothing(page: str) -> None:
    doc = parse(page)
    for node in doc.iter():
        for attr in ("src", "href", "xlink:href", "action", "data"):
            value = (node.attrs.get(attr) or "").strip().lower()
            assert not re.match(r"(https?:)?//", value), f"<{node.tag} {attr}={value}>"
        assert not (node.tag == "link" and "stylesheet" in (node.attrs.get("rel") or ""))
    assert "src" not in doc.find("script")[0].attrs
    (style,) = doc.find("style")
    assert "@import" not in style.text() and "url(" not in style.text()
    assert re.findall(r"https?://[^\s\"'<>]+", page) == []


def test_text_from_reports_is_escaped(corpus: Corpus) -> None:
    summary, _, records = corpus
    evil = copy.deepcopy(records[0])
    evil["meta"]["title"] = '"><script>alert(1)</script>'
    evil["meta"]["agency"] = "<img src=x onerror=alert(2)>局"
    evil["source"]["path"] = "/corpus/\"'><svg onload=alert(3)>.txt"
    rows = [dashboard_row(r, "pages/x.html") for r in (evil, records[1])]
    page = render_dashboard(summary, rows, [])
    doc = parse(page)
    assert len(doc.find("script")) == 1 and not doc.find("img") and len(doc.find("svg")) == len(doc.find("figure"))
    assert not any(k.startswith("on") for n in doc.iter() for k in n.attrs)
    (first, *_) = doc.by_id("report-table").find("tr")[1:]
    assert '"><script>alert(1)</script>' in first.text() and "onerror=alert(2)>局" in first.attrs["data-search"]


def test_a_row_is_made_from_the_document_and_a_record_gives_the_same(base: dict[str, Any]) -> None:
    from govtext.model import Document
    from govtext.report import DashboardRow

    doc = govtext.analyze(EXAMPLES / "example_2023.txt")
    row = dashboard_row(doc, "pages/x.html")
    assert isinstance(row, DashboardRow) and row == dashboard_row(doc.to_dict(detail=True), "pages/x.html")
    assert row.figures["new_received"] == doc.tables["t3"].get("new_received", "total") and row.unsure == ()
    assert row.year == doc.meta.year and row.errors == sum(f.severity == "error" for f in doc.findings)
    # a guessed cell marks its figure; a record saved without detail says nothing of how cells were read
    guessed = dashboard_row(_record(base, "g_2023.txt", 2023, "某局", 12, how="guessed"))
    assert guessed.figures["new_received"] == 12 and "new_received" in guessed.unsure
    bare = _record(base, "r_2023.txt", 2023, "某局", 12, how="guessed")
    del bare["table_detail"]
    assert dashboard_row(bare).unsure == () and dashboard_row(bare).figures["new_received"] == 12
    assert Document.from_dict(bare).tables["t3"].cell("new_received", "total").how == "recorded"
    failed = dashboard_row({"source": {"path": "/c/broken.pdf"}, "error": {"type": "CorruptFileError"}})
    assert failed.error == "CorruptFileError" and failed.name == "broken.pdf" and failed.figures == {}
    assert row.to_dict()["unsure"] == [] and set(row.to_dict()) >= {"name", "path", "body", "figures", "link"}
