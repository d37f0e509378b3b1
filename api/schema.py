"""How the OpenAPI document describes the personal API token and the lists' filters."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Personlig API-nyckel / personal API token"}


class ApiFilterScheme(DjangoFilterExtension):
    # drf-spectacular describes django-filter's own backend only, not a subclass of it.
    target_class = "api.filters.ApiFilterBackend"
