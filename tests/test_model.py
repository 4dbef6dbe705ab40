"""The shipped NER model (graph/models/ner) works the way the builder uses it.

The builder sources the ``ner`` component into ``spacy.blank("zh")`` (default ``char``
segmenter), so that is exactly what is tested here: sourcing works in a fresh
pipeline, loading is fast enough for a command-line tool, and the model finds people
named without a title nearby in news-style sentences it has never seen (written for
this test, not taken from any corpus).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parent.parent / "graph" / "models" / "ner"

# (sentence, person name that must be found as a PER entity)
PERSON_SENTENCES = [
    ("昨天下午，张建国在渝北区的家中接受了记者的采访。", "张建国"),
    ("据李晓梅介绍，今年以来该街道共新增就业岗位三千余个。", "李晓梅"),
    ("市民王小明说，解放碑步行街的夜景越来越漂亮了。", "王小明"),
]


def load_sourced() -> Language:
    """Build the pipeline the way the builder does: blank zh plus the sourced ner."""
    nlp = spacy.blank("zh")
    nlp.add_pipe("ner", source=spacy.load(MODEL_DIR))
    return nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    """One sourced pipeline shared by the tests of this module."""
    return load_sourced()


def test_model_is_shipped() -> None:
    """The model directory holds a pipeline config and the ner weights."""
    assert (MODEL_DIR / "config.cfg").is_file()
    assert (MODEL_DIR / "ner" / "model").is_file()


def test_sourcing_gives_char_pipeline_with_ner_only(nlp: Language) -> None:
    """Sourcing keeps the builder's tokenizer and adds nothing but the ner."""
    assert nlp.pipe_names == ["ner"]
    assert nlp.tokenizer.segmenter == "char"  # type: ignore[attr-defined]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}  # type: ignore[attr-defined]
    assert [t.text for t in nlp.make_doc("重庆市")] == ["重", "庆", "市"]


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
