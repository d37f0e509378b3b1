"""Workflow that writes the follow-up: questionnaires, cycles and answers. Callers use
`from followup import services; services.cycle_open(...)`, so every service and message
constant of the modules below is re-exported here."""

from followup.forms.answering import (
    NUMBER_DECIMALS, NUMBER_EXPECTED, NUMBER_OUT_OF_RANGE, RATING_EXPECTED, TEXT_TOO_LONG, UNKNOWN_OPTION,
    VERSION_UNKNOWN,
)
from followup.services.answering import (
    COMMENT_NEEDED, CYCLE_CLOSED, KEY_OF_OTHER_ANSWER, NOT_ASKED, NOT_EDITABLE, NOT_SUBMITTED, NOT_YET_OPEN,
    NOTHING_TO_SUBMIT, OTHER_QUESTIONNAIRE, activity_row_add, answer_save, answers_confirm, response_approve, response_return,
    response_submit,
)
from followup.services.cycles import (
    CYCLE_ALREADY_CLOSED, EARLIER_CYCLE_OPEN, NO_ORGANIZATION_ASKED, PERSON_OF_OTHER_MUNICIPALITY,
    YEAR_OUTSIDE_PROGRAM, cycle_close, cycle_open, cycle_open_warnings, response_people_update,
)
from followup.services.links import (
    LINK_AFTER_DEADLINE, LINK_ALREADY_REVOKED, LINK_CYCLE_CLOSED, LINK_DATE_PASSED, LINK_EXPIRED, LINK_INVALID,
    LINK_OTHER_QUESTION, LINK_OTHER_RESPONSE, LINK_REVOKED, link_response, respondent_link_create,
    respondent_link_for_token, respondent_link_revoke,
)
from followup.services.questionnaires import (
    AREA_ALREADY_IN_QUESTIONNAIRE, KEY_OF_OTHER_QUESTIONNAIRE, NEW_VERSION_MADE, NOT_LATEST_VERSION,
    ORGANIZATIONS_NEEDED, question_add, question_update, questionnaire_in_use, questionnaire_new_version, section_add,
)

__all__ = [
    "AREA_ALREADY_IN_QUESTIONNAIRE", "COMMENT_NEEDED", "CYCLE_ALREADY_CLOSED", "CYCLE_CLOSED", "EARLIER_CYCLE_OPEN",
    "KEY_OF_OTHER_ANSWER", "KEY_OF_OTHER_QUESTIONNAIRE", "LINK_AFTER_DEADLINE", "LINK_ALREADY_REVOKED",
    "LINK_CYCLE_CLOSED", "LINK_DATE_PASSED", "LINK_EXPIRED", "LINK_INVALID", "LINK_OTHER_QUESTION",
    "LINK_OTHER_RESPONSE", "LINK_REVOKED", "NEW_VERSION_MADE", "NOT_ASKED", "NOT_EDITABLE",
    "NOT_LATEST_VERSION", "NOT_SUBMITTED", "NOT_YET_OPEN", "NOTHING_TO_SUBMIT", "NO_ORGANIZATION_ASKED",
    "NUMBER_DECIMALS", "NUMBER_EXPECTED", "NUMBER_OUT_OF_RANGE", "ORGANIZATIONS_NEEDED", "OTHER_QUESTIONNAIRE",
    "PERSON_OF_OTHER_MUNICIPALITY", "RATING_EXPECTED", "TEXT_TOO_LONG", "UNKNOWN_OPTION", "VERSION_UNKNOWN",
    "YEAR_OUTSIDE_PROGRAM", "activity_row_add", "answer_save", "answers_confirm", "cycle_close", "cycle_open", "cycle_open_warnings",
    "link_response", "respondent_link_create", "respondent_link_for_token", "respondent_link_revoke",
    "question_add", "question_update", "questionnaire_in_use", "questionnaire_new_version", "response_approve",
    "response_people_update", "response_return", "response_submit", "section_add",
]
