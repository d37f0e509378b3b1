from followup.completeness import Cell, Row
from followup.models import CycleOrganization
from followup.templatetags.followup_tags import completeness_cells, response_status

Status = CycleOrganization.Status


def test_the_status_tag_says_the_status_in_words_and_repeats_it_in_colour():
    tag = response_status(CycleOrganization(status=Status.RETURNED))
    assert tag == '<span class="ds-tag" data-color="warning">Återlämnad för komplettering</span>'


def test_a_completeness_cell_says_answered_of_asked_or_a_dash_where_nothing_is_asked():
    row = Row(response=CycleOrganization(), cells=[Cell(answered=2, asked=5), Cell(answered=0, asked=0)],
              days_overdue=0, reminders_sent=0)
    assert completeness_cells(row) == "<td>2 av 5</td><td>—</td>"


def test_a_completeness_cell_says_when_the_questionnaire_asks_nothing_about_the_area():
    row = Row(response=CycleOrganization(), cells=[Cell(answered=0, asked=0, no_question=True)],
              days_overdue=0, reminders_sent=0)
    assert completeness_cells(row) == "<td>Ingen fråga ställd</td>"
