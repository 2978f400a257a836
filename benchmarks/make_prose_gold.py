"""Write ``tests/data/prose_gold.jsonl``: the prose-vs-table gold (issue 14), annotated by reading.

Two sources of pairs (a pair = one number of the prose and the table cell it describes, or none):

* **shared** reports (``../shared/corpus``, the eight with tables): only the file name, the
  number's offset in the extracted source (``claim.span.start``), its value and a sha1 of its
  sentence are stored, never the text; the eval reads the text from ``../shared`` in place.
* **written** paragraphs (our own text), each inserted after the heading 一、总体情况 of one of
  two invented base reports (``benchmarks/eval_prose.py``: ``base_text``): the example report of
  ``corpora/examples`` (2021 template) and the same report on the 2019 template.  Their tables:
  t3 新收 60 (自然人51 商业企业6 法律服务机构2 其他1), 上年结转 4, 予以公开 26, 部分公开 5,
  不予公开 8 (第三方3 过程性1 执法案卷1 行政查询3), 无法提供 17 (不掌握14 另行制作2 不明确1),
  不予处理 4 (信访3 重复1), 其他处理 2, 总计 62, 结转下年度 2; t4 复议 维持2 其他1 总计3,
  直接起诉 维持1 未审结1 总计2, 复议后起诉 维持1 总计1; t2 (2021) 规范性文件 制发2 废止1
  现行有效9, 行政许可 3186, 行政处罚 274, 行政强制 38; t2 (2019) 规范性文件 新制作2 新公开2
  对外公开总数9, 政府集中采购 6 项.

Labels: ``cell`` (``t3/new_received/total``, a sum ``t3/granted+partially_granted/total``, a
rate ``rate:…``, or ``none``), ``cell_value``, ``scope`` (``report`` | ``narrower`` |
``broader``), ``agrees`` (true/false/null without a cell), ``severity`` (what a finding at
the number should be: ``error``, ``info`` or null for none), ``shape`` and ``note`` (doubts).
The split (``dev``/``test``) is fixed by a hash of the pair's id.

    python benchmarks/make_prose_gold.py      # needs ../shared/corpus for the shared pairs' sha1s
    python benchmarks/make_prose_gold.py --heldout   # the held-out set (``HELDOUT``): prose_gold_heldout.jsonl
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "tests" / "data" / "prose_gold.jsonl"
OUT_HELDOUT = ROOT / "tests" / "data" / "prose_gold_heldout.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"


def split_of(pair_id: str) -> str:
    """dev or test, once and for all: the first byte of the id's sha1."""
    return "dev" if hashlib.sha1(pair_id.encode("utf-8")).digest()[0] < 128 else "test"


