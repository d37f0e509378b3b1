"""One-time links: the coordinator's invitations (give, list, revoke), and the link
holder's page, which opens only the link's organisation's questionnaire in its cycle and
saves and submits through the same services as a logged-in respondent, with the link as
`by`. Every try at a link counts against a rate limit, so tokens cannot be guessed at
speed; the pages are never cached, as their address carries the token."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from core.forms import save_form
from core.params import int_param
from core.permissions import require
from core.views import run_step
from followup import selectors, services
from followup.forms import RespondentLinkForm
from followup.models import RespondentLink
from followup.views.responses import answers_save_posted, form_values_fill, response_in_municipality


@require_http_methods(["GET", "POST"])
@login_required
def respondent_link_create(request, pk):
    """The coordinator's links for one organisation's answers: the invitation form and
    every link given, with a button to revoke those that still work."""
    response = response_in_municipality(request, pk)
    require(request.user, "followup.manage_cycle")
    form = RespondentLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link, _stale = save_form(form, lambda form: services.respondent_link_create(
            response=response, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
            expires_on=form.cleaned_data["expires_on"], by=request.user,
        ))
        if link is not None:
            messages.success(request, _("Länken är skickad till %(email)s.") % {"email": link.email})
            return redirect("followup:respondent_link_create", pk=response.pk)
    return render(request, "followup/respondent_link_form.html", {
        "form": form, "response": response, "links": response.links.select_related("created_by", "revoked_by"),
    })


@require_POST
@login_required
def respondent_link_revoke(request, pk):
    link = get_object_or_404(
        RespondentLink.objects.select_related("response"), pk=pk,
        response__cycle__program__municipality=request.municipality,
    )
    require(request.user, "followup.manage_cycle")
    run_step(request, lambda: services.respondent_link_revoke(link=link, by=request.user),
             done=_("Länken är återkallad och fungerar inte längre."))
    return redirect("followup:respondent_link_create", pk=link.response_id)


def _refused(request, error: ValidationError):
    return render(request, "followup/link_refused.html", {"message": error.messages[0]})


def _posted_question_ids(post) -> list[int]:
    return [int_param({"id": name[2:]}, "id") for name in post if name.startswith("q-")]


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=settings.RATELIMIT_TOKEN_LINK_PER_IP)
def link_answer(request, token):
    """The link holder's questionnaire: read, save as a draft, and (below) submit. A link
    that does not work, or a post naming other answers than the link's, gets a page
    saying why, and changes nothing."""
    try:
        link = services.respondent_link_for_token(token=token)
    except ValidationError as error:
        return _refused(request, error)
    response = link.response
    sections = selectors.response_form(response=response)
    problems = {}
    if request.method == "POST":
        try:
            services.link_response(
                link=link, response_id=int_param(request.POST, "svar"), question_ids=_posted_question_ids(request.POST),
                allowed_ids=[item.question.pk for section in sections for item in section.items],
            )
        except ValidationError as error:
            return _refused(request, error)
        problems = answers_save_posted(request, response, sections, by=link)
        if not problems:
            messages.success(request, _("Svaren är sparade som utkast."))
            return redirect("followup:link_answer", token=token)
        response.refresh_from_db()
        sections = selectors.response_form(response=response)
    form_values_fill(request, sections, problems)
    return render(request, "followup/link_answer.html", {
        "link": link, "response": response, "sections": sections, "token": token, "via_link": True,
        "can_answer": response.is_editable and response.cycle.accepts_answers, "has_problems": bool(problems)})


@never_cache
@require_POST
@ratelimit(key="ip", rate=settings.RATELIMIT_TOKEN_LINK_PER_IP)
def link_submit(request, token):
    try:
        link = services.respondent_link_for_token(token=token)
        response = services.link_response(link=link, response_id=int_param(request.POST, "svar"))
    except ValidationError as error:
        return _refused(request, error)
    run_step(request, lambda: services.response_submit(response=response, by=link),
             done=_("Svaren är inskickade. Ett kvitto har skickats med e-post."))
    return redirect("followup:link_answer", token=token)
