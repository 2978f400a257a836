"""The ``govtext`` command.

Exit codes, as linters have them: ``0`` nothing at error severity, ``1`` at
least one error-severity finding, ``2`` the input could not be read or the
command was misused — with one line on stderr naming the file and the reason,
never a traceback (set ``GOVTEXT_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import GovtextError
from .flat import TABLE_FORMATS

if TYPE_CHECKING:
    from .batch import Summary
    from .checks import Rule
    from .model import Document, Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
_TABLE_FORMAT_HELP = (
    "csv: CSV files (UTF-8 with BOM); parquet: CSV and Parquet (pyarrow); xlsx: CSV and tables.xlsx (openpyxl)"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govtext", description="Read and check Chinese government information-disclosure annual reports."
    )
    parser.add_argument("--version", action="version", version=f"govtext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", help="the whole analysis of one report")
    p.add_argument("path", metavar="PATH", help="a report: .txt, .md, .html, .pdf or .docx (detected by content)")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON (docs/interface.md)")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON by this many spaces")
    p.add_argument("--year", type=int, default=None, help="the report year, if the report does not state it")
    p.add_argument(
        "--format",
        choices=("txt", "md", "html", "pdf", "docx"),
        default=None,
        help="force a reader instead of detecting the format",
    )
    _timeout_option(p)
    _ocr_option(p)
    p = sub.add_parser("lint", help="findings only: the pre-publication check")
    p.add_argument("paths", metavar="PATH", nargs="+", help="one or more reports")
    p.add_argument(
        "--format", dest="output", choices=("text", "json", "sarif", "html"), default="text", help="output format"
    )
    p.add_argument(
        "-o",
        "--out",
        default=None,
        help="write the output here instead of stdout (html with several reports: a directory, one page each)",
    )
    p.add_argument("--year", type=int, default=None, help="the report year, if the reports do not state it")
    p.add_argument(
        "--previous",
        default=None,
        metavar="LAST_YEAR_REPORT",
        help="the same body's report of the year before: check this year's changes (较上年增长…) and the "
        "cross-year identities against it (GT501-GT506)",
    )
    p.add_argument("--select", default=None, help="only these rule codes or prefixes, comma-separated (GT1,GT301)")
    p.add_argument("--ignore", default=None, help="skip these rule codes or prefixes, comma-separated")
    p.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="set a rule's severity (error, warning, info, off); repeatable; prefixes allowed (GT2=info)",
    )
    p.add_argument(
        "--config", default=None, help="read [tool.govtext] from this file instead of the nearest pyproject.toml"
    )
    p.add_argument("--no-source", action="store_true", help="text output: do not show the source line of each finding")
    p.add_argument("--zh", action="store_true", help="text output: add each finding's message in Chinese")
    _lang_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but the findings (no summary line)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are error findings")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR is set)",
    )
    p.add_argument(
        "--stdin-filename", default=None, metavar="NAME", help="with PATH '-': the name to report the input under"
    )
    p.add_argument(
        "--skip-non-reports",
        action="store_true",
        help="skip files that are no annual report (GT100) instead of failing them, as the pre-commit hook does",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="say which files were skipped and why")
    _timeout_option(p)
    _ocr_option(p)
    p = sub.add_parser("rule", help="explain a rule: what it checks, why, a wrong and a right example")
    p.add_argument("code", metavar="CODE", help="a rule code or name (GT305, arithmetic.t4_group_sum)")
    _lang_option(p)
    p.add_argument("--format", dest="output", choices=("text", "json"), default="text", help="output format")
    sub.add_parser("schema", help="print the JSON Schema of the analysis JSON (analyze --json, batch records)")
    p = sub.add_parser("rules", help="list every rule")
    _lang_option(p)
    p.add_argument("--format", dest="output", choices=("text", "json"), default="text", help="output format")
    p = sub.add_parser("batch", help="the analysis of many reports, one JSON record each")
    p.add_argument(
        "inputs", metavar="DIR_OR_GLOB", nargs="+", help="directories (searched recursively), files or glob patterns"
    )
    p.add_argument("-o", "--output", required=True, help="where to write the JSON Lines records ('-' for stdout)")
    p.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: up to 4; 0 = no pool)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool or a Dask cluster")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    p.add_argument(
        "--config", default=None, help="read [tool.govtext] from this file instead of the nearest pyproject.toml"
    )
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per report before it is stopped (0 = none)")
    _ocr_option(p)
    p.add_argument("--memory-mb", type=int, default=3072, help="address-space cap per worker in MB (0 = none)")
    p.add_argument(
        "--tables", default=None, metavar="DIR", help="also write the reports/findings/cells/claims tables here"
    )
    p.add_argument("--table-format", choices=TABLE_FORMATS, default="csv", help=_TABLE_FORMAT_HELP)
    p.add_argument("--summary", default=None, metavar="FILE", help="write the corpus summary (JSON) here")
    p.add_argument(
        "--html", default=None, metavar="FILE", help="write a dashboard here, and a page per report beside it"
    )
    p.add_argument("--force", action="store_true", help="analyse every file again instead of resuming OUT")
    p.add_argument("--no-cross-year", action="store_true", help="skip the cross-year checks (GT5xx)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show a progress bar")
    p = sub.add_parser("tables", help="rebuild the tables of a batch output (JSON Lines) from its records")
    p.add_argument("records", metavar="RECORDS", help="the JSON Lines output of govtext batch")
    p.add_argument(
        "-o", "--out", required=True, metavar="DIR", help="write the reports/findings/cells/claims tables here"
    )
    p.add_argument("--table-format", choices=TABLE_FORMATS, default="csv", help=_TABLE_FORMAT_HELP)
    p.add_argument("--summary", default=None, metavar="FILE", help="write the corpus summary (JSON) here")
    p.add_argument("--html", default=None, metavar="FILE", help="write a dashboard here, and a page per report")
    p.add_argument("--no-cross-year", action="store_true", help="skip the cross-year checks (GT5xx)")
    p = sub.add_parser("completion", help="print a shell completion script (bash, zsh or tcsh)")
    p.add_argument("shell", choices=("bash", "zsh", "tcsh"), help="the shell to complete for")
    return parser


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="language of the output (default: lang in [tool.govtext], else the locale: zh_* gives zh, else en)",
    )


def locale_lang() -> str:
    """``zh`` where the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) is Chinese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


