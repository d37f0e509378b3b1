"""The registers: steering documents (list, page, tree, overlaps), projects with their
evaluation, collaboration forums and routines."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.params import int_param
from core.permissions import require
from core.views import render_history
from steering import selectors, services
from steering.forms import DocumentForm, ForumForm, ProjectEvaluationForm, ProjectForm, RoutineForm
from steering.models import Forum, Project, Routine, SteeringDocument
from steering.views.common import form_page, own_organizations, update_args


def get_document(request, pk) -> SteeringDocument:
    return get_object_or_404(selectors.documents_for_page(municipality=request.municipality), pk=pk)


def get_project(request, pk) -> Project:
    return get_object_or_404(selectors.projects_for_page(municipality=request.municipality), pk=pk)


def get_forum(request, pk) -> Forum:
    return get_object_or_404(selectors.forums_for_page(municipality=request.municipality), pk=pk)


def get_routine(request, pk) -> Routine:
    return get_object_or_404(selectors.routines_for_page(municipality=request.municipality), pk=pk)


def _history(request, record):
    require(request.user, "steering.view_steering", record)
    return render_history(request, instance=record, back_url=record.get_absolute_url())


@require_GET
@login_required
def document_list(request):
    require(request.user, "steering.view_steering")
    kind = request.GET.get("typ", "")
    kind = kind if kind in SteeringDocument.Kind.values else ""
    organization_id = int_param(request.GET, "organisation")
    overdue = request.GET.get("oversyn") == "forsenad"
    return render(
        request,
        "steering/document_list.html",
        {
            "documents": selectors.documents_for_page(
                municipality=request.municipality, kind=kind, organization_id=organization_id, overdue=overdue
            ),
            "kinds": SteeringDocument.Kind.choices,
            "organizations": selectors.organizations_with_a_part(municipality=request.municipality),
            "kind": kind,
            "organization_id": organization_id,
            "overdue": overdue,
            "can_add": request.user.has_perm("steering.change_document"),
        },
    )


@require_GET
@login_required
def document_tree(request):
    require(request.user, "steering.view_steering")
    return render(
        request, "steering/document_tree.html", {"tree": selectors.document_tree(municipality=request.municipality)}
    )


@require_GET
@login_required
def document_overlap(request):
    require(request.user, "steering.view_steering")
    return render(
        request,
        "steering/document_overlap.html",
        {"overlaps": selectors.document_overlaps(municipality=request.municipality)},
    )


@require_GET
@login_required
def document_detail(request, pk):
    document = get_document(request, pk)
    require(request.user, "steering.view_steering", document)
    return render(
        request,
        "steering/document_detail.html",
        {
            "document": document,
            "areas": document.areas.select_related("program"),
            "children": document.children.order_by("title"),
            "can_change": request.user.has_perm("steering.change_document", document),
        },
    )


@require_GET
@login_required
def document_file(request, pk):
    """The attached file, to logged-in users only: the media directory itself is not served."""
    document = get_document(request, pk)
    require(request.user, "steering.view_steering", document)
    if not document.file or not document.file.storage.exists(document.file.name):
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=Path(document.file.name).name)


@require_http_methods(["GET", "POST"])
@login_required
def document_create(request):
    require(request.user, "steering.change_document")
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=SteeringDocument(municipality=request.municipality),
        municipality=request.municipality,
    )
    return form_page(
        request, form=form, title=_("Nytt styrdokument"), cancel_url=reverse("steering:document_list"),
        save=lambda form: services.document_create(
            municipality=request.municipality, data=form.model_data(), by=request.user
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_edit(request, pk):
    document = get_document(request, pk)
    require(request.user, "steering.change_document", document)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": document.title}, cancel_url=document.get_absolute_url(),
        save=lambda form: services.document_update(document=get_document(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def document_history(request, pk):
    return _history(request, get_document(request, pk))


@require_GET
@login_required
def project_list(request):
    require(request.user, "steering.view_steering")
    unevaluated = request.GET.get("visa") == "utan-utvardering"
    return render(
        request,
        "steering/project_list.html",
        {
            "projects": selectors.projects_for_page(municipality=request.municipality, unevaluated=unevaluated),
            "unevaluated": unevaluated,
            "can_add": request.user.has_perm("steering.add_project"),
        },
    )


@require_GET
@login_required
def project_detail(request, pk):
    project = get_project(request, pk)
    require(request.user, "steering.view_steering", project)
    return render(
        request,
        "steering/project_detail.html",
        {"project": project, "can_change": request.user.has_perm("steering.change_project", project)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_create(request):
    require(request.user, "steering.add_project")
    form = ProjectForm(
        request.POST or None, instance=Project(municipality=request.municipality), municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Nytt projekt"), cancel_url=reverse("steering:project_list"),
        save=lambda form: services.project_create(
            municipality=request.municipality, data=form.model_data(), by=request.user
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request, pk):
    project = get_project(request, pk)
    require(request.user, "steering.change_project", project)
    form = ProjectForm(
        request.POST or None, instance=project, municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": project.name}, cancel_url=project.get_absolute_url(),
        save=lambda form: services.project_update(project=get_project(request, pk), **update_args(request, form)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_evaluate(request, pk):
    project = get_project(request, pk)
    require(request.user, "steering.change_project", project)
    form = ProjectEvaluationForm(request.POST or None, instance=project, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Utvärdera %(name)s") % {"name": project.name},
        cancel_url=project.get_absolute_url(),
        save=lambda form: services.project_evaluate(project=get_project(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def project_history(request, pk):
    return _history(request, get_project(request, pk))


@require_GET
@login_required
def forum_list(request):
    require(request.user, "steering.view_steering")
    return render(
        request,
        "steering/forum_list.html",
        {
            "forums": selectors.forums_for_page(municipality=request.municipality),
            "can_add": request.user.has_perm("steering.add_forum"),
        },
    )


@require_GET
@login_required
def forum_detail(request, pk):
    forum = get_forum(request, pk)
    require(request.user, "steering.view_steering", forum)
    return render(
        request,
        "steering/forum_detail.html",
        {"forum": forum, "can_change": request.user.has_perm("steering.change_forum", forum)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_create(request):
    require(request.user, "steering.add_forum")
    form = ForumForm(
        request.POST or None, instance=Forum(municipality=request.municipality), municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Nytt samverkansforum"), cancel_url=reverse("steering:forum_list"),
        save=lambda form: services.forum_create(municipality=request.municipality, data=form.model_data(), by=request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_edit(request, pk):
    forum = get_forum(request, pk)
    require(request.user, "steering.change_forum", forum)
    form = ForumForm(
        request.POST or None, instance=forum, municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": forum.name}, cancel_url=forum.get_absolute_url(),
        save=lambda form: services.forum_update(forum=get_forum(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def forum_history(request, pk):
    return _history(request, get_forum(request, pk))


@require_GET
@login_required
def routine_list(request):
    require(request.user, "steering.view_steering")
    return render(
        request,
        "steering/routine_list.html",
        {
            "routines": selectors.routines_for_page(municipality=request.municipality),
            "can_add": request.user.has_perm("steering.add_routine"),
        },
    )


@require_GET
@login_required
def routine_detail(request, pk):
    routine = get_routine(request, pk)
    require(request.user, "steering.view_steering", routine)
    return render(
        request,
        "steering/routine_detail.html",
        {"routine": routine, "can_change": request.user.has_perm("steering.change_routine", routine)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def routine_create(request):
    require(request.user, "steering.add_routine")
    form = RoutineForm(
        request.POST or None, instance=Routine(municipality=request.municipality), municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ny rutin"), cancel_url=reverse("steering:routine_list"),
        save=lambda form: services.routine_create(
            municipality=request.municipality, data=form.model_data(), by=request.user
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def routine_edit(request, pk):
    routine = get_routine(request, pk)
    require(request.user, "steering.change_routine", routine)
    form = RoutineForm(
        request.POST or None, instance=routine, municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": routine.title}, cancel_url=routine.get_absolute_url(),
        save=lambda form: services.routine_update(routine=get_routine(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def routine_history(request, pk):
    return _history(request, get_routine(request, pk))
