"""Cursor pages in a stable order: a page size the caller may choose up to a limit
(API_MAX_PAGE_SIZE), and a size over it refused rather than silently cut, so that a
client never takes a partial page for the whole."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

PAGE_SIZE_TOO_LARGE = _("Sidstorleken får vara högst %(max)s.")
PAGE_SIZE_INVALID = _("Sidstorleken ska vara ett heltal från 1 till %(max)s.")
CURSOR_INVALID = _("Markören är ogiltig. Använd länken i next eller previous.")

DEFAULT_PAGE_SIZE = 20


class StableCursorPagination(CursorPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    # The primary key breaks every tie, so no row is skipped or repeated between pages. Named
    # by its field, not "pk": a page of plain rows (api.rows) is read by that key.
    ordering = "id"
    invalid_cursor_message = CURSOR_INVALID

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        limit = {"max": self.max_page_size}
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_INVALID % limit]}) from None
        if size > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_TOO_LARGE % limit]})
        if size < 1:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_INVALID % limit]})
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters
