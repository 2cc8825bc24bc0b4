"""Catalogue exports that parse back: CSV (measures, idea links), JSON and PDF measure sheets.

Reading PDFs back needs pypdf; decoding the QR codes needs pypdfium2 (to render a page) and
zxing-cpp (to read the code): the dev extra. Without them those tests skip, or fail under CI=true.
"""
import csv
import importlib
import io
import json
import re
import time
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from conftest import require_or_skip
from participation.catalogue import exports
from participation.catalogue.models import (
    IdeaMeasureLink,
    LinkKind,
    Measure,
    MeasureOrigin,
    MeasureQuantity,
    MeasureRelation,
    MeasureScore,
    MeasureStatus,
    MeasureType,
    Milestone,
    Priority,
    PriorityCriterion,
    QuantityKind,
    RelationKind,
    TimeHorizon,
    label,
)


def optional(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


pypdf, pdfium, zxingcpp = optional("pypdf"), optional("pypdfium2"), optional("zxingcpp")

BOM = "\ufeff"
EXPORTED_AT = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)

QUANTITY_COLUMNS = {
    QuantityKind.GHG_SAVINGS: "Treibhausgas-Einsparung (t CO₂e/a)",
    QuantityKind.ENERGY_SAVINGS: "Endenergieeinsparung (MWh/a)",
    QuantityKind.INVESTMENT: "Investitionskosten (€)",
    QuantityKind.RUNNING_COSTS: "Laufende Kosten (€/a)",
    QuantityKind.VALUE_ADDED: "Regionale Wertschöpfung (€)",
}
# Written out here rather than taken from the module, so that a changed column fails a test.
EXPECTED_COLUMNS = [
    "Nr.", "Titel", "Handlungsfeld", "Maßnahmentyp", "Ziel und Strategie", "Ausgangslage", "Beschreibung",
    "Initiator", "Akteure: Verantwortung", "Akteure: Beteiligte", "Zielgruppe", "Handlungsschritte",
    "Erfolgsindikatoren", "Meilensteine", "Zeithorizont", "Geplanter Beginn", "Geplantes Ende",
    "Tatsächlicher Beginn", "Tatsächliches Ende",
    "Treibhausgas-Einsparung (t CO₂e/a) – Wert", "Treibhausgas-Einsparung (t CO₂e/a) – von",
    "Treibhausgas-Einsparung (t CO₂e/a) – bis", "Treibhausgas-Einsparung (t CO₂e/a) – Methode",
    "Treibhausgas-Einsparung (t CO₂e/a) – Quelle",
    "Endenergieeinsparung (MWh/a) – Wert", "Endenergieeinsparung (MWh/a) – von", "Endenergieeinsparung (MWh/a) – bis",
    "Endenergieeinsparung (MWh/a) – Methode", "Endenergieeinsparung (MWh/a) – Quelle",
    "Investitionskosten (€) – Wert", "Investitionskosten (€) – von", "Investitionskosten (€) – bis",
    "Investitionskosten (€) – Methode", "Investitionskosten (€) – Quelle",
    "Laufende Kosten (€/a) – Wert", "Laufende Kosten (€/a) – von", "Laufende Kosten (€/a) – bis",
    "Laufende Kosten (€/a) – Methode", "Laufende Kosten (€/a) – Quelle",
    "Regionale Wertschöpfung (€) – Wert", "Regionale Wertschöpfung (€) – von", "Regionale Wertschöpfung (€) – bis",
    "Regionale Wertschöpfung (€) – Methode", "Regionale Wertschöpfung (€) – Quelle",
    "Verknüpfte Maßnahmen", "Abhängig von", "Priorität", "Gewichtete Punktzahl", "Ratsbeschluss am", "Drucksache",
    "Status", "Fortschritt (%)", "Herkunft", "Herkunft: Anmerkung", "Bürgerideen",
]
SHEET_HEADINGS = [
    "Handlungsfeld", "Maßnahmentyp", "Ziel und Strategie", "Ausgangslage", "Beschreibung", "Initiator",
    "Akteure: Verantwortung", "Akteure: Beteiligte", "Zielgruppe", "Handlungsschritte",
    "Erfolgsindikatoren und Meilensteine", "Zeithorizont", "Treibhausgas-Einsparung (t CO₂e/a)",
    "Endenergieeinsparung (MWh/a)", "Investitionskosten (€)", "Laufende Kosten (€/a)",
    "Regionale Wertschöpfung (€)", "Verknüpfte Maßnahmen / abhängig von", "Priorität", "Ratsbeschluss", "Status",
    "Fortschritt (%)", "Herkunft",
]


