"""Links to many records of one kind, for pages that list hundreds: reverse() resolves
the pattern each call (a few tens of microseconds), so a list reverses once and
formats the rest."""

from collections.abc import Callable

from django.urls import reverse

# A key no real record has, so that splitting the reversed address on it is unambiguous.
_SENTINEL = 987654321987


def pk_url(viewname: str, **kwargs) -> Callable[[int], str]:
    """A function from a primary key to the same address as
    `reverse(viewname, kwargs={**kwargs, "pk": pk})`."""
    prefix, suffix = reverse(viewname, kwargs={**kwargs, "pk": _SENTINEL}).rsplit(str(_SENTINEL), 1)
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


def choice_labels(choices) -> dict:
    """A TextChoices' labels translated once, for a list that shows one per row
    (`get_FOO_display` hashes every lazy label on each call)."""
    return {value: str(label) for value, label in choices.choices}
