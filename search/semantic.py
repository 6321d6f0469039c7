"""A semantic signal for messages that describe a situation instead of naming a subject.

"my son struggles with reading at school" names no course, but its meaning sits close to the
family phonics course. WordLlama's static embeddings (a 16 MB token table inside the
`wordllama` wheel, averaged over a text's tokens) place texts so that close meanings are near
each other, for the price of a table look-up and a dot product: no model server, no GPU.

The files are read from the installed wheel by explicit path: WordLlama's own loader looks for
its tokenizer under a folder name the wheel does not ship and would then try to download it,
and nothing here may touch the network.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

Vectors = npt.NDArray[np.float32]
# Course vectors keep their components in steps of 1/127, as the index kept them when they
# were stored as bytes (and as the labelled sets were measured): exact single precision moves
# near-ties either way and nothing else. Single precision, not bytes: numpy multiplies it by a
# message's vector four times faster than it widens bytes, which at 100k courses is most of
# a search that compares every course (19 MB more at 100k).
STEP: Final = 127.0

# WordLlama is trained with Matryoshka loss: its first 64 of 256 dimensions carry most of the
# meaning (on the team's own queries, the same hit@3 as 128), for a quarter of the memory and
# of the time of a search at 100k courses.
DIMENSIONS: Final = 64
_WEIGHTS: Final = "weights/l2_supercat_256.safetensors"
_TOKENIZER: Final = "tokenizers/l2_supercat_tokenizer_config.json"
_BATCH: Final = 4096  # texts to the tokenizer at once
_TEXTS_AT_ONCE: Final = 512  # texts composed from their words at once (a few MB)


def similarities(stored: Vectors, vector: Vectors) -> Vectors:
    """Cosine similarity of every stored unit vector with one message vector."""
    out: Vectors = stored @ vector
    return out


@dataclass(frozen=True, eq=False)
class Encoder:
    """Texts to unit vectors: the mean of their tokens' embeddings, normalised."""

    table: Vectors  # token id -> embedding
    tokenizer: Tokenizer

    def sums(self, texts: list[str]) -> tuple[Vectors, npt.NDArray[np.int64]]:
        """Each text's token embeddings summed, and how many tokens it has: texts in parts
        add up to the whole, so a part shared by many courses is read once."""
        dim = self.table.shape[1]
        sums = np.zeros((len(texts), dim), np.float32)
        counts = np.zeros(len(texts), np.int64)
        for start in range(0, len(texts), _BATCH):
            encodings = self.tokenizer.encode_batch(
                texts[start : start + _BATCH], add_special_tokens=False
            )
            lengths = np.array([len(e.ids) for e in encodings], np.int64)
            counts[start : start + len(encodings)] = lengths
            if not lengths.sum():
                continue
            ids = np.fromiter((i for e in encodings for i in e.ids), np.int64, lengths.sum())
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            rows = np.flatnonzero(lengths)
            sums[start + rows] = np.add.reduceat(self.table[ids], offsets[rows], axis=0)
        return sums, counts

    def encode(self, texts: list[str]) -> Vectors:
        sums, counts = self.sums(texts)
        sums /= np.maximum(counts, 1)[:, None].astype(np.float32)
        return normalise(sums)

    def encode_many(self, texts: Iterable[str], count: int) -> Vectors:
        """Unit vectors for many texts, as `encode` gives them.
        Each distinct word is tokenised once (the model's tokens never span a space, so a
        text's tokens are its words' tokens), one at a time: batch tokenising holds on to
        tens of megabytes at 100k courses."""
        ids_of: dict[str, tuple[int, ...]] = {}
        out = np.zeros((count, self.table.shape[1]), np.float32)
        pending = iter(texts)
        for start in range(0, count, _TEXTS_AT_ONCE):
            split = [text.split() for text in itertools.islice(pending, _TEXTS_AT_ONCE)]
            token_lists = []
            for words in split:
                ids: list[int] = []
                for word in words:
                    known = ids_of.get(word)
                    if known is None:
                        encoded = self.tokenizer.encode(word, add_special_tokens=False).ids
                        known = ids_of[word] = tuple(encoded)
                    ids.extend(known)
                token_lists.append(ids)
            lengths = np.fromiter(map(len, token_lists), np.int64, len(token_lists))
            if not lengths.sum():
                continue
            flat = np.fromiter(itertools.chain.from_iterable(token_lists), np.int64, lengths.sum())
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            nonempty = np.flatnonzero(lengths)
            sums = np.add.reduceat(self.table[flat], offsets[nonempty], axis=0)
            out[start + nonempty] = np.rint(normalise(sums) * np.float32(STEP)) / np.float32(STEP)
        return out

    def encode_words(self, words: list[str], weights: list[float]) -> Vectors | None:
        """One unit vector for a few words, each weighted: a message's meaning without the
        words every message has (smooth inverse frequency, Arora et al. 2017)."""
        if not words:
            return None
        total = np.zeros(self.table.shape[1], np.float32)
        for word, weight in zip(words, weights, strict=True):
            # One at a time: a handful of words, and no tokenizer thread pool to keep.
            ids = self.tokenizer.encode(word, add_special_tokens=False).ids
            if ids:
                total += np.float32(weight) * self.table[ids].mean(axis=0)
        norm = float(np.linalg.norm(total))
        if norm == 0:
            return None
        vector: Vectors = total / np.float32(norm)
        return vector


def normalise(vectors: Vectors) -> Vectors:
    """Scale each row to unit length, in place (rows of zeros stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors /= norms
    return vectors


def _package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed")
    # Located without importing it: wordllama's __init__ configures the root logger.
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def encoder() -> Encoder:
    """The bundled model, read once per process from the installed wheel."""
    root = _package_dir()
    weights = load_file(str(root / _WEIGHTS))["embedding.weight"]
    table = np.ascontiguousarray(weights[:, :DIMENSIONS], dtype=np.float32)
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Encoder(table, tokenizer)
