"""Extension points through which higher apps add to pages that `core` owns, without `core`
importing them: menu entries and the items of "My work"."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: object
    url_name: str
    permission: str | None = None
    order: int = 100
    staff_only: bool = False
    section: str = ""  # entries of one section share a drop-down menu


@dataclass(frozen=True)
class MenuSection:
    key: str
    label: object
    order: int = 100


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    detail: str = ""
    count: int | None = None
    tags: tuple[str, ...] = field(default=())


_menu: dict[str, MenuEntry] = {}
_sections: dict[str, MenuSection] = {}
_work_providers: list[Callable] = []


def register_menu_entry(entry: MenuEntry) -> None:
    _menu[entry.key] = entry


def menu_entries() -> list[MenuEntry]:
    return sorted(_menu.values(), key=lambda e: (e.order, e.key))


def register_menu_section(section: MenuSection) -> None:
    _sections[section.key] = section


def menu_section(key: str) -> MenuSection | None:
    return _sections.get(key)


def register_work_provider(provider: Callable) -> Callable:
    """`provider(user) -> list[WorkItem]`; it must cost a bounded number of queries."""
    if provider not in _work_providers:
        _work_providers.append(provider)
    return provider


def work_items(user) -> list[WorkItem]:
    items: list[WorkItem] = []
    for provider in _work_providers:
        items.extend(provider(user))
    return items
