"""Train the project's own Chinese NER model (PER / LOC / ORG) with spaCy.

Run ``python -m graph.train`` (best under ``nice`` on a shared machine).  It

1. converts the public corpora in ``--corpora`` (default ``../shared/corpora``) to
   DocBins in ``build/train/``: MSRA (main training data), CLUENER minus a fixed
   held-out 10 % slice (extra, modern-news training data) and People's Daily dev
   (model selection only, never trained on);
2. trains one spaCy ``ner`` component with ``spacy train`` machinery on *character*
   tokens, because the graph builder runs the model in ``spacy.blank("zh")`` with its
   default ``char`` segmenter and a model trained on other tokens would see a
   different token stream at run time;
3. prints per-label P/R/F on People's Daily dev and on the CLUENER held-out slice,
   the speed in characters per second on one core and the wall time;
4. ships the best checkpoint (only the ``ner`` component, no optimizer state) to
   ``graph/models/ner`` and checks that it can be sourced into a fresh
   ``spacy.blank("zh")``.

This module imports nothing from the rest of ``graph`` but :mod:`graph.extract.bio` (the
model's own components, which import nothing of the builder), so it can be run (and its
result reproduced) independently of the builder.  spaCy and numpy are
imported lazily, after the thread count is pinned to one: the machine has two cores
and the second one belongs to other work, and BLAS reads its thread settings only
once, when it is first loaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import DocBin

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = REPO_ROOT.parent / "shared" / "corpora"
BUILD_DIR = REPO_ROOT / "build" / "train"
MODEL_DIR = REPO_ROOT / "graph" / "models" / "ner"

SEED = 0
CORPUS_FILES = ("msra/train.bio", "cluener/train.jsonl", "peoplesdaily/dev.bio")
LABELS = ("PER", "LOC", "ORG")
# Every tenth CLUENER line (index % 10 == 0) is held out for evaluation: a strided
# slice spreads over the whole file, so it cannot be one topic or source even if the
# file's order follows them, and it stays the same without any random generator.
CLUENER_HOLDOUT_MOD = 10

# How CLUENER's fine-grained types are used for training.  "PER"/"ORG"/"LOC" become
# entities; "missing" marks a span as unknown (no loss either way) and "outside" as
# not-an-entity; types not listed get the map's default.  Unknown rather than "O" is
# used where CLUENER's convention contradicts MSRA's: tourist sites and addresses (when
# not mapped) are LOC in MSRA.  Position, book, game and movie spans are "O", as MSRA
# would annotate them.  CLUENER also leaves about half of the country / city names
# outside organisation names unlabelled (569 of 1,221 occurrences of ten common place
# names, which MSRA tags LOC), so the "partial" map trusts only CLUENER's labelled
# spans and leaves every other character unknown.
CLUENER_TRAIN_MAPS: dict[str, dict[str, str]] = {
    "per_org": {
        "name": "PER",
        "company": "ORG",
        "government": "ORG",
        "organization": "ORG",
        "address": "missing",
        "scene": "missing",
        "default": "outside",
    },
    "per_org_loc": {
        "name": "PER",
        "company": "ORG",
        "government": "ORG",
        "organization": "ORG",
        "address": "LOC",
        "scene": "missing",
        "default": "outside",
    },
    "partial": {
        "name": "PER",
        "company": "ORG",
        "government": "ORG",
        "organization": "ORG",
        "address": "missing",
        "scene": "missing",
        "position": "outside",
        "book": "outside",
        "game": "outside",
        "movie": "outside",
        "default": "missing",
    },
}
# The held-out slice is always scored with the same gold, whatever a variant trained
# on, so that variants stay comparable.  Its LOC column measures agreement with
# CLUENER's "address" convention (full street addresses), not MSRA's.
CLUENER_EVAL_MAP: dict[str, str] = {
    "name": "PER",
    "company": "ORG",
    "government": "ORG",
    "organization": "ORG",
    "address": "LOC",
    "default": "outside",
}

Span = tuple[int, int, str]  # character start, character end (exclusive), label
# One gold sentence: text, spans (labels PER/LOC/ORG, or "missing" / "outside"), and
# what characters outside every span are: "outside" (O) or "missing" (unknown).
Row = tuple[str, list[Span], str]


@dataclass(frozen=True)
class Variant:
    """One training recipe: data mix, tok2vec shape and step budget.

    Every variant that was tried is kept here, so any reported number can be
    reproduced with ``python -m graph.train --variant NAME``.
    """

    name: str
    cluener: str | None = None  # key of CLUENER_TRAIN_MAPS, or None for MSRA only
    # "ner": spaCy's transition-based ner; "tagger": a BIO tag a character (spaCy's tagger,
    # decoded jointly) read into entities by graph.extract.bio — the same kind of tok2vec
    # without the state machine
    kind: str = "ner"
    width: int = 96
    depth: int = 4
    window_size: int = 1
    maxout_pieces: int = 3
    attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE")
    rows: tuple[int, ...] = (5000, 1000, 2500, 2500)
    max_steps: int = 3000
    eval_frequency: int = 500
    batch_start: int = 100
    batch_stop: int = 1000
    # Continue from another variant's last checkpoint (sourced ``ner``, fresh optimizer)
    # instead of starting from random weights; the tok2vec settings are then inherited.
    start_from: str | None = None
    # Decay the learning rate linearly to zero over ``max_steps``, to anneal the final
    # weights instead of stopping mid-way in constant-rate noise.
    lr_decay: bool = False
    notes: str = field(default="", compare=False)


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("base", notes="spaCy efficiency defaults, MSRA only (the trial recipe)"),
        Variant("cluener", cluener="per_org", notes="MSRA + CLUENER name/company/government/organization"),
        Variant("cluener_loc", cluener="per_org_loc", notes="as cluener, plus address -> LOC"),
        Variant("cluener_partial", cluener="partial", notes="MSRA + CLUENER's PER/ORG spans, rest unknown"),
        Variant(
            "final",
            cluener="per_org_loc",
            start_from="cluener_loc",
            max_steps=4000,
            eval_frequency=1000,
            batch_start=1000,
            batch_stop=1000,
            lr_decay=True,
            notes="cluener_loc continued 4,000 full-size steps with the learning rate decayed to 0",
        ),
        Variant(
            "tagger_loc",
            cluener="per_org_loc",
            kind="tagger",
            width=64,
            attrs=("NORM", "SHAPE"),
            rows=(8000, 500),
            notes="as cluener_loc, as a BIO tagger on a narrower tok2vec (width 64, NORM+SHAPE)",
        ),
        Variant(
            "tagger_final",
            cluener="per_org_loc",
            kind="tagger",
            start_from="tagger_loc",
            max_steps=8000,
            eval_frequency=1000,
            batch_start=1000,
            batch_stop=1000,
            lr_decay=True,
            notes="tagger_loc continued 8,000 full-size steps with the learning rate decayed to 0",
        ),
        Variant(
            "tagger3_loc",
            cluener="per_org_loc",
            kind="tagger",
            width=64,
            depth=3,
            attrs=("NORM", "SHAPE"),
            rows=(8000, 500),
            notes="as tagger_loc, three CNN layers instead of four",
        ),
        Variant(
            "tagger3_final",
            cluener="per_org_loc",
            kind="tagger",
            start_from="tagger3_loc",
            max_steps=8000,
            eval_frequency=1000,
            batch_start=1000,
            batch_stop=1000,
            lr_decay=True,
            notes="tagger3_loc continued as tagger_final",
        ),
    )
}
DEFAULT_VARIANT = "tagger_final"


# ----------------------------------------------------------------------------- data


def read_bio(path: Path) -> Iterator[tuple[str, list[Span]]]:
    """Yield ``(text, spans)`` from a char-per-line ``CHAR TAG`` BIO file.

    Spans are recovered from the tags rather than kept as tags, so that they can be
    put on whatever tokens ``nlp.make_doc`` produces; an ``I-`` tag that does not
    continue an entity of the same type starts a new one (the files have none, but
    that is the usual lenient reading).
    """
    chars: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line:
                char, tag = line.split(" ")
                chars.append(char)
                tags.append(tag)
                continue
            if chars:
                yield "".join(chars), bio_to_spans(tags)
                chars, tags = [], []
    if chars:
        yield "".join(chars), bio_to_spans(tags)


def bio_to_spans(tags: Sequence[str]) -> list[Span]:
    """Turn one sentence's BIO tags (one per character) into character spans, read as the shipped
    model's tags are read (:func:`graph.extract.bio.spans_from_tags`)."""
    from graph.extract.bio import spans_from_tags  # imports numpy: only once threads are pinned

    return spans_from_tags(list(tags))


