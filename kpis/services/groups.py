"""Comparison groups: Kolada's own (stored from its metadata) and the coordinator's."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.models import Municipality
from kpis.kolada import KoladaGroup
from kpis.models import ComparisonGroup, KoladaMunicipality, clipped

GROUP_NEEDS_MEMBERS = _("Välj minst två kommuner att jämföra med.")


@records_by
def comparison_group_create(
    *, owner: Municipality, title: str, members: Iterable[KoladaMunicipality], by=None
) -> ComparisonGroup:
    """A custom group ("liknande kommuner") of at least two municipalities."""
    members = list(members)
    _check_members(members)
    group = ComparisonGroup(kind=ComparisonGroup.Kind.CUSTOM, owner=owner, title=title)
    group.full_clean()
    with transaction.atomic():
        group.save()
        group.members.set(members)
    return group


@records_by
def comparison_group_update(
    *, group: ComparisonGroup, title: str, members: Iterable[KoladaMunicipality], by=None
) -> ComparisonGroup:
    """Rename a custom group and replace its members."""
    members = list(members)
    _check_members(members)
    group.title = title
    group.full_clean()
    with transaction.atomic():
        group.save()
        group.members.set(members)
    return group


def kolada_groups_store(*, groups: Iterable[KoladaGroup]) -> int:
    """Create or refresh Kolada's groups with their members; returns how many were stored.

    Members Kolada names that are not stored yet are left out until the
    municipality list is refreshed: a group mean is over stored municipalities.
    """
    stored = 0
    with transaction.atomic():
        for record in groups:
            group, _created = ComparisonGroup.objects.update_or_create(
                kolada_id=record.id, defaults={"kind": ComparisonGroup.Kind.KOLADA, "title": clipped(record.title, 200)}
            )
            group.members.set(KoladaMunicipality.objects.filter(pk__in=[m.id for m in record.members]))
            stored += 1
    return stored


def _check_members(members: list[KoladaMunicipality]) -> None:
    if len({m.pk for m in members}) < 2:
        raise ValidationError({"members": GROUP_NEEDS_MEMBERS}, code="too_few")
