from django.urls import reverse

from core.registry import menu_entries, menu_section


def navigation(request):
    """The menu shows each user only what their roles let them use.

    `nav_items` is the flat list of visible entries; `nav_menu` groups the entries of a
    section with more than one visible entry into a drop-down, in menu order.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_menu": []}
    current = request.path
    items = []
    for entry in menu_entries():
        if entry.staff_only and not user.is_staff:
            continue
        if entry.permission and not user.has_perm(entry.permission):
            continue
        url = reverse(entry.url_name)
        active = current == url if url == "/" else current.startswith(url)
        items.append(
            {
                "key": entry.key,
                "label": entry.label,
                "url": url,
                "active": active,
                "section": entry.section,
            }
        )
    return {"nav_items": items, "nav_menu": _group(items)}


def _group(items):
    menu, groups = [], {}
    for item in items:
        section = menu_section(item["section"]) if item["section"] else None
        if section is None:
            menu.append({"item": item})
            continue
        if section.key not in groups:
            groups[section.key] = {"section": section, "children": []}
            menu.append(groups[section.key])
        groups[section.key]["children"].append(item)
    for node in menu:
        children = node.get("children")
        if children is not None and len(children) == 1:
            node["item"] = children[0]
            del node["children"]
        elif children is not None:
            node["active"] = any(child["active"] for child in children)
    return menu
