"""Response headers every page needs beyond Django's own."""

from django.http import FileResponse
from django.utils.cache import add_never_cache_headers

from .files import kept_only_with_their_rows


class StoredFilesNeedRowsMiddleware:
    """A file a request stored stays only if its row was written: when the request's
    transaction rolls back after the file was saved, the file is removed (see
    core.files.kept_only_with_their_rows). Must sit outside the view's transaction, as every
    middleware does with ATOMIC_REQUESTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with kept_only_with_their_rows():
            return self.get_response(request)


class NoStoreMiddleware:
    """Pages shown to a signed-in user, and every download, carry Cache-Control: no-store
    (with private, no-cache, max-age=0): neither the browser's cache nor a proxy keeps a
    copy of a unit's reports or a dossier's documents after the user signs out, on a shared
    office computer. Static files (whitenoise, earlier in the chain) keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or isinstance(response, FileResponse) or "Content-Disposition" in response:
            add_never_cache_headers(response)
        return response
