"""Idea rules, tested on the services directly."""
import pytest

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work, utcnow
from participation.errors import (
    InvalidState,
    NotAllowed,
    NotFound,
    PhaseClosed,
    ValidationFailed,
)
from participation.ideas import services
from participation.ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support

BODY = "Auf der Saalbahnhofstraße fehlt ein sicherer Radweg in beide Richtungen."


def count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def submit(actor, process, **kwargs):
    values = {"title": "Radweg an der Saale ausbauen", "body": BODY, "sector_id": process.sectors[3].id,
              "district_id": process.districts[0].id}
    values.update(kwargs)
    with unit_of_work():
        return services.submit_idea(actor, process, **values)


def test_post_moderated_process_publishes_at_once(make_user, make_process):
    idea = submit(make_user(), make_process(moderation="post"))
    assert idea.status == IdeaStatus.PUBLISHED and idea.published_at is not None
    assert idea.body_html.startswith("<p>")


def test_pre_moderated_ideas_wait_and_are_seen_by_author_and_moderators_only(make_user, make_process):
    process = make_process(moderation="pre")
    author, stranger = make_user(), make_user()
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    idea = submit(author, process)
    assert idea.status == IdeaStatus.SUBMITTED
    assert services.get_idea(idea.id, author) == idea
    assert services.get_idea(idea.id, moderator) == idea
    with pytest.raises(NotFound):
        services.get_idea(idea.id, stranger)
    with pytest.raises(NotFound):
        services.get_idea(idea.id, None)
    page = services.list_ideas(process, services.IdeaQuery(), viewer=stranger)
    assert page.total == 0
    mine = services.list_ideas(process, services.IdeaQuery(mine=True), viewer=author)
    assert [i.id for i in mine.items] == [idea.id]


@pytest.mark.parametrize("changes, field", [
    ({"title": "Kurz"}, "title"),
    ({"title": "x" * 121}, "title"),
    ({"title": None}, "title"),
    ({"title": ["eine", "Liste"]}, "title"),
    ({"body": "zu kurz"}, "body"),
    ({"body": "x" * 5001}, "body"),
    ({"body": 12345}, "body"),
    ({"sector_id": 999999}, "sector_id"),
    ({"sector_id": "abc"}, "sector_id"),
    ({"sector_id": None}, "sector_id"),
    ({"district_id": 999999}, "district_id"),
    ({"district_id": True}, "district_id"),
])
def test_bad_input_is_refused_and_nothing_is_written(db, make_user, make_process, changes, field):
    process = make_process()
    with pytest.raises(ValidationFailed) as caught:
        submit(make_user(), process, **changes)
    assert field in caught.value.errors
    assert count(db, Idea) == 0


def test_sector_and_district_must_belong_to_the_process(db, make_user, make_process):
    jena, gera = make_process(), make_process()
    with pytest.raises(ValidationFailed) as caught:
        submit(make_user(), jena, sector_id=gera.sectors[0].id, district_id=gera.districts[0].id)
    assert set(caught.value.errors) == {"sector_id", "district_id"}
    assert count(db, Idea) == 0


def test_district_is_optional(make_user, make_process):
    assert submit(make_user(), make_process(), district_id=None).district is None


@pytest.mark.parametrize("phase, message", [("upcoming", "noch nicht"), ("closed", "beendet")])
def test_nothing_is_posted_supported_or_commented_outside_the_collection_phase(
        app, db, make_user, make_process, make_idea, phase, message):
    process = make_process(phase=phase)
    idea = make_idea(process)
    person = make_user()
    for action in (lambda: submit(person, process),
                   lambda: services.support_idea(person, idea),
                   lambda: services.withdraw_support(person, idea),
                   lambda: services.add_comment(person, idea, "Gute Idee!")):
        with pytest.raises(PhaseClosed):
            action()
    assert count(db, Support) == 0 and count(db, Comment) == 0 and count(db, Idea) == 1


def test_unverified_and_anonymous_people_cannot_take_part(make_user, make_process):
    process = make_process()
    with pytest.raises(NotAllowed, match="bestätigen|confirm"):
        submit(make_user(verified=False), process)
    with pytest.raises(NotAllowed):
        services.submit_idea(None, process, "Titel der Idee", BODY, process.sectors[0].id)


