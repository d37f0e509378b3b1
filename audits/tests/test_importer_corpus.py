"""The corpus: every text the importer is measured on, and its reading field by field."""

import pytest

from audits.importer import parse_audit
from audits.importer.scoring import FIELDS, reading
from audits.tests.corpus import documents

DOCUMENTS = documents()


def _text(document) -> str:
    text = document.text
    if text is None:
        pytest.skip(f"{document.path} is absent: the samples and seeds are read from shared/, not kept here")
    return text


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if d.group in ("own", "samples")], ids=lambda d: d.name)
def test_each_own_text_and_sample_gives_its_expected_reading(document):
    found = reading(parse_audit(text=_text(document)))

    for name in FIELDS:
        expected = document.expected[name]
        if name in ("questions", "recommendations"):
            assert len(found[name]) == len(expected), (name, found[name])
        elif name != "audited_bodies" or expected:
            assert found[name] == expected, name


def test_every_own_text_has_its_expected_reading_beside_it():
    own = [document for document in DOCUMENTS if document.group == "own"]

    assert len(own) >= 8
    assert all(document.path.is_file() and set(FIELDS) <= set(document.expected) for document in own)
