"""Questionnaire pages: the versions per program, one version's sections and questions,
and the coordinator's forms to edit or add a question and to add a section. A change to a
version used by an open cycle lands in a new version, and the page says so."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import save_form
from core.permissions import require
from followup import selectors, services
from followup.forms import QuestionForm, SectionAddForm
from followup.models import Question, Questionnaire, Section


def _questionnaire(request, pk) -> Questionnaire:
    require(request.user, "followup.view_cycle")
    return get_object_or_404(
        Questionnaire.objects.select_related("program"), pk=pk, program__municipality=request.municipality
    )


def _question_saved(request, question, notice):
    """Say where the change went: into this version, or into a new one (the notice), and
    show the question in the version it is in now."""
    if notice:
        messages.info(request, notice)
    else:
        messages.success(request, _("Ändringarna är sparade."))
    url = reverse("followup:questionnaire_detail", kwargs={"pk": question.questionnaire_id})
    return redirect(f"{url}#fraga-{question.pk}")


@require_GET
@login_required
def questionnaire_list(request):
    require(request.user, "followup.view_cycle")
    questionnaires = selectors.questionnaires_for_municipality(municipality=request.municipality)
    return render(request, "followup/questionnaire_list.html", {"questionnaires": questionnaires})


@require_GET
@login_required
def questionnaire_detail(request, pk):
    questionnaire = _questionnaire(request, pk)
    newer = Questionnaire.objects.filter(previous=questionnaire).first()
    return render(request, "followup/questionnaire_detail.html", {
        "questionnaire": questionnaire, "sections": selectors.questionnaire_sections(questionnaire=questionnaire),
        "in_use": services.questionnaire_in_use(questionnaire=questionnaire), "newer": newer,
        "cycles": questionnaire.cycles.order_by("-year"),
        "can_edit": newer is None and request.user.has_perm("followup.manage_cycle"),
        "can_add_section": SectionAddForm(questionnaire=questionnaire).fields["area"].queryset.exists(),
        "Targeting": Question.Targeting,
    })


@require_http_methods(["GET", "POST"])
@login_required
def question_edit(request, pk, question_pk):
    questionnaire = _questionnaire(request, pk)
    require(request.user, "followup.manage_cycle")
    question = get_object_or_404(questionnaire.questions.all(), pk=question_pk)
    form = QuestionForm(request.POST or None, instance=question, municipality=request.municipality)
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        saved, stale_edit = save_form(form, lambda form: services.question_update(
            question=get_object_or_404(Question, pk=question_pk), data=form.model_data(),
            seen_version=form.cleaned_data["seen_version"], by=request.user,
        ))
        if saved is not None:
            return _question_saved(request, *saved)
    return render(request, "followup/question_form.html", {
        "form": form, "questionnaire": questionnaire, "question": question, "stale_edit": stale_edit,
        "in_use": services.questionnaire_in_use(questionnaire=questionnaire),
    })


@require_http_methods(["GET", "POST"])
@login_required
def question_add(request, pk, section_pk):
    questionnaire = _questionnaire(request, pk)
    require(request.user, "followup.manage_cycle")
    section = get_object_or_404(Section.objects.select_related("area"), pk=section_pk, questionnaire=questionnaire)
    form = QuestionForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        saved, _stale = save_form(form, lambda form: services.question_add(
            section=section, data=form.model_data(), submission_key=form.cleaned_data["submission_key"],
            by=request.user,
        ))
        if saved is not None:
            return _question_saved(request, *saved)
    return render(request, "followup/question_form.html", {
        "form": form, "questionnaire": questionnaire, "section": section,
        "in_use": services.questionnaire_in_use(questionnaire=questionnaire),
    })


@require_http_methods(["GET", "POST"])
@login_required
def section_add(request, pk):
    questionnaire = _questionnaire(request, pk)
    require(request.user, "followup.manage_cycle")
    form = SectionAddForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        saved, _stale = save_form(form, lambda form: services.section_add(
            questionnaire=questionnaire, area=form.cleaned_data["area"], by=request.user,
        ))
        if saved is not None:
            section, notice = saved
            if notice:
                messages.info(request, notice)
            else:
                messages.success(request, _("Avsnittet är tillagt."))
            return redirect("followup:questionnaire_detail", pk=section.questionnaire_id)
    return render(request, "followup/section_form.html", {
        "form": form, "questionnaire": questionnaire,
        "in_use": services.questionnaire_in_use(questionnaire=questionnaire),
    })
