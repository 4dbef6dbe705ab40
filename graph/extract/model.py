"""People the rules cannot see, from our own statistical NER model (``python -m graph.train``).

The model (``graph/models/ner``, trained on MSRA and CLUENER with character tokens) is a spaCy
``tagger`` writing a BIO tag a character and :mod:`graph.extract.bio` reading the tags into
``doc.ents``; both are sourced into the pipeline, and :class:`ModelPeople` then turns the ``PER``
spans into person candidates. The rules know places, organisations and titles better, so a model span that
overlaps any of their candidates is dropped, and a name must look like a Chinese name: a surname
first, two to four characters, not a common word.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.lexicon import crosses_word, dictionary_tag, foreign, surnames, word_freq

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Roads and lines: a surname-led span ending in one, or running into one, names infrastructure.
INFRASTRUCTURE = ("铁路", "公路", "高速", "大道", "通道", "隧道", "大桥", "机场", "码头")
LANDFORMS = frozenset("坪坝湾沟垭沱嘴塘堡寨岭坡岩溪场槽坳")
"""What a place named after a family ends in (杨家坪, 李家沱, 陈家湾): a person's given name never."""
# Words that make what comes before them a place or an organisation, not a person.
PLACE_AFTER = (
    "社区",
    "村",
    "镇",
    "乡",
    "街",
    "路",
    "区",
    "县",
    "市",
    "公司",
    "集团",
    "小区",
    "院",
    "厂",
    "日报",
    "报",
    *INFRASTRUCTURE,
)


def model_available(path: Path = MODEL_DIR) -> bool:
    return (path / "meta.json").is_file() and (path / "config.cfg").is_file()


def load_model(path: Path = MODEL_DIR) -> Language:
    """The shipped model, its layers computing with numpy's BLAS rather than thinc's BLIS.

    On the narrow layers of a character tagger (64 wide) numpy's matrix products are about twice
    as fast as BLIS's here, with the same results; the builder pins BLAS to one thread a process
    (``graph/cli.py``), so that ``--jobs`` workers do not compete for the cores. The tagger's
    forward pass is then compiled to plain numpy (:mod:`graph.extract.cnn`).
    """
    import spacy
    from thinc.api import NumpyOps

    from graph.extract import bio  # the model's second component, registered by importing it

    nlp = spacy.load(path)
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
        if isinstance(pipe, bio.BioTagger):
            pipe.compile()  # its weights are final: the forward pass in plain numpy
    return nlp


class ModelPeople:
    def __init__(self, name: str = "model_people", max_name_freq: int = 50) -> None:
        self.name = name
        self.surnames = surnames()
        self.max_name_freq = max_name_freq

    def _plausible(self, s: str) -> bool:
        if not _NAME.fullmatch(s):
            return False
        # jieba knows many names (王晓东 nr), but tags common two-character words nr too (白云, 梁柱):
        # a frequent word passes only as a full name of three characters or a tagged full name
        tag = dictionary_tag(s)
        known_name = tag in ("nrfg", "nrt") or (tag == "nr" and len(s) >= 3)
        if word_freq(s) > self.max_name_freq and not known_name:
            return False
        if tag == "ns":  # (陆海 of 西部陆海新通道: a place-word jieba knows, the model's guess only)
            return False
        if s.endswith(INFRASTRUCTURE):  # a line or a road named after a place (…黄铁路), not a name
            return False
        if len(s) == 3 and s[1] == "家" and s[2] in LANDFORMS:  # (杨家坪, 陈家湾: a family's place)
            return False
        if tag == "n" and len(s) >= 3 and word_freq(s[1:]) >= 100:  # a common noun jieba knows (钱袋子)
            return False
        return s[0] in self.surnames or (len(s) >= 3 and s[:2] in self.surnames)

    @staticmethod
    def _whole_word(text: str, s: int, e: int) -> bool:
        """A name is a word of its own: nothing jieba reads runs across its edges (韩冰|告诉, 陶家|小院),
        and no place or organisation word follows it (龚家湾社区)."""
        if text.startswith(PLACE_AFTER, e):
            return False
        return not crosses_word(text, s, e, reach=2)

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        # (a place abroad inside a name the model reads is its given name: 策展人王东京)
        others = [
            c
            for c in cand.candidates(doc)
            if c.type != "person" and not (c.type == "district" and foreign(text[c.start : c.end]))
        ]
        people = cand.of_type(doc, "person")
        known = {text[c.start : c.end] for c in people if not c.attrs.get("guessed")}
        guessed = {c.start: c for c in people if c.attrs.get("guessed")}
        names: set[str] = set()
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            s, e = ent.start_char, ent.end_char
            if not self._plausible(ent.text) or any(c.start < e and s < c.end for c in others):
                continue
            if s and word_freq(text[s - 1 : s + 1]) >= 1000 and word_freq(ent.text[1:]) >= 100:
                continue  # (派发现金红利: 现金 and 红利, two common words, no 金红利)
            rule = guessed.get(s)
            if rule is not None and rule.end != e:
                # a title before it was sure, the name's length only jieba's guess: the model decides
                attrs = {k: v for k, v in rule.attrs.items() if k != "guessed"}
                cand.add(doc, s, e, "person", self.name, priority=3, **attrs)
            elif self._whole_word(text, s, e) and ent.text[:-1] not in known:
                # (not 韩冰和 or 林岚特 where the rules know 韩冰 and 林岚)
                cand.add(doc, s, e, "person", self.name, priority=-1)
            else:
                continue
            names.add(ent.text)
        for name in names - known:  # every other occurrence of a name the model found once
            for m in re.finditer(re.escape(name), text):
                if not any(c.start < m.end() and m.start() < c.end for c in others):
                    cand.add(doc, m.start(), m.end(), "person", self.name, priority=-2)
        return doc


@Language.factory("model_people", default_config={"max_name_freq": 50})
def make_model_people(nlp: Language, name: str, max_name_freq: int) -> ModelPeople:
    return ModelPeople(name, max_name_freq)
