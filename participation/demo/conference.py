"""The demo's climate conference: five theme tables with the catalogue's measures and popular ideas
to vote on, a moderator, facilitators, experts and citizens seated in a balanced mix, a closed dot
vote at the mobility table with its results, and a prepared plenary round."""
from datetime import timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from ..conference import services
from ..conference.models import Participant, ParticipantKind
from ..database import as_utc
from ..extensions import db
from ..ideas.models import Idea, IdeaStatus
from . import content

TITLE = "Klimakonferenz Jena 2035"
EVENT_CODE = "JENA2035"
# The agenda in minutes from the start; its times are written from the conference's start in the
# municipality's time zone (BABEL_DEFAULT_TIMEZONE, Europe/Berlin), so that they agree with the start
# time every page shows, in summer and in winter time.
AGENDA_STEPS = (
    (0, "Begrüßung im Plenum"),
    (20, "Erste Runde an den Gesprächstischen: Maßnahmen bewerten"),
    (90, "Tischwechsel (World Café) und zweite Runde"),
    (150, "Ergebnisse im Plenum, Abstimmung über die Schwerpunkte"),
)
DURATION_MINUTES = 180


def agenda_for(starts_at, zone):
    """The agenda's Markdown: each step with its local clock time (HH:MM) in `zone`."""
    local = as_utc(starts_at).astimezone(zone)
    return "\n\n".join(f"**{(local + timedelta(minutes=minutes)).strftime('%H:%M')}** {text}"
                         for minutes, text in AGENDA_STEPS)


# (topic, sector code)
TABLES = (
    ("Mobilität: Rad, Bus und Bahn", "MOB"),
    ("Wärme und Gebäude", "GEB"),
    ("Energieversorgung aus Sonne und Wind", "ENE"),
    ("Unternehmen und Gewerbe", "WIR"),
    ("Klimaanpassung: Hitze und Starkregen", "ANP"),
)
PLENARY_OPTIONS = ("Mobilitätswende zuerst", "Wärmewende zuerst", "Beides gleich stark")
EXPERTS, CITIZENS = 20, 25


def build_conference(process, staff, now, rng):
    """Create the demo conference; returns (conference, {role: participant}) for the printed join links."""
    db.session.expire(staff, ["process_roles"])
    starts_at = as_utc(now).replace(minute=0, second=0, microsecond=0)  # running now, begun on the hour
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    conference = services.create_conference(staff, process, services.ConferenceData(
        title=TITLE, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=DURATION_MINUTES),
        agenda=agenda_for(starts_at, zone), mode="hybrid", event_code=EVENT_CODE, walk_ins_allowed=True,
        self_choice=False), now=now)
    names = iter(content.display_names(rng, EXPERTS + CITIZENS + len(TABLES) + 1))
    rows = [{"display_name": "Moderation Klimakonferenz", "email": None, "kind": ParticipantKind.MODERATOR,
             "panel_member_id": None}]
    rows += [{"display_name": f"Tischmoderation {i + 1}", "email": None, "kind": ParticipantKind.FACILITATOR,
              "panel_member_id": None} for i in range(len(TABLES))]
    rows += [{"display_name": f"{next(names)} (Fachexpertise)", "email": None, "kind": ParticipantKind.EXPERT,
              "panel_member_id": None} for _ in range(EXPERTS)]
    rows += [{"display_name": next(names), "email": None, "kind": ParticipantKind.CITIZEN, "panel_member_id": None}
             for _ in range(CITIZENS)]
    people = services.add_participants(staff, conference, rows, invite=False, now=now)
    moderator, facilitators = people[0], people[1:1 + len(TABLES)]
    sectors = {s.code: s for s in process.sectors}
    from ..catalogue.models import Measure

    tables = []
    for (topic, code), facilitator in zip(TABLES, facilitators):
        sector = sectors[code]
        table = services.save_table(staff, conference, topic=topic, capacity=10, sector_id=sector.id,
                                    facilitator_id=facilitator.id)
        tables.append(table)
        measures = db.session.scalars(sa.select(Measure).where(Measure.process_id == process.id,
                                                               Measure.sector_id == sector.id)
                                      .order_by(Measure.code)).all()
        for measure in measures[:3]:
            services.add_item(staff, conference, table.id, kind="measure", measure_id=measure.id)
        ideas = db.session.scalars(sa.select(Idea).where(
            Idea.process_id == process.id, Idea.sector_id == sector.id, Idea.status == IdeaStatus.PUBLISHED,
            Idea.hidden_at.is_(None)).order_by(Idea.support_count.desc(), Idea.id).limit(2)).all()
        for idea in ideas:
            services.add_item(staff, conference, table.id, kind="idea", idea_id=idea.id)
    for text in PLENARY_OPTIONS:
        services.add_item(staff, conference, None, kind="option", label=text)
    members = [p for p in people if p.is_member]
    for person in members:  # wishes for the assignment: a first and a second table
        first, second = rng.sample(tables, 2)
        person.first_choice_id, person.second_choice_id = first.id, second.id
    services.assign_tables(staff, conference)
    services.set_status(staff, conference, "running")

    # A closed dot vote at the mobility table, so that results and the catalogue step have figures.
    mobility = tables[0]
    voting_round = services.create_round(staff, conference, mobility.id, title="Welche Maßnahmen zuerst?",
                                         method="dots", settings={"dots": 5, "max_per_item": 3})
    services.open_round(staff, voting_round, now=now)
    items = [i.id for i in services.items_for(conference.id, mobility.id)]
    for person in [p for p in members if p.table_id == mobility.id]:
        left, dots = 5, {}
        for item in rng.sample(items, len(items)):
            given = min(left, rng.randint(0, 3))
            if given:
                dots[str(item)] = given
                left -= given
        if dots:
            services.cast_vote(person, voting_round.id, {"dots": dots}, now=now)
    services.close_round(staff, voting_round, now=now)
    services.create_round(staff, conference, None, title="Wo setzen wir den Schwerpunkt?", method="single")
    citizen = next(p for p in members if p.kind == ParticipantKind.CITIZEN and p.table_id is not None)
    db.session.flush()
    return conference, {"moderator": moderator, "facilitator": facilitators[0], "citizen": citizen}


def demo_links(conference):
    """The join links printed after seeding: the moderator's, the first facilitator's, a citizen's."""
    people = db.session.scalars(sa.select(Participant).where(Participant.conference_id == conference.id)
                                .order_by(Participant.id)).all()
    moderator = next(p for p in people if p.kind == ParticipantKind.MODERATOR)
    facilitator = next(p for p in people if p.kind == ParticipantKind.FACILITATOR)
    citizen = next(p for p in people if p.kind == ParticipantKind.CITIZEN and p.table_id is not None)
    return {"moderator": moderator, "facilitator": facilitator, "citizen": citizen}
