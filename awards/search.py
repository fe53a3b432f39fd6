"""The accent-free key names are searched by, the same on SQLite and PostgreSQL (it lives in
units.names, which unit names are searched by too)."""

from units.names import search_key

__all__ = ["search_key"]
