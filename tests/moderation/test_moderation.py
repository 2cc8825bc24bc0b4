"""Moderation rules on the services: claims, versions, decisions, merging, reports, blocking,
the audit trail and the notifications they send."""
import json
import threading
from datetime import timedelta

import pytest

from participation.auth.models import ProcessRoleKind, User
from participation.database import unit_of_work, utcnow
from participation.errors import InvalidState, NotAllowed, ValidationFailed
from participation.extensions import db as _db
from participation.ideas import services as ideas
from participation.ideas.models import Comment, CommentStatus, Idea, IdeaStatus, Support
from participation.moderation import services
from participation.moderation.models import AuditEntry, ModerationDecision, Report


@pytest.fixture
def setup(make_process, make_user):
    process = make_process(moderation="pre")
    moderator = make_user("mod@example.org", name="Moritz Moderation",
                          roles=[(process, ProcessRoleKind.MODERATOR)])
    second = make_user("mod2@example.org", name="Mia Moderation", roles=[(process, ProcessRoleKind.MODERATOR)])
    author = make_user("autorin@example.org", name="Anna Autorin")
    return process, moderator, second, author


def submit(author, process, title="Mehr Radwege in Lobeda bauen", body="Sichere Radwege zur Schule und zur Arbeit."):
    with unit_of_work():
        return ideas.submit_idea(author, process, title, body, process.sectors[3].id)


def claimed(moderator, item):
    with unit_of_work():
        services.claim(moderator, item)
    return item


def audit(db, **filters):
    return db.session.scalars(db.select(AuditEntry).filter_by(**filters).order_by(AuditEntry.id)).all()


def test_a_decision_needs_the_deciders_own_running_claim(db, setup):
    process, moderator, second, author = setup
    idea = submit(author, process)
    with pytest.raises(InvalidState, match="reservieren"):
        services.publish_idea(moderator, idea, idea.version)
    claimed(moderator, idea)
    with pytest.raises(InvalidState):
        services.claim(second, idea)  # someone else's claim runs
    with pytest.raises(InvalidState):
        services.publish_idea(second, idea, idea.version)
    # The claim lapses after 15 minutes; then the other moderator may take over.
    later = utcnow() + timedelta(minutes=16)
    with pytest.raises(InvalidState):
        services.publish_idea(moderator, idea, idea.version, now=later)
    with unit_of_work():
        services.claim(second, idea, now=later)
        services.publish_idea(second, idea, idea.version, now=later)
    assert idea.status == IdeaStatus.PUBLISHED and idea.claimed_by_id is None


def test_a_decision_on_a_stale_version_is_refused(db, setup):
    process, moderator, _, author = setup
    idea = submit(author, process)
    seen = idea.version
    claimed(moderator, idea)
    with unit_of_work():  # the author edits while the moderator reads
        ideas.edit_idea(author, idea, "Mehr Radwege in Lobeda und Winzerla", "Sichere Radwege überall.",
                        process.sectors[3].id)
    with pytest.raises(InvalidState, match="changed|geändert"):
        services.publish_idea(moderator, idea, seen)
    db.session.rollback()
    assert db.session.get(Idea, idea.id).status == IdeaStatus.SUBMITTED


def test_two_moderators_deciding_at_once_decide_once(app, db, setup):
    process, moderator, second, author = setup
    idea = submit(author, process)
    idea_id, version = idea.id, idea.version
    ids = (moderator.id, second.id)
    barrier = threading.Barrier(2)
    outcomes = {}

    def work(user_id):
        with app.app_context():
            try:
                person = _db.session.get(User, user_id)
                item = _db.session.get(Idea, idea_id)
                barrier.wait()
                with unit_of_work():
                    services.claim(person, item)
                with unit_of_work():
                    services.publish_idea(person, item, version)
                outcomes[user_id] = "published"
            except InvalidState as error:
                outcomes[user_id] = f"refused: {error.message}"
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=work, args=(uid,)) for uid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(o == "published" for o in outcomes.values()) == [False, True], outcomes
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(ModerationDecision.id))) == 1
    assert len(audit(db, action="idea.publish")) == 1


