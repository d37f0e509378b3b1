"""A frozen self-assessment as PDF/A and Word: built from the frozen JSON, never today's
records, with the facts that identify the version."""

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document as WordDocument

from organizations.models import Membership
from oversight.snapshot_documents import snapshot_document
from oversight.snapshots import snapshot_freeze
from reports.outputs.document import document_docx_bytes, document_pdf_bytes
from steering.tests.factories import AreaFactory, ProgramFactory

Role = Membership.Role


@pytest.fixture
def snapshot(town):
    program = ProgramFactory(municipality=town.municipality, owner=town.executive, name="Integrationsprogrammet")
    AreaFactory(program=program, name="Arbete")
    snapshot = snapshot_freeze(program=program, by=town.users[Role.KS_OFFICIAL], today=datetime.date(2025, 12, 15))
    # A record added after freezing changes nothing in the frozen document.
    AreaFactory(program=program, name="Boende")
    return snapshot


def test_the_document_holds_the_frozen_results_and_the_versions_facts(snapshot):
    document = snapshot_document(snapshot)
    assert document.title == "Självgranskning 2025" and document.subject == "Integrationsprogrammet"
    facts = dict(document.facts)
    assert facts["Version"] == "1" and facts["Kontrollsumma (SHA-256)"] == snapshot.results_sha256
    summary = document.sections[0].tables[0]
    assert summary.rows[0][:2] == ["Är roller och ansvar tydliga?", "Nej"]
    assert summary.rows[0][2].startswith("0 av 1 områden")
    gaps = document.sections[1].items
    assert "Arbete" in gaps and "Boende" not in gaps


def test_the_word_file_has_a_heading_per_check(snapshot):
    word = WordDocument(io.BytesIO(document_docx_bytes(snapshot_document(snapshot))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Sammanfattning", "Är roller och ansvar tydliga?",
                            "Finns en analys av utmaningar och möjligheter?"]
    assert word.paragraphs[1].style.name == "Title" and word.paragraphs[1].text == "Självgranskning 2025"


@pytest.mark.skipif(not all(shutil.which(tool) for tool in ("qpdf", "pdffonts", "pdftotext")),
                    reason="qpdf and poppler-utils are not installed (make system-packages)")
def test_the_pdf_is_pdf_a_with_embedded_fonts(snapshot, tmp_path):
    path = tmp_path / "sjalvgranskning.pdf"
    path.write_bytes(document_pdf_bytes(snapshot_document(snapshot)))
    qdf = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    assert b'pdfaid:part="2"' in qdf.read_bytes() or b"<pdfaid:part>2</pdfaid:part>" in qdf.read_bytes()
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts.splitlines()[2:])
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Självgranskning 2025" in text and "0 av 1 områden" in text
    # The checksum may wrap onto a second line in its narrow column.
    assert snapshot.results_sha256 in "".join(text.split())