def test_authors_edit_until_moderation_acts(db, make_user, make_process):
    process = make_process()
    author, other = make_user(), make_user()
    idea = submit(author, process)
    with unit_of_work():
        services.edit_idea(author, idea, "Radweg an der Saale durchgängig ausbauen", BODY + " Bitte bald.",
                           process.sectors[3].id, None)
    assert idea.version == 2 and idea.edited_at is not None and idea.district is None
    with pytest.raises(NotAllowed):
        services.edit_idea(other, idea, "Fremde Änderung am Titel", BODY, process.sectors[3].id)
    idea.moderated_at = utcnow()
    db.session.commit()
    with pytest.raises(InvalidState):
        services.edit_idea(author, idea, "Noch eine Änderung", BODY, process.sectors[3].id)


def test_support_once_withdraw_and_support_again(db, make_user, make_process, make_idea):
    idea = make_idea(make_process())
    fan = make_user()
    with unit_of_work():
        assert services.support_idea(fan, idea) == (True, 1)
    with unit_of_work():
        assert services.support_idea(fan, idea) == (False, 1)  # counted once
    with unit_of_work():
        assert services.withdraw_support(fan, idea) == (True, 0)
    with unit_of_work():
        assert services.withdraw_support(fan, idea) == (False, 0)
    with unit_of_work():
        assert services.support_idea(fan, idea) == (True, 1)
    assert count(db, Support) == 1


def test_no_support_for_ones_own_or_unpublished_ideas(make_user, make_process, make_idea):
    process = make_process()
    author = make_user()
    with pytest.raises(InvalidState):
        services.support_idea(author, make_idea(process, author=author))
    with pytest.raises(InvalidState):
        services.support_idea(make_user(), make_idea(process, status=IdeaStatus.SUBMITTED))
    with pytest.raises(InvalidState):
        services.support_idea(make_user(), make_idea(process, status=IdeaStatus.REJECTED))


def test_replies_stay_one_level_deep(db, make_user, make_process, make_idea):
    process = make_process()
    idea, other_idea = make_idea(process), make_idea(process)
    people = [make_user() for _ in range(3)]
    with unit_of_work():
        root = services.add_comment(people[0], idea, "Das ist eine gute Idee.")
    with unit_of_work():
        reply = services.add_comment(people[1], idea, "Finde ich auch!", parent_id=root.id)
    with unit_of_work():
        reply_to_reply = services.add_comment(people[2], idea, "Und ich erst.", parent_id=str(reply.id))
    assert reply.parent_id == root.id and reply_to_reply.parent_id == root.id
    assert idea.comment_count == 3 or db.session.get(Idea, idea.id).comment_count == 3
    with pytest.raises(ValidationFailed):
        services.add_comment(people[0], other_idea, "Falscher Faden", parent_id=root.id)
    with pytest.raises(ValidationFailed):
        services.add_comment(people[0], idea, "Kaputte Nummer", parent_id="abc")
    threads = services.comment_threads(idea, None)
    assert [(c.id, [r.id for r in replies]) for c, replies in threads] == [(root.id, [reply.id, reply_to_reply.id])]


def test_pre_moderated_comments_wait_and_do_not_count(db, make_user, make_process, make_idea):
    process = make_process(moderation="pre")
    idea = make_idea(process)
    author = make_user()
    with unit_of_work():
        comment = services.add_comment(author, idea, "Bitte auch an Lastenräder denken.")
    db.session.expire_all()
    assert comment.status == CommentStatus.SUBMITTED
    assert db.session.get(Idea, idea.id).comment_count == 0
    assert services.comment_threads(idea, None) == []
    assert [c.id for c, _ in services.comment_threads(idea, author)] == [comment.id]


# --- listing, filtering, sorting, searching -------------------------------------------

