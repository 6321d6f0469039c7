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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

Vectors = npt.NDArray[np.float32]

# WordLlama is trained with Matryoshka loss: the first 128 of its 256 dimensions carry most of
# the meaning, and halve the memory and the time of a search at 100k courses.
DIMENSIONS: Final = 128
_WEIGHTS: Final = "weights/l2_supercat_256.safetensors"
_TOKENIZER: Final = "tokenizers/l2_supercat_tokenizer_config.json"
_BATCH: Final = 512


@dataclass(frozen=True, eq=False)
class Encoder:
    """Texts to unit vectors: the mean of their tokens' embeddings, normalised."""

    table: Vectors  # token id -> embedding
    tokenizer: Tokenizer

    def encode(self, texts: list[str]) -> Vectors:
        out = np.zeros((len(texts), self.table.shape[1]), np.float32)
        for start in range(0, len(texts), _BATCH):
            batch = texts[start : start + _BATCH]
            for row, encoding in enumerate(
                self.tokenizer.encode_batch(batch, add_special_tokens=False), start
            ):
                ids = encoding.ids
                if ids:
                    out[row] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: Vectors = out / norms
        return result

    def encode_words(self, words: list[str], weights: list[float]) -> Vectors | None:
        """One unit vector for a few words, each weighted: a message's meaning without the
        words every message has (smooth inverse frequency, Arora et al. 2017)."""
        if not words:
            return None
        total = np.zeros(self.table.shape[1], np.float32)
        for encoding, weight in zip(
            self.tokenizer.encode_batch(words, add_special_tokens=False), weights, strict=True
        ):
            if encoding.ids:
                total += np.float32(weight) * self.table[encoding.ids].mean(axis=0)
        norm = float(np.linalg.norm(total))
        if norm == 0:
            return None
        vector: Vectors = total / np.float32(norm)
        return vector

    def encode_one(self, text: str) -> Vectors:
        vector: Vectors = self.encode([text])[0]
        return vector


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
