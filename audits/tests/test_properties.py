"""Properties of the audit importer over generated text: any text gives a draft (with a
Swedish note when nothing was found) or a Swedish refusal, never an exception, and the same
text always gives the same draft."""

import re

from hypothesis import given
from hypothesis import strategies as st

from audits import importer
from audits.importer import ImportFileError, check_text_length, extract_text, parse_audit, parse_response

REFUSALS = [
    re.compile(".*".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", str(message))), re.DOTALL)
    for message in (
        importer.FILE_TOO_LARGE, importer.TEXT_TOO_LONG, importer.EMPTY_FILE, importer.UNSUPPORTED_FILE_TYPE,
        importer.ENCRYPTED_PDF, importer.CORRUPT_PDF, importer.IMAGE_ONLY_PDF, importer.UNREADABLE_TEXT,
    )
]

# Lines an audit report or a board's answer is made of, mixed with any text at all, so that
# the parsers' patterns are reached and not only their fall-through.
report_lines = st.sampled_from([
    "Revisionsrapport: Granskning av intern kontroll", "Sammanfattande bedömning", "Revisionsfråga",
    "1. Har nämnden säkerställt en tillräcklig intern kontroll?", "Bedömning: Delvis uppfyllt.",
    "Vår bedömning är att nämnden inte har säkerställt detta.", "Rekommendationer",
    "Vi rekommenderar att Arbetslivsnämnden:", "- säkerställer att rutiner finns", "Datum: 2024-03-15",
    "Revisorerna önskar svar från Kommunstyrelsen senast 2024-06-30.", "KPMG AB", "Sjöstads kommun",
    "Protokollsutdrag", "§ 45 Dnr KS 2024/123", "Beslut", "Nämnden beslutar att anta yttrandet som svar.",
    "Svar på revisionsrapport", "Sammanträdesdatum 2024-05-02", "\f", "", "   ", "*Program för uppföljning*",
])
texts = st.lists(report_lines | st.text(max_size=60), max_size=30).map("\n".join) | st.text(max_size=500)


def draft_or_refusal(read, text):
    try:
        check_text_length(text=text, max_chars=2000)
        return read(text=text, extra_names=["Arbetslivsnämnden"]).to_json_dict()
    except ImportFileError as error:
        assert any(pattern.fullmatch(error.message) for pattern in REFUSALS), error.message
        return error.message


@given(texts)
def test_any_text_gives_an_audit_draft_or_a_refusal_and_the_same_one_each_time(text):
    assert draft_or_refusal(parse_audit, text) == draft_or_refusal(parse_audit, text)


@given(texts)
def test_an_audit_draft_with_nothing_found_says_so(text):
    draft = parse_audit(text=text)

    # Empty, it says why: nothing found, or a list that is cut off and so never invented.
    assert not draft.is_empty or draft.messages


@given(texts)
def test_any_text_gives_a_response_draft_or_a_refusal_and_the_same_one_each_time(text):
    assert draft_or_refusal(parse_response, text) == draft_or_refusal(parse_response, text)


@given(st.binary(max_size=400), st.sampled_from(["rapport.pdf", "rapport.txt", "rapport.docx", "", "RAPPORT.TXT"]))
def test_any_upload_gives_text_or_a_swedish_refusal(data, filename):
    try:
        text = extract_text(data=data, filename=filename, max_bytes=300)
    except ImportFileError as error:
        assert any(pattern.fullmatch(str(error.message)) for pattern in REFUSALS), error.message
    else:
        assert isinstance(text, str)
