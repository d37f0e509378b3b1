from django.utils.functional import SimpleLazyObject


def _municipality_for(request):
    from organizations.selectors import municipality_for_user

    return municipality_for_user(user=request.user)


class MunicipalityMiddleware:
    """Sets request.municipality: the municipality whose records the user works with.
    Lazy, so pages that do not need it pay no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = SimpleLazyObject(lambda: _municipality_for(request))
        return self.get_response(request)
