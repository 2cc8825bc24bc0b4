"""The demo seed: a realistic, consistent idea collection, built once and never twice."""
import os
import stat

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from werkzeug.security import check_password_hash

from participation.auth.models import ProcessRole, ProcessRoleKind, User
from participation.demo.seed import MAIN_SLUG, SECOND_SLUG, seed_demo
from participation.ideas.models import (
    ACTIVE_STATUSES,
    BODY_MAX,
    TITLE_MAX,
    TITLE_MIN,
    Comment,
    CommentStatus,
    Idea,
    IdeaStatus,
    Support,
)
from participation.processes.models import (
    DEFAULT_SECTORS,
    District,
    Phase,
    Process,
    Sector,
)

ROLE_EMAILS = ("admin@beispiel.de", "staff@beispiel.de", "moderation@beispiel.de", "bewohnerin@beispiel.de")


def scalar(db, statement):
    return db.session.scalar(statement)


def count(db, model, *where):
    return scalar(db, sa.select(sa.func.count()).select_from(model).where(*where))


def totals(db):
    return {model.__tablename__: count(db, model) for model in (User, Process, Idea, Support, Comment, ProcessRole)}


def test_seed_builds_a_consistent_demo_and_writes_the_generated_password(app, db, tmp_path):
    credentials = tmp_path / "demo-credentials.txt"
    report = seed_demo(credentials_path=str(credentials))

    assert report["created"] is True
    assert report["processes"] == [MAIN_SLUG, SECOND_SLUG]
    assert [a["email"] for a in report["accounts"]] == list(ROLE_EMAILS)
    main = scalar(db, sa.select(Process).where(Process.slug == MAIN_SLUG))
    second = scalar(db, sa.select(Process).where(Process.slug == SECOND_SLUG))
    assert main.is_public and main.idea_phase() == Phase.OPEN and main.municipality == "Stadt Jena"
    assert second.is_public and second.idea_phase() == Phase.UPCOMING and len(second.districts) == 4
    assert "<strong>" in main.description_html
    assert count(db, Idea, Idea.process_id == second.id) == 0

    # At least 800 ideas, every sector and every district used, about a fifth without district.
    ideas = count(db, Idea, Idea.process_id == main.id)
    assert ideas >= 800 and report["ideas"] == ideas
    assert [(s.code, s.name) for s in main.sectors] == list(DEFAULT_SECTORS)
    used_sectors = set(db.session.scalars(sa.select(Idea.sector_id).where(Idea.process_id == main.id).distinct()))
    assert used_sectors == {s.id for s in main.sectors}
    used_districts = set(db.session.scalars(
        sa.select(Idea.district_id).where(Idea.process_id == main.id, Idea.district_id.is_not(None)).distinct()
    ))
    assert len(main.districts) >= 12 and used_districts == {d.id for d in main.districts}
    without_district = count(db, Idea, Idea.process_id == main.id, Idea.district_id.is_(None))
    assert 0.12 * ideas <= without_district <= 0.3 * ideas

    # Every status is present in realistic shares; the moderation queue has work.
    by_status = dict(db.session.execute(sa.select(Idea.status, sa.func.count()).group_by(Idea.status)).all())
    assert by_status[IdeaStatus.PUBLISHED] >= 0.8 * ideas
    for status in (IdeaStatus.ADOPTED, IdeaStatus.REJECTED, IdeaStatus.MERGED, IdeaStatus.SUBMITTED):
        assert by_status.get(status, 0) >= 5, status
    assert count(db, Idea, Idea.status == IdeaStatus.REJECTED, Idea.rejection_reason.is_(None)) == 0
    assert count(db, Idea, Idea.status == IdeaStatus.SUBMITTED, Idea.moderated_at.is_not(None)) == 0
    assert count(db, Idea, Idea.status == IdeaStatus.PUBLISHED, Idea.published_at.is_(None)) == 0
    target = aliased(Idea)
    bad_merges = scalar(db, sa.select(sa.func.count()).select_from(Idea)
                        .outerjoin(target, target.id == Idea.merged_into_id)
                        .where(Idea.status == IdeaStatus.MERGED)
                        .where(sa.or_(target.id.is_(None), target.status != IdeaStatus.PUBLISHED,
                                      target.sector_id != Idea.sector_id)))
    assert bad_merges == 0

    # Titles and bodies within the limits the services enforce.
    lengths = db.session.execute(sa.select(
        sa.func.min(sa.func.length(Idea.title)), sa.func.max(sa.func.length(Idea.title)),
        sa.func.min(sa.func.length(Idea.body)), sa.func.max(sa.func.length(Idea.body)),
    )).one()
    assert TITLE_MIN <= lengths[0] and lengths[1] <= TITLE_MAX
    assert lengths[2] >= 100 and lengths[3] <= BODY_MAX
    assert count(db, Idea) == scalar(db, sa.select(sa.func.count(sa.distinct(Idea.title))))
    assert count(db, Idea, Idea.body_html == "") == 0

    # The counters equal the rows, in one query each.
    support_rows = sa.select(sa.func.count(Support.id)).where(Support.idea_id == Idea.id).scalar_subquery()
    assert count(db, Idea, Idea.support_count != support_rows) == 0
    comment_rows = (sa.select(sa.func.count(Comment.id))
                    .where(Comment.idea_id == Idea.id, Comment.status == CommentStatus.PUBLISHED).scalar_subquery())
    assert count(db, Idea, Idea.comment_count != comment_rows) == 0

    # Supports: a long tail, never on one's own idea, only on ideas that can gather them.
    supports = count(db, Support)
    assert 12_000 <= supports <= 20_000 and report["supports"] == supports
    assert count(db, Idea, Idea.support_count >= 100) >= 3
    assert scalar(db, sa.select(sa.func.max(Idea.support_count))) <= 300
    active = count(db, Idea, Idea.status.in_(ACTIVE_STATUSES))
    assert count(db, Idea, Idea.status.in_(ACTIVE_STATUSES), Idea.support_count <= 15) >= 0.6 * active
    own = scalar(db, sa.select(sa.func.count()).select_from(Support).join(Idea, Idea.id == Support.idea_id)
                 .where(Support.user_id == Idea.author_id))
    assert own == 0
    assert scalar(db, sa.select(sa.func.count()).select_from(Support).join(Idea, Idea.id == Support.idea_id)
                  .where(Idea.status.not_in(ACTIVE_STATUSES))) == 0

    # Comments: about 1,500, a quarter of them replies to top-level comments on the same idea.
    comments = count(db, Comment)
    replies = count(db, Comment, Comment.parent_id.is_not(None))
    assert 1_300 <= comments <= 1_700 and report["comments"] == comments
    assert 0.15 * comments <= replies <= 0.35 * comments
    parent = aliased(Comment)
    bad_replies = scalar(db, sa.select(sa.func.count()).select_from(Comment)
                         .join(parent, parent.id == Comment.parent_id)
                         .where(sa.or_(parent.parent_id.is_not(None), parent.idea_id != Comment.idea_id,
                                       parent.created_at > Comment.created_at)))
    assert bad_replies == 0
    assert count(db, Comment, Comment.status != CommentStatus.PUBLISHED) == 0
    assert scalar(db, sa.select(sa.func.count()).select_from(Comment).join(Idea, Idea.id == Comment.idea_id)
                  .where(Idea.status.not_in(ACTIVE_STATUSES))) == 0

    # Accounts: four verified role accounts with the right rights, residents who cannot sign in.
    users = {u.email: u for u in db.session.scalars(sa.select(User).where(User.email.in_(ROLE_EMAILS)))}
    assert set(users) == set(ROLE_EMAILS)
    assert all(u.is_verified for u in users.values())
    assert users["admin@beispiel.de"].is_admin and not users["bewohnerin@beispiel.de"].is_admin
    for process in (main, second):
        assert users["staff@beispiel.de"].roles_in(process) == {ProcessRoleKind.STAFF}
        assert users["moderation@beispiel.de"].roles_in(process) == {ProcessRoleKind.MODERATOR}
    assert count(db, User, User.email.like("%@demo.invalid")) >= 350
    assert count(db, User, User.email_verified_at.is_(None)) == 0

    # The generated password is in the credentials file (owner-only) and opens every role account.
    password = report["password"]
    assert password and report["credentials_path"] == str(credentials)
    assert password in credentials.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    for email in ROLE_EMAILS:
        assert email in credentials.read_text(encoding="utf-8")
        assert check_password_hash(users[email].password_hash, password)
    resident = scalar(db, sa.select(User).where(User.email.like("%@demo.invalid")).limit(1))
    assert not check_password_hash(resident.password_hash, password)

    # The lottery: a drawn draw whose protocol checks out, self-selected answers, a finished selection.
    from participation.lottery import panels as lottery_panels
    from participation.lottery import services as lottery_services
    from participation.lottery.models import InvitationStatus, RunStatus
    from participation.lottery.register_csv import household_key

    (draw,) = lottery_services.draws_of(main)
    assert draw.is_drawn and draw.counts["drawn"] == 1200 and draw.letters_sent_at is not None
    from participation.lottery import draw as invitation_draw
    from participation.lottery.models import RegisterPerson

    people = [{"person_id": p.person_id, "birth_date": p.birth_date, "birth_year": p.birth_year, "gender": p.gender,
               "district": p.district, "household": household_key(p.__dict__)}
              for p in db.session.scalars(sa.select(RegisterPerson))]
    assert len(people) == 20_000 and all(p["household"] for p in people[:10])
    assert invitation_draw.verify(lottery_services.draw_protocol(draw), people, draw.fingerprint).ok
    counts = lottery_services.response_counts(draw)
    assert 60 <= counts[InvitationStatus.ACCEPTED] <= 200 and counts[InvitationStatus.DECLINED] > 0
    (run,) = lottery_panels.runs_of(main)
    assert run.status == RunStatus.DONE and run.min_probability > 0 and len(run.protocol["lottery"]) == 1000


