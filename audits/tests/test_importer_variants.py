"""Report layouts seen beyond the seeds: flattened tables, sub-headed lists per body."""

from audits.importer import parse_audit


def test_unnumbered_table_rows_with_the_label_after_the_question_are_separate_questions():
    text = (
        "Granskning av uppföljning inom äldreomsorgen\n\n"
        "Bedömning per revisionsfråga\n"
        "Revisionsfråga Bedömning\n"
        "Har nämnden fastställt mätbara mål? Uppfyllt\n"
        "Sker en regelbunden uppföljning av målen? Delvis uppfyllt\n"
        "Vidtas åtgärder vid avvikelser? Ej uppfyllt\n\n"
        "Rekommendationer\n"
        "Utifrån granskningen rekommenderas vård- och omsorgsnämnden att:\n"
        "- Dokumentera analysen av avvikelser.\n"
    )

    questions = parse_audit(text=text).questions

    assert [(q.number, q.text, q.assessment) for q in questions] == [
        (1, "Har nämnden fastställt mätbara mål?", "yes"),
        (2, "Sker en regelbunden uppföljning av målen?", "partly"),
        (3, "Vidtas åtgärder vid avvikelser?", "no"),
    ]


def test_a_we_recommend_subheading_with_a_list_per_body_gives_each_body_its_items():
    text = (
        "Intern kontroll av inköp\n\n"
        "Sammanfattning\n"
        "Vår sammanfattande bedömning är att kommunstyrelsen inte har säkerställt en tillräcklig intern kontroll.\n"
        "Vi rekommenderar\n"
        "Kommunstyrelsen:\n"
        "• Att ta fram riktlinjer för direktupphandling.\n"
        "• Att följa upp avtalstrohet.\n"
        "Tekniska ndmnden:\n"
        "• Att utbilda beställare i inköpsrutinerna.\n"
    )

    recommendations = parse_audit(text=text).recommendations

    assert [(r.addressee, r.text) for r in recommendations] == [
        ("Kommunstyrelsen", "Ta fram riktlinjer för direktupphandling"),
        ("Kommunstyrelsen", "Följa upp avtalstrohet"),
        ("Tekniska nämnden", "Utbilda beställare i inköpsrutinerna"),
    ]


def test_a_table_with_the_label_after_the_comment_and_recommendations_below_it():
    text = (
        "Granskning av arbetsmiljöarbetet\n"
        "Stenungsunds kommun\n"
        "PwC\n\n"
        "Sammanfattning och revisionell bedömning\n"
        "Vi bedömer sammantaget att kommunstyrelsen delvis bedriver ett ändamålsenligt arbetsmiljöarbete.\n\n"
        "Kontrollmål Kommentar Bedömning\n"
        "Finns riktlinjer för arbetsmiljöarbetet? Riktlinjer finns och är aktuella. Uppfyllt\n"
        "Genomförs skyddsronder? Skyddsronder genomförs inte i alla verksam-\n"
        "heter. Delvis uppfyllt\n\n"
        "Utifrån ovanstående bedömning rekommenderar vi kommunstyrelsen att:\n"
        "• Säkerställa att skyddsronder genomförs i samtliga verksamheter\n\n"
        "Revisorerna emotser kommunstyrelsens svar senast den 15 januari 2021.\n"
    )

    draft = parse_audit(text=text)

    assert [(q.text, q.assessment, q.comment) for q in draft.questions] == [
        ("Finns riktlinjer för arbetsmiljöarbetet?", "yes", "Riktlinjer finns och är aktuella."),
        ("Genomförs skyddsronder?", "partly", "Skyddsronder genomförs inte i alla verksamheter."),
    ]
    assert [(o.body, o.assessment, o.text) for o in draft.overall_assessments] == [(
        "Kommunstyrelsen", "partly",
        "Vi bedömer sammantaget att kommunstyrelsen delvis bedriver ett ändamålsenligt arbetsmiljöarbete.",
    )]
    assert [(r.addressee, r.text) for r in draft.recommendations] == [
        ("Kommunstyrelsen", "Säkerställa att skyddsronder genomförs i samtliga verksamheter")
    ]
    assert (draft.response_from, draft.response_by) == (["Kommunstyrelsen"], "2021-01-15")