# --------------------------------------------------------------------------- shared reports
# (file, offset, value, cell, cell_value, scope, agrees, severity, shape, note)
NONE = "none"
SHARED: list[tuple] = [
    # shanghai_bgt_2019.html: 2019 template; the report of the 办公厅, which acts for the 市政府
    ("shanghai_bgt_2019.html", 460, 13, "t2/regulations/new_published", 13, "report", True, None, "qualifier", ""),
    ("shanghai_bgt_2019.html", 471, 60, "t2/normative_docs/new_published", 60, "report", True, None, "qualifier", ""),
    ("shanghai_bgt_2019.html", 482, 162, NONE, None, "report", None, None, "no_cell", "other documents of the government"),
    ("shanghai_bgt_2019.html", 493, 141, NONE, None, "report", None, None, "no_cell", ""),
    ("shanghai_bgt_2019.html", 1291, 132, NONE, None, "report", None, None, "no_cell", "policy interpretations"),
    ("shanghai_bgt_2019.html", 2054, 859, "t3/new_received/total", 859, "report", True, None, "scope_office_is_body",
     "办公厅代表市政府: the 办公厅 is the reporting body"),
    ("shanghai_bgt_2019.html", 2084, 805, "t3/total/total", 805, "report", True, None, "qualifier", "答复 = 办理结果总计"),
    ("shanghai_bgt_2019.html", 2097, 18, "t3/carried_over/total", 18, "report", True, None, "qualifier", ""),
    ("shanghai_bgt_2019.html", 2103, 72, "t3/carried_forward/total", 72, "report", True, None, "qualifier", "顺延到下年度"),
    ("shanghai_bgt_2019.html", 2145, 258, "t3/granted+partially_granted/total", 275, "report", False, "error",
     "combined_2019", "issue 14: the rows add up to 275 (272 + 3)"),
    ("shanghai_bgt_2019.html", 2151, 33.9, "rate:t3/granted+partially_granted/total:t3/total/total", 34.16, "report",
     False, "error", "rate_base_earlier", "258/805 = 32.0 % (its own prose base), 275/805 = 34.2 % (the table)"),
    ("shanghai_bgt_2019.html", 2161, 35, "t3/denied.*/total", 35, "report", True, None, "combined_2019", ""),
    ("shanghai_bgt_2019.html", 2166, 4.34, "rate:t3/denied.*/total:t3/total/total", 4.35, "report", True, None,
     "rate_base_earlier", "35/805 = 4.348 %, cut off to 4.34"),
    ("shanghai_bgt_2019.html", 2186, 265, "t3/unable.*/total", 337, "report", False, "error", "combined_2019",
     "issue 14: 252+12+1+44+3+25 = 337"),
    ("shanghai_bgt_2019.html", 2192, 32.9, "rate:t3/unable.*/total:t3/total/total", 41.86, "report", True, None,
     "rate_base_earlier", "doubtful: 265/805 = 32.9 % agrees with the prose's own count; the error is the count's "
     "(reported at 265), so none here"),
    ("shanghai_bgt_2019.html", 2202, 158, "t3/not_processed.*/total", 158, "report", True, None, "combined_2019", ""),
    ("shanghai_bgt_2019.html", 2208, 19.6, "rate:t3/not_processed.*/total:t3/total/total", 19.63, "report", True, None,
     "rate_base_earlier", ""),
    ("shanghai_bgt_2019.html", 2218, 0, "t3/other/total", 0, "report", True, None, "combined_2019",
     "the row is printed blank (= 0)"),
    ("shanghai_bgt_2019.html", 2230, 7, "t4/review/total", 7, "report", True, None, "qualifier", ""),
    ("shanghai_bgt_2019.html", 2235, 9, "t4/litigation_direct+litigation_after_review/total", 9, "report", True, None,
     "qualifier", ""),
    ("shanghai_bgt_2019.html", 3197, 112, NONE, None, "report", None, None, "no_cell", "公报 contents"),
    ("shanghai_bgt_2019.html", 3209, 45, NONE, None, "broader", None, None, "no_cell",
     "部门规范性文件 in the 公报: other bodies' documents, not table 2's"),
    ("shanghai_bgt_2019.html", 3217, 83, NONE, None, "report", None, None, "no_cell", ""),
    # huaian_szf_2024.pdf: 2021 template, the city government
    ("huaian_szf_2024.pdf", 412, 5500, NONE, None, "report", None, None, "loose_qualifier", "主动公开 5500余条: no cell"),
    ("huaian_szf_2024.pdf", 432, 1, "t2/regulations/made", 1, "report", True, None, "qualifier", "新增公开市政府规章"),
    ("huaian_szf_2024.pdf", 452, 11, NONE, None, "report", None, None, "no_cell",
     "政策性文件 of the government and its office, not 规范性文件 (table: made 8)"),
    ("huaian_szf_2024.pdf", 475, 21, NONE, None, "report", None, None, "no_cell", ""),
    ("huaian_szf_2024.pdf", 769, 3119, "t3/new_received/total", 3119, "report", True, None, "qualifier", "全市 = the body"),
    ("huaian_szf_2024.pdf", 781, 3050, "t3/total/total", 3050, "report", True, None, "qualifier", ""),
    ("huaian_szf_2024.pdf", 797, 34, "t3/carried_over/total", 34, "report", True, None, "qualifier", ""),
    ("huaian_szf_2024.pdf", 805, 103, "t3/carried_forward/total", 103, "report", True, None, "qualifier", ""),
    ("huaian_szf_2024.pdf", 845, 351, "t4/review/total", 351, "report", True, None, "qualifier", ""),
    ("huaian_szf_2024.pdf", 859, 72, "t4/review/upheld", 72, "report", True, None, "siblings", ""),
    ("huaian_szf_2024.pdf", 869, 64, "t4/review/corrected", 64, "report", True, None, "siblings", ""),
    ("huaian_szf_2024.pdf", 879, 178, "t4/review/other", 178, "report", True, None, "siblings", ""),
    ("huaian_szf_2024.pdf", 892, 37, "t4/review/pending", 37, "report", True, None, "siblings", ""),
    ("huaian_szf_2024.pdf", 908, 46, "t4/litigation_direct+litigation_after_review/total", 46, "report", True, None,
     "qualifier", ""),
    ("huaian_szf_2024.pdf", 920, 25, "t4/litigation_direct+litigation_after_review/upheld", 25, "report", True, None,
     "siblings", "13 + 12"),
    ("huaian_szf_2024.pdf", 931, 5, "t4/litigation_direct+litigation_after_review/corrected", 5, "report", True, None,
     "siblings", ""),
    ("huaian_szf_2024.pdf", 940, 9, "t4/litigation_direct+litigation_after_review/other", 9, "report", True, None,
     "siblings", ""),
    ("huaian_szf_2024.pdf", 949, 7, "t4/litigation_direct+litigation_after_review/pending", 7, "report", True, None,
     "siblings", ""),
    ("huaian_szf_2024.pdf", 1464, 95, NONE, None, "report", None, None, "no_cell", "government new media accounts"),
    # hongze_2023.pdf: the district government
    ("hongze_2023.pdf", 486, 1136, NONE, None, "report", None, None, "no_cell", ""),
    ("hongze_2023.pdf", 551, 21, "t3/new_received/total", 21, "report", True, None, "scope_whole_area",
     "doubtful: 全区 in the district government's report; the figure agrees"),
    # pingtan_2019.txt
    ("pingtan_2019.txt", 904, 2599, NONE, None, "report", None, None, "no_cell", "主动公开 total"),
    ("pingtan_2019.txt", 935, 68, NONE, None, "report", None, None, "no_cell",
     "政策、规范性文件类信息68条: published items, not table 2's 89 documents"),
    ("pingtan_2019.txt", 1989, 259, NONE, None, "narrower", None, None, "no_cell",
     "a department's 受理群众诉求: not applications"),
    ("pingtan_2019.txt", 3243, 3, NONE, None, "narrower", None, None, "no_cell", ""),
    ("pingtan_2019.txt", 4162, 631, NONE, None, "narrower", None, None, "no_cell", "行政执法公示 of one office"),
    # pingtan_2021.txt
    ("pingtan_2021.txt", 1089, 2645, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2021.txt", 1757, 70, "t3/new_received/total", 70, "report", True, None, "qualifier", ""),
    ("pingtan_2021.txt", 1771, 69, "t3/total/total", 69, "report", True, None, "qualifier", "办结"),
    ("pingtan_2021.txt", 1775, 1, "t3/carried_forward/total", 1, "report", True, None, "qualifier", "结转下年度"),
    # pingtan_2022.txt
    ("pingtan_2022.txt", 791, 14571, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2022.txt", 834, 698, "t2/normative_docs/in_force", 698, "report", True, None, "qualifier", "现行有效"),
    ("pingtan_2022.txt", 854, 88, "t2/normative_docs/made", 88, "report", True, None, "qualifier", "制发"),
    ("pingtan_2022.txt", 938, 20, NONE, None, "report", None, None, "no_cell", "政策文件 in a special column"),
    ("pingtan_2022.txt", 1419, 75, "t3/new_received+carried_over/total", 75, "report", True, None, "two_cells",
     "收到75件 counts the carried-over application (74 + 1)"),
    ("pingtan_2022.txt", 1428, 72, "t3/new_received+carried_over/natural_person", 72, "report", True, None,
     "two_cells", "71 new + 1 carried over"),
    ("pingtan_2022.txt", 1436, 3, "t3/new_received/commercial", 3, "report", True, None, "siblings", ""),
    ("pingtan_2022.txt", 1454, 100, "rate:t3/total/total:t3/new_received+carried_over/total", 100, "report", True,
     None, "rate_base_earlier", "办结率 75/75"),
    ("pingtan_2022.txt", 1574, 1, "t4/litigation_direct+litigation_after_review/total", 1, "report", True, None,
     "qualifier", ""),
    ("pingtan_2022.txt", 1583, 2, "t4/review/total", 2, "report", True, None, "qualifier", ""),
    ("pingtan_2022.txt", 2145, 33, NONE, None, "report", None, None, "no_cell", ""),
    # pingtan_2024.txt
    ("pingtan_2024.txt", 825, 10407, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2024.txt", 887, 96, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2024.txt", 1120, 218, "t3/total/total", 218, "report", True, None, "two_cells",
     "办理 218: handled (= received, nothing carried)"),
    ("pingtan_2024.txt", 1266, 62, "t2/normative_docs/made", 62, "report", True, None, "qualifier", ""),
    # pingtan_2025.txt
    ("pingtan_2025.txt", 731, 7700, NONE, None, "report", None, None, "loose_qualifier", ""),
    ("pingtan_2025.txt", 766, 2000, NONE, None, "report", None, None, "loose_qualifier", ""),
    ("pingtan_2025.txt", 788, 672, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2025.txt", 850, 82, NONE, None, "report", None, None, "no_cell", ""),
    ("pingtan_2025.txt", 1050, 154, "t3/new_received/total", 154, "report", True, None, "qualifier", ""),
    ("pingtan_2025.txt", 1058, 148, "t3/total/total", 148, "report", True, None, "qualifier", "办结"),
    ("pingtan_2025.txt", 1071, 6, "t3/carried_forward/total", 6, "report", True, None, "qualifier", "结转至次年"),
    ("pingtan_2025.txt", 1094, 36, "t4/review/total", 36, "report", True, None, "qualifier", ""),
    ("pingtan_2025.txt", 1102, 9, "t4/litigation_direct+litigation_after_review/total", 9, "report", True, None,
     "qualifier", "6 + 3"),
]  # fmt: skip


# --------------------------------------------------------------------------- written paragraphs
#: (shape, bases, text with {n}, cell, the cell's value, wrong values, note)
#: each gives one agreeing pair per base (n = the value) and one disagreeing pair per wrong value; a value
#: (n, cell value) is a loose number that agrees with a cell of another value (50余 with 60)
B = ("2021", "2019")
W21 = ("2021",)
W19 = ("2019",)
ITEMS: list[tuple] = [
    # own qualifier words pick the cell
    ("qualifier", W21, "本年度共制发行政规范性文件{n}件，均按要求进行了合法性审核。", "t2/normative_docs/made", 2, (3,), ""),
    ("qualifier", W21, "本年度废止行政规范性文件{n}件，并在网站上标注失效。", "t2/normative_docs/repealed", 1, (4,), ""),
    ("qualifier", W21, "截至年底，本局现行有效行政规范性文件{n}件。", "t2/normative_docs/in_force", 9, (12,), ""),
    ("qualifier", W21, "集中公开现行有效规范性文件{n}件，动态更新本年度制发的规范性文件2件。", "t2/normative_docs/in_force", 9,
     (2,), "the made count 2 stands beside it"),
    ("qualifier", W19, "本年新制作规范性文件{n}件，均已主动公开。", "t2/normative_docs/new_made", 2, (3,), ""),
    ("qualifier", W19, "规范性文件对外公开总数量达到{n}件。", "t2/normative_docs/published_total", 9, (11,), ""),
    ("qualifier", W19, "本年度共制发规范性文件{n}件。", "t2/normative_docs/new_made", 2, (5,),
     "2019 template: 制发 is 本年新制作"),
    ("qualifier", B, "本年度新收政府信息公开申请{n}件。", "t3/new_received/total", 60, (58,), ""),
    ("qualifier", B, "上年结转政府信息公开申请{n}件，均已在本年度办结。", "t3/carried_over/total", 4, (5,), ""),
    ("qualifier", B, "全年办结政府信息公开申请{n}件，均在法定期限内答复。", "t3/total/total", 62, (63,), ""),
    ("qualifier", B, "因需征求第三方意见等原因，结转下年度继续办理的申请{n}件。", "t3/carried_forward/total", 2, (3,), ""),
    ("qualifier", B, "本年度，本局因政府信息公开工作被申请行政复议{n}件。", "t4/review/total", 3, (4,), ""),
    ("qualifier", B, "本年度，本局因政府信息公开工作被提起行政诉讼{n}件。", "t4/litigation_direct+litigation_after_review/total",
     3, (5,), ""),
    ("qualifier", B, "涉及政府信息公开的行政诉讼中，未经复议直接起诉{n}件。", "t4/litigation_direct/total", 2, (4,), ""),
    ("qualifier", B, "涉及政府信息公开的行政诉讼中，复议后起诉{n}件。", "t4/litigation_after_review/total", 1, (2,), ""),
    ("qualifier", B, "政府信息公开行政复议案件中，结果维持{n}件。", "t4/review/upheld", 2, (3,), ""),
    ("qualifier", B, "政府信息公开行政复议案件中，被复议机关纠正{n}件。", "t4/review/corrected", 0, (1,), ""),
    ("qualifier", B, "依申请公开办理中，予以公开{n}件。", "t3/granted/total", 26, (24,), ""),
    ("qualifier", B, "依申请公开办理中，部分公开{n}件。", "t3/partially_granted/total", 5, (6,), ""),
    ("qualifier", B, "对申请人申请的信息，因本机关不掌握相关政府信息无法提供{n}件。", "t3/unable.not_held/total", 14, (12,),
     "an item of the 无法提供 group, named without 等"),
    ("qualifier", B, "为保护第三方合法权益不予公开的申请{n}件。", "t3/denied.third_party/total", 3, (5,), ""),
    ("qualifier", W21, "全年公示行政许可决定{n}件。", "t2/licensing/decisions", 3186, (3200,),
     "doubtful: 公示 decisions against 本年处理决定数量"),
    ("qualifier", W21, "全年作出行政处罚决定{n}件。", "t2/penalty/decisions", 274, (270,), ""),
    ("qualifier", W19, "政府集中采购项目{n}个。", "t2/procurement/items", 6, (7,), ""),
    # combined categories, both templates
    ("combined", B, "在办结的62件申请中，予以公开及部分公开{n}件。", "t3/granted+partially_granted/total", 31, (30,), ""),
    ("combined", B, "全部或部分公开的申请共{n}件。", "t3/granted+partially_granted/total", 31, (26,), ""),
    ("combined", B, "依申请公开办理中，不予公开{n}件。", "t3/denied.*/total", 8, (7,), ""),
    ("combined", B, "依申请公开办理中，因本机关不掌握等原因无法提供{n}件。", "t3/unable.*/total", 17, (14,),
     "等: the group, 14 is the item not_held"),
    ("combined", B, "依申请公开办理中，不予处理{n}件。", "t3/not_processed.*/total", 4, (3,), ""),
    ("combined", W19, "依申请公开办理中，其他处理{n}件。", "t3/other/total", 2, (3,), ""),
    ("combined", W21, "依申请公开办理中，其他处理{n}件。", "t3/other.*/total", 2, (3,), ""),
    # parallel sibling counts
    ("siblings", B, "全年办结申请62件，其中予以公开{n}件、部分公开5件、不予公开8件、无法提供17件、不予处理4件、其他处理2件。",
     "t3/granted/total", 26, (27,), "the parts then add up to 63: GT401 fires at the total too"),
    ("siblings", B, "全年办结申请62件，其中予以公开26件、部分公开5件、不予公开{n}件、无法提供17件、不予处理4件、其他处理2件。",
     "t3/denied.*/total", 8, (9,), "the parts then add up to 63: GT401 may fire too"),
    ("siblings", B, "收到申请60件，其中自然人{n}件、商业企业6件、法律服务机构2件、其他组织1件。", "t3/new_received/natural_person",
     51, (50,), ""),
    ("siblings", B, "收到申请60件，其中自然人51件、商业企业{n}件、法律服务机构2件、其他组织1件。", "t3/new_received/commercial", 6,
     (5,), ""),
    ("siblings", B, "行政复议3件，其中结果维持{n}件、其他结果1件。", "t4/review/upheld", 2, (1,), ""),
    ("siblings", B, "行政诉讼3件，其中结果维持{n}件、尚未审结1件。", "t4/litigation_direct+litigation_after_review/upheld", 2,
     (1,), "1 + 1"),
    # rates with their base in an earlier sentence of the paragraph
    ("rate_base_earlier", B, "全年办结政府信息公开申请62件。其中予以公开26件，占{n}%。", "rate:t3/granted/total:t3/total/total",
     41.9, (45.2,), ""),
    ("rate_base_earlier", B, "本年度办结申请62件。予以公开及部分公开31件，占{n}%；不予公开8件，占12.9%。",
     "rate:t3/granted+partially_granted/total:t3/total/total", 50.0, (53.2,), ""),
    ("rate_base_earlier", B, "本年度办结申请62件。无法提供17件，占{n}%；不予处理4件，占6.5%。",
     "rate:t3/unable.*/total:t3/total/total", 27.4, (25.8,), ""),
    ("rate_base_earlier", B, "本年度新收申请60件。其中自然人申请51件，占{n}%。",
     "rate:t3/new_received/natural_person:t3/new_received/total", 85, (80,), ""),
    ("rate_base_earlier", B, "予以公开26件，占新收申请的{n}%。", "rate:t3/granted/total:t3/new_received/total", 43.3, (45.0,),
     "the base is the table's (no count in the paragraph)"),
    # two cells fit
    ("two_cells", B, "全年共收到政府信息公开申请{n}件（含上年结转4件）。", "t3/new_received+carried_over/total", 64, (66,), ""),
    ("two_cells", B, "全年收到政府信息公开申请{n}件。", "t3/new_received/total", 60, (62,),
     "60 new or 64 with the carried over; 62 is neither"),
    ("two_cells", B, "被申请行政复议和提起行政诉讼各{n}件。", "t4/review/total|t4/litigation/total", 3, (4,), ""),
    ("two_cells", B, "被提起行政诉讼{n}件。", "t4/litigation_direct/total|t4/litigation/total", 2, (4,),
     "doubtful: 2 is the direct suits, 3 all suits; 4 is neither"),
    # loose qualifiers
    ("loose_qualifier", B, "全年受理政府信息公开申请{n}余件。", "t3/new_received/total", (50, 60), (70,), "余: at least"),
    ("loose_qualifier", B, "全年受理政府信息公开申请近{n}件。", "t3/new_received/total", 60, (50,), "近: at most"),
    ("loose_qualifier", B, "全年受理政府信息公开申请超过{n}件。", "t3/new_received/total", (55, 60), (65,), ""),
    ("loose_qualifier", B, "全年受理政府信息公开申请约{n}件。", "t3/new_received/total", 60, (80,), ""),
]  # fmt: skip

#: narrower (or broader) subjects: (shape, bases, text, cell, value, wrong, scope, agency, note); a
#: disagreement is information at most
SCOPED: list[tuple] = [
    ("narrower", B, "本年度，局办公室代表本局受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (17,), "narrower", None, ""),
    ("narrower", B, "局机关本级受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (45,), "narrower", None, ""),
    ("narrower", B, "其中，执法稽查科受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (12,), "narrower", None,
     "a section of the body"),
    ("narrower", B, "区政府办公室代表区政府受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (17,), "narrower",
     "青禾市临溪区人民政府", "issue 14's shape: an office acting for the government"),
    ("narrower", B, "区市场监管局受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (12,), "narrower",
     "青禾市临溪区人民政府", "a department in the government's report"),
    ("scope_office_is_body", B, "区政府办公室代表区政府受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (58,),
     "report", "青禾市临溪区人民政府办公室", "the office is the reporting body: a disagreement is an error"),
    ("narrower", B, "区政府本级受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (45,), "narrower",
     "青禾市临溪区人民政府", "doubtful: 本级 in the government's own report may be the body itself"),
    ("scope_whole_area", B, "全区共受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (), "report",
     "青禾市临溪区人民政府", "doubtful: 全区 in the district government's report; only the agreeing figure is labelled"),
    ("broader", B, "全区各级行政机关共受理政府信息公开申请{n}件。", "none", None, (1260,), "broader", None,
     "the whole district, not the bureau's table"),
    ("broader", B, "全市市场监管系统共收到政府信息公开申请{n}件。", "none", None, (480,), "broader", None, ""),
]  # fmt: skip

#: no cell fits: (shape, bases, text, note)
NO_CELL: list[tuple] = [
    ("no_cell", B, "全年答复群众网上留言153件，办结率100%。", ""),
    ("no_cell", B, "全年受理投诉举报1200件，均按期办结。", "受理 but not applications"),
    ("no_cell", B, "全年受理政府信息公开咨询35件，均当场答复。", "咨询 are not applications"),
    ("no_cell", B, "承办人大代表建议14件、政协提案11件。", ""),
    ("no_cell", B, "全年受理行政许可申请3200件。", "licensing applications, not decisions and not 依申请公开"),
    ("no_cell", B, "发布规范性文件解读材料5件。", "interpretations of documents, not documents made"),
    ("no_cell", B, "转办涉及政府信息公开的信访件6件。", ""),
    ("no_cell", B, "其中通过网络平台提交申请41件、当面提交12件、信函提交7件。", "channels: no row of the template"),
    ("no_cell", B, "组织依申请公开业务培训2次，参训人员80余人次。", ""),
    ("no_cell", B, "清理政策文件25件，其中宣布失效4件。", "政策文件, not 规范性文件"),
    ("no_cell", B, "全年收到申请人补正材料9件。", ""),
    ("no_cell", B, "全年共召开新闻发布会12场，发布权威信息60条。", "60 equals 新收 by chance"),
    ("no_cell", B, "通过政务新媒体发布政策解读62篇。", "62 equals 总计 by chance"),
    ("no_cell", B, "办理市长热线转办件3件。", ""),
    ("no_cell", B, "全年收到的申请中，涉及企业登记档案的22件。", "a topic of the applications, no row"),
    ("no_cell", B, "平均办理时长8个工作日，较上年缩短2个工作日。", ""),
]  # fmt: skip


def _written() -> list[dict]:
    out: list[dict] = []

    def add(shape, base, text, target, cell, value, scope, agrees, severity, note, agency=None) -> None:
        pid = f"w:{shape}:{base}:{hashlib.sha1((text + target + (agency or '')).encode()).hexdigest()[:10]}"
        out.append({"id": pid, "source": "written", "base": base, "agency": agency, "text": text, "target": target,
                    "cell": cell, "cell_value": value, "scope": scope, "agrees": agrees, "severity": severity,
                    "shape": shape, "note": note})  # fmt: skip

    for shape, bases, text, cell, value, wrongs, note in ITEMS:
        shown_value, value = value if isinstance(value, tuple) else (value, value)
        unit = "%" if cell.startswith("rate:") else "" if "{n}余" in text else text.split("{n}")[1][:1]
        for base in bases:
            for n, agrees in ((shown_value, True), *((w, False) for w in wrongs)):
                shown = f"{n:g}" if isinstance(n, float) and not str(n).endswith(".0") else str(n)
                if isinstance(n, float) and str(n).endswith(".0"):
                    shown = f"{n:.1f}"
                target = shown + ("余" + text.split("{n}余")[1][:1] if "{n}余" in text else unit)
                add(shape, base, text.replace("{n}", shown), target, cell, value, "report", agrees,
                    None if agrees else "error", note)  # fmt: skip
    for shape, bases, text, cell, value, wrongs, scope, agency, note in SCOPED:
        unit = text.split("{n}")[1][:1]
        for base in bases:
            pairs = ([(value, True)] if value is not None else []) + [(w, value is None and None) for w in wrongs]
            for n, agrees in pairs:
                wrong_sev = "error" if scope == "report" else ("info" if cell != "none" else None)
                sev = None if agrees or agrees is None else wrong_sev
                add(shape, base, text.replace("{n}", str(n)), f"{n}{unit}", cell, value, scope,
                    None if cell == "none" else agrees, sev, note, agency)  # fmt: skip
    for shape, bases, text, note in NO_CELL:
        import re

        for base in bases:
            for m in re.finditer(r"\d+(?:\.\d+)?(?:余)?[件条次个篇场%]", text):
                add(shape, base, text, m.group(), "none", None, "report", None, None, note)
    # zero statements
    for base in B:
        add("zero", base, "本年度未收到政府信息公开申请。", "未", "t3/new_received/total", 60, "report", False, "error",
            "a zero statement against 60")  # fmt: skip
        add("zero", base, "本年度未发生政府信息公开行政复议案件。", "未", "t4/review/total", 3, "report", False, "error",
            "a zero statement against 3")  # fmt: skip
        add("zero", base, "本年度未收取信息处理费。", "未", "none", None, "report", None, None, "fees: no table-3 cell")
    return out


# --------------------------------------------------------------------------- the held-out set (issue 14)
#: Written after the prose rules were fixed, by a helper who did not read them (nor the claims stage), in
#: phrasings of the kind real reports use, so that no rule was fitted to them: ``--heldout`` writes
#: ``tests/data/prose_gold_heldout.jsonl`` (split ``heldout``).  Rows: (shape, bases, text with {n}, cell,
#: cell value, agreeing numbers, contradicting numbers, note[, options]); the numbers are printed as given.
#: A contradicting number is an ``error`` at report scope, unless options say otherwise: ``sev`` (the
#: severity a contradiction should get where the words do not clearly name the cell), ``scope``, ``agency``.
#: Base tables: see the module's docstring (t3 new 60: 自然人51 商业企业6 法律服务机构2 其他1; 上年结转4 (3+1);
#: 予以公开26 部分公开5 不予公开8 (第三方3 过程性1 执法案卷1 查询3) 无法提供17 (14/2/1) 不予处理4 (信访3 重复1)
#: 其他处理2 (逾期不补正2) 总计62 结转下年度2; t4 复议 2/0/1/0/3, 直接起诉 1/0/0/1/2, 复议后起诉 1/0/0/0/1).
LEGAL = "commercial+research+social_welfare+legal_services+other_org"
GOV = "青禾市临溪区人民政府"
HELDOUT: list[tuple] = [
    # --- counts of applications: received / handled / carried over / carried forward
    ("count", B, "本年度，本局共接收政府信息公开申请{n}件。", "t3/new_received/total", 60, ("60",), ("66",), ""),
    ("count", B, "本机关全年新受理依申请公开事项{n}件，与上年基本持平。", "t3/new_received/total", 60, ("60",), ("61",), ""),
    ("count", B, "此外，上一年度结转的申请{n}件一并纳入本年度办理。", "t3/carried_over/total", 4, ("4",), ("6",), ""),
    ("count", W21, "上年度遗留未办结的申请{n}件，已于一季度全部答复。", "t3/carried_over/total", 4, ("4",), ("3",),
     "遗留未办结 = 上年结转"),
    ("count", B, "截至年底，尚有{n}件申请仍在答复期限内，顺延至下一年度答复。", "t3/carried_forward/total", 2, ("2",),
     ("5",), "顺延 = 结转下年度"),
    ("count", W19, "另有{n}件申请结转至下一年度继续办理。", "t3/carried_forward/total", 2, ("2",), ("1",), ""),
    ("count", B, "本年度已答复政府信息公开申请{n}件。", "t3/total/total", 62, ("62",), ("58",), "答复 = （七）总计"),
    ("count", B, "全年办理完毕政府信息公开申请{n}件。", "t3/total/total", 62, ("62",), ("64",),
     "64 is 新收 + 结转 (what was to be handled), but 办理完毕 names the outcome total: 62"),
    ("count", W21, "本年度共作出依申请公开答复{n}件，未出现超期答复情况。", "t3/total/total", 62, ("62",), ("63",), ""),
    # --- applicant kinds
    ("applicant", B, "从申请主体看，公民个人提出申请{n}件。", "t3/new_received/natural_person", 51, ("51",), ("53",),
     "公民 = 自然人"),
    ("applicant", B, "法人或其他组织提出申请{n}件。", f"t3/new_received/{LEGAL}", 9, ("9",), ("10",), "6 + 2 + 1"),
    ("applicant", W21, "企业提出的申请{n}件，主要涉及登记档案查询。", "t3/new_received/commercial", 6, ("6",), ("8",),
     "企业 = 商业企业"),
    ("applicant", W19, "律师事务所等法律服务机构申请{n}件。", "t3/new_received/legal_services", 2, ("2",), ("4",), ""),
    # --- outcome groups and single outcome rows
    ("outcome_row", B, "经审查，同意公开{n}件。", "t3/granted/total", 26, ("26",), ("28",), "同意公开 = 予以公开"),
    ("outcome_row", B, "对区分处理后部分公开的申请{n}件，均说明了理由。", "t3/partially_granted/total", 5, ("5",), ("4",), ""),
    ("outcome_group", B, "依法决定不予公开{n}件。", "t3/denied.*/total", 8, ("8",), ("10",), ""),
    ("outcome_group", B, "因信息不存在或不属于本机关负责公开等原因无法提供{n}件。", "t3/unable.*/total", 17, ("17",),
     ("15",), "等原因无法提供: the group"),
    ("outcome_group", W19, "对信访、举报类及重复申请等作不予处理{n}件。", "t3/not_processed.*/total", 4, ("4",), ("6",), ""),
    ("outcome_group", W19, "作其他处理的申请{n}件。", "t3/other/total", 2, ("2",), ("1",), ""),
    ("outcome_row", B, "属于信访、举报、投诉类申请而不予处理的{n}件。", "t3/not_processed.complaint/total", 3, ("3",),
     ("4",), "4 is the 不予处理 group, but the words name the row 信访举报投诉类 (3)"),
    ("outcome_row", W21, "属于重复申请的{n}件。", "t3/not_processed.repeated/total", 1, ("1",), ("2",), ""),
    ("outcome_row", W21, "申请人逾期未补正、视为放弃申请的{n}件。", "t3/other.no_correction/total", 2, ("2",), ("3",), ""),
    ("outcome_row", B, "需要另行制作、没有现成信息的{n}件。", "t3/unable.needs_creation/total", 2, ("2",), ("3",), ""),
    ("outcome_row", W21, "经补正后申请内容仍不明确的{n}件。", "t3/unable.unclear/total", 1, ("1",), ("2",), ""),
    ("outcome_row", B, "属于行政查询事项、告知申请人按查询途径办理的{n}件。", "t3/denied.query_matters/total", 3, ("3",),
     ("2",), ""),
    ("outcome_row", W21, "涉及内部研究讨论等过程性信息不予公开的{n}件。", "t3/denied.process_info/total", 1, ("1",), ("2",),
     ""),
    ("outcome_row", W21, "因涉及国家秘密不予公开的{n}件。", "t3/denied.state_secret/total", 0, ("0",), ("1",), ""),
    ("outcome_row", B, "告知申请人所申请信息不存在的{n}件。", "none", None, ("9",), (), "信息不存在 is a part of 本机关不掌握 "
     "(14) with 非本机关负责: no cell of its own"),
    # --- reviews and lawsuits
    ("review_lawsuit", B, "因政府信息公开引发行政复议{n}件。", "t4/review/total", 3, ("3",), ("2",), ""),
    ("review_lawsuit", B, "复议机关维持原答复的{n}件。", "t4/review/upheld", 2, ("2",), ("3",), "维持 = 结果维持"),
    ("review_lawsuit", W21, "本机关被行政复议纠错{n}件。", "t4/review/corrected", 0, ("0",), ("1",), "纠错 = 结果纠正"),
    ("review_lawsuit", B, "涉及政府信息公开的行政诉讼案件{n}件。", "t4/litigation_direct+litigation_after_review/total",
     3, ("3",), ("4",), ""),
    ("review_lawsuit", W19, "尚未审结的诉讼案件{n}件。", "t4/litigation_direct+litigation_after_review/pending", 1, ("1",),
     ("2",), ""),
    ("review_lawsuit", B, "申请人未经复议直接向人民法院起诉的{n}件。", "t4/litigation_direct/total", 2, ("2",), ("3",), ""),
    ("review_lawsuit", W21, "经复议后又提起诉讼的{n}件。", "t4/litigation_after_review/total", 1, ("1",), ("2",), ""),
    ("review_lawsuit", B, "全年发生政府信息公开类行政复议、行政诉讼案件共{n}件。",
     "t4/review+litigation_direct+litigation_after_review/total", 6, ("6",), ("5",), "3 + 2 + 1"),
    ("review_lawsuit", W21, "法院判决驳回原告诉讼请求{n}件。", "t4/litigation_direct+litigation_after_review/upheld", 2,
     ("2",), ("3",), "doubtful: 驳回诉讼请求 read as 结果维持 (not the table's words), so info", {"sev": "info"}),
    # --- normative documents (2021: made / repealed / in force; 2019: new made / published)
    ("normative_docs", W21, "全年新制定行政规范性文件{n}件。", "t2/normative_docs/made", 2, ("2",), ("4",), ""),
    ("normative_docs", W21, "宣布废止行政规范性文件{n}件。", "t2/normative_docs/repealed", 1, ("1",), ("2",), ""),
    ("normative_docs", W21, "目前仍然有效的行政规范性文件共{n}件，均在专栏集中公开。", "t2/normative_docs/in_force", 9,
     ("9",), ("10",), ""),
    ("normative_docs", W21, "本年度制发规章{n}件。", "t2/regulations/made", 0, ("0",), ("1",), ""),
    ("normative_docs", W19, "本年新公开规范性文件{n}件。", "t2/normative_docs/new_published", 2, ("2",), ("3",), ""),
    ("normative_docs", W19, "累计对外公开规范性文件{n}件。", "t2/normative_docs/published_total", 9, ("9",), ("8",), ""),
    ("normative_docs", W19, "本年度新制定规范性文件{n}件。", "t2/normative_docs/new_made", 2, ("2",), ("1",), ""),
    # --- decisions
    ("decisions", B, "全年作出行政许可决定{n}件。", "t2/licensing/decisions", 3186, ("3186",), ("3168",), ""),
    ("decisions", B, "作出行政强制决定{n}件。", "t2/coercion/decisions", 38, ("38",), ("40",), ""),
    ("decisions", W21, "全年共作出行政处罚决定书{n}份。", "t2/penalty/decisions", 274, ("274",), ("247",), "份, not 件"),
    ("decisions", W19, "其他对外管理服务事项作出处理决定{n}件。", "t2/other_services/decisions", 40, ("40",), ("45",), ""),
    ("decisions", W19, "政府集中采购总金额{n}万元。", "t2/procurement/amount", 25.1, ("25.1",), ("30.2",), ""),
    ("decisions", W21, "全年收取行政事业性收费{n}万元。", "t2/fees/amount_wan", 3.82, ("3.82",), ("4.82",), ""),
    ("no_cell", B, "全年共查办各类违法案件{n}件。", "none", None, ("290",), (), "cases, not 处罚决定"),
    # --- shares and rates, the base in the same or an earlier sentence, or named (占…的)
    ("rate_base_named", B, "自然人申请占新收申请总量的{n}%。", "rate:t3/new_received/natural_person:t3/new_received/total",
     85, ("85",), ("75",), ""),
    ("rate_base_earlier", B, "本年度新收申请60件，其中企业申请6件，占比{n}%。",
     "rate:t3/new_received/commercial:t3/new_received/total", 10, ("10",), ("12",), ""),
    ("rate_base_earlier", B, "全年办结申请62件，予以公开率为{n}%。", "rate:t3/granted/total:t3/total/total", 41.9,
     ("41.9",), ("39.5",), "26/62"),
    ("rate_base_earlier", W21, "全年办结申请62件，公开率（含部分公开）为{n}%。",
     "rate:t3/granted+partially_granted/total:t3/total/total", 50.0, ("50.0",), ("55.0",), "31/62"),
    ("rate_base_named", B, "不予公开的申请占办结总数的{n}%。", "rate:t3/denied.*/total:t3/total/total", 12.9, ("12.9",),
     ("14.5",), "8/62"),
    ("rate_base_earlier", W19, "本年度共办结申请62件，其中无法提供17件，占比{n}%。", "rate:t3/unable.*/total:t3/total/total",
     27.4, ("27.4",), ("30.6",), "17/62"),
    ("rate_base_named", B, "行政复议纠错率为{n}%。", "rate:t4/review/corrected:t4/review/total", 0, ("0",), ("33.3",),
     "0/3; 33.3 would be 1/3"),
    ("rate_base_earlier", B, "本年度应办理申请64件，已办结62件，办结率{n}%。",
     "rate:t3/total/total:t3/new_received+carried_over/total", 96.9, ("96.9",), ("98.4",),
     "办结率 has no one base in the template, but the sentence states 62 and 64: 62/64 = 96.9 %, so 98.4 "
     "contradicts them (first labelled info, corrected to error after the first run)"),
    ("no_cell", B, "所有申请均在法定期限内答复，按时答复率{n}%。", "none", None, ("100",), (), "no cell: timeliness"),
    # --- lists of parts and totals
    ("parts_total", B, "本年度共作出答复{n}件，具体为：同意公开26件，部分公开5件，不予公开8件，无法提供17件，"
     "不予处理4件，其他处理2件。", "t3/total/total", 62, ("62",), ("61",), "the parts add up to 62"),
    ("parts_total", B, "新收的60件申请中，自然人{n}件，法人或其他组织9件。", "t3/new_received/natural_person", 51, ("51",),
     ("52",), "52 + 9 = 61 is not 60 either"),
    ("parts_total", W21, "无法提供的{n}件中，本机关不掌握相关信息的14件，需另行制作的2件，补正后仍不明确的1件。",
     "t3/unable.*/total", 17, ("17",), ("16",), "the parts add up to 17"),
    ("parts_total", W19, "不予公开的8件中，涉及第三方合法权益的{n}件，属于过程性信息、执法案卷的各1件，属于行政查询事项的3件。",
     "t3/denied.third_party/total", 3, ("3",), ("4",), "各1件: two rows of 1"),
    # --- parallel sibling counts
    ("siblings", B, "行政复议结果维持2件、结果纠正0件、其他结果{n}件、尚未审结0件。", "t4/review/other", 1, ("1",), ("2",),
     ""),
    ("siblings", W21, "直接起诉的案件中，结果维持1件、尚未审结{n}件。", "t4/litigation_direct/pending", 1, ("1",), ("2",),
     ""),
    ("siblings", W19, "予以公开{n}件、部分公开5件。", "t3/granted/total", 26, ("26",), ("25",), ""),
    ("siblings", W21, "申请人中，自然人51件、商业企业6件、科研机构{n}件、社会公益组织0件、法律服务机构2件、其他组织1件。",
     "t3/new_received/research", 0, ("0",), ("1",), "then 61 in all, not 60"),
    ("siblings", W19, "复议后起诉的案件中，结果维持{n}件。", "t4/litigation_after_review/upheld", 1, ("1",), ("2",), ""),
    # --- two cells fit
    ("two_cells", B, "全年共处理政府信息公开申请{n}件（其中上年结转4件）。", "t3/new_received+carried_over/total", 64,
     ("64",), ("66",), "新收 60 + 结转 4"),
    # --- Chinese numerals
    ("chinese_numeral", B, "被申请行政复议{n}件。", "t4/review/total", 3, ("三",), ("五",), "a count in Chinese numerals"),
    # --- loose qualifiers
    ("loose_qualifier", B, "全年办结各类申请{n}余件。", "t3/total/total", 62, ("60",), ("70",), "余: at least"),
    ("loose_qualifier", W21, "全年办结申请近{n}件。", "t3/total/total", 62, ("65",), ("55",), "近: at most"),
    ("loose_qualifier", W19, "新收申请逾{n}件。", "t3/new_received/total", 60, ("50",), ("80",), "逾: more than"),
    ("loose_qualifier", B, "自然人申请约占{n}%。", "rate:t3/new_received/natural_person:t3/new_received/total", 85,
     ("85",), ("60",), "约: 60 is far from 85"),
    ("loose_qualifier", W21, "全年收到申请{n}件左右。", "t3/new_received/total", 60, ("60",), ("100",),
     "左右: 100 is far from 60"),
    # --- narrower scopes (an office, a section, 本级, a department in the government's report): information
    ("narrower", B, "其中，食品安全监管科受理申请{n}件。", "t3/new_received/total", 60, (), ("19",), "a section of the body",
     {"scope": "narrower", "sev": "info"}),
    ("narrower", B, "各基层市场监管所共转来申请{n}件。", "t3/new_received/total", 60, (), ("22",), "the body's field offices",
     {"scope": "narrower", "sev": "info"}),
    ("narrower", B, "区政府办公室受理以区政府名义提出的申请{n}件。", "t3/new_received/total", 60, (), ("21",),
     "the office in the government's report", {"scope": "narrower", "sev": "info", "agency": GOV}),
    ("narrower", B, "区卫生健康委员会受理政府信息公开申请{n}件。", "t3/new_received/total", 60, (), ("7",),
     "a department in the government's report", {"scope": "narrower", "sev": "info", "agency": GOV}),
    ("narrower", W21, "局机关本级办结申请{n}件。", "t3/total/total", 62, (), ("40",), "doubtful: 本级 may be the body itself",
     {"scope": "narrower", "sev": "info"}),
    # --- broader scopes: no cell of this report
    ("broader", B, "全区市场监管系统共办理政府信息公开申请{n}件。", "none", None, ("212",), (), "",
     {"scope": "broader"}),
    ("broader", B, "全市各级行政机关共收到政府信息公开申请{n}件。", "none", None, ("5430",), (), "", {"scope": "broader"}),
    ("broader", B, "全区各级各部门共受理政府信息公开申请{n}件。", "none", None, ("60", "310"), (),
     "the district, in the district government's report; 60 equals the table's by chance",
     {"scope": "broader", "agency": GOV}),
    ("broader", W19, "全区各乡镇（街道）共受理申请{n}件。", "none", None, ("48",), (), "other bodies",
     {"scope": "broader", "agency": GOV}),
    # --- counts that are no table cell
    ("no_cell", B, "组织政务公开专题培训{n}场次。", "none", None, ("4",), (), ""),
    ("no_cell", B, "办理12345政务服务便民热线转办工单{n}件。", "none", None, ("526",), (), "hotline"),
    ("no_cell", B, "共受理食品经营许可申请{n}件。", "none", None, ("1420",), (), "行政许可申请, not decisions"),
    ("no_cell", W21, "全年受理行政许可申请{n}件。", "none", None, ("60",), (), "行政许可申请; 60 equals 新收 by chance"),
    ("no_cell", B, "制作图解类政策解读材料{n}件。", "none", None, ("9",), (), "解读"),
    ("no_cell", W19, "对本年度制发的{n}件规范性文件全部进行了解读。", "none", None, ("2",), (),
     "doubtful: the made count (2) in passing; the sentence is about 解读", {"scope": "report"}),
    ("no_cell", B, "接听政府信息公开咨询电话{n}个。", "none", None, ("86",), (), "咨询"),
    ("no_cell", B, "现场接待查阅群众{n}人次。", "none", None, ("130",), (), ""),
    ("no_cell", B, "通过信函方式提交的申请{n}件。", "none", None, ("9",), (), "a channel, no row"),
    ("no_cell", W21, "依法延长答复期限的申请{n}件。", "none", None, ("5",), (), "extensions, not 结转下年度"),
    ("no_cell", W19, "涉及企业登记档案的申请{n}件。", "none", None, ("18",), (), "a topic, no row"),
]  # fmt: skip

#: zero statements: (shape, bases, text, cell, cell value, agrees, note); the target is 未/无
HELDOUT_ZERO: list[tuple] = [
    ("zero", B, "本年度未发生因政府信息公开被提起行政诉讼的情况。", "t4/litigation_direct+litigation_after_review/total", 3,
     False, "a zero statement against 3"),
    ("zero", B, "本年度未收到科研机构提出的政府信息公开申请。", "t3/new_received/research", 0, True, ""),
    ("zero", W21, "本年度未收到法律服务机构提出的申请。", "t3/new_received/legal_services", 2, False, "against 2"),
    ("zero", W19, "本年度行政复议未被纠错。", "t4/review/corrected", 0, True, ""),
]  # fmt: skip


def _heldout() -> list[dict]:
    """The held-out pairs (``HELDOUT``, ``HELDOUT_ZERO``), each set in its base report(s); split ``heldout``."""
    import re

    out: list[dict] = []

    def add(shape, base, text, target, cell, value, scope, agrees, severity, note, agency, nth) -> None:
        key = text + target + (agency or "")
        pid = f"h:{shape}:{base}:{hashlib.sha1(key.encode()).hexdigest()[:10]}"
        rec = {"id": pid, "source": "written", "base": base, "agency": agency, "text": text, "target": target,
               "cell": cell, "cell_value": value, "scope": scope, "agrees": agrees, "severity": severity,
               "shape": shape, "note": note, "split": "heldout"}  # fmt: skip
        if nth:
            rec["nth"] = nth
        out.append(rec)

    for shape, bases, template, cell, value, oks, bads, note, *rest in HELDOUT:
        opts = rest[0] if rest else {}
        scope, agency = opts.get("scope", "report"), opts.get("agency")
        wrong_sev = opts.get("sev", "error" if scope == "report" else "info")
        at = template.index("{n}")
        after = template[at + 3 :]
        unit = "余" + after[1] if after.startswith("余") else after[:1]
        for n, agrees in (*((n, True) for n in oks), *((n, False) for n in bads)):
            text = template.replace("{n}", n)
            target = n + unit
            nth = len([m for m in re.finditer(r"(?<![\d.])" + re.escape(target), text) if m.start() < at])
            if cell == "none":
                for base_ in bases:
                    add(shape, base_, text, target, cell, None, scope, None, None, note, agency, nth)
                continue
            for base_ in bases:
                add(shape, base_, text, target, cell, value, scope, agrees, None if agrees else wrong_sev, note, agency,
                    nth)  # fmt: skip
    for shape, bases, text, cell, value, agrees, note in HELDOUT_ZERO:
        for base_ in bases:
            add(shape, base_, text, "未", cell, value, "report", agrees, None if agrees else "error", note, None, 0)
    return out


def main_heldout() -> int:
    pairs = _heldout()
    ids = [p["id"] for p in pairs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with OUT_HELDOUT.open("w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    n_err = sum(p["severity"] == "error" for p in pairs)
    print(f"{len(pairs)} held-out pairs ({n_err} gold errors) -> {OUT_HELDOUT.relative_to(ROOT)}")
    return 0


def _shared() -> list[dict]:
    import govtext

    out: list[dict] = []
    docs: dict[str, govtext.Document] = {}
    for file, offset, value, cell, cell_value, scope, agrees, severity, shape, note in SHARED:
        path = CORPUS / file
        if file not in docs:
            docs[file] = govtext.analyze(path)
        doc = docs[file]
        claim = next((c for c in doc.claims if c.span.start == offset), None)
        if claim is None or claim.value != value:
            raise SystemExit(f"{file}@{offset}: no claim of value {value} there ({claim})")
        sent = doc.sentences[claim.sentence]
        out.append({"id": f"s:{file}:{offset}", "source": "shared", "file": file, "offset": offset, "value": value,
                    "sha1": hashlib.sha1(sent.text.encode("utf-8")).hexdigest(), "cell": cell,
                    "cell_value": cell_value, "scope": scope, "agrees": agrees, "severity": severity, "shape": shape,
                    "note": note})  # fmt: skip
    return out


def main() -> int:
    pairs = _shared() + _written()
    ids = [p["id"] for p in pairs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with OUT.open("w", encoding="utf-8") as f:
        for p in pairs:
            p["split"] = split_of(p["id"])
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    n_dev = sum(p["split"] == "dev" for p in pairs)
    print(f"{len(pairs)} pairs ({n_dev} dev, {len(pairs) - n_dev} test) -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main_heldout() if "--heldout" in sys.argv[1:] else main())
