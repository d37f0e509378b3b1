"""Reading time grows in proportion to the text: operations counted, not timed.

Reading a 2 MB text once took 15 s and 10 MB seven minutes, because questions were
compared pair by pair, each comparison folding both texts again. These tests count
the importer's units of work (characters folded, fuzzy comparisons made) on a text
and on the same text four times over; linear work gives about four times as much.
"""

import pytest
from rapidfuzz import fuzz

from audits.importer import names, parse_audit, parse_response
from audits.importer import municipalities, parser, questions, recommendations, response, structure, verdict
from audits.tests.samples import seed

FOLDING_MODULES = (names, municipalities, parser, questions, recommendations, response, structure, verdict)
# Four times the text may cost a little more than four times the work (more distinct
# passages found in a longer text), never the sixteen times of pairwise comparison.
MAX_GROWTH = 5


@pytest.fixture
def work(monkeypatch):
    """Counts of the importer's work while a test runs."""
    counts = {"folded_chars": 0, "comparisons": 0}
    fold = names.fold

    def counting_fold(text, **kwargs):
        counts["folded_chars"] += len(text)
        return fold(text, **kwargs)

    for module in FOLDING_MODULES:
        if hasattr(module, "fold"):
            monkeypatch.setattr(module, "fold", counting_fold)
    for scorer in ("ratio", "token_set_ratio", "partial_ratio"):
        original = getattr(fuzz, scorer)

        def counting(*args, _original=original, **kwargs):
            counts["comparisons"] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(fuzz, scorer, counting)
    names._folded_names.cache_clear()
    return counts


def _work_for(work: dict, read, text: str) -> dict:
    before = dict(work)
    read(text)
    return {key: work[key] - before[key] for key in work}


def _assert_linear(small: dict, large: dict) -> None:
    for key in small:
        assert large[key] <= MAX_GROWTH * max(small[key], 1), (key, small[key], large[key])


@pytest.mark.parametrize("read", [
    lambda text: parse_audit(text=text, extra_names=["AB Bostäder", "Förskolenämnden"]),
    lambda text: parse_response(text=text, extra_names=["Förskolenämnden"]),
], ids=["audit", "response"])
def test_four_times_the_seed_reports_cost_about_four_times_the_work(work, read):
    text = "\n\n".join(seed(prefix) for prefix in ("000", "001", "002", "004")) * 4

    small = _work_for(work, read, text)
    large = _work_for(work, read, text * 4)

    _assert_linear(small, large)


def _distinct_questions(count: int) -> str:
    # A text that is no report: a list of many different audit questions, and a chapter for each.
    listed = "\n".join(f"{n}. Har nämnden säkerställt rutin {n} för uppföljning av område {n * 7}?" for n in range(1, count + 1))
    chapters = "\n".join(
        f"Revisionsfråga {n % 99 + 1}: Har styrelsen en plan {n} för mål {n * 3}?\nBedömning: Delvis" for n in range(count)
    )
    return f"Revisionsfrågor\nGranskningen ska besvara följande revisionsfrågor:\n{listed}\n\nIakttagelser\n{chapters}\n"


def test_a_text_of_thousands_of_distinct_questions_is_compared_in_linear_work(work):
    small = _work_for(work, lambda text: parse_audit(text=text), _distinct_questions(300))
    large = _work_for(work, lambda text: parse_audit(text=text), _distinct_questions(1200))

    _assert_linear(small, large)


def test_a_long_paragraph_without_full_stops_is_one_unit_with_every_line():
    lines = [f"rad {n} av en lång text utan slut och" for n in range(20_000)]

    parts = structure.units(lines)

    assert len(parts) == 1 and parts[0].text == " ".join(lines)