def read_cluener(path: Path, mapping: dict[str, str]) -> Iterator[tuple[int, Row]]:
    """Yield ``(line index, row)`` from CLUENER jsonl, relabelled by ``mapping``.

    CLUENER ends are inclusive; spans here are end-exclusive.  Where spans overlap
    (rare: one pair of entities, and a few entities inside book titles) an entity beats
    an unknown span, which beats an "O" span; then the longer, then the earlier wins.
    """
    rank = {"missing": 1, "outside": 2}
    with path.open(encoding="utf-8") as handle:
        for index, raw in enumerate(handle):
            record = json.loads(raw)
            text: str = record["text"]
            found: list[Span] = []
            for kind, mentions in record.get("label", {}).items():
                target = mapping.get(kind, "outside")
                for positions in mentions.values():
                    for start, end in positions:
                        found.append((start, end + 1, target))
            kept: list[Span] = []
            for span in sorted(found, key=lambda s: (rank.get(s[2], 0), s[0] - s[1], s[0])):
                if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
                    kept.append(span)
            yield index, (text, sorted(kept), mapping["default"])


def make_docbin(nlp: Language, rows: Iterator[Row]) -> DocBin:
    """Build a DocBin of ``nlp.make_doc`` docs carrying the gold entities.

    Using the run-time tokenizer (instead of ``Doc(words=list(text))``) guarantees
    the model is trained on exactly the token stream it will see in production.
    Unknown tokens are stored as missing NER annotation, which spaCy's NER oracle
    skips in the loss. The same annotation is written as BIO tags for the tagger
    variants, an unknown token as the empty tag, which spaCy's tagger leaves out of
    the loss as it does a missing value.
    """
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "TAG"], store_user_data=False)
    for text, spans, default in rows:
        doc = nlp.make_doc(text)
        by_kind: dict[str, list[Any]] = {"ents": [], "missing": [], "outside": []}
        for start, end, label in spans:
            kind = label if label in ("missing", "outside") else "ents"
            span = doc.char_span(start, end, label=label if kind == "ents" else "")
            if span is None:
                raise ValueError(f"span {start}-{end} not on token boundaries in {text!r}")
            by_kind[kind].append(span)
        doc.set_ents(by_kind["ents"], missing=by_kind["missing"], outside=by_kind["outside"], default=default)
        for token in doc:
            iob = token.ent_iob_
            token.tag_ = "" if not iob else "O" if iob == "O" else f"{iob}-{token.ent_type_}"
        docbin.add(doc)
    return docbin