# arguments that name files or directories: completed as such (the rest complete their choices, or nothing)
_FILE_ARGS = {"path", "paths", "inputs", "records", "-o", "--out", "--output", "--config", "--summary", "--html"}
_DIR_ARGS = {"--tables"}


def _cmd_completion(args: argparse.Namespace) -> int:
    """``govtext completion bash > ~/.local/share/bash-completion/completions/govtext``: shtab reads the parser."""
    import shtab

    parser = build_parser()
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += list(action.choices.values())
    for p in parsers:
        for action in p._actions:
            names = set(action.option_strings) if action.option_strings else {action.dest}
            if names & _FILE_ARGS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
            elif names & _DIR_ARGS:
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import default_jobs, find_inputs, refuse_overwriting_inputs, run, run_output
    from .config import load_config

    paths = [p for spec in args.inputs for p in find_inputs(spec)]
    if not paths:
        sys.stderr.write(f"govtext: error: no report matches {' '.join(args.inputs)}\n")
        return EXIT_USAGE
    refuse_overwriting_inputs(paths, (args.output, args.summary, args.html))
    jobs = args.jobs if args.jobs is not None else default_jobs()
    options = {
        "engine": args.engine,
        "scheduler": args.scheduler,
        "timeout": args.timeout or None,
        "memory_mb": args.memory_mb or None,
        "tables_dir": args.tables,
        "table_format": args.table_format,
        "progress": args.progress,
        "cross_year": not args.no_cross_year,
        "html": args.html,
        "config": load_config(args.config),  # [tool.govtext], as govtext lint reads it
    }
    if args.output == "-":
        summary = run(paths, sys.stdout, jobs, **options)
    else:
        summary = run_output(paths, args.output, jobs, force=args.force, **options)
    sys.stderr.write(
        f"{len(paths)} report(s): {summary.analysed} analysed, {summary.failed} could not be read, "
        f"{summary.with_errors} with error findings, {summary.cross_report} cross-report finding(s); "
        f"this run: {summary.processed} processed, {summary.skipped} already done\n"
    )
    _write_summary(args.summary, summary)
    return EXIT_OK


def _cmd_tables(args: argparse.Namespace) -> int:
    """Rebuild the tables (and summary, dashboard) of a batch output from its records alone."""
    from .batch import output_lock, rebuild, refuse_overwriting_inputs

    if not os.path.isfile(args.records):  # noqa: PTH113
        raise GovtextError(f"{args.records}: no such batch output")
    refuse_overwriting_inputs([args.records], (args.summary, args.html))
    with output_lock(args.records):
        summary = rebuild(
            args.records,
            tables_dir=args.out,
            table_format=args.table_format,
            html=args.html,
            cross_year=not args.no_cross_year,
        )
    if summary.without_cells:
        sys.stderr.write(
            f"govtext: warning: {summary.without_cells} report record(s) hold no table cells (made without "
            "--tables); cells.csv has no rows for them — run `govtext batch` with --tables to add them\n"
        )
    sys.stderr.write(
        f"{summary.analysed + summary.failed} report(s): {summary.analysed} analysed, {summary.failed} could not "
        f"be read, {summary.with_errors} with error findings, {summary.cross_report} cross-report finding(s)\n"
    )
    _write_summary(args.summary, summary)
    return EXIT_OK


