"""What every page of a list knows about its neighbours."""
import math


class Paged:
    """Mixed into a page of results that has `total`, `page` and `per_page`."""

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages
