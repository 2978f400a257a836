"""Data files shipped with govtext (the jieba domain dictionary)."""
