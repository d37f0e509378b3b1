"""Bad input to the importer: a Swedish message, and nothing kept."""

import os
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from audits.forms import MAX_IMPORT_BYTES
from audits.importer import (
    FILE_TOO_LARGE,
    IMAGE_ONLY_PDF,
    NOT_SWEDISH,
    ImportFileError,
    check_swedish,
    extract_text,
)
from audits.models import Audit, ImportDraft
from audits.tests.corpus import documents
from audits.tests.samples import pdf_bytes
from core.uploads import TEXT_BROKEN, UPLOAD_TOO_LARGE
from organizations.models import Membership

ENGLISH = (
    "Summary. The audit committee has reviewed whether the board has an adequate internal control of the "
    "payments. Our overall assessment is that the board has not ensured that the controls are documented. "
    "We recommend that the board documents the controls and that the follow-up is reported to the board "
    "every quarter. The report has been sent to the board, which is asked to answer by the end of June. "
) * 3


@pytest.fixture
def auditor_client(client, town):
    client.force_login(town.users[Membership.Role.AUDITOR])
    return client


def _upload(client, name: str, content: bytes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("audits:audit_import"), {"report": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("name", "content", "message"), [
    # The upload check refuses binary data before the importer sees it.
    ("rapport.txt", os.urandom(4000), TEXT_BROKEN),
    ("report.txt", ENGLISH.encode(), NOT_SWEDISH),
    ("skannad.pdf", pdf_bytes(None), IMAGE_ONLY_PDF),
])
def test_bad_uploads_are_refused_in_swedish_and_nothing_is_kept(auditor_client, town, name, content, message):
    response = _upload(auditor_client, name, content)

    assert response.context["form"].errors["report"] == [str(message)]
    assert not ImportDraft.objects.exists() and not Audit.objects.exists()


def test_the_importer_refuses_a_20_mb_text_from_its_size_alone_before_decoding_it():
    data = b"a" * (20 * 1024 * 1024)
    tracemalloc.start()
    with pytest.raises(ImportFileError) as raised:
        extract_text(data=data, filename="stor.txt", max_bytes=MAX_IMPORT_BYTES)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert peak < 1024 * 1024  # decoding would have made a 20 MB string
    assert raised.value.message == FILE_TOO_LARGE.format(max_mb=10)


def test_a_pdf_without_a_text_layer_is_told_it_needs_ocr_and_names_a_tool():
    with pytest.raises(ImportFileError) as raised:
        extract_text(data=pdf_bytes(None), filename="skannad.pdf", max_bytes=MAX_IMPORT_BYTES)

    assert "OCR-tolkas först" in str(raised.value.message) and "ocrmypdf" in str(raised.value.message)


def test_a_20_mb_text_is_refused_by_its_size(auditor_client, town):
    content = ("Vår samlade bedömning är att socialnämnden delvis har en tillräcklig styrning.\n" * 260_000).encode()
    assert len(content) > 20 * 1000 * 1000

    response = _upload(auditor_client, "stor.txt", content)

    assert response.context["form"].errors["report"] == [UPLOAD_TOO_LARGE % {"max": 10}]
    assert not ImportDraft.objects.exists()


def test_every_swedish_text_of_the_corpus_passes_the_language_check():
    texts = [document.text for document in documents() if document.text is not None]

    for text in texts:
        check_swedish(text=text)


def test_swedish_ocr_without_diacritics_is_swedish_and_a_short_text_is_not_judged():
    check_swedish(text="Var samlade bedomning ar att socialnamnden inte har sakerstallt en tillracklig kontroll. " * 10)
    check_swedish(text="The board.")


def test_a_text_in_another_language_than_english_is_refused_too():
    german = ("Der Prüfungsausschuss hat untersucht, ob die Verwaltung eine ausreichende Kontrolle über die "
              "Zahlungen hat. Unsere Gesamtbewertung lautet, dass die Kontrollen nicht dokumentiert werden. ") * 4

    with pytest.raises(ImportFileError) as raised:
        check_swedish(text=german)

    assert raised.value.message == NOT_SWEDISH
