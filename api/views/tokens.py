"""The page where a user creates and revokes their personal API tokens. A new token is
shown once, on the page that answers the form, and never stored in plain text."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from api import selectors, services
from api.forms import ApiTokenForm

TOKEN_REVOKED = _("Nyckeln är återkallad och kan inte längre användas.")


@require_http_methods(["GET", "POST"])
@login_required
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(request, "api/token_list.html", {
        "form": form,
        "created": created,
        "tokens": selectors.tokens_for_user(user=request.user),
    })


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(selectors.tokens_for_user(user=request.user), pk=pk, revoked_at__isnull=True)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, TOKEN_REVOKED)
    return redirect("api:token_list")


@require_http_methods(["GET"])
def docs(request):
    """Swagger UI for the OpenAPI document, from vendored files and a static start script."""
    return render(request, "api/docs.html")
