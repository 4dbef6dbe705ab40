"""The statistical model's two components: a BIO tagger and the reader of its tags.

The shipped model tags one character at a time (``B-PER``, ``I-PER``, ``O``, …) with
:class:`BioTagger`, and :class:`BioEntities` reads the tags into ``doc.ents``. A softmax per
character costs almost nothing next to the character CNN under it, where spaCy's transition-based
``ner`` spends as much again on its state machine: the tagger is what lets the whole build keep up
with ``jieba.posseg``. Tagging each character on its own, though, writes sequences no entity can
have (``O I-PER``), and those cost about seven points of F; :class:`BioTagger` therefore decodes a
document's tags jointly (Viterbi, with ``I-X`` only after ``B-X`` or ``I-X``), which gives them back.

This module imports nothing from the rest of the package but :mod:`graph.extract.cnn` (numpy
only), so ``graph.train`` can register it without loading the builder.

>>> import spacy
>>> nlp = spacy.blank("zh")
>>> doc = nlp.make_doc("张三在北京")
>>> for token, tag in zip(doc, ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]):
...     token.tag_ = tag
>>> [(e.text, e.label_) for e in BioEntities()(doc).ents]
[('张三', 'PER'), ('北京', 'LOC')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, TAG
from spacy.language import Language
from spacy.pipeline.tagger import DEFAULT_TAGGER_MODEL, Tagger
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example

from graph.extract.cnn import CompiledTagger


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token spans of one sequence of BIO tags.

    >>> spans_from_tags(["O", "B-PER", "I-PER", "I-LOC", "O", "I-ORG"])
    [(1, 3, 'PER'), (3, 4, 'LOC'), (5, 6, 'ORG')]
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            start = None
        if kind and (prefix == "B" or (prefix == "I" and start is None)):
            start, label = i, kind
    return spans


def viterbi(scores: np.ndarray, inside: dict[int, int]) -> list[int]:
    """The best tag sequence in which every ``I-X`` follows ``B-X`` or ``I-X``.

    ``scores`` are the tagger's logits (tokens × tags); ``inside`` maps each ``I-X`` tag to its
    ``B-X``. A sequence the per-token argmax already gets right is returned as it is (it is then
    the best one). Otherwise the recurrence is short: every tag but ``I-X`` may follow any tag, so
    it follows the best one; ``I-X`` follows the better of ``B-X`` and ``I-X``.

    >>> tags = ["B-PER", "I-PER", "O"]
    >>> s = np.log(np.array([[0.4, 0.1, 0.5], [0.1, 0.8, 0.1], [0.1, 0.2, 0.7]]))
    >>> [tags[i] for i in viterbi(s, {1: 0})]  # argmax O I-PER O cannot be: B-PER I-PER O
    ['B-PER', 'I-PER', 'O']
    """
    best = scores.argmax(axis=1).tolist()
    prev = -1
    for k in best:
        if k in inside and prev != k and prev != inside[k]:
            break
        prev = k
    else:
        return best
    x = scores - scores.max(axis=1, keepdims=True)
    rows = (x - np.log(np.exp(x).sum(axis=1, keepdims=True))).tolist()
    n_tags = len(rows[0])
    free = [j for j in range(n_tags) if j not in inside]
    pairs = list(inside.items())
    dp = [-1e9 if j in inside else v for j, v in enumerate(rows[0])]
    back: list[list[int]] = []
    for row in rows[1:]:
        top = max(range(n_tags), key=dp.__getitem__)
        m = dp[top]
        new = [0.0] * n_tags
        ptr = [top] * n_tags
        for j in free:
            new[j] = m + row[j]
        for j, b in pairs:
            if dp[b] >= dp[j]:
                new[j], ptr[j] = dp[b] + row[j], b
            else:
                new[j], ptr[j] = dp[j] + row[j], j
        dp = new
        back.append(ptr)
    k = max(range(n_tags), key=dp.__getitem__)
    path = [k]
    for ptr in reversed(back):
        k = ptr[k]
        path.append(k)
    return path[::-1]


BREAKS = frozenset("，。、；：！？,.;:!?（）()“”《》\"'")
"""Characters no name runs across: where the best tag of one is ``O``, the tags before and after it
are decoded apart (only the clauses whose best tags are not well formed need :func:`viterbi`)."""


def decode(scores: np.ndarray, inside: dict[int, int], outside: int, breaks: list[bool]) -> list[int]:
    """:func:`viterbi` clause by clause: the document cut where ``breaks`` and the best tag is
    ``outside`` (the ``O`` tag), which then stays ``O``.

    >>> tags = ["B-PER", "I-PER", "O"]
    >>> s = np.log(np.array([[0.4, 0.1, 0.5], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.1, 0.8, 0.1]]))
    >>> [tags[i] for i in decode(s, {1: 0}, 2, [False, False, True, False])]
    ['B-PER', 'I-PER', 'O', 'B-PER']
    """
    best = scores.argmax(axis=1).tolist()
    out = list(best)
    start = 0
    for i in [*(i for i, k in enumerate(best) if k == outside and breaks[i]), len(best)]:
        if i > start:
            prev = outside
            for k in best[start:i]:
                if k in inside and prev != k and prev != inside[k]:
                    out[start:i] = viterbi(scores[start:i], inside)
                    break
                prev = k
        start = i + 1
    return out


class BioTagger(Tagger):
    """spaCy's tagger, but a document's BIO tags are decoded together (:func:`decode`).

    Training is spaCy's own (the decoding only changes which tags are read off the scores), so a
    model trained as a plain ``tagger`` runs here unchanged. Once its weights are final,
    :meth:`compile` has the network run by :mod:`graph.extract.cnn` instead of thinc."""

    compiled: CompiledTagger | None = None

    def compile(self) -> bool:
        """Run the network's forward pass in plain numpy from now on: the same scores, to float
        rounding, in about two thirds of the time. Compiled again whenever the weights have changed
        (training, loading, ``use_params``). False, and thinc runs it, if the network is not one
        :mod:`graph.extract.cnn` knows."""
        self.compiled = CompiledTagger.of(self.model)
        return self.compiled is not None

    def _scores(self, docs: list[Doc]) -> list:
        if self.compiled is not None and not self.compiled.matches(self.model):
            self.compile()  # the same architecture, new weights
        if self.compiled is not None:
            return self.compiled.scores(docs)
        return self.model.predict(docs)

    def predict(self, docs: list[Doc]) -> list:
        if not any(len(doc) for doc in docs):
            return super().predict(docs)
        labels = list(self.labels)
        inside = {j: labels.index("B-" + t[2:]) for j, t in enumerate(labels) if t.startswith("I-")}
        outside = labels.index("O")
        scores = self._scores(docs)
        breaks = np.array([self.vocab.strings.add(ch) for ch in sorted(BREAKS)], dtype="uint64")
        out = []
        for s, doc in zip(scores, docs, strict=True):
            # from the token arrays: a Token object a character would cost more than the decoding
            arr = doc.to_array([ORTH, IS_SPACE])
            cut = (np.isin(arr[:, 0], breaks) | (arr[:, 1] != 0)).tolist()
            out.append(decode(self.model.ops.to_numpy(s), inside, outside, cut))
        return out


@Language.factory(
    "bio_tagger",
    assigns=["token.tag"],
    default_config={
        "model": DEFAULT_TAGGER_MODEL,
        "overwrite": False,
        "scorer": {"@scorers": "spacy.tagger_scorer.v1"},
        "neg_prefix": "!",
        "label_smoothing": 0.0,
    },
    default_score_weights={"tag_acc": 0.0},
)
def make_bio_tagger(
    nlp: Language,
    name: str,
    model: Any,
    overwrite: bool,
    scorer: Any,
    neg_prefix: str,
    label_smoothing: float,
) -> BioTagger:
    return BioTagger(
        nlp.vocab,
        model,
        name=name,
        overwrite=overwrite,
        scorer=scorer,
        neg_prefix=neg_prefix,
        label_smoothing=label_smoothing,
    )


class BioEntities:
    """Set ``doc.ents`` from the tags the tagger before it wrote."""

    def __init__(self, name: str = "bio_entities") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ids = doc.to_array(TAG).tolist()
        names = {h: doc.vocab.strings[h] if h else "" for h in set(ids)}
        tags = [names[h] for h in ids]
        doc.set_ents([Span(doc, s, e, label=label) for s, e, label in spans_from_tags(tags)])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """spaCy's entity P/R/F, so that training selects checkpoints on entities, not tags."""
        return get_ner_prf(examples, **kwargs)


@Language.factory(
    "bio_entities",
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_bio_entities(nlp: Language, name: str) -> BioEntities:
    return BioEntities(name)
