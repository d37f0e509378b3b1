from api.models import ApiToken


def tokens_for_user(*, user):
    """The user's own tokens, newest first; another's are never listed nor found."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
