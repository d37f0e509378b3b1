from django.core.exceptions import PermissionDenied


def require(user, permission: str, obj=None) -> None:
    """Refuse the request (403) unless the user holds `permission`, for `obj` when given."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
