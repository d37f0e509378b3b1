"""An assessment read from the prose of a question's assessment paragraph, when no label states it."""

import pytest

from audits.importer import parse_audit
from audits.importer.verdict import read_verdict, split_sentences

from audits.tests.samples import seed

# Read from the answer to each Borås question ("Bedömningar utifrån revisionsfrågor" in the
# summary, the same table in the full report):
BORAS_ASSESSMENTS = [
    "partly",  # "Organisationen ... är delvis tydliggjord i styrande dokument."
    "no",  # "En samlad analys ... saknas."
    None,  # no strategy, but "ser vi emellertid inte att avsaknaden ... skulle vara en brist": for the reviewer
    "partly",  # "Det finns inga mål i Program ..." then "Vi bedömer dock att nämnderna ... definierar målbilder"
    "yes",  # "Det finns flera forum för samverkan ..."
    None,  # a "Hur sker ...?" question answered with a description, no verdict
    "partly",  # "... kan vi dock konstatera att ... inte helt kan anses ha tillräcklig styrning och uppsikt"
]


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_boras_assessments_are_read_from_the_answer_to_each_question(prefix):
    questions = parse_audit(text=seed(prefix)).questions

    assert [question.assessment for question in questions] == BORAS_ASSESSMENTS


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_boras_raw_text_is_the_sentence_the_verdict_was_read_from(prefix):
    questions = parse_audit(text=seed(prefix)).questions

    assert questions[0].raw.splitlines()[-1] == (
        "Organisationen kring integrationsarbetet är delvis tydliggjord i styrande dokument.")
    assert questions[3].raw.splitlines()[-1].startswith("Vi bedömer dock att nämnderna")
    assert questions[4].raw.splitlines()[-1] == "Det finns flera forum för samverkan som lyfter frågor som rör integration."
    assert " ".join(questions[6].raw.split()).endswith("inte helt kan anses ha tillräcklig styrning och uppsikt över integrationsarbetet.")
    # Unread: the raw text stays the whole answer.
    assert "avsaknaden av en tydlig strategi" in " ".join(questions[2].raw.split())


@pytest.mark.parametrize(("paragraph", "expected"), [
    # partly
    ("Rutinerna är delvis dokumenterade. Uppföljning sker årligen.", "partly"),
    ("Nämnden har till viss del säkerställt en intern kontroll.", "partly"),
    ("Styrelsen kan inte helt anses ha en tillräcklig uppsikt.", "partly"),
    ("Uppföljning sker i begränsad utsträckning.", "partly"),
    ("Målen är inte fullt ut kopplade till budgeten.", "partly"),
    ("Nämnden har i huvudsak en ändamålsenlig styrning men uppföljningen brister.", "partly"),
    ("Rutinerna är del- vis dokumenterade.", "partly"),  # OCR / hyphenation
    # no
    ("En riskanalys saknas.", "no"),
    ("Det finns inga rutiner för uppföljning.", "no"),
    ("Det finns inte någon plan för kompetensförsörjning.", "no"),
    ("Nämnden har inte säkerställt att avtalen följs.", "no"),
    ("Den interna kontrollen är inte tillräcklig.", "no"),
    ("Styrningen bedöms inte vara tillräckligt tydlig.", "no"),
    ("Uppföljningen av avtalen brister.", "no"),
    ("Rutinen är ej dokumenterad.", "no"),
    ("Uppföljning sak-\nnas för flera verksamheter.", "no"),
    # yes
    ("Ja.", "yes"),
    ("Det finns en tydlig delegationsordning.", "yes"),
    ("Ansvarsfördelningen är tydlig.", "yes"),
    ("Nämnden har säkerställt en regelbunden uppföljning.", "yes"),
    ("Vi bedömer att nämndens styrning är ändamålsenlig.", "yes"),
    # a qualifier or a negation overrides a positive
    ("Det finns en plan men den följs inte upp.", None),
    ("Det finns en plan, dock är den oklar i vissa delar.", None),
    ("Det finns rutiner. De följs dock inte i praktiken och har inte följts upp.", "partly"),
    ("Ansvarsfördelningen är tydlig men behöver förankras.", None),
    # the auditors' own verdict sentence wins over the first sentence
    ("Det finns en policy för området. Vi bedömer att policyn inte är tillräcklig.", "no"),
    ("Det finns en plan. Sammantaget bedömer vi att arbetet delvis är ändamålsenligt.", "partly"),
    ("Planen antogs 2019. Vår bedömning är att nämnden har säkerställt en ändamålsenlig uppföljning.", "yes"),
    # unclear: left to the reviewer
    ("Nämnden har under året arbetat med frågan och gett förvaltningen flera uppdrag.", None),
    ("Vi ser inte att avsaknaden av en plan skulle vara en brist.", None),
    ("", None),
])
def test_the_verdict_of_an_assessment_paragraph(paragraph, expected):
    assert read_verdict(paragraph)[0] == expected


def test_the_verdict_comes_with_its_sentence():
    assert read_verdict("Planen antogs 2019. Vi bedömer att planen inte är tillräcklig. Den ses över.") == (
        "no", "Vi bedömer att planen inte är tillräcklig.")
    assert read_verdict("Nämnden har arbetat med frågan.") == (None, None)


def test_abbreviations_do_not_end_a_sentence():
    assert split_sentences("Det gäller bl.a. Arbetslivsnämnden och t. ex. Fritidsnämnden. Ny mening.") == [
        "Det gäller bl.a. Arbetslivsnämnden och t. ex. Fritidsnämnden.", "Ny mening."]


def test_a_stated_label_wins_over_the_prose():
    text = (
        "Granskning av intern kontroll\n\n"
        "Revisionsfråga Bedömning\n"
        "Har nämnden en tillräcklig intern kontroll? Delvis uppfyllt\n"
        "Det finns en antagen plan för intern kontroll.\n\n"
        "Rekommendationer\n"
        "Vi rekommenderar nämnden att:\n"
        "- Följa upp kontrollerna.\n"
    )

    question = parse_audit(text=text).questions[0]

    assert question.assessment == "partly"


def test_a_prose_verdict_is_read_when_the_table_has_no_label():
    text = (
        "Granskning av intern kontroll\n\n"
        "Svar på revisionsfrågorna\n"
        "Revisionsfråga Kommentar\n"
        "Har nämnden en tillräcklig intern kontroll?\n"
        "En plan för intern kontroll saknas. Nämnden har inte följt upp kontrollerna.\n"
        "Finns det rutiner för avtalsuppföljning?\n"
        "Det finns rutiner för avtalsuppföljning.\n\n"
        "Rekommendationer\n"
        "Vi rekommenderar nämnden att:\n"
        "- Följa upp kontrollerna.\n"
    )

    questions = parse_audit(text=text).questions

    assert [(q.assessment, q.raw.splitlines()[-1]) for q in questions] == [
        ("no", "En plan för intern kontroll saknas."),
        ("yes", "Det finns rutiner för avtalsuppföljning."),
    ]
