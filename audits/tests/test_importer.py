"""The audit-report importer: file reading, the seed reports, and the genre at large."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from audits.importer import (
    CORRUPT_PDF,
    EMPTY_FILE,
    ENCRYPTED_PDF,
    IMAGE_ONLY_PDF,
    NO_RESPONSE_STRUCTURE_FOUND,
    NO_STRUCTURE_FOUND,
    UNREADABLE_TEXT,
    UNSUPPORTED_FILE_TYPE,
    ImportFileError,
    canonical_name,
    classify_decision,
    detect_document_kind,
    extract_text,
    find_org_names,
    normalize_text,
    parse_audit,
    parse_response,
)

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


PDF_TEXT = "Granskning av bisysslor\nVi rekommenderar kommunstyrelsen att se over rutinerna."


# --- reading files ------------------------------------------------------------

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


# --- organisation names ---------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("kommunstyrelsen", "Kommunstyrelsen"),
        ("Kommunstyrelsens", "Kommunstyrelsen"),
        ("Arbetslivsndmnden", "Arbetslivsnämnden"),
        ("Forskolenimnden", "Förskolenämnden"),
        ("socialnämnd", "Socialnämnden"),
        ("Gymnasie- och Vuxenutbildningsnämnden", "Gymnasie- och vuxenutbildningsnämnden"),
        ("Fritid- och folkhälsonämnden", "Fritids- och folkhälsonämnden"),
        ("tekniska nämnden", "Tekniska nämnden"),
        ("KS", "Kommunstyrelsen"),
    ],
)
def test_board_names_are_normalised_despite_case_inflection_and_ocr(written, expected):
    assert canonical_name(name=written) == expected


def test_unknown_board_name_is_kept_cleaned_not_matched_to_a_similar_one():
    assert canonical_name(name="idrottsnämnden") == "Idrottsnämnden"


def test_bare_nämnden_is_unknown_without_context_and_resolved_with_one_board():
    assert canonical_name(name="nämnden") is None
    assert canonical_name(name="nämnden", context=["Kommunstyrelsen", "Socialnämnden"]) == "Socialnämnden"
    assert canonical_name(name="nämnden", context=["Kulturnämnden", "Socialnämnden"]) is None


def test_caller_names_are_matched_first():
    names = find_org_names(text="Rapporten gäller AB Bostäder och stadsdelsnämnden Norr", extra_names=["AB Bostäder"])

    assert names[0] == "AB Bostäder"


# --- the seeds: Borås (PwC) ---------------------------------------------------------

BORAS_QUESTIONS = [
    "Finns en organisation kring integrationsarbetet med en tydlig roll- och ansvarsfördelning inom Borås Stad?",
    "Finns en analys av utmaningar och möjligheter avseende integration och etablering?",
    "Finns en strategi med konkreta och samordnade insatser för Stadens arbete inom området? "
    "Baseras strategin på ovanstående omnämnda analys?",
    "Har berörda nämnder upprättat relevanta mål och handlingsplaner med bäring på området?",
    "Finns en samverkan med relevanta samverkansparter, såväl internt som externt?",
    "Hur sker uppföljning, utvärdering och analys av resultat i förhållande till de områden - arbete, boende, "
    "utbildning, delaktighet, trygghet, folkhälsa och kultur - som anges i programmet för ett integrerat samhälle?",
    "Har Kommunstyrelsen säkerställt en tillräcklig styrning och uppsikt över det arbete som bedrivs i "
    "Borås Stads verksamheter inom området?",
]
BORAS_RECOMMENDATIONS = [
    ("Kommunstyrelsen", "Vid en revidering eller uppdatering av Program för ett integrerat samhälle se över"),
    ("Kommunstyrelsen", "Tydliggöra vad Arbetslivsnämndens roll som samordnande nämnd"),
    ("Kommunstyrelsen", "Utveckla uppföljningsprocessen av Program för ett integrerat samhälle"),
    ("Kommunstyrelsen", "Utveckla spridningen av uppföljningen"),
    ("Kommunstyrelsen", "Utveckla den stadsövergripande analysen av integrationsarbetet"),
    ("Arbetslivsnämnden", "Fullgöra sitt uppdrag att årligen följa upp bolagens och nämndernas insatser"),
    ("Kommunstyrelsen", "Säkerställa att Arbetslivsnämnden fullföljer detta"),
]


def test_seven_audit_questions_are_read_in_order_from_boras_summary():
    draft = parse_audit(text=seed("000"))

    assert [question.number for question in draft.questions] == [1, 2, 3, 4, 5, 6, 7]
    assert [question.text for question in draft.questions] == BORAS_QUESTIONS


def test_boras_questions_carry_the_auditors_comment_and_only_a_verdict_the_prose_states():
    # The Borås table has only "Revisionsfråga | Kommentar": the assessment is read from the
    # comment's verdict sentence (test_importer_verdict.py), and left empty where it is unclear.
    draft = parse_audit(text=seed("000"))

    first = draft.questions[0]
    assert first.comment.startswith("Organisationen kring integrationsarbetet är delvis tydliggjord")
    assert first.comment.endswith("förefaller inte ha någon styrande inverkan.")
    assert draft.questions[6].comment.endswith("tillräcklig styrning och uppsikt över integrationsarbetet.")
    assert [question.assessment for question in draft.questions][2] is None


def test_front_matter_is_read_from_boras_summary():
    draft = parse_audit(text=seed("000"))

    data = draft.to_json_dict()
    assert data["title"] == "Integration och etablering i Borås Stad"
    assert data["municipality"] == "Borås"
    assert data["auditor"] == "PwC"
    assert data["commissioned_by"] == "Stadsrevisionen"
    assert data["date"] == "2021-01-18"
    assert draft.raw["date"] == "2021-01-18"


def test_overall_assessment_of_boras_is_partly():
    draft = parse_audit(text=seed("000"))

    assert [(item.body, item.assessment) for item in draft.overall_assessments] == [("Borås Stad", "partly")]
    assert "delvis bedriver integrationsarbetet" in draft.overall_assessments[0].text


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_recommendations_to_kommunstyrelsen_and_arbetslivsnamnden_are_read_from_boras_report(prefix):
    draft = parse_audit(text=seed(prefix))

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert len(found) == len(BORAS_RECOMMENDATIONS)
    for (addressee, text), (expected_addressee, expected_start) in zip(found, BORAS_RECOMMENDATIONS):
        assert addressee == expected_addressee
        assert text.startswith(expected_start)


def test_recommendation_keeps_the_introducing_sentence_as_raw_text():
    draft = parse_audit(text=seed("002"))

    assert draft.recommendations[1].raw.startswith("Kommunstyrelsen bör i detta avseende:")


def test_full_boras_report_gives_questions_with_comments_from_the_assessment_table():
    draft = parse_audit(text=seed("002"))

    assert [question.text for question in draft.questions] == BORAS_QUESTIONS
    assert draft.questions[5].comment.startswith("Enligt Program för ett integrerat samhälle ansvarar")
    assert all(question.comment for question in draft.questions)


def test_full_boras_report_has_no_title_or_date_and_says_so_with_none():
    # The text starts at "Sammanfattning": its cover page is not in it.
    data = parse_audit(text=seed("002")).to_json_dict()

    assert data["title"] is None
    assert data["date"] is None
    assert data["municipality"] == "Borås"
    assert data["auditor"] == "PwC"
    assert data["commissioned_by"] == "Stadsrevisionen"
    assert data["response_requested"] == {"from": [], "by": None}


# --- the seeds: Trollhättan (EY) and the preschool board's answer --------------------

def test_recommendations_to_kommunstyrelsen_are_read_from_trollhattan_report():
    draft = parse_audit(text=seed("004"))

    assert [item.addressee for item in draft.recommendations] == ["Kommunstyrelsen"] * 4
    assert [item.text.split()[0] for item in draft.recommendations] == ["Överväga", "Se", "Utreda", "Tillse"]


def test_trollhattan_findings_list_is_not_taken_for_recommendations():
    draft = parse_audit(text=seed("004"))

    assert not any("Hierarkin" in item.text or "bedömningen" in item.text for item in draft.recommendations)


def test_trollhattan_front_matter_and_mixed_overall_assessment():
    draft = parse_audit(text=seed("004"))

    data = draft.to_json_dict()
    assert data["title"] == "Granskning av styrning och uppföljning av integrationsarbetet"
    assert data["municipality"] == "Trollhättan"
    assert data["auditor"] == "EY"
    assert data["commissioned_by"] == "Kommunrevisionen"
    assert data["date"] is None
    assert data["questions"] == []
    assert [(item["body"], item["assessment"]) for item in data["overall_assessments"]] == [("Kommunstyrelsen", "partly")]


@pytest.mark.parametrize(("prefix", "kind"), [("000", "audit"), ("002", "audit"), ("004", "audit"), ("001", "response")])
def test_document_kind_is_detected_for_each_seed(prefix, kind):
    assert detect_document_kind(text=seed(prefix)) == kind


def test_preschool_boards_answer_is_read_as_an_endorsement_with_its_paragraph():
    draft = parse_response(text=seed("001"))

    data = draft.to_json_dict()
    assert data["organization"] == "Förskolenämnden"
    assert data["decision"] == "endorses"
    assert data["paragraph"] == "39"
    assert data["registry_number"] == "FN 2021-00019"
    assert data["audit_title"] == "Granskning av integration och etablering i Boras Stad"
    # "Sammanträdesdatum" is there, its date is not (lost in OCR).
    assert data["meeting_date"] is None


def test_preschool_boards_answer_per_recommendation_is_read_by_ordinal():
    draft = parse_response(text=seed("001"))

    answers = draft.answers
    assert [answer.number for answer in answers] == [1, 2, 3, 4]
    assert answers[0].recommendation.startswith("tydligg")
    assert answers[3].recommendation.startswith("utveckla den stadsovergripande analysen")
    assert answers[0].text.startswith("Nir det giller forsta punkten")
    assert answers[1].text.endswith("Forskolenimndens systematiska kvalitetsarbete.")
    assert answers[3].text.endswith("som inte ar framgangsrikt.")
    assert [answer.decision for answer in answers] == [None, None, "endorses", "endorses"]


# --- the genre: other firms' styles ------------------------------------------------

KPMG_STYLE = """Revisionsrapport
Granskning av kommunens
hemtjänst
Lunds kommun
KPMG AB
2022-03-14