def _timeout_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop the analysis of a report after this many seconds (default: timeout in [tool.govtext], else 60; 0: none)",
    )


def _ocr_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ocr",
        choices=("auto", "never", "always"),
        default=None,
        help="OCR (pip install 'govtext[ocr]'): auto reads pages without a text layer and images by OCR (the "
        "default), never none, always every page",
    )


def _timeout(args: argparse.Namespace, config_timeout: float | None) -> float:
    from .config import check_timeout
    from .limits import DEFAULT_TIMEOUT

    if args.timeout is not None:
        return check_timeout(args.timeout, "--timeout")
    return config_timeout if config_timeout is not None else DEFAULT_TIMEOUT


def _write_summary(path: str | None, summary: Summary) -> None:
    from .batch import dumps_record

    if path:
        with open(path, "w", encoding="utf-8") as fh:  # noqa: PTH123
            fh.write(dumps_record(summary.to_dict(), indent=2))


def _cmd_lint(args: argparse.Namespace) -> int:
    """Lint every path; unreadable ones are reported on stderr and make the exit code 2."""
    from .batch import find_inputs
    from .config import load_config, parse_severity_flags
    from .linter import Linter
    from .report import format_json, format_sarif, format_text

    config = load_config(args.config).merged(
        select=_names(args.select),
        ignore=_names(args.ignore),
        severity=parse_severity_flags(args.severity),
        lang=args.lang,
    )
    lang = config.lang or locale_lang()
    linter = Linter(config, timeout=_timeout(args, config.timeout))
    results = []
    pages: dict[str, str] = {}
    lines: dict[str, object] = {}
    places: dict[str, object] = {}
    unreadable = False
    paths: list[str] = []
    for spec in args.paths:
        paths.extend([spec] if spec == "-" else find_inputs(spec) or [spec])  # no match: unreadable below
    previous = None
    if args.previous is not None:
        try:
            previous = linter.read(args.previous)
        except GovtextError as exc:
            sys.stderr.write(f"govtext: {_ERROR[lang]}: {exc.message(lang)}\n")
            return EXIT_USAGE
    for path in paths:
        shown = (args.stdin_filename or "<stdin>") if path == "-" else path
        try:
            if path == "-":
                name = args.stdin_filename or "stdin.txt"
                result = linter.lint(sys.stdin.buffer.read(), name=name, year=args.year, previous=previous)
            else:
                result = linter.lint(path, year=args.year, previous=previous)
        except GovtextError as exc:
            sys.stderr.write(f"govtext: {_ERROR[lang]}: {exc.message(lang)}\n")
            unreadable = True
            continue
        doc, findings = result.document, result.findings
        assert doc is not None
        if args.verbose and result.skipped:
            for s in result.skipped:
                missing = ", ".join(s.missing)
                note = (
                    f"{s.rule} 未运行（缺少阶段：{missing}）" if lang == "zh" else f"{s.rule} skipped (needs {missing})"
                )
                sys.stderr.write(f"{shown}: {note}\n")
        if args.skip_non_reports and doc.structure is not None and not doc.structure.is_report:
            if args.verbose:
                note = "不是政府信息公开工作年度报告，已跳过" if lang == "zh" else "not an annual report, skipped"
                sys.stderr.write(f"{shown}: {note}\n")
            continue
        results.append((shown, findings))
        if doc.extraction is not None:
            lines[shown] = doc.extraction.source_line
            places[shown] = doc.extraction.place
        if args.output == "html":
            pages[shown] = _html_page(doc, findings)
    if args.statistics:
        _emit(args.out, _statistics(results, lang))
    elif args.output == "json":
        _emit(args.out, format_json(results) + "\n")
    elif args.output == "sarif":
        _emit(args.out, format_sarif(results, lang=lang) + "\n")
    elif args.output == "html":
        _write_pages(args.out, pages)
    else:
        colour = args.out is None and _colour(args.color)
        chunks = []
        for path, findings in results:
            if findings:
                src = None if args.no_source else lines.get(path)
                text = format_text(
                    path,
                    findings,
                    src,  # type: ignore[arg-type]
                    chinese=args.zh,
                    lang=lang,
                    colour=colour,
                    place=places.get(path),  # type: ignore[arg-type]
                )
                chunks.append(text + "\n")
        _emit(args.out, "".join(chunks))
    if not args.quiet:
        n = sum(len(f) for _, f in results)
        errors = sum(1 for _, fs in results for f in fs if f.severity == "error")
        if lang == "zh":
            sys.stderr.write(f"检查了{len(results)}份报告，发现{n}个问题，其中{errors}个错误\n")
        else:
            sys.stderr.write(f"{len(results)} report(s) checked, {n} finding(s), {errors} error(s)\n")
    if unreadable:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity == "error" for _, fs in results for f in fs) else EXIT_OK


