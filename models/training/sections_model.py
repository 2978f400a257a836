"""Train and evaluate the sentence → section classifier.

    python models/training/sections_model.py train      # writes models/sections/{vocab.json,weights.npz}
    python models/training/sections_model.py evaluate   # leave-one-body-out, writes docs/sections-eval.md

Training data (all labels are ours):

* the real reports of ``../shared/corpus`` with the gold section starts we
  annotated in ``tests/data/sections_gold.json`` — each report twice: as
  published, and with every section heading blanked out, so the model learns
  to place sentences without them;
* synthetic reports from ``tools/synth/govtext_synth/generate.py`` (fixed seed), whose
  generator knows each sentence's section.

The model is scikit-learn's ``TfidfVectorizer`` (analyzer:
:func:`govtext.sections.features`, ``sublinear_tf=True``) and a multinomial
``LogisticRegression`` (lbfgs, fixed ``C``); both are deterministic, so the same
data gives the same arrays.  The arrays are saved without pickle: the
vocabulary as JSON, ``idf``/``coef``/``intercept`` in an ``.npz`` read with
``allow_pickle=False``.

Evaluation is leave-one-body-out: every body's reports (Pingtan's eleven
years are one body) are held out in turn, a model is trained on everything
else, and the held-out reports are sectioned (a) as published and (b) with
their headings blanked.  Nothing is evaluated on data it was trained on.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]  # the checkout: models/training/ is not part of the wheel
sys.path.insert(0, str(ROOT))

import govtext  # noqa: E402
from govtext.headings import parse_heading  # noqa: E402
from govtext.io import read  # noqa: E402
from govtext.pipeline import build_document  # noqa: E402
from govtext.sections import (  # noqa: E402
    N_LABELS,
    SectionClassifier,
    classify,
    features,
    find_headings,
    in_list,
    layout_of,
    restarts,
    scopes,
    table_anchors,
    table_section,
)

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "data" / "sections_gold.json"
OUT = ROOT / "models" / "sections"
SYNTH_SEED = 20261124
SYNTH_N = 240
C = 4.0


@dataclass
class Report:
    name: str
    body: str
    texts: list[str]
    labels: list[int]
    doc: govtext.Document | None = None
    template: str = "unknown"
    #: the source's marked-up tables as (index of the next sentence, section): table_anchors
    tables: list[tuple[int, int]] = field(default_factory=list)

    def sequence(self) -> list[int]:
        """The labels with each table's section inserted where it stands, as the decoder sees them."""
        out: list[int] = []
        pending = sorted(self.tables)
        t = 0
        for i in range(len(self.labels) + 1):
            while t < len(pending) and pending[t][0] == i:
                out.append(pending[t][1])
                t += 1
            if i < len(self.labels):
                out.append(self.labels[i])
        return out


def _gold_labels(doc: govtext.Document, starts: dict[str, int | None]) -> list[int]:
    marks = sorted((off, int(k)) for k, off in starts.items() if off is not None)
    labels = []
    for s in doc.sentences:
        lab = 0
        for off, k in marks:
            if off <= s.span.start:
                lab = k
        labels.append(lab)
    return labels


def _bodies() -> dict[str, str]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: row["body"] for row in csv.DictReader(fh, delimiter="\t")}


