"""Sentences and words.

Sentences
    :func:`split_sentences` cuts normalised text after 。！？； (with any closing
    quote or bracket), at every line break (normalisation has already joined
    the line wraps, so a line break that survives ends a heading, a list item
    or a paragraph), and after a standard section heading that a scraper glued
    to the next sentence (``一、总体情况2021年，我区…``).  Tables a crawler
    flattened into the text start a sentence each, at their caption or first
    words, and so does the prose after the last one (:func:`table_cuts`).  It
    never cuts inside a number: ``3.5``, ``1.2万`` and ``3,119`` carry no
    sentence punctuation.

Words
    :class:`WordSegmenter` is jieba with govtext's domain dictionary
    (``govtext/data/userdict.txt``: 政府信息公开, 依申请公开, 行政复议,
    信息处理费, 规范性文件 …) loaded into a private ``jieba.Tokenizer``, so the
    global jieba a caller may use is left untouched.

spaCy
    :func:`make_nlp` returns a blank Chinese ``Language`` whose tokenizer is
    that segmenter and whose ``govtext_sentences`` component sets sentence
    starts by the rules above; :func:`to_spacy` turns an analysed
    :class:`~govtext.model.Document` into a ``Doc`` with the same tokens.
    jieba and spaCy are imported only when first used.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from .headings import glued_headings, leading_heading
from .limits import tick

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .model import Document

# -- sentences ---------------------------------------------------------------

# ASCII ! ? ; end a sentence only after Chinese (not inside "a.html?x=1;y=2")
_SENT_END = re.compile(r"(?:[。！？；]|(?<=[\u4e00-\u9fff])[!?;])[。！？；!?;]*[”’」』）)】\"']*|\n")


class Token(NamedTuple):
    """A word: its text and ``[start, end)`` in the normalised text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence of ``text``, without surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group(0) != "\n" and _inside_title(text, pos, m.start()):
            continue  # 《现在为您导航！2019上海再出发》 is one title, not two sentences
        end = m.end() if m.group(0) != "\n" else m.start()
        _add(text, pos, end, bounds)
        pos = m.end()
    _add(text, pos, len(text), bounds)
    return bounds


_NUMERAL_MARK = re.compile(r"[一二三四五六七八九十]\s*[、.．，,：:]")


def _inside_title(text: str, start: int, at: int) -> bool:
    """True when ``at`` lies inside a 《book title》 that closes on the same line soon after."""
    opened = text.rfind("《", start, at)
    if opened < 0 or text.find("》", opened, at) >= 0:
        return False
    close = text.find("》", at, at + 60)
    return close >= 0 and "\n" not in text[at:close]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the whitespace at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    a, b = _strip(text, a, b)
    if a >= b:
        return
    cuts = table_cuts(text, a, b)
    if cuts:
        for x, y in zip([a, *cuts], [*cuts, b], strict=True):
            _add_piece(text, x, y, out)
        return
    _add_piece(text, a, b, out)


# -- tables flattened into the text ------------------------------------------------
#
# A crawler's text of a report runs the three tables together: cell after cell
# with no sentence punctuation, so without their headings they would make one
# ~950-character "sentence" across sections 二, 三 and 四.  A table opens with
# a caption (表二 …) or with its own first words, which no prose writes:
# table 2 with 第二十条第（一）项, table 3 with its note (本列数据的勾稽关系…) or
# its column header 申请人情况 (or its first row, 一、本年新收…), table 4 with
# its header 行政复议 行政诉讼 结果维持….  Each starts a new sentence, and so
# does the prose after table 4's numbers.

