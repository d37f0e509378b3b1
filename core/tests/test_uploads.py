"""The one upload check: kinds by content, size, zip bombs, and stored files following
their records."""

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core import uploads
from core.tests.files import ELF, docx_bytes, office_bytes, pdf_bytes, upload, xlsx_bytes
from core.uploads import CSV, DOCX, PDF, TEXT, XLSX, BoundedUploadHandler, validate_upload

ALL = (PDF, DOCX, XLSX, TEXT)


def refusal(name: str, content: bytes, kinds=ALL) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, content), kinds=kinds)
    return refused.value.messages


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="hemligt", owner_password="ägare", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", pdf_bytes()),
        ("lösenord.pdf", encrypted_pdf()),
        ("protokoll.docx", docx_bytes(**{"word/media/image1.png": b"\x89PNG\r\n\x1a\n" + bytes(100)})),
        ("underlag.xlsx", xlsx_bytes()),
        ("anteckning.txt", "Rutinen är antagen § 45.\n".encode("cp1252")),
    ],
)
def test_real_files_of_each_allowed_kind_are_accepted(name, content):
    validate_upload(upload(name, content), kinds=ALL)


def test_a_program_behind_a_pdf_header_is_refused():
    assert refusal("rapport.pdf", b"%PDF-1.7\n" + ELF) == [str(uploads.PDF_BROKEN)]


def test_a_program_glued_after_a_real_pdf_is_refused():
    assert refusal("rapport.pdf", pdf_bytes() + ELF) == [str(uploads.PDF_BROKEN)]


def test_a_program_is_refused_whatever_it_is_called():
    assert refusal("rapport.pdf", ELF) == [str(uploads.PDF_BROKEN)]
    assert refusal("rapport.txt", ELF) == [str(uploads.TEXT_BROKEN)]
    assert refusal("program", ELF, kinds=(PDF, DOCX)) == [
        "Filen måste vara en PDF eller ett Word-dokument (DOCX), och filnamnet ska sluta på .docx, .pdf."
    ]


def test_html_is_refused_as_text_and_by_its_name():
    page = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    assert refusal("sida.txt", page) == [str(uploads.TEXT_MARKUP)]
    assert refusal("sida.html", page)[0].startswith("Filen måste vara")


def test_text_with_nul_bytes_is_refused():
    assert refusal("anteckning.txt", b"Rutin\x00antagen") == [str(uploads.TEXT_BROKEN)]


