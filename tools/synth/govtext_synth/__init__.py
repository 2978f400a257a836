"""Invented 政府信息公开工作年度报告 for govtext's tests, benchmarks and training (a dev tool, not shipped).

Modules: ``generate`` (labelled prose reports in every template and layout), ``tables``
(reports whose tables satisfy every identity, in every rendering), ``table_reports`` (the
plainer table reports the fuzzers and page templates start from), ``office`` (LibreOffice
PDFs as offices export them), ``pages`` (site pages around a report), ``scan`` (scanned
pages for OCR).  Every word and number is invented; the labels and table schema are
govtext's own (``govtext.sections.TOPICS``, ``govtext.tables.schema``).
"""
