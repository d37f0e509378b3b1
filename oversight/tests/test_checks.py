from oversight import checks
from oversight.checks import AreaData, CycleData, ForumData, GoalData, ProgramData, RespondentData


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