def headings_blanked(path: Path, starts: dict[str, int | None]) -> govtext.Document:
    """The report with every section heading replaced by spaces (offsets unchanged).

    A heading is a sentence of at most 60 characters that names a section after
    a section-style ordinal (一、 第一部分 1.), or a gold section start that reads
    as a heading; both lines of a heading broken over two lines go.
    """
    extraction, src = read(path)
    doc = build_document(extraction, src)
    chars = list(extraction.text)
    gold_starts = {off for off in starts.values() if off is not None}
    for i, s in enumerate(doc.sentences):
        if len(s.text) > 60:
            continue
        h = parse_heading(s.text)
        if h.level == 2 or (h.section is None and (h.level == 0 or s.span.start not in gold_starts)):
            continue  # not a heading: a sub-heading, or a gold start that is content (未收到…行政复议申请。)
        if h.level == 0 and s.span.start not in gold_starts:
            continue
        end = s.span.end
        nxt = doc.sentences[i + 1] if i + 1 < len(doc.sentences) else None
        if h.section is None and nxt is not None and len(nxt.text) <= 8:  # heading over two lines
            end = nxt.span.end
        for j in range(s.span.start, end):
            if chars[j] not in "\n\f":
                chars[j] = " "
    blanked = replace(extraction, text="".join(chars))
    return build_document(blanked, src)


def corpus_reports(blank: bool) -> list[Report]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"]
    bodies = _bodies()
    out = []
    for name in sorted(gold):
        path = CORPUS / name
        starts = gold[name]["starts"]
        doc = headings_blanked(path, starts) if blank else govtext.analyze(path)
        labels = _gold_labels(doc, starts)
        texts = [s.text for s in doc.sentences]
        out.append(Report(name, bodies[name], texts, labels, doc, doc.meta.template, table_anchors(doc)))
    return out


def synth_reports() -> list[Report]:
    from govtext_synth.generate import generate

    out = []
    for rep in generate(SYNTH_SEED, SYNTH_N):
        doc = govtext.analyze_text(rep.text)
        labels = []
        seg = rep.segments
        k = 0
        for s in doc.sentences:
            while k + 1 < len(seg) and seg[k][1] <= s.span.start:
                k += 1
            labels.append(seg[k][2])
        template = {"pre2019": "pre-2019"}.get(rep.style["template"], rep.style["template"])
        out.append(Report(rep.name, "synthetic", [s.text for s in doc.sentences], labels, None, template))
    return out


def samples(reports: list[Report]) -> tuple[list[str], list[int]]:
    docs, ys = [], []
    for rep in reports:
        n = len(rep.texts)
        for i, (text, y, sc) in enumerate(zip(rep.texts, rep.labels, scopes(rep.texts), strict=True)):
            docs.append(f"{i / max(1, n - 1):.6f}\x00{sc}\x00{text}")
            ys.append(y)
    return docs, ys


def _analyzer(doc: str) -> list[str]:
    pos, scope, text = doc.split("\x00", 2)
    return features(text, float(pos), scope)


