"""Timing helpers for the doubling tests (tests/core/test_linearity.py): min-of-N after a warm-up.

A linear step costs about 8 times as much at 8× the input, a quadratic one 64 times: the
tests assert t(8x) / t(x) stays under 16, far from both noise and a quadratic.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence

# Each shape is one unit repeated to the wanted length: what makes a regex backtrack (long
# runs of one class, near-misses of a pattern, openers never closed) or a loop quadratic.
SHAPES: dict[str, str] = {
    "hanzi": "安",
    "ascii-word": "a",
    "digits": "1",
    "full-width-digits": "１",
    "mixed-word": "安a1_",
    "punct": ",.;:!?()（）【】“”‘’《》、，。",
    "spaces": " ",
    "ideographic-spaces": "\u3000",
    "spaced-words": "安 a ",
    "at-signs": "a@b",
    "url-ish": "www.a",
    "http-ish": "http:",
    "dots": ".",
    "word-dots": "a.",
    "full-stops": "。",
    "commas": "，",
    "middle-dots": "·",
    "ellipses": "…",
    "hyphens": "-",
    "full-width-hyphens": "－",
    "bars": "―",
    "dashes": "-—–~～",
    "dates": "2024年10月8日",
    "numbers-and-signs": "1-",
    "markers": "一、（一）1.（1）①",
    "quotes": "\"'“”",
    "placeholders": "XX××○○{{ 某 }}",
    "open-fill": "[填写",
    "open-fill-wide": "【填写",
    "x-letters": "x",
    "zero-width": "安\u200b",
    "openers": "(（[【〔《“",
    "closers": ")）]】〕》”",
    "unclosed-and-stray": "（》",
    "doc-number": "安〔2024",
    "web-junk": "点击阅读原文a&nbsp;<br>",
}


def paragraph(shape: str, length: int) -> str:
    """A paragraph of about ``length`` characters: Chinese text, then the shape repeated."""
    unit = SHAPES[shape]
    return "本季度召开专题会议三次，" + unit * (length // len(unit))


def best_time(fn: Callable[[], object], repeat: int = 3, *, warm_up: bool = True) -> float:
    """The fastest of ``repeat`` runs (after one warm-up run), with the collector paused.

    CPU time of this process, not wall time: the machines running the suite are shared,
    and time spent waiting for a core says nothing about the code."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        gc.disable()  # no collect() first: on a large heap it costs more than the runs
        try:
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def growth(
    make: Callable[[int], Callable[[], object]], sizes: Sequence[int], rounds: int = 5
) -> list[float]:
    """The fastest time of ``make(n)()`` for each size (inputs built by ``make``, off the
    clock), over ``rounds`` rounds that each time every size once: a burst of load from
    other processes then slows one round of all sizes, not the largest size alone."""
    runs = [make(n) for n in sizes]
    runs[0]()  # warm-up: caches, compiled patterns
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for k, run in enumerate(runs):
            best[k] = min(best[k], best_time(run, repeat=1, warm_up=False))
    return best


def describe(sizes: Sequence[int], times: Sequence[float]) -> str:
    return ", ".join(f"{n}: {t * 1000:.1f} ms" for n, t in zip(sizes, times, strict=True))


FLOOR = 0.001  # seconds: times below this are timer noise, not growth


def assert_linear(
    sizes: Sequence[int], times: Sequence[float], limit: float = 16.0, floor: float = FLOOR
) -> None:
    """t(largest) / t(smallest) under ``limit`` for a size ratio of 8; the smallest time is
    floored at ``floor`` so that timer noise on a tiny time cannot fail the test."""
    assert sizes[-1] == 8 * sizes[0]
    ratio = times[-1] / max(times[0], floor)
    assert ratio < limit, f"t(8x)/t(x) = {ratio:.1f}: {describe(sizes, times)}"
