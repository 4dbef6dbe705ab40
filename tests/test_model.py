"""The shipped NER model (graph/models/ner) works the way the builder uses it.

The builder sources the model's components (a BIO tagger and the reader of its tags)
into ``spacy.blank("zh")`` (default ``char`` segmenter), so that is exactly what is
tested here: sourcing works in a fresh pipeline, the tags are decoded into well-formed
entities, loading is fast enough for a command-line tool, and the model finds people
named without a title nearby in news-style sentences it has never seen (written for
this test, not taken from any corpus).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from graph.extract.bio import decode, spans_from_tags, viterbi
from graph.extract.pipeline import build_nlp

MODEL_DIR = Path(__file__).resolve().parent.parent / "graph" / "models" / "ner"

# (sentence, person name that must be found as a PER entity)
PERSON_SENTENCES = [
    ("昨天下午，张建国在渝北区的家中接受了记者的采访。", "张建国"),
    ("据李晓梅介绍，今年以来该街道共新增就业岗位三千余个。", "李晓梅"),
    ("市民王小明说，解放碑步行街的夜景越来越漂亮了。", "王小明"),
]


def load_sourced() -> Language:
    """Build the pipeline the way the builder does (graph.extract.model.load_model), the model's
    components sourced into blank zh, without the rules around them."""
    import spacy

    from graph.extract.model import load_model

    shipped = load_model(MODEL_DIR)
    nlp = spacy.blank("zh")
    for name in shipped.pipe_names:
        nlp.add_pipe(name, source=shipped)
    return nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    """One sourced pipeline shared by the tests of this module."""
    return load_sourced()


def test_model_is_shipped() -> None:
    """The model directory holds a pipeline config and the ner weights."""
    assert (MODEL_DIR / "config.cfg").is_file()
    assert (MODEL_DIR / "tagger" / "model").is_file()


def test_sourcing_gives_char_pipeline_with_the_model_only(nlp: Language) -> None:
    """Sourcing keeps the builder's tokenizer and adds nothing but the tagger and its reader."""
    assert nlp.pipe_names == ["tagger", "bio_entities"]
    assert nlp.tokenizer.segmenter == "char"  # type: ignore[attr-defined]
    tags = set(nlp.get_pipe("tagger").labels)  # type: ignore[attr-defined]
    assert tags == {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG")}
    assert [t.text for t in nlp.make_doc("重庆市")] == ["重", "庆", "市"]


def test_builder_pipeline_holds_the_model() -> None:
    """The extractor runs the model between the rules and the resolver."""
    names = build_nlp().pipe_names
    assert names.index("person_matcher") < names.index("tagger") < names.index("bio_entities")
    assert names.index("bio_entities") < names.index("model_people") < names.index("mention_resolver")


def test_decoded_tags_never_start_inside() -> None:
    """Joint decoding never leaves an I- tag after a tag of another entity or none, whatever the
    scores; and where the per-character best tags are well formed it keeps them."""
    tags = ["B-PER", "I-PER", "B-LOC", "I-LOC", "O"]
    inside = {1: 0, 3: 2}
    rng = np.random.default_rng(0)
    for _ in range(200):
        scores = rng.normal(size=(int(rng.integers(1, 12)), len(tags))) * 3
        path = viterbi(scores, inside)
        assert len(path) == len(scores)
        for prev, cur in zip([-1, *path], path, strict=False):
            if cur in inside:
                assert prev in (cur, inside[cur]), [tags[i] for i in path]
    well_formed = np.log(
        np.array([[0.1, 0.0, 0.1, 0.0, 0.8], [0.7, 0.0, 0.1, 0.1, 0.1], [0.1, 0.8, 0.0, 0.0, 0.1]]) + 1e-9
    )
    assert viterbi(well_formed, inside) == [4, 0, 1]


def test_decoded_path_is_the_best_well_formed_one() -> None:
    """Against brute force over every well-formed sequence of short random score tables."""
    import itertools

    inside = {1: 0}  # tags: B-PER, I-PER, O
    rng = np.random.default_rng(1)
    for _ in range(100):
        scores = rng.normal(size=(int(rng.integers(1, 6)), 3)) * 2
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

        def ok(seq: tuple[int, ...]) -> bool:
            return all(c != 1 or p in (0, 1) for p, c in zip((-1, *seq), seq, strict=False))

        best = max(
            (s for s in itertools.product(range(3), repeat=len(scores)) if ok(s)),
            key=lambda s: sum(logp[i, k] for i, k in enumerate(s)),
        )
        path = viterbi(scores, inside)
        assert np.isclose(
            sum(logp[i, k] for i, k in enumerate(path)), sum(logp[i, k] for i, k in enumerate(best))
        )


def test_tags_read_leniently_into_spans() -> None:
    """A stray I- tag opens an entity of its own type; a type change closes the previous one."""
    assert spans_from_tags(["I-PER", "I-PER", "O"]) == [(0, 2, "PER")]
    assert spans_from_tags(["B-PER", "I-LOC", "I-LOC"]) == [(0, 1, "PER"), (1, 3, "LOC")]
    assert spans_from_tags(["O", "O"]) == []


def test_loads_fast() -> None:
    """Loading and sourcing (spaCy already imported) takes under two seconds."""
    load_sourced()  # warm the file cache, as a second start of the builder would
    start = time.perf_counter()
    load_sourced()
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(("sentence", "name"), PERSON_SENTENCES, ids=["zhang", "li", "wang"])
def test_finds_untitled_person(nlp: Language, sentence: str, name: str) -> None:
    """An untitled person name in a news sentence is tagged PER with exact bounds."""
    doc = nlp(sentence)
    people = [ent.text for ent in doc.ents if ent.label_ == "PER"]
    assert name in people, (
        f"{name} not found as PER in {sentence!r}: {[(e.text, e.label_) for e in doc.ents]}"
    )


def test_no_person_in_sentence_without_people(nlp: Language) -> None:
    """A sentence without any person yields no PER entity (guards a degenerate model)."""
    doc = nlp("今年前三季度，全市地区生产总值同比增长百分之六。")
    assert [ent.text for ent in doc.ents if ent.label_ == "PER"] == []


def test_roads_and_lines_are_not_people() -> None:
    """A surname-led span that ends in or runs into a road or line word (…铁路, …通道) is a piece
    of infrastructure's name, whatever the model says; a plain name still passes."""
    from graph.extract.model import ModelPeople

    people = ModelPeople()
    assert not people._plausible("黄铁路")
    assert people._plausible("黄国强")
    text = "借力南北海新通道出口货物，黄国强说。"
    s = text.index("海新")
    assert not people._whole_word(text, s - 1, s + 2)  # 北海新|通道
    s = text.index("黄国强")
    assert people._whole_word(text, s, s + 3)


def test_clause_decoding_agrees_with_whole_document_decoding_where_it_may() -> None:
    """Cut at nothing, clause decoding is the document's Viterbi path; cut at O-tagged breaks, it
    keeps those O, stays well formed, and each clause is the best well-formed path of its own."""
    inside = {1: 0, 3: 2}  # B-PER I-PER B-LOC I-LOC O
    rng = np.random.default_rng(2)
    for _ in range(200):
        n = int(rng.integers(1, 20))
        scores = rng.normal(size=(n, 5)) * 3
        assert decode(scores, inside, 4, [False] * n) == viterbi(scores, inside)
        breaks = list(rng.random(n) < 0.3)
        path = decode(scores, inside, 4, breaks)
        cuts = [i for i in range(n) if breaks[i] and scores[i].argmax() == 4]
        assert all(path[i] == 4 for i in cuts)
        for a, b in zip([-1, *cuts], [*cuts, n], strict=True):
            if b > a + 1:
                assert path[a + 1 : b] == viterbi(scores[a + 1 : b], inside)
