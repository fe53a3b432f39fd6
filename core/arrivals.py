"""What units sent the office (issue 13, point 15): documents, dossiers, progress reports,
newest first, in one list. Each app that receives something registers a source here at
start-up (AppConfig.ready), so the list and its count can be read from any layer (the plan's
dashboard, the office's page) without core importing the apps above it.

A source is a function (since: datetime) -> queryset of .values() with exactly the columns
of COLUMNS, all annotations (a union takes its columns by position): kind (a short
text), arrived (when), unit_name, title, target (the pk its
page is reached by). `links[kind]` turns a row into its page's URL.
"""

from django.urls import reverse

COLUMNS = ("kind", "arrived", "unit_name", "title", "target")

_sources = {}  # kind -> (label, source, url name)


def register(kind, label, source, url_name):
    """Register what units send of `kind` (its label shown on the page), and the URL name
    its page takes `target` in."""
    _sources[kind] = (label, source, url_name)


def arrivals_since(since):
    """Every registered source's rows since the datetime, newest first: one UNION query
    (and one more for its count when paginated)."""
    queries = [source(since) for _label, source, _url in _sources.values()]
    if not queries:
        return []
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-arrived", "-kind", "-target")


def count_since(since):
    """How many things arrived since the datetime: one query."""
    combined = arrivals_since(since)
    return combined.count() if _sources else 0


def described(rows):
    """The rows of a page as dicts with their kind's label and their page's URL."""
    out = []
    for kind, arrived, unit_name, title, target in rows:
        label, _source, url_name = _sources[kind]
        out.append(
            {
                "kind": kind,
                "label": label,
                "at": arrived,
                "unit_name": unit_name,
                "title": title,
                "url": reverse(url_name, args=[target]),
            }
        )
    return out