def fit(reports: list[Report]) -> SectionClassifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs, ys = samples(reports)
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, min_df=2, dtype=np.float64)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(x, ys)
    coef = np.zeros((N_LABELS, x.shape[1]))
    intercept = np.full(N_LABELS, -30.0)  # a label absent from training is never predicted
    for row, label in enumerate(clf.classes_):
        coef[label] = clf.coef_[row]
        intercept[label] = clf.intercept_[row]
    vocab = {term: int(j) for term, j in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])}
    # the decoder's price for moving to a later section: the rate of section changes between
    # neighbouring sentences in the training reports; where a sentence restarts a numbered list
    # ((一)…, 1、…) the price drops by how much likelier a change is there than elsewhere, measured
    # away from headings (a heading decides where it stands, so pairs touching one are left out)
    pairs = sum(max(0, len(r.labels) - 1) for r in reports)
    changes = sum(sum(1 for a, b in zip(r.labels, r.labels[1:], strict=False) if a != b) for r in reports)
    # and inside a numbered list ((一)… up to (二)…) the price rises by how much rarer a change is there
    counts = np.ones((3, 2))  # [plain, restart, in a list][changed?], add-one: never log(0)
    # and in a report with headings, how rarely the section changes where no heading stands
    unheaded = np.ones(2)  # [pairs, changes]
    # and when one found heading follows another over sections between (三、 … 五、), how often those are absent
    passed_over = np.ones(2)  # [sections passed over, absent]
    for r in reports:
        hits = find_headings(r.texts)
        heads = {h.index + j for h in hits for j in range(h.sentences)}
        if len(hits) >= 2:
            for i, (a, b) in enumerate(itertools.pairwise(r.labels)):
                if i + 1 not in heads:
                    unheaded += (1, a != b)
            for h, g in itertools.pairwise(sorted(hits, key=lambda h: h.index)):
                between = set(r.labels[h.index : g.index])
                for k in range(h.section + 1, g.section):
                    passed_over += (1, k not in between)
        kinds = [
            1 if rs else 2 if inside else 0 for rs, inside in zip(restarts(r.texts), in_list(r.texts), strict=True)
        ]
        for i, (a, b, kind) in enumerate(zip(r.labels, r.labels[1:], kinds[1:], strict=False)):
            if i not in heads and i + 1 not in heads:
                counts[kind, int(a != b)] += 1
    jump = float(np.log(changes / pairs))
    transitions, end, skip = _transitions(reports)
    rate = counts[:, 1] / counts.sum(axis=1)
    restart_bonus = float(np.log(rate[1] / rate[0]))
    in_list_malus = float(np.log(rate[2] / rate[0]))
    meta = {
        "samples": len(ys),
        "labels": dict(sorted(Counter(ys).items())),
        "C": C,
        "features": len(vocab),
        "jump_logp": round(jump, 4),
        "jump_logp_restart": round(min(0.0, jump + max(0.0, restart_bonus)), 4),
        "jump_logp_in_list": round(jump + min(0.0, in_list_malus), 4),
        "jump_logp_unheaded": round(float(np.log(unheaded[1] / unheaded[0])), 4),
        "skip_logp_at_heading": round(float(np.log(passed_over[1] / passed_over[0])), 4),
        "transitions": [[round(float(v), 4) for v in row] for row in transitions],
        "end_logp": [round(float(v), 4) for v in end],
        "skip_logp": round(skip, 4),
    }
    return SectionClassifier(vocab, vec.idf_.astype(np.float64), coef, intercept, meta)


def _transitions(reports: list[Report]) -> tuple[np.ndarray, np.ndarray, float]:
    """The Viterbi's log-probabilities of moving from section ``a`` to ``b`` (``b >= a``), and of ending in ``a``.

    A report goes through the template's sections in order; a section is
    missing (a move that skips it, or an end before it) only where a report
    leaves it out, which the template forbids and few reports do.  Counting
    moves ``a → b`` directly made skipping a section about as cheap as passing
    through it (every move costs, and passing through takes two), and ending
    early free, so the decoder dropped short sections whose one sentence it
    was sure of (一句 "未收到…申请") or kept a whole report in section 一.
    Instead a move ``a → b`` costs what passing through ``a+1 … b-1`` in no
    sentences costs: each section's own rate of moving on, times the rate at
    which a section is missing, once per missing section; ending in ``a``
    costs passing through ``a+1 … 6`` so.  Every complete path then pays the
    same for its moves, and only a skip pays more.  Sections a marked-up table
    holds (:func:`govtext.sections.table_anchors`) are not missing.  Rates are
    counted in the training reports, add-one smoothed.
    """
    last = N_LABELS - 1
    stays = np.ones(N_LABELS)
    onward = np.ones(N_LABELS)
    skipped = passed = 1
    for r in reports:
        seq = r.sequence()
        # as the decoder does (sections._excuse_skips): a 2019/2021 copy with no table in sight lost 二–四
        lost = r.template in ("2019", "2021") and not r.tables and not any(map(table_section, r.texts))
        excused = {2, 3, 4} if lost else set()
        for a, b in itertools.pairwise([*seq, last + 1] if seq else []):
            if b == a:
                stays[a] += 1
            elif b > a:
                missing = [k for k in range(a + 1, min(b, last + 1)) if k not in excused]
                if b <= last:
                    onward[a] += 1
                skipped += len(missing)
                passed += len(missing) + (b <= last)
    p_move = onward / (stays + onward)
    p_skip = skipped / passed
    out = np.full((N_LABELS, N_LABELS), -1e9)
    out[last, last] = 0.0
    for a in range(last):
        row = np.zeros(N_LABELS)
        row[a] = 1.0 - p_move[a]
        for b in range(a + 1, N_LABELS):
            row[b] = p_move[a] * float(np.prod(p_move[a + 1 : b])) * p_skip ** (b - a - 1)
        row /= row.sum()
        out[a, a:] = np.log(row[a:])
    end = np.array([float(np.sum(np.log(p_move[a:last]))) + (last - a) * np.log(p_skip) for a in range(N_LABELS)])
    return out, end, float(np.log(p_skip))


