"""The main menu. Each app adds its entries here; an entry shows only to users who hold
its permission, so the menu follows the user's roles.

An entry's permission must be decided by `menu_signature` alone (the roles held and the
kinds of organisation they are held in): the menu is computed once per signature, and a
test checks every entry against its rule for every role."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every logged-in user


MAIN_MENU = [
    NavItem(_("Översikt"), "core:dashboard", None),
    NavItem(_("Organisationer"), "organizations:organization_list", "organizations.view_organization"),
    NavItem(_("Program"), "steering:program_list", "steering.view_steering"),
    NavItem(_("Styrdokument"), "steering:document_list", "steering.view_steering"),
    NavItem(_("Projekt"), "steering:project_list", "steering.view_steering"),
    NavItem(_("Styrningsbrister"), "steering:gap_list", "steering.view_gaps"),
    NavItem(_("Min uppföljning"), "followup:response_list", "followup.respond"),
    NavItem(_("Uppföljningsomgångar"), "followup:cycle_list", "followup.view_cycle"),
    NavItem(_("Frågeformulär"), "followup:questionnaire_list", "followup.view_cycle"),
    NavItem(_("Rapporter"), "reports:report_list", "reports.view_report"),
    NavItem(_("Granskningar"), "audits:audit_list", "audits.view_audit"),
    NavItem(_("Revisionsuppföljning"), "audits:followup_overview", "audits.view_audit"),
    NavItem(_("Självgranskning"), "oversight:page", "oversight.view_oversight"),
    NavItem(_("Utskick"), "notifications:outbox_list", "notifications.view_outbox"),
    NavItem(_("Statistik"), "kpis:kpi_list", "kpis.view_kpi"),
    NavItem(_("API-nycklar"), "api:token_list", None),
]


def menu_signature(user) -> tuple:
    """What the menu's permissions depend on: being a superuser and the roles held, each
    with the kind of organisation it is held in (an administrator of the council or the
    executive board administers the whole municipality)."""
    from organizations.rules import memberships_of

    return (user.is_superuser, user.is_active,
            tuple(sorted({(m.role, m.organization.kind) for m in memberships_of(user)})))
