from oversight import checks
from oversight.checks import AreaData, CycleData, ForumData, GoalData, ProgramData, RespondentData
from oversight.data import MatrixData, ReminderData, ReportData, YearData
from oversight.parts import Link


def _area(n, *, responsible="Arbetslivsnämnden", mandate=True, linked=1):
    return AreaData(name=f"Område {n}", url=f"/a/{n}/", responsible=responsible, mandate_written=mandate,
                    activities=linked, activities_linked=linked)


def _data(**changes):
    base = dict(name="Program", year=2026, owner="Kommunstyrelsen", areas=[], goals=[], forums=[], cycle=None)
    return ProgramData(**(base | changes))


def test_verdict_thresholds():
    assert checks.verdict_for(9, 10) == "ja"
    assert checks.verdict_for(89, 100) == "delvis"
    assert checks.verdict_for(5, 10) == "delvis"
    assert checks.verdict_for(49, 100) == "nej"
    assert checks.verdict_for(0, 3) == "nej"


def test_roles_counts_areas_with_responsible_and_mandate():
    areas = [_area(1), _area(2, responsible=""), _area(3, mandate=False), _area(4)]
    result = checks.roles(_data(areas=areas))
    assert result.figure.startswith("2 av 4 områden")
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Område 2", "Område 3"]
    assert "90 %" in result.rule


def test_roles_without_coordinating_board_is_no():
    result = checks.roles(_data(areas=[_area(1)], owner=""))
    assert result.verdict == "nej"
    assert "saknar samordnande nämnd" in result.figure


def test_roles_without_areas_says_so():
    result = checks.roles(_data())
    assert result.verdict is None
    assert result.figure == "Programmet har inga områden ännu."


def test_goals_figure_and_verdict():
    goals = [GoalData(title=f"Mål {n}", url="/g/", has_target=n < 41) for n in range(43)]
    result = checks.goals(_data(goals=goals))
    assert result.figure == "41 av 43 mål har indikator med målvärde."
    assert result.verdict == "ja"
    assert len(result.gaps) == 2


def test_goals_without_goals_says_so():
    assert checks.goals(_data()).verdict is None


def test_strategy_areas_without_linked_activities_are_gaps():
    result = checks.strategy(_data(areas=[_area(1), _area(2, linked=0)]))
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Område 2"]
    assert checks.strategy(_data()).verdict is None


def test_followup_without_cycle_says_so_in_words():
    result = checks.followup(_data(year=2025))
    assert result.verdict is None
    assert result.figure == "Ingen uppföljning har genomförts för 2025."


def test_followup_counts_on_time_late_missing():
    states = ["on_time"] * 3 + ["late", "missing"]
    cycle = CycleData(year=2026, url="/c/", respondents=[
        RespondentData(organization=f"Org {n}", url="/c/", state=state) for n, state in enumerate(states)
    ])
    result = checks.followup(_data(cycle=cycle))
    assert result.figure == "3 av 5 organisationer svarade i tid, 1 sent och 1 saknas."
    assert result.verdict == "delvis"
    assert len(result.gaps) == 2


def test_followup_cycle_without_organisations_says_so():
    result = checks.followup(_data(cycle=CycleData(year=2026, url="/c/", respondents=[])))
    assert result.verdict is None


def test_collaboration_needs_active_evaluated_forums_with_partners():
    forums = [
        ForumData(name="Bra", url="/f/", active=True, evaluated=True, external_members=1),
        ForumData(name="Vilande", url="/f/", active=False, evaluated=True, external_members=1),
    ]
    result = checks.collaboration(_data(forums=forums))
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Vilande"]
    assert checks.collaboration(_data()).verdict == "nej"


def _recommendation(n, *, answered=True, measures=1, verified=1):
    return checks.RecommendationData(text=f"Rekommendation {n}", url="/r/", answered=answered, measures=measures,
                                     measures_verified=verified)


def test_ks_oversight_needs_answers_and_verified_measures():
    recommendations = [
        _recommendation(1), _recommendation(2, answered=False), _recommendation(3, verified=0),
        _recommendation(4, measures=0, verified=0),
    ]
    result = checks.ks_oversight(_data(ks_recommendations=recommendations))
    assert result.figure.startswith("1 av 4 rekommendationer")
    assert result.verdict == "nej"
    assert len(result.gaps) == 3


def test_ks_oversight_without_recommendations_says_so():
    result = checks.ks_oversight(_data())
    assert result.verdict is None
    assert result.figure == "Revisorerna har inte riktat några rekommendationer till kommunstyrelsen."


def _cycle(*states):
    return CycleData(year=2026, url="/c/", respondents=[
        RespondentData(organization=f"Org {n}", url="/c/", state=state) for n, state in enumerate(states)
    ])


def test_followup_before_the_deadline_is_not_judged():
    result = checks.followup(_data(cycle=_cycle("pending", "pending")))
    assert result.verdict is None
    assert result.figure == "Svarstiden för uppföljningen 2026 har inte gått ut; 2 organisationer har inte svarat ännu."


def test_followup_judges_only_those_due():
    result = checks.followup(_data(cycle=_cycle("on_time", "pending")))
    assert result.figure == "1 av 1 organisationer svarade i tid, 0 sent och 0 saknas."
    assert result.verdict == "ja"
    assert result.gaps == []


