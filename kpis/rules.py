"""Who may do what with key figures. Everyone logged in reads statistics; the
coordinator and the municipality's administrators define local KPIs, upload their
values and keep the municipality's comparison groups."""

import rules

from organizations.rules import is_coordinator, is_municipal_admin

manages_statistics = is_coordinator | is_municipal_admin

rules.add_perm("kpis.view_kpi", rules.is_authenticated)
rules.add_perm("kpis.manage_local_kpi", manages_statistics)
rules.add_perm("kpis.manage_comparison_group", manages_statistics)
