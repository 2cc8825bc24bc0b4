"""Page links under every list: first, previous, numbered pages with the current one marked, an
ellipsis for long ranges, next, last (macros/pagination.html, participation/pagination.py)."""
import re

import pytest

from participation.pagination import Pager, page_numbers


@pytest.mark.parametrize("current, last, expected", [
    (1, 1, [1]),
    (1, 5, [1, 2, 3, 4, 5]),
    (1, 12, [1, 2, 3, None, 12]),
    (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
    (4, 12, [1, 2, 3, 4, 5, 6, None, 12]),  # a gap of one page shows the page
    (12, 12, [1, None, 10, 11, 12]),
])
def test_page_numbers(current, last, expected):
    assert page_numbers(current, last) == expected


def test_a_pager_counts_its_pages():
    assert (Pager(0, 1, 50).pages, Pager(101, 3, 50).pages, Pager(101, 3, 50).has_next) == (1, 3, False)


def _nav(html):
    return re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)


def _links(nav):
    return [(href, re.sub(r"<[^>]+>", "", text).strip())
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav, re.S)]


def test_the_idea_list_links_its_pages(app, client, make_process, make_idea):
    app.config["IDEAS_PER_PAGE"] = 1
    process = make_process()
    for n in range(12):
        make_idea(process, title=f"Idee Nummer {n + 1} für den Klimaschutz")
    base = f"/processes/{process.slug}/ideas"
    nav = _nav(client.get(f"{base}?page=6&sort=newest").get_data(as_text=True))
    links = _links(nav)
    assert [text for _, text in links] == [
        "« Erste Seite", "‹ Zurück", "Seite 1", "Seite 4", "Seite 5", "Seite 6", "Seite 7", "Seite 8", "Seite 12",
        "Weiter ›", "Letzte Seite »"]
    hrefs = dict((text, href) for href, text in links)
    assert hrefs["« Erste Seite"] == hrefs["Seite 1"] == f"{base}?sort=newest"  # filters kept, no page=1
    assert hrefs["‹ Zurück"] == f"{base}?page=5&amp;sort=newest" and hrefs["Letzte Seite »"] == f"{base}?page=12&amp;sort=newest"
    assert re.findall(r'<a href="[^"]*page=6[^"]*" aria-current="page"', nav)
    assert nav.count('aria-current="page"') == 1 and nav.count("…") == 2
    assert "Seite 6 von 12" in nav
    first = _nav(client.get(base).get_data(as_text=True))
    assert "Erste Seite" not in first and "Zurück" not in first and "Letzte Seite" in first
    assert 'aria-current="page"><span class="visually-hidden">Seite </span>1</a>' in first
    last = _nav(client.get(f"{base}?page=99").get_data(as_text=True))  # clamped to the last page
    assert "Weiter" not in last and 'page=12" aria-current="page"' in last


def test_one_page_needs_no_links(client, make_process, make_idea):
    process = make_process()
    make_idea(process)
    assert '<nav class="pagination"' not in client.get(f"/processes/{process.slug}/ideas").get_data(as_text=True)
