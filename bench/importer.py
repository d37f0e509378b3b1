"""Benchmark of the audit importer: how well it reads (precision and recall per field over
the corpus in audits/tests/corpus, the texts written after tuning, the shared samples and
seeds), and the seconds the worker takes to read a report's text
(recognise it as a report, then parse it) at 0.1, 1 and 10 MB, beside a floor measured
in the same run on the same text: normalising and folding it once, the least any
reading does. Seconds per MB and the ratio to the floor staying level across sizes
show that reading grows in proportion to the text."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from audits.importer import detect_document_kind, normalize_text, parse_audit
from audits.importer.names import fold

SIZES_MB = (0.1, 1, 10)
# Fewer rounds for the larger sizes: the best of them is reported.
ROUNDS = {0.1: 5, 1: 3, 10: 1}
MB = 1024 * 1024


def importer(context: dict) -> dict:
    text = _reports()
    sizes = {}
    for size in SIZES_MB:
        sample = _repeated(text, int(size * MB))
        floor = _best(lambda: fold(normalize_text(text=sample)), rounds=ROUNDS[size])
        seconds = _best(lambda: _read(sample), rounds=ROUNDS[size])
        sizes[f"{size:g}_mb"] = {
            "seconds": round(seconds, 3),
            "seconds_per_mb": round(seconds / size, 3),
            "floor_seconds": round(floor, 3),
            "floor_seconds_per_mb": round(floor / size, 3),
            "ratio_to_floor": round(seconds / floor, 2),
        }
    first, last = sizes[f"{SIZES_MB[0]:g}_mb"], sizes[f"{SIZES_MB[-1]:g}_mb"]
    return {
        "importer_accuracy": accuracy(),
        "importer_read_report": {
            "sizes": sizes,
            # 1.0 is linear; 100 times the text at quadratic cost would show about 100.
            "per_mb_growth_smallest_to_largest": round(last["seconds_per_mb"] / first["seconds_per_mb"], 2),
            "source_chars": len(text),
        }
    }


def accuracy() -> dict:
    """Precision and recall per field, over every text and per group of texts."""
    from audits.tests.corpus import GROUPS, measure

    return {group or "all": measure(group) for group in (None, *GROUPS)}


def _read(text: str) -> None:
    if detect_document_kind(text=text) != "response":
        parse_audit(text=text)


def _best(call, *, rounds: int) -> float:
    best = None
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def _repeated(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def _reports() -> str:
    """The seed reports and the development set from shared/, or the demo's report without them."""
    here = Path(__file__).resolve()
    shared = next((parent / "shared" for parent in here.parents if (parent / "shared" / "seeds").is_dir()), None)
    paths = sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("audit_samples/*.txt")) if shared else []
    paths = paths or sorted((here.parent.parent / "audits" / "demo_data").glob("*.txt"))
    return "\n\n".join(path.read_text(encoding="utf-8") for path in paths)