@pytest.fixture
def catalogue(db, make_user, make_process, make_idea):
    from datetime import timedelta

    process = make_process(moderation="post")
    mob, ene = process.sectors[3], process.sectors[4]
    nord, sued = process.districts[0], process.districts[1]
    now = utcnow()
    ideas = {
        "radweg": make_idea(process, title="Durchgehende Radwege an der Saale", sector=mob, district=nord,
                            body="Sichere Fahrradwege entlang der Saale verbinden Nord und Zentrum.",
                            created_at=now - timedelta(days=3)),
        "solar": make_idea(process, title="Solaranlagen auf alle Schuldächer", sector=ene, district=sued,
                           body="Photovoltaik auf kommunalen Gebäuden senkt die Stromkosten.",
                           created_at=now - timedelta(days=2)),
        "bus": make_idea(process, title="Nachtbusse am Wochenende", sector=mob, district=sued,
                         body="Ein Nachtbus ersetzt viele Autofahrten nach dem Kino.",
                         created_at=now - timedelta(days=1)),
        "grün": make_idea(process, title="Grüne Dächer für Bushaltestellen", sector=mob,
                          body="Begrünte Wartehäuschen kühlen und sind gut für Bienen.", created_at=now),
        "alt": make_idea(process, title="Abgelehnte Idee zum Flughafen", sector=mob, status=IdeaStatus.REJECTED,
                         created_at=now),
    }
    ideas["radweg"].support_count, ideas["solar"].support_count = 5, 9
    ideas["bus"].comment_count = 4
    db.session.commit()
    return process, ideas


def titles(page):
    return [i.title for i in page.items]


def test_filters_by_sector_district_and_status(catalogue):
    process, ideas = catalogue
    mob, sued = ideas["radweg"].sector, ideas["solar"].district
    page = services.list_ideas(process, services.IdeaQuery(sector=mob.id))
    assert set(titles(page)) == {ideas[k].title for k in ("radweg", "bus", "grün")}
    page = services.list_ideas(process, services.IdeaQuery(sector=mob.id, district=sued.id))
    assert titles(page) == [ideas["bus"].title]
    page = services.list_ideas(process, services.IdeaQuery(status="rejected"))
    assert titles(page) == [ideas["alt"].title]
    page = services.list_ideas(process, services.IdeaQuery(status="all"))
    assert page.total == 5
    # a stranger asking for submitted ideas gets the public default instead
    assert services.list_ideas(process, services.IdeaQuery(status="submitted")).total == 4


def test_sorts(catalogue):
    process, ideas = catalogue
    newest = services.list_ideas(process, services.IdeaQuery(sort="newest"))
    assert titles(newest)[:2] == [ideas["grün"].title, ideas["bus"].title]
    supported = services.list_ideas(process, services.IdeaQuery(sort="supported"))
    assert titles(supported)[:2] == [ideas["solar"].title, ideas["radweg"].title]
    commented = services.list_ideas(process, services.IdeaQuery(sort="commented"))
    assert titles(commented)[0] == ideas["bus"].title


def test_random_order_is_stable_per_visitor_and_differs_between_visitors(db, make_process, make_idea):
    process = make_process()
    for n in range(30):
        make_idea(process, title=f"Idee Nummer {n:02d} für mehr Klimaschutz")
    query = services.IdeaQuery(sort="random")

    def order(seed):
        return [i.id for i in services.list_ideas(process, query, per_page=30, random_seed=seed).items]

    assert order(12345) == order(12345)
    assert order(12345) != order(67890)
    assert sorted(order(12345)) == sorted(order(67890))
    newest = [i.id for i in services.list_ideas(process, services.IdeaQuery(), per_page=30).items]
    assert order(12345) != newest


def test_pagination(db, make_process, make_idea):
    process = make_process()
    for n in range(25):
        make_idea(process, title=f"Idee Nummer {n:02d} für mehr Klimaschutz")
    first = services.list_ideas(process, services.IdeaQuery(page=1), per_page=10)
    third = services.list_ideas(process, services.IdeaQuery(page=3), per_page=10)
    beyond = services.list_ideas(process, services.IdeaQuery(page=99), per_page=10)
    assert first.total == 25 and first.pages == 3 and len(first.items) == 10 and first.has_next
    assert len(third.items) == 5 and not third.has_next
    assert beyond.page == 3