def test_seed_runs_once_and_uses_a_given_password(app, db, tmp_path):
    credentials = tmp_path / "demo-credentials.txt"
    first = seed_demo(password="ein-Demo-Passwort-42", credentials_path=str(credentials))
    assert first["created"] is True and first["password"] is None and first["credentials_path"] is None
    assert not credentials.exists()
    admin = scalar(db, sa.select(User).where(User.email == "admin@beispiel.de"))
    assert check_password_hash(admin.password_hash, "ein-Demo-Passwort-42")

    before = totals(db)
    counters = db.session.execute(sa.select(sa.func.sum(Idea.support_count), sa.func.sum(Idea.comment_count))).one()
    db.session.expire_all()

    second = seed_demo(credentials_path=str(credentials))

    assert second["created"] is False
    assert second["password"] is None and second["credentials_path"] is None
    assert not credentials.exists()
    assert [a["email"] for a in second["accounts"]] == list(ROLE_EMAILS)
    assert second["processes"] == [MAIN_SLUG, SECOND_SLUG]
    assert (second["ideas"], second["supports"], second["comments"]) == (
        first["ideas"], first["supports"], first["comments"])
    assert totals(db) == before
    assert db.session.execute(
        sa.select(sa.func.sum(Idea.support_count), sa.func.sum(Idea.comment_count))
    ).one() == counters
    assert count(db, Sector) == 2 * len(DEFAULT_SECTORS)
    assert count(db, District) == len(scalar(db, sa.select(Process).where(Process.slug == MAIN_SLUG)).districts) + 4
    admin = scalar(db, sa.select(User).where(User.email == "admin@beispiel.de"))
    assert check_password_hash(admin.password_hash, "ein-Demo-Passwort-42")


def test_seed_command_prints_the_accounts_and_the_kept_password_every_time(app, tmp_path, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    app.config["DEMO_PASSWORD"] = None
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    password = next(line.split(":", 1)[1].strip() for line in first.output.splitlines()
                    if "password for all demo accounts" in line)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "nothing was changed" in second.output
    assert "admin@beispiel.de" in second.output and password in second.output


def test_the_demo_catalogue_takes_up_every_adopted_idea(app, db):
    from participation.catalogue.models import IdeaMeasureLink, Measure
    from participation.demo.seed import seed_demo
    from participation.ideas.models import Idea, IdeaStatus

    seed_demo(password="ein-demo-passwort")
    adopted = set(db.session.scalars(db.select(Idea.id).where(Idea.status == IdeaStatus.ADOPTED)))
    linked = set(db.session.scalars(db.select(IdeaMeasureLink.idea_id)))
    assert adopted and adopted == linked
    measures = db.session.scalars(db.select(Measure)).all()
    assert len(measures) == 14 and sum(m.is_public for m in measures) >= 10
    assert all(m.score is not None for m in measures)
    assert {m.code for m in measures} >= {"MOB-01", "MOB-02", "ANP-01"}
