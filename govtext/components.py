"""govtext's stages as spaCy components.

Importing this module (spaCy does it through the ``spacy_factories`` entry
point, so ``nlp.add_pipe("govtext_sections")`` just works) registers:

* ``govtext_sentences`` — sentence starts by :func:`govtext.segment.split_sentences`;
* ``govtext_sections`` — ``span._.section``, ``span._.topic`` and ``span._.about``
  on every sentence, by :class:`govtext.sections.SectionsComponent`.

>>> from govtext.segment import make_nlp          # doctest: +SKIP
>>> nlp = make_nlp(); nlp.add_pipe("govtext_sections")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from .sections import SectionsComponent
from .segment import set_sentence_starts


def make_sections_component(nlp: Any, name: str) -> SectionsComponent:
    """The ``govtext_sections`` factory."""
    return SectionsComponent()


if "govtext_sentences" not in Language.factories:
    Language.component("govtext_sentences", func=set_sentence_starts)
if "govtext_sections" not in Language.factories:
    Language.factory("govtext_sections", func=make_sections_component)
