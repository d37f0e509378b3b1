from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import require
from core.views import run_step
from notifications import selectors, services
from notifications.models import OutboxMessage


@require_GET
@login_required
def outbox_list(request):
    require(request.user, "notifications.view_outbox")
    status = request.GET.get("status") or ""
    page = Paginator(selectors.outbox_messages(municipality=request.municipality, status=status), 50).get_page(
        request.GET.get("sida")
    )
    counts = selectors.outbox_counts(municipality=request.municipality)
    return render(
        request,
        "notifications/outbox_list.html",
        {
            "page": page,
            "status": status,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in OutboxMessage.Status.choices],
            "can_retry": request.user.has_perm("notifications.retry_outbox"),
        },
    )


@require_POST
@login_required
def outbox_retry(request, pk):
    require(request.user, "notifications.retry_outbox")
    message = get_object_or_404(OutboxMessage, pk=pk, municipality=request.municipality)
    run_step(request, lambda: services.outbox_retry(message=message, by=request.user),
             done=_("Utskicket har lagts i kön igen."))
    return redirect("notifications:outbox_list")
