import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


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


@contextmanager
def bench_database(*, test_name: Callable[[object], str] | None = None, keep: bool = False) -> Iterator[object]:
    """Django set up as the bench runs it (its own URLs with the bare view, the test client's
    host) in a test database of its own, destroyed afterwards unless `keep`; yields the
    connection. `test_name(connection)` names that database when it must stand beside
    another one; with `keep` an existing one of that name is used as it is."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    if test_name is not None:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name(connection)
    database_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keep)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(database_name, verbosity=0, keepdb=keep)