@pytest.mark.parametrize(
    "parts",
    [
        {"word/document.xml": ELF},
        {"word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'},
        {"word/document.xml": "<w:document><w:body>"},
    ],
)
def test_a_docx_whose_xml_parts_are_not_xml_is_refused(parts):
    assert refusal("protokoll.docx", office_bytes(parts)) == [
        str(uploads.OFFICE_BROKEN % {"kind": "DOCX"})
    ]


@pytest.mark.parametrize("part", ["word/embeddings/oleObject1.bin", "word/vbaProject.bin", "word/program.exe"])
def test_a_docx_carrying_macros_or_a_program_is_refused(part):
    assert refusal("protokoll.docx", docx_bytes(**{part: ELF})) == [str(uploads.OFFICE_UNSAFE)]


def test_a_pdf_renamed_docx_and_a_docx_renamed_xlsx_are_refused():
    assert refusal("protokoll.docx", pdf_bytes()) == [str(uploads.OFFICE_BROKEN % {"kind": "DOCX"})]
    assert refusal("underlag.xlsx", docx_bytes()) == [str(uploads.OFFICE_BROKEN % {"kind": "XLSX"})]


def test_a_zip_bomb_member_is_refused_before_it_is_unpacked():
    bomb = docx_bytes(**{"word/media/image1.png": b"\x00" * (200 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    assert refusal("protokoll.docx", bomb) == [str(uploads.ZIP_TOO_LARGE % {"max": 50})]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # unpacking would have held 200 MB


def test_a_member_packed_implausibly_tightly_is_refused_even_when_small_enough():
    packed = docx_bytes(**{"word/media/image1.png": b"\x00" * (5 * 1024 * 1024)})
    assert refusal("protokoll.docx", packed) == [str(uploads.ZIP_TOO_LARGE % {"max": 50})]


def test_an_archive_of_many_small_members_is_refused():
    parts = {f"word/media/image{n}.png": b"" for n in range(2100)}
    assert refusal("protokoll.docx", docx_bytes(**parts)) == [str(uploads.ZIP_TOO_LARGE % {"max": 50})]


def test_a_file_over_the_limit_and_an_empty_file_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    assert refusal("anteckning.txt", b"a" * (1024 * 1024 + 1)) == ["Filen är för stor: högst 1 MB."]
    assert refusal("anteckning.txt", b" \n") == [str(uploads.UPLOAD_EMPTY)]


def test_a_csv_is_text_named_csv():
    validate_upload(upload("värden.csv", "år;kön;värde\n2022;T;1\n".encode()), kinds=(CSV, XLSX))
    assert refusal("värden.pdf", pdf_bytes(), kinds=(CSV, XLSX))[0].startswith("Filen måste vara en CSV-fil eller")


def test_a_file_already_stored_is_not_checked_again(db, town, settings, tmp_path):
    from steering.tests.factories import DocumentFactory

    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(municipality=town.municipality)
    document.file.save("gammal.pdf", ContentFile(b"an old file from before the check"), save=True)
    document.refresh_from_db()
    document.full_clean()


def test_the_bounded_handler_keeps_one_byte_past_the_limit_and_the_real_size(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    chunk = 64 * 1024
    handler = BoundedUploadHandler()
    handler.new_file("file", "stor.pdf", "application/pdf", 50 * chunk)
    for start in range(0, 50 * chunk, chunk):
        handler.receive_data_chunk(b"x" * chunk, start)
    stored = handler.file_complete(50 * chunk)

    assert stored.size == 50 * chunk and len(stored.read()) == 1024 * 1024 + 1
    with pytest.raises(ValidationError) as refused:
        validate_upload(stored, kinds=(PDF,))
    assert refused.value.messages == ["Filen är för stor: högst 1 MB."]
    stored.close()


def test_a_replaced_file_is_deleted_after_the_change_commits(db, town, settings, tmp_path,
                                                              django_capture_on_commit_callbacks):
    from steering.tests.factories import DocumentFactory

    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(municipality=town.municipality)
    document.file.save("forsta.pdf", ContentFile(pdf_bytes()), save=True)
    first = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("andra.pdf", ContentFile(pdf_bytes()), save=True)

    assert not (tmp_path / first).exists() and document.file.storage.exists(document.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert list(tmp_path.rglob("*.pdf")) == []


def test_a_file_is_kept_when_the_change_is_rolled_back(db, town, settings, tmp_path,
                                                        django_capture_on_commit_callbacks):
    from django.db import transaction

    from steering.tests.factories import DocumentFactory

    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(municipality=town.municipality)
    document.file.save("forsta.pdf", ContentFile(pdf_bytes()), save=True)
    first = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            document.file.save("andra.pdf", ContentFile(pdf_bytes()), save=True)
            raise RuntimeError

    assert document.file.storage.exists(first)


def test_every_file_field_of_every_model_has_the_upload_check():
    from django.apps import apps
    from django.db import models

    # Files Uppsikt builds itself (a report's PDF/A, Word, Excel) are never uploaded.
    built_here = {"reports.ReportFile.file"}
    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
        and not any(isinstance(v, uploads.UploadValidator) for v in field.validators)
    ]
    assert sorted(set(unchecked) - built_here) == []


def test_every_file_field_of_every_plain_form_has_the_upload_check():
    # A model form's file field is checked by its model field, above.
    import importlib
    import inspect

    from django import forms
    from django.apps import apps

    unchecked = []
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and not issubclass(form, forms.BaseModelForm):
                unchecked += [
                    f"{app.name}.{name}.{field_name}" for field_name, field in getattr(form, "base_fields", {}).items()
                    if isinstance(field, forms.FileField)
                    and not any(isinstance(v, uploads.UploadValidator) for v in field.validators)
                ]
    assert unchecked == []


def test_the_upload_settings_agree(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.UPLOAD_MAX_BYTES <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert settings.FILE_UPLOAD_HANDLERS[-1] == "core.uploads.BoundedUploadHandler"