def measure_url(measure):
    return f"https://beteiligung.musterstadt.de/p/{measure.process.slug}/massnahmen/{measure.code}?von=qr&x=1"


def idea_url(idea):
    return f"https://beteiligung.musterstadt.de/ideen/{idea.id}"


def unguard(cell):
    """Reading a cell back: the export put an apostrophe before text that looks like a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def parse_csv(data, delimiter=";"):
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[len(BOM):], newline=""), delimiter=delimiter))
    return rows[0], rows[1:]


def as_number(cell):
    return None if cell == "" else float(cell.replace(",", "."))


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(data):
    require_or_skip(pypdf, "pypdf is not installed (dev extra)")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, [squash(page.extract_text()) for page in reader.pages]


def load(db, process):
    db.session.expire_all()
    return db.session.scalars(
        select(Measure).where(Measure.process_id == process.id).options(*exports.measure_load_options())
        .order_by(Measure.code)
    ).all()


@pytest.fixture
def catalogue(db, make_process, make_idea):
    """A process with three measures: MOB-01 with every field filled (umlauts, CO₂, a semicolon and
    line breaks in text, quantities with ranges, milestones, relations, idea links), MOB-02 with only
    the required fields, ENE-01 in between."""
    process = make_process(title="Klimaschutzkonzept Musterstadt – Fortschreibung 2026")
    mob, ene = process.sectors[3], process.sectors[4]
    idea1 = make_idea(process, title="Sichere Radwege für Kinder & Ältere", sector=mob)
    idea2 = make_idea(process, title='=HYPERLINK("http://example.org";"klick")', sector=ene)
    idea1.support_count, idea2.support_count = 42, 7

    full = Measure(
        process=process, sector=mob, code="MOB-01",
        title="Radverkehr: Lückenschluss am Saaleradweg; Brücken & Querungen",
        type=MeasureType.TECHNICAL,
        goal="CO₂-Ausstoß im Verkehr senken.\nMehr Wege mit dem Rad; weniger mit dem Auto.",
        starting_situation="Heute fehlen 2,4 km Radweg; Unfälle an der Querung Göethestraße.",
        description="Bau eines Zweirichtungsradwegs.\n\n<b>nicht fett</b> & keine Markup-Tags.",
        initiator="Stadtverwaltung, Amt für Straßenbau",
        lead_actor="Tiefbauamt (Frau Müller)",
        partners="ADFC Ortsgruppe; Stadtwerke\nPolizei",
        target_group="Pendlerinnen und Pendler, Schülerinnen und Schüler",
        steps="- Planung beauftragen\n- Fördermittel beantragen; Bau",
        success_indicators="Radverkehrsanteil +5 Prozentpunkte bis 2030",
        time_horizon=TimeHorizon.MEDIUM,
        planned_start=date(2025, 1, 1), planned_end=date(2027, 12, 31),
        actual_start=date(2025, 2, 15), actual_end=None,
        priority=Priority.HIGH, score=3.75,
        council_decision_on=date(2025, 2, 12), council_reference="DS 2025/017",
        status=MeasureStatus.IN_IMPLEMENTATION, progress_percent=40,
        origin=MeasureOrigin.CITIZEN_IDEAS, origin_note="Aus der Online-Beteiligung & dem Workshop <Nord>",
        is_public=True,
    )
    full.quantities = [
        MeasureQuantity(kind=QuantityKind.GHG_SAVINGS, value=1234.5, low=900.25, high=1500.0,
                        method="Bilanzierung nach BISKO; Faktor 0,4 t CO₂/MWh", source="Konzept 2024, S. 12\nTab. 3"),
        MeasureQuantity(kind=QuantityKind.ENERGY_SAVINGS, value=0.1 + 0.2, low=1e-07, high=12345678.9,
                        method="Schätzung", source="ifeu"),
        MeasureQuantity(kind=QuantityKind.INVESTMENT, value=2_500_000.0, low=2_000_000.0, high=3_100_000.0,
                        method="Kostenschätzung", source="Tiefbauamt"),
        MeasureQuantity(kind=QuantityKind.RUNNING_COSTS, value=12000.75, low=None, high=None, method="", source=""),
    ]
    full.milestones = [
        Milestone(title="Planung abgeschlossen", due_on=date(2025, 3, 31), done_on=date(2025, 4, 2)),
        Milestone(title="Bau; 1. Abschnitt", due_on=date(2026, 9, 30)),
    ]
    minimal = Measure(process=process, sector=mob, code="MOB-02", title="Fahrradstraßen prüfen",
                      type=MeasureType.ORGANISATIONAL, time_horizon=TimeHorizon.SHORT, origin=MeasureOrigin.WORKSHOP)
    energy = Measure(
        process=process, sector=ene, code="ENE-01", title="Wärmeplanung für Übergänge",
        type=MeasureType.REGULATORY, goal="Kommunale Wärmeplanung bis 2028.", time_horizon=TimeHorizon.LONG,
        status=MeasureStatus.PROPOSED, origin=MeasureOrigin.ADMINISTRATION, priority=Priority.LOW,
    )
    energy.quantities = [MeasureQuantity(kind=QuantityKind.VALUE_ADDED, value=15000.0, low=-0.25, high=20000.5,
                                         method="Wertschöpfungsrechner", source="IÖW")]
    db.session.add_all([full, minimal, energy])
    db.session.flush()
    db.session.add_all([
        MeasureRelation(measure_id=full.id, other_id=energy.id, kind=RelationKind.DEPENDS_ON),
        MeasureRelation(measure_id=minimal.id, other_id=full.id, kind=RelationKind.RELATED),
        IdeaMeasureLink(idea=idea1, measure=full, kind=LinkKind.ADOPTED, rationale="Übernommen; ergänzt\num Querungen"),
        IdeaMeasureLink(idea=idea2, measure=full, kind=LinkKind.INSPIRED, rationale=""),
        IdeaMeasureLink(idea=idea2, measure=energy, kind=LinkKind.MERGED, rationale="Zusammengeführt"),
    ])
    criterion = PriorityCriterion(process_id=process.id, name="Umsetzbarkeit", weight=2.0, position=1)
    db.session.add(criterion)
    db.session.flush()
    db.session.add(MeasureScore(measure_id=full.id, criterion_id=criterion.id, value=4, rationale="Planung läuft"))
    db.session.commit()
    return process, (idea1, idea2)


# --- CSV ------------------------------------------------------------------------------------

def test_measures_csv_has_bom_and_parses_back_exactly(db, catalogue):
    process, _ = catalogue
    measures = load(db, process)
    data = exports.measures_csv(measures)

    assert data.startswith(b"\xef\xbb\xbf")
    header, rows = parse_csv(data)
    assert header == EXPECTED_COLUMNS
    assert [row[0] for row in rows] == ["ENE-01", "MOB-01", "MOB-02"]
    assert all(len(row) == len(header) for row in rows)
    by_code = {row[0]: {h: unguard(cell) for h, cell in zip(header, row)} for row in rows}

    full = next(m for m in measures if m.code == "MOB-01")
    row = by_code["MOB-01"]
    for column, attribute in [
        ("Titel", "title"), ("Ziel und Strategie", "goal"), ("Ausgangslage", "starting_situation"),
        ("Beschreibung", "description"), ("Initiator", "initiator"), ("Akteure: Verantwortung", "lead_actor"),
        ("Akteure: Beteiligte", "partners"), ("Zielgruppe", "target_group"), ("Handlungsschritte", "steps"),
        ("Erfolgsindikatoren", "success_indicators"), ("Drucksache", "council_reference"),
        ("Herkunft: Anmerkung", "origin_note"),
    ]:
        assert row[column] == getattr(full, attribute), column
    assert "\n" in row["Ziel und Strategie"] and ";" in row["Titel"]  # the hard cases survived
    assert row["Handlungsfeld"] == "Mobilität"
    assert row["Maßnahmentyp"] == str(label(MeasureType.TECHNICAL))
    assert row["Zeithorizont"] == str(label(TimeHorizon.MEDIUM))
    assert row["Status"] == str(label(MeasureStatus.IN_IMPLEMENTATION))
    assert row["Priorität"] == str(label(Priority.HIGH))
    assert row["Herkunft"] == str(label(MeasureOrigin.CITIZEN_IDEAS))
    assert row["Meilensteine"] == (
        "2025-03-31 Planung abgeschlossen (erledigt 2025-04-02) | 2026-09-30 Bau; 1. Abschnitt")
    assert (row["Geplanter Beginn"], row["Geplantes Ende"]) == ("2025-01-01", "2027-12-31")
    assert (row["Tatsächlicher Beginn"], row["Tatsächliches Ende"]) == ("2025-02-15", "")
    assert row["Ratsbeschluss am"] == "2025-02-12"
    assert row["Verknüpfte Maßnahmen"] == "MOB-02 Fahrradstraßen prüfen"  # stated by MOB-02, related is mutual
    assert row["Abhängig von"] == "ENE-01 Wärmeplanung für Übergänge"
    assert row["Bürgerideen"].startswith("#") and " | #" in row["Bürgerideen"]

    # Numbers: decimal comma, no thousands separator, no exponent, and the stored float without its
    # floating-point noise (12 significant digits: 0.1 + 0.2 is 0,3, not 0,30000000000000004).
    assert as_number(row["Gewichtete Punktzahl"]) == 3.75 and row["Gewichtete Punktzahl"] == "3,75"
    assert row["Fortschritt (%)"] == "40"
    for q in full.quantities:
        base = QUANTITY_COLUMNS[q.kind]
        for part, stored in (("Wert", q.value), ("von", q.low), ("bis", q.high)):
            read = as_number(row[f"{base} – {part}"])
            assert read == stored if stored is None else read == pytest.approx(stored, rel=1e-12)
        assert row[f"{base} – Methode"] == q.method and row[f"{base} – Quelle"] == q.source
    energy_column = QUANTITY_COLUMNS[QuantityKind.ENERGY_SAVINGS]
    assert row[f"{energy_column} – Wert"] == "0,3"
    assert row[f"{energy_column} – von"] == "0,0000001"
    assert row[f"{QUANTITY_COLUMNS[QuantityKind.INVESTMENT]} – Wert"] == "2500000"
    assert all(row[f"{QUANTITY_COLUMNS[QuantityKind.VALUE_ADDED]} – {p}"] == "" for p in ("Wert", "von", "Methode"))

    minimal = by_code["MOB-02"]
    assert minimal["Beschreibung"] == "" and minimal["Meilensteine"] == "" and minimal["Gewichtete Punktzahl"] == ""
    assert minimal["Priorität"] == "" and minimal["Verknüpfte Maßnahmen"] == "MOB-01 " + full.title
    energy = by_code["ENE-01"]
    assert as_number(energy[f"{QUANTITY_COLUMNS[QuantityKind.VALUE_ADDED]} – von"]) == -0.25
    assert energy["Verknüpfte Maßnahmen"] == "" and energy["Abhängig von"] == ""


def test_measures_csv_delimiter_and_decimal_are_parameters(db, catalogue):
    process, _ = catalogue
    measures = load(db, process)
    data = exports.measures_csv(measures, delimiter=",", decimal=".")
    header, rows = parse_csv(data, delimiter=",")
    assert header == EXPECTED_COLUMNS
    row = dict(zip(header, next(r for r in rows if r[0] == "MOB-01")))
    ghg = QUANTITY_COLUMNS[QuantityKind.GHG_SAVINGS]
    assert row[f"{ghg} – Wert"] == "1234.5" and row[f"{ghg} – von"] == "900.25"
    assert row[f"{ghg} – Methode"] == "Bilanzierung nach BISKO; Faktor 0,4 t CO₂/MWh"
    assert row["Titel"] == "Radverkehr: Lückenschluss am Saaleradweg; Brücken & Querungen"

    # The default: a decimal comma, in a field that needs no quoting with ";".
    assert b";1234,5;900,25;1500;" in exports.measures_csv(measures)


def test_csv_puts_an_apostrophe_before_text_that_looks_like_a_formula(db, catalogue):
    process, (idea1, idea2) = catalogue
    measures = load(db, process)
    header, rows = parse_csv(exports.measures_csv(measures))
    full = dict(zip(header, next(r for r in rows if r[0] == "MOB-01")))
    assert full["Handlungsschritte"] == "'- Planung beauftragen\n- Fördermittel beantragen; Bau"
    energy = dict(zip(header, next(r for r in rows if r[0] == "ENE-01")))
    assert energy[f"{QUANTITY_COLUMNS[QuantityKind.VALUE_ADDED]} – von"] == "-0,25"  # numbers stay numbers

    _, links = parse_csv(exports.idea_links_csv(measures))
    assert {row[3] for row in links} == {idea1.title, "'" + idea2.title}

    header, rows = parse_csv(exports.measures_csv(measures, guard_formulas=False))
    assert dict(zip(header, next(r for r in rows if r[0] == "MOB-01")))["Handlungsschritte"].startswith("- ")


def test_idea_links_csv_has_one_row_per_link(db, catalogue):
    process, (idea1, idea2) = catalogue
    measures = load(db, process)
    data = exports.idea_links_csv(measures, idea_url=idea_url)
    header, rows = parse_csv(data)
    assert header == ["Maßnahme-Nr.", "Maßnahme", "Idee-Nr.", "Idee", "Art der Übernahme", "Begründung",
                      "Unterstützungen", "Status der Idee", "Link zur Idee"]
    assert len(rows) == 3 == db.session.scalar(select(func.count(IdeaMeasureLink.id)))
    rows = [[unguard(cell) for cell in row] for row in rows]
    assert sorted((r[0], int(r[2])) for r in rows) == sorted(
        [("MOB-01", idea1.id), ("MOB-01", idea2.id), ("ENE-01", idea2.id)])
    first = next(r for r in rows if r[2] == str(idea1.id))
    assert first == [
        "MOB-01", "Radverkehr: Lückenschluss am Saaleradweg; Brücken & Querungen", str(idea1.id),
        "Sichere Radwege für Kinder & Ältere", str(label(LinkKind.ADOPTED)), "Übernommen; ergänzt\num Querungen",
        "42", str(idea1.status.label), idea_url(idea1),
    ]
    merged = next(r for r in rows if r[0] == "ENE-01")
    assert (merged[3], merged[4], merged[6]) == (idea2.title, str(label(LinkKind.MERGED)), "7")

    _, rows = parse_csv(exports.idea_links_csv(measures))
    assert {r[8] for r in rows} == {""}


# --- JSON -----------------------------------------------------------------------------------

def test_catalogue_json_round_trips(db, catalogue):
    process, (idea1, idea2) = catalogue
    measures = load(db, process)
    document = json.loads(exports.catalogue_json(process, measures, measure_url, exported_at=EXPORTED_AT,
                                                 idea_url=idea_url).decode("utf-8"))

    assert document["format"] == "participation.measure-catalogue" and document["version"] == 1
    assert document["exported_at"] == "2026-11-23T14:30:00+00:00"
    assert document["process"] == {"id": process.id, "slug": process.slug, "title": process.title,
                                   "municipality": "Musterstadt"}
    assert [m["code"] for m in document["measures"]] == ["ENE-01", "MOB-01", "MOB-02"]

    full = next(m for m in measures if m.code == "MOB-01")
    out = document["measures"][1]
    for key in ("id", "code", "title", "goal", "starting_situation", "description", "initiator", "lead_actor",
                "partners", "target_group", "steps", "success_indicators", "progress_percent", "score", "version",
                "is_public"):
        assert out[key] == getattr(full, key), key
    assert out["url"] == measure_url(full)
    assert out["sector"] == {"code": "MOB", "name": "Mobilität"}
    assert (out["type"], out["time_horizon"], out["status"], out["priority"]) == (
        "technical", "medium", "in_implementation", "high")
    assert (out["planned_start"], out["planned_end"], out["actual_start"], out["actual_end"]) == (
        "2025-01-01", "2027-12-31", "2025-02-15", None)
    assert out["milestones"] == [
        {"title": "Planung abgeschlossen", "due_on": "2025-03-31", "done_on": "2025-04-02"},
        {"title": "Bau; 1. Abschnitt", "due_on": "2026-09-30", "done_on": None},
    ]
    assert out["quantities"] == {
        "ghg_savings": {"value": 1234.5, "low": 900.25, "high": 1500.0, "unit": "t CO₂e/a",
                        "method": "Bilanzierung nach BISKO; Faktor 0,4 t CO₂/MWh",
                        "source": "Konzept 2024, S. 12\nTab. 3"},
        "energy_savings": {"value": 0.30000000000000004, "low": 1e-07, "high": 12345678.9, "unit": "MWh/a",
                           "method": "Schätzung", "source": "ifeu"},
        "investment": {"value": 2500000.0, "low": 2000000.0, "high": 3100000.0, "unit": "€",
                       "method": "Kostenschätzung", "source": "Tiefbauamt"},
        "running_costs": {"value": 12000.75, "low": None, "high": None, "unit": "€/a", "method": "", "source": ""},
    }
    energy = next(m for m in measures if m.code == "ENE-01")
    minimal = next(m for m in measures if m.code == "MOB-02")
    assert out["relations"] == [
        {"kind": "related", "code": "MOB-02", "title": minimal.title, "url": measure_url(minimal)},
        {"kind": "depends_on", "code": "ENE-01", "title": energy.title, "url": measure_url(energy)},
    ]
    assert out["scores"] == [{"criterion": "Umsetzbarkeit", "weight": 2.0, "value": 4, "rationale": "Planung läuft"}]
    assert out["council_decision"] == {"date": "2025-02-12", "reference": "DS 2025/017"}
    assert out["origin"] == {
        "kind": "citizen_ideas", "note": "Aus der Online-Beteiligung & dem Workshop <Nord>",
        "ideas": [
            {"id": idea1.id, "title": idea1.title, "link_kind": "adopted",
             "rationale": "Übernommen; ergänzt\num Querungen", "support_count": 42, "status": "published",
             "url": idea_url(idea1)},
            {"id": idea2.id, "title": idea2.title, "link_kind": "inspired", "rationale": "", "support_count": 7,
             "status": "published", "url": idea_url(idea2)},
        ],
    }
    bare = document["measures"][2]
    assert bare["quantities"] == {} and bare["milestones"] == [] and bare["priority"] is None
    assert bare["council_decision"] == {"date": None, "reference": ""} and bare["score"] is None
    assert bare["relations"] == [{"kind": "related", "code": "MOB-01", "title": full.title, "url": measure_url(full)}]
    assert document["measures"][0]["quantities"]["value_added"]["low"] == -0.25


# --- PDF ------------------------------------------------------------------------------------

def assert_in_order(text, needles):
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, f"{needle!r} missing after position {position} in: {text[position:position + 400]!r}"
        position = found + len(needle)


def test_pdf_has_a_cover_and_one_page_per_measure_in_the_german_field_order(db, catalogue):
    process, (idea1, _) = catalogue
    measures = load(db, process)
    data = exports.measure_sheets_pdf(measures, measure_url, exported_at=EXPORTED_AT)

    assert data.startswith(b"%PDF")
    reader, pages = pdf_pages(data)
    assert len(pages) == 1 + len(measures)

    cover = pages[0]
    assert_in_order(cover, ["Maßnahmenkatalog", process.title, "Inhalt", "Nr.", "Titel", "Handlungsfeld", "Status"])
    for m in measures:
        assert_in_order(cover, [m.code, squash(m.title), m.sector.name, str(label(m.status))])

    for number, (m, page) in enumerate(zip(measures, pages[1:]), start=2):
        assert_in_order(page, [f"Nr. {m.code}", squash(m.title), *SHEET_HEADINGS])
        assert f"Seite {number} von {len(pages)}" in page
        assert "Exportiert am 23.11.2026" in page and process.title in page
        uris = [annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[number - 1]["/Annots"]]
        assert measure_url(m) in uris  # the URL under the QR code is a link
    assert "Seite 1 von 4" in cover

    full = pages[1 + [m.code for m in measures].index("MOB-01")]
    # Umlauts, "₂" (DejaVu), escaped markup, the values in their place.
    assert_in_order(full, [
        "Handlungsfeld", "Mobilität (MOB)", "Ziel und Strategie", "CO₂-Ausstoß im Verkehr senken.",
        "Beschreibung", "<b>nicht fett</b> & keine Markup-Tags.", "Akteure: Beteiligte", "ADFC Ortsgruppe; Stadtwerke",
        "Erfolgsindikatoren und Meilensteine", "Radverkehrsanteil", "31.03.2025: Planung abgeschlossen",
        "erledigt am 02.04.2025", "30.09.2026: Bau; 1. Abschnitt", "offen",
        "Zeithorizont", "geplant: 01.01.2025 bis 31.12.2027", "tatsächlich: 15.02.2025 bis …",
        "Treibhausgas-Einsparung (t CO₂e/a)", "1.234,5 t CO₂e/a (Spanne 900,25–1.500 t CO₂e/a)",
        "Methode: Bilanzierung nach BISKO", "Quelle: Konzept 2024, S. 12", "Investitionskosten (€)", "2.500.000 €",
        "Verknüpfte Maßnahmen / abhängig von", "Verknüpft: MOB-02", "Abhängig von: ENE-01",
        "Priorität", "gewichtete Punktzahl 3,75", "Umsetzbarkeit: 4",
        "Ratsbeschluss", "12.02.2025, Drucksache DS 2025/017", "Fortschritt (%)", "40 %",
        "Herkunft", "Aus der Online-Beteiligung & dem Workshop <Nord>", f"Idee #{idea1.id}: Sichere Radwege",
        "42 Unterstützungen",
    ])
    # The PDF outline lists every measure.
    assert [item.title for item in reader.outline] == [f"{m.code} {m.title}" for m in measures]

    # Titled after the process (as the catalogue page does), the cover names it once, the footer once.
    _, pages = pdf_pages(exports.measure_sheets_pdf(measures, measure_url, title=process.title))
    assert pages[0].count(process.title) == 2 and "Maßnahmenkatalog" not in pages[0]


def test_single_measure_pdf_has_no_cover(db, catalogue):
    process, _ = catalogue
    measure = next(m for m in load(db, process) if m.code == "MOB-02")
    reader, pages = pdf_pages(exports.measure_sheets_pdf([measure], measure_url, exported_at=EXPORTED_AT))
    assert len(pages) == 1
    assert_in_order(pages[0], ["Nr. MOB-02", "Fahrradstraßen prüfen", *SHEET_HEADINGS])
    assert "Seite 1 von 1" in pages[0] and "Maßnahmenkatalog" not in pages[0]
    assert reader.metadata.title == "Maßnahmenblatt MOB-02"


def test_long_measure_continues_and_the_next_starts_on_a_new_page(db, catalogue):
    process, _ = catalogue
    measures = load(db, process)
    long_one = next(m for m in measures if m.code == "ENE-01")
    long_one.description = "\n".join(f"Absatz {i}: " + "Wärmenetz und Speicher. " * 30 for i in range(60))
    long_one.steps = "x" * 5000  # one word longer than a line
    reader, pages = pdf_pages(exports.measure_sheets_pdf(measures, measure_url, exported_at=EXPORTED_AT))
    assert len(pages) > 1 + len(measures)
    starts = [next(i for i, page in enumerate(pages) if f"Nr. {m.code}" in page) for m in measures]
    assert starts[0] == 1 and starts[1] >= 3 and starts[2] == starts[1] + 1
    assert all(f"von {len(pages)}" in page for page in pages)
    continued = " ".join(pages[1:starts[1]])
    assert [int(n) for n in re.findall(r"Absatz (\d+):", continued)] == list(range(60))  # all, once, in order
    assert continued.count("x" * 50) > 50 and "Herkunft" in continued


def test_pdf_without_dejavu_falls_back_to_helvetica_and_writes_co2(db, catalogue, monkeypatch, tmp_path):
    process, _ = catalogue
    measures = load(db, process)
    monkeypatch.setattr(exports, "FONT_DIR", tmp_path)
    monkeypatch.setattr(exports, "_KIT", None)
    data = exports.measure_sheets_pdf(measures, measure_url, exported_at=EXPORTED_AT)
    reader, pages = pdf_pages(data)
    assert len(pages) == 1 + len(measures)
    text = " ".join(pages)
    assert "₂" not in text and "Treibhausgas-Einsparung (t CO2e/a)" in text and "Mobilität" in text
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert not any("DejaVu" in f for f in fonts)


def test_200_measures_render_to_pdf(db, make_process):
    process = make_process()
    sectors = process.sectors
    for i in range(200):
        sector = sectors[i % len(sectors)]
        measure = Measure(
            process=process, sector=sector, code=f"{sector.code}-{i:03d}", title=f"Maßnahme {i}: Wärme & Mobilität",
            type=MeasureType.TECHNICAL, time_horizon=TimeHorizon.MEDIUM, origin=MeasureOrigin.WORKSHOP,
            goal="Ziel: CO₂ senken. " * 8, starting_situation="Ausgangslage mit Umlauten äöü. " * 6,
            description="Beschreibung der Maßnahme; mehrere Sätze.\n" * 6, initiator="Stadt",
            lead_actor="Klimaschutzmanagement", partners="Stadtwerke; Verbände", target_group="Alle",
            steps="1. Planen\n2. Umsetzen\n3. Prüfen", success_indicators="Indikator A, Indikator B",
            priority=Priority.MEDIUM, score=2.5, progress_percent=i % 101,
            council_decision_on=date(2025, 5, 1), council_reference=f"DS {i}",
        )
        measure.quantities = [MeasureQuantity(kind=kind, value=100.5 * i, low=90.0 * i, high=110.0 * i,
                                              method="Schätzung", source="Konzept") for kind in QuantityKind]
        measure.milestones = [Milestone(title="Start", due_on=date(2025, 6, 1), done_on=date(2025, 6, 3)),
                              Milestone(title="Ende", due_on=date(2027, 6, 1))]
        db.session.add(measure)
    db.session.commit()
    measures = load(db, process)
    relations = exports.load_relations(measures)

    started = time.perf_counter()
    data = exports.measure_sheets_pdf(measures, measure_url, relations=relations, exported_at=EXPORTED_AT)
    elapsed = time.perf_counter() - started
    print(f"\n200-measure PDF: {elapsed:.2f} s, {len(data) / 1024:.0f} KiB")

    reader, _ = pdf_pages(data)
    assert len(reader.outline) == 200
    sheet_pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert sheet_pages == sorted(sheet_pages) and len(set(sheet_pages)) == 200
    assert len(reader.pages) == sheet_pages[0] + 200  # cover pages, then one page per measure
    assert measures[-1].code in reader.pages[-1].extract_text()


def test_the_qr_code_on_each_sheet_reads_as_the_measure_url(db, catalogue):
    require_or_skip(pdfium and zxingcpp, "pypdfium2 and zxing-cpp are not installed (dev extra)")
    process, _ = catalogue
    measures = load(db, process)
    document = pdfium.PdfDocument(exports.measure_sheets_pdf(measures, measure_url, exported_at=EXPORTED_AT))
    found = [[code.text for code in zxingcpp.read_barcodes(page.render(scale=2).to_pil())] for page in document]
    assert found == [[], *([measure_url(m)] for m in measures)]  # none on the cover


def test_pdf_of_no_measures_is_a_cover_that_says_so(db, make_process):
    process = make_process()
    reader, pages = pdf_pages(exports.measure_sheets_pdf([], measure_url, process=process, exported_at=EXPORTED_AT))
    assert len(pages) == 1
    assert_in_order(pages[0], ["Maßnahmenkatalog", process.title, "0 Maßnahmen", "Keine Maßnahmen."])


def test_relations_stated_both_ways_appear_once(db, catalogue):
    process, _ = catalogue
    measures = {m.code: m for m in load(db, process)}
    db.session.add(MeasureRelation(measure_id=measures["MOB-01"].id, other_id=measures["MOB-02"].id,
                                   kind=RelationKind.RELATED))
    db.session.commit()
    relations = exports.load_relations(measures.values())
    assert [(k, o.code) for k, o in relations[measures["MOB-01"].id]] == [
        (RelationKind.RELATED, "MOB-02"), (RelationKind.DEPENDS_ON, "ENE-01")]
    assert [(k, o.code) for k, o in relations[measures["MOB-02"].id]] == [(RelationKind.RELATED, "MOB-01")]
    assert relations[measures["ENE-01"].id] == []  # "depends on" is one way
    # Measures outside the export are named when public, or for the staff.
    assert exports.load_relations([measures["MOB-01"]]) == {measures["MOB-01"].id: []}
    only = exports.load_relations([measures["MOB-01"]], include_private=True)
    assert [o.code for _, o in only[measures["MOB-01"].id]] == ["MOB-02", "ENE-01"]
    measures["ENE-01"].is_public = True
    db.session.commit()
    only = exports.load_relations([measures["MOB-01"]])
    assert [(k, o.code) for k, o in only[measures["MOB-01"].id]] == [(RelationKind.DEPENDS_ON, "ENE-01")]
    header, rows = parse_csv(exports.measures_csv([measures["MOB-01"]]))
    row = dict(zip(header, rows[0]))
    assert (row["Verknüpfte Maßnahmen"], row["Abhängig von"]) == ("", "ENE-01 Wärmeplanung für Übergänge")


def test_qr_mask_penalty_follows_iso_18004():
    dark = [[True] * 21 for _ in range(21)]
    # N1: 42 lines, each one run of 21 (3 + 16); N2: 20 x 20 blocks of 2x2 (3 each); N4: 100 % dark (10 x 10).
    assert exports._qr_penalty(dark) == 42 * 19 + 400 * 3 + 100
    checkerboard = [[(r + c) % 2 == 0 for c in range(21)] for r in range(21)]
    assert exports._qr_penalty(checkerboard) == 0  # 221 of 441 dark is within 5 % of half
    finder_like = [list(map(bool, [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0] + [1, 0] * 5))] + checkerboard[1:]
    assert exports._qr_penalty(finder_like) == 40  # N3: 1:1:3:1:1 followed by 4 light modules


def test_ideas_nobody_may_see_are_left_out_unless_the_export_is_for_staff(db, catalogue):
    from participation.database import utcnow

    process, (idea1, idea2) = catalogue
    idea1.hidden_at = utcnow()  # hidden by moderation after it was linked
    db.session.commit()
    measures = load(db, process)
    full = next(m for m in measures if m.code == "MOB-01")

    _, links = parse_csv(exports.idea_links_csv(measures))
    assert sorted(int(row[2]) for row in links) == [idea2.id, idea2.id]
    header, rows = parse_csv(exports.measures_csv(measures))
    assert dict(zip(header, rows[1]))["Bürgerideen"] == f"#{idea2.id} {idea2.title}"
    document = json.loads(exports.catalogue_json(process, measures, measure_url))
    assert [i["id"] for i in document["measures"][1]["origin"]["ideas"]] == [idea2.id]
    _, pages = pdf_pages(exports.measure_sheets_pdf([full], measure_url))
    assert idea1.title not in pages[0] and f"Idee #{idea2.id}" in pages[0]

    _, links = parse_csv(exports.idea_links_csv(measures, include_private=True))
    assert len(links) == 3
    header, rows = parse_csv(exports.measures_csv(measures, include_private=True))
    assert dict(zip(header, rows[1]))["Bürgerideen"].startswith(f"#{idea1.id} ")
    document = json.loads(exports.catalogue_json(process, measures, measure_url, include_private=True))
    assert [i["id"] for i in document["measures"][1]["origin"]["ideas"]] == [idea1.id, idea2.id]
    _, pages = pdf_pages(exports.measure_sheets_pdf([full], measure_url, include_private=True))
    assert idea1.title in pages[0]
