"""An instance with data in every area, made through the services in the current app context:
ideas, supports, comments, reports, a measure, a citizen lottery with invitations and answers, and
a running conference with ballots. Used by the backup test and the data-download test."""
import random
from datetime import date, timedelta

import sqlalchemy as sa

from conftest import PASSWORD, register_bytes


def make_account(email, name, *, roles=(), verified=True):
    from participation.auth.models import ProcessRole, User
    from participation.auth.services import hash_password
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db

    with unit_of_work():
        user = User(email=email, display_name=name, password_hash=hash_password(PASSWORD),
                    email_verified_at=utcnow() if verified else None, locale="de")
        db.session.add(user)
        db.session.flush()
        for process, role in roles:
            db.session.add(ProcessRole(user_id=user.id, process_id=process.id, role=role))
    return user


def make_public_process(slug, title="Klimaschutz Musterstadt 2035"):
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db
    from participation.processes.models import DEFAULT_SECTORS, District, ModerationMode, Process, Sector

    now = utcnow()
    with unit_of_work():
        process = Process(slug=slug, title=title, municipality="Musterstadt", description="Ein Prozess.",
                          description_html="<p>Ein Prozess.</p>", idea_collection_opens_at=now - timedelta(days=1),
                          idea_collection_closes_at=now + timedelta(days=30), is_public=True,
                          moderation_mode=ModerationMode.POST)
        process.sectors = [Sector(code=c, name=n, position=i) for i, (c, n) in enumerate(DEFAULT_SECTORS)]
        process.districts = [District(name=d, position=i) for i, d in enumerate(("Zentrum", "Nord", "Ost", "Süd", "West"))]
        db.session.add(process)
    return process


