"""The main menu. Each app adds its entries here; an entry shows only to users who hold
its permission, so the menu follows the user's roles."""

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
    NavItem(_("Statistik"), "kpis:kpi_list", "kpis.view_kpi"),
]