def test_publish_reject_and_request_edit_are_recorded_and_mailed(db, setup, mailbox):
    process, moderator, _, author = setup
    first, second, third = (submit(author, process, f"Idee Nummer {n} für Jena") for n in range(3))
    claimed(moderator, first)
    with unit_of_work():
        services.publish_idea(moderator, first, first.version)
    templates = services.reason_templates(process)
    db.session.commit()
    claimed(moderator, second)
    with unit_of_work():
        services.reject_idea(moderator, second, second.version, templates[2].id, "Bitte an das Land wenden.")
    assert second.status == IdeaStatus.REJECTED
    assert templates[2].text in second.rejection_reason and "Bitte an das Land wenden." in second.rejection_reason
    claimed(moderator, third)
    with unit_of_work():
        services.request_edit(moderator, third, third.version, "Bitte nennen Sie den Ort genauer.")
    assert third.can_edit(author)
    subjects = [m["Subject"] for m in mailbox.to("autorin@example.org")]
    assert subjects == ["Ihre Idee wurde veröffentlicht", "Ihre Idee wurde abgelehnt", "Bitte überarbeiten Sie Ihre Idee"]
    rejection = mailbox.text(mailbox.to("autorin@example.org")[1])
    assert "Bitte an das Land wenden." in rejection
    actions = [e.action for e in audit(db)]
    assert actions == ["idea.publish", "idea.reject", "idea.request_edit"]
    entry = audit(db, action="idea.reject")[0]
    assert json.loads(entry.before_state)["status"] == "submitted"
    assert json.loads(entry.after_state)["status"] == "rejected"
    assert entry.actor_name == "Moritz Moderation"


def test_an_edited_idea_returns_to_the_queue(db, setup):
    process, moderator, _, author = setup
    idea = submit(author, process)
    claimed(moderator, idea)
    with unit_of_work():
        services.request_edit(moderator, idea, idea.version, "Bitte den Ort ergänzen.")
    assert idea not in services.queue(process, moderator, filter_="new").items
    with unit_of_work():
        ideas.edit_idea(author, idea, "Mehr Radwege in Lobeda bauen, Kastanienstraße",
                        "Sichere Radwege zur Schule in der Kastanienstraße.", process.sectors[3].id)
    assert [i.id for i in services.queue(process, moderator, filter_="edited").items] == [idea.id]
    claimed(moderator, idea)
    with unit_of_work():
        services.publish_idea(moderator, idea, idea.version)
    assert services.queue(process, moderator, filter_="edited").items == []


def test_no_decision_without_rights(db, setup, make_user, make_process):
    process, moderator, _, author = setup
    idea = submit(author, process)
    stranger = make_user()
    other_moderator = make_user(roles=[(make_process(), ProcessRoleKind.MODERATOR)])
    for person in (stranger, other_moderator, author):
        with pytest.raises(NotAllowed):
            services.claim(person, idea)
        with pytest.raises(NotAllowed):
            services.queue(process, person)


