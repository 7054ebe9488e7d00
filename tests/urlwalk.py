"""Walk the URLconf: every named pattern with placeholder arguments."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    converters: dict


def iter_routes(resolver=None, prefix="", namespace=""):
    """Yield every named route of the URLconf with its converters."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns and entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            converters = dict(getattr(entry.pattern, "converters", {}))
            yield Route(name, prefix + str(entry.pattern), converters)


PLACEHOLDERS = {
    "IntConverter": 999999,
    "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    "StringConverter": "x",
    "SlugConverter": "x",
    "PathConverter": "x",
}


def placeholder_kwargs(route, values=None):
    """Return keyword arguments that satisfy the route's converters."""
    values = values or {}
    return {
        key: values.get(type(conv).__name__, PLACEHOLDERS.get(type(conv).__name__, "x"))
        for key, conv in route.converters.items()
    }
