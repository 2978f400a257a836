"""The consistency rules: each fires on its failing example, at the right place, and not on the clean report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govtext
from govtext.cli import main
from govtext.config import ConfigError, RuleConfig, load_config

from .conftest import SHARED, needs_corpus

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _mutated(old: str, new: str) -> govtext.Document:
    assert TEXT.count(old) == 1, old
    return govtext.analyze_text(TEXT.replace(old, new))


def _rules(doc: govtext.Document, severity: str | None = None) -> list[str]:
    return sorted(f.rule for f in doc.findings if severity is None or f.severity == severity)


def test_the_clean_example_has_no_findings() -> None:
    assert govtext.analyze_text(TEXT).findings == []


def test_t3_row_sum_and_balance() -> None:
    doc = _mutated("一、本年新收政府信息公开申请数量\t51\t6", "一、本年新收政府信息公开申请数量\t52\t6")
    # the prose's 自然人申请51件 now disagrees with the column too
    assert _rules(doc) == ["GT301", "GT303", "GT404"]
    row_sum = next(f for f in doc.findings if f.rule == "GT301")
    assert row_sum.cell.table == "t3" and row_sum.cell.row == "new_received" and row_sum.cell.col == "total"
    assert (row_sum.observed, row_sum.expected) == (60, 61)
    assert row_sum.span.line == TEXT[: TEXT.index("一、本年新收")].count("\n") + 1
    assert "各类申请人之和为61" in row_sum.message_zh
    balance = next(f for f in doc.findings if f.rule == "GT303")
    assert balance.cell.col == "natural_person" and (balance.observed, balance.expected) == (54, 55)


def test_t3_outcome_sum() -> None:
    # the total row changed consistently along the row: the outcome rows no longer add up to it
    doc = _mutated("（七）总计\t52\t7\t0\t0\t2\t1\t62", "（七）总计\t53\t7\t0\t0\t2\t1\t63")
    outcome = [f for f in doc.findings if f.rule == "GT302"]
    assert sorted(f.cell.col for f in outcome) == ["natural_person", "total"]
    assert all(f.severity == "error" and f.cell.row == "total" for f in outcome)
    assert "GT303" in _rules(doc)


def test_t4_group_sum() -> None:
    doc = _mutated("\n2\t0\t1\t0\t3\t1", "\n2\t1\t1\t0\t3\t1")  # 结果纠正 0 -> 1
    (f,) = doc.findings
    assert f.rule == "GT305" and f.cell.row == "review" and (f.observed, f.expected) == (3, 4)
    # 其他结果 1 -> 2 also contradicts the prose (被申请行政复议3件，其中结果维持2件、其他结果1件)
    doc = _mutated("\n2\t0\t1\t0\t3\t1", "\n2\t0\t2\t0\t3\t1")
    assert _rules(doc) == ["GT305", "GT404"]
    (g,) = [f for f in doc.findings if f.rule == "GT404"]
    assert (g.cell.table, g.cell.row, g.cell.col) == ("t4", "review", "other") and g.cell.line is not None
    # a changed total also contradicts the prose (被申请行政复议3件)
    doc = _mutated("\n2\t0\t1\t0\t3\t1", "\n2\t0\t1\t0\t4\t1")
    assert _rules(doc) == ["GT305", "GT404"]


def test_counts_must_be_whole_and_not_negative() -> None:
    doc = _mutated("行政许可\t3186", "行政许可\t3186.5")
    assert _rules(doc) == ["GT304"]


def test_t2_made_repealed_against_in_force_and_prose() -> None:
    doc = _mutated("行政规范性文件\t2\t1\t9", "行政规范性文件\t12\t1\t9")
    assert _rules(doc) == ["GT306", "GT404"]  # the prose says 2 were made
    prose = next(f for f in doc.findings if f.rule == "GT404")
    assert (prose.cell.table, prose.cell.row, prose.cell.col) == ("t2", "normative_docs", "made")
    assert prose.cell.line is not None and prose.cell.label
    assert (prose.observed, prose.expected) == (2, 12)


def test_fee_amount_missing() -> None:
    doc = _mutated("行政事业性收费\t3.82", "行政事业性收费\t—")
    assert _rules(doc) == ["GT307"]


def test_prose_received_against_table() -> None:
    doc = _mutated("共受理政府信息公开申请60件", "共受理政府信息公开申请61件")
    assert "GT404" in _rules(doc, "error")
    f = next(f for f in doc.findings if f.rule == "GT404")
    assert f.cell.row == "new_received" and f.span.line == 9


def test_prose_count_without_its_table_is_not_compared() -> None:
    # table 3 missing (GT206 says so); the prose's 60 applications cannot be checked against it
    start, end = TEXT.index("三、收到和处理政府信息公开申请情况"), TEXT.index("四、政府信息公开行政复议")
    doc = govtext.analyze_text(TEXT[:start] + "三、收到和处理政府信息公开申请情况\n" + TEXT[end:])
    assert doc.tables["t3"] is None and "GT404" not in _rules(doc) and "GT206" in _rules(doc)


def test_prose_change_against_both_years() -> None:
    doc = _mutated("同比增长25%", "同比增长20%")
    assert _rules(doc) == ["GT403"]


def test_fee_statement_missing() -> None:
    doc = govtext.analyze_text(
        TEXT.replace("本年度未收取信息处理费。", "本年度无其他事项。").replace(
            "（一）信息处理费收取情况", "（一）其他情况"
        )
    )
    assert _rules(doc) == ["GT406"]


@pytest.mark.parametrize(
    ("sentence", "rule", "severity"),
    [
        (
            "共发布信息151条，其中机构职能2条、部门文件3条、工作动态83条、公示公告60条、财政预决算4条。",
            "GT401",
            "error",
        ),
        (
            "共发布信息151条，分别为机构职能2条、部门文件3条、工作动态80条、公示公告60条、财政预决算4条。",
            "GT401",
            "error",
        ),
        ("共发布信息151条，其中工作动态82条、公示公告60条。", "GT401", "info"),
        ("受理申请117件，办结171件，办结率100%。", "GT402", "error"),
        ("网站留言回复率120%。", "GT402", "error"),
        ("收到申请120件，上年为100件，同比增长25%。", "GT403", "error"),
        # a share whose base is stated in an earlier sentence of the paragraph, which the other shares agree on
        ("答复申请805件。予以公开258件，占33.9%；不予公开35件，占4.34%；无法提供265件，占32.9%。", "GT402", "error"),
        # the one count stated before a share in its paragraph is its base
        ("收到申请200件。予以公开50件，占40%。", "GT402", "error"),
        ("收到申请208件，其中当面申请20件，网上申请564件，信函申请80件。", "GT401", "error"),
        # outcomes count carried-over applications too: they are not parts of those received
        ("全年受理申请12件，其中同意公开答复9件，同意部分公开答复3件，信息不存在2件。", "GT401", "info"),
    ],
)
def test_prose_rules_fire(sentence: str, rule: str, severity: str) -> None:
    doc = govtext.analyze_text(sentence)
    found = [f for f in doc.findings if f.rule == rule]
    assert len(found) == 1 and found[0].severity == severity
    assert found[0].message and found[0].message_zh


@pytest.mark.parametrize(
    "sentence",
    [
        "共发布信息151条，其中机构职能2条、部门文件3条、工作动态82条、公示公告60条、财政预决算4条。",
        "共发布信息151条，其中工作动态82条、公示公告60条等。",
        "受理申请171件，办结171件，办结率100%。",
        "收到申请120件，上年为100件，同比增长20%。",
        "共发布信息150余条，其中工作动态82条、公示公告80条。",
        # the shares agree with the base stated before them
        "答复申请805件。予以公开258件，占32%；不予公开35件，占4.34%；无法提供265件，占32.9%。",
        # two counts fit the shares equally: no base, no finding
        "收到申请100件，办结98件。予以公开50件，占50%；不予公开10件，占11%；无法提供20件，占20%。",
        # two counts before one share: which is its base is not said
        "收到申请200件，办结180件。予以公开50件，占40%。",
        # a new paragraph: the count before it is not the shares' base
        "收到申请805件。\n予以公开258件，占33.9%；不予公开35件，占4.34%；无法提供265件，占32.9%。",
        # carried-in applications are siblings of those received, not parts
        "本年度共收到申请11件，上年结转2件，同意公开答复9件，同意部分公开答复2件。",
        # categories of information (主动公开/依申请公开/不予公开) are not stages of an application
        "制作政府信息3978条，其中主动公开2026条，依申请公开46条，不予公开1906条。",
    ],
)
def test_prose_rules_stay_quiet(sentence: str) -> None:
    doc = govtext.analyze_text(sentence)
    assert [f for f in doc.findings if f.rule.startswith("GT4")] == []


def test_years_in_the_body() -> None:
    doc = _mutated("2023年，本局共受理", "2022年，本局共受理")
    assert _rules(doc) == []  # one slip is not a pattern
    text = TEXT.replace("2023年，本局共受理", "2022年，本局共受理").replace("本年度，本局因", "2022年，本局因")
    doc = govtext.analyze_text(text)
    assert [f.rule for f in doc.findings] == ["GT405"] and doc.findings[0].observed == 2022
    doc = _mutated("针对上述问题，本局已着手整改", "2023年，本局将着手整改")
    assert [(f.rule, f.expected) for f in doc.findings] == [("GT405", 2024)]


@needs_corpus
def test_seed_report_findings_and_one_changed_number() -> None:
    seed = (SHARED / "corpus" / "seed_pengjiang_minzheng_2023.txt").read_bytes()
    doc = govtext.analyze(seed, name="seed.txt")
    assert _rules(doc) == ["GT102"] * 3 + ["GT206"] * 3
    assert not [f for f in doc.findings if f.severity == "error"]
    total = next(c for c in doc.claims if c.value == 151)
    assert total.role == "total"
    # 82 -> 83: one error at the sentence of the 151 claim
    text = seed.decode("utf-8")
    assert text.count("82") == 1
    changed = govtext.analyze(text.replace("82", "83").encode("utf-8"), name="seed.txt")
    errors = [f for f in changed.findings if f.severity == "error"]
    assert len(errors) == 1 and errors[0].rule == "GT401"
    sentence = next(s for s in changed.sentences if "151" in s.text)
    assert sentence.span.line == errors[0].span.line


@needs_corpus
def test_seed_lint_exit_code_after_one_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = (SHARED / "corpus" / "seed_pengjiang_minzheng_2023.txt").read_bytes()
    clean = tmp_path / "seed.txt"
    clean.write_bytes(seed)
    assert main(["lint", str(clean)]) == 0
    broken = tmp_path / "seed_83.txt"
    broken.write_bytes(seed.decode("utf-8").replace("82", "83").encode("utf-8"))
    assert main(["lint", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:" in out and "GT401 error: " in out and "    | " in out and "^" in out


KNOWN = {
    # file: the (rule, severity) findings the MANIFEST's known errors must produce, at least
    "hongze_2023.pdf": [("GT305", "error", "review"), ("GT305", "error", "litigation_after_review")],
    "pingtan_dishuiju_2013.txt": [("GT402", "error", None)],
    "pingtan_2012.txt": [("GT401", "error", None), ("GT402", "error", None)],
    "pingtan_2014.txt": [("GT401", "error", None)],
    "pingtan_2016.txt": [("GT405", "warning", None)],
    "pingtan_xian_2011.txt": [("GT401", "info", None)],
    "pingtan_xian_2012.txt": [("GT401", "error", None)],
    # its tables add up, but its prose does not agree with them: 予以公开及部分公开258件 where the rows add up to
    # 275, and 无法提供265件 where they add up to 337 (found by issue 14)
    "shanghai_bgt_2019.html": [("GT404", "error", "granted"), ("GT404", "error", "unable.not_held")],
}
CONSISTENT = ["huaian_szf_2024.pdf", "pingtan_2019.txt", "pingtan_2021.txt",
              "pingtan_2022.txt", "pingtan_2024.txt", "pingtan_2025.txt", "pingtan_2015.txt", "pingtan_2018.txt"]  # fmt: skip


@needs_corpus
@pytest.mark.parametrize("name", sorted(KNOWN))
def test_known_errors_are_found(name: str) -> None:
    doc = govtext.analyze(SHARED / "corpus" / name)
    got = [(f.rule, f.severity, (f.cell.row if f.cell else None)) for f in doc.findings]
    for rule, severity, row in KNOWN[name]:
        assert any(g[0] == rule and g[1] == severity and (row is None or g[2] == row) for g in got), (rule, got)


@needs_corpus
@pytest.mark.parametrize("name", CONSISTENT)
def test_consistent_reports_get_no_arithmetic_or_prose_error(name: str) -> None:
    doc = govtext.analyze(SHARED / "corpus" / name)
    assert [f.rule for f in doc.findings if f.severity == "error"] == []


def test_hongze_errors_point_at_the_total_cells() -> None:
    pytest.importorskip("pypdfium2")
    if not (SHARED / "corpus" / "hongze_2023.pdf").exists():
        pytest.skip("the shared corpus is not beside the checkout")
    doc = govtext.analyze(SHARED / "corpus" / "hongze_2023.pdf")
    f = next(f for f in doc.findings if f.rule == "GT305")
    cell = doc.tables["t4"].cell("review", "total")
    assert f.span == cell.span and f.span.page == 4 and f.cell.bbox == cell.bbox


def test_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govtext]\nignore = ["GT4"]\n[tool.govtext.severity]\nGT305 = "warning"\nGT3 = "info"\n', encoding="utf-8"
    )
    cfg = load_config(start=tmp_path)
    assert not cfg.enabled("GT401") and cfg.enabled("GT301")
    assert cfg.severity_of("GT305", "error") == "warning" and cfg.severity_of("GT301", "error") == "info"
    assert cfg.merged(ignore=[]).enabled("GT401")
    bad = tmp_path / "bad.toml"
    bad.write_text('[tool.govtext.severity]\nGT301 = "fatal"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(bad)
    assert load_config(start=tmp_path / "nowhere") == RuleConfig(
        ignore=("GT4",), severity={"GT305": "warning", "GT3": "info"}, source=str(tmp_path / "pyproject.toml")
    )


def test_cli_severity_and_config_change_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT.replace("\n2\t0\t1\t0\t3\t1", "\n2\t1\t1\t0\t3\t1"), encoding="utf-8")
    assert main(["lint", str(report)]) == 1
    assert main(["lint", str(report), "--severity", "GT305=warning"]) == 0
    assert main(["lint", str(report), "--ignore", "GT3"]) == 0
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[tool.govtext.severity]\nGT305 = "off"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["lint", str(report), "--config", str(cfg), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["findings"] == []
    assert main(["lint", str(report), "--severity", "GT305=fatal"]) == 2


def test_lint_text_shows_the_source_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(TEXT.replace("\n2\t0\t1\t0\t3\t1", "\n2\t1\t1\t0\t3\t1"), encoding="utf-8")
    main(["lint", str(report), "--zh"])
    lines = capsys.readouterr().out.splitlines()
    line_no = TEXT[: TEXT.index("\n2\t0\t1\t0\t3\t1") + 1].count("\n") + 1
    assert lines[0] == (
        f"{report}:{line_no}:9: GT305 error: 表四 row “行政复议”: upheld + corrected + other + pending = 4, "
        "but the total is 3"
    )
    assert lines[1].startswith("    表四") and lines[2] == "    | 2\t1\t1\t0\t3\t1\t0\t0\t1\t2\t1\t0\t0\t0\t1"
    assert lines[3] == "    | " + " " * 8 + "^"


def test_lint_globs_and_directories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(2):
        (tmp_path / f"r{i}.txt").write_text(TEXT, encoding="utf-8")
    assert main(["lint", str(tmp_path / "*.txt")]) == 0
    assert "2 report(s) checked" in capsys.readouterr().err
    assert main(["lint", str(tmp_path)]) == 0
    assert main(["lint", str(tmp_path / "none*.txt")]) == 2


def _with_sentence(sentence: str) -> govtext.Document:
    end = TEXT.index("\n", TEXT.index("一、总体情况"))
    return govtext.analyze_text(TEXT[: end + 1] + sentence + "\n" + TEXT[end + 1 :])


def test_a_count_is_set_against_the_cell_its_own_words_name() -> None:
    # the example's table 2 prints 行政规范性文件 2 made, 1 repealed, 9 in force
    doc = _with_sentence("清理并集中发布现行有效行政规范性文件9件，动态更新本年度制发的规范性文件2件。")
    assert [f for f in doc.findings if f.rule == "GT404"] == []
    doc = _with_sentence("清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件2件。")
    (f,) = [f for f in doc.findings if f.rule == "GT404"]
    assert f.severity == "error" and f.cell.col == "in_force" and (f.observed, f.expected) == (393, 9)


def test_a_narrower_subject_is_at_most_information() -> None:
    doc = _with_sentence("2023年，局办公室代表本局受理政府信息公开申请17件。")
    (f,) = [f for f in doc.findings if f.rule == "GT404"]
    assert f.severity == "info" and "narrower scope" in f.message and "范围较窄" in f.message_zh


def test_a_count_of_an_outcome_group_is_set_against_the_sum_of_its_rows() -> None:
    # the example's 其中予以公开26件、部分公开5件、不予公开8件、无法提供17件… agree with table 3's groups
    assert [f for f in govtext.analyze_text(TEXT).findings if f.rule == "GT404"] == []
    doc = _mutated("不予公开8件", "不予公开9件")
    (f,) = [f for f in doc.findings if f.rule == "GT404"]
    assert f.severity == "error" and (f.observed, f.expected) == (9, 8)
    assert "the 8 rows of 不予公开 in 表三" in f.message and f.cell.row == "denied.state_secret"
    # 作出不予公开决定的3件 counts decisions of one kind, not the group: never compared
    assert "不予公开决定的3件" in TEXT


@needs_corpus
def test_outcomes_against_received_are_an_error_only_where_nothing_was_carried_in() -> None:
    # 收到70件申请，办结69件，1件结转下年度: table 3 reads 上年结转 as 0, so 70 handled + 1 carried is too many
    text = (SHARED / "corpus" / "pingtan_2021.txt").read_text(encoding="utf-8")
    assert text.count("办结69件") == 1
    more = govtext.analyze_text(text.replace("办结69件", "办结70件"))
    found = [f for f in more.findings if f.rule == "GT401"]
    assert [(f.severity, f.observed, f.expected) for f in found] == [("error", 70, 71)]
    assert any(b.what == "t3 carried_over/total" and b.value == 0 for b in found[0].basis)
    fewer = govtext.analyze_text(text.replace("办结69件", "办结68件"))
    assert [f.severity for f in fewer.findings if f.rule == "GT401"] == ["info"]
    # without table 3 the carried-in applications are unknown: at most information
    prose_only = govtext.analyze_text("本年度共收到70件申请，办结70件，1件结转下年度继续办理。")
    assert [f.severity for f in prose_only.findings if f.rule == "GT401"] == ["info"]


@pytest.mark.parametrize(
    ("sentence", "cell", "values"),
    [
        # the example's tables: 上年结转 4, （七）总计 62, 结转下年度 2, 行政复议 结果纠正 0, 直接起诉 尚未审结 1,
        # 本机关不掌握 14, 新收 自然人 51
        ("上年度遗留未办结的申请5件，已于一季度全部答复。", ("t3", "carried_over", "total"), (5, 4)),
        ("全年办理完毕政府信息公开申请63件。", ("t3", "total", "total"), (63, 62)),
        ("本机关被行政复议纠错1件。", ("t4", "review", "corrected"), (1, 0)),
        ("直接起诉的案件中，结果维持1件、尚未审结2件。", ("t4", "litigation_direct", "pending"), (2, 1)),
        ("因本机关不掌握相关政府信息无法提供的申请15件。", ("t3", "unable.not_held", "total"), (15, 14)),
        ("公民个人提出申请53件。", ("t3", "new_received", "natural_person"), (53, 51)),
        # 各: reviews and lawsuits alike (3 and 3 in the example)
        ("被申请行政复议和提起行政诉讼各4件。", ("t4", "review", "total"), (4, 3)),
    ],
)
def test_a_count_is_set_against_the_row_or_column_its_words_name(
    sentence: str, cell: tuple[str, str, str], values: tuple[int, int]
) -> None:
    (f,) = [f for f in _with_sentence(sentence).findings if f.rule == "GT404"]
    assert f.severity == "error" and (f.cell.table, f.cell.row, f.cell.col) == cell
    assert (f.observed, f.expected) == values


@pytest.mark.parametrize(
    "sentence",
    [
        "截至年底，尚有2件申请仍在答复期限内，顺延至下一年度答复。",  # not handled: still within the time limit
        "对信访、举报类及重复申请等作不予处理4件。",  # items closed by 等: the group (4), not the 重复申请 row
        "本年度未收到科研机构提出的政府信息公开申请。",  # a column's zero, not the total's
        "全年受理行政许可申请3200件。",  # no request for government information
        "其中，执法稽查科受理政府信息公开申请12件。",  # a unit narrower than the reporting body
        "全区各级行政机关共受理政府信息公开申请1260件。",  # broader than the reporting body
        "本年度，本局被申请行政复议和提起行政诉讼各3件。",  # 各: both totals are 3
    ],
)
def test_no_error_where_the_words_name_no_cell_of_the_report(sentence: str) -> None:
    assert not [f for f in _with_sentence(sentence).findings if f.severity == "error"]
