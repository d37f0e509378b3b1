"""A cached page is only as true as its fingerprint (core.fingerprint): a model listed as
`tracked` is seen through its history, which a queryset's UPDATE never writes. These
guards read the source: every cache that takes a fingerprint is known here, and no code
outside the allowed places updates a tracked model in bulk."""

import ast
import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

# Each module that builds a page from a fingerprint, with the name of its tracked models.
CACHES = {"api.list_cache": "TRACKED", "audits.page_cache": "TRACKED", "core.page_cache": "TRACKED",
          "followup.page_cache": "TRACKED", "oversight.page_cache": "TRACKED",
          "reports.version_page": "TRACKED", "steering.page_cache": "TRACKED"}

# Bulk updates a page cache may ignore, and why.
ALLOWED = {
    # The version claim of an optimistic save: the save right after it writes the history.
    "core/versioning.py",
    # Loading the demo fills an empty database, before any page is cached.
    "followup/demo.py", "followup/demo_people.py",
}

SKIPPED_PARTS = {".venv", "node_modules", "migrations", "tests", "bench", "loadtest"}


def _sources() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return [path for path in root.rglob("*.py")
            if not SKIPPED_PARTS & set(path.relative_to(root).parts)]


def _tracked() -> set[str]:
    names = set()
    for module, attribute in CACHES.items():
        names |= {apps.get_model(label).__name__ for label in getattr(importlib.import_module(module), attribute)}
    return names


def _bulk_updates(tree: ast.AST) -> list[tuple[str, int]]:
    """(model name, line) of each `Model.objects....update(...)` (also `_default_manager`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            chain = node.func.value
            while isinstance(chain, ast.Call | ast.Attribute):
                if (isinstance(chain, ast.Attribute) and chain.attr in ("objects", "_default_manager")
                        and isinstance(chain.value, ast.Name)):
                    found.append((chain.value.id, node.lineno))
                    break
                chain = chain.func if isinstance(chain, ast.Call) else chain.value
    return found


def test_every_cache_that_takes_a_fingerprint_is_guarded_here():
    root = Path(settings.BASE_DIR)
    callers = {
        ".".join(path.relative_to(root).with_suffix("").parts) for path in _sources()
        if "core.fingerprint import" in path.read_text()
    }
    assert callers <= set(CACHES), f"add to CACHES: {callers - set(CACHES)}"


def test_no_tracked_model_is_updated_in_bulk_where_a_cache_would_miss_it():
    root, tracked = Path(settings.BASE_DIR), _tracked()
    missed = [
        f"{path.relative_to(root)}:{line} {model}"
        for path in _sources() if str(path.relative_to(root)) not in ALLOWED
        for model, line in _bulk_updates(ast.parse(path.read_text()))
        if model in tracked
    ]
    assert not missed, "a bulk update writes no history, so a cached page would not see it: " + ", ".join(missed)


def test_the_guard_finds_a_bulk_update():
    tree = ast.parse("Organization.objects.filter(pk=1).update(name='x')\nOther.objects.update(a=1)")
    assert _bulk_updates(tree) == [("Organization", 1), ("Other", 2)]
