"""Errors as the API answers them: the services' Swedish ValidationError becomes 400 with
its messages, a refused edit of a verified record or of a record someone else has saved
since becomes 409 Conflict, and a PermissionDenied keeps its message."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.versioning import StaleEditError

NOT_ALLOWED = _("Du har inte behörighet till detta.")
NOT_LOGGED_IN = _("Logga in eller ange en API-nyckel.")
NOT_FOUND = _("Finns inte, eller så har du inte behörighet att se det.")
# Codes of the services' refusals that mean the record is frozen, not that the input is wrong.
CONFLICT_CODES = {"verified", "locked", "frozen"}


def _messages(error: DjangoValidationError):
    if not hasattr(error, "error_dict"):
        return {"detail": " ".join(str(m) for m in error.messages)}
    messages = {field: [str(m) for m in errors] for field, errors in error.message_dict.items()}
    # A refusal of the record as a whole reads like any other refusal: one "detail".
    if NON_FIELD_ERRORS in messages:
        messages["detail"] = " ".join(messages.pop(NON_FIELD_ERRORS))
    return messages


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        conflict = isinstance(exc, StaleEditError) or getattr(exc, "code", None) in CONFLICT_CODES
        set_rollback()
        return Response(
            _messages(exc), status=status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, PermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(exc.args[0])
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(NOT_ALLOWED)
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(NOT_LOGGED_IN)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    return drf_exception_handler(exc, context)