def test_merging_moves_supports_once_per_person_and_tells_everyone(db, setup, make_user, make_idea, mailbox):
    process, moderator, _, author = setup
    target_author = make_user("ziel@example.org")
    target = make_idea(process, author=target_author, title="Radwege in Lobeda ausbauen")
    source = make_idea(process, author=author, title="Mehr Radwege für Lobeda")
    both, only_source, only_target = make_user("beide@example.org"), make_user("quelle@example.org"), make_user()
    with unit_of_work():
        for person in (both, only_source):
            ideas.support_idea(person, source)
        for person in (both, only_target):
            ideas.support_idea(person, target)
        ideas.support_idea(target_author, source)  # the target's author cannot support their own idea
    assert (source.support_count, target.support_count) == (3, 2)
    claimed(moderator, source)
    with unit_of_work():
        services.merge_ideas(moderator, source, source.version, target.id)
    db.session.expire_all()
    target, source = db.session.get(Idea, target.id), db.session.get(Idea, source.id)
    supporters = set(db.session.scalars(db.select(Support.user_id).where(Support.idea_id == target.id)))
    assert supporters == {both.id, only_source.id, only_target.id}
    assert target.support_count == 3 == len(supporters)
    assert source.support_count == 0 and source.status == IdeaStatus.MERGED and source.merged_into_id == target.id
    assert db.session.scalar(db.select(db.func.count(Support.id)).where(Support.idea_id == source.id)) == 0
    told = {m["To"] for m in mailbox.messages}
    assert {"autorin@example.org", "ziel@example.org", "quelle@example.org"} <= told
    assert "beide@example.org" in told  # their support moved (it now counts once there)
    assert audit(db, action="idea.merge")[0].object_id == source.id


@pytest.mark.parametrize("target_status", [IdeaStatus.SUBMITTED, IdeaStatus.REJECTED, IdeaStatus.MERGED])
def test_merging_needs_a_published_target(db, setup, make_idea, target_status):
    process, moderator, _, author = setup
    target = make_idea(process, status=target_status)
    source = make_idea(process, author=author)
    claimed(moderator, source)
    with pytest.raises(ValidationFailed):
        services.merge_ideas(moderator, source, source.version, target.id)
    with pytest.raises(ValidationFailed):
        services.merge_ideas(moderator, source, source.version, source.id)


def test_reports_hide_at_the_threshold_until_a_moderator_decides(db, setup, make_user, make_idea):
    process, moderator, _, author = setup
    process.report_threshold = 2
    db.session.commit()
    idea = make_idea(process, author=author)
    first, second = make_user(), make_user()
    with unit_of_work():
        services.report(first, idea, "Das ist beleidigend.")
    with pytest.raises(InvalidState):
        services.report(first, idea, "Noch einmal gemeldet.")
    db.session.rollback()
    assert idea.hidden_at is None and idea.open_reports == 1
    with unit_of_work():
        services.report(second, idea, "Bitte prüfen.")
    assert idea.hidden_at is not None
    db.session.refresh(idea)
    assert not idea.listed
    assert [i.id for i in services.queue(process, moderator, filter_="reported").items] == [idea.id]
    assert ideas.list_ideas(process, ideas.IdeaQuery()).total == 0
    claimed(moderator, idea)
    with unit_of_work():
        services.dismiss_reports(moderator, idea, idea.version)
    db.session.refresh(idea)
    assert idea.hidden_at is None and idea.open_reports == 0 and idea.listed
    assert {r.resolution.value for r in db.session.scalars(db.select(Report))} == {"dismissed"}


def test_comments_go_through_the_same_rules(db, setup, make_user, make_idea):
    process, moderator, _, author = setup
    idea = make_idea(process)
    with unit_of_work():
        comment = ideas.add_comment(author, idea, "Ein kluger Kommentar zur Idee.")
    assert comment.status == CommentStatus.SUBMITTED and idea.comment_count == 0
    assert [c.id for c in services.queue(process, moderator, kind="comments").items] == [comment.id]
    claimed(moderator, comment)
    with unit_of_work():
        services.publish_comment(moderator, comment, comment.version)
    db.session.refresh(idea)
    assert idea.comment_count == 1
    claimed(moderator, comment)
    with unit_of_work():
        services.set_hidden(moderator, comment, comment.version, True, "Off topic")
    db.session.refresh(idea)
    assert idea.comment_count == 0 and ideas.comment_threads(idea, None) == []
    claimed(moderator, comment)
    with unit_of_work():
        services.set_hidden(moderator, comment, comment.version, False)
    claimed(moderator, comment)
    with unit_of_work():
        services.reject_comment(moderator, comment, comment.version, text="Persönlicher Angriff.")
    db.session.refresh(idea)
    assert idea.comment_count == 0 and comment.status == CommentStatus.REJECTED
    assert [e.action for e in audit(db, object_type="comment")] == [
        "comment.publish", "comment.hide", "comment.unhide", "comment.reject"]


