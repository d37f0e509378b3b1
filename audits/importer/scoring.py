"""Precision and recall of the importer's readings against expected readings, per field.

An expected reading is a dict in the corpus's .json format: auditor, audited_bodies,
overall ([{body, assessment}]), questions ([{text, assessment}]), recommendations
([{addressee, text}]), response_from and response_by. Texts are compared folded and
fuzzily (a reading that differs by OCR slips is the same reading); a question counts
only with the right assessment, a recommendation only with the right addressee.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .names import fold

FIELDS = ("auditor", "audited_bodies", "overall", "questions", "recommendations", "response_from", "response_by")
# Folded texts this alike are the same text read with other OCR slips or punctuation.
SAME_TEXT = 85


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, other: Tally) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def reading(draft) -> dict:
    """An AuditDraft in the expected readings' format."""
    data = draft.to_json_dict()
    return {
        "auditor": data["auditor"],
        "audited_bodies": data["audited_bodies"],
        "overall": [{"body": item["body"], "assessment": item["assessment"]} for item in data["overall_assessments"]],
        "questions": [{"text": item["text"], "assessment": item["assessment"]} for item in data["questions"]],
        "recommendations": [{"addressee": item["addressee"], "text": item["text"]} for item in data["recommendations"]],
        "response_from": data["response_requested"]["from"],
        "response_by": data["response_requested"]["by"],
    }


def score(*, found: dict, expected: dict) -> dict[str, Tally]:
    """A Tally per field for one text."""
    return {
        "auditor": _scalar(found["auditor"], expected["auditor"]),
        "audited_bodies": _items(found["audited_bodies"], expected["audited_bodies"], _same_name),
        "overall": _items(found["overall"], expected["overall"], _same_overall),
        "questions": _items(found["questions"], expected["questions"], _same_question),
        "recommendations": _items(found["recommendations"], expected["recommendations"], _same_recommendation),
        "response_from": _items(found["response_from"], expected["response_from"], _same_name),
        "response_by": _scalar(found["response_by"], expected["response_by"]),
    }


def total(scores: list[dict[str, Tally]]) -> dict[str, Tally]:
    """The tallies of many texts added up per field."""
    summed = {name: Tally() for name in FIELDS}
    for one in scores:
        for name, tally in one.items():
            summed[name].add(tally)
    return summed


def _scalar(found, expected) -> Tally:
    if found is None:
        return Tally(false_negative=int(expected is not None))
    if expected is not None and _same_name(found, expected):
        return Tally(true_positive=1)
    return Tally(false_positive=1, false_negative=int(expected is not None))


def _items(found: list, expected: list, same) -> Tally:
    left = list(expected)
    tally = Tally()
    for item in found:
        match = next((wanted for wanted in left if same(item, wanted)), None)
        if match is None:
            tally.false_positive += 1
        else:
            left.remove(match)
            tally.true_positive += 1
    tally.false_negative = len(left)
    return tally


def _same_name(found, expected) -> bool:
    return fold(found or "", ocr_digits=True) == fold(expected or "", ocr_digits=True)


def _same_text(found: str, expected: str) -> bool:
    return fuzz.ratio(fold(found, ocr_digits=True), fold(expected, ocr_digits=True)) >= SAME_TEXT


def _same_overall(found: dict, expected: dict) -> bool:
    return _same_name(found["body"], expected["body"]) and found["assessment"] == expected["assessment"]


def _same_question(found: dict, expected: dict) -> bool:
    return _same_text(found["text"], expected["text"]) and found["assessment"] == expected["assessment"]


def _same_recommendation(found: dict, expected: dict) -> bool:
    return _same_name(found["addressee"], expected["addressee"]) and _same_text(found["text"], expected["text"])
