from oversight import more_checks
from oversight.checks import ProgramData
from oversight.data import AreaAnalysisData, CompanyData, DocumentData, ProjectData, ReportData, YearData


def _data(**changes):
    base = dict(name="Program", year=2026, owner="Kommunstyrelsen", areas=[], goals=[], forums=[], cycle=None)
    return ProgramData(**(base | changes))


def _year(**changes):
    base = dict(year=2026, cycle_year=2025, cycle_url="/c/", analysis_year=2025, analysis_url="/v/")
    return YearData(**(base | changes))


def _areas(analysed, compared, total=10):
    return [AreaAnalysisData(name=f"Område {n}", analysed=n < analysed, compared=n < compared) for n in range(total)]


def test_analysis_without_an_approved_report_says_so():
    result = more_checks.analysis(_data())
    assert result.verdict is None
    assert result.figure == "Det finns ingen godkänd rapport ännu, och därmed ingen analys per område."


def test_analysis_per_area_and_comparison_with_county_or_country():
    result = more_checks.analysis(_data(this_year=_year(areas=_areas(9, 5))))
    assert result.figure == ("9 av 10 områden har en analys i den godkända rapporten 2025. "
                             "5 av 10 områden jämför statistiken med länet eller riket.")
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Område 9", "Rapporten 2025"]
    assert more_checks.analysis(_data(this_year=_year(areas=_areas(10, 4)))).verdict == "nej"
    assert more_checks.analysis(_data(this_year=_year(areas=_areas(10, 9)))).verdict == "ja"


def _document(n, *, overlapping=False, in_hierarchy=True, review_due=True, review_overdue=False):
    return DocumentData(title=f"Dokument {n}", url=f"/d/{n}/", overlapping=overlapping, in_hierarchy=in_hierarchy,
                        review_due=review_due, review_overdue=review_overdue)


def test_documents_in_harmony_overlap_hierarchy_and_review():
    documents = [_document(n) for n in range(8)] + [
        _document(8, overlapping=True, review_overdue=True), _document(9, in_hierarchy=False, review_due=False),
    ]
    result = more_checks.documents(_data(documents=documents))
    assert "9 av 10 styrdokument överlappar inte något annat av samma typ." in result.figure
    assert "9 av 10 styrdokument har en plats i dokumenthierarkin." in result.figure
    assert "8 av 10 styrdokument har ett datum för översyn som inte har passerat." in result.figure
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Dokument 8", "Dokument 9", "Dokument 8", "Dokument 9"]


def test_documents_without_register_says_so():
    result = more_checks.documents(_data())
    assert (result.verdict, result.figure) == (None, "Registret har inga styrdokument ännu.")


def test_projects_initiated_and_ended_ones_evaluated():
    projects = [ProjectData(name=f"Projekt {n}", url="/p/", initiated=n != 0, ended=n < 4, evaluated=n < 2)
                for n in range(10)]
    result = more_checks.projects(_data(projects=projects))
    assert "9 av 10 projekt startades med mål och budget." in result.figure
    assert "2 av 4 avslutade projekt är utvärderade." in result.figure
    assert result.verdict == "delvis"


def test_projects_none_ended_judges_only_initiation():
    projects = [ProjectData(name="Projekt", url="/p/", initiated=True, ended=False, evaluated=False)]
    result = more_checks.projects(_data(projects=projects))
    assert "Inget projekt har avslutats ännu." in result.figure
    assert result.verdict == "ja"
    assert more_checks.projects(_data()).figure == "Projektregistret är tomt."


def _company(n, answered=True):
    return CompanyData(name=f"Bolag {n}", url="/o/", asked=True, answered=answered)


def _report(**changes):
    return ReportData(**(dict(year=2025, url="/r/", approved=True, filed=True, ks_decided=True, dispatches=1) | changes))


def test_companies_answers_reach_ks_through_the_report():
    year = _year(companies=[_company(1), _company(2, answered=False)], report=_report())
    result = more_checks.companies(_data(companies=2, this_year=year))
    assert result.figure == ("1 av 2 bolag svarade i uppföljningen 2025. "
                             "Bolagens svar har nått kommunstyrelsen genom rapporten 2025.")
    assert result.verdict == "delvis"


def test_companies_report_not_taken_up_by_ks_is_no():
    year = _year(companies=[_company(1)], report=_report(ks_decided=False))
    result = more_checks.companies(_data(companies=1, this_year=year))
    assert result.verdict == "nej"
    assert "Kommunstyrelsen har inte tagit del av rapporten 2025 med bolagens svar." in result.figure


def test_companies_without_companies_or_cycle_say_so():
    assert more_checks.companies(_data()).figure == "Kommunen har inga bolag i organisationsregistret."
    result = more_checks.companies(_data(year=2025, companies=1, this_year=_year(cycle_year=None)))
    assert (result.verdict, result.figure) == (None, "Ingen uppföljning har genomförts för 2025.")
