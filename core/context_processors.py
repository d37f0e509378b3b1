from django.urls import reverse

from core.navigation import MAIN_MENU


def navigation(request):
    """The menu entries this user may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for item in MAIN_MENU:
        if item.permission and not user.has_perm(item.permission):
            continue
        url = reverse(item.url_name)
        current = request.path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return {"navigation": items}
