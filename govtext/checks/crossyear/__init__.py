"""Rules across reports (GT5xx): a body's consecutive years, and reports copied from one another.

They run in ``govtext batch`` over the reports of each body (see
:mod:`govtext.corpus`) and give cross-report records, warnings rather than errors:
bodies are reorganised and counts are sometimes restated.
"""
