"""Every URL of the project, from the URL configuration, with sample values for its arguments."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Sample values for URL arguments by name; a URL with a new argument name fails loudly here.
SAMPLE_ARGUMENTS = {
    "year": "2013",
    "number": "3",
    "pk": "1",
    "code": "so-gd-dt",
    "object_id": "1",
    "id": "1",
    "url": "no-such-page/",
    "content_type_id": "1",
    "uidb64": "MQ",
    "token": "set-password",
    "kind": "don-vi",
    "document_id": "1",
    "to_state": "submitted",
    "version_id": "1",
    "measure": "pact",
}
_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
_APP_LABEL = re.compile(r"\(\?P<app_label>[^)]*\)")
# Unnamed regex groups get the names their views give them (django-simple-history's admin).
_POSITIONAL = {"([^/]+)/history/([^/]+)/": "<object_id>/history/<version_id>/"}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", route


def project_routes():
    """[(name, route)] for every URL pattern of the project, arguments left as <name>."""
    routes = []
    for name, route in _walk(get_resolver().url_patterns):
        for positional, named in _POSITIONAL.items():
            route = route.replace(positional, named)
        routes.append((name, _APP_LABEL.sub("plan", route.replace("^", "").replace("$", ""))))
    return routes


def route_arguments(route):
    """The names of the arguments a route takes, in order."""
    return _ARGUMENT.findall(route)


def fill_route(route, values=None):
    """The path of a route with its arguments taken from `values`, else from SAMPLE_ARGUMENTS."""
    values = {**SAMPLE_ARGUMENTS, **(values or {})}

    def sample(match):
        name = match.group(1)
        if name not in values:
            raise AssertionError(
                f"No sample value for URL argument <{name}>: add it to SAMPLE_ARGUMENTS"
            )
        return str(values[name])

    return "/" + _ARGUMENT.sub(sample, route)


def project_urls():
    """[(name, path)] for every URL pattern of the project, arguments filled with samples."""
    return [(name, fill_route(route)) for name, route in project_routes()]
