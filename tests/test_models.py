"""The shipped section model: loads without pickle, equals scikit-learn's function, retrains the same."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from importlib import resources

import numpy as np
import pytest

from govtext.sections import SectionClassifier, features, shipped_classifier
from tests.conftest import ROOT

sklearn = pytest.importorskip("sklearn", reason="scikit-learn is a test dependency (pip install -e '.[test]')")


def _load_trainer():
    spec = importlib.util.spec_from_file_location("sections_model", ROOT / "models" / "training" / "sections_model.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


TRAIN = [
    ("某局2023年政府信息公开工作年度报告", 0),
    ("本报告根据《中华人民共和国政府信息公开条例》编制。", 0),
    ("一、总体情况", 1),
    ("本局全年主动公开政府信息125条。", 1),
    ("二、主动公开政府信息情况", 2),
    ("规章 0 0 3", 2),
    ("三、收到和处理政府信息公开申请情况", 3),
    ("一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5", 3),
    ("四、政府信息公开行政复议、行政诉讼情况", 4),
    ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", 4),
    ("五、存在的主要问题及改进情况", 5),
    ("政策解读形式还不够丰富。", 5),
    ("六、其他需要报告的事项", 6),
    ("本年度未收取信息处理费。", 6),
]


def _tiny_reports(trainer):
    texts = [t for t, _ in TRAIN]
    labels = [y for _, y in TRAIN]
    return [trainer.Report(f"r{k}", "synthetic", texts, labels) for k in range(2)]


def test_numpy_inference_equals_sklearn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    trainer = _load_trainer()
    reports = _tiny_reports(trainer)
    docs, ys = trainer.samples(reports)
    vec = TfidfVectorizer(analyzer=trainer._analyzer, sublinear_tf=True, min_df=2, dtype=np.float64)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=trainer.C, max_iter=3000).fit(x, ys)
    ours = trainer.fit(reports)
    parts = [d.split("\x00", 2) for d in docs]
    positions, scope, texts = ([float(p[0]) for p in parts], [p[1] for p in parts], [p[2] for p in parts])
    assert any(scope)  # the sample reports have headings: scope features are exercised
    np.testing.assert_allclose(ours.transform(texts, positions, scope), x.toarray(), atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(texts, positions, scope), clf.predict_proba(x), atol=1e-9)


def test_training_is_deterministic(tmp_path) -> None:
    trainer = _load_trainer()
    a, b = trainer.fit(_tiny_reports(trainer)), trainer.fit(_tiny_reports(trainer))
    trainer.save(a, tmp_path / "a", {})
    trainer.save(b, tmp_path / "b", {})
    for name in ("vocab.json", "weights.npz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    loaded = SectionClassifier.load(tmp_path / "a")
    np.testing.assert_array_equal(loaded.coef, a.coef)


def test_shipped_model_loads_without_pickle() -> None:
    base = resources.files("govtext.models").joinpath("sections")
    with base.joinpath("weights.npz").open("rb") as fh, zipfile.ZipFile(fh) as zf:
        assert sorted(zf.namelist()) == ["coef.npy", "idf.npy", "intercept.npy"]
        for name in zf.namelist():
            with zf.open(name) as member:
                np.load(member, allow_pickle=False)  # raises if an object array (pickle) is inside
    model = shipped_classifier()
    assert model is not None
    assert model.coef.shape == (7, len(model.vocab)) == (7, len(model.idf))
    assert model.meta["jump_logp"] < 0
    assert model.meta["jump_logp"] <= model.meta["jump_logp_restart"] <= 0
    trans = np.array(model.meta["transitions"])
    assert trans.shape == (7, 7)
    assert np.allclose(np.exp(trans).sum(axis=1), 1.0, atol=1e-3)  # each row a distribution over b >= a
    assert (np.tril(np.exp(trans), k=-1) < 1e-9).all()  # never back to an earlier section
    assert all(trans[a, a + 1] > trans[a, a + 2] for a in range(1, 5))  # moving on beats skipping one


def test_fit_counts_transitions_and_restarts() -> None:
    trainer = _load_trainer()
    model = trainer.fit(_tiny_reports(trainer))
    trans = np.array(model.meta["transitions"])
    # every move of the tiny report is to the next section: a → a+1 likelier than a → a+2
    assert all(trans[a, a + 1] > trans[a, a + 2] for a in range(5))
    assert model.meta["jump_logp_restart"] <= 0


def test_char_accuracy_weighs_what_a_sentence_holds() -> None:
    import govtext

    trainer = _load_trainer()
    text = "总体情况的一句话。\n主动公开表格 1 2 3 申请表格 4 5 6\n"
    doc = govtext.analyze_text(text, stages=())
    starts = {"1": 0, "2": text.index("主动"), "3": text.index("申请表格")}
    labels = [1, 2]  # the second sentence runs across section 三's start: wrong past it
    ok, total = trainer.char_accuracy(doc, labels, starts)
    assert total == sum(1 for c in text if not c.isspace())
    assert total - ok == sum(1 for c in text[text.index("申请表格") :] if not c.isspace())


def test_shipped_model_places_typical_sentences() -> None:
    model = shipped_classifier()
    assert model is not None
    texts = ["本年度未收取信息处理费。", "政策解读形式还不够丰富，解读质量有待提高。", "（七）总计 21 0 0 0 0 0 21"]
    proba = model.predict_proba(texts, [0.98, 0.9, 0.5])
    assert [int(k) for k in proba.argmax(axis=1)] == [6, 5, 3]


def test_features_are_stable() -> None:
    assert features("受理申请3119件", 0.5)[:3] == ["受", "理", "申"]
    assert "0" in features("受理申请3119件", 0.5)  # digits collapse
    assert "§p5" in features("受理申请3119件", 0.5)


def test_key_table_finds_every_key_and_nothing_else() -> None:
    """The n-gram lookup table: each stored key gives its value, any other key -1, dense clusters included."""
    from govtext.sections import _KeyTable

    rng = np.random.default_rng(0)
    for n in (0, 1, 7, 5000):
        keys = np.unique(rng.integers(0, 2**62, n))
        values = rng.integers(0, 10**6, len(keys))
        table = _KeyTable(keys, values)
        queries = np.concatenate([keys, rng.integers(0, 2**62, 500)])
        stored = dict(zip(keys.tolist(), values.tolist(), strict=True))
        np.testing.assert_array_equal(table.lookup(queries), [stored.get(k, -1) for k in queries.tolist()])
    # bigram-like keys: consecutive code points side by side
    keys = np.array([(a << 21) | b for a in range(0x4E00, 0x4E40) for b in range(0x4E00, 0x4E40)], dtype=np.int64)
    table = _KeyTable(keys, np.arange(len(keys)))
    np.testing.assert_array_equal(table.lookup(keys), np.arange(len(keys)))
    assert (table.lookup(keys + (1 << 42)) == -1).all()
