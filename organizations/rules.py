"""Who may do what with organisations, as django-rules predicates. Other apps build
their rules from the role predicates here (is_coordinator, is_auditor, ...).

A user's memberships are read once per request and kept on the user object, so that a
page asking many permission questions runs one query for them."""

import rules

from organizations.models import Membership, Organization

Role = Membership.Role
TOP_KINDS = {Organization.Kind.COUNCIL, Organization.Kind.EXECUTIVE_BOARD}


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_uppsikt_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related("organization__municipality").order_by("pk")
        )
        user._uppsikt_memberships = cached
    return cached


def organization_ids_with_role(user, *roles: str) -> set[int]:
    return {m.organization_id for m in memberships_of(user) if m.role in roles}


def has_role(*roles: str):
    """A predicate: the user holds one of `roles` in some organisation."""

    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user):
        return any(m.role in roles for m in memberships_of(user))

    return predicate


is_coordinator = has_role(Role.COORDINATOR)
is_respondent = has_role(Role.RESPONDENT)
is_secretary = has_role(Role.SECRETARY)
is_ks_official = has_role(Role.KS_OFFICIAL)
is_auditor = has_role(Role.AUDITOR)
is_politician = has_role(Role.POLITICIAN)

# Roles that reach across the whole municipality wherever they are held (a coordinator
# runs every board's follow-up): only a municipal administrator grants them. The others
# reach the organisation and what lies under it, so its own administrator may grant them.
MUNICIPAL_ROLES = (Role.COORDINATOR, Role.KS_OFFICIAL, Role.AUDITOR, Role.POLITICIAN)


@rules.predicate
def is_member(user) -> bool:
    """Holds some role in the municipality: reads what every official reads (the reports)."""
    return user.is_superuser or bool(memberships_of(user))


@rules.predicate
def is_municipal_admin(user) -> bool:
    """An administrator of the council or the executive board administers the whole municipality."""
    return user.is_superuser or any(
        m.role == Role.ADMIN and m.organization.kind in TOP_KINDS for m in memberships_of(user)
    )


@rules.predicate
def administers(user, organization) -> bool:
    """Administrator of the organisation itself or of one above it. Without an
    organisation only a municipal administrator: an administrator of one board is no
    administrator of what belongs to no board."""
    if is_municipal_admin(user):
        return True
    if organization is None:
        return False
    admin_of = organization_ids_with_role(user, Role.ADMIN)
    return organization.pk in admin_of or any(a.pk in admin_of for a in organization.ancestors())


@rules.predicate
def administers_some_organization(user) -> bool:
    """Opens a page whose form offers only the organisations the user administers
    (selectors.administered_organizations); never a permission on a record."""
    return is_municipal_admin(user) or bool(organization_ids_with_role(user, Role.ADMIN))


def choosable_kinds(user) -> list[str]:
    """The kinds of organisation `user` may create or turn one into: an administrator of
    the council or the executive board administers the whole municipality, so only a
    municipal administrator makes one."""
    if is_municipal_admin(user):
        return list(Organization.Kind.values)
    return [kind for kind in Organization.Kind.values if kind not in TOP_KINDS]


def grantable_roles(user, organization) -> list[str]:
    """The roles `user` may give someone in `organization`: every role for a municipal
    administrator, the organisation's own roles for its administrator, none otherwise."""
    if is_municipal_admin(user):
        return list(Role.values)
    if administers(user, organization):
        return [role for role in Role.values if role not in MUNICIPAL_ROLES]
    return []


def is_member_of(*roles: str):
    """A predicate: the user holds one of `roles` (any role when none given) in the
    organisation itself or in one above it."""

    @rules.predicate(name=f"is_member_of({','.join(roles)})")
    def predicate(user, organization):
        if organization is None:
            return False
        held = {m.organization_id for m in memberships_of(user) if not roles or m.role in roles}
        return organization.pk in held or any(a.pk in held for a in organization.ancestors())

    return predicate


rules.add_perm("organizations.view_organization", rules.is_authenticated)
# The create form offers only the organisations the user administers as parent.
rules.add_perm("organizations.add_organization", administers_some_organization)
# An organisation with nothing above it (a council, an external partner) is the municipality's to add.
rules.add_perm("organizations.add_top_organization", is_municipal_admin)
rules.add_perm("organizations.change_organization", administers)
rules.add_perm("organizations.delete_organization", is_municipal_admin)
rules.add_perm("organizations.manage_memberships", administers)
