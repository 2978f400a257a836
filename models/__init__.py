"""Trained models shipped with govtext (``models/`` in the repository, ``govtext.models`` when installed).

Each model is a folder of arrays that load without pickle; see ``README.md``.
"""
