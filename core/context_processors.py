from django.urls import reverse

from core.navigation import MAIN_MENU


def navigation(request):
    """The menu entries this user may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [
        {"label": item.label, "url": reverse(item.url_name), "current": False}
        for item in MAIN_MENU
        if not item.permission or user.has_perm(item.permission)
    ]
    # The entry whose address is the longest prefix of this page is the current one, so
    # /styrning/styrningsbrister/ marks "Styrningsbrister", not "Program" at /styrning/.
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return {"navigation": items}
