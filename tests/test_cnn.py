"""The numpy forward pass (graph.extract.cnn) computes what thinc computes.

Compared on the shipped model over the sample pages, and on small networks built here with other
settings (window, depth, pieces, attributes) and random weights (a freshly initialised tagger
scores every tag 0, which any pass would match), so that nothing in the compiled pass silently
depends on the shipped model's shape. A network it does not know is left to thinc, and weights
changed after compiling are compiled again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.training import Example

from graph.articles import split_page
from graph.extract.bio import BioTagger, decode
from graph.extract.cnn import CompiledTagger
from graph.extract.model import MODEL_DIR, load_model, model_available

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAXOUT = "spacy.MaxoutWindowEncoder.v2"
TEXTS = ["张三在北京工作。", "", "李四说：“重庆的夜景很美。”", "王", "ABC公司2024年在上海投资5亿元。", ""]
TAGS = ["B-PER", "I-PER", "O", "O", "O", "O", "O", "O"]


def _agree(tagger: BioTagger, compiled: CompiledTagger, docs: list) -> None:
    ours = compiled.scores(docs)
    theirs = tagger.model.predict(docs)
    assert len(ours) == len(theirs) == len(docs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, atol=1e-4)


def _config(window=1, depth=2, pieces=3, attrs=("NORM", "SHAPE"), encode=MAXOUT, tok2vec="spacy.Tok2Vec.v2"):
    encoder = {"@architectures": encode, "width": 16, "depth": depth, "window_size": window}
    if "Maxout" in encode:
        encoder["maxout_pieces"] = pieces
    embed = {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": 16,
        "attrs": list(attrs),
        "rows": [97] * len(attrs),
        "include_static_vectors": False,
    }
    return {
        "@architectures": "spacy.Tagger.v2",
        "normalize": False,
        "tok2vec": {"@architectures": tok2vec, "embed": embed, "encode": encoder},
    }


def _randomise(tagger: BioTagger, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for node in tagger.model.walk():
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                node.set_param(name, rng.normal(0, 0.5, shape).astype("f"))


def _tagger(model: dict, seed: int = 0):
    nlp = spacy.blank("zh")
    tagger = nlp.add_pipe("bio_tagger", config={"model": model})
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("张三在北京工作。"), {"tags": TAGS})])
    _randomise(tagger, seed)
    return nlp, tagger


@pytest.mark.skipif(not model_available(), reason="no model shipped")
def test_shipped_model_scores_and_tags_agree_on_the_sample_pages():
    nlp = load_model(MODEL_DIR)
    tagger = nlp.get_pipe("tagger")
    assert isinstance(tagger, BioTagger) and tagger.compiled is not None
    texts = [a.text for f in sorted(SEEDS.glob("*.txt")) for a in split_page(f.read_text("utf-8"), f.stem)]
    docs = [nlp.make_doc(t) for t in [*texts, *TEXTS]]
    assert sum(len(d) for d in docs) > 10_000
    _agree(tagger, tagger.compiled, docs)
    # the decoded tags, which is what the builder reads, are the same to the last character
    labels = list(tagger.labels)
    inside = {j: labels.index("B-" + t[2:]) for j, t in enumerate(labels) if t.startswith("I-")}
    for a, b, doc in zip(tagger.compiled.scores(docs), tagger.model.predict(docs), docs, strict=True):
        cut = [t.is_space or t.text in "，。" for t in doc]
        assert decode(a, inside, labels.index("O"), cut) == decode(b, inside, labels.index("O"), cut)


@pytest.mark.skipif(not model_available(), reason="no model shipped")
def test_the_builders_pipeline_runs_the_compiled_pass():
    from graph.extract.pipeline import build_nlp

    tagger = build_nlp().get_pipe("tagger")
    assert tagger.compiled is not None and tagger.compiled.matches(tagger.model)


@pytest.mark.parametrize(
    ("window", "depth", "pieces", "attrs"),
    [
        (1, 4, 3, ("NORM", "SHAPE")),
        (2, 2, 2, ("NORM", "PREFIX", "SHAPE")),
        (1, 1, 4, ("ORTH",)),
        (3, 3, 1, ("NORM",)),  # one piece; a window wider than some documents
    ],
)
def test_other_network_settings_agree_with_thinc(window, depth, pieces, attrs):
    nlp, tagger = _tagger(_config(window, depth, pieces, attrs))
    compiled = CompiledTagger.of(tagger.model)
    assert compiled is not None
    assert compiled.window == window and len(compiled.blocks) == depth
    docs = [nlp.make_doc(t) for t in TEXTS]
    assert np.ptp(np.concatenate(tagger.model.predict(docs))) > 1  # scores that tell tags apart
    _agree(tagger, compiled, docs)
    empty = [nlp.make_doc(""), nlp.make_doc("")]
    assert [s.shape for s in compiled.scores(empty)] == [(0, len(compiled.b))] * 2


@pytest.mark.parametrize(
    "model",
    [
        _config(encode="spacy.MishWindowEncoder.v2"),
        _config(tok2vec="spacy.Tok2Vec.v1"),  # the encoder inside a second, unpadded with_array
        {**_config(), "normalize": True},
    ],
    ids=["mish", "tok2vec-v1", "normalized"],
)
def test_a_network_it_does_not_know_is_left_to_thinc(model):
    nlp, tagger = _tagger(model)
    assert CompiledTagger.of(tagger.model) is None
    assert not tagger.compile() and tagger.compiled is None
    docs = [nlp.make_doc(t) for t in TEXTS]
    before = [list(s) for s in tagger.predict(docs)]
    tagger.compiled = None
    assert [list(s) for s in tagger.predict(docs)] == before  # thinc's, as without compile()


def test_a_tagger_listening_to_a_shared_tok2vec_is_left_to_thinc():
    nlp = spacy.blank("zh")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}
    tagger = nlp.add_pipe(
        "bio_tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener}}
    )
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("张三在北京工作。"), {"tags": TAGS})])
    assert not tagger.compile()
    assert len(nlp("张三在北京工作。")) == 8


def test_weights_changed_after_compiling_are_compiled_again():
    nlp, tagger = _tagger(_config())
    _, other = _tagger(_config(), seed=1)
    assert tagger.compile()
    docs = [nlp.make_doc(t) for t in TEXTS]
    first = tagger._scores(docs)
    tagger.from_bytes(other.to_bytes())  # new weights loaded in place of the compiled ones
    assert not tagger.compiled.matches(tagger.model)
    for a, b in zip(tagger._scores(docs), other.model.predict(docs), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-4)
    assert tagger.compiled.matches(tagger.model)
    assert any(len(a) and not np.allclose(a, b) for a, b in zip(first, tagger._scores(docs), strict=True))
    optimizer = nlp.create_optimizer()  # and an update moves them again
    nlp.update([Example.from_dict(nlp.make_doc("张三在北京工作。"), {"tags": TAGS})], sgd=optimizer)
    for a, b in zip(tagger._scores(docs), tagger.model.predict(docs), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-4)
