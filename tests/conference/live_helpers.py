"""Builders and waits shared by the live-conference socket tests (events, scale-out, browser)."""
import time
from datetime import timedelta

from participation.database import utcnow


def build_conference(db, process, *, tables=2, per_table=3, items=3, title="Klimakonferenz Musterstadt",
                     moderator_user=None):
    """A running conference with seated participants, items at every table and in the plenary,
    a facilitator per table and a moderator participant. Returns a plain namespace of ids and tokens."""
    from participation.conference.models import (
        Conference,
        ItemKind,
        Participant,
        ParticipantKind,
        TableItem,
        ThemeTable,
    )

    conference = Conference(process_id=process.id, title=title, starts_at=utcnow() - timedelta(minutes=5),
                            agenda="", agenda_html="")
    db.session.add(conference)
    db.session.flush()
    result = Namespace(conference_id=conference.id, process_slug=process.slug, tables=[], items={},
                       participants={}, tokens={}, facilitators={})
    for t in range(tables):
        table = ThemeTable(conference_id=conference.id, topic=f"Tisch {t + 1}: Thema {t + 1}", capacity=per_table + 5,
                           position=t)
        db.session.add(table)
        db.session.flush()
        result.tables.append(table.id)
        result.items[table.id] = []
        for i in range(items):
            item = TableItem(conference_id=conference.id, table_id=table.id, kind=ItemKind.OPTION,
                             label=f"Vorschlag {t + 1}.{i + 1}", position=i)
            db.session.add(item)
            db.session.flush()
            result.items[table.id].append(item.id)
        result.participants[table.id] = []
        for p in range(per_table):
            person = Participant(conference_id=conference.id, kind=ParticipantKind.CITIZEN if p % 2 else
                                 ParticipantKind.EXPERT, display_name=f"Teilnehmerin {t + 1}-{p + 1}",
                                 table_id=table.id)
            db.session.add(person)
            db.session.flush()
            result.participants[table.id].append(person.id)
            result.tokens[person.id] = person.token
        facilitator = Participant(conference_id=conference.id, kind=ParticipantKind.FACILITATOR,
                                  display_name=f"Tischmoderation {t + 1}", table_id=table.id)
        db.session.add(facilitator)
        db.session.flush()
        table.facilitator_id = facilitator.id
        result.facilitators[table.id] = facilitator.id
        result.tokens[facilitator.id] = facilitator.token
    result.items[None] = []
    for i in range(items):
        item = TableItem(conference_id=conference.id, table_id=None, kind=ItemKind.OPTION,
                         label=f"Plenum {i + 1}", position=i)
        db.session.add(item)
        db.session.flush()
        result.items[None].append(item.id)
    moderator = Participant(conference_id=conference.id, kind=ParticipantKind.MODERATOR, display_name="Moderation")
    db.session.add(moderator)
    db.session.flush()
    result.moderator = moderator.id
    result.tokens[moderator.id] = moderator.token
    db.session.commit()
    return result


class Namespace:
    def __init__(self, **values):
        self.__dict__.update(values)


def wait_for(predicate, timeout=5.0, interval=0.02, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