def test_only_admins_block_accounts_everywhere_and_their_sessions_end(db, setup, make_user):
    process, moderator, second, author = setup
    admin = make_user("admin@example.org", admin=True)
    token = author.session_token
    with pytest.raises(NotAllowed):  # a moderator of a process cannot block an account everywhere
        services.set_blocked(moderator, author, True, "Wiederholte Beleidigungen.")
    assert author.is_active and author.session_token == token
    with unit_of_work():
        services.set_blocked(admin, author, True, "Wiederholte Beleidigungen.")
    assert not author.is_active and author.session_token != token
    with pytest.raises(NotAllowed):
        submit(author, process)
    with pytest.raises(InvalidState):
        services.set_blocked(admin, admin, True, "Selbst blockiert")
    with pytest.raises(ValidationFailed):
        services.set_blocked(admin, second, True, "kurz")
    with unit_of_work():
        services.set_blocked(admin, author, False)
    assert author.is_active
    entries = audit(db, object_type="user")
    assert [(e.action, e.process_id, e.actor_id) for e in entries] == [
        ("user.block", None, admin.id), ("user.unblock", None, admin.id)]


def test_the_audit_log_cannot_be_changed(db, setup):
    process, moderator, _, author = setup
    idea = submit(author, process)
    claimed(moderator, idea)
    with unit_of_work():
        services.publish_idea(moderator, idea, idea.version)
    entry = audit(db)[0]
    with pytest.raises(Exception, match="cannot be changed"):
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE audit_entries SET summary = 'gefälscht' WHERE id = {entry.id}")
    db.session.expire_all()
    assert db.session.get(AuditEntry, entry.id).summary != "gefälscht"


def test_the_audit_log_is_staff_only_filterable_and_exports_csv(db, setup, make_user):
    process, moderator, _, author = setup
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    for n in range(2):
        idea = submit(author, process, f"Idee Nummer {n} für den Klimaschutz")
        claimed(moderator, idea)
        with unit_of_work():
            services.publish_idea(moderator, idea, idea.version)
    with pytest.raises(NotAllowed):
        services.audit_log(moderator, process, services.AuditQuery())
    entries, total = services.audit_log(staff, process, services.parse_audit_query({"action": "idea.publish"}))
    assert total == 2
    data = services.audit_csv(staff, process, services.AuditQuery(action="idea"))
    assert data.startswith("\ufeff".encode())
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Nr.", "Zeitpunkt", "Person", "Aktion"] and len(rows) == 3


def test_notifications_can_be_switched_off(db, setup, mailbox):
    process, moderator, _, author = setup
    author.notify_published = False
    db.session.commit()
    idea = submit(author, process)
    claimed(moderator, idea)
    with unit_of_work():
        services.publish_idea(moderator, idea, idea.version)
    assert mailbox.to("autorin@example.org") == []


def test_a_comment_count_stays_exact_when_reports_hide_it(db, setup, make_user, make_idea):
    process, moderator, _, author = setup
    process.report_threshold = 1
    process.moderation_mode = "post"
    db.session.commit()
    idea = make_idea(process)
    with unit_of_work():
        comment = ideas.add_comment(author, idea, "Ein veröffentlichter Kommentar.")
    db.session.refresh(idea)
    assert idea.comment_count == 1
    with unit_of_work():
        services.report(make_user(), comment, "Beleidigend formuliert.")
    db.session.refresh(idea)
    assert idea.comment_count == 0
    visible = db.session.scalar(db.select(db.func.count(Comment.id)).where(
        Comment.idea_id == idea.id, Comment.status == "published", Comment.hidden_at.is_(None)))
    assert visible == idea.comment_count