def build_data(corpora: Path, cluener_map: str | None, out_dir: Path) -> dict[str, Path]:
    """Write train / dev / held-out DocBins and return their paths.

    The train set is MSRA, plus the CLUENER training part when ``cluener_map`` is set.
    """
    import spacy

    nlp = spacy.blank("zh")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "train": out_dir / f"train-{cluener_map or 'msra'}.spacy",
        "dev": out_dir / "peoplesdaily-dev.spacy",
        "heldout": out_dir / "cluener-heldout.spacy",
    }

    def train_rows() -> Iterator[Row]:
        for text, spans in read_bio(corpora / "msra" / "train.bio"):
            yield text, spans, "outside"
        if cluener_map is not None:
            mapping = CLUENER_TRAIN_MAPS[cluener_map]
            for index, row in read_cluener(corpora / "cluener" / "train.jsonl", mapping):
                if index % CLUENER_HOLDOUT_MOD != 0:
                    yield row

    def dev_rows() -> Iterator[Row]:
        for text, spans in read_bio(corpora / "peoplesdaily" / "dev.bio"):
            yield text, spans, "outside"

    def heldout_rows() -> Iterator[Row]:
        for index, row in read_cluener(corpora / "cluener" / "train.jsonl", CLUENER_EVAL_MAP):
            if index % CLUENER_HOLDOUT_MOD == 0:
                yield row

    make_docbin(nlp, train_rows()).to_disk(paths["train"])
    make_docbin(nlp, dev_rows()).to_disk(paths["dev"])
    make_docbin(nlp, heldout_rows()).to_disk(paths["heldout"])
    return paths


