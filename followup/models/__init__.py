from followup.models.cycle import ActivityRow, Answer, CycleOrganization, FollowUpCycle
from followup.models.link import RespondentLink
from followup.models.questionnaire import Question, Questionnaire, Section

__all__ = [
    "ActivityRow", "Answer", "CycleOrganization", "FollowUpCycle", "Question", "Questionnaire", "RespondentLink",
    "Section",
]
