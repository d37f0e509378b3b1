from urllib.parse import urlsplit

from core.sso.config import ProviderUnavailable, provider, sso_enabled


class ProviderLogoutMiddleware:
    """Lets the logout form of a session begun at the identity provider go on to end the
    provider's session: browsers apply the Content-Security-Policy's form-action to where a
    form's answer redirects too, so the provider's origin is added to it, for such sessions'
    pages only. Listed after csp.middleware.CSPMiddleware, so that it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if sso_enabled() and session is not None and "oidc_id_token" in session:
            try:
                endpoint = urlsplit(provider().end_session_endpoint)
            except ProviderUnavailable:
                return response
            if endpoint.scheme and endpoint.netloc:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), f"{endpoint.scheme}://{endpoint.netloc}"]
                response._csp_update = update
        return response
