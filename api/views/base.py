"""What every API view shares: the caller's municipality, and ETags so that a client
asking again with If-None-Match gets 304 Not Modified instead of the same page."""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.functional import cached_property
from rest_framework import viewsets

from api.filters import ApiFilterBackend
from organizations.selectors import municipality_for_user

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


class ApiViewSet(viewsets.GenericViewSet):
    filter_backends = [ApiFilterBackend]

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        return conditional_get(super().as_view(actions, **initkwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # An answer is the caller's own: no shared cache may keep it or hand it to another.
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response

    @cached_property
    def municipality(self):
        if getattr(self, "swagger_fake_view", False):
            return None  # the schema is drawn without a caller or a database row
        # The API's caller may come with a token: DRF's request.user, not the session's.
        return municipality_for_user(user=self.request.user)