_ERROR = {"en": "error", "zh": "错误"}


def _names(value: str | None) -> list[str] | None:
    return None if value is None else [c.strip() for c in value.split(",") if c.strip()]


def _colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _statistics(results: list, lang: str) -> str:
    """One line per rule: how many findings, the code, the severity and the summary (ruff's --statistics)."""
    from collections import Counter

    from .checks import all_rules
    from .report import SEVERITY_ZH

    rules = {r.code: r for r in all_rules()}
    counts = Counter((f.rule, f.severity) for _, fs in results for f in fs)
    out = []
    for (code, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(code)
        label = SEVERITY_ZH.get(severity, severity) if lang == "zh" else severity
        out.append(f"{n:>5}  {code}  {label:<7}  {rule.summary(lang) if rule else ''}".rstrip())
    return "\n".join(out) + ("\n" if out else "")


def _find_rule(name: str) -> type[Rule]:
    from .checks import all_rules
    from .config import ConfigError, nearest

    rules = all_rules()
    for r in rules:
        if name.upper() == r.code or name.lower() == r.name:
            return r
    valid = [r.code for r in rules] + [r.name for r in rules]
    raise ConfigError(f"unknown rule {name!r}{nearest(name, valid) or ' (`govtext rules` lists them)'}")


def _rule_record(rule: type[Rule], lang: str) -> dict[str, str]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity, "group": rule.group, **rule.explain(lang)}


def _cmd_rule(args: argparse.Namespace) -> int:
    from .config import load_config

    lang = args.lang or load_config().lang or locale_lang()
    record = _rule_record(_find_rule(args.code), lang)
    if args.output == "json":
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    heads = (
        {"explanation": "说明", "wrong": "错误示例", "right": "正确示例", "severity": "默认严重程度"}
        if lang == "zh"
        else {"explanation": "What and why", "wrong": "Wrong", "right": "Right", "severity": "Default severity"}
    )
    from .report import SEVERITY_ZH

    severity = SEVERITY_ZH[record["severity"]] if lang == "zh" else record["severity"]
    out = [f"{record['code']} ({record['name']})", "", record["summary"], "", f"{heads['severity']}: {severity}"]
    for key in ("explanation", "wrong", "right"):
        if record[key]:
            out += ["", f"{heads[key]}:", *("    " + line for line in record[key].splitlines())]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .model import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from .checks import all_rules
    from .config import load_config

    lang = args.lang or load_config().lang or locale_lang()
    records = [_rule_record(r, lang) for r in all_rules()]
    if args.output == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in records:
        sys.stdout.write(f"{r['code']}  {r['name']:<34} {r['severity']:<8} {r['summary']}\n")
    return EXIT_OK


def _html_page(doc: Document, findings: list[Finding]) -> str:
    """The report's page with the findings of this lint (its configuration's, not the analysis's own)."""
    import copy

    from .report import render_html

    page = copy.copy(doc)
    page.findings = list(findings)
    return render_html(page)


def _emit(out: str | None, text: str) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        with open(out, "w", encoding="utf-8", errors="backslashreplace") as fh:  # noqa: PTH123
            fh.write(text)


def _write_pages(out: str | None, pages: dict[str, str]) -> None:
    """One page to ``out`` (or stdout); several pages into the directory ``out``, named after the reports."""
    from pathlib import Path

    if len(pages) <= 1 and (out is None or not Path(out).is_dir()):
        _emit(out, next(iter(pages.values()), ""))
        return
    if out is None:
        raise GovtextError("html output of several reports needs -o DIR")
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for path, page in pages.items():
        (target / (Path(path).name + ".html")).write_text(page, encoding="utf-8")


