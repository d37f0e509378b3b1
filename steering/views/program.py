"""The program pages: the list, the whole tree, the responsibility matrix and the
governance gaps, and the program's own create and edit forms."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.params import int_param
from core.permissions import require
from core.views import render_history
from steering import gaps, selectors, services
from steering.forms import ProgramForm
from steering.indicator_values import program_stale_indicators
from steering.models import Program
from steering.page_cache import cached_html
from steering.views.common import form_page, own_organizations, update_args


def get_program(request, pk) -> Program:
    """Another municipality's program does not exist for the user: 404."""
    return get_object_or_404(selectors.programs_for_page(municipality=request.municipality), pk=pk)


@require_GET
@login_required
def program_list(request):
    require(request.user, "steering.view_steering")
    return render(
        request,
        "steering/program_list.html",
        {
            "programs": selectors.programs_for_page(municipality=request.municipality),
            "can_add": request.user.has_perm("steering.change_program"),
        },
    )


@require_GET
@login_required
def program_detail(request, pk):
    """The program's areas with counts; one area's goals, indicators and action plans open
    on demand (?omrade=<id>), in the page or, for htmx, as that area's fragment alone:
    the whole tree of a large program is too much to render or to read at once."""
    program = get_program(request, pk)
    require(request.user, "steering.view_steering", program)
    user = request.user
    area_id = int_param(request.GET, "omrade")
    open_area = get_object_or_404(program.areas, pk=area_id) if area_id else None
    context = {
        "program": program,
        "open_node": selectors.program_tree(program=program, area=open_area)[0] if open_area else None,
        "can_change": user.has_perm("steering.change_program", program),
        "can_add_goal": user.has_perm("steering.add_goal"),
        "can_add_activity": user.has_perm("steering.add_activity"),
        # Edit links only on the activities of the user's own organisations; the edit page
        # checks the permission itself.
        "own_organization_ids": set(
            own_organizations(user, request.municipality).values_list("pk", flat=True)
        ) if open_area else set(),
    }
    if request.htmx and open_area:
        response = render(request, "steering/program_detail.html#area-tree", {**context, "node": context["open_node"]})
    elif open_area:
        response = render(request, "steering/program_detail.html",
                          {**context, **_program_areas(program, request.municipality)})
    else:
        # With every area closed, the areas and the stale indicators are the same for every
        # reader who may (or may not) change the program: from the cache (steering.page_cache).
        response = render(request, "steering/program_detail.html", {**context, "areas_html": cached_html(
            page="program", parts=(program.pk, int(context["can_change"])),
            build=lambda: render_to_string("steering/program_detail.html#areas",
                                           {**context, **_program_areas(program, request.municipality)}),
        )})
    # The same address answers with the page or the fragment: a cache must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _program_areas(program: Program, municipality) -> dict:
    return {
        "areas": selectors.program_areas(program=program),
        "stale_indicators": program_stale_indicators(program=program, municipality=municipality),
    }


@require_GET
@login_required
def program_history(request, pk):
    program = get_program(request, pk)
    require(request.user, "steering.view_steering", program)
    return render_history(request, instance=program, back_url=program.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def program_create(request):
    require(request.user, "steering.change_program")
    form = ProgramForm(
        request.POST or None, instance=Program(municipality=request.municipality), municipality=request.municipality
    )
    return form_page(
        request, form=form, title=_("Nytt program"), cancel_url=reverse("steering:program_list"),
        save=lambda form: services.program_create(
            municipality=request.municipality, data=form.model_data(), by=request.user
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def program_edit(request, pk):
    program = get_program(request, pk)
    require(request.user, "steering.change_program", program)
    form = ProgramForm(request.POST or None, instance=program, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": program.name}, cancel_url=program.get_absolute_url(),
        save=lambda form: services.program_update(program=get_program(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def program_matrix(request, pk):
    """The matrix and its gaps, the same for every reader, from the cache (steering.page_cache)."""
    program = get_program(request, pk)
    require(request.user, "steering.view_steering", program)
    return render(request, "steering/program_matrix.html", {
        "program": program,
        "body": cached_html(page="matrix", parts=(program.pk,), build=lambda: render_to_string(
            "steering/program_matrix.html#body",
            {"program": program, "matrix": gaps.responsibility_matrix(program=program)},
        )),
    })


@require_GET
@login_required
def gap_list(request):
    """Every gap of the municipality, the same for every reader, from the cache (steering.page_cache)."""
    require(request.user, "steering.view_gaps")
    municipality = request.municipality

    def build():
        groups = gaps.governance_gaps(municipality=municipality)
        return render_to_string("steering/gap_list.html#body",
                                {"groups": groups, "total": sum(len(group.gaps) for group in groups)})

    return render(request, "steering/gap_list.html",
                  {"body": cached_html(page="gaps", parts=(municipality.pk,), build=build)})