@pytest.mark.parametrize("words, expected", [
    ("Radwege", {"radweg"}),                 # German plural finds the stem
    ("fahrradweg", {"radweg"}),              # word inside the body
    ("Solaranlage", {"solar"}),              # singular finds the plural
    ("gruene dacher", set()),                # no transliteration guessing
    ("Dächer", {"grün"}),                    # umlauts (a word inside a compound is not found)
    ("dacher", {"grün"}),                    # ... with or without them
    ("Bus", {"grün"}),                       # prefix: Bushaltestellen
    ("Nachtbus", {"bus"}),                   # Nachtbusse
    ("Saale Nord", {"radweg"}),              # every word must match
    ("Flughafen", set()),                    # rejected ideas are not in the default list
    ("'; DROP TABLE ideas; --", set()),      # punctuation is not syntax
    ("", {"radweg", "solar", "bus", "grün"}),
])
def test_full_text_search_in_german(catalogue, words, expected):
    process, ideas = catalogue
    page = services.list_ideas(process, services.parse_idea_query({"q": words}))
    assert set(titles(page)) == {ideas[k].title for k in expected}


def test_search_finds_edited_text_and_forgets_the_old(db, make_user, make_process):
    process = make_process()
    author = make_user()
    idea = submit(author, process, title="Mehr Carsharing im Quartier", body="Carsharing statt Zweitwagen im Quartier.")
    assert services.list_ideas(process, services.parse_idea_query({"q": "Carsharing"})).total == 1
    with unit_of_work():
        services.edit_idea(author, idea, "Mehr Lastenräder im Quartier", "Lastenräder zum Ausleihen im Quartier.",
                           process.sectors[3].id)
    assert services.list_ideas(process, services.parse_idea_query({"q": "Carsharing"})).total == 0
    assert services.list_ideas(process, services.parse_idea_query({"q": "Lastenrad"})).total == 1


def test_search_ranks_and_combines_with_filters(catalogue):
    process, ideas = catalogue
    query = services.parse_idea_query({"q": "Nachtbus", "sector": str(ideas["bus"].sector_id), "district": str(ideas["bus"].district_id)})
    assert query.sort == "relevance"
    assert titles(services.list_ideas(process, query)) == [ideas["bus"].title]


def test_query_parsing_ignores_malformed_values():
    query = services.parse_idea_query({"sector": "abc", "district": "-3", "page": "0", "sort": "evil", "q": "  x "})
    assert (query.sector, query.district, query.page, query.sort, query.q) == (None, None, 1, "relevance", "x")


def test_the_databases_listed_column_agrees_with_active_statuses(db, make_process, make_idea):
    from participation.ideas.models import ACTIVE_STATUSES

    process = make_process()
    for status in IdeaStatus:
        idea = make_idea(process, status=status, title=f"Idee im Status {status.value}")
        db.session.refresh(idea)
        assert idea.listed == (status in ACTIVE_STATUSES)
        idea.status = IdeaStatus.PUBLISHED
        db.session.commit()
        db.session.refresh(idea)
        assert idea.listed is True
        idea.hidden_at = utcnow()
        db.session.commit()
        db.session.refresh(idea)
        assert idea.listed is False


def test_broad_lists_count_up_to_a_cap(db, make_process, make_idea, monkeypatch):
    monkeypatch.setattr(services, "COUNT_CAP", 5)
    process = make_process()
    for n in range(8):
        make_idea(process, title=f"Idee Nummer {n} für mehr Klimaschutz")
    page = services.list_ideas(process, services.IdeaQuery(), per_page=2)
    assert page.total == 6 and page.total_is_capped and page.pages == 3
    small = services.list_ideas(process, services.IdeaQuery(sector=process.sectors[1].id), per_page=2)
    assert small.total == 0 and not small.total_is_capped


def test_a_search_with_more_matches_than_the_cap_is_shown_newest_first(db, make_process, make_idea, monkeypatch):
    from datetime import timedelta

    monkeypatch.setattr(services, "COUNT_CAP", 3)
    process = make_process()
    now = utcnow()
    for n in range(5):
        make_idea(process, title=f"Radweg Nummer {n} ausbauen", body="Radweg " * (5 - n) + "bitte bauen.",
                  created_at=now - timedelta(days=n))
    page = services.list_ideas(process, services.parse_idea_query({"q": "Radweg"}), per_page=10)
    assert page.query.sort == "newest"
    assert [i.title for i in page.items][:3] == [f"Radweg Nummer {n} ausbauen" for n in range(3)]
