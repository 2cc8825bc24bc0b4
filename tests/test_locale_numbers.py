"""Numbers, percentages and sizes go through Babel for the locale: 13.932 Unterstützungen; 17,4 %;
3,7 MB (German), 13,932 supports; 17.4%; 3.7 MB (English)."""
import sqlalchemy as sa
from flask_babel import force_locale

from participation.i18n import format_filesize, format_percent
from participation.ideas.models import Idea


def test_percent_and_filesize_for_the_locale(app):
    with app.test_request_context():
        with force_locale("de"):
            assert format_percent(0.174) == "17,4\xa0%"
            assert format_percent(0.17) == "17\xa0%" and format_percent(0.4, 0) == "40\xa0%"
            assert format_percent(None) == ""
            assert format_filesize(3_700_000) == "3,7\xa0MB"
            assert format_filesize(2_000_000) == "2\xa0MB"
            assert format_filesize(512) == "512\xa0Byte"
            assert format_filesize(1_250_000_000) == "1,2\xa0GB"
        with force_locale("en"):
            assert format_percent(0.174) == "17.4%"
            assert format_filesize(3_700_000) == "3.7\xa0MB"


def test_template_counts_are_grouped(app):
    template = app.jinja_env.from_string(
        "{{ ngettext('%(num)d support', '%(num)d supports', n) }}|{{ x|percent }}|{{ s|filesize }}|{{ n|number }}")
    with app.test_request_context():
        with force_locale("de"):
            assert template.render(n=13932, x=0.174, s=3_700_000) == "13.932 Unterstützungen|17,4\xa0%|3,7\xa0MB|13.932"
            assert template.render(n=1, x=1, s=0).startswith("1 Unterstützung|100\xa0%|0\xa0Byte")
        with force_locale("en"):
            assert template.render(n=13932, x=0.174, s=3_700_000) == "13,932 supports|17.4%|3.7\xa0MB|13,932"


def test_pages_show_grouped_counts(db, client, make_process, make_idea):
    process = make_process()
    idea = make_idea(process)
    db.session.execute(sa.update(Idea).where(Idea.id == idea.id).values(support_count=13932))
    db.session.commit()
    for url in (f"/processes/{process.slug}/ideas", f"/processes/{process.slug}/ideas/{idea.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "13.932 Unterstützungen" in page and "13932" not in page, url
    client.post("/language", data={"locale": "en"}, form_url="/")
    page = client.get(f"/processes/{process.slug}/ideas").get_data(as_text=True)
    assert "13,932 supports" in page
