"""Findings about govtext itself (GT0xx): a rule that failed on this report."""