# --------------------------------------------------------------------------- config


def build_config(variant: Variant, source: Path | None = None) -> str:
    """Return the spaCy training config for ``variant`` as text.

    The ``ner`` component owns its tok2vec (no shared ``tok2vec`` component and no
    listener), which is what makes ``add_pipe("ner", source=...)`` into another
    pipeline self-contained.  With ``source`` the component is taken from that trained
    pipeline and training resumes on it.  Built in code so every variant is one
    dataclass.
    """
    tok2vec = f"""
@architectures = "spacy.Tok2Vec.v2"

[components.{variant.kind}.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {variant.width}
attrs = {json.dumps(list(variant.attrs))}
rows = {json.dumps(list(variant.rows))}
include_static_vectors = false

[components.{variant.kind}.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {variant.width}
depth = {variant.depth}
window_size = {variant.window_size}
maxout_pieces = {variant.maxout_pieces}
"""
    if source is not None:
        component = f"""
[components.{variant.kind}]
source = {json.dumps(str(source))}
component = "{variant.kind}"
"""
    elif variant.kind == "tagger":
        component = f"""
[components.tagger]
factory = "bio_tagger"
neg_prefix = "!"
overwrite = false
label_smoothing = 0.0

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]{tok2vec}"""
    else:
        component = f"""
[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]{tok2vec}"""
    if variant.kind == "tagger":
        component += """
[components.bio_entities]
factory = "bio_entities"
"""
    pipeline = ["tagger", "bio_entities"] if variant.kind == "tagger" else ["ner"]
    tag_weight = "tag_acc = 0.0\n" if variant.kind == "tagger" else ""
    if variant.lr_decay:
        learn_rate = f"""
[training.optimizer.learn_rate]
@schedules = "warmup_linear.v1"
warmup_steps = 0
total_steps = {variant.max_steps}
initial_rate = 0.001
"""
    else:
        learn_rate = "learn_rate = 0.001\n"
    return f"""
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {SEED}

[nlp]
lang = "zh"
pipeline = {json.dumps(pipeline)}
batch_size = 256

[nlp.tokenizer]
@tokenizers = "spacy.zh.ChineseTokenizer"
segmenter = "char"

[components]
{component}
[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = null
dropout = 0.1
accumulate_gradient = 1
patience = 0
max_epochs = 0
max_steps = {variant.max_steps}
eval_frequency = {variant.eval_frequency}
frozen_components = []
annotating_components = []

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 1e-08
{learn_rate}
[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = {variant.batch_start}
stop = {variant.batch_stop}
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null
{tag_weight}
[initialize]
vectors = null

[initialize.tokenizer]
pkuseg_model = null
pkuseg_user_dict = "default"
"""


# ------------------------------------------------------------------------- evaluate


def evaluate(nlp: Language, docbin_path: Path) -> dict[str, dict[str, float]]:
    """Score ``nlp`` on the gold docs in ``docbin_path``: per label and overall P/R/F."""
    from spacy.tokens import DocBin
    from spacy.training import Example

    gold = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores = nlp.evaluate(examples)
    table = {label: dict(values) for label, values in (scores.get("ents_per_type") or {}).items()}
    table["ALL"] = {"p": scores["ents_p"], "r": scores["ents_r"], "f": scores["ents_f"]}
    return table


def chars_per_second(nlp: Language, docbin_path: Path) -> float:
    """Measure throughput on raw texts, the way the builder will call the model."""
    from spacy.tokens import DocBin

    texts = [doc.text for doc in DocBin().from_disk(docbin_path).get_docs(nlp.vocab)]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return sum(map(len, texts)) / (time.perf_counter() - start)


