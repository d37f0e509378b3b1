import statistics
import time
from typing import Callable


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 3),
    }


def time_calls(call: Callable[[], object], *, repeat: int, warmup: int = 10) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def page_beside_floor(*, client, path: str, floor_path: str, repeat: int = 200, warmup: int = 10) -> dict:
    """A page's p50/p95 beside the bare view's, interleaved so that both see the same noise."""
    page, floor = [], []
    for _ in range(warmup):
        client.get(path)
        client.get(floor_path)
    for _ in range(repeat):
        for target, samples in ((path, page), (floor_path, floor)):
            start = time.perf_counter()
            response = client.get(target)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (target, response.status_code)
    page_stats, floor_stats = percentiles(page), percentiles(floor)
    return {
        **page_stats,
        "floor_p50_ms": floor_stats["p50_ms"],
        "floor_p95_ms": floor_stats["p95_ms"],
        "ratio_p95": round(page_stats["p95_ms"] / floor_stats["p95_ms"], 2),
        "samples": repeat,
    }
