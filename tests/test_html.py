"""The HTML report and the corpus dashboard, looked at in a real browser (headless Chromium).

The browser tests need Debian's ``chromium`` and ``chromium-driver`` packages
(``apt-get install chromium chromium-driver``) and the ``selenium`` package (a test
dependency); they skip, saying why, where either is absent.  The rendering tests
without a browser always run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import govtext
from govtext.batch import find_inputs, run

from .conftest import EXAMPLES

TEXT = (EXAMPLES / "example_2023.txt").read_text(encoding="utf-8")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _broken_report() -> govtext.Document:
    text = TEXT.replace("\n2\t0\t1\t0\t3\t1", "\n2\t0\t2\t0\t3\t1")  # table 4: 2 + 0 + 2 + 0 != 3
    text = text.replace("本年度未收取信息处理费。", "本年度未收取信息处理费。共发布信息151条，其中动态82条、公告70条。")
    return govtext.analyze_text(text)


def test_html_is_self_contained_and_marks_every_finding() -> None:
    doc = _broken_report()
    page = doc.to_html()
    assert {f.rule for f in doc.findings} >= {"GT305", "GT401"}
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert page.count('<li class="finding') == len(doc.findings)
    assert 'id="c-t4-review-total"' in page and "flag-error" in page
    for section in ("一、总体情况", "六、其他需要报告的事项"):
        assert section in page


def test_report_text_is_escaped() -> None:
    evil = TEXT.replace("本局严格执行", '本局<script>alert(1)</script>"><img src=x onerror=alert(2)>严格执行')
    page = govtext.analyze_text(evil).to_html()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    # the script is shown as text; the stray tag is dropped by normalisation (markup in a text file)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;" in page and "onerror" not in page


def _driver(width: int, height: int, javascript: bool = True):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "headless browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.mark.parametrize(("width", "height", "label"), [(1400, 1000, "desktop"), (390, 844, "phone")])
def test_findings_panel_jumps_to_each_mark(tmp_path: Path, width: int, height: int, label: str) -> None:
    doc = _broken_report()
    page = tmp_path / "report.html"
    page.write_text(doc.to_html(), encoding="utf-8")
    driver = _driver(width, height)
    try:
        driver.get(page.as_uri())
        items = driver.find_elements("css selector", "li.finding")
        assert len(items) == len(doc.findings)
        for item in items:
            target = item.get_attribute("data-target")
            assert target, item.text
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", item)
            driver.execute_script("arguments[0].click();", item)
            assert driver.execute_script("return window.govtextLastJump") == target
            box = driver.execute_script(
                "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                "return [r.top, r.bottom, window.innerHeight];",
                target,
            )
            assert 0 <= box[0] < box[2] and box[1] > 0, (target, box)  # the mark is on the screen
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        driver.save_screenshot(str(tmp_path / f"report-{label}.png"))
        assert (tmp_path / f"report-{label}.png").stat().st_size > 10_000
    finally:
        driver.quit()


def test_escaped_report_runs_no_script(tmp_path: Path) -> None:
    evil = TEXT.replace(
        "本局严格执行", '本局<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">严格执行'
    )
    page = tmp_path / "evil.html"
    page.write_text(govtext.analyze_text(evil).to_html(), encoding="utf-8")
    driver = _driver(1200, 900)
    try:
        driver.get(page.as_uri())
        assert driver.execute_script("return window.pwned") is None
        assert driver.find_elements("css selector", "main img") == []
        assert "<script>window.pwned=1</script>" in driver.find_element("css selector", "main").text
    finally:
        driver.quit()


def test_dashboard_in_the_browser(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for year in (2022, 2023):
        body = TEXT.replace("2023", str(year)) if year != 2023 else TEXT
        (folder / f"r{year}.txt").write_text(body, encoding="utf-8")
    html = tmp_path / "dash" / "index.html"
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        summary = run(find_inputs(str(folder)), fh, jobs=0, html=html)
    assert summary.analysed == 2
    text = html.read_text(encoding="utf-8")
    assert "<svg" in text and "https://" not in text
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r.get("kind") == "cross_report" for r in records)  # the 2023 text repeats the 2022 one
    driver = _driver(1300, 1000)
    try:
        driver.get(html.as_uri())
        links = driver.find_elements("css selector", "table a")
        assert len(links) == 2
        assert len(driver.find_elements("css selector", "figure svg polyline")) >= 1  # a body over two years
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        links[0].click()
        assert driver.find_elements("css selector", "li.finding") is not None
        assert "govtext" in driver.page_source
    finally:
        driver.quit()


def test_dashboard_sorts_and_filters_its_report_table(tmp_path: Path) -> None:
    from govtext.report import render_dashboard

    from .test_dashboard import sample_corpus

    summary, rows, _ = sample_corpus(govtext.analyze_text(TEXT).to_dict(detail=True))
    html = tmp_path / "dashboard.html"
    html.write_text(render_dashboard(summary, rows, []), encoding="utf-8")
    driver = _driver(1300, 1000)

    def shown() -> list[str]:
        return driver.execute_script(
            "return Array.from(document.querySelectorAll('#report-table tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.cells[0].getAttribute('data-v'));"
        )

    def sort(col: int) -> str:
        button = driver.find_element("css selector", f"#report-table th button[data-col='{col}']")
        button.click()
        return button.find_element("xpath", "..").get_attribute("aria-sort")

    try:
        driver.get(html.as_uri())
        assert driver.find_element("id", "report-controls").is_displayed()
        assert len(shown()) == 8
        assert sort(3) == "ascending"  # errors
        assert sort(3) == "descending" and shown()[:2] == ["a_2022.txt", "b_2023.txt"]
        assert sort(2) == "ascending"  # year: numeric, the failed file (no year) last
        assert shown() == ["a_2012.txt", "a_2019.txt", "a_2020.txt", "a_2021.txt", "a_2022.txt", "b_2023.txt",
                           "a_2024.txt", "broken.pdf"]  # fmt: skip
        assert driver.find_elements("css selector", "#report-table th[aria-sort]")[0].text.startswith("year")
        assert sort(2) == "descending" and shown()[0] == "a_2024.txt" and shown()[-1] == "broken.pdf"
        assert sort(0) == "ascending" and shown()[0] == "a_2012.txt"
        box = driver.find_element("id", "report-filter")
        box.send_keys("东林")  # the body of b_2023
        assert shown() == ["b_2023.txt"]
        assert driver.find_element("id", "report-count").text.startswith("1 of 8")
        box.clear()
        box.send_keys("A_2019")  # the path, whatever the case
        assert shown() == ["a_2019.txt"]
        driver.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'));", box)
        severity = driver.find_element("id", "report-severity")
        for value, expected in (("failed", ["broken.pdf"]), ("errors", ["a_2022.txt", "b_2023.txt"]), ("clean", [])):
            severity.find_element("css selector", f"option[value='{value}']").click()
            assert shown() == expected, value
        severity.find_element("css selector", "option[value='']").click()
        driver.find_element("css selector", "#report-year option[value='2024']").click()
        assert shown() == ["a_2024.txt"]
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()
    driver = _driver(1300, 1000, javascript=False)
    try:
        driver.get(html.as_uri())
        rows = driver.find_elements("css selector", "#report-table tbody tr")
        assert [r.is_displayed() for r in rows] == [True] * 8  # the whole table, in input order
        assert rows[0].text.startswith("a_2021.txt")
        assert not driver.find_element("id", "report-controls").is_displayed()
        assert not driver.find_element("css selector", "#report-table th button").is_enabled()  # no script ran
    finally:
        driver.quit()