TABLE_OPENERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("caption", re.compile(r"(?:附)?表\s*[一二三四1-4](?=[\s：:、.．]|[\u4e00-\u9fff（(])")),
    ("t2", re.compile(r"第二十条\s*第\s*[（(]\s*一\s*[)）]\s*项")),
    ("t3", re.compile(r"[（(]?\s*本列数据的?勾稽关系|申请人情况|一\s*[、.．]\s*本年新收")),
    ("t4", re.compile(r"行政复议\s*行政诉讼\s*(?:结果维持|未经复议)|行政复议\s*结果维持")),
)
_TABLE_HINT = re.compile(r"表\s*[一二三四1-4]|第二十条|勾稽关系|申请人情况|本年新收|行政复议\s*(?:行政诉讼|结果维持)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# table 4 ends with its 15 numbers after the last header word; prose follows
_T4_TAIL = re.compile(r"(?:总计|尚未审结)(?P<nums>[\d\s.\-—－/／]*\d)")


def table_cuts(text: str, a: int, b: int) -> list[int]:
    """Where tables flattened into ``text[a:b]`` begin, and where the prose after the last one resumes.

    A table opener counts only where the text before it is no prose (a number,
    a space, a closing bracket or the start), so a sentence that mentions
    申请人情况 or 行政复议结果维持 is left whole; each kind of table opens once, the first time; a caption
    just before a table's first words is one opening, not two.
    """
    if b - a < 40 or not _TABLE_HINT.search(text, a, b):
        return []
    found: list[tuple[int, str, int]] = []
    opened: list[tuple[int, str, int]] = []  # where a table opens a sentence already (after its heading)
    seen: set[str] = set()
    after_heading = {e for _, e in glued_headings(text, a, b)}
    for kind, rx in TABLE_OPENERS:
        for m in rx.finditer(text, a, b):
            if kind != "caption" and kind in seen:
                break
            if m.start() == a or m.start() in after_heading:
                seen.add(kind)  # the table opens a sentence already
                opened.append((m.start(), kind, m.end()))
                break
            if not _after_no_prose(text, a, m.start()):
                continue
            found.append((m.start(), kind, m.end()))
            seen.add(kind)
            if kind != "caption":
                break
    found.sort()
    cuts: list[int] = []
    last_end = a
    for start, kind, end in found:
        if (
            start < last_end + 2
            and kind != "caption"
            and cuts
            and text[cuts[-1] : start].strip().startswith(("表", "附表"))
        ):
            last_end = end
            continue  # 表三 收到和处理… 申请人情况: the caption opened this table
        if start - (cuts[-1] if cuts else a) < 20 and cuts:
            continue
        cuts.append(start)
        last_end = end
    if found or opened:
        tail = _prose_tail(text, a, b, sorted(found + opened))
        if tail is not None and (not cuts or tail > cuts[-1]):
            cuts.append(tail)
    return cuts


_UNIT = re.compile(r"\d\s*(?:万元|元|件|条|次|个|项|%)\s*$")


def _after_no_prose(text: str, a: int, at: int) -> bool:
    """True when what comes before ``at`` is no prose: a space, a number (with its unit) or a closing bracket."""
    before = text[max(a, at - 8) : at]
    if not before or before[-1].isspace() or before[-1].isdigit() or before[-1] in "）)】]":
        return True
    return bool(_UNIT.search(before))


def _prose_tail(text: str, a: int, b: int, found: list[tuple[int, str, int]]) -> int | None:
    """Where prose resumes after the numbers of the last table in ``text[a:b]`` (``None`` if it does not)."""
    last = max(end for _, _, end in found)
    t4 = next((end for _, kind, end in found if kind == "t4"), None)
    if t4 is not None:
        tails = list(_T4_TAIL.finditer(text, t4, b))
        if not tails:
            return None
        m = tails[-1]
        return _resumes(text, m.start("nums"), m.end("nums"), b)
    # no table 4: the first run of numbers after which only prose (at most a year or a date) follows;
    # only the last runs can be (each earlier one has theirs after it), and each try reads to the end,
    # so a hostile text of thousands of runs is tried at its last _TAIL_RUNS only, not at every one (quadratic)
    runs = list(_NUMBER_RUN.finditer(text, last, b))
    for run in runs[-_TAIL_RUNS:]:
        end = _resumes(text, run.start(), run.end(), b)
        if end is not None:
            return end
    return None


_NUMBER_RUN = re.compile(r"\d[\d\s.\-—－/／]*")
_TAIL_RUNS = 64
_DATE = re.compile(r"\d{4}年|\d{1,2}月|\d{1,2}日")


def _resumes(text: str, start: int, end: int, b: int) -> int | None:
    """``end`` (or before a year glued to the numbers) when prose, not more table, follows."""
    while end > start and text[end - 1].isspace():
        end -= 1
    # the heading removed, a year may follow the numbers at once: 0000000000000002019年，…
    if end < b and text[end] == "年" and end - start > 4 and text[end - 4 : end].isdigit():
        end -= 4
    rest = _DATE.sub("", text[end:b])
    if any(c.isdigit() for c in rest) or len(_CJK.findall(rest)) < 8:
        return None
    return end


def _add_piece(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    a, b = _strip(text, a, b)
    if a >= b:
        return
    if not _NUMERAL_MARK.search(text, a, b):  # no 一、 二. … anywhere: no heading to split off
        _trim(text, a, b, out)
        return
    glued = glued_headings(text, a, b)
    if not glued or glued[0][0] != a:
        lead = leading_heading(text[a:b])
        if lead is not None:
            glued.insert(0, (a, a + lead))
    for h_start, h_end in glued:
        if h_start < a:
            continue
        if h_start > a:
            _trim(text, a, h_start, out)
        out.append((h_start, h_end))
        a = h_end
    _trim(text, a, b, out)


def _trim(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append((a, b))


# -- words --------------------------------------------------------------------


def _userdict_lines() -> list[tuple[str, int, str | None]]:
    text = resources.files("govtext.data").joinpath("userdict.txt").read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 10000
        words.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return words


#: a run jieba does not split on that is this long is cut into pieces first
LONG_BLOCK = 2048
BLOCK_PIECE = 512
#: :meth:`WordSegmenter.cut` hands jieba a text in pieces of about this many characters
CHUNK = 65536
# jieba's blocks are runs of these characters (jieba.re_han_default); it yields "\r\n" as one word
_SAFE_CUT = re.compile("[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-\r]")
_LONG_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]{" + str(LONG_BLOCK) + ",}")


class WordSegmenter:
    """jieba with govtext's domain dictionary, in a tokenizer of its own."""

    def __init__(self, hmm: bool = True) -> None:
        import jieba

        jieba.setLogLevel(60)
        self._tk = jieba.Tokenizer()
        self._tk.initialize()
        for word, freq, tag in _userdict_lines():
            self._tk.add_word(word, freq, tag)
        self.hmm = hmm

    def tokenize(self, text: str) -> list[Token]:
        """Every word of ``text`` with its offsets (whitespace runs are dropped)."""
        return tokens_from(*self.segment(text))

    def segment(self, text: str) -> tuple[list[str], list[int]]:
        """The words of ``text`` (whitespace included, so they add up to ``text``) and where each starts."""
        # cutting and counting: jieba's own tokenize() is ~20 % slower
        words = self.cut(text)
        return words, [0, *accumulate(map(len, words[:-1]))] if words else []

    def cut(self, text: str) -> list[str]:
        """jieba's words of ``text``, cut in pieces of about :data:`CHUNK` characters.

        A piece ends after a character jieba never joins to its neighbours
        (punctuation, whitespace other than ``\\r``), so the words are the
        same as from one call, and a long text keeps the call's deadline.
        """
        if len(text) <= CHUNK:
            return self._cut_piece(text)
        words: list[str] = []
        at = 0
        while at < len(text):
            end = at + CHUNK
            if end < len(text):
                m = _SAFE_CUT.search(text, end)
                end = m.end() if m else len(text)
            tick(end - at, every=CHUNK)
            words += self._cut_piece(text[at:end])
            at = end
        return words

    def _cut_piece(self, text: str) -> list[str]:
        # jieba walks a run of characters it does not split on (Han, letters, digits, +#&._%-)
        # in time quadratic in the run (1 000 000 digits: 17 s): a run longer than LONG_BLOCK
        # is cut into pieces of BLOCK_PIECE first. No sentence of a real report comes near.
        if len(text) < LONG_BLOCK or not _LONG_BLOCK.search(text):
            return self._tk.lcut(text, HMM=self.hmm)
        words: list[str] = []
        at = 0
        for m in _LONG_BLOCK.finditer(text):
            if m.start() > at:
                words += self._tk.lcut(text[at : m.start()], HMM=self.hmm)
            for i in range(m.start(), m.end(), BLOCK_PIECE):
                tick(BLOCK_PIECE)
                words += self._tk.lcut(text[i : min(i + BLOCK_PIECE, m.end())], HMM=self.hmm)
            at = m.end()
        if at < len(text):
            words += self._tk.lcut(text[at:], HMM=self.hmm)
        return words


def tokens_from(words: list[str], starts: list[int]) -> list[Token]:
    """:class:`Token` objects from :meth:`WordSegmenter.segment`'s output, whitespace left out."""
    make = partial(tuple.__new__, Token)
    return [make((w, s, s + len(w))) for w, s in zip(words, starts, strict=True) if not w.isspace()]


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _segmenter() -> WordSegmenter:
    with _lock:
        return WordSegmenter()


def word_segmenter() -> WordSegmenter:
    """The shared :class:`WordSegmenter` (created on first use, ~0.5 s)."""
    return _segmenter()


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with offsets, from the shared segmenter."""
    return _segmenter().tokenize(text)


# -- spaCy ----------------------------------------------------------------------


class JiebaTokenizer:
    """A spaCy tokenizer: govtext's jieba segmentation, whitespace kept as tokens."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words = _segmenter().cut(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> JiebaTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> JiebaTokenizer:
        return self


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark ``doc``'s sentence starts by :func:`split_sentences` (the ``govtext_sentences`` component)."""
    starts = {a for a, _ in split_sentences(doc.text)}
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or tok.idx in starts
    return doc


def make_nlp() -> Language:
    """A blank Chinese spaCy pipeline: govtext's tokenizer and ``govtext_sentences``."""
    import spacy

    from . import components  # noqa: F401  (registers the govtext components)

    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("govtext_sentences")
    return nlp


@lru_cache(maxsize=1)
def _shared_nlp() -> Language:
    return make_nlp()


def to_spacy(document: Document) -> Doc:
    """A spaCy ``Doc`` of ``document``'s normalised text with govtext's tokens and sentences.

    Whitespace between words becomes tokens of its own, so ``doc.text`` equals
    ``document.text`` and token offsets equal govtext offsets.
    """
    from spacy.tokens import Doc

    nlp = _shared_nlp()
    text = document.text
    words: list[str] = []
    sent_starts: list[bool | int | None] = []  # the type spaCy's Doc asks for
    starts = {s.start for s in document.sentences}
    pos = 0
    for tok in document.tokens:
        if tok.start > pos:
            words.append(text[pos : tok.start])
            sent_starts.append(False)
        words.append(tok.text)
        sent_starts.append(tok.start in starts)
        pos = tok.end
    if pos < len(text):
        words.append(text[pos:])
        sent_starts.append(False)
    if sent_starts:
        sent_starts[0] = True
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words), sent_starts=sent_starts)
    # the sections stage's results, on the spans of the sentences it placed
    from spacy.tokens import Span

    for name in ("section", "topic", "about"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    by_start = {s.start: s for s in document.sentences}
    for span in doc.sents:
        sent = by_start.get(span.start_char)
        if sent is not None:
            span._.section, span._.topic, span._.about = sent.section, sent.topic, sent.about
    return doc
