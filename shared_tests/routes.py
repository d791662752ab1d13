"""Every URL the chapter routes, generated from the URL resolver, never kept by hand.

`ROUTES` holds one `Route` per URL pattern, `"/api/todos/%(pk)s/"`-style, with the
regex that the finished URL must match. `Route.urls(values)` fills the placeholders
with each row of candidate values whose result the pattern accepts.
"""

import re
from typing import NamedTuple
from urllib.parse import unquote

from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize


class Route(NamedTuple):
    template: str  # "/api/todos/%(pk)s/"
    params: tuple  # ("pk",)
    regex: str  # what Django matches the path (without its leading "/") against

    def urls(self, rows):
        """The distinct URLs made from `rows`, dicts of placeholder values, that match."""
        made = []
        for row in rows:
            url = self.template % {name: row.get(name, row["*"]) for name in self.params}
            # Django matches the decoded path: `%00` in a URL is a NUL by then.
            if re.search(self.regex, unquote(url[1:])) and url not in made:
                made.append(url)
        return made


def _walk(resolver, prefix="^"):
    for entry in resolver.url_patterns:
        regex = entry.pattern.regex.pattern
        regex = prefix + (regex[1:] if regex.startswith("^") else regex)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, regex)
        else:
            yield regex


def all_routes():
    """One `Route` per pattern (and per optional part of it), in the resolver's order."""
    routes = []
    for regex in _walk(get_resolver()):
        for template, params in normalize(regex):
            route = Route("/" + template, tuple(params), regex)
            if route not in routes:
                routes.append(route)
    return routes


ROUTES = all_routes()