Sammanfattning
Vi har av Lunds kommuns revisorer fått i uppdrag att granska hemtjänsten. Uppdraget ingår
i revisionsplanen för 2022.
Vår sammanfattande bedömning är att vård- och omsorgsnämnden inte helt säkerställt en
ändamålsenlig styrning av hemtjänsten.
Utifrån vår granskning rekommenderar vi vård- och omsorgsnämnden att:
- säkerställa att biståndsbesluten följs upp
enligt gällande rutin
- ta fram mål för kontinuitet
Vi rekommenderar även kommunstyrelsen att se över kommun-
ens riktlinjer för uppsikt.

Syfte och revisionsfrågor
Granskningen ska besvara följande revisionsfrågor:
1. Finns en ändamålsenlig styrning av hemtjänsten?
2. Följs biståndsbesluten upp?
3. Sker en tillräcklig intern kontroll?

Svar på revisionsfrågorna
Revisionsfråga Svar
Finns en ändamålsenlig styrning av hemtjänsten? Delvis. Nämnden har mål men de följs
inte upp systematiskt.
Följs biståndsbesluten upp? Nej
Uppföljning sker endast vid klagomål.
Sker en tillräcklig intern kontroll? Ja. Internkontrollplanen
omfattar hemtjänsten.

Revisorerna önskar svar från vård- och omsorgsnämnden och kommunstyrelsen senast den 15 juni 2022.
"""


def test_kpmg_style_report_gives_questions_with_flattened_table_assessments():
    draft = parse_audit(text=KPMG_STYLE)

    questions = [(question.number, question.assessment) for question in draft.questions]
    assert questions == [(1, "partly"), (2, "no"), (3, "yes")]
    assert draft.questions[0].comment == "Nämnden har mål men de följs inte upp systematiskt."
    assert draft.questions[1].comment == "Uppföljning sker endast vid klagomål."


def test_kpmg_style_vi_rekommenderar_att_gives_addressees_and_hyphen_breaks_are_joined():
    draft = parse_audit(text=KPMG_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Vård- och omsorgsnämnden", "Säkerställa att biståndsbesluten följs upp enligt gällande rutin"),
        ("Vård- och omsorgsnämnden", "Ta fram mål för kontinuitet"),
        ("Kommunstyrelsen", "Se över kommunens riktlinjer för uppsikt"),
    ]


def test_kpmg_style_front_matter_and_requested_answer():
    data = parse_audit(text=KPMG_STYLE).to_json_dict()

    assert data["title"] == "Granskning av kommunens hemtjänst"
    assert data["municipality"] == "Lund"
    assert data["auditor"] == "KPMG"
    assert data["commissioned_by"] == "Revisorer"
    assert data["date"] == "2022-03-14"
    assert data["overall_assessments"][0]["body"] == "Vård- och omsorgsnämnden"
    assert data["overall_assessments"][0]["assessment"] == "partly"
    assert data["response_requested"] == {
        "from": ["Vård- och omsorgsnämnden", "Kommunstyrelsen"],
        "by": "2022-06-15",
    }


DELOITTE_STYLE = """Granskning av kommunens krisberedskap
Revisorerna i Falu kommun
Deloitte
Datum: 3 maj 2021

