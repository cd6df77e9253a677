"""Shared linear-time check for extractors: 10x more adversarial text must take about 10x the time."""

from __future__ import annotations

import time
from collections.abc import Callable


def assert_linear(run: Callable[[str], object], pieces: list[str]) -> None:
    """``run(text)`` on each piece repeated to 5k and 50k chars: the large run stays under 40x the small.

    Best of a few runs: the machine may be shared, and a single run can be delayed by other processes.
    """

    def timed(text: str) -> float:
        t0 = time.perf_counter()
        run(text)
        return time.perf_counter() - t0

    for piece in pieces:
        small = piece * (5_000 // len(piece) + 1)
        large = piece * (50_000 // len(piece) + 1)
        t_small = min(timed(small) for _ in range(3))
        t_large = min(timed(large) for _ in range(2))
        assert t_large < 40 * t_small + 0.1, (piece, t_small, t_large)
