"""Support counts stay exact when many people support and withdraw at the same moment.

Runs on whatever database the suite uses: SQLite in the default run, PostgreSQL in the
run with TEST_DATABASE_URL (`make test-postgres`, and `.ci/run`)."""
import random
import threading

from participation.database import unit_of_work
from participation.ideas import services
from participation.ideas.models import Idea, Support

THREADS = 12
ROUNDS = 25


def test_support_count_equals_rows_under_concurrent_supports_and_withdrawals(app, db, make_process, make_idea,
                                                                             make_user):
    process = make_process()
    idea = make_idea(process)
    people = [make_user() for _ in range(THREADS)]
    idea_id, person_ids = idea.id, [p.id for p in people]
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker(person_id, seed):
        rng = random.Random(seed)
        with app.app_context():
            from participation.auth.models import User

            try:
                barrier.wait()
                for _ in range(ROUNDS):
                    person = db.session.get(User, person_id)
                    target = db.session.get(Idea, idea_id)
                    change = services.support_idea if rng.random() < 0.6 else services.withdraw_support
                    with unit_of_work():
                        change(person, target)
                    # Sometimes the same person hits the button twice at once.
                    if rng.random() < 0.2:
                        with unit_of_work():
                            services.support_idea(person, target)
                    db.session.expire_all()
            except Exception as error:  # reported below, so a failure names its cause
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(pid, n)) for n, pid in enumerate(person_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:3]

    db.session.expire_all()
    rows = db.session.scalar(db.select(db.func.count(Support.id)).where(Support.idea_id == idea_id))
    shown = db.session.get(Idea, idea_id).support_count
    assert shown == rows
    assert 0 < rows <= THREADS
    # Nobody is counted twice.
    distinct = db.session.scalar(db.select(db.func.count(db.distinct(Support.user_id))).where(Support.idea_id == idea_id))
    assert distinct == rows