def format_scores(title: str, table: dict[str, dict[str, float]]) -> str:
    """Render a per-label score table (percentages) for the console and the README."""
    lines = [title, f"  {'label':<5} {'P':>6} {'R':>6} {'F':>6}"]
    for label in (*LABELS, "ALL"):
        if label in table:
            row = table[label]
            lines.append(f"  {label:<5} {100 * row['p']:6.1f} {100 * row['r']:6.1f} {100 * row['f']:6.1f}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- export


def export(best_dir: Path, model_dir: Path, variant: Variant, scores: dict[str, object]) -> None:
    """Ship only the ``ner`` component of ``best_dir`` to ``model_dir``.

    The component is sourced into a fresh ``spacy.blank("zh")`` exactly as the builder
    will do, and that pipeline is what gets written, so the shipped directory holds
    nothing but the tokenizer settings, the vocab strings and the ner weights.
    """
    import spacy

    trained = spacy.load(best_dir)
    nlp = spacy.blank("zh")
    for name in trained.pipe_names:
        nlp.add_pipe(name, source=trained)
    nlp.meta.update(
        {
            "name": "graph_ner_zh",
            "version": "1.0.0",
            "description": (
                "Character-level Chinese NER (PER/LOC/ORG) trained by `python -m graph.train "
                f"--variant {variant.name}` on MSRA NER"
                + (" + CLUENER (90%)" if variant.cluener else "")
                + "; selected on People's Daily dev."
            ),
            "sources": [
                {"name": "MSRA NER (SIGHAN 2006), People's Daily dev/test overlap removed"},
                *([{"name": "CLUENER2020 train split, 90% (index % 10 != 0)"}] if variant.cluener else []),
            ],
            "performance": scores,
        }
    )
    if model_dir.exists():
        shutil.rmtree(model_dir)
    model_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(model_dir)


def check_sourcing(model_dir: Path) -> float:
    """Source the shipped components into a fresh blank zh pipeline; return the load time.

    Fails loudly if a component cannot run on its own (e.g. a tok2vec listener).
    """
    import spacy

    start = time.perf_counter()
    shipped = spacy.load(model_dir)
    nlp = spacy.blank("zh")
    for name in shipped.pipe_names:
        nlp.add_pipe(name, source=shipped)
    elapsed = time.perf_counter() - start
    if nlp.pipe_names != shipped.pipe_names or nlp.tokenizer.segmenter != "char":  # type: ignore[attr-defined]
        raise RuntimeError(f"unexpected pipeline after sourcing: {nlp.pipe_names}")
    nlp("重庆市民王小明昨天到解放碑参加活动。")
    return elapsed


def dir_size(path: Path) -> int:
    """Total size of the files below ``path`` in bytes."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- train


def corpora_fingerprint(corpora: Path) -> str:
    """SHA-256 over the three corpus files, to tell whether a past run saw the same data."""
    digest = hashlib.sha256()
    for sub in CORPUS_FILES:
        digest.update((corpora / sub).read_bytes())
    return digest.hexdigest()


def train_variant(variant: Variant, paths: dict[str, Path], build_dir: Path, fingerprint: str) -> Path:
    """Train ``variant`` with ``spacy train`` into ``build_dir / name``; return that dir.

    A variant that starts from another one first makes sure the parent is trained.
    A run whose directory already holds ``model-last`` trained from the identical
    config on the same corpora (``fingerprint``) is reused rather than repeated:
    training is deterministic (fixed seed, one thread), so rerunning it could only
    reproduce the same weights.
    """
    from spacy.cli.train import train as spacy_train

    source = None
    if variant.start_from is not None:
        source = train_variant(VARIANTS[variant.start_from], paths, build_dir, fingerprint) / "model-last"
    run_dir = build_dir / variant.name
    config_path = run_dir / "config.cfg"
    stamp_path = run_dir / "corpora.sha256"
    config = build_config(variant, source)
    if (
        (run_dir / "model-last").is_dir()
        and config_path.is_file()
        and config_path.read_text("utf-8") == config
        and stamp_path.is_file()
        and stamp_path.read_text("utf-8") == fingerprint
    ):
        print(f"reusing {run_dir} (same config and corpora, already trained)", flush=True)
        return run_dir
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    config_path.write_text(config, encoding="utf-8")
    started = time.perf_counter()
    overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])}
    spacy_train(config_path, run_dir, use_gpu=-1, overrides=overrides)
    stamp_path.write_text(fingerprint, encoding="utf-8")
    print(f"training {variant.name} took {(time.perf_counter() - started) / 60:.1f} min", flush=True)
    return run_dir


# ----------------------------------------------------------------------------- main


def pin_threads() -> None:
    """Use one core: the second belongs to other work on this two-core machine.

    Must run before numpy / spaCy are imported, since BLAS reads these only at load.
    """
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if "numpy" in sys.modules:
        print("warning: numpy was imported before the thread count was pinned", file=sys.stderr)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; the defaults reproduce the shipped model."""
    parser = argparse.ArgumentParser(prog="python -m graph.train", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder with msra/, cluener/, peoplesdaily/")
    add("--variant", choices=sorted(VARIANTS), default=DEFAULT_VARIANT, help="training recipe")
    add("--max-steps", type=int, default=None, help="override the variant's step budget")
    add("--build-dir", type=Path, default=BUILD_DIR, help="intermediate files (DocBins, checkpoints)")
    add("--model-dir", type=Path, default=None, help=f"ship the model here (default {MODEL_DIR}, final only)")
    add("--no-export", action="store_true", help="train and evaluate, but do not ship the model")
    add("--evaluate-only", type=Path, default=None, metavar="MODEL", help="skip training; score a model dir")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Convert, train, evaluate, export; print per-label scores and the wall time."""
    started = time.perf_counter()
    pin_threads()
    args = parse_args(argv)
    import spacy

    import graph.extract.bio  # noqa: F401  (registers bio_entities, for the tagger variants)

    variant = VARIANTS[args.variant]
    if args.max_steps is not None:
        variant = Variant(**{**variant.__dict__, "max_steps": args.max_steps})
    for sub in CORPUS_FILES:
        if not (args.corpora / sub).is_file():
            print(f"missing corpus file {args.corpora / sub}", file=sys.stderr)
            return 2

    data_dir = args.build_dir / "data"
    print(f"variant {variant.name}: {variant}", flush=True)
    paths = build_data(args.corpora, variant.cluener, data_dir)
    print(f"data ready in {time.perf_counter() - started:.0f} s", flush=True)

    if args.evaluate_only is not None:
        best_dir = args.evaluate_only
    else:
        fingerprint = corpora_fingerprint(args.corpora)
        # an annealed run (learning rate decayed to 0) ends on its settled weights: ship those, not
        # whichever checkpoint a hair above them on People's Daily (7,000 vs 8,000 steps: 82.43 vs
        # 82.41 F there, but 66.4 vs 68.9 PER F on modern news)
        checkpoint = "model-last" if variant.lr_decay else "model-best"
        best_dir = train_variant(variant, paths, args.build_dir, fingerprint) / checkpoint

    nlp = spacy.load(best_dir)
    dev_scores = evaluate(nlp, paths["dev"])
    heldout_scores = evaluate(nlp, paths["heldout"])
    speed = chars_per_second(nlp, paths["dev"])
    print(format_scores("People's Daily dev (model selection)", dev_scores))
    print(format_scores(f"CLUENER held-out (index % {CLUENER_HOLDOUT_MOD} == 0)", heldout_scores))
    print(f"speed: {speed:,.0f} chars/s on one core")

    # Only the default recipe replaces the shipped model unless a target is named, so
    # reproducing an ablation cannot silently overwrite graph/models/ner.
    if args.model_dir is None and variant.name == DEFAULT_VARIANT:
        args.model_dir = MODEL_DIR
    if args.model_dir is not None and not args.no_export and args.evaluate_only is None:
        export(
            best_dir,
            args.model_dir,
            variant,
            {
                "peoplesdaily_dev": dev_scores,
                "cluener_heldout": heldout_scores,
                "chars_per_second": round(speed),
            },
        )
        load_time = check_sourcing(args.model_dir)
        size_mb = dir_size(args.model_dir) / 1e6
        print(f"shipped {args.model_dir}: {size_mb:.1f} MB, sourced in {load_time:.2f} s")
    print(f"wall time: {(time.perf_counter() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
