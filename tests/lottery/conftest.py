"""Factories for the lottery's services: a process with staff, an imported register, a made draw."""
import io
from datetime import date, timedelta

import pytest

from participation.auth.models import ProcessRoleKind
from participation.database import unit_of_work, utcnow
from participation.lottery import services
from participation.lottery.register_csv import sniff, suggest_mapping
from participation.lottery.synthetic import generate_register, write_csv


def register_bytes(count=600, seed=5, **kwargs):
    out = io.BytesIO()
    write_csv(generate_register(count, seed=seed, **kwargs), out)
    return out.getvalue()


@pytest.fixture(name="register_bytes")
def register_bytes_fixture():
    """Bytes of a synthetic register extract: `register_bytes(count, seed)`."""
    return register_bytes


@pytest.fixture
def lottery(make_process, make_user):
    """A process with a staff member, and helpers to import a register and make a draw."""

    class Lottery:
        def __init__(self):
            self.process = make_process(districts=("Zentrum", "Nord", "Ost", "Süd", "West"))
            self.staff = make_user(roles=[(self.process, ProcessRoleKind.STAFF)])

        def import_register(self, data=None, *, count=600, seed=5):
            data = data or register_bytes(count, seed)
            with unit_of_work():
                upload = services.stage_upload(self.staff, self.process, "melderegister.csv", data)
                extract = services.import_upload(self.staff, self.process, upload, suggest_mapping(sniff(data).header),
                                                 date.today() + timedelta(days=90))
            return extract

        def publish(self, extract, letters=60, **changes):
            data = services.DrawData(
                extract_id=extract.id, letters=letters, reference_date=date(2026, 11, 1), min_age=16,
                strata=("district",), one_per_household=False, exclude_earlier=True,
                response_deadline=utcnow() + timedelta(days=21),
            )
            for key, value in changes.items():
                setattr(data, key, value)
            with unit_of_work():
                return services.publish_draw(self.staff, self.process, data)

        def draw(self, extract=None, letters=60, seed="17 4 33 8 21", **changes):
            extract = extract or self.import_register()
            draw = self.publish(extract, letters, **changes)
            with unit_of_work():
                services.perform_draw(self.staff, draw, seed, "Öffentliche Ziehung im Stadtrat am 3. März")
            return draw

        def accept(self, invitation, features, *, given="Alex", family="Muster", household_email=None):
            data = services.ResponseData(accepted=True, given_name=given, family_name=family,
                                         email=household_email or f"p{invitation.id}@example.org",
                                         features=features, consent=True)
            with unit_of_work():
                return services.submit_response(invitation, data)

    return Lottery()
