"""Pages of one organisation's answers: the respondent's list and form, activity rows,
and the review steps. Views parse input, call a service or selector, and render."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import save_form
from core.history import FieldChange
from core.permissions import require
from core.versioning import StaleEditError
from core.views import render_history, run_step
from followup import selectors, services
from followup.forms import ActivityRowForm, ResponsePeopleForm
from followup.forms.answering import seen_version_parse
from followup.models import Answer, CycleOrganization, Question


def response_in_municipality(request, pk) -> CycleOrganization:
    """One organisation's answers in the user's municipality, read with the records its
    pages show. Every table joined costs PostgreSQL planning time on each read (eight
    tables: 3.3 ms of server CPU, six: 2.1 ms), so the municipality, already known from
    the request, is not joined again."""
    response = get_object_or_404(
        CycleOrganization.objects.select_related("cycle__program", "organization", "respondent", "backup"),
        pk=pk,
        cycle__program__municipality=request.municipality,
    )
    response.cycle.program.municipality = request.municipality
    return response


@require_GET
@login_required
def my_followup(request):
    require(request.user, "followup.view_own")
    responses = selectors.responses_for_user(user=request.user, municipality=request.municipality)
    return render(request, "followup/response_list.html", {"responses": responses})


@dataclass
class Problem:
    """Why an answer was not saved; after a conflict, what the other person saved."""

    message: str
    changes: list[FieldChange] = field(default_factory=list)

    def __str__(self):
        return self.message


def _save_one(request, response, question, problems: dict, by=None) -> Answer | None:
    """Save the posted value of one question as `by` (the user, or a one-time link); a
    refusal is kept in `problems` by question."""
    try:
        return services.answer_save(
            response=response, question=question, value=request.POST.get(f"q-{question.pk}", ""),
            seen_version=seen_version_parse(request.POST.get(f"v-{question.pk}")), by=by or request.user,
        )
    except StaleEditError as conflict:
        problems[question.pk] = Problem(conflict.messages[0], conflict.stale_edit.changes)
    except ValidationError as error:
        problems[question.pk] = Problem(error.messages[0])
    return None


def answers_save_posted(request, response, sections, *, by=None) -> dict:
    """Save every posted answer that differs from the one stored; returns the refusals
    by question (empty when all were saved)."""
    changed = [item.question for section in sections for item in section.items if _posted_differs(request, item)]
    # Saving asks whether each question is put to the organisation, which reads the
    # organisations chosen for it: one query for all.
    prefetch_related_objects(changed, "target_organizations")
    problems = {}
    for question in changed:
        _save_one(request, response, question, problems, by=by)
    return problems


def form_values_fill(request, sections, problems: dict) -> None:
    """Show each question's stored answer, or what was posted where it was refused."""
    for section in sections:
        for item in section.items:
            item.value = request.POST.get(f"q-{item.question.pk}") if item.question.pk in problems else (
                _current_value(item.answer)
            )
            item.problem = problems.get(item.question.pk)


def _posted_differs(request, item) -> bool:
    posted = request.POST.get(f"q-{item.question.pk}")
    if posted is None:
        return False
    return posted.strip() != _current_value(item.answer)


def _current_value(answer: Answer | None) -> str:
    if answer is None:
        return ""
    if answer.number is not None:
        return f"{answer.number.normalize():f}"
    if answer.rating is not None:
        return str(answer.rating)
    return answer.choice or answer.text


@require_http_methods(["GET", "POST"])
@login_required
def response_edit(request, pk):
    response = response_in_municipality(request, pk)
    require(request.user, "followup.view_response", response)
    can_answer = request.user.has_perm("followup.answer", response)
    problems = {}
    if request.method == "POST":
        require(request.user, "followup.answer", response)
        problems = answers_save_posted(request, response, selectors.response_form(response=response))
        if not problems:
            messages.success(request, _("Svaren är sparade som utkast."))
            return redirect(response)
        response.refresh_from_db()
    sections = selectors.response_form(response=response)
    form_values_fill(request, sections, problems)
    return render(request, "followup/response_edit.html", {
        "response": response, "sections": sections, "can_answer": can_answer and response.is_editable
        and response.cycle.accepts_answers, "can_review": request.user.has_perm("followup.manage_cycle"),
        "has_problems": bool(problems)})


@require_POST
@login_required
def answers_confirm(request, pk):
    """Confirm prefilled answers as still true ("Bekräfta oförändrat"): one question (its
    id), a section ("avsnitt-<id>") or every one ("alla"). Its buttons sit outside the
    answer form, so pressing Enter in an answer never confirms anything by mistake."""
    response = response_in_municipality(request, pk)
    require(request.user, "followup.answer", response)
    wanted = set(request.POST.getlist("bekrafta"))
    questions = [
        item.question for section in selectors.response_form(response=response) for item in section.items
        if "alla" in wanted or str(item.question.pk) in wanted or f"avsnitt-{section.section.pk}" in wanted
    ]
    try:
        confirmed = services.answers_confirm(response=response, questions=questions, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ngettext("%(count)s förifyllt svar är bekräftat.",
                                           "%(count)s förifyllda svar är bekräftade.", confirmed)
                         % {"count": confirmed})
    return redirect(response)


