"""Queries that read organisations for pages; each runs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from core.models import Municipality
from core.reversing import choice_labels, pk_url
from organizations.models import Membership, Organization


def municipality_for_user(*, user) -> Municipality | None:
    """The municipality of the user's first membership; for everyone else the first one."""
    from organizations.rules import memberships_of

    # The memberships the permission checks read anyway: one query for both per request.
    memberships = memberships_of(user)
    if memberships:
        return memberships[0].organization.municipality
    return Municipality.objects.order_by("pk").first()


def active_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": today})) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": today})
    )


@dataclass
class TreeNode:
    organization: "TreeOrganization"
    children: list["TreeNode"] = field(default_factory=list)


KIND_ORDER = [kind for kind, _label in Organization.Kind.choices]


@dataclass(frozen=True, slots=True)
class TreeOrganization:
    """What the tree shows of an organisation, read as plain columns."""

    pk: int
    name: str
    kind: str
    parent_id: int | None
    active_from: date | None
    active_to: date | None


TREE_COLUMNS = ("pk", "name", "kind", "parent_id", "active_from", "active_to")


def organization_tree(*, municipality: Municipality, include_inactive: bool = False) -> list[TreeNode]:
    """The organisations as a forest, parents before children, siblings by kind then name.
    One query, whatever the size. An inactive organisation hides its subtree too."""
    organizations = Organization.objects.filter(municipality=municipality)
    if not include_inactive:
        organizations = organizations.filter(active_q())
    # Plain columns: a few hundred Organization models with every field were a fifth of the
    # page's time, for the six fields the tree shows.
    nodes = {row[0]: TreeNode(TreeOrganization(*row))
             for row in organizations.order_by().values_list(*TREE_COLUMNS)}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.organization.parent_id)
        (parent.children if parent else roots).append(node)

    def sort(branch):
        branch.sort(key=lambda n: (KIND_ORDER.index(n.organization.kind), n.organization.name.lower()))
        for node in branch:
            sort(node.children)

    sort(roots)
    return roots


@dataclass
class TreeRow:
    """One organisation in document order; `closes` counts the nested lists that end after it.
    Its link, kind and activity are worked out here once for the whole list: per row in
    the template they cost most of the page at a few hundred organisations."""

    organization: TreeOrganization
    depth: int
    has_children: bool
    url: str = ""
    kind_label: str = ""
    active: bool = True
    closes: int = 0

    @property
    def close_range(self):
        return range(self.closes)


def tree_rows(roots: list[TreeNode]) -> list[TreeRow]:
    """The forest flattened for a template loop, which renders far faster than a template
    that includes itself once per organisation."""
    rows: list[TreeRow] = []
    url = pk_url("organizations:organization_detail")
    kinds = choice_labels(Organization.Kind)
    today = timezone.localdate()

    def walk(nodes, depth):
        for node in nodes:
            org = node.organization
            active = (org.active_from is None or org.active_from <= today) and (
                org.active_to is None or org.active_to >= today)
            rows.append(TreeRow(org, depth, bool(node.children), url=url(org.pk), kind_label=kinds.get(org.kind, org.kind),
                                active=active))
            if node.children:
                walk(node.children, depth + 1)
                rows[-1].closes += 1

    walk(roots, 0)
    return rows


def organization_counts_by_kind(*, municipality: Municipality) -> list[dict]:
    rows = (
        Organization.objects.filter(municipality=municipality)
        .filter(active_q())
        .values("kind")
        .annotate(count=Count("pk"))
    )
    counts = {row["kind"]: row["count"] for row in rows}
    return [{"kind": kind, "label": label, "count": counts.get(kind, 0)} for kind, label in Organization.Kind.choices]


def organizations_for_page(*, municipality: Municipality):
    return Organization.objects.filter(municipality=municipality).select_related("parent")


def organization_memberships(*, organization: Organization):
    return organization.memberships.select_related("user").order_by("role", "user__full_name")


def user_memberships(*, user):
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def administered_organizations(*, user, municipality: Municipality):
    """The organisations a user may create children under or edit: all for a municipal
    administrator, otherwise those they administer and everything below them."""
    from organizations.rules import Role, is_municipal_admin

    if is_municipal_admin(user):
        return Organization.objects.filter(municipality=municipality)
    return organizations_acting_for(user=user, municipality=municipality, roles=(Role.ADMIN,))


def organizations_acting_for(*, user, municipality: Municipality, roles):
    """The organisations where the user holds one of `roles`, and every organisation below
    them: the same reach as the object rules (`is_member_of`, `administers`), which count
    a role in an organisation above as a role in it. Two queries, whatever the tree's size."""
    names = organization_names_acting_for(user=user, municipality=municipality, roles=roles)
    return Organization.objects.filter(municipality=municipality, pk__in=names)


def organization_names_acting_for(*, user, municipality: Municipality, roles) -> dict[int, str]:
    """Id → name of the organisations `organizations_acting_for` gives, from one query of
    the municipality's tree: for a page that only names them, where a second query listing
    hundreds of ids cost more than the rows."""
    from organizations.rules import memberships_of

    held = {m.organization_id for m in memberships_of(user) if m.role in roles}
    if not held:
        return {}
    children_of: dict[int | None, list[int]] = {}
    names = {}
    for pk, parent_id, name in Organization.objects.filter(municipality=municipality).values_list(
        "pk", "parent_id", "name"
    ):
        children_of.setdefault(parent_id, []).append(pk)
        names[pk] = name
    allowed = held & names.keys()
    stack = list(allowed)
    while stack:
        for child in children_of.get(stack.pop(), []):
            if child not in allowed:
                allowed.add(child)
                stack.append(child)
    return {pk: names[pk] for pk in allowed}
