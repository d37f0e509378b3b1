"""The PDF/A-2a checked offline: its identification, output intent, embedded fonts, no
encryption, structure tree and language, qpdf's check, and pages that show something.
veraPDF runs too where it is installed."""

import os
import re
import shutil
import subprocess

import pytest
from PIL import Image, ImageStat

from reports.outputs.pdf import _fetcher, pdf_bytes
from reports.tests.content_samples import sample_content

TOOLS = ("qpdf", "pdffonts", "pdftoppm", "pdftotext")
# The Makefile installs the tools, so in CI a missing one fails rather than skips.
pytestmark = pytest.mark.skipif(not all(shutil.which(tool) for tool in TOOLS) and not os.environ.get("CI"),
                                reason="qpdf and poppler-utils are not installed (make system-packages)")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    content = sample_content()
    content["areas"][0]["analysis"] = "Första stycket.\n\nEtt <script>alert(1)</script> i texten visas som text."
    path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    path.write_bytes(pdf_bytes(content=content, version_label="1, godkänd"))
    return path


@pytest.fixture(scope="module")
def uncompressed(pdf):
    out = pdf.with_name("qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(out)], check=True)
    return out.read_bytes()


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_the_pdf_says_it_is_pdf_a_2a(uncompressed):
    assert b'pdfaid:part="2"' in uncompressed or b"<pdfaid:part>2</pdfaid:part>" in uncompressed
    assert b'pdfaid:conformance="A"' in uncompressed or b"<pdfaid:conformance>A</pdfaid:conformance>" in uncompressed


def test_the_pdf_has_an_srgb_output_intent(uncompressed):
    assert b"/S /GTS_PDFA1" in uncompressed
    assert b"sRGB" in uncompressed
    assert b"/DestOutputProfile" in uncompressed


def test_the_pdf_is_tagged_in_swedish(uncompressed, pdf):
    assert b"/StructTreeRoot" in uncompressed
    assert b"/Lang (sv)" in uncompressed
    assert re.search(r"Tagged:\s+yes", _run("pdfinfo", str(pdf)))


def test_every_font_is_embedded(pdf):
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert lines, "the PDF lists no fonts"
    for line in lines:
        # name, type..., encoding, then emb sub uni object-id generation
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line


def test_the_pdf_is_not_encrypted_and_qpdf_finds_no_error(pdf):
    assert "File is not encrypted" in _run("qpdf", "--show-encryption", str(pdf))
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_title_page_contents_and_page_numbers(pdf):
    first = _run("pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-")
    assert "Uppföljningsrapport 2025" in first and "Borås Stad" in first
    contents = _run("pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-")
    assert "Innehåll" in contents
    # Each area in the contents with the page it starts on.
    assert re.search(r"Arbete\W+\d+", contents) and re.search(r"Kultur\W+\d+", contents)
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    assert f"3 ({pages})" in _run("pdftotext", "-f", "3", "-l", "3", "-layout", str(pdf), "-")


def test_content_text_is_text_not_markup(pdf):
    text = _run("pdftotext", str(pdf), "-")
    assert "<script>alert(1)</script>" in text


def _page_with(pdf, needle: str) -> int:
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    for page in range(1, pages + 1):
        if needle in _run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"):
            return page
    raise AssertionError(f"no page shows {needle!r}")


@pytest.mark.parametrize("needle", ["Uppföljningsrapport 2025", "kommunen, länet och riket per år"])
def test_title_page_and_a_chart_page_are_not_blank(pdf, tmp_path, needle):
    page = _page_with(pdf, needle)
    prefix = tmp_path / "sida"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)
    (png,) = tmp_path.glob("sida*.png")
    image = Image.open(png).convert("L")
    # A blank page has no variance; a page of text and lines has a good deal.
    assert ImageStat.Stat(image).var[0] > 200


def test_a_chart_page_has_coloured_lines(pdf, tmp_path):
    page = _page_with(pdf, "kommunen, länet och riket per år")
    prefix = tmp_path / "diagram"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)
    (png,) = tmp_path.glob("diagram*.png")
    pixels = [colour for _count, colour in Image.open(png).convert("RGB").getcolors(1 << 24)]
    # The own line's blue and the county's orange are drawn.
    assert any(b > r + 60 for r, g, b in pixels) and any(r > b + 80 for r, g, b in pixels)


def test_every_chart_is_a_figure_with_its_title_as_alternative_text(uncompressed):
    # Text with letters beyond ASCII is written as UTF-16 in hexadecimal.
    texts = [bytes.fromhex(text.decode()).decode("utf-16")
             for text in re.findall(rb"/Alt <([0-9a-f]+)>", uncompressed)]
    assert uncompressed.count(b"/S /Figure") == uncompressed.count(b"/Alt ") == 14
    assert "Andel invånare 20–64 år i arbete (procent)" in texts


def test_nothing_is_fetched_but_the_font_files_and_the_charts():
    with pytest.raises(ValueError):
        _fetcher().fetch("https://example.com/spion.png")
    with pytest.raises(ValueError):
        _fetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        _fetcher().fetch("data:text/html;base64,PHA+PC9wPg==")
    assert _fetcher().fetch("data:image/svg+xml;base64,PHN2Zy8+").read() == b"<svg/>"


@pytest.mark.skipif(not shutil.which("verapdf"), reason="veraPDF is not installed")
def test_verapdf_finds_the_pdf_compliant(pdf):
    result = subprocess.run(["verapdf", "--flavour", "2a", "--format", "text", str(pdf)],
                            capture_output=True, text=True)
    assert result.stdout.startswith("PASS"), result.stdout + result.stderr
