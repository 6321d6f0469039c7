"""Scoring a slot over the courses its words reach is a shortcut, not another answer: the
same scores as scoring it over the whole catalogue, for messages of every kind."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.search_quality import SETS, load_cases
from search import matching
from search.index import Index
from search.query import parse
from tests.conftest import NOW

MESSAGES = [case.query for case in load_cases(SETS["dev"])][::4]


def test_every_slot_scored_over_the_whole_catalogue_matches_the_shortcut(
    sample_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = sample_index.tables
    current = t.last_end > NOW.timestamp()
    parsed = [parse(m, sample_index.lexicon, known=sample_index.knows) for m in MESSAGES]
    shortcut = [matching.match(t, p, current) for p in parsed]
    monkeypatch.setattr(matching, "DENSE_SHARE", len(t.courses) + 1)  # every slot dense
    whole = [matching.match(t, p, current) for p in parsed]
    assert len(MESSAGES) > 40
    for message, fast, slow in zip(MESSAGES, shortcut, whole, strict=True):
        assert np.allclose(fast.score, slow.score, atol=1e-6), message
        assert (fast.matched == slow.matched).all(), message
        assert (fast.on_subject == slow.on_subject).all(), message
        assert (fast.weight, fast.live, fast.subject) == (slow.weight, slow.live, slow.subject)
        assert fast.dropped == slow.dropped
