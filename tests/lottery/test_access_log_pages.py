"""The lottery access log pages through its entries with the shared page links (entries past the first
hundred were unreachable before)."""
from participation.access_log import log_access
from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work


def test_the_access_log_links_its_pages(db, make_process, make_user, client):
    process = make_process()
    staff = make_user("staff@example.org", roles=[(process, ProcessRoleKind.STAFF)])
    with unit_of_work():
        for n in range(101):
            log_access(staff, process, "view_panel", f"Eintrag {n + 1:03d}", 1)
    client.login(staff.email)
    url = f"/processes/{process.slug}/lottery/access-log"
    first = client.get(url).get_data(as_text=True)
    assert '<nav class="pagination"' in first and "Seite 1 von 2" in first and "Eintrag 001<" not in first
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert "Eintrag 001<" in second and "Eintrag 101<" not in second
    assert 'page=2" aria-current="page"' in second
