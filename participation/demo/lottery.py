"""The demo's citizen lottery: a synthetic register extract of Jena, a published and drawn invitation
draw, answers from about one in ten (with the self-selection real lotteries see), quotas from the
population shares, and a selection run that waits for the public draw of the panel number.

Everything goes through the lottery's services, as staff would do it; names and addresses are made
up by `participation.lottery.synthetic`.
"""
from datetime import date, timedelta

import sqlalchemy as sa

from ..extensions import db
from ..lottery import panels, services
from ..lottery.models import Invitation
from ..lottery.register_csv import sniff, suggest_mapping
from ..lottery.synthetic import generate_register, write_csv

REGISTER_SIZE = 20_000
LETTERS = 1_200
PANEL_SIZE, RESERVE_SIZE = 24, 8
SEED = "12 7 31 4 19 26"
SEED_SOURCE = "Mit zehnseitigen Würfeln gezogen in der öffentlichen Sitzung des Stadtrats (Demo)"
# Who answers: older people more often than young ones (rates per age band, per cent).
ANSWER_RATE = {"16-24": 4, "25-34": 7, "35-44": 9, "45-54": 10, "55-64": 13, "65-74": 14, "75+": 8}
EDUCATION = (("niedrig", 25), ("mittel", 40), ("hoch", 35))
GENDER_SHARES = {"w": 51, "m": 48.9, "d": 0.1}
EDUCATION_SHARES = {"niedrig": 30, "mittel": 42, "hoch": 28}


def _csv(rows):
    import io

    out = io.BytesIO()
    write_csv(rows, out)
    return out.getvalue()


def build_lottery(process, staff, now, rng):
    """Import, draw, answers and a queued selection run; returns the draw."""
    rows = generate_register(REGISTER_SIZE, seed=2035, city="Jena", reference_date=now.date())
    data = _csv(rows)
    upload = services.stage_upload(staff, process, "melderegister-jena-auszug.csv", data)
    extract = services.import_upload(staff, process, upload, suggest_mapping(sniff(data).header),
                                     now.date() + timedelta(days=120))
    draw = services.publish_draw(staff, process, services.DrawData(
        extract_id=extract.id, letters=LETTERS, reference_date=now.date(), min_age=16,
        strata=("district", "age_band"), one_per_household=True, exclude_earlier=True,
        response_deadline=now + timedelta(days=21)))
    services.perform_draw(staff, draw, SEED, SEED_SOURCE)

    settings = services.get_settings(process)
    settings.sender = dict(settings.sender, office="Stadt Jena – Klimaschutzmanagement",
                           lines=["Am Anger 15", "07743 Jena"], phone="03641 49-0",
                           email="klimabuergerrat@jena.example", signature="Dr. Johanna Beispiel",
                           role="Leiterin des Klimaschutzmanagements", place="Jena")
    categories = [dict(c, values=[dict(v) for v in c["values"]]) for c in settings.categories]
    for category in categories:
        shares = {"gender": GENDER_SHARES, "education": EDUCATION_SHARES}.get(category["key"])
        for value in category["values"]:
            if shares:
                value["share"] = shares.get(value["value"])
    settings.categories = categories
    panels.shares_from_register(staff, process)

    people = {row["person_id"]: row for row in rows}
    invitations = db.session.scalars(
        sa.select(Invitation).where(Invitation.draw_id == draw.id).order_by(Invitation.position)).all()
    bands = services.get_settings(process).categories[1]["values"]
    for invitation in invitations:
        person = people[invitation.person_ref]
        age = _age(person["birth_date"], now.date())
        band = next((v["value"] for v in reversed(bands) if age >= int(v["value"].split("-")[0].rstrip("+"))),
                    bands[0]["value"])
        roll = rng.random() * 100
        if roll < ANSWER_RATE.get(band, 8):
            education = rng.choices([e for e, _ in EDUCATION], [w for _, w in EDUCATION])[0]
            services.submit_response(invitation, services.ResponseData(
                accepted=True, given_name=person["given_names"].split()[0], family_name=person["family_name"],
                email=f"teilnahme{invitation.id}@jena.example", phone="",
                features={"gender": person["gender"], "age_band": band, "district": person["district"],
                          "education": education},
                availability="Samstags nicht vor 10 Uhr." if rng.random() < 0.2 else "",
                accessibility_needs="Stufenloser Zugang" if rng.random() < 0.05 else "", consent=True), now=now)
        elif roll < ANSWER_RATE.get(band, 8) + 4:
            services.submit_response(invitation, services.ResponseData(accepted=False), now=now)
    services.mark_letters_sent(staff, draw)
    categories = panels.categories_with_quotas(process, PANEL_SIZE)
    if panels.check_quotas(staff, process, categories, PANEL_SIZE).ok:
        panels.start_run(staff, process, categories, PANEL_SIZE, RESERVE_SIZE, seed=2035)
    return draw


def _age(birth, today):
    if isinstance(birth, str):
        birth = date.fromisoformat(birth)
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
