"""A paginator for lists that grow without end (every dossier of every year)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Pages through the first `cap` rows only, and counts no further than that.

    Django's Paginator counts every row the list could show, reading all of them, for the
    "n hồ sơ" line and the number of pages: ten years of dossiers cost a scan on each page
    view. Here the count stops at cap + 1 rows, and the deepest page lies within the first
    `cap` rows (a page is read in the list's order: an index walk when the order has one).
    `capped` says there are more, for the page to say so; filters or the spreadsheet export
    reach them.
    """

    def __init__(self, object_list, per_page, cap=1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _counted(self):
        # Without the order: any cap + 1 rows will do, and the database may stop at them.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def capped(self):
        return self._counted > self.cap


class CountedPaginator(Paginator):
    """A paginator told how many rows the list has, when that is known already (a page's
    totals counted from stored tallies), so paging thousands of rows counts none of them."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count
