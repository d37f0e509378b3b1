"""Workflow that writes key figures: imports, manual values and comparison groups."""

from .groups import GROUP_NEEDS_MEMBERS, comparison_group_create, comparison_group_update, kolada_groups_store
from .importing import BATCH_SIZE, ImportResult, metadata_store, values_import
from .means import kpi_means_refresh
from .manual import local_kpi_create, manual_values_import
from .refresh import followed_kpis_refresh

__all__ = [
    "BATCH_SIZE",
    "GROUP_NEEDS_MEMBERS",
    "ImportResult",
    "comparison_group_create",
    "comparison_group_update",
    "followed_kpis_refresh",
    "kolada_groups_store",
    "kpi_means_refresh",
    "local_kpi_create",
    "manual_values_import",
    "metadata_store",
    "values_import",
]