Samlad bedömning
Vår samlade bedömning är att kommunstyrelsen i allt väsentligt har en ändamålsenlig krisberedskap.

Bedömning per kontrollmål
Kontrollmål 1: Det finns en aktuell risk- och sårbarhetsanalys.
Bedömning: Uppfyllt
Analysen antogs 2020.
Kontrollmål 2: Övningar genomförs regelbundet.
Bedömning: Delvis uppfyllt
Övningar har genomförts men inte dokumenterats.
Kontrollmål 3: Krisledningsnämnden har utbildats.
Ej bedömd
Nämnden har inte sammanträtt under perioden.

Rekommendationer
Kommunstyrelsen:
• Dokumentera genomförda övningar.
• Säkerställa att utvärderingar
genomförs efter varje övning.
Krisledningsnämnden:
• Genomföra en utbildning under året.

Bilaga 1 Granskade dokument
• Risk- och sårbarhetsanalys 2019–2022
Rapporten överlämnas till kommunstyrelsen för yttrande senast 2021-08-31.
"""


def test_deloitte_style_bullet_recommendations_under_addressee_lines():
    draft = parse_audit(text=DELOITTE_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Kommunstyrelsen", "Dokumentera genomförda övningar"),
        ("Kommunstyrelsen", "Säkerställa att utvärderingar genomförs efter varje övning"),
        ("Krisledningsnämnden", "Genomföra en utbildning under året"),
    ]


def test_deloitte_style_control_objectives_with_labelled_assessments():
    draft = parse_audit(text=DELOITTE_STYLE)

    assert [(q.number, q.assessment) for q in draft.questions] == [(1, "yes"), (2, "partly"), (3, "not_assessed")]
    assert draft.questions[0].text == "Det finns en aktuell risk- och sårbarhetsanalys."
    assert draft.questions[2].comment == "Nämnden har inte sammanträtt under perioden."


def test_deloitte_style_front_matter():
    data = parse_audit(text=DELOITTE_STYLE).to_json_dict()

    assert data["title"] == "Granskning av kommunens krisberedskap"
    assert data["municipality"] == "Falun"
    assert data["auditor"] == "Deloitte"
    assert data["date"] == "2021-05-03"
    assert data["overall_assessments"] == [{
        "body": "Kommunstyrelsen", "assessment": "yes",
        "text": "Vår samlade bedömning är att kommunstyrelsen i allt väsentligt har en ändamålsenlig krisberedskap.",
    }]
    assert data["response_requested"] == {"from": ["Kommunstyrelsen"], "by": "2021-08-31"}


OCR_STYLE = """Granskning av ekonomistyrning
Grant Thornton har på uppdrag av de förtroendevalda revisorerna i Mölndals stad genomfört en granskning.

