"""Sample inputs for the importer tests: the seed documents and PDFs made on the spot."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

# The seeds sit in shared/ beside the checkout (or beside the folder of worktrees).
SEEDS = next(
    (parent / "shared" / "seeds" for parent in Path(__file__).resolve().parents if (parent / "shared" / "seeds").is_dir()),
    Path("/work/shared/seeds"),
)
MAX_BYTES = 5 * 1024 * 1024


def seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return path.read_text(encoding="utf-8")


def pdf_bytes(text: str | None, *, password: str | None = None) -> bytes:
    """A one-page PDF with `text` in Helvetica, or a blank page (as a scan without OCR)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if text is not None:
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        })
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        })
        lines = b" ".join(
            b"(" + line.encode("latin-1") + b") Tj 0 -14 Td" for line in text.split("\n")
        )
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 11 Tf 50 800 Td " + lines + b" ET")
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