def populate(*, resident_email="anna.beispiel@example.org", resident_name="Anna B.", texts=None, slug="musterstadt"):
    """Fill the current app's database; `texts` overrides the resident's idea title and body, comment,
    report reason, lottery answer and so on (the hostile-content test passes its strings here).
    Returns a dict of the made objects' ids and the texts used."""
    from participation.auth.models import ProcessRoleKind
    from participation.catalogue import services as catalogue
    from participation.conference import services as conf
    from participation.database import unit_of_work, utcnow
    from participation.extensions import db
    from participation.ideas import services as ideas
    from participation.lottery import services as lottery
    from participation.lottery.models import Invitation
    from participation.lottery.register_csv import sniff, suggest_mapping
    from participation.moderation import services as moderation
    from participation.moderation.models import Report

    texts = {
        "idea_title": "Mehr Bäume in der Innenstadt", "idea_body": "Schattige Straßen kühlen im Sommer.",
        "comment": "Gute Idee, auch in Lobeda!", "report": "Das ist Werbung für eine Firma.",
        "given_name": "Anna", "family_name": "Beispiel", "phone": "+49 3641 123456",
        "availability": "Samstags ab 10 Uhr", "accessibility": "Rollstuhlgerechter Zugang",
        "participant_name": "Anna Beispiel", "display_name": resident_name, **(texts or {}),
    }
    process = make_public_process(slug)
    staff = make_account(f"staff-{slug}@example.org", "Frau Verwaltung", roles=[(process, ProcessRoleKind.STAFF)])
    resident = make_account(resident_email, texts["display_name"])
    others = [make_account(f"nachbar{i}-{slug}@example.org", f"Nachbar {i}") for i in range(3)]
    sector = process.sectors[3].id

    with unit_of_work():
        own = ideas.submit_idea(resident, process, texts["idea_title"], texts["idea_body"], sector,
                                process.districts[1].id)
        others_ideas = [ideas.submit_idea(person, process, f"Radweg Nummer {i} ausbauen",
                                          f"Ein sicherer Radweg für alle, Abschnitt {i}.", sector)
                        for i, person in enumerate(others)]
    with unit_of_work():
        for idea in others_ideas:
            ideas.support_idea(resident, idea)
        for person in others:
            ideas.support_idea(person, own)
        resident_comment = ideas.add_comment(resident, others_ideas[0], texts["comment"])
        other_comment = ideas.add_comment(others[1], own, "Ein Kommentar von jemand anderem.")
        ideas.add_comment(resident, own, "Danke für die Unterstützung!", parent_id=other_comment.id)
    with unit_of_work():
        moderation.report(resident, others_ideas[1], texts["report"])
        moderation.report(others[2], own, "Bitte prüfen, ob das passt.")
    resident_report = db.session.scalar(sa.select(Report).where(Report.reporter_id == resident.id))

    with unit_of_work():
        measure = catalogue.create_measure(staff, process, catalogue.MeasureData(
            title="Stadtbäume pflanzen", sector_id=sector, texts={"goal": "Mehr Schatten."},
            quantities={"ghg_savings": catalogue.QuantityData(12.0, 8.0, 16.0, "Schätzung", "Grünflächenamt")},
            milestones=[catalogue.MilestoneData("Standorte festgelegt")]), [own.id], "adopted", "Aus Bürgerideen")

    data = register_bytes(300, 5)
    with unit_of_work():
        upload = lottery.stage_upload(staff, process, "melderegister.csv", data)
        extract = lottery.import_upload(staff, process, upload, suggest_mapping(sniff(data).header),
                                        date.today() + timedelta(days=90))
    with unit_of_work():
        draw = lottery.publish_draw(staff, process, lottery.DrawData(
            extract_id=extract.id, letters=40, reference_date=date(2026, 11, 1), min_age=16, strata=("district",),
            one_per_household=False, exclude_earlier=True, response_deadline=utcnow() + timedelta(days=21)))
    with unit_of_work():
        lottery.perform_draw(staff, draw, "17 4 33 8 21", "Öffentliche Ziehung im Stadtrat")
    invitations = db.session.scalars(sa.select(Invitation).where(Invitation.draw_id == draw.id)
                                     .order_by(Invitation.position)).all()
    categories = lottery.get_settings(process).categories
    rng = random.Random(4)
    answers = []
    for index, invitation in enumerate(invitations[:12]):
        features = {c["key"]: rng.choice(c["values"])["value"] for c in categories}
        mine = index == 0
        with unit_of_work():
            answers.append(lottery.submit_response(invitation, lottery.ResponseData(
                accepted=index % 4 != 3, consent=True, features=features,
                given_name=texts["given_name"] if mine else f"Vorname{index}",
                family_name=texts["family_name"] if mine else f"Nachname{index}",
                email=resident_email.upper() if mine else f"antwort{index}-{slug}@example.org",
                phone=texts["phone"] if mine else "",
                availability=texts["availability"] if mine else "",
                accessibility_needs=texts["accessibility"] if mine else "")).id)

    with unit_of_work():
        conference = conf.create_conference(staff, process, conf.ConferenceData(
            title="Klimakonferenz", starts_at=utcnow() - timedelta(minutes=5), event_code=f"K{slug[:6].upper()}"))
        table = conf.save_table(staff, conference, topic="Mobilität", capacity=8)
        for label in ("Option A", "Option B", "Option C"):
            conf.add_item(staff, conference, table.id, kind="option", label=label)
        people = conf.add_participants(staff, conference, [
            {"display_name": texts["participant_name"], "email": resident_email, "kind": "citizen",
             "panel_member_id": None},
            *({"display_name": f"Gast {i}", "email": f"gast{i}-{slug}@example.org", "kind": "expert",
               "panel_member_id": None} for i in range(4))], invite=False)
        for person in people:
            person.table_id = table.id
    with unit_of_work():
        voting_round = conf.create_round(staff, conference, table.id, title="Welche Option zuerst?", method="single")
        conf.open_round(staff, voting_round.id)
    items = [item.id for item in conf.items_for(conference.id, table.id)]
    for index, person in enumerate(people):
        with unit_of_work():
            conf.cast_vote(person, voting_round.id, {"item": items[index % len(items)]})

    return {"process": process.id, "slug": process.slug, "staff": staff.id, "resident": resident.id,
            "others": [o.id for o in others], "own_idea": own.id, "supported": [i.id for i in others_ideas],
            "comment": resident_comment.id, "report": resident_report.id, "measure": measure.id,
            "draw": draw.id, "answers": answers, "conference": conference.id, "participant": people[0].id,
            "round": voting_round.id, "texts": texts}
