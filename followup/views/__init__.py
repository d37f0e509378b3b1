"""The follow-up's pages; urls.py names them as `views.<name>`."""

from followup.views.cycles import cycle_close, cycle_detail, cycle_export, cycle_json, cycle_list, cycle_open
from followup.views.links import link_answer, link_submit, respondent_link_create, respondent_link_revoke
from followup.views.questionnaires import (
    question_add, question_edit, questionnaire_detail, questionnaire_list, section_add,
)
from followup.views.responses import (
    activity_row_add, answer_save, answers_confirm, my_followup, response_approve, response_edit, response_history,
    response_people_edit, response_return, response_submit,
)

__all__ = [
    "activity_row_add", "answer_save", "answers_confirm", "cycle_close", "cycle_detail", "cycle_export",
    "cycle_json", "cycle_list", "cycle_open", "link_answer", "link_submit", "my_followup", "question_add",
    "question_edit", "questionnaire_detail", "questionnaire_list", "respondent_link_create",
    "respondent_link_revoke", "response_approve", "response_edit", "response_history", "response_people_edit",
    "response_return", "response_submit", "section_add",
]
