"""Links to many records of one kind, for pages that list hundreds: reverse() resolves
the pattern each call (a few tens of microseconds), so a list reverses once and
formats the rest."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# A key no real record has, so that splitting the reversed address on it is unambiguous.
_SENTINEL = 987654321987


def pk_url(viewname: str, *, key: str = "pk", **kwargs) -> Callable[[int], str]:
    """A function from a primary key to the same address as
    `reverse(viewname, kwargs={**kwargs, key: pk})`."""
    prefix, suffix = reverse(viewname, kwargs={**kwargs, key: _SENTINEL}).rsplit(str(_SENTINEL), 1)
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


def text_key_url(viewname: str, key: str) -> Callable[[str], str]:
    """A function from a text key (a key figure's id) to the same address as
    `reverse(viewname, kwargs={key: value})`, quoted as reverse() quotes it."""
    sentinel = "text-key-987654321987"
    prefix, suffix = reverse(viewname, kwargs={key: sentinel}).rsplit(sentinel, 1)
    return lambda value: f"{prefix}{quote(str(value), safe=RFC3986_SUBDELIMS + '/~:@')}{suffix}"


def choice_labels(choices) -> dict:
    """A TextChoices' labels translated once, for a list that shows one per row
    (`get_FOO_display` hashes every lazy label on each call)."""
    return {value: str(label) for value, label in choices.choices}
