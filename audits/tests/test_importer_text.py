"""Reading uploaded files into text, and OCR text into text a parser can read."""

from __future__ import annotations

import pytest

from audits.importer import (
    CORRUPT_PDF,
    EMPTY_FILE,
    ENCRYPTED_PDF,
    IMAGE_ONLY_PDF,
    UNREADABLE_TEXT,
    UNSUPPORTED_FILE_TYPE,
    ImportFileError,
    extract_text,
    normalize_text,
)
from audits.tests.samples import MAX_BYTES, pdf_bytes

PDF_TEXT = "Granskning av bisysslor\nVi rekommenderar kommunstyrelsen att se over rutinerna."


def test_text_of_a_pdf_is_extracted():
    text = extract_text(data=pdf_bytes(PDF_TEXT), filename="rapport.pdf", max_bytes=MAX_BYTES)

    assert "Granskning av bisysslor" in text
    assert "rekommenderar kommunstyrelsen" in text


def test_pdf_is_recognised_by_content_even_when_named_txt():
    text = extract_text(data=pdf_bytes(PDF_TEXT), filename="rapport.txt", max_bytes=MAX_BYTES)

    assert "Granskning av bisysslor" in text


def test_pdf_with_a_user_password_is_refused_as_encrypted():
    data = pdf_bytes(PDF_TEXT, password="hemligt")

    with pytest.raises(ImportFileError) as error:
        extract_text(data=data, filename="rapport.pdf", max_bytes=MAX_BYTES)

    assert error.value.message == ENCRYPTED_PDF


def test_pdf_encrypted_with_an_empty_user_password_is_read():
    # Only printing is restricted; the text is open to anyone.
    data = pdf_bytes(PDF_TEXT, password="")

    text = extract_text(data=data, filename="rapport.pdf", max_bytes=MAX_BYTES)

    assert "Granskning av bisysslor" in text


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_pdf_is_refused_as_corrupt(cut):
    data = pdf_bytes(PDF_TEXT)
    truncated = data[: int(len(data) * cut)]

    with pytest.raises(ImportFileError) as error:
        extract_text(data=truncated, filename="rapport.pdf", max_bytes=MAX_BYTES)

    assert error.value.message == CORRUPT_PDF


def test_pdf_header_followed_by_garbage_is_refused_as_corrupt():
    with pytest.raises(ImportFileError) as error:
        extract_text(data=b"%PDF-1.7\n" + bytes(range(256)) * 20, filename="x.pdf", max_bytes=MAX_BYTES)

    assert error.value.message == CORRUPT_PDF


def test_pdf_without_a_text_layer_is_refused_as_image_only():
    with pytest.raises(ImportFileError) as error:
        extract_text(data=pdf_bytes(None), filename="skannad.pdf", max_bytes=MAX_BYTES)

    assert error.value.message == IMAGE_ONLY_PDF


def test_file_over_the_size_limit_is_refused_with_the_limit_in_the_message():
    data = b"a" * (2 * 1024 * 1024 + 1)

    with pytest.raises(ImportFileError) as error:
        extract_text(data=data, filename="rapport.txt", max_bytes=2 * 1024 * 1024)

    assert error.value.message == "Filen är för stor. Den får vara högst 2 MB."


def test_file_exactly_at_the_size_limit_is_read():
    data = "Granskning ".encode() * 10

    assert extract_text(data=data, filename="r.txt", max_bytes=len(data)).startswith("Granskning")


def test_utf8_text_file_is_decoded():
    data = "Förskolenämnden ställer sig bakom rekommendationerna.".encode("utf-8")

    assert extract_text(data=data, filename="svar.txt", max_bytes=MAX_BYTES) == (
        "Förskolenämnden ställer sig bakom rekommendationerna."
    )


def test_windows_1252_text_file_falls_back_to_cp1252():
    data = "Förskolenämnden – ”svar” på rapporten".encode("cp1252")

    assert extract_text(data=data, filename="svar.txt", max_bytes=MAX_BYTES) == "Förskolenämnden – ”svar” på rapporten"


def test_utf16_text_file_with_byte_order_mark_is_decoded():
    data = "Kommunstyrelsen bör säkerställa".encode("utf-16")

    assert extract_text(data=data, filename="r.txt", max_bytes=MAX_BYTES) == "Kommunstyrelsen bör säkerställa"


def test_binary_garbage_named_txt_is_refused_as_unreadable():
    data = bytes(range(256)) * 40

    with pytest.raises(ImportFileError) as error:
        extract_text(data=data, filename="rapport.txt", max_bytes=MAX_BYTES)

    assert error.value.message == UNREADABLE_TEXT


def test_word_document_is_refused_as_unsupported():
    with pytest.raises(ImportFileError) as error:
        extract_text(data=b"PK\x03\x04 docx", filename="rapport.docx", max_bytes=MAX_BYTES)

    assert error.value.message == UNSUPPORTED_FILE_TYPE


def test_empty_file_is_refused():
    with pytest.raises(ImportFileError) as error:
        extract_text(data=b"  \n", filename="rapport.txt", max_bytes=MAX_BYTES)

    assert error.value.message == EMPTY_FILE


# --- normalising OCR text -------------------------------------------------------

def test_word_broken_across_lines_with_a_hyphen_is_joined():
    assert normalize_text(text="Vi rekommenderar kommun-\nstyrelsen att") == "Vi rekommenderar kommunstyrelsen att"


def test_suspended_compound_keeps_its_hyphen_across_a_line_break():
    assert normalize_text(text="tydlig roll-\noch ansvarsfördelning") == "tydlig roll- och ansvarsfördelning"


def test_spaces_are_folded_and_blank_lines_shrink_to_one():
    assert normalize_text(text="Bedömning  \t av\u00a0frågan\n\n\n\nNästa") == "Bedömning av frågan\n\nNästa"
