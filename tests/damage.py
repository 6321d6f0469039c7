"""Real sample files damaged the ways files arrive damaged: cut short, bytes changed, a line
dropped or repeated. Shared by the readers' fuzz tests."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


@st.composite
def damaged(draw: st.DrawFn, samples: Sequence[bytes], *, newline: bytes, changes: int) -> bytes:
    data = bytearray(draw(st.sampled_from(samples)))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, changes))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    lines = bytes(data).split(newline)
    repeat, drop = draw(st.booleans()), draw(st.booleans())
    if lines and repeat:
        repeated: bytes = draw(st.sampled_from(lines))
        lines.insert(draw(st.integers(0, len(lines))), repeated)
    if len(lines) > 1 and drop:
        del lines[draw(st.integers(0, len(lines) - 1))]
    return newline.join(lines)
