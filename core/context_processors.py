from django.urls import get_script_prefix, get_urlconf, reverse

from core.navigation import MAIN_MENU, menu_signature

# The entries each combination of roles may open, as (label, url): every logged-in page
# shows the menu, and asking each entry's rule and reversing its URL on each request cost
# as much as a bare view. Few combinations exist, so the cache stays small.
_MENUS: dict[tuple, list[tuple]] = {}


def _menu_entries(user) -> list[tuple]:
    key = (menu_signature(user), get_script_prefix(), get_urlconf())
    entries = _MENUS.get(key)
    if entries is None:
        entries = [(item.label, reverse(item.url_name)) for item in MAIN_MENU
                   if not item.permission or user.has_perm(item.permission)]
        if len(_MENUS) > 1000:
            _MENUS.clear()
        _MENUS[key] = entries
    return entries


def navigation(request):
    """The menu entries this user may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [{"label": label, "url": url, "current": False} for label, url in _menu_entries(user)]
    # The entry whose address is the longest prefix of this page is the current one, so
    # /styrning/styrningsbrister/ marks "Styrningsbrister", not "Program" at /styrning/.
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return {"navigation": items}
