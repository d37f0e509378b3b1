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
GROUPS = {"own": HERE, "samples": SHARED / "audit_samples", "seeds": SHARED / "seeds"}


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
            else:
                path = folder / f"{stem}.txt"
            found.append(Document(group, stem, json.loads(reading.read_text(encoding="utf-8")), path))
    return found
