"""The project's URLs plus the floor: a view that does nothing, behind the same middleware."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("__bench__/bare/", bare, name="bench_bare"),
    path("", include("uppsikt.urls")),
]
