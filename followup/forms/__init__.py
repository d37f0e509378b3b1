from followup.forms.answering import ActivityRowForm
from followup.forms.cycles import AskTable, CycleCloseForm, CycleOpenForm, ResponsePeopleForm
from followup.forms.links import RespondentLinkForm
from followup.forms.questionnaires import QuestionForm, SectionAddForm

__all__ = ["ActivityRowForm", "AskTable", "CycleCloseForm", "CycleOpenForm", "QuestionForm", "RespondentLinkForm",
           "ResponsePeopleForm", "SectionAddForm"]
