"""The self-assessment page: the auditors' questions answered from the records, per program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.params import int_param
from core.permissions import require
from oversight import selectors, services
from oversight.forms import QuestionLinkForm
from oversight.page_cache import page_parts


def _page(request, *, program_id=None, link_form=None):
    programs = list(selectors.programs(municipality=request.municipality))
    if program_id:
        # Another municipality's program does not exist for the user: 404.
        program = next((p for p in programs if p.pk == program_id), None)
        if program is None:
            raise Http404
    else:
        program = programs[0] if programs else None
    can_link = request.user.has_perm("oversight.link_question")
    parts = page_parts(municipality=request.municipality, program=program, today=timezone.localdate(),
                       can_link=can_link)
    return render(request, "oversight/page.html", {
        "programs": programs, "program": program, "results_html": parts.checks,
        "questions_html": parts.questions_for(request), "link_form": link_form,
    })


@require_GET
@login_required
def oversight_page(request):
    require(request.user, "oversight.view_oversight")
    return _page(request, program_id=int_param(request.GET, "program"))


@require_POST
@login_required
def question_link(request):
    require(request.user, "oversight.link_question")
    form = QuestionLinkForm(request.POST, municipality=request.municipality)
    if not form.is_valid():
        return _page(request, link_form=form)
    services.question_link(question=form.cleaned_data["question"], check_key=form.cleaned_data["check_key"],
                           by=request.user)
    messages.success(request, _("Kopplingen är sparad."))
    return redirect(reverse("oversight:page") + "#revisionsfragor")
