"""Bars from one process on the services: the moderation team of a process bars an account from
that process alone (issue 9, point 3); blocking an account everywhere is for admins."""
import pytest

from participation.auth.models import ProcessRoleKind, User
from participation.database import unit_of_work
from participation.errors import InvalidState, NotAllowed, ValidationFailed
from participation.ideas import services as ideas
from participation.ideas.models import Comment, Idea
from participation.moderation import services
from participation.moderation.models import AuditEntry, ProcessBlock, Report

REASON = "Wiederholt beleidigende Kommentare trotz Hinweis."


@pytest.fixture
def two_processes(make_process, make_user, make_idea):
    a = make_process(title="Klimaschutz Altstadt")
    b = make_process(title="Klimaschutz Bergdorf")
    moderator_a = make_user("mod-a@example.org", name="Moritz A", roles=[(a, ProcessRoleKind.MODERATOR)])
    staff_a = make_user("staff-a@example.org", name="Stefanie A", roles=[(a, ProcessRoleKind.STAFF)])
    resident = make_user("rosa@example.org", name="Rosa Resident")
    other = make_user("otto@example.org", name="Otto Other")
    idea_a = make_idea(a, author=other, title="Mehr Bäume am Markt pflanzen")
    idea_b = make_idea(b, author=other, title="Ein Bürgerbus für das Bergdorf")
    return a, b, moderator_a, staff_a, resident, other, idea_a, idea_b


def take_part(resident, process, idea):
    """Post, support, comment and report in `process`: everything a bar refuses."""
    with unit_of_work():
        posted = ideas.submit_idea(resident, process, "Solaranlagen auf alle Schuldächer",
                                   "Die Stadt soll jedes geeignete Schuldach nutzen.", process.sectors[0].id)
        supported, _count = ideas.support_idea(resident, idea)
        comment = ideas.add_comment(resident, idea, "Gute Idee, das unterstütze ich.")
        services.report(resident, idea, "Enthält eine Telefonnummer.")
    return posted, supported, comment


def audit(db, **filters):
    return db.session.scalars(db.select(AuditEntry).filter_by(**filters).order_by(AuditEntry.id)).all()


def test_a_moderator_of_a_cannot_affect_a_resident_who_only_takes_part_in_b(db, two_processes, mailbox):
    a, b, moderator_a, staff_a, resident, other, idea_a, idea_b = two_processes
    with unit_of_work():  # the resident takes part in B only
        ideas.submit_idea(resident, b, "Radweg ins Nachbardorf", "Ein sicherer Radweg entlang der Landstraße.",
                          b.sectors[3].id)
    token = resident.session_token

    # Blocking the account everywhere, or barring it from B, is refused to A's moderator and staff.
    for actor in (moderator_a, staff_a):
        with pytest.raises(NotAllowed):
            services.set_blocked(actor, resident, True, REASON)
        with pytest.raises(NotAllowed):
            services.bar_from_process(actor, b, resident, REASON)
        with pytest.raises(NotAllowed):
            services.process_bars(actor, b)
    db.session.rollback()

    # Barring the resident from A is allowed (harmless to B) and stays inside A.
    with unit_of_work():
        services.bar_from_process(moderator_a, a, resident, REASON)
    db.session.expire_all()
    resident = db.session.get(User, resident.id)
    assert resident.blocked_at is None and resident.blocked_reason is None and resident.is_active
    assert resident.session_token == token
    assert mailbox.messages == []
    entries = audit(db, object_type="user", object_id=resident.id)
    assert [(e.action, e.process_id, e.actor_id, e.summary) for e in entries] == [
        ("user.bar", a.id, moderator_a.id, REASON)]
    assert services.process_bars(staff_a, a)[0].user_id == resident.id

    # In B the resident still posts, supports, comments and reports.
    posted, supported, comment = take_part(resident, b, idea_b)
    assert posted.process_id == b.id and supported and comment.idea_id == idea_b.id
    assert db.session.scalar(db.select(db.func.count(Report.id)).where(Report.process_id == b.id,
                                                                         Report.reporter_id == resident.id)) == 1
    # ... and in A nothing of it.
    with pytest.raises(NotAllowed):
        take_part(resident, a, idea_a)