def _year(**changes):
    base = dict(year=2026, cycle_year=2025, cycle_url="/c/", report=_report())
    return YearData(**(base | changes))


def _report(**changes):
    base = dict(year=2025, url="/r/", approved=True, filed=True, ks_decided=True, dispatches=10)
    return ReportData(**(base | changes))


def test_roles_mandates_past_review_are_gaps_and_judged_by_share():
    overdue = [Link(f"Roll {n}", "/o/") for n in range(2)]
    result = checks.roles(_data(areas=[_area(1)], mandates=10, mandates_overdue=overdue))
    assert "8 av 10 roller i organisationerna har inte passerat sitt datum för översyn." in result.figure
    assert result.verdict == "delvis"
    assert [gap.label for gap in result.gaps] == ["Roll 0", "Roll 1"]
    assert "Den svagaste delen avgör" in result.rule


def test_roles_names_the_coordinating_board():
    result = checks.roles(_data(areas=[_area(1)]))
    assert "Samordnande nämnd: Kommunstyrelsen." in result.figure
    assert result.verdict == "ja"


def test_roles_gaps_in_the_responsibility_matrix():
    matrix = MatrixData(goals=4, goals_without_responsible=[Link("Mål", "/g/")], organizations=10,
                        organizations_without_part=[Link(f"Nämnd {n}", "/m/") for n in range(6)])
    result = checks.roles(_data(areas=[_area(1)], matrix=matrix))
    assert "3 av 4 programmål har en ansvarig organisation." in result.figure
    assert "4 av 10 nämnder och bolag har en roll i ansvarsfördelningen." in result.figure
    assert result.verdict == "nej"
    assert len(result.gaps) == 7


def test_followup_report_steps_all_taken():
    result = checks.followup(_data(cycle=_cycle("on_time"), this_year=_year()))
    assert result.figure == (
        "1 av 1 organisationer svarade i tid, 0 sent och 0 saknas. Rapporten 2025 är godkänd. "
        "Kommunstyrelsen har lagt rapporten 2025 till handlingarna. Rapporten 2025 är expedierad till 10 organisationer. "
        "10 av 10 organisationer har kvitterat rapporten.")
    assert result.verdict == "ja"


def test_followup_report_not_filed_by_ks_is_no():
    result = checks.followup(_data(cycle=_cycle("on_time"), this_year=_year(report=_report(filed=False))))
    assert result.verdict == "nej"
    assert [gap.label for gap in result.gaps] == ["Kommunstyrelsen har inte lagt rapporten 2025 till handlingarna."]


def test_followup_acknowledgements_and_missed_targets_by_share():
    report = _report(unacknowledged=[Link(f"Org {n}", "/v/") for n in range(5)], missed_targets=4,
                     missed_unexplained=[Link("Andel i arbete", "/v/")])
    result = checks.followup(_data(cycle=_cycle("on_time"), this_year=_year(report=report)))
    assert "5 av 10 organisationer har kvitterat rapporten." in result.figure
    assert "3 av 4 missade målvärden har orsak och åtgärd." in result.figure
    assert result.verdict == "delvis"


def test_followup_without_a_report_says_it_has_not_begun():
    result = checks.followup(_data(cycle=_cycle("on_time"), this_year=_year(report=None)))
    assert "Rapporten för uppföljningen 2025 är inte påbörjad." in result.figure
    assert result.verdict == "nej"


def test_followup_while_answers_are_pending_is_judged_on_last_cycles_report():
    result = checks.followup(_data(cycle=_cycle("pending"), this_year=_year()))
    assert result.figure.startswith("Svarstiden för uppföljningen 2026 har inte gått ut")
    assert result.verdict == "ja"


def test_ks_oversight_reminders_sent_and_acted_on():
    late = [Link(f"Org {n}", "/c/") for n in range(4)]
    reminded = [ReminderData("Org 0", "/c/", True), ReminderData("Org 1", "/c/", False)]
    year = _year(late=late, not_reminded=late[2:], reminded=reminded)
    result = checks.ks_oversight(_data(this_year=year))
    assert "2 av 4 sena organisationer i uppföljningen 2025 påmindes eller eskalerades." in result.figure
    assert "1 av 2 påminda organisationer svarade sedan." in result.figure
    assert "Kommunstyrelsen har fattat beslut om rapporten 2025." in result.figure
    assert result.verdict == "delvis"


def test_ks_oversight_with_no_one_late_judges_the_rest():
    result = checks.ks_oversight(_data(this_year=_year(report=_report(ks_decided=False))))
    assert "ingen behövde påminnas" in result.figure
    assert result.verdict == "nej"
    assert [gap.label for gap in result.gaps] == ["Kommunstyrelsen har inte fattat beslut om rapporten 2025."]


def test_assess_gives_every_check_a_trend_against_last_year():
    previous = _data(year=2025, cycle=_cycle("on_time"), this_year=_year(report=_report(filed=False)))
    data = _data(cycle=_cycle("on_time"), this_year=_year(), previous=previous)
    results = {result.key: result for result in checks.assess(data)}
    assert len(results) == 10
    assert results["followup"].trend.direction == "up"
    assert results["goals"].trend.direction is None