Revisionsfrågor och svar
Revisionsfråga 1: Har socialndmnden en tillräcklig budgetuppf6ljning?
Ej uppfyllt
Socialndmnden saknar rutiner.

Rekommendationer
Vi rekommenderar social-
ndmnden att upprätta rutiner för budgetuppföljning.
Vi rekommenderar nämnden att rapportera månadsvis.
"""


def test_ocr_misread_board_names_resolve_and_bare_namnden_uses_the_only_board():
    draft = parse_audit(text=OCR_STYLE)

    found = [(item.addressee, item.text) for item in draft.recommendations]
    assert found == [
        ("Socialnämnden", "Upprätta rutiner för budgetuppföljning"),
        ("Socialnämnden", "Rapportera månadsvis"),
    ]
    assert draft.questions[0].assessment == "no"
    assert draft.to_json_dict()["commissioned_by"] == "de förtroendevalda revisorerna"
    assert draft.to_json_dict()["auditor"] == "Grant Thornton"
    assert draft.to_json_dict()["municipality"] == "Mölndal"


def test_bare_namnden_stays_unknown_when_several_boards_are_named():
    text = (
        "Rekommendationer\nVi rekommenderar socialnämnden att ta fram rutiner.\n"
        "Vi rekommenderar kulturnämnden att följa upp.\nVi rekommenderar nämnden att rapportera.\n"
    )

    assert [item.addressee for item in parse_audit(text=text).recommendations] == [
        "Socialnämnden", "Kulturnämnden", None,
    ]


def test_recommendation_to_two_boards_becomes_one_per_board():
    text = "Rekommendationer\nVi rekommenderar kommunstyrelsen och barn- och utbildningsnämnden att ta fram en plan.\n"

    found = [(item.addressee, item.text) for item in parse_audit(text=text).recommendations]
    assert found == [("Kommunstyrelsen", "Ta fram en plan"), ("Barn- och utbildningsnämnden", "Ta fram en plan")]


def test_nonsense_addressee_is_kept_as_written_not_forced_onto_a_known_board():
    text = "Rekommendationer\nVi rekommenderar Hamnnämnden att se över taxorna.\n"

    assert parse_audit(text=text).recommendations[0].addressee == "Hamnnämnden"


def test_text_without_audit_structure_gives_an_empty_draft_and_a_message():
    draft = parse_audit(text="Protokoll från föreningens årsmöte.\nKaffe serverades. Mötet avslutades.\n")

    assert draft.is_empty
    assert draft.messages == [NO_STRUCTURE_FOUND]
    assert draft.to_json_dict() == {
        "title": None, "municipality": None, "auditor": None, "commissioned_by": None, "date": None,
        "overall_assessments": [], "questions": [], "recommendations": [],
        "response_requested": {"from": [], "by": None},
    }


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "?" * 500, "Rekommendationer\n", "- \n• \n1.\n"])
def test_degenerate_texts_never_crash(text):
    assert parse_audit(text=text).is_empty
    assert detect_document_kind(text=text) is None
    assert parse_response(text=text).messages == [NO_RESPONSE_STRUCTURE_FOUND]


def test_draft_keeps_the_raw_text_for_the_reviewer():
    text = seed("004")

    assert parse_audit(text=text).source_text == text


# --- the genre: answers to audits -----------------------------------------------------

RESPONSE_STYLE = """PROTOKOLLSUTDRAG
Socialnämnden
Sammanträdesdatum 2021-05-20
§ 112 Dnr SN 2021/045
Yttrande över revisionsrapport Granskning av
ekonomiskt bistånd
Förslag till beslut
Socialnämnden beslutar att delvis tillstyrka revisorernas rekommendationer och anta yttrandet.
Ärendet
Rekommendation 1: Nämnden instämmer och har påbörjat arbetet.
Rekommendation 2: Nämnden avstyrker rekommendationen eftersom rutinen redan finns.
"""


def test_response_with_partial_decision_meeting_date_and_registry_number():
    assert detect_document_kind(text=RESPONSE_STYLE) == "response"
    data = parse_response(text=RESPONSE_STYLE).to_json_dict()

    assert data["organization"] == "Socialnämnden"
    assert data["decision"] == "partly"
    assert data["meeting_date"] == "2021-05-20"
    assert data["paragraph"] == "112"
    assert data["registry_number"] == "SN 2021/045"
    assert data["audit_title"] == "Granskning av ekonomiskt bistånd"
    assert [(a["number"], a["decision"]) for a in data["answers"]] == [(1, "endorses"), (2, "rejects")]


@pytest.mark.parametrize(
    ("wording", "decision"),
    [
        ("Att tillstyrka revisionens rekommendationer", "endorses"),
        ("Nämnden ställer sig bakom rekommendationerna", "endorses"),
        ("Styrelsen instämmer i revisorernas bedömning", "endorses"),
        ("Nämnden avstyrker rekommendationen", "rejects"),
        ("Nämnden tillstyrker delvis rekommendationerna", "partly"),
        ("Att tillstyrka rekommendation 1 och avstyrka rekommendation 2", "partly"),
        ("Att godkänna förvaltningens tjänsteskrivelse", None),
    ],
)
def test_decision_wording_is_classified(wording, decision):
    assert classify_decision(wording) == decision


def test_flattened_table_with_the_assessment_column_after_the_comment():
    text = (
        "Sammanfattande bedömning\nRevisionsfråga Kommentar Bedömning\n"
        "1. Har nämnden en ändamålsenlig styrning av\nverksamheten?\nNämnden har mål men\nuppföljningen brister.\nDelvis\n"
        "2. Är den interna kontrollen tillräcklig?\nKontrollen är god.\nJa\n"
    )

    questions = parse_audit(text=text).questions

    assert [(q.number, q.text, q.assessment, q.comment) for q in questions] == [
        (1, "Har nämnden en ändamålsenlig styrning av verksamheten?", "partly", "Nämnden har mål men uppföljningen brister."),
        (2, "Är den interna kontrollen tillräcklig?", "yes", "Kontrollen är god."),
    ]