def test_a_barred_person_is_told_why_and_refused_everywhere_in_that_process(db, two_processes):
    a, b, moderator_a, staff_a, resident, other, idea_a, idea_b = two_processes
    with unit_of_work():
        own = ideas.submit_idea(resident, a, "Wärmepumpen für die Altstadt", "Beratung und Förderung für alle.",
                                a.sectors[1].id)
        ideas.support_idea(resident, idea_a)
    with unit_of_work():
        services.bar_from_process(staff_a, a, resident, REASON)

    attempts = {
        "post": lambda: ideas.submit_idea(resident, a, "Noch eine Idee zur Altstadt", "Mit genug Text darin.",
                                          a.sectors[0].id),
        "edit": lambda: ideas.edit_idea(resident, own, "Wärmepumpen für alle", "Beratung und Förderung.",
                                        a.sectors[1].id),
        "support": lambda: ideas.support_idea(resident, idea_a),
        "comment": lambda: ideas.add_comment(resident, idea_a, "Ich bin dafür."),
        "report": lambda: services.report(resident, idea_a, "Das ist Werbung."),
    }
    for name, attempt in attempts.items():
        with pytest.raises(NotAllowed) as refused:
            attempt()
        db.session.rollback()
        message = str(refused.value.message)
        assert REASON in message, name
        assert "Klimaschutz Altstadt" in message and "nur für diesen Prozess" in message, name
    assert db.session.scalar(db.select(db.func.count(Idea.id)).where(Idea.author_id == resident.id)) == 1
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 0

    # Taking one's own support back adds nothing and stays possible.
    with unit_of_work():
        withdrawn, count = ideas.withdraw_support(resident, idea_a)
    assert withdrawn and count == 0

    # Lifting the bar: everything works again; the log holds both steps, both A's.
    with unit_of_work():
        services.lift_process_bar(moderator_a, a, resident)
    assert services.bar_of(a, resident) is None
    take_part(resident, a, idea_a)
    assert [(e.action, e.process_id) for e in audit(db, object_type="user")] == [
        ("user.bar", a.id), ("user.unbar", a.id)]


def test_the_team_cannot_be_barred_and_reasons_are_required(db, two_processes, make_user):
    a, b, moderator_a, staff_a, resident, other, idea_a, idea_b = two_processes
    admin = make_user("admin@example.org", admin=True)
    for target in (moderator_a, staff_a, admin):
        with pytest.raises(NotAllowed):
            services.bar_from_process(moderator_a if target is not moderator_a else staff_a, a, target, REASON)
    with pytest.raises(InvalidState):
        services.bar_from_process(moderator_a, a, moderator_a, REASON)
    for reason in ("", "   ", "kurz", None, 42, "x" * (services.REASON_MAX + 1)):
        with pytest.raises(ValidationFailed):
            services.bar_from_process(moderator_a, a, resident, reason)
    with pytest.raises(NotAllowed):  # a resident is no moderator
        services.bar_from_process(other, a, resident, REASON)
    with pytest.raises(InvalidState):
        services.lift_process_bar(moderator_a, a, resident)
    with unit_of_work():
        services.bar_from_process(moderator_a, a, resident, REASON)
    with pytest.raises(InvalidState):  # once per process and person
        services.bar_from_process(staff_a, a, resident, "Ein zweiter Grund.")
    db.session.rollback()
    with pytest.raises(NotAllowed):
        services.lift_process_bar(other, a, resident)
    assert db.session.scalar(db.select(db.func.count(ProcessBlock.id))) == 1
    # An admin bars and lifts in any process.
    with unit_of_work():
        services.bar_from_process(admin, b, resident, REASON)
        services.lift_process_bar(admin, a, resident)
    assert [bar.process_id for bar in db.session.scalars(db.select(ProcessBlock))] == [b.id]


def test_a_bar_ends_with_the_account_and_outlives_the_moderators_account(db, two_processes):
    from conftest import PASSWORD
    from participation.auth import services as auth_services

    a, b, moderator_a, staff_a, resident, other, idea_a, idea_b = two_processes
    with unit_of_work():
        services.bar_from_process(moderator_a, a, resident, REASON)
        services.bar_from_process(moderator_a, a, other, REASON)
    with unit_of_work():
        auth_services.delete_account(resident, PASSWORD)
        auth_services.delete_account(moderator_a, PASSWORD)
    db.session.expire_all()
    bars = db.session.scalars(db.select(ProcessBlock)).all()
    assert [(bar.user_id, bar.blocked_by_id, bar.blocked_by_name) for bar in bars] == [(other.id, None, "Moritz A")]


def test_two_moderators_barring_at_once_bar_once(app, db, two_processes):
    import threading

    from participation.extensions import db as _db

    a, b, moderator_a, staff_a, resident, other, idea_a, idea_b = two_processes
    ids, resident_id, process_id = (moderator_a.id, staff_a.id), resident.id, a.id
    barrier = threading.Barrier(2)
    outcomes = {}

    def work(user_id):
        with app.app_context():
            try:
                from participation.processes.models import Process

                person, target = _db.session.get(User, user_id), _db.session.get(User, resident_id)
                process = _db.session.get(Process, process_id)
                barrier.wait()
                with unit_of_work():
                    services.bar_from_process(person, process, target, f"{REASON} ({user_id})")
                outcomes[user_id] = "barred"
            except InvalidState as error:
                outcomes[user_id] = f"refused: {error.message}"
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=work, args=(uid,)) for uid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(o == "barred" for o in outcomes.values()) == [False, True], outcomes
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(ProcessBlock.id))) == 1
    assert len(audit(db, action="user.bar")) == 1
