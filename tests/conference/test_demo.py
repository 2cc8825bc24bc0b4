"""The demo conference: built with the Jena demo, seated in a balanced mix, with results, and its
join links printed by `flask seed-demo`."""
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from participation.conference import services as conf
from participation.conference.models import Conference, Participant, ParticipantKind, RoundState, VotingRound
from participation.database import as_utc
from participation.demo.conference import agenda_for


def test_the_demo_has_a_running_conference_with_printed_join_links(app, db, make_client, tmp_path):
    app.config["DEMO_PASSWORD"] = "demo-passwort-lang-genug"
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    conference = db.session.scalar(sa.select(Conference))
    assert conference.title == "Klimakonferenz Jena 2035" and conference.status == "running"
    assert len(conference.tables) == 5 and all(len(conf.items_for(conference.id, t.id)) >= 3
                                               for t in conference.tables)
    people = db.session.scalars(sa.select(Participant)).all()
    for table in conference.tables:
        seated = [p for p in people if p.table_id == table.id and p.is_member]
        experts = sum(p.kind == ParticipantKind.EXPERT for p in seated)
        assert 3 <= experts <= 5 and len(seated) - experts >= 4, table.topic  # 20 experts, 25 citizens, 5 tables
        assert table.facilitator is not None
    closed = db.session.scalar(sa.select(VotingRound).where(VotingRound.state == RoundState.CLOSED))
    assert conf.tally(closed)["ballots"] >= 5
    assert "Demo conference" in result.output and "JENA2035" in result.output
    links = [line.split()[-1] for line in result.output.splitlines() if "/k/" in line]
    assert len(links) == 3
    visitor = make_client()
    page = visitor.get("/k/" + links[-1].rsplit("/k/", 1)[1])
    assert page.status_code == 200 and "Klimakonferenz Jena 2035" in page.get_data(as_text=True)
    # The agenda's times and the conference's time agree, in the municipality's time zone.
    zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
    starts, ends = as_utc(conference.starts_at).astimezone(zone), as_utc(conference.ends_at).astimezone(zone)
    times = re.findall(r"\*\*(\d\d:\d\d)\*\*", conference.agenda)
    assert times and times[0] == starts.strftime("%H:%M")
    hour, minute = map(int, times[-1].split(":"))
    last = starts.replace(hour=hour, minute=minute)
    last += timedelta(days=1) if last < starts else timedelta(0)  # an evening conference past midnight
    assert starts < last < ends
    html = page.get_data(as_text=True)
    assert f"{starts:%d.%m.%Y}, {starts:%H:%M}" in html and f"<strong>{times[0]}</strong>" in html
    again = app.test_cli_runner().invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "JENA2035" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conference)) == 1


def test_the_demo_agenda_follows_the_start_in_berlin_time_in_summer_and_winter():
    berlin = ZoneInfo("Europe/Berlin")
    summer = agenda_for(datetime(2027, 6, 15, 8, 0, tzinfo=UTC), berlin)
    winter = agenda_for(datetime(2027, 1, 15, 9, 0, tzinfo=UTC), berlin)
    for agenda in (summer, winter):
        assert re.findall(r"\*\*(\d\d:\d\d)\*\*", agenda) == ["10:00", "10:20", "11:30", "12:30"]
    assert summer.startswith("**10:00** Begrüßung im Plenum")
