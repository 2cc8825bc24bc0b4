"""What every page of a list knows about its neighbours, and which page links it shows.

`Paged` is mixed into a page of results that has `total`, `page` and `per_page`; `Pager(total, page,
per_page)` is one for lists that count themselves (the audit log, the letters). `page_numbers` is the
row of links under a list: the first and the last page, the pages around the current one, and `None`
where an ellipsis stands for the pages left out. `templates/macros/pagination.html` renders it.
"""
import math
from dataclasses import dataclass

AROUND = 2  # pages shown on either side of the current one


def page_numbers(current, last, around=AROUND):
    """[1, None, 4, 5, 6, 7, 8, None, 40] for page 6 of 40; a gap of one page shows that page instead."""
    shown = {1, last} | set(range(max(1, current - around), min(last, current + around) + 1))
    numbers, previous = [], 0
    for n in sorted(shown):
        if n - previous == 2:
            numbers.append(previous + 1)
        elif n - previous > 2:
            numbers.append(None)
        numbers.append(n)
        previous = n
    return numbers


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

    @property
    def page_numbers(self):
        return page_numbers(min(self.page, self.pages), self.pages)


@dataclass
class Pager(Paged):
    total: int
    page: int
    per_page: int
