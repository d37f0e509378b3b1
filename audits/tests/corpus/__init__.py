"""The importer's corpus: texts written here in the genre, each beside its expected
reading, and the expected readings of the shared samples and seeds, whose texts stay
in shared/ (other people's words) and are read from there when present."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = next(
    (parent / "shared" for parent in HERE.parents if (parent / "shared" / "seeds").is_dir()),
    Path("/work/shared"),
)
# Where each group's texts are: our own beside their readings, the others in shared/.
# "heldout" are texts of our own written after the importer was tuned on "own", and never
# tuned on since: their figures are the honest estimate for reports the importer has not seen.
GROUPS = {"own": HERE, "heldout": HERE / "heldout", "samples": SHARED / "audit_samples", "seeds": SHARED / "seeds"}


@dataclass
class Document:
    group: str
    name: str
    expected: dict
    path: Path

    @property
    def text(self) -> str | None:
        """The text, or None when shared/ is not beside this checkout."""
        return self.path.read_text(encoding="utf-8") if self.path.is_file() else None


def documents() -> list[Document]:
    """Every text with an expected reading, own texts first."""
    found = []
    for group, folder in GROUPS.items():
        readings = HERE if group == "own" else HERE / group
        for reading in sorted(readings.glob("*.json")):
            stem = reading.stem
            if group == "seeds":
                path = next(folder.glob(f"{stem}_*.txt"), folder / f"{stem}.txt")
            elif group == "heldout":
                path = readings / f"{stem}.txt"
            else:
                path = folder / f"{stem}.txt"
            found.append(Document(group, stem, json.loads(reading.read_text(encoding="utf-8")), path))
    return found


def measure(group: str | None = None) -> dict:
    """Precision and recall per field of parse_audit over the texts present (of one group, or all),
    as {"fields": {name: {"precision", "recall", "found", "expected"}}, "texts": count}."""
    from audits.importer import parse_audit
    from audits.importer.scoring import reading, score, total

    scores = [
        score(found=reading(parse_audit(text=document.text)), expected=document.expected)
        for document in documents()
        if (group is None or document.group == group) and document.text is not None
    ]
    fields = {
        name: {
            "precision": round(tally.precision, 3),
            "recall": round(tally.recall, 3),
            "found": tally.true_positive + tally.false_positive,
            "expected": tally.true_positive + tally.false_negative,
        }
        for name, tally in total(scores).items()
    }
    return {"fields": fields, "texts": len(scores)}
