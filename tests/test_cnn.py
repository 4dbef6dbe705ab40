"""The numpy forward pass (graph.extract.cnn) computes what thinc computes.

Compared on the shipped model over the sample pages, and on small networks built here with other
settings (window, depth, pieces, attributes), so that nothing in the compiled pass silently
depends on the shipped model's shape; a network it does not know is left to thinc.
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
TEXTS = ["张三在北京工作。", "", "李四说：“重庆的夜景很美。”", "王", "ABC公司2024年在上海投资5亿元。"]


def _agree(tagger: BioTagger, compiled: CompiledTagger, docs: list) -> None:
    ours = compiled.scores(docs)
    theirs = tagger.model.predict(docs)
    assert len(ours) == len(theirs) == len(docs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, atol=1e-4)


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


def _small_tagger(window: int, depth: int, pieces: int, attrs: list[str], encode: str = MAXOUT):
    encoder = {"@architectures": encode, "width": 16, "depth": depth, "window_size": window}
    if "Maxout" in encode:
        encoder["maxout_pieces"] = pieces
    model = {
        "@architectures": "spacy.Tagger.v2",
        "normalize": False,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 16,
                "attrs": attrs,
                "rows": [97] * len(attrs),
                "include_static_vectors": False,
            },
            "encode": encoder,
        },
    }
    nlp = spacy.blank("zh")
    tagger = nlp.add_pipe("bio_tagger", config={"model": model})
    tags = ["B-PER", "I-PER", "O", "O", "O", "O", "O", "O"]
    doc = nlp.make_doc("张三在北京工作。")
    nlp.initialize(lambda: [Example.from_dict(doc, {"tags": tags})])
    return nlp, tagger


@pytest.mark.parametrize(
    ("window", "depth", "pieces", "attrs"),
    [(1, 4, 3, ["NORM", "SHAPE"]), (2, 2, 2, ["NORM", "PREFIX", "SHAPE"]), (1, 1, 4, ["ORTH"])],
)
def test_other_network_settings_agree_with_thinc(window, depth, pieces, attrs):
    nlp, tagger = _small_tagger(window, depth, pieces, attrs)
    compiled = CompiledTagger.of(tagger.model)
    assert compiled is not None
    assert compiled.window == window and len(compiled.blocks) == depth
    _agree(tagger, compiled, [nlp.make_doc(t) for t in TEXTS])


def test_a_network_it_does_not_know_is_left_to_thinc():
    nlp, tagger = _small_tagger(1, 2, 3, ["NORM"], encode="spacy.MishWindowEncoder.v2")
    assert CompiledTagger.of(tagger.model) is None
    assert not tagger.compile()
    doc = nlp("张三在北京工作。")  # thinc runs it
    assert len(doc) == 8 and all(t.tag_ for t in doc)


def test_an_update_drops_the_compiled_pass():
    nlp, tagger = _small_tagger(1, 2, 3, ["NORM", "SHAPE"])
    assert tagger.compile()
    doc = nlp.make_doc("张三在北京工作。")
    example = Example.from_dict(doc, {"tags": ["B-PER", "I-PER", "O", "O", "O", "O", "O", "O"]})
    nlp.update([example], sgd=nlp.create_optimizer())
    assert tagger.compiled is None  # the weights moved: thinc's pass, with them, again
    _agree(tagger, CompiledTagger.of(tagger.model), [nlp.make_doc(t) for t in TEXTS])
