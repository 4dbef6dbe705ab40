"""The tagger's network run forward in plain numpy: the same arithmetic as thinc's, less of it.

thinc runs the network as a chain of general layers, each allocating its output and keeping what
its backward pass would need. The builder only ever runs it forward, and the profile of a build
says where that costs (a 20 MB corpus spends four fifths of its extraction in the tagger):

- **The embedding is per character, not per occurrence.** A token's first vector depends on its
  ``NORM`` and ``SHAPE`` alone (two hashed tables, concatenated, a maxout, a layer norm), and a
  batch of a thousand articles has a few thousand distinct characters among its hundreds of
  thousands: they are embedded once each, then gathered.
- **Maxout pieces side by side.** thinc's weights put a unit's pieces next to each other and take
  the best with a strided loop; reordered once, at compile time, the pieces are three blocks of
  columns and their maximum is two element-wise ``np.maximum`` calls.
- **Buffers reused** across the residual blocks (the window matrix and the blocks' output).

The matrix products are the same products, computed by the same BLAS, so the scores agree with
thinc's to float rounding (a test compares them, and the tags, on the sample pages). Anything that
is not the architecture this reads (spaCy's ``Tok2Vec.v2`` with ``MultiHashEmbed`` and
``MaxoutWindowEncoder`` under ``Tagger.v2``) compiles to ``None`` and thinc runs it as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

_OPS = NumpyOps(use_blis=False)


@dataclass(frozen=True)
class _Maxout:
    """A maxout layer followed by a layer norm, pieces reordered into blocks of columns."""

    W: np.ndarray  # (pieces × width, inputs): piece p's units are rows p·width … (p+1)·width
    b: np.ndarray
    pieces: int
    G: np.ndarray
    beta: np.ndarray

    @classmethod
    def of(cls, maxout: Model, norm: Model) -> _Maxout:
        n_o, n_p, n_i = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        W = maxout.get_param("W").reshape(n_o, n_p, n_i).transpose(1, 0, 2).reshape(n_p * n_o, n_i)
        b = maxout.get_param("b").reshape(n_o, n_p).T.reshape(-1)
        return cls(
            np.array(W, dtype="f", order="C"),
            np.array(b, dtype="f"),
            n_p,
            np.array(norm.get_param("G"), dtype="f"),
            np.array(norm.get_param("b"), dtype="f"),
        )

    def __call__(self, X: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        Y = X @ self.W.T
        Y += self.b
        n = self.W.shape[0] // self.pieces
        best = out if out is not None else np.empty((len(X), n), dtype="f")
        if self.pieces == 1:
            best[...] = Y
        else:
            np.maximum(Y[:, :n], Y[:, n : 2 * n], out=best)
            for p in range(2, self.pieces):
                np.maximum(best, Y[:, p * n : (p + 1) * n], out=best)
        # layer norm, as thinc computes it: (x - mean) / sqrt(var + 1e-8) · G + b
        mu = best.mean(axis=1, keepdims=True)
        best -= mu
        var = np.square(best).mean(axis=1, keepdims=True)
        var += 1e-08
        best /= np.sqrt(var)
        best *= self.G
        best += self.beta
        return best


class Unsupported(Exception):
    """The network is not one :class:`CompiledTagger` knows how to run."""


def _require(condition: bool, why: str) -> None:
    if not condition:
        raise Unsupported(why)


def _params(model: Model) -> list[np.ndarray]:
    """Every parameter array of the network, in walk order (what a compiled copy was made from)."""
    return [
        node.get_param(name) for node in model.walk() for name in node.param_names if node.has_param(name)
    ]


@dataclass(frozen=True)
class CompiledTagger:
    """The forward pass of a trained tagger network: :meth:`scores` is ``model.predict(docs)``."""

    columns: list[str]  # the token attributes embedded (NORM, SHAPE)
    tables: list[tuple[np.ndarray, int]]  # per column: hashed rows and the hash seed
    embed: _Maxout
    blocks: list[_Maxout]  # the residual blocks, each over a window of ±window tokens
    window: int
    pad: int  # zero rows thinc puts around each document before the residual blocks
    W: np.ndarray  # output layer
    b: np.ndarray
    snapshot: tuple[np.ndarray, ...]  # the parameters compiled, to tell when they have changed

    @classmethod
    def of(cls, model: Model) -> CompiledTagger | None:
        """Read a ``Tagger.v2`` network; ``None`` if it is not the architecture this knows."""
        try:
            return cls._of(model)
        except Exception:  # whatever the network is, it is then thinc's to run
            return None

    def matches(self, model: Model) -> bool:
        """Are the network's weights still the ones compiled? (Training, loading weights or
        ``use_params`` change them in place or replace them; a comparison costs well under a
        millisecond, against tens for the batch it guards.)"""
        params = _params(model)
        return len(params) == len(self.snapshot) and all(
            a.shape == b.shape and np.array_equal(a, b) for a, b in zip(params, self.snapshot, strict=True)
        )

    @classmethod
    def _of(cls, model: Model) -> CompiledTagger:
        # spaCy's Tagger.v2: chain(tok2vec, with_array(softmax)); Tok2Vec.v2: chain(embed, encode),
        # encode a with_array (padded) of the residual blocks, directly (Tok2Vec.v1 wraps it again)
        _require(len(model.layers) == 2 and model.layers[1].name == "with_array(softmax)", "not Tagger.v2")
        tok2vec = model.layers[0]
        _require(len(tok2vec.layers) == 2, "not Tok2Vec.v2")
        embedding, encoder = tok2vec.layers
        _require(encoder.name.startswith("with_array(residual("), "not a padded stack of residual blocks")
        layers = list(model.walk(order="dfs_pre"))  # in the order data flows
        leaves = [layer.name for layer in layers if not layer.layers]
        embeds = [layer for layer in layers if layer.name == "hashembed"]
        maxouts = [layer for layer in layers if layer.name == "maxout"]
        norms = [layer for layer in layers if layer.name == "layernorm"]
        windows = [layer for layer in layers if layer.name == "expand_window"]
        softmax = model.layers[1].layers[0]
        depth = len(windows)
        expected = (
            ["extract_features", "list2ragged"]
            + ["ints-getitem", "hashembed"] * len(embeds)
            + ["maxout", "layernorm", "dropout", "ragged2list"]
            + ["expand_window", "maxout", "layernorm", "dropout"] * depth
            + ["softmax"]
        )
        _require(leaves == expected and depth > 0, f"layers {leaves}")
        _require(len(maxouts) == len(norms) == depth + 1, "a maxout without its layer norm")
        _require(
            not softmax.attrs["softmax_normalize"] and softmax.attrs["softmax_temperature"] == 1.0,
            "normalised output (Tagger.v2 normalize=True)",
        )
        _require(len({w.attrs["window_size"] for w in windows}) == 1, "windows of different sizes")
        getitems = [layer for layer in layers if layer.name == "ints-getitem"]
        _require(
            [g.attrs["index"][1] for g in getitems] == list(range(len(embeds))),
            "embedded columns out of order",
        )
        return cls(
            columns=list(embedding.layers[0].attrs["columns"]),
            tables=[(np.array(e.get_param("E"), dtype="f"), int(e.attrs["seed"])) for e in embeds],
            embed=_Maxout.of(maxouts[0], norms[0]),
            blocks=[_Maxout.of(m, n) for m, n in zip(maxouts[1:], norms[1:], strict=True)],
            window=int(windows[0].attrs["window_size"]),
            pad=int(encoder.attrs["pad"]),
            W=np.array(softmax.get_param("W"), dtype="f"),
            b=np.array(softmax.get_param("b"), dtype="f"),
            snapshot=tuple(np.array(p) for p in _params(model)),
        )

    def _embedded(self, feats: np.ndarray) -> np.ndarray:
        """First vectors of the tokens whose attribute rows are ``feats``: distinct rows once."""
        # number the distinct rows column by column (a row's number: its distinct prefix's)
        number = np.zeros(len(feats), dtype="int64")
        firsts = np.zeros(1, dtype="int64")
        for j in range(feats.shape[1]):
            u, inv = np.unique(feats[:, j], return_inverse=True)
            key = number * len(u) + inv.reshape(-1)
            _, firsts, number = np.unique(key, return_index=True, return_inverse=True)
        parts = []
        for j, (E, seed) in enumerate(self.tables):
            ids = np.ascontiguousarray(feats[firsts, j], dtype="uint64")
            parts.append(E[_OPS.hash(ids, seed) % E.shape[0]].sum(axis=1))
        return self.embed(np.hstack(parts))[number.reshape(-1)]

    def scores(self, docs: list[Doc]) -> list[np.ndarray]:
        """Unnormalised tag scores of each document's tokens (tokens × tags)."""
        n_tags = len(self.b)
        lengths = [len(doc) for doc in docs]
        nonempty = [doc for doc in docs if len(doc)]
        if not nonempty:
            return [np.zeros((0, n_tags), dtype="f") for _ in docs]
        feats = np.concatenate([doc.to_array(self.columns).reshape(len(doc), -1) for doc in nonempty])
        X0 = self._embedded(feats)
        # documents end to end, ``pad`` zero rows before each and after the last, as thinc lays them
        sizes = np.array([len(doc) for doc in nonempty])
        real = np.repeat(self.pad * np.arange(1, len(sizes) + 1), sizes) + np.arange(len(X0))
        M, width, w = int(sizes.sum()) + self.pad * (len(sizes) + 1), X0.shape[1], self.window
        X = np.zeros((M, width), dtype="f")
        X[real] = X0
        cols = np.zeros((M, (2 * w + 1) * width), dtype="f")
        out = np.empty((M, width), dtype="f")
        for block in self.blocks:
            for k in range(-w, w + 1):  # columns of token i: tokens i-w … i+w, zeros past the ends
                c = (k + w) * width
                if k < 0:
                    cols[-k:, c : c + width] = X[:k]
                elif k > 0:
                    cols[:-k, c : c + width] = X[k:]
                else:
                    cols[:, c : c + width] = X
            X += block(cols, out=out)
        Y = X[real] @ self.W.T
        Y += self.b
        result, at = [], 0
        for n in lengths:
            result.append(Y[at : at + n])
            at += n
        return result