def _summary(doc: object, out: TextIO) -> None:
    from .model import Document

    assert isinstance(doc, Document)
    m, s = doc.meta, doc.source
    out.write(f"{s.path or '<bytes>'}  [{s.format}{', ' + s.encoding if s.encoding else ''}]\n")
    out.write(f"  title:    {m.title or '-'}\n")
    out.write(f"  agency:   {m.agency or '-'}\n")
    out.write(f"  year:     {m.year or '-'}    template: {m.template}\n")
    pages = doc.extraction.n_pages if doc.extraction is not None else None
    out.write(f"  text:     {len(doc.text)} characters{f', {pages} pages' if pages else ''}\n")
    out.write(
        f"  sentences: {len(doc.sentences)}    words: {len(doc.tokens)}    tables marked up: {len(doc.raw_tables)}\n"
    )
    marks = " ".join(f"{sec.number}{'·' if not sec.found else ('∅' if sec.empty else '✓')}" for sec in doc.sections)
    if marks:
        out.write(f"  sections: {marks}   (✓ found, ∅ heading only, · missing)\n")
    read = " ".join(f"{name}{'✓' if t is not None else '·'}" for name, t in doc.tables.items())
    t3 = doc.tables.get("t3")
    received = "" if t3 is None else f"    新收申请 {t3.get('new_received', 'total')}"
    out.write(f"  tables:   {read}   (✓ read, · not in the report){received}\n")
    totals = sum(1 for c in doc.claims if c.role == "total")
    out.write(f"  claims:   {len(doc.claims)} ({totals} totals with parts)    findings: {len(doc.findings)}\n")
    for f in doc.findings[:5]:
        where = f"{f.span.line}:{f.span.col}" if f.span else "-"
        out.write(f"    {f.rule} {f.severity:<7} {where:>8}  {f.message}\n")
    for sent in doc.sentences[:12]:
        sp = sent.span
        where = f"{sp.page}:{sp.line}:{sp.col}" if sp.page else f"{sp.line}:{sp.col}"
        text = sent.text if len(sent.text) <= 60 else sent.text[:58] + "…"
        out.write(f"    {where:>10}  {text}\n")
    if len(doc.sentences) > 12:
        out.write(f"    … {len(doc.sentences) - 12} more (use --json for all)\n")


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .config import load_config
    from .pipeline import analyze

    config = load_config()
    doc = analyze(
        args.path, year=args.year, format=args.format, limits=config.limits, timeout=_timeout(args, config.timeout)
    )
    if args.json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=args.indent))
        sys.stdout.write("\n")
    else:
        _summary(doc, sys.stdout)
    return EXIT_FINDINGS if any(f.severity == "error" for f in doc.findings) else EXIT_OK


def _tolerant_streams() -> None:
    """Let stdout and stderr write what their encoding cannot (a file name that is not UTF-8, Chinese under
    an ASCII locale) as backslash escapes instead of failing: ``\\udcff``, ``\\u4e2d`` (valid JSON escapes too)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure") or getattr(stream, "errors", None) == "backslashreplace":
            continue
        try:
            utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        except (LookupError, TypeError):
            utf8 = False
        # UTF-8 with surrogateescape (Python's UTF-8 mode) writes every string: a bad name as its own bytes
        if not utf8 or stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        commands = {
            "lint": _cmd_lint,
            "batch": _cmd_batch,
            "tables": _cmd_tables,
            "rule": _cmd_rule,
            "rules": _cmd_rules,
            "schema": _cmd_schema,
            "completion": _cmd_completion,
        }
        if getattr(args, "ocr", None):
            from .io.ocr import ocr_mode

            # the environment carries the mode to batch's worker processes too
            before = os.environ.get("GOVTEXT_OCR")
            os.environ["GOVTEXT_OCR"] = args.ocr
            try:
                with ocr_mode(args.ocr):
                    return commands.get(args.command, _cmd_analyze)(args)
            finally:
                if before is None:
                    del os.environ["GOVTEXT_OCR"]
                else:
                    os.environ["GOVTEXT_OCR"] = before
        return commands.get(args.command, _cmd_analyze)(args)
    except GovtextError as exc:
        lang = getattr(args, "lang", None) or locale_lang()
        sys.stderr.write(f"govtext: {_ERROR[lang]}: {exc.message(lang)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("govtext: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an output file that cannot be written
        sys.stderr.write(f"govtext: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    except Exception as exc:  # a bug of ours: still one line, no traceback
        if os.environ.get("GOVTEXT_DEBUG"):
            raise
        sys.stderr.write(
            f"govtext: error: {getattr(args, 'path', None) or ' '.join(getattr(args, 'paths', []))}: "
            f"internal error ({type(exc).__name__}: {exc}); "
            "rerun with GOVTEXT_DEBUG=1 for a traceback and report it\n"
        )
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
