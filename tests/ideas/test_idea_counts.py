"""The process page and the idea list count the same ideas, and both say why some are not in the list.

The list shows published and adopted ideas by default; rejected and merged ones are public too (the
status filter "all"), submitted ones wait for moderation (their count is for the moderation only), and
hidden ones count nowhere. Every number is checked against the database."""
import re

import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.database import utcnow
from participation.ideas.models import Idea, IdeaStatus


def _count(db, process, *conditions):
    return db.session.scalar(sa.select(sa.func.count(Idea.id)).where(Idea.process_id == process.id, *conditions))


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_process_page_and_idea_list_agree_and_say_why(db, make_process, make_idea, make_user, make_client):
    process = make_process()
    for status, n in ((IdeaStatus.PUBLISHED, 4), (IdeaStatus.ADOPTED, 1), (IdeaStatus.REJECTED, 2),
                      (IdeaStatus.MERGED, 1), (IdeaStatus.SUBMITTED, 3)):
        for _ in range(n):
            make_idea(process, status=status)
    hidden = make_idea(process, status=IdeaStatus.PUBLISHED)
    hidden.hidden_at = utcnow()
    db.session.commit()

    listed = _count(db, process, Idea.status.in_((IdeaStatus.PUBLISHED, IdeaStatus.ADOPTED)), Idea.hidden_at.is_(None))
    others = _count(db, process, Idea.status.in_((IdeaStatus.REJECTED, IdeaStatus.MERGED)), Idea.hidden_at.is_(None))
    waiting = _count(db, process, Idea.status == IdeaStatus.SUBMITTED)
    assert (listed, others, waiting) == (5, 3, 3)

    overview_url, list_url = f"/processes/{process.slug}/", f"/processes/{process.slug}/ideas"
    anonymous = make_client()
    overview = anonymous.get(overview_url).get_data(as_text=True)
    assert re.search(r"<dd data-idea-count>\s*(\d+)\s*</dd>", overview).group(1) == str(listed)
    ideas = anonymous.get(list_url).get_data(as_text=True)
    assert f"{listed} Ideen" in _text(ideas)
    for page in (overview, ideas):
        text = _text(page)
        assert f"{others} weitere Ideen sind öffentlich, aber nicht in der Liste: abgelehnt oder zusammengeführt." in text
        assert f"Alle {listed + others} zeigen" in text
        assert "warten auf die Moderation" not in text  # the public never learns of unmoderated ideas
    everything = _text(anonymous.get(f"{list_url}?status=all").get_data(as_text=True))
    assert f"{listed + others} Ideen" in everything  # "all" shows what the sentence promises
    # Each sector's count on the overview is what its link to the list shows.
    sector = process.sectors[0]
    in_sector = _count(db, process, Idea.sector_id == sector.id, Idea.listed.is_(True))
    assert f"{in_sector} Ideen" in _text(anonymous.get(f"{list_url}?sector={sector.id}").get_data(as_text=True))
    assert re.search(rf"{re.escape(sector.name)}\s*<span class=\"count\">{in_sector} Ideen</span>", overview)

    # The process's moderation also reads how many wait, on both pages, with the link to them.
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    staff = make_client()
    staff.login(moderator.email)
    for url in (overview_url, list_url):
        text = _text(staff.get(url).get_data(as_text=True))
        assert f"{waiting} Ideen warten auf die Moderation." in text
    assert f"{waiting} Ideen" in _text(staff.get(f"{list_url}?status=submitted").get_data(as_text=True))