@require_POST
@login_required
def answer_save(request, pk, question_pk):
    """One field saved on its own: by htmx as the respondent leaves the field, or as a
    plain post that returns to the form."""
    # Only what saving one answer reads (the cycle, the organisation): every autosave
    # of every respondent comes here, the page's other relations would cost each one.
    response = get_object_or_404(CycleOrganization.objects.select_related("cycle", "organization"), pk=pk,
                                 cycle__program__municipality=request.municipality)
    require(request.user, "followup.answer", response)
    # The chosen organisations are read by applies_to only for a question asked of chosen ones.
    question = get_object_or_404(Question, pk=question_pk)
    problems = {}
    answer = _save_one(request, response, question, problems)
    if not request.htmx:
        if problems:
            messages.error(request, str(problems[question.pk]))
        return redirect(response)
    if answer is None:
        answer = Answer.objects.filter(response=response, question=question).order_by().first()
    item = selectors.FormItem(question, answer)
    item.problem = problems.get(question.pk)
    item.value = request.POST.get(f"q-{question.pk}", "") if item.problem else _current_value(answer)
    item.saved = item.problem is None
    return render(request, "followup/response_edit.html#question", {"response": response, "item": item,
                                                                     "can_answer": True})


@require_http_methods(["GET", "POST"])
@login_required
def activity_row_add(request, pk, question_pk):
    """Add an activity row to an activities question, on a page of its own."""
    response = response_in_municipality(request, pk)
    require(request.user, "followup.answer", response)
    question = get_object_or_404(
        Question.objects.filter(questionnaire_id=response.cycle.questionnaire_id, kind=Question.Kind.ACTIVITIES),
        pk=question_pk,
    )
    form = ActivityRowForm(request.POST or None, program=response.cycle.program)
    if request.method == "POST" and form.is_valid():
        row, _stale = save_form(form, lambda form: services.activity_row_add(
            response=response, question=question, data=form.model_data(), areas=form.cleaned_data["areas"],
            submission_key=form.cleaned_data["submission_key"], by=request.user,
        ))
        if row is not None:
            messages.success(request, _("Aktiviteten är tillagd."))
            return redirect(f"{response.get_absolute_url()}#fraga-{question.pk}")
    return render(request, "followup/activity_row_form.html", {"form": form, "response": response,
                                                                "question": question})


@require_POST
@login_required
def response_submit(request, pk):
    response = response_in_municipality(request, pk)
    require(request.user, "followup.answer", response)
    run_step(request, lambda: services.response_submit(response=response, by=request.user),
             done=_("Svaren är inskickade. Ett kvitto har skickats med e-post."))
    return redirect(response)


@require_POST
@login_required
def response_return(request, pk):
    response = response_in_municipality(request, pk)
    require(request.user, "followup.manage_cycle")
    comment = request.POST.get("comment", "")
    run_step(request, lambda: services.response_return(response=response, comment=comment, by=request.user),
             done=_("Svaren är återlämnade för komplettering."))
    return redirect(response)


@require_POST
@login_required
def response_approve(request, pk):
    response = response_in_municipality(request, pk)
    require(request.user, "followup.manage_cycle")
    run_step(request, lambda: services.response_approve(response=response, by=request.user),
             done=_("Svaren är godkända."))
    return redirect(response.cycle)


@require_GET
@login_required
def response_history(request, pk):
    response = response_in_municipality(request, pk)
    require(request.user, "followup.view_response", response)
    return render_history(request, instance=response, back_url=response.get_absolute_url(),
                          parts=selectors.answer_history(response=response))


@require_http_methods(["GET", "POST"])
@login_required
def response_people_edit(request, pk):
    """The coordinator names another respondent or backup for one organisation."""
    response = response_in_municipality(request, pk)
    require(request.user, "followup.manage_cycle")
    candidates = selectors.respondent_candidates(municipality=request.municipality)
    form = ResponsePeopleForm(request.POST or None, instance=response, candidates=candidates)
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        record, stale_edit = save_form(form, lambda form: services.response_people_update(
            response=response_in_municipality(request, pk), respondent=form.cleaned_data["respondent"],
            backup=form.cleaned_data["backup"], seen_version=form.cleaned_data["seen_version"], by=request.user,
        ))
        if record is not None:
            messages.success(request, _("Uppgiftslämnare och ersättare är sparade."))
            for warning in form.warnings():
                messages.warning(request, warning)
            return redirect(record)
    return render(request, "followup/response_people_form.html", {
        "form": form, "response": response, "stale_edit": stale_edit,
    })