def save(model: SectionClassifier, directory: Path, about: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    doc = {"about": about, "meta": model.meta, "vocabulary": model.vocab}
    (directory / "vocab.json").write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    # np.savez writes zip timestamps; write the members ourselves for byte-identical output
    import io
    import zipfile

    with zipfile.ZipFile(directory / "weights.npz", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, arr in (("idf", model.idf), ("coef", model.coef), ("intercept", model.intercept)):
            buf = io.BytesIO()
            np.save(buf, np.ascontiguousarray(arr, dtype=np.float64), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def train() -> None:
    reports = corpus_reports(False) + corpus_reports(True) + synth_reports()
    model = fit(reports)
    about = {
        "trained_on": "../shared/corpus with tests/data/sections_gold.json (as published and headings blanked) "
        f"+ tools/synth/govtext_synth/generate.py seed={SYNTH_SEED} n={SYNTH_N}",
        "script": "python models/training/sections_model.py train",
    }
    save(model, OUT, about)
    digest = hashlib.sha256((OUT / "weights.npz").read_bytes() + (OUT / "vocab.json").read_bytes()).hexdigest()
    print(f"trained on {model.meta['samples']} sentences, {model.meta['features']} features; sha256 {digest[:16]}")


@dataclass
class Score:
    """One report's accuracy: sentences and characters placed in their gold section."""

    ok: int
    n: int
    chars_ok: int
    chars: int
    wrong: list[int]


def _gold_at(starts: dict[str, int | None]) -> list[tuple[int, int]]:
    return sorted((off, int(k)) for k, off in starts.items() if off is not None)


def char_accuracy(doc: govtext.Document, labels: list[int], starts: dict[str, int | None]) -> tuple[int, int]:
    """Non-space characters of the sentences whose predicted section is the gold one *at that character*.

    A sentence's gold is where it starts; per character, a sentence that runs
    across a section start (three flattened tables as one "sentence") is wrong
    for every character past it, so long sentences weigh as much as they hold.
    """
    marks = _gold_at(starts)
    src = doc.extraction.text if doc.extraction is not None else doc.text
    ok = total = 0
    for s, lab in zip(doc.sentences, labels, strict=True):
        for off in range(s.span.start, s.span.end):
            if src[off].isspace():
                continue
            gold = 0
            for m, k in marks:
                if m <= off:
                    gold = k
            total += 1
            ok += gold == lab
    return ok, total


def _accuracy(model: SectionClassifier, reports: list[Report]) -> list[tuple[str, Score]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"]
    rows = []
    for rep in reports:
        assert rep.doc is not None
        result = classify(rep.texts, layout_of(rep.doc), classifier=model, tables=rep.tables, template=rep.template)
        wrong = [i for i, (a, b) in enumerate(zip(result.labels, rep.labels, strict=True)) if a != b]
        c_ok, c_n = char_accuracy(rep.doc, result.labels, gold[rep.name]["starts"])
        rows.append((rep.name, Score(len(rep.texts) - len(wrong), len(rep.texts), c_ok, c_n, wrong)))
    return rows


def evaluate(only: str | None = None) -> None:
    """Leave-one-body-out; ``only`` (a substring of body or file names) holds out just those bodies, no doc."""
    published = corpus_reports(False)
    blanked = corpus_reports(True)
    synth = synth_reports()
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, rep in enumerate(published):
        by_body[rep.body].append(i)
    results: dict[str, dict[str, Score]] = {"a": {}, "b": {}}
    for body, idx in sorted(by_body.items()):
        if only and not any(only in body or only in published[i].name for i in idx):
            continue
        held = set(idx)
        train_set = [r for i, r in enumerate(published) if i not in held]
        train_set += [r for i, r in enumerate(blanked) if i not in held] + synth
        model = fit(train_set)
        for setting, pool in (("a", published), ("b", blanked)):
            for name, score in _accuracy(model, [pool[i] for i in idx]):
                results[setting][name] = score
        print(f"held out {body}: {len(idx)} report(s)", file=sys.stderr)
    lines = [
        "# Section classification: leave-one-body-out evaluation",
        "",
        "Generated by `python models/training/sections_model.py evaluate`. Each body's reports are held out in turn "
        "(Pingtan's eleven years together); a model is trained on the other bodies' reports (as published and "
        "with headings blanked) plus the synthetic reports, and the held-out reports are sectioned "
        "(a) as published, (b) with every section heading blanked. Gold labels: `tests/data/sections_gold.json`.",
        "",
        "*Sentences* counts sentences whose section is the gold one (gold: where the sentence starts). "
        "*Characters* counts non-space characters whose sentence was placed in the section the gold puts "
        "*that character* in, so a long sentence weighs as much as it holds and a sentence running across a "
        "section start is wrong past it.",
        "",
        "| report | body | (a) sentences | (a) % | (a) chars % | (b) sentences | (b) % | (b) chars % |",
        "|---|---|---|---|---|---|---|---|",
    ]
    tot = {k: [0, 0, 0, 0] for k in ("a", "b")}
    for rep in published:
        if rep.name not in results["a"]:
            continue
        cells = []
        for setting in ("a", "b"):
            sc = results[setting][rep.name]
            for j, v in enumerate((sc.ok, sc.n, sc.chars_ok, sc.chars)):
                tot[setting][j] += v
            cells += [f"{sc.ok}/{sc.n}", f"{100 * sc.ok / sc.n:.1f}", f"{100 * sc.chars_ok / max(1, sc.chars):.1f}"]
        lines.append(f"| {rep.name} | {rep.body} | " + " | ".join(cells) + " |")
    summary = []
    cells = []
    for setting in ("a", "b"):
        ok, n, c_ok, c_n = tot[setting]
        cells += [f"{ok}/{n}", f"**{100 * ok / max(1, n):.2f}**", f"**{100 * c_ok / max(1, c_n):.2f}**"]
        summary.append(f"({setting}) {ok}/{n} = {100 * ok / max(1, n):.2f}% chars {100 * c_ok / max(1, c_n):.2f}%")
    lines.append("| **total** | | " + " | ".join(cells) + " |")
    lines += ["", "## Sentences placed wrongly", ""]
    for setting, pool in (("a", published), ("b", blanked)):
        for rep in pool:
            if rep.name not in results[setting] or not results[setting][rep.name].wrong:
                continue
            wrong = results[setting][rep.name].wrong
            lines.append(f"- ({setting}) {rep.name}: " + ", ".join(f"#{i} gold {rep.labels[i]}" for i in wrong[:40]))
    if only:
        print("\n".join(lines[8:]))
        print("   ".join(summary))
        return
    out = ROOT / "docs" / "sections-eval.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("   ".join(summary) + f"   -> {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("train", "evaluate"))
    ap.add_argument("--only", help="evaluate: hold out only the bodies matching this (no doc written)")
    args = ap.parse_args()
    if not (CORPUS / "MANIFEST.tsv").is_file():
        print(f"needs the shared corpus at {CORPUS}", file=sys.stderr)
        return 2
    train() if args.command == "train" else evaluate(args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
