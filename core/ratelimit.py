"""Rate limits on the pages anyone can reach without logging in and that send e-mail or
check a secret token: password reset and the links it mails (which the invitation to a
new account uses too). Login itself is limited by django-axes (see settings).

The counts live in the default cache, which every server process shares: the database
cache, or Redis where REDIS_URL is set."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import UNSAFE
from django_ratelimit.decorators import ratelimit

from core.models import email_identity


def email_key(group, request) -> str:
    """Password reset requests are also counted per account, in the form login uses, so
    one mailbox is not flooded from many addresses."""
    return email_identity(request.POST.get("email"))


def account_key(group, request) -> str:
    """The account a reset link names (its uidb64), so one account's token cannot be
    guessed at from many addresses."""
    return request.resolver_match.kwargs.get("uidb64", "")


def forwarded_client_ip(request) -> str:
    """Behind the TLS proxy REMOTE_ADDR is the proxy's; the client is the address the
    proxy appended last to X-Forwarded-For (earlier entries come from the client and
    can be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.rsplit(",", 1)[-1].strip() or request.META["REMOTE_ADDR"]


def limit_password_reset(view):
    """Requests for a reset link: per client address and per e-mail address."""
    view = ratelimit(key="ip", rate=settings.RATELIMIT_PASSWORD_RESET_PER_IP, method=UNSAFE)(view)
    return ratelimit(key=email_key, rate=settings.RATELIMIT_PASSWORD_RESET_PER_EMAIL, method=UNSAFE)(view)


def limit_token_link(view):
    """A page whose URL carries a token: every try, opening the link or posting to it,
    counts, so tokens cannot be guessed at speed."""
    view = ratelimit(key="ip", rate=settings.RATELIMIT_TOKEN_LINK_PER_IP)(view)
    return ratelimit(key=account_key, rate=settings.RATELIMIT_TOKEN_LINK_PER_ACCOUNT)(view)


def rate_limited(request, exception):
    """What a limited request gets (RATELIMIT_VIEW): 429 and a page saying to wait."""
    return render(request, "429.html", status=429)
